"""The one reader of PDF content streams: what a page paints, as a viewer or a RIP follows it.

`ContentReader` interprets a page's content stream (pikepdf's parser) and the Form XObjects
it draws, keeping the graphics state (q/Q, cm, colour spaces and colours, overprint, line
width) and the text state (Tf, Tc, Tw, Tz, TL, Ts, Tr, Tm, Td, TD, T*). Text is shown glyph by
glyph: each code is decoded through the font's own ToUnicode map and the text matrix advances
by the font's own /Widths (/W for Type0 fonts), so positions are where a viewer draws them.

What is painted is handed to hooks a reader overrides; the base class does nothing with it:

* `text(run)`          — a `TextRun`: the glyphs one string of a show operator drew (a
  reader that needs no glyphs says so with `takes_glyphs = False`, and saves their decoding);
* `shown(state, op, resources, depth)` — a show operator starts (the text matrix `tm` is set);
* `paint(state, resources, what, op, depth, box)` — a path filled ("f"), stroked ("s") or
  both, with its bounding box in default user space (its points are in `path`);
* `image(name, image, state, resources, depth, inline)` — an image placed (its CTM in `state`);
* `shading(shading, state, resources, depth)`, `graphics_state(name, gs)`,
  `postscript(name)`, `unreadable(error)`;
* `enter_form(name, form, state, depth)` — whether to follow a form into its content.

Preflight (`preflight.py`) and the text reader (`pdftext.py`) are two such readers.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

import pikepdf

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 12                  # nesting of forms and patterns followed

DEVICE = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK"}
INLINE_ABBREVIATIONS = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK",
                        "/I": "/Indexed"}
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def multiply(m, n) -> tuple:
    """Matrix product m × n of PDF 6-element matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def floats(values) -> tuple[float, ...]:
    """The operands that are numbers, as floats."""
    out = []
    for v in values:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            pass
    return tuple(out)


def key(obj) -> tuple:
    """Identity of a PDF object: its object number, or the Python object if direct."""
    try:
        if obj.is_indirect:
            return ("obj",) + tuple(obj.objgen)
    except (AttributeError, pikepdf.PdfError):
        pass
    return ("id", id(obj))


def objnum(obj) -> int | None:
    try:
        return obj.objgen[0] if obj.is_indirect else None
    except (AttributeError, pikepdf.PdfError):
        return None


# ------------------------------------------------------------------------------ colour spaces

def resolve_space(space, resources):
    """A colour space operand as the space itself: a resource name looked up, abbreviations
    of inline images expanded."""
    if isinstance(space, str) and not isinstance(space, pikepdf.Object):
        space = pikepdf.Name(space)
    if isinstance(space, pikepdf.Name):
        name = INLINE_ABBREVIATIONS.get(str(space), str(space))
        if name in DEVICE or name == "/Pattern":
            return pikepdf.Name(name)
        spaces = resources.get("/ColorSpace", {}) if resources is not None else {}
        if isinstance(spaces, pikepdf.Dictionary) and space in spaces:
            return spaces[space]
        return pikepdf.Name(name)
    return space


def colour_family(space, resources=None) -> str:
    """The colour space's family: /DeviceCMYK, /ICCBased, /Separation, /Indexed…"""
    space = resolve_space(space, resources)
    if isinstance(space, pikepdf.Name):
        return str(space)
    if isinstance(space, pikepdf.Array) and len(space):
        return INLINE_ABBREVIATIONS.get(str(space[0]), str(space[0]))
    return "?"


def initial_colour(space, resources) -> tuple:
    """The colour a `cs`/`CS` sets with the space: black in device spaces."""
    return {"/DeviceCMYK": (0.0, 0.0, 0.0, 1.0),
            "/DeviceRGB": (0.0, 0.0, 0.0)}.get(colour_family(space, resources), (0.0,))


# ------------------------------------------------------------------------------ state

