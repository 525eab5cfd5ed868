"""A story's title block: kicker, headline and deck across the top of its module, or set
vertically down its right side (竖排)."""
from __future__ import annotations

import math
from dataclasses import replace

from ..style import Style
from ..text.headline import set_vertical
from .flow import fit_headline, within
from .grid import EM_BOX_TOP, text_line, title_baselines


def headline_block(article, x, width, line, style: Style, book, items, too_wide: list[str],
                   keys=None, headline_size: float | None = None,
                   headline_lines: int | None = None) -> int:
    """Kicker, headline and deck centred across the module (the headline no larger than
    `headline_size`, if given, and as large as breaks it into `headline_lines` lines at
    most, if given); returns the next free grid line. A line wider than the
    module (a long Latin word) is not drawn but put in `too_wide`."""
    keys = keys or (("kicker", article.kicker), ("headline", article.headline),
                    ("deck", article.deck))
    for key, text in keys:
        if not text:
            continue
        spec = style.type[key]
        if key == "headline" and headline_size is not None:
            spec = replace(spec, size=min(spec.size, headline_size),
                           min_size=min(spec.min_size or spec.size, headline_size))
        room = width - 2 * style.composition.headline_inset_chars * style.body_size
        lines, size = fit_headline(text, spec, room, style, book,
                                   headline_lines if key == "headline" else None)
        baselines, taken = title_baselines(style, line, len(lines), size)
        for set_line, y in zip(lines, baselines):
            if within(set_line, room, too_wide):
                items.append(text_line(set_line, x + (width - set_line.width) / 2, y, key))
        line += taken
    return line + 1                                     # a blank grid line under the block


VERTICAL_HEADLINE_PARTS = ("kicker", "headline", "deck")     # set right to left


def vertical_headline_block(article, place, line, last_line, style: Style, book, items) -> int:
    """Kicker, headline and deck as vertical columns at the module's right edge, read right
    to left; returns how many basic columns they take."""
    inset = style.composition.headline_inset_chars * style.body_size
    top = style.line_y(line) + inset
    height = style.line_y(last_line + 1) - top - inset
    columns = []
    for key in VERTICAL_HEADLINE_PARTS:
        if text := getattr(article, key):
            spec = style.type[key]
            columns.append((key, *set_vertical(text, height=height, size=spec.size,
                                               min_size=spec.min_size or spec.size
                                               * style.composition.vertical_min_share,
                                               role=spec.role, book=book)))
    gap = style.composition.vertical_gap_chars * style.body_size
    total = sum(size for _, _, size in columns) + gap * (len(columns) - 1)
    step = (style.column_chars + style.gutter_chars) * style.body_size
    taken = math.ceil((total + 2 * inset + style.gutter_chars * style.body_size) / step)
    area_left = style.column_x(place.column + place.columns - taken)
    area_width = style.span_width(taken)
    x = area_left + (area_width + total) / 2                # right edge of the first column
    for key, set_line, size in columns:
        x -= size
        items.append(text_line(set_line, x, top + EM_BOX_TOP * size, key))
        x -= gap
    return taken

