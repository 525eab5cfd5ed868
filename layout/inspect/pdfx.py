"""A PDF's page boxes and its PDF/X identification and rules, as the standard (ISO 15930)
states them: TrimBox ⊆ BleedBox ⊆ MediaBox with the bleed wanted; the PDF version, Info keys,
trailer /ID, one GTS_PDFX output intent with an output-device profile, no encryption, XMP for
PDF/X-4, no JavaScript, no annotations on the printed area, no transparency and no PDF 1.5
compression in PDF/X-1a.
"""
from __future__ import annotations

import re

import pikepdf

from ..standards import Standard
from .content import floats, key, objnum
from .findings import Finding
from .images import FORBIDDEN_X1A_FILTERS, MM, stream_filters
from .painted import Seen, overlaps, page_box

BOX_TOLERANCE_MM = 0.05         # how exactly the bleed must match
PDF_DATE = re.compile(r"^D:\d{4}(\d{2}(\d{2}(\d{2}(\d{2}(\d{2})?)?)?)?)?([Zz+\-]|$)")
XMP_PDFXID = "{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"
# The XMP Media Management keys a PDF/X-4 file carries (ISO 15930-7, 6.7).
XMP_IDENTITY = ("xmpMM:DocumentID", "xmpMM:InstanceID", "xmpMM:VersionID",
                "xmpMM:RenditionClass")


def _inside(inner, outer, tolerance=0.01) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def _fmt_box(box) -> str:
    return "[" + " ".join(f"{v:.2f}" for v in box) + "]"


def box_findings(document, bleed_mm: float) -> list[Finding]:
    findings = []
    for number, page in enumerate(document.pages, start=1):
        obj = page.obj
        media = floats(page.mediabox)
        media = (min(media[0], media[2]), min(media[1], media[3]),
                 max(media[0], media[2]), max(media[1], media[3]))
        crop = page_box(obj, "/CropBox")
        trim, art = page_box(obj, "/TrimBox"), page_box(obj, "/ArtBox")
        bleed = page_box(obj, "/BleedBox")
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


def _version(text: str) -> tuple[int, int]:
    match = re.match(r"(\d+)\.(\d+)", str(text).lstrip("/"))
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _info_text(value) -> str:
    try:
        return str(value)
    except (UnicodeDecodeError, pikepdf.PdfError):
        return ""



def pdfx_findings(document, standard: Standard, seen: Seen) -> list[Finding]:
    """Every PDF/X rule the file breaks (errors), with what the page walk found on the way."""
    findings = (_version_findings(document, standard) + _info_findings(document, standard)
                + _trailer_findings(document))
    if not standard.x1a:
        findings += _xmp_findings(document)
    findings += _intent_findings(document, standard)
    findings += _script_and_annotation_findings(document)
    if standard.x1a:
        findings += transparency_findings(seen, standard.name)
        findings += _stream_findings(document, standard, seen)
    return findings + seen.other


def transparency_findings(seen: Seen, standard: str) -> list[Finding]:
    """Transparency the walk found (PDF/X-1a forbids it)."""
    return [_error(obj, f"transparency: {message} ({standard} forbids transparency)", page)
            for (page, _), (obj, message) in seen.transparency.items()]


def _error(obj: str, message: str, page: int | None = None) -> Finding:
    return Finding("error", "pdfx", page, obj, message)


def _version_findings(document, standard: Standard) -> list[Finding]:
    version = _version(document.pdf_version)
    if "/Version" in document.Root:
        version = max(version, _version(str(document.Root.Version)))
    highest = standard.pdf_version
    if version > highest:
        return [_error("version", f"PDF {version[0]}.{version[1]}: {standard.name} allows PDF "
                                  f"{highest[0]}.{highest[1]} at most; write an older version")]
    return []


def _info(document) -> pikepdf.Dictionary:
    info = document.trailer.get("/Info")
    return info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()


