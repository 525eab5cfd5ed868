"""Paragraph composition: a string → justified lines of placed glyphs (clreq rules).

The pipeline, one step each:
    atomise   text → atoms: a character, a mark, an unbreakable run (——, ……, 1164.4, a URL)
    measure   each atom's width in em, its blank halves, the compression it allows
    break     total-fit line breaking over the allowed break points (Knuth–Plass style)
    finalize  distribute each line's shortfall or excess in clreq's order, place the glyphs

Everything is in em of the text size until `finalize`, which returns points.
"""
from __future__ import annotations

import hashlib
import pickle
from array import array
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from ..cache import cached, file_key, lookup_many, pickled, store_pickled
from ..display import Glyph
from ..errors import BroadsheetError
from ..fonts import Face, FontBook, ink_extent
from ..parallel import Ahead
from . import charclass as cc
from .breaks import PIECE, run_break_demerits, run_breaks

# Atom kinds.
HAN, OPEN, CLOSE, MARK, DOT, RUN, LATIN, SPACE, INDENT = (
    "han", "open", "close", "mark", "dot", "run", "latin", "space", "indent")
_LATIN_KINDS = (LATIN, PIECE)
# Justification letter-spaces a Latin run a little: a gap between its letters or digits takes
# this share of what a gap between Han characters takes (none inside ——, …… or a mark).
LATIN_GAP = 0.5

# Shrink priorities, clreq's reduction order (lower is used first). In 全角式 the marks inside
# a line keep their full width: spaces and line-end / line-start blanks go first, the marks in
# mid-line only as a last resort (issue 16), each kind in clreq's order.
SHRINK_LINE_END, SHRINK_WORD_SPACE, SHRINK_HAN_LATIN, SHRINK_DOT, SHRINK_BRACKET, \
    SHRINK_PAUSE, SHRINK_STOP = range(7)

# Badness of a line, Typst's and TeX's 100·|r|³; the per-gap stretch that counts as r = 1.
STRETCH_PER_GAP = 0.25
LOOSE_LIMIT = 1.0           # beyond this ratio a line is only taken when nothing else fits
OVERFULL_DEMERITS = 1e9
UNFILLABLE_DEMERITS = 1e8   # a short line with nothing to stretch (a lone run)
ORPHAN_DEMERITS = 1e6       # a paragraph ending on one character (孤字)
LINE_PENALTY = 10


@dataclass(frozen=True)
class TextSettings:
    """The style's text settings, resolved once (see styles/duikai.toml [text]) and checked
    by the style's loader (`layout/style/loader.py`)."""
    line_break: str = "gb"          # clreq level: basic, gb, strict
    punctuation: str = "quanjiao"   # quanjiao 全角式, kaiming 开明式, banjiao 半角式
    cjk_latin_space: float = 0.0    # em between Han and Latin/digits: 0, 1/8 or 1/4
    space_em: float = 1 / 3         # natural width of a typed space (word space)
    # Texture (issue 16): spacing per gap beyond which a line is taken only when nothing else
    # fits, and what squeezing marks in mid-line costs — as much, per half em, as spacing a
    # line by this much per gap (0: squeezed as readily as the line-end mark, 先挤进 anywhere).
    max_spacing_em: float = 0.25
    squeeze_cost_em: float = 0.2
    # The last resort before a line beyond max_spacing_em (紧排): a line too long once every
    # mark is squeezed may be set this much tighter a gap (0: never), costing more than any
    # line within max_spacing_em.
    tighten_em: float = 0.05


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]
    width: float                # points from the line start to the end of its last atom
    size: float                 # type size in points
    last: bool                  # a paragraph's last line: flush left, not justified
    overfull: bool = False      # wider than the measure (an unbreakable run too long)
    start: int = 0              # offset in the paragraph's text where this line begins

    @property
    def text(self) -> str:
        return "".join(glyph.char for glyph in self.glyphs)

    def __reduce__(self):
        # Pickled (for the disk cache and from worker processes) by columns: the characters
        # as one string, the x positions as an array; scale and offset only where set.
        glyphs = self.glyphs
        scales = tuple(glyph.scale_x for glyph in glyphs)
        offsets = tuple(glyph.y for glyph in glyphs)
        return _unpickle_line, (
            "".join(glyph.char for glyph in glyphs), array("d", [glyph.x for glyph in glyphs]),
            tuple(glyph.face for glyph in glyphs),
            None if all(scale == 1.0 for scale in scales) else scales,
            offsets if any(offsets) else None,
            self.width, self.size, self.last, self.overfull, self.start)


def _unpickle_line(chars, xs, faces, scales, offsets, *fields) -> Line:
    scales = scales or (1.0,) * len(chars)
    offsets = offsets or (0.0,) * len(chars)
    return Line(tuple(map(Glyph, chars, xs, faces, scales, offsets)), *fields)


