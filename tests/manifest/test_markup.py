"""Issue 15: the article format's blocks and inline markup, read into the model; what is not
markup the format sets is flagged by `broadsheet check` with file, line and column."""
import pytest

from layout.errors import BroadsheetError
from layout.read.article import load_article
from layout.read.markup import parse_inline, stray_markup
from layout.model import ListBlock, Paragraph, Quote, Sidebar, Table
from layout.inspect.proofread import check_article

HEAD = "---\nheadline: 测试\n---\n\n"


def _article(tmp_path, body: str, head: str = HEAD):
    path = tmp_path / "a.md"
    path.write_text(head + body, encoding="utf-8")
    return load_article(path)


def test_emphasis_markers_become_ranges():
    inline = parse_inline("市场**出清提速**，*楷体字*。")
    assert inline.text == "市场出清提速，楷体字。"
    assert inline.emphasis == ((2, 6, "strong"), (7, 10, "kai"))
    assert inline.unpaired == ()
    # closing after a mark, as Chinese copy does (CommonMark's flanking rule would refuse it)
    assert parse_inline("**内控失效风险蔓延。**6月10日").emphasis == ((0, 9, "strong"),)


def test_st_is_a_stock_name_not_a_marker():
    typed = "近日，*ST创兴、*ST沪科、*ST太和3只个股进入退市整理期。"
    inline = parse_inline(typed)
    assert inline.text == typed and inline.emphasis == () and inline.unpaired == ()
    assert parse_inline("ST/*ST公司**约238家**").emphasis == ((8, 13, "strong"),)


def test_an_unpaired_marker_stays_as_typed_and_is_reported():
    inline = parse_inline("这是**未配对的")
    assert inline.text == "这是**未配对的" and inline.unpaired == (2,)


def test_blocks_are_read(tmp_path):
    article = _article(tmp_path, "> 引语第一行\n> 第二行\n\n- 第一项\n- 第二项\n  续行\n\n"
                                 "1. 甲\n2. 乙\n\n一、第一点\n二、第二点\n\n一、只是段落\n\n"
                                 "（一）收入来源\n（二）收支缺口\n\n"
                                 "| 币种 | 中间价 |\n|:---|--:|\n| 美元 | 6.8109 |\n\n"
                                 "::: 链接\n链接正文。\n\n- 一项\n:::\n")
    quote, bullets, numbers, chinese, paragraph, brackets, table, sidebar = article.blocks
    assert quote == Quote("引语第一行第二行")
    assert [(i.marker, i.text) for i in bullets.items] == [("●", "第一项"), ("●", "第二项续行")]
    assert [(i.marker, i.text) for i in numbers.items] == [("1.", "甲"), ("2.", "乙")]
    assert [i.marker for i in chinese.items] == ["一、", "二、"]
    assert paragraph == Paragraph("一、只是段落")           # one line with 一、 is prose
    assert [i.marker for i in brackets.items] == ["（一）", "（二）"]
    assert table == Table(("币种", "中间价"), (("美元", "6.8109"),), ("left", "right"),
                          line=table.line)
    assert isinstance(sidebar, Sidebar) and sidebar.title == "链接"
    assert isinstance(sidebar.blocks[1], ListBlock)


def test_front_matter_keys(tmp_path):
    head = ("---\nheadline: 本周最低气温将降至冰点\ndateline: 本报讯\nbyline: 记者 杨晓莉\n"
            "correspondent: 戴明明\nsource: 新华社\neditor_note: 这是**编者按**。\n---\n\n")
    article = _article(tmp_path, "正文。\n", head)
    assert (article.dateline, article.correspondent, article.origin) == ("本报讯", "戴明明",
                                                                          "新华社")
    assert article.editor_note == "这是编者按。"
    assert article.editor_note_emphasis == ((2, 5, "strong"),)


@pytest.mark.parametrize("body, line, words", [
    ("::: 链接\n正文。\n", "line 5", "never closed"),
    ("正文。\n\n:::\n", "line 7", "closes no open sidebar"),
    ("::: 链接\n::: 背景\n:::\n", "line 6", "inside the sidebar"),
    ("::: 链接\n## 小标题\n:::\n", "line 6", "not subheads"),
    ("| a | b |\n|---|---|\n| 1 |\n", "line 7", "1 cells, the header 2"),
    ("| a | b |\n|---|---|\n", "line 5", "no rows"),
    (">\n", "line 5", "quote is empty"),
])
def test_bad_blocks_are_one_clear_error(tmp_path, body, line, words):
    with pytest.raises(BroadsheetError) as error:
        _article(tmp_path, body)
    assert error.value.field == line and words in str(error.value)
    assert error.value.fix


def test_check_flags_markup_it_does_not_set_with_file_line_and_column(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(HEAD + "# 一级标题\n\n这里有[链接](http://x.cn)和<b>粗</b>，**未配对。\n"
                           "> 段内引号\n\n| 不是表格 | 因为 |\n| 没有分隔行 | 啊 |\n\n"
                           "近日，*ST创兴、*ST沪科进入**退市整理期**。\n", encoding="utf-8")
    found = [(f.line, f.column, f.check) for f in check_article(path) if f.check == "markup"]
    assert found == [(5, 1, "markup"), (7, 4, "markup"), (7, 22, "markup"), (7, 26, "markup"),
                     (7, 31, "markup"), (8, 1, "markup"), (10, 1, "markup"), (11, 1, "markup")]
    assert stray_markup("近日，*ST创兴、*ST沪科进入**退市整理期**。", True) == []


def test_the_real_copy_with_blocks_proofreads_clean():
    from pathlib import Path
    issue = Path(__file__).resolve().parents[1] / "data" / "blocks"
    for path in sorted(p for p in issue.glob("*.md") if p.name != "SOURCES.md"):
        assert [f for f in check_article(path) if f.check == "markup"] == [], path


def test_emphasis_where_it_is_not_set_is_flagged(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nheadline: **标题**\neditor_note: 这是**编者按**。\n---\n\n"
                    "| 公司 | 数 |\n|---|---|\n| **甲** | 1 |\n\n正文**强调**。\n",
                    encoding="utf-8")
    found = [(f.line, f.column) for f in check_article(path) if f.check == "markup"]
    assert found == [(2, 11), (2, 15), (8, 3), (8, 6)]      # not the 编者按, not the paragraph


def test_plain_real_copy_is_never_taken_for_markup():
    """151 real articles typed as plain paragraphs: no list, quote, table or emphasis is read
    into them (*ST names, 1.5亿元, （一） inside a sentence) and `check` flags no markup."""
    from pathlib import Path
    from layout.model import Photo, Subhead
    corpus = Path(__file__).resolve().parents[1] / "data" / "realnews"
    articles = [p for p in sorted(corpus.glob("*.md")) if p.name != "SOURCES.md"]
    assert len(articles) > 100
    for path in articles:
        article = load_article(path)
        assert all(isinstance(b, (Paragraph, Subhead, Photo)) and not getattr(b, "emphasis", ())
                   for b in article.blocks), path
        assert [f for f in check_article(path) if f.check == "markup"] == [], path


def test_a_dateline_needs_a_paragraph(tmp_path):
    with pytest.raises(BroadsheetError) as error:
        _article(tmp_path, "- 只有列表\n", "---\nheadline: 测试\ndateline: 本报讯\n---\n\n")
    assert error.value.field == "dateline"
