"""Page composition on hand-built issues: grid, placement checks, flow, overset, furniture."""
import datetime
from dataclasses import replace
from pathlib import Path

import pytest

from layout import display as dl
from layout.errors import BroadsheetError
from layout.fonts import load_font_book
from layout.model import Article, Issue, Masthead, Module, Page, Paragraph, Photo, Placement, Subhead
from layout.page.compose import compose_issue
from layout.style import load_style

ROOT = Path(__file__).resolve().parents[2]
PHOTO = ROOT / "tests" / "data" / "eight-page" / "photos" / "rocket.jpg"
SENTENCE = "新年新气象，新年新开局。1月5日，中共晋中市委五届七次全体会议暨市委经济工作会议召开，吹响2024年我市高质量发展“冲锋号”。"


@pytest.fixture(scope="module")
def style():
    return load_style("jinzhong")


@pytest.fixture(scope="module")
def book(style):
    return load_font_book(style.fonts)


def make_issue(*modules, page_number=1):
    masthead = Masthead(name="晋中日报", cn="CN14-0023", postal_code="21-22",
                        schedule="每周一、三、五出版", website="www.sxjzxw.com", ad_line="0354-3111178")
    pages = tuple(Page(number=n, section="要闻", modules=tuple(modules) if n == page_number else ())
                  for n in range(1, page_number + 1))
    return Issue(source=Path("/tmp/issue"), number=3144, date=datetime.date(2024, 1, 6),
                 style="jinzhong", masthead=masthead, pages=pages)


def article(paragraphs=3, name="a.md", blocks=None, headline="锚定目标 实干笃行"):
    body = blocks if blocks is not None else tuple(Paragraph(SENTENCE) for _ in range(paragraphs))
    return Article(source=Path(name), headline=headline, deck="市委五届七次全会侧记",
                   byline="记者 闫淑娟", blocks=body)


def module(art, column=1, columns=4, line=17, lines=40):
    return Module(art, Placement(column=column, columns=columns, line=line, lines=lines))


def body_lines(page):
    return [item for item in page.items if isinstance(item, dl.TextLine) and item.role == "body"]


def test_body_lines_sit_on_one_baseline_grid(style, book):
    issue = make_issue(module(article(6)), module(article(9, "b.md"), column=5))
    page = compose_issue(issue, style, book).document.pages[0]
    offsets = {round((line.y - style.top) % style.line_pitch, 6) for line in body_lines(page)}
    assert len(offsets) == 1                      # every body baseline on the same grid phase
    assert len({line.x for line in body_lines(page)}) == 8   # lines start only at column edges


def test_story_fits_and_columns_balance(style, book):
    issue = make_issue(module(article(8)))
    composition = compose_issue(issue, style, book)
    [fit] = composition.fits
    assert not fit.overset and fit.lines_set <= fit.lines_available
    lines = body_lines(composition.document.pages[0])
    depth = {}
    for line in lines:
        depth[line.x] = max(depth.get(line.x, 0), line.y)
    assert len(depth) == 4
    *first, last = [depth[x] for x in sorted(depth)]
    assert len(set(first)) == 1                   # filled to one depth …
    shortfall = (first[0] - last) / style.line_pitch
    assert 0 <= shortfall < 4                     # … and the last column ends within 4 lines


def test_overset_is_reported_not_cut(style, book):
    issue = make_issue(module(article(60), lines=30))
    composition = compose_issue(issue, style, book)
    [fit] = composition.fits
    assert fit.overset and fit.lines_set <= fit.lines_available
    drawn = "".join(line.text for line in body_lines(composition.document.pages[0]))
    text = SENTENCE.replace(" ", "") * 60
    # what was drawn plus what is reported overset is the whole story, in order
    assert drawn + fit.overset_text == text


@pytest.mark.parametrize("place, fragment", [
    (dict(column=6, columns=4), "leave the type area"),
    (dict(line=100, lines=10), "leave the type area"),
    (dict(line=5), "overlaps the masthead"),
])
def test_bad_placements_are_rejected(style, book, place, fragment):
    issue = make_issue(module(article(2), **place))
    with pytest.raises(BroadsheetError) as caught:
        compose_issue(issue, style, book)
    assert fragment in str(caught.value)
    assert "pages[0].modules[0].place" in str(caught.value)


