"""Setting the article blocks beyond paragraphs and subheads, on the page's baseline grid.

Each block comes back as plain data the page composer flows through a module's columns:

* a list item is a run of body lines (`ItemLines`), split between columns like a paragraph,
  its marker set in a hanging indent of whole characters so that the text keeps the grid;
* a pull quote, a table and a sidebar are `Framed` pieces: a whole number of grid lines,
  their display items drawn relative to the top-left of their first grid line, never split.

The 编者按 (`editor_note`) spans the module under the headline (`editor_note_block`).
Every text line sits on a grid line: a block's rules and box edges sit in the grid lines it
takes above and below its text. Sizes and faces come from the style's `[type]` keys quote,
table, table_head, sidebar, sidebar_title, editor_note and emphasis and rule weights from
`[rules]` quote_pt, table_outer_pt, table_inner_pt, table_rows_pt, box_pt (their defaults:
`style.settings`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from .. import display as dl
from ..read import markup
from ..fonts import FontBook
from ..model import Emphasis, ListBlock, ListItem, Paragraph, Quote, Sidebar
from ..style import Style
from ..text.compose import Line, Request, compose_request, natural_width
from .grid import EM_BOX_CENTRE

EDITOR_NOTE_LEAD = "编者按："
# A cell that is a number: sign, digits (thousands separators), decimals, a unit after it.
NUMBER = re.compile(r"[-+−]?[¥$€£]?\d[\d,，]*(?:\.\d+)?(?:%|‰|亿元|万元|元|亿|万|倍|个百分点)?")


def faces(emphasis: Emphasis, style: Style, offset: int = 0) -> tuple[tuple[int, int, str], ...]:
    """Inline emphasis as the composer's (start, end, role) ranges: **…** in the style's
    emphasis face, *…* in 楷体."""
    roles = {"strong": style.type["emphasis"].role, "kai": "kai"}
    return tuple((start + offset, end + offset, roles[kind]) for start, end, kind in emphasis)


def set_text(text: str, measure: float, size: float, role: str, style: Style, book: FontBook,
         indent_em: float = 0.0, justify: bool = True, emphasis: Emphasis = ()) -> list[Line]:
    return compose_request(Request(text, measure, size, role, style.text, indent_em, justify,
                                   faces(emphasis, style)), book)


def _whole_chars(width: float, size: float) -> float:
    """The widest measure of whole characters of `size` within `width`: text on the grid."""
    return max(1, math.floor(width / size + 1e-6)) * size


def _baseline(style: Style, row: int, size: float) -> float:
    """Baseline of a line of `size` in grid line `row` of a block (0 = its first line)."""
    return row * style.line_pitch + style.line_pitch / 2 + EM_BOX_CENTRE * size


def text_at(line: Line, x: float, row: int, style: Style, role: str) -> dl.TextLine:
    return dl.TextLine(x=x, y=_baseline(style, row, line.size), size=line.size,
                       glyphs=line.glyphs, role=role)


def boundary(style: Style, row: int) -> float:
    """The y of the top edge of the block's grid line `row`."""
    return row * style.line_pitch


def moved(items: list, dx: float, dy: float) -> list:
    """Display items drawn relative to (0, 0), moved to (dx, dy)."""
    out = []
    for item in items:
        if isinstance(item, dl.Rule):
            out.append(replace(item, x1=item.x1 + dx, y1=item.y1 + dy, x2=item.x2 + dx,
                               y2=item.y2 + dy))
        else:
            out.append(replace(item, x=item.x + dx, y=item.y + dy))
    return out


def _shifted(line: Line, dx: float) -> Line:
    return replace(line, glyphs=tuple(glyph._replace(x=glyph.x + dx) for glyph in line.glyphs))


def paragraphs_as_set(article, style: Style) -> list[tuple[str, tuple]]:
    """(text, emphasis faces) of each body paragraph as it is set: the dateline (本报讯…) in
    the emphasis face at the start of the first, the byline after it in brackets in 楷体 —
    本报讯（记者 ×× 通讯员 ××）— or a full-width space when there is none."""
    out = []
    for block in article.blocks:
        if isinstance(block, Paragraph):
            dateline, credit = markup.dateline_lead(article) if not out else ("", "")
            lead = dateline + credit
            ranges = faces(block.emphasis, style, offset=len(lead))
            if dateline:
                ranges = faces(((0, len(dateline), "strong"),
                                (len(dateline), len(lead), "kai")), style) + ranges
            out.append((lead + block.text, ranges))
    return out


# ------------------------------------------------------------------------------------ lists

@dataclass
class ItemLines:
    """One list item as body lines, the marker in the first, the text hung after it."""
    lines: list[Line]
    text: str                   # the item's text (without the marker)
    hang: float                 # points the text is indented by


def list_hang(block: ListBlock, style: Style, book: FontBook) -> float:
    """The hanging indent of a list: its widest marker plus a blank, in whole characters."""
    def room(marker: str) -> float:
        """The marker's width in em and the blank it needs after it: none after a full-width
        mark (一、 （一）), which carries its own."""
        width = natural_width(marker, size=style.body_size, role="body", book=book,
                              settings=style.text) / style.body_size
        return width + (0.0 if marker[-1] in "、）" else style.composition.list_marker_gap_em)
    return math.ceil(max(room(item.marker) for item in block.items) - 1e-6) * style.body_size


