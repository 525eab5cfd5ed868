"""Page composition: the issue's pages → display-list pages.

Per page: furniture (masthead on page 1, folio line), then each module in its grid rectangle:
headline block across the module, photo at the top of the text area, the story flowed
through the module's columns on the baseline grid, rules between modules, crop marks.
Every story reports how many grid lines it set and what did not fit (overset).

Here: the issue and its pages; `module.py` composes one story module, with its title block
(`heads.py`), photos (`photos.py`) and the story's flow through its columns (`flow.py`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import display as dl
from ..calendar import date_line
from ..inspect.findings import Finding
from ..errors import BroadsheetError
from ..fonts import FontBook
from ..model import Issue, Module, Page, Photo, Placement, Subhead
from ..style import Style
from ..text.compose import Request
from . import blocks
from .boxes import check_box
from .fixed import check_fixed, compose_fixed, masthead_ear
from .flow import body_request
from .furniture import folio_line, masthead, print_marks
from .module import Story, StoryFit, column_chars, column_layout, compose_module


@dataclass
class Composition:
    document: dl.Document
    fits: list[StoryFit] = field(default_factory=list)
    findings: list = field(default_factory=list)    # ads' preflight (`preflight.Finding`)


def compose_issue(issue: Issue, style: Style, book: FontBook, on_page=None) -> Composition:
    """Compose every page of the issue, in order (a story jumping to a later page needs what
    the earlier left); `on_page(fits)` is told each page's story fits."""
    pages, fits, findings = [], [], []
    style = replace(style, words=style.words + issue.words)    # the issue's names and terms
    stories: dict[int, Story] = {}
    for page in issue.pages:
        for module in page.modules:
            stories.setdefault(id(module.article), Story([])).pages.append(page.number)
    for page in issue.pages:
        items, page_fits, page_findings = _compose_page(issue, page, style, book, stories)
        fits += page_fits
        findings += page_findings
        if on_page is not None:
            on_page(page_fits)
        pages.append(dl.Page(number=page.number, width=style.page_width,
                             height=style.page_height, bleed=style.bleed,
                             items=tuple(items), label=f"第{page.number}版"))
    title = f"{issue.masthead.name} 第{issue.number}期 {date_line(issue.date).gregorian}"
    return Composition(dl.Document(title=title, pages=tuple(pages)), fits, findings)


def planned_paragraphs(issue: Issue, style: Style) -> list[Request]:
    """Body paragraphs as each story's first module will set them. A guess that misses (a
    vertical headline narrows its module) costs only the time: `compose` sets it then."""
    requests = []
    for module in issue.story_starts():
        place = module.place
        _, measure, _ = column_layout(style, place.column, place.columns, module.text_columns)
        if measure < style.composition.min_column_chars * style.body_size:
            continue                                    # refused when the page is composed
        requests += [body_request(text, measure, style, faces=faces)
                     for text, faces in blocks.paragraphs_as_set(module.article, style)]
    return requests


def planned_titles(issue: Issue) -> list[str]:
    """The title-like texts a render may have to wrap between words (`titles_ahead`):
    kickers, headlines, decks, subheads and captions with their credits, as they are set."""
    return [text for module in issue.story_starts() for text in article_titles(module.article)]


def article_titles(article) -> list[str]:
    """An article's title-like texts (`planned_titles`)."""
    texts = [article.kicker, article.headline, article.deck]
    for block in article.blocks:
        if isinstance(block, Subhead):
            texts.append(block.text)
        elif isinstance(block, Photo):
            texts.append(f"{block.caption} {block.credit}".strip())
    return [text for text in texts if text]


def _compose_page(issue: Issue, page: Page, style: Style, book: FontBook,
                  stories: dict[int, Story]):
    items: list = []
    first_line = first_story_line(page.number, style)
    findings: list = []
    if page.number == 1:
        ear, findings = masthead_ear(issue, style, book)      # an ad in the 报眼, if there is one
        items += masthead(issue, style, book, ear)
    items += folio_line(issue, page, style, book)
    fits = []
    for module in page.modules:
        _check_placement(issue, page, module, style, first_line)
        try:
            module_items, fit = compose_module(module, page, style, book,
                                               has_module_above(module, page),
                                               stories[id(module.article)])
        except BroadsheetError as error:
            error.file = error.file or str(module.article.source)   # e.g. a character no font has
            raise
        items += module_items
        fits.append(fit)
    if not page.modules and not page.fixed:
        # a page listed empty, or one kept for a story that did not jump there after all
        findings.append(Finding("warning", "empty-page", page.number, f"第{page.number}版",
                                "nothing is placed on the page: it prints blank — list "
                                "stories on it, or remove the page"))
    check_fixed(issue, page, style, first_line)
    fixed_items, fixed_fits, fixed_findings = compose_fixed(
        page, style, book, lambda place: _module_above(place, page))
    items += fixed_items
    fits += fixed_fits
    findings += fixed_findings
    items += _rules_between(page, style)
    items = _in_style_colors(items, style)
    items += print_marks(issue, page, style, book)      # in registration colour, as they are
    return items, fits, findings


