"""Checks that read the finished PDF itself, not the composer's data.

`extract_lines` interprets each page's content stream with pypdf: it follows the graphics state
(q/Q/cm, Form XObjects) and the text state (Tf, Tc, Tw, Tz, Ts, TL, Tm, Td, TD, T*), decodes every
shown string through the font's own ToUnicode map, and advances the text matrix by the font's
own /Widths (/W for Type0 fonts), as a viewer does. So what the checks see is what a reader
copying text out of the PDF gets, at the positions a viewer draws it.

The checks, each returning human-readable problems (an empty list means clean):

* `check_text_present(issue, lines)`: every article's body text, in order, in the body
  lines; its headline, kicker, deck, byline, subheads and captions in lines of their type size;
  every Han character of the issue's articles at least as often as the articles have it.
* `check_line_breaks(lines, body_size)`: clreq / GB/T 15834 line-start and line-end
  prohibitions on every body-size line, and no `——`/`……`, number, Latin word or URL split
  between two lines that follow each other in one paragraph.
* `check_justification(lines, measure_pt)`: every body line that a line of the same paragraph
  follows starts at its column's left edge and ends flush at its right edge, measured with the
  font's widths from the PDF.

Body lines are the lines at the body size in the body face (the face most characters at that
size are set in; captions and shrunk subheads share the size, not the face).
How the PDF's lines are put back into columns and paragraphs (nothing else is known):
a page's body lines fall into column bands (x within 3 em of each other; columns are a gutter
apart); a band's left edge is its most common line start. A line starting more than ½ em right
of that edge is indented, i.e. a paragraph's first line (an opening bracket at a line start may
move the start ½ em left, never right). Two body lines follow each other in the text flow when
they are drawn one right after the other (no other text line drawn between; subheads, bylines
and the next story's headline are drawn between otherwise) and the second is one grid pitch
below the first in the same band, or at the top of a band further right (a column break). They
are in one paragraph when the second is not indented.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

from .. import markup
from ..model import Issue, ListBlock, Paragraph, Photo, Quote, Sidebar, Subhead, Table
from ..text import charclass as cc

Y_TOLERANCE = 0.01          # fragments within this of one baseline make one line
EDGE_TOLERANCE = 0.05       # points: how exactly a justified line must meet its column edges
BAND_GAP_EM = 3.0           # a gap wider than this between line starts separates column bands
INDENT_EM = 0.5             # a line starting further right than this from its band's edge is indented


# ------------------------------------------------------------------------------ extraction

@dataclass(frozen=True)
class PdfGlyph:
    """One character as drawn: origin and advance in PDF user space (points)."""
    char: str
    x: float
    width: float            # advance, horizontal scaling (Tz) included, character spacing not
    hscale: float = 1.0     # Tz / 100


@dataclass(frozen=True)
class PdfLine:
    """Text drawn on one baseline, in drawing order (PDF units: points from the media box's
    bottom-left, y up)."""
    page: int               # 1-based
    x: float                # origin of the first glyph
    y: float                # baseline
    size: float             # font size in user space
    font: str               # base font of most of the line's characters, without subset tag
    text: str
    glyphs: tuple[PdfGlyph, ...] = field(default=(), compare=False, repr=False)
    fonts: tuple[str, ...] = field(default=(), compare=False, repr=False)   # every font in it

    @property
    def end(self) -> float:
        """Where the last glyph's advance ends (x of the line's right edge as drawn)."""
        if not self.glyphs:
            return self.x
        return self.glyphs[-1].x + self.glyphs[-1].width


def _mul(m, n):
    """Matrix product m × n of PDF 6-element matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F]


