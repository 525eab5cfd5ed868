"""Line breaking: total-fit (Knuth–Plass style) over the break points clreq allows, each
candidate line measured in O(1) from running sums over the paragraph's atoms.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import cached_property
from itertools import accumulate

from . import charclass as cc
from .atoms import (BLANKS, CLOSE, DOT, HAN, INDENT, LATIN, LATIN_GAP, LATIN_KINDS, MARK,
                    PIECE, RUN, SPACE, Atom)
from .breaks import run_break_demerits
from .settings import TextSettings

# Badness of a line, Typst's and TeX's 100·|r|³; the per-gap stretch that counts as r = 1.
STRETCH_PER_GAP = 0.25
LOOSE_LIMIT = 1.0           # beyond this ratio a line is only taken when nothing else fits
OVERFULL_DEMERITS = 1e9
UNFILLABLE_DEMERITS = 1e8   # a short line with nothing to stretch (a lone run)
ORPHAN_DEMERITS = 1e6       # a paragraph ending on one character (孤字)
LINE_PENALTY = 10


def break_points(atoms: list[Atom], level: str, freed: frozenset[int] = frozenset()
                 ) -> list[int]:
    """Indices b where a line may end before atoms[b] (0 and len(atoms) included); inside a
    number with its unit only at the indices `freed`."""
    no_end = cc.NO_END_GB if level in ("gb", "strict") else cc.NO_END_BASIC
    no_start = cc.NO_START_BASIC
    bound = _inside_numbers(atoms) - freed
    points = [0]
    for b, (before, after) in enumerate(zip(atoms, atoms[1:]), 1):
        if before.kind == INDENT or after.kind == SPACE or b in bound:
            continue
        if before.kind == SPACE:        # the space vanishes at the break: look past it
            if b < 2 or atoms[b - 2].kind == INDENT:
                continue
            before = atoms[b - 2]
        if after.text[0] in no_start and after.kind != RUN:
            continue
        if before.text[-1] in no_end:
            continue
        if before.kind == DOT and after.kind == LATIN and b >= 2 \
                and atoms[b - 2].kind in LATIN_KINDS:
            continue                    # a unit's middle dot joins its Latin parts: W/m·K
        if level == "strict" and (after.kind == RUN or after.text in cc.NO_START_STRICT_ATOMS):
            continue
        points.append(b)
    points.append(len(atoms))
    return points


def _inside_numbers(atoms: list[Atom]) -> set[int]:
    """Indices b of atoms that begin inside a number with its unit (33℃, 5 km, 1164.4亿元):
    no line may end before them."""
    texts = [atom.text for atom in atoms]
    starts = list(accumulate(map(len, texts), initial=0))     # each atom's offset, and the end
    joined = "".join(texts)
    inside = set()
    for match in cc.NUMBER_WITH_UNIT.finditer(joined):
        first = bisect_left(starts, match.start() + 1)
        end = bisect_left(starts, match.end())
        inside.update(range(first, end))
    return inside


class Sums:
    """Running sums over a paragraph's atoms, so any candidate line is measured in O(1)."""

    def __init__(self, atoms: list[Atom]):
        self.atoms = atoms
        self.natural = [0.0]
        self.shrink = [0.0]
        self.stretch = [0.0]
        self.gaps = [0]             # gaps[k + 1]: a stretchable gap before atoms[k]
        # inner[k + 1]: the gaps inside the Latin runs of atoms[:k + 1] (a piece's first one
        # is the gap before it, not counted when a line starts with it: `piece_lead`).
        self.inner = [0.0]
        self.piece_lead = [LATIN_GAP if atom.kind == PIECE else 0.0 for atom in atoms]
        self.content_end = [0]      # content_end[j]: j less the spaces just before atoms[j]
        self.glue_shrink = [0.0]    # the part of `shrink` spaces give (the rest: marks)
        # What a mark may give up when it starts (`lead`) or ends (`tail`) a line, and the
        # half a line's first atom gave up to the mark before it, back when a line starts
        # there (`returned`).
        self.lead = [atom.blank_left - atom.trim_left if atom.kind != SPACE else 0.0
                     for atom in atoms]     # (the atoms' `spare_left`, spelt out)
        if len(atoms) > 1 and atoms[0].kind == INDENT:
            self.lead[0] = self.lead[1]     # “ after the indent starts the line
        self.tail = [atom.blank_right - atom.trim_right for atom in atoms]   # `spare_right`
        self.returned = [atom.adjacent_trim if atom.kind != SPACE else 0.0 for atom in atoms]
        natural_sum = shrink_sum = stretch_sum = glue_sum = 0.0
        gaps_sum = end = 0
        inner_sum = 0.0
        previous = SPACE                # no gap before the first atom
        # The hot loop of every paragraph: sums in locals, the atoms' properties spelt out.
        natural, shrink, stretch, gaps, inner, glue_shrink, content_end = (
            self.natural.append, self.shrink.append, self.stretch.append, self.gaps.append,
            self.inner.append, self.glue_shrink.append, self.content_end.append)
        for k, atom in enumerate(atoms):
            kind = atom.kind
            if kind == SPACE:
                shrink_sum += atom.shrink
                glue_sum += atom.shrink
                stretch_sum += atom.stretch
            else:
                shrink_sum += (atom.blank_left - atom.trim_left) + (atom.blank_right
                                                                    - atom.trim_right)
                gaps_sum += previous not in BLANKS and kind != PIECE
                if kind in LATIN_KINDS:
                    inner_sum += LATIN_GAP * (len(atom.text) - (kind != PIECE))
                end = k + 1
            natural_sum += atom.width - atom.trim_left - atom.trim_right
            natural(natural_sum)
            shrink(shrink_sum)
            stretch(stretch_sum)
            gaps(gaps_sum)
            inner(inner_sum)
            glue_shrink(glue_sum)
            content_end(end)
            previous = kind

    def end(self, i: int, j: int) -> int:
        """Where the line atoms[i:j] ends once the spaces at its end vanish (not before i + 1)."""
        end = self.content_end[j]
        return end if end > i else i + 1

    def line(self, i: int, j: int) -> tuple[float, float, float, float, float]:
        """(natural, shrink, stretch, gaps, cheap) widths of the line atoms[i:j]: a space at
        its end vanishes, and its first mark gets back the half it gave up to the mark it was
        squeezed against (now on the line before). `cheap` is what it may give up before a
        mark in its middle must: its spaces, its first mark's leading and last mark's
        trailing blank. (The breaker's hot loop: asked of every candidate line.)"""
        end = self.content_end[j]       # as `end(i, j)`: spelt out in the hot loop
        if end <= i:
            end = i + 1
        returned = self.returned[i]
        return (self.natural[end] - self.natural[i] + returned,
                self.shrink[end] - self.shrink[i] + returned,
                self.stretch[end] - self.stretch[i],
                self.gaps[end] - self.gaps[i + 1] + self.inner[end] - self.inner[i]
                - self.piece_lead[i],
                self.glue_shrink[end] - self.glue_shrink[i] + self.lead[i] + returned
                + self.tail[end - 1])


