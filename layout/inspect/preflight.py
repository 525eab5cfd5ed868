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

The pages are walked once (`painted.PageWalker`, the content reader of `content.py`); the checks
judge what it saw: `pdfx.py` (boxes, PDF/X keys), `images.py` (images, ink), `colour.py`,
the fonts here.

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

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..standards import standard as named_standard
from .colour import colour_findings
from .content import SUBSET_TAG
from .findings import Finding, by_severity
from .images import decoded_cmyk, image_findings, ink_findings, resolution
from .painted import PageWalker, Seen
from .pdfx import box_findings, pdfx_findings, transparency_findings

STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
    # the names Acrobat and others also take for them
    "Arial", "Arial,Bold", "Arial,Italic", "Arial,BoldItalic", "TimesNewRoman",
    "TimesNewRoman,Bold", "TimesNewRoman,Italic", "TimesNewRoman,BoldItalic", "CourierNew",
}


# ------------------------------------------------------------------------------ the entry points

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
    spec = named_standard(standard)
    findings: list[Finding] = []
    try:
        document = pikepdf.open(Path(pdf))
    except (pikepdf.PdfError, OSError) as error:
        findings.append(Finding("error", "pdfx", None, str(pdf),
                                f"cannot be opened as a PDF ({error}): write it again"))
        return by_severity(findings + _overset(fits) + _glyphs(substitutions or {},
                                                                sources or {}))
    with document:
        seen = _walk(document.pages, spec.name, Seen(photos=tuple(photos)))
        findings += pdfx_findings(document, spec, seen)
        findings += box_findings(document, bleed_mm)
        findings += _font_findings(seen)
        findings += image_findings(seen, spec.name, min_ppi)
        findings += colour_findings(seen, spec.name)
        findings += ink_findings(seen, max_ink)
    findings += _overset(fits)
    findings += _glyphs(substitutions or {}, sources or {})
    return by_severity(findings)


def _walk(pages, standard: str, seen: Seen) -> Seen:
    """What every page paints (a walker a page: forms and patterns are followed once each)."""
    for number, page in enumerate(pages, start=1):
        PageWalker(seen, standard).run_page(page, number)
    return seen


@dataclass(frozen=True)
class PageMeasure:
    """What a delivery manifest states of a page: its highest total ink and its lowest photo
    resolution at the placed size (None: no photo)."""
    page: int
    max_ink: float          # percent, C+M+Y+K, on the printed area (images and vector colour)
    lowest_ppi: float | None


def measure(pdf: Path, standard: str = "PDF/X-1a:2003") -> list[PageMeasure]:
    """Each page's highest total ink and lowest photo ppi, read from the PDF itself."""
    with pikepdf.open(Path(pdf)) as document:
        seen = _walk(document.pages, named_standard(standard).name, Seen())
        ink = defaultdict(float)
        for (page, values), _ in seen.cmyk_colours.items():
            ink[page] = max(ink[page], sum(values) * 100)
        ppi: dict[int, float] = {}
        for placement in seen.placements:
            found = resolution(placement)
            if found is None:
                continue
            ppi[placement.page] = min(ppi.get(placement.page, found), found)
            image = decoded_cmyk(placement)
            if image is not None:        # every pixel, not the box-averaged sample
                import numpy
                total = numpy.asarray(image, dtype=numpy.uint16).sum(axis=2).max() * 100 / 255
                ink[placement.page] = max(ink[placement.page], float(total))
        return [PageMeasure(n, round(ink[n], 1), round(ppi[n]) if n in ppi else None)
                for n in range(1, len(document.pages) + 1)]


def _font_findings(seen: Seen) -> list[Finding]:
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


def placed_content(document, *, standard: str = "PDF/X-1a:2003", min_ppi: float = 170,
                   max_ink: float = 240) -> list[Finding]:
    """What the first page of an open PDF to be placed on a page (an ad) paints, checked as
    the page itself will be: fonts, images, colour, ink and (PDF/X-1a) transparency. The
    file's own PDF/X keys and boxes do not matter: the issue's PDF carries its own."""
    standard = named_standard(standard).name
    seen = _walk(document.pages[:1], standard, Seen())
    findings = [*seen.other, *_font_findings(seen), *image_findings(seen, standard, min_ppi),
                *colour_findings(seen, standard), *ink_findings(seen, max_ink)]
    if standard.startswith("PDF/X-1a"):
        findings += transparency_findings(seen, standard)
    return by_severity(findings)
