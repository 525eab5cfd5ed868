"""Advertisements (广告): each ad file preflighted on the way in, then placed in its slot.

A PDF ad's first page goes into the issue's PDF whole, as a Form XObject (`display.Form`):
its vectors, images and fonts are kept. An image ad (JPEG, PNG, TIFF) goes through the photo
path (CMYK with the press profile, ink-limited). Either is scaled only within the style's
tolerance (`ads.scale_tolerance_percent`), never distorted, and centred in its slot.

Every problem is a finding (`inspect.findings.Finding`, check "ads") naming the file and the fix:
size against the slot, RGB or spot colour, fonts not embedded, image resolution, total ink,
transparency under PDF/X-1a, a broken or password-protected file. An ad that cannot be
placed leaves a marked empty slot, never a traceback.
"""
from __future__ import annotations

from pathlib import Path

import pikepdf
from PIL import Image as PILImage

from .. import display as dl
from ..backends.formxobject import page_box
from ..color import max_ink
from ..model import Ad
from ..inspect.findings import Finding
from ..inspect.preflight import placed_content
from .adconvert import cmyk_copy
from ..style import MM, Style

PLACEHOLDER_GREY = (0.0, 0.0, 0.0, 0.3)
INK_SAMPLE = 600            # image ads are measured for ink at about this many pixels across


def ad_items(ad: Ad, frame: tuple[float, float, float, float], page: int, style: Style
             ) -> tuple[list, list[Finding]]:
    """The ad in its slot `frame` (x, y, width, height in points) and what is wrong with it."""
    slot = ad.size or f"{frame[2] / MM:.0f} × {frame[3] / MM:.0f} mm"
    if ad.path.suffix.lower() == ".pdf":
        item, findings = _pdf_ad(ad.path, frame, page, slot, style)
    else:
        item, findings = _image_ad(ad.path, frame, page, slot, style)
    if item is None:
        return _placeholder(frame), findings
    return [item], findings


def _finding(severity: str, page: int, path: Path, message: str) -> Finding:
    return Finding(severity, "ads", page, path.name, message)


def _pdf_ad(path: Path, frame, page: int, slot: str, style: Style):
    findings, readable = _pdf_findings(path, page, style)
    if not readable:
        return None, findings
    placed_file = path
    rgb = [f for f in findings if f.severity == "error" and "RGB" in f.message]
    if rgb and style.carry.rgb == "convert":
        converted, reason = cmyk_copy(path, style.print)
        if converted is None:
            findings.append(_finding("error", page, path, f"RGB colour, not converted: {reason}"))
        else:
            placed_file = converted
            findings = [f for f in findings if f not in rgb] + [_finding(
                "warning", page, path, "RGB colour, converted to CMYK with the press profile "
                "(Ghostscript): check the colours on the proof")] + [
                f for f in _pdf_findings(converted, page, style, path.name)[0]
                if f.severity != "info" and "RGB" not in f.message
                and f.message not in {g.message for g in findings}]
    x0, y0, x1, y1 = page_box(placed_file, placed_file.stat().st_mtime_ns)
    placed, problem = _fitted(x1 - x0, y1 - y0, frame, slot, style)
    if problem:
        findings.insert(0, _finding("error", page, path, problem))
    if placed is None:
        return None, findings
    return dl.Form(placed_file, *placed), findings


