"""`broadsheet make-up` as an editor runs it: the placement printed, --write locking it into
issue.toml with the file's comments and order kept, and bad make-up keys refused in one line."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from test_makeup_rules import unplaced_copy

ROOT = Path(__file__).resolve().parents[2]


def broadsheet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_make_up_prints_the_page_and_writes_it_back(tmp_path):
    issue = unplaced_copy(ROOT / "issues" / "3144", tmp_path / "3144")
    before = (issue / "issue.toml").read_text(encoding="utf-8")
    assert "place = " not in before
    result = broadsheet("make-up", str(issue), "--write")
    assert result.returncode == 0, result.stderr
    assert "第1版  fill 100.0 %  holes 0  jumps 0" in result.stdout
    assert "maoding-mubiao.md" in result.stdout and "places written" in result.stdout
    after = (issue / "issue.toml").read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after.splitlines() for line in comments)
    table = tomllib.loads(after)
    modules = table["pages"][0]["modules"]
    assert [m["article"] for m in modules] == ["maoding-mubiao.md", "jianding-xinxin.md"]
    assert all(set(m["place"]) == {"column", "columns", "line", "lines"} for m in modules)
    again = broadsheet("make-up", str(issue))          # now locked: nothing to place
    assert "(locked)" in again.stdout and "fill 100.0 %" in again.stdout
    rendered = broadsheet("render", str(issue), "-o", str(tmp_path / "x.pdf"))
    assert rendered.returncode == 0, rendered.stderr
    assert "1 page(s)" in rendered.stdout


def test_make_up_says_which_briefs_it_set_and_marks_their_rows(tmp_path):
    """Real issue B lists twelve briefs (补白) on no page: the make-up prints those it set,
    their rows marked + (placed from the pool), and the count of the pool."""
    shutil.copytree(ROOT / "tests" / "data" / "real-eight-page-b", tmp_path / "b")
    shutil.copytree(ROOT / "tests" / "data" / "realnews", tmp_path / "realnews")
    result = broadsheet("make-up", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    [summary] = [line for line in result.stdout.splitlines() if line.startswith("fillers:")]
    set_briefs = summary.split("(", 1)[1].rstrip(")").split("; ")
    assert summary.startswith(f"fillers: {len(set_briefs)} of 12 set (kuaixun-"), summary
    for brief in set_briefs:
        name = brief.split()[0]
        [row] = [line for line in result.stdout.splitlines() if line.lstrip().startswith(name)]
        assert " +" in row and " *" not in row


def test_write_works_with_the_issue_folder_given_relative_to_here(tmp_path):
    """`make-up 3144 --write` run in the folder above: the articles' paths then start with
    the folder as typed (3144/maoding-mubiao.md), which the written tables must still be
    matched to (taken for continuations the engine added, they ended in a KeyError)."""
    unplaced_copy(ROOT / "issues" / "3144", tmp_path / "3144")
    result = subprocess.run([sys.executable, "-m", "layout.cli", "make-up", "3144", "--write"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    modules = tomllib.loads((tmp_path / "3144" / "issue.toml").read_text(encoding="utf-8")
                            )["pages"][0]["modules"]
    assert [m["article"] for m in modules] == ["maoding-mubiao.md", "jianding-xinxin.md"]
    assert all("place" in m and "continues" not in m for m in modules)


def test_briefs_go_only_on_pages_the_engine_makes_up(sample_with_a_brief):
    """The sample is placed by hand: a pool of briefs is not used, and make-up says why."""
    issue = sample_with_a_brief
    result = broadsheet("make-up", str(issue))
    assert result.returncode == 0, result.stderr
    assert ("fillers: 0 of 1 set (every module has its place: briefs go only on pages the "
            "engine makes up)") in result.stdout


def refused_line(tmp_path, key: str) -> str:
    """The one line make-up exits 2 with when the sample's second story is given `key`."""
    issue = unplaced_copy(ROOT / "issues" / "3144", tmp_path / "3144")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("priority = 2", key),
                    encoding="utf-8")
    result = broadsheet("make-up", str(issue))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    return line


def test_a_bad_make_up_key_is_one_line_naming_file_field_and_fix(tmp_path):
    line = refused_line(tmp_path, "jump_to = 9")
    assert "issue.toml: pages[0].modules[1].jump_to: jump_to = 9: the issue has no page 9" in line
    assert "fix:" in line


def test_a_bad_headline_lines_is_one_line_naming_file_field_and_fix(tmp_path):
    line = refused_line(tmp_path, "headline_lines = 5")
    assert "issue.toml: pages[0].modules[1].headline_lines:" in line
    assert "from 1 to 3" in line and "fix:" in line