@dataclass(slots=True)
class Atom:
    text: str
    kind: str
    width: float                        # em, full natural width
    blank_left: float = 0.0             # blank half inside the cell that may be trimmed
    blank_right: float = 0.0
    trim_left: float = 0.0              # trimmed for the punctuation style / adjacency
    trim_right: float = 0.0
    adjacent_trim: float = 0.0          # part of trim_left owed to the mark before it
    stretch: float = 0.0                # glue only
    shrink: float = 0.0                 # glue only
    faces: tuple[Face, ...] = ()
    advances: tuple[float, ...] = ()    # em, per character, for runs and Latin words
    start: int = 0                      # offset of its first character in the paragraph

    @property
    def natural(self) -> float:
        return self.width - self.trim_left - self.trim_right

    def copy(self) -> Atom:
        """A copy to adjust without touching the original (much cheaper than `replace`)."""
        return Atom(self.text, self.kind, self.width, self.blank_left, self.blank_right,
                    self.trim_left, self.trim_right, self.adjacent_trim, self.stretch,
                    self.shrink, self.faces, self.advances, self.start)

    @property
    def spare_left(self) -> float:
        return self.blank_left - self.trim_left

    @property
    def spare_right(self) -> float:
        return self.blank_right - self.trim_right


# ---------------------------------------------------------------------------------- atomise

def atomise(text: str, role: str, book: FontBook, settings: TextSettings,
            indent_em: float = 0.0, faces: tuple[tuple[int, int, str], ...] = ()) -> list[Atom]:
    """Split a paragraph into atoms and measure them (widths in em). `faces` are (start, end,
    role) ranges set in another role's face (inline emphasis); the rules run over them all."""
    atoms: list[Atom] = [Atom("", INDENT, indent_em)] if indent_em else []
    for start, end, segment_role in _segments(len(text), role, faces):
        segment = text[:end]
        # (only text with a character to set asks for the role's face, which may be unknown)
        measurer = _Measurer(book, segment_role) \
            if segment[start:] and not segment[start:].isspace() else None
        i = start
        while i < end:
            atom = measurer.alone(segment[i]) if measurer else None
            if atom is not None:
                after = i + 1
            else:
                atom, after = _next_atom(segment, i, measurer, settings)
            atom.start = i
            atoms.append(atom)
            i = after
    _apply_punctuation_style(atoms, settings.punctuation)
    _compress_adjacent_marks(atoms)
    return _insert_han_latin_space(atoms, settings.cjk_latin_space)


def _segments(length: int, role: str, faces: tuple[tuple[int, int, str], ...]):
    """(start, end, role) runs covering the text: the `faces` ranges and `role` between."""
    at = 0
    for start, end, face_role in sorted(faces):
        if start > at:
            yield at, start, role
        if end > max(start, at):
            yield max(start, at), end, face_role
        at = max(at, end)
    if at < length:
        yield at, length, role


class _Measured:
    """What was measured of characters set in one face (with given fallbacks)."""

    def __init__(self):
        self.glyphs: dict[str, tuple[Face, float]] = {}   # char → face that sets it, advance
        self.alone: dict[str, Atom] = {}    # characters atomised alone whatever their context


# Measured once per process: a face's characters never change, and `face_for` plus the metrics
# look-up cost more than all the rest of atomising.
_MEASURED: dict[tuple[Face, tuple[Face, ...]], _Measured] = {}


class _Measurer:
    """Faces and advances of the characters of one role in one book, from `_MEASURED`.
    (Fallbacks are reported by `compose`, from the lines it returns, not here.)"""

    def __init__(self, book: FontBook, role: str):
        self.book, self.role = book, role
        self.measured = _MEASURED.setdefault((book.face(role), tuple(book.fallbacks)),
                                             _Measured())

    def glyph(self, char: str) -> tuple[Face, float]:
        """The face that sets `char` and its advance in em (`book.face_for`, remembered)."""
        glyph = self.measured.glyphs.get(char)
        if glyph is None:
            face = self.book.face_for(self.role, char)
            glyph = self.measured.glyphs[char] = (face, self.book.metrics(face).advance(char))
        return glyph

    def alone(self, char: str) -> Atom | None:
        """A fresh copy of `char`'s atom when it is always atomised alone and was seen before."""
        atom = self.measured.alone.get(char)
        if atom is None:
            return None
        return atom.copy()              # atoms are adjusted in place later

    def remember_alone(self, atom: Atom) -> None:
        self.measured.alone[atom.text] = atom.copy()


