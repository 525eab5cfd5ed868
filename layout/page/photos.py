"""A story's photos in its module: each frame in whole grid lines, the caption below, at
the top, bottom or side of the text columns."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .. import display as dl
from ..errors import BroadsheetError
from ..model import Photo
from ..style import Style
from ..text.headline import set_ragged
from .flow import within
from .grid import baseline, fill_crop, text_line


@dataclass
class PhotoFrame:
    items: list
    next_line: int              # first grid line free below the caption
    width: float
    height_lines: int
    can_grow: bool = True       # a cropped (fill) photo may grow to fill its module
    too_wide: list[str] = field(default_factory=list)     # caption lines wider than the photo


def photo_span(photo: Photo, size: str | None, columns: int, side: bool = False) -> int:
    """Text columns a photo spans: all of them ("large"), half ("small"), or as written
    (default: all, or half beside the text)."""
    if size == "large":
        return columns
    if size == "small":
        return max(1, columns // 2)
    return min(photo.columns or (max(1, columns // 2) if side else columns), columns)


def photo_frame(photo: Photo, pixels: tuple[int, int], x, line, last_line, width,
                style: Style, book, extra_lines: int, article) -> PhotoFrame:
    """A photo `width` points wide at grid line `line`, in whole grid lines, caption below,
    all of it above grid line `last_line` + 1 (the module's end).

    `fill` crops the picture to the frame around its focus point (more of it when the module
    is shorter than the picture); `fit` shows all of it, centred in a frame that does not
    grow (narrower when the module is short). A module too short for the photo's least frame
    and its caption is an error naming both.
    """
    spec = style.type["caption"]
    caption = f"{photo.caption} {photo.credit}".strip()
    credit = (len(caption) - len(photo.credit.strip()), len(caption)) if photo.credit.strip() \
        else (0, 0)                                     # a credit is a name: kept whole
    captions = set_ragged(caption, width=width, size=spec.size, role=spec.role, book=book,
                          settings=style.text, words=style.words,
                          keep=(credit,)) if caption else []
    most = last_line - line + 1 - len(captions)        # grid lines the picture may take
    least = style.composition.photo_min_lines
    if most < least:
        needed = least + len(captions)
        raise BroadsheetError(
            f"the photo {photo.path.name} needs at least {needed} grid lines with its caption, "
            f"and its module has {max(0, last_line - line + 1)} left there",
            file=str(article.source), field=f"photo {photo.path.name}",
            fix=f"make the module at least {needed - max(0, last_line - line + 1)} grid lines "
                "taller in issue.toml, narrow the photo with {columns=N}, or shorten the caption")
    pixel_w, pixel_h = pixels
    natural = width * pixel_h / pixel_w
    if photo.fit == "fit":
        height_lines = min(most, max(least, math.ceil(
            (natural + style.line_pitch - style.body_size) / style.line_pitch)))
        shown = min(natural, height_lines * style.line_pitch - (style.line_pitch - style.body_size))
        shown_width = shown * pixel_w / pixel_h
        items: list = [dl.Image(photo.path, x + (width - shown_width) / 2, style.line_y(line),
                                shown_width, shown, (0.0, 0.0, 1.0, 1.0))]
        extra_lines = 0
    else:
        height_lines = min(most, max(least, round(natural / style.line_pitch))
                           + extra_lines)
        height = height_lines * style.line_pitch - (style.line_pitch - style.body_size)
        items = [dl.Image(photo.path, x, style.line_y(line), width, height,
                          fill_crop(pixel_w, pixel_h, width, height, photo.focus))]
    line += height_lines
    too_wide: list[str] = []
    for set_line in captions:
        if within(set_line, width, too_wide):
            items.append(text_line(set_line, x, baseline(style, line, 1, spec.size), "caption"))
        line += 1
    return PhotoFrame(items, line + 1, width, height_lines, photo.fit == "fill", too_wide)


def photo_growth_limit(frame: PhotoFrame, style: Style) -> int:
    """Lines a photo may grow by before its frame is taller than it is wide."""
    if not frame.can_grow:
        return 0
    return max(0, int(frame.width / style.line_pitch) - frame.height_lines)


def photo_layout(photos, pixels, xs, measure, gap, line, last_line, style, book, extra_lines,
                 article, size: str | None = None, chosen: int | None = None,
                 byline_lines: int = 0):
    """Each story photo's frame at its position — across the top or bottom of the first
    `columns` text columns, or at the top of the left or right ones (text beside it and on
    below) — and each column's first and last free grid line. The first column's head keeps
    `byline_lines` for the byline, above any photo there."""
    tops, bottoms = [line] * len(xs), [last_line] * len(xs)
    tops[0] += byline_lines
    frames = []
    for n, photo in enumerate(photos):
        side = photo.position in ("left", "right")
        span = min(chosen or photo_span(photo, size, len(xs), side), len(xs))
        columns = range(len(xs) - span, len(xs)) if photo.position == "right" else range(span)
        width = span * measure + (span - 1) * gap
        grow = extra_lines if n == 0 else 0
        x, top, bottom = xs[columns[0]], max(tops[c] for c in columns), \
            min(bottoms[c] for c in columns)
        frame = photo_frame(photo, pixels[n], x, top, bottom, width, style, book, grow, article)
        if photo.position == "bottom":      # the same frame, moved down to end at `bottom`
            start = bottom - (frame.next_line - top) + 2
            frame = photo_frame(photo, pixels[n], x, start, bottom, width, style, book, grow,
                                article)
            for c in columns:
                bottoms[c] = start - 2                  # a blank grid line over the photo
        else:
            for c in columns:
                tops[c] = frame.next_line
        frames.append(frame)
    return tops, bottoms, frames

