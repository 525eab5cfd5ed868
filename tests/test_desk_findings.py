"""Findings name what the editor typed (issue 20): the photo file, the article file with line
and column; a manifest's errors all at once; `quality` refuses a PDF it cannot measure."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from layout.commands.sources import locate

ROOT = Path(__file__).resolve().parent.parent


def broadsheet(*args, cwd):
    return subprocess.run([sys.executable, "-m", "layout.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_locate_gives_line_and_column_in_characters(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\nheadline: 标题\n---\n\n第一段，没有它。\n\n第二段里有龘字。\n",
                       encoding="utf-8")
    assert locate(article, "龘") == f"{article}:7:6"
    assert locate(article, "第二段里有龘字。后面的字是合并的段落") == f"{article}:7:1"
    assert locate(article, "不在文中") is None


def fussy_sample(folder: Path, replace=("", "")) -> Path:
    """The sample in `folder`/3144 with a style that wants 300 ppi photos (so its photo is
    low-resolution), and `replace` done in its issue.toml."""
    issue = folder / "3144"
    shutil.copytree(ROOT / "issues" / "3144", issue)
    (issue / "fussy.toml").write_text('base = "jinzhong"\n[print]\nmin_ppi = 300\n',
                                      encoding="utf-8")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('style = "jinzhong"',
                                                             'style = "fussy.toml"')
                    .replace(*replace), encoding="utf-8")
    return issue


def test_check_names_a_photo_by_its_file(tmp_path):
    fussy_sample(tmp_path)
    result = broadsheet("check", "3144", cwd=tmp_path)
    line = next(line for line in result.stdout.splitlines() if "minimum 300 ppi" in line)
    assert re.match(r"\s+images\s+1\s+photos/tea-garden\.jpg\s+image photos/tea-garden\.jpg is "
                    r"\d+ ppi", line), line
    assert "FormXob" not in result.stdout


def test_an_overset_story_is_named_where_its_cut_falls(tmp_path):
    issue = tmp_path / "ov"
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('headline = "vertical"\n', "")
                    .replace("lines = 40", "lines = 15"), encoding="utf-8")
    result = broadsheet("check", "ov", cwd=tmp_path)
    found = re.search(r"overset\s+1\s+ov/side\.md:(\d+):(\d+)\s+story side\.md .*'(.+?)'",
                      result.stdout)
    assert found, result.stdout
    line = (issue / "side.md").read_text(encoding="utf-8").splitlines()[int(found[1]) - 1]
    start = found[3].rstrip("…")
    assert line[int(found[2]) - 1:].startswith(start[:6])
    render = broadsheet("render", "ov", "-o", "x.pdf", cwd=tmp_path)
    assert f"broadsheet: overset: page 1, ov/side.md:{found[1]}:{found[2]}: " in render.stderr


def test_a_manifests_errors_are_reported_together(tmp_path):
    issue = tmp_path / "next"
    shutil.copytree(ROOT / "issues" / "3144", issue)
    toml = issue / "issue.toml"
    text = toml.read_text(encoding="utf-8").replace("date = 2024-01-06", "date = 2024-01-08")
    text = text.replace('article = "maoding-mubiao.md"', 'article = "missing.md"')
    text = text.replace('number = 3144', 'number = 3145\nnumbr = 1')
    toml.write_text(text, encoding="utf-8")
    result = broadsheet("render", "next", "-o", "x.pdf", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert all(line.startswith("broadsheet: error: next/issue.toml: ") for line in lines), lines
    fields = [line.split(": ")[3] for line in lines]
    assert fields == ["numbr", "weekday", "lunar", "pages[0].modules[0].article"], lines
    assert "2024-01-08 is '星期一'" in lines[1] and "癸卯年十一月廿七" in lines[2]


def test_errors_are_capped():
    from layout.errors import BroadsheetError, Problems
    problems = Problems()
    for n in range(50):
        problems.attempt(lambda: (_ for _ in ()).throw(BroadsheetError(f"problem {n}")))
    with pytest.raises(BroadsheetError) as raised:
        problems.raise_any()
    assert len(raised.value.errors) == Problems.LIMIT


def test_quality_refuses_a_pdf_it_cannot_measure(tmp_path):
    proofs = broadsheet("proof", ROOT / "issues" / "3144", "maoding-mubiao.md", "-o", "proofs",
                        cwd=tmp_path)
    assert proofs.returncode == 0, proofs.stderr
    result = broadsheet("quality", "proofs/maoding-mubiao-proof.pdf", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("broadsheet: error: proofs/maoding-mubiao-proof.pdf: cannot "
                                    "be measured: only ")
    page = broadsheet("render", ROOT / "issues" / "3144", "-o", "3144.pdf", cwd=tmp_path)
    assert page.returncode == 0
    measured = broadsheet("quality", "3144.pdf", cwd=tmp_path)
    assert measured.returncode == 0 and "body lines" in measured.stdout
    wrong = broadsheet("quality", "3144.pdf", "--style", "sikai", cwd=tmp_path)
    assert wrong.returncode == 2 and "mostly 13 characters wide, not the 14 × 9 pt measure" \
        in wrong.stderr


def text_in(pdf: Path, spot, offset: float) -> str:
    """The text the PDF draws inside `spot` (points from the trim box's top-left), less the
    margin a spot leaves round what it marks."""
    from layout.commands.desk import SPOT_PAD
    x, y, width, height = spot
    inset = SPOT_PAD + 1
    return subprocess.run(["pdftotext", "-r", "72", "-x", str(round(x + offset + inset)),
                           "-y", str(round(y + offset + inset)),
                           "-W", str(round(width - 2 * inset)),
                           "-H", str(round(height - 2 * inset)), str(pdf), "-"],
                          capture_output=True, text=True).stdout


def test_the_desk_sees_each_finding_at_its_spot(tmp_path):
    """`serve`'s list (layout/commands/desk.py): an overset story at its module, a proofreading
    warning at the very characters it is about, a low-resolution photo at the photo — each
    checked against what the PDF draws there."""
    from layout.commands.desk import desk_findings
    from layout.read.manifest import load_issue
    from layout.render import render
    issue_dir = fussy_sample(tmp_path, ("lines = 35", "lines = 30"))
    result = render(issue_dir, tmp_path / "x.pdf")
    offset = result.style.bleed + result.style.print.slug
    found = desk_findings(load_issue(issue_dir), result)
    kinds = [(f.severity, f.check) for f in found]
    assert kinds[0] == ("overset", "overset") and ("warning", "latin-in-chinese") in kinds
    overset = found[0]
    assert re.fullmatch(rf"{re.escape(str(issue_dir))}/jianding-xinxin\.md:\d+:\d+",
                        overset.where) and overset.page == 1
    assert "坚定信心" in re.sub(r"\s", "", text_in(result.pdf, overset.spot, offset))

    latin = next(f for f in found if f.check == "latin-in-chinese")
    assert latin.where == f"{issue_dir}/maoding-mubiao.md:18:304"
    assert text_in(result.pdf, latin.spot, offset).strip() == "and"

    photo = next(f for f in found if f.check == "images" and "minimum 300 ppi" in f.message)
    assert photo.where == "photos/tea-garden.jpg" and photo.page == 1
    drawn = next(item for item in result.photos if item.path.name == "tea-garden.jpg")
    assert photo.spot == drawn.frame and drawn.frame[2] > 100
    assert any((r.x, r.y, r.width) == drawn.frame[:3] and r.height >= drawn.frame[3]
               for fit in result.fits for r in fit.regions if r.kind == "photo")   # the photo's


def test_a_story_the_make_up_left_out_marks_its_page_and_says_so():
    from layout.commands.desk import overset
    from layout.read.manifest import load_issue
    from layout.page.compose import StoryFit
    issue = load_issue(ROOT / "issues" / "3144")
    left = StoryFit(page=1, article="jianding-xinxin.md", headline="坚定信心 奋楫前行",
                    lines_set=0, lines_available=0, overset_text="一" * 900)
    [found] = overset(issue, [left])
    assert (found.severity, found.check, found.page, found.spot) == \
        ("overset", "left out", 1, None)                    # the whole page is marked
    assert found.where == str(ROOT / "issues" / "3144" / "jianding-xinxin.md")
    assert "left out — the make-up found no room for its 900 characters" in found.message
