"""Setting a line: its atoms' shortfall or excess distributed in clreq's order, its glyphs
placed (em → points).
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass

from ..display import Glyph
from ..fonts import ink_extent
from . import charclass as cc
from .atoms import (BLANKS, CLOSE, DOT, INDENT, LATIN_GAP, LATIN_KINDS, OPEN, PIECE, RUN,
                    SPACE, Atom)
from .breaking import line_gaps

# Shrink priorities, clreq's reduction order (lower is used first). In 全角式 the marks inside
# a line keep their full width: spaces and line-end / line-start blanks go first, the marks in
# mid-line only as a last resort (issue 16), each kind in clreq's order.
SHRINK_LINE_END, SHRINK_WORD_SPACE, SHRINK_HAN_LATIN, SHRINK_DOT, SHRINK_BRACKET, \
    SHRINK_PAUSE, SHRINK_STOP = range(7)


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


def set_line(atoms: list[Atom], i: int, j: int, measure: float, size: float, last: bool,
             justify: bool, overfull: bool, tighten: float = 0.0) -> Line:
    """The line atoms[i:j] placed: shrunk in clreq's order, then (`tighten`, justified text)
    set tighter by up to that much a gap; or stretched, spaces first, then every gap."""
    end = j
    while end > i + 1 and atoms[end - 1].kind == SPACE:
        end -= 1
    line_atoms = atoms[i:end]           # an atom this line adjusts is copied first (`_own`)
    if line_atoms[0].adjacent_trim:
        _own(line_atoms, 0).trim_left -= line_atoms[0].adjacent_trim
    width = sum([atom.width - atom.trim_left - atom.trim_right for atom in line_atoms])
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
        if excess > 1e-9 and tighten and not overfull:
            gaps = line_gaps(line_atoms)
            if gaps and excess <= tighten * gaps + 1e-9:
                extra_gap = -excess / gaps          # 紧排, the last resort (`_demerits`)
    elif excess < -1e-9 and justify and not last:
        missing = -excess
        spaces = [k for k, atom in enumerate(line_atoms) if atom.kind == SPACE]
        for word_space in (True, False):            # word spaces first, then Han–Latin space
            for k in spaces:
                atom = line_atoms[k]
                if bool(atom.text) == word_space:
                    add = min(atom.stretch, missing)
                    _own(line_atoms, k).width += add
                    missing -= add
        gaps = line_gaps(line_atoms)
        if gaps and missing > 1e-9:
            extra_gap = missing / gaps              # finally every gap between characters
        elif spaces and missing > 1e-9:             # no gap (words only): the spaces take it
            for k in spaces:
                _own(line_atoms, k).width += missing / len(spaces)
    glyphs: list[Glyph] = []
    x = 0.0
    previous = SPACE                    # no gap before the first atom
    for atom in line_atoms:             # (the hot loop)
        kind = atom.kind
        letters = 0.0
        if kind not in BLANKS:
            if previous not in BLANKS and extra_gap:
                x += extra_gap if kind != PIECE else LATIN_GAP * extra_gap
            if len(atom.text) == 1 and kind != RUN:     # most atoms: one character
                glyphs.append(Glyph(atom.text, (x - atom.trim_left) * size, atom.faces[0]))
            elif kind in LATIN_KINDS:                   # letter-spaced a little
                letters = LATIN_GAP * extra_gap
                glyphs.extend(_place_run(atom, x, size, letters))
                letters *= len(atom.text) - 1
            else:
                glyphs.extend(_place_run(atom, x, size))
        x += atom.width - atom.trim_left - atom.trim_right + letters
        previous = kind
    start = next((atoms[k].start for k in range(i, j) if atoms[k].kind != INDENT), 0)
    return Line(glyphs=tuple(glyphs), width=x * size, size=size, last=last, overfull=overfull,
                start=start)


def _own(line_atoms: list[Atom], k: int) -> Atom:
    """line_atoms[k], copied first so that adjusting it leaves the paragraph's atom as it was."""
    line_atoms[k] = line_atoms[k].copy()
    return line_atoms[k]


def _place_run(atom: Atom, x: float, size: float, letter_gap: float = 0.0) -> list[Glyph]:
    """The glyphs of a run or word at `x`, `letter_gap` em apart beyond their advances (a
    single character is placed by `set_line`)."""
    if atom.kind == RUN and atom.text[0] == cc.DASH:
        return _place_dashes(atom, x, size)
    origin = x - atom.trim_left
    placed = []
    for char, face, advance in zip(atom.text, atom.faces, atom.advances):
        placed.append(Glyph(char, origin * size, face))
        origin += advance + letter_gap
    return placed


def _place_dashes(atom: Atom, x: float, size: float) -> list[Glyph]:
    """Draw each dash stretched so that its ink fills its em and the dashes join into one rule."""
    placed = []
    for n, (char, face) in enumerate(zip(atom.text, atom.faces)):
        ink_left, ink_right = ink_extent(face, cc.DASH)
        scale = 1.0 / (ink_right - ink_left)
        placed.append(Glyph(char, (x + n - ink_left * scale) * size, face, scale))
    return placed
