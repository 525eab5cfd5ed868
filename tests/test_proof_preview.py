"""Galley proofs and page previews, run as the desk runs them."""
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

from layout.read.manifest import load_issue
from layout.model import Paragraph

ROOT = Path(__file__).resolve().parent.parent


def broadsheet(*args):
    return subprocess.run([sys.executable, "-m", "layout.cli", *args], cwd=ROOT,
                          capture_output=True, text=True)


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True).stdout


def test_galley_proof_numbers_the_lines_and_counts_the_characters(tmp_path):
    done = broadsheet("proof", "issues/3144", "maoding-mubiao.md", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    [pdf] = tmp_path.glob("*.pdf")
    text = pdftotext(pdf)
    article = load_issue(ROOT / "issues" / "3144").pages[0].modules[0].article
    characters = sum(len("".join(b.text.split())) for b in article.blocks
                     if isinstance(b, Paragraph))
    assert f"正文 {characters} 字" in text
    assert "锚定目标 实干笃行" in text and "记者 闫淑娟" in text and "山间茶园" in text
    flat = "".join(text.split())
    assert "1冬至阳生，岁月律转，我" in flat            # line 1, as it breaks on the page
    assert "治党 and" in text                   # spaces between words are shown as typed


def test_a_brief_of_the_pool_gets_its_galley_marked_as_on_no_page(sample_with_a_brief, tmp_path):
    issue = sample_with_a_brief
    done = broadsheet("proof", str(issue), "kuaixun-20260122-1.md", "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    [pdf] = (tmp_path / "out").glob("*.pdf")
    text = "".join(pdftotext(pdf).split())
    assert "补白（备用）" in text and "2026年高考全国统考于6月7日开始举行" in text


def test_proof_of_an_unknown_article_is_a_clear_error(tmp_path):
    done = broadsheet("proof", "issues/3144", "nope.md", "-o", str(tmp_path))
    assert done.returncode == 2 and "maoding-mubiao.md" in done.stderr


def test_preview_writes_every_page_and_a_contact_sheet(tmp_path):
    done = broadsheet("preview", "issues/3144", "-o", str(tmp_path), "--dpi", "20")
    assert done.returncode == 0, done.stderr
    pages = sorted(tmp_path.glob("3144-page-*.png"))
    assert len(pages) == 1                    # the sample is one page
    with Image.open(pages[0]) as page, Image.open(tmp_path / "contact-sheet.png") as sheet:
        assert page.width == round(1179.2 * 20 / 72)
        assert sheet.width >= 300
    assert done.stderr == ""                  # no progress chatter when not a terminal


def test_preview_marks_the_low_resolution_photo_only_when_asked(tmp_path):
    red = (220, 0, 0)

    def reds(path):
        with Image.open(path) as image:
            return sum(n for n, c in image.convert("RGB").getcolors(1 << 24) if c == red)

    broadsheet("preview", "issues/3144", "-o", str(tmp_path / "sample"), "--dpi", "30",
               "--marks")
    assert reds(tmp_path / "sample" / "3144-page-1.png") == 0       # its photo is 170+ ppi
    issue = tmp_path / "issue"          # the sample with a 640-pixel photo in its place
    shutil.copytree(ROOT / "issues" / "3144", issue)
    shutil.copy(ROOT / "tests" / "data" / "eight-page" / "photos" / "rocket.jpg",
                issue / "photos" / "tea-garden.jpg")
    broadsheet("preview", str(issue), "-o", str(tmp_path / "plain"), "--dpi", "30")
    broadsheet("preview", str(issue), "-o", str(tmp_path / "marked"), "--dpi", "30", "--marks")
    assert reds(tmp_path / "plain" / "3144-page-1.png") == 0
    assert reds(tmp_path / "marked" / "3144-page-1.png") > 50
