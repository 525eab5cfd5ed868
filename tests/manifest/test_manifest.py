"""layout.read.manifest: the article parser and every error issue.toml can raise."""
from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

from layout.errors import BroadsheetError
from layout.read.article import load_article
from layout.read.manifest import load_issue
from layout.model import Article, Issue, Masthead, Paragraph, Photo, Placement, Subhead

ROOT = Path(__file__).resolve().parents[2]
PHOTO = ROOT / "tests" / "data" / "eight-page" / "photos" / "rocket.jpg"
DATA = ROOT / "tests" / "data" / "manifests"

FRONT = "---\nheadline: 标题\n---\n\n"


def write_article(tmp_path: Path, body: str, name: str = "a.md") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def article(tmp_path: Path, body: str) -> Article:
    return load_article(write_article(tmp_path, FRONT + body))


def article_error(tmp_path: Path, text: str) -> BroadsheetError:
    path = write_article(tmp_path, text)
    with pytest.raises(BroadsheetError) as info:
        load_article(path)
    error = info.value
    assert error.file == str(path)
    assert str(path) in str(error)
    assert error.fix
    return error


# ---------------------------------------------------------------------------------------------
# article files: front matter

def test_front_matter(tmp_path):
    a = load_article(write_article(tmp_path, (
        "---\nkicker: \nheadline:  锚定目标 实干笃行 \ndeck: 市委五届七次全会侧记\n"
        "byline: 记者 闫淑娟\n---\n\n正文。\n")))
    assert (a.kicker, a.headline, a.deck, a.byline) == ("", "锚定目标 实干笃行",
                                                        "市委五届七次全会侧记", "记者 闫淑娟")
    assert a.blocks == (Paragraph("正文。"),)
    assert a.source == tmp_path / "a.md"


def test_front_matter_optional_keys_default_empty(tmp_path):
    a = article(tmp_path, "正文。")
    assert (a.kicker, a.deck, a.byline) == ("", "", "")


def test_value_may_contain_colons(tmp_path):
    a = load_article(write_article(tmp_path, "---\nheadline: 时间: 2024：新\n---\n\n文。"))
    assert a.headline == "时间: 2024：新"


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\r\nheadline: 标题\r\n---\r\n\r\n第一行\r\n第二行\r\n".encode())
    a = load_article(path)
    assert a.headline == "标题" and a.blocks == (Paragraph("第一行第二行"),)


def test_missing_front_matter(tmp_path):
    error = article_error(tmp_path, "headline: 标题\n\n正文。\n")
    assert "no front matter" in error.message and error.field == "line 1"
    assert "---" in error.fix


def test_empty_file(tmp_path):
    """An empty article file: one line saying so (it was a six-line example of a headline
    block, as for a file that does not begin with one)."""
    for text in ("", "\n  \n"):
        error = article_error(tmp_path, text)
        assert error.message == "the article file is empty" and "\n" not in str(error)
        assert "issue.toml" in error.fix


def test_unclosed_front_matter(tmp_path):
    error = article_error(tmp_path, "\n---\nheadline: 标题\nbyline: 记者\n")
    assert "never closed" in error.message and error.field == "line 2"


def test_empty_headline(tmp_path):
    error = article_error(tmp_path, "---\nheadline:   \n---\n\n正文。")
    assert "headline is empty" in error.message and error.field == "headline"


def test_missing_headline(tmp_path):
    error = article_error(tmp_path, "---\ndeck: 副题\n---\n\n正文。")
    assert "no headline" in error.message and error.field == "headline"


def test_unknown_front_matter_key_lists_allowed(tmp_path):
    error = article_error(tmp_path, "---\nheadline: 标题\ntitle: 什么\n---\n\n正文。")
    assert "'title'" in error.message and error.field == "line 3"
    assert "kicker, headline, deck, byline" in error.fix


def test_duplicate_front_matter_key(tmp_path):
    error = article_error(tmp_path, "---\nheadline: 标题\nheadline: 又一个\n---\n\n正文。")
    assert "twice" in error.message and error.field == "line 3"


def test_front_matter_line_without_colon(tmp_path):
    error = article_error(tmp_path, "---\nheadline：标题\n---\n\n正文。")
    assert error.field == "line 2" and "ASCII colon" in error.fix


def test_no_body(tmp_path):
    error = article_error(tmp_path, "---\nheadline: 标题\n---\n\n\n")
    assert "no text" in error.message


# ---------------------------------------------------------------------------------------------
# article files: paragraphs and joining

