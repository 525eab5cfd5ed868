"""Reading a house style: styles/<name>.toml (with its `base` styles merged under it) →
`settings.Style`. Every setting is checked here, once; a bad one is one error naming the
style file, the field and the fix."""
from __future__ import annotations

import datetime
from dataclasses import MISSING, fields
from pathlib import Path

from ..color import output_profile_problem
from ..errors import BroadsheetError
from ..standards import STANDARDS
from ..text import charclass as cc
from ..text.compose import TextSettings
from ..tomlfile import load_toml
from .settings import (BLOCK_TYPES, MM, OPTIONAL_TYPES, PROFILES_DIR, REQUIRED_TYPES,
                       CarryStyle, Colors, Composition, Frame, Furniture, MakeUpSettings,
                       PrintSettings, Rules, Style, TypeSpec)

STYLES_DIR = Path(__file__).resolve().parent.parent.parent / "styles"
TABLES = ("page", "grid", "text", "fonts", "type", "rules", "masthead", "colors", "furniture",
          "composition", "print", "ads", "frames", "tints", "makeup")


def style_path(name: str, relative_to: Path | None = None) -> Path:
    """A style is named (``jinzhong`` → styles/jinzhong.toml) or given as a path."""
    if name.endswith(".toml"):
        path = Path(name)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to / path
        return path
    return STYLES_DIR / f"{name}.toml"


def load_style_table(name: str, relative_to: Path | None = None, _seen: tuple = ()) -> dict:
    """The style's TOML as a dict, merged over its ``base`` style (tables merge key by key)."""
    path = style_path(name, relative_to)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in STYLES_DIR.glob("*.toml")))
        raise BroadsheetError(f"no style named {name!r}", file=str(path), field="style",
                              fix=f"use one of: {known}")
    if path.resolve() in _seen:
        chain = " → ".join(p.name for p in (*_seen, path.resolve()))
        raise BroadsheetError(f"styles name each other as base in a loop ({chain})",
                              file=str(path), field="base",
                              fix="remove the base line of one of them")
    table = load_toml(path)
    base_name = table.pop("base", None)
    if base_name is None:
        return table
    if not isinstance(base_name, str) or not base_name.strip():
        raise BroadsheetError(f"base must be a style's name in quotes, not {base_name!r}",
                              file=str(path), field="base",
                              fix='e.g. base = "duikai", or a path ending .toml')
    return _merge(load_style_table(base_name, path.parent, _seen + (path.resolve(),)), table)


def _merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_style(name: str, relative_to: Path | None = None) -> Style:
    """Read and check a style, resolving every setting into a `Style`."""
    path = style_path(name, relative_to)
    table = load_style_table(name, relative_to)
    for section in TABLES:
        if not isinstance(table.get(section, {}), dict):
            raise BroadsheetError(f"{section} must be a table", file=str(path), field=section,
                                  fix=f"write its settings under a [{section}] header")

    def get(section: str, key: str, kind=(int, float)):
        try:
            value = table[section][key]
        except KeyError:
            raise BroadsheetError("missing setting", file=str(path), field=f"{section}.{key}",
                                  fix=f"add `{key} = …` to the [{section}] table") from None
        return bounded(value, f"{section}.{key}", path, kind)

    text = table.get("text", {})
    body_size = float(get("grid", "body_size_pt"))
    fonts = _fonts(table.get("fonts", {}), path)
    colors = _colors(table.get("colors", {}), path)
    return Style(
        name=path.stem,
        page_width=get("page", "width_mm") * MM, page_height=get("page", "height_mm") * MM,
        bleed=get("page", "bleed_mm") * MM, top=get("page", "top_mm") * MM,
        columns=get("grid", "columns", int), column_chars=get("grid", "column_chars", int),
        gutter_chars=get("grid", "gutter_chars", int), body_size=body_size,
        line_pitch=float(get("grid", "line_pitch_pt")), lines=get("grid", "lines", int),
        text=_text_settings(text, path),
        indent_em=float(bounded(text.get("indent_em", 2), "text.indent_em", path)),
        fonts=fonts, type=_types(table, body_size, fonts, path),
        rules=typed(Rules, table, path), masthead=dict(table.get("masthead", {})),
        colors=colors, furniture=_furniture(table, path),
        composition=typed(Composition, table, path),
        print=_print_settings(table.get("print", {}), path),
        carry=_carry_style(table, path),
        makeup=typed(MakeUpSettings, table, path),
        words=word_list(text.get("words", []), str(path), "text.words"),
    )


