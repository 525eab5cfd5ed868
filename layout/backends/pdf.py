"""PDF backend: a display-list Document → a PDF file, through ReportLab and pikepdf.

Thin on purpose: it converts coordinates (display list: points from the trim box's top-left,
y down; PDF: from the media box's bottom-left, y up), embeds each face as a subset
(`pdffont`), and draws. ReportLab's canvas draws the pages (its public API: boxes, colours,
overprint, paths; the text and `Do` operators Broadsheet writes itself as literals); pikepdf
then adds what those operators name — the fonts, the photos and the ads' pages — with the
PDF/X keys, in one pass (`pdfx.finish_pdfx`).
Page boxes: TrimBox is the finished page, BleedBox adds the bleed, MediaBox adds a slug for
the marks.
"""
from __future__ import annotations

import hashlib
import io
import zlib
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pikepdf
from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .. import display as dl
from ..color import require_profile, separate
from ..fonts import Face, FontSubset, embeddable_subsets, face_metrics
from ..output import atomic_output
from ..photo import READING, read_photo
from ..session import file_key, memoised
from ..style.settings import PrintSettings
from .formxobject import Forms, add_resources
from .pdffont import FLATE, code, font_object
from .pdfx import finish_pdfx

# Binary (Flate) streams, not ASCII85: smaller files, and ReportLab's pure-Python ASCII85
# encoder was a third of the time of a page with photos.
rl_config.useA85 = 0


def write_pdf(document: dl.Document, path: Path, press: PrintSettings = PrintSettings()
              ) -> dict[Path, tuple[int, int]]:
    """Write the document as PDF/X (`press.standard`): CMYK only for X-1a, photos separated
    with the press profile, black overprinting; then the PDF/X keys. Returns, for each photo,
    how many of its pixels the ink guard touched and how many it has. Drawn in memory and
    written once, whole, keys included: `path` holds its old PDF until the new one replaces
    it (`atomic_output`)."""
    require_profile(press.profile, press.profile_package)
    first = document.pages[0]
    drawn = io.BytesIO()
    pdf = canvas.Canvas(drawn, pagesize=_media_size(first, press), pageCompression=1,
                        initialFontName=_initial_font(), invariant=1,
                        enforceColorSpace="sep_cmyk")    # CMYK, and /All for the marks
    photos = _Photos(document, press)
    fonts = _Fonts(document)
    pdf.setTitle(document.title)
    pdf.setSubject(document.subject)
    pdf.setCreator("Broadsheet")
    pdf.setProducer("Broadsheet (ReportLab)")
    forms = Forms()                 # PDF pages (ads, logos), copied in after ReportLab
    for index, page in enumerate(document.pages):
        _draw_page(pdf, page, fonts, photos, press,
                   lambda form, to_pdf, index=index: forms.operators(form, index, to_pdf))
        pdf.showPage()
    pdf.save()

    def attach(finished: pikepdf.Pdf) -> None:
        """What the drawn operators name, added to the pages' resources."""
        fonts.attach(finished)
        photos.attach(finished)
        forms.attach(finished)
    # what the attached objects are made of, for a PDF/X-4's identity (`pdfx.xmp_identity`;
    # the other standards carry none, so their renders skip joining the font programs)
    attached = b"".join([*(subset.program for _, subset, _ in fonts.subsets),
                         *(name.encode() for name in photos.drawn),
                         *(file_key(source).encode() for source in forms.names)]) \
        if press.standard == "PDF/X-4" else b""
    with atomic_output(path) as temporary:
        finish_pdfx(drawn, temporary, document.title, press, attach, attached)
    return photos.guarded


def _media_size(page: dl.Page, press: PrintSettings) -> tuple[float, float]:
    margin = page.bleed + press.slug
    return page.width + 2 * margin, page.height + 2 * margin


