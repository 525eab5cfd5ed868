"""Issue 15: the article blocks set from real published news (tests/data/blocks, see its
SOURCES.md), checked from the PDF itself — every line on the grid, no prohibited line start or
end, no raw markup printed, table cells where they belong, the emphasis faces used."""
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import pdfchecks
from layout.inspect import pdftext
from layout.read.manifest import load_issue
from layout.model import ListBlock, Paragraph, Subhead, Table
from layout.style import load_style

ROOT = Path(__file__).resolve().parents[2]
ISSUE = ROOT / "tests" / "data" / "blocks"
BOLD, KAI, SERIF = "NotoSansCJKsc-Bold", "LXGWWenKai-Regular", "NotoSerifCJKsc-Regular"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("blocks") / "blocks.pdf"
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", str(ISSUE), "-o",
                           str(out)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr      # nothing overset, nothing refused
    return out


@pytest.fixture(scope="module")
def lines(pdf):
    return pdftext.extract_lines(pdf)


@pytest.fixture(scope="module")
def runs(pdf):
    return pdftext.extract_runs(pdf)


@pytest.fixture(scope="module")
def issue():
    return load_issue(ISSUE)


def _articles(issue):
    return {module.article.source.name: module.article
            for page in issue.pages for module in page.modules}


def test_the_test_issue_carries_every_construct(issue):
    articles = _articles(issue)
    blocks = [block for article in articles.values() for block in article.blocks]
    kinds = Counter(type(block).__name__ for block in blocks)
    assert kinds["Quote"] >= 1 and kinds["Sidebar"] >= 1 and kinds["Table"] >= 5
    markers = {item.marker[0] for block in blocks if isinstance(block, ListBlock)
               for item in block.items}
    assert {"●", "1", "（"} <= markers                    # - , 1. and （一） lists
    assert all(any(getattr(a, key) for a in articles.values())
               for key in ("dateline", "correspondent", "origin", "editor_note"))
    kinds_of_emphasis = {kind for block in blocks if isinstance(block, Paragraph)
                         for _, _, kind in block.emphasis}
    assert kinds_of_emphasis == {"strong", "kai"}
    # *ST is a stock's name, not an emphasis marker: kept as typed
    shichang = articles["shichang-chuqing-tuishi.md"]
    assert shichang.blocks[0].text.startswith("近日，*ST创兴、*ST沪科、*ST太和3只")
    # the crawler's one-cell-per-paragraph IPO tables, rebuilt: 32 and 55 companies, the 87
    # the story's first paragraph counts
    tables = [b for b in articles["shiji-shuma-guohui.md"].blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [32, 55]
    assert tables[0].header == ("公司名称", "上会日期", "保荐机构")


def test_every_word_is_printed_and_keeps_the_line_rules(issue, lines):
    assert pdfchecks.check_text_present(issue, lines) == []
    assert pdfchecks.check_line_breaks(lines, 9) == []
    style = load_style("duikai")
    block_sizes = {style.type[key].size for key in ("quote", "table", "editor_note")}
    for line in lines:
        if any(abs(line.size - size) < 0.01 for size in block_sizes) and line.text.strip():
            assert not pdftext.starts_badly(line.text.strip()), line
            assert not pdftext.ends_badly(line.text.strip()), line


def _subhead_texts(issue):
    return {"".join(block.text.split()) for article in _articles(issue).values()
            for block in article.blocks if isinstance(block, Subhead)}


def test_every_block_line_sits_on_the_baseline_grid(issue, lines):
    """Body, list, quote, table, sidebar and 编者按 lines: the centre of each line's em box
    is the centre of a grid line (text of another size is centred on the grid)."""
    style = load_style("duikai")
    pitch = style.line_pitch
    subheads = _subhead_texts(issue)
    sizes = {9.0, 8.0, 10.5}
    centre = {id(line): line.y + 0.38 * line.size for line in lines}
    body = [line for line in lines if line.size == 9.0 and line.font.startswith(SERIF)]
    phase = Counter(round(centre[id(line)] % pitch, 1) for line in body).most_common(1)[0][0]
    checked = 0
    for line in lines:
        text = "".join(line.text.split())
        if line.size not in sizes or not text or any(text in s for s in subheads):
            continue
        if line.y > max(l.y for l in body) + pitch or line.y < min(l.y for l in body) - pitch:
            continue                                # the running head, folio and slug
        if text.endswith("版）"):
            continue                                # the 报眼's contents, in the masthead
        off = (centre[id(line)] - phase) % pitch
        assert min(off, pitch - off) < 0.05, line
        checked += 1
    assert checked > 700


def test_no_raw_markup_is_printed(issue, lines):
    for line in lines:
        text = line.text.strip()
        assert "**" not in text and "|" not in text and ":::" not in text, line
        assert not re.match(r"(> |- |#)", text), line
        assert re.sub(r"\*ST", "", text).count("*") == 0, line
    printed = "".join(line.text for line in lines)
    typed = (ISSUE / "shichang-chuqing-tuishi.md").read_text(encoding="utf-8").count("*ST")
    assert typed > 10 and printed.count("*ST") == typed     # every *ST name, as typed


def _line_with(lines, text, size=8.0):
    """The first table line (at the table's size) holding `text`."""
    found = [line for line in lines if text in line.text and abs(line.size - size) < 0.01]
    assert found, text
    return found[0]


def _x_of(line, text):
    at = line.text.index(text)
    return line.glyphs[at].x


def test_table_cells_stand_in_their_columns(lines):
    header = _line_with(lines, "公司名称上会日期保荐机构")
    columns = [_x_of(header, name) for name in ("公司名称", "上会日期", "保荐机构")]
    row = _line_with(lines, "杭州高特电子设备股份有限公司")
    assert _x_of(row, "杭州") == pytest.approx(columns[0], abs=0.01)
    assert _x_of(row, "2026/1/13") == pytest.approx(columns[1], abs=0.01)
    assert _x_of(row, "中信证券") == pytest.approx(columns[2], abs=0.01)
    # a number column aligns on the decimal point: 224.26 / 0.59776 / 10.6262
    points = []
    for value in ("1.1859", "0.59776", "10.6262", "224.26", "45.0366"):
        line = _line_with(lines, value)
        points.append(_x_of(line, value) + sum(g.width for g in line.glyphs[
            line.text.index(value):line.text.index(value) + value.index(".")]))
    assert max(points) - min(points) < 0.05
    # whole numbers right-aligned: in each part of the weather table (it runs on in the
    # next column under its header) every row's last cell ends on one edge
    rows = [line for line in lines if abs(line.size - 8) < 0.01
            and re.match(r"\d+日", line.text) and line.page == 1]
    parts: dict[float, list] = {}
    for line in rows:
        parts.setdefault(round(line.x), []).append(line.end)
    assert len(rows) == 7 and len(parts) >= 1
    for ends in parts.values():
        assert max(ends) - min(ends) < 0.05


def _font_of(runs, text, before=""):
    """The one font the characters of `text` are drawn in where `before` precedes them (found
    in the drawing order of every run, so a text broken over lines is found too)."""
    chars = [(glyph.char, run.font) for run in runs for glyph in run.glyphs
             if not glyph.char.isspace()]
    stream = "".join(char for char, _ in chars)
    wanted = "".join(text.split())
    at = stream.find(before + wanted) + len(before)
    assert at >= 0, f"{text!r} not found"
    fonts = {font for _, font in chars[at:at + len(wanted)]}
    assert len(fonts) == 1, (text, fonts)
    return fonts.pop()


def test_the_emphasis_faces_are_used(runs):
    assert _font_of(runs, "本报讯").startswith(BOLD)                          # dateline
    assert _font_of(runs, "（通讯员 戴明明 记者 杨晓莉）").startswith(KAI)     # byline run in
    assert _font_of(runs, "科技日报兰州6月11日电").startswith(BOLD)
    assert _font_of(runs, "财务造假", before="凸显出四类问题。").startswith(BOLD)                        # **…**
    assert _font_of(runs, "“大宗矿产、粮食、煤炭").startswith(KAI)           # *…* in the paragraph
    assert _font_of(runs, "编者按：").startswith(BOLD)
    assert _font_of(runs, "公司名称").startswith(BOLD)                        # table header
    assert _font_of(runs, "链接").startswith(BOLD)                            # sidebar title
    assert _font_of(runs, "来源：新华社").startswith(KAI)


def test_fit_table_counts_the_blocks(issue):
    from layout.fonts import load_font_book
    from layout.page.compose import compose_issue
    style = load_style(issue.style, issue.source)
    book = load_font_book(style.fonts)
    composition = compose_issue(issue, style, book)
    fits = {fit.article: fit for fit in composition.fits}
    assert all(not fit.overset for fit in fits.values())
    # the IPO tables run over the story's three text columns, each part under its header
    heads = [item for page in composition.document.pages for item in page.items
             if getattr(item, "role", "") == "table_head" and item.text.startswith("公司")]
    assert len(heads) >= 3


def test_the_galley_proof_shows_the_blocks(issue):
    from layout.fonts import load_font_book
    from layout.commands.proof import proof_html
    style = load_style(issue.style, issue.source)
    book = load_font_book(style.fonts)
    articles = _articles(issue)
    gaoyou = proof_html(issue, articles["gaoyou-hanchao.md"], style, book, 1)
    assert "<b>本报讯</b>" in gaoyou and "<table>" in gaoyou and "<th>最高（℃）</th>" in gaoyou
    assert 'class="byline"' not in gaoyou            # after the dateline, in brackets
    shiji = proof_html(issue, articles["shiji-shuma-guohui.md"], style, book, 2)
    assert 'class="box-title">链接<' in shiji and shiji.count("<tr>") == 32 + 55 + 2
    note = proof_html(issue, articles["yanglaojin-kechixu.md"], style, book, 1)
    assert "<b>编者按：</b>" in note and "（四）" in note
    quote = proof_html(issue, articles["changjiang-huangjin-shuidao.md"], style, book, 1)
    assert 'class="quote"' in quote and '<span class="kai">“大宗矿产' in quote
    for page in (gaoyou, shiji, note, quote):
        assert "**" not in page and "|" not in page and ":::" not in page


@pytest.fixture(scope="module")
def setting():
    from layout.fonts import load_font_book
    style = load_style("duikai")
    return style, load_font_book(style.fonts)


def test_emphasis_keeps_the_line_justified_and_the_rules(setting):
    from layout.text.compose import Request, compose_request
    style, book = setting
    text = ("主业空心化是6月8日进入退市整理期3只退市股的共同问题。以*ST沪科为例，公司2025年度"
            "扣非净利润亏损226.03万元，营业收入仅843.54万元。")
    measure = 13 * 9
    plain = compose_request(Request(text, measure, 9, "body", style.text, 2), book)
    bold = compose_request(Request(text, measure, 9, "body", style.text, 2,
                                   faces=((0, 5, "headline"), (30, 40, "kai"))), book)
    for lines in (plain, bold):
        assert all(abs(line.width - measure) < 1e-6 for line in lines[:-1])
        assert not any(pdftext.starts_badly(l.text) or pdftext.ends_badly(l.text) for l in lines)
        assert "*ST" in "".join(l.text for l in lines)
    glyphs = [g for line in bold for g in line.glyphs]
    assert {g.face for g in glyphs[:5]} == {book.face("headline")}
    assert {g.face for g in glyphs[5:25]} == {book.face("body")}
    assert all(not (a.text.endswith("*") and b.text.startswith("ST"))    # *ST kept whole
               for a, b in zip(plain, plain[1:]))


def test_a_table_wider_than_its_column_is_refused_not_clipped(setting):
    from layout.errors import BroadsheetError
    from layout.page.tables import table_columns
    style, book = setting
    wide = Table(("代码", "开盘", "最高", "最低", "收盘", "成交额"),
                 (("600519", "1688.00", "1702.50", "1680.10", "1699.99", "1234567.89"),),
                 ("auto",) * 6, line=12)
    with pytest.raises(BroadsheetError) as error:
        table_columns(wide, 13 * 9, style, book, "x.md")
    assert error.value.file == "x.md" and error.value.field == "line 12"
    assert "text_columns" in error.value.fix
    columns = table_columns(wide, 40 * 9, style, book, "x.md")      # a 破栏 module's measure
    assert sum(c.width for c in columns) <= 40 * 9 - 5 * 8 + 1e-6


def test_the_pull_quote_spans_the_columns_the_style_says(issue):
    from layout.fonts import load_font_book
    from layout.page.compose import compose_issue
    style = load_style(issue.style, issue.source)
    assert style.type["quote"].columns == 2
    book = load_font_book(style.fonts)
    page = compose_issue(issue, style, book).document.pages[0]
    quote = [item for item in page.items if getattr(item, "role", "") == "quote"]
    assert quote and quote[0].text.startswith("“大宗矿产")
    span = 2 * style.column_chars * style.body_size + style.gutter_chars * style.body_size
    width = max(item.glyphs[-1].x + item.size for item in quote)
    assert style.column_chars * style.body_size < width <= span
    rules = [item for item in page.items if hasattr(item, "x1") and item.y1 == item.y2
             and abs((item.x2 - item.x1) - span) < 0.01]
    assert len(rules) >= 2                          # above and below, over both columns


def test_a_pull_quote_with_no_room_in_its_module_is_reported_not_drawn_below_it(issue):
    """A pull quote over two columns stands at the top of the text, under any photo; in a
    module with no room left for it there, it went below the module's foot, over the next
    story's headline (a second tester's page 1). Now it takes two columns where it fits, or
    is reported overset."""
    from dataclasses import replace
    from layout.fonts import load_font_book
    from layout.model import Quote
    from layout.page.module import Story, compose_module
    style = load_style(issue.style, issue.source)
    book = load_font_book(style.fonts)
    [(page, module)] = [(p, m) for p in issue.pages for m in p.modules
                        if any(isinstance(b, Quote) for b in m.article.blocks)]
    [quote] = [b for b in module.article.blocks if isinstance(b, Quote)]
    short = replace(module, place=replace(module.place, lines=9))
    items, fit = compose_module(short, replace(page, modules=(short,)), style, book, False,
                                Story([page.number]))
    foot = style.line_y(short.place.line + short.place.lines)
    assert all(item.y <= foot for item in items if hasattr(item, "glyphs"))
    assert not [item for item in items if getattr(item, "role", "") == "quote"]
    assert quote.text[:10] in fit.overset_text.replace("\n", "")