def _pdf_findings(path: Path, page: int, style: Style, name: str = ""
                  ) -> tuple[list[Finding], bool]:
    """What is wrong with a PDF ad's first page, and whether it can be read at all."""
    press = style.print
    name = name or path.name
    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) == 0:
                return [_finding("error", page, path, "the PDF has no pages: ask the "
                                 "advertiser for the ad again")], False
            findings = [Finding(f.severity, "ads", page, name,
                                f"{f.check}: {f.message} — ask the advertiser for a corrected "
                                "PDF/X-1a file" if f.severity == "error" else
                                f"{f.check}: {f.message}")
                        for f in placed_content(pdf, standard=press.standard,
                                                min_ppi=press.min_ppi, max_ink=press.max_ink)]
            findings += [_finding("error", page, path, f"spot colour {name}: the press prints "
                                  "CMYK only, a spot plate would be lost — ask the advertiser "
                                  "for it converted to CMYK")
                         for name in sorted(spot_colours(pdf.pages[0].obj))]
            if pdf.is_encrypted:
                findings.append(_finding("warning", page, path, "the PDF is encrypted (its "
                                         "permissions are set): it is placed unencrypted; ask "
                                         "for an unprotected file to be sure of the terms"))
            if len(pdf.pages) > 1:
                findings.append(_finding("info", page, path, f"the PDF has {len(pdf.pages)} "
                                         "pages: the first is placed"))
    except pikepdf.PasswordError:
        return [_finding("error", page, path, "the PDF is password-protected and cannot be "
                         "opened: ask the advertiser for an unprotected PDF/X-1a file")], False
    except (pikepdf.PdfError, OSError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return [_finding("error", page, path, f"not a readable PDF ({reason}): ask the "
                         "advertiser for the file again")], False
    return findings, True


PROCESS_COLOURS = {"Cyan", "Magenta", "Yellow", "Black", "All", "None"}


def spot_colours(page) -> set[str]:
    """Names of the spot colours (Separation, DeviceN) a PDF page's resources define, in its
    forms, images and shadings too; the process inks and /All, /None are not spot colours."""
    names: set[str] = set()
    seen: set = set()

    def space(value) -> None:
        if isinstance(value, pikepdf.Array) and len(value) > 1:
            family = str(value[0])
            if family == "/Separation":
                names.add(str(value[1]).lstrip("/"))
            elif family == "/DeviceN" and isinstance(value[1], pikepdf.Array):
                names.update(str(n).lstrip("/") for n in value[1])
            elif family in ("/Indexed", "/Pattern"):
                space(value[1])

    def resources(value) -> None:
        if not isinstance(value, pikepdf.Dictionary) or value.objgen in seen and value.objgen != (0, 0):
            return
        seen.add(value.objgen)
        for entry in value.get("/ColorSpace", {}).values() if "/ColorSpace" in value else ():
            space(entry)
        for shading in value.get("/Shading", {}).values() if "/Shading" in value else ():
            space(shading.get("/ColorSpace"))
        for xobject in value.get("/XObject", {}).values() if "/XObject" in value else ():
            space(xobject.get("/ColorSpace"))
            resources(xobject.get("/Resources"))

    resources(page.get("/Resources"))
    return names - PROCESS_COLOURS


def _image_ad(path: Path, frame, page: int, slot: str, style: Style):
    press = style.print
    try:
        with PILImage.open(path) as image:
            image.load()
            mode, (pixel_w, pixel_h) = image.mode, image.size
            dpi = image.info.get("dpi")
            sample = image.copy()
            sample.thumbnail((INK_SAMPLE, INK_SAMPLE))
    except (OSError, ValueError, PILImage.DecompressionBombError) as error:
        return None, [_finding("error", page, path, f"not a readable image ({error}): ask the "
                               "advertiser for the file again (PDF/X-1a, or a CMYK TIFF/JPEG)")]
    findings = []
    # Its size is its pixels at the resolution it says it has (else: as if made for the slot).
    scale = 72 / float(dpi[0]) if dpi and float(dpi[0]) > 1 else None
    width = pixel_w * scale if scale else frame[2]
    height = pixel_h * scale if scale else frame[2] * pixel_h / pixel_w
    placed, problem = _fitted(width, height, frame, slot, style)
    if problem:
        findings.append(_finding("error", page, path, problem))
    if placed is None:
        return None, findings
    ppi = pixel_w / (placed[2] / 72)
    if ppi < press.min_ppi:
        findings.append(_finding("warning", page, path, f"{ppi:.0f} ppi at its printed size, "
                                 f"under the {press.min_ppi:.0f} ppi the plant needs: ask for a "
                                 "higher-resolution file"))
    if mode not in ("CMYK", "L", "1"):
        if style.carry.rgb == "refuse":
            return None, findings + [_finding("error", page, path, f"{mode} colour: the style "
                                              "takes CMYK ads only (ads.rgb = \"refuse\"); ask "
                                              "the advertiser for a CMYK file")]
        findings.append(_finding("warning", page, path, f"{mode} colour, converted to CMYK "
                                 "with the press profile: check the colours on the proof"))
        if "A" in mode or "transparency" in sample.info:
            findings.append(_finding("info", page, path, "its transparency is flattened on "
                                     "white paper (PDF/X-1a has none)"))
    elif mode == "CMYK" and (ink := max_ink(sample)) > press.max_ink:
        findings.append(_finding("warning", page, path, f"total ink reaches {ink:.0f} %, over "
                                 f"the {press.max_ink:.0f} % the press takes: it is limited to "
                                 "that; check the shadows on the proof"))
    return dl.Image(path, *placed, (0.0, 0.0, 1.0, 1.0)), findings


def _fitted(width: float, height: float, frame, slot: str, style: Style):
    """Where an ad `width` × `height` points goes in `frame`: scaled evenly to fit (within the
    style's tolerance), centred. Returns (x, y, w, h) or None, and a problem or ""."""
    x, y, slot_w, slot_h = frame
    tolerance = style.carry.scale_tolerance
    scale = min(slot_w / width, slot_h / height)
    size = f"{width / MM:.1f} × {height / MM:.1f} mm"
    wanted = f"{slot_w / MM:.1f} × {slot_h / MM:.1f} mm"
    problem = ""
    if abs(scale - 1) > tolerance:
        problem = (f"the ad is {size}, the {slot} slot is {wanted} (it would be scaled "
                   f"{scale:.0%}): ask the advertiser for a {wanted} ad")
    elif max(slot_w - width * scale, slot_h - height * scale) > tolerance * max(slot_w, slot_h):
        problem = (f"the ad is {size}, the {slot} slot is {wanted}: its proportions differ "
                   f"and it would not fill the slot; ask for a {wanted} ad")
    if problem and scale > 1 + tolerance:
        return None, problem        # never enlarged: a small ad would print soft and empty
    w, h = width * scale, height * scale
    return (x + (slot_w - w) / 2, y + (slot_h - h) / 2, w, h), problem


def _placeholder(frame) -> list:
    """An empty slot the ad did not fill: a grey frame and a cross, so no one misses it."""
    x, y, w, h = frame
    return [dl.Box(x, y, w, h, 1.0, 0.0, PLACEHOLDER_GREY),
            dl.Rule(x, y, x + w, y + h, 0.5, PLACEHOLDER_GREY),
            dl.Rule(x, y + h, x + w, y, 0.5, PLACEHOLDER_GREY)]