def _next_atom(text: str, i: int, measurer: _Measurer, settings: TextSettings
               ) -> tuple[Atom, int]:
    """The atom that starts at text[i], and where the next one starts."""
    char = text[i]
    if char.isspace():
        j = i
        while j < len(text) and text[j].isspace():
            j += 1
        return Atom(" ", SPACE, settings.space_em, stretch=settings.space_em,
                    shrink=settings.space_em / 4), j
    if char == cc.DASH or char in cc.ELLIPSES:
        j = i
        while j < len(text) and text[j] == char:
            j += 1
        if j - i >= 2 or char in cc.ELLIPSES:
            return _fixed_run(text[i:j], measurer), j
    j = _latin_run_end(text, i)
    if j > i:
        return _measured_run(text[i:j], LATIN, measurer), j
    atom = _single(char, measurer)
    if char != cc.DASH and char not in cc.CURRENCY_PREFIXES | cc.LETTER_PREFIXES | cc.NUMBER_SIGNS:
        measurer.remember_alone(atom)                   # no run whatever follows it
    return atom, i + 1


def _latin_run_end(text: str, i: int) -> int:
    """End of the Latin word / number / URL starting at i (== i when there is none)."""
    j = i
    if text[j] in cc.NUMBER_SIGNS and (j == 0 or not cc.is_latin_word_char(text[j - 1])) \
            and j + 1 < len(text) and (text[j + 1].isdigit() or text[j + 1] in cc.CURRENCY_PREFIXES):
        j += 1                          # a leading minus or plus: part of the number
    if j < len(text) and text[j] in cc.CURRENCY_PREFIXES and j + 1 < len(text) \
            and text[j + 1].isdigit():
        j += 1
    elif j < len(text) and text[j] in cc.LETTER_PREFIXES and j + 1 < len(text) \
            and text[j + 1].isascii() and text[j + 1].isalpha():
        j += 1
    if j >= len(text) or not cc.is_latin_word_char(text[j]):
        return i
    while j < len(text):
        if cc.is_latin_word_char(text[j]):
            j += 1
        elif text[j] in cc.LATIN_JOINERS:
            k = j
            while k < len(text) and text[k] in cc.LATIN_JOINERS:   # "://", "?id=", "-"
                k += 1
            if k < len(text) and cc.is_latin_word_char(text[k]):
                j = k + 1
            else:
                break
        else:
            break
    while j < len(text) and text[j] in cc.NUMBER_SUFFIXES:
        j += 1
    return j


def _single(char: str, measurer: _Measurer) -> Atom:
    face, width = measurer.glyph(char)
    left, right = cc.blank_halves(char)
    if char in cc.OPENING:
        kind = OPEN
    elif char in cc.CLOSING:
        kind = CLOSE
    elif char in cc.PAUSES or char in cc.STOPS:
        kind = MARK
    elif char in cc.MIDDLE_DOTS:
        kind = DOT
    else:
        kind = HAN
    if width < 0.99:        # a proportional glyph (e.g. an ASCII mark): no blank halves
        left = right = 0.0
    return Atom(char, kind, width, blank_left=left, blank_right=right, faces=(face,),
                advances=(width,))


def _fixed_run(text: str, measurer: _Measurer) -> Atom:
    """—— and ……: one em per character, never split, compressed or expanded inside."""
    faces = tuple(measurer.glyph(char)[0] for char in text)
    return Atom(text, RUN, float(len(text)), faces=faces, advances=(1.0,) * len(text))


def _measured_run(text: str, kind: str, measurer: _Measurer) -> Atom:
    faces, advances = zip(*(measurer.glyph(char) for char in text))
    return Atom(text, kind, sum(advances), faces=faces, advances=advances)


def _apply_punctuation_style(atoms: list[Atom], style: str) -> None:
    """开明式 sets all but 。？！ half width; 半角式 sets every mark half width."""
    if style == "quanjiao":
        return
    for atom in atoms:
        if style == "kaiming" and atom.text in cc.STOPS:
            continue
        atom.trim_left, atom.trim_right = atom.blank_left, atom.blank_right


def _compress_adjacent_marks(atoms: list[Atom]) -> None:
    """Two adjacent marks of 2 em are set in 1.5 em: one blank half goes (clreq §2)."""
    for a, b in zip(atoms, atoms[1:]):
        if (a.spare_right > 0 or a.kind == OPEN) and b.spare_left > 0:  # ，“  。（  “《
            b.adjacent_trim = b.spare_left
            b.trim_left = b.blank_left
        elif a.spare_right > 0 and b.kind in (CLOSE, MARK):  # 。”  ”，  ）。 (never split)
            a.trim_right = a.blank_right


def _insert_han_latin_space(atoms: list[Atom], space: float) -> list[Atom]:
    if not space:
        return atoms
    out: list[Atom] = []
    for atom in atoms:
        if out and {out[-1].kind, atom.kind} == {HAN, LATIN} \
                and all(_is_han(a) for a in (out[-1], atom) if a.kind == HAN):
            out.append(Atom("", SPACE, space, stretch=space, shrink=space / 2))
        out.append(atom)
    return out


