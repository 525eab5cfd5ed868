"""The story as a flow of pieces through a module's columns.

A story becomes pieces (`Flowed`): body paragraphs and list items split between columns at
any line, subheads, bylines, quotes, tables and sidebars kept whole (a table splits between
rows). `fill_columns` places them into columns of so many grid lines, `draw_flowed` draws a
placed piece on the baseline grid.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .. import display as dl
from ..read import markup
from ..fonts import FontBook
from ..model import ListBlock, Paragraph, Photo, Quote, Sidebar, Subhead, Table
from ..style import Style, TypeSpec
from ..text.compose import Line, Request, compose, compose_request
from ..text.headline import set_headline, set_ragged
from . import blocks
from .grid import baseline, text_line
from .tables import rows_fitting, table_block, table_columns


@dataclass
class Flowed:
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

    def part(self, start: int, end: int | None = None) -> Flowed:
        """Lines [start:end] of a body piece, as a piece of their own (a column's share)."""
        lines = self.lines[start:end]
        # built directly, not with dataclasses.replace: column filling asks for this often
        return Flowed(self.kind, lines, len(lines), self.spec, self.text, self.faces,
                      self.block, self.items, self.hang, self.split)


SPLITTABLE = ("body", "item")   # pieces a column break may fall inside
SOURCE_LABEL = "来源："          # before a story's source, kept whole on its line


def body_request(text: str, measure: float, style: Style, indent: bool = True,
                 faces: tuple = ()) -> Request:
    """A body paragraph as it is set: here and in `planned_paragraphs`, one request, so that
    what is set ahead is what the flow asks for."""
    return Request(text, measure, style.body_size, "body", style.text,
                   style.indent_em if indent else 0, faces=faces)


def jump_line(text: str, measure: float, style: Style, book: FontBook) -> Flowed:
    spec = style.type["jump"]
    lines = set_ragged(text, width=measure, size=spec.size, role=spec.role, book=book,
                       settings=style.text)
    return Flowed("jump", lines, len(lines), spec, text)


def fit_headline(text: str, spec: TypeSpec, width: float, style: Style, book: FontBook,
                 most_lines: int | None = None):
    return set_headline(text, width=width, size=spec.size, min_size=spec.min_size or spec.size,
                        role=spec.role, book=book, settings=style.text, words=style.words,
                        most_lines=most_lines)


def flow_items(article, style: Style, book: FontBook, measure: float, quotes: bool = True
               ) -> list[Flowed]:
    """The story as pieces to flow; pull quotes among them unless set over several columns
    (`quotes` false)."""
    flow = []
    if markup.credit(article) and not article.dateline:  # with a dateline it follows that
        flow.append(flowed("byline", markup.credit(article), measure, style, book))
    subhead = subhead_spec(article, measure, style, book)
    paragraphs = iter(blocks.paragraphs_as_set(article, style))
    for block in article.blocks:
        if isinstance(block, Paragraph):
            text, faces = next(paragraphs)
            flow.append(flowed("body", text, measure, style, book, faces=faces))
        elif isinstance(block, Subhead):
            flow.append(flowed("subhead", block.text, measure, style, book, subhead))
        elif not isinstance(block, Photo) and (quotes or not isinstance(block, Quote)):
            flow += block_pieces(block, measure, style, book, str(article.source))
    if article.origin:
        flow.append(flowed("source", f"{SOURCE_LABEL}{article.origin}", measure, style, book,
                           style.type["source"]))
    return flow


def block_pieces(block, measure: float, style: Style, book: FontBook, file: str,
                 start: int = 0) -> list[Flowed]:
    """A quote, list, table or sidebar as pieces of the flow (see `page.blocks`); `start`: a
    list item's first character still to set, when it goes on in other columns."""
    body = TypeSpec(size=style.body_size, role="body", lines=1)
    if isinstance(block, ListBlock):
        hang = blocks.list_hang(block, style, book)
        pieces = []
        for item in block.items:
            set_item = blocks.list_item(item, hang, measure, style, book, start)
            pieces.append(Flowed("item", set_item.lines, len(set_item.lines), body,
                                 set_item.text, block=item, hang=hang))
        return pieces
    if isinstance(block, Table):
        return [table_piece(block, table_columns(block, measure, style, book, file), measure,
                            style, book)]
    if isinstance(block, Quote):
        framed = blocks.quote_block(block, measure, style, book)
    elif isinstance(block, Sidebar):
        framed = blocks.sidebar_block(block, measure, style, book)
    else:
        raise TypeError(f"no setting for {type(block).__name__}")
    return [framed_piece(framed, block, style)]


def framed_piece(framed: blocks.Framed, block, style: Style) -> Flowed:
    lines = [Line(glyphs=item.glyphs, width=0, size=item.size, last=True)
             for item in framed.items if isinstance(item, dl.TextLine)]
    return Flowed("framed", lines, framed.height, TypeSpec(size=style.body_size, role="body"),
                  framed.text, block=block, items=framed.items)


def table_piece(table: Table, columns, measure: float, style: Style, book: FontBook
                ) -> Flowed:
    """A table as a piece of the flow that a column break may split between rows: the rest
    goes on in the next column under its header again (续表), in the same column widths."""
    piece = framed_piece(table_block(table, measure, style, book, columns), table, style)

    def split(room: int):
        count = rows_fitting(table, columns, room, style, book)
        if not 0 < count < len(table.rows):
            return None
        return (table_piece(replace(table, rows=table.rows[:count]), columns, measure, style,
                            book),
                table_piece(replace(table, rows=table.rows[count:]), columns, measure, style,
                            book))
    piece.split = split
    return piece


def subhead_spec(article, measure: float, style: Style, book: FontBook) -> TypeSpec:
    """All subheads of a story share one size: the largest at which each fits its column."""
    subheads = [block.text for block in article.blocks if isinstance(block, Subhead)]
    spec = style.type["subhead"]
    if not subheads:
        return spec
    size = min(fit_headline(text, spec, measure, style, book)[1] for text in subheads)
    return replace(spec, size=size, min_size=size)


def flowed(kind: str, text: str, measure: float, style: Style, book: FontBook,
           spec: TypeSpec | None = None, indent: bool = True, faces: tuple = ()) -> Flowed:
    if kind == "body":
        spec = TypeSpec(size=style.body_size, role="body", lines=1)
        lines = compose_request(body_request(text, measure, style, indent, faces), book)
        return Flowed(kind, lines, len(lines), spec, text, faces=faces)
    if kind == "subhead":
        lines, _ = fit_headline(text, spec, measure, style, book)
        return Flowed(kind, lines, max(spec.lines or 2, len(lines) + 1), spec, text)
    spec = spec or style.type["byline"]
    lines = set_ragged(text, width=measure, size=spec.size, role=spec.role, book=book,
                       settings=style.text, words=style.words, names=kind == "byline")
    if kind == "source" and not lines[0].text.startswith(SOURCE_LABEL):
        # a source no break fits (a URL) broke inside 来源： (「来 / 源：https…」): the label
        # takes a line of its own, the source the lines under it set as running text,
        # unjustified (a title's breaking, which looks for lines of even length, set
        # 「央 / 视 / 网 / https…」; the composer breaks a URL wider than the line)
        lines = [*set_ragged(SOURCE_LABEL, width=measure, size=spec.size, role=spec.role,
                             book=book, settings=style.text),
                 *compose(text[len(SOURCE_LABEL):], measure=measure, size=spec.size,
                          role=spec.role, book=book, settings=style.text, justify=False)]
    return Flowed(kind, lines, len(lines), spec, text)


def spaced(flow: list[Flowed], lines: int) -> list[Flowed]:
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


def reset_flow(flow: list[Flowed], measure: float, style: Style, book: FontBook) -> list[Flowed]:
    """The rest of a story set again at another measure (a continuation in other columns).

    A paragraph cut at a column break goes on from the character its first remaining line
    starts with, without an indent."""
    again = []
    for piece in flow:
        if piece.kind == "body":
            start = piece.lines[0].start if piece.lines else 0
            faces = tuple((max(0, s - start), e - start, role) for s, e, role in piece.faces
                          if e > start)
            again.append(flowed("body", piece.text[start:], measure, style, book,
                                indent=start == 0, faces=faces))
        elif piece.kind == "item":
            start = piece.lines[0].start if piece.lines else 0
            again += block_pieces(ListBlock((piece.block,)), measure, style, book, "", start)
        elif piece.kind == "framed":
            again += block_pieces(piece.block, measure, style, book, "")
        else:
            again.append(flowed(piece.kind, piece.text, measure, style, book, piece.spec))
    return again


def fill_columns(flow: list[Flowed], capacity: list[int], balance: bool, carried: bool = False):
    """Place the flow into columns of `capacity` grid lines.

    Body paragraphs split between columns at any line; a subhead or byline never ends a
    column (it keeps with the next line, or both lines of a two-line paragraph), and no
    column — nor, when the story is `carried` on to another module, its continuation —
    begins with a paragraph's last line alone: a line goes over with it, or the whole of a
    two-line paragraph, the column ending a line short (only a one-line column keeps one).
    With `balance`, columns are filled only as deep as needed for the story to fit, so a
    short story ends level — a line deeper where that depth would leave a column with one
    line between deeper ones (2, 2, 1, 2 lines). Returns the placed pieces (column, grid line
    offset, piece) and the pieces that did not fit.
    """
    if not capacity:
        return [], flow
    placed, overset = fill_to(flow, capacity, carried)
    if balance and not overset:
        need = _lines_needed(flow)
        low, high = 1, max(capacity)
        while low < high:                               # the shallowest depth that still fits
            depth = (low + high) // 2
            capped = [min(c, depth) for c in capacity]
            if sum(max(0, c) for c in capped) < need or fill_to(flow, capped, carried)[1]:
                low = depth + 1
            else:
                high = depth
        placed, overset = fill_to(flow, [min(c, low) for c in capacity], carried)
        for deeper in range(low + 1, min(low + 3, max(capacity)) + 1):
            if not stepped(placed, capacity):
                break
            again, rest = fill_to(flow, [min(c, deeper) for c in capacity], carried)
            if not rest:
                placed = again
    return placed, overset


def _lines_needed(flow: list[Flowed]) -> int:
    """Grid lines the flow takes at least, in any columns: columns holding fewer cannot hold
    it (so the balancing need not try them). A piece a column break may split otherwise than
    between lines (a table, its header set again) is not counted."""
    return sum(len(piece.lines) if piece.kind in SPLITTABLE else piece.height
               for piece in flow if piece.split is None)


def stepped(placed, capacity: list[int]) -> bool:
    """Whether a column holds one line of text only while the column after it holds more
    (2, 2, 1, 2: the line kept a paragraph's last line company, in columns too shallow)."""
    used = [0] * len(capacity)
    for column, offset, piece in placed:
        used[column] = max(used[column], offset + piece.height)
    return any(a == 1 and b > 1 for a, b in zip(used, used[1:]))


def fill_to(flow: list[Flowed], capacity: list[int], carried: bool = False):
    placed, column, used = [], 0, 0
    queue = list(flow)
    done = 0                # lines of queue[0] placed (a paragraph a column break split)
    while queue and column < len(capacity):
        piece = queue[0]
        room = capacity[column] - used
        if piece.kind in SPLITTABLE:
            left = len(piece.lines) - done
            take = min(room, left)
            if take == left - 1 and (take > 1 or used > 0) \
                    and (column + 1 < len(capacity) or carried):
                # keep a paragraph's last line company: a line of it goes over with it, or
                # the whole of a two-line paragraph (the column then ends a line short)
                take -= 1
            if take > 0:
                placed.append((column, used, piece.part(done, done + take)))
                used += take
                if take == left:
                    queue.pop(0)
                    done = 0
                    continue
                done += take
        elif piece.height + _kept_lines(queue, piece) <= room \
                or (piece.height <= room and len(queue) == 1):
            placed.append((column, used, piece))
            used += piece.height
            queue.pop(0)
            continue
        elif piece.split is not None and (parts := piece.split(room)) is not None:
            placed.append((column, used, parts[0]))     # a table goes on in the next column
            queue[0] = parts[1]
        column, used = column + 1, 0
    if done:
        queue[0] = queue[0].part(done)
    return placed, queue


def _kept_lines(queue: list[Flowed], piece: Flowed) -> int:
    """Grid lines a whole piece needs below it in its column: one (a framed piece's space, the
    line a subhead or byline keeps with it), or for a subhead or byline both lines of a
    two-line paragraph after it (its first line alone would send its last line over alone)."""
    after = queue[1] if len(queue) > 1 else None
    keeps = piece.kind in ("subhead", "byline") and after is not None \
        and after.kind in SPLITTABLE and len(after.lines) == 2
    return 2 if keeps else 1


def draw_flowed(piece: Flowed, x: float, measure: float, line: int, style: Style, items,
                too_wide: list[str]):
    """Draw a piece of the flow at grid line `line` of the column at `x`; a line wider than
    the column is left out (its grid line stays empty) and put in `too_wide`."""
    if piece.kind == "framed":
        items += blocks.moved(piece.items, x, style.line_y(line))
        return
    kind = "body" if piece.kind == "item" else piece.kind
    if kind == "source":            # 来源 flush right under the story, every line of it
        for n, set_line in enumerate(piece.lines):
            if within(set_line, measure, too_wide):
                items.append(text_line(set_line, x + measure - set_line.width,
                                       baseline(style, line + n, 1, piece.spec.size), kind))
        return
    if piece.kind == "subhead":     # centred in its grid lines, a little nearer the text below
        first = baseline(style, line, piece.height, piece.spec.size) \
            - (len(piece.lines) - 1) * style.line_pitch / 2
        for n, set_line in enumerate(piece.lines):
            if within(set_line, measure, too_wide):
                items.append(text_line(set_line, x + (measure - set_line.width) / 2,
                                       first + n * style.line_pitch, "subhead"))
        return
    for n, set_line in enumerate(piece.lines):
        if within(set_line, measure, too_wide):
            items.append(text_line(set_line, x, baseline(style, line + n, 1, piece.spec.size),
                                   kind))


# How far a line may reach past its room: rounding, not a glyph.
WIDTH_TOLERANCE = 0.01      # points


def within(set_line: Line, room: float, too_wide: list[str]) -> bool:
    """Whether the line fits the `room` it is drawn in; if not, its text joins `too_wide`
    (overset by width: a run no break can shorten is never drawn across a gap or off the page)."""
    if set_line.width <= room + WIDTH_TOLERANCE:
        return True
    too_wide.append(set_line.text.strip())
    return False


# ------------------------------------------------------------------------------------ rules