@dataclass
class GraphicsState:
    """What q saves and Q restores: the CTM, colour, overprint, line width and text state."""
    ctm: tuple = IDENTITY
    fill_cs: object = "/DeviceGray"     # a device space name (str) or the operand as given
    stroke_cs: object = "/DeviceGray"
    fill: tuple = (0.0,)
    stroke: tuple = (0.0,)
    fill_pattern: object = None
    stroke_pattern: object = None
    fill_set: str = ""                  # the operator that set the fill colour (rg, k, scn…)
    stroke_set: str = ""
    op_fill: bool = False
    op_stroke: bool = False
    opm: int = 0
    line_width: float = 1.0
    font: object = None                 # the font dictionary (None: not in the resources)
    font_name: str = ""                 # its resource name
    size: float = 0.0
    char_spacing: float = 0.0           # Tc
    word_spacing: float = 0.0           # Tw
    hscale: float = 1.0                 # Tz / 100
    leading: float = 0.0                # TL
    rise: float = 0.0                   # Ts
    render_mode: int = 0                # Tr

    def copy(self) -> "GraphicsState":
        return GraphicsState(**self.__dict__)


@dataclass(frozen=True)
class PdfGlyph:
    """One character as drawn: origin and advance in PDF user space (points)."""
    char: str
    x: float
    width: float            # advance, horizontal scaling (Tz) included, character spacing not
    hscale: float = 1.0     # Tz / 100


@dataclass
class TextRun:
    """Glyphs drawn in one font on one baseline by one string of a text-showing operator."""
    page: int
    y: float
    size: float             # font size in user space
    font: str               # base font name without the subset tag
    glyphs: list[PdfGlyph]


class Font:
    """What reading text needs of a PDF font: codes → Unicode, codes → widths."""

    def __init__(self, font_dict):
        self.name = str(font_dict.get("/BaseFont", "?")).lstrip("/")
        self.base = SUBSET_TAG.sub("", self.name)
        self.two_byte = font_dict.get("/Subtype") == "/Type0"
        self.unicode = _parse_to_unicode(font_dict.get("/ToUnicode"))
        self.widths: dict[int, float] = {}
        self.default_width = 0.0
        if self.two_byte:
            descendant = font_dict["/DescendantFonts"][0]
            self.default_width = float(descendant.get("/DW", 1000))
            self._cid_widths(descendant.get("/W", pikepdf.Array()))
        else:
            first = int(font_dict.get("/FirstChar", 0))
            for k, width in enumerate(font_dict.get("/Widths", pikepdf.Array())):
                self.widths[first + k] = float(width)
            descriptor = font_dict.get("/FontDescriptor")
            if descriptor is not None:
                self.default_width = float(descriptor.get("/MissingWidth", 0))

    def _cid_widths(self, w) -> None:
        """A /W array: `c [w1 w2 …]` and `c_first c_last w` entries."""
        i = 0
        while i < len(w):
            first = int(w[i])
            item = w[i + 1]
            if isinstance(item, pikepdf.Array):
                for k, width in enumerate(item):
                    self.widths[first + k] = float(width)
                i += 2
            else:
                for code in range(first, int(item) + 1):
                    self.widths[code] = float(w[i + 2])
                i += 3

    def codes(self, data: bytes) -> list[int]:
        if self.two_byte:
            return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
        return list(data)

    def text(self, code: int) -> str:
        return self.unicode.get(code, "\ufffd")

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width) / 1000


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", errors="replace")


def _parse_to_unicode(stream) -> dict[int, str]:
    """A ToUnicode CMap's bfchar and bfrange entries as code → text."""
    if not isinstance(stream, pikepdf.Stream):
        return {}
    data = stream.read_bytes().decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(src, 16)] = _utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, dst in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            low, high = int(low, 16), int(high, 16)
            if dst.startswith("["):
                for k, item in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", dst)):
                    mapping[low + k] = _utf16(item)
            else:
                start = bytes.fromhex(dst[1:-1])
                base = int.from_bytes(start, "big")
                for k in range(high - low + 1):
                    mapping[low + k] = (base + k).to_bytes(len(start), "big").decode(
                        "utf-16-be", errors="replace")
    # A code mapped to U+0000 has no text (ReportLab fills unused codes so).
    return {code: text for code, text in mapping.items() if text != "\x00"}


