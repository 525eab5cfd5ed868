"""Page furniture: the page-1 masthead (报头), the folio line, crop marks.

All of it is built from the issue's data and the style; nothing here is specific to one paper.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage

from .. import display as dl
from ..backends.formxobject import page_box
from ..calendar import date_line
from ..clock import output_time
from ..errors import BroadsheetError
from ..fonts import FontBook
from ..model import Issue, Page
from ..style import MM, Style
from ..text.compose import Line
from ..text.headline import set_ragged
from .adconvert import svg_as_pdf
from .grid import baseline, text_line

REGISTRATION = dl.REGISTRATION          # marks print on every plate (Separation /All)
CROP_MARK_LENGTH = 5 * MM
CROP_MARK_WEIGHT = 0.25


def _set(text: str, size: float, role: str, style: Style, book: FontBook, width: float = 1e6
         ) -> list[Line]:
    return set_ragged(text, width=width, size=size, role=role, book=book, settings=style.text)


def masthead(issue: Issue, style: Style, book: FontBook, ear: list = ()) -> list:
    """报头 across the top of page 1, in grid lines 1..`lines`, closed by a double rule.

    Left: the paper's name (its logo, or typed), the largest type on the page, with its
    registration numbers under it. Middle: 报眼, the day's contents — or the items of an ad
    there (`ear`). Right: date in both calendars, issue number, schedule, website and
    advertising line.
    """
    m = issue.masthead
    setting = style.furniture
    items: list = []
    pitch = style.line_pitch
    name_width = style.span_width(setting.masthead_name_columns)
    name_lines = style.masthead_lines - setting.masthead_name_foot_lines
    name_size = min(name_width / len(m.name), name_lines * pitch * setting.masthead_name_fill)
    if m.logo:
        items += logo(m.logo, style.column_x(1), style.line_y(1), name_width,
                      name_lines * pitch - (pitch - style.body_size))
    else:
        [name] = _set(m.name, name_size, style.masthead_name_role, style, book)
        items.append(text_line(name, style.column_x(1) + (name_width - name.width) / 2,
                               baseline(style, 1, name_lines, name_size), "masthead",
                               style.colors.masthead))
    numbers = style.type["masthead_numbers"]
    [line] = _set(f"国内统一刊号：{m.cn}　邮发代号：{m.postal_code}", numbers.size, numbers.role,
                  style, book)
    items.append(text_line(line, style.column_x(1) + (name_width - line.width) / 2,
                           baseline(style, name_lines + 1, setting.masthead_numbers_lines,
                                    numbers.size), "masthead"))

    items += ear or index_box(issue, style, book)
    items += _particulars(issue, style, book)
    return items


def index_box(issue: Issue, style: Style, book: FontBook) -> list:
    """报眼: the day's contents, in a ruled box over the middle columns, as tall as it needs."""
    setting = style.furniture
    items: list = []
    first_column, last_column = setting.masthead_index_columns
    box_left = style.column_x(first_column)
    box_right = style.column_x(last_column) + style.span_width(1)
    entries, index_size, _ = digest(issue, style, book)
    step = _digest_step(index_size, setting)
    box_lines = setting.digest_head_lines + step * len(entries) + setting.digest_foot_lines
    first = 1 + (style.masthead_lines - 1 - box_lines) // 2    # the last line holds the rules
    box_top, box_bottom = style.line_y(first), style.line_y(first + box_lines)
    weight = style.rules.masthead_thin_pt
    for x1, y1, x2, y2 in ((box_left, box_top, box_right, box_top),
                           (box_left, box_bottom, box_right, box_bottom),
                           (box_left, box_top, box_left, box_bottom),
                           (box_right, box_top, box_right, box_bottom)):
        items.append(dl.Rule(x1, y1, x2, y2, weight))
    title_size = setting.digest_title_pt
    [title] = _set("今日导读", title_size, style.type["headline"].role, style, book)
    items.append(text_line(title, (box_left + box_right - title.width) / 2,
                           baseline(style, first + 1, setting.digest_title_lines, title_size),
                           "masthead"))
    for n, set_line in enumerate(entries):
        items.append(text_line(set_line, box_left + setting.digest_inset_chars * style.body_size,
                               baseline(style, first + setting.digest_head_lines + step * n,
                                        setting.digest_entry_lines, index_size), "masthead"))
    return items


def digest_stories(issue: Issue) -> list[str]:
    """The 导读's entries: the editor's (`[[pages.digest]]`), else the lead story of each inner
    page (as the make-up ranks them: the one given priority 1, else the first listed), else
    (a one-page issue) page 1's stories, with no page to turn to."""
    if issue.digest:
        return [f"{title}（第{number}版）" for title, number in issue.digest]
    leads = []
    for page in issue.pages[1:]:
        starts = [m for m in page.modules if not m.continues]
        if starts:
            lead = next((m for m in starts if m.priority == 1), starts[0])
            leads.append(f"{lead.article.headline}（第{page.number}版）")
    return leads or [module.article.headline for module in issue.pages[0].modules
                     if not module.continues] if issue.pages else []


