"""The 四开 tabloid preset: its grid, and the sample's text set on it over two pages."""
import subprocess
import sys
from pathlib import Path

import pytest

import pdfchecks
from layout.inspect import pdftext
from layout.read.manifest import load_issue
from layout.style import MM, load_style

ROOT = Path(__file__).resolve().parents[2]
ISSUE = ROOT / "tests" / "data" / "sikai"


def test_sikai_grid():
    style = load_style("sikai")
    assert (round(style.page_width / MM), round(style.page_height / MM)) == (273, 390)
    assert style.columns == 5 and style.type_width == pytest.approx(74 * 9)
    assert style.top + style.type_height < style.page_height - 10 * MM   # room at the foot
    assert style.type["headline"].size < load_style("duikai").type["headline"].size


@pytest.fixture(scope="module")
def lines(tmp_path_factory):
    pdf = tmp_path_factory.mktemp("sikai") / "sikai.pdf"
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", str(ISSUE), "-o",
                           str(pdf)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return pdftext.extract_lines(pdf)


def test_sample_on_sikai_keeps_every_word_and_rule(lines):
    issue = load_issue(ISSUE)
    assert pdfchecks.check_text_present(issue, lines) == []
    assert pdfchecks.check_line_breaks(lines, 9) == []
    assert pdfchecks.check_justification(lines, 14 * 9) == []
    text = {page: "".join(l.text for l in lines if l.page == page) for page in (1, 2)}
    assert "（下转第2版）" in text[1] and "（上接第1版）" in text[2]
