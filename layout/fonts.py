"""Fonts by role: finding the files, measuring characters, and subsetting them for the PDF.

Composition only needs to know which face sets a character and how wide it is (`FontBook`).
The PDF backend needs each face cut down to the glyphs an issue sets (`embeddable_subsets`).
Both go through HarfBuzz (uharfbuzz): it reads the font file in place (memory-mapped) and
subsets even a 65 000-glyph CJK face in milliseconds, keeping Noto CJK's CFF outlines as they
are — the PDF embeds them as CFF (FontFile3), not converted to TrueType.
"""
from __future__ import annotations

import struct
import subprocess
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import BroadsheetError
from .session import file_key, memoised

FONTS_TOML = Path(__file__).resolve().parent.parent / "fonts" / "fonts.toml"

# Characters that a Chinese text wants in their full-width form, which the CJK fonts reach
# only through the OpenType `fwid` feature: U+2014 maps to a low, 0.89 em Latin dash; its
# full-width form is centred on the em box, as 破折号 must be.
FULL_WIDTH_FORMS = "—"


@dataclass(frozen=True, eq=False)
class Face:
    """One font face: a file, and the face's index inside a .ttc collection.

    Made only by `face_object`, which gives each face one object in a process: faces key
    dictionaries once per glyph (metrics, PDF fonts), so they compare and hash by identity,
    at C speed."""
    name: str       # the fonts.toml entry, e.g. "serif"
    path: Path
    index: int      # 0 for a plain .ttf/.otf
    family: str
    vertical: bool = False      # set with the vertical forms (OpenType `vert`): 竖排

    @property
    def key(self) -> str:
        """A name unique to this face, usable as a PDF font name."""
        return f"{self.path.stem}-{self.index}" + ("-vert" if self.vertical else "")

    def set_vertical(self) -> Face:
        """This face with its vertical forms (竖排)."""
        return face_object(self.name, self.path, self.index, self.family, vertical=True)

    def __reduce__(self):
        # Pickled (in the on-disk caches, from worker processes) by its fields; unpickled as
        # the process's one object for the face.
        return face_object, (self.name, self.path, self.index, self.family, self.vertical)


def face_object(name: str, path: Path, index: int, family: str, vertical: bool = False) -> Face:
    """The one Face object of a process for these fields: the font book's, and the one that
    glyphs unpickled from the cache or from worker processes carry."""
    return _one_face(name, Path(path), index, family, bool(vertical))


@lru_cache(maxsize=None)
def _one_face(*fields) -> Face:     # all five fields, always given in order: one key per face
    # Not a memo but interning (as `sys.intern` is for strings): a face is one object in a
    # process whichever session made it, so that a glyph read from the disk store in one
    # session compares equal to the font book's face made in another. As many entries as
    # font files.
    return Face(*fields)


class FaceMetrics:
    """What composition needs to know of a face: which characters it has and their widths
    (and, for embedding, which glyph sets each). Asked of HarfBuzz character by character
    and remembered: an issue uses a few thousand of a CJK face's 45 000 characters, and a
    question costs HarfBuzz a fraction of a microsecond. One per face and process
    (`face_metrics`)."""

    def __init__(self, face: Face):
        self.face = face
        font = _hb_font(face)
        self._nominal, self._advance_of = font.get_nominal_glyph, font.get_glyph_h_advance
        self._units_per_em = _hb_face(face).upem
        # The ideographic em box: Noto CJK and LXGW WenKai both sit it from -0.12 to 0.88 em.
        ascender, descender = struct.unpack_from(">hh", _table(face, "OS/2"), 68)  # sTypo…
        self.ascent, self.descent = ascender / self._units_per_em, descender / self._units_per_em
        # A vertical face's `vert` forms: only the glyphs its lookups cover are shaped.
        self._vertical = _coverage(face, "vert") if face.vertical else set()
        self._glyphs: dict[int, tuple[int, float] | None] = {}      # code → (glyph, advance)

    def _glyph(self, char: str) -> tuple[int, float] | None:
        code = ord(char)
        try:
            return self._glyphs[code]
        except KeyError:
            pass
        glyph = self._nominal(code)
        if glyph is not None:
            glyph = _form(self.face, char, glyph, self._vertical)
            found = glyph, self._advance_of(glyph) / self._units_per_em
        else:
            found = None
        self._glyphs[code] = found
        return found

    def has(self, char: str) -> bool:
        return self._glyph(char) is not None

    def advance(self, char: str) -> float:
        """Advance width in em."""
        found = self._glyph(char)
        if found is None:
            raise KeyError(char)
        return found[1]

    def glyph_id(self, char: str) -> int:
        """The glyph that sets `char` (its full-width or vertical form where one is used)."""
        found = self._glyph(char)
        if found is None:
            raise KeyError(char)
        return found[0]

    def characters(self):
        """Every character the face has, in code point order."""
        yield from (chr(code) for code in sorted(_hb_face(self.face).unicodes))


