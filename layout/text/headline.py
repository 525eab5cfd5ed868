"""Headline setting: a title sized and broken to fit its module's width.

Newspaper headlines are not justified paragraphs: they take the largest size the style allows
that fits, keep their phrases (the typed spaces of 「锚定目标 实干笃行」) whole, and when they
must wrap, wrap into lines of even length rather than a full line and a stub.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import BroadsheetError
from ..fonts import FontBook
from ..display import Glyph
from ..session import memoised
from .compose import Line, TextSettings, natural_width
from .titles import TitleText, phrases as phrases_of, set_title

# A one-line headline smaller than this share of the style's size reads as shrunk to fit:
# setting its phrases on lines of their own at a larger size is better.
ONE_LINE_FLOOR = 0.8
# A title wrapped large keeps its phrases on lines of their own if that costs it no more than
# this share of the size breaking between words would give.
PHRASE_FLOOR = 0.9
SIZE_STEP = 0.5     # points
MOST_PHRASES = 8    # a title split by more typed spaces is not grouped by phrases (words
                    # spaced apart, not phrases: their groupings would be many)


def set_ragged(text: str, *, width: float, size: float, role: str, book: FontBook,
               settings: TextSettings, words: tuple[str, ...] = (), names: bool = False,
               keep: tuple[tuple[int, int], ...] = (), whole_phrases: bool = False
               ) -> list[Line]:
    """Title-like text (headlines, bylines, captions, furniture): lines not justified, and a
    typed space — between the phrases of 「锚定目标 实干笃行」 — one em wide. Wrapped lines
    break between words into lines of even length (`titles`); `names` (a byline) breaks at
    its spaces only, `keep` spans (a credit) stay whole, `whole_phrases` keeps a line from
    holding part of a phrase beside another (`titles.TitleText`); `words` extend the
    dictionary.
    Remembered in the session's memory (a character set in a fallback face is reported to
    `book` every time, as `compose` does)."""
    lines, substituted = _ragged(text, width, size, role, book, settings, tuple(words), names,
                                 tuple(keep), whole_phrases)
    _report(book, role, substituted)
    return list(lines)


# Headlines and other titles kept in memory: the make-up composes each story's module at many
# trial heights, its title block, byline and photo captions the same each time.
HEADLINE_MEMORY = 5_000


@memoised("ragged titles", key=lambda text, width, size, role, book, settings, words, names,
          keep, whole_phrases: (text, width, size, role, book.face(role),
                                tuple(book.fallbacks), settings, words, names, keep,
                                whole_phrases), memory=HEADLINE_MEMORY)
def _ragged(text: str, width: float, size: float, role: str, book: FontBook,
            settings: TextSettings, words: tuple[str, ...], names: bool,
            keep: tuple[tuple[int, int], ...], whole_phrases: bool
            ) -> tuple[tuple[Line, ...], tuple]:
    """`set_ragged`'s lines and the (character, face) of each character a fallback face set."""
    lines = set_title(TitleText(text, names=names, keep=keep, whole_phrases=whole_phrases),
                      width=width, size=size, role=role, book=book,
                      settings=replace(settings, space_em=1.0), words=words)
    return tuple(lines), _substituted(lines, book.face(role))


def _substituted(lines, own) -> tuple:
    """The (character, face) of each character of `lines` set in a face other than `own`, in
    the order they come."""
    return tuple(dict.fromkeys((glyph.char, glyph.face) for line in lines
                               for glyph in line.glyphs
                               if glyph.face != own and not glyph.char.isspace()))


def _report(book: FontBook, role: str, substituted: tuple) -> None:
    for char, face in substituted:
        book.substitutions[(role, char)] = face


def set_headline(text: str, *, width: float, size: float, min_size: float, role: str,
                 book: FontBook, settings: TextSettings, words: tuple[str, ...] = (),
                 most_lines: int | None = None) -> tuple[list[Line], float]:
    """Lines and the size they are set at, for `text` in `width` points (remembered in the
    session's memory; a character set in a fallback face is reported to `book` every time,
    as `compose` does). `most_lines`: the largest size that breaks the title into at most
    that many lines (a lead's title wrapped large, not shrunk onto one line)."""
    lines, at, substituted = _headline(text, width, size, min_size, role, book, settings,
                                       tuple(words), most_lines)
    _report(book, role, substituted)
    return list(lines), at