def _is_han(atom: Atom) -> bool:
    """A Han (kana, Hangul) character proper — not a mark such as , . ／ — % filed as HAN."""
    return cc.is_han_letter(atom.text)


def _split_overlong_runs(atoms: list[Atom], measure: float, fitting: bool = False
                         ) -> list[Atom]:
    """Cut Latin runs into pieces that may break between them (`breaks.run_breaks`): a run
    wider than the line — and a URL or e-mail address that fits only without the mark after
    it, which may not start a line (http://weibo.com/n968111；) — and, when `fitting` (justified
    text), the URLs, e-mail addresses and hyphenated words that fit. A run with no place to
    break stays whole: the page reports it as too wide when it is.
    """
    out: list[Atom] = []
    for n, atom in enumerate(atoms):
        following = atoms[n + 1] if n + 1 < len(atoms) else None
        width = atom.width
        if following and following.text[:1] in cc.NO_START_BASIC and set("/@") & set(atom.text):
            width += following.natural - following.spare_right      # a URL and its ；
        overlong = width > measure + 1e-9
        if atom.kind != LATIN or not (overlong or fitting):
            out.append(atom)
            continue
        ends = [*run_breaks(atom.text, overlong), len(atom.text)]
        for start, end in zip([0, *ends], ends):
            out.append(_piece(atom, start, end))
    return out


def _piece(atom: Atom, start: int, end: int) -> Atom:
    advances = atom.advances[start:end]
    return Atom(atom.text[start:end], PIECE if start else LATIN, sum(advances),
                faces=atom.faces[start:end], advances=advances, start=atom.start + start)


# ------------------------------------------------------------------------------------ break

def break_points(atoms: list[Atom], level: str) -> list[int]:
    """Indices b where a line may end before atoms[b] (0 and len(atoms) included)."""
    no_end = cc.NO_END_GB if level in ("gb", "strict") else cc.NO_END_BASIC
    bound = _inside_numbers(atoms)
    points = [0]
    for b in range(1, len(atoms)):
        before, after = atoms[b - 1], atoms[b]
        if before.kind == INDENT or after.kind == SPACE or b in bound:
            continue
        if before.kind == SPACE:        # the space vanishes at the break: look past it
            if b < 2 or atoms[b - 2].kind == INDENT:
                continue
            before = atoms[b - 2]
        if after.text[0] in cc.NO_START_BASIC and after.kind != RUN:
            continue
        if before.text[-1] in no_end:
            continue
        if before.kind == DOT and after.kind == LATIN and b >= 2 \
                and atoms[b - 2].kind in _LATIN_KINDS:
            continue                    # a unit's middle dot joins its Latin parts: W/m·K
        if level == "strict" and (after.kind == RUN or after.text in cc.NO_START_STRICT_ATOMS):
            continue
        points.append(b)
    points.append(len(atoms))
    return points


def _inside_numbers(atoms: list[Atom]) -> set[int]:
    """Indices b of atoms that begin inside a number with its unit (33℃, 5 km, 1164.4亿元):
    no line may end before them."""
    starts, text = [], []
    at = 0
    for atom in atoms:
        starts.append(at)
        text.append(atom.text)
        at += len(atom.text)
    joined = "".join(text)
    inside = set()
    for match in cc.NUMBER_WITH_UNIT.finditer(joined):
        first = bisect_left(starts, match.start() + 1)
        end = bisect_left(starts, match.end())
        inside.update(range(first, end))
    return inside


@dataclass
class _Span:
    """Width sums of a candidate line atoms[i:j], in em."""
    natural: float
    shrink: float
    stretch: float
    gaps: float                 # gaps between characters, a Latin run's counted `LATIN_GAP`