# What a newspaper can have: each numeric setting's least and greatest value, and why (the
# typed tables' settings carry theirs: settings.setting).
BOUNDS = {
    "page.width_mm": (100, 1000, "a broadsheet is about 390 mm wide"),
    "page.height_mm": (100, 1200, "a broadsheet is about 545 mm tall"),
    "page.bleed_mm": (0, 5, "3 mm is usual; 0 where the plant prints no bleed"),
    "page.top_mm": (0, 200, "the top margin is usually 15–25 mm"),
    "grid.columns": (1, 20, "a broadsheet has 6–9 basic columns"),
    "grid.column_chars": (2, 80, "a basic column holds 10–20 body characters"),
    "grid.gutter_chars": (0, 6, "the 栏空 is usually one character"),
    "grid.body_size_pt": (4, 24, "body type is 8–10.5 pt"),
    "grid.line_pitch_pt": (4, 72, "a line pitch of 1.3–1.6 × the body size is usual"),
    "grid.lines": (1, 500, "a broadsheet page holds about 100 grid lines"),
    "text.indent_em": (0, 4, "paragraphs are indented 2 em"),
    "text.max_spacing_em": (0.05, 1, "0.25 em keeps lines from reading as letter-spaced"),
    "text.squeeze_cost_em": (0, 1, "0.2 squeezes a mark in mid-line only as a last resort"),
    "text.tighten_em": (0, 0.1, "0.05 em lets a line crowded by a long number be set a little "
                                "tighter rather than the line before spaced out"),
    "print.max_ink_percent": (100, 400, "newsprint takes 240 %"),
    "print.min_ppi": (0, 1200, "newspaper photos need about 170–200 ppi"),
    "print.max_megapixels": (1, 500, "a camera photo has 12–61 megapixels"),
}
TYPE_BOUNDS = {"size_pt": (4, 300, "a broadsheet's largest headline is about 150 pt"),
               "min_size_pt": (4, 300, "the smallest a headline may shrink to"),
               "lines": (1, 40, "grid lines per line of the text"),
               "columns": (1, 20, "text columns a pull quote spans, usually 1–3")}


def bounded(value, field: str, path: Path, kind=(int, float), *, high=None, bounds=None):
    """`value` of the setting `field`, checked to be a number a newspaper can have."""
    low, most, why = bounds or BOUNDS.get(field) or TYPE_BOUNDS[field.rsplit(".", 1)[-1]]
    most = most if high is None else min(most, high)
    wanted = "a whole number" if kind is int else "a number"
    if not isinstance(value, kind) or isinstance(value, bool):
        raise BroadsheetError(f"{field.rsplit('.', 1)[-1]} must be {wanted}, not {value!r}",
                              file=str(path), field=field,
                              fix=f"give {wanted} from {low:g} to {most:g} ({why})")
    if not low <= value <= most:
        raise BroadsheetError(f"{value!r} is out of range ({low:g} to {most:g})",
                              file=str(path), field=field,
                              fix=f"give {low:g} to {most:g} ({why})")
    return value


