"""The display list: what to draw on each page, in points, independent of any backend.

Coordinates are points from the top-left corner of the trimmed page, y growing downwards;
text is placed by its baseline. A backend (PDF, PNG) turns these into marks and never needs
to know where they came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .fonts import Face

# Colours are CMYK tuples 0..1; body text is black ink only.
BLACK = (0.0, 0.0, 0.0, 1.0)


@dataclass(frozen=True)
class Separation:
    """A colour named for the plates: "All" is the registration colour, on every plate."""
    name: str
    alternate: tuple            # CMYK 0..1 a viewer shows it as


REGISTRATION = Separation("All", (1.0, 1.0, 1.0, 1.0))     # printer's marks


class Glyph(NamedTuple):
    """A character at `x` points along its line's baseline; `y` below it (vertical text, 竖排).

    Text composition places glyphs, page composition moves whole lines: the glyph is the same
    from the composer to the backend. A tuple, because an issue has tens of thousands: they
    are made, compared, hashed and cached fastest so."""
    char: str
    x: float
    face: Face
    scale_x: float = 1.0
    y: float = 0.0


@dataclass(frozen=True)
class TextLine:
    """Glyphs on one baseline at one size. `role` says what the line is (body, headline…)."""
    x: float                    # line start
    y: float                    # baseline
    size: float
    glyphs: tuple[Glyph, ...]   # x relative to the line start
    role: str = "body"
    color: tuple = BLACK

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: tuple = BLACK


@dataclass(frozen=True)
class Rect:
    """A filled rectangle (colour-bar patches)."""
    x: float
    y: float
    width: float
    height: float
    color: tuple = BLACK


@dataclass(frozen=True)
class Box:
    """A stroked rectangle (a module's frame), its corners rounded by `radius` (0: square)."""
    x: float
    y: float
    width: float
    height: float
    weight: float               # line weight
    radius: float = 0.0
    color: tuple = BLACK


@dataclass(frozen=True)
class Circle:
    """A stroked circle (registration marks)."""
    x: float
    y: float
    radius: float
    width: float
    color: tuple = BLACK


@dataclass(frozen=True)
class Image:
    path: Path
    x: float                    # frame, top-left
    y: float
    width: float
    height: float
    crop: tuple[float, float, float, float]   # left, top, right, bottom of the source, 0..1


@dataclass(frozen=True)
class Form:
    """The first page of a PDF (an ad, the paper's logo) placed whole as a Form XObject, its
    vectors, images and fonts kept: the page's trim box fills the frame."""
    path: Path
    x: float                    # frame, top-left
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float                # trimmed size, points
    height: float
    bleed: float                # bleed on every side, points
    items: tuple = ()           # TextLine | Rule | Rect | Circle | Image | Form, in order
    label: str = ""             # e.g. "第1版"


@dataclass(frozen=True)
class Document:
    title: str
    pages: tuple[Page, ...] = field(default_factory=tuple)
    subject: str = ""
