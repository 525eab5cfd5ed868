"""Text-quality measures of a PDF's body text, read from the PDF itself.

The same measures apply to any PDF — ours, Typst's, WeasyPrint's — so the numbers compare
like with like. Body lines, columns and paragraphs are recovered as in `pdftext` (a paragraph
starts on an indented line).
"""
from __future__ import annotations

import collections
import statistics
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path

from . import pdftext, typography
from ..errors import BroadsheetError
from ..text import charclass as cc



@dataclass(frozen=True)
class Quality:
    lines: int                      # body lines
    prohibited_starts: int          # lines starting with a mark that may not start a line
    prohibited_ends: int            # lines ending with a mark that may not end a line
    justified_share: float          # non-final lines flush to both column edges, 0..1
    spacing_sd: float               # standard deviation of per-gap spacing, non-final lines (em)
    spacing_step: float             # mean |difference| of that spacing between consecutive lines (em)
    orphans: int                    # paragraphs ending on one character (+ marks): 孤字
    widows: int                     # columns that begin with a paragraph's last line
    off_grid: int                   # body baselines off the page's baseline grid
    title_word_breaks: int = 0      # title-like lines (not body) that end inside a word
    units_parted: int = 0           # line ends that part a number from its unit or sign
    widest_spacing: float = 0.0     # widest per-gap spacing added to a non-final body line (em)
    spaced_share: float = 0.0       # non-final body lines spaced by more than 0.15 em a gap
    loose_lines: int = 0            # lines over 0.25 em a gap not before a run wider than the line
    loose_forced: int = 0           # of those, lines no setting of their paragraph avoids
    midline_squeezed: int = 0       # full-width marks squeezed in the middle of a line
    continuation_widows: int = 0    # text blocks that open with a paragraph's last line alone

    def rows(self) -> list[tuple[str, str]]:
        labels = {
            "lines": "body lines",
            "prohibited_starts": "prohibited line starts",
            "prohibited_ends": "prohibited line ends",
            "justified_share": "non-final lines flush both sides",
            "spacing_sd": "spacing s.d. (em)",
            "spacing_step": "spacing change, consecutive lines (em)",
            "orphans": "孤字 (one-character last lines)",
            "widows": "columns starting with a paragraph's last line",
            "off_grid": "baselines off the grid",
            "title_word_breaks": "title lines broken inside a word",
            "units_parted": "numbers parted from their units",
            "widest_spacing": "widest spacing between characters (em)",
            "spaced_share": "lines spaced over 0.15 em",
            "loose_lines": "lines over 0.25 em (avoidable)",
            "loose_forced": "lines over 0.25 em no setting avoids",
            "midline_squeezed": "mid-line marks squeezed",
            "continuation_widows": "continuations opening with a last line",
        }
        out = []
        for f in fields(self):
            value = getattr(self, f.name)
            text = f"{value:.1%}" if f.name in ("justified_share", "spaced_share") else (
                f"{value:.3f}" if isinstance(value, float) else str(value))
            out.append((labels[f.name], text))
        return out


def measure_pdf(pdf: Path, measure_pt: float, body_size: float | None = None,
                words: tuple[str, ...] = ()) -> Quality:
    """The measures of a PDF's text; `words` extend the dictionary titles are judged by."""
    return measure_lines(pdftext.extract_lines(pdf), measure_pt, body_size, words)


MIN_LINES = 10          # fewer body lines than this say nothing about a setting
MIN_FLUSH = 0.2         # justified text at the measure has most lines flush (WeasyPrint 66 %)


def measure_or_refuse(pdf: Path, measure_pt: float, body_size: float, name: str,
                      words: tuple[str, ...] = ()) -> Quality:
    """`measure_pdf`, refused with the reason when the PDF is not body text set to that
    measure and size (a galley proof, another style's page): its figures would mean nothing."""
    lines = pdftext.extract_lines(pdf)
    quality = measure_lines(lines, measure_pt, body_size, words)
    chars = measure_pt / body_size
    widths = Counter(round((line.end - line.glyphs[0].x) / body_size)
                     for line in lines if len(line.glyphs) >= 5
                     and abs(line.size - body_size) < 0.01)
    usual = widths.most_common(1)[0][0] if widths else None
    if quality.lines >= MIN_LINES and usual is not None and usual != round(chars):
        raise BroadsheetError(
            f"cannot be measured: its body lines are mostly {usual} characters wide, not the "
            f"{chars:g} × {body_size:g} pt measure, so it was set to another one",
            file=name, fix="give --style naming the style it was set in")
    if quality.lines < MIN_LINES:
        raise BroadsheetError(
            f"cannot be measured: only {quality.lines} line(s) of {body_size:g} pt body text "
            f"found (a galley proof or a page of another style?)", file=name,
            fix="give a page PDF rendered by broadsheet, with --style naming the style it was "
                "set in, or the issue's directory")
    if quality.justified_share < MIN_FLUSH:
        raise BroadsheetError(
            f"cannot be measured: only {quality.justified_share:.0%} of its body lines reach "
            f"the {chars:g} × {body_size:g} pt measure, so it was set to another one",
            file=name, fix="give --style naming the style it was set in")
    return quality


