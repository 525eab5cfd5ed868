"""House styles: TOML files in styles/, resolved once into plain settings."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .carry_style import CarryStyle, load_carry_style
from .color import output_profile_problem
from .display import BLACK
from .errors import BroadsheetError
from .tomlfile import load_toml
from .text.compose import TextSettings

STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"
# ICC profiles: Broadsheet's newsprint profile (and any a plant drops in beside it).
PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
NEWSPRINT_PROFILE = PROFILES_DIR / "CGATS-TR002-newsprint-GCR-TAC240.icc"


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


MM = 72 / 25.4      # points per millimetre
SLUG = 10 * MM      # room outside the bleed for printer's marks and the slug line


@dataclass(frozen=True)
class TypeSpec:
    """How one kind of text is set: size, font role, and the grid lines it takes."""
    size: float                 # points
    role: str                   # a key of Style.fonts
    lines: int | None = None    # grid lines per line of this text (None: as many as it needs)
    min_size: float | None = None   # headlines shrink down to this to fit their width
    columns: int | None = None      # text columns it spans (a pull quote), where the type says


@dataclass(frozen=True)
class PrintSettings:
    """What the plant gets: the PDF/X flavour, the output intent, ink and resolution limits."""
    standard: str = "PDF/X-1a:2003"         # or "PDF/X-4"
    # The condition the default profile describes, by its name in the ICC's registry of
    # characterization data: coldset offset on newsprint, as measured for CGATS TR 002.
    output_condition_identifier: str = "CGATS TR 002"
    output_condition: str = "Coldset offset printing on newsprint (ANSI CGATS/SNAP TR 002-2007)"
    registry_name: str = "http://www.color.org"
    profile: Path = NEWSPRINT_PROFILE       # built from TR 002 (profiles/README.md)
    profile_package: str = ""               # a Debian package that ships `profile`, if one does
    max_ink: float = 240.0                  # total area coverage, percent
    min_ppi: float = 170.0                  # photos below this are flagged
    max_megapixels: float = 64.0            # larger photos are refused (memory, time)
    overprint_black: bool = True            # black text and rules overprint
    marks: tuple[str, ...] = ("crop", "registration", "colour-bar", "slug")
    # `broadsheet deliver`'s file per page (单版): {date:…} the issue's date (strftime codes),
    # {page:02d} its 版次, {number} the 总期号, {section} the 版名.
    page_file: str = "{date:%Y%m%d}-{page:02d}.pdf"

    STANDARDS = ("PDF/X-1a:2003", "PDF/X-1a:2001", "PDF/X-4")
    MARKS = ("crop", "registration", "colour-bar", "slug")

    @property
    def slug(self) -> float:
        """Room round the bleed for the marks: none when there are none (MediaBox = BleedBox)."""
        return SLUG if self.marks else 0.0


@dataclass(frozen=True)
class Style:
    """A house style resolved into numbers (points) once; stages read nothing else."""
    name: str
    page_width: float           # trimmed page
    page_height: float
    bleed: float
    top: float                  # top margin, trim edge to the first grid line
    columns: int                # basic columns (基本栏)
    column_chars: int           # body characters per basic column
    gutter_chars: int           # 栏空, in body characters
    body_size: float            # body type size
    line_pitch: float           # baseline-to-baseline distance of the grid
    lines: int                  # grid lines in the type area
    text: TextSettings
    indent_em: float            # paragraph first-line indent
    fonts: dict                 # role → fonts.toml entry (or inline file table)
    type: dict[str, TypeSpec]   # every REQUIRED_TYPES and OPTIONAL_TYPES key, resolved
    rules: dict[str, float]     # rule weights in points
    masthead: dict              # 报头 items of the paper
    colors: dict[str, tuple]    # CMYK 0..1 by use: text, rules, masthead (the paper's name)
    masthead_lines: int         # grid lines the page-1 masthead takes, its rules included
    masthead_name_columns: int  # basic columns the paper's name spans
    masthead_index_columns: tuple[int, int]   # first and last column of the 报眼 contents box
    print: PrintSettings        # PDF/X, output intent, ink and resolution limits, marks
    carry: CarryStyle = CarryStyle()    # ad sizes, frames, tints, 栏线 (layout/carry_style.py)
    words: tuple[str, ...] = ()  # names and terms titles never break inside (+ the issue's)

    @property
    def type_width(self) -> float:
        return self.span_width(self.columns)

    @property
    def left(self) -> float:
        """Left margin: the type area is centred on the page."""
        return (self.page_width - self.type_width) / 2

    @property
    def type_height(self) -> float:
        return self.lines * self.line_pitch

    def column_x(self, column: int) -> float:
        """Left edge of basic column `column` (1-based)."""
        return self.left + (column - 1) * (self.column_chars + self.gutter_chars) * self.body_size

    def span_width(self, columns: int) -> float:
        chars = columns * self.column_chars + (columns - 1) * self.gutter_chars
        return chars * self.body_size

    def line_y(self, line: int) -> float:
        """Top edge of grid line `line` (1-based)."""
        return self.top + (line - 1) * self.line_pitch


# Types every style must set, and those it may leave out, with what stands in for them.
REQUIRED_TYPES = ("headline", "deck", "byline", "subhead", "caption", "folio")
OPTIONAL_TYPES = {"kicker": "deck", "jump_head": "deck", "running_head": "folio",
                  "jump": None}         # None: body size in 楷体, one line: （下转第2版）


def load_style(name: str, relative_to: Path | None = None) -> Style:
    """Read and check a style, resolving every setting into a `Style`."""
    path = style_path(name, relative_to)
    table = load_style_table(name, relative_to)

    def get(section: str, key: str, kind=(int, float)):
        try:
            value = table[section][key]
        except (KeyError, TypeError):
            raise BroadsheetError("missing setting", file=str(path), field=f"{section}.{key}",
                                  fix=f"add `{key} = …` to the [{section}] table") from None
        return bounded(value, f"{section}.{key}", path, kind)

    for section in ("page", "grid", "text", "fonts", "type", "rules", "masthead", "colors",
                    "furniture", "print"):
        if not isinstance(table.get(section, {}), dict):
            raise BroadsheetError(f"{section} must be a table", file=str(path), field=section,
                                  fix=f"write its settings under a [{section}] header")
    text = table.get("text", {})
    try:
        settings = TextSettings(line_break=text.get("line_break", "gb"),
                                punctuation=text.get("punctuation", "quanjiao"),
                                cjk_latin_space=text.get("cjk_latin_space", 0),
                                max_spacing_em=text.get("max_spacing_em", 0.25),
                                squeeze_cost_em=text.get("squeeze_cost_em", 0.2))
    except BroadsheetError as error:
        error.file = str(path)
        raise
    types = {}
    for key, spec in table.get("type", {}).items():
        if not isinstance(spec, dict) or "size_pt" not in spec or "role" not in spec:
            raise BroadsheetError("each type needs size_pt and role", file=str(path),
                                  field=f"type.{key}", fix='e.g. { size_pt = 9, role = "body" }')
        field = f"type.{key}"
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
        types[key] = TypeSpec(size=float(size), role=spec["role"], lines=lines,
                              min_size=min_size, columns=columns)
    for key in REQUIRED_TYPES:
        if key not in types:
            raise BroadsheetError(f"the style sets no type for the {key}", file=str(path),
                                  field=f"type.{key}",
                                  fix=f'add e.g. {key} = {{ size_pt = 10.5, role = "body" }} '
                                      "to its [type] table (or to its base style's)")
    body_size = float(get("grid", "body_size_pt"))
    for key, default in OPTIONAL_TYPES.items():     # resolved here once, not at each use
        types.setdefault(key, types[default] if default in types
                         else TypeSpec(size=body_size, role="kai", lines=1))
    return Style(
        name=path.stem,
        page_width=get("page", "width_mm") * MM, page_height=get("page", "height_mm") * MM,
        bleed=get("page", "bleed_mm") * MM, top=get("page", "top_mm") * MM,
        columns=get("grid", "columns", int), column_chars=get("grid", "column_chars", int),
        gutter_chars=get("grid", "gutter_chars", int), body_size=body_size,
        line_pitch=float(get("grid", "line_pitch_pt")), lines=get("grid", "lines", int),
        text=settings, indent_em=float(bounded(text.get("indent_em", 2), "text.indent_em", path)),
        fonts=dict(table.get("fonts", {})), type=types,
        rules={k: float(bounded(v, f"rules.{k}", path, bounds=RULE_BOUNDS))
               for k, v in table.get("rules", {}).items()},
        masthead=dict(table.get("masthead", {})),
        colors=_colors(table.get("colors", {}), path),
        masthead_lines=get("furniture", "masthead_lines", int),
        masthead_name_columns=get("furniture", "masthead_name_columns", int),
        masthead_index_columns=_index_columns(table, path),
        print=_print_settings(table.get("print", {}), path),
        carry=load_carry_style(table, path, _colors(table.get("colors", {}), path)),
        words=word_list(text.get("words", []), str(path), "text.words"),
    )


# What a newspaper can have: each numeric setting's least and greatest value, and why.
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
    "furniture.masthead_lines": (1, 200, "the 报头 takes 12–20 grid lines"),
    "furniture.masthead_name_columns": (1, 20, "the paper's name spans 2–4 columns"),
    "print.max_ink_percent": (100, 400, "newsprint takes 240 %"),
    "print.min_ppi": (0, 1200, "newspaper photos need about 170–200 ppi"),
    "print.max_megapixels": (1, 500, "a camera photo has 12–61 megapixels"),
}
TYPE_BOUNDS = {"size_pt": (4, 300, "a broadsheet's largest headline is about 150 pt"),
               "min_size_pt": (4, 300, "the smallest a headline may shrink to"),
               "lines": (1, 40, "grid lines per line of the text"),
               "columns": (1, 20, "text columns a pull quote spans, usually 1–3")}
RULE_BOUNDS = (0, 20, "rules are 0.25–3 pt")


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


def _index_columns(table: dict, path: Path) -> tuple[int, int]:
    """First and last basic column of the 报眼 box (0, 0: none)."""
    value = table.get("furniture", {}).get("masthead_index_columns", [0, 0])
    field = "furniture.masthead_index_columns"
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 20
                       for v in value) or value[0] > value[1]):
        raise BroadsheetError(f"masthead_index_columns must be [first, last] basic columns, "
                              f"not {value!r}", file=str(path), field=field,
                              fix="e.g. masthead_index_columns = [4, 6] (columns 1 to 20)")
    return tuple(value)


def word_list(value, file: str, field: str) -> tuple[str, ...]:
    """A user dictionary for title breaking: a list of words (names, terms) kept whole."""
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise BroadsheetError(f"words must be a list of words, not {value!r}", file=file,
                              field=field, fix='e.g. words = ["常书铭", "晋中"]')
    return tuple(w.strip() for w in value)


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
    if values.get("standard", settings.standard) not in PrintSettings.STANDARDS:
        raise BroadsheetError(f"standard must be one of {', '.join(PrintSettings.STANDARDS)}",
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
    if "profile" in values:             # a bare name is a profile in profiles/
        if not isinstance(values["profile"], str) or not values["profile"]:
            raise BroadsheetError(f"profile must be a file path in quotes, not "
                                  f"{values['profile']!r}", file=str(path), field="print.profile",
                                  fix='e.g. profile = "CGATS-TR002-newsprint-GCR-TAC240.icc" '
                                      "(in profiles/) or the path of the plant's .icc file")
        values["profile"] = PROFILES_DIR / Path(values["profile"]).expanduser()
        if values["profile"].is_file() and (problem := output_profile_problem(values["profile"])):
            raise BroadsheetError(f"{values['profile']} is not a CMYK output ICC profile "
                                  f"({problem})", file=str(path), field="print.profile",
                                  fix="name the plant's CMYK printing profile (an .icc file, "
                                      "e.g. WAN-IFRAnewspaper26v5.icc), or remove the line for "
                                      "the newsprint profile in profiles/")
    return PrintSettings(**values)


def page_file_name(pattern: str, date, page: int, number: int, section: str) -> str:
    """A page's delivery file name from the style's `page_file` pattern."""
    return pattern.format(date=date, page=page, number=number, section=section)


def _check_page_file(pattern, path: Path) -> None:
    import datetime
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


def _colors(table: dict, path: Path) -> dict[str, tuple]:
    """Colours as CMYK tuples 0..1; given in the style as percentages [C, M, Y, K]."""
    colors = {"text": BLACK, "rules": BLACK, "masthead": BLACK}
    for use, value in table.items():
        if (not isinstance(value, list) or len(value) != 4
                or not all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in value)):
            raise BroadsheetError(f"a colour is four percentages [C, M, Y, K], not {value!r}",
                                  file=str(path), field=f"colors.{use}",
                                  fix=f"e.g. {use} = [0, 100, 100, 0] for red")
        colors[use] = tuple(v / 100 for v in value)
    return colors
