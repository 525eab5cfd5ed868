"""The text a PDF draws, read back as lines, columns and paragraphs (any tool's PDF).

`extract_runs` reads every page with the one content-stream reader (`content.ContentReader`):
each string shown is decoded through its font's ToUnicode map, at the positions a viewer draws
it. `extract_lines` joins the runs into lines; `body_flow` puts the body lines back into
columns and paragraphs, as the quality measures and the tests read them.

Body lines are the lines at the body size in the body face (the face most characters at that
size are set in; captions and shrunk subheads share the size, not the face).
How the PDF's lines are put back into columns and paragraphs (nothing else is known):
a page's body lines fall into column bands (x within 3 em of each other; columns are a gutter
apart); a band's left edge is its most common line start. A line starting more than ½ em right
of that edge is indented, i.e. a paragraph's first line (an opening bracket at a line start may
move the start ½ em left, never right). Two body lines follow each other in the text flow when
they are drawn one right after the other (no other text line drawn between; subheads, bylines
and the next story's headline are drawn between otherwise) and the second is one grid pitch
below the first in the same band, or at the top of a band further right (a column break). They
are in one paragraph when the second is not indented.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from ..text import charclass as cc
from .content import ContentReader, PdfGlyph, TextRun

Y_TOLERANCE = 0.01          # fragments within this of one baseline make one line
EDGE_TOLERANCE = 0.05       # points: how exactly a justified line must meet its column edges
BAND_GAP_EM = 3.0           # a gap wider than this between line starts separates column bands
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

    def indented(self, line: PdfLine) -> bool:
        """Starts more than ½ em right of its column's edge: a paragraph's first line."""
        return line.x > self.left[id(line)] + INDENT_EM * self.body_size + EDGE_TOLERANCE


REGION_GAP_EM = 6     # body lines this far apart, page-wide, belong to modules one over another


def _regions(lines: list[PdfLine], gap: float) -> list[list[PdfLine]]:
    """The lines split where no line's baseline comes within `gap` of the next one's, top
    to bottom (PDF y runs up)."""
    regions: list[list[PdfLine]] = []
    for line in sorted(lines, key=lambda line: -line.y):
        if regions and regions[-1][-1].y - line.y <= gap:
            regions[-1].append(line)
        else:
            regions.append([line])
    return regions


def body_flow(all_lines: list[PdfLine], body_size: float, pitch: float | None,
              body_font: str | None = None) -> Flow:
    def is_body(line: PdfLine) -> bool:
        return same(line.size, body_size) and (body_font is None or line.font == body_font)

    left: dict[int, float] = {}
    band: dict[int, int] = {}
    index = 0
    for page in sorted({line.page for line in all_lines}):
        # Bands are found in each stretch of the page that body lines fill without a gap of
        # REGION_GAP_EM: modules stacked one over another may use different columns (破栏).
        for body in _regions([line for line in all_lines if line.page == page and is_body(line)],
                             REGION_GAP_EM * body_size):
            body.sort(key=lambda line: line.x)
            bands: list[list[PdfLine]] = []
            for line in body:
                if bands and line.x - bands[-1][-1].x <= BAND_GAP_EM * body_size:
                    bands[-1].append(line)
                else:
                    bands.append([line])
            for members in bands:
                starts = Counter(round(line.x, 2) for line in members)
                top = max(starts.values())
                edge = min(x for x, n in starts.items() if n == top)
                for line in members:
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
    indented = flow.indented
    for a, b in adjacent:
        same_band = band[id(a)] == band[id(b)]
        next_below = same_band and same(a.y - b.y, pitch, 0.05)
        next_column = band[id(b)] > band[id(a)] and b.y > a.y - Y_TOLERANCE   # (a 1-line column)
        if (next_below or next_column) and not indented(b):
            flow.continues[id(a)] = True
            flow.pairs.append((a, b))
    return flow


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