@memoised("headlines", key=lambda text, width, size, min_size, role, book, settings, words,
          most_lines: (text, width, size, min_size, role, book.face(role),
                       tuple(book.fallbacks), settings, words, most_lines),
          memory=HEADLINE_MEMORY)
def _headline(text: str, width: float, size: float, min_size: float, role: str,
              book: FontBook, settings: TextSettings, words: tuple[str, ...],
              most_lines: int | None) -> tuple[tuple[Line, ...], float, tuple]:
    """The headline's lines, their size, and the (character, face) of each character a
    fallback face set, in the order they come (found once, as `set_paragraph` does)."""
    found = None
    if most_lines is not None:
        found = _wrapped(text, width, size, min_size, role, book, settings, words, most_lines)
    lines, at = found or _fit(text, width, size, min_size, role, book, settings, words)
    return lines, at, _substituted(lines, book.face(role))


def _sizes(size: float, min_size: float):
    """The sizes a title may take, from `size` down to `min_size` in SIZE_STEPs."""
    at = size
    while at >= min_size - 1e-9:
        yield at
        at -= SIZE_STEP


def _largest(parts: list[str], width: float, size: float, min_size: float, role: str,
             book: FontBook, settings: TextSettings) -> float | None:
    """The largest size at which each of `parts` fits `width` on one line, if any."""
    ems = [natural_width(part, size=1.0, role=role, book=book, settings=settings)
           for part in parts]              # measured once: a width in em scales with the size
    return _size_for(max(ems), width, size, min_size)


def _size_for(em: float, width: float, size: float, min_size: float) -> float | None:
    """The largest size from `size` down to `min_size` at which `em` em fit `width` points."""
    return next((at for at in _sizes(size, min_size) if em * at <= width + 1e-6), None)


def _phrase_lines(text: str, width: float, size: float, min_size: float, role: str,
                  book: FontBook, settings: TextSettings, most_lines: int | None = None
                  ) -> tuple[list[str], float | None]:
    """The title's phrases (`titles.phrases`) on lines of their own, at most `most_lines` of
    them, and the largest size at which each fits its line (None: the title has one phrase,
    more than `most_lines`, or one too long even at `min_size`). Where one phrase a line
    leaves a stub — a line under a third as long as the longest (猪肉价格下降 / 市民 /
    “菜篮子”变“轻”了) — the phrases are grouped into fewer lines with none, at the largest
    size that allows (猪肉价格下降 市民 / “菜篮子”变“轻”了)."""
    phrases = phrases_of(text)
    most = most_lines or len(phrases)
    if len(phrases) < 2:
        return phrases, None
    ems: dict[str, float] = {}

    def fitted(lines: list[str]) -> tuple[float | None, bool]:
        """The largest size each line fits at, and whether a line is a stub."""
        for line in lines:              # measured once: a width in em scales with the size
            if line not in ems:
                ems[line] = natural_width(line, size=1.0, role=role, book=book,
                                          settings=settings)
        widths = [ems[line] for line in lines]
        return _size_for(max(widths), width, size, min_size), min(widths) < max(widths) / 3

    at, stub = fitted(phrases)
    one_a_line = (phrases, at if len(phrases) <= most else None)
    if not stub or not 3 <= len(phrases) <= MOST_PHRASES:
        return one_a_line
    grouped = [(lines, found) for lines in _groupings(phrases) if len(lines) <= most
               for found, stubbed in [fitted(lines)] if found is not None and not stubbed]
    if not grouped:
        return one_a_line
    # the largest size, then the fewest lines, then the most even (at a size capped alike)
    return max(grouped, key=lambda pair: (pair[1], -len(pair[0]),
                                          -max(ems[line] for line in pair[0])))


def _groupings(phrases: list[str]):
    """Every way to set `phrases` in order on two lines or more, fewer than one a line, each
    line whole phrases."""
    count = len(phrases)
    for cuts in range(1, 2 ** (count - 1) - 1):         # not every gap a break: one a line
        ends = [n + 1 for n in range(count - 1) if cuts >> n & 1]
        starts = [0, *ends]
        yield [" ".join(phrases[a:b]) for a, b in zip(starts, [*ends, count])]