@pytest.mark.parametrize("lines, joined", [
    ("第一行\n第二行", "第一行第二行"),                 # CJK | CJK
    ("增长\n7.9%", "增长7.9%"),                          # CJK | digit
    ("总投资1164.4\n亿元", "总投资1164.4亿元"),          # digit | CJK
    ("占GDP\n比重", "占GDP比重"),                        # Latin | CJK
    ("治党\nand 反腐", "治党and 反腐"),                  # CJK | Latin
    ("hello\nworld", "hello world"),                    # Latin | Latin
    ("2023\n2024", "2023 2024"),                        # digit | digit
    ("GDP,\nthen", "GDP, then"),                        # Latin punctuation | Latin
    ("完成，\nabc", "完成，abc"),                         # full-width punctuation | Latin
    ("“冲锋号”\nabc", "“冲锋号”abc"),                     # quotes count as CJK-side
    ("——\nabc", "——abc"),
    ("行尾空格   \n下一行", "行尾空格下一行"),           # trailing whitespace dropped
    ("abc   \n   def", "abc def"),
    ("一\n二\n三", "一二三"),
])
def test_joining(tmp_path, lines, joined):
    assert article(tmp_path, lines).blocks == (Paragraph(joined),)


def test_text_kept_exactly(tmp_path):
    text = "全面从严治党 and 反腐败斗争，２０２４　年“156”……——牢牢把握  两个空格。"
    assert article(tmp_path, text + "\n").blocks == (Paragraph(text),)


def test_blocks_split_on_blank_lines(tmp_path):
    a = article(tmp_path, "第一段。\n\n\n第二段\n接着。\n   \n第三段。\n")
    assert a.blocks == (Paragraph("第一段。"), Paragraph("第二段接着。"), Paragraph("第三段。"))


def test_subheads(tmp_path):
    a = article(tmp_path, "## 回顾过去 成绩来之不易\n\n正文。\n\n## 两行\n小标题\n")
    assert a.blocks == (Subhead("回顾过去 成绩来之不易"), Paragraph("正文。"), Subhead("两行小标题"))


def test_subhead_without_space(tmp_path):
    error = article_error(tmp_path, FRONT + "正文。\n\n##小标题\n")
    assert error.field == "line 7" and "## " in error.fix


def test_empty_subhead(tmp_path):
    error = article_error(tmp_path, FRONT + "## \n")
    assert "empty" in error.message and error.field == "line 5"


def test_tab_in_paragraph(tmp_path):
    error = article_error(tmp_path, FRONT + "第一段。\n\n第二段\n有\t制表符。\n")
    assert "tab" in error.message and error.field == "line 8"


def test_other_control_character(tmp_path):
    error = article_error(tmp_path, FRONT + "文\x07字。\n")
    assert "U+0007" in error.message and error.field == "line 5"


def test_tab_in_front_matter(tmp_path):
    error = article_error(tmp_path, "---\nheadline: 标\t题\n---\n\n文。\n")
    assert "tab" in error.message and error.field == "line 2"


def test_trailing_tab_is_just_whitespace(tmp_path):
    assert article(tmp_path, "文字。\t\n").blocks == (Paragraph("文字。"),)


# ---------------------------------------------------------------------------------------------
# article files: photos

@pytest.fixture
def photo_dir(tmp_path):
    (tmp_path / "photos").mkdir()
    shutil.copy(PHOTO, tmp_path / "photos" / "meeting.jpg")
    return tmp_path


def test_photo(photo_dir):
    a = article(photo_dir, '前文。\n\n![会议现场](photos/meeting.jpg "记者 杨学摄")\n\n后文。\n')
    photo = a.blocks[1]
    assert photo == Photo(path=(photo_dir / "photos" / "meeting.jpg").resolve(),
                          caption="会议现场", credit="记者 杨学摄", columns=None)
    assert photo.path.is_absolute()


def test_photo_columns_suffix(photo_dir):
    a = article(photo_dir, '![会议现场](photos/meeting.jpg "记者 杨学摄"){columns=2}\n')
    assert a.blocks[0].columns == 2
    a = article(photo_dir, '![会议现场](photos/meeting.jpg){ columns = 3 }\n')
    assert (a.blocks[0].credit, a.blocks[0].columns) == ("", 3)


def test_photo_path_relative_to_article(photo_dir):
    sub = photo_dir / "stories"
    sub.mkdir()
    path = write_article(sub, FRONT + "![图](../photos/meeting.jpg)\n")
    assert load_article(path).blocks[0].path == (photo_dir / "photos" / "meeting.jpg").resolve()


def test_photo_missing_file(tmp_path):
    error = article_error(tmp_path, FRONT + '文。\n\n![会议现场](photos/meeting.png "记者 杨学摄")\n')
    assert error.field == "line 7"
    assert "photos/meeting.png" in error.message
    assert "line 7" in str(error)


def test_photo_columns_zero(photo_dir):
    error = article_error(photo_dir, FRONT + "![图](photos/meeting.jpg){columns=0}\n")
    assert "at least 1" in error.message and error.field == "line 5"


def test_photo_unknown_option(photo_dir):
    error = article_error(photo_dir, FRONT + "![图](photos/meeting.jpg){width=2}\n")
    assert "'width'" in error.message and "columns" in error.fix