def _resource(resources, kind: str, name):
    """The resource `name` of `kind` (/Font, /XObject, /ExtGState…), or None."""
    table = resources.get(kind, {}) if resources is not None else {}
    return table.get(name) if isinstance(table, pikepdf.Dictionary) else None


def _advance(font: Font, code: int, state: "GraphicsState") -> tuple[float, float]:
    """A glyph's advance in text space (its width at the size, Tz applied), and how far the
    text matrix moves on after it (character and word spacing added)."""
    advance = font.width(code) * state.size * state.hscale
    spacing = state.char_spacing + (
        state.word_spacing if not font.two_byte and code == 32 else 0.0)
    return advance, advance + spacing * state.hscale


# ------------------------------------------------------------------------------ the reader

PATH_OPS = {"m", "l", "c", "v", "y", "re"}
PAINT_OPS = {"f": "f", "F": "f", "f*": "f", "S": "s", "s": "s",
             "B": "fs", "B*": "fs", "b": "fs", "b*": "fs"}
DEVICE_FILL = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}
DEVICE_STROKE = {"G": "/DeviceGray", "RG": "/DeviceRGB", "K": "/DeviceCMYK"}


class ContentReader:
    """Interprets content streams; subclasses override the hooks (module doc)."""

    takes_glyphs = True         # False: text moves the text matrix on, `text` is not called

    def __init__(self):
        self.page = 0               # the 1-based number of the page being read
        self.fonts: dict = {}       # font object → Font
        self.tm = IDENTITY          # text matrix
        self.tlm = IDENTITY         # text line matrix
        self.path: list = []        # the current path's points, in default user space

    # -- entry points

    def read_page(self, page, number: int, state: GraphicsState | None = None) -> None:
        """Interpret a pikepdf page's content, as page `number`."""
        self.page = number
        try:
            instructions = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as error:
            self.unreadable(error)
            return
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        self.interpret(instructions, resources, state or GraphicsState(), 0)

    def read_stream(self, stream, resources, state: GraphicsState, depth: int) -> None:
        """Interpret a form's or a tiling pattern's content (its own resources, else ours)."""
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except pikepdf.PdfError:
            return
        text_matrices = self.tm, self.tlm       # a pattern may fill text: the text goes on
        self.interpret(instructions, stream.get("/Resources", resources), state, depth)
        self.tm, self.tlm = text_matrices

    def interpret(self, instructions, resources, state: GraphicsState, depth: int) -> None:
        stack: list[GraphicsState] = []
        for instruction in instructions:
            op = str(instruction.operator)
            if op == "q":
                stack.append(state.copy())
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "INLINE IMAGE":
                self.image(None, instruction.iimage, state, resources, depth, inline=True)
            else:
                handler = OPERATORS.get(op)
                if handler is not None:
                    handler(self, op, instruction.operands, resources, state, depth)

    # -- hooks (module doc)

    def text(self, run: TextRun) -> None:
        pass

    def shown(self, state: GraphicsState, op: str, resources, depth: int) -> None:
        pass

    def paint(self, state: GraphicsState, resources, what: str, op: str, depth: int,
              box=None) -> None:
        pass

    def image(self, name, image, state: GraphicsState, resources, depth: int,
              inline: bool = False) -> None:
        pass

    def shading(self, shading, state: GraphicsState, resources, depth: int) -> None:
        pass

    def graphics_state(self, name, gs) -> None:
        pass

    def postscript(self, name) -> None:
        pass

    def unreadable(self, error: Exception) -> None:
        pass

    def enter_form(self, name, form, state: GraphicsState, depth: int) -> bool:
        return depth < MAX_DEPTH

    # -- fonts and text

    def font(self, font_dict) -> Font | None:
        if font_dict is None:
            return None
        found = self.fonts.get(key(font_dict))
        if found is None:
            found = self.fonts[key(font_dict)] = Font(font_dict)
        return found

    def show_string(self, font: Font, data: bytes, state: GraphicsState) -> None:
        """One glyph per code at the text matrix, advancing it as a viewer does; a reader
        that takes no glyphs (`takes_glyphs` False) just moves the text matrix on."""
        if not self.takes_glyphs:
            shift = sum(_advance(font, code, state)[1] for code in font.codes(data))
            self.tm = multiply((1, 0, 0, 1, shift, 0), self.tm)
            return
        glyphs = []
        origin = None
        for code in font.codes(data):
            m = multiply(self.tm, state.ctm)
            x, y = m[2] * state.rise + m[4], m[3] * state.rise + m[5]
            if origin is None:
                origin = (y, state.size * math.hypot(m[2], m[3]))
            advance, shift = _advance(font, code, state)
            glyph_width = advance * math.hypot(m[0], m[1])
            text = font.text(code)
            for char in text:       # a multi-character mapping shares the glyph's box
                glyphs.append(PdfGlyph(char, x, glyph_width / max(1, len(text)), state.hscale))
            self.tm = multiply((1, 0, 0, 1, shift, 0), self.tm)
        if glyphs:
            self.text(TextRun(self.page, origin[0], origin[1], font.base, glyphs))

    def next_line(self, tx: float, ty: float) -> None:
        self.tm = self.tlm = multiply((1, 0, 0, 1, tx, ty), self.tlm)

    def path_box(self, state: GraphicsState):
        """The bounding box of the path being painted, grown by the line width."""
        points = self.path
        if not points:
            return None
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        grow = state.line_width * math.hypot(state.ctm[0], state.ctm[1]) / 2
        return min(xs) - grow, min(ys) - grow, max(xs) + grow, max(ys) + grow


