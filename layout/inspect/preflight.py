"""Preflight: check a finished PDF against PDF/X and the print plant's limits, as a printer would.

Everything here reads the PDF itself with pikepdf (fonts, images, colour, ink, page boxes, the
PDF/X identification), never the composer's data; only the overset and glyph-substitution
findings come from the render's own report (`fits`, `substitutions`), since a PDF cannot say
which text was meant to be on it.

Each page's content stream is interpreted with `pikepdf.parse_content_stream`, following the
graphics state (q/Q, cm, colour spaces and colours, ExtGState, font and size, text matrix) into
Form XObjects and tiling patterns, so that what is checked is what is painted: the fonts that
show text, the colour spaces that paint, every image at the size it is placed.

    findings = preflight(Path("out/3144.pdf"), standard="PDF/X-1a:2003", min_ppi=170)
    print(report(findings))
    sys.exit(exit_code(findings))        # 1 if any error, else 0

The checks (the `check` of each Finding):

* fonts   — every font that shows text is embedded (FontFile/FontFile2/FontFile3 in its
            descriptor; a Type0 font's descendant), subset (ABCDEF+ name) and has /ToUnicode;
            Type 3 fonts are flagged; an unembedded standard-14 font is an error.
* images  — every image drawn (XObject or inline, inside forms too): colour space (PDF/X-1a:
            grey, CMYK, spot only), 16-bit samples and LZW/JBIG2/JPX compression (not in
            PDF/X-1a), OPI/Alternates, and the effective resolution at the placed size
            (pixels / inches on the page, from the CTM at the `Do`): below `min_ppi` a warning.
* colour  — colour spaces that paint fills, strokes, text and shadings (rg/RG, or sc/scn in
            an RGB, Lab or ICC-based space, are errors in PDF/X-1a); small text in rich black
            (K plus C/M/Y under 12 pt) is a warning; black text that does not overprint is info.
* ink     — total area coverage C+M+Y+K of CMYK images (decoded, large ones box-averaged to
            about a megapixel, so the value is an area coverage, as a densitometer reads it)
            and of CMYK fill and stroke colours: above `max_ink` an error.
* boxes   — a TrimBox (or ArtBox) inside the BleedBox inside the MediaBox on every page, and
            a bleed of `bleed_mm` on each side.
* pdfx    — the standard's identification and rules: PDF version, Info keys, trailer /ID,
            one GTS_PDFX output intent with an output-device profile (or a registered
            condition), no encryption, no transparency (PDF/X-1a), XMP for PDF/X-4,
            no transfer functions, PostScript, JavaScript or annotations on the printed area.
* overset — stories that did not fit (from `fits`).
* glyphs  — characters set in a fallback font (from `substitutions`).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

MM = 72 / 25.4                  # points per millimetre
BOX_TOLERANCE_MM = 0.05         # how exactly the bleed must match
SMALL_TEXT_PT = 12.0            # rich black is a registration risk below this size
INK_SAMPLE_PIXELS = 1_000_000   # images are box-averaged to about this many pixels for the ink
MAX_DEPTH = 12                  # nesting of forms and patterns followed

SEVERITIES = ("error", "warning", "info")
CHECKS = ("pdfx", "boxes", "fonts", "images", "colour", "ink", "overset", "glyphs")

STANDARDS = {
    # standard: (highest PDF version, Info GTS_PDFXVersion, Info GTS_PDFXConformance)
    "PDF/X-1a:2001": ((1, 3), "PDF/X-1:2001", "PDF/X-1a:2001"),
    "PDF/X-1a:2003": ((1, 4), "PDF/X-1:2003", "PDF/X-1a:2003"),
    "PDF/X-4": ((1, 6), "PDF/X-4", None),
}
ALIASES = {"PDF/X-1a": "PDF/X-1a:2003", "PDF/X-4:2010": "PDF/X-4", "PDF/X-4:2008": "PDF/X-4"}

STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
    # the names Acrobat and others also take for them
    "Arial", "Arial,Bold", "Arial,Italic", "Arial,BoldItalic", "TimesNewRoman",
    "TimesNewRoman,Bold", "TimesNewRoman,Italic", "TimesNewRoman,BoldItalic", "CourierNew",
}
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
PDF_DATE = re.compile(r"^D:\d{4}(\d{2}(\d{2}(\d{2}(\d{2}(\d{2})?)?)?)?)?([Zz+\-]|$)")
XMP_PDFXID = "{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"

DEVICE = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK"}
INLINE_ABBREVIATIONS = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK",
                        "/I": "/Indexed"}
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Finding:
    severity: str        # "error" | "warning" | "info"
    check: str           # "fonts", "images", "colour", "ink", "boxes", "pdfx", "overset", "glyphs"
    page: int | None     # 1-based, None for document-level
    obj: str             # what: font name, image name (/Im0 + object number), box name, key…
    message: str         # one line, what is wrong and the fix


def exit_code(findings, *, strict: bool = False) -> int:
    """What a command line returns: 1 if there is an error (or, `strict`, a warning), else 0."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in failing for f in findings) else 0


# ------------------------------------------------------------------------------ the entry point

def preflight(pdf: Path, *, standard: str = "PDF/X-1a:2003", min_ppi: float = 170,
              max_ink: float = 240, bleed_mm: float = 3.0, fits=(),
              substitutions=None, sources=None, photos=()) -> list[Finding]:
    """Every problem found in the PDF at `pdf`, errors first.

    `standard`: "PDF/X-1a:2003" (or "PDF/X-1a:2001", "PDF/X-4"); `min_ppi`: lowest effective
    image resolution at the placed size; `max_ink`: total area coverage limit in percent;
    `bleed_mm`: the bleed wanted on every side (0: none). `fits` (StoryFit) and
    `substitutions` ((role, char) → Face) are the render's own report, checked for overset
    stories and fallback glyphs; `sources` (char → the files that have it) says where each
    substituted character comes from. `photos` ((page, width pt, height pt, source file name))
    name the images by the photo they were made from, matched by page and placed size.
    """
    standard = ALIASES.get(standard, standard)
    if standard not in STANDARDS:
        raise ValueError(f"unknown standard {standard!r}: use one of {', '.join(STANDARDS)}")
    findings: list[Finding] = []
    try:
        document = pikepdf.open(Path(pdf))
    except (pikepdf.PdfError, OSError) as error:
        findings.append(Finding("error", "pdfx", None, str(pdf),
                                f"cannot be opened as a PDF ({error}): write it again"))
        return _sorted(findings + _overset(fits) + _glyphs(substitutions or {}, sources or {}))
    with document:
        seen = _Seen(photos=tuple(photos))
        for number, page in enumerate(document.pages, start=1):
            _PageWalker(seen, number, standard).run_page(page)
        findings += _pdfx(document, standard, seen)
        findings += _boxes(document, bleed_mm)
        findings += _fonts(seen)
        findings += _images(seen, standard, min_ppi)
        findings += _colour(seen, standard)
        findings += _ink(seen, max_ink)
    findings += _overset(fits)
    findings += _glyphs(substitutions or {}, sources or {})
    return _sorted(findings)


@dataclass(frozen=True)
class PageMeasure:
    """What a delivery manifest states of a page: its highest total ink and its lowest photo
    resolution at the placed size (None: no photo)."""
    page: int
    max_ink: float          # percent, C+M+Y+K, on the printed area (images and vector colour)
    lowest_ppi: float | None