def _draw_page(pdf: canvas.Canvas, page: dl.Page, fonts: "_Fonts", photos: "_Photos",
               press: PrintSettings, form_operators=None) -> None:
    width, height = _media_size(page, press)
    pdf.setPageSize((width, height))
    margin = page.bleed + press.slug
    pdf.setTrimBox((margin, margin, margin + page.width, margin + page.height))
    bleed = press.slug
    pdf.setBleedBox((bleed, bleed, width - bleed, height - bleed))

    def to_pdf(x: float, y: float) -> tuple[float, float]:
        return margin + x, margin + page.height - y

    overprinting = fill = None
    for item in page.items:
        # Black alone overprints: no white gap round type if the plates shift a hair.
        overprint = press.overprint_black and getattr(item, "color", None) == dl.BLACK
        if overprint != overprinting:
            pdf.setFillOverprint(overprint)
            pdf.setStrokeOverprint(overprint)
            pdf.setOverprintMask(overprint)
            overprinting = overprint
        if isinstance(item, dl.TextLine):
            if item.color != fill:
                pdf.setFillColor(_colour(item.color))
                fill = item.color
            pdf.addLiteral(fonts.operators(item, *to_pdf(item.x, item.y)))
        elif isinstance(item, dl.Rule):
            pdf.setStrokeColor(_colour(item.color))
            pdf.setLineWidth(item.width)
            pdf.line(*to_pdf(item.x1, item.y1), *to_pdf(item.x2, item.y2))
        elif isinstance(item, dl.Rect):
            pdf.setFillColor(_colour(item.color))
            fill = item.color
            x, y = to_pdf(item.x, item.y + item.height)
            pdf.rect(x, y, item.width, item.height, stroke=0, fill=1)
        elif isinstance(item, dl.Circle):
            pdf.setStrokeColor(_colour(item.color))
            pdf.setLineWidth(item.width)
            pdf.circle(*to_pdf(item.x, item.y), item.radius, stroke=1, fill=0)
        elif isinstance(item, dl.Image):
            _draw_image(pdf, item, to_pdf, photos.name(item, pdf.getPageNumber() - 1))
        elif isinstance(item, dl.Form):
            pdf.addLiteral(form_operators(item, to_pdf))
        elif isinstance(item, dl.Box):
            pdf.setStrokeColor(_colour(item.color))
            pdf.setLineWidth(item.weight)
            x, y = to_pdf(item.x, item.y + item.height)
            if item.radius:
                pdf.roundRect(x, y, item.width, item.height, item.radius, stroke=1, fill=0)
            else:
                pdf.rect(x, y, item.width, item.height, stroke=1, fill=0)


def _colour(colour: tuple | dl.Separation):
    """A display-list colour as ReportLab's: process CMYK, or a separation (ReportLab writes
    /Separation /All with the CMYK alternate as its tint transform)."""
    if isinstance(colour, dl.Separation):
        return CMYKColorSep(*colour.alternate, spotName=colour.name, density=1)
    return CMYKColor(*colour)


def _initial_font() -> str:
    """The canvas's initial font (the public `Canvas(initialFontName=…)`): Vera, the TrueType
    font ReportLab comes with. ReportLab selects a Type 1 initial font at the top of every page
    (Helvetica unless told: an unembedded font, which PDF/X refuses), a TrueType one only once
    text is drawn in it; Broadsheet draws none in it (it writes its own text operators), so
    nothing of it is written (`test_fonts_are_embedded_cff_subsets_with_unicode`: a page's
    one font is its face). A face the pages use cannot be it (ReportLab reads no CFF
    outlines, Noto CJK's), and taking Helvetica out afterwards would rewrite every page."""
    name = "Vera"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, "Vera.ttf"))
    return name


class _Fonts:
    """How each character of each face is written: its PDF font and two-byte code.

    Every character a face sets in the document is asked for up front, so the fonts and
    codes are independent of drawing order, and the text operators are written here
    directly — ReportLab's text objects cost more than the rest of the PDF.
    """

    def __init__(self, document: dl.Document):
        chars: dict[Face, set[str]] = defaultdict(set)
        for page in document.pages:
            for item in page.items:
                if isinstance(item, dl.TextLine):
                    for char, _, face, _, _ in item.glyphs:
                        chars[face].add(char)
        self.codes: dict[Face, dict[str, tuple[str, str]]] = {}
        self.advances: dict[Face, dict[str, float]] = {}
        self.subsets: list[tuple[str, FontSubset, dict[str, float]]] = []   # name, subset, em
        signature = []
        for face in sorted(chars, key=lambda face: face.key):
            metrics = face_metrics(face)
            advances = {char: metrics.advance(char) if metrics.has(char) else 0.0
                        for char in chars[face]}
            codes = {}
            for subset in embeddable_subsets(face, chars[face]):
                name = f"BS{len(signature) + 1}"    # not F…, which ReportLab gives its own
                self.subsets.append((name, subset, advances))
                codes.update((char, (f"/{name}", code(number)))
                             for char, number in subset.glyphs.items())
                signature.append((face.key, "".join(sorted(subset.glyphs))))
            self.codes[face], self.advances[face] = codes, advances
        # What the codes depend on, for remembering text operators between documents.
        self.signature = hashlib.sha1(repr(signature).encode()).hexdigest()

    def attach(self, pdf: pikepdf.Pdf) -> None:
        """Every subset as a font of every page."""
        fonts = {name: font_object(pdf, subset, advances)
                 for name, subset, advances in self.subsets}
        for page in pdf.pages:
            add_resources(pdf, page, "/Font", fonts)

    def operators(self, line: dl.TextLine, x: float, y: float) -> str:
        """The line's text operators at (x, y), remembered for the next document written
        with the same fonts: a re-render in `serve` rewrites only the lines that changed."""
        # Keyed on the glyphs' identity, not their value (hashing every glyph of every line
        # cost more than it saved): a line of a paragraph `serve` kept in memory has the same
        # glyphs object render after render, and the entry holds it, so no other object can
        # come to have its id.
        return _line_operators(line, x, y, self)[1]


