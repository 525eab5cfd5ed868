"""The command line: output, exit status and one-line errors, run as a user would."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def broadsheet(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "layout.cli", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_date_prints_the_masthead_date_line():
    result = broadsheet("date", "2024-01-06")
    assert result.returncode == 0
    assert result.stdout == "2024年1月6日 癸卯年十一月廿五 星期六\n"


def test_date_traditional_month_names():
    assert broadsheet("date", "2024-02-09", "--month-style", "traditional").stdout.strip() \
        == "2024年2月9日 癸卯年腊月三十 星期五"


@pytest.mark.parametrize("args", [("date", "2024-13-01"), ("date", "1850-01-01"),
                                  ("render", "issues/no-such-issue"),
                                  ("render", "issues/3144", "--jobs", "0")])
def test_bad_input_is_one_line_and_exit_2(args):
    result = broadsheet(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("broadsheet: error: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [(), ("render",), ("date",), ("quality",)])
def test_help_on_each_command(command):
    result = broadsheet(*command, "--help")
    assert result.returncode == 0 and "usage: broadsheet" in result.stdout


def test_render_writes_the_pdf_and_a_fit_table(tmp_path):
    pdf = tmp_path / "3144.pdf"
    result = broadsheet("render", "issues/3144", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "maoding-mubiao.md" in result.stdout and "jianding-xinxin.md" in result.stdout


def test_render_defaults_to_out_number_pdf(tmp_path):
    issue = tmp_path / "issue"
    issue.mkdir()
    for f in (ROOT / "tests" / "data" / "vertical").iterdir():
        (issue / f.name).write_bytes(f.read_bytes())
    result = broadsheet("render", str(issue), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "2.pdf").is_file()


def test_overset_is_reported_and_exits_1_unless_allowed(tmp_path, overset_issue):
    issue = overset_issue
    result = broadsheet("render", str(issue), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert re.search(r"broadsheet: overset: page 1, \S*side\.md:\d+:\d+: ", result.stderr)
    assert (tmp_path / "x.pdf").is_file()                  # still written, for the desk to see
    allowed = broadsheet("render", str(issue), "-o", str(tmp_path / "x.pdf"), "--allow-overset")
    assert allowed.returncode == 0


def test_check_passes_the_sample_with_only_the_proofreading_warning(tmp_path):
    result = broadsheet("check", "issues/3144", "-o", str(tmp_path / "3144.pdf"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "proofreading: 0 errors, 1 warning" in result.stdout       # the seed's stray 'and'
    assert "No problems found." in result.stdout                      # the photo is 170+ ppi
    # the last line counts both: the preflight's "0 errors, 0 warnings" is the PDF's alone
    assert result.stdout.rstrip().splitlines()[-1] == (
        "check: 0 errors, 1 warning in all (proofreading and preflight)")
    strict = broadsheet("check", "issues/3144", "-o", str(tmp_path / "3144.pdf"), "--strict")
    assert strict.returncode == 1


def test_check_reports_overset_as_an_error(tmp_path, overset_issue):
    issue = overset_issue
    result = broadsheet("check", str(issue), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and "overset" in result.stdout and "side.md" in result.stdout


def test_an_unwritable_output_is_a_clear_error():
    result = broadsheet("render", "issues/3144", "-o", "/proc/no-such-folder/x.pdf")
    assert result.returncode == 2
    assert "cannot write the PDF" in result.stderr and "internal error" not in result.stderr