def test_the_fit_table_stays_aligned_whatever_the_names_and_headlines():
    """Article names longer than the column's 22 cells (lianbo-20260215-kuaixun.md) widen
    it for the page; a headline longer than its 20 cells is shortened with "…": every
    row's place starts in the same terminal cell."""
    from types import SimpleNamespace as Thing

    from layout.commands.fittable import display_width
    from layout.makeup.command import page_rows
    from layout.model import Placement

    def story(name, headline, place):
        module = Thing(place=place, photo=None, headline_size=30.0, headline_lines=None,
                       deck=None, article=Thing(deck="", source=Path(name)), continues=False)
        fit = Thing(frame=(1, 1, 1, 1), article=name, headline=headline, lines_set=40,
                    lines_available=42, overset_text="", continued_from=None,
                    continued_on=None, title_size=28.5)
        return module, fit

    stories = [story("lianbo-20260215-kuaixun.md", "国内联播快讯", Placement(3, 4, 17, 26)),
               story("a.md", "我国海洋生态保护修复取得新成效", Placement(7, 2, 38, 31))]
    report = Thing(modules=[m for m, _ in stories], fits=[f for _, f in stories],
                   made_up={0, 1}, fillers=set(), left_out=[], advice="", holes=[])
    rows = page_rows(report)
    starts = [display_width(line[:line.index(("3+4", "7+2", "place")[n])])
              for n, line in enumerate([rows[1], rows[2], rows[0]])]
    assert len(set(starts)) == 1
    assert "我国海洋生态保护修…" in rows[2]
    assert " 28.5 " in rows[1]              # the size set, not the largest allowed (30)


LONG_JUMP = ROOT / "tests" / "data" / "long-jump"


def test_render_reports_a_made_up_story_overset_where_its_jump_cannot_be_taken(tmp_path):
    """An outside tester's issue: a 13 000-character story may jump to page 2, which has room
    for its own stories only. The story ends on page 1 with its rest overset: render reports
    it in the fit table and on stderr, and exits 1 (it crashed: the table looked the story's
    module up in the issue as listed, where it has no place)."""
    result = broadsheet("render", str(LONG_JUMP), "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    [overset] = [line for line in result.stdout.splitlines() if "↳ overset" in line]
    # neither a depth nor a width the page can give: its 90 lines down to the foot are all
    # it has, and 4 more columns of them hold a third of the rest
    assert "9012 characters" in overset and "lines = " not in overset
    assert overset.endswith("more than the page has below the module: cut the story, or let "
                            "it go on to a later page (jump_to)")
    assert "broadsheet: overset: page 1" in result.stderr and "changwen.md" in result.stderr


def test_render_lists_a_story_no_page_holds_in_the_fit_table_and_says_why(tmp_path):
    """The same story without jump_to: no width holds it on its page, so the make-up leaves it
    out. The fit table gives it a row and the make-up's reason, and stderr says it was left
    out — not 'enlarge the module' (it has none)."""
    folder = shutil.copytree(LONG_JUMP, tmp_path / "issue")
    photo = "realnews/photos/office-tower-facade.jpg"           # the lead's, by ../
    (tmp_path / photo).parent.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / photo, tmp_path / photo)
    manifest = folder / "issue.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("jump_to = 2\n", ""),
                        encoding="utf-8")
    result = broadsheet("render", str(folder), "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 1, result.stderr
    rows = result.stdout.splitlines()
    [row] = [n for n, line in enumerate(rows) if line.split()[1:2] == ["changwen.md"]]
    assert rows[row].split()[:5] == ["1", "changwen.md", "江泽民伟大光辉的一生", "0", "0"]
    assert rows[row + 1].strip().startswith("↳ left out by the make-up, 13")
    assert "no module the page allows holds it" in rows[row + 1]
    [said] = [line for line in result.stderr.splitlines() if "changwen.md" in line]
    assert "left out by the make-up" in said and "enlarge the module" not in said


def test_a_damaged_photo_of_a_story_to_make_up_is_named_not_taken_for_a_misfit(tmp_path):
    """A story's photo that cannot be read: the make-up stops with the photo named (it
    measured every shape of the story as not fitting, left every story of the page out and
    advised jump_to, never naming the photo)."""
    issue = unplaced_copy(ROOT / "issues" / "3144", tmp_path / "3144")
    [photo] = (issue / "photos").glob("*.jpg")
    photo.write_text("not a photo", encoding="utf-8")
    for command in (("make-up", str(issue)), ("render", str(issue), "-o",
                                              str(tmp_path / "out.pdf"))):
        result = broadsheet(*command)
        assert result.returncode == 2, result.stdout
        [line] = result.stderr.splitlines()
        assert f"{photo.name}: cannot read the photo" in line and "fix:" in line
        assert "left out" not in result.stdout


def test_make_up_refuses_hand_placed_modules_that_overlap(tmp_path):
    """Two places given by hand that overlap: the make-up says so as render does, in one line
    naming the field (it took them for a full page, left the unplaced story out and advised
    jump_to)."""
    from test_makeup_rules import eight_page_folder
    folder = eight_page_folder(tmp_path / "issue", """\
number = 3145
date = 2024-01-08
style = "jinzhong"

[[pages]]
number = 1

[[pages.modules]]
article = "doulao-minsheng.md"
place = { column = 1, columns = 4, line = 17, lines = 60 }

[[pages.modules]]
article = "tiyu-lvyou.md"
place = { column = 3, columns = 4, line = 50, lines = 50 }

[[pages.modules]]
article = "ganzai-shichu.md"
""")
    result = broadsheet("make-up", str(folder))
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "issue.toml: pages[0].modules[0].place: overlaps the module of tiyu-lvyou.md — "
        "fix: move or shrink one of them")


def test_widths_beyond_the_style_s_grid_are_refused(tmp_path):
    """`columns = [2, 12]` on an eight-column grid: one line naming the field and the grid
    (an outside tester's was taken without a word)."""
    line = refused_line(tmp_path, "columns = [2, 12]")
    assert ("issue.toml: pages[0].modules[1].columns: columns = [2, 12]: the style's grid has 8 "
            "columns — fix: give widths from 1 to 8") in line