def digest(issue: Issue, style: Style, book: FontBook) -> tuple[list[Line], float, list[str]]:
    """The 导读 box's lines, their size (every entry at the style's first digest size, two
    grid lines apart; smaller and one grid line apart if need be, down to its last) and the
    entries that still do not fit: whole entries only, never a cut one."""
    setting = style.furniture
    first_column, last_column = setting.masthead_index_columns
    inner = (style.column_x(last_column) + style.span_width(1) - style.column_x(first_column)
             - 2 * setting.digest_inset_chars * style.body_size)
    stories = digest_stories(issue)
    free = (style.masthead_lines - setting.digest_head_lines - setting.digest_foot_lines
            - setting.digest_margin_lines)          # grid lines the entries may take
    for size in setting.digest_sizes_pt:
        room = free // _digest_step(size, setting)  # entry lines it can hold
        set_stories = [_set(story, size, "kai", style, book, inner) for story in stories]
        if sum(map(len, set_stories)) <= room:
            break
    lines: list[Line] = []
    left_out = []
    for story, set_lines in zip(stories, set_stories):
        if len(lines) + len(set_lines) <= room and not left_out:
            lines += set_lines
        else:
            left_out.append(story)
    return lines, size, left_out


def _digest_step(size: float, setting) -> int:
    """Grid lines from one 导读 line to the next: airy at the full size, close when smaller."""
    return 2 if size >= setting.digest_sizes_pt[0] else 1


def _particulars(issue: Issue, style: Style, book: FontBook) -> list:
    """The masthead's right block and its closing double rule."""
    m, setting = issue.masthead, style.furniture
    lines, pitch = style.masthead_lines, style.line_pitch
    weight = style.rules.masthead_thin_pt
    box_right = style.column_x(setting.masthead_index_columns[1]) + style.span_width(1)
    items: list = []

    # Right block: date line, issue number and the paper's particulars, right-aligned.
    day = date_line(issue.date)
    right = style.column_x(style.columns) + style.span_width(1)
    details = (setting.details_pt, "body", setting.details_lines)
    rows = [(day.gregorian, setting.date_pt, "headline", setting.date_lines),
            (f"{day.lunar}　{day.weekday}", setting.lunar_pt, "body", setting.lunar_lines),
            (f"第{issue.number}期", setting.number_pt, "title", setting.number_lines),
            (m.schedule, *details), (f"网址：{m.website}" if m.website else "", *details),
            (f"广告热线：{m.ad_line}" if m.ad_line else "", *details)]
    room = right - box_right - setting.particulars_gap_chars * style.body_size  # from the 报眼 box
    row = setting.particulars_first_line
    for text, size, role, height in rows:
        if text:
            [set_line] = _set(text, size, role, style, book)
            if set_line.width > room:                       # a narrow (四开) masthead
                size *= room / set_line.width
                [set_line] = _set(text, size, role, style, book)
            items.append(text_line(set_line, right - set_line.width,
                                   baseline(style, row, height, size), "masthead"))
        row += height

    # The double rule that closes the masthead.
    thick = style.rules.masthead_thick_pt
    left_x, right_x = style.column_x(1), right
    y = style.line_y(lines) + pitch * setting.masthead_rule_lines
    items.append(dl.Rule(left_x, y, right_x, y, thick))
    y2 = y + thick / 2 + setting.masthead_rule_gap_pt + weight / 2
    items.append(dl.Rule(left_x, y2, right_x, y2, weight))
    return items


def logo(path: Path, x: float, y: float, width: float, height: float) -> list:
    """The paper's logo at its natural proportions, as large as fits the name's area, centred:
    a PDF (first page, vectors kept), an SVG (drawn into a CMYK PDF) or a hi-res image."""
    if path.suffix.lower() == ".svg":
        pdf, reason = svg_as_pdf(path)
        if pdf is None:
            raise BroadsheetError(f"the logo {path.name} cannot be used: {reason}",
                                  file=str(path), field="masthead.logo",
                                  fix="give the logo as a vector PDF, or correct the SVG")
        path = pdf
    if path.suffix.lower() == ".pdf":
        x0, y0, x1, y1 = page_box(path, path.stat().st_mtime_ns)
        natural_w, natural_h = x1 - x0, y1 - y0
    else:
        with PILImage.open(path) as image:
            natural_w, natural_h = image.size
    scale = min(width / natural_w, height / natural_h)
    w, h = natural_w * scale, natural_h * scale
    frame = (x + (width - w) / 2, y + (height - h) / 2, w, h)
    if path.suffix.lower() == ".pdf":
        return [dl.Form(path, *frame)]
    return [dl.Image(path, *frame, (0.0, 0.0, 1.0, 1.0))]