def line_gaps(atoms: list[Atom]) -> float:
    """The gaps of the line `atoms` that justification widens (or narrows), a Latin run's
    letters counted `LATIN_GAP` each: what `Sums.line` counts, for one line without the sums
    (the count is exact: whole gaps and halves)."""
    gaps = 0
    inner = 0.0
    previous = SPACE                # no gap before the first atom
    for atom in atoms:
        kind = atom.kind
        if kind != SPACE:
            gaps += previous not in BLANKS and kind != PIECE
            if kind in LATIN_KINDS:
                inner += LATIN_GAP * (len(atom.text) - (kind != PIECE))
        previous = kind
    return gaps + inner - (LATIN_GAP if atoms[0].kind == PIECE else 0.0)


def _demerits(natural: float, shrink: float, stretch: float, gaps: float, measure: float,
              last: bool, justify: bool, cheap: float | None = None, squeeze: float = 0.0,
              loose: float = LOOSE_LIMIT, tighten: float = 0.0) -> float | None:
    """Cost of a line of these widths (`Sums.line`'s), or None when it cannot be set in the
    measure. `cheap` is the part of `shrink` a line gives up before any mark in its middle
    (None: all of it), `squeeze` the badness of squeezing those by half an em, `loose` the
    stretch ratio beyond which a line is only taken when nothing else fits, `tighten` how much
    tighter a gap a line too long may be set beyond all its shrink."""
    excess = natural - measure
    if excess > shrink + 1e-9:
        return _tightened(excess - shrink, gaps, tighten, loose, squeeze * (excess - (
            cheap if cheap is not None else shrink)) / 0.5)
    if excess > 1e-9:
        ratio = excess / shrink
        # 先挤进，后推出: squeezing the line-end or line-start mark (or a space) to fit is
        # preferred to pushing a character down and spacing the line out, so it costs little
        # more than a line set solid; marks in mid-line cost `squeeze` a half em beyond that.
        beyond = excess - cheap if cheap is not None and excess > cheap + 1e-9 else 0.0
        return (LINE_PENALTY + squeeze * beyond / 0.5) ** 2 + ratio ** 3
    if last:
        return LINE_PENALTY ** 2
    if not justify:         # ragged text: the nearer a line comes to the measure the better
        return (LINE_PENALTY + 100 * (-excess / measure) ** 2) ** 2
    capacity = stretch + STRETCH_PER_GAP * gaps
    if capacity <= 0 and -excess <= 1e-9:
        return LINE_PENALTY ** 2
    # A line with nothing to stretch (a lone run) stays short: rate it at least as badly as a
    # line spreading the same shortfall over one gap, so that a justifiable break wins.
    ratio = -excess / (capacity if capacity > 0 else STRETCH_PER_GAP)
    demerits = (LINE_PENALTY + 100 * ratio ** 3) ** 2
    if ratio > loose:
        demerits *= 100
    return demerits if capacity > 0 else max(demerits, UNFILLABLE_DEMERITS)