@memoised("face metrics")
def face_metrics(face: Face) -> FaceMetrics:
    """The session's one FaceMetrics of `face`: what it learnt of a character, it knows."""
    return FaceMetrics(face)


@dataclass
class FontBook:
    """Faces by role for one render, with fallback for characters a face lacks.

    `substitutions` records every character set in a face other than its role's, so the
    render can report it.
    """
    roles: dict[str, Face]
    fallbacks: list[Face]
    substitutions: dict[tuple[str, str], Face] = field(default_factory=dict)

    def metrics(self, face: Face) -> FaceMetrics:
        return face_metrics(face)

    def face(self, role: str) -> Face:
        try:
            return self.roles[role]
        except KeyError:
            raise BroadsheetError(f"no font for the role {role!r}", field="fonts",
                                  fix=f"add `{role} = \"serif\"` (or another fonts.toml entry) "
                                      "to the style's [fonts] table") from None

    def face_for(self, role: str, char: str) -> Face:
        """The face that sets `char` in `role`: the role's own, else the first fallback that has it."""
        face = self.face(role)
        if char.isspace() or self.metrics(face).has(char):
            return face
        if (role, char) in self.substitutions:
            return self.substitutions[(role, char)]
        if unicodedata.category(char) == "Co":  # private use: a different glyph in every font
            candidates = []
        else:
            candidates = self.fallbacks + _fontconfig_faces_with(char)
        for other in candidates:
            if other != face and self.metrics(other).has(char):
                self.substitutions[(role, char)] = other
                return other
        raise BroadsheetError(
            f"no installed font has the character {char!r} (U+{ord(char):04X})",
            field=f"fonts.{role}",
            fix="replace the character in the article, or install a font that has it "
                "(fontconfig finds it, or list it under [fallback] in fonts/fonts.toml)")


def load_font_book(role_names: dict[str, str | dict], fonts_toml: Path = FONTS_TOML) -> FontBook:
    """Resolve a style's [fonts] table (role → fonts.toml entry) into faces, checking the files."""
    entries = tomllib.loads(fonts_toml.read_text(encoding="utf-8"))
    fallback_names = entries.pop("fallback", {}).get("order", [])
    roles = {role: _find_face(name, entries, role) for role, name in role_names.items()}
    fallbacks = [_find_face(name, entries, f"fallback.{name}") for name in fallback_names]
    return FontBook(roles=roles, fallbacks=fallbacks)


def _find_face(name: str | dict, entries: dict, role: str) -> Face:
    if isinstance(name, dict):      # given inline by a style: { file = "...", family = "..." }
        entry, label = {"files": [name.get("file", "")], **name}, str(name.get("file"))
    elif name in entries:
        entry, label = entries[name], name
    else:
        raise BroadsheetError(f"unknown font {name!r}", field=f"fonts.{role}",
                              fix=f"use one of the entries of fonts/fonts.toml: {', '.join(entries)}")
    for candidate in entry.get("files", []):
        path = Path(candidate).expanduser()
        if not path.is_absolute():
            path = FONTS_TOML.parent / path
        if path.is_file():
            return face_object(label, path, _face_index(path, entry.get("family")),
                               entry.get("family", ""))
    package = entry.get("package")
    how = (f"install it as root with `apt-get install {package}` (or run `make demo`)"
           if package else "install the font or point the style at an installed one")
    raise BroadsheetError(
        f"font {label!r} is not installed (looked for {', '.join(entry.get('files', []))})",
        field=f"fonts.{role}", fix=how)


