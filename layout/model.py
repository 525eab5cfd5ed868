"""The issue as plain data: what the manifest says, validated, before any typesetting.

Every later stage reads these objects and never the manifest files. Text is kept exactly as
the editor typed it (after rejoining the lines of a paragraph); nothing here knows about fonts,
sizes or points.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path


# Inline emphasis: (start, end, kind) character ranges of a text; kind is "strong" (`**…**`,
# the style's emphasis face) or "kai" (`*…*`, 楷体). The markers themselves are not in the text.
Emphasis = tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: one string, no line breaks."""
    text: str
    emphasis: Emphasis = ()


@dataclass(frozen=True)
class Subhead:
    """A 小标题 inside a story."""
    text: str


@dataclass(frozen=True)
class Photo:
    """A picture inside a story, with what it shows and who took it."""
    path: Path          # absolute path of the image file (checked to exist)
    caption: str        # "会议现场"
    credit: str         # "记者 杨学摄"
    columns: int | None = None  # how many of the module's columns it spans; None = all
    fit: str = "fill"           # "fill": crop to fill the frame; "fit": show it whole
    focus: tuple[float, float] = (0.5, 0.5)   # the point (0..1 across, down) a crop keeps
    position: str = "top"       # top | bottom | left | right of the story's text, text around it


@dataclass(frozen=True)
class Quote:
    """A pull quote (`> ` lines): set larger, between rules."""
    text: str
    emphasis: Emphasis = ()


@dataclass(frozen=True)
class ListItem:
    marker: str                 # as typed: "1.", "一、", "（二）"; "•" for a `- ` item
    text: str
    emphasis: Emphasis = ()


@dataclass(frozen=True)
class ListBlock:
    """Numbered or bulleted points, set with a hanging indent."""
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Table:
    """A Markdown pipe table: a header row, body rows, an alignment per column."""
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]      # per column: "left", "right", "center" or "auto" (numbers right)
    line: int = 0               # the file line the table starts on, for messages


@dataclass(frozen=True)
class Sidebar:
    """A boxed block (`::: 链接` … `:::`): a title and its own paragraphs and lists."""
    title: str
    blocks: tuple = ()          # Paragraph | ListBlock


Block = Paragraph | Subhead | Photo | Quote | ListBlock | Table | Sidebar


@dataclass(frozen=True)
class Placement:
    """Where a module sits on the page grid, in grid units (1-based column, 1-based line)."""
    column: int         # first basic column, 1 = leftmost
    columns: int        # how many basic columns wide
    line: int           # first grid line, 1 = top of the type area
    lines: int          # how many grid lines tall


@dataclass(frozen=True)
class Article:
    """One story: headline hierarchy, byline and body blocks, from one article file."""
    source: Path        # the article file, for error messages
    headline: str       # 主题
    kicker: str = ""    # 引题, above the headline
    deck: str = ""      # 副题, below the headline
    byline: str = ""    # "记者 闫淑娟"
    blocks: tuple[Block, ...] = ()
    dateline: str = ""          # 本报讯 / 新华社北京6月11日电: bold, at the first paragraph's start
    correspondent: str = ""     # 通讯员, after the byline
    origin: str = ""            # 来源 (front matter `source`), a line after the story
    editor_note: str = ""       # 编者按, framed, before the story
    editor_note_emphasis: Emphasis = ()


