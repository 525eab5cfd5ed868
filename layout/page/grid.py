"""Placing composed lines on the page's baseline grid, shared by modules and furniture."""
from __future__ import annotations

import math

from .. import display as dl
from ..style import Style
from ..text.compose import Line

# The ideographic em box runs from 0.88 em above the baseline to 0.12 em below it (Noto CJK,
# LXGW WenKai): its centre is 0.38 em above the baseline. A property of the CJK fonts (their
# ideographic embox), not of a house style.
EM_BOX_TOP = 0.88
EM_BOX_CENTRE = EM_BOX_TOP - 0.5


def baseline(style: Style, line: float, grid_lines: float, size: float) -> float:
    """Baseline that centres a `size` em box in `grid_lines` grid lines from grid line `line`.

    Body text (one grid line at the body size) thus sits on the page's baseline grid.
    """
    return style.line_y(line) + grid_lines * style.line_pitch / 2 + EM_BOX_CENTRE * size


def title_baselines(style: Style, line: int, count: int, size: float
                    ) -> tuple[list[float], int]:
    """Baselines of `count` title lines set `size` × headline_leading apart, the block centred
    in the fewest whole grid lines from grid line `line` that hold it; and those grid lines.
    Each line snapped to whole grid lines instead, a two-line 24 pt title stood 1.7 em apart."""
    step = size * style.composition.headline_leading
    grid_lines = math.ceil(count * step / style.line_pitch - 1e-9)
    top = style.line_y(line) + (grid_lines * style.line_pitch - count * step) / 2
    return [top + (n + 0.5) * step + EM_BOX_CENTRE * size for n in range(count)], grid_lines


def text_line(line: Line, x: float, y: float, role: str, color: tuple = dl.BLACK
              ) -> dl.TextLine:
    """A composed line as a display-list line starting at `x` on baseline `y`."""
    return dl.TextLine(x=x, y=y, size=line.size, glyphs=line.glyphs, role=role, color=color)


def fill_crop(pixel_w, pixel_h, width, height, focus=(0.5, 0.5)):
    """The crop (left, top, right, bottom in 0..1) that fills the frame, kept around `focus`."""
    source, frame = pixel_w / pixel_h, width / height
    if source > frame:                                  # too wide: trim the sides
        keep = frame / source
        left = min(max(focus[0] - keep / 2, 0.0), 1.0 - keep)
        return (left, 0.0, left + keep, 1.0)
    keep = source / frame
    top = min(max(focus[1] - keep / 2, 0.0), 1.0 - keep)
    return (0.0, top, 1.0, top + keep)