# ------------------------------------------------------------------------------ the operators

def _cm(reader, op, operands, resources, state, depth):
    m = floats(operands)
    if len(m) == 6:
        state.ctm = multiply(m, state.ctm)


def _colour_space(reader, op, operands, resources, state, depth):
    space = operands[0] if operands else "/DeviceGray"
    default = initial_colour(space, resources)
    if op == "cs":
        state.fill_cs, state.fill, state.fill_pattern, state.fill_set = space, default, None, op
    else:
        state.stroke_cs, state.stroke, state.stroke_pattern = space, default, None
        state.stroke_set = op


def _colour(reader, op, operands, resources, state, depth):
    values = floats(operands)
    last = operands[-1] if operands else None
    pattern = last if isinstance(last, pikepdf.Name) else None
    if op in ("sc", "scn"):
        state.fill, state.fill_pattern, state.fill_set = values, pattern, op
    else:
        state.stroke, state.stroke_pattern, state.stroke_set = values, pattern, op


def _device_colour(reader, op, operands, resources, state, depth):
    if op in DEVICE_FILL:
        state.fill_cs = DEVICE_FILL[op]
        state.fill, state.fill_pattern, state.fill_set = floats(operands), None, op
    else:
        state.stroke_cs = DEVICE_STROKE[op]
        state.stroke, state.stroke_pattern, state.stroke_set = floats(operands), None, op


def _path(reader, op, operands, resources, state, depth):
    values = floats(operands)
    if op == "re" and len(values) == 4:
        x, y, w, h = values
        values = (x, y, x + w, y + h, x, y + h, x + w, y)
    ctm = state.ctm
    reader.path += [(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])
                    for x, y in zip(values[0::2], values[1::2])]


def _paint(reader, op, operands, resources, state, depth):
    reader.paint(state, resources, PAINT_OPS[op], op, depth, reader.path_box(state))
    reader.path = []                # (the hook may read the points painted)


def _end_path(reader, op, operands, resources, state, depth):
    reader.path = []


def _ext_gstate(reader, op, operands, resources, state, depth):
    gs = _resource(resources, "/ExtGState", operands[0]) if operands else None
    if gs is None:
        return
    if "/OP" in gs:
        state.op_stroke = bool(gs.OP)
        if "/op" not in gs:
            state.op_fill = bool(gs.OP)
    if "/op" in gs:
        state.op_fill = bool(gs.op)
    if "/OPM" in gs:
        state.opm = int(gs.OPM)
    reader.graphics_state(operands[0], gs)