def list_item(item: ListItem, hang: float, measure: float, style: Style, book: FontBook,
              start: int = 0) -> ItemLines:
    """`item` (from character `start` on, without its marker when `start` > 0) set at
    `measure` less the hang; the marker flush left in the hang of the first line."""
    text = item.text[start:]
    emphasis = tuple((max(0, s - start), e - start, k) for s, e, k in item.emphasis if e > start)
    lines = [_shifted(line, hang) for line in
             set_text(text, measure - hang, style.body_size, "body", style, book,
                  emphasis=emphasis)]
    if start == 0 and lines:
        [marker] = set_text(item.marker, hang, style.body_size, "body", style, book, justify=False)
        first = lines[0]
        lines[0] = replace(first, glyphs=marker.glyphs + first.glyphs)
    return ItemLines(lines, text, hang)


# ----------------------------------------------------------------------------- framed blocks

@dataclass
class Framed:
    """A block drawn whole: `height` grid lines, items relative to its first line's top-left."""
    height: int
    items: list
    text: str                   # what it prints, for the overset report


def quote_block(quote: Quote, measure: float, style: Style, book: FontBook) -> Framed:
    """A pull quote `measure` wide (one column, or the style's `quote` columns): larger type,
    centred, between a rule above and a rule below, each rule in a grid line of its own."""
    quote_spec = style.type["quote"]
    inset = style.composition.block_inset_chars * style.body_size
    width = _whole_chars(measure - 2 * inset, quote_spec.size)
    lines = set_text(quote.text, width, quote_spec.size, quote_spec.role, style, book,
                 emphasis=quote.emphasis)
    per_line = max(1, math.ceil(quote_spec.size * style.composition.quote_leading
                                / style.line_pitch - 1e-6))
    weight = style.rules.quote_pt
    height = 2 + per_line * len(lines)
    items: list = [dl.Rule(0, style.line_pitch / 2, measure, style.line_pitch / 2, weight),
                   dl.Rule(0, boundary(style, height - 1) + style.line_pitch / 2, measure,
                           boundary(style, height - 1) + style.line_pitch / 2, weight)]
    left = (measure - width) / 2
    for n, line in enumerate(lines):
        row = 1 + n * per_line
        y = row * style.line_pitch + per_line * style.line_pitch / 2 \
            + EM_BOX_CENTRE * line.size
        items.append(dl.TextLine(x=left, y=y, size=line.size, glyphs=line.glyphs,
                                 role="quote"))
    return Framed(height, items, quote.text)


def sidebar_block(sidebar: Sidebar, measure: float, style: Style, book: FontBook) -> Framed:
    """A boxed block: the title in the emphasis face, then its paragraphs and lists, one
    character inside a box whose top and bottom sit in grid lines of their own."""
    inset = style.composition.block_inset_chars * style.body_size
    width = _whole_chars(measure - 2 * inset, style.body_size)
    inset = (measure - width) / 2
    text_spec, title_spec = style.type["sidebar"], style.type["sidebar_title"]
    rows: list[tuple[Line, float, str]] = []    # line, x, role
    for line in set_text(sidebar.title, width, title_spec.size, title_spec.role, style, book,
                     justify=False):
        rows.append((line, inset, "sidebar_title"))
    texts = [sidebar.title]
    for block in sidebar.blocks:
        if isinstance(block, Paragraph):
            for line in set_text(block.text, width, text_spec.size, text_spec.role, style, book,
                             indent_em=style.indent_em, emphasis=block.emphasis):
                rows.append((line, inset, "sidebar"))
            texts.append(block.text)
        elif isinstance(block, ListBlock):
            hang = list_hang(block, style, book)
            for item in block.items:
                for line in list_item(item, hang, width, style, book).lines:
                    rows.append((line, inset, "sidebar"))
                texts.append(item.text)
    height = len(rows) + 2
    weight = style.rules.box_pt
    top, bottom = style.line_pitch / 2, boundary(style, height - 1) + style.line_pitch / 2
    items: list = [dl.Rule(0, top, measure, top, weight), dl.Rule(0, bottom, measure, bottom, weight),
                   dl.Rule(0, top, 0, bottom, weight), dl.Rule(measure, top, measure, bottom, weight)]
    for n, (line, x, role) in enumerate(rows):
        items.append(text_at(line, x, 1 + n, style, role))
    return Framed(height, items, "".join(texts))


def editor_note_block(text: str, emphasis: Emphasis, width: float, style: Style,
                      book: FontBook) -> Framed:
    """编者按: the lead-in in the emphasis face, the note in 楷体, framed top and bottom by
    rules across the module (in grid lines of their own)."""
    note_spec = style.type["editor_note"]
    inset = style.composition.block_inset_chars * style.body_size
    measure = _whole_chars(width - 2 * inset, note_spec.size)
    lead = len(EDITOR_NOTE_LEAD)
    emphasis = ((0, lead, "strong"),) + tuple((s + lead, e + lead, k) for s, e, k in emphasis)
    lines = set_text(EDITOR_NOTE_LEAD + text, measure, note_spec.size, note_spec.role, style, book,
                 indent_em=style.indent_em, emphasis=emphasis)
    height = len(lines) + 2
    weight = style.rules.box_pt
    top, bottom = style.line_pitch / 2, boundary(style, height - 1) + style.line_pitch / 2
    items: list = [dl.Rule(0, top, width, top, weight), dl.Rule(0, bottom, width, bottom, weight)]
    left = (width - measure) / 2
    items += [text_at(line, left, 1 + n, style, "editor_note") for n, line in enumerate(lines)]
    return Framed(height, items, EDITOR_NOTE_LEAD + text)
