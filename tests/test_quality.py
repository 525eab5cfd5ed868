"""The text-quality measures on our own output: the sample issue and the stress article."""
import subprocess
import sys
from pathlib import Path

import pytest

from layout.inspect.quality import measure_pdf

ROOT = Path(__file__).resolve().parent.parent


def render(issue: Path, pdf: Path) -> Path:
    # A fresh interpreter per render, as the CLI runs.
    subprocess.run([sys.executable, "-m", "layout.cli", "render", str(issue), "-o", str(pdf)],
                   check=True, cwd=ROOT, capture_output=True)
    return pdf


@pytest.fixture(scope="module", params=["issues/3144", "tests/data/stress"])
def quality(request, tmp_path_factory):
    pdf = render(ROOT / request.param, tmp_path_factory.mktemp("q") / "out.pdf")
    return measure_pdf(pdf, 13 * 9, 9)


def test_no_prohibited_line_starts_or_ends(quality):
    assert quality.prohibited_starts == 0 and quality.prohibited_ends == 0


def test_every_non_final_line_is_flush(quality):
    assert quality.justified_share == 1.0


def test_no_paragraph_ends_on_a_lone_character(quality):
    assert quality.orphans == 0


def test_every_body_baseline_is_on_the_grid(quality):
    assert quality.off_grid == 0


def test_spacing_stays_even(quality):
    assert quality.spacing_step < 0.1 and quality.spacing_sd < 0.2
    assert quality.lines > 40


def test_the_measure_sees_bad_text(tmp_path, truetype_font):
    """A ragged, badly broken galley must score badly: the measure is not blind."""
    from reportlab.pdfgen import canvas
    truetype_font("QBad", "kai", "，这一行以逗号开头而且不齐“" + "这是一个段落的首行文字字")
    path = tmp_path / "bad.pdf"
    pdf = canvas.Canvas(str(path), initialFontName="QBad")
    lines = ["　　这是一个段落的首行文字", "，这一行以逗号开头而且", "不齐“", "字"]
    for n, line in enumerate(lines):
        pdf.setFont("QBad", 9)
        pdf.drawString(50, 700 - n * 13.5, line.replace("　", ""))
    pdf.save()
    quality = measure_pdf(path, 117, 9)
    assert quality.prohibited_starts >= 1 and quality.prohibited_ends >= 1
    assert quality.justified_share < 1.0


def test_no_column_starts_with_a_paragraphs_last_line(quality):
    assert quality.widows == 0