@dataclass(frozen=True)
class Module:
    """An article on a page: placed on the grid, or (place None) left to the make-up engine."""
    article: Article
    place: Placement | None
    headline: str = "horizontal"    # or "vertical": a 竖排 headline down the module's right side
    continues: bool = False         # the rest of a story begun in an earlier module (转版)
    text_columns: int | None = None # 破栏: set the text in this many columns, not the basic grid
    frame: str = ""                 # a frame (边框) named in the style's [frames], "" = none
    tint: str = ""                  # a tint (底纹) named in the style's [tints], "" = none
    headline_bar: bool = False      # the headline reversed (反白) out of a bar of colors.bar
    field: str = ""                 # where issue.toml gives it ("pages[0].modules[2]")
    # For the make-up engine (layout/makeup/) and what it chose:
    priority: int | None = None     # 1 = the page's lead; None: the order of listing
    widths: tuple[int, int] | None = None   # allowed widths in basic columns (lowest, highest)
    photo: str | None = None        # "large" (all columns), "small" (half), "none"; None: as written
    photo_columns: int | None = None    # the columns the photo spans, as the engine chose
    jump_to: tuple[int, ...] = ()   # the pages the story may continue on (转版), in order,
                                    # if it must: the second if the first cannot hold the rest
    headline_size: float | None = None      # the headline's largest size, points
    headline_lines: int | None = None       # the headline wrapped into at most this many
                                            # lines, as large as that allows (≤ headline_size)
    title_space: int = 0            # blank grid lines added round the title block (copyfit)
    subhead_space: int = 0          # grid lines more shared by the subheads, ≤ 2 each (copyfit)
    deck: bool | None = None        # the 副题 set (True) or left out (False); None: set, unless
                                    # the engine leaves it out (style [makeup] drop_deck)


@dataclass(frozen=True)
class Ad:
    """An advertisement (广告): a PDF (first page) or a high-resolution image in a slot.

    `place` None: the 报眼 beside the masthead (page 1), whose slot the style gives."""
    path: Path                      # absolute path of the ad file (checked to exist)
    place: Placement | None
    size: str = ""                  # the style's named ad size (通栏, 半通栏, 报眼…), if given
    field: str = ""                 # where the manifest gives it, for findings


@dataclass(frozen=True)
class Picture:
    """One photo of a picture module, its size in grid units."""
    path: Path
    columns: int                    # basic columns wide
    lines: int                      # grid lines tall
    focus: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True)
class PictureModule:
    """图片新闻: photos side by side (rows as the columns run out), one caption block with the
    credit, an optional title; no body text."""
    place: Placement
    pictures: tuple[Picture, ...]
    caption: str
    credit: str = ""
    title: str = ""
    field: str = ""


Fixed = Ad | PictureModule           # modules that hold no story: fixed obstacles on the page


@dataclass(frozen=True)
class Page:
    number: int                 # 版次: 1 = front page
    section: str = ""           # 版名, e.g. "要闻"
    modules: tuple[Module, ...] = ()
    editor: str = ""            # 责任编辑, printed in the running head
    proofreader: str = ""       # 校对
    fixed: tuple[Fixed, ...] = ()   # ads and picture modules, placed where the editor put them


@dataclass(frozen=True)
class Masthead:
    """The 报头 items the paper prints on page 1 (from the style, overridable per issue)."""
    name: str                   # 晋中日报
    cn: str                     # CN14-0023
    postal_code: str            # 邮发代号 21-22
    schedule: str               # 每周一、三、五出版
    website: str = ""           # www.sxjzxw.com
    ad_line: str = ""           # 广告热线 0354-3111178
    publisher: str = ""         # 主管主办 / 出版单位, if printed
    logo: Path | None = None    # the paper's name as a vector PDF or a hi-res image (报头)


@dataclass(frozen=True)
class Issue:
    source: Path                # the issue directory
    number: int                 # 总期号, printed 第3144期
    date: datetime.date
    style: str                  # name of a file in styles/ (without .toml), or a path
    masthead: Masthead
    pages: tuple[Page, ...] = field(default_factory=tuple)
    digest: tuple[tuple[str, int], ...] = ()  # 导读 the editor chose: (title, page), in order
    words: tuple[str, ...] = ()  # the issue's names and terms for title breaking
    fillers: tuple[Module, ...] = ()    # briefs (补白) the make-up may set where a page has holes

    def story_starts(self) -> list[Module]:
        """The module each story begins in (not those it continues in), in page order."""
        return [module for page in self.pages for module in page.modules
                if not module.continues]