def _line_width(reader, op, operands, resources, state, depth):
    if operands:
        state.line_width = float(operands[0])


def _begin_text(reader, op, operands, resources, state, depth):
    reader.tm = reader.tlm = IDENTITY


def _text_matrix(reader, op, operands, resources, state, depth):
    m = floats(operands)
    if len(m) == 6:
        reader.tm = reader.tlm = m


def _move_text(reader, op, operands, resources, state, depth):
    if op == "T*":
        reader.next_line(0, -state.leading)
        return
    values = floats(operands)
    if len(values) != 2:
        return                      # malformed: skipped, as a viewer does
    tx, ty = values
    if op == "TD":
        state.leading = -ty
    reader.next_line(tx, ty)


def _font(reader, op, operands, resources, state, depth):
    size = floats(operands[1:2])
    if len(operands) == 2 and size:
        state.font_name = str(operands[0])
        state.font = _resource(resources, "/Font", operands[0])
        state.size = size[0]


TEXT_STATE = {"Tc": "char_spacing", "Tw": "word_spacing", "TL": "leading", "Ts": "rise"}


def _text_state(reader, op, operands, resources, state, depth):
    value = floats(operands[:1])
    if not value:
        return
    if op == "Tz":
        state.hscale = value[0] / 100
    elif op == "Tr":
        state.render_mode = int(value[0])
    else:
        setattr(state, TEXT_STATE[op], value[0])


def _show(reader, op, operands, resources, state, depth):
    spacing = floats(operands[:2])
    if op == '"' and len(spacing) == 2:
        state.word_spacing, state.char_spacing = spacing
    if op in ("'", '"'):
        reader.next_line(0, -state.leading)
    reader.shown(state, op, resources, depth)
    font = reader.font(state.font)
    items = operands[-1:]
    if op == "TJ":
        items = operands[0] if operands and isinstance(operands[0], pikepdf.Array) else ()
    for item in items:
        if isinstance(item, pikepdf.String):
            if font is not None:
                reader.show_string(font, bytes(item), state)
        elif isinstance(item, (int, float, Decimal)):   # a TJ adjustment, 1/1000 em
            shift = -float(item) / 1000 * state.size * state.hscale
            reader.tm = multiply((1, 0, 0, 1, shift, 0), reader.tm)


def _shading(reader, op, operands, resources, state, depth):
    shading = _resource(resources, "/Shading", operands[0]) if operands else None
    if shading is not None:
        reader.shading(shading, state, resources, depth)


def _xobject(reader, op, operands, resources, state, depth):
    name = operands[0] if operands else None
    xobject = _resource(resources, "/XObject", name) if name is not None else None
    if not isinstance(xobject, pikepdf.Stream):
        return
    subtype = xobject.get("/Subtype")
    if subtype == "/Image":
        reader.image(name, xobject, state, resources, depth)
    elif subtype == "/Form":
        if not reader.enter_form(name, xobject, state, depth):
            return
        matrix = floats(xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
        inner = state.copy()
        inner.ctm = multiply(matrix, state.ctm) if len(matrix) == 6 else state.ctm
        reader.read_stream(xobject, resources, inner, depth + 1)
    elif subtype == "/PS":
        reader.postscript(name)


OPERATORS = {
    "cm": _cm, "cs": _colour_space, "CS": _colour_space,
    **dict.fromkeys(("sc", "scn", "SC", "SCN"), _colour),
    **dict.fromkeys((*DEVICE_FILL, *DEVICE_STROKE), _device_colour),
    **dict.fromkeys(PATH_OPS, _path), **dict.fromkeys(PAINT_OPS, _paint), "n": _end_path,
    "gs": _ext_gstate, "w": _line_width,
    "BT": _begin_text, "Tm": _text_matrix, **dict.fromkeys(("Td", "TD", "T*"), _move_text),
    "Tf": _font, **dict.fromkeys(("Tc", "Tw", "Tz", "TL", "Ts", "Tr"), _text_state),
    **dict.fromkeys(("Tj", "TJ", "'", '"'), _show),
    "sh": _shading, "Do": _xobject,
}