def _tightened(beyond: float, gaps: float, tighten: float, loose: float, squeezed: float
               ) -> float | None:
    """Cost of a line set tighter by `beyond` em over its gaps once every mark is squeezed
    (`squeezed`: the cost of those in mid-line), or None when it cannot be: rated as a line
    spaced by max_spacing_em and more, so that total fit sets a line tighter only where the
    alternative is a line spaced beyond it (or a line overfull)."""
    if not gaps or beyond > tighten * gaps + 1e-9:
        return None
    ratio = loose * (1 + beyond / (tighten * gaps))
    return (LINE_PENALTY + squeezed + 100 * ratio ** 3) ** 2


def _is_orphan(atoms: list[Atom], i: int, j: int) -> bool:
    """孤字: a last line holding one character, or one character plus marks."""
    content = [a for a in atoms[i:j] if a.kind not in (SPACE, INDENT)]
    core = [a for a in content if a.kind not in (CLOSE, MARK, DOT)]
    return len(core) == 1 and core[0].kind in (HAN, RUN) and i > 0


def break_lines(atoms: list[Atom], measure: float, level: str, justify: bool = True,
                settings: TextSettings = TextSettings()) -> list[tuple[int, int, bool]]:
    """Total-fit line breaking: (start, end, overfull) per line, minimising summed demerits
    (the texture limits from `settings`). A number and its unit never part, unless keeping
    them overfills a line that could break between them."""
    lines = _break(atoms, break_points(atoms, level), measure, justify, settings)
    overfull = frozenset(b for i, j, over in lines if over for b in range(i, j + 1))
    if overfull and overfull & _inside_numbers(atoms):
        # a number kept with its unit overfills its line (a narrow measure, the first line's
        # indent): there, and only there, they may part
        parted = _break(atoms, break_points(atoms, level, overfull), measure, justify,
                        settings)
        if sum(over for *_, over in parted) < sum(over for *_, over in lines):
            return parted
    return lines


def _break(atoms: list[Atom], points: list[int], measure: float, justify: bool,
           settings: TextSettings) -> list[tuple[int, int, bool]]:
    breaker = _Breaker(atoms, points, measure, justify, settings)
    # Most candidate lines fall far short of the measure, and such a line costs a great deal.
    # A quick pass over the lines that come near the measure finds a way through the
    # paragraph; its total bounds the best one's, so that the full pass may skip every line
    # that alone would cost more. The choice is the full pass's, as if it tried every line.
    near = breaker.best(near_only=True) if justify else {}
    bound = near.get(len(atoms))
    if bound is not None and breaker.skips_all(near, bound[0]):
        return _lines(near, len(atoms))     # the full pass would try just the lines it tried
    return _lines(breaker.best(bound=bound[0] if bound else None), len(atoms))


def _lines(best: dict[int, tuple[float, int, bool]], n: int) -> list[tuple[int, int, bool]]:
    """(start, end, overfull) of each line on the best way to the paragraph's end, n."""
    lines = []
    j = n
    while j > 0:
        _, i, overfull = best[j]
        lines.append((i, j, overfull))
        j = i
    return lines[::-1]


# A line this much shorter than the measure (a share of it) is skipped when the bound allows.
NEAR_SHARE = 0.15