def test_overlapping_modules_are_rejected(style, book):
    issue = make_issue(module(article(2)), module(article(2, "b.md"), column=3))
    with pytest.raises(BroadsheetError, match=r"modules\[0\].place: overlaps the module of b.md"):
        compose_issue(issue, style, book)


def test_module_too_small_for_its_headline(style, book):
    issue = make_issue(module(article(2), lines=3))
    with pytest.raises(BroadsheetError, match="too small for its headline"):
        compose_issue(issue, style, book)


def test_rule_in_the_gutter_between_side_by_side_modules(style, book):
    issue = make_issue(module(article(2)), module(article(2, "b.md"), column=5))
    page = compose_issue(issue, style, book).document.pages[0]
    gutter_x = style.column_x(5) - style.body_size / 2
    assert any(isinstance(i, dl.Rule) and i.x1 == i.x2 == pytest.approx(gutter_x) for i in page.items)


def test_headline_spans_and_centres_on_its_module(style, book):
    issue = make_issue(module(article(2), column=3, columns=4))
    page = compose_issue(issue, style, book).document.pages[0]
    [headline] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "headline"]
    left, right = style.column_x(3), style.column_x(3) + style.span_width(4)
    end = headline.x + headline.glyphs[-1].x + headline.size
    assert headline.x - left == pytest.approx(right - end, abs=0.5)


@pytest.mark.parametrize("space, above", [(1, 1), (2, 1), (3, 2)])
def test_copyfit_title_space_goes_round_the_title_more_of_it_above(style, book, space, above):
    """Blank lines copyfit adds (title_space) stand above and under the title, the larger
    half above: all under it, a short module's title sat hard under its rule with four blank
    lines before the text (real B page 4). The text starts where it did."""
    def composed(title_space):
        spaced = replace(module(article(2)), title_space=title_space)
        page = compose_issue(make_issue(spaced), style, book).document.pages[0]
        [head] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "headline"]
        return head.y, min(line.y for line in body_lines(page))

    (title, text), (spaced_title, spaced_text) = composed(0), composed(space)
    assert spaced_title - title == pytest.approx(above * style.line_pitch)
    assert spaced_text - text == pytest.approx(space * style.line_pitch)


def test_photo_with_caption_and_no_text_over_it(style, book):
    blocks = (Paragraph(SENTENCE), Photo(PHOTO, "会议现场", "记者 杨学摄"), Paragraph(SENTENCE * 4))
    issue = make_issue(module(article(blocks=blocks), lines=60))
    page = compose_issue(issue, style, book).document.pages[0]
    [image] = [i for i in page.items if isinstance(i, dl.Image)]
    [caption] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "caption"]
    assert caption.text == "会议现场记者杨学摄"
    assert caption.y > image.y + image.height                      # caption under the photo
    for line in body_lines(page):
        assert not (image.y - 1 < line.y < image.y + image.height + 1)   # no text over it
    assert image.width == pytest.approx(style.span_width(4))


def test_subhead_is_centred_and_never_ends_a_column(style, book):
    blocks = tuple([Paragraph(SENTENCE)] * 3 + [Subhead("回顾过去 成绩来之不易")] + [Paragraph(SENTENCE)] * 3)
    issue = make_issue(module(article(blocks=blocks), lines=40))
    page = compose_issue(issue, style, book).document.pages[0]
    [subhead] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "subhead"]
    column_lines = [l for l in body_lines(page) if l.x == pytest.approx(subhead.x, abs=60)
                    and l.y > subhead.y]
    assert column_lines, "a subhead is followed by text in its column"


def test_masthead_and_folio_on_page_one(style, book):
    page = compose_issue(make_issue(module(article(2))), style, book).document.pages[0]
    texts = " ".join(i.text for i in page.items if isinstance(i, dl.TextLine))
    for item in ("晋中日报", "2024年1月6日", "癸卯年十一月廿五", "星期六", "第3144期", "CN14-0023",
                 "21-22", "每周一、三、五出版", "www.sxjzxw.com", "0354-3111178", "第1版"):
        assert item in texts
    masthead_bottom = style.line_y(style.masthead_lines + 1)
    assert all(i.y < masthead_bottom for i in page.items
               if isinstance(i, dl.TextLine) and i.role == "masthead")


