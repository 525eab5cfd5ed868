"""PDF backend: a display-list Document → a PDF file, through ReportLab.

Thin on purpose: it converts coordinates (display list: points from the trim box's top-left,
y down; PDF: from the media box's bottom-left, y up), embeds each face as a subset, and draws.
Page boxes: TrimBox is the finished page, BleedBox adds the bleed, MediaBox adds a slug for
the marks.
"""
from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from collections import defaultdict
from pathlib import Path

from PIL import Image as PILImage
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .. import display as dl
from ..color import to_print_cmyk
from ..fonts import Face, embeddable_ttf
from ..style import SLUG, PrintSettings
from .pdfx import finish_pdfx

# Binary (Flate) streams, not ASCII85: smaller files, and ReportLab's pure-Python ASCII85
# encoder was a third of the time of a page with photos.
rl_config.useA85 = 0


def write_pdf(document: dl.Document, path: Path, press: PrintSettings = PrintSettings()) -> None:
    """Write the document as PDF/X (`press.standard`): CMYK only for X-1a, photos converted
    with the press profile and ink-limited, black overprinting; then the PDF/X keys."""
    path.parent.mkdir(parents=True, exist_ok=True)
    font_names = _register_fonts(document)
    first = document.pages[0]
    pdf = canvas.Canvas(str(path), pagesize=_media_size(first), pageCompression=1,
                        initialFontName=next(iter(font_names.values())), invariant=1,
                        enforceColorSpace="cmyk")
    pdf.setTitle(document.title)
    pdf.setSubject(document.subject)
    pdf.setCreator("Broadsheet")
    pdf.setProducer("Broadsheet (ReportLab)")
    for page in document.pages:
        _draw_page(pdf, page, font_names, press)
        pdf.showPage()
    pdf.save()
    finish_pdfx(path, document.title, press)


def _media_size(page: dl.Page) -> tuple[float, float]:
    margin = page.bleed + SLUG
    return page.width + 2 * margin, page.height + 2 * margin


def _register_fonts(document: dl.Document) -> dict[Face, str]:
    """Embed every face used, as a TrueType subset of just the characters it sets."""
    chars: dict[Face, set[str]] = defaultdict(set)
    for page in document.pages:
        for item in page.items:
            if isinstance(item, dl.TextLine):
                for glyph in item.glyphs:
                    chars[glyph.face].add(glyph.char)
    names = {}
    for face in sorted(chars, key=lambda f: f.key):
        wanted = chars[face] | {" "}
        # One name per face and character set: ReportLab keeps a registered font for the life
        # of the process, so a second document must not reuse a subset made for the first.
        digest = hashlib.sha1("".join(sorted(wanted)).encode()).hexdigest()[:10]
        name = f"{face.key}-{digest}"
        if name not in pdfmetrics.getRegisteredFontNames():
            data = embeddable_ttf(face, wanted, postscript_name=name)
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        names[face] = name
    return names


def _draw_page(pdf: canvas.Canvas, page: dl.Page, font_names: dict[Face, str],
               press: PrintSettings) -> None:
    width, height = _media_size(page)
    pdf.setPageSize((width, height))
    margin = page.bleed + SLUG
    pdf.setTrimBox((margin, margin, margin + page.width, margin + page.height))
    bleed = SLUG
    pdf.setBleedBox((bleed, bleed, width - bleed, height - bleed))

    def to_pdf(x: float, y: float) -> tuple[float, float]:
        return margin + x, margin + page.height - y

    for item in page.items:
        # Black alone overprints: no white gap round type if the plates shift a hair.
        overprint = press.overprint_black and getattr(item, "color", None) == dl.BLACK
        pdf.setFillOverprint(overprint)
        pdf.setStrokeOverprint(overprint)
        pdf.setOverprintMask(overprint)
        if isinstance(item, dl.TextLine):
            _draw_text(pdf, item, to_pdf, font_names)
        elif isinstance(item, dl.Rule):
            pdf.setStrokeColorCMYK(*item.color)
            pdf.setLineWidth(item.width)
            pdf.line(*to_pdf(item.x1, item.y1), *to_pdf(item.x2, item.y2))
        elif isinstance(item, dl.Rect):
            pdf.setFillColorCMYK(*item.color)
            x, y = to_pdf(item.x, item.y + item.height)
            pdf.rect(x, y, item.width, item.height, stroke=0, fill=1)
        elif isinstance(item, dl.Circle):
            pdf.setStrokeColorCMYK(*item.color)
            pdf.setLineWidth(item.width)
            pdf.circle(*to_pdf(item.x, item.y), item.radius, stroke=1, fill=0)
        elif isinstance(item, dl.Image):
            _draw_image(pdf, item, to_pdf, press)


def _draw_text(pdf, line: dl.TextLine, to_pdf, font_names) -> None:
    """Draw a line as few text runs as possible: a run shares face, scale and letter spacing."""
    pdf.setFillColorCMYK(*line.color)
    for face, scale, spacing, glyphs in _runs(line, font_names):
        text = pdf.beginText()
        text.setFont(font_names[face], line.size)
        text.setHorizScale(scale * 100)
        text.setCharSpace(spacing)
        text.setTextOrigin(*to_pdf(line.x + glyphs[0].x, line.y + glyphs[0].y))
        text.textOut("".join(g.char for g in glyphs))
        pdf.drawText(text)


@lru_cache(maxsize=None)
def _advance(font_name: str, char: str) -> float:
    """A character's advance at 1 pt, as ReportLab will write it (font names are unique to
    their character set, so the answer never goes stale)."""
    return pdfmetrics.stringWidth(char, font_name, 1.0)


def _runs(line: dl.TextLine, font_names):
    runs = []
    for glyph in line.glyphs:
        advance = _advance(font_names[glyph.face], glyph.char) * line.size * glyph.scale_x
        if runs:
            face, scale, spacing, glyphs, last_advance = runs[-1]
            gap = glyph.x - glyphs[-1].x - last_advance
            if face == glyph.face and scale == glyph.scale_x and glyph.y == glyphs[-1].y and (
                    len(glyphs) == 1 or abs(gap / scale - spacing) < 0.01):
                glyphs.append(glyph)
                runs[-1] = (face, scale, gap / scale, glyphs, advance)
                continue
        runs.append((glyph.face, glyph.scale_x, 0.0, [glyph], advance))
    return [(face, scale, spacing if len(glyphs) > 1 else 0.0, glyphs)
            for face, scale, spacing, glyphs, _ in runs]


def _draw_image(pdf, image: dl.Image, to_pdf, press: PrintSettings) -> None:
    with PILImage.open(image.path) as source:
        source.load()
        w, h = source.size
        left, top, right, bottom = image.crop
        cropped = source.crop((round(left * w), round(top * h), round(right * w), round(bottom * h)))
    press_ready = to_print_cmyk(cropped, press.profile, press.max_ink, press.profile_package)
    x, y = to_pdf(image.x, image.y + image.height)
    pdf.drawImage(ImageReader(press_ready), x, y, image.width, image.height)
