"""Setting a pipe table on the baseline grid, as a three-line table (三线表) by default.

Column widths are measured: each column gets its cells' natural width; when the table is
narrower than its measure the spare room is shared out, when it is wider the text columns
give up width (their cells wrap) down to two characters, while number columns never wrap.
A table that still does not fit is refused with the fix, never clipped. The header row is set
in the style's `table_head` face (黑体); a column of numbers is aligned on the decimal point
(so right-aligned when it has none), others flush left unless the delimiter row says
(`:--`, `:-:`, `--:`). Every row takes whole grid lines; the rules (`table_outer_pt` above
and below, `table_inner_pt` under the header, `table_rows_pt` between rows if set) sit on the
boundaries between grid lines, and the table keeps a grid line of space above and below.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .. import display as dl
from ..errors import BroadsheetError
from ..fonts import FontBook
from ..model import Table
from ..style import Style
from ..text.compose import Line, natural_width
from .blocks import NUMBER, Framed, boundary, set_text, text_at

_UNBREAKABLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,/:%‰\-]*")


@dataclass
class _Column:
    numeric: bool
    align: str                  # left, right, center, decimal
    natural: float              # widest cell on one line, points
    least: float                # narrowest it may be set at
    width: float = 0.0
    fraction: float = 0.0       # widest decimal part (from the point on), decimal columns


def table_columns(table: Table, measure: float, style: Style, book: FontBook,
                  file: str) -> list[_Column]:
    """The table's columns, measured and fitted to `measure`; refused when it cannot fit."""
    size = style.type["table"].size
    gap = style.composition.table_cell_gap_em * size
    columns = [_measure_column(table, c, style, book) for c in range(len(table.header))]
    _share_width(columns, measure - gap * (len(columns) - 1), size)
    needed = sum(column.least for column in columns) + gap * (len(columns) - 1)
    if needed > measure + 1e-6:
        raise BroadsheetError(
            f"the table on line {table.line} needs {needed:.0f} pt but its column is "
            f"{measure:.0f} pt wide", file=file, field=f"line {table.line}",
            fix="shorten its cells or drop a column, or set the story in a wider text column "
                "(a module with text_columns = 1 over two or more columns)")
    return columns


def rows_fitting(table: Table, columns: list[_Column], room: int, style: Style,
                 book: FontBook) -> int:
    """How many of the table's body rows fit in `room` grid lines with its header and rules
    (the rest goes on in the next column under the header again)."""
    body_spec, head_spec = style.type["table"], style.type["table_head"]
    used = 2 + max(1, max(map(len, _row(table.header, columns, head_spec, style, book))))
    for count, cells in enumerate(table.rows):
        used += max(1, max(map(len, _row(cells, columns, body_spec, style, book))))
        if used > room:
            return count
    return len(table.rows)


def table_block(table: Table, measure: float, style: Style, book: FontBook,
                columns: list[_Column]) -> Framed:
    """The table set in `columns` (from `table_columns`, shared by its parts when it is
    split between columns)."""
    body_spec, head_spec = style.type["table"], style.type["table_head"]
    gap = style.composition.table_cell_gap_em * body_spec.size
    xs, x = [], 0.0
    for column in columns:
        xs.append(x)
        x += column.width + gap
    rows = [(_row(table.header, columns, head_spec, style, book, header=True), True)]
    rows += [(_row(cells, columns, body_spec, style, book), False) for cells in table.rows]
    items: list = []
    line = 1                                    # grid line 0 is the space above the table
    inner, rows_pt = style.rules.table_inner_pt, style.rules.table_rows_pt
    for n, (cells, header) in enumerate(rows):
        height = max(1, max(len(lines) for lines in cells))
        for k in range(height):                 # row by row: text copies out in order
            for c, lines in enumerate(cells):
                if k < len(lines):
                    x = xs[c] + _offset(columns[c], lines[k], header, columns[c].width)
                    items.append(text_at(lines[k], x, line + k, style,
                                         "table_head" if header else "table"))
        line += height
        y = boundary(style, line)
        if header and inner:
            items.append(dl.Rule(0, y, measure, y, inner))
        elif not header and rows_pt and n < len(rows) - 1:
            items.append(dl.Rule(0, y, measure, y, rows_pt))
    outer = style.rules.table_outer_pt
    top, bottom = boundary(style, 1), boundary(style, line)
    items += [dl.Rule(0, top, measure, top, outer), dl.Rule(0, bottom, measure, bottom, outer)]
    text = "".join(cell for row in (table.header, *table.rows) for cell in row)
    return Framed(line + 1, items, text)


