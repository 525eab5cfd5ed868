"""The PDF/X layer: what makes a PDF a print-exchange file, added after drawing (pikepdf).

PDF/X-1a:2003 (ISO 15930-4) and PDF/X-1a:2001 (ISO 15930-1): PDF 1.4 / 1.3, CMYK only, Info keys
GTS_PDFXVersion, GTS_PDFXConformance, Title, dates and Trapped, one GTS_PDFX output intent
with its condition and the output profile. PDF/X-4 (ISO 15930-7): PDF 1.6, the version in
XMP metadata with the document's identity (xmpMM:DocumentID, InstanceID, VersionID,
RenditionClass), its title and dates matching the Info dictionary. The drawing (CMYK, boxes, embedded fonts) is the PDF backend's; this only writes
the keys and the intent.
"""
from __future__ import annotations

import hashlib
import io
import uuid
import warnings
import zlib
from datetime import datetime
from pathlib import Path

import pikepdf

from ..clock import output_time, reproducible
from ..session import file_key, memoised
from ..standards import STANDARDS
from ..style.settings import PrintSettings


def finish_pdfx(drawn: io.BytesIO, path: Path, title: str, press: PrintSettings,
                attach=None, attached: bytes = b"") -> None:
    """The PDF ReportLab `drawn`, with what `attach(pdf)` adds (the objects its operators
    name, made of `attached`) and the PDF/X keys and output intent, written to `path` (the
    profile checked by `write_pdf` first)."""
    now = pikepdf.objects.String(_pdf_date(output_time()))
    standard = STANDARDS[press.standard]
    x4 = press.standard == "PDF/X-4"
    content = hashlib.sha256(drawn.getvalue() + attached).hexdigest() if x4 else ""  # all drawn
    with pikepdf.open(drawn) as pdf:
        if attach is not None:
            attach(pdf)
        info = pdf.docinfo
        info["/Title"] = title
        info["/CreationDate"] = now
        info["/ModDate"] = now
        info["/Trapped"] = pikepdf.Name("/False")       # not trapped: the plant may trap
        if str(info.get("/Author", "")) == "anonymous":  # ReportLab's placeholder
            del info["/Author"]
        if standard.info_version:
            info["/GTS_PDFXVersion"] = standard.info_version
            info["/GTS_PDFXConformance"] = standard.info_conformance
        profile = pikepdf.Stream(pdf, b"")
        profile.write(_compressed_profile(press.profile),
                      filter=pikepdf.Name.FlateDecode)     # compressed once (10 ms), kept
        profile["/N"] = 4
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=press.output_condition_identifier,
            OutputCondition=press.output_condition, RegistryName=press.registry_name,
            Info=press.output_condition, DestOutputProfile=profile)
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        if x4:
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                with warnings.catch_warnings():     # Trapped has no XMP twin: set below
                    warnings.simplefilter("ignore", UserWarning)
                    meta.load_from_docinfo(pdf.docinfo)     # dates, creator, producer, title
                meta["dc:title"] = title
                meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
                meta["pdf:Trapped"] = "False"
                meta.update(xmp_identity(title, str(now), content))
        pdf.save(path, min_version=standard.version_text, force_version=standard.version_text,
                 static_id=reproducible(),
                 # ReportLab and the attached objects compressed their streams already; qpdf's
                 # own pass costs a tenth of a second and gains nothing. (The profile is
                 # compressed above.)
                 compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 fix_metadata_version=x4)


def xmp_identity(title: str, date: str, content: str) -> dict[str, str]:
    """The XMP Media Management keys ISO 15930-7 asks of a PDF/X-4 file: DocumentID names the
    document across its versions (here: its title — paper, issue, page), InstanceID this
    rendition (title, date and what was drawn), as UUIDs made from those, so the same input
    gives the same file; VersionID and RenditionClass as every X-4 writer sets them."""
    return {"xmpMM:DocumentID": f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, title)}",
            "xmpMM:InstanceID": f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, title + date + content)}",
            "xmpMM:VersionID": "1",
            "xmpMM:RenditionClass": "default"}


def _pdf_date(moment: datetime) -> str:
    offset = moment.strftime("%z")
    return moment.strftime("D:%Y%m%d%H%M%S") + (f"{offset[:3]}'{offset[3:]}'" if offset else "Z")


@memoised("profiles", disk=lambda path: file_key(path), memory=0,
          well_formed=lambda data: isinstance(data, bytes))
def _compressed_profile(path: Path) -> bytes:
    """The press profile's bytes, Flate-compressed for the output intent."""
    return zlib.compress(path.read_bytes())