def _info_findings(document, standard: Standard) -> list[Finding]:
    findings = []
    info = _info(document)
    if standard.x1a:
        for key_name, wanted in (("/GTS_PDFXVersion", standard.info_version),
                                 ("/GTS_PDFXConformance", standard.info_conformance)):
            value = info.get(key_name)
            if value is None:
                findings.append(_error(key_name[1:], f"Info has no {key_name[1:]}: set it to "
                                                     f"({wanted})"))
            elif _info_text(value) != wanted:
                findings.append(_error(key_name[1:], f"Info {key_name[1:]} is "
                                                     f"({_info_text(value)}), {standard.name} "
                                                     f"wants ({wanted})"))
    title = info.get("/Title")
    if title is None or not _info_text(title).strip():
        findings.append(_error("Title", "Info has no Title: PDF/X needs one (e.g. the paper, "
                                        "issue and date)"))
    for key_name in ("/CreationDate", "/ModDate"):
        value = info.get(key_name)
        if value is None:
            findings.append(_error(key_name[1:], f"Info has no {key_name[1:]}: PDF/X needs it "
                                                 "(D:YYYYMMDDHHmmSS+08'00')"))
        elif not PDF_DATE.match(_info_text(value)):
            findings.append(_error(key_name[1:], f"Info {key_name[1:]} ({_info_text(value)}) "
                                                 "is not a PDF date (D:YYYYMMDDHHmmSS+08'00')"))
    trapped = info.get("/Trapped")
    if trapped is None:
        findings.append(_error("Trapped", "Info has no Trapped: PDF/X needs /True or /False"))
    elif not isinstance(trapped, pikepdf.Name):
        findings.append(_error("Trapped", f"Info Trapped is the string ({_info_text(trapped)}),"
                                          " not a name: write /True or /False"))
    elif str(trapped) not in ("/True", "/False"):
        findings.append(_error("Trapped", f"Info Trapped is {trapped}: PDF/X needs /True or "
                                          "/False"))
    return findings


def _trailer_findings(document) -> list[Finding]:
    findings = []
    if "/ID" not in document.trailer:
        findings.append(_error("ID", "the trailer has no /ID: PDF/X needs a file identifier"))
    if "/Encrypt" in document.trailer or document.is_encrypted:
        findings.append(_error("Encrypt", "the file is encrypted: PDF/X forbids encryption; "
                                          "save it without"))
    return findings


def _xmp_findings(document) -> list[Finding]:
    """PDF/X-4 is identified in the XMP, which repeats the title and dates."""
    if "/Metadata" not in document.Root:
        return [_error("XMP", "no XMP metadata: PDF/X-4 is identified by "
                              "pdfxid:GTS_PDFXVersion in the catalog's /Metadata")]
    try:
        meta = document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        xmp_version = meta.get(XMP_PDFXID)
        xmp_title = meta.get("dc:title")
    except Exception as problem:        # noqa: BLE001 — broken XMP is a finding
        return [_error("XMP", f"XMP metadata cannot be read ({problem})")]
    findings = []
    title = _info(document).get("/Title")
    if xmp_version is None:
        findings.append(_error("GTS_PDFXVersion", "XMP has no pdfxid:GTS_PDFXVersion: set it "
                                                  "to PDF/X-4"))
    elif not str(xmp_version).startswith("PDF/X-4"):
        findings.append(_error("GTS_PDFXVersion", f"XMP pdfxid:GTS_PDFXVersion is "
                                                  f"{xmp_version}, wanted PDF/X-4"))
    if not xmp_title:
        findings.append(_error("dc:title", "XMP has no dc:title: PDF/X-4 needs the title "
                                           "there"))
    elif title is not None and str(xmp_title) != _info_text(title):
        findings.append(_error("dc:title", f"XMP dc:title ({xmp_title}) differs from the Info "
                                           f"Title ({_info_text(title)}): write the same "
                                           "title in both"))
    for key_name in XMP_IDENTITY:
        if not meta.get(key_name):
            findings.append(_error(key_name, f"XMP has no {key_name}: PDF/X-4 (ISO 15930-7) "
                                             "needs it"))
    for key_name, info_key in (("xmp:CreateDate", "CreationDate"),
                               ("xmp:ModifyDate", "ModDate")):
        if not meta.get(key_name):
            findings.append(_error(key_name, f"XMP has no {key_name}: PDF/X-4 needs it (the "
                                             f"Info {info_key}, as an ISO 8601 date)"))
    return findings


