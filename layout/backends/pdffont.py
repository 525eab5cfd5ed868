"""A face's subset as a PDF Type 0 font, written with pikepdf.

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
import zlib
from decimal import Decimal

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..fonts import FontSubset


def font_object(pdf: pikepdf.Pdf, subset: FontSubset, advances: dict[str, float]
                ) -> pikepdf.Object:
    """`subset` as an indirect Type 0 font of `pdf`; `advances` gives each of its characters'
    advance in em."""
    info = subset.info
    scale = 1000 / info.units_per_em
    cff = subset.outlines == "CFF"
    base_font = f"{_subset_tag(subset)}+{info.postscript_name}"

    program = _stream(pdf, subset.program)
    if cff:
        program.Subtype = Name.CIDFontType0C
    else:
        program.Length1 = len(subset.program)
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/" + base_font),
        Flags=4 | (1 if info.fixed_pitch else 0),               # symbolic (, fixed pitch)
        FontBBox=Array([round(value * scale) for value in info.bbox]),
        ItalicAngle=_number(info.italic_angle), Ascent=round(info.ascent * scale),
        Descent=round(info.descent * scale), CapHeight=round(info.cap_height * scale),
        # No font table gives the dominant stem width; this estimate from the weight class
        # is the usual one (it only matters to a viewer that must substitute the font).
        StemV=round(10 + 220 * (info.weight - 50) / 900))
    descriptor[Name.FontFile3 if cff else Name.FontFile2] = program
    widths = {number: advances[char] * 1000 for char, number in subset.glyphs.items()}
    cid_font = Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType0 if cff else Name.CIDFontType2,
        BaseFont=Name("/" + base_font),
        CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"),
                                 Ordering=pikepdf.String("Identity"), Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor), DW=1000, W=_widths_array(widths))
    if not cff:
        cid_font.CIDToGIDMap = Name.Identity
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type0,
        # PDF 1.7 § 9.7.6: a CFF CIDFont's Type 0 font is named for the font and the CMap.
        BaseFont=Name("/" + base_font + ("-Identity-H" if cff else "")),
        Encoding=Name("/Identity-H"), DescendantFonts=Array([pdf.make_indirect(cid_font)]),
        ToUnicode=_stream(pdf, _to_unicode_cmap(subset.glyphs).encode("ascii"))))


def _stream(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream:
    """An indirect stream of `data`, Flate-compressed."""
    stream = pikepdf.Stream(pdf, zlib.compress(data))
    stream.Filter = FLATE
    return pdf.make_indirect(stream)


# A stream's filter as a list of one, as the earlier writer (ReportLab) put it: the same bytes.
FLATE = (Name.FlateDecode,)


def _number(value: float) -> int | Decimal:
    """A PDF number as short as it is exact to 1/1000."""
    value = round(value, 3)
    return int(value) if value == int(value) else Decimal(repr(value))


def code(number: int) -> str:
    """A glyph number as the hex digits of its two-byte Identity-H code."""
    return f"{number:04X}"


def _subset_tag(subset: FontSubset) -> str:
    """Six capitals naming the subset (PDF 1.7 § 9.6.4), the same for the same glyphs."""
    digest = hashlib.sha1(subset.program).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _widths_array(widths: dict[int, float]) -> Array:
    """W: runs of consecutive glyph numbers, each `first [w w …]`, in 1/1000 em."""
    runs: list[tuple[int, list]] = []
    for number in sorted(widths):
        if not runs or number != runs[-1][0] + len(runs[-1][1]):
            runs.append((number, []))
        runs[-1][1].append(_number(widths[number]))
    items: list = []
    for first, run in runs:
        items += [first, Array(run)]
    return Array(items)


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