def _measure_column(table: Table, c: int, style: Style, book: FontBook) -> _Column:
    body_spec, head_spec = style.type["table"], style.type["table_head"]
    cells = [row[c] for row in table.rows]
    numeric = all(NUMBER.fullmatch(cell) or not cell for cell in cells) and any(cells)

    def width(text: str, type_spec) -> float:
        return natural_width(text, size=type_spec.size, role=type_spec.role, book=book,
                             settings=style.text)
    natural = max([width(table.header[c], head_spec)] + [width(cell, body_spec) for cell in cells])
    # a text column may wrap, but not inside a number, a date or a Latin word
    runs = [run for cell in cells for run in _UNBREAKABLE.findall(cell)]
    runs += [cell for cell in cells if len(cell) <= style.composition.table_short_cell_chars]
    least = max([min(natural, style.composition.table_min_column_chars * body_spec.size)]
                + [width(run, body_spec) for run in runs])
    if numeric:                 # numbers never wrap (the header over them may)
        least = max(max(width(cell, body_spec) for cell in cells),
                    _decimal_width(cells, body_spec, style, book))
        natural = max(natural, least)
    align = table.align[c]
    if align == "auto":
        align = "decimal" if numeric else "left"
    elif align == "right" and numeric:
        align = "decimal"
    fraction = 0.0
    if align == "decimal":
        fraction = max(natural_width(_split_decimal(cell)[1], size=body_spec.size,
                                     role=body_spec.role, book=book, settings=style.text)
                       for cell in cells if cell)
    return _Column(numeric, align, natural, least, fraction=fraction)


def _split_decimal(cell: str) -> tuple[str, str]:
    point = cell.find(".")
    return (cell, "") if point < 0 else (cell[:point], cell[point:])


def _decimal_width(cells, type_spec, style: Style, book: FontBook) -> float:
    """Width of a number column aligned on the point: widest whole part + widest fraction."""
    def width(text: str) -> float:
        return natural_width(text, size=type_spec.size, role=type_spec.role, book=book,
                             settings=style.text) if text else 0.0
    parts = [_split_decimal(cell) for cell in cells if cell]
    return max(width(whole) for whole, _ in parts) + max(width(fraction) for _, fraction in parts)


def _share_width(columns: list[_Column], room: float, size: float) -> None:
    """Columns at their natural widths, the spare room shared out; when the table is too wide,
    each column gives up width in proportion to what it can spare above its least (a header
    over numbers wraps; text columns keep whole characters)."""
    natural = sum(column.natural for column in columns)
    if natural > room:
        flexible = sum(column.natural - column.least for column in columns)
        ratio = min(1.0, (natural - room) / flexible) if flexible > 0 else 1.0
        for column in columns:
            column.width = column.natural - (column.natural - column.least) * ratio
            if not column.numeric:
                column.width = max(column.least, math.floor(column.width / size + 1e-6) * size)
    else:
        for column in columns:
            column.width = column.natural
    spare = room - sum(column.width for column in columns)
    if spare > 0:
        for column in columns:
            column.width += spare / len(columns)


def _row(cells, columns: list[_Column], type_spec, style: Style, book: FontBook,
         header: bool = False) -> list[list[Line]]:
    set_cells = []
    for cell, column in zip(cells, columns):
        if not cell:
            set_cells.append([])
            continue
        set_cells.append(set_text(cell, column.width + 1e-6, type_spec.size, type_spec.role, style,
                              book, justify=False))
    return set_cells


def _offset(column: _Column, line: Line, header: bool, width: float) -> float:
    """Where in its column a cell's line starts."""
    align = column.align
    if align == "decimal" and header:
        align = "right"
    if align == "right":
        return width - line.width
    if align == "center":
        return (width - line.width) / 2
    if align == "decimal":
        whole, _ = _split_decimal(line.text)
        whole_width = _glyph_span(line, len(whole))
        return width - column.fraction - whole_width
    return 0.0


def _glyph_span(line: Line, count: int) -> float:
    """Width of the first `count` glyphs of a line (up to where the next one starts)."""
    if count >= len(line.glyphs):
        return line.width
    return line.glyphs[count].x
