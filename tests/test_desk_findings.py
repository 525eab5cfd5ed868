"""Findings name what the editor typed (issue 20): the photo file, the article file with line
and column; a manifest's errors all at once; `quality` refuses a PDF it cannot measure."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from layout.sources import locate

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


def test_check_names_a_photo_by_its_file(tmp_path):
    issue = tmp_path / "3144"
    shutil.copytree(ROOT / "issues" / "3144", issue)
    (issue / "fussy.toml").write_text('base = "jinzhong"\n[print]\nmin_ppi = 300\n',
                                      encoding="utf-8")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('style = "jinzhong"',
                                                             'style = "fussy.toml"'),
                    encoding="utf-8")
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