class _Sums:
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
        # What a mark may give up when it starts (`lead`) or ends (`tail`) a line.
        self.lead = [atom.spare_left if atom.kind != SPACE else 0.0 for atom in atoms]
        if len(atoms) > 1 and atoms[0].kind == INDENT:
            self.lead[0] = self.lead[1]     # “ after the indent starts the line
        self.tail = [atom.spare_right for atom in atoms]
        natural_sum = shrink_sum = stretch_sum = glue_sum = 0.0
        gaps_sum = end = 0
        inner_sum = 0.0
        previous = SPACE                # no gap before the first atom
        # The hot loop of every paragraph: sums in locals, the atoms' properties spelt out.
        for k, atom in enumerate(atoms):
            kind = atom.kind
            if kind == SPACE:
                shrink_sum += atom.shrink
                glue_sum += atom.shrink
                stretch_sum += atom.stretch
            else:
                shrink_sum += (atom.blank_left - atom.trim_left) + (atom.blank_right
                                                                    - atom.trim_right)
                gaps_sum += previous not in _BLANKS and kind != PIECE
                if kind in _LATIN_KINDS:
                    inner_sum += LATIN_GAP * (len(atom.text) - (kind != PIECE))
                end = k + 1
            natural_sum += atom.width - atom.trim_left - atom.trim_right
            self.natural.append(natural_sum)
            self.shrink.append(shrink_sum)
            self.stretch.append(stretch_sum)
            self.gaps.append(gaps_sum)
            self.inner.append(inner_sum)
            self.glue_shrink.append(glue_sum)
            self.content_end.append(end)
            previous = kind

    def end(self, i: int, j: int) -> int:
        """Where the line atoms[i:j] ends once the spaces at its end vanish (not before i + 1)."""
        end = self.content_end[j]
        return end if end > i else i + 1

    def returned(self, i: int) -> float:
        """The half that atoms[i] gave up to the mark before it, back when a line starts there."""
        first = self.atoms[i]
        return first.adjacent_trim if first.kind != SPACE else 0.0

    def cheap_shrink(self, i: int, end: int, returned: float) -> float:
        """What the line atoms[i:end] (spaces at its end gone) may give up before a mark in
        its middle must: its spaces, its first mark's leading and last mark's trailing blank."""
        return (self.glue_shrink[end] - self.glue_shrink[i] + self.lead[i] + returned
                + self.tail[end - 1])

    def span(self, i: int, j: int) -> _Span:
        """Widths of the line atoms[i:j]: a space at its end vanishes, and its first mark gets
        back the half it gave up to the mark it was squeezed against (now on the line before)."""
        end = self.end(i, j)
        returned = self.returned(i)
        return _Span(natural=self.natural[end] - self.natural[i] + returned,
                     shrink=self.shrink[end] - self.shrink[i] + returned,
                     stretch=self.stretch[end] - self.stretch[i],
                     gaps=self.line_gaps(i, end))

    def line_gaps(self, i: int, end: int) -> float:
        """The gaps of the line atoms[i:end] that justification widens (or narrows)."""
        return (self.gaps[end] - self.gaps[i + 1] + self.inner[end] - self.inner[i]
                - self.piece_lead[i])


def _span(atoms: list[Atom], i: int, j: int) -> _Span:
    return _Sums(atoms).span(i, j)


def _demerits(natural: float, shrink: float, stretch: float, gaps: float, measure: float,
              last: bool, justify: bool, cheap: float | None = None, squeeze: float = 0.0,
              loose: float = LOOSE_LIMIT, tighten: float = 0.0) -> float | None:
    """Cost of a line of these widths (a `_Span`'s), or None when it cannot be set in the
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
    (the texture limits from `settings`)."""
    breaker = _Breaker(atoms, break_points(atoms, level), measure, justify, settings)
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
        self.sums = _Sums(atoms)
        self.reach = [self.sums.natural[j] for j in points]     # ascending: for bisect

    def best(self, near_only: bool = False, bound: float | None = None
             ) -> dict[int, tuple[float, int, bool]]:
        """(least total demerits, previous break, overfull) of the lines ending at each break
        point reached. `near_only` tries only lines near the measure (a way through, not
        the best one); `bound`, a total no worse than the best, lets short lines be skipped."""
        atoms, points, measure, justify = self.atoms, self.points, self.measure, self.justify
        sums = self.sums
        # The hot loop: a `_Span` of each candidate line, spelt out without making one.
        natural, shrink, stretch, line_gaps = sums.natural, sums.shrink, sums.stretch, \
            sums.line_gaps
        content_end = sums.content_end
        n = len(atoms)
        best: dict[int, tuple[float, int, bool]] = {0: (0.0, -1, False)}
        for pi, i in enumerate(points[:-1]):
            if i not in best:
                continue
            base = best[i][0]
            returned = sums.returned(i)
            first = pi + 1
            if near_only or bound is not None:
                near = self._first_near(pi, returned)
                if near_only or self._may_skip(pi, near, base, bound):
                    first = near
            found = first > pi + 1          # the skipped lines all fit
            for k in range(first, len(points)):     # (a slice would copy the rest: quadratic)
                j = points[k]
                end = content_end[j] if content_end[j] > i else i + 1     # as `sums.end(i, j)`
                last = j == n
                cost = _demerits(natural[end] - natural[i] + returned,
                                 shrink[end] - shrink[i] + returned, stretch[end] - stretch[i],
                                 line_gaps(i, end), measure, last, justify,
                                 sums.cheap_shrink(i, end, returned), self.squeeze, self.loose,
                                 self.tighten)
                overfull = cost is None
                if overfull and found:
                    break                           # wider still from here on
                if overfull:
                    cost = OVERFULL_DEMERITS    # nothing fits: take the shortest line, report it
                if not justify and not last and atoms[j - 1].kind in (MARK, CLOSE):
                    cost /= 2                       # a ragged line (a title) breaks best at a mark
                if last and _is_orphan(atoms, i, j):
                    cost += ORPHAN_DEMERITS
                if not last and atoms[j].kind == PIECE:
                    cost += self.run_breaks[j]      # a line ending inside a URL or a word
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
        for pi, i in enumerate(self.points[:-1]):
            if i in near:
                first = self._first_near(pi, self.sums.returned(i))
                if first > pi + 1 and not self._may_skip(pi, first, near[i][0], bound):
                    return False
        return True

    def _first_near(self, pi: int, returned: float) -> int:
        """Index in `points` of the first line from points[pi] that may come near the measure
        (never past the paragraph's end, whose last line is never skipped)."""
        i = self.points[pi]
        shortest = self.sums.natural[i] - returned + self.measure * (1 - NEAR_SHARE)
        return bisect_left(self.reach, shortest, pi + 1, len(self.points) - 1)

    def _may_skip(self, pi: int, near: int, base: float, bound: float) -> bool:
        """Whether every line from points[pi] ending before points[near] costs more than
        `bound` allows. The longest of them costs least: it is shortest of the measure and has
        most to stretch, so a bound on its demerits (see `_demerits`) bounds them all."""
        if near == pi + 1:
            return False
        i, j = self.points[pi], self.points[near - 1]
        span = self.sums.span(i, j)
        shortfall = self.measure - span.natural
        if shortfall <= 1e-9:
            return False
        capacity = span.stretch + STRETCH_PER_GAP * span.gaps
        ratio = shortfall / max(capacity, STRETCH_PER_GAP)
        least = (LINE_PENALTY + 100 * ratio ** 3) ** 2
        return base + 0.99 * least > bound     # (a margin for rounding)