def measure(pdf: Path, standard: str = "PDF/X-1a:2003") -> list[PageMeasure]:
    """Each page's highest total ink and lowest photo ppi, read from the PDF itself."""
    seen = _Seen()
    with pikepdf.open(Path(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            _PageWalker(seen, number, standard).run_page(page)
        ink = defaultdict(float)
        for (page, values), _ in seen.cmyk_colours.items():
            ink[page] = max(ink[page], sum(values) * 100)
        ppi: dict[int, float] = {}
        for placement in seen.placements:
            width, height, _, _, _, is_mask, _ = _image_info(placement)
            a, b, c, d = placement.ctm[:4]
            placed_w, placed_h = math.hypot(a, b), math.hypot(c, d)
            if is_mask or not width or placed_w < 1e-6 or placed_h < 1e-6:
                continue
            found = min(width / (placed_w / 72), height / (placed_h / 72))
            ppi[placement.page] = min(ppi.get(placement.page, found), found)
            image = _decoded_cmyk(placement)
            if image is not None:        # every pixel, not the box-averaged sample
                import numpy
                total = numpy.asarray(image, dtype=numpy.uint16).sum(axis=2).max() * 100 / 255
                ink[placement.page] = max(ink[placement.page], float(total))
        return [PageMeasure(n, round(ink[n], 1), round(ppi[n]) if n in ppi else None)
                for n in range(1, len(document.pages) + 1)]


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity),
                                           f.page if f.page is not None else 0,
                                           CHECKS.index(f.check) if f.check in CHECKS else 99,
                                           f.obj))


# ------------------------------------------------------------------------------ the report

def report(findings) -> str:
    """A table of the findings, errors, then warnings, then notes; a summary line last."""
    findings = list(findings)
    out = []
    titles = {"error": "ERRORS", "warning": "WARNINGS", "info": "NOTES"}
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        rows = [(f.check, "-" if f.page is None else str(f.page), f.obj, f.message) for f in group]
        head = ("check", "page", "object", "problem")
        widths = [max(len(row[i]) for row in rows + [head]) for i in range(3)]
        widths = [widths[0], widths[1], min(widths[2], 40)]
        if out:
            out.append("")
        out.append(f"{titles[severity]} ({len(group)})")
        out.append("  " + "  ".join(h.ljust(w) for h, w in zip(head, widths)) + "  " + head[3])
        for check, page, obj, message in rows:
            if len(obj) > widths[2]:        # a file path keeps its name and line:column
                obj = "…" + obj[1 - widths[2]:] if "/" in obj else obj[:widths[2] - 1] + "…"
            out.append(f"  {check.ljust(widths[0])}  {page.rjust(widths[1])}  "
                       f"{obj.ljust(widths[2])}  {message}")
    if not findings:
        out.append("No problems found.")
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    out.append("")
    out.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(out).lstrip("\n") + "\n"


# ------------------------------------------------------------------------------ interpretation