def test_printers_marks_lie_outside_the_bleed(style, book):
    page = compose_issue(make_issue(module(article(2))), style, book).document.pages[0]
    crop = [i for i in page.items if isinstance(i, dl.Rule) and i.color == dl.REGISTRATION
            and (i.x1 == i.x2 in (0, style.page_width) or i.y1 == i.y2 in (0, style.page_height))]
    assert len(crop) == 8                                   # two at each corner
    targets = [i for i in page.items if isinstance(i, dl.Circle)]
    patches = [i for i in page.items if isinstance(i, dl.Rect)]
    [slug] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "slug"]
    assert len(targets) == 4 and len(patches) >= 8
    assert "晋中日报" in slug.text and "第3144期" in slug.text and "第1版" in slug.text

    def outside(x, y):
        return (x <= -style.bleed or x >= style.page_width + style.bleed
                or y <= -style.bleed or y >= style.page_height + style.bleed)

    for mark in crop + [r for r in page.items if isinstance(r, dl.Rule) and r.color == dl.REGISTRATION]:
        assert outside(mark.x1, mark.y1) and outside(mark.x2, mark.y2)
    for target in targets:
        assert outside(target.x - target.radius, target.y) or outside(target.x, target.y - target.radius)
    for patch in patches:
        assert outside(patch.x, patch.y + patch.height)
    assert slug.y - slug.size >= style.page_height + style.bleed


def test_vertical_headline_runs_down_the_right_side_in_vertical_forms(style, book):
    art = Article(source=Path("side.md"), kicker="市委经济工作会议", headline="坚定信心，奋楫前行",
                  deck="——“六个三”重点任务侧记", byline="记者 史俊杰",
                  blocks=tuple(Paragraph(SENTENCE) for _ in range(4)))
    issue = make_issue(Module(art, Placement(column=1, columns=4, line=17, lines=40),
                              headline="vertical"))
    page = compose_issue(issue, style, book).document.pages[0]
    [headline] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "headline"]
    [kicker] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "kicker"]
    [deck] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "deck"]
    assert headline.text == "坚定信心，奋楫前行"
    steps = {round(b.y - a.y, 6) for a, b in zip(headline.glyphs, headline.glyphs[1:])}
    assert steps == {headline.size}                     # one em per character, top to bottom
    assert all(g.face.vertical for g in headline.glyphs)
    assert deck.x < headline.x < kicker.x               # read right to left: 引题, 主题, 副题
    module_right = style.column_x(1) + style.span_width(4)
    assert kicker.x + kicker.size <= module_right
    assert headline.y + headline.glyphs[-1].y <= style.line_y(17 + 40)   # inside the module
    body = body_lines(page)
    assert body and max(l.x for l in body) + 117 < deck.x   # text stays left of the titles


def test_vertical_headline_too_long_for_the_module_is_an_error(style, book):
    art = article(2)
    art = Article(source=art.source, headline="锚定目标实干笃行" * 4, blocks=art.blocks)
    issue = make_issue(Module(art, Placement(column=1, columns=4, line=17, lines=20),
                              headline="vertical"))
    with pytest.raises(BroadsheetError, match="vertical headline"):
        compose_issue(issue, style, book)


def _paragraph(n_lines, tag):
    from layout.page.flow import Flowed
    from layout.style import TypeSpec
    from layout.text.compose import Line
    lines = [Line(glyphs=(), width=0, size=9, last=(k == n_lines - 1)) for k in range(n_lines)]
    return Flowed("body", lines, n_lines, TypeSpec(size=9, role="body", lines=1)), tag


def test_a_paragraphs_last_line_is_not_carried_alone_to_the_next_column():
    from layout.page.flow import fill_to
    first, _ = _paragraph(8, "a")
    second, _ = _paragraph(4, "b")       # 8 + 3 fit in a 11-line column, 1 line would be left
    placed, overset = fill_to([first, second], [11, 11])
    assert not overset
    in_second_column = [piece for column, _, piece in placed if column == 1]
    assert in_second_column[0].height == 2     # two lines carried over, not one


def test_a_two_line_paragraph_goes_over_whole_rather_than_leave_its_last_line_alone():
    """Splitting a two-line paragraph (a table cell stored as a paragraph, a short lead-in)
    would open the next column with its last line alone: both lines go over, and the column
    ends a line short (as a compositor would set it)."""
    from layout.page.flow import fill_to
    first, _ = _paragraph(10, "a")
    second, _ = _paragraph(2, "b")
    placed, overset = fill_to([first, second], [11, 11])
    assert not overset
    assert [(c, p.height) for c, _, p in placed] == [(0, 10), (1, 2)]


