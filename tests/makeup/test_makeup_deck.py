"""Issue 13's copyfit by the deck: a story's 副题 left out only where the style allows it
([makeup] drop_deck) and only where the story fits only without it; `deck = false` in
issue.toml says so, `make-up` reports it and --write writes it. Real copy: 高邮日报's cold
wave report (tests/data/realnews/gaoyou-hanchao.md, source in its SOURCES.md) with a deck
taken from its own first paragraph, as a paper would write it."""
from __future__ import annotations

import tomllib
from pathlib import Path

from test_makeup_command import broadsheet
from test_makeup_rules import made_up

ROOT = Path(__file__).resolve().parents[2]
DECK = "市气象台发布寒潮黄色预警，18日至19日早晨最低气温0℃左右"
MASTHEAD_LINES = 14     # sikai's 报头
TIGHT = 24              # grid lines under the masthead: the story needs 25 with its deck


def cold_wave_issue(folder: Path, room: int, drop_deck: bool) -> Path:
    """One page of the 四开 style with `room` grid lines under the masthead, holding the
    cold wave story two columns wide."""
    folder.mkdir(parents=True)
    text = (ROOT / "tests/data/realnews/gaoyou-hanchao.md").read_text(encoding="utf-8")
    assert "deck:\n" in text
    (folder / "gaoyou-hanchao.md").write_text(text.replace("deck:\n", f"deck: {DECK}\n", 1),
                                              encoding="utf-8")
    (folder / "style.toml").write_text(
        f'base = "sikai"\n[grid]\nlines = {MASTHEAD_LINES + room}\n'
        f'[makeup]\ndrop_deck = {str(drop_deck).lower()}\n', encoding="utf-8")
    (folder / "issue.toml").write_text(
        'number = 1\ndate = 2025-11-17\nstyle = "style.toml"\n\n'
        '[masthead]\nname = "高邮日报"\ncn = "CN32-0071"\npostal_code = "27-0"\n'
        'schedule = "每周一至周五出版"\nwebsite = "www.gytoday.cn"\nad_line = "0514-0000000"\n\n'
        '[[pages]]\nnumber = 1\nsection = "综合新闻"\n\n'
        '# the cold wave report\n[[pages.modules]]\narticle = "gaoyou-hanchao.md"\n'
        'columns = [2, 2]\n', encoding="utf-8")
    return folder


def test_a_story_that_fits_only_without_its_deck_loses_it_where_the_style_allows(tmp_path):
    [report] = made_up(cold_wave_issue(tmp_path / "issue", TIGHT, drop_deck=True)).pages
    [module] = report.modules
    assert module.deck is False and module.place.lines <= TIGHT
    assert not report.left_out and not any(fit.overset for fit in report.fits)


def test_where_the_style_does_not_allow_it_the_deck_stays_and_the_story_is_overset(tmp_path):
    [report] = made_up(cold_wave_issue(tmp_path / "issue", TIGHT, drop_deck=False)).pages
    assert report.modules == []
    [(article, needs)] = report.left_out
    assert article == "gaoyou-hanchao.md" and "2 columns × 25 lines" in needs
    [fit] = report.fits
    assert fit.overset and len(fit.overset_text) == 450     # every character, reported


def test_a_story_that_fits_with_its_deck_keeps_it(tmp_path):
    [report] = made_up(cold_wave_issue(tmp_path / "issue", 60, drop_deck=True)).pages
    [module] = report.modules
    assert module.deck is None and module.place.lines > TIGHT
    assert not any(fit.overset for fit in report.fits)


def test_make_up_reports_and_writes_the_dropped_deck_and_the_page_is_set_without_it(tmp_path):
    issue = cold_wave_issue(tmp_path / "issue", TIGHT, drop_deck=True)
    result = broadsheet("make-up", str(issue), "--write")
    assert result.returncode == 0, result.stderr
    assert f"deck dropped: gaoyou-hanchao.md: 「{DECK}」 left out to fit" in result.stdout
    after = (issue / "issue.toml").read_text(encoding="utf-8")
    assert "# the cold wave report" in after
    [module] = tomllib.loads(after)["pages"][0]["modules"]
    assert module["deck"] is False and module["place"]["lines"] <= TIGHT
    again = broadsheet("make-up", str(issue))              # locked, still without the deck
    assert "(locked)" in again.stdout
    assert f"deck dropped: gaoyou-hanchao.md: 「{DECK}」 left out (deck = false)" in again.stdout
    pdf = tmp_path / "page.pdf"
    rendered = broadsheet("render", str(issue), "-o", str(pdf))
    assert rendered.returncode == 0, rendered.stderr
    import pypdf
    text = pypdf.PdfReader(pdf).pages[0].extract_text().replace("\n", "")  # titles may wrap
    assert "本周最低气温将降至冰点" in text and "寒潮黄色预警，18日" not in text


def test_a_deck_key_that_is_not_true_or_false_is_one_line(tmp_path):
    issue = cold_wave_issue(tmp_path / "issue", TIGHT, drop_deck=True)
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'deck = "no"\n', encoding="utf-8")
    result = broadsheet("make-up", str(issue))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "pages[0].modules[0].deck: deck must be true or false" in line and "fix:" in line


def test_a_drop_deck_setting_that_is_not_true_or_false_is_refused(tmp_path):
    issue = cold_wave_issue(tmp_path / "issue", TIGHT, drop_deck=True)
    style = issue / "style.toml"
    style.write_text(style.read_text(encoding="utf-8").replace("= true", '= "yes"'),
                     encoding="utf-8")
    result = broadsheet("make-up", str(issue))
    assert result.returncode == 2
    assert "makeup.drop_deck: drop_deck must be true or false" in result.stderr
