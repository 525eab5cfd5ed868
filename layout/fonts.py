"""Fonts by role: finding the files, measuring characters, and making them embeddable.

Composition only needs to know which face sets a character and how wide it is (`FontBook`).
The PDF backend needs a TrueType-outline subset it can hand to ReportLab (`embeddable_ttf`):
Noto CJK ships CFF outlines, which ReportLab cannot load, so each glyph's cubic outlines are
converted to quadratic ones with fontTools' cu2qu (as fontTools' otf2ttf does), once per glyph:
converted glyphs are kept on disk, and a subset is built from them with fontTools' FontBuilder.
"""
from __future__ import annotations

import gc
import io
import subprocess
import tomllib
from array import array
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from pathlib import Path

# fontTools' table, builder and pen modules are imported where a font is opened: they take
# a fifth of a second to load, and a render whose font work is all cached never opens a font.

from .cache import cached, file_key, lookup_many, store
from .errors import BroadsheetError
from .parallel import fork_map

FONTS_TOML = Path(__file__).resolve().parent.parent / "fonts" / "fonts.toml"

# Characters that a Chinese text wants in their full-width form, which the CJK fonts reach
# only through the OpenType `fwid` feature: U+2014 maps to a low, 0.89 em Latin dash; its
# full-width form is centred on the em box, as 破折号 must be.
FULL_WIDTH_FORMS = "—"


# Tolerance of the cubic-to-quadratic conversion, in font units (1/1000 em): invisible in print.
CU2QU_MAX_ERR = 1.0


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
    return Face(*fields)


def _frees_font(read):
    """For a function that opens a font: its tables are cycles of objects (some 50 MB for a
    CJK face), freed as soon as it returns rather than at the collector's leisure, so that
    the next face read reuses the memory (a first render reads a dozen)."""
    @wraps(read)
    def reading(*args):
        try:
            return read(*args)
        finally:
            gc.collect()
    return reading


class FaceMetrics:
    """What composition needs to know of a face: which characters it has and their widths
    (and, for embedding, which glyph sets each)."""

    def __init__(self, face: Face):
        self.face = face
        key = file_key(face.path, face.index, face.vertical)
        self.ascent, self.descent, self._advances, self._glyph_ids, self._beyond = cached(
            "metrics", key, lambda: _read_metrics(face))

    def has(self, char: str) -> bool:
        code = ord(char)
        return self._advances[code] >= 0 if code < len(self._advances) else code in self._beyond

    def advance(self, char: str) -> float:
        """Advance width in em."""
        if not self.has(char):
            raise KeyError(char)
        code = ord(char)
        return self._advances[code] if code < len(self._advances) else self._beyond[code][0]

    def glyph_id(self, char: str) -> int:
        """The glyph that sets `char` (its full-width or vertical form where one is used)."""
        if not self.has(char):
            raise KeyError(char)
        code = ord(char)
        return self._glyph_ids[code] if code < len(self._glyph_ids) else self._beyond[code][1]

    def characters(self):
        """Every character the face has, in code point order."""
        yield from (chr(code) for code, advance in enumerate(self._advances) if advance >= 0)
        yield from (chr(code) for code in sorted(self._beyond))


# Advances up to here are kept in an array indexed by code point, the rest in a dictionary:
# the Han of the first three planes load at once, a font's private-use planes cost nothing.
ARRAY_END = 0x30000


@_frees_font
def _read_metrics(face: Face) -> tuple[float, float, array, array, dict[int, tuple]]:
    """Ascent and descent, and each character's advance in em and glyph by code point (in
    the arrays, advance −1 where the face has no glyph; past ARRAY_END, a dictionary): as
    little as composition needs, in a form that loads at once, since every render loads it."""
    font = _open(face)
    units_per_em = font["head"].unitsPerEm
    os2 = font["OS/2"]
    # The ideographic em box: Noto CJK and LXGW WenKai both sit it from -0.12 to 0.88 em.
    hmtx = font["hmtx"]
    glyphs = _character_glyphs(font, face.vertical)
    size = min(max(glyphs) + 1, ARRAY_END)
    advances, glyph_ids, beyond = array("d", [-1.0]) * size, array("i", [0]) * size, {}
    for code, glyph in glyphs.items():
        advance, glyph_id = hmtx[glyph][0] / units_per_em, font.getGlyphID(glyph)
        if code < ARRAY_END:
            advances[code], glyph_ids[code] = advance, glyph_id
        else:
            beyond[code] = advance, glyph_id
    return (os2.sTypoAscender / units_per_em, os2.sTypoDescender / units_per_em, advances,
            glyph_ids, beyond)