def test_malformed_image_line(photo_dir):
    error = article_error(photo_dir, FRONT + '![图](photos/meeting.jpg "未闭合)\n')
    assert "image line" in error.message and error.field == "line 5"


def test_image_line_inside_paragraph(photo_dir):
    error = article_error(photo_dir, FRONT + "文字\n![图](photos/meeting.jpg)\n")
    assert "own block" in error.message and error.field == "line 6"


def test_model_objects_are_frozen(photo_dir):
    a = article(photo_dir, "文。\n\n## 小\n\n![图](photos/meeting.jpg)\n")
    assert isinstance(a.blocks, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.headline = "x"


# ---------------------------------------------------------------------------------------------
# issue.toml

BASE = """\
number = 3144
date = 2024-01-06
style = "jinzhong"

[[pages]]
number = 1
section = "要闻"

[[pages.modules]]
article = "a.md"
place = { column = 1, columns = 4, line = 17, lines = 90 }
"""

MODULE_B = """
[[pages.modules]]
article = "b.md"
place = { column = 5, columns = 4, line = 17, lines = 90 }
"""


def make_issue(tmp_path: Path, toml: str = BASE) -> Path:
    issue = tmp_path / "issue"
    issue.mkdir(exist_ok=True)
    (issue / "issue.toml").write_text(toml, encoding="utf-8")
    for name in ("a.md", "b.md"):
        (issue / name).write_text(f"---\nheadline: {name}\n---\n\n正文。\n", encoding="utf-8")
    return issue


def issue_error(tmp_path: Path, toml: str, field: str | None, *fragments: str) -> BroadsheetError:
    issue = make_issue(tmp_path, toml)
    with pytest.raises(BroadsheetError) as info:
        load_issue(issue)
    error = info.value
    toml_file = str(issue / "issue.toml")
    assert error.file == toml_file, str(error)
    assert error.field == field, str(error)
    text = str(error)
    assert text.startswith(f"{toml_file}: {field}: " if field else f"{toml_file}: ")
    for fragment in fragments:
        assert fragment in text, text
    assert error.fix
    return error


def test_minimal_issue(tmp_path):
    issue = load_issue(make_issue(tmp_path, BASE + MODULE_B))
    assert isinstance(issue, Issue)
    assert (issue.number, issue.date, issue.style) == (3144, datetime.date(2024, 1, 6), "jinzhong")
    assert issue.masthead == Masthead(name="晋中日报", cn="CN14-0023", postal_code="21-22",
                                      schedule="每周一、三、五出版", website="www.sxjzxw.com",
                                      ad_line="0354-3111178", publisher="")
    assert isinstance(issue.pages, tuple) and isinstance(issue.pages[0].modules, tuple)
    [page] = issue.pages
    assert (page.number, page.section) == (1, "要闻")
    assert [m.article.headline for m in page.modules] == ["a.md", "b.md"]
    assert page.modules[1].place == Placement(column=5, columns=4, line=17, lines=90)
    assert issue.source == tmp_path / "issue"


def test_accepts_str_path_and_string_date(tmp_path):
    issue = load_issue(str(make_issue(tmp_path, BASE.replace("2024-01-06", '"2024-01-06"'))))
    assert issue.date == datetime.date(2024, 1, 6)


def test_several_pages_and_empty_page(tmp_path):
    toml = BASE + '\n[[pages]]\nnumber = 2\nsection = "广告"\n' + \
        '\n[[pages]]\nnumber = 3\n\n[[pages.modules]]\narticle = "b.md"\n' \
        'place = { column = 1, columns = 8, line = 1, lines = 106 }\n'
    issue = load_issue(make_issue(tmp_path, toml))
    assert [(p.number, p.section, len(p.modules)) for p in issue.pages] == [
        (1, "要闻", 1), (2, "广告", 0), (3, "", 1)]


def test_cross_checks_that_agree(tmp_path):
    toml = BASE.replace('style = "jinzhong"\n',
                        'style = "jinzhong"\nweekday = "星期六"\nlunar = "癸卯年十一月廿五"\n')
    assert load_issue(make_issue(tmp_path, toml)).number == 3144


def test_masthead_override(tmp_path):
    toml = BASE.replace("[[pages]]", '[masthead]\nad_line = "0354-0000000"\npublisher = ""\n\n'
                        "[[pages]]", 1)
    masthead = load_issue(make_issue(tmp_path, toml)).masthead
    assert (masthead.ad_line, masthead.publisher, masthead.cn) == ("0354-0000000", "", "CN14-0023")


def test_style_given_as_path(tmp_path):
    issue = make_issue(tmp_path, BASE.replace('"jinzhong"', '"house.toml"'))
    (issue / "house.toml").write_text(
        'base = "jinzhong"\n[masthead]\nname = "某某日报"\n', encoding="utf-8")
    loaded = load_issue(issue)
    assert (loaded.style, loaded.masthead.name, loaded.masthead.cn) == (
        "house.toml", "某某日报", "CN14-0023")


# --- where the issue is

def test_missing_issue_toml(tmp_path):
    with pytest.raises(BroadsheetError) as info:
        load_issue(tmp_path)
    error = info.value
    assert error.file == str(tmp_path / "issue.toml")
    assert str(tmp_path) in error.message
    assert "create issue.toml" in error.fix


def test_missing_issue_directory(tmp_path):
    with pytest.raises(BroadsheetError) as info:
        load_issue(tmp_path / "nope")
    assert str(tmp_path / "nope") in str(info.value)


def test_toml_syntax_error(tmp_path):
    error = issue_error(tmp_path, BASE.replace('section = "要闻"', 'section = "要闻'), None,
                        "not valid TOML", "line 7")
    assert "col" in error.message


def test_not_utf8(tmp_path):
    issue = make_issue(tmp_path)
    (issue / "issue.toml").write_bytes(BASE.replace("jinzhong", "晋中").encode("gbk"))
    with pytest.raises(BroadsheetError) as info:
        load_issue(issue)
    assert "UTF-8" in str(info.value)


# --- top level

def test_unknown_top_level_key(tmp_path):
    error = issue_error(tmp_path, BASE.replace("[[pages]]", "[[page]]"), "page",
                        "unknown top-level key 'page'", "did you mean 'pages'")
    for key in ("number", "date", "style", "weekday", "lunar", "masthead", "pages"):
        assert key in error.fix


@pytest.mark.parametrize("value, fragment", [
    ('"3144"', "whole number, not text"), ("3144.0", "whole number"), ("true", "whole number"),
    ("0", "at least 1"), ("-5", "at least 1")])
def test_bad_issue_number(tmp_path, value, fragment):
    issue_error(tmp_path, BASE.replace("number = 3144", f"number = {value}"), "number", fragment)


def test_missing_number(tmp_path):
    issue_error(tmp_path, BASE.replace("number = 3144\n", ""), "number", "missing")


@pytest.mark.parametrize("value, fragment", [
    ("20240106", "must be a date"), ("2024-01-06T08:00:00", "time of day"),
    ("08:00:00", "must be a date")])
def test_bad_date_type(tmp_path, value, fragment):
    issue_error(tmp_path, BASE.replace("date = 2024-01-06", f"date = {value}"), "date", fragment)


def test_missing_date(tmp_path):
    issue_error(tmp_path, BASE.replace("date = 2024-01-06\n", ""), "date", "no date")


def test_unparsable_date_string(tmp_path):
    issue_error(tmp_path, BASE.replace("date = 2024-01-06", 'date = "2024-13-45"'), "date")


@pytest.mark.parametrize("day", ["1900-12-31", "1901-02-18", "2100-02-09", "2101-01-01"])
def test_date_outside_calendar(tmp_path, day):
    issue_error(tmp_path, BASE.replace("2024-01-06", day), "date", day)


@pytest.mark.parametrize("day", ["1901-02-19", "2100-02-08"])
def test_date_at_calendar_limits(tmp_path, day):
    assert load_issue(make_issue(tmp_path, BASE.replace("2024-01-06", day))).date.isoformat() == day


def test_wrong_weekday(tmp_path):
    error = issue_error(tmp_path, BASE.replace('style = "jinzhong"\n',
                                               'style = "jinzhong"\nweekday = "星期五"\n'),
                        "weekday", "星期五", "星期六")
    assert '"星期六"' in error.fix


def test_wrong_lunar(tmp_path):
    issue_error(tmp_path, BASE.replace('style = "jinzhong"\n',
                                       'style = "jinzhong"\nlunar = "癸卯年十一月廿四"\n'),
                "lunar", "癸卯年十一月廿四", "癸卯年十一月廿五")


def test_weekday_not_text(tmp_path):
    issue_error(tmp_path, BASE.replace('style = "jinzhong"\n', 'style = "jinzhong"\nweekday = 6\n'),
                "weekday", "must be text")


def test_unknown_style(tmp_path):
    error = issue_error(tmp_path, BASE.replace('"jinzhong"', '"jinzong"'), "style",
                        "no style 'jinzong'")
    assert "jinzhong" in error.fix and "duikai" in error.fix


def test_missing_style_file_path(tmp_path):
    issue_error(tmp_path, BASE.replace('"jinzhong"', '"house.toml"'), "style", "house.toml")


def test_missing_style(tmp_path):
    issue_error(tmp_path, BASE.replace('style = "jinzhong"\n', ""), "style", "missing")


def test_style_not_text(tmp_path):
    issue_error(tmp_path, BASE.replace('"jinzhong"', "1"), "style", "must be text")


# --- masthead

def test_masthead_required_item_missing(tmp_path):
    issue = make_issue(tmp_path, BASE.replace('"jinzhong"', '"bare.toml"'))
    (issue / "bare.toml").write_text('base = "duikai"\n[masthead]\nname = "某报"\n'
                                     'cn = "CN00-0000"\npostal_code = "1-1"\n', encoding="utf-8")
    with pytest.raises(BroadsheetError) as info:
        load_issue(issue)
    error = info.value
    assert (error.file, error.field) == (str(issue / "issue.toml"), "masthead.schedule")
    assert "[masthead]" in error.fix


def test_masthead_unknown_item(tmp_path):
    issue_error(tmp_path, BASE.replace("[[pages]]", '[masthead]\nadline = "1"\n\n[[pages]]', 1),
                "masthead.adline", "unknown masthead item", "did you mean 'ad_line'")


def test_masthead_item_not_text(tmp_path):
    issue_error(tmp_path, BASE.replace("[[pages]]", "[masthead]\ncn = 14\n\n[[pages]]", 1),
                "masthead.cn", "must be text")


def test_masthead_not_a_table(tmp_path):
    issue_error(tmp_path, BASE.replace('style = "jinzhong"\n',
                                       'style = "jinzhong"\nmasthead = "晋中日报"\n'),
                "masthead", "must be a table")


# --- pages

def test_no_pages(tmp_path):
    issue_error(tmp_path, BASE.split("[[pages]]")[0], "pages", "no pages")


def test_pages_not_tables(tmp_path):
    issue_error(tmp_path, BASE.split("[[pages]]")[0] + "pages = [1, 2]\n", "pages",
                "list of tables")


def test_duplicate_page_numbers(tmp_path):
    issue_error(tmp_path, BASE + "\n[[pages]]\nnumber = 1\n", "pages[1].number",
                "page 1 is given twice", "pages[0]")


def test_pages_not_starting_at_1(tmp_path):
    issue_error(tmp_path, BASE.replace("number = 1\n", "number = 2\n"), "pages[0].number",
                "first page must be number 1")


def test_pages_not_consecutive(tmp_path):
    issue_error(tmp_path, BASE + "\n[[pages]]\nnumber = 3\n", "pages[1].number",
                "after page 1 comes page 2, not 3")


def test_page_number_missing(tmp_path):
    issue_error(tmp_path, BASE.replace("number = 1\n", ""), "pages[0].number", "missing")


def test_page_section_not_text(tmp_path):
    issue_error(tmp_path, BASE.replace('section = "要闻"', "section = 1"), "pages[0].section",
                "must be text")


def test_unknown_page_key(tmp_path):
    issue_error(tmp_path, BASE.replace('section = "要闻"', 'sction = "要闻"'), "pages[0].sction",
                "unknown page key", "did you mean 'section'")


def test_modules_not_a_list(tmp_path):
    issue_error(tmp_path, BASE.split("[[pages.modules]]")[0].replace(
        'section = "要闻"', 'section = "要闻"\nmodules = "a.md"'), "pages[0].modules", "list of tables")


# --- modules

def test_module_without_article(tmp_path):
    issue_error(tmp_path, BASE + MODULE_B.replace('article = "b.md"\n', ""),
                "pages[0].modules[1].article", "article is missing")


def test_article_file_missing(tmp_path):
    issue_error(tmp_path, BASE + MODULE_B.replace("b.md", "c.md"), "pages[0].modules[1].article",
                "'c.md' not found", "a.md, b.md")


def test_article_name_not_text(tmp_path):
    issue_error(tmp_path, BASE.replace('article = "a.md"', "article = 1"),
                "pages[0].modules[0].article", "must be text")


def test_article_name_empty(tmp_path):
    issue_error(tmp_path, BASE.replace('article = "a.md"', 'article = " "'),
                "pages[0].modules[0].article", "empty")


def test_unknown_module_key(tmp_path):
    issue_error(tmp_path, BASE.replace("place = {", "placement = {"),
                "pages[0].modules[0].placement", "unknown module key", "did you mean 'place'")


def test_article_errors_name_the_article(tmp_path):
    issue = make_issue(tmp_path)
    (issue / "a.md").write_text("---\nheadline:\n---\n\n正文。\n", encoding="utf-8")
    with pytest.raises(BroadsheetError) as info:
        load_issue(issue)
    assert info.value.file == str(issue / "a.md")
    assert info.value.field == "headline"


# --- place

def test_place_missing_leaves_the_module_to_the_make_up_engine(tmp_path):
    issue = load_issue(make_issue(tmp_path, BASE.replace(
        "place = { column = 1, columns = 4, line = 17, lines = 90 }",
        'priority = 1\ncolumns = [2, 4]\nphoto = "none"\njump_to = 2') + PAGE_2))
    module = issue.pages[0].modules[0]
    assert module.place is None and module.priority == 1 and module.widths == (2, 4)
    assert module.photo == "none" and module.jump_to == (2,)


PAGE_2 = "\n[[pages]]\nnumber = 2\n"
UNPLACED = BASE.replace("place = { column = 1, columns = 4, line = 17, lines = 90 }", "")


@pytest.mark.parametrize("keys, field, fragment", [
    ("priority = 0", "priority", "from 1 to 999"),
    ("priority = 99999999999999999999", "priority", "from 1 to 999"),    # an outside tester's
    ("columns = [1, 2]\nphoto_columns = 4", "photo_columns", "wider than the module may be"),
    ("columns = [4, 2]", "columns", "[lowest, highest]"),
    ("columns = 3", "columns", "[lowest, highest]"),
    ('photo = "huge"', "photo", "one of large, small, none"),
    ("jump_to = 1", "jump_to", "the story is on page 1, and page 1 does not come after it"),
    ('photo = "large"', "photo", 'photo = "large", but a.md has no photo'),
    ("jump_to = 3", "jump_to", "no page 3"),
    ("headline_size = -2", "headline_size", "size in points"),
    ("title_space = 5", "title_space", "from 0 to 3")])
def test_make_up_keys_are_checked(tmp_path, keys, field, fragment):
    issue_error(tmp_path, UNPLACED + keys + "\n" + PAGE_2, f"pages[0].modules[0].{field}",
                fragment)


def test_a_page_has_one_lead(tmp_path):
    """Two stories of a page given priority 1: refused, naming the second (an outside
    tester's page took one of them as its lead without a word)."""
    second = MODULE_B.replace("place = { column = 5, columns = 4, line = 17, lines = 90 }",
                              "priority = 1")
    error = issue_error(tmp_path, UNPLACED + "priority = 1\n" + second,
                        "pages[0].modules[1].priority",
                        "priority = 1 is given to a.md and to b.md: a page has one lead")
    assert "priority 2 or more" in error.fix


PAGES_2_3 = PAGE_2 + "\n[[pages]]\nnumber = 3\n"


def test_jump_to_may_list_the_pages_a_story_goes_on_to(tmp_path):
    issue = load_issue(make_issue(tmp_path, UNPLACED + "jump_to = [2, 3]\n" + PAGES_2_3))
    assert issue.pages[0].modules[0].jump_to == (2, 3)


@pytest.mark.parametrize("value, fragment, fix", [
    ("[]", "names no page", "leave jump_to out"),
    ("[2, 2]", "jump_to = [2, 2] names page 2 twice", "name each page once"),
    ("[3, 2]", "page 2 is listed after page 3", "in the order the story goes on"),
    ("[1, 3]", "page 1 does not come after it", "pages after page 1"),
    ("[2, 9]", "jump_to = [2, 9]: the issue has no page 9", "one of pages 2, 3"),
    ('[2, "3"]', "whole number", "jump_to = [2, 3]"),
    ("[2, 3.5]", "whole number", "jump_to = [2, 3]")])
def test_a_bad_list_of_jump_pages_is_one_line_naming_the_fix(tmp_path, value, fragment, fix):
    error = issue_error(tmp_path, UNPLACED + f"jump_to = {value}\n" + PAGES_2_3,
                        "pages[0].modules[0].jump_to", fragment)
    assert fix in error.fix and "\n" not in str(error)


def test_jump_to_on_a_story_the_manifest_continues_itself_is_refused(tmp_path):
    """The engine adds the continuation a jump_to goes to: with a continues module listed as
    well, page 2 got two parts of the story, one set over the other."""
    continued = PAGE_2 + '\n[[pages.modules]]\ncontinues = "a.md"\n'
    error = issue_error(tmp_path, UNPLACED + "jump_to = 2\n" + continued,
                        "pages[0].modules[0].jump_to",
                        "jump_to = 2, but a continues module continues the story on page 2")
    assert "remove jump_to" in error.fix
    (tmp_path / "listed").mkdir()
    assert load_issue(make_issue(tmp_path / "listed", UNPLACED + continued)).pages[1].modules


def test_two_unplaced_parts_of_a_story_on_one_page_are_refused(tmp_path):
    """The engine makes up one part of a story on a page: two without place got the same
    name in the page's problem and were set at the same spot, one over the other. Placed by
    hand (a story in two rectangles), they stay allowed."""
    twice = UNPLACED + PAGE_2 + '\n[[pages.modules]]\narticle = "b.md"\n' + \
        '\n[[pages.modules]]\ncontinues = "b.md"\n'
    error = issue_error(tmp_path, twice, "pages[1].modules[1]", "a second part of 'b.md'")
    assert "give each part" in error.fix
    placed = twice.replace('continues = "b.md"\n',
                           'continues = "b.md"\nplace = { column = 1, columns = 2, line = 1, '
                           'lines = 10 }\n')
    (tmp_path / "placed").mkdir()
    assert len(load_issue(make_issue(tmp_path / "placed", placed)).pages[1].modules) == 2


def test_jump_to_and_widths_need_an_unplaced_module(tmp_path):
    issue_error(tmp_path, BASE + "jump_to = 2\n" + PAGE_2, "pages[0].modules[0].jump_to",
                "module the engine places")
    issue_error(tmp_path, BASE + "columns = [1, 2]\n", "pages[0].modules[0].columns",
                "module the engine places")


def test_place_missing_keys(tmp_path):
    issue_error(tmp_path, BASE.replace("line = 17, lines = 90", "lines = 90"),
                "pages[0].modules[0].place", "lacks line")
    issue_error(tmp_path, BASE.replace("column = 1, columns = 4, line = 17, ", ""),
                "pages[0].modules[0].place", "lacks column, columns, line")


@pytest.mark.parametrize("key, value, fragment", [
    ("columns", "0", "at least 1"), ("line", "-1", "at least 1"),
    ("columns", "2.5", "whole number"), ("column", '"1"', "whole number, not text"),
    ("lines", "true", "whole number")])
def test_place_bad_values(tmp_path, key, value, fragment):
    place = {"column": "1", "columns": "4", "line": "17", "lines": "90"}
    place[key] = value
    text = "place = { " + ", ".join(f"{k} = {v}" for k, v in place.items()) + " }"
    issue_error(tmp_path, BASE.replace(
        "place = { column = 1, columns = 4, line = 17, lines = 90 }", text),
        f"pages[0].modules[0].place.{key}", fragment)


def test_place_unknown_key(tmp_path):
    issue_error(tmp_path, BASE.replace("lines = 90", "lines = 90, width = 3"),
                "pages[0].modules[0].place.width", "unknown place key")


def test_place_not_a_table(tmp_path):
    issue_error(tmp_path, BASE.replace(
        "place = { column = 1, columns = 4, line = 17, lines = 90 }", "place = [1, 4, 17, 90]"),
        "pages[0].modules[0].place", "must be a table")


# --- broken fixtures kept as files

@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*") if p.is_dir()))
def test_broken_fixture_dirs(name):
    """Each directory under tests/data/manifests is an issue that must be refused; its
    expect.txt holds the field the error must name."""
    issue = DATA / name
    expected_field = (issue / "expect.txt").read_text(encoding="utf-8").strip()
    with pytest.raises(BroadsheetError) as info:
        load_issue(issue)
    assert info.value.field == expected_field, str(info.value)
    assert info.value.file.startswith(str(issue))


def test_module_headline_layout(tmp_path):
    toml = BASE + MODULE_B.replace('article = "b.md"', 'article = "b.md"\nheadline = "vertical"')
    issue = load_issue(make_issue(tmp_path, toml))
    assert [m.headline for m in issue.pages[0].modules] == ["horizontal", "vertical"]


def test_module_headline_layout_must_be_known(tmp_path):
    toml = BASE + MODULE_B.replace('article = "b.md"', 'article = "b.md"\nheadline = "sideways"')
    with pytest.raises(BroadsheetError) as caught:
        load_issue(make_issue(tmp_path, toml))
    assert "pages[0].modules[1].headline" in str(caught.value)
    assert "vertical" in str(caught.value)


def test_photo_options(photo_dir):
    blocks = load_article(write_article(
        photo_dir, FRONT + '![图](photos/meeting.jpg "记者"){columns=2 fit=fit focus=0.25,0.75}\n')).blocks
    [photo] = [b for b in blocks if isinstance(b, Photo)]
    assert (photo.columns, photo.fit, photo.focus) == (2, "fit", (0.25, 0.75))


@pytest.mark.parametrize("options, fragment", [("{fit=stretch}", "fit must be"),
                                               ("{focus=2,0}", "focus must be"),
                                               ("{columns=0}", "at least 1")])
def test_bad_photo_options(photo_dir, options, fragment):
    error = article_error(photo_dir, FRONT + f"![图](photos/meeting.jpg){options}\n")
    assert fragment in error.message and error.field == "line 5"


CONTINUATION = """
[[pages]]
number = 2
section = "要闻"
editor = "王编辑"
proofreader = "李校对"

[[pages.modules]]
continues = "a.md"
place = { column = 1, columns = 4, line = 1, lines = 40 }
"""


def test_continuation_refers_to_the_same_story(tmp_path):
    issue = load_issue(make_issue(tmp_path, BASE + MODULE_B + CONTINUATION))
    first, second = issue.pages
    assert second.modules[0].continues and second.modules[0].article is first.modules[0].article
    assert (second.editor, second.proofreader) == ("王编辑", "李校对")


def test_continuation_of_a_story_not_yet_placed(tmp_path):
    issue_error(tmp_path, BASE + MODULE_B + CONTINUATION.replace('"a.md"', '"b2.md"'),
                "pages[1].modules[0].continues", "not started by an earlier module")


def test_a_story_placed_twice_is_refused(tmp_path):
    issue_error(tmp_path, BASE + MODULE_B + CONTINUATION.replace("continues =", "article ="),
                "pages[1].modules[0].article", "placed twice", "continues")


# --- fillers (补白): briefs on no page, for the make-up to set where a page has holes

def test_fillers_are_read_as_unplaced_briefs_on_no_page(tmp_path):
    issue = load_issue(make_issue(tmp_path, BASE + '\n[[fillers]]\narticle = "b.md"\n'
                                  "columns = [1, 2]\n"))
    [filler] = issue.fillers
    assert filler.article.source.name == "b.md" and filler.place is None
    assert filler.widths == (1, 2) and filler.field == "fillers[0]"
    assert [m.article.source.name for m in issue.pages[0].modules] == ["a.md"]
    (tmp_path / "none").mkdir()
    assert load_issue(make_issue(tmp_path / "none", BASE)).fillers == ()


@pytest.mark.parametrize("toml, field, fragment, fix", [
    ('[[fillers]]\narticle = "c.md"', "fillers[0].article", "'c.md' not found",
     "remove the [[fillers]] table"),
    ('[[fillers]]\narticle = "a.md"', "fillers[0].article",
     "'a.md' is on page 1 and among the fillers", "list it once"),
    ('[[fillers]]\narticle = "b.md"\n\n[[fillers]]\narticle = "b.md"', "fillers[1].article",
     "'b.md' is among the fillers twice", "remove one"),
    ('[[fillers]]\narticle = "b.md"\nplace = { column = 1, columns = 1, line = 1, lines = 9 }',
     "fillers[0].place", "unknown filler key 'place'", "allowed: article, columns"),
    ('[[fillers]]\narticle = "b.md"\ncolumns = [3, 1]', "fillers[0].columns",
     "[lowest, highest]", "")])
def test_a_bad_filler_is_one_line_naming_the_field_and_fix(tmp_path, toml, field, fragment,
                                                            fix):
    error = issue_error(tmp_path, BASE + "\n" + toml + "\n", field, fragment)
    assert fix in error.fix and "\n" not in str(error)


def test_fillers_given_as_a_list_of_names_are_refused(tmp_path):
    error = issue_error(tmp_path, 'fillers = ["b.md"]\n' + BASE, "fillers",
                        "fillers must be a list of tables")
    assert "[[fillers]]" in error.fix


def test_a_brief_is_known_by_its_file_however_the_manifest_names_it(tmp_path):
    """sub/a.md on a page and ./sub/a.md among the fillers are one file (refused); a.md at the
    top is another file with the same name (refused too: stories are known by file name)."""
    issue = make_issue(tmp_path, BASE.replace('article = "a.md"', 'article = "sub/a.md"'))
    (issue / "sub").mkdir()
    (issue / "a.md").rename(issue / "sub" / "a.md")
    (issue / "a.md").write_text("---\nheadline: 另一篇\n---\n\n正文。\n", encoding="utf-8")
    toml = (issue / "issue.toml").read_text(encoding="utf-8")
    for brief, message in (("./sub/a.md", "'./sub/a.md' is on page 1 and among the fillers"),
                           ("a.md", "'a.md' has the file name of 'sub/a.md'")):
        (issue / "issue.toml").write_text(toml + f'\n[[fillers]]\narticle = "{brief}"\n',
                                          encoding="utf-8")
        with pytest.raises(BroadsheetError) as info:
            load_issue(issue)
        assert message in str(info.value) and info.value.field == "fillers[0].article"


def test_two_articles_with_one_file_name_are_refused(tmp_path):
    """The make-up knew them by their file name, took them for one and set both in one
    place, one over the other."""
    issue = make_issue(tmp_path, BASE + MODULE_B.replace('"b.md"', '"sub/a.md"'))
    (issue / "sub").mkdir()
    (issue / "sub" / "a.md").write_text("---\nheadline: 乙\n---\n\n正文。\n", encoding="utf-8")
    error = issue_error(tmp_path, (issue / "issue.toml").read_text(encoding="utf-8"),
                        "pages[0].modules[1].article", "'sub/a.md' has the file name of 'a.md'")
    assert "rename one" in error.fix


@pytest.mark.parametrize("again", ["./a.md", "a.md"])
def test_one_file_named_two_ways_is_placed_twice(tmp_path, again):
    toml = BASE + MODULE_B.replace('"b.md"', f'"{again}"')
    issue_error(tmp_path, toml, "pages[0].modules[1].article", f"'{again}' is placed twice")


def test_a_continuation_may_name_its_file_another_way(tmp_path):
    toml = BASE + '\n[[pages]]\nnumber = 2\n\n[[pages.modules]]\ncontinues = "./a.md"\n'
    issue = load_issue(make_issue(tmp_path, toml))
    assert issue.pages[1].modules[0].article is issue.pages[0].modules[0].article