class _Font:
    """What text extraction needs of a PDF font: codes → Unicode, codes → widths."""

    def __init__(self, font_dict):
        self.name = str(font_dict.get("/BaseFont", "?")).lstrip("/")
        self.base = re.sub(r"^[A-Z]{6}\+", "", self.name)
        self.two_byte = font_dict.get("/Subtype") == "/Type0"
        self.unicode = _parse_to_unicode(font_dict.get("/ToUnicode"))
        self.widths: dict[int, float] = {}
        self.default_width = 0.0
        if self.two_byte:
            descendant = font_dict["/DescendantFonts"][0].get_object()
            self.default_width = float(descendant.get("/DW", 1000))
            w = descendant.get("/W", [])
            i = 0
            while i < len(w):
                first = int(w[i])
                item = w[i + 1]
                if isinstance(item, list):
                    for k, width in enumerate(item):
                        self.widths[first + k] = float(width)
                    i += 2
                else:
                    for code in range(first, int(item) + 1):
                        self.widths[code] = float(w[i + 2])
                    i += 3
        else:
            first = int(font_dict.get("/FirstChar", 0))
            for k, width in enumerate(font_dict.get("/Widths", [])):
                self.widths[first + k] = float(width)
            descriptor = font_dict.get("/FontDescriptor")
            if descriptor is not None:
                self.default_width = float(descriptor.get_object().get("/MissingWidth", 0))

    def codes(self, data: bytes) -> list[int]:
        if self.two_byte:
            return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
        return list(data)

    def text(self, code: int) -> str:
        return self.unicode.get(code, "\ufffd")

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width) / 1000


def _parse_to_unicode(stream) -> dict[int, str]:
    """A ToUnicode CMap's bfchar and bfrange entries as code → text."""
    if stream is None:
        return {}
    data = stream.get_object().get_data().decode("latin-1")
    mapping: dict[int, str] = {}

    def utf16(hex_text: str) -> str:
        return bytes.fromhex(hex_text).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(src, 16)] = utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, dst in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            low, high = int(low, 16), int(high, 16)
            if dst.startswith("["):
                for k, item in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", dst)):
                    mapping[low + k] = utf16(item)
            else:
                start = bytes.fromhex(dst[1:-1])
                base = int.from_bytes(start, "big")
                for k in range(high - low + 1):
                    mapping[low + k] = (base + k).to_bytes(len(start), "big").decode(
                        "utf-16-be", errors="replace")
    # A code mapped to U+0000 has no text (ReportLab fills unused codes so).
    return {code: text for code, text in mapping.items() if text != "\x00"}


def _raw_bytes(operand) -> bytes:
    if isinstance(operand, bytes):
        return bytes(operand)
    # pypdf keeps a string's bytes as read; get_original_bytes() would re-encode a string it
    # took for UTF-16 (two-byte glyph codes such as <0017>) with a byte-order mark in front.
    original = getattr(operand, "_original_bytes", None)
    if original is not None:
        return bytes(original)
    original = getattr(operand, "get_original_bytes", None)
    if original is not None:
        return original()
    return str(operand).encode("latin-1")


@dataclass
class TextRun:
    """Glyphs drawn in one font on one baseline by one text-showing operator."""
    page: int
    y: float
    size: float
    font: str
    glyphs: list[PdfGlyph]