@dataclass
class FontBook:
    """Faces by role for one render, with fallback for characters a face lacks.

    `substitutions` records every character set in a face other than its role's, so the
    render can report it.
    """
    roles: dict[str, Face]
    fallbacks: list[Face]
    substitutions: dict[tuple[str, str], Face] = field(default_factory=dict)
    _metrics: dict[Face, FaceMetrics] = field(default_factory=dict)

    def metrics(self, face: Face) -> FaceMetrics:
        if face not in self._metrics:
            self._metrics[face] = FaceMetrics(face)
        return self._metrics[face]

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
        for other in self.fallbacks + _fontconfig_faces_with(char):
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
    names = cached("families", file_key(path), lambda: _family_names(path))
    if family is None:
        return 0
    if family not in names:
        raise BroadsheetError(f"{path} has no face of the family {family!r}",
                              field="fonts", fix=f"use one of: {', '.join(names)}")
    return names.index(family)


def _family_names(path: Path) -> list[str]:
    """The family name of each face in a collection, in order."""
    from fontTools.ttLib import TTCollection
    collection = TTCollection(str(path), lazy=True)
    return [font["name"].getDebugName(1) for font in collection.fonts]


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


def _open(face: Face):
    from fontTools.ttLib import TTFont
    return TTFont(str(face.path), fontNumber=face.index, lazy=True)


def _character_glyphs(font, vertical: bool = False) -> dict[int, str]:
    """Code point → glyph: full-width forms for FULL_WIDTH_FORMS (`fwid`); in a vertical face,
    every character's vertical form where the font has one (`vert`: ，。「」（）—— …)."""
    glyphs = dict(font.getBestCmap())
    full_width = _single_substitutions(font, "fwid")
    for char in FULL_WIDTH_FORMS:
        glyph = glyphs.get(ord(char))
        if glyph in full_width:
            glyphs[ord(char)] = full_width[glyph]
    if vertical:
        upright = _single_substitutions(font, "vert")
        glyphs = {code: upright.get(glyph, glyph) for code, glyph in glyphs.items()}
    return glyphs


def _single_substitutions(font, feature: str) -> dict[str, str]:
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    mapping: dict[str, str] = {}
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag != feature:
            continue
        for index in record.Feature.LookupListIndex:
            for sub in table.LookupList.Lookup[index].SubTable:
                mapping.update(getattr(sub, "mapping", {}) or {})
    return mapping


def ink_extent(face: Face, char: str) -> tuple[float, float]:
    """Left and right edge of a character's ink, in em from its origin."""
    return cached("ink", file_key(face.path, face.index, face.vertical, char),
                  lambda: _ink_extent(face, char))


@_frees_font
def _ink_extent(face: Face, char: str) -> tuple[float, float]:
    from fontTools.pens.boundsPen import BoundsPen
    font = _open(face)
    glyph = _character_glyphs(font, face.vertical)[ord(char)]
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[glyph].draw(pen)
    x_min, _, x_max, _ = pen.bounds
    return x_min / font["head"].unitsPerEm, x_max / font["head"].unitsPerEm


def embeddable_ttf(face: Face, chars: set[str], postscript_name: str | None = None) -> bytes:
    """A TrueType-outline font holding just `chars` (and .notdef), for ReportLab to embed
    (and subset again); cached whole per face and character set.

    Noto CJK's outlines are CFF, which ReportLab cannot load: each glyph is converted to
    quadratic outlines with fontTools' cu2qu and kept on disk on its own, so a new issue
    converts only the characters no render before it has drawn. The cmap maps each
    character straight to the glyph composition measured (full-width and vertical forms
    included), so the PDF's ToUnicode map gives back the characters typed.
    `postscript_name` renames the font (ReportLab treats fonts of one name as one font).
    """
    return embeddable_ttfs([(face, chars, postscript_name)])[0]


def embeddable_ttfs(fonts: list[tuple[Face, set[str], str | None]], jobs: int = 1
                    ) -> list[bytes]:
    """`embeddable_ttf` of each (face, chars, postscript_name); the glyphs no render has
    converted before are converted on `jobs` processes."""
    keys = [file_key(face.path, face.index, face.vertical, "".join(sorted(chars)), name,
                     CU2QU_MAX_ERR) for face, chars, name in fonts]
    found = lookup_many("subsets", keys)
    to_build = [(font, key) for font, key in zip(fonts, keys) if key not in found]
    codes = [_codes_in(FaceMetrics(face), chars) for (face, chars, _), _ in to_build]
    glyphs = _converted_glyphs([(face, [NOTDEF] + face_codes)
                                for ((face, _, _), _), face_codes in zip(to_build, codes)], jobs)
    for ((face, _, name), key), face_codes, face_glyphs in zip(to_build, codes, glyphs):
        found[key] = _build_ttf(face, face_codes, face_glyphs, name)
        store("subsets", key, found[key])
    return [found[key] for key in keys]


