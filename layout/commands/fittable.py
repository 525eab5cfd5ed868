"""The fit table `render` prints: how every story fitted its module, what an overset story
lacks and what would hold it, and every photo's printed size and resolution.

Columns are measured in terminal cells (East Asian wide characters take two,
`unicodedata.east_asian_width`), and a cell too long for its column is shortened with "…", so
the table stays aligned whatever the headlines hold.
"""
from __future__ import annotations

import math
import os
import unicodedata
from pathlib import Path

HEADER = ("版", "article", "headline", "lines set", "available", "overset chars", "jump")
WIDTHS = (3, 22, 20, 9, 9, 13, 8)
INDENT = " " * (WIDTHS[0] + 2)


def display_width(text: str) -> int:
    """Terminal cells: wide and full-width characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(char) else
               2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def clip(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending "…" where it was shortened."""
    if display_width(text) <= width:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


def row(cells, widths=WIDTHS) -> str:
    """One line of the table, each cell clipped and padded to its column."""
    return "  ".join(clip(cell, width) + " " * max(0, width - display_width(clip(cell, width)))
                     for cell, width in zip(cells, widths)).rstrip()


def fit_row(fit) -> str:
    jump = (f"←{fit.continued_from}" if fit.continued_from else "") + \
           (f"→{fit.continued_on}" if fit.continued_on else "")
    return row((str(fit.page), fit.article, fit.headline, str(fit.lines_set),
                str(fit.lines_available),
                str(len(fit.overset_text) + sum(map(len, fit.too_wide))), jump))


def overset_line(fit, style) -> str:
    """What an overset story lacks, in characters and grid lines, and the module depth that
    would hold it (estimated from its measure: each overset paragraph takes whole lines); for
    a story the make-up left out, why."""
    chars = len(fit.overset_text)
    if fit.place is None:
        return f"{INDENT}↳ left out by the make-up, {chars} characters: {fit.left_out}" \
            if fit.left_out else f"{INDENT}↳ {chars} characters do not fit"
    place = fit.place
    text_columns = fit.text_columns or place.columns
    width_chars = place.columns * style.column_chars + (place.columns - 1) * style.gutter_chars
    line_chars = max(1, (width_chars - (text_columns - 1) * style.gutter_chars) // text_columns)
    column_lines = sum(math.ceil((len(paragraph) + 2) / line_chars)   # 2-em indent
                       for paragraph in fit.overset_text.split("\n") if paragraph.strip())
    depth = math.ceil(column_lines / text_columns)
    lines = "line" if column_lines == 1 else "lines"
    missing = (f"{INDENT}↳ overset: {chars} characters ≈ {column_lines} {lines} of "
               f"{line_chars} characters missing")
    holding = [f"lines = {place.lines + depth} (now {place.lines})"] if (
        place.line + place.lines + depth - 1 <= style.lines) else []
    holding += _columns_needed(fit, place, style, column_lines * line_chars)
    if not holding:
        return f"{missing} — more than the page has below the module: cut the story, or let " \
               "it go on to a later page (jump_to)"
    return (f"{missing} — {holding[0]} would hold it"
            + "".join(f", or {other}" for other in holding[1:]) + ", or cut the story")


def photo_line(photo, issue_dir: Path, min_ppi: float) -> str:
    """A photo as printed (`render.PhotoSize`), flagged below the style's minimum ppi."""
    name = relative(photo.path, issue_dir)
    low = f" — below the style's minimum {min_ppi:g} ppi: use a larger original or print " \
          "it smaller" if photo.ppi < min_ppi else ""
    return (f"photo  page {photo.page}  {name}: printed {photo.width_mm:.0f} × "
            f"{photo.height_mm:.0f} mm at {photo.ppi:.0f} ppi{low}")


def _columns_needed(fit, place, style, missing_chars: int) -> list[str]:
    """The width at the same depth that would hold it, if the grid has room for it."""
    per_column = max(1, fit.lines_available // (fit.text_columns or place.columns)) \
        * style.column_chars
    extra = math.ceil(missing_chars / per_column)
    if place.column + place.columns + extra - 1 <= style.columns:
        return [f"columns = {place.columns + extra} (now {place.columns})"]
    return []


def relative(path: Path, folder: Path) -> str:
    """`path` as the issue's files name it: relative to the issue folder (`photos/x.jpg`,
    `../shared/x.jpg`)."""
    return os.path.relpath(Path(path).resolve(), Path(folder).resolve())
