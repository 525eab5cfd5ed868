"""Checks of a rendered issue's PDF against its articles, for the tests (nothing in the
program calls them): the text is all there, in order, where it belongs; line-breaking rules;
justified lines meet their column edges. They read the PDF through `layout.inspect.pdftext`.

* `check_text_present(issue, lines)`: every article's body text, in order, in the body
  lines; its headline, kicker, deck, byline, subheads and captions in lines of their type size;
  every Han character of the issue's articles at least as often as the articles have it.
* `check_line_breaks(lines, body_size)`: clreq / GB/T 15834 line-start and line-end
  prohibitions on every body-size line, and no `——`/`……`, number, Latin word or URL split
  between two lines that follow each other in one paragraph.
* `check_justification(lines, measure_pt)`: every body line that a line of the same paragraph
  follows starts at its column's left edge and ends flush at its right edge, measured with the
  font's widths from the PDF.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

from layout.read import markup
from layout.inspect.pdftext import (EDGE_TOLERANCE, PdfLine, body_flow, common_size, ends_badly,
                                    ends_flush, main_font, same, starts_badly, stretch_of, where)
from layout.model import Issue, ListBlock, Paragraph, Photo, Quote, Sidebar, Subhead, Table
from layout.text import breaks, charclass as cc


def _strip(text: str) -> str:
    return "".join(text.split())


# ------------------------------------------------------------------------------ text present

def _article_texts(article):
    """The texts set as body lines in order (the dateline's lead on the first paragraph, list
    items with their markers, a sidebar's paragraphs), subheads and photos."""
    paragraphs = []
    for block in article.blocks:
        if isinstance(block, Paragraph):
            paragraphs.append("".join(markup.dateline_lead(article)) * (not paragraphs)
                              + block.text)
        elif isinstance(block, ListBlock):
            paragraphs += [item.marker + item.text for item in block.items]
        elif isinstance(block, Sidebar):
            paragraphs += [inner.text if isinstance(inner, Paragraph) else item.marker + item.text
                           for inner in block.blocks
                           for item in (inner.items if isinstance(inner, ListBlock) else [inner])]
    subheads = [block.text for block in article.blocks if isinstance(block, Subhead)]
    photos = [block for block in article.blocks if isinstance(block, Photo)]
    return paragraphs, subheads, photos


def _emphasised(issue: Issue) -> list[str]:
    """The texts set in an emphasis face inside body lines (**…**, *…*, the dateline's lead):
    a body line may mix them in, and one may be set wholly in one."""
    emphasised = [_strip(block.text[start:end]) for page in issue.pages
                  for module in page.modules for block in module.article.blocks
                  if isinstance(block, Paragraph) for start, end, _ in block.emphasis]
    return emphasised + [_strip("".join(markup.dateline_lead(module.article)))
                         for page in issue.pages for module in page.modules]


def _block_texts(article) -> list[str]:
    """The words of the article's blocks not set as body lines (issue 15): the 编者按, the
    source line, pull quotes and table cells (sidebars and lists are body lines)."""
    texts = [article.origin, article.editor_note]
    for block in article.blocks:
        if isinstance(block, Quote):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts += [cell for row in (block.header, *block.rows) for cell in row]
        elif isinstance(block, Sidebar):
            texts.append(block.title)
    return texts


def _sized_stream(lines: list[PdfLine], low: float, high: float) -> str:
    return "".join(_strip(line.text) for line in lines if low - 0.01 <= line.size <= high + 0.01)


def _first_difference(expected: str, stream: str) -> tuple[int, int]:
    """Length of the longest prefix of `expected` found in `stream`, and where it was found."""
    low, high = 0, len(expected)
    while low < high:
        middle = (low + high + 1) // 2
        if expected[:middle] in stream:
            low = middle
        else:
            high = middle - 1
    return low, stream.find(expected[:low]) if low else -1


def check_text_present(issue: Issue, lines: list[PdfLine], body_size: float | None = None,
                       type_sizes: dict[str, tuple[float, float]] | None = None) -> list[str]:
    """Is every article's text in the PDF, where it belongs?

    Body: the article's paragraphs, whitespace removed, joined in order, must occur as one
    unbroken piece in the text of all body lines joined in drawing order — or, for a story
    that jumps, be made of body lines in drawing order with other stories' lines between; the
    first position where it does not is reported with context from both sides. Headline, kicker,
    deck, byline, subheads, captions and credits must each occur in the joined text of the
    lines set at their type's size (so a headline repeated in the masthead's 报眼 does not
    count). Han characters: every article's, counted together, must occur in the PDF at least
    as often. `body_size` and `type_sizes` (kind → smallest and largest size) default to the
    issue's style.

    Body lines are the lines at the body size in the body face (the face most characters at
    that size are set in): a subhead too long for its size is set as small as the body (in
    the sample, 奋发有为 苦干实干抓落实 is 9 pt 黑体), and a caption is 9 pt 楷体; neither is
    part of the running text. They are checked with the other elements instead.
    """
    if body_size is None or type_sizes is None:
        from layout.style import load_style
        style = load_style(issue.style, Path(issue.source))
        body_size = body_size if body_size is not None else style.body_size
        if type_sizes is None:
            type_sizes = {key: (spec.min_size or spec.size, spec.size)
                          for key, spec in style.type.items()}
    problems: list[str] = []
    body_font = main_font(lines, body_size)
    emphasised = _emphasised(issue)
    body_lines = [_strip(line.text) for line in lines
                  if same(line.size, body_size) and (
                      line.font == body_font or body_font in line.fonts
                      or any(_strip(line.text) in span for span in emphasised))]
    body = "".join(body_lines)
    everything = "".join(_strip(line.text) for line in lines)
    wanted_han: Counter = Counter()
    for page in issue.pages:
        for module in (m for m in page.modules if not m.continues):   # a story once
            article = module.article
            name = Path(article.source).name
            paragraphs, subheads, photos = _article_texts(article)
            expected = "".join(_strip(text) for text in paragraphs)
            if expected and expected not in body and not _in_order(expected, body_lines):
                found, at = _first_difference(expected, body)
                # which paragraph and offset the first difference is in
                offset, index = found, 0
                for index, text in enumerate(paragraphs):
                    length = len(_strip(text))
                    if offset < length:
                        break
                    offset -= length
                got = body[at + found: at + found + 20] if at >= 0 else ""
                problems.append(
                    f"{name}: body text missing or different from paragraph {index + 1}, "
                    f"character {offset + 1}: expected …{expected[max(0, found - 15):found]}"
                    f"[{expected[found:found + 20]}]…, the PDF has "
                    f"…{body[max(0, at + found - 15):at + found] if at >= 0 else ''}"
                    f"[{got}]…")
            elements = [("kicker", article.kicker), ("headline", article.headline),
                        ("deck", article.deck),     # after a dateline the byline runs in:
                        ("byline", "" if article.dateline else article.byline)]
            elements += [("subhead", text) for text in subheads]
            for photo in photos:
                elements += [("caption", photo.caption), ("caption", photo.credit)]
            for kind, text in elements:
                text = _strip(text)
                if not text:
                    continue
                low, high = type_sizes.get(kind, (0.0, math.inf))
                if text not in _sized_stream(lines, low, high):
                    size = f"{low:g} pt" if low == high else f"{low:g}–{high:g} pt"
                    problems.append(f"{name}: {kind} {text!r} not found in the {size} lines")
            for text in [article.kicker, article.headline, article.deck,
                         "" if article.dateline else markup.credit(article),
                         *paragraphs, *subheads,
                         *(p.caption + p.credit for p in photos), *_block_texts(article)]:
                wanted_han.update(c for c in text if cc.is_han(c))
    have_han = Counter(c for c in everything if cc.is_han(c))
    short = {c: (n, have_han[c]) for c, n in wanted_han.items() if have_han[c] < n}
    if short:
        listed = "、".join(f"{c}×{n} (PDF {m})" for c, (n, m) in sorted(short.items())[:20])
        problems.append(f"{len(short)} Han characters occur fewer times in the PDF than in the "
                        f"articles: {listed}")
    return problems


def _in_order(expected: str, body_lines: list[str]) -> bool:
    """Is `expected` made of body lines taken in drawing order, others between them?

    A story that jumps (转版) has other stories drawn between its parts; its lines still
    come in order, each continuing exactly where the last left off."""
    at = 0
    for text in body_lines:
        if text and expected.startswith(text, at):
            at += len(text)
            if at == len(expected):
                return True
    return False


def check_line_breaks(lines: list[PdfLine], body_size: float, pitch: float | None = None
                      ) -> list[str]:
    """Line-breaking rules on the body-size lines, read from the PDF.

    Each line: it does not start with a character that may never start a line (clreq basic:
    closing marks, pauses, stops, ·, dashes, ASCII ,.;:?!)]}% …), except a two-em dash or
    ellipsis run (`——`, `……`, allowed at GB level); it does not end with one that may never
    end a line (opening marks, and at GB level a solidus).
    Each pair of lines that follow each other in one paragraph (see the module doc; a
    column break counts): no `——`/`……` split between them, no number split (a digit at the
    end and a digit, `.`, `%` or `‰` at the start), no currency sign parted from its number,
    no Latin word, number or URL split (a letter, digit or `.` — or a joiner `-/@_:` after
    one — at the end and a letter or digit at the start) but where the composer may break one
    (`text.breaks`: a URL at its break points, a word after a hyphen between two letters).
    `pitch` (grid line distance) defaults to the most common distance between successive
    lines of a column.
    """
    problems: list[str] = []
    flow = body_flow(lines, body_size, pitch, main_font(lines, body_size))
    for line in lines:
        if not same(line.size, body_size):
            continue
        text = line.text.rstrip()
        if not text:
            continue
        if starts_badly(text):
            problems.append(f"{where(line)}: line starts with {text[0]!r}: {text}")
        if ends_badly(text):
            problems.append(f"{where(line)}: line ends with {text[-1]!r}: {text}")
    word = re.compile(r"[A-Za-z0-9]")
    for a, b in flow.pairs:
        end, start = a.text.rstrip(), b.text.lstrip()
        if not end or not start:
            continue
        pair = f"{where(a)}: {end[-6:]!r} | {start[:6]!r}"
        if end[-1] == cc.DASH and start[0] == cc.DASH:
            problems.append(f"{pair}: two-em dash split between lines")
        elif end[-1] in cc.ELLIPSES and start[0] in cc.ELLIPSES:
            problems.append(f"{pair}: ellipsis split between lines")
        elif end[-1].isdigit() and (start[0].isdigit() or start[0] in ".%‰℃℉"):
            problems.append(f"{pair}: number split between lines")
        elif end[-1] in cc.CURRENCY_PREFIXES and start[0].isdigit():
            problems.append(f"{pair}: currency sign split from its number")
        elif _breaks_a_run(end, start, word):
            problems.append(f"{pair}: Latin word, number or URL split between lines")
    return problems


def _breaks_a_run(end: str, start: str, word: re.Pattern) -> bool:
    """Whether a line ending in `end` and the next starting with `start` split a Latin word,
    number or URL other than where one may break (`text.breaks`: a URL at its break points,
    a word after a hyphen between two letters)."""
    if not word.fullmatch(start[0]):
        return False
    if not (word.fullmatch(end[-1]) or end[-1] == "." or (
            len(end) > 1 and end[-1] in "-/@_:" and word.fullmatch(end[-2]))):
        return False
    head = len(end)
    while head > 0 and (cc.is_latin_word_char(end[head - 1]) or end[head - 1] in cc.LATIN_JOINERS):
        head -= 1
    tail = 0
    while tail < len(start) and (cc.is_latin_word_char(start[tail])
                                 or start[tail] in cc.LATIN_JOINERS):
        tail += 1
    run = end[head:] + start[:tail]
    return len(end) - head not in breaks.run_breaks(run, overlong=breaks.is_address(run))


def check_justification(lines: list[PdfLine], measure_pt: float, body_size: float | None = None,
                        pitch: float | None = None, indent_em: float = 2.0) -> list[str]:
    """Justified body lines meet both column edges, measured in the PDF.

    Body lines: the most common size and, among those, the most common font (captions share
    the body size but are set ragged in another face). Every body line that another line of
    the same paragraph follows (so: not a paragraph's last line) must start at its column's
    left edge and end at the right edge (left edge + `measure_pt`), within 0.05 pt. The right
    end is the last glyph's origin plus its advance from the font's /Widths, times the
    horizontal scale. Allowed slack, both as GB/T 15834 and clreq describe the line ends: a
    full-width mark whose blank half lies at the line end may protrude by that half (the half
    is dropped, or not needed); an opening mark at the line start may start left of the edge by
    its blank half; a horizontally stretched glyph (a two-em dash drawn to join up) may protrude
    by what the stretching adds to its advance, as the font's outlines are not read here.
    Paragraph ends come from the indentation of the next line (module doc), so a paragraph
    that ends on a full line is never flagged, and a short line followed by an indented
    one counts as a paragraph end.
    """
    if body_size is None:
        body_size = common_size(lines)
    flow = body_flow(lines, body_size, pitch, main_font(lines, body_size))
    problems = []
    for line in flow.lines:
        if not flow.continues.get(id(line)) or not line.glyphs:
            continue
        left = flow.left[id(line)]
        right = left + measure_pt
        first, last = line.glyphs[0], line.glyphs[-1]
        start = left + (indent_em * body_size if flow.indented(line) else 0.0)
        lead = cc.blank_halves(first.char)[0] * body_size if first.char in cc.OPENING else 0.0
        if not (start - lead - EDGE_TOLERANCE <= first.x + stretch_of(first)
                and first.x <= start + EDGE_TOLERANCE):
            problems.append(f"{where(line)}: justified line starts at {first.x:.2f}, "
                            f"it should at {start:.2f}: {line.text}")
        end = last.x + last.width
        if not ends_flush(line, right, body_size):
            problems.append(f"{where(line)}: justified line ends at {end:.2f}, its column's "
                            f"right edge is {right:.2f} ({end - right:+.2f} pt): {line.text}")
    return problems