def typed(cls, table: dict, path: Path, skip: tuple[str, ...] = ()):
    """The style's table `cls.TABLE` as a `cls`: each numeric setting checked against its
    bounds, a missing one its default, an unknown key refused (`skip`: read elsewhere)."""
    given = table.get(cls.TABLE, {})
    known = {f.name: f for f in fields(cls) if f.name not in skip}
    values = {}
    for key, value in given.items():
        if key in skip:
            continue
        if key not in known:
            raise BroadsheetError(f"unknown setting {key!r}", file=str(path),
                                  field=f"{cls.TABLE}.{key}",
                                  fix=f"use one of: {', '.join(known)}")
        kind = known[key].type
        if kind == "bool":
            values[key] = _switch(value, f"{cls.TABLE}.{key}", path)
            continue
        value = bounded(value, f"{cls.TABLE}.{key}", path, int if kind == "int" else (int, float),
                        bounds=known[key].metadata["bounds"])
        values[key] = float(value) if kind == "float" else value
    for name, spec in known.items():
        if spec.default is MISSING and name not in values and name not in skip:
            raise BroadsheetError("missing setting", file=str(path),
                                  field=f"{cls.TABLE}.{name}",
                                  fix=f"add `{name} = …` to the [{cls.TABLE}] table")
    return cls(**values, **{key: given[key] for key in skip if key in given})


def _switch(value, field: str, path: Path) -> bool:
    if not isinstance(value, bool):
        raise BroadsheetError(f"{field.rsplit('.', 1)[-1]} must be true or false, not {value!r}",
                              file=str(path), field=field, fix="write true or false")
    return value


def _text_settings(text: dict, path: Path) -> TextSettings:
    """The composer's settings from [text], each checked here (the composer takes them as
    given)."""
    file = str(path)
    line_break = text.get("line_break", "gb")
    if line_break not in cc.LINE_BREAK_LEVELS:
        raise BroadsheetError(f"line_break must be one of {', '.join(cc.LINE_BREAK_LEVELS)}, "
                              f"not {line_break!r}", file=file, field="text.line_break",
                              fix='the mainland newspaper default is line_break = "gb"')
    punctuation = text.get("punctuation", "quanjiao")
    if punctuation not in ("quanjiao", "kaiming", "banjiao"):
        raise BroadsheetError(f"punctuation must be quanjiao, kaiming or banjiao, not "
                              f"{punctuation!r}", file=file, field="text.punctuation",
                              fix='全角式 is punctuation = "quanjiao"')
    space = text.get("cjk_latin_space", 0)
    if isinstance(space, bool) or space not in (0, 0.125, 0.25):
        raise BroadsheetError(f"cjk_latin_space must be 0, 0.125 or 0.25 (em), not {space!r}",
                              file=file, field="text.cjk_latin_space",
                              fix="0 sets digits and Latin solid against Han text")
    default = TextSettings()
    return TextSettings(
        line_break=line_break, punctuation=punctuation, cjk_latin_space=space,
        max_spacing_em=bounded(text.get("max_spacing_em", default.max_spacing_em),
                               "text.max_spacing_em", path),
        squeeze_cost_em=bounded(text.get("squeeze_cost_em", default.squeeze_cost_em),
                                "text.squeeze_cost_em", path),
        tighten_em=bounded(text.get("tighten_em", default.tighten_em), "text.tighten_em", path))


def _fonts(table: dict, path: Path) -> dict[str, str | dict]:
    """Font roles → an entry of fonts/fonts.toml (its name) or a font file (a table)."""
    for role, entry in table.items():
        if not (isinstance(entry, str) and entry.strip()) and not isinstance(entry, dict):
            raise BroadsheetError(f"a font role names an entry of fonts/fonts.toml, not "
                                  f"{entry!r}", file=str(path), field=f"fonts.{role}",
                                  fix=f'e.g. {role} = "serif"')
    return dict(table)


