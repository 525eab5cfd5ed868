"""Invariants of composed lines, shared by the text-composition tests (not a test module).

Everything here looks at the composer's output only (`Line`s of `Glyph`s) plus the font
metrics; the expectations come from the clreq rules in ../reference/cjk-typesetting.md.
"""
from __future__ import annotations

import re
from functools import lru_cache

from layout.fonts import FontBook, ink_extent, load_font_book
from layout.text import charclass as cc
from layout.text.compose import Line, TextSettings, compose

SIZE = 9.0                  # body type, points
MEASURE = 13 * SIZE         # a 13-em basic column: 117 pt
TOL = 1e-6                  # points
# A justified line may be set tighter by up to this much a gap (紧排, the composer's last
# resort): its glyphs' cells may overlap by that much, their ink still clear of each other.
TIGHTEN_EM = TextSettings().tighten_em

# Runs that may start a line at the basic and GB levels although their first character may not.
LINE_START_RUNS = ("——", "……", "⋯⋯")


@lru_cache(maxsize=1)
def shared_book() -> FontBook:
    return load_font_book({"body": "serif"})


def set_text(text: str, *, settings: TextSettings = TextSettings(), indent_em: float = 2,
             measure: float = MEASURE, size: float = SIZE, justify: bool = True,
             book: FontBook | None = None) -> list[Line]:
    return compose(text, measure=measure, size=size, role="body", book=book or shared_book(),
                   settings=settings, indent_em=indent_em, justify=justify)


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def without_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------------------------------- geometry

def advance(glyph, book: FontBook | None = None) -> float:
    """The glyph's advance in em."""
    book = book or shared_book()
    return book.metrics(glyph.face).advance(glyph.char)


@lru_cache(maxsize=None)
def _ink(face, char) -> tuple[float, float]:
    return ink_extent(face, char)


def inked_span(glyph, size: float, book: FontBook | None = None) -> tuple[float, float]:
    """(left, right) in points of the part of the glyph's cell that can hold ink.

    A full-width mark's blank half (clreq §2: closing marks and pauses inked on the left,
    opening marks on the right, middle dots centred) is not counted; a horizontally scaled
    glyph (a joined-up dash) is measured by its actual ink.
    """
    if glyph.scale_x != 1.0:
        left, right = _ink(glyph.face, glyph.char)
        return glyph.x + left * glyph.scale_x * size, glyph.x + right * glyph.scale_x * size
    width = advance(glyph, book)
    blank_left, blank_right = cc.blank_halves(glyph.char) if width >= 0.99 else (0.0, 0.0)
    return glyph.x + blank_left * size, glyph.x + (width - blank_right) * size


def glyph_problems(lines: list[Line], measure: float, book: FontBook | None = None) -> list[str]:
    """Glyphs out of order, overlapping, or outside the measure (overfull lines excepted)."""
    problems = []
    for n, line in enumerate(lines):
        spans = [inked_span(g, line.size, book) for g in line.glyphs]
        for k in range(1, len(line.glyphs)):
            # Glyph origins need not increase: an opening mark that lost its blank left half
            # has its origin half an em before its ink, so after a half-width mark (：“ on a
            # tight line) or a narrow Latin glyph (z“ in 开明式) it can share or precede the
            # previous origin. What must advance, without overlap, is the inked part.
            if not spans[k][0] > spans[k - 1][0]:
                problems.append(f"line {n}: ink not advancing at {k} in {line.text!r}")
            if spans[k - 1][1] > spans[k][0] + TIGHTEN_EM * line.size + TOL:
                problems.append(f"line {n}: {line.glyphs[k - 1].char!r} overlaps "
                                f"{line.glyphs[k].char!r} in {line.text!r}")
        if spans and spans[-1][1] > line.width + TOL:
            problems.append(f"line {n}: ink past the line's width in {line.text!r}")
        if not line.overfull and spans:
            if spans[0][0] < -TOL or max(right for _, right in spans) > measure + TOL:
                problems.append(f"line {n}: ink outside the measure in {line.text!r}")
    return problems


# --------------------------------------------------------------------------------- breaks

def no_end(level: str) -> frozenset:
    return cc.NO_END_BASIC if level == "basic" else cc.NO_END_GB


def break_problems(lines: list[Line], level: str = "gb") -> list[str]:
    """Prohibited line starts and ends at the breaks between lines (clreq §1)."""
    problems = []
    for n in range(1, len(lines)):
        start = lines[n].text
        end = lines[n - 1].text
        if start and start[0] in cc.NO_START_BASIC and not start.startswith(LINE_START_RUNS):
            problems.append(f"line {n} starts with {start[0]!r}: {start!r}")
        if level == "strict" and start.startswith(cc.NO_START_STRICT_ATOMS):
            problems.append(f"line {n} starts with a dash/ellipsis (strict): {start!r}")
        if end and end[-1] in no_end(level):
            problems.append(f"line {n - 1} ends with {end[-1]!r}: {end!r}")
    return problems


def splits(lines: list[Line], token: str) -> list[int]:
    """Offsets of the occurrences of `token` in the set text that a line break cuts."""
    full = "".join(texts(lines))
    cuts, offset = set(), 0
    for line in lines[:-1]:
        offset += len(line.text)
        cuts.add(offset)
    found, start = [], full.find(token)
    while start >= 0:
        if any(start < cut < start + len(token) for cut in cuts):
            found.append(start)
        start = full.find(token, start + 1)
    return found


# ---------------------------------------------------------------------------------- width

def width_problems(lines: list[Line], measure: float, justify: bool = True) -> list[str]:
    """Lines wider than the measure without being flagged overfull; justified lines short;
    the `last` flag anywhere but on the last line."""
    problems = []
    for n, line in enumerate(lines):
        if line.overfull:
            continue
        if line.width > measure + TOL:
            problems.append(f"line {n} is {line.width:.4f} pt > {measure} pt: {line.text!r}")
        if justify and not line.last and abs(line.width - measure) > TOL:
            problems.append(f"line {n} is {line.width:.4f} pt, not {measure} pt: {line.text!r}")
    last = [n for n, line in enumerate(lines) if line.last]
    if lines and last != [len(lines) - 1]:
        problems.append(f"lines marked last: {last} of {len(lines)}")
    return problems