OPERATORS_MEMORY = 200_000       # lines: an eight-page issue has about 5 500


@memoised("text operators", memory=OPERATORS_MEMORY,
          key=lambda line, x, y, fonts: (fonts.signature, id(line.glyphs), line.size, x, y))
def _line_operators(line: dl.TextLine, x: float, y: float, fonts: _Fonts) -> tuple:
    """The line's glyphs (held, so that no other object comes to have their id while the
    entry lives) and its text operators."""
    return line.glyphs, _text_operators(line, x, y, fonts)


def _num(value: float) -> str:
    """A PDF number: four decimals (1/10 000 pt), no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def _text_operators(line: dl.TextLine, x: float, y: float, fonts: _Fonts) -> str:
    """One line as text operators, in as few runs as possible: a run shares face, scale, offset
    and letter spacing (Tc), so justified text is one Tj per line and subset."""
    size = _num(line.size)
    out = ["BT"]
    font = scale = spacing = None       # the text state so far
    for face, run_scale, run_x, run_y, chars, run_spacing in _runs(line, fonts):
        if run_scale != scale:
            out.append(f"{_num(run_scale * 100)} Tz")
            scale = run_scale
        if run_spacing != spacing:
            out.append(f"{_num(run_spacing)} Tc")
            spacing = run_spacing
        out.append(f"1 0 0 1 {_num(x + run_x)} {_num(y - run_y)} Tm")
        hexes: list[str] = []
        for subset, code in map(fonts.codes[face].__getitem__, chars):
            if subset != font:
                if hexes:
                    out.append(f"<{''.join(hexes)}> Tj")
                    hexes = []
                out.append(f"{subset} {size} Tf")
                font = subset
            hexes.append(code)
        out.append(f"<{''.join(hexes)}> Tj")
    out.append("ET")
    return " ".join(out)


def _runs(line: dl.TextLine, fonts: _Fonts) -> list[tuple[Face, float, float, float, list[str],
                                                         float]]:
    """The glyphs one text-showing operator draws: (face, scale, x, y, characters, spacing)
    of each run of glyphs of one face, scale and offset, evenly spaced (spacing: Tc, the gap
    after each glyph in unscaled text space). The hot loop of the PDF: kept in locals."""
    runs = []
    advances, size = fonts.advances, line.size
    chars = None
    for char, x, face, scale, y in line.glyphs:
        if chars is not None and face is run_face and scale == run_scale and y == run_y:
            gap = (x - end) / scale
            if len(chars) == 1:
                spacing = gap
            if abs(gap - spacing) < 0.001:
                chars.append(char)
                end = x + advances[face][char] * size * scale
                continue
        if chars is not None:
            runs.append((run_face, run_scale, run_x, run_y, chars, spacing))
        run_face, run_scale, run_x, run_y, chars, spacing = face, scale, x, y, [char], 0.0
        end = x + advances[face][char] * size * scale
    if chars is not None:
        runs.append((run_face, run_scale, run_x, run_y, chars, spacing))
    return runs


def _draw_image(pdf: canvas.Canvas, image: dl.Image, to_pdf, name: str) -> None:
    """The photo (its image XObject `name`, added after drawing) in its frame."""
    x, y = to_pdf(image.x, image.y + image.height)
    pdf.saveState()
    pdf.transform(image.width, 0, 0, image.height, x, y)
    pdf.addLiteral(f"/{name} Do")
    pdf.restoreState()


class _Photos:
    """Each photo's press-ready crop, Flate-compressed: from the cache, or compressed on
    threads (zlib lets go of the interpreter) while the pages' text is drawn."""

    def __init__(self, document: dl.Document, press: PrintSettings):
        self.calls = {item: (item.path, item.crop, press) for page in document.pages
                      for item in page.items if isinstance(item, dl.Image)}
        self.guarded: dict[Path, tuple[int, int]] = {}     # photo → (pixels clipped, pixels)
        self.drawn: dict[str, tuple[int, int, bytes]] = {}  # name → width, height, pixels
        self.uses: dict[int, set[str]] = defaultdict(set)   # page index → names
        self.streams: dict[tuple, tuple[int, int, bytes] | Future | None] = {
            call: _photo_stream.look_up(call) for call in self.calls.values()}
        missing = [call for call, found in self.streams.items() if found is None]
        if missing:
            threads = ThreadPoolExecutor(max_workers=len(missing))
            for call in missing:
                self.streams[call] = threads.submit(_compressed, _press_ready(*call))
            threads.shutdown(wait=False)        # the work submitted goes on

    def name(self, image: dl.Image, page_index: int) -> str:
        """The name of the photo's press-ready crop as an image XObject of the page."""
        call = self.calls[image]
        value = self.streams[call]
        if isinstance(value, Future):
            value = self.streams[call] = value.result()
            _photo_stream.keep(call, value)
        width, height, pixels, guarded = value
        self.guarded[image.path] = guarded
        # Named by content, as the earlier writer (ReportLab's drawImage) named it.
        name = f"FormXob.{hashlib.sha1(pixels).hexdigest()[:20]}"
        self.drawn[name] = width, height, pixels
        self.uses[page_index].add(name)
        return name

    def attach(self, pdf: pikepdf.Pdf) -> None:
        """Each crop drawn as a CMYK image XObject (its pixels compressed once, kept in the
        cache), named in the resources of the pages that draw it."""
        made = {}
        for name, (width, height, pixels) in self.drawn.items():
            image = pikepdf.Stream(pdf, pixels)
            image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
            image.Width, image.Height, image.BitsPerComponent = width, height, 8
            image.ColorSpace, image.Filter = pikepdf.Name.DeviceCMYK, FLATE
            made[name] = pdf.make_indirect(image)
        for index, names in sorted(self.uses.items()):
            add_resources(pdf, pdf.pages[index], "/XObject",
                          {name: made[name] for name in sorted(names)})


