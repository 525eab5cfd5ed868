"""Boxes round story modules: frames (边框), tints (底纹), the reversed (反白) headline bar,
and the column rules (栏线) between a module's text columns — all from the style.

A boxed module keeps the baseline grid: its first and last grid lines are the frame's
margin (the frame runs through their middles), and the text is inset by whole characters
on the left and right, so every line still sits on a grid line.
"""
from __future__ import annotations

from dataclasses import replace

from .. import display as dl
from ..errors import BroadsheetError
from ..model import Module
from ..style import Style

PAPER = (0.0, 0.0, 0.0, 0.0)        # reversed type: no ink, the paper shows through


def boxed(module: Module) -> bool:
    return bool(module.frame or module.tint or module.headline_bar)


def check_box(module: Module, style: Style, field: str, file: str) -> None:
    """The frame and tint a module names must be the style's."""
    carry = style.carry
    for key, known in (("frame", carry.frames), ("tint", carry.tints)):
        name = getattr(module, key)
        if name and name not in known:
            raise BroadsheetError(f"the style {style.name!r} has no {key} {name!r}", file=file,
                                  field=f"{field}.{key}",
                                  fix=f"use one of: {', '.join(known) or 'none defined'} "
                                      f"(the style's [{key}s] table)")


def inset_chars(module: Module, style: Style) -> float:
    """How far the text keeps inside a boxed module's edges, in body characters."""
    frame = style.carry.frames.get(module.frame)
    return frame.inset_chars if frame else 1.0


def boxed_text_columns(style: Style, first: int, columns: int, text_columns: int | None,
                       inset: float):
    """x of each text column, their measure and gap inside a box inset `inset` characters
    each side: whole characters per column, the characters left over widening the gutters."""
    count = text_columns or columns
    chars = columns * style.column_chars + (columns - 1) * style.gutter_chars - 2 * inset
    per_column = int((chars - (count - 1) * style.gutter_chars) // count)
    measure = per_column * style.body_size
    inner = style.span_width(columns) - 2 * inset * style.body_size
    gap = (inner - count * measure) / (count - 1) if count > 1 else 0.0
    left = style.column_x(first) + inset * style.body_size + (0 if count > 1 else
                                                               (inner - measure) / 2)
    return [left + c * (measure + gap) for c in range(count)], measure, gap


def box_rect(style: Style, column: int, columns: int, first_line: int, last_line: int):
    """The frame's rectangle: across the module's columns, through the middle of its first
    and last grid lines."""
    half = style.line_pitch / 2
    top = style.line_y(first_line) + half
    return (style.column_x(column), top, style.span_width(columns),
            style.line_y(last_line) + half - top)


def box_under(module: Module, rect, style: Style) -> list:
    """What is drawn before the module's text: the tint."""
    if not module.tint:
        return []
    return [dl.Rect(*rect, style.carry.tints[module.tint])]


def box_over(module: Module, rect, style: Style) -> list:
    """What is drawn after it: the frame, one or two lines, square or round corners."""
    frame = style.carry.frames.get(module.frame)
    if frame is None:
        return []
    x, y, w, h = rect
    radius = frame.radius if frame.corner == "round" else 0.0
    items = [dl.Box(x, y, w, h, frame.weight, radius)]
    if frame.double:
        step = frame.gap + frame.weight
        items.append(dl.Box(x + step, y + step, w - 2 * step, h - 2 * step, frame.weight,
                            max(0.0, radius - step)))
    return items


def reverse_headline(items: list, rect, first_line: int, next_line: int, style: Style) -> list:
    """The headline lines `items` (just set) reversed out of a bar of `colors.bar` across the
    box, from its top to the blank line under the headline."""
    x, y, w, _ = rect
    bottom = style.line_y(next_line - 1) + style.line_pitch / 2
    return [dl.Rect(x, y, w, bottom - y, style.colors.bar),
            *(replace(item, color=PAPER) if isinstance(item, dl.TextLine) else item
              for item in items)]


def column_rules(placed, xs: list[float], gap: float, tops: list[int], style: Style) -> list:
    """A hairline (栏线) in the gutter between text columns, as deep as the deeper of the two."""
    weight = style.rules.column_pt
    if weight <= 0 or len(xs) < 2:
        return []
    depth = [0] * len(xs)
    for column, slot, piece in placed:
        depth[column] = max(depth[column], tops[column] + slot + piece.height)
    rules = []
    for c in range(1, len(xs)):
        bottom = max(depth[c - 1], depth[c])
        if not depth[c]:
            continue
        x = xs[c] - gap / 2
        top = min(tops[c - 1], tops[c])
        rules.append(dl.Rule(x, style.line_y(top) + (style.line_pitch - style.body_size) / 2,
                             x, style.line_y(bottom) - (style.line_pitch - style.body_size) / 2,
                             weight))
    return rules