# --------------------------------------------------------------------------------- finalize

def _shrink_slots(atoms: list[Atom]) -> list[tuple[int, int, str, float]]:
    """(priority, atom index, side, amount) of every reduction the line `atoms` allows."""
    slots = []
    i, end = 0, len(atoms)
    if end > 1 and atoms[0].kind == INDENT:
        i = 1                           # “ after the indent starts the line
    for k in range(end):
        atom = atoms[k]
        if atom.kind == SPACE:
            priority = SHRINK_HAN_LATIN if not atom.text else SHRINK_WORD_SPACE
            slots.append((priority, k, "glue", atom.shrink))
            continue
        for side, spare in (("left", atom.spare_left), ("right", atom.spare_right)):
            if spare <= 0:
                continue
            if (side == "right" and k == end - 1) or (side == "left" and k == i):
                priority = SHRINK_LINE_END
            elif atom.kind == DOT:
                priority = SHRINK_DOT
            elif atom.kind in (OPEN, CLOSE):
                priority = SHRINK_BRACKET
            elif atom.text in cc.STOPS:
                priority = SHRINK_STOP
            else:
                priority = SHRINK_PAUSE
            slots.append((priority, k, side, spare))
    return sorted(slots)


def _set_line(atoms: list[Atom], i: int, j: int, measure: float, size: float, last: bool,
              justify: bool, overfull: bool, tighten: float = 0.0) -> Line:
    """The line atoms[i:j] placed: shrunk in clreq's order, then (`tighten`, justified text)
    set tighter by up to that much a gap; or stretched, spaces first, then every gap."""
    end = j
    while end > i + 1 and atoms[end - 1].kind == SPACE:
        end -= 1
    line_atoms = atoms[i:end]           # an atom this line adjusts is copied first (`_own`)
    _own(line_atoms, 0).trim_left -= line_atoms[0].adjacent_trim
    width = sum(atom.natural for atom in line_atoms)
    excess = width - measure
    extra_gap = 0.0
    if excess > 1e-9:
        slots = _shrink_slots(line_atoms)
        for _, k, side, amount in slots:
            if excess <= 1e-9:
                break
            take = min(amount, excess)
            atom = _own(line_atoms, k)
            if side == "left":
                atom.trim_left += take
            elif side == "right":
                atom.trim_right += take
            else:
                atom.width -= take
            excess -= take
        gaps = _Sums(line_atoms).line_gaps(0, len(line_atoms))
        if excess > 1e-9 and gaps and not overfull and excess <= tighten * gaps + 1e-9:
            extra_gap = -excess / gaps              # 紧排, the last resort (`_demerits`)
    elif excess < -1e-9 and justify and not last:
        missing = -excess
        for word_space in (True, False):            # word spaces first, then Han–Latin space
            for k, atom in enumerate(line_atoms):
                if atom.kind == SPACE and bool(atom.text) == word_space:
                    add = min(atom.stretch, missing)
                    _own(line_atoms, k).width += add
                    missing -= add
        gaps = _Sums(line_atoms).line_gaps(0, len(line_atoms))
        spaces = [k for k, atom in enumerate(line_atoms) if atom.kind == SPACE]
        if gaps and missing > 1e-9:
            extra_gap = missing / gaps              # finally every gap between characters
        elif spaces and missing > 1e-9:             # no gap (words only): the spaces take it
            for k in spaces:
                _own(line_atoms, k).width += missing / len(spaces)
    glyphs: list[Glyph] = []
    x = 0.0
    previous = SPACE                    # no gap before the first atom
    for atom in line_atoms:             # (the hot loop: `_place` spelt out for one character)
        kind = atom.kind
        letters = 0.0
        if kind not in _BLANKS:
            if previous not in _BLANKS:
                x += extra_gap if kind != PIECE else LATIN_GAP * extra_gap
            if len(atom.text) == 1 and kind != RUN:     # most atoms: one character
                glyphs.append(Glyph(atom.text, (x - atom.trim_left) * size, atom.faces[0]))
            elif kind in _LATIN_KINDS:                  # letter-spaced a little
                letters = LATIN_GAP * extra_gap
                glyphs.extend(_place(atom, x, size, letters))
                letters *= len(atom.text) - 1
            else:
                glyphs.extend(_place(atom, x, size))
        x += atom.width - atom.trim_left - atom.trim_right + letters
        previous = kind
    first = next((atom for atom in atoms[i:j] if atom.kind != INDENT), None)
    return Line(glyphs=tuple(glyphs), width=x * size, size=size, last=last, overfull=overfull,
                start=first.start if first else 0)


