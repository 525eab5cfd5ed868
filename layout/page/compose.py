"""Page composition: the issue's pages → display-list pages.

Per page: furniture (masthead on page 1, folio line), then each module in its grid rectangle:
headline block across the module, photo at the top of the text area, the story flowed
through the module's columns on the baseline grid, rules between modules, crop marks.
Every story reports how many grid lines it set and what did not fit (overset).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .. import display as dl
from .. import markup
from ..calendar import date_line
from ..errors import BroadsheetError
from ..fonts import Face, FontBook
from ..model import (Issue, ListBlock, Module, Page, Paragraph, Photo, Placement, Quote,
                     Sidebar, Subhead, Table)
from ..photo import photo_size
from ..style import Style, TypeSpec
from ..text.compose import Line, Request, compose_request
from ..text.headline import set_headline, set_ragged, set_vertical
from . import blocks
from .grid import baseline, fill_crop as _fill_crop, text_line
from .tables import rows_fitting, table_block, table_columns
from .furniture import folio_line, masthead, print_marks
from .boxes import (box_over, box_rect, box_under, boxed, boxed_text_columns, check_box,
                    column_rules, inset_chars, reverse_headline)
from .fixed import check_fixed, compose_fixed, masthead_ear
from .regions import Region, story_regions


@dataclass
class StoryFit:
    """How a story fitted its module: lines are grid lines of its text area."""
    page: int
    article: str                # article file name
    headline: str
    lines_set: int
    lines_available: int
    overset_text: str = ""      # the characters that did not fit
    too_wide: tuple[str, ...] = ()      # lines wider than their column, withheld (not drawn)
    frame: tuple[float, float, float, float] = (0, 0, 0, 0)   # module: x, y, width, height (pt)
    continued_from: int | None = None   # page the story comes from (上接), if a continuation
    continued_on: int | None = None     # page it jumps to (下转), if it goes on
    regions: tuple[Region, ...] = ()    # where its headline, column pieces, photos sit

    @property
    def overset(self) -> bool:
        return bool(self.overset_text or self.too_wide)


@dataclass
class Composition:
    document: dl.Document
    fits: list[StoryFit] = field(default_factory=list)
    findings: list = field(default_factory=list)    # ads' preflight (`preflight.Finding`)


@dataclass
class _Flowed:
    """A piece of a story in the flow: `height` grid lines of lines at one horizontal alignment."""
    kind: str                   # "byline", "body", "subhead", "jump", "item", "framed"
    lines: list[Line]
    height: int                 # grid lines
    spec: TypeSpec
    text: str = ""              # the source text the lines were set from (to re-set them)
    faces: tuple = ()           # body: inline emphasis as (start, end, role) of `text`
    block: object = None        # item, framed: the model block, to re-set it
    items: list | None = None   # framed: display items relative to its first line's top-left
    hang: float = 0.0           # item: the list's hanging indent
    split: object = None        # framed: split(room) → (first, rest) pieces, or None (tables)

    def part(self, start: int, end: int | None = None) -> _Flowed:
        """Lines [start:end] of a body piece, as a piece of their own (a column's share)."""
        lines = self.lines[start:end]
        # built directly, not with dataclasses.replace: column filling asks for this often
        return _Flowed(self.kind, lines, len(lines), self.spec, self.text, self.faces,
                       self.block, self.items, self.hang, self.split)


SPLITTABLE = ("body", "item")   # pieces a column break may fall inside


@dataclass
class _Story:
    """A story's way through its modules: the pages of its parts and what is left to set."""
    pages: list[int]                    # the page of each of its modules, in order
    flow: list[_Flowed] | None = None   # still to be set (None: not begun)
    measure: float = 0.0                # the measure `flow` is set at
    part: int = 0                       # modules done


def compose_issue(issue: Issue, style: Style, book: FontBook, on_page=None) -> Composition:
    """Compose every page of the issue, in order (a story jumping to a later page needs what
    the earlier left); `on_page(fits)` is told each page's story fits."""
    pages, fits, findings = [], [], []
    style = replace(style, words=style.words + issue.words)    # the issue's names and terms
    stories: dict[int, _Story] = {}
    for page in issue.pages:
        for module in page.modules:
            stories.setdefault(id(module.article), _Story([])).pages.append(page.number)
    for page in issue.pages:
        items, page_fits, page_findings = _compose_page(issue, page, style, book, stories)
        fits += page_fits
        findings += page_findings
        if on_page is not None:
            on_page(page_fits)
        pages.append(dl.Page(number=page.number, width=style.page_width,
                             height=style.page_height, bleed=style.bleed,
                             items=tuple(items), label=f"第{page.number}版"))
    title = f"{issue.masthead.name} 第{issue.number}期 {date_line(issue.date).gregorian}"
    return Composition(dl.Document(title=title, pages=tuple(pages)), fits, findings)


def planned_paragraphs(issue: Issue, style: Style) -> list[Request]:
    """Body paragraphs as each story's first module will set them. A guess that misses (a
    vertical headline narrows its module) costs only the time: `compose` sets it then."""
    requests = []
    for module in issue.story_starts():
        place = module.place
        _, measure, _ = _text_columns(style, place.column, place.columns, module.text_columns)
        if measure < MIN_COLUMN_CHARS * style.body_size:
            continue                                    # refused when the page is composed
        requests += [_body_request(text, measure, style, faces=faces)
                     for text, faces in blocks.paragraphs_as_set(module.article, style)]
    return requests


def planned_titles(issue: Issue) -> list[str]:
    """The title-like texts a render may have to wrap between words (`titles_ahead`):
    kickers, headlines, decks, subheads and captions with their credits, as they are set."""
    texts = []
    for module in issue.story_starts():
        article = module.article
        texts += [article.kicker, article.headline, article.deck]
        for block in article.blocks:
            if isinstance(block, Subhead):
                texts.append(block.text)
            elif isinstance(block, Photo):
                texts.append(f"{block.caption} {block.credit}".strip())
    return [text for text in texts if text]


def _body_request(text: str, measure: float, style: Style, indent: bool = True,
                  faces: tuple = ()) -> Request:
    """A body paragraph as it is set: here and in `planned_paragraphs`, one request, so that
    what is set ahead is what the flow asks for."""
    return Request(text, measure, style.body_size, "body", style.text,
                   style.indent_em if indent else 0, faces=faces)


def _compose_page(issue: Issue, page: Page, style: Style, book: FontBook,
                  stories: dict[int, _Story]):
    items: list = []
    first_line = 1
    findings: list = []
    if page.number == 1:
        ear, findings = masthead_ear(issue, style, book)      # an ad in the 报眼, if there is one
        items += masthead(issue, style, book, ear)
        first_line = style.masthead_lines + 1
    items += folio_line(issue, page, style, book)
    fits = []
    for module in page.modules:
        _check_placement(issue, page, module, style, first_line)
        try:
            module_items, fit = _compose_module(module, page, style, book,
                                                _has_module_above(module, page),
                                                stories[id(module.article)])
        except BroadsheetError as error:
            error.file = error.file or str(module.article.source)   # e.g. a character no font has
            raise
        items += module_items
        fits.append(fit)
    check_fixed(issue, page, style, first_line)
    fixed_items, fixed_fits, fixed_findings = compose_fixed(
        page, style, book, lambda place: _module_above(place, page))
    items += fixed_items
    fits += fixed_fits
    findings += fixed_findings
    items += _rules_between(page, style)
    items = _in_style_colors(items, style)
    items += print_marks(issue, page, style, book)      # in registration colour, as they are
    return items, fits, findings


def _in_style_colors(items: list, style: Style) -> list:
    """The page's type and rules in the style's `[colors]` text and rules: what was set in
    black takes them; the paper's name keeps the colour it was set in (colors.masthead)."""
    text, rules = style.colors["text"], style.colors["rules"]
    if text == dl.BLACK and rules == dl.BLACK:
        return items

    def colored(item):
        if getattr(item, "color", None) != dl.BLACK:
            return item
        if isinstance(item, dl.TextLine) and item.role != "masthead":
            return replace(item, color=text)
        if isinstance(item, dl.Rule):
            return replace(item, color=rules)
        return item
    return [colored(item) for item in items]


# ---------------------------------------------------------------------------------- modules

def _check_placement(issue: Issue, page: Page, module: Module, style: Style, first_line: int):
    place = module.place
    where = (module.field or f"pages[{issue.pages.index(page)}].modules"
                             f"[{page.modules.index(module)}]") + ".place"
    file = str(issue.source / "issue.toml")
    if place.column + place.columns - 1 > style.columns:
        raise BroadsheetError(
            f"columns {place.column}–{place.column + place.columns - 1} leave the type area "
            f"({style.columns} columns)", file=file, field=where,
            fix=f"make column + columns − 1 at most {style.columns}")
    if place.line + place.lines - 1 > style.lines:
        raise BroadsheetError(
            f"grid lines {place.line}–{place.line + place.lines - 1} leave the type area "
            f"({style.lines} lines)", file=file, field=where,
            fix=f"make line + lines − 1 at most {style.lines}")
    if module.text_columns and (chars := _column_chars(style, place.columns,
                                                       module.text_columns)) < MIN_COLUMN_CHARS:
        most = max((n for n in range(1, place.columns * style.column_chars + 1)
                    if _column_chars(style, place.columns, n) >= MIN_COLUMN_CHARS), default=1)
        raise BroadsheetError(
            f"text_columns = {module.text_columns} leaves each column {max(chars, 0)} "
            f"character(s), fewer than {MIN_COLUMN_CHARS}",
            file=file, field=where.removesuffix(".place") + ".text_columns",
            fix=f"give at most {most} text columns to a module {place.columns} columns wide")
    if place.line < first_line:
        raise BroadsheetError(f"line {place.line} overlaps the masthead (lines 1–{first_line - 1})",
                              file=file, field=where, fix=f"start at line {first_line} or below")
    for other in page.modules:
        if other is not module and _overlap(module, other):
            raise BroadsheetError(f"overlaps the module of {other.article.source.name}",
                                  file=file, field=where, fix="move or shrink one of them")
    check_box(module, style, where.removesuffix(".place"), file)


def _share_columns(a: Placement, b: Placement) -> bool:
    return a.column < b.column + b.columns and b.column < a.column + a.columns


def _overlap(a: Module, b: Module) -> bool:
    pa, pb = a.place, b.place
    return _share_columns(pa, pb) and pa.line < pb.line + pb.lines and pb.line < pa.line + pa.lines


def _has_module_above(module: Module, page: Page) -> bool:
    return _module_above(module.place, page)


def _places(page: Page) -> list[Placement]:
    """Every module's place on the page: stories, ads and picture modules."""
    return [m.place for m in page.modules] + [f.place for f in page.fixed if f.place]


def _module_above(p: Placement, page: Page) -> bool:
    return any(o.line + o.lines == p.line and _share_columns(o, p) for o in _places(page))


def _compose_module(module: Module, page: Page, style: Style, book: FontBook, rule_above: bool,
                    story: _Story, regions: bool = True):
    """The module's display items and its fit; `regions` False leaves the fit's regions
    empty (the make-up's trial compositions need only what fits and where)."""
    article, place = module.article, module.place
    line = place.line + (1 if rule_above else 0)        # the rule sits in that first line
    last_line = place.line + place.lines - 1
    frame = (style.column_x(place.column), style.line_y(place.line),
             style.span_width(place.columns), place.lines * style.line_pitch)
    came_from = story.pages[story.part - 1] if story.part else None
    story.part += 1
    goes_on = story.pages[story.part] if story.part < len(story.pages) else None
    items: list = []
    too_wide: list[str] = []                            # lines withheld as wider than their room
    box = None
    if boxed(module):           # frame, tint, bar: the first and last grid lines are its margin
        box = box_rect(style, place.column, place.columns, line, last_line)
        line, last_line = line + 1, last_line - 1
    headline_start = len(items)

    if module.continues:                                # 转版: a smaller head over the rest
        line = _headline_block(article, frame[0], frame[2], line, style, book, items, too_wide,
                               keys=(("jump_head", article.headline),))
    elif module.headline == "vertical":                 # 竖排: titles down the right side
        columns = place.columns - _vertical_headline_block(article, place, line, last_line,
                                                           style, book, items)
        if columns < 1:
            raise BroadsheetError(
                f"the module is too narrow for a vertical headline ({place.columns} columns)",
                file=str(article.source), field="place.columns",
                fix="make the module wider or set the headline horizontally")
        place = replace(place, columns=columns)
    else:
        line = _headline_block(article, frame[0], frame[2], line, style, book, items, too_wide,
                               headline_size=module.headline_size)
    if module.headline_bar and module.headline != "vertical":
        items[headline_start:] = reverse_headline(items[headline_start:], box,
                                                  place.line, line, style)
    line += module.title_space                          # copyfit: blank lines under the title
    if article.editor_note and not module.continues:     # 编者按 across the module
        line = _editor_note(article, place, line, style, book, items)
    if line > last_line:
        raise BroadsheetError(
            f"the module is too small for its headline ({place.lines} grid lines)",
            file=str(article.source), field="place.lines",
            fix=f"give it at least {line - place.line + 5} grid lines")

    if box:
        xs, measure, gap = boxed_text_columns(style, place.column, place.columns,
                                              module.text_columns, inset_chars(module, style))
    else:
        xs, measure, gap = _text_columns(style, place.column, place.columns, module.text_columns)
    # pull quotes the style spans over several columns stand at the top of the text, as photos
    quote_span = min(blocks.spec(style, "quote").columns or 1, len(xs))
    if story.flow is None:
        story.flow = _flow_items(article, style, book, measure, quotes=quote_span == 1)
    elif abs(measure - story.measure) > 1e-6:
        story.flow = _reset(story.flow, measure, style, book)
    story.measure = measure
    flow = _spaced(story.flow, module.subhead_space)
    if came_from is not None:
        flow.insert(0, _jump_line(f"（上接第{came_from}版）", measure, style, book))
    photos = [] if module.continues or module.photo == "none" else [
        b for b in article.blocks if isinstance(b, Photo)]
    quotes = [] if module.continues or quote_span == 1 else \
        _top_quotes(article, quote_span * measure + (quote_span - 1) * gap, style, book)
    pixels = [photo_size(photo.path, style.print.max_megapixels)   # read once, laid out often
              for photo in photos]
    # The byline sits directly under the title block, at the head of the first column, before
    # any photo (issue 16), not below the photo with the text.
    byline = flow.pop(0) if photos and flow and flow[0].kind == "byline" else None

    def layout(extra_lines: int, balance: bool = goes_on is None):
        """Photos at the top, bottom or side of the text (the first one `extra_lines`
        taller), pull quotes at the top, the text round them in the columns' free lines."""
        tops, bottoms, frames = _photo_layout(photos, pixels, xs, measure, gap, line,
                                              last_line, style, book, extra_lines, article,
                                              module.photo, module.photo_columns,
                                              byline.height + 1 if byline else 0)
        for quote in quotes:
            top = max(tops[:quote_span])
            frames.append(_PhotoFrame(blocks.moved(quote.items, xs[0], style.line_y(top)),
                                      top + quote.height + 1, 0, quote.height, False))
            for c in range(quote_span):
                tops[c] = top + quote.height + 1
        capacity = [bottom - top + 1 for top, bottom in zip(tops, bottoms)]
        if goes_on is not None:
            capacity[-1] -= 1                           # the last line says where it goes on
        capacity = [max(0, lines) for lines in capacity]
        placed, rest = _fill(flow, capacity, balance, carried=goes_on is not None)
        return tops, capacity, frames, placed, rest

    tops, capacity, frames, placed, rest = layout(0)
    if photos and not rest:
        # A photo grows (cropped to fill) to take up the room the story leaves, so the module
        # ends full; the most it may grow is to a square-ish frame, and not so far that a
        # column of text would hold one line between deeper ones (2, 2, 1, 2 lines).
        low, high = 0, max(_photo_growth_limit(f, style) for f in frames[:1])
        while low < high:
            middle = (low + high + 1) // 2
            _, grown, _, grown_placed, grown_rest = layout(middle, balance=False)
            if grown_rest or _stepped(grown_placed, grown):
                high = middle - 1
            else:
                low = middle
        tops, capacity, frames, placed, rest = layout(low)
    if byline is not None:
        _draw_flowed(byline, xs[0], measure, line, style, items, too_wide)
    for photo_frame in frames:
        items += photo_frame.items
        too_wide += photo_frame.too_wide
    for c, slot, piece in placed:
        _draw_flowed(piece, xs[c], measure, tops[c] + slot, style, items, too_wide)
    items += column_rules(placed, xs, gap, tops, style)
    if box:
        items[:0] = box_under(module, box, style)       # the tint under everything
        items += box_over(module, box, style)
    story.flow = rest
    if goes_on is not None and rest:
        [jump] = _jump_line(f"（下转第{goes_on}版）", measure, style, book).lines
        items.append(text_line(jump, xs[-1] + measure - jump.width,
                               baseline(style, tops[-1] + capacity[-1], 1, jump.size), "jump"))
    final = goes_on is None
    overset_text = "".join(line.text for piece in rest for line in piece.lines
                           if piece.kind != "jump") if final else ""
    fit = StoryFit(page=page.number, article=article.source.name, headline=article.headline,
                   lines_set=sum(piece.height for _, _, piece in placed),
                   lines_available=sum(max(0, c) for c in capacity), overset_text=overset_text,
                   frame=frame, continued_from=came_from, continued_on=goes_on,
                   too_wide=tuple(too_wide))
    if regions:
        fit.regions = story_regions(items, xs, measure, style.line_pitch)
    return items, fit


def _editor_note(article, place: Placement, line: int, style: Style, book: FontBook,
                 items: list) -> int:
    """The 编者按 across the module from grid line `line`; returns the next free line."""
    note = blocks.editor_note_block(article.editor_note, article.editor_note_emphasis,
                                    style.span_width(place.columns), style, book)
    items += blocks.moved(note.items, style.column_x(place.column), style.line_y(line))
    return line + note.height + 1


def _top_quotes(article, width: float, style: Style, book: FontBook) -> list[blocks.Framed]:
    """The story's pull quotes, `width` wide, to stand at the top of its text."""
    return [blocks.quote_block(block, width, style, book) for block in article.blocks
            if isinstance(block, Quote)]


MIN_COLUMN_CHARS = 4        # the narrowest column of text (破栏) a module may have, in characters


def _column_chars(style: Style, columns: int, text_columns: int) -> int:
    """Body characters a line holds when `text_columns` share a module `columns` wide."""
    chars = columns * style.column_chars + (columns - 1) * style.gutter_chars
    return (chars - (text_columns - 1) * style.gutter_chars) // text_columns


def _photo_layout(photos, pixels, xs, measure, gap, line, last_line, style, book, extra_lines,
                  article, size: str | None = None, chosen: int | None = None,
                  byline_lines: int = 0):
    """Each story photo's frame at its position — across the top or bottom of the first
    `columns` text columns, or at the top of the left or right ones (text beside it and on
    below) — and each column's first and last free grid line. The first column's head keeps
    `byline_lines` for the byline, above any photo there."""
    tops, bottoms = [line] * len(xs), [last_line] * len(xs)
    tops[0] += byline_lines
    frames = []
    for n, photo in enumerate(photos):
        side = photo.position in ("left", "right")
        span = min(chosen or _photo_span(photo, size, len(xs), side), len(xs))
        columns = range(len(xs) - span, len(xs)) if photo.position == "right" else range(span)
        width = span * measure + (span - 1) * gap
        grow = extra_lines if n == 0 else 0
        x, top, bottom = xs[columns[0]], max(tops[c] for c in columns), \
            min(bottoms[c] for c in columns)
        frame = _photo_frame(photo, pixels[n], x, top, bottom, width, style, book, grow, article)
        if photo.position == "bottom":      # the same frame, moved down to end at `bottom`
            start = bottom - (frame.next_line - top) + 2
            frame = _photo_frame(photo, pixels[n], x, start, bottom, width, style, book, grow,
                                 article)
            for c in columns:
                bottoms[c] = start - 2                  # a blank grid line over the photo
        else:
            for c in columns:
                tops[c] = frame.next_line
        frames.append(frame)
    return tops, bottoms, frames


def _text_columns(style: Style, first: int, columns: int, text_columns: int | None):
    """x of each text column, their measure and the gap between them, in points.

    The text follows the basic columns unless the module breaks them (破栏): then
    `text_columns` columns of whole characters share the module's width, the characters left
    over widening the gutters.
    """
    if not text_columns or text_columns == columns:
        return ([style.column_x(first + c) for c in range(columns)],
                style.column_chars * style.body_size, style.gutter_chars * style.body_size)
    measure = _column_chars(style, columns, text_columns) * style.body_size
    gap = ((style.span_width(columns) - text_columns * measure) / (text_columns - 1)
           if text_columns > 1 else 0.0)
    return ([style.column_x(first) + c * (measure + gap) for c in range(text_columns)],
            measure, gap)


def _jump_line(text: str, measure: float, style: Style, book: FontBook) -> _Flowed:
    spec = style.type["jump"]
    lines = set_ragged(text, width=measure, size=spec.size, role=spec.role, book=book,
                       settings=style.text)
    return _Flowed("jump", lines, len(lines), spec, text)


def _headline_block(article, x, width, line, style: Style, book, items, too_wide: list[str],
                    keys=None, headline_size: float | None = None) -> int:
    """Kicker, headline and deck centred across the module (the headline no larger than
    `headline_size`, if given); returns the next free grid line. A line wider than the
    module (a long Latin word) is not drawn but put in `too_wide`."""
    keys = keys or (("kicker", article.kicker), ("headline", article.headline),
                    ("deck", article.deck))
    for key, text in keys:
        if not text:
            continue
        spec = style.type[key]
        if key == "headline" and headline_size is not None:
            spec = replace(spec, size=min(spec.size, headline_size),
                           min_size=min(spec.min_size or spec.size, headline_size))
        room = width - 2 * style.body_size
        lines, size = _fit_headline(text, spec, room, style, book)
        per_line = math.ceil(size * 1.3 / style.line_pitch)
        for set_line in lines:
            if _fits(set_line, room, too_wide):
                items.append(text_line(set_line, x + (width - set_line.width) / 2,
                                       baseline(style, line, per_line, size), key))
            line += per_line
    return line + 1                                     # a blank grid line under the block


VERTICAL_HEADLINE_PARTS = ("kicker", "headline", "deck")     # set right to left


def _vertical_headline_block(article, place, line, last_line, style: Style, book, items) -> int:
    """Kicker, headline and deck as vertical columns at the module's right edge, read right
    to left; returns how many basic columns they take."""
    top = style.line_y(line) + style.body_size
    height = style.line_y(last_line + 1) - top - style.body_size
    columns = []
    for key in VERTICAL_HEADLINE_PARTS:
        if text := getattr(article, key):
            spec = style.type[key]
            columns.append((key, *set_vertical(text, height=height, size=spec.size,
                                               min_size=spec.min_size or spec.size / 2,
                                               role=spec.role, book=book)))
    gap = style.body_size
    total = sum(size for _, _, size in columns) + gap * (len(columns) - 1)
    step = (style.column_chars + style.gutter_chars) * style.body_size
    taken = math.ceil((total + 2 * style.body_size + style.gutter_chars * style.body_size) / step)
    area_left = style.column_x(place.column + place.columns - taken)
    area_width = style.span_width(taken)
    x = area_left + (area_width + total) / 2                # right edge of the first column
    for key, set_line, size in columns:
        x -= size
        items.append(text_line(set_line, x, top + 0.88 * size, key))
        x -= gap
    return taken


def _fit_headline(text: str, spec: TypeSpec, width: float, style: Style, book: FontBook):
    return set_headline(text, width=width, size=spec.size, min_size=spec.min_size or spec.size,
                        role=spec.role, book=book, settings=style.text, words=style.words)


@dataclass
class _PhotoFrame:
    items: list
    next_line: int              # first grid line free below the caption
    width: float
    height_lines: int
    can_grow: bool = True       # a cropped (fill) photo may grow to fill its module
    too_wide: list[str] = field(default_factory=list)     # caption lines wider than the photo


def _photo_span(photo: Photo, size: str | None, columns: int, side: bool = False) -> int:
    """Text columns a photo spans: all of them ("large"), half ("small"), or as written
    (default: all, or half beside the text)."""
    if size == "large":
        return columns
    if size == "small":
        return max(1, columns // 2)
    return min(photo.columns or (max(1, columns // 2) if side else columns), columns)


MIN_PHOTO_LINES = 4         # the least a photo is given, in grid lines


def _photo_frame(photo: Photo, pixels: tuple[int, int], x, line, last_line, width,
                 style: Style, book, extra_lines: int, article) -> _PhotoFrame:
    """A photo `width` points wide at grid line `line`, in whole grid lines, caption below,
    all of it above grid line `last_line` + 1 (the module's end).

    `fill` crops the picture to the frame around its focus point (more of it when the module
    is shorter than the picture); `fit` shows all of it, centred in a frame that does not
    grow (narrower when the module is short). A module too short for the photo's least frame
    and its caption is an error naming both.
    """
    spec = style.type["caption"]
    caption = f"{photo.caption} {photo.credit}".strip()
    credit = (len(caption) - len(photo.credit.strip()), len(caption)) if photo.credit.strip() \
        else (0, 0)                                     # a credit is a name: kept whole
    captions = set_ragged(caption, width=width, size=spec.size, role=spec.role, book=book,
                          settings=style.text, words=style.words,
                          keep=(credit,)) if caption else []
    most = last_line - line + 1 - len(captions)        # grid lines the picture may take
    if most < MIN_PHOTO_LINES:
        needed = MIN_PHOTO_LINES + len(captions)
        raise BroadsheetError(
            f"the photo {photo.path.name} needs at least {needed} grid lines with its caption, "
            f"and its module has {max(0, last_line - line + 1)} left there",
            file=str(article.source), field=f"photo {photo.path.name}",
            fix=f"make the module at least {needed - max(0, last_line - line + 1)} grid lines "
                "taller in issue.toml, narrow the photo with {columns=N}, or shorten the caption")
    pixel_w, pixel_h = pixels
    natural = width * pixel_h / pixel_w
    if photo.fit == "fit":
        height_lines = min(most, max(MIN_PHOTO_LINES, math.ceil(
            (natural + style.line_pitch - style.body_size) / style.line_pitch)))
        shown = min(natural, height_lines * style.line_pitch - (style.line_pitch - style.body_size))
        shown_width = shown * pixel_w / pixel_h
        items: list = [dl.Image(photo.path, x + (width - shown_width) / 2, style.line_y(line),
                                shown_width, shown, (0.0, 0.0, 1.0, 1.0))]
        extra_lines = 0
    else:
        height_lines = min(most, max(MIN_PHOTO_LINES, round(natural / style.line_pitch))
                           + extra_lines)
        height = height_lines * style.line_pitch - (style.line_pitch - style.body_size)
        items = [dl.Image(photo.path, x, style.line_y(line), width, height,
                          _fill_crop(pixel_w, pixel_h, width, height, photo.focus))]
    line += height_lines
    too_wide: list[str] = []
    for set_line in captions:
        if _fits(set_line, width, too_wide):
            items.append(text_line(set_line, x, baseline(style, line, 1, spec.size), "caption"))
        line += 1
    return _PhotoFrame(items, line + 1, width, height_lines, photo.fit == "fill", too_wide)


def _photo_growth_limit(frame: _PhotoFrame, style: Style) -> int:
    """Lines a photo may grow by before its frame is taller than it is wide."""
    if not frame.can_grow:
        return 0
    return max(0, int(frame.width / style.line_pitch) - frame.height_lines)


# ------------------------------------------------------------------------------------- flow

def _flow_items(article, style: Style, book: FontBook, measure: float, quotes: bool = True
                ) -> list[_Flowed]:
    """The story as pieces to flow; pull quotes among them unless set over several columns
    (`quotes` false)."""
    flow = []
    if markup.credit(article) and not article.dateline:  # with a dateline it follows that
        flow.append(_flowed("byline", markup.credit(article), measure, style, book))
    subhead = _subhead_spec(article, measure, style, book)
    paragraphs = iter(blocks.paragraphs_as_set(article, style))
    for block in article.blocks:
        if isinstance(block, Paragraph):
            text, faces = next(paragraphs)
            flow.append(_flowed("body", text, measure, style, book, faces=faces))
        elif isinstance(block, Subhead):
            flow.append(_flowed("subhead", block.text, measure, style, book, subhead))
        elif not isinstance(block, Photo) and (quotes or not isinstance(block, Quote)):
            flow += _block_pieces(block, measure, style, book, str(article.source))
    if article.origin:
        flow.append(_flowed("source", f"来源：{article.origin}", measure, style, book,
                            blocks.spec(style, "source")))
    return flow


def _block_pieces(block, measure: float, style: Style, book: FontBook, file: str,
                  start: int = 0) -> list[_Flowed]:
    """A quote, list, table or sidebar as pieces of the flow (see `page.blocks`); `start`: a
    list item's first character still to set, when it goes on in other columns."""
    body = TypeSpec(size=style.body_size, role="body", lines=1)
    if isinstance(block, ListBlock):
        hang = blocks.list_hang(block, style, book)
        pieces = []
        for item in block.items:
            set_item = blocks.list_item(item, hang, measure, style, book, start)
            pieces.append(_Flowed("item", set_item.lines, len(set_item.lines), body,
                                  set_item.text, block=item, hang=hang))
        return pieces
    if isinstance(block, Table):
        return [_table_piece(block, table_columns(block, measure, style, book, file), measure,
                             style, book)]
    if isinstance(block, Quote):
        framed = blocks.quote_block(block, measure, style, book)
    elif isinstance(block, Sidebar):
        framed = blocks.sidebar_block(block, measure, style, book)
    else:
        raise TypeError(f"no setting for {type(block).__name__}")
    return [_framed_piece(framed, block, style)]


def _framed_piece(framed: blocks.Framed, block, style: Style) -> _Flowed:
    lines = [Line(glyphs=item.glyphs, width=0, size=item.size, last=True)
             for item in framed.items if isinstance(item, dl.TextLine)]
    return _Flowed("framed", lines, framed.height, TypeSpec(size=style.body_size, role="body"),
                   framed.text, block=block, items=framed.items)


def _table_piece(table: Table, columns, measure: float, style: Style, book: FontBook
                 ) -> _Flowed:
    """A table as a piece of the flow that a column break may split between rows: the rest
    goes on in the next column under its header again (续表), in the same column widths."""
    piece = _framed_piece(table_block(table, measure, style, book, columns), table, style)

    def split(room: int):
        count = rows_fitting(table, columns, room, style, book)
        if not 0 < count < len(table.rows):
            return None
        return (_table_piece(replace(table, rows=table.rows[:count]), columns, measure, style,
                             book),
                _table_piece(replace(table, rows=table.rows[count:]), columns, measure, style,
                             book))
    piece.split = split
    return piece


def _subhead_spec(article, measure: float, style: Style, book: FontBook) -> TypeSpec:
    """All subheads of a story share one size: the largest at which each fits its column."""
    subheads = [block.text for block in article.blocks if isinstance(block, Subhead)]
    spec = style.type["subhead"]
    if not subheads:
        return spec
    size = min(_fit_headline(text, spec, measure, style, book)[1] for text in subheads)
    return replace(spec, size=size, min_size=size)


def _flowed(kind: str, text: str, measure: float, style: Style, book: FontBook,
            spec: TypeSpec | None = None, indent: bool = True, faces: tuple = ()) -> _Flowed:
    if kind == "body":
        spec = TypeSpec(size=style.body_size, role="body", lines=1)
        lines = compose_request(_body_request(text, measure, style, indent, faces), book)
        return _Flowed(kind, lines, len(lines), spec, text, faces=faces)
    if kind == "subhead":
        lines, _ = _fit_headline(text, spec, measure, style, book)
        return _Flowed(kind, lines, max(spec.lines or 2, len(lines) + 1), spec, text)
    spec = spec or style.type["byline"]
    lines = set_ragged(text, width=measure, size=spec.size, role=spec.role, book=book,
                       settings=style.text, words=style.words, names=kind == "byline")
    return _Flowed(kind, lines, len(lines), spec, text)


def _spaced(flow: list[_Flowed], lines: int) -> list[_Flowed]:
    """The flow with `lines` grid lines more given to its subheads, one each from the first,
    at most two each (the make-up engine's way to end a module's columns level)."""
    count = sum(1 for piece in flow if piece.kind == "subhead")
    spaced, n = [], 0
    for piece in flow:
        if piece.kind == "subhead":
            extra = min(2, lines // count + (1 if n < lines % count else 0)) if count else 0
            piece = replace(piece, height=piece.height + extra) if extra else piece
            n += 1
        spaced.append(piece)
    return spaced


def _reset(flow: list[_Flowed], measure: float, style: Style, book: FontBook) -> list[_Flowed]:
    """The rest of a story set again at another measure (a continuation in other columns).

    A paragraph cut at a column break goes on from the character its first remaining line
    starts with, without an indent."""
    again = []
    for piece in flow:
        if piece.kind == "body":
            start = piece.lines[0].start if piece.lines else 0
            faces = tuple((max(0, s - start), e - start, role) for s, e, role in piece.faces
                          if e > start)
            again.append(_flowed("body", piece.text[start:], measure, style, book,
                                 indent=start == 0, faces=faces))
        elif piece.kind == "item":
            start = piece.lines[0].start if piece.lines else 0
            again += _block_pieces(ListBlock((piece.block,)), measure, style, book, "", start)
        elif piece.kind == "framed":
            again += _block_pieces(piece.block, measure, style, book, "")
        else:
            again.append(_flowed(piece.kind, piece.text, measure, style, book, piece.spec))
    return again


def _fill(flow: list[_Flowed], capacity: list[int], balance: bool, carried: bool = False):
    """Place the flow into columns of `capacity` grid lines.

    Body paragraphs split between columns at any line; a subhead or byline never ends a
    column (it keeps with the next line), and no column — nor, when the story is `carried`
    on to another module, its continuation — begins with a paragraph's last line alone.
    With `balance`, columns are filled only as deep as needed for the story to fit, so a
    short story ends level — a line deeper where that depth would leave a column with one
    line between deeper ones (2, 2, 1, 2 lines). Returns the placed pieces (column, grid line
    offset, piece) and the pieces that did not fit.
    """
    if not capacity:
        return [], flow
    placed, overset = _fill_to(flow, capacity, carried)
    if balance and not overset:
        low, high = 1, max(capacity)
        while low < high:                               # the shallowest depth that still fits
            depth = (low + high) // 2
            _, rest = _fill_to(flow, [min(c, depth) for c in capacity], carried)
            if rest:
                low = depth + 1
            else:
                high = depth
        placed, overset = _fill_to(flow, [min(c, low) for c in capacity], carried)
        for deeper in range(low + 1, min(low + 3, max(capacity)) + 1):
            if not _stepped(placed, capacity):
                break
            again, rest = _fill_to(flow, [min(c, deeper) for c in capacity], carried)
            if not rest:
                placed = again
    return placed, overset


def _stepped(placed, capacity: list[int]) -> bool:
    """Whether a column holds one line of text only while the column after it holds more
    (2, 2, 1, 2: the line kept a paragraph's last line company, in columns too shallow)."""
    used = [0] * len(capacity)
    for column, offset, piece in placed:
        used[column] = max(used[column], offset + piece.height)
    return any(a == 1 and b > 1 for a, b in zip(used, used[1:]))


def _fill_to(flow: list[_Flowed], capacity: list[int], carried: bool = False):
    placed, column, used = [], 0, 0
    queue = list(flow)
    while queue and column < len(capacity):
        piece = queue[0]
        room = capacity[column] - used
        if piece.kind in SPLITTABLE:
            take = min(room, len(piece.lines))
            if take == len(piece.lines) - 1 and take > 1 \
                    and (column + 1 < len(capacity) or carried):
                take -= 1                               # keep a paragraph's last line company
            if take > 0:
                placed.append((column, used, piece.part(0, take)))
                used += take
                if take == len(piece.lines):
                    queue.pop(0)
                    continue
                queue[0] = piece.part(take)
        elif piece.height + 1 <= room or (piece.height <= room and len(queue) == 1):
            placed.append((column, used, piece))
            used += piece.height
            queue.pop(0)
            continue
        elif piece.split is not None and (parts := piece.split(room)) is not None:
            placed.append((column, used, parts[0]))     # a table goes on in the next column
            queue[0] = parts[1]
        column, used = column + 1, 0
    return placed, queue


def _draw_flowed(piece: _Flowed, x: float, measure: float, line: int, style: Style, items,
                 too_wide: list[str]):
    """Draw a piece of the flow at grid line `line` of the column at `x`; a line wider than
    the column is left out (its grid line stays empty) and put in `too_wide`."""
    if piece.kind == "framed":
        items += blocks.moved(piece.items, x, style.line_y(line))
        return
    kind = "body" if piece.kind == "item" else piece.kind
    if kind == "source":            # 来源 flush right under the story
        [set_line] = piece.lines[:1] or [None]
        if set_line is not None and _fits(set_line, measure, too_wide):
            items.append(text_line(set_line, x + measure - set_line.width,
                                   baseline(style, line, 1, piece.spec.size), kind))
        return
    if piece.kind == "subhead":     # centred in its grid lines, a little nearer the text below
        first = baseline(style, line, piece.height, piece.spec.size) \
            - (len(piece.lines) - 1) * style.line_pitch / 2
        for n, set_line in enumerate(piece.lines):
            if _fits(set_line, measure, too_wide):
                items.append(text_line(set_line, x + (measure - set_line.width) / 2,
                                       first + n * style.line_pitch, "subhead"))
        return
    for n, set_line in enumerate(piece.lines):
        if _fits(set_line, measure, too_wide):
            items.append(text_line(set_line, x, baseline(style, line + n, 1, piece.spec.size),
                                   kind))


# How far a line may reach past its room: rounding, not a glyph.
WIDTH_TOLERANCE = 0.01      # points


def _fits(set_line: Line, room: float, too_wide: list[str]) -> bool:
    """Whether the line fits the `room` it is drawn in; if not, its text joins `too_wide`
    (overset by width: a run no break can shorten is never drawn across a gap or off the page)."""
    if set_line.width <= room + WIDTH_TOLERANCE:
        return True
    too_wide.append(set_line.text.strip())
    return False


# ------------------------------------------------------------------------------------ rules

def _rules_between(page: Page, style: Style) -> list:
    """A rule in the gutter between side-by-side modules, and above a module set under another."""
    weight = style.rules.get("module_pt", 0.5)
    rules = []
    for pa in _places(page):
        for pb in _places(page):
            if pb.column == pa.column + pa.columns:             # b to the right of a
                top, bottom = max(pa.line, pb.line), min(pa.line + pa.lines, pb.line + pb.lines)
                if top < bottom:
                    x = style.column_x(pb.column) - style.gutter_chars * style.body_size / 2
                    rules.append(dl.Rule(x, style.line_y(top), x, style.line_y(bottom), weight))
            if pb.line == pa.line + pa.lines:                   # b below a
                left = max(pa.column, pb.column)
                right = min(pa.column + pa.columns, pb.column + pb.columns)
                if left < right:
                    y = style.line_y(pb.line) + style.line_pitch / 2
                    rules.append(dl.Rule(style.column_x(left), y,
                                         style.column_x(right - 1) + style.span_width(1), y, weight))
    return rules