def _types(table: dict, body_size: float, fonts: dict, path: Path) -> dict[str, TypeSpec]:
    """Every type the stages use: the style's, and for what it leaves out, what stands in."""
    types = {key: _type(key, spec, path) for key, spec in table.get("type", {}).items()}
    for key, spec in types.items():
        if spec.role not in fonts:
            raise BroadsheetError(f"the {key} is set in the font role {spec.role!r}, which "
                                  "[fonts] does not have", file=str(path),
                                  field=f"type.{key}.role",
                                  fix=f"use one of: {', '.join(fonts)} (or add the role to "
                                      "[fonts])")
    for key in REQUIRED_TYPES:
        if key not in types:
            raise BroadsheetError(f"the style sets no type for the {key}", file=str(path),
                                  field=f"type.{key}",
                                  fix=f'add e.g. {key} = {{ size_pt = 10.5, role = "body" }} '
                                      "to its [type] table (or to its base style's)")
    for key, default in OPTIONAL_TYPES.items():     # resolved here once, not at each use
        types.setdefault(key, types[default] if default in types
                         else TypeSpec(size=body_size, role="kai", lines=1))
    for key, (scale, role) in BLOCK_TYPES.items():
        types.setdefault(key, TypeSpec(size=body_size * scale, role=role, lines=1))
    # the masthead's 刊号 line: a size and a half over the folio's
    types.setdefault("masthead_numbers", TypeSpec(size=types["folio"].size + 1.5, role="body"))
    return types


def _type(key: str, spec, path: Path) -> TypeSpec:
    field = f"type.{key}"
    if not isinstance(spec, dict) or "size_pt" not in spec or "role" not in spec:
        raise BroadsheetError("each type needs size_pt and role", file=str(path),
                              field=field, fix='e.g. { size_pt = 9, role = "body" }')
    size = bounded(spec["size_pt"], f"{field}.size_pt", path)
    min_size = spec.get("min_size_pt")
    if min_size is not None:
        min_size = bounded(min_size, f"{field}.min_size_pt", path, high=size)
    lines = spec.get("lines")
    if lines is not None:
        lines = bounded(lines, f"{field}.lines", path, int)
    columns = spec.get("columns")
    if columns is not None:
        columns = bounded(columns, f"{field}.columns", path, int)
    return TypeSpec(size=float(size), role=spec["role"], lines=lines, min_size=min_size,
                    columns=columns)


def _furniture(table: dict, path: Path) -> Furniture:
    """[furniture], its two lists checked here and the numbers by `typed`."""
    given = table.get("furniture", {})
    furniture = typed(Furniture, table, path, skip=("masthead_index_columns", "digest_sizes_pt"))
    index = given.get("masthead_index_columns", [0, 0])
    if (not isinstance(index, list) or len(index) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 20
                       for v in index) or index[0] > index[1]):
        raise BroadsheetError(f"masthead_index_columns must be [first, last] basic columns, "
                              f"not {index!r}", file=str(path),
                              field="furniture.masthead_index_columns",
                              fix="e.g. masthead_index_columns = [4, 6] (columns 1 to 20)")
    sizes = given.get("digest_sizes_pt", list(furniture.digest_sizes_pt))
    if (not isinstance(sizes, list) or not sizes
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 5 <= v <= 30
                       for v in sizes) or sizes != sorted(sizes, reverse=True)):
        raise BroadsheetError(f"digest_sizes_pt must be type sizes, largest first, not "
                              f"{sizes!r}", file=str(path), field="furniture.digest_sizes_pt",
                              fix="e.g. digest_sizes_pt = [11, 10, 9, 8] (5 to 30 pt)")
    return Furniture(**{**{f.name: getattr(furniture, f.name) for f in fields(Furniture)},
                        "masthead_index_columns": tuple(index),
                        "digest_sizes_pt": tuple(sizes)})


def word_list(value, file: str, field: str) -> tuple[str, ...]:
    """A user dictionary for title breaking: a list of words (names, terms) kept whole."""
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise BroadsheetError(f"words must be a list of words, not {value!r}", file=file,
                              field=field, fix='e.g. words = ["常书铭", "晋中"]')
    return tuple(w.strip() for w in value)


def _cmyk(value, file: str, field: str, what: str, example: str) -> tuple:
    """[C, M, Y, K] percentages as a CMYK tuple 0..1."""
    if (not isinstance(value, list) or len(value) != 4
            or not all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in value)):
        raise BroadsheetError(f"{what} is four percentages [C, M, Y, K], not {value!r}",
                              file=file, field=field, fix=example)
    return tuple(v / 100 for v in value)


