"""A face's subset as a PDF Type 0 font, through ReportLab's low-level PDF objects.

ReportLab embeds only TrueType, as simple fonts of 256 glyphs, and Noto CJK's outlines are
CFF; so the backend builds the font objects itself (PDF 1.7 § 9.7), as PDF 1.4 allows and
PDF/X-1a:2003 therefore too:

  Type 0 font, Encoding Identity-H: two-byte codes, each a glyph number of the subset
    └ CIDFontType0 with the bare CFF (FontFile3 /CIDFontType0C), whose CIDs are its glyph
      numbers; or CIDFontType2 with the TrueType font (FontFile2), CIDToGIDMap /Identity
    └ W: each glyph's advance as composition measured it, so the text lands where it was set
    └ ToUnicode: each code's character, so the text copies and searches as typed
"""
from __future__ import annotations

import hashlib

from reportlab.pdfbase.pdfdoc import (PDFArray, PDFArrayCompact, PDFDictionary, PDFDocument,
                                      PDFName, PDFStream, PDFString, PDFZCompress)

from ..fonts import FontSubset


def add_font(doc: PDFDocument, name: str, subset: FontSubset, advances: dict[str, float]) -> None:
    """Add `subset` to `doc` as the font resource `name` of every page; `advances` gives each
    of its characters' advance in em."""
    info = subset.info
    scale = 1000 / info.units_per_em
    cff = subset.outlines == "CFF"
    base_font = f"{_subset_tag(subset)}+{info.postscript_name}"

    program = PDFStream(content=subset.program, filters=[PDFZCompress])
    if cff:
        program.dictionary["Subtype"] = PDFName("CIDFontType0C")
    else:
        program.dictionary["Length1"] = len(subset.program)
    descriptor = PDFDictionary({
        "Type": PDFName("FontDescriptor"), "FontName": PDFName(base_font),
        "Flags": 4 | (1 if info.fixed_pitch else 0),            # symbolic (, fixed pitch)
        "FontBBox": PDFArray([round(value * scale) for value in info.bbox]),
        "ItalicAngle": info.italic_angle, "Ascent": round(info.ascent * scale),
        "Descent": round(info.descent * scale), "CapHeight": round(info.cap_height * scale),
        # No font table gives the dominant stem width; this estimate from the weight class
        # is the usual one (it only matters to a viewer that must substitute the font).
        "StemV": round(10 + 220 * (info.weight - 50) / 900),
        "FontFile3" if cff else "FontFile2": doc.Reference(program)})
    widths = {number: advances[char] * 1000 for char, number in subset.glyphs.items()}
    cid_font = PDFDictionary({
        "Type": PDFName("Font"), "Subtype": PDFName("CIDFontType0" if cff else "CIDFontType2"),
        "BaseFont": PDFName(base_font),
        "CIDSystemInfo": PDFDictionary({"Registry": PDFString("Adobe"),
                                        "Ordering": PDFString("Identity"), "Supplement": 0}),
        "FontDescriptor": doc.Reference(descriptor), "DW": 1000, "W": _widths_array(widths)})
    if not cff:
        cid_font["CIDToGIDMap"] = PDFName("Identity")
    to_unicode = PDFStream(content=_to_unicode_cmap(subset.glyphs), filters=[PDFZCompress])
    font = PDFDictionary({
        "Type": PDFName("Font"), "Subtype": PDFName("Type0"),
        # PDF 1.7 § 9.7.6: a CFF CIDFont's Type 0 font is named for the font and the CMap.
        "BaseFont": PDFName(base_font + ("-Identity-H" if cff else "")),
        "Encoding": PDFName("Identity-H"), "DescendantFonts": PDFArray([doc.Reference(cid_font)]),
        "ToUnicode": doc.Reference(to_unicode)})
    doc.idToObject["BasicFonts"].dict[name] = doc.Reference(font, name)


def code(number: int) -> str:
    """A glyph number as the hex digits of its two-byte Identity-H code."""
    return f"{number:04X}"


def _subset_tag(subset: FontSubset) -> str:
    """Six capitals naming the subset (PDF 1.7 § 9.6.4), the same for the same glyphs."""
    digest = hashlib.sha1(subset.program).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _widths_array(widths: dict[int, float]) -> PDFArray:
    """W: runs of consecutive glyph numbers, each `first [w w …]`, in 1/1000 em."""
    runs: list[tuple[int, list[float]]] = []
    for number in sorted(widths):
        if not runs or number != runs[-1][0] + len(runs[-1][1]):
            runs.append((number, []))
        runs[-1][1].append(round(widths[number], 3))
    items: list = []
    for first, run in runs:
        items += [first, PDFArrayCompact(run)]
    return PDFArrayCompact(items)


def _to_unicode_cmap(glyphs: dict[str, int]) -> str:
    """The ToUnicode CMap of codes → characters (UTF-16BE), in bfchar blocks of at most 100."""
    pairs = sorted((number, char) for char, number in glyphs.items())
    blocks = []
    for start in range(0, len(pairs), 100):
        block = pairs[start:start + 100]
        lines = "\n".join(f"<{code(number)}> <{char.encode('utf-16-be').hex().upper()}>"
                          for number, char in block)
        blocks.append(f"{len(block)} beginbfchar\n{lines}\nendbfchar")
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        *blocks,
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])