def _interpret(operations, resources, ctm, page: int, fragments: list, reader, depth=0):
    fonts_cache: dict = {}
    font_resources = resources.get("/Font", {}) if resources else {}
    xobjects = resources.get("/XObject", {}) if resources else {}
    stack = []                  # q/Q save the CTM and the text state
    font = None
    size = tc = tw = rise = 0.0
    th, leading = 1.0, 0.0
    tm = tlm = [1, 0, 0, 1, 0, 0]

    def show(data: bytes):
        """Show a string: one glyph per code at the text matrix, advancing it as a viewer does."""
        nonlocal tm
        if font is None:
            return
        glyphs = []
        trm_origin = None
        for code in font.codes(data):
            m = _mul(tm, ctm)
            x, y = m[2] * rise + m[4], m[3] * rise + m[5]
            if trm_origin is None:
                trm_origin = (y, size * math.hypot(m[2], m[3]))
            advance = font.width(code) * size * th
            glyph_width = advance * math.hypot(m[0], m[1])
            text = font.text(code)
            for char in text:       # a multi-character mapping shares the glyph's box
                glyphs.append(PdfGlyph(char, x, glyph_width / max(1, len(text)), th))
            spacing = tc + (tw if not font.two_byte and code == 32 else 0.0)
            tm = _mul([1, 0, 0, 1, advance + spacing * th, 0], tm)
        if glyphs:
            y, user_size = trm_origin
            fragments.append(TextRun(page, y, user_size, font.base, glyphs))

    for operands, operator in operations:
        op = operator.decode("latin-1") if isinstance(operator, bytes) else operator
        if op == "q":
            stack.append((ctm, font, size, tc, tw, th, leading, rise))
        elif op == "Q":
            if stack:
                ctm, font, size, tc, tw, th, leading, rise = stack.pop()
        elif op == "cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == "BT":
            tm = tlm = [1, 0, 0, 1, 0, 0]
        elif op == "Tf":
            name, size = operands[0], float(operands[1])
            if name not in fonts_cache:
                fonts_cache[name] = _Font(font_resources[name].get_object())
            font = fonts_cache[name]
        elif op == "Tc":
            tc = float(operands[0])
        elif op == "Tw":
            tw = float(operands[0])
        elif op == "Tz":
            th = float(operands[0]) / 100
        elif op == "TL":
            leading = float(operands[0])
        elif op == "Ts":
            rise = float(operands[0])
        elif op == "Tm":
            tm = tlm = [float(v) for v in operands]
        elif op in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == "TD":
                leading = -ty
            tm = tlm = _mul([1, 0, 0, 1, tx, ty], tlm)
        elif op == "T*":
            tm = tlm = _mul([1, 0, 0, 1, 0, -leading], tlm)
        elif op == "Tj":
            show(_raw_bytes(operands[0]))
        elif op == "'":
            tm = tlm = _mul([1, 0, 0, 1, 0, -leading], tlm)
            show(_raw_bytes(operands[0]))
        elif op == '"':
            tw, tc = float(operands[0]), float(operands[1])
            tm = tlm = _mul([1, 0, 0, 1, 0, -leading], tlm)
            show(_raw_bytes(operands[2]))
        elif op == "TJ":
            for item in operands[0]:
                if isinstance(item, (int, float)):      # pypdf's NumberObject, FloatObject
                    tm = _mul([1, 0, 0, 1, -float(item) / 1000 * size * th, 0], tm)
                else:
                    show(_raw_bytes(item))
        elif op == "Do" and depth < 8:
            xobject = xobjects.get(operands[0])
            if xobject is None:
                continue
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                inner = ContentStream(xobject, reader).operations
                _interpret(inner, xobject.get("/Resources", resources), _mul(matrix, ctm),
                           page, fragments, reader, depth + 1)


def extract_runs(pdf_path: str | Path) -> list[TextRun]:
    """Every run of text in one font as drawn (page, baseline, size, font, glyphs), in drawing
    order: the faces a line mixes (inline emphasis) are told apart here."""
    reader = PdfReader(str(pdf_path))
    fragments: list[TextRun] = []
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        if contents is None:
            continue
        operations = ContentStream(contents, reader).operations
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        _interpret(operations, resources, [1, 0, 0, 1, 0, 0], number, fragments, reader)
    return fragments


def extract_lines(pdf_path: str | Path) -> list[PdfLine]:
    """Every run of text in the PDF, grouped into lines, in drawing order.

    Fragments (one per text-showing operator) join into one line when they are on the same
    page, drawn one after the other, on the same baseline (within 0.01 pt), and the later one
    does not start left of where the earlier one started (a new line never continues backwards).
    """
    fragments = extract_runs(pdf_path)
    lines: list[PdfLine] = []
    group: list[TextRun] = []

    def flush():
        if not group:
            return
        glyphs = tuple(g for fragment in group for g in fragment.glyphs)
        fonts = Counter()
        for fragment in group:
            fonts[fragment.font] += len(fragment.glyphs)
        lines.append(PdfLine(page=group[0].page, x=glyphs[0].x, y=group[0].y,
                             size=round(max(f.size for f in group), 4),
                             font=fonts.most_common(1)[0][0],
                             text="".join(g.char for g in glyphs), glyphs=glyphs,
                             fonts=tuple(fonts)))
        group.clear()

    for fragment in fragments:
        if group:
            last = group[-1]
            if (fragment.page != last.page or abs(fragment.y - last.y) > Y_TOLERANCE
                    or fragment.glyphs[0].x < last.glyphs[0].x - 0.01):
                flush()
        group.append(fragment)
    flush()
    return lines


# ------------------------------------------------------------------------------ helpers

def _strip(text: str) -> str:
    return "".join(text.split())


def _is_han(char: str) -> bool:
    """A Han ideograph (CJK Unified Ideographs, their extensions, compatibility ideographs)."""
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF or code == 0x3007)


