"""The PDF/X standards Broadsheet writes and checks: one table for the PDF backend, which
stamps a file with its standard's version and keys (`backends/pdfx.py`), and the preflight,
which checks a file against them (`inspect/`). It lives apart from both so that neither
imports the other.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Standard:
    name: str
    pdf_version: tuple[int, int]    # the highest PDF version the standard allows
    info_version: str | None        # Info GTS_PDFXVersion (PDF/X-4 states it in the XMP)
    info_conformance: str | None    # Info GTS_PDFXConformance

    @property
    def x1a(self) -> bool:
        """PDF/X-1a: CMYK and spot colour only, no transparency, identified in Info."""
        return self.name.startswith("PDF/X-1a")

    @property
    def version_text(self) -> str:
        return f"{self.pdf_version[0]}.{self.pdf_version[1]}"


STANDARDS = {standard.name: standard for standard in (
    Standard("PDF/X-1a:2001", (1, 3), "PDF/X-1:2001", "PDF/X-1a:2001"),     # ISO 15930-1
    Standard("PDF/X-1a:2003", (1, 4), "PDF/X-1:2003", "PDF/X-1a:2003"),     # ISO 15930-4
    Standard("PDF/X-4", (1, 6), None, None),                                # ISO 15930-7
)}
ALIASES = {"PDF/X-1a": "PDF/X-1a:2003", "PDF/X-4:2010": "PDF/X-4", "PDF/X-4:2008": "PDF/X-4"}


def standard(name: str) -> Standard:
    """The standard called `name` (or one of its other names); ValueError if there is none."""
    found = STANDARDS.get(ALIASES.get(name, name))
    if found is None:
        raise ValueError(f"unknown standard {name!r}: use one of {', '.join(STANDARDS)}")
    return found
