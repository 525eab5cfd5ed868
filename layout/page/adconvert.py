"""An RGB PDF ad made CMYK with the press profile, when the style says so (`ads.rgb =
"convert"`): Ghostscript's pdfwrite re-writes the page — vectors, images and text alike — in
DeviceCMYK through the profile, keeping the fonts embedded. An SVG logo drawn into a CMYK PDF.

Each conversion is a memoised stage function of the file (and the profile): the session
remembers the PDF it made, in memory and on disk, so a re-render does not convert it again.
The backend places a PDF from a file: the converted one is copied, once, into the system's
temporary folder under a name made from its content.
"""
from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..output import atomic_output
from ..session import file_key, memoised
from ..style import PrintSettings

TIMEOUT_S = 120


class NotConverted(Exception):
    """Why a file could not be converted (a conversion that failed is not remembered)."""


def cmyk_copy(path: Path, press: PrintSettings) -> tuple[Path | None, str]:
    """The ad converted to CMYK, or None and why not."""
    try:
        return _placeable(_cmyk_pdf(path, press), "ads"), ""
    except NotConverted as reason:
        return None, str(reason)


def svg_as_pdf(path: Path) -> tuple[Path | None, str]:
    """An SVG (a logo) drawn into a PDF by svglib and ReportLab, its RGB colours made CMYK by
    ReportLab (black → K only, grey component removal: a logo's black stays one plate, where
    a profile would make it a rich black); vectors stay vectors. None and why not, if it
    cannot be."""
    try:
        return _placeable(_svg_pdf(path), "svg"), ""
    except NotConverted as reason:
        return None, str(reason)


def _placeable(data: bytes, kind: str) -> Path:
    """The converted PDF as a file to place, named by its content (written whole, once)."""
    name = f"{hashlib.sha1(data).hexdigest()}.pdf"
    out = Path(tempfile.gettempdir()) / "broadsheet" / kind / name
    if not out.is_file():
        with atomic_output(out, field=None) as temporary:
            temporary.write_bytes(data)
    return out


@memoised("cmyk ads", memory=8, well_formed=lambda value: isinstance(value, bytes),
          disk=lambda path, press: (file_key(path), str(press.profile),
                                    press.profile.stat().st_mtime_ns),
          code=("page/adconvert.py",))
def _cmyk_pdf(path: Path, press: PrintSettings) -> bytes:
    gs = shutil.which("gs")
    if gs is None:
        raise NotConverted("Ghostscript (gs) is not installed: apt-get install ghostscript")
    with tempfile.TemporaryDirectory(prefix="broadsheet-gs-") as folder:
        out = Path(folder) / "cmyk.pdf"
        try:
            done = subprocess.run(
                [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite",
                 "-sColorConversionStrategy=CMYK", "-sProcessColorModel=DeviceCMYK",
                 f"-sOutputICCProfile={press.profile}", "-dCompatibilityLevel=1.4",
                 "-dFirstPage=1", "-dLastPage=1", "-o", str(out), str(path)],
                capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise NotConverted(f"Ghostscript took over {TIMEOUT_S} s to convert it") from None
        if done.returncode != 0 or not out.is_file():
            reason = (done.stderr or done.stdout).strip().splitlines()[:1] or ["no output"]
            raise NotConverted(f"Ghostscript could not convert it ({reason[0]})")
        return out.read_bytes()


@memoised("svg logos", memory=8, well_formed=lambda value: isinstance(value, bytes),
          disk=lambda path: file_key(path), code=("page/adconvert.py",))
def _svg_pdf(path: Path) -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen import canvas
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(str(path))
    except Exception as error:          # svglib raises what its XML and CSS parsers do
        raise NotConverted(f"svglib cannot read it ({type(error).__name__}: {error})") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise NotConverted("it has no size (give the <svg> a width and height or a viewBox)")
    _in_cmyk(drawing)
    drawn = io.BytesIO()
    pdf = canvas.Canvas(drawn, pagesize=(drawing.width, drawing.height), invariant=1,
                        enforceColorSpace="cmyk")
    renderPDF.draw(drawing, pdf, 0, 0)
    pdf.showPage()
    pdf.save()
    return drawn.getvalue()


def _in_cmyk(node) -> None:
    """Every fill and stroke colour of a ReportLab drawing made CMYK, in place."""
    from reportlab.lib import colors
    for attribute in ("fillColor", "strokeColor"):
        colour = getattr(node, attribute, None)
        if isinstance(colour, colors.Color) and not isinstance(colour, colors.CMYKColor):
            setattr(node, attribute, colors.CMYKColor(
                *colors.rgb2cmyk(colour.red, colour.green, colour.blue), alpha=colour.alpha))
    for child in getattr(node, "contents", ()):
        _in_cmyk(child)