def test_a_two_line_list_item_goes_over_whole():
    from dataclasses import replace

    from layout.page.flow import fill_to
    first, _ = _paragraph(10, "a")
    item = replace(_paragraph(2, "b")[0], kind="item")
    placed, _ = fill_to([first, item], [11, 11])
    assert [(c, p.kind, p.height) for c, _, p in placed] == [(0, "body", 10), (1, "item", 2)]


def test_a_two_line_paragraph_goes_whole_to_the_continuation_of_a_jump():
    """In the last column of a story that jumps, the two lines go on together to the
    continuation; where the story ends there, the last line is overset, not moved."""
    from layout.page.flow import fill_columns
    first, _ = _paragraph(10, "a")
    second, _ = _paragraph(2, "b")
    placed, rest = fill_columns([first, second], [11], balance=False, carried=True)
    assert [p.height for _, _, p in placed] == [10] and [p.height for p in rest] == [2]
    placed, rest = fill_columns([first, second], [11], balance=False)
    assert [p.height for _, _, p in placed] == [10, 1] and [p.height for p in rest] == [1]


def test_a_column_that_cannot_hold_two_lines_keeps_a_one_line_start():
    """A column one line deep gains nothing from moving the paragraph: it stays."""
    from layout.page.flow import fill_to
    second, _ = _paragraph(2, "b")
    placed, overset = fill_to([second], [1, 11])
    assert not overset and [(c, p.height) for c, _, p in placed] == [(0, 1), (1, 1)]


def test_a_subhead_keeps_both_lines_of_a_two_line_paragraph_with_it():
    """A subhead needs room for a two-line paragraph after it: with one line only, the
    paragraph would go over whole and leave the subhead ending the column."""
    from layout.page.flow import Flowed, fill_to
    from layout.style import TypeSpec
    first, _ = _paragraph(6, "a")
    subhead = Flowed("subhead", [], 3, TypeSpec(size=10.5, role="headline", lines=3))
    second, _ = _paragraph(2, "b")
    placed, overset = fill_to([first, subhead, second, _paragraph(4, "c")[0]], [10, 10])
    assert not overset
    assert [(c, p.kind, p.height) for c, _, p in placed] == [
        (0, "body", 6), (1, "subhead", 3), (1, "body", 2), (1, "body", 4)]


def two_page_issue(first_lines=30, text_columns=None):
    story = article(30, "long.md")
    first = Module(story, Placement(column=1, columns=4, line=17, lines=first_lines))
    rest = Module(story, Placement(column=1, columns=4, line=1, lines=80), continues=True,
                  text_columns=text_columns)
    masthead = make_issue().masthead
    pages = (Page(1, "要闻", (first,)), Page(2, "要闻", (rest,), editor="王晓明", proofreader="李青"))
    return Issue(source=Path("/tmp/issue"), number=3144, date=datetime.date(2024, 1, 6),
                 style="jinzhong", masthead=masthead, pages=pages)


def test_a_story_jumps_to_its_continuation_with_jump_lines(style, book):
    composition = compose_issue(two_page_issue(), style, book)
    one, two = composition.document.pages
    jumps_one = [i.text for i in one.items if isinstance(i, dl.TextLine) and i.role == "jump"]
    jumps_two = [i.text for i in two.items if isinstance(i, dl.TextLine) and i.role == "jump"]
    assert jumps_one == ["（下转第2版）"] and jumps_two == ["（上接第1版）"]
    first, second = composition.fits
    assert (first.continued_on, second.continued_from) == (2, 1)
    assert not first.overset and not second.overset
    drawn = "".join(l.text for page in (one, two) for l in body_lines(page))
    assert drawn == SENTENCE.replace(" ", "") * 30          # nothing lost or doubled at the jump
    heads = [i.text for i in two.items if isinstance(i, dl.TextLine) and i.role == "jump_head"]
    assert heads == ["锚定目标实干笃行"]


def test_the_jump_line_sits_in_the_last_line_of_the_last_column(style, book):
    page = compose_issue(two_page_issue(), style, book).document.pages[0]
    [jump] = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "jump"]
    last_column_right = style.column_x(4) + style.span_width(1)
    assert jump.x + jump.glyphs[-1].x + jump.size == pytest.approx(last_column_right, abs=1)
    assert all(l.y < jump.y for l in body_lines(page) if l.x == style.column_x(4))


