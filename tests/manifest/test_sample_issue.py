"""The sample issue 3144 against the seed text it was built from: nothing changed, dropped or
left split."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from layout.calendar import date_line
from layout.read.manifest import load_issue
from layout.model import Paragraph, Photo, Subhead
from layout.text import charclass as cc

ROOT = Path(__file__).resolve().parents[2]
ISSUE_DIR = ROOT / "issues" / "3144"
SEED = ROOT / "samples" / "seed" / "jinzhong-daily-3144.txt"

# Where the text capture split a paragraph at a column break: (end of one, start of next).
KNOWN_SPLITS = [("更加完", "善，"), ("1164.4", "亿元"), ("改善", "社会预期"),
                ("党的建设", "主题主线")]
SUBHEADS = ["回顾过去 成绩来之不易", "展望未来 底气信心更足", "奋发有为 苦干实干抓落实"]
SENTENCE_END = "。！？…：”"



def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def split_seed() -> tuple[list[str], list[str]]:
    """The seed's story paragraphs and its masthead block (from the date line to the end)."""
    paragraphs = seed_paragraphs()
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("2024年1月6日"))
    return paragraphs[:start], paragraphs[start:]


def rejoined(paragraphs: list[str]) -> tuple[list[str], int]:
    out: list[str] = []
    joins = 0
    for paragraph in paragraphs:
        if out and any(out[-1].endswith(a) and paragraph.startswith(b) for a, b in KNOWN_SPLITS):
            out[-1] += paragraph
            joins += 1
        else:
            out.append(paragraph)
    return out, joins


@pytest.fixture(scope="module")
def issue():
    return load_issue(ISSUE_DIR)


def article_sequence(issue) -> list[str]:
    """The issue's text in the seed's order: heads as the seed marks them, photo captions
    after the story they belong to (where the capture has them)."""
    out = []
    for page in issue.pages:
        for module in (m for m in page.modules if not m.continues):   # a story once
            article = module.article
            out += [f"# {article.headline}", f"## {article.deck}", article.byline]
            out += [block.text for block in article.blocks if not isinstance(block, Photo)]
            out += [f"{block.caption} {block.credit}" for block in article.blocks
                    if isinstance(block, Photo)]
    return out


def all_text(issue) -> str:
    parts = []
    for page in issue.pages:
        for module in (m for m in page.modules if not m.continues):   # a story once
            article = module.article
            parts += [article.kicker, article.headline, article.deck, article.byline]
            for block in article.blocks:
                parts += ([block.caption, block.credit] if isinstance(block, Photo)
                          else [block.text])
    return "\n".join(parts)


def test_counts(issue):
    assert issue.number == 3144
    assert issue.style == "jinzhong"
    assert [(p.number, p.section) for p in issue.pages] == [(1, "要闻")]    # one page
    modules = issue.pages[0].modules
    assert [m.article.headline for m in modules] == ["锚定目标 实干笃行", "坚定信心 奋楫前行"]
    first, second = (m.article for m in modules)
    assert first.deck == "市委五届七次全会侧记" and second.deck == "——市委经济工作会议侧记"
    assert first.byline == "记者 闫淑娟" and second.byline == "记者 史俊杰"
    assert first.kicker == second.kicker == ""
    assert Counter(type(b).__name__ for b in first.blocks) == {"Paragraph": 36, "Photo": 1}
    assert Counter(type(b).__name__ for b in second.blocks) == {"Paragraph": 33, "Subhead": 3}
    assert isinstance(issue.pages, tuple) and isinstance(modules, tuple)
    assert isinstance(first.blocks, tuple)


def test_placement(issue):
    places = [m.place for m in issue.pages[0].modules]
    # The two features, made up by the engine, cover the type area under the masthead
    # (8 columns × lines 17–106) exactly once: no hole, no overlap.
    covered = Counter((c, line) for p in places for c in range(p.column, p.column + p.columns)
                      for line in range(p.line, p.line + p.lines))
    assert set(covered) == {(c, line) for c in range(1, 9) for line in range(17, 107)}
    assert set(covered.values()) == {1}