def _face_index(path: Path, family: str | None) -> int:
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    names = _family_names(path)
    if family is None:
        return 0
    if family not in names:
        raise BroadsheetError(f"{path} has no face of the family {family!r}",
                              field="fonts", fix=f"use one of: {', '.join(names)}")
    return names.index(family)


@memoised("families", disk=lambda path: file_key(path), memory=0,
          well_formed=lambda names: isinstance(names, list)
          and all(isinstance(name, str) for name in names))
def _family_names(path: Path) -> list[str]:
    """The family name of each face in a collection, in order."""
    import uharfbuzz as hb
    blob, names = hb.Blob.from_file_path(str(path)), []
    while (face := hb.Face(blob, len(names))).glyph_count:     # an index past the end: empty
        names.append(face.get_name(hb.OTNameIdPredefined.FONT_FAMILY))
    return names


def _fontconfig_faces_with(char: str) -> list[Face]:
    """Installed fonts that fontconfig says have `char`: the last resort for rare characters."""
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{file}|%{index}|%{family[0]}\\n", f":charset={ord(char):x}"],
            capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for row in sorted(listing.splitlines()):
        path, index, family = (row.split("|") + ["", ""])[:3]
        path = Path(path)
        if path.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc") and path.is_file():
            faces.append(face_object(f"fontconfig:{family}", path, int(index or 0), family))
    return faces


@memoised("harfbuzz faces")
def _hb_face_at(path: Path, index: int):
    import uharfbuzz as hb
    return hb.Face(hb.Blob.from_file_path(str(path)), index)


def _hb_face(face: Face):
    """The face as HarfBuzz reads it: the file memory-mapped, its tables read in place.
    A face's horizontal and vertical forms share one."""
    return _hb_face_at(face.path, face.index)


@memoised("harfbuzz fonts")
def _hb_font(face: Face):
    import uharfbuzz as hb
    return hb.Font(_hb_face(face))        # in font units: HarfBuzz scales to the em by default


def _table(face: Face, tag: str) -> bytes:
    return _hb_face(face).reference_table(tag).data


def _form(face: Face, char: str, glyph: int, vertical: set[int] | None) -> int:
    """The glyph that sets `char` in `face`, given its own `glyph`: the full-width form for
    FULL_WIDTH_FORMS (`fwid`); in a vertical face, the vertical form where the font has one
    (`vert`: ，。「」（）—— …) — `vertical`, the glyphs the `vert` lookups cover (None: any)."""
    features = {}
    if char in FULL_WIDTH_FORMS:
        features["fwid"] = True
    if face.vertical and (vertical is None or glyph in vertical or features):
        features["vert"] = True
    if not features:
        return glyph
    shaped = _shaped(_hb_font(face), [ord(char)], features).get(0, [])
    return shaped[0] if len(shaped) == 1 else glyph


def _coverage(face: Face, feature: str) -> set[int] | None:
    """The glyphs the GSUB lookups of `feature` may replace, read from the table's bytes:
    the characters worth shaping to find the feature's forms (a few hundred of 45 000).
    None if a lookup is of a kind not read here: then every character is shaped."""
    gsub = _table(face, "GSUB")
    if not gsub:
        return set()

    def u16(offset: int) -> int:
        return struct.unpack_from(">H", gsub, offset)[0]

    features, lookups = u16(6), u16(8)
    indices = set()
    for n in range(u16(features)):
        record = features + 2 + 6 * n
        if gsub[record:record + 4] == feature.encode():
            table = features + u16(record + 4)
            indices.update(u16(table + 4 + 2 * k) for k in range(u16(table + 2)))
    covered: set[int] = set()
    for index in indices:
        lookup = lookups + u16(lookups + 2 + 2 * index)
        kind = u16(lookup)
        for k in range(u16(lookup + 4)):
            subtable = lookup + u16(lookup + 6 + 2 * k)
            if kind == 7:                                   # extension: the real subtable
                kind_here = u16(subtable + 2)
                subtable += struct.unpack_from(">I", gsub, subtable + 4)[0]
            else:
                kind_here = kind
            if kind_here not in (1, 2, 3, 4):   # single, multiple, alternate, ligature
                return None
            covered |= _coverage_glyphs(gsub, subtable + u16(subtable + 2))
    return covered