def _lines_of(parts: list[str], at: float, width: float, role: str, book: FontBook,
              settings: TextSettings) -> tuple[Line, ...]:
    """Each of `parts` on a line of its own at `at` points."""
    return tuple(set_ragged(part, width=width, size=at, role=role, book=book,
                            settings=settings)[0] for part in parts)


def _wrapped(text: str, width: float, size: float, min_size: float, role: str,
             book: FontBook, settings: TextSettings, words: tuple[str, ...], most_lines: int
             ) -> tuple[tuple[Line, ...], float] | None:
    """The title at the largest size from `size` down to `min_size` that breaks into at most
    `most_lines` lines, or None if even `min_size` takes more. Its phrases go on lines of
    their own where they are that many, at a size not under PHRASE_FLOOR of the size
    breaking between words would give (强降雨来袭 / 各地各部门积极应对, not 强降雨来袭 各地 /
    各部门积极应对)."""
    settings = replace(settings, space_em=1.0)
    phrases, phrase_size = _phrase_lines(text, width, size, min_size, role, book, settings,
                                         most_lines)
    by_phrase = phrase_size is not None and phrase_size >= PHRASE_FLOOR * size
    whole = natural_width(text, size=1.0, role=role, book=book, settings=settings)
    wrapped = None
    for at in _sizes(size, min_size) if not by_phrase else ():
        if whole * at > most_lines * width + 1e-6:
            continue                    # wider than its lines together can hold
        lines = set_ragged(text, width=width, size=at, role=role, book=book,
                           settings=settings, words=words)
        if len(lines) <= most_lines:
            wrapped = tuple(lines), at
            break
    if phrase_size is not None and (wrapped is None
                                    or phrase_size >= PHRASE_FLOOR * wrapped[1]):
        return _lines_of(phrases, phrase_size, width, role, book, settings), phrase_size
    return wrapped


def _fit(text: str, width: float, size: float, min_size: float, role: str, book: FontBook,
         settings: TextSettings, words: tuple[str, ...]) -> tuple[tuple[Line, ...], float]:
    settings = replace(settings, space_em=1.0)         # a typed space in a title is one em
    one_line = _largest([text], width, size, min_size, role, book, settings)
    if one_line is not None and one_line >= ONE_LINE_FLOOR * size:
        return _lines_of([text], one_line, width, role, book, settings), one_line
    phrases, phrase_size = _phrase_lines(text, width, size, min_size, role, book, settings)
    if one_line is not None and (phrase_size is None or phrase_size <= one_line):
        return _lines_of([text], one_line, width, role, book, settings), one_line
    if phrase_size is not None:
        return _lines_of(phrases, phrase_size, width, role, book, settings), phrase_size
    # Wrapped between words into as few lines as the width needs, each about the same length,
    # no line holding part of a phrase beside another (the size is the smallest already: the
    # only cost is a line more)
    return tuple(set_ragged(text, width=width, size=min_size, role=role, book=book,
                            settings=settings, words=words, whole_phrases=True)), min_size


def set_vertical(text: str, *, height: float, size: float, min_size: float, role: str,
                 book: FontBook) -> tuple[Line, float]:
    """A 竖排 title: one column of characters top to bottom, at the largest size that fits
    `height` points, in the font's vertical forms (`vert`: ，。「」（）—— turn and move).

    Han characters stand upright on a 1-em pitch; a typed space is one em; proportional
    characters (digits, Latin) are centred in the column. Glyph `y` is the offset of each
    character's baseline below the first one's.
    """
    text = " ".join(text.split())
    at = size
    while at > min_size and len(text) * at > height + 1e-6:
        at -= SIZE_STEP
    if len(text) * at > height + 1e-6:
        raise BroadsheetError(
            f"the vertical headline {text!r} needs {len(text) * min_size:.0f} pt, the module "
            f"is {height:.0f} pt tall", field="headline",
            fix="make the module taller, shorten the headline, or set it horizontally")
    glyphs = []
    for n, char in enumerate(text):
        if char == " ":
            continue
        face = book.face_for(role, char).set_vertical()
        advance = book.metrics(face).advance(char)
        glyphs.append(Glyph(char, (1 - advance) / 2 * at, face, y=n * at))
    return Line(glyphs=tuple(glyphs), width=at, size=at, last=True), at