def folio_line(issue: Issue, page: Page, style: Style, book: FontBook) -> list:
    """The line above the type area: on page 1 just 版次 and date (the masthead says the rest);
    on every other page the running head (报眉): 版次 and 版名, the paper's name, the date and
    the page's editors, over a rule."""
    spec, setting = style.type["folio"], style.furniture
    day = date_line(issue.date)
    y = style.top - setting.folio_baseline_lines * style.line_pitch
    left_text = f"第{page.number}版" + (f"　{page.section}" if page.section else "")
    right_parts = [f"{day.gregorian}　{day.weekday}"]
    if page.number == 1:
        right_parts.insert(0, issue.masthead.name)
    credits = "　".join(part for part in (page.editor and f"责任编辑：{page.editor}",
                                         page.proofreader and f"校对：{page.proofreader}") if part)
    if credits:
        right_parts.append(credits)
    [left] = _set(left_text, spec.size + (setting.folio_page_extra_pt if page.number != 1 else 0),
                  spec.role, style, book)
    [right] = _set("　".join(right_parts), spec.size, spec.role, style, book)
    items = [text_line(left, style.left, y, "folio"),
             text_line(right, style.left + style.type_width - right.width, y, "folio")]
    if page.number != 1:
        head = style.type["running_head"]
        [name] = _set(issue.masthead.name, head.size, head.role, style, book)
        items.append(text_line(name, style.left + (style.type_width - name.width) / 2, y,
                               "running-head"))
        rule_y = style.top - setting.folio_rule_lines * style.line_pitch
        items.append(dl.Rule(style.left, rule_y, style.left + style.type_width, rule_y,
                             style.rules.masthead_thin_pt))
    return items


def print_marks(issue: Issue, page: Page, style: Style, book: FontBook) -> list:
    """The marks the style asks for, all outside the bleed, in the slug: crop (trim) marks at
    the corners, registration marks mid-side, a colour bar and a slug line naming the page."""
    marks = style.print.marks
    items: list = []
    if "crop" in marks:
        items += crop_marks(style)
    if "registration" in marks:
        items += _registration_marks(style)
    if "colour-bar" in marks:
        items += _colour_bar(style)
    if "slug" in marks:
        text = (f"{issue.masthead.name}　第{issue.number}期　第{page.number}版　"
                f"{issue.date.isoformat()}　{style.print.standard}　输出 "
                f"{output_time().strftime('%Y-%m-%d %H:%M')}")
        [line] = _set(text, 6, "body", style, book)
        y = style.page_height + style.bleed + 5 * MM
        items.append(text_line(line, 0.0, y, "slug"))
    return items


def crop_marks(style: Style) -> list:
    """Trim marks at the four corners, outside the bleed so they never print on the page."""
    w, h, offset = style.page_width, style.page_height, style.bleed + 1 * MM
    length = CROP_MARK_LENGTH
    rules = []
    for x in (0.0, w):
        for y in (0.0, h):
            out_x = -1 if x == 0 else 1
            out_y = -1 if y == 0 else 1
            # horizontal mark beside the corner, vertical mark above/below it
            rules.append(dl.Rule(x + out_x * offset, y, x + out_x * (offset + length), y,
                                 CROP_MARK_WEIGHT, REGISTRATION))
            rules.append(dl.Rule(x, y + out_y * offset, x, y + out_y * (offset + length),
                                 CROP_MARK_WEIGHT, REGISTRATION))
    return rules


def _registration_marks(style: Style) -> list:
    """A target (circle and cross) in registration colour at the middle of each side."""
    w, h = style.page_width, style.page_height
    away = style.bleed + 5 * MM                     # centre of the mark, from the trim edge
    radius, arm = 2 * MM, 3.5 * MM
    items: list = []
    for x, y in ((w / 2, -away), (w / 2, h + away), (-away, h / 2), (w + away, h / 2)):
        items.append(dl.Circle(x, y, radius, CROP_MARK_WEIGHT, REGISTRATION))
        items.append(dl.Rule(x - arm, y, x + arm, y, CROP_MARK_WEIGHT, REGISTRATION))
        items.append(dl.Rule(x, y - arm, x, y + arm, CROP_MARK_WEIGHT, REGISTRATION))
    return items


# The colour bar a newspaper press is run to (ISO 12647-3's control values): each ink solid
# and at 40 % and 80 %, where tone value increase (dot gain) is measured; the two-colour
# overprints, which show ink trapping; and a grey-balance pair, three colours beside black
# that print the same grey on newsprint (C40 M40 Y40 ≈ K50 in the CGATS TR 002 data: ΔE 2).
COLOUR_BAR = (
    [tuple(tone if n == ink else 0.0 for n in range(4)) for ink in range(4)
     for tone in (1.0, 0.8, 0.4)]
    + [(1.0, 1.0, 0.0, 0.0), (1.0, 0.0, 1.0, 0.0), (0.0, 1.0, 1.0, 0.0)]
    + [(0.4, 0.4, 0.4, 0.0), (0.0, 0.0, 0.0, 0.5)])


def _colour_bar(style: Style) -> list:
    """The colour bar's patches in the top slug, ending left of the centre mark."""
    size = 5 * MM
    y = -(style.bleed + 2.5 * MM + size)
    x = style.page_width / 2 - 12 * MM - len(COLOUR_BAR) * size
    return [dl.Rect(x + n * size, y, size, size, ink) for n, ink in enumerate(COLOUR_BAR)]
