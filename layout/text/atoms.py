"""Atomising: a paragraph's text → atoms (a character, a mark, an unbreakable run such as
——, ……, 1164.4 or a URL), each measured in em of the text size: its width, its blank halves
and the compression clreq allows it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..fonts import Face, FontBook
from ..session import memoised
from . import charclass as cc
from .breaks import PIECE, run_breaks
from .settings import TextSettings

# Atom kinds.
HAN, OPEN, CLOSE, MARK, DOT, RUN, LATIN, SPACE, INDENT = (
    "han", "open", "close", "mark", "dot", "run", "latin", "space", "indent")
BLANKS = (SPACE, INDENT)        # atoms that draw nothing, and no gap beside them widens
LATIN_KINDS = (LATIN, PIECE)
# Justification letter-spaces a Latin run a little: a gap between its letters or digits takes
# this share of what a gap between Han characters takes (none inside ——, …… or a mark).
LATIN_GAP = 0.5
WORD_SPACE_EM = TextSettings().space_em     # a typed space between two Latin words


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
        # Characters atomised alone whatever their context, seen before: an atom made from
        # their remembered fields, at its offset (`_Measurer.remember_alone`).
        alone = measurer.measured.alone if measurer else {}
        i = start
        while i < end:
            fields = alone.get(segment[i])
            if fields is not None:
                atom = Atom(*fields, i)     # new: atoms are adjusted in place later
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
        # Characters atomised alone whatever their context: their atoms' fields but `start`.
        self.alone: dict[str, tuple] = {}


@memoised("measured characters")
def _measured(face: Face, fallbacks: tuple[Face, ...]) -> _Measured:
    """What the session measured of characters set in `face`: measured once, for a face's
    characters never change, and `face_for` plus the metrics look-up cost more than all the
    rest of atomising."""
    return _Measured()


class _Measurer:
    """Faces and advances of the characters of one role in one book, from `_measured`.
    (Fallbacks are reported by `compose`, from the lines it returns, not here.)"""

    def __init__(self, book: FontBook, role: str):
        self.book, self.role = book, role
        self.measured = _measured(book.face(role), tuple(book.fallbacks))

    def glyph(self, char: str) -> tuple[Face, float]:
        """The face that sets `char` and its advance in em (`book.face_for`, remembered)."""
        glyph = self.measured.glyphs.get(char)
        if glyph is None:
            face = self.book.face_for(self.role, char)
            glyph = self.measured.glyphs[char] = (face, self.book.metrics(face).advance(char))
        return glyph

    def remember_alone(self, atom: Atom) -> None:
        """Remember a new atom of a character atomised alone, as yet unadjusted."""
        self.measured.alone[atom.text] = (
            atom.text, atom.kind, atom.width, atom.blank_left, atom.blank_right,
            atom.trim_left, atom.trim_right, atom.adjacent_trim, atom.stretch, atom.shrink,
            atom.faces, atom.advances)


def _next_atom(text: str, i: int, measurer: _Measurer, settings: TextSettings
               ) -> tuple[Atom, int]:
    """The atom that starts at text[i], and where the next one starts."""
    char = text[i]
    if char.isspace():
        j = i
        while j < len(text) and text[j].isspace():
            j += 1
        width = settings.space_em
        if (0 < i and j < len(text) and not text[i:j].strip(" ")
                and not cc.is_cjk(text[i - 1]) and not cc.is_cjk(text[j])):
            # typed between Latin words (Jacob W. Frank) a word space, even where a title
            # sets its phrases' space one em wide (an ideographic space stays what it is)
            width = min(width, WORD_SPACE_EM)
        return Atom(" ", SPACE, width, stretch=width, shrink=width / 4), j
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
        spare_right = a.blank_right - a.trim_right      # (`spare_right`, spelt out: per atom)
        if (spare_right > 0 or a.kind == OPEN) and b.blank_left - b.trim_left > 0:  # ，“ 。（ “《
            b.adjacent_trim = b.blank_left - b.trim_left
            b.trim_left = b.blank_left
        elif spare_right > 0 and b.kind in (CLOSE, MARK):  # 。”  ”，  ）。 (never split)
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


def split_overlong_runs(atoms: list[Atom], measure: float, fitting: bool = False
                        ) -> list[Atom]:
    """Cut Latin runs into pieces that may break between them (`breaks.run_breaks`): a run
    wider than the line — and a URL or e-mail address that fits only without the mark after
    it, which may not start a line (http://weibo.com/n968111；) — and, when `fitting` (justified
    text), the URLs, e-mail addresses and hyphenated words that fit. A run with no place to
    break stays whole: the page reports it as too wide when it is.
    """
    out: list[Atom] = []
    for n, atom in enumerate(atoms):
        if atom.kind != LATIN:
            out.append(atom)
            continue
        following = atoms[n + 1] if n + 1 < len(atoms) else None
        width = atom.width
        if following and following.text[:1] in cc.NO_START_BASIC and set("/@") & set(atom.text):
            width += following.natural - following.spare_right      # a URL and its ；
        overlong = width > measure + 1e-9
        if not (overlong or fitting):
            out.append(atom)
            continue
        ends = [*run_breaks(atom.text, overlong), len(atom.text)]
        if len(ends) == 1:
            out.append(atom)            # no place to break: the run as it is
            continue
        for start, end in zip([0, *ends], ends):
            out.append(_piece(atom, start, end))
    return out


def _piece(atom: Atom, start: int, end: int) -> Atom:
    advances = atom.advances[start:end]
    return Atom(atom.text[start:end], PIECE if start else LATIN, sum(advances),
                faces=atom.faces[start:end], advances=advances, start=atom.start + start)