def measure_lines(lines: list[pdftext.PdfLine], measure_pt: float,
                  body_size: float | None = None, words: tuple[str, ...] = ()) -> Quality:
    size = body_size or pdftext.common_size(lines)
    flow = pdftext.body_flow(lines, size, None, pdftext.main_font(lines, size))
    body = flow.lines
    starts = sum(pdftext.starts_badly(line.text.strip()) for line in body)
    ends = sum(pdftext.ends_badly(line.text.strip()) for line in body)

    non_final = [line for line in body if flow.continues.get(id(line)) and line.glyphs]
    rights = _right_edges(non_final, flow, measure_pt, size)
    flush = 0
    spacing: dict[int, float] = {}
    for line in non_final:
        if pdftext.ends_flush(line, rights[(line.page, flow.band[id(line)])], size):
            flush += 1
        glyphs = flow.text_glyphs(line)
        if len(glyphs) > 1:
            end = glyphs[-1].x + glyphs[-1].width
            natural = sum(g.width for g in glyphs)
            spacing[id(line)] = (end - glyphs[0].x - natural) / (len(glyphs) - 1) / size
    values = list(spacing.values())

    def measure_of(line: pdftext.PdfLine) -> float:
        """The measure of a line's column (a 破栏 module's columns are wider or narrower)."""
        left = flow.left[id(line)]
        return rights.get((line.page, flow.band[id(line)]), left + measure_pt) - left

    steps = [abs(spacing[id(a)] - spacing[id(b)]) for a, b in flow.pairs
             if id(a) in spacing and id(b) in spacing]

    orphans = 0
    for line in body:
        if flow.continues.get(id(line)):
            continue
        core = [c for c in line.text.strip() if c not in cc.CLOSING | cc.PAUSES | cc.STOPS
                and not c.isspace()]
        started_here = flow.opens(line)
        if len(core) == 1 and cc.is_han_like(core[0]) and not started_here:
            orphans += 1

    return Quality(
        lines=len(body), prohibited_starts=starts, prohibited_ends=ends,
        justified_share=flush / len(non_final) if non_final else 1.0,
        spacing_sd=statistics.pstdev(values) if len(values) > 1 else 0.0,
        spacing_step=statistics.fmean(steps) if steps else 0.0,
        orphans=orphans, widows=_widows(flow), off_grid=_off_grid(body),
        **typography.measures(lines, flow, spacing, measure_pt, size, words, measure_of),
    )


def _right_edges(non_final, flow, measure_pt: float, size: float) -> dict:
    """(page, column band) → the column's right edge: its left edge + `measure_pt`, unless the
    column is plainly set to another measure (a 破栏 module's): fewer than half its lines end
    there and at least RIGHT_EDGE_SHARE of them end at one other place, its edge."""
    columns: dict[tuple, list] = {}
    for line in non_final:
        columns.setdefault((line.page, flow.band[id(line)]), []).append(line)
    rights = {}
    for key, lines in columns.items():
        right = flow.left[id(lines[0])] + measure_pt
        at_measure = sum(pdftext.ends_flush(line, right, size) for line in lines)
        other, count = collections.Counter(round(line.end) for line in lines).most_common(1)[0]
        if at_measure < len(lines) / 2 and count >= RIGHT_EDGE_SHARE * len(lines):
            right = collections.Counter(round(line.end, 2) for line in lines
                                        if round(line.end) == other).most_common(1)[0][0]
        rights[key] = right
    return rights


RIGHT_EDGE_SHARE = 0.6


def _widows(flow) -> int:
    """Paragraphs whose last line alone was carried to the top of the next column."""
    return sum(1 for a, b in flow.pairs
               if flow.band[id(b)] != flow.band[id(a)] and not flow.continues.get(id(b)))


def _off_grid(body: list[pdftext.PdfLine]) -> int:
    """Baselines not on the page's grid: pitch = the most common step within a column."""
    off = 0
    for page in {line.page for line in body}:
        ys = sorted({round(line.y, 2) for line in body if line.page == page}, reverse=True)
        steps = Counter(round(a - b, 2) for a, b in zip(ys, ys[1:]))
        if not steps:
            continue
        pitch = steps.most_common(1)[0][0]
        phases = Counter(round(y % pitch, 1) % round(pitch, 1) for y in ys)
        phase = phases.most_common(1)[0][0]
        for line in body:
            if line.page == page:
                delta = (line.y - phase) % pitch
                if min(delta, pitch - delta) > 0.05:
                    off += 1
    return off
