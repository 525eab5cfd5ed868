"""One story module: its title block, photos and pull quotes, and the story flowed through
its columns on the baseline grid; how the story fitted (`StoryFit`)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import BroadsheetError
from ..fonts import FontBook
from ..model import Module, Page, Photo, Placement, Quote
from ..photo import photo_size
from ..style import Style
from . import blocks
from .boxes import (box_over, box_rect, box_under, boxed, boxed_text_columns, column_rules,
                    inset_chars, reverse_headline)
from .flow import (Flowed, draw_flowed, fill_columns, flow_items, jump_line, reset_flow,
                   spaced, stepped)
from .grid import baseline, text_line
from .heads import headline_block, vertical_headline_block
from .photos import PhotoFrame, photo_growth_limit, photo_layout
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
    place: Placement | None = None      # its module's place (None: left out by the make-up)
    text_columns: int | None = None     # its module's 破栏, if any
    left_out: str = ""                  # why the make-up left it out (no page holds it)
    title_size: float = 0.0             # the size its headline is set at (0: none)

    @property
    def overset(self) -> bool:
        return bool(self.overset_text or self.too_wide)


@dataclass
class Story:
    """A story's way through its modules: the pages of its parts and what is left to set."""
    pages: list[int]                    # the page of each of its modules, in order
    flow: list[Flowed] | None = None    # still to be set (None: not begun)
    measure: float = 0.0                # the measure `flow` is set at
    part: int = 0                       # modules done


def compose_module(module: Module, page: Page, style: Style, book: FontBook, rule_above: bool,
                   story: Story, regions: bool = True):
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
    line, place = _title_block(module, place, frame, box, line, last_line, style, book, items,
                               too_wide)
    area = _text_area(module, place, box, line, last_line, style)
    text = _text(module, area, story, came_from, style, book)
    tops, capacity, frames, placed, rest, left = _grown(area, text, module, goes_on, style,
                                                        book)
    if text.byline is not None:
        draw_flowed(text.byline, area.xs[0], area.measure, line, style, items, too_wide)
    for photo_frame in frames:
        items += photo_frame.items
        too_wide += photo_frame.too_wide
    for c, slot, piece in placed:
        draw_flowed(piece, area.xs[c], area.measure, tops[c] + slot, style, items, too_wide)
    items += column_rules(placed, area.xs, area.gap, tops, style)
    if box:
        items[:0] = box_under(module, box, style)       # the tint under everything
        items += box_over(module, box, style)
    story.flow = rest
    if goes_on is not None and rest:
        [jump] = jump_line(f"（下转第{goes_on}版）", area.measure, style, book).lines
        items.append(text_line(jump, area.xs[-1] + area.measure - jump.width,
                               baseline(style, tops[-1] + capacity[-1], 1, jump.size), "jump"))
    overset_text = "".join(line.text for piece in rest for line in piece.lines
                           if piece.kind != "jump") if goes_on is None else ""
    overset_text += "".join(quote.text for quote in left)   # reported, never drawn outside
    title_size = max((item.size for item in items if getattr(item, "role", "") == "headline"),
                     default=0.0)
    fit = StoryFit(page=page.number, article=article.source.name, headline=article.headline,
                   lines_set=sum(piece.height for _, _, piece in placed),
                   lines_available=sum(max(0, c) for c in capacity), overset_text=overset_text,
                   frame=frame, continued_from=came_from, continued_on=goes_on,
                   too_wide=tuple(too_wide), place=module.place,
                   text_columns=module.text_columns, title_size=title_size)
    if regions:
        fit.regions = story_regions(items, area.xs, area.measure, style.line_pitch)
    return items, fit