def _mul(m, n):
    """Matrix product m × n of PDF 6-element matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _floats(values) -> tuple[float, ...]:
    out = []
    for v in values:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            pass
    return tuple(out)


def _key(obj) -> tuple:
    """Identity of a PDF object: its object number, or the Python object if direct."""
    try:
        if obj.is_indirect:
            return ("obj",) + tuple(obj.objgen)
    except (AttributeError, pikepdf.PdfError):
        pass
    return ("id", id(obj))


def _objnum(obj) -> int | None:
    try:
        return obj.objgen[0] if obj.is_indirect else None
    except (AttributeError, pikepdf.PdfError):
        return None


@dataclass
class _Placement:
    page: int
    name: str               # resource name, e.g. /Im0
    image: object           # pikepdf Stream (XObject) or PdfInlineImage
    key: tuple
    ctm: tuple
    resources: object
    inline: bool = False


@dataclass
class _Seen:
    """What the interpretation of all pages found, for the checks to judge."""
    fonts: dict = field(default_factory=dict)       # key → [font dict, resource name, pages]
    placements: list = field(default_factory=list)
    # (page, space label, problem) → {"count", "set", "paint"}: forbidden colour painted
    colours: dict = field(default_factory=dict)
    cmyk_colours: dict = field(default_factory=lambda: defaultdict(int))  # (page, cmyk) → n
    rich_black: dict = field(default_factory=dict)  # page → [count, smallest size, colour]
    knockout_black: dict = field(default_factory=lambda: defaultdict(int))  # page → n
    transparency: dict = field(default_factory=dict)  # (page, what) → message
    other: list = field(default_factory=list)       # findings made on the way
    photos: tuple = ()      # (page, width pt, height pt, source file): the images' own names


@dataclass
class _State:
    ctm: tuple = IDENTITY
    fill_cs: object = "/DeviceGray"
    stroke_cs: object = "/DeviceGray"
    fill: tuple = (0.0,)
    stroke: tuple = (0.0,)
    fill_pattern: object = None
    stroke_pattern: object = None
    font: object = None
    font_name: str = ""
    size: float = 0.0
    render_mode: int = 0
    op_fill: bool = False
    op_stroke: bool = False
    opm: int = 0
    line_width: float = 1.0
    fill_set: str = ""          # the operator that set the fill colour (rg, k, scn…)
    stroke_set: str = ""

    def copy(self) -> "_State":
        return _State(**self.__dict__)


PAINTS = {"Tj": "text", "TJ": "text", "'": "text", '"': "text", "sh": "shadings",
          "Do": "stencil masks", "BI": "stencil masks"}
PATH_OPS = {"m", "l", "c", "v", "y", "re"}
FILL_OPS = {"f", "F", "f*"}
STROKE_OPS = {"S", "s"}
BOTH_OPS = {"B", "B*", "b", "b*"}
SHOW_OPS = {"Tj", "TJ", "'", '"'}
RENDER_MODE_PAINTS = {0: "f", 1: "s", 2: "fs", 3: "", 4: "f", 5: "s", 6: "fs", 7: ""}


class _PageWalker:
    """Interprets one page's content (and the forms and patterns it draws)."""

    def __init__(self, seen: _Seen, page: int, standard: str):
        self.seen = seen
        self.page = page
        self.standard = standard
        self.forms_done: set = set()
        self.patterns_done: set = set()
        self.area = None            # the printed area: BleedBox, else TrimBox, else MediaBox
        self.path: list = []        # the current path's points, in default user space

    def run_page(self, page) -> None:
        obj = page.obj
        media = _floats(page.mediabox)
        self.area = (_box(obj, "/BleedBox") or _box(obj, "/TrimBox") or _box(obj, "/ArtBox")
                     or (min(media[0], media[2]), min(media[1], media[3]),
                         max(media[0], media[2]), max(media[1], media[3])))
        resources = obj.get("/Resources", pikepdf.Dictionary())
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            self.seen.transparency[(self.page, "page group")] = (
                "page", "the page has a transparency group (/Group /S /Transparency): "
                "flatten transparency before export")
        try:
            instructions = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as error:
            self.seen.other.append(Finding("error", "pdfx", self.page, "content stream",
                                           f"content stream cannot be parsed ({error})"))
            return
        self.interpret(instructions, resources, _State(), 0)

    # -- the interpreter

    def interpret(self, instructions, resources, state: _State, depth: int) -> None:
        stack: list[_State] = []
        tm = IDENTITY                # text matrix (only its scale matters here)
        for instruction in instructions:
            op = str(instruction.operator)
            if op == "INLINE IMAGE":
                self.inline_image(instruction.iimage, resources, state)
                continue
            operands = instruction.operands
            if op == "q":
                stack.append(state.copy())
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "cm":
                m = _floats(operands)
                if len(m) == 6:
                    state.ctm = _mul(m, state.ctm)
            elif op in ("cs", "CS"):
                space = operands[0] if operands else "/DeviceGray"
                default = _initial_colour(space, resources)
                if op == "cs":
                    state.fill_cs, state.fill, state.fill_pattern = space, default, None
                    state.fill_set = "cs"
                else:
                    state.stroke_cs, state.stroke, state.stroke_pattern = space, default, None
                    state.stroke_set = "CS"
            elif op in ("sc", "scn", "SC", "SCN"):
                values = _floats(operands)
                last = operands[-1] if operands else None
                pattern = last if isinstance(last, pikepdf.Name) else None
                if op in ("sc", "scn"):
                    state.fill, state.fill_pattern, state.fill_set = values, pattern, op
                else:
                    state.stroke, state.stroke_pattern, state.stroke_set = values, pattern, op
            elif op in ("g", "rg", "k"):
                state.fill_cs = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}[op]
                state.fill, state.fill_pattern, state.fill_set = _floats(operands), None, op
            elif op in ("G", "RG", "K"):
                state.stroke_cs = {"G": "/DeviceGray", "RG": "/DeviceRGB", "K": "/DeviceCMYK"}[op]
                state.stroke, state.stroke_pattern, state.stroke_set = _floats(operands), None, op
            elif op in PATH_OPS:
                values = _floats(operands)
                if op == "re" and len(values) == 4:
                    x, y, w, h = values
                    values = (x, y, x + w, y + h, x, y + h, x + w, y)
                ctm = state.ctm
                self.path += [(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])
                              for x, y in zip(values[0::2], values[1::2])]
            elif op in FILL_OPS:
                self.paint(state, resources, "f", op, depth, self.path_box(state))
            elif op in STROKE_OPS:
                self.paint(state, resources, "s", op, depth, self.path_box(state))
            elif op in BOTH_OPS:
                self.paint(state, resources, "fs", op, depth, self.path_box(state))
            elif op == "n":
                self.path = []
            elif op == "gs" and operands:
                self.ext_gstate(operands[0], resources, state)
            elif op == "w" and operands:
                state.line_width = float(operands[0])
            elif op == "BT":
                tm = IDENTITY
            elif op == "Tm":
                m = _floats(operands)
                if len(m) == 6:
                    tm = m
            elif op == "Tf" and len(operands) >= 2:
                fonts = resources.get("/Font", {}) if resources is not None else {}
                state.font_name = str(operands[0])
                state.font = (fonts.get(operands[0]) if isinstance(fonts, pikepdf.Dictionary)
                              else None)
                state.size = float(operands[1])
            elif op == "Tr" and operands:
                state.render_mode = int(operands[0])
            elif op in SHOW_OPS:
                self.show_text(state, resources, tm, op, depth)
            elif op == "sh" and operands:
                shadings = resources.get("/Shading", {}) if resources is not None else {}
                shading = (shadings.get(operands[0])
                           if isinstance(shadings, pikepdf.Dictionary) else None)
                if shading is not None:
                    self.use_colour(shading.get("/ColorSpace"), resources, "sh", state, "f")
            elif op == "Do" and operands:
                self.do(operands[0], resources, state, depth)

    # -- painting

    def path_box(self, state: _State):
        """The bounding box of the path being painted (then cleared), grown by the line width."""
        points, self.path = self.path, []
        if not points:
            return None
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        grow = state.line_width * math.hypot(state.ctm[0], state.ctm[1]) / 2
        return min(xs) - grow, min(ys) - grow, max(xs) + grow, max(ys) + grow

    def printed(self, box) -> bool:
        """Whether something painted within `box` (None: unknown) can print: it meets the
        printed area (marks in the slug do not count towards the ink limit)."""
        if box is None or self.area is None:
            return True
        area = self.area
        return box[0] < area[2] and box[2] > area[0] and box[1] < area[3] and box[3] > area[1]

    def paint(self, state: _State, resources, what: str, op: str, depth: int,
              box=None) -> None:
        printed = self.printed(box)
        if "f" in what:
            self.use_colour(state.fill_cs, resources, op, state, "f", depth, printed)
        if "s" in what:
            self.use_colour(state.stroke_cs, resources, op, state, "s", depth, printed)

    def show_text(self, state: _State, resources, tm, op: str, depth: int) -> None:
        font = state.font
        if font is not None:
            key = _key(font)
            entry = self.seen.fonts.setdefault(key, [font, state.font_name, []])
            if self.page not in entry[2]:
                entry[2].append(self.page)
        paints = RENDER_MODE_PAINTS.get(state.render_mode, "f")
        trm = _mul(tm, state.ctm)
        size = abs(state.size) * math.hypot(trm[2], trm[3])
        if paints:
            self.paint(state, resources, paints, op, depth,
                       (trm[4], trm[5], trm[4] + size, trm[5] + size))
        fill_cs = state.fill_cs
        family = fill_cs if type(fill_cs) is str else _family(fill_cs, resources)
        if "f" not in paints or family != "/DeviceCMYK":
            return
        c, m, y, k = (tuple(state.fill) + (0.0, 0.0, 0.0, 0.0))[:4]
        if k > 0.001 and max(c, m, y) > 0.001 and size < SMALL_TEXT_PT:
            entry = self.seen.rich_black.setdefault(self.page, [0, size, (c, m, y, k)])
            entry[0] += 1
            if size < entry[1]:
                entry[1], entry[2] = size, (c, m, y, k)
        if k >= 0.999 and max(c, m, y) <= 0.001 and not (state.op_fill and state.opm == 1):
            self.seen.knockout_black[self.page] += 1

    def use_colour(self, space, resources, op: str, state: _State, which: str,
                   depth: int = 0, printed: bool = True) -> None:
        """A colour space paints: judge it, and follow a pattern into its own content."""
        if space is None:
            return
        if type(space) is str:      # set by g/rg/k (or the initial state): a device space
            resolved = family = space
        else:
            resolved = _resolve_space(space, resources)
            family = _family(resolved, resources)
        if family == "/Pattern":
            pattern_name = state.fill_pattern if which == "f" else state.stroke_pattern
            self.pattern(pattern_name, resolved, resources, state, op, which, depth)
            return
        if family == "/DeviceCMYK" or (family == "/DeviceGray" and type(resolved) is str):
            problem = None          # allowed by every standard: the common case, made quick
        else:
            problem = _space_problem(resolved, resources, self.standard)
        if problem:
            label = _space_label(resolved)
            entry = self.seen.colours.setdefault((self.page, label, problem),
                                                 {"count": 0, "set": set(), "paint": set()})
            entry["count"] += 1
            if op != "sh":
                entry["set"].add(state.fill_set if which == "f" else state.stroke_set)
            entry["paint"].add(PAINTS.get(op, "fills" if which == "f" else "strokes"))
        if family == "/DeviceCMYK" and op != "sh" and printed:
            values = state.fill if which == "f" else state.stroke
            if len(values) == 4:
                self.seen.cmyk_colours[(self.page, tuple(round(v, 4) for v in values))] += 1

    def pattern(self, name, space, resources, state: _State, op: str, which: str,
                depth: int) -> None:
        patterns = resources.get("/Pattern", {}) if resources is not None else {}
        pattern = patterns.get(name) if isinstance(patterns, pikepdf.Dictionary) and name else None
        if isinstance(space, pikepdf.Array) and len(space) > 1:      # uncoloured: [/Pattern base]
            base_state = state.copy()
            base_state.fill_cs = base_state.stroke_cs = space[1]
            self.use_colour(space[1], resources, op, base_state, which, depth)
        if pattern is None:
            return
        if int(pattern.get("/PatternType", 1)) == 2:                 # shading pattern
            shading = pattern.get("/Shading")
            if shading is not None:
                self.use_colour(shading.get("/ColorSpace"), resources, op, state, which, depth)
            return
        key = _key(pattern)
        if key in self.patterns_done or depth >= MAX_DEPTH:
            return
        self.patterns_done.add(key)
        matrix = _floats(pattern.get("/Matrix", [1, 0, 0, 1, 0, 0]))
        inner = _State(ctm=matrix if len(matrix) == 6 else IDENTITY)
        try:
            instructions = pikepdf.parse_content_stream(pattern)
        except pikepdf.PdfError:
            return
        self.interpret(instructions, pattern.get("/Resources", resources), inner, depth + 1)

    def ext_gstate(self, name, resources, state: _State) -> None:
        states = resources.get("/ExtGState", {}) if resources is not None else {}
        gs = states.get(name) if isinstance(states, pikepdf.Dictionary) else None
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
        where = f"ExtGState {name}"
        smask = gs.get("/SMask")
        if smask is not None and smask != pikepdf.Name.None_:
            self.seen.transparency[(self.page, where)] = (where, f"{where} sets a soft mask")
        for key in ("/CA", "/ca"):
            if key in gs and float(gs[key]) < 1:
                self.seen.transparency[(self.page, where)] = (
                    where, f"{where} sets {key[1:]} {float(gs[key]):g} (opacity below 1)")
        blend = gs.get("/BM")
        if isinstance(blend, pikepdf.Array):
            blend = blend[0] if len(blend) else None
        if blend is not None and str(blend) not in ("/Normal", "/Compatible"):
            self.seen.transparency[(self.page, where)] = (where, f"{where} sets blend mode {blend}")
        for key in ("/TR", "/TR2"):
            finding = Finding("error", "pdfx", self.page, where,
                              f"{where} sets a transfer function ({key[1:]}), which PDF/X "
                              "forbids: remove it (set the tone curve in the image instead)")
            if key in gs and gs[key] != pikepdf.Name.Default and finding not in self.seen.other:
                self.seen.other.append(finding)

    # -- XObjects and images

    def do(self, name, resources, state: _State, depth: int) -> None:
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        xobject = xobjects.get(name) if isinstance(xobjects, pikepdf.Dictionary) else None
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self.seen.placements.append(_Placement(self.page, str(name), xobject, _key(xobject),
                                                   state.ctm, resources))
            if xobject.get("/ImageMask", False):            # a stencil paints the fill colour
                self.paint(state, resources, "f", "Do", depth)
        elif subtype == "/Form":
            key = (_key(xobject), state.ctm)
            if depth >= MAX_DEPTH or key in self.forms_done:
                return
            self.forms_done.add(key)
            group = xobject.get("/Group")
            if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
                self.seen.transparency[(self.page, f"form {name}")] = (
                    str(name), f"form XObject {name} is a transparency group")
            matrix = _floats(xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
            inner = state.copy()
            inner.ctm = _mul(matrix, state.ctm) if len(matrix) == 6 else state.ctm
            try:
                instructions = pikepdf.parse_content_stream(xobject)
            except pikepdf.PdfError:
                return
            self.interpret(instructions, xobject.get("/Resources", resources), inner, depth + 1)
        elif subtype == "/PS":
            self.seen.other.append(Finding(
                "error", "pdfx", self.page, str(name),
                f"PostScript XObject {name}: PDF/X forbids PostScript; remove it"))

    def inline_image(self, image, resources, state: _State) -> None:
        index = sum(p.inline and p.page == self.page for p in self.seen.placements) + 1
        self.seen.placements.append(_Placement(self.page, f"inline image {index}", image,
                                               ("inline", self.page, index), state.ctm,
                                               resources, inline=True))
        if getattr(image, "image_mask", False):
            self.paint(state, resources, "f", "BI", 0)


# ------------------------------------------------------------------------------ colour spaces

def _resolve_space(space, resources):
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


def _family(space, resources=None) -> str:
    space = _resolve_space(space, resources)
    if isinstance(space, pikepdf.Name):
        return str(space)
    if isinstance(space, pikepdf.Array) and len(space):
        name = INLINE_ABBREVIATIONS.get(str(space[0]), str(space[0]))
        if name == "/ICCBased":
            return "/ICCBased"
        return name
    return "?"


def _icc_components(space) -> int:
    try:
        return int(space[1].get("/N", 0))
    except (AttributeError, IndexError, TypeError, ValueError):
        return 0


def _space_label(space) -> str:
    """A colour space as a person would name it: DeviceRGB, ICCBased RGB, Indexed DeviceRGB…"""
    family = _family(space)
    if isinstance(space, pikepdf.Name) or not isinstance(space, pikepdf.Array):
        return family.lstrip("/")
    if family == "/ICCBased":
        return "ICCBased " + {1: "Gray", 3: "RGB", 4: "CMYK"}.get(_icc_components(space), "?")
    if family == "/Indexed" and len(space) > 1:
        return "Indexed " + _space_label(_resolve_space(space[1], None))
    if family == "/Separation" and len(space) > 2:
        return f"Separation {space[1]} (alternate {_space_label(_resolve_space(space[2], None))})"
    if family == "/DeviceN" and len(space) > 2:
        return f"DeviceN (alternate {_space_label(_resolve_space(space[2], None))})"
    if family == "/Pattern" and len(space) > 1:
        return "Pattern " + _space_label(_resolve_space(space[1], None))
    return family.lstrip("/")


def _space_problem(space, resources, standard: str, depth: int = 0) -> str | None:
    """Why the standard forbids painting in `space`, or None if it allows it."""
    if depth > 4:
        return None
    space = _resolve_space(space, resources)
    family = _family(space, resources)
    x1a = standard.startswith("PDF/X-1a")
    if family in ("/DeviceGray", "/DeviceCMYK"):
        return None
    if family == "/DeviceRGB":
        if x1a:
            return "RGB"
        spaces = resources.get("/ColorSpace", {}) if resources is not None else {}
        if isinstance(spaces, pikepdf.Dictionary) and "/DefaultRGB" in spaces:
            return None
        return "device RGB"
    if family in ("/Indexed", "/Separation", "/DeviceN", "/Pattern"):
        if not isinstance(space, pikepdf.Array) or len(space) < 2:
            return None
        if family in ("/Indexed", "/Pattern"):
            base = space[1]
        else:                       # Separation, DeviceN: the alternate space
            base = space[2] if len(space) > 2 else None
        return None if base is None else _space_problem(base, resources, standard, depth + 1)
    if not x1a:
        return None                 # ICC-based and Lab colour are colour-managed, allowed
    if family == "/ICCBased":
        return {3: "RGB", 4: "ICC-based CMYK", 1: "ICC-based grey"}.get(_icc_components(space),
                                                                      "ICC-based")
    if family == "/Lab":
        return "Lab"
    if family in ("/CalRGB", "/CalGray"):
        return "calibrated colour"
    return None


def _initial_colour(space, resources) -> tuple:
    family = _family(space, resources)
    return {"/DeviceCMYK": (0.0, 0.0, 0.0, 1.0), "/DeviceRGB": (0.0, 0.0, 0.0)}.get(family, (0.0,))


# ------------------------------------------------------------------------------ fonts

def _fonts(seen: _Seen) -> list[Finding]:
    findings = []
    for font, resource_name, pages in seen.fonts.values():
        base = str(font.get("/BaseFont", resource_name)).lstrip("/")
        bare = SUBSET_TAG.sub("", base)
        page = pages[0]
        where = f"used on page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}"
        subtype = str(font.get("/Subtype", "?"))
        if subtype == "/Type3":
            findings.append(Finding("warning", "fonts", page, base or resource_name,
                                    f"Type 3 font ({where}): glyphs are drawn procedures, often "
                                    "bitmaps that print poorly; use an outline (TrueType/"
                                    "OpenType) font"))
            continue
        descriptor = None
        if subtype == "/Type0":
            descendants = font.get("/DescendantFonts")
            if isinstance(descendants, pikepdf.Array) and len(descendants):
                descriptor = descendants[0].get("/FontDescriptor")
        else:
            descriptor = font.get("/FontDescriptor")
        program = None
        if isinstance(descriptor, pikepdf.Dictionary):
            program = next((descriptor[k] for k in ("/FontFile", "/FontFile2", "/FontFile3")
                            if k in descriptor), None)
        if program is None:
            if bare in STANDARD_14:
                message = (f"standard-14 font {bare} is not embedded ({where}); PDF/X needs "
                           "every font embedded, the base 14 too: embed it or set the text "
                           "in an embedded face")
            else:
                message = (f"font {base} is not embedded ({where}); PDF/X needs every font "
                           "embedded: embed it (as a subset)")
            findings.append(Finding("error", "fonts", page, base, message))
            continue
        try:
            empty = len(program.read_raw_bytes()) == 0
        except pikepdf.PdfError:
            empty = True
        if empty:
            findings.append(Finding("error", "fonts", page, base,
                                    f"font {base}'s embedded program is empty or unreadable "
                                    f"({where}): embed it again"))
        if not SUBSET_TAG.match(base):
            findings.append(Finding("warning", "fonts", page, base,
                                    f"font {base} is embedded in full, not as a subset ({where}): "
                                    "subset it (ABCDEF+ name) to keep the file small"))
        if "/ToUnicode" not in font:
            findings.append(Finding("warning", "fonts", page, base,
                                    f"font {base} has no /ToUnicode map ({where}): its text "
                                    "cannot be copied or searched; write a ToUnicode CMap"))
    return findings


# ------------------------------------------------------------------------------ images

def _filters(stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return [str(v) for v in value]
    return [str(value)]


def _image_label(placement: _Placement, photos=()) -> str:
    a, b, c, d = placement.ctm[:4]
    width, height = math.hypot(a, b), math.hypot(c, d)
    for page, photo_width, photo_height, name in photos:    # the photo it was made from
        if page == placement.page and abs(width - photo_width) < 0.5 \
                and abs(height - photo_height) < 0.5:
            return name
    if placement.inline:
        return placement.name
    number = _objnum(placement.image)
    return f"{placement.name} (obj {number})" if number is not None else placement.name


def _image_info(placement: _Placement):
    """Width, height, bits per component, colour space, filters, is-mask, SMask."""
    image = placement.image
    if placement.inline:
        obj = image.obj
        def get(*keys, default=None):
            return next((obj[k] for k in keys if k in obj), default)
        filters = get("/Filter", "/F")
        filters = ([str(f) for f in filters] if isinstance(filters, pikepdf.Array)
                   else [str(filters)] if filters is not None else [])
        filters = [{"/AHx": "/ASCIIHexDecode", "/A85": "/ASCII85Decode", "/LZW": "/LZWDecode",
                    "/Fl": "/FlateDecode", "/RL": "/RunLengthDecode", "/CCF": "/CCITTFaxDecode",
                    "/DCT": "/DCTDecode"}.get(f, f) for f in filters]
        return (int(get("/Width", "/W", default=0)), int(get("/Height", "/H", default=0)),
                int(get("/BitsPerComponent", "/BPC", default=8)),
                get("/ColorSpace", "/CS"), filters, bool(get("/ImageMask", "/IM", default=False)),
                None)
    return (int(image.get("/Width", 0)), int(image.get("/Height", 0)),
            int(image.get("/BitsPerComponent", 8)), image.get("/ColorSpace"), _filters(image),
            bool(image.get("/ImageMask", False)), image.get("/SMask"))


def _images(seen: _Seen, standard: str, min_ppi: float) -> list[Finding]:
    findings = []
    x1a = standard.startswith("PDF/X-1a")
    judged: set = set()
    lowest: dict = {}           # (image key, page) → (ppi, placement, width mm, height mm)
    for placement in seen.placements:
        label = _image_label(placement, seen.photos)
        width, height, bpc, space, filters, is_mask, smask = _image_info(placement)
        page = placement.page
        if placement.key not in judged:
            judged.add(placement.key)
            if not is_mask and space is not None:
                resolved = _resolve_space(space, placement.resources)
                problem = _space_problem(resolved, placement.resources, standard)
                if problem:
                    fix = ("convert it to CMYK with the output profile" if x1a
                           else "give it an ICC profile (ICCBased) or convert it to CMYK")
                    findings.append(Finding("error", "images", page, label,
                                            f"image {label} is {_space_label(resolved)} "
                                            f"({problem} is not allowed in {standard}): {fix}"))
            if x1a and bpc == 16:
                findings.append(Finding("error", "images", page, label,
                                        f"image {label} has 16 bits per component (PDF 1.5; "
                                        f"{standard} allows 8 at most): save it as 8-bit"))
            bad = [f for f in filters if f in ("/LZWDecode", "/JBIG2Decode", "/JPXDecode")]
            if x1a and bad:
                findings.append(Finding("error", "images", page, label,
                                        f"image {label} is compressed with "
                                        f"{', '.join(b.lstrip('/') for b in bad)}, which "
                                        f"{standard} forbids: recompress it with Flate or JPEG"))
            if not placement.inline:
                for key in ("/OPI", "/Alternates"):
                    if key in placement.image:
                        findings.append(Finding("error", "images", page, label,
                                                f"image {label} has {key[1:]}, which PDF/X "
                                                f"forbids: remove it"))
                if x1a and (smask is not None or int(placement.image.get("/SMaskInData", 0))):
                    seen.transparency[(page, label)] = (
                        label, f"image {label} has a soft mask (SMask): flatten it "
                               "onto its background")
        if is_mask or not width or not height:
            continue
        a, b, c, d = placement.ctm[:4]
        placed_w, placed_h = math.hypot(a, b), math.hypot(c, d)       # points
        if placed_w < 1e-6 or placed_h < 1e-6:
            continue
        ppi = min(width / (placed_w / 72), height / (placed_h / 72))
        key = (placement.key, page)
        if key not in lowest or ppi < lowest[key][0]:
            lowest[key] = (ppi, placement, placed_w / MM, placed_h / MM, width, height)
    for (_, page), (ppi, placement, w_mm, h_mm, width, height) in lowest.items():
        if ppi < min_ppi:
            label = _image_label(placement, seen.photos)
            # the widest it may be placed at min_ppi, keeping its proportions on the page
            largest = min(width / min_ppi * 25.4, height / min_ppi * 25.4 * w_mm / h_mm)
            findings.append(Finding(
                "warning", "images", page, label,
                f"image {label} is {ppi:.0f} ppi: {width} × {height} px placed "
                f"{w_mm:.1f} × {h_mm:.1f} mm (minimum {min_ppi:g} ppi): use a larger original "
                f"or place it at most {largest:.0f} mm wide"))
    return findings


# ------------------------------------------------------------------------------ ink

def _tac(im, limit: float) -> tuple[float, float]:
    """A CMYK image's largest total area coverage in percent, and the share of its area
    over `limit` percent. Large images are box-averaged to about INK_SAMPLE_PIXELS first."""
    pixels = im.width * im.height
    if pixels > INK_SAMPLE_PIXELS:
        factor = math.ceil(math.sqrt(pixels / INK_SAMPLE_PIXELS))
        im = im.reduce(factor)
    threshold = limit * 255 / 100
    try:
        import numpy
    except ImportError:
        numpy = None
    if numpy is not None:
        total = numpy.asarray(im, dtype=numpy.uint16).sum(axis=2)
        return float(total.max()) * 100 / 255, float((total > threshold).mean())
    from PIL import ImageMath
    c, m, y, k = im.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                  c=c, m=m, y=y, k=k)
    highest = total.getextrema()[1]
    over = ImageMath.lambda_eval(lambda a: (a["t"] > threshold) * 255, t=total).convert("L")
    share = over.histogram()[255] / max(1, im.width * im.height)
    return highest * 100 / 255, share


def _decoded_cmyk(placement: _Placement):
    """The image as a Pillow CMYK image (Decode array applied), or None if it is not CMYK."""
    image = placement.image
    if placement.inline:
        pdf_image = image
    else:
        pdf_image = pikepdf.PdfImage(image)
    im = pdf_image.as_pil_image(apply_mask=False)
    if im.mode == "CMYK":
        return im
    if im.mode == "P":          # an Indexed image on a CMYK base
        try:
            return im.convert("CMYK") if pdf_image.palette[0] == "CMYK" else None
        except Exception:       # noqa: BLE001 — Pillow has no CMYK palettes everywhere
            return None
    return None


def _ink(seen: _Seen, max_ink: float) -> list[Finding]:
    findings = []
    done: set = set()
    for placement in seen.placements:
        if placement.key in done:
            continue
        done.add(placement.key)
        _, _, _, space, _, is_mask, _ = _image_info(placement)
        if is_mask or space is None:
            continue
        resolved = _resolve_space(space, placement.resources)
        family = _family(resolved, placement.resources)
        base = resolved
        if family == "/Indexed" and isinstance(resolved, pikepdf.Array) and len(resolved) > 1:
            base = _resolve_space(resolved[1], placement.resources)
        if not (_family(base) == "/DeviceCMYK"
                or (_family(base) == "/ICCBased" and _icc_components(base) == 4)):
            continue
        label = _image_label(placement, seen.photos)
        try:
            im = _decoded_cmyk(placement)
        except Exception as error:      # noqa: BLE001 — an undecodable image is reported
            findings.append(Finding("warning", "ink", placement.page, label,
                                    f"image {label} could not be decoded to measure its ink "
                                    f"({type(error).__name__}: {error}); check it in Acrobat"))
            continue
        if im is None:
            continue
        highest, share = _tac(im, max_ink)
        if highest > max_ink + 0.5:
            findings.append(Finding(
                "error", "ink", placement.page, label,
                f"image {label} reaches {highest:.0f}% total ink (C+M+Y+K; {share:.0%} of its "
                f"area over {max_ink:g}%): convert it with the printer's profile (GCR/ink limit "
                f"{max_ink:g}%)"))
    worst: dict = {}
    for (page, values), count in seen.cmyk_colours.items():
        total = sum(values) * 100
        if total > max_ink + 0.5 and (page not in worst or total > worst[page][0]):
            worst[page] = (total, values, count)
    for page, (total, values, _) in worst.items():
        colour = "C{:.0f} M{:.0f} Y{:.0f} K{:.0f}".format(*(v * 100 for v in values))
        findings.append(Finding(
            "error", "ink", page, colour,
            f"colour {colour} is {total:.0f}% total ink (limit {max_ink:g}%): use less "
            f"(rich black for newsprint: e.g. C40 M30 Y30 K100 at most)"))
    return findings


# ------------------------------------------------------------------------------ colour

def _colour(seen: _Seen, standard: str) -> list[Finding]:
    findings = []
    for (page, label, problem), entry in seen.colours.items():
        how = ", ".join(sorted(op for op in entry["set"] if op))
        what = " and ".join(sorted(entry["paint"]))
        if standard.startswith("PDF/X-1a"):
            fix = "PDF/X-1a allows CMYK, grey and spot colour only: convert it to CMYK"
        else:
            fix = "PDF/X-4 needs RGB to be ICC-based (or a DefaultRGB space): tag or convert it"
        findings.append(Finding("error", "colour", page, label,
                                f"{label} colour{f' ({how})' if how else ''} paints {what} "
                                f"{entry['count']} time{'s' * (entry['count'] != 1)}: {fix}"))
    for page, (count, size, (c, m, y, k)) in seen.rich_black.items():
        colour = f"C{c * 100:.0f} M{m * 100:.0f} Y{y * 100:.0f} K{k * 100:.0f}"
        findings.append(Finding(
            "warning", "colour", page, colour,
            f"rich black small text: {count} text run{'s' * (count != 1)} under "
            f"{SMALL_TEXT_PT:g} pt (down to {size:.1f} pt) in {colour}; misregistration "
            "blurs it: set small text in K only"))
    for page, count in seen.knockout_black.items():
        findings.append(Finding(
            "info", "colour", page, "K100 text",
            f"{count} black text run{'s' * (count != 1)} do not overprint (needs op true and "
            "OPM 1): misregistration leaves white edges; set black text to overprint"))
    return findings


# ------------------------------------------------------------------------------ boxes

def _box(page_obj, name: str):
    value = page_obj.get(name)
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    x0, y0, x1, y1 = _floats(value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner, outer, tolerance=0.01) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def _fmt_box(box) -> str:
    return "[" + " ".join(f"{v:.2f}" for v in box) + "]"


def _boxes(document, bleed_mm: float) -> list[Finding]:
    findings = []
    for number, page in enumerate(document.pages, start=1):
        obj = page.obj
        media = _floats(page.mediabox)
        media = (min(media[0], media[2]), min(media[1], media[3]),
                 max(media[0], media[2]), max(media[1], media[3]))
        crop = _box(obj, "/CropBox")
        trim, art = _box(obj, "/TrimBox"), _box(obj, "/ArtBox")
        bleed = _box(obj, "/BleedBox")
        if trim is None and art is None:
            findings.append(Finding("error", "boxes", number, "TrimBox",
                                    "no TrimBox (nor ArtBox): PDF/X needs the finished page "
                                    "size; set a TrimBox"))
            continue
        if trim is not None and art is not None:
            findings.append(Finding("warning", "boxes", number, "ArtBox",
                                    "both TrimBox and ArtBox: PDF/X wants one of them; drop the "
                                    "ArtBox"))
        finished, finished_name = (trim, "TrimBox") if trim is not None else (art, "ArtBox")
        if not _inside(finished, media):
            findings.append(Finding("error", "boxes", number, finished_name,
                                    f"{finished_name} {_fmt_box(finished)} is not inside the "
                                    f"MediaBox {_fmt_box(media)}: enlarge the MediaBox"))
        if bleed is None:
            if bleed_mm > 0:
                findings.append(Finding("warning", "boxes", number, "BleedBox",
                                        f"no BleedBox, so no bleed (wanted {bleed_mm:g} mm): "
                                        "set a BleedBox around the TrimBox"))
            outer = crop or media
        else:
            if not _inside(finished, bleed):
                findings.append(Finding("error", "boxes", number, "BleedBox",
                                        f"{finished_name} {_fmt_box(finished)} is not inside the "
                                        f"BleedBox {_fmt_box(bleed)}: PDF/X needs "
                                        f"{finished_name} ⊆ BleedBox ⊆ MediaBox"))
            if not _inside(bleed, media):
                findings.append(Finding("error", "boxes", number, "BleedBox",
                                        f"BleedBox {_fmt_box(bleed)} is not inside the MediaBox "
                                        f"{_fmt_box(media)}: enlarge the MediaBox"))
            margins = (finished[0] - bleed[0], finished[1] - bleed[1],
                       bleed[2] - finished[2], bleed[3] - finished[3])
            margins_mm = [v / MM for v in margins]
            if any(abs(v - bleed_mm) > BOX_TOLERANCE_MM for v in margins_mm):
                findings.append(Finding(
                    "warning", "boxes", number, "BleedBox",
                    "bleed is " + " / ".join(f"{v:.2f}" for v in margins_mm)
                    + f" mm (left/bottom/right/top), wanted {bleed_mm:g} mm on every side: "
                    "set the BleedBox to the TrimBox grown by the bleed"))
            outer = bleed
        if crop is not None and not _inside(outer, crop):
            findings.append(Finding("warning", "boxes", number, "CropBox",
                                    f"CropBox {_fmt_box(crop)} cuts into the "
                                    f"{'BleedBox' if bleed else 'page'}: remove the CropBox or "
                                    "make it the MediaBox"))
    return findings


# ------------------------------------------------------------------------------ PDF/X

def _version(text: str) -> tuple[int, int]:
    match = re.match(r"(\d+)\.(\d+)", str(text).lstrip("/"))
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _info_text(value) -> str:
    try:
        return str(value)
    except (UnicodeDecodeError, pikepdf.PdfError):
        return ""


# The XMP Media Management keys a PDF/X-4 file carries (ISO 15930-7, 6.7).
XMP_IDENTITY = ("xmpMM:DocumentID", "xmpMM:InstanceID", "xmpMM:VersionID",
                "xmpMM:RenditionClass")


def _pdfx(document, standard: str, seen: _Seen) -> list[Finding]:
    findings: list[Finding] = []

    def error(obj: str, message: str, page: int | None = None):
        findings.append(Finding("error", "pdfx", page, obj, message))

    highest, x_version, x_conformance = STANDARDS[standard]
    x1a = standard.startswith("PDF/X-1a")
    root = document.Root

    # version
    version = _version(document.pdf_version)
    if "/Version" in root:
        version = max(version, _version(str(root.Version)))
    if version > highest:
        error("version", f"PDF {version[0]}.{version[1]}: {standard} allows PDF "
                         f"{highest[0]}.{highest[1]} at most; write an older version")

    # Info dictionary
    info = document.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    if x1a:
        for key, wanted in (("/GTS_PDFXVersion", x_version),
                            ("/GTS_PDFXConformance", x_conformance)):
            value = info.get(key)
            if value is None:
                error(key[1:], f"Info has no {key[1:]}: set it to ({wanted})")
            elif _info_text(value) != wanted:
                error(key[1:], f"Info {key[1:]} is ({_info_text(value)}), {standard} wants "
                               f"({wanted})")
    title = info.get("/Title")
    if title is None or not _info_text(title).strip():
        error("Title", "Info has no Title: PDF/X needs one (e.g. the paper, issue and date)")
    for key in ("/CreationDate", "/ModDate"):
        value = info.get(key)
        if value is None:
            error(key[1:], f"Info has no {key[1:]}: PDF/X needs it (D:YYYYMMDDHHmmSS+08'00')")
        elif not PDF_DATE.match(_info_text(value)):
            error(key[1:], f"Info {key[1:]} ({_info_text(value)}) is not a PDF date "
                           "(D:YYYYMMDDHHmmSS+08'00')")
    trapped = info.get("/Trapped")
    if trapped is None:
        error("Trapped", "Info has no Trapped: PDF/X needs /True or /False")
    elif not isinstance(trapped, pikepdf.Name):
        error("Trapped", f"Info Trapped is the string ({_info_text(trapped)}), not a name: "
                         "write /True or /False")
    elif str(trapped) not in ("/True", "/False"):
        error("Trapped", f"Info Trapped is {trapped}: PDF/X needs /True or /False")

    if "/ID" not in document.trailer:
        error("ID", "the trailer has no /ID: PDF/X needs a file identifier")
    if "/Encrypt" in document.trailer or document.is_encrypted:
        error("Encrypt", "the file is encrypted: PDF/X forbids encryption; save it without")

    # XMP (PDF/X-4 is identified there)
    if not x1a:
        if "/Metadata" not in root:
            error("XMP", "no XMP metadata: PDF/X-4 is identified by pdfxid:GTS_PDFXVersion "
                         "in the catalog's /Metadata")
        else:
            try:
                meta = document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
                xmp_version = meta.get(XMP_PDFXID)
                xmp_title = meta.get("dc:title")
            except Exception as problem:        # noqa: BLE001 — broken XMP is a finding
                error("XMP", f"XMP metadata cannot be read ({problem})")
            else:
                if xmp_version is None:
                    error("GTS_PDFXVersion", "XMP has no pdfxid:GTS_PDFXVersion: set it to "
                                             "PDF/X-4")
                elif not str(xmp_version).startswith("PDF/X-4"):
                    error("GTS_PDFXVersion", f"XMP pdfxid:GTS_PDFXVersion is {xmp_version}, "
                                             "wanted PDF/X-4")
                if not xmp_title:
                    error("dc:title", "XMP has no dc:title: PDF/X-4 needs the title there")
                elif title is not None and str(xmp_title) != _info_text(title):
                    error("dc:title", f"XMP dc:title ({xmp_title}) differs from the Info Title "
                                      f"({_info_text(title)}): write the same title in both")
                for key in XMP_IDENTITY:
                    if not meta.get(key):
                        error(key, f"XMP has no {key}: PDF/X-4 (ISO 15930-7) needs it")
                for key, info_key in (("xmp:CreateDate", "CreationDate"),
                                      ("xmp:ModifyDate", "ModDate")):
                    if not meta.get(key):
                        error(key, f"XMP has no {key}: PDF/X-4 needs it (the Info "
                                   f"{info_key}, as an ISO 8601 date)")

    # output intent
    intents = root.get("/OutputIntents")
    intents = list(intents) if isinstance(intents, pikepdf.Array) else []
    pdfx_intents = [i for i in intents if isinstance(i, pikepdf.Dictionary)
                    and i.get("/S") == "/GTS_PDFX"]
    if not pdfx_intents:
        error("OutputIntents", "no output intent of subtype /GTS_PDFX: add one naming the "
                               "printing condition (OutputConditionIdentifier) with its ICC "
                               "profile (DestOutputProfile)")
    elif len(pdfx_intents) > 1:
        error("OutputIntents", f"{len(pdfx_intents)} /GTS_PDFX output intents: PDF/X allows "
                               "exactly one")
    if pdfx_intents:
        intent = pdfx_intents[0]
        identifier = _info_text(intent.get("/OutputConditionIdentifier", ""))
        if not identifier:
            error("OutputConditionIdentifier", "the output intent has no "
                  "OutputConditionIdentifier: name the printing condition (or Custom)")
        profile = intent.get("/DestOutputProfile")
        registered = bool(_info_text(intent.get("/RegistryName", ""))) and identifier not in (
            "", "Custom")
        if profile is None:
            if not x1a and "/DestOutputProfileRef" in intent:
                pass
            elif not x1a or not registered:
                error("DestOutputProfile",
                      f"the output intent ({identifier or 'unnamed'}) has no DestOutputProfile"
                      + (" and no registered condition (RegistryName): embed the ICC profile"
                         if x1a else ": PDF/X-4 needs the output ICC profile embedded"))
        elif isinstance(profile, pikepdf.Stream):
            n = int(profile.get("/N", 0))
            try:
                header = profile.read_bytes()[:20]
            except pikepdf.PdfError:
                header = b""
            device_class, colour_space = header[12:16], header[16:20]
            if x1a and n != 4:
                error("DestOutputProfile", f"the output profile has /N {n}: PDF/X-1a prints "
                                           "CMYK, so the profile must be CMYK (/N 4)")
            if header and device_class != b"prtr":
                error("DestOutputProfile",
                      f"the output profile is a {device_class.decode('latin-1')!r} profile, not "
                      "an output (printer, 'prtr') profile: use the printer's CMYK profile")
            expected = {1: b"GRAY", 3: b"RGB ", 4: b"CMYK"}.get(n)
            if header and expected and colour_space != expected:
                error("DestOutputProfile", f"the output profile's colour space "
                                           f"{colour_space.decode('latin-1')!r} disagrees with "
                                           f"its /N {n}")

    # JavaScript and actions
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        error("JavaScript", "the document has JavaScript, which PDF/X forbids: remove it")

    # annotations on the printed area
    for number, page in enumerate(document.pages, start=1):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        area = (_box(page.obj, "/BleedBox") or _box(page.obj, "/TrimBox")
                or _box(page.obj, "/ArtBox"))
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            subtype = str(annot.get("/Subtype", ""))
            if subtype in ("/TrapNet", "/PrinterMark", "/Link") or int(annot.get("/F", 0)) & 2:
                continue
            rect = _box(annot, "/Rect")
            if rect and area and rect[0] < area[2] and rect[2] > area[0] \
                    and rect[1] < area[3] and rect[3] > area[1]:
                error(f"annotation {subtype}", f"a {subtype.lstrip('/')} annotation lies on the "
                      "printed area, which PDF/X forbids: remove or flatten it", number)

    # transparency (PDF/X-1a)
    if x1a:
        for (page, _), (obj, message) in seen.transparency.items():
            error(obj, f"transparency: {message} ({standard} forbids transparency)", page)

    # filters of other streams (content, fonts): PDF/X-1a is PDF 1.3/1.4
    if x1a:
        image_keys = {p.key for p in seen.placements}
        for obj in document.objects:
            if not isinstance(obj, pikepdf.Stream) or _key(obj) in image_keys:
                continue
            if obj.get("/Subtype") == "/Image":
                continue
            bad = [f for f in _filters(obj) if f in ("/LZWDecode", "/JBIG2Decode", "/JPXDecode")]
            if bad:
                error(f"obj {_objnum(obj)}", f"stream obj {_objnum(obj)} uses "
                      f"{', '.join(b.lstrip('/') for b in bad)}, which {standard} forbids: "
                      "recompress it with Flate")
            if obj.get("/Type") in ("/ObjStm", "/XRef"):
                error(f"obj {_objnum(obj)}", "compressed object streams (PDF 1.5) are not "
                      f"allowed in {standard}: save without object streams")

    findings += seen.other
    return findings


# ------------------------------------------------------------------------------ the render's own

def _overset(fits) -> list[Finding]:
    findings = []
    for fit in fits:
        text = getattr(fit, "overset_text", "")
        article = str(getattr(fit, "article", "?"))
        headline = getattr(fit, "headline", "")
        for run in getattr(fit, "too_wide", ()):
            findings.append(Finding(
                "error", "overset", getattr(fit, "page", None), article,
                f"story {article}: '{run[:40]}' is wider than its column and is not printed: "
                "break it with a space or a hyphen, shorten it, or widen the column"))
        if not text:
            continue
        preview = text[:12] + ("…" if len(text) > 12 else "")
        findings.append(Finding(
            "error", "overset", getattr(fit, "page", None), article,
            f"story {article}" + (f" ({headline})" if headline else "")
            + f" is overset: {len(text)} characters do not fit ('{preview}'): cut the "
            "story, give it a larger module or continue it on another page"))
    return findings


def _glyphs(substitutions, sources) -> list[Finding]:
    findings = []
    for (role, char), face in sorted(substitutions.items(), key=lambda item: item[0]):
        family = (getattr(face, "family", "") or getattr(face, "name", "")
                  or Path(str(getattr(face, "path", "?"))).stem)
        code = f"U+{ord(char):04X}"
        where = f" (in {sources[char]})" if char in sources else ""
        findings.append(Finding("warning", "glyphs", None, code,
                                f"{code} '{char}'{where} is missing from the {role} font; set "
                                f"in {family}"))
    return findings


# ------------------------------------------------------------------------------ placed files

def placed_content(document, *, standard: str = "PDF/X-1a:2003", min_ppi: float = 170,
                   max_ink: float = 240) -> list[Finding]:
    """What the first page of an open PDF to be placed on a page (an ad) paints, checked as
    the page itself will be: fonts, images, colour, ink and (PDF/X-1a) transparency. The
    file's own PDF/X keys and boxes do not matter: the issue's PDF carries its own."""
    standard = ALIASES.get(standard, standard)
    seen = _Seen()
    _PageWalker(seen, 1, standard).run_page(document.pages[0])
    findings = [*seen.other, *_fonts(seen), *_images(seen, standard, min_ppi),
                *_colour(seen, standard), *_ink(seen, max_ink)]
    if standard.startswith("PDF/X-1a"):
        findings += [Finding("error", "pdfx", page, obj, f"transparency: {message} ({standard} "
                                                         "forbids transparency)")
                     for (page, _), (obj, message) in seen.transparency.items()]
    return _sorted(findings)
