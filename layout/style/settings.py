"""What a house style says, as typed settings: every number page composition and the backend
use, each with its unit, its default (here, and nowhere else) and the bounds a newspaper can
have. `loader.py` reads a style's TOML into these; the stages read nothing else.

A setting is a dataclass field; its TOML key is the field's name in the table the class
names (`TABLE`), its metadata the least and greatest value and why (`bounds`), and its
comment what it is. schema/style.schema.json lists the same keys (tests/test_schema.py).
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field
from pathlib import Path

from ..display import BLACK
from ..text.compose import TextSettings

MM = 72 / 25.4      # points per millimetre
SLUG = 10 * MM      # room outside the bleed for printer's marks and the slug line

# ICC profiles: Broadsheet's newsprint profile (and any a plant drops in beside it).
PROFILES_DIR = Path(__file__).resolve().parent.parent.parent / "profiles"
NEWSPRINT_PROFILE = PROFILES_DIR / "CGATS-TR002-newsprint-GCR-TAC240.icc"


def setting(default, low: float, high: float, why: str):
    """A numeric setting: its default (MISSING: every style must give it), and the least and
    greatest value a paper can have, with why."""
    return field(default=default, metadata={"bounds": (low, high, why)})


@dataclass(frozen=True)
class TypeSpec:
    """How one kind of text is set: size, font role, and the grid lines it takes."""
    size: float                 # points
    role: str                   # a key of Style.fonts
    lines: int | None = None    # grid lines per line of this text (None: as many as it needs)
    min_size: float | None = None   # headlines shrink down to this to fit their width
    columns: int | None = None      # text columns it spans (a pull quote), where the type says


# Types every style must set; those it may leave out, with the type that stands in for them
# (None: body size in 楷体, one line: （下转第2版）); and the article blocks' types, which
# default to a share of the body size in a role.
REQUIRED_TYPES = ("headline", "deck", "byline", "subhead", "caption", "folio")
OPTIONAL_TYPES = {"kicker": "deck", "jump_head": "deck", "running_head": "folio", "jump": None}
BLOCK_TYPES = {     # (size in body sizes, font role)
    "quote": (10.5 / 9, "kai"), "table": (1.0, "body"), "table_head": (1.0, "headline"),
    "sidebar": (1.0, "body"), "sidebar_title": (1.0, "headline"),
    "editor_note": (1.0, "kai"), "emphasis": (1.0, "headline"), "source": (1.0, "kai"),
}


@dataclass(frozen=True)
class Rules:
    """[rules]: rule weights, in points."""
    TABLE = "rules"
    module_pt: float = setting(0.5, 0, 20, "rules are 0.25–3 pt")   # between modules
    column_pt: float = setting(0.0, 0, 20, "0.3 pt is usual; 0: none")  # 栏线 in a module
    masthead_thick_pt: float = setting(2.5, 0, 20, "the 报头's heavy rule is 2–3 pt")
    masthead_thin_pt: float = setting(0.6, 0, 20, "rules are 0.25–3 pt")   # and the 报眉's
    quote_pt: float = setting(1.0, 0, 20, "rules are 0.25–3 pt")    # above and below a quote
    table_outer_pt: float = setting(1.0, 0, 20, "rules are 0.25–3 pt")   # 三线表's top, foot
    table_inner_pt: float = setting(0.5, 0, 20, "rules are 0.25–3 pt")   # under its header
    table_rows_pt: float = setting(0.0, 0, 20, "0: none")           # between body rows
    box_pt: float = setting(0.6, 0, 20, "rules are 0.25–3 pt")      # sidebar, 编者按 frames


@dataclass(frozen=True)
class Colors:
    """[colors]: CMYK 0..1 by use (given in the style as percentages [C, M, Y, K])."""
    TABLE = "colors"
    text: tuple = BLACK         # what is set in black: body, titles, furniture
    rules: tuple = BLACK        # rules set in black
    masthead: tuple = BLACK     # the paper's name when typed (no logo)
    bar: tuple = BLACK          # the bar a reversed (反白) headline is set out of


@dataclass(frozen=True)
class Composition:
    """[composition]: how page composition spaces what it sets, in em of the type in
    question, grid lines and body characters. (Where type sits in its grid lines is the
    fonts' ideographic em box, not a setting: `page/grid.py`.)"""
    TABLE = "composition"
    # A title line (kicker, headline, deck, a picture module's title) takes whole grid lines:
    # this many em of its size, rounded up.
    headline_leading: float = setting(1.3, 1, 3, "titles are set 1.2–1.5 em apart")
    quote_leading: float = setting(1.25, 1, 3, "a pull quote's lines are 1.2–1.5 em apart")
    # A title keeps this many body characters clear of each side of its module (and of its
    # top and foot, set vertically, its parts this many apart); a vertical title may shrink
    # to this share of its size to fit the module's height, a picture module's title to this.
    headline_inset_chars: float = setting(1, 0, 6, "one character each side is usual")
    vertical_gap_chars: float = setting(1, 0, 6, "one character between vertical titles")
    vertical_min_share: float = setting(0.5, 0.2, 1, "a vertical title shrinks to half at most")
    picture_title_min_share: float = setting(0.7, 0.2, 1, "a 图片新闻 title shrinks to 0.7")
    photo_min_lines: int = setting(4, 1, 40, "a photo shorter than 4 grid lines reads as a stamp")
    min_column_chars: int = setting(4, 1, 40, "a 破栏 column narrower than 4 characters "
                                              "breaks every few words")
    # A pull quote's, a sidebar's and a 编者按's text keeps this many body characters inside
    # the block's width on each side.
    block_inset_chars: float = setting(1, 0, 6, "one character each side is usual")
    table_cell_gap_em: float = setting(1.0, 0, 4, "table columns are 1 em apart")   # table's em
    # a table's text column is never narrower than this many characters (of the table type),
    # and a cell this short (20日) is never wrapped
    table_min_column_chars: float = setting(2, 1, 20, "2 characters at the least")
    table_short_cell_chars: int = setting(4, 0, 20, "a date or a number of 4 is kept whole")
    # after a list's marker (一、 and （一） carry their own blank), in body em
    list_marker_gap_em: float = setting(0.5, 0, 2, "half an em after 1. or •")


@dataclass(frozen=True)
class Furniture:
    """[furniture]: the page-1 masthead (报头) and the folio line (报眉) above the type area."""
    TABLE = "furniture"
    masthead_lines: int = setting(MISSING, 1, 200, "the 报头 takes 12–20 grid lines")
    masthead_name_columns: int = setting(MISSING, 1, 20, "the paper's name spans 2–4 columns")
    masthead_index_columns: tuple[int, int] = (0, 0)    # 报眼 box: first, last column (0: none)
    # The paper's name fills the masthead's lines less those under it (the 刊号 line and the
    # closing rules), its type at most this share of their height.
    masthead_name_foot_lines: int = setting(5, 1, 40, "the 刊号 line and the rules take 5")
    masthead_name_fill: float = setting(0.95, 0.3, 1, "the name's type fills 0.9–1 of its room")
    masthead_numbers_lines: float = setting(1.5, 1, 4, "the 刊号 line is 1.5 grid lines")
    # The 导读 box: its title, then every entry at the first size that holds them all, the
    # first size two grid lines apart, smaller ones one apart.
    digest_title_pt: float = setting(14, 6, 40, "the 今日导读 title is 12–16 pt")
    digest_title_lines: float = setting(2, 1, 6, "grid lines the title is centred in")
    digest_sizes_pt: tuple[float, ...] = (11, 10, 9, 8)     # tried largest first
    digest_entry_lines: float = setting(1.5, 1, 4, "grid lines each entry is centred in")
    digest_inset_chars: float = setting(2, 0, 6, "entries keep 2 body characters inside")
    # Grid lines of the box besides its entries: above the first (margin, title, space) and
    # below the last; and the masthead's lines the box leaves free at most (above, below and
    # the closing rules' line).
    digest_head_lines: int = setting(4, 1, 20, "margin, title and a blank line: 4")
    digest_foot_lines: int = setting(1, 0, 20, "a blank line under the last entry")
    digest_margin_lines: int = setting(4, 0, 40, "the box keeps 4 grid lines of the 报头 free")
    # The right block (date, 农历, 期号, particulars): type sizes, the grid lines each line is
    # centred in, from this grid line of the masthead down; each shrinks to fit its room.
    particulars_first_line: float = setting(2.0, 1, 20, "the date starts a line down")
    particulars_gap_chars: float = setting(2, 0, 10, "2 body characters from the 报眼 box")
    date_pt: float = setting(18, 6, 40, "the 公历 date is the block's largest line")
    date_lines: float = setting(2.5, 1, 6, "grid lines of the date line")
    lunar_pt: float = setting(11, 5, 30, "the 农历 and 星期 line")
    lunar_lines: float = setting(2, 1, 6, "grid lines of the 农历 line")
    number_pt: float = setting(14, 5, 30, "the 总期号 line")
    number_lines: float = setting(2, 1, 6, "grid lines of the 期号 line")
    details_pt: float = setting(10, 5, 30, "schedule, website, advertising line")
    details_lines: float = setting(1.5, 1, 6, "grid lines of each particulars line")
    # The closing double rule: the heavy rule this far (grid lines) into the masthead's last
    # line, the thin one this many points clear of it.
    masthead_rule_lines: float = setting(0.25, 0, 1, "a quarter of the last grid line")
    masthead_rule_gap_pt: float = setting(1.5, 0, 10, "the two rules 1–2 pt apart")
    # The folio line: its baseline and the 报眉's rule this many grid lines above the type
    # area; the 版次 on inner pages this many points larger than the folio type.
    folio_baseline_lines: float = setting(0.6, 0, 5, "the folio sits just above the type area")
    folio_rule_lines: float = setting(0.25, 0, 5, "the 报眉 rule between folio and type")
    folio_page_extra_pt: float = setting(2, 0, 20, "the 版次 stands out by 1–3 pt")


@dataclass(frozen=True)
class MakeUpSettings:
    """[makeup]: what the make-up engine may change to make a story fit (copyfit)."""
    TABLE = "makeup"
    # A story's 副题 (deck) may be left out where the story fits only without it; the engine
    # prefers keeping it, and `deck = false` in issue.toml records the choice.
    drop_deck: bool = False


@dataclass(frozen=True)
class Frame:
    """A frame (边框) round a module: one or two lines, square or rounded corners."""
    weight: float = 0.75            # points
    double: bool = False            # two lines (双线框)
    gap: float = 1.5                # between the two lines, points
    corner: str = "square"          # or "round"
    radius: float = 2 * MM          # a round corner's radius, points (radius_mm in the style)
    inset_chars: float = 1.0        # text kept this many body characters inside the frame


@dataclass(frozen=True)
class CarryStyle:
    """What pages carry besides stories: the paper's standard ad sizes ([ads]), frames
    ([frames], 花边/边框) and tints ([tints], 底纹)."""
    ad_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # → columns, lines
    rgb: str = "convert"            # RGB image ads: converted with the press profile, or refused
    scale_tolerance: float = 0.03   # an ad is scaled by at most this share to meet its slot
    frames: dict[str, Frame] = field(default_factory=dict)
    tints: dict[str, tuple] = field(default_factory=dict)     # CMYK 0..1
    max_tint: float = 20.0          # percent of total ink a tint under 100 K text may have


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
    fonts: dict[str, str | dict]    # role → fonts.toml entry (or inline file table)
    type: dict[str, TypeSpec]   # every required, optional and block type, resolved
    rules: Rules
    masthead: dict              # 报头 items of the paper (the manifest reads them)
    colors: Colors
    furniture: Furniture
    composition: Composition
    print: PrintSettings        # PDF/X, output intent, ink and resolution limits, marks
    carry: CarryStyle = CarryStyle()    # ad sizes, frames, tints
    makeup: MakeUpSettings = MakeUpSettings()   # what the make-up engine may change
    words: tuple[str, ...] = ()  # names and terms titles never break inside (+ the issue's)

    @property
    def masthead_lines(self) -> int:
        return self.furniture.masthead_lines

    @property
    def masthead_name_role(self) -> str:
        """The paper's typed name is set in the style's masthead face, else its title face."""
        return "masthead" if self.fonts.get("masthead") else "title"

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