def _title_block(module: Module, place: Placement, frame, box, line: int, last_line: int,
                 style: Style, book: FontBook, items: list, too_wide: list[str]
                 ) -> tuple[int, Placement]:
    """The module's title block (and 编者按) drawn into `items` from grid line `line`; returns
    the next free grid line and the place left for the text (narrower beside a vertical
    headline)."""
    article = module.article if module.deck is not False else replace(module.article, deck="")
    headline_start = len(items)
    # copyfit's blank lines (title_space) go round the title, the larger half above it: all
    # under it left the title hard under the rule with a gap of four lines before the text.
    # A title in a bar (which starts at the box's top) or set vertically keeps them under it.
    above = 0 if module.headline_bar or module.headline == "vertical" else \
        (module.title_space + 1) // 2
    line += above
    if module.continues:                                # 转版: a smaller head over the rest
        line = headline_block(article, frame[0], frame[2], line, style, book, items, too_wide,
                              keys=(("jump_head", article.headline),))
    elif module.headline == "vertical":                 # 竖排: titles down the right side
        columns = place.columns - vertical_headline_block(article, place, line, last_line,
                                                          style, book, items)
        if columns < 1:
            raise BroadsheetError(
                f"the module is too narrow for a vertical headline ({place.columns} columns)",
                file=str(article.source), field="place.columns",
                fix="make the module wider or set the headline horizontally")
        place = replace(place, columns=columns)
    else:
        line = headline_block(article, frame[0], frame[2], line, style, book, items, too_wide,
                              headline_size=module.headline_size,
                              headline_lines=module.headline_lines)
    if module.headline_bar and module.headline != "vertical":
        items[headline_start:] = reverse_headline(items[headline_start:], box,
                                                  place.line, line, style)
    line += module.title_space - above                  # the rest of copyfit's blank lines
    if article.editor_note and not module.continues:     # 编者按 across the module
        line = _editor_note(article, place, line, style, book, items)
    if line > last_line:
        raise BroadsheetError(
            f"the module is too small for its headline ({place.lines} grid lines)",
            file=str(article.source), field="place.lines",
            fix=f"give it at least {line - place.line + 5} grid lines")
    return line, place


@dataclass(frozen=True)
class _Area:
    """A module's text area: its text columns' x, their measure and gap (points), and the
    grid lines the text may take."""
    xs: list[float]
    measure: float
    gap: float
    line: int
    last_line: int


def _text_area(module: Module, place: Placement, box, line: int, last_line: int,
               style: Style) -> _Area:
    if box:
        xs, measure, gap = boxed_text_columns(style, place.column, place.columns,
                                              module.text_columns, inset_chars(module, style))
    else:
        xs, measure, gap = column_layout(style, place.column, place.columns, module.text_columns)
    return _Area(xs, measure, gap, line, last_line)


@dataclass
class _Text:
    """What a module's text area holds: the story's flow, and what stands at its top."""
    flow: list[Flowed]
    byline: Flowed | None       # over any photo, at the head of the first column
    photos: list[Photo]
    pixels: list[tuple[int, int]]
    quotes: list[blocks.Framed]     # pull quotes spanning `quote_span` columns
    quote_span: int


def _text(module: Module, area: _Area, story: Story, came_from: int | None, style: Style,
          book: FontBook) -> _Text:
    """The story's flow set at the area's measure (the rest of it, in a continuation), its
    photos and the pull quotes set across columns."""
    article, measure = module.article, area.measure
    # pull quotes the style spans over several columns stand at the top of the text, as photos
    quote_span = min(style.type["quote"].columns or 1, len(area.xs))
    if story.flow is None:
        story.flow = flow_items(article, style, book, measure, quotes=quote_span == 1)
    elif abs(measure - story.measure) > 1e-6:
        story.flow = reset_flow(story.flow, measure, style, book)
    story.measure = measure
    flow = spaced(story.flow, module.subhead_space)
    if came_from is not None:
        flow.insert(0, jump_line(f"（上接第{came_from}版）", measure, style, book))
    photos = [] if module.continues or module.photo == "none" else [
        b for b in article.blocks if isinstance(b, Photo)]
    quotes = [] if module.continues or quote_span == 1 else \
        _top_quotes(article, quote_span * measure + (quote_span - 1) * area.gap, style, book)
    pixels = [photo_size(photo.path, style.print.max_megapixels)   # read once, laid out often
              for photo in photos]
    # The byline sits directly under the title block, at the head of the first column, before
    # any photo (issue 16), not below the photo with the text.
    byline = flow.pop(0) if photos and flow and flow[0].kind == "byline" else None
    return _Text(flow, byline, photos, pixels, quotes, quote_span)