def test_continuation_in_other_columns_is_reset_at_its_measure(style, book):
    composition = compose_issue(two_page_issue(text_columns=3), style, book)
    one, two = composition.document.pages
    drawn = "".join(l.text for page in (one, two) for l in body_lines(page))
    assert drawn == SENTENCE.replace(" ", "") * 30
    xs = sorted({l.x for l in body_lines(two)})
    assert len(xs) == 3                                        # 破栏: three text columns
    assert xs[0] == pytest.approx(style.column_x(1))


def test_text_columns_break_the_basic_grid():
    from layout.page.module import column_layout
    style = load_style("jinzhong")
    xs, measure, gap = column_layout(style, 1, 4, 3)          # 55 characters in 3 columns
    assert measure == 17 * style.body_size and len(xs) == 3
    assert xs[-1] + measure == pytest.approx(style.column_x(1) + style.span_width(4))
    assert gap >= style.body_size


def test_running_head_on_inner_pages(style, book):
    two = compose_issue(two_page_issue(), style, book).document.pages[1]
    head = " ".join(i.text for i in two.items if isinstance(i, dl.TextLine)
                    and i.role in ("folio", "running-head"))
    for part in ("第2版", "要闻", "晋中日报", "2024年1月6日", "责任编辑：王晓明", "校对：李青"):
        assert part in head
    assert any(isinstance(i, dl.Rule) and i.y1 == i.y2 < style.top for i in two.items)


def test_photo_crop_keeps_its_focus():
    from layout.page.grid import fill_crop
    left, top, right, bottom = fill_crop(1000, 500, 100, 100, focus=(0.9, 0.5))
    assert (top, bottom) == (0.0, 1.0) and right == pytest.approx(1.0)   # kept at the right edge
    left, top, right, bottom = fill_crop(1000, 500, 100, 100, focus=(0.5, 0.5))
    assert (left + right) / 2 == pytest.approx(0.5)


def test_photo_fit_shows_all_of_it(style, book):
    blocks = (Photo(PHOTO, "会议现场", "记者 杨学摄", fit="fit"), Paragraph(SENTENCE))
    page = compose_issue(make_issue(module(article(blocks=blocks), lines=60)), style,
                         book).document.pages[0]
    [image] = [i for i in page.items if isinstance(i, dl.Image)]
    assert image.crop == (0.0, 0.0, 1.0, 1.0)
    assert image.width / image.height == pytest.approx(640 / 427, rel=0.01)


def test_type_and_rules_take_the_style_colours(book, tmp_path):
    """[colors] text and rules colour what is set in black; the paper's name keeps its own,
    the crop and registration marks theirs."""
    from layout.page.furniture import REGISTRATION
    custom = tmp_path / "grey.toml"
    custom.write_text('base = "jinzhong"\n[colors]\ntext = [0, 0, 0, 80]\nrules = [100, 0, 0, 0]\n',
                      encoding="utf-8")
    grey = load_style(str(custom))
    issue = make_issue(module(article(), line=17), module(article(name="b.md"), column=5, line=17))
    page = compose_issue(issue, grey, book).document.pages[0]
    lines = [item for item in page.items if isinstance(item, dl.TextLine)]
    assert {line.color for line in lines if line.role == "body"} == {(0, 0, 0, 0.8)}
    assert {line.color for line in lines if line.role == "masthead"} == {dl.BLACK}
    rules = [item for item in page.items if isinstance(item, dl.Rule)]
    assert {rule.color for rule in rules} == {(1.0, 0, 0, 0), REGISTRATION}


