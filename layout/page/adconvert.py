"""An RGB PDF ad made CMYK with the press profile, when the style says so (`ads.rgb =
"convert"`): Ghostscript's pdfwrite re-writes the page — vectors, images and text alike — in
DeviceCMYK through the profile, keeping the fonts embedded. The copy is kept in the cache
folder (or the system's temporary folder), named by the ad file and the profile, so a
re-render does not convert it again.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..session import cache_dir, file_key
from ..style import PrintSettings

TIMEOUT_S = 120


def cmyk_copy(path: Path, press: PrintSettings) -> tuple[Path | None, str]:
    """The ad converted to CMYK, or None and why not."""
    gs = shutil.which("gs")
    if gs is None:
        return None, "Ghostscript (gs) is not installed: apt-get install ghostscript"
    folder = (cache_dir() or Path(tempfile.gettempdir()) / "broadsheet") / "ads"
    key = file_key(path, str(press.profile), press.profile.stat().st_mtime_ns, "cmyk-1")
    out = folder / f"{key}.pdf"
    if out.is_file():
        return out, ""
    folder.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    try:
        done = subprocess.run(
            [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite",
             "-sColorConversionStrategy=CMYK", "-sProcessColorModel=DeviceCMYK",
             f"-sOutputICCProfile={press.profile}", "-dCompatibilityLevel=1.4",
             "-dFirstPage=1", "-dLastPage=1", "-o", str(partial), str(path)],
            capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, f"Ghostscript took over {TIMEOUT_S} s to convert it"
    if done.returncode != 0 or not partial.is_file():
        reason = (done.stderr or done.stdout).strip().splitlines()[:1] or ["no output"]
        partial.unlink(missing_ok=True)
        return None, f"Ghostscript could not convert it ({reason[0]})"
    partial.replace(out)
    return out, ""


def svg_as_pdf(path: Path) -> tuple[Path | None, str]:
    """An SVG (a logo) drawn into a PDF by svglib and ReportLab, its RGB colours made CMYK by
    ReportLab (black → K only, grey component removal: a logo's black stays one plate, where
    a profile would make it a rich black); vectors stay vectors. None and why not, if it
    cannot be."""
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen import canvas
    from svglib.svglib import svg2rlg

    folder = (cache_dir() or Path(tempfile.gettempdir()) / "broadsheet") / "svg"
    out = folder / f"{file_key(path, 'svg-2')}.pdf"
    if out.is_file():
        return out, ""
    try:
        drawing = svg2rlg(str(path))
    except Exception as error:          # svglib raises what its XML and CSS parsers do
        return None, f"svglib cannot read it ({type(error).__name__}: {error})"
    if drawing is None or not drawing.width or not drawing.height:
        return None, "it has no size (give the <svg> a width and height or a viewBox)"
    folder.mkdir(parents=True, exist_ok=True)
    _in_cmyk(drawing)
    pdf = canvas.Canvas(str(out), pagesize=(drawing.width, drawing.height), invariant=1,
                        enforceColorSpace="cmyk")
    renderPDF.draw(drawing, pdf, 0, 0)
    pdf.showPage()
    pdf.save()
    return out, ""


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
