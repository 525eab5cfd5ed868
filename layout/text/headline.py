"""Headline setting: a title sized and broken to fit its module's width.

Newspaper headlines are not justified paragraphs: they take the largest size the style allows
that fits, keep their phrases (the typed spaces of 「锚定目标 实干笃行」) whole, and when they
must wrap, wrap into lines of even length rather than a full line and a stub.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ..fonts import FontBook
from .compose import Line, TextSettings, compose, natural_width

# A one-line headline smaller than this share of the style's size reads as shrunk to fit:
# setting its phrases on lines of their own at a larger size is better.
ONE_LINE_FLOOR = 0.8
SIZE_STEP = 0.5     # points


def set_headline(text: str, *, width: float, size: float, min_size: float, role: str,
                 book: FontBook, settings: TextSettings) -> tuple[list[Line], float]:
    """Lines and the size they are set at, for `text` in `width` points."""
    settings = replace(settings, space_em=1.0)         # a typed space in a title is one em

    def fits(part: str, at: float) -> bool:
        return natural_width(part, size=at, role=role, book=book, settings=settings) <= width + 1e-6

    def largest(parts: list[str]) -> float | None:
        at = size
        while at >= min_size - 1e-9:
            if all(fits(part, at) for part in parts):
                return at
            at -= SIZE_STEP
        return None

    def lines_of(parts: list[str], at: float) -> list[Line]:
        return [compose(part, measure=width, size=at, role=role, book=book, settings=settings,
                        justify=False)[0] for part in parts]

    one_line = largest([text])
    phrases = text.split()
    phrase_size = largest(phrases) if len(phrases) > 1 else None
    if one_line is not None and (one_line >= ONE_LINE_FLOOR * size or phrase_size is None
                                 or phrase_size <= one_line):
        return lines_of([text], one_line), one_line
    if phrase_size is not None:
        return lines_of(phrases, phrase_size), phrase_size
    return _balanced(text, width, min_size, role, book, settings), min_size


def _balanced(text: str, width: float, size: float, role: str, book: FontBook,
              settings: TextSettings) -> list[Line]:
    """Wrap into as few lines as the width needs, each about the same length."""
    total = natural_width(text, size=size, role=role, book=book, settings=settings)
    count = math.ceil(total / width)
    even = math.ceil(total / count / size - 1e-9) * size      # whole characters per line
    for measure in (min(width, even), min(width, even + size), width):
        lines = compose(text, measure=measure, size=size, role=role, book=book,
                        settings=settings, justify=False)
        if len(lines) <= count:
            return lines
    return lines
