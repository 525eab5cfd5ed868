"""Issue 13's newspaper rules on pages the engine made up: the sample 3144 with its places
taken out, and a story that must jump (转版). Every check reads the composed pages."""
from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from layout.fonts import load_font_book
from layout.makeup import solve
from layout.makeup.fillers import better_filled
from layout.makeup.engine import (PageReport, _listed_next, _set_as_measured,
                                  _under_blank_lowered, make_up)
from layout.model import Article, Module, Page, Placement
from layout.page.measure import Shape
from layout.read.manifest import load_issue
from layout.session import Session
from layout.style import load_style

import makeup_rules as rules

ROOT = Path(__file__).resolve().parents[2]
MADE_KEYS = re.compile(r"^(place|headline_size|title_space|photo|photo_columns|text_columns|"
                       r"subhead_space) = .*\n", re.M)


def unplaced_copy(source: Path, target: Path) -> Path:
    """An issue folder with every place (and what the engine chose with it) taken out."""
    shutil.copytree(source, target)
    toml = target / "issue.toml"
    toml.write_text(MADE_KEYS.sub("", toml.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def eight_page_folder(folder: Path, manifest: str) -> Path:
    """An issue folder of `manifest` (issue.toml's text) with the articles of
    tests/data/eight-page it names, and their photos."""
    source = ROOT / "tests" / "data" / "eight-page"
    folder.mkdir(parents=True)
    shutil.copytree(source / "photos", folder / "photos")
    for name in set(re.findall(r'^(?:article|continues) = "([^"]+)"', manifest, re.M)):
        shutil.copy(source / name, folder / name)
    (folder / "issue.toml").write_text(manifest, encoding="utf-8")
    return folder


def made_up(issue_dir: Path, jobs: int = 1, seconds: float = 0.1):
    """The issue in `issue_dir` made up by the engine."""
    issue = load_issue(issue_dir)
    style = load_style(issue.style, issue_dir)
    return make_up(issue, style, load_font_book(style.fonts), jobs=jobs, seconds=seconds)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return made_up(unplaced_copy(ROOT / "issues" / "3144",
                                 tmp_path_factory.mktemp("makeup") / "3144"))


JUMPING = """\
number = 3145
date = 2024-01-08
style = "jinzhong"

[[pages]]
number = 1
section = "要闻"

[[pages.modules]]
article = "maoding-mubiao.md"
priority = 1

[[pages.modules]]
article = "wuzhangpai.md"
jump_to = 2

[[pages.modules]]
article = "jianding-xinxin.md"

[[pages]]
number = 2
section = "要闻"

[[pages.modules]]
article = "xingqi-dashi.md"
"""


@pytest.fixture(scope="module")
def jumping(tmp_path_factory):
    """Three long stories on page 1 (more than it holds), one allowed to jump to page 2."""
    return made_up(eight_page_folder(tmp_path_factory.mktemp("makeup") / "jump", JUMPING))


def test_the_sample_is_one_full_page_without_a_hole(sample):
    [page] = sample.pages
    assert not page.left_out and not any(fit.overset for fit in page.fits)
    assert rules.fill(sample) == []
    assert rules.holes(sample) == []


@pytest.mark.parametrize("check", [rules.overlaps_and_bounds, rules.lead_on_top_and_largest])
def test_modules_are_rectangles_in_the_type_area_and_the_lead_opens_the_page(
        sample, jumping, check):
    for made in (sample, jumping):
        args = (made, made.style) if check is not rules.fill else (made,)
        assert check(*args) == []


@pytest.mark.parametrize("check", [rules.tombstones, rules.short_jumps, rules.lost_text,
                                   rules.overset_reported])
def test_no_tombstones_short_jumps_or_lost_text(sample, jumping, check):
    for made in (sample, jumping):
        assert check(made) == []


def test_a_long_kicker_does_not_stack_over_one_narrow_column():
    """Real page B4: a story's 引题 (今天，上海4条轨交线和273条公交线恢复运营) over one column
    took four lines above a three-line title. A width where the kicker takes more than two
    lines is not measured while a wider one keeps it to two."""
    from layout.page.measure import (KICKER_LINES, StoryLimits, _title_lines, measure_stories,
                                     measure_story)
    folder = ROOT / "tests" / "data" / "real-eight-page-b"
    issue = load_issue(folder)
    style = load_style(issue.style, folder)
    book = load_font_book(style.fonts)
    story = next(m for page in issue.pages for m in page.modules
                 if m.article.source.name == "shanghai-guijiao-huifu.md").article
    assert _title_lines(story.kicker, "kicker", 1, style, book) > KICKER_LINES
    assert _title_lines(story.kicker, "kicker", 2, style, book) <= KICKER_LINES
    limits = StoryLimits(widths=(1, 2), headline_sizes=(16.0,), photos=(None,))
    assert {shape.columns for shape in measure_story(story, limits, style, book, 4)} == {2}
    [shapes] = measure_stories([(story, limits, 4, "horizontal")], style, book, 1)  # the engine's
    assert {shape.columns for shape in shapes} == {2}
    # where no width allowed keeps it to two lines, the story is measured as it comes
    narrow = replace(limits, widths=(1,))
    assert {shape.columns for shape in measure_story(story, narrow, style, book, 4)} == {1}


def test_the_story_that_cannot_stay_jumps_and_goes_on_on_its_page(jumping):
    first, second = jumping.pages
    [split] = [fit for fit in first.fits if fit.continued_on]
    assert split.article == "wuzhangpai.md" and split.continued_on == 2
    [rest] = [fit for fit in second.fits if fit.continued_from]
    assert rest.article == "wuzhangpai.md" and rest.continued_from == 1


def test_headline_sizes_follow_priority_and_a_brief_gets_a_modest_one_line_title(tmp_path):
    from layout.page.measure import BRIEF_CHARS, brief_title_size, headline_caps
    style = load_style("jinzhong")
    spec = style.type["headline"]
    lead = headline_caps(style, 1, 3000, True)
    second = headline_caps(style, 2, 3000, False)
    third = headline_caps(style, 3, 1200, False)
    brief = headline_caps(style, 4, BRIEF_CHARS - 1, False)
    assert lead[0] == spec.size
    assert lead[0] > second[0] > third[0] > brief[0] == brief_title_size(style) == 16
    assert len(brief) == 1                  # one size for every brief
    # a page of briefs' lead (tester: 40 pt over 104 characters): above the briefs' size only
    assert headline_caps(style, 1, BRIEF_CHARS - 1, True) == (spec.min_size,)
    # a story below the lead may always take the smallest size: it can then start level
    # beside a lead whose title shrank to fit, without the two reading as a pair
    assert second[-1] == third[-1] == spec.min_size


def test_a_page_search_stops_by_its_work_clock_only():
    """No wall-clock limit, however generous: on a loaded machine it is reached sooner, and
    the page would change with the load (an outside tester's make-ups, `nice`d beside other
    work, gave two different page 2s)."""
    from layout.makeup import solve
    solver = solve._solver(0.25)
    assert solver.parameters.max_deterministic_time == 0.25
    assert solver.parameters.max_time_in_seconds == float("inf")


def test_the_same_issue_gives_the_same_pages(jumping):
    """Deterministic: made up again (on one process or two), every module lands in the same
    place with the same choices."""
    folder = jumping.original.source
    issue = load_issue(folder)
    style = load_style(issue.style, folder)
    with Session(disk=False).active():      # solved again, not remembered
        again = make_up(issue, style, load_font_book(style.fonts), jobs=2)
    assert places(again) == places(jumping)


def test_a_page_solved_before_is_not_solved_again(jumping, tmp_path, monkeypatch):
    """A page's solution is remembered by its problem, on disk: a later process making up the
    same issue finds every page's and runs no search."""
    folder = jumping.original.source
    issue = load_issue(folder)
    style = load_style(issue.style, folder)
    monkeypatch.setenv("BROADSHEET_CACHE", str(tmp_path / "cache"))
    with Session().active() as session:
        first = make_up(issue, style, load_font_book(style.fonts), jobs=1)
        session.flush()                     # as a render does when it ends
    monkeypatch.setattr(solve, "_solver", lambda limit: pytest.fail("a page solved again"))
    with Session().active():                # nothing in memory: the disk store's
        again = make_up(issue, style, load_font_book(style.fonts), jobs=1)
    assert places(again) == places(first) == places(jumping)


def places(made) -> list:
    return [[(m.article.source.name, m.place, m.headline_size, m.title_space)
             for m in report.modules] for report in made.pages]


def test_ads_and_picture_modules_are_obstacles_the_stories_go_round(tmp_path):
    """The 通栏 ad and the picture module of tests/data/pagecarry stay where they are; the
    two stories, their places taken out, are placed in the room left and overlap neither."""
    data = ROOT / "tests" / "data"
    folder = tmp_path / "pagecarry"
    shutil.copytree(data / "pagecarry", folder)
    (tmp_path / "realnews").symlink_to(data / "realnews")      # the photos, where it looks
    toml = folder / "issue.toml"
    text = toml.read_text(encoding="utf-8")
    for place in ("place = { column = 1, columns = 5, line = 17, lines = 40 }\n",
                  "place = { column = 6, columns = 3, line = 17, lines = 40 }\n"):
        assert place in text
        text = text.replace(place, "")                  # the two stories, not the ad's
    toml.write_text(text, encoding="utf-8")
    made = made_up(folder)
    [report] = made.pages
    assert not report.left_out and not any(fit.overset for fit in report.fits)
    fixed = [item.place for item in made.issue.pages[0].fixed if item.place]
    assert len(fixed) == 2
    for module in report.modules:
        p = module.place
        for f in fixed:
            apart = (p.column + p.columns <= f.column or f.column + f.columns <= p.column
                     or p.line + p.lines <= f.line or f.line + f.lines <= p.line)
            assert apart, (module.article.source.name, p, f)
    assert rules.overlaps_and_bounds(made, made.style) == []


def test_a_boxed_story_is_measured_in_its_box():
    """A framed, tinted story with a reversed headline bar is measured as the page sets it
    (the box's margin lines and inset): its fewest lines hold it there, one fewer do not."""
    from layout.page.module import Story, compose_module
    from layout.page.measure import StoryLimits, measure_story
    folder = ROOT / "tests" / "data" / "pagecarry"
    issue = load_issue(folder)
    style = load_style(issue.style, folder)
    book = load_font_book(style.fonts)
    boxed = next(m for m in issue.pages[0].modules if m.frame)
    limits = StoryLimits(widths=(3,), headline_sizes=(28.0,), photos=(None,), frame=boxed.frame,
                         tint=boxed.tint, headline_bar=boxed.headline_bar)
    [shape] = [s for s in measure_story(boxed.article, limits, style, book, 1) if not s.split]
    for lines, holds in ((shape.min_lines, True), (shape.min_lines - 1, False)):
        module = replace(boxed, place=Placement(1, 3, 1, lines), **shape.module_fields)
        _, fit = compose_module(module, Page(number=1), style, book, False, Story([1]))
        assert (not fit.overset) is holds, (lines, len(fit.overset_text))


def test_a_story_is_left_out_only_after_a_longer_search_for_them_all():
    problem = solve.PageProblem(columns=8, lines=106, first_line=1, seconds=0.1)
    stages = [(r.lead_on_top, r.all_present, r.tombstones, r.seconds)
              for r in solve._relaxations(problem)]
    assert stages[:5] == [(True, True, False, 0.1), (True, True, True, 0.1),
                          (True, True, True, 0.1 * solve.PERSIST),
                          (True, False, False, 0.1), (True, False, True, 0.1)]


def block(columns: int, lines: int, size: float = 30.0) -> Shape:
    """A story's shape: `columns` wide, `lines` deep, its title `size` points."""
    return Shape(columns=columns, text_columns=None, photo=None, headline_size=size,
                 set_size=size, head_lines=4, heights=(lines,))


def test_the_lead_is_first_held_to_three_columns_and_narrower_only_where_the_page_needs():
    # two ways to fill the page: three stories two columns wide side by side, or the lead
    # and the second four columns wide one over the other (the second a line deeper, for
    # the rule over it) beside the third (no title: nothing tombstones). The objective
    # alone would take the first: the lead's title is larger two columns wide.
    lead = solve.Candidate("lead", 1, (block(2, 41, 42), block(4, 20, 25)))
    second = solve.Candidate("second", 2, (block(2, 41, 24), block(4, 20, 24)))
    third = solve.Candidate("third", 3, (block(2, 41, 24),), headline=False)
    page = solve.PageProblem(columns=6, lines=41, first_line=1, seconds=0.1,
                             candidates=(lead, second, third))
    floor, rules, *_ = solve._relaxations(page)
    assert floor.lead_floor == solve.LEAD_FLOOR and rules.lead_floor == 1
    by_objective = {p.key: p.place for p in solve._solve(rules).placed}
    assert by_objective["lead"].columns == 2
    with Session(disk=False).active():
        placed = {p.key: p.place for p in solve.solve_page(page).placed}
        assert placed["lead"].columns == 4 and placed["lead"].line == 1
        # columns 3-6 taken: the lead can only be two columns wide, and is
        narrow = replace(page, locked=(Placement(3, 4, 1, 41),), candidates=(lead,))
        placed = {p.key: p.place for p in solve.solve_page(narrow).placed}
        assert placed["lead"] == Placement(1, 2, 1, 41)
    # a lead with no shape that wide is not held to it
    only_narrow = replace(page, candidates=(replace(lead, shapes=(block(2, 41),)), third))
    assert next(solve._relaxations(only_narrow)).lead_floor == 1


def test_a_page_listed_fuller_than_it_holds_leaves_out_its_last_listed_stories():
    """An outside tester's page of 46 briefs needing 875 of its 848 cells at their smallest
    left out its 3rd listed while its last three stayed, after four searches for a page with
    them all, which its area alone rules out. Its last stories by rank now go before the
    search, until the rest need no more than its area, and the search keeps as many of the
    rest as it can (not all: a page so full is seldom found, and searched for long)."""
    # eight briefs 2 × 10 fill a page 4 × 44 (each under another a line deeper, for the rule)
    briefs = tuple(solve.Candidate(f"b{n}", n, (block(2, 10, 16),), headline=False)
                   for n in range(1, 11))                      # 10 × 20 cells on 176
    page = solve.PageProblem(columns=4, lines=44, first_line=1, seconds=0.1, candidates=briefs)
    first = next(solve._relaxations(page))
    assert first.absent == ("b10", "b9") and not first.all_present
    with Session(disk=False).active():
        solution = solve.solve_page(page)
    assert sorted(solution.left_out, key=lambda key: int(key[1:])) == ["b9", "b10"]
    roomy = replace(page, candidates=briefs[:8])
    assert next(solve._relaxations(roomy)).absent == ()


def test_a_page_that_leaves_stories_out_leaves_out_its_last_by_rank():
    """The search keeps the fewest stories out but may pick which (the tester's page of 46
    briefs left out its 5th listed): a placement that leaves out others than the last by rank
    is searched again with those left out instead, and taken if the rest all fit."""
    briefs = tuple(solve.Candidate(f"b{n}", n, (block(2, 9, 16),), headline=False)
                   for n in range(1, 5))                    # three fit a page 2 × 30
    page = solve.PageProblem(columns=2, lines=30, first_line=1, seconds=0.1,
                             candidates=briefs, all_present=False)
    picked = solve.PageSolution((), ("b2",), "feasible")     # as a search might leave it
    assert solve._by_rank(page, picked).left_out == ("b4",)
    by_rank = solve.PageSolution((), ("b4",), "feasible")
    assert solve._by_rank(page, by_rank) is by_rank


def test_a_page_keeps_its_own_stories_before_a_continuation_that_would_fill_it():
    """A page that cannot hold all it is given leaves out the least: its own lead and second
    story stay, with holes under them, rather than make way for another page's continuation
    that alone fills it (found by an outside tester: a 13 000-character story jumping to
    page 2 left that page's own two stories out). Of stories that cannot all stay, the lowest
    in rank goes."""
    lead = solve.Candidate("lead", 1, (block(2, 21, 42),))
    second = solve.Candidate("second", 2, (block(2, 16, 30),))
    continuation = solve.Candidate("rest…", 3, (block(8, 96, 24),), headline=False)
    page = solve.PageProblem(columns=8, lines=106, first_line=1, seconds=0.1,
                             candidates=(lead, second, continuation))
    with Session(disk=False).active():
        solution = solve.solve_page(page)
    assert solution.left_out == ("rest…",)
    assert {p.key for p in solution.placed} == {"lead", "second"}
    # two stories that cannot both stay beside a third: the lower in rank goes
    third = solve.Candidate("third", 3, (block(8, 80, 24),))
    crowded = replace(page, candidates=(lead, replace(second, shapes=(block(8, 80, 30),)),
                                        third))
    with Session(disk=False).active():
        assert solve.solve_page(crowded).left_out == ("third",)


def test_a_story_under_blank_lines_gets_the_lines_it_was_measured_for():
    """The solver reckons a line for the rule over every module below the top; under blank
    lines the composer sets no rule, so the module would hold a line more than the solver
    reckoned. A story for which that line is not one of its measured heights (real page B3:
    its columns ended 3 lines short, a hole inside the module) starts a line lower; one that
    fills it keeps it, and so does one right under a module."""
    top = Module(Article(Path("top.md"), "上"), Placement(1, 4, 1, 20))
    blank = Module(Article(Path("a.md"), "甲"), Placement(5, 2, 3, 42))     # lines 1-2 blank
    under = Module(Article(Path("b.md"), "乙"), Placement(1, 4, 21, 42))     # under `top`
    page = Page(number=2, modules=(top, blank, under))
    rigid = solve.Placed("a.md", blank.place, block(2, 40), title_space=1)
    growing = solve.Placed("a.md", blank.place, replace(block(2, 40), heights=(40, 41)), 1)
    assert _set_as_measured(rigid) and not _set_as_measured(growing)
    split = solve.Placed("a.md", blank.place, replace(block(2, 40), heights=(40, 41),
                                                      split=True), 1)
    assert _set_as_measured(split)
    lowered = _under_blank_lowered([top, blank, under], {1, 2}, page, first_line=1)
    assert lowered[1].place == Placement(5, 2, 4, 41)       # 40 lines and its title space
    assert lowered[0] is top and lowered[2] is under        # at the top; under a module
    assert _under_blank_lowered([top, blank, under], set(), page, 1)[1] is blank


def test_a_part_listed_with_another_of_its_story_on_its_page_goes_on_to_the_next_page():
    """A story placed by hand in part on page 1, its unplaced continuation there too and
    another on page 2: the unplaced part on page 1 goes on to page 2 (it was sent to page 1,
    its own, by the first part it found there)."""
    from layout.page.module import Story
    article = Article(Path("a.md"), "甲")
    stories = {id(article): Story([1, 1, 2])}
    part = Module(article, None, continues=True)
    assert _listed_next(part, 1, stories) == 2
    assert _listed_next(part, 2, stories) is None
    assert _listed_next(replace(part, jump_to=(3,)), 1, stories) is None


def test_a_brief_from_the_pool_is_set_only_where_it_fits_and_never_required():
    """Briefs (补白) are offered to a page with holes: the solver may set them, never must;
    started from the page's placement before (its hint), under the rules that was found under
    (solve_as_given relaxes none)."""
    lead = solve.Candidate("lead", 1, (block(4, 41, 42),))
    fits = solve.Candidate("fits", 1000, (block(2, 41, 24),), filler=True)
    too_deep = solve.Candidate("too deep", 1001, (block(2, 60, 24),), filler=True)
    page = solve.PageProblem(columns=6, lines=41, first_line=1, seconds=0.1,
                             candidates=(lead,))
    with Session(disk=False).active():
        first = solve.solve_page(page)
        assert dict(first.rules)["lead_floor"] == solve.LEAD_FLOOR
        offered = replace(page, **dict(first.rules), hint=first.placed,
                          candidates=(lead, fits, too_deep))
        again = solve.solve_as_given(offered)
    assert {p.key: p.place for p in again.placed} == {
        "lead": Placement(1, 4, 1, 41), "fits": Placement(5, 2, 1, 41)}
    assert again.left_out == ("too deep",)
    # not required even under rules that want every story present
    alone = replace(page, candidates=(too_deep,))
    with Session(disk=False).active():
        assert solve.solve_as_given(alone).placed == ()


def test_a_page_with_a_brief_is_kept_only_with_fewer_holes_and_no_more_overset():
    from layout.page.module import StoryFit

    def page(holes, overset_a="", overset_b=""):
        fits = [StoryFit(page=3, article=name, headline="甲", lines_set=9, lines_available=9,
                         overset_text=overset) for name, overset in (("a.md", overset_a),
                                                                     ("b.md", overset_b))]
        return PageReport(3, [], fits, holes=holes)
    first = page([(1, 74, 4), (2, 74, 4)], overset_a="余下的字")
    assert better_filled(page([(1, 74, 3)], overset_a="余下的字"), first)
    assert not better_filled(page([(1, 74, 4), (2, 74, 4)]), first)      # no fewer
    assert not better_filled(page([], overset_b="余"), first)  # b.md overset, a.md less so


def test_a_story_left_out_is_said_to_need_its_smallest_whole_module():
    """What a story left out needs is its smallest shape that holds it all — not a split
    shape, which holds only the part before its jump (an outside tester read that a
    3449-character story needed 6 columns × 9 lines)."""
    from layout.makeup.advice import needs
    split = replace(block(6, 9), split=True)
    story = solve.Candidate("a.md", 2, (split, block(4, 60)), chars=3449)
    assert needs(story).endswith("a module of 4 columns × 60 lines (3449 characters)")
    part = solve.Candidate("b.md…", 3, (split,), chars=3449)
    assert "its part here needs a module of at least 6 columns × 9 lines" in needs(part)


def test_hand_places_are_checked_in_an_issue_built_in_code():
    """check_places names a module by its index where it has no manifest field (an issue
    built in code): it raised a bare ValueError, looking its page up in the issue."""
    from layout.errors import BroadsheetError
    from layout.model import Placement as Place
    from layout.page.compose import check_places
    issue = load_issue(ROOT / "tests" / "data" / "long-jump")
    style = load_style(issue.style, issue.source)
    unnamed = replace(issue, pages=tuple(
        replace(page, modules=tuple(replace(m, field="") for m in page.modules))
        for page in issue.pages))
    check_places(unnamed, style)            # one place, inside the type area: nothing to say
    first = unnamed.pages[0]
    over = replace(first.modules[0], place=Place(7, 2, 80, 10))     # on jinrong-tixi.md's
    crowded = replace(unnamed, pages=(replace(first, modules=(over, *first.modules[1:])),
                                      *unnamed.pages[1:]))
    with pytest.raises(BroadsheetError) as error:
        check_places(crowded, style)
    assert error.value.field == "pages[0].modules[0].place"


def test_a_story_placed_beside_a_hand_placed_one_does_not_tombstone_with_it():
    """A hand-placed story's title is in the tombstone rule: a story the engine places beside
    it, level with it, takes a title size apart from its (the solver knew only the
    hand-placed module's place, so a tester's page could set two 24 pt titles side by side)."""
    story = solve.Candidate("a.md", 1, (block(4, 40, 30), block(4, 40, 24)))
    page = solve.PageProblem(columns=8, lines=40, first_line=1, seconds=0.1,
                             locked=(Placement(1, 4, 1, 40),), candidates=(story,))

    def title(problem):
        [placed] = solve.solve_page(problem).placed
        assert placed.place == Placement(5, 4, 1, 40)
        return placed.shape.set_size

    with Session(disk=False).active():
        assert title(page) == 30                            # no title beside it: the larger
        assert title(replace(page, locked_titles=((Placement(1, 4, 1, 40), 30.0),))) == 24
        assert title(replace(page, locked_titles=((Placement(1, 4, 1, 40), 42.0),))) == 30


def test_a_lead_no_width_holds_is_left_out_alone():
    """The page's first story has no shape (a second tester's 60-character title stacked more
    than three lines at every width): it is left out and the next story leads the page — the
    rule 'no title larger than the lead's' held every other title to the absent lead's size
    of 0, so the whole page was left out, or only another page's continuation (which has no
    title) was set."""
    lead = solve.Candidate("long-title.md", 1, (), chars=334)
    second = solve.Candidate("b.md", 2, (block(4, 40, 30),))
    third = solve.Candidate("c.md", 3, (block(4, 40, 24),))
    rest = solve.Candidate("d.md…", 4, (block(8, 40, 0),), headline=False)
    page = solve.PageProblem(columns=8, lines=40, first_line=1, seconds=0.1,
                             candidates=(lead, second, third, rest))
    with Session(disk=False).active():
        solution = solve.solve_page(page)
    assert set(solution.left_out) == {"long-title.md", "d.md…"}
    assert {p.key for p in solution.placed} == {"b.md", "c.md"}


def test_the_only_page_listed_fuller_than_it_holds_is_not_told_of_an_earlier_page():
    """An outside tester's one-page issue with a 6932-character story and no jump_to was told
    to "move a story to an earlier page"; page 1 of one has neither an earlier nor a later."""
    from layout.makeup.advice import page_advice
    issue = load_issue(ROOT / "issues" / "3144")
    style = load_style(issue.style, issue.source)
    problem = solve.PageProblem(8, 106, 1, candidates=(
        solve.Candidate("lead.md", 1, (block(8, 80),)), solve.Candidate("long.md", 2,
                                                                      (block(4, 100),))))
    advice = page_advice(issue, 0, [list(issue.pages[0].modules)], {}, problem, {"long.md"},
                         style, {})
    assert "listed fuller than it holds" in advice and "earlier page" not in advice
    assert "cut a story, or add a page" in advice


def test_a_story_deeper_than_its_page_is_told_so():
    """The second tester's 1-column story needed 104 lines of a 90-line page, and was told
    "no placement of them all was found"."""
    from layout.makeup.advice import page_advice
    issue = load_issue(ROOT / "issues" / "3144")
    style = load_style(issue.style, issue.source)
    problem = solve.PageProblem(8, 106, 17, candidates=(
        solve.Candidate("lead.md", 1, (block(4, 40),)),
        solve.Candidate("narrow.md", 2, (block(1, 104),))))
    advice = page_advice(issue, 0, [list(issue.pages[0].modules)], {}, problem,
                         {"narrow.md"}, style, {})
    assert advice.startswith("narrow.md is 104 lines deep at its widths, the page 90")


# JUMPING's page 1 lead, and a long story held to one column
NARROW = JUMPING[:JUMPING.index('[[pages.modules]]\narticle = "wuzhangpai.md"')] + \
    '[[pages.modules]]\narticle = "wenhua-qiangshi.md"\ncolumns = [1, 1]\n'


@pytest.mark.parametrize("headline, cause", [
    ("", r"its text runs about \d+ lines deep across 1 column, the page 106"),
    ("全国划定生态保护红线面积约319万平方公里",        # both causes (outside tester round 8)
     r"its title takes \d lines across 1 column even at 24 pt .*; and its text runs about"),
])
def test_a_story_no_width_holds_is_told_why_and_which_key_to_change(tmp_path, headline,
                                                                       cause):
    """An outside tester's stories held to columns = [1, 1] were left out with one message
    for every cause ('none of its widths takes its title in three lines and its text within
    the page'), naming no key: now the cause at its widest width, and the key."""
    folder = eight_page_folder(tmp_path / "narrow", NARROW)
    if headline:
        story = folder / "wenhua-qiangshi.md"
        story.write_text(story.read_text(encoding="utf-8").replace(
            "headline: 文化强市建设步伐加快", f"headline: {headline}"), encoding="utf-8")
    made = made_up(folder)
    [(name, why)] = made.pages[0].left_out
    assert name == "wenhua-qiangshi.md"
    assert re.search(cause, why), why
    assert why.endswith("allow it more columns (pages[0].modules[1].columns)"), why
    assert "later pages" not in why             # it may not jump


def test_no_title_on_the_page_is_as_large_as_the_leads():
    """An outside tester's page 7: its lead one line at 25 pt beside a story also at 25 pt on
    two lines, which read as the larger. Every other title is now smaller than the lead's."""
    lead = solve.Candidate("lead", 1, (block(4, 41, 24),))
    second = solve.Candidate("second", 2, (block(4, 41, 24), block(4, 41, 18)))
    page = solve.PageProblem(columns=4, lines=83, first_line=1, seconds=0.1,
                             candidates=(lead, second))     # one over the other: no tombstone
    placed = {p.key: p.shape.set_size for p in solve._solve(page).placed}
    assert placed == {"lead": 24, "second": 18}


def test_a_story_no_smaller_than_a_lead_at_its_smallest_still_stays():
    """Where the lead's title is set as small as another story's can be (a long title shrunk
    to the style's minimum), the other may be as large: held strictly smaller, an outside
    tester's page kept its lead at 24 pt and left six stories out, 22 % full."""
    lead = solve.Candidate("lead", 1, (block(4, 41, 24),))
    second = solve.Candidate("second", 2, (block(4, 41, 24),))
    page = solve.PageProblem(columns=4, lines=83, first_line=1, seconds=0.1,
                             candidates=(lead, second))
    solution = solve._solve(page)
    assert solution is not None and solution.left_out == ()
