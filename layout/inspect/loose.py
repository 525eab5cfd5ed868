"""Loose lines a paragraph cannot avoid, read from a PDF (issue 16's exception).

A line spaced beyond LOOSE_EM a gap is a defect unless no setting of its paragraph avoids
it. That happens before a run that may not break — a number with its unit (54,275.00万元), a
Latin word — which cannot join the words before it and leaves them too few to fill their
lines within the limit. `forced` proves it for a stretch of loose lines directly before such
a run: it tries every way of breaking the paragraph's text, from its first (indented) line
to its last, more generously than the rules allow — any break clreq's basic level allows
outside a run (a URL or an e-mail address at its URL break points), every full-width mark
squeezed by half an em, every gap tightened by TIGHTEN_EM (half that between a Latin run's
letters) — and finds none that keeps every line but the last within LOOSE_EM. (Which line
takes the excess is then the setter's choice: total fit gives it to the one costing least.)
The proof reads only the PDF (characters, advances, column edges), so it holds for any
tool's PDF; where it cannot be made (the paragraph starts elsewhere, on another page), the
line counts as loose.
"""
from __future__ import annotations

from ..text import breaks
from ..text import charclass as cc
from ..text.atoms import LATIN_GAP      # a Latin run's letter gaps take this share, as set
from ..text.settings import TextSettings

TIGHTEN_EM = TextSettings.tighten_em    # the most any setting here tightens a gap
SQUEEZE_EM = 0.5        # what a full-width mark gives up when squeezed
FIT_PT = 0.05           # points a line may overrun its measure (the PDF's rounding)
FULL_WIDTH_MARKS = cc.OPENING | cc.CLOSING | cc.PAUSES | cc.STOPS


def forced(loose: list, flow, measure_of, size: float, limit_em: float) -> set[int]:
    """ids of the `loose` lines (spaced over `limit_em`) that no setting of their paragraph
    avoids; `measure_of(line)` is the measure of the line's column in points."""
    before = {id(b): a for a, b in flow.pairs}
    after = {id(a): b for a, b in flow.pairs}
    loose_ids = {id(line) for line in loose}
    excused: set[int] = set()
    for line in loose:
        stretch = [line]                    # the loose lines from `line` to the run
        while id(stretch[-1]) in after and id(after[id(stretch[-1])]) in loose_ids:
            stretch.append(after[id(stretch[-1])])
        following = after.get(id(stretch[-1]))
        first = line
        while id(first) in before:
            first = before[id(first)]
        if following is None or not flow.opens(first) or _run_at_start(following.text) == 0:
            continue
        lines = [first]
        while id(lines[-1]) in after:
            lines.append(after[id(lines[-1])])
        if not _settable(lines, flow, measure_of, size, limit_em):
            excused.update(id(x) for x in stretch)
    return excused


def _run_at_start(text: str) -> int:
    """Length of the unbreakable run `text` starts with (0: none)."""
    runs = _runs(text)
    return runs[0][1] if runs and runs[0][0] == 0 else 0


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs in `text` no line may break inside: numbers with their
    units, and Latin words, numbers and URLs (letters and digits joined by . - / @ : …)."""
    runs = [(m.start(), m.end()) for m in cc.NUMBER_WITH_UNIT.finditer(text)]
    k = 0
    while k < len(text):
        if cc.is_latin_word_char(text[k]):
            start = k
            while k < len(text) and (cc.is_latin_word_char(text[k]) or (
                    text[k] in cc.LATIN_JOINERS and k + 1 < len(text)
                    and cc.is_latin_word_char(text[k + 1]))):
                k += 1
            if k - start > 1:
                runs.append((start, k))
        k += 1
    return sorted(runs)


def _inside_runs(text: str) -> set[int]:
    """Offsets in `text` inside a run where no line may end: inside a number with its unit,
    inside a Latin word but at the points where the composer may break one (`text.breaks`:
    a URL or an e-mail address at its URL break points — taken here for any run, as
    generously as for one wider than the measure — a word after a hyphen)."""
    inside = {k for m in cc.NUMBER_WITH_UNIT.finditer(text) for k in range(m.start() + 1, m.end())}
    for start, end in _runs(text):
        run = text[start:end]
        allowed = set(breaks.run_breaks(run, True)) | set(breaks.run_breaks(run, False))
        inside.update(start + k for k in range(1, len(run)) if k not in allowed)
    return inside


def _settable(lines: list, flow, measure_of, size: float, limit_em: float) -> bool:
    """Whether the text of `lines` (a paragraph, from its first line) can be broken so that
    every line fits its measure and every line but the last is spaced within `limit_em`."""
    glyphs = [g for line in lines for g in line.glyphs]
    text = "".join(g.char for g in glyphs)
    if len(text) != len(glyphs):
        return True                         # (a glyph of several characters: no proof)
    inside = _inside_runs(text)
    points = [b for b in range(1, len(text)) if b not in inside
              and text[b] not in cc.NO_START_BASIC and text[b - 1] not in cc.NO_END_GB]
    first_measure = measure_of(lines[0]) - (lines[0].x - flow.left[id(lines[0])])
    measure = measure_of(lines[-1])
    widths = [g.width for g in glyphs]
    latin = [cc.is_latin_word_char(c) or c in cc.LATIN_JOINERS for c in text]
    weight = [LATIN_GAP if k and latin[k - 1] and latin[k] else 1.0 for k in range(len(text))]
    squeeze = [SQUEEZE_EM * size if g.char in FULL_WIDTH_MARKS and g.width >= 0.9 * size
               else 0.0 for g in glyphs]

    def fits(i: int, j: int, last: bool) -> bool:
        """Whether text[i:j] set as one line fits (and, unless last, is spaced within the
        limit); a space at its end vanishes."""
        end = j - 1 if text[j - 1].isspace() and j - 1 > i else j
        room = (first_measure if i == 0 else measure) - sum(widths[i:end])
        gaps = end - i - 1
        shrink = sum(squeeze[i:end]) + TIGHTEN_EM * size * sum(weight[i + 1:end])
        return -room <= shrink + FIT_PT and (last or room <= limit_em * size * gaps + FIT_PT)

    reached = [0]
    for j in points:
        for i in reached:
            if fits(i, j, False):
                reached.append(j)
                break
    return any(fits(i, len(text), True) for i in reached)