def _same(a: float, b: float, tolerance: float = 0.01) -> bool:
    return abs(a - b) <= tolerance


def _where(line: PdfLine) -> str:
    return f"page {line.page} x={line.x:.2f} y={line.y:.2f}"


def main_font(lines: list[PdfLine], body_size: float) -> str | None:
    """The font of most characters set at the body size: the body face. Captions (楷体) and
    subheads shrunk to the body size (黑体) share the size but not the face."""
    fonts = Counter()
    for line in lines:
        if _same(line.size, body_size):
            fonts[line.font] += len(line.text)
    return fonts.most_common(1)[0][0] if fonts else None


def common_size(lines: list[PdfLine]) -> float:
    """The most common size by characters set: the body text's."""
    sizes = Counter()
    for line in lines:
        sizes[round(line.size, 2)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


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
        from ..style import load_style
        style = load_style(issue.style, Path(issue.source))
        body_size = body_size if body_size is not None else style.body_size
        if type_sizes is None:
            type_sizes = {key: (spec.min_size or spec.size, spec.size)
                          for key, spec in style.type.items()}
    problems: list[str] = []
    body_font = main_font(lines, body_size)
    emphasised = _emphasised(issue)
    body_lines = [_strip(line.text) for line in lines
                  if _same(line.size, body_size) and (
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
                wanted_han.update(c for c in text if _is_han(c))
    have_han = Counter(c for c in everything if _is_han(c))
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


# ------------------------------------------------------------------------------ text flow

@dataclass
class _Flow:
    """Body lines with their column edge, and which pairs follow each other in a paragraph."""
    lines: list[PdfLine]
    left: dict[int, float]              # id(line) → its column's left edge
    band: dict[int, int]                # id(line) → band index on its page
    continues: dict[int, bool]          # id(line) → the next flow line is the same paragraph's
    pairs: list[tuple[PdfLine, PdfLine]]  # consecutive lines of one paragraph
    body_size: float = 0.0

    def indented(self, line: PdfLine) -> bool:
        """Starts more than ½ em right of its column's edge: a paragraph's first line."""
        return line.x > self.left[id(line)] + INDENT_EM * self.body_size + EDGE_TOLERANCE


REGION_GAP_EM = 6     # body lines this far apart, page-wide, belong to modules one over another


def _regions(lines: list[PdfLine], gap: float) -> list[list[PdfLine]]:
    """The lines split where no line's baseline comes within `gap` of the next one's, top
    to bottom (PDF y runs up)."""
    regions: list[list[PdfLine]] = []
    for line in sorted(lines, key=lambda line: -line.y):
        if regions and regions[-1][-1].y - line.y <= gap:
            regions[-1].append(line)
        else:
            regions.append([line])
    return regions


def body_flow(all_lines: list[PdfLine], body_size: float, pitch: float | None,
          body_font: str | None = None) -> _Flow:
    def is_body(line: PdfLine) -> bool:
        return _same(line.size, body_size) and (body_font is None or line.font == body_font)

    left: dict[int, float] = {}
    band: dict[int, int] = {}
    index = 0
    for page in sorted({line.page for line in all_lines}):
        # Bands are found in each stretch of the page that body lines fill without a gap of
        # REGION_GAP_EM: modules stacked one over another may use different columns (破栏).
        for body in _regions([line for line in all_lines if line.page == page and is_body(line)],
                             REGION_GAP_EM * body_size):
            body.sort(key=lambda line: line.x)
            bands: list[list[PdfLine]] = []
            for line in body:
                if bands and line.x - bands[-1][-1].x <= BAND_GAP_EM * body_size:
                    bands[-1].append(line)
                else:
                    bands.append([line])
            for members in bands:
                starts = Counter(round(line.x, 2) for line in members)
                top = max(starts.values())
                edge = min(x for x, n in starts.items() if n == top)
                for line in members:
                    left[id(line)] = edge
                    band[id(line)] = index
                index += 1

    # Adjacent in drawing order, both body lines: candidates for consecutive flow lines.
    adjacent = [(a, b) for a, b in zip(all_lines, all_lines[1:])
                if a.page == b.page and is_body(a) and is_body(b)]
    if pitch is None:
        steps = Counter(round(a.y - b.y, 2) for a, b in adjacent
                        if band[id(a)] == band[id(b)] and a.y > b.y)
        pitch = steps.most_common(1)[0][0] if steps else 0.0
    flow = _Flow([line for line in all_lines if is_body(line)], left, band, {}, [], body_size)
    indented = flow.indented
    for a, b in adjacent:
        same_band = band[id(a)] == band[id(b)]
        next_below = same_band and _same(a.y - b.y, pitch, 0.05)
        next_column = band[id(b)] > band[id(a)] and b.y > a.y - Y_TOLERANCE   # (a 1-line column)
        if (next_below or next_column) and not indented(b):
            flow.continues[id(a)] = True
            flow.pairs.append((a, b))
    return flow


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
    one — at the end and a letter or digit at the start). `pitch` (grid line distance)
    defaults to the most common distance between successive lines of a column.
    """
    problems: list[str] = []
    flow = body_flow(lines, body_size, pitch, main_font(lines, body_size))
    for line in lines:
        if not _same(line.size, body_size):
            continue
        text = line.text.rstrip()
        if not text:
            continue
        if starts_badly(text):
            problems.append(f"{_where(line)}: line starts with {text[0]!r}: {text}")
        if ends_badly(text):
            problems.append(f"{_where(line)}: line ends with {text[-1]!r}: {text}")
    word = re.compile(r"[A-Za-z0-9]")
    for a, b in flow.pairs:
        end, start = a.text.rstrip(), b.text.lstrip()
        if not end or not start:
            continue
        pair = f"{_where(a)}: {end[-6:]!r} | {start[:6]!r}"
        if end[-1] == cc.DASH and start[0] == cc.DASH:
            problems.append(f"{pair}: two-em dash split between lines")
        elif end[-1] in cc.ELLIPSES and start[0] in cc.ELLIPSES:
            problems.append(f"{pair}: ellipsis split between lines")
        elif end[-1].isdigit() and (start[0].isdigit() or start[0] in ".%‰℃℉"):
            problems.append(f"{pair}: number split between lines")
        elif end[-1] in cc.CURRENCY_PREFIXES and start[0].isdigit():
            problems.append(f"{pair}: currency sign split from its number")
        elif (word.fullmatch(end[-1]) or end[-1] == ".") and word.fullmatch(start[0]):
            problems.append(f"{pair}: Latin word, number or URL split between lines")
        elif (len(end) > 1 and end[-1] in "-/@_:" and word.fullmatch(end[-2])
              and word.fullmatch(start[0])):
            problems.append(f"{pair}: Latin word, number or URL split between lines")
    return problems


def starts_badly(text: str) -> bool:
    """A line's text starts with a character that may never start a line (clreq basic), not
    a two-em dash or ellipsis run (allowed at GB level)."""
    return text[:1] in cc.NO_START_BASIC and not text.startswith(cc.NO_START_STRICT_ATOMS)


def ends_badly(text: str) -> bool:
    """A line's text ends with a character that may never end a line (GB level)."""
    return text[-1:] in cc.NO_END_GB


def ends_flush(line: PdfLine, right: float, body_size: float) -> bool:
    """The line ends at `right`, within EDGE_TOLERANCE: a full-width mark whose blank half
    lies at the line end may protrude by that half, a stretched glyph by what the stretching
    adds to its advance."""
    last = line.glyphs[-1]
    end = last.x + last.width
    slack = cc.blank_halves(last.char)[1] * body_size + stretch_of(last)
    return right - EDGE_TOLERANCE <= end <= right + slack + EDGE_TOLERANCE


def stretch_of(glyph: PdfGlyph) -> float:
    """What horizontal stretching adds to a glyph's advance: its em cell lies somewhere inside."""
    return glyph.width - glyph.width / glyph.hscale if glyph.hscale > 1 else 0.0


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
            problems.append(f"{_where(line)}: justified line starts at {first.x:.2f}, "
                            f"it should at {start:.2f}: {line.text}")
        end = last.x + last.width
        if not ends_flush(line, right, body_size):
            problems.append(f"{_where(line)}: justified line ends at {end:.2f}, its column's "
                            f"right edge is {right:.2f} ({end - right:+.2f} pt): {line.text}")
    return problems
