"""Predictable paths (issue 20): `-o DIR/` is a folder, nothing is written where the user did
not ask, errors come before any table, and the fit table says what a desk needs."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from layout.commands.fittable import clip, display_width, row

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "vertical"      # one page, one story: quick to render


def broadsheet(*args, cwd):
    return subprocess.run([sys.executable, "-m", "layout.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


@pytest.fixture
def small(tmp_path) -> Path:
    issue = tmp_path / "issue"
    shutil.copytree(SMALL, issue)
    return issue


def files_under(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def test_output_with_a_trailing_slash_is_a_new_folder(small, tmp_path):
    result = broadsheet("render", small, "-o", "newdir/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "newdir").is_dir() and (tmp_path / "newdir" / "2.pdf").is_file()
    assert "newdir/2.pdf: 1 page(s)" in result.stdout


def test_output_naming_an_existing_folder_writes_into_it(small, tmp_path):
    (tmp_path / "pdfs").mkdir()
    result = broadsheet("render", small, "-o", "pdfs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert files_under(tmp_path / "pdfs") == {"2.pdf"}


def test_errors_come_before_any_table(tmp_path):
    result = broadsheet("render", "no-such-issue", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("broadsheet: error: no-such-issue")


def test_an_unwritable_output_is_said_before_any_table(small, tmp_path):
    (tmp_path / "afile").write_text("x")
    result = broadsheet("render", small, "-o", "afile/sub/x.pdf", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "it is a file" in result.stderr and "-o" in result.stderr


@pytest.mark.parametrize("command", ["check", "quality"])
def test_check_and_quality_write_nothing_into_the_current_folder(small, tmp_path, command):
    work = tmp_path / "work"
    work.mkdir()
    before = files_under(small)
    result = broadsheet(command, small, cwd=work)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr
    assert files_under(work) == set() and files_under(small) == before
    assert "issue 2" in result.stdout          # named by the issue, not by a temporary file


def test_check_keeps_the_pdf_only_where_asked(small, tmp_path):
    result = broadsheet("check", small, "-o", "kept/", cwd=tmp_path)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr
    assert files_under(tmp_path / "kept") == {"2.pdf"}


def test_preview_leaves_no_pdf_and_render_preview_uses_the_same_folder(small, tmp_path):
    result = broadsheet("preview", small, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert files_under(tmp_path / "out") == {"2-preview/2-page-1.png",
                                              "2-preview/contact-sheet.png"}
    shutil.rmtree(tmp_path / "out")
    result = broadsheet("render", small, "--preview", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert files_under(tmp_path / "out") == {"2.pdf", "2-preview/2-page-1.png"}
    result = broadsheet("preview", small, "-o", "pngs", cwd=tmp_path)
    assert not any(name.endswith(".pdf") for name in files_under(tmp_path / "pngs"))


# ------------------------------------------------------------------------------------------
# The fit table

def test_display_width_counts_wide_characters_twice():
    assert display_width("锚定目标 实干笃行") == 17
    assert display_width("《人民日报》") == 12 and display_width("“两会”") == 6
    assert display_width("ab") == 2


def test_table_rows_align_with_chinese_quotes_and_long_headlines():
    headlines = ["锚定目标 实干笃行", "“三农”工作：坚定信心 奋楫前行，推动高质量发展再上新台阶",
                 "Latin headline", "（上接第1版）《人民日报》评论"]
    rows = [row(("1", "x.md", headline, "182", "186", "0", "")) for headline in headlines]
    starts = {display_width(line[:line.index("182")]) for line in rows}
    assert len(starts) == 1, rows
    assert clip(headlines[1], 20).endswith("…") and display_width(clip(headlines[1], 20)) <= 20


def overset_copy(small: Path, lines: int) -> Path:
    toml = small / "issue.toml"
    toml.write_text(re.sub(r"lines = \d+", f"lines = {lines}",
                           toml.read_text(encoding="utf-8").replace('headline = "vertical"\n', "")),
                    encoding="utf-8")
    return small


def test_an_overset_story_says_what_is_missing_and_what_would_hold_it(small, tmp_path):
    result = broadsheet("render", overset_copy(small, 14), "-o", "x.pdf", cwd=tmp_path)
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "↳ overset" in line)
    found = re.search(r"(\d+) characters ≈ (\d+) lines? of (\d+) characters missing — "
                      r"lines = (\d+) \(now 14\) would hold it", line)
    assert found, line
    assert int(found[1]) > 0 and int(found[2]) >= int(found[1]) // int(found[3])
    # … and the depth it names does hold it.
    held = broadsheet("render", overset_copy(small, int(found[4])), "-o", "x.pdf", cwd=tmp_path)
    assert held.returncode == 0 and "↳ overset" not in held.stdout, held.stdout


def test_every_photo_shows_its_printed_size_and_ppi(tmp_path):
    issue = tmp_path / "3144"
    shutil.copytree(ROOT / "issues" / "3144", issue)
    result = broadsheet("render", issue, "-o", "x.pdf", cwd=tmp_path)
    found = re.search(r"^photo  page 1  photos/tea-garden\.jpg: printed \d+ × \d+ mm at (\d+) ppi$",
                      result.stdout, re.M)
    assert found and 170 <= int(found[1]) < 300, result.stdout
    (issue / "fussy.toml").write_text('base = "jinzhong"\n[print]\nmin_ppi = 300\n',
                                      encoding="utf-8")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('style = "jinzhong"',
                                                             'style = "fussy.toml"'),
                    encoding="utf-8")
    result = broadsheet("render", issue, "-o", "x.pdf", cwd=tmp_path)
    assert f"at {found[1]} ppi — below the style's minimum 300 ppi" in result.stdout, result.stderr