def _colors(table: dict, path: Path) -> Colors:
    known = [f.name for f in fields(Colors)]
    values = {}
    for use, value in table.items():
        if use not in known:
            raise BroadsheetError(f"unknown colour {use!r}", file=str(path),
                                  field=f"colors.{use}", fix=f"use one of: {', '.join(known)}")
        values[use] = _cmyk(value, str(path), f"colors.{use}", "a colour",
                            f"e.g. {use} = [0, 100, 100, 0] for red")
    return Colors(**values)


def _print_settings(table: dict, path: Path) -> PrintSettings:
    settings = PrintSettings()
    keys = {"standard": "standard", "output_condition_identifier": "output_condition_identifier",
            "output_condition": "output_condition", "registry_name": "registry_name",
            "profile": "profile", "profile_package": "profile_package",
            "max_ink_percent": "max_ink", "min_ppi": "min_ppi",
            "max_megapixels": "max_megapixels",
            "overprint_black": "overprint_black", "marks": "marks", "page_file": "page_file"}
    values = {}
    for key, value in table.items():
        if key not in keys:
            raise BroadsheetError(f"unknown print setting {key!r}", file=str(path),
                                  field=f"print.{key}", fix=f"use one of: {', '.join(keys)}")
        if f"print.{key}" in BOUNDS:
            value = bounded(value, f"print.{key}", path)
        values[keys[key]] = value
    if values.get("standard", settings.standard) not in STANDARDS:
        raise BroadsheetError(f"standard must be one of {', '.join(STANDARDS)}",
                              file=str(path), field="print.standard",
                              fix='e.g. standard = "PDF/X-1a:2003"')
    marks = values.get("marks", settings.marks)
    if isinstance(marks, bool):         # marks = false: none, and no slug round the bleed
        marks = PrintSettings.MARKS if marks else ()
    marks = tuple(marks)
    unknown = [mark for mark in marks if mark not in PrintSettings.MARKS]
    if unknown:
        raise BroadsheetError(f"unknown marks {unknown}", file=str(path), field="print.marks",
                              fix=f"choose from {', '.join(PrintSettings.MARKS)}")
    values["marks"] = marks
    if "page_file" in values:
        _check_page_file(values["page_file"], path)
    if "profile" in values:
        values["profile"] = _profile(values["profile"], path)
    return PrintSettings(**values)


def _profile(value, path: Path) -> Path:
    """The output profile: a bare name is a profile in profiles/."""
    if not isinstance(value, str) or not value:
        raise BroadsheetError(f"profile must be a file path in quotes, not {value!r}",
                              file=str(path), field="print.profile",
                              fix='e.g. profile = "CGATS-TR002-newsprint-GCR-TAC240.icc" '
                                  "(in profiles/) or the path of the plant's .icc file")
    profile = PROFILES_DIR / Path(value).expanduser()
    if profile.is_file() and (problem := output_profile_problem(profile)):
        raise BroadsheetError(f"{profile} is not a CMYK output ICC profile ({problem})",
                              file=str(path), field="print.profile",
                              fix="name the plant's CMYK printing profile (an .icc file, "
                                  "e.g. WAN-IFRAnewspaper26v5.icc), or remove the line for "
                                  "the newsprint profile in profiles/")
    return profile


def page_file_name(pattern: str, date, page: int, number: int, section: str) -> str:
    """A page's delivery file name from the style's `page_file` pattern."""
    return pattern.format(date=date, page=page, number=number, section=section)


def _check_page_file(pattern, path: Path) -> None:
    try:
        name = page_file_name(pattern, datetime.date(2024, 1, 6), 1, 3144, "要闻")
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as error:
        raise BroadsheetError(f"page_file {pattern!r} cannot be filled in ({error})",
                              file=str(path), field="print.page_file",
                              fix='use {date:%Y%m%d}, {page:02d}, {number}, {section}, '
                                  'e.g. "{date:%Y%m%d}-{page:02d}.pdf"') from None
    if "/" in name or not name.endswith(".pdf") or name == page_file_name(
            pattern, datetime.date(2024, 1, 6), 2, 3144, "要闻"):
        raise BroadsheetError(f"page_file {pattern!r} gives {name!r}", file=str(path),
                              field="print.page_file",
                              fix="a file name (no folders) ending in .pdf that includes {page}")


