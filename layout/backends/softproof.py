"""Soft proofs for the desk, from the PDF the plant gets: how each page will look printed on
newsprint, and what lands on each of the four plates.

Ghostscript rasterises the pages to the press's own CMYK (DeviceCMYK passes through untouched,
overprinting as the press does); LittleCMS (Pillow's ImageCms) then shows that CMYK through
the press profile with absolute colorimetric intent, so the paper is newsprint's grey-yellow,
not white, and the tones carry the press's dot gain and its weak black. The plates come from
Ghostscript's `tiffsep`, one greyscale image per ink, dark where the ink prints.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageCms

from ..errors import BroadsheetError
from ..output import atomic_output

PLATES = {"Cyan": "C", "Magenta": "M", "Yellow": "Y", "Black": "K"}


def proof_pages(pdf: Path, out_dir: Path, profile: Path, dpi: int = 100) -> list[Path]:
    """One PNG per page, `out_dir/<stem>-proof-N.png`: the trimmed page as printed on the
    paper `profile` describes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    transform = ImageCms.buildTransform(
        str(profile), ImageCms.createProfile("sRGB"), "CMYK", "RGB",
        renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC)    # the paper's own white
    written = []
    with tempfile.TemporaryDirectory() as work:
        # anti-aliased for reading; the plates are not, so they show ink where it is
        rasters = _ghostscript(pdf, Path(work), "tiff32nc", dpi, "-dUseTrimBox",
                               "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4")
        for number, raster in enumerate(rasters, 1):
            with Image.open(raster) as cmyk:
                proof = ImageCms.applyTransform(cmyk.convert("CMYK"), transform)
            path = out_dir / f"{pdf.stem}-proof-{number}.png"
            with atomic_output(path, field=None) as temporary:
                proof.save(temporary)
            written.append(path)
    return written


def separate_pages(pdf: Path, out_dir: Path, dpi: int = 100) -> list[Path]:
    """Each page's four plates as PNGs, `out_dir/<stem>-page-N-{C,M,Y,K}.png` (the whole
    sheet, marks included: registration marks are on every plate)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as work:
        composites = _ghostscript(pdf, Path(work), "tiffsep", dpi)
        for number, composite in enumerate(composites, 1):
            for ink, letter in PLATES.items():
                plate = composite.with_name(f"{composite.stem}({ink}).tif")
                if not plate.is_file():
                    raise BroadsheetError(f"Ghostscript made no {ink} plate", file=str(pdf),
                                          fix="check that the PDF is CMYK")
                path = out_dir / f"{pdf.stem}-page-{number}-{letter}.png"
                with Image.open(plate) as image, atomic_output(path, field=None) as temporary:
                    image.convert("L").save(temporary)
                written.append(path)
    return written


def _ghostscript(pdf: Path, work: Path, device: str, dpi: int, *options: str) -> list[Path]:
    """The pages rasterised by Ghostscript's `device` into `work`, in page order."""
    gs = shutil.which("gs")
    if gs is None:
        raise BroadsheetError("Ghostscript (gs) is not installed", field="--proof",
                              fix="apt-get install ghostscript")
    command = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", f"-sDEVICE={device}",
               f"-r{dpi}", "-dOverprint=/enable", *options,
               f"-sOutputFile={work / 'page-%d.tif'}", str(pdf)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BroadsheetError(f"Ghostscript could not rasterise the PDF "
                              f"({done.stderr.strip().splitlines()[-1:] or done.returncode})",
                              file=str(pdf), fix="check that the PDF opens (qpdf --check)")
    return sorted(work.glob("page-*[0-9].tif"), key=lambda p: int(p.stem.split("-")[1]))