def test_the_styles_settings_are_what_the_page_is_made_of(style, book, tmp_path):
    """A style that changes [rules], [furniture] and [composition] settings gets exactly
    those changes on the page: the module rules' weight, the date's size in the 报头, the
    folio's height, a title line's grid lines."""
    issue = make_issue(module(article(6)), module(article(9, "b.md"), column=5))
    custom = tmp_path / "custom.toml"
    custom.write_text('base = "jinzhong"\n[rules]\nmodule_pt = 1.25\n'
                      '[furniture]\ndate_pt = 16\nfolio_baseline_lines = 1\n'
                      '[composition]\nheadline_leading = 2.5\n', encoding="utf-8")
    changed = load_style(str(custom))
    before, after = (compose_issue(issue, s, book).document.pages[0] for s in (style, changed))

    def rules(page):
        return {item.width for item in page.items if isinstance(item, dl.Rule)
                and item.x1 == item.x2 and item.y1 >= style.line_y(17)   # between the modules
                and item.color == dl.BLACK}                                 # not a crop mark
    assert rules(before) == {style.rules.module_pt} and rules(after) == {1.25}

    def sizes(page, role):
        return sorted(item.size for item in page.items
                      if isinstance(item, dl.TextLine) and item.role == role)
    assert 18 in sizes(before, "masthead") and 18 not in sizes(after, "masthead")
    assert 16 in sizes(after, "masthead")

    def folio_y(page):
        return {item.y for item in page.items if isinstance(item, dl.TextLine)
                and item.role == "folio"}
    assert folio_y(before) == {style.top - 0.6 * style.line_pitch}
    assert folio_y(after) == {style.top - style.line_pitch}

    def headline_ys(page):
        return sorted(item.y for item in page.items
                      if isinstance(item, dl.TextLine) and item.role == "deck")
    assert headline_ys(after) > headline_ys(before)     # the deck moves down under the title


def test_a_source_line_that_wraps_prints_every_line_flush_right(style, book):
    """An outside tester's 来源 of two lines printed only its first (「来源：」): the rest,
    its height kept in the column, was never drawn and never reported."""
    origin = "中央广播电视总台央视网新闻联播栏目 国家统计局 海关总署新闻发布会"
    story = replace(article(2), origin=origin)
    page = compose_issue(make_issue(module(story, columns=2)), style, book).document.pages[0]
    source = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "source"]
    assert len(source) >= 2
    assert "".join(line.text for line in source).replace(" ", "") == \
        f"来源：{origin}".replace(" ", "")
    right = style.column_x(1) + style.span_width(2)
    ends = {round(line.x + line.glyphs[-1].x + line.size, 0) for line in source}
    assert len(ends) == 1 and abs(ends.pop() - right) < 12    # one right edge, at the column's


def test_a_titles_lines_stand_its_leading_apart_not_whole_grid_lines(style, book):
    """Each title line was given whole grid lines: a two-line 24 pt title stood 1.7 em apart
    (three grid lines a line). Its lines now stand headline_leading apart, the block centred
    in the fewest grid lines that hold it."""
    story = article(2, headline="猪肉价格下降市民菜篮子变轻了")
    page = compose_issue(make_issue(replace(module(story, columns=2), headline_size=24.0)),
                         style, book).document.pages[0]
    heads = [i for i in page.items if isinstance(i, dl.TextLine) and i.role == "headline"]
    assert len(heads) == 2 and heads[0].size == 24
    leading = style.composition.headline_leading
    assert heads[1].y - heads[0].y == pytest.approx(24 * leading)


URL = "https://tv.cctv.com/2023/09/07/VIDE3TJLM4dOA0SQFffKAzlC230907.shtml"


@pytest.mark.parametrize("origin", [URL, f"央视网 {URL}"])
def test_a_source_no_break_fits_keeps_its_label_whole_and_prints_all_of_it(style, book,
                                                                           origin):
    """Outside testers' sources with a URL: broken as a title it began 「来 / 源：https…」,
    then (its label on a line of its own) 「央 / 视 / 网 / https…」, and the video's id, wider
    than a column with no break point, was not printed. The label takes its line, the source
    runs on under it, the id broken between its letters and digits."""
    story = replace(article(2), origin=origin)
    page = compose_issue(make_issue(module(story, columns=2)), style, book).document.pages[0]
    source = [i.text for i in page.items if isinstance(i, dl.TextLine) and i.role == "source"]
    assert source[0] == "来源："
    assert "".join(source[1:]).replace(" ", "") == origin.replace(" ", "")
    assert all(len(line) > 1 for line in source)      # no character alone on a line


def test_a_page_with_nothing_placed_on_it_is_a_warning(style, book):
    """An outside tester's page kept for a story that fitted on its own page (jump_to not
    taken) printed blank with no word: the composition says so."""
    issue = make_issue(module(article(2)), page_number=2)      # page 1 holds nothing
    findings = compose_issue(issue, style, book).findings
    assert [(f.check, f.page) for f in findings] == [("empty-page", 1)]
    assert "prints blank" in findings[0].message