@dataclass(frozen=True)
class _TrueTypeGlyph:
    """One glyph converted to TrueType outlines: compiled `glyf` data and its measures."""
    data: bytes
    advance: int
    bounds: tuple[int, int, int, int]   # xMin, yMin, xMax, yMax (all 0 when empty)
    points: int
    contours: int


def _build_ttf(face: Face, codes: list[int], converted: list[_TrueTypeGlyph],
               postscript_name: str | None) -> bytes:
    """The TrueType font of .notdef and `codes`, whose glyphs are `converted`."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    info = _info(face)
    names = [".notdef"] + [f"uni{code:04X}" if code <= 0xFFFF else f"u{code:X}" for code in codes]
    glyphs = dict(zip(names, converted))

    builder = FontBuilder(info["unitsPerEm"])
    builder.font.recalcBBoxes = False       # the glyphs come compiled, their bounds known
    drawn = [glyph.bounds for glyph in converted if glyph.contours] or [(0, 0, 0, 0)]
    builder.setupHead(unitsPerEm=info["unitsPerEm"], created=info["created"],
                      modified=info["modified"], macStyle=info["macStyle"],
                      xMin=min(b[0] for b in drawn), yMin=min(b[1] for b in drawn),
                      xMax=max(b[2] for b in drawn), yMax=max(b[3] for b in drawn))
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(dict(zip(codes, names[1:])))
    glyf = newTable("glyf")
    glyf.glyphOrder = names
    glyf.glyphs = {name: Glyph(glyph.data) for name, glyph in glyphs.items()}
    builder.font["glyf"] = glyf
    builder.font["loca"] = newTable("loca")
    builder.setupHorizontalMetrics({name: (glyph.advance, glyph.bounds[0])     # lsb = xMin
                                    for name, glyph in glyphs.items()})
    builder.setupHorizontalHeader(
        ascent=info["ascent"], descent=info["descent"], lineGap=info["lineGap"],
        advanceWidthMax=max(glyph.advance for glyph in converted),
        minLeftSideBearing=min(b[0] for b in drawn),
        minRightSideBearing=min(glyph.advance - glyph.bounds[2] for glyph in converted),
        xMaxExtent=max(b[2] for b in drawn))
    builder.setupMaxp()
    maxp = builder.font["maxp"]
    maxp.maxPoints = max(glyph.points for glyph in converted)
    maxp.maxContours = max(glyph.contours for glyph in converted)
    builder.setupOS2(**info["OS/2"])
    builder.setupNameTable({"familyName": info["family"], "styleName": info["style"],
                            "psName": postscript_name or info["psName"]})
    builder.setupPost(italicAngle=info["italicAngle"], isFixedPitch=0)
    buffer = io.BytesIO()
    builder.font.save(buffer)
    return buffer.getvalue()


NOTDEF = -1     # stands for the .notdef glyph among code points


def _codes_in(metrics: FaceMetrics, chars: set[str]) -> list[int]:
    """The code points of those of `chars` the face has, in order."""
    return sorted(ord(char) for char in chars if metrics.has(char))


def _converted_glyphs(requests: list[tuple[Face, list[int]]], jobs: int
                      ) -> list[list[_TrueTypeGlyph]]:
    """Each (face, code points)'s glyphs in TrueType outlines: from the disk cache, or
    converted now on `jobs` processes, a face's glyphs in chunks.

    Glyphs are kept by glyph, so a face's horizontal and vertical forms (竖排) share all
    but the few glyphs `vert` replaces."""
    wanted = []
    for face, codes in requests:
        glyphs = _glyphs_in_units(face)
        base = file_key(face.path, face.index, "glyph", CU2QU_MAX_ERR)
        wanted.append([(f"{base}:{glyph_id}", face, glyph_id, advance)
                       for glyph_id, advance in map(glyphs, codes)])
    found = lookup_many("glyphs", list({key for face_wanted in wanted
                                        for key, *_ in face_wanted}))
    missing = {key: (face, glyph_id, advance) for face_wanted in wanted
               for key, face, glyph_id, advance in face_wanted if key not in found}
    by_face: dict[Face, list] = {}
    for key, (face, glyph_id, advance) in missing.items():
        by_face.setdefault(face, []).append((key, glyph_id, advance))
    tasks = [(face, glyphs[n:n + CONVERT_CHUNK]) for face, glyphs in by_face.items()
             for n in range(0, len(glyphs), CONVERT_CHUNK)]
    for (_, glyphs), converted in zip(tasks, fork_map(
            lambda task: _convert(task[0], [(glyph_id, advance) for _, glyph_id, advance
                                            in task[1]]), tasks, jobs)):
        for (key, _, _), glyph in zip(glyphs, converted):
            found[key] = glyph
            store("glyphs", key, glyph)
    return [[found[key] for key, *_ in face_wanted] for face_wanted in wanted]


CONVERT_CHUNK = 300     # glyphs a process converts at a time (opening a face costs 0.1 s)


def _glyphs_in_units(face: Face):
    """code point (or NOTDEF) → (glyph id, advance in font units) as the metrics measured."""
    metrics, info = FaceMetrics(face), _info(face)

    def glyph(code: int) -> tuple[int, int]:
        if code == NOTDEF:
            return 0, info["notdefAdvance"]
        char = chr(code)
        return metrics.glyph_id(char), round(metrics.advance(char) * info["unitsPerEm"])
    return glyph


def _info(face: Face) -> dict:
    return cached("face-info", file_key(face.path, face.index), lambda: _face_info(face))


@_frees_font
def _convert(face: Face, glyphs: list[tuple[int, int]]) -> list[_TrueTypeGlyph]:
    """Draw each (glyph id, advance) through cu2qu into TrueType outlines (as fontTools'
    Snippets/otf2ttf.py does for a whole font); only the outlines are read from the font."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.filterPen import DecomposingFilterPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    font = _open(face)
    if "CFF " in font:      # drawn from the CFF table itself: no need to read the metrics table
        charstrings = font["CFF "].cff.topDictIndex[0].CharStrings

        def draw(name, pen):
            charstrings[name].draw(pen)
    else:                   # TrueType outlines: components drawn as outlines of their own
        glyph_set = font.getGlyphSet()

        def draw(name, pen):
            glyph_set[name].draw(DecomposingFilterPen(pen, glyph_set))
    order = font.getGlyphOrder()
    converted = []
    for glyph_id, advance in glyphs:
        name = order[glyph_id]
        pen = TTGlyphPen(None)
        draw(name, Cu2QuPen(pen, CU2QU_MAX_ERR, reverse_direction=True))
        glyph = pen.glyph()
        data = glyph.compile(None)          # bounds recalculated on compiling
        if glyph.numberOfContours:
            bounds = (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax)
            points = len(glyph.coordinates)
        else:
            bounds, points = (0, 0, 0, 0), 0
        converted.append(_TrueTypeGlyph(data, advance, bounds, points,
                                        max(glyph.numberOfContours, 0)))
    return converted