def _own(line_atoms: list[Atom], k: int) -> Atom:
    """line_atoms[k], copied first so that adjusting it leaves the paragraph's atom as it was."""
    line_atoms[k] = line_atoms[k].copy()
    return line_atoms[k]


_BLANKS = (SPACE, INDENT)       # atoms that draw nothing, and no gap beside them widens


def _place(atom: Atom, x: float, size: float, letter_gap: float = 0.0) -> tuple[Glyph, ...]:
    if atom.kind in (SPACE, INDENT):
        return ()
    if atom.kind == RUN and atom.text[0] == cc.DASH:
        return _place_dashes(atom, x, size)
    origin = x - atom.trim_left
    if len(atom.text) == 1:                     # most atoms: one character
        return (Glyph(atom.text, origin * size, atom.faces[0]),)
    placed = []
    for char, face, advance in zip(atom.text, atom.faces, atom.advances):
        placed.append(Glyph(char, origin * size, face))
        origin += advance + letter_gap
    return tuple(placed)


def _place_dashes(atom: Atom, x: float, size: float) -> list[Glyph]:
    """Draw each dash stretched so that its ink fills its em and the dashes join into one rule."""
    placed = []
    for n, (char, face) in enumerate(zip(atom.text, atom.faces)):
        ink_left, ink_right = _dash_ink.get(face) or _measure_dash(face)
        scale = 1.0 / (ink_right - ink_left)
        placed.append(Glyph(char, (x + n - ink_left * scale) * size, face, scale))
    return placed


_dash_ink: dict[Face, tuple[float, float]] = {}


def _measure_dash(face: Face) -> tuple[float, float]:
    _dash_ink[face] = ink_extent(face, cc.DASH)
    return _dash_ink[face]


# ------------------------------------------------------------------------------------- API

@dataclass(frozen=True)
class Request:
    """A paragraph to set: what `compose` is given, but the font book."""
    text: str
    measure: float
    size: float
    role: str
    settings: TextSettings
    indent_em: float = 0.0
    justify: bool = True
    faces: tuple[tuple[int, int, str], ...] = ()   # (start, end, role): inline emphasis


def compose(text: str, *, measure: float, size: float, role: str, book: FontBook,
            settings: TextSettings, indent_em: float = 0.0, justify: bool = True) -> list[Line]:
    """Set `text` in lines of `measure` points at `size` points.

    Justified text fills every line but the last exactly; unjustified text (headlines) keeps
    natural spacing. A URL or e-mail address wider than the measure is broken where a URL
    breaks least badly; any other run wider than the measure is set alone on an overfull line.
    The same paragraph set the same way again (a re-render after an edit elsewhere, or the
    next render of an issue) is taken from memory or the on-disk cache.
    """
    return compose_request(Request(text, measure, size, role, settings, indent_em, justify),
                           book)


def compose_request(request: Request, book: FontBook) -> list[Line]:
    """`compose` of a request."""
    key = _memory_key(request, book)
    if key not in _SET:
        _remember(key, request, book, cached("lines", _disk_key(request, book),
                                             lambda: tuple(_compose(request, book))))
    _SET.move_to_end(key)
    lines, substituted = _SET[key]
    for char, face in substituted:  # characters set in a fallback face: reported every render
        book.substitutions[(request.role, char)] = face
    return list(lines)