def test_photo(issue):
    blocks = issue.pages[0].modules[0].article.blocks
    [index] = [i for i, b in enumerate(blocks) if isinstance(b, Photo)]
    photo = blocks[index]
    assert blocks[index - 1] == Paragraph("报告回顾总结了市委五届六次全会以来的各项工作。")
    assert (photo.caption, photo.credit) == ("山间茶园（资料图片，摄于印度蒙纳）", "维韦克·库马尔 摄")
    assert photo.path.is_absolute() and photo.path.is_file()
    assert photo.path == (ISSUE_DIR / "photos" / "tea-garden.jpg").resolve()
    assert (ISSUE_DIR / "photos" / "SOURCES.md").is_file()


def test_subheads(issue):
    blocks = issue.pages[0].modules[1].article.blocks
    assert [b.text for b in blocks if isinstance(b, Subhead)] == SUBHEADS


def test_masthead_matches_seed(issue):
    _, masthead_block = split_seed()
    block = "\n".join(masthead_block)

    def after(label: str) -> str:
        return re.search(re.escape(label) + r"(\S+)", block).group(1)

    m = issue.masthead
    assert m.name == "晋中日报"
    assert m.cn == after("国内统一刊号：") == "CN14-0023"
    assert m.postal_code == after("邮发代号：") == "21-22"
    assert m.website == after("网址：") == "www.sxjzxw.com"
    assert m.ad_line == after("广告热线：") == "0354-3111178"
    assert m.schedule == "每周一、三、五出版"
    assert m.schedule in [line.strip() for line in block.split("\n")]
    assert f"第{issue.number}期" in masthead_block
    line = date_line(issue.date)
    assert [line.gregorian, line.lunar, line.weekday] == [
        s.strip() for s in masthead_block[0].split("\n")]


SEED_CAPTION = "会议现场 记者 杨学摄"
SAMPLE_CAPTION = "山间茶园（资料图片，摄于印度蒙纳） 维韦克·库马尔 摄"


def test_text_sequence_equals_seed(issue):
    """Word for word the seed's, but for the photo's caption: the seed's photo (会议现场) is
    not available, and a caption goes with its picture (photos/SOURCES.md)."""
    story, _ = split_seed()
    expected, joins = rejoined(story)
    assert joins == len(KNOWN_SPLITS)
    assert expected.count(SEED_CAPTION) == 1
    expected = [SAMPLE_CAPTION if text == SEED_CAPTION else text for text in expected]
    assert article_sequence(issue) == expected


def test_no_other_capture_splits():
    """Every seed paragraph that does not end a sentence is a head, byline, caption or one of
    the known splits: the audit that found the splits, kept as a test."""
    story, _ = split_seed()
    expected, _ = rejoined(story)
    open_ended = [p for p in expected if p[-1] not in SENTENCE_END]
    assert open_ended == ["# 锚定目标 实干笃行", "## 市委五届七次全会侧记", "记者 闫淑娟",
                          "会议现场 记者 杨学摄", "# 坚定信心 奋楫前行", "## ——市委经济工作会议侧记",
                          "记者 史俊杰", *SUBHEADS]


def test_every_han_character_kept(issue):
    """The seed's characters, the photo's caption being that of the picture printed."""
    story, _ = split_seed()
    story = [SAMPLE_CAPTION if text == SEED_CAPTION else text for text in story]
    seed = Counter(c for c in "".join(story) if cc.is_han(c))
    ours = Counter(c for c in all_text(issue) if cc.is_han(c))
    assert ours == seed
    # and nothing but Han characters, punctuation, digits and the known Latin survived
    latin = re.findall(r"[A-Za-z]+", all_text(issue))
    assert Counter(latin) == Counter(re.findall(r"[A-Za-z]+", "".join(story)))


def test_stray_and_is_kept(issue):
    text = all_text(issue)
    assert "全面从严治党 and 反腐败斗争持续发力" in text
    assert text.count(" and ") == 1


def test_rejoined_paragraphs(issue):
    text = all_text(issue)
    for a, b in KNOWN_SPLITS:
        assert a + b in text
    assert "社会治理体系更加完善，" in text
    assert "总投资1164.4亿元" in text