def _gb2312_level_1() -> str:
    """The 3 755 most common Chinese characters: GB 2312 level 1, rows 16–55."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass                        # row 55 ends early
    return "".join(chars)


def common_characters() -> str:
    """What `broadsheet fonts` prepares: the common Han, ASCII, CJK and full-width marks."""
    return (_gb2312_level_1() + "".join(map(chr, range(0x20, 0x7F)))
            + "".join(map(chr, range(0x3000, 0x3040)))
            + "".join(map(chr, range(0xFF01, 0xFF5F))) + "—…‘’“”·")


def prepare(faces: list[Face], chars: str, jobs: int) -> int:
    """Read each face's metrics and convert its glyphs for `chars` ahead of any render, on
    `jobs` processes, so that renders find them cached; returns how many glyphs are ready.
    Each face's vertical forms (竖排 headlines) are read too: they add only the marks."""
    faces = [*faces, *(face.set_vertical() for face in faces if not face.vertical)]
    requests = [(face, [NOTDEF] + _codes_in(FaceMetrics(face), set(chars))) for face in faces]
    return sum(len(glyphs) for glyphs in _converted_glyphs(requests, jobs))


@_frees_font
def _face_info(face: Face) -> dict:
    """What a face's embedded subset keeps of its header tables."""
    font = _open(face)
    head, hhea, os2, post = font["head"], font["hhea"], font["OS/2"], font["post"]
    name = font["name"]
    return {
        "notdefAdvance": font["hmtx"][font.getGlyphOrder()[0]][0],
        "unitsPerEm": head.unitsPerEm, "created": head.created, "modified": head.modified,
        "macStyle": head.macStyle, "ascent": hhea.ascent, "descent": hhea.descent,
        "lineGap": hhea.lineGap, "italicAngle": post.italicAngle,
        "family": name.getDebugName(1), "style": name.getDebugName(2),
        "psName": name.getDebugName(6),
        "OS/2": {key: getattr(os2, key) for key in (
            "usWeightClass", "usWidthClass", "fsType", "sTypoAscender", "sTypoDescender",
            "sTypoLineGap", "usWinAscent", "usWinDescent", "fsSelection", "achVendID",
            "sxHeight", "sCapHeight")},
    }