def paragraphs_ahead(requests: list[Request], book: FontBook) -> list[Ahead]:
    """The paragraphs `compose` will be asked for and has not set before, as work to do ahead
    in other processes (`parallel.work_ahead`), longest first, in small batches so that the
    processes finish together.

    The workers run the same code on the same inputs, so the lines are the ones `compose`
    would make itself; a paragraph they cannot set (a character no font has) is left for
    `compose` to report where it belongs.
    """
    unset = [request for request in dict.fromkeys(requests)
             if _memory_key(request, book) not in _SET]
    keys = [_disk_key(request, book) for request in unset]
    found = lookup_many("lines", keys)
    waiting = []
    for request, key in zip(unset, keys):
        if key in found:
            _remember(_memory_key(request, book), request, book, found[key])
        else:
            waiting.append(request)
    for face in {book.face(request.role) for request in waiting}:
        book.metrics(face)                  # each face opened here, not in every worker
    order = sorted(waiting, key=lambda request: -len(request.text))
    return [Ahead(run=partial(_set_batch, order[n:n + BATCH], book),
                  keep=partial(_remember_batch, book)) for n in range(0, len(order), BATCH)]


BATCH = 16                  # paragraphs taken at a time


def _set_batch(requests: list[Request], book: FontBook) -> list[tuple[Request, bytes]]:
    """(request, its lines as the cache keeps them) of each paragraph of the batch that can
    be set, stored: pickled once, for the disk and for the process the batch goes back to."""
    done = []
    for request in requests:
        try:
            lines = pickled(tuple(_compose(request, book)))
        except BroadsheetError:
            continue
        store_pickled("lines", _disk_key(request, book), lines)
        done.append((request, lines))
    return done


def _remember_batch(book: FontBook, done: list[tuple[Request, bytes]]) -> None:
    for request, lines in done:
        _remember(_memory_key(request, book), request, book, pickle.loads(lines))


def _memory_key(request: Request, book: FontBook) -> tuple:
    return request, book.face(request.role), tuple(book.fallbacks)


def _own_faces(request: Request, book: FontBook) -> tuple[Face, ...]:
    """The faces the request sets its text in: its role's and its inline emphasis roles'."""
    roles = dict.fromkeys((request.role, *(role for _, _, role in request.faces)))
    return tuple(book.face(role) for role in roles)


def _disk_key(request: Request, book: FontBook) -> str:
    faces = (*_own_faces(request, book), *book.fallbacks)
    text = repr((COMPOSER, repr(request), [_face_fingerprint(face) for face in faces]))
    return hashlib.sha1(text.encode()).hexdigest()


def _remember(key: tuple, request: Request, book: FontBook, lines: tuple[Line, ...]) -> None:
    """Keep a paragraph's lines in memory, with the characters a fallback face set."""
    own = _own_faces(request, book)
    substituted = {(glyph.char, glyph.face) for line in lines for glyph in line.glyphs
                   if glyph.face not in own and not glyph.char.isspace()}
    _SET[key] = lines, tuple(sorted(substituted, key=lambda pair: pair[0]))
    if len(_SET) > SET_MEMORY:
        _SET.popitem(last=False)


@lru_cache(maxsize=None)
def _face_fingerprint(face: Face) -> str:
    """The face's font file as the disk cache knows it, read once per process (as the memory
    of set paragraphs assumes: fonts do not change under a running render or `serve`)."""
    return file_key(face.path, face.index, face.vertical)


# Paragraphs kept in memory (a long issue several times over) and, through the font cache, on
# disk — keyed on everything that sets them, this code included, so a change to the composer
# never meets lines it set before.
SET_MEMORY = 50_000
_SET: OrderedDict = OrderedDict()
COMPOSER = hashlib.sha1(b"".join(
    (Path(__file__).parent / name).read_bytes()
    for name in ("compose.py", "charclass.py", "breaks.py", "../fonts.py", "../display.py")
)).hexdigest()


def _compose(request: Request, book: FontBook) -> list[Line]:
    measure = request.measure / request.size        # in em from here on
    atoms = _split_overlong_runs(atomise(request.text, request.role, book, request.settings,
                                         request.indent_em, request.faces), measure,
                                 fitting=request.justify)
    if not atoms:
        return []
    spans = break_lines(atoms, measure, request.settings.line_break, request.justify,
                        request.settings)
    tighten = request.settings.tighten_em if request.justify else 0.0
    return [_set_line(atoms, i, j, measure, request.size, last=(j == len(atoms)),
                      justify=request.justify, overfull=overfull, tighten=tighten)
            for i, j, overfull in spans]


def natural_width(text: str, *, size: float, role: str, book: FontBook,
                  settings: TextSettings) -> float:
    """Width in points of `text` set on one line without justification."""
    atoms = atomise(text, role, book, settings)
    return _span(atoms, 0, len(atoms)).natural * size if atoms else 0.0