class _Breaker:
    """The total-fit search over one paragraph's break points."""

    def __init__(self, atoms: list[Atom], points: list[int], measure: float, justify: bool,
                 settings: TextSettings = TextSettings()):
        self.atoms, self.points, self.measure, self.justify = atoms, points, measure, justify
        # Squeezing mid-line marks by half an em is as bad as spacing by squeeze_cost_em.
        self.squeeze = 100 * (settings.squeeze_cost_em / STRETCH_PER_GAP) ** 3
        self.loose = settings.max_spacing_em / STRETCH_PER_GAP
        self.tighten = settings.tighten_em if justify else 0.0
        self.run_breaks = run_break_demerits(atoms, measure)
        self.sums = Sums(atoms)
        self.reach = [self.sums.natural[j] for j in points]     # ascending: for bisect

    def best(self, near_only: bool = False, bound: float | None = None
             ) -> dict[int, tuple[float, int, bool]]:
        """(least total demerits, previous break, overfull) of the lines ending at each break
        point reached. `near_only` tries only lines near the measure (a way through, not
        the best one); `bound`, a total no worse than the best, lets short lines be skipped."""
        atoms, points, measure, justify = self.atoms, self.points, self.measure, self.justify
        squeeze, loose, tighten = self.squeeze, self.loose, self.tighten    # (the hot loop)
        sums = self.sums                # its columns, for `Sums.line` spelt out below
        content_end, natural_at, shrink_at, stretch_at, gaps_at, inner_at, glue_at, tail = (
            sums.content_end, sums.natural, sums.shrink, sums.stretch, sums.gaps, sums.inner,
            sums.glue_shrink, sums.tail)
        n = len(atoms)
        best: dict[int, tuple[float, int, bool]] = {0: (0.0, -1, False)}
        run_breaks = self.run_breaks
        nearest = self.nearest if near_only or bound is not None else None
        for pi, i in enumerate(points[:-1]):
            reached = best.get(i)
            if reached is None:
                continue
            base = reached[0]
            first = pi + 1
            if nearest is not None:
                near = nearest[pi]
                if near_only or self._may_skip(pi, near, base, bound):
                    first = near
            found = first > pi + 1          # the skipped lines all fit
            returned, natural_i, shrink_i, stretch_i, gaps_i, inner_i, glue_i, lead_i, piece_i = (
                sums.returned[i], natural_at[i], shrink_at[i], stretch_at[i], gaps_at[i + 1],
                inner_at[i], glue_at[i], sums.lead[i], sums.piece_lead[i])
            for k in range(first, len(points)):     # (a slice would copy the rest: quadratic)
                j = points[k]
                last = j == n
                end = content_end[j]        # `Sums.line(i, j)`, spelt out (tested)
                if end <= i:
                    end = i + 1
                natural = natural_at[end] - natural_i + returned
                shrink = shrink_at[end] - shrink_i + returned
                stretch = stretch_at[end] - stretch_i
                gaps = gaps_at[end] - gaps_i + inner_at[end] - inner_i - piece_i
                cheap = glue_at[end] - glue_i + lead_i + returned + tail[end - 1]
                cost = _demerits(natural, shrink, stretch, gaps, measure, last, justify, cheap,
                                 squeeze, loose, tighten)
                overfull = cost is None
                if overfull and found:
                    break                           # wider still from here on
                if overfull:
                    cost = OVERFULL_DEMERITS    # nothing fits: take the shortest line, report it
                if not justify and not last and atoms[j - 1].kind in (MARK, CLOSE):
                    cost /= 2                       # a ragged line (a title) breaks best at a mark
                if last and _is_orphan(atoms, i, j):
                    cost += ORPHAN_DEMERITS
                piece = run_breaks.get(j)           # (a piece's; never the end's, j == n)
                if piece is not None:
                    cost += piece                   # a line ending inside a URL or a word
                found = True
                total = base + cost
                reached = best.get(j)
                if reached is None or total < reached[0]:
                    best[j] = (total, i, overfull)
                if overfull:
                    break
        return best

    def skips_all(self, near: dict[int, tuple[float, int, bool]], bound: float) -> bool:
        """Whether the full pass under `bound` would skip, from every break point the near
        pass reached, the very lines the near pass skipped: then it makes the same choices
        in the same order, and the near pass's way is the best one."""
        nearest = self.nearest
        for pi, i in enumerate(self.points[:-1]):
            if i in near:
                first = nearest[pi]
                if first > pi + 1 and not self._may_skip(pi, first, near[i][0], bound):
                    return False
        return True

    @cached_property
    def nearest(self) -> list[int]:
        """For each break point (by index in `points`), the index of the first line from it
        that may come near the measure (never past the paragraph's end, whose last line is
        never skipped): found once, asked by each pass."""
        natural, returned, reach = self.sums.natural, self.sums.returned, self.reach
        near = self.measure * (1 - NEAR_SHARE)
        last = len(self.points) - 1
        return [bisect_left(reach, natural[i] - returned[i] + near, pi + 1, last)
                for pi, i in enumerate(self.points[:-1])]

    def _may_skip(self, pi: int, near: int, base: float, bound: float) -> bool:
        """Whether every line from points[pi] ending before points[near] costs more than
        `bound` allows. The longest of them costs least: it is shortest of the measure and has
        most to stretch, so a bound on its demerits (see `_demerits`) bounds them all."""
        if near == pi + 1:
            return False
        i, j = self.points[pi], self.points[near - 1]
        natural, _, stretch, gaps, _ = self.sums.line(i, j)
        shortfall = self.measure - natural
        if shortfall <= 1e-9:
            return False
        capacity = stretch + STRETCH_PER_GAP * gaps
        ratio = shortfall / max(capacity, STRETCH_PER_GAP)
        least = (LINE_PENALTY + 100 * ratio ** 3) ** 2
        return base + 0.99 * least > bound     # (a margin for rounding)