# ------------------------------------------------------------------ what pages carry (issue 14)

CORNERS = ("square", "round")
RGB_POLICIES = ("convert", "refuse")
FRAME_KEYS = ("weight_pt", "double", "gap_pt", "corner", "radius_mm", "inset_chars")


def ad_sizes(table: dict, path: Path) -> dict[str, tuple[int, int]]:
    """The style's named ad sizes ([ads.sizes]): name → (columns, grid lines)."""
    sizes = {}
    for name, value in table.get("ads", {}).get("sizes", {}).items():
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) and v > 0 for v in value)):
            raise BroadsheetError(f"an ad size is [columns, lines], not {value!r}",
                                  file=str(path), field=f"ads.sizes.{name}",
                                  fix=f"e.g. {name} = [8, 26]")
        sizes[name] = (value[0], value[1])
    return sizes


def _carry_style(table: dict, path: Path) -> CarryStyle:
    """[ads], [frames] and [tints]."""
    file = str(path)
    ads = table.get("ads", {})
    rgb = ads.get("rgb", "convert")
    if rgb not in RGB_POLICIES:
        raise BroadsheetError(f"ads.rgb must be one of {', '.join(RGB_POLICIES)}, not {rgb!r}",
                              file=file, field="ads.rgb",
                              fix='"convert" converts RGB image ads with the press profile; '
                                  '"refuse" reports them as errors')
    tolerance = ads.get("scale_tolerance_percent", 3)
    if not isinstance(tolerance, (int, float)) or not 0 <= tolerance <= 10:
        raise BroadsheetError(f"scale_tolerance_percent must be 0 to 10, not {tolerance!r}",
                              file=file, field="ads.scale_tolerance_percent",
                              fix="3 is usual: an ad a little off its slot is scaled, not more")
    tints, max_tint = _tints(table, file)
    frames = {name: _frame(name, value, file)
              for name, value in table.get("frames", {}).items()}
    return CarryStyle(ad_sizes=ad_sizes(table, path), rgb=rgb, scale_tolerance=tolerance / 100,
                      frames=frames, tints=tints, max_tint=float(max_tint))


def _tints(table: dict, file: str) -> tuple[dict[str, tuple], float]:
    tints_table = dict(table.get("tints", {}))
    max_tint = tints_table.pop("max_percent", 20)
    tints = {}
    for name, value in tints_table.items():
        tints[name] = _cmyk(value, file, f"tints.{name}", "a tint", f"e.g. {name} = [0, 0, 0, 10]")
        if sum(value) > max_tint:
            raise BroadsheetError(
                f"the tint {name} has {sum(value):g} % ink, more than tints.max_percent "
                f"({max_tint:g} %): 100 K text on it would not read", file=file,
                field=f"tints.{name}", fix="make it lighter")
    return tints, max_tint


def _frame(name: str, value, file: str) -> Frame:
    if not isinstance(value, dict):
        raise BroadsheetError("a frame is a table", file=file, field=f"frames.{name}",
                              fix=f"e.g. {name} = {{ weight_pt = 0.75 }}")
    unknown = set(value) - set(FRAME_KEYS)
    if unknown:
        raise BroadsheetError(f"unknown frame setting {sorted(unknown)[0]!r}", file=file,
                              field=f"frames.{name}", fix=f"use {', '.join(FRAME_KEYS)}")
    if value.get("corner", "square") not in CORNERS:
        raise BroadsheetError(f"corner must be one of {', '.join(CORNERS)}", file=file,
                              field=f"frames.{name}.corner", fix='e.g. corner = "round"')
    default = Frame()
    return Frame(weight=float(value.get("weight_pt", default.weight)),
                 double=bool(value.get("double", default.double)),
                 gap=float(value.get("gap_pt", default.gap)),
                 corner=value.get("corner", default.corner),
                 radius=float(value["radius_mm"]) * MM if "radius_mm" in value else default.radius,
                 inset_chars=float(value.get("inset_chars", default.inset_chars)))