def _coverage_glyphs(gsub: bytes, coverage: int) -> set[int]:
    """The glyphs of an OpenType coverage table: a list (format 1) or ranges (format 2)."""
    form, count = struct.unpack_from(">HH", gsub, coverage)
    if form == 1:
        return set(struct.unpack_from(f">{count}H", gsub, coverage + 4))
    glyphs = set()
    for start, end, _ in struct.iter_unpack(">HHH", gsub[coverage + 4:coverage + 4 + 6 * count]):
        glyphs.update(range(start, end + 1))
    return glyphs


# Features HarfBuzz applies unasked; off, so that only the features named apply.
_DEFAULT_FEATURES_OFF = {tag: False for tag in (
    "abvm", "blwm", "ccmp", "locl", "mark", "mkmk", "rlig", "rvrn", "calt", "clig", "curs",
    "dist", "kern", "liga", "rclt", "vert")}


def _shaped(font, codes: list[int], features: dict[str, bool]) -> dict[int, list[int]]:
    """The glyphs HarfBuzz sets for `codes` with only `features`, by the index of the code."""
    import uharfbuzz as hb
    buffer = hb.Buffer()
    buffer.add_codepoints(codes)
    buffer.direction, buffer.script, buffer.language = "ltr", "Hani", "zh-Hans"
    # Each character as the font draws it: no invisible glyph for a soft hyphen, no dotted
    # circle before a lone combining mark.
    buffer.flags = (hb.BufferFlags.PRESERVE_DEFAULT_IGNORABLES
                    | hb.BufferFlags.DO_NOT_INSERT_DOTTED_CIRCLE)
    hb.shape(font, buffer, {**_DEFAULT_FEATURES_OFF, **features})
    shaped: dict[int, list[int]] = {}
    for info in buffer.glyph_infos:
        shaped.setdefault(info.cluster, []).append(info.codepoint)
    return shaped


@memoised("ink extents")
def ink_extent(face: Face, char: str) -> tuple[float, float]:
    """Left and right edge of a character's ink, in em from its origin: the box of its
    outline's points (for the straight-edged dash the composer measures, exactly its ink)."""
    extents = _hb_font(face).get_glyph_extents(face_metrics(face).glyph_id(char))
    units_per_em = _hb_face(face).upem
    return extents.x_bearing / units_per_em, (extents.x_bearing + extents.width) / units_per_em


# --------------------------------------------------------------------------- embedding

@dataclass(frozen=True)
class FaceInfo:
    """What a PDF font descriptor says of a face, in font units."""
    postscript_name: str
    units_per_em: int
    bbox: tuple[int, int, int, int]       # xMin, yMin, xMax, yMax of all glyphs
    italic_angle: float
    ascent: int
    descent: int
    cap_height: int
    weight: int                         # usWeightClass: 400 regular, 700 bold
    fixed_pitch: bool


@dataclass(frozen=True)
class FontSubset:
    """A face cut down to the glyphs of some characters, as a PDF embeds it.

    The glyphs keep their order, numbered from 1 (0 is .notdef). A CFF face's subset is
    CID-keyed with each glyph's CID its number, so one number selects a glyph in either
    outline format: the PDF writes it as the character's two-byte code (Identity-H).
    """
    outlines: str               # "CFF": `program` is the bare CFF table (FontFile3);
    program: bytes              # "TrueType": the whole font (FontFile2)
    glyphs: dict[str, int]      # character → glyph number in the subset
    info: FaceInfo