def _laid_out(area: _Area, text: _Text, module: Module, goes_on: int | None, style: Style,
              book: FontBook, extra_lines: int, balance: bool):
    """Photos at the top, bottom or side of the text (the first one `extra_lines` taller),
    pull quotes at the top, the text round them in the columns' free lines: each column's
    first free line, the grid lines each holds, the photos' and quotes' frames, the placed
    pieces and those that did not fit."""
    xs = area.xs
    tops, bottoms, frames = photo_layout(text.photos, text.pixels, xs, area.measure, area.gap,
                                         area.line, area.last_line, style, book, extra_lines,
                                         module.article, module.photo, module.photo_columns,
                                         text.byline.height + 1 if text.byline else 0)
    left = []                                   # pull quotes the module has no room for
    span = text.quote_span
    for quote in text.quotes:
        # over the first columns, else over those where it stands highest, within the module
        starts = [c for c in range(len(xs) - span + 1)
                  if max(tops[c:c + span]) + quote.height - 1 <= min(bottoms[c:c + span])]
        if not starts:
            left.append(quote)
            continue
        first = 0 if 0 in starts else min(starts, key=lambda c: max(tops[c:c + span]))
        top = max(tops[first:first + span])
        frames.append(PhotoFrame(blocks.moved(quote.items, xs[first], style.line_y(top)),
                                 top + quote.height + 1, 0, quote.height, False))
        for c in range(first, first + span):
            tops[c] = top + quote.height + 1
    capacity = [bottom - top + 1 for top, bottom in zip(tops, bottoms)]
    if goes_on is not None:
        capacity[-1] -= 1                               # the last line says where it goes on
    capacity = [max(0, lines) for lines in capacity]
    placed, rest = fill_columns(text.flow, capacity, balance, carried=goes_on is not None)
    return tops, capacity, frames, placed, rest, left


def _grown(area: _Area, text: _Text, module: Module, goes_on: int | None, style: Style,
           book: FontBook):
    """The text laid out (`_laid_out`) with its first photo grown as far as it may.

    A photo grows (cropped to fill) to take up the room the story leaves, so the module ends
    full; the most it may grow is to a square-ish frame, and not so far that a column of text
    would hold one line between deeper ones (2, 2, 1, 2 lines)."""
    def layout(extra_lines: int, balance: bool = goes_on is None):
        return _laid_out(area, text, module, goes_on, style, book, extra_lines, balance)

    tops, capacity, frames, placed, rest, _ = laid = layout(0)
    if not text.photos or rest:
        return laid
    low, high = 0, max(photo_growth_limit(f, style) for f in frames[:1])
    while low < high:
        middle = (low + high + 1) // 2
        _, grown, _, grown_placed, grown_rest, _ = layout(middle, balance=False)
        if grown_rest or stepped(grown_placed, grown):
            high = middle - 1
        else:
            low = middle
    return layout(low)


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


def column_chars(style: Style, columns: int, text_columns: int) -> int:
    """Body characters a line holds when `text_columns` share a module `columns` wide."""
    chars = columns * style.column_chars + (columns - 1) * style.gutter_chars
    return (chars - (text_columns - 1) * style.gutter_chars) // text_columns


def column_layout(style: Style, first: int, columns: int, text_columns: int | None):
    """x of each text column, their measure and the gap between them, in points.

    The text follows the basic columns unless the module breaks them (破栏): then
    `text_columns` columns of whole characters share the module's width, the characters left
    over widening the gutters.
    """
    if not text_columns or text_columns == columns:
        return ([style.column_x(first + c) for c in range(columns)],
                style.column_chars * style.body_size, style.gutter_chars * style.body_size)
    measure = column_chars(style, columns, text_columns) * style.body_size
    gap = ((style.span_width(columns) - text_columns * measure) / (text_columns - 1)
           if text_columns > 1 else 0.0)
    return ([style.column_x(first) + c * (measure + gap) for c in range(text_columns)],
            measure, gap)