def _intent_findings(document, standard: Standard) -> list[Finding]:
    """One GTS_PDFX output intent naming its condition, with an output-device profile."""
    intents = document.Root.get("/OutputIntents")
    intents = list(intents) if isinstance(intents, pikepdf.Array) else []
    pdfx_intents = [i for i in intents if isinstance(i, pikepdf.Dictionary)
                    and i.get("/S") == "/GTS_PDFX"]
    if not pdfx_intents:
        return [_error("OutputIntents", "no output intent of subtype /GTS_PDFX: add one naming "
                                        "the printing condition (OutputConditionIdentifier) "
                                        "with its ICC profile (DestOutputProfile)")]
    findings = []
    if len(pdfx_intents) > 1:
        findings.append(_error("OutputIntents", f"{len(pdfx_intents)} /GTS_PDFX output intents: "
                                                "PDF/X allows exactly one"))
    intent = pdfx_intents[0]
    identifier = _info_text(intent.get("/OutputConditionIdentifier", ""))
    if not identifier:
        findings.append(_error("OutputConditionIdentifier", "the output intent has no "
                               "OutputConditionIdentifier: name the printing condition (or "
                               "Custom)"))
    profile = intent.get("/DestOutputProfile")
    registered = bool(_info_text(intent.get("/RegistryName", ""))) and identifier not in (
        "", "Custom")
    # PDF/X-1a may name a registered condition instead; PDF/X-4 may refer to the profile
    missing = not registered if standard.x1a else "/DestOutputProfileRef" not in intent
    if profile is None:
        if missing:
            findings.append(_error(
                "DestOutputProfile",
                f"the output intent ({identifier or 'unnamed'}) has no DestOutputProfile"
                + (" and no registered condition (RegistryName): embed the ICC profile"
                   if standard.x1a else ": PDF/X-4 needs the output ICC profile embedded")))
    elif isinstance(profile, pikepdf.Stream):
        findings += _profile_findings(profile, standard)
    return findings


def _profile_findings(profile, standard: Standard) -> list[Finding]:
    """The output profile: CMYK for PDF/X-1a, an output ('prtr') profile, /N as its header."""
    findings = []
    n = int(profile.get("/N", 0))
    try:
        header = profile.read_bytes()[:20]
    except pikepdf.PdfError:
        header = b""
    device_class, colour_space = header[12:16], header[16:20]
    if standard.x1a and n != 4:
        findings.append(_error("DestOutputProfile", f"the output profile has /N {n}: PDF/X-1a "
                                                    "prints CMYK, so the profile must be CMYK "
                                                    "(/N 4)"))
    if header and device_class != b"prtr":
        findings.append(_error(
            "DestOutputProfile",
            f"the output profile is a {device_class.decode('latin-1')!r} profile, not an "
            "output (printer, 'prtr') profile: use the printer's CMYK profile"))
    expected = {1: b"GRAY", 3: b"RGB ", 4: b"CMYK"}.get(n)
    if header and expected and colour_space != expected:
        findings.append(_error("DestOutputProfile", f"the output profile's colour space "
                                                    f"{colour_space.decode('latin-1')!r} "
                                                    f"disagrees with its /N {n}"))
    return findings


def _script_and_annotation_findings(document) -> list[Finding]:
    """JavaScript anywhere; annotations (not marks, traps or links) on the printed area."""
    findings = []
    names = document.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        findings.append(_error("JavaScript", "the document has JavaScript, which PDF/X "
                                             "forbids: remove it"))
    for number, page in enumerate(document.pages, start=1):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        area = (page_box(page.obj, "/BleedBox") or page_box(page.obj, "/TrimBox")
                or page_box(page.obj, "/ArtBox"))
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            subtype = str(annot.get("/Subtype", ""))
            if subtype in ("/TrapNet", "/PrinterMark", "/Link") or int(annot.get("/F", 0)) & 2:
                continue
            rect = page_box(annot, "/Rect")
            if rect and area and overlaps(rect, area):
                findings.append(_error(f"annotation {subtype}", f"a {subtype.lstrip('/')} "
                                       "annotation lies on the printed area, which PDF/X "
                                       "forbids: remove or flatten it", number))
    return findings


def _stream_findings(document, standard: Standard, seen: Seen) -> list[Finding]:
    """Filters of the streams other than images (content, fonts), and object streams:
    PDF/X-1a is PDF 1.3/1.4."""
    findings = []
    image_keys = {p.key for p in seen.placements}
    for obj in document.objects:
        if not isinstance(obj, pikepdf.Stream) or key(obj) in image_keys:
            continue
        if obj.get("/Subtype") == "/Image":
            continue
        bad = [f for f in stream_filters(obj) if f in FORBIDDEN_X1A_FILTERS]
        if bad:
            findings.append(_error(f"obj {objnum(obj)}", f"stream obj {objnum(obj)} uses "
                                   f"{', '.join(b.lstrip('/') for b in bad)}, which "
                                   f"{standard.name} forbids: recompress it with Flate"))
        if obj.get("/Type") in ("/ObjStm", "/XRef"):
            findings.append(_error(f"obj {objnum(obj)}", "compressed object streams (PDF 1.5) "
                                   f"are not allowed in {standard.name}: save without object "
                                   "streams"))
    return findings
