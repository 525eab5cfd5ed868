"""Issue 13's targets on the two eight-page issues of real news (tests/data/real-eight-page-a
and -b, no places), made up by the engine: nothing is overset, and the newspaper rules of
point 3 hold on the composed pages. The targets not met yet are marked so (strict: the mark
goes when they are). Times are measured by bench/makeup.py, not here."""
from __future__ import annotations

from pathlib import Path

import pytest

from layout.fonts import load_font_book
from layout.makeup.engine import make_up
from layout.read.manifest import load_issue
from layout.style import load_style

import makeup_rules as rules

DATA = Path(__file__).resolve().parents[1] / "data"
ISSUES = ["real-eight-page-a", "real-eight-page-b"]


@pytest.fixture(scope="module")
def issues():
    made = []
    for name in ISSUES:
        issue = load_issue(DATA / name)
        style = load_style(issue.style, issue.source)
        made.append(make_up(issue, style, load_font_book(style.fonts), jobs=2))
    return made


def problems(issues, check, *args) -> list[str]:
    return [f"{made.issue.number}: {problem}" for made in issues
            for problem in check(made, *args)]


def test_nothing_is_overset(issues):
    assert [(m.issue.number, r.page, r.left_out) for m in issues for r in m.pages
            if r.left_out] == []
    assert [(f.page, f.article) for m in issues for r in m.pages for f in r.fits
            if f.overset] == []


def test_modules_are_rectangles_in_the_type_area_and_each_lead_opens_its_page(issues):
    for made in issues:
        assert rules.overlaps_and_bounds(made, made.style) == []
        assert rules.lead_on_top_and_largest(made, made.style) == []


@pytest.mark.parametrize("check", [rules.short_jumps, rules.lost_text])
def test_no_short_jumps_or_lost_text(issues, check):
    assert problems(issues, check) == []


def test_the_over_listed_page_jumps_its_eleventh_story_to_page_8(issues):
    """Issue A's page 7 lists more than it holds; its editor let a lower-priority story jump."""
    assert [[(r.page, f.article, f.continued_on) for r in made.pages for f in r.fits
             if f.continued_on] for made in issues] == [[(7, "lianbo-20260113-tiyu.md", 8)], []]


def test_most_pages_are_97_percent_filled_without_a_hole_or_a_tombstone(issues):
    """What the engine reaches today, as a floor: at least 15 of the 16 pages 97 % filled,
    at least 7 without a hole, tombstones on at most 5 (README: make-up figures)."""
    pages = [(made.issue.number, r.page) for made in issues for r in made.pages]
    underfilled = {(m.issue.number, r.page) for m in issues for r in m.pages if r.fill < 0.97}
    holed = {(m.issue.number, r.page) for m in issues for r in m.pages if r.holes}
    tombstoned = {p.split(":")[0] + p.split(":")[1] for p in problems(issues, rules.tombstones)}
    assert len(underfilled) <= 1 and len(pages) - len(holed) >= 7 and len(tombstoned) <= 5, (
        underfilled, holed, tombstoned)


@pytest.mark.xfail(strict=True, reason="issue 13's target not met yet: some pages keep a "
                                       "hole or a tombstone, one is 96.9 % filled")
def test_every_page_is_97_percent_filled_without_a_hole_or_a_tombstone(issues):
    assert problems(issues, rules.fill, 0.97) == []
    assert problems(issues, rules.holes) == []
    assert problems(issues, rules.tombstones) == []
