"""The text a PDF draws, read back as lines, columns and paragraphs (any tool's PDF).

`extract_runs` reads every page with the one content-stream reader (`content.ContentReader`):
each string shown is decoded through its font's ToUnicode map, at the positions a viewer draws
it. `extract_lines` joins the runs into lines; `body_flow` puts the body lines back into
columns and paragraphs, as the quality measures and the tests read them.

Body lines are the lines at the body size in the body face (the face most characters at that
size are set in; captions and shrunk subheads share the size, not the face).
How the PDF's lines are put back into columns and paragraphs (nothing else is known):
a page's body lines fall into columns — lines one over another (a grid pitch apart) that
meet across, an opening mark's blank half at a line's start left out (`_columns`): columns
side by side are a gutter apart, and modules stacked one over another (a 破栏 module's
wider columns under the grid's) are parted by the title between them. A column's left edge
is where most of its lines start, or where its leftmost lines start if those stand a good
deal further left (then most lines are indented: one-line paragraphs, hung list items); a few
lines alone take the edge of the column they stand in (`_edges`). A line starting more than
½ em right of that edge is indented, i.e. a paragraph's first line (an opening bracket at a
line start may move the start ½ em left, never right) — unless it hangs under a list item:
a line opening with a marker (1. • 一、 （一）) whose text starts at some x, the lines below
it starting at that x while the line above them is full, continue that item (`item_hang`).
Two body lines follow each other in the text flow when they are drawn one right after the
other (no other text line drawn between; subheads, bylines and the next story's headline are
drawn between otherwise) and the second is one grid pitch below the first in the same
column, or at the top of a column further right (a column break). They are in one paragraph
when the second does not open one (`Flow.opens`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from ..text import charclass as cc
from .content import ContentReader, PdfGlyph, TextRun

Y_TOLERANCE = 0.01          # fragments within this of one baseline make one line
EDGE_TOLERANCE = 0.05       # points: how exactly a justified line must meet its column edges
BAND_GAP_EM = 3.0           # lines one over another starting this close are one column
INDENT_EM = 0.5             # a line starting further right than this from its band's edge is indented


# ------------------------------------------------------------------------------ lines

@dataclass(frozen=True)
class PdfLine:
    """Text drawn on one baseline, in drawing order (PDF units: points from the media box's
    bottom-left, y up)."""
    page: int               # 1-based
    x: float                # origin of the first glyph
    y: float                # baseline
    size: float             # font size in user space
    font: str               # base font of most of the line's characters, without subset tag
    text: str
    glyphs: tuple[PdfGlyph, ...] = field(default=(), compare=False, repr=False)
    fonts: tuple[str, ...] = field(default=(), compare=False, repr=False)   # every font in it

    @property
    def end(self) -> float:
        """Where the last glyph's advance ends (x of the line's right edge as drawn)."""
        if not self.glyphs:
            return self.x
        return self.glyphs[-1].x + self.glyphs[-1].width


class _TextReader(ContentReader):
    """Keeps every run of text shown."""

    def __init__(self):
        super().__init__()
        self.runs: list[TextRun] = []

    def text(self, run: TextRun) -> None:
        self.runs.append(run)


def extract_runs(pdf_path: str | Path) -> list[TextRun]:
    """Every run of text in one font as drawn (page, baseline, size, font, glyphs), in drawing
    order: the faces a line mixes (inline emphasis) are told apart here."""
    reader = _TextReader()
    with pikepdf.open(Path(pdf_path)) as document:
        for number, page in enumerate(document.pages, start=1):
            reader.read_page(page, number)
    return reader.runs


def extract_lines(pdf_path: str | Path) -> list[PdfLine]:
    """Every run of text in the PDF, grouped into lines, in drawing order.

    Fragments (one per text-showing operator) join into one line when they are on the same
    page, drawn one after the other, on the same baseline (within 0.01 pt), and the later one
    does not start left of where the earlier one started (a new line never continues backwards).
    """
    fragments = extract_runs(pdf_path)
    lines: list[PdfLine] = []
    group: list[TextRun] = []

    def flush():
        if not group:
            return
        glyphs = tuple(g for fragment in group for g in fragment.glyphs)
        fonts = Counter()
        for fragment in group:
            fonts[fragment.font] += len(fragment.glyphs)
        lines.append(PdfLine(page=group[0].page, x=glyphs[0].x, y=group[0].y,
                             size=round(max(f.size for f in group), 4),
                             font=fonts.most_common(1)[0][0],
                             text="".join(g.char for g in glyphs), glyphs=glyphs,
                             fonts=tuple(fonts)))
        group.clear()

    for fragment in fragments:
        if group:
            last = group[-1]
            if (fragment.page != last.page or abs(fragment.y - last.y) > Y_TOLERANCE
                    or fragment.glyphs[0].x < last.glyphs[0].x - 0.01):
                flush()
        group.append(fragment)
    flush()
    return lines


def same(a: float, b: float, tolerance: float = 0.01) -> bool:
    return abs(a - b) <= tolerance


def where(line: PdfLine) -> str:
    return f"page {line.page} x={line.x:.2f} y={line.y:.2f}"


def main_font(lines: list[PdfLine], body_size: float) -> str | None:
    """The font of most characters set at the body size: the body face. Captions (楷体) and
    subheads shrunk to the body size (黑体) share the size but not the face."""
    fonts = Counter()
    for line in lines:
        if same(line.size, body_size):
            fonts[line.font] += len(line.text)
    return fonts.most_common(1)[0][0] if fonts else None


def common_size(lines: list[PdfLine]) -> float:
    """The most common size by characters set: the body text's."""
    sizes = Counter()
    for line in lines:
        sizes[round(line.size, 2)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


# ------------------------------------------------------------------------------ text flow

@dataclass
class Flow:
    """Body lines with their column edge, and which pairs follow each other in a paragraph."""
    lines: list[PdfLine]
    left: dict[int, float]              # id(line) → its column's left edge
    band: dict[int, int]                # id(line) → band index on its page
    continues: dict[int, bool]          # id(line) → the next flow line is the same paragraph's
    pairs: list[tuple[PdfLine, PdfLine]]  # consecutive lines of one paragraph
    body_size: float = 0.0
    items: set[int] = field(default_factory=set)        # ids of list items' first lines
    # id → where the text of a list item's line starts, from the column's edge: its first
    # line's after the marker, its other lines' (hung under the marker) at their start.
    hang: dict[int, float] = field(default_factory=dict)

    def indented(self, line: PdfLine) -> bool:
        """Starts more than ½ em right of its column's edge."""
        return line.x > self.left[id(line)] + INDENT_EM * self.body_size + EDGE_TOLERANCE

    def opens(self, line: PdfLine) -> bool:
        """A paragraph's first line: indented (not hung under a list item's marker), or a
        list item's first line."""
        return id(line) in self.items or (self.indented(line) and id(line) not in self.hang)

    def text_glyphs(self, line: PdfLine) -> tuple[PdfGlyph, ...]:
        """The line's glyphs but a list item's marker (whose blank is not spacing)."""
        if id(line) not in self.items:
            return line.glyphs
        start = self.left[id(line)] + self.hang[id(line)] - EDGE_TOLERANCE
        return tuple(g for g in line.glyphs if g.x >= start)


NEIGHBOUR_EM = 2.0    # lines of one column are this close one over another (a grid pitch)
TOUCH_EM = 0.1        # ... and overlap across, or miss by less than this (columns are a
                      # gutter apart, less half an em where a line-end mark protrudes)


def _columns(lines: list[PdfLine], size: float) -> list[list[PdfLine]]:
    """A page's body lines grouped into columns: lines one over another (baselines within
    NEIGHBOUR_EM) that overlap across, or start within BAND_GAP_EM of each other, belong
    together (a short last line under an indented first line may only touch it, `_span`,
    or not reach it). Columns of different
    measures stacked on a page (a 破栏 module over a grid one) part at the title between them;
    side by side they part at the gutter. Left to right, then top to bottom."""
    order = sorted(range(len(lines)), key=lambda k: -lines[k].y)
    parent = list(range(len(lines)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    spans = [_span(line, size) for line in lines]
    for n, k in enumerate(order):
        a = lines[k]
        for later in range(n + 1, len(order)):          # indices: a slice would copy the rest
            m = order[later]
            b = lines[m]
            if a.y - b.y > NEIGHBOUR_EM * size:
                break
            overlap = min(spans[k][1], spans[m][1]) - max(spans[k][0], spans[m][0])
            near = abs(a.x - b.x) <= BAND_GAP_EM * size     # a 孤字 line under an indented one
            if (overlap > -TOUCH_EM * size or near) and a.y - b.y > Y_TOLERANCE:
                parent[root(m)] = root(k)
    groups: dict[int, list[PdfLine]] = {}
    for k in order:
        groups.setdefault(root(k), []).append(lines[k])
    return sorted(groups.values(), key=lambda group: (_edge(group, size), -group[0].y))


def _span(line: PdfLine, size: float) -> tuple[float, float]:
    """Where a line's text starts and ends across, an opening mark's blank half at its start
    left out: squeezed, it stands in the gutter, where a line-end mark of the column to
    its left may protrude to meet it."""
    first = line.glyphs[0]
    lead = cc.blank_halves(first.char)[0] if first.char in cc.OPENING else 0.0
    return line.x + lead * size, line.end


def _edge(column: list[PdfLine], size: float) -> float:
    """A column's left edge: where most of its lines start, unless some start a good deal
    further left (then most are indented — one-line paragraphs, list items hung after their
    markers — and the edge is where those start). An opening mark or a dash at a line's start
    may stand a little left of the edge."""
    starts = Counter(round(line.x, 2) for line in column)
    edge = _most_common(starts)
    further = Counter({x: n for x, n in starts.items() if x < edge - FURTHER_EM * size})
    return _most_common(further) if further else edge


def _edges(columns: list[list[PdfLine]], size: float) -> list[float]:
    """Each column's left edge (`_edge`). A few lines all starting at one x (a dateline or
    a table's lead-in alone between titles) do not show whether they are indented: they
    take the edge of a column of the page they overlap across whose edge stands a paragraph
    indent (PARAGRAPH_INDENT_EM) left of them, if there is one."""
    edges = [_edge(column, size) for column in columns]
    spans = [(min(line.x for line in c), max(line.end for line in c)) for c in columns]
    adopted = list(edges)
    for k, column in enumerate(columns):
        if len(column) > FEW_LINES or len({round(line.x, 2) for line in column}) > 1:
            continue
        near = [edges[m] for m in range(len(columns)) if len(columns[m]) > FEW_LINES
                and same(edges[k] - edges[m], PARAGRAPH_INDENT_EM * size, EDGE_TOLERANCE)
                and spans[m][0] < spans[k][1] and spans[k][0] < spans[m][1]]
        if near:
            adopted[k] = near[0]
    return adopted


FEW_LINES = 3
PARAGRAPH_INDENT_EM = 2.0   # clreq's, every style's


def _most_common(counts: Counter) -> float:
    top = max(counts.values())
    return min(x for x, n in counts.items() if n == top)


FURTHER_EM = 1.0


# A list item's marker, as the article format writes them (1. 一、 （一） and a bullet for -).
LIST_MARKER = re.compile(r"(?:\d{1,3}(?:[.．)）](?!\d)|、)|[（(][一二三四五六七八九十\d]{1,3}[)）]"
                         r"|[一二三四五六七八九十]{1,3}、|[●•·▪■◆◇○-])")
FULL_EM = 1.0           # a line ending this close to its column's right edge is full
MARKER_BLANK_EM = 0.4   # the blank after a 1. or • marker exceeds the line's spacing by this


def item_hang(line: PdfLine, size: float) -> tuple[float, bool]:
    """(x where the text of a list item's first line starts, sure) when `line` opens with a
    list marker, else (0.0, False). Sure when a blank wider than the line's spacing stands
    after a 1. or • marker; a full-width marker (一、 （一）) carries its own blank, so it
    opens a list item only when the next line hangs at that x (the caller sees)."""
    match = LIST_MARKER.match(line.text)
    if not match or match.end() >= len(line.glyphs):
        return 0.0, False
    k = match.end()
    glyphs = line.glyphs
    if line.text[k - 1] in "、）)":
        return glyphs[k].x, False
    gap = glyphs[k].x - glyphs[k - 1].x - glyphs[k - 1].width
    spacing = sorted(b.x - a.x - a.width for a, b in zip(glyphs[k:], glyphs[k + 1:]))
    usual = spacing[len(spacing) // 2] if spacing else 0.0
    return (glyphs[k].x, True) if gap >= usual + MARKER_BLANK_EM * size else (0.0, False)


def body_flow(all_lines: list[PdfLine], body_size: float, pitch: float | None,
              body_font: str | None = None) -> Flow:
    """The body lines (at `body_size`, in `body_font` when given) put back into columns and
    paragraphs, as the module doc tells; `pitch` (the grid's) is found when None."""
    def is_body(line: PdfLine) -> bool:
        return same(line.size, body_size) and (body_font is None or line.font == body_font)

    left: dict[int, float] = {}
    band: dict[int, int] = {}
    ends_full: set[int] = set()     # lines reaching their column's right edge
    index = 0
    for page in sorted({line.page for line in all_lines}):
        columns = _columns([line for line in all_lines if line.page == page and is_body(line)],
                           body_size)
        edges = _edges(columns, body_size)
        for column, edge in zip(columns, edges):
            full = max(line.end for line in column) - FULL_EM * body_size
            for line in column:
                if line.end >= full:
                    ends_full.add(id(line))
                left[id(line)] = edge
                band[id(line)] = index
            index += 1

    # Adjacent in drawing order, both body lines: candidates for consecutive flow lines.
    adjacent = [(a, b) for a, b in zip(all_lines, all_lines[1:])
                if a.page == b.page and is_body(a) and is_body(b)]
    if pitch is None:
        steps = Counter(round(a.y - b.y, 2) for a, b in adjacent
                        if band[id(a)] == band[id(b)] and a.y > b.y)
        pitch = steps.most_common(1)[0][0] if steps else 0.0
    flow = Flow([line for line in all_lines if is_body(line)], left, band, {}, [], body_size)
    below = {id(a): b for a, b in adjacent if _follows(a, b, band, pitch)}
    for line in flow.lines:
        x, sure = item_hang(line, body_size)
        after = below.get(id(line))
        if x and not flow.indented(line) and (sure or after is not None and same(
                after.x - left[id(after)], x - left[id(line)], EDGE_TOLERANCE)):
            flow.items.add(id(line))
            flow.hang[id(line)] = x - left[id(line)]
    for a, b in adjacent:
        if below.get(id(a)) is not b:
            continue
        hang = flow.hang.get(id(a)) if id(a) in ends_full else None    # (else: item ends)
        if hang is not None and id(b) not in flow.items and same(b.x - left[id(b)], hang,
                                                                  EDGE_TOLERANCE):
            flow.hang[id(b)] = hang                 # the item's text, hung after its marker
        elif flow.opens(b):
            continue
        flow.continues[id(a)] = True
        flow.pairs.append((a, b))
    return flow


def _follows(a: PdfLine, b: PdfLine, band: dict[int, int], pitch: float) -> bool:
    """Whether `b`, drawn right after `a`, is the next line of its column (one pitch below)
    or the first of a column further right (a column break)."""
    if band[id(a)] == band[id(b)]:
        return same(a.y - b.y, pitch, 0.05)
    return band[id(b)] > band[id(a)] and b.y > a.y - Y_TOLERANCE    # (a 1-line column)


def starts_badly(text: str) -> bool:
    """A line's text starts with a character that may never start a line (clreq basic), not
    a two-em dash or ellipsis run (allowed at GB level)."""
    return text[:1] in cc.NO_START_BASIC and not text.startswith(cc.NO_START_STRICT_ATOMS)


def ends_badly(text: str) -> bool:
    """A line's text ends with a character that may never end a line (GB level)."""
    return text[-1:] in cc.NO_END_GB


def ends_flush(line: PdfLine, right: float, body_size: float) -> bool:
    """The line ends at `right`, within EDGE_TOLERANCE: a full-width mark whose blank half
    lies at the line end may protrude by that half, a stretched glyph by what the stretching
    adds to its advance."""
    last = line.glyphs[-1]
    end = last.x + last.width
    slack = cc.blank_halves(last.char)[1] * body_size + stretch_of(last)
    return right - EDGE_TOLERANCE <= end <= right + slack + EDGE_TOLERANCE


def stretch_of(glyph: PdfGlyph) -> float:
    """What horizontal stretching adds to a glyph's advance: its em cell lies somewhere inside."""
    return glyph.width - glyph.width / glyph.hscale if glyph.hscale > 1 else 0.0
