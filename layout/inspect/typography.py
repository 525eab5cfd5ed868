"""Typography measures read from a PDF (issue 16), for `quality`: titles broken inside a word,
numbers parted from their units, letter-spaced lines, marks squeezed in mid-line, and
continuations that open with a paragraph's last line alone.

Like the rest of `quality`, everything is read from the lines the PDF draws, so the figures
mean the same for any tool's PDF. Title-like lines are the lines that are not body text:
two of them make one title block when they are drawn one after the other on the same page,
in the same face and size, the second at most 2.5 sizes below the first and overlapping it.
"""
from __future__ import annotations

from . import loose, pdftext
from ..text import charclass as cc
from ..text.titles import segmenter

SPACED_EM = 0.15        # spacing above this per gap is visible as letter-spacing
LOOSE_EM = 0.25         # above this a line reads as spaced out
ROUNDING_EM = 0.0005    # the error of spacing read from a PDF's coordinates: a line set at
                        # exactly LOOSE_EM reads as 0.2500003 em
SQUEEZED_EM = 0.25      # a full-width mark that lost more than this of its cell is squeezed
FULL_WIDTH_MARKS = loose.FULL_WIDTH_MARKS


def measures(lines: list[pdftext.PdfLine], flow, spacing: dict[int, float], measure_pt: float,
             size: float, words: tuple[str, ...] = (), measure_of=None) -> dict:
    """The issue-16 fields of `quality.Quality`, from all lines, the body flow and the
    per-gap spacing (em) of each non-final body line; `measure_of(line)` is the measure of a
    line's column in points (`measure_pt` unless given)."""
    values = list(spacing.values())
    spaced = loose_lines(flow, spacing, measure_pt)
    forced = loose.forced(spaced, flow, measure_of or (lambda line: measure_pt), size,
                          LOOSE_EM + ROUNDING_EM)
    junctions = title_junctions(lines, {id(line) for line in flow.lines})
    return dict(
        title_word_breaks=len(words_broken(junctions, words)),
        units_parted=len(units_parted([(a.text, b.text) for a, b in flow.pairs]
                                      + [(a.text, b.text) for a, b in junctions])),
        widest_spacing=max(values, default=0.0),
        spaced_share=sum(v > SPACED_EM for v in values) / len(values) if values else 0.0,
        loose_lines=len(spaced) - len(forced),
        loose_forced=len(forced),
        midline_squeezed=sum(squeezed_marks(line, size) for line in flow.lines),
        continuation_widows=_lone_last_lines(flow),
    )


def loose_lines(flow, spacing: dict[int, float], measure_pt: float) -> list[pdftext.PdfLine]:
    """Body lines spaced by more than LOOSE_EM a gap that are not followed by a run wider
    than the measure (which the line before had to make room for). Some of them no setting
    of their paragraph avoids: `loose.forced` tells which."""
    following = {id(a): b for a, b in flow.pairs}
    return [line for line in flow.lines if spacing.get(id(line), 0.0) > LOOSE_EM + ROUNDING_EM
            and not _before_long_run(following.get(id(line)), measure_pt)]


def _before_long_run(line: pdftext.PdfLine | None, measure_pt: float) -> bool:
    """Whether `line` is all one Latin word, number or URL as wide as the measure: a run
    that may not break, which the line before had to make room for."""
    if line is None:
        return False
    text = line.text.strip()
    run = all(cc.is_latin_word_char(c) or c in cc.LATIN_JOINERS or c in cc.NUMBER_SUFFIXES
              for c in text)
    return bool(text) and run and line.end - line.x >= 0.9 * measure_pt


def title_junctions(lines: list[pdftext.PdfLine], body: set[int]
                    ) -> list[tuple[pdftext.PdfLine, pdftext.PdfLine]]:
    """Consecutive lines of one title block (see the module doc), in drawing order."""
    pairs = []
    for a, b in zip(lines, lines[1:]):
        if id(a) in body or id(b) in body or not a.text.strip() or not b.text.strip():
            continue
        if a.page != b.page or a.font != b.font or abs(a.size - b.size) > 0.01:
            continue
        if not 0 < a.y - b.y <= 2.5 * a.size:
            continue
        if b.x < a.end and a.x < b.end:
            pairs.append((a, b))
    return pairs


def words_broken(junctions, words: tuple[str, ...] = ()) -> list[str]:
    """The junctions (as 'end|start') where a title line ends inside a word: both sides Han
    and no word boundary there when the block is read as one text. Only dictionary words
    count (the typed spaces between a title's phrases are not in the PDF's text, and a
    guessed word could run across them)."""
    broken = []
    blocks: list[list[pdftext.PdfLine]] = []
    for a, b in junctions:
        if blocks and blocks[-1][-1] is a:
            blocks[-1].append(b)
        else:
            blocks.append([a, b])
    for block in blocks:
        texts = ["".join(line.text.split()) for line in block]
        joined = "".join(texts)
        if not any(cc.is_han_letter(a[-1]) and cc.is_han_letter(b[0]) for a, b in zip(texts, texts[1:])):
            continue                    # no junction between two Han characters to judge
        ends = segmenter(words).word_ends(joined, guess=False)  # dictionary words only
        at = 0
        for a, b in zip(texts, texts[1:]):
            at += len(a)
            if cc.is_han_letter(a[-1]) and cc.is_han_letter(b[0]) and at not in ends:
                broken.append(f"{a[-6:]}|{b[:6]}")
    return broken


def units_parted(pairs: list[tuple[str, str]]) -> list[str]:
    """The line pairs (as 'end|start') whose break parts a number from its unit (33|℃,
    1164.4亿|元, 5|km), its sign (-|2.06) or its currency sign (¥|120)."""
    parted = []
    for end, start in pairs:
        end, start = "".join(end.split())[-12:], "".join(start.split())[:12]
        if not end or not start:
            continue
        joined, split = end + start, len(end)
        straddles = any(m.start() < split < m.end()
                        for m in cc.NUMBER_WITH_UNIT.finditer(joined))
        sign = end[-1] in cc.NUMBER_SIGNS | cc.CURRENCY_PREFIXES and start[0].isdigit() and (
            len(end) == 1 or not cc.is_latin_word_char(end[-2]))
        if straddles or sign:
            parted.append(f"{end[-6:]}|{start[:6]}")
    return parted


def squeezed_marks(line: pdftext.PdfLine, size: float) -> int:
    """Full-width marks in the middle of a line (not first or last, not beside another mark,
    where clreq squeezes them) that lost more than a quarter em of their cell."""
    glyphs = line.glyphs
    count = 0
    for k in range(1, len(glyphs) - 1):
        before, glyph, after = glyphs[k - 1], glyphs[k], glyphs[k + 1]
        if glyph.char not in FULL_WIDTH_MARKS or glyph.width < 0.9 * size:
            continue
        if before.char in FULL_WIDTH_MARKS or after.char in FULL_WIDTH_MARKS:
            continue
        if glyph.char in cc.OPENING:
            lost = before.x + before.width - glyph.x
        else:
            lost = glyph.x + glyph.width - after.x
        count += lost > SQUEEZED_EM * size
    return count


def _lone_last_lines(flow) -> int:
    """Body lines that open a text block (no line of their paragraph before them), are not
    indented, and end their paragraph: a paragraph's last line alone, as at the head of a
    continuation (转版)."""
    seconds = {id(b) for _, b in flow.pairs}
    return sum(1 for line in flow.lines if id(line) not in seconds and not flow.opens(line)
               and not flow.continues.get(id(line)) and line.text.strip())