def _in_style_colors(items: list, style: Style) -> list:
    """The page's type and rules in the style's `[colors]` text and rules: what was set in
    black takes them; the paper's name keeps the colour it was set in (colors.masthead)."""
    text, rules = style.colors.text, style.colors.rules
    if text == dl.BLACK and rules == dl.BLACK:
        return items

    def colored(item):
        if getattr(item, "color", None) != dl.BLACK:
            return item
        if isinstance(item, dl.TextLine) and item.role != "masthead":
            return replace(item, color=text)
        if isinstance(item, dl.Rule):
            return replace(item, color=rules)
        return item
    return [colored(item) for item in items]


# ---------------------------------------------------------------------------------- modules

def first_story_line(number: int, style: Style) -> int:
    """The first grid line stories may use on page `number` (below page 1's masthead)."""
    return style.masthead_lines + 1 if number == 1 else 1


def check_places(issue: Issue, style: Style) -> None:
    """The places the manifest gives, as composing checks them — inside the type area, clear
    of the masthead and of each other — before the make-up places the rest around them (an
    overlap it took for a full page)."""
    for page in issue.pages:
        first_line = first_story_line(page.number, style)
        for module in page.modules:
            if module.place is not None:
                _check_placement(issue, page, module, style, first_line)
        check_fixed(issue, page, style, first_line)


def _check_placement(issue: Issue, page: Page, module: Module, style: Style, first_line: int):
    place = module.place
    where = (module.field or f"pages[{issue.pages.index(page)}].modules"
                             f"[{page.modules.index(module)}]") + ".place"
    file = str(issue.source / "issue.toml")
    if place.column + place.columns - 1 > style.columns:
        raise BroadsheetError(
            f"columns {place.column}–{place.column + place.columns - 1} leave the type area "
            f"({style.columns} columns)", file=file, field=where,
            fix=f"make column + columns − 1 at most {style.columns}")
    if place.line + place.lines - 1 > style.lines:
        raise BroadsheetError(
            f"grid lines {place.line}–{place.line + place.lines - 1} leave the type area "
            f"({style.lines} lines)", file=file, field=where,
            fix=f"make line + lines − 1 at most {style.lines}")
    least = style.composition.min_column_chars
    if module.text_columns and (chars := column_chars(style, place.columns,
                                                      module.text_columns)) < least:
        most = max((n for n in range(1, place.columns * style.column_chars + 1)
                    if column_chars(style, place.columns, n) >= least), default=1)
        raise BroadsheetError(
            f"text_columns = {module.text_columns} leaves each column {max(chars, 0)} "
            f"character(s), fewer than {least}",
            file=file, field=where.removesuffix(".place") + ".text_columns",
            fix=f"give at most {most} text columns to a module {place.columns} columns wide")
    if place.line < first_line:
        raise BroadsheetError(f"line {place.line} overlaps the masthead (lines 1–{first_line - 1})",
                              file=file, field=where, fix=f"start at line {first_line} or below")
    for other in page.modules:
        if other is not module and other.place is not None and _overlap(module, other):
            raise BroadsheetError(f"overlaps the module of {other.article.source.name}",
                                  file=file, field=where, fix="move or shrink one of them")
    check_box(module, style, where.removesuffix(".place"), file)


def _share_columns(a: Placement, b: Placement) -> bool:
    return a.column < b.column + b.columns and b.column < a.column + a.columns


def _overlap(a: Module, b: Module) -> bool:
    pa, pb = a.place, b.place
    return _share_columns(pa, pb) and pa.line < pb.line + pb.lines and pb.line < pa.line + pa.lines


def has_module_above(module: Module, page: Page) -> bool:
    return _module_above(module.place, page)


def _places(page: Page) -> list[Placement]:
    """Every module's place on the page: stories, ads and picture modules."""
    return [m.place for m in page.modules] + [f.place for f in page.fixed if f.place]


def _module_above(p: Placement, page: Page) -> bool:
    return any(o.line + o.lines == p.line and _share_columns(o, p) for o in _places(page))


def _rules_between(page: Page, style: Style) -> list:
    """A rule in the gutter between side-by-side modules, and above a module set under
    another, across the whole module (its first grid line is kept for the rule; where a hole
    sits above part of it, a rule over the other part only left its title under half a rule:
    an outside tester's 助企纾困 on a page made up with a hole)."""
    weight = style.rules.module_pt
    rules = []
    places = _places(page)
    for pb in places:
        for pa in places:
            if pb.column == pa.column + pa.columns:             # b to the right of a
                top, bottom = max(pa.line, pb.line), min(pa.line + pa.lines, pb.line + pb.lines)
                if top < bottom:
                    x = style.column_x(pb.column) - style.gutter_chars * style.body_size / 2
                    rules.append(dl.Rule(x, style.line_y(top), x, style.line_y(bottom), weight))
        if _module_above(pb, page):
            y = style.line_y(pb.line) + style.line_pitch / 2
            rules.append(dl.Rule(style.column_x(pb.column), y, style.column_x(
                pb.column + pb.columns - 1) + style.span_width(1), y, weight))
    return rules

