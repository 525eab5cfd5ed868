"""Paragraph composition: a string → justified lines of placed glyphs (clreq rules).

The pipeline, one step each:
    atomise   text → atoms: a character, a mark, an unbreakable run (——, ……, 1164.4, a URL)
    measure   each atom's width in em, its blank halves, the compression it allows
    break     total-fit line breaking over the allowed break points (Knuth–Plass style)
    finalize  distribute each line's shortfall or excess in clreq's order, place the glyphs

one module each (`atoms.py`: atomise and measure, `breaking.py`, `setting.py`: finalize);
this one sets a paragraph through them, remembered in the session (`set_paragraph`).

Everything is in em of the text size until `finalize`, which returns points.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..fonts import Face, FontBook
from ..session import file_key, memoised
from .atoms import Atom, atomise, split_overlong_runs
from .breaking import Sums, break_lines, break_points
from .setting import Line, set_line
from .settings import TextSettings

__all__ = ["Atom", "Line", "Request", "TextSettings", "atomise", "break_lines", "break_points",
           "compose", "compose_request", "natural_width", "set_paragraph"]


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
    next render of an issue) is taken from the session's memory or the disk store.
    """
    return compose_request(Request(text, measure, size, role, settings, indent_em, justify),
                           book)


def compose_request(request: Request, book: FontBook) -> list[Line]:
    """`compose` of a request."""
    lines, substituted = set_paragraph(request, book)
    for char, face in substituted:  # characters set in a fallback face: reported every render
        book.substitutions[(request.role, char)] = face
    return list(lines)


# Paragraphs kept in memory: a long issue several times over.
SET_MEMORY = 50_000
# The composer's code: a change to it never meets lines it set before.
COMPOSER = ("text/", "fonts.py", "display.py")


def _own_faces(request: Request, book: FontBook) -> tuple[Face, ...]:
    """The faces the request sets its text in: its role's and its inline emphasis roles'."""
    roles = dict.fromkeys((request.role, *(role for _, _, role in request.faces)))
    return tuple(book.face(role) for role in roles)


@memoised("font files")
def _face_fingerprint(face: Face) -> str:
    """The face's font file as the disk store knows it, read once per session (as the memory
    of set paragraphs assumes: fonts do not change under a running render or `serve`)."""
    return file_key(face.path, face.index, face.vertical)


def _set_inputs(request: Request, book: FontBook) -> tuple:
    """What sets a paragraph, as the disk store keys it: the request and its font files."""
    faces = (*_own_faces(request, book), *book.fallbacks)
    return repr(request), [_face_fingerprint(face) for face in faces]


def _is_set_paragraph(value) -> bool:
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], tuple)
            and all(isinstance(line, Line) for line in value[0]))


@memoised("lines", key=lambda request, book: (request, book.face(request.role),
                                              tuple(book.fallbacks)),
          disk=_set_inputs, memory=SET_MEMORY, code=COMPOSER, well_formed=_is_set_paragraph)
def set_paragraph(request: Request, book: FontBook) -> tuple[tuple[Line, ...], tuple]:
    """A paragraph's lines, and the (character, face) of each character a fallback face set."""
    lines = tuple(_compose(request, book))
    own = _own_faces(request, book)
    substituted = {(glyph.char, glyph.face) for line in lines for glyph in line.glyphs
                   if glyph.face not in own and not glyph.char.isspace()}
    return lines, tuple(sorted(substituted, key=lambda pair: pair[0]))


def _compose(request: Request, book: FontBook) -> list[Line]:
    measure = request.measure / request.size        # in em from here on
    atoms = split_overlong_runs(atomise(request.text, request.role, book, request.settings,
                                        request.indent_em, request.faces), measure,
                                fitting=request.justify)
    if not atoms:
        return []
    spans = break_lines(atoms, measure, request.settings.line_break, request.justify,
                        request.settings)
    tighten = request.settings.tighten_em if request.justify else 0.0
    return [set_line(atoms, i, j, measure, request.size, last=(j == len(atoms)),
                     justify=request.justify, overfull=overfull, tighten=tighten)
            for i, j, overfull in spans]


def natural_width(text: str, *, size: float, role: str, book: FontBook,
                  settings: TextSettings) -> float:
    """Width in points of `text` set on one line without justification."""
    atoms = atomise(text, role, book, settings)
    return Sums(atoms).line(0, len(atoms))[0] * size if atoms else 0.0