def embeddable_subsets(face: Face, chars: set[str]) -> list[FontSubset]:
    """The subsets of `face` that set `chars`: usually one. A PDF font maps each glyph back to
    one character (ToUnicode), so two characters the face draws with one glyph (say U+2F08 ⼈
    and U+4EBA 人) go to different subsets, and both copy out as typed. Cached on disk."""
    metrics = face_metrics(face)
    groups: list[dict[int, str]] = []       # each: glyph id → the one character it sets
    for char in sorted(chars):
        glyph = metrics.glyph_id(char) if metrics.has(char) else 0
        group = next((group for group in groups if glyph not in group), None)
        if group is None:
            group = {}
            groups.append(group)
        group[glyph] = char
    return [_subset(face, tuple(sorted(group.items()))) for group in groups]


# Tables a PDF does not read from an embedded font: layout, vertical metrics, names.
_DROPPED_TABLES = ("BASE", "GDEF", "GPOS", "GSUB", "JSTF", "MATH", "VORG", "vhea", "vmtx",
                   "kern", "DSIG", "meta", "name", "post", "OS/2", "cmap", "gasp", "hdmx",
                   "LTSH", "VDMX", "PCLT")


@memoised("subsets", disk=lambda face, glyph_chars: (
    file_key(face.path, face.index), glyph_chars), memory=0,
    well_formed=lambda subset: isinstance(subset, FontSubset))
def _subset(face: Face, glyph_chars: tuple[tuple[int, str], ...]) -> FontSubset:
    """The subset of `face` with these glyphs, each for its character (glyph, char)."""
    import uharfbuzz as hb
    request = hb.SubsetInput()
    for glyph, _ in glyph_chars:
        request.glyph_set.add(glyph)
    for tag in _DROPPED_TABLES:
        request.drop_table_tag_set.add(int.from_bytes(tag.encode(), "big"))
    # No layout closure: the glyphs are the forms already chosen (fwid, vert); an identity
    # charset: CID = glyph number; subroutines inlined: an issue's few thousand glyphs use
    # little of a CJK face's shared subroutines, so the subset is smaller and made in half
    # the time (hints are kept, for previews at small sizes).
    request.flags = (hb.SubsetFlags.NO_LAYOUT_CLOSURE | hb.SubsetFlags.CFF_IDENTITY_CHARSET
                     | hb.SubsetFlags.DESUBROUTINIZE)
    plan = hb.SubsetPlan(_hb_face(face), request)
    numbers = plan.old_to_new_glyph_mapping
    subset = plan.execute()
    if "CFF " in subset.table_tags:
        outlines, program = "CFF", subset.reference_table("CFF ").data
    else:
        outlines, program = "TrueType", subset.blob.data
    return FontSubset(outlines, program, {char: numbers[glyph] for glyph, char in
                                          glyph_chars}, face_info(face))


@memoised("face info")
def face_info(face: Face) -> FaceInfo:
    import uharfbuzz as hb
    head, os2, post = _table(face, "head"), _table(face, "OS/2"), _table(face, "post")
    os2_version, weight = struct.unpack_from(">HH", os2, 0)
    ascent, descent = struct.unpack_from(">hh", os2, 68)              # sTypoAscender, …
    cap_height = struct.unpack_from(">h", os2, 88)[0] if os2_version >= 2 else ascent
    italic_angle, fixed_pitch = struct.unpack_from(">iI", post, 4)
    return FaceInfo(
        postscript_name=_hb_face(face).get_name(hb.OTNameIdPredefined.POSTSCRIPT_NAME)
        or face.path.stem,
        units_per_em=struct.unpack_from(">H", head, 18)[0],
        bbox=struct.unpack_from(">hhhh", head, 36), italic_angle=italic_angle / 65536,
        ascent=ascent, descent=descent, cap_height=cap_height, weight=weight,
        fixed_pitch=bool(fixed_pitch))