def _compressed(ready) -> tuple[int, int, bytes, tuple[int, int]]:
    image, guarded = ready
    return *image.size, zlib.compress(image.tobytes()), guarded


def _is_stream(value) -> bool:
    """Width, height, compressed pixels, the guard's count: a photo's stream as kept."""
    return _parts(value, int, int, bytes, tuple) and _parts(value[3], int, int)


@memoised("photo-streams", memory=0, well_formed=_is_stream,
          disk=lambda path, crop, press: (file_key(path), crop, _photo_inputs(path, press)))
def _photo_stream(path: Path, crop: tuple, press: PrintSettings):
    """A photo's press-ready crop, compressed (`_Photos` compresses those it lacks on
    threads, and keeps them here)."""
    return _compressed(_press_ready(path, crop, press))


def _press_ready(path: Path, crop: tuple, press: PrintSettings):
    """The photo's crop separated for the press profile, and (pixels the ink guard touched,
    pixels) of the whole photo."""
    photo, clipped = _press_ready_photo(path, press)
    w, h = photo.size
    left, top, right, bottom = crop
    crop = photo.crop((round(left * w), round(top * h), round(right * w), round(bottom * h)))
    return crop, (clipped, w * h)


def _photo_inputs(path: Path, press: PrintSettings) -> tuple:
    """What a photo is made press-ready from: its file and the press profile's, the ink
    limit, the way photos are read."""
    profile = press.profile
    return (file_key(path), str(profile), profile.stat().st_mtime_ns, press.max_ink, "guarded",
            READING)


def _is_press_ready(value) -> bool:
    """The separated photo and how many pixels the ink guard touched."""
    from PIL import Image
    return _parts(value, Image.Image, int)


def _parts(value, *types) -> bool:
    """Whether `value` is a tuple of values of `types`, in order."""
    return (isinstance(value, tuple) and len(value) == len(types)
            and all(isinstance(part, kind) for part, kind in zip(value, types)))


@memoised("photos", disk=_photo_inputs, memory=0, well_formed=_is_press_ready)
def _press_ready_photo(path: Path, press: PrintSettings):
    """The photo separated for the press profile, and the pixels the ink guard touched."""
    return separate(read_photo(path, press.max_megapixels), profile=press.profile,
                    max_ink=press.max_ink, package=press.profile_package)
