"""Page composition: the issue's pages → display-list pages.

Per page: furniture (masthead on page 1, folio line), then each module in its grid rectangle:
headline block across the module, photo at the top of the text area, the story flowed
through the module's columns on the baseline grid, rules between modules, crop marks.
Every story reports how many grid lines it set and what did not fit (overset).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from PIL import Image as PILImage

from .. import display as dl
from ..calendar import date_line
from ..errors import BroadsheetError
from ..fonts import FontBook
from ..model import Issue, Module, Page, Paragraph, Photo, Subhead
from ..style import Style, TypeSpec
from ..text.compose import Line, compose
from ..text.headline import set_headline, set_vertical
from .grid import baseline, text_line
from .furniture import crop_marks, folio_line, masthead

MASTHEAD_LINES = 16         # grid lines the page-1 masthead takes, its rules included


@dataclass
class StoryFit:
    """How a story fitted its module: lines are grid lines of its text area."""
    page: int
    article: str                # article file name
    headline: str
    lines_set: int
    lines_available: int
    overset_text: str = ""      # the characters that did not fit

    @property
    def overset(self) -> bool:
        return bool(self.overset_text)


@dataclass
class Composition:
    document: dl.Document
    fits: list[StoryFit] = field(default_factory=list)


@dataclass
class _Flowed:
    """A piece of a story in the flow: `height` grid lines of lines at one horizontal alignment."""
    kind: str                   # "byline", "body", "subhead"
    lines: list[Line]
    height: int                 # grid lines
    spec: TypeSpec


def compose_issue(issue: Issue, style: Style, book: FontBook) -> Composition:
    """Compose every page of the issue."""
    pages, fits = [], []
    for page in issue.pages:
        items, page_fits = _compose_page(issue, page, style, book)
        fits += page_fits
        pages.append(dl.Page(number=page.number, width=style.page_width,
                             height=style.page_height, bleed=style.bleed,
                             items=tuple(items), label=f"第{page.number}版"))
    title = f"{issue.masthead.name} 第{issue.number}期 {date_line(issue.date).gregorian}"
    return Composition(dl.Document(title=title, pages=tuple(pages)), fits)


def _compose_page(issue: Issue, page: Page, style: Style, book: FontBook):
    items: list = []
    first_line = 1
    if page.number == 1:
        items += masthead(issue, style, book, lines=MASTHEAD_LINES)
        first_line = MASTHEAD_LINES + 1
    items += folio_line(issue, page, style, book)
    fits = []
    for module in page.modules:
        _check_placement(issue, page, module, style, first_line)
        try:
            module_items, fit = _compose_module(module, page, style, book,
                                                rule_above=_has_module_above(module, page))
        except BroadsheetError as error:
            error.file = error.file or str(module.article.source)   # e.g. a character no font has
            raise
        items += module_items
        fits.append(fit)
    items += _rules_between(page, style)
    items += crop_marks(style)
    return items, fits


# ---------------------------------------------------------------------------------- modules

def _check_placement(issue: Issue, page: Page, module: Module, style: Style, first_line: int):
    place = module.place
    where = f"pages[{issue.pages.index(page)}].modules[{page.modules.index(module)}].place"
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
    if place.line < first_line:
        raise BroadsheetError(f"line {place.line} overlaps the masthead (lines 1–{first_line - 1})",
                              file=file, field=where, fix=f"start at line {first_line} or below")
    for other in page.modules:
        if other is not module and _overlap(module, other):
            raise BroadsheetError(f"overlaps the module of {other.article.source.name}",
                                  file=file, field=where, fix="move or shrink one of them")


def _overlap(a: Module, b: Module) -> bool:
    pa, pb = a.place, b.place
    return (pa.column < pb.column + pb.columns and pb.column < pa.column + pa.columns
            and pa.line < pb.line + pb.lines and pb.line < pa.line + pa.lines)


def _has_module_above(module: Module, page: Page) -> bool:
    p = module.place
    return any(o.place.line + o.place.lines == p.line
               and o.place.column < p.column + p.columns and p.column < o.place.column + o.place.columns
               for o in page.modules if o is not module)


def _compose_module(module: Module, page: Page, style: Style, book: FontBook, rule_above: bool):
    article, place = module.article, module.place
    line = place.line + (1 if rule_above else 0)        # the rule sits in that first line
    last_line = place.line + place.lines - 1
    items: list = []

    if module.headline == "vertical":                   # 竖排: titles down the right side
        columns = place.columns - _vertical_headline_block(article, place, line, last_line,
                                                           style, book, items)
        if columns < 1:
            raise BroadsheetError(
                f"the module is too narrow for a vertical headline ({place.columns} columns)",
                file=str(article.source), field="place.columns",
                fix="make the module wider or set the headline horizontally")
        place = replace(place, columns=columns)
    else:
        line = _headline_block(article, style.column_x(place.column),
                               style.span_width(place.columns), line, style, book, items)
    if line > last_line:
        raise BroadsheetError(
            f"the module is too small for its headline ({place.lines} grid lines)",
            file=str(article.source), field="place.lines",
            fix=f"give it at least {line - place.line + 5} grid lines")
    x = style.column_x(place.column)

    flow = _flow_items(article, style, book)
    photos = [block for block in article.blocks if isinstance(block, Photo)]

    def layout(extra_lines: int):
        """Photos at the top of their columns (the first one `extra_lines` taller), text below."""
        tops = [line] * place.columns
        frames = []
        for n, photo in enumerate(photos):
            span = min(photo.columns or place.columns, place.columns)
            top = max(tops[:span])
            frame = _photo_frame(photo, x, top, span, style, book, article,
                                 extra_lines if n == 0 else 0)
            frames.append(frame)
            for c in range(span):
                tops[c] = frame.next_line
        capacity = [last_line - top + 1 for top in tops]
        placed, overset = _fill(flow, capacity, balance=True)
        return tops, capacity, frames, placed, overset

    tops, capacity, frames, placed, overset = layout(0)
    if photos and not overset:
        # A photo grows (cropped to fill) to take up the room the story leaves, so the module
        # ends full; the most it may grow is to a square-ish frame.
        low, high = 0, _photo_growth_limit(frames[0], style)
        while low < high:
            middle = (low + high + 1) // 2
            if layout(middle)[4]:
                high = middle - 1
            else:
                low = middle
        tops, capacity, frames, placed, overset = layout(low)
    for frame in frames:
        items += frame.items
    columns = [(style.column_x(place.column + c), tops[c]) for c in range(place.columns)]
    for c, slot, piece in placed:
        col_x, top = columns[c]
        _draw_flowed(piece, col_x, style.column_chars * style.body_size, top + slot, style, items)
    lines_set = sum(piece.height for _, _, piece in placed)
    overset_text = "".join(line.text for piece in overset for line in piece.lines)
    fit = StoryFit(page=page.number, article=article.source.name, headline=article.headline,
                   lines_set=lines_set, lines_available=sum(max(0, c) for c in capacity),
                   overset_text=overset_text)
    return items, fit


def _headline_block(article, x, width, line, style: Style, book, items) -> int:
    """Kicker, headline and deck centred across the module; returns the next free grid line."""
    for key, text in (("kicker", article.kicker), ("headline", article.headline),
                      ("deck", article.deck)):
        if not text:
            continue
        spec = style.type[key]
        lines, size = _fit_headline(text, spec, width - 2 * style.body_size, style, book)
        per_line = math.ceil(size * 1.3 / style.line_pitch)
        for set_line in lines:
            items.append(text_line(set_line, x + (width - set_line.width) / 2,
                                   baseline(style, line, per_line, size), key))
            line += per_line
    return line + 1                                     # a blank grid line under the block


def _vertical_headline_block(article, place, line, last_line, style: Style, book, items) -> int:
    """Kicker, headline and deck as vertical columns at the module's right edge, read right
    to left; returns how many basic columns they take."""
    top = style.line_y(line) + style.body_size
    height = style.line_y(last_line + 1) - top - style.body_size
    columns = []
    for key, text in (("kicker", article.kicker), ("headline", article.headline),
                      ("deck", article.deck)):
        if text:
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
                        role=spec.role, book=book, settings=style.text)


@dataclass
class _PhotoFrame:
    items: list
    next_line: int              # first grid line free below the caption
    width: float
    height_lines: int


def _photo_frame(photo: Photo, x, line, columns, style: Style, book, article, extra_lines: int
                 ) -> _PhotoFrame:
    """A photo `columns` wide at grid line `line`, cropped to whole grid lines, caption below."""
    width = style.span_width(columns)
    try:
        with PILImage.open(photo.path) as image:
            pixel_w, pixel_h = image.size
    except OSError as error:
        raise BroadsheetError(f"cannot read the photo {photo.path.name} ({error})",
                              file=str(article.source), field="photo",
                              fix="replace it with a JPEG or PNG file") from None
    height_lines = max(4, round(width * pixel_h / pixel_w / style.line_pitch)) + extra_lines
    height = height_lines * style.line_pitch - (style.line_pitch - style.body_size)
    items: list = [dl.Image(photo.path, x, style.line_y(line), width, height,
                            _fill_crop(pixel_w, pixel_h, width, height))]
    line += height_lines
    spec = style.type["caption"]
    caption = f"{photo.caption} {photo.credit}".strip()
    settings = replace(style.text, space_em=1.0)
    for set_line in compose(caption, measure=width, size=spec.size, role=spec.role, book=book,
                            settings=settings, justify=False):
        items.append(text_line(set_line, x, baseline(style, line, 1, spec.size), "caption"))
        line += 1
    return _PhotoFrame(items, line + 1, width, height_lines)


def _photo_growth_limit(frame: _PhotoFrame, style: Style) -> int:
    """Lines a photo may grow by before its frame is taller than it is wide."""
    return max(0, int(frame.width / style.line_pitch) - frame.height_lines)


def _fill_crop(pixel_w, pixel_h, width, height):
    """Centre crop (left, top, right, bottom in 0..1) so the picture fills the frame."""
    source, frame = pixel_w / pixel_h, width / height
    if source > frame:                                  # too wide: trim the sides
        keep = frame / source
        return ((1 - keep) / 2, 0.0, (1 + keep) / 2, 1.0)
    keep = source / frame
    return (0.0, (1 - keep) / 2, 1.0, (1 + keep) / 2)


# ------------------------------------------------------------------------------------- flow

def _flow_items(article, style: Style, book: FontBook) -> list[_Flowed]:
    measure = style.column_chars * style.body_size
    body = TypeSpec(size=style.body_size, role="body", lines=1)
    # All subheads of a story share one size: the largest at which each fits on one line.
    subheads = [block.text for block in article.blocks if isinstance(block, Subhead)]
    subhead = style.type["subhead"]
    if subheads:
        size = min(_fit_headline(text, subhead, measure, style, book)[1] for text in subheads)
        subhead = replace(subhead, size=size, min_size=size)
    flow = []
    if article.byline:
        spec = style.type["byline"]
        lines = compose(article.byline, measure=measure, size=spec.size, role=spec.role,
                        book=book, settings=replace(style.text, space_em=1.0), justify=False)
        flow.append(_Flowed("byline", lines, len(lines), spec))
    for block in article.blocks:
        if isinstance(block, Paragraph):
            lines = compose(block.text, measure=measure, size=style.body_size, role="body",
                            book=book, settings=style.text, indent_em=style.indent_em)
            flow.append(_Flowed("body", lines, len(lines), body))
        elif isinstance(block, Subhead):
            lines, _ = _fit_headline(block.text, subhead, measure, style, book)
            flow.append(_Flowed("subhead", lines, max(subhead.lines or 2, len(lines) + 1),
                                subhead))
    return flow


def _fill(flow: list[_Flowed], capacity: list[int], balance: bool):
    """Place the flow into columns of `capacity` grid lines.

    Body paragraphs split between columns at any line; a subhead or byline never ends a
    column (it keeps with the next line). With `balance`, columns are filled only as deep as
    needed for the story to fit, so a short story ends level. Returns the placed pieces
    (column, grid line offset, piece) and the pieces that did not fit.
    """
    if not capacity:
        return [], flow
    placed, overset = _fill_to(flow, capacity)
    if balance and not overset:
        low, high = 1, max(capacity)
        while low < high:                               # the shallowest depth that still fits
            depth = (low + high) // 2
            _, rest = _fill_to(flow, [min(c, depth) for c in capacity])
            if rest:
                low = depth + 1
            else:
                high = depth
        placed, overset = _fill_to(flow, [min(c, low) for c in capacity])
    return placed, overset


def _fill_to(flow: list[_Flowed], capacity: list[int]):
    placed, column, used = [], 0, 0
    queue = list(flow)
    while queue and column < len(capacity):
        piece = queue[0]
        room = capacity[column] - used
        if piece.kind == "body":
            take = min(room, len(piece.lines))
            if take == len(piece.lines) - 1 and take > 1 and column + 1 < len(capacity):
                take -= 1                               # keep a paragraph's last line company
            if take > 0:
                placed.append((column, used, replace(piece, lines=piece.lines[:take], height=take)))
                used += take
                if take == len(piece.lines):
                    queue.pop(0)
                    continue
                queue[0] = replace(piece, lines=piece.lines[take:], height=len(piece.lines) - take)
        elif piece.height + 1 <= room or (piece.height <= room and len(queue) == 1):
            placed.append((column, used, piece))
            used += piece.height
            queue.pop(0)
            continue
        column, used = column + 1, 0
    return placed, queue


def _draw_flowed(piece: _Flowed, x: float, measure: float, line: int, style: Style, items):
    if piece.kind == "subhead":     # centred in its grid lines, a little nearer the text below
        first = baseline(style, line, piece.height, piece.spec.size) \
            - (len(piece.lines) - 1) * style.line_pitch / 2
        for n, set_line in enumerate(piece.lines):
            items.append(text_line(set_line, x + (measure - set_line.width) / 2,
                                   first + n * style.line_pitch, "subhead"))
        return
    for n, set_line in enumerate(piece.lines):
        items.append(text_line(set_line, x, baseline(style, line + n, 1, piece.spec.size),
                               piece.kind))


# ------------------------------------------------------------------------------------ rules

def _rules_between(page: Page, style: Style) -> list:
    """A rule in the gutter between side-by-side modules, and above a module set under another."""
    weight = style.rules.get("module_pt", 0.5)
    rules = []
    for a in page.modules:
        pa = a.place
        for b in page.modules:
            pb = b.place
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

