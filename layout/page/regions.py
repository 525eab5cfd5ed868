"""Where a story part sits on its page, as plain data: its headline block, each column's
share of its text, each photo with its caption — for the e-paper's hot areas and anyone else
who needs to point at a story on the page.

Worked out from what the module drew (its display items and their roles), after it is drawn,
so it holds however the composer places things: a byline over a photo and the text under it
are two pieces of one column.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import display as dl
from ..fonts import face_metrics
from .grid import EM_BOX_CENTRE

HEADLINE_ROLES = ("kicker", "headline", "deck", "jump_head")
FLOW_ROLES = ("byline", "body", "subhead", "jump", "source")    # the text flowing in columns
ASCENT, DESCENT = 0.5 + EM_BOX_CENTRE, 0.5 - EM_BOX_CENTRE     # the em box about the baseline
RUN_GAP = 3             # grid lines of nothing between two pieces of text in one column


@dataclass(frozen=True)
class Region:
    """A box on the page, in points from the trim box's top-left; `lines` is the text set in
    it, in reading order."""
    kind: str                   # "headline", "column", "photo", "block" (across columns)
    x: float
    y: float
    width: float
    height: float
    lines: tuple[dl.TextLine, ...] = ()


def story_regions(items: list, xs: list[float], measure: float, pitch: float
                  ) -> tuple[Region, ...]:
    """The regions of one module from the items it drew: the headline block; each photo with
    the caption lines drawn after it; the flowing text by column (`xs`, `measure` wide), a
    column's lines split where more than RUN_GAP grid lines (`pitch`) of nothing part them;
    each block set apart from the flow (an editor's note, a pull quote, a table, a sidebar:
    its lines and the rules framing it, drawn one after another). In reading order:
    headline, photos, the columns left to right, each top to bottom, then the blocks."""
    headline, photos, columns, blocks = [], [], {}, []
    for item in items:
        if isinstance(item, dl.TextLine) and not item.glyphs:
            continue
        if isinstance(item, dl.Image):
            photos.append([(item, _box(item))])
        elif isinstance(item, dl.TextLine) and item.role in HEADLINE_ROLES:
            headline.append((item, _box(item)))
        elif isinstance(item, dl.TextLine) and item.role == "caption" and photos:
            photos[-1].append((item, _box(item)))
        elif isinstance(item, dl.TextLine) and item.role in FLOW_ROLES:
            box = _box(item)
            left, _, right, _ = box
            column = max([n for n, x in enumerate(xs) if x <= (left + right) / 2] or [0])
            columns.setdefault(column, []).append((item, box))
        elif isinstance(item, (dl.TextLine, dl.Rule, dl.Rect)):
            box = _box(item)
            if not blocks or box[1] - max(b[3] for _, b in blocks[-1]) > RUN_GAP * pitch:
                blocks.append([])
            blocks[-1].append((item, box))
    regions = [_region("headline", headline)] if headline else []
    regions += [_region("photo", photo) for photo in photos]
    for column in sorted(columns):
        edges = (xs[column], xs[column] + measure)
        run: list = []
        for line, box in sorted(columns[column], key=lambda drawn: drawn[0].y):
            if run and line.y - run[-1][0].y > (RUN_GAP + 1) * pitch:
                regions.append(_region("column", run, edges))
                run = []
            run.append((line, box))
        regions.append(_region("column", run, edges))
    regions += [_region("block", block) for block in blocks]
    return tuple(regions)


def _region(kind: str, drawn: list, across: tuple[float, float] | None = None) -> Region:
    """The box around what was drawn there (items with their `_box`, each measured once: a
    line's box asks its face for the last glyph's advance); `across`: the column's edges,
    which a mark's blank half may hang past."""
    boxes = [box for _, box in drawn]
    lines = tuple(item for item, _ in drawn if isinstance(item, dl.TextLine))
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    if across is not None:
        left, right = max(left, across[0]), min(right, across[1])
    return Region(kind, left, top, right - left, bottom - top, lines)


def _box(item) -> tuple[float, float, float, float]:
    """left, top, right, bottom of a drawn item: a text line's em boxes, an image's or a
    rectangle's frame, a rule's ends and weight."""
    if isinstance(item, (dl.Image, dl.Rect)):
        return item.x, item.y, item.x + item.width, item.y + item.height
    if isinstance(item, dl.Rule):
        half = item.width / 2
        return (min(item.x1, item.x2) - half, min(item.y1, item.y2) - half,
                max(item.x1, item.x2) + half, max(item.y1, item.y2) + half)
    size, first, last = item.size, item.glyphs[0], item.glyphs[-1]
    if last.y:                                          # 竖排: characters down a 1-em column
        return (item.x, item.y - ASCENT * size, item.x + size,
                item.y + last.y + DESCENT * size)
    end = last.x + face_metrics(last.face).advance(last.char) * size * last.scale_x
    return item.x + first.x, item.y - ASCENT * size, item.x + end, item.y + DESCENT * size
