"""Nothing drawn outside its module (issue 21): a line wider than its column — an unbreakable
Latin word, URL segment or number, a Latin headline — is overset by width, reported and not
drawn; a photo never reaches past its module."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from layout import display as dl
from layout.errors import BroadsheetError
from layout.fonts import face_metrics
from layout.model import Paragraph, Photo
from layout.page.compose import compose_issue
from layout.render import _problems

from test_page_compose import SENTENCE, article, book, make_issue, module, style  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2     # no place to break
URL = "https://www.example-news-agency.com/2024/01/05/economy/provincial-work-conference.html"
NUMBER = "3141592653589793238462643383279502884197169399375105820974944"


def line_end(item: dl.TextLine) -> float:
    """The right edge of a drawn line: its last glyph's, less the blank half a mark at the
    end of a line gives up (。，」 are set half width there)."""
    char, x, face, scale, _ = item.glyphs[-1]
    return item.x + x + face_metrics(face).advance(char) * item.size * scale / 2


def outside(page: dl.Page, frame) -> list[str]:
    """Text lines of the page that reach outside the rectangle `frame`."""
    x, y, width, height = frame
    return [item.text for item in page.items if isinstance(item, dl.TextLine)
            and x - 0.01 <= item.x <= x + width and y <= item.y <= y + height
            and line_end(item) > x + width + 0.01]


@pytest.mark.parametrize("run", [WORD, NUMBER])
def test_a_run_wider_than_its_column_is_overset_not_drawn(style, book, run):
    text = f"{SENTENCE}报道称，{run}一词引起关注。{SENTENCE}"
    story = module(article(blocks=(Paragraph(text),)), columns=2, lines=40)
    composition = compose_issue(make_issue(story), style, book)
    [fit] = composition.fits
    assert fit.overset and fit.too_wide == (run,)
    page = composition.document.pages[0]
    measure = style.column_chars * style.body_size
    for item in page.items:
        if isinstance(item, dl.TextLine) and item.role == "body":
            assert line_end(item) - item.x <= measure + 0.01, item.text
    assert run not in "".join(item.text for item in page.items if isinstance(item, dl.TextLine))
    assert "一词引起关注" in "".join(item.text for item in page.items
                                 if isinstance(item, dl.TextLine))   # the rest goes on
    [mark] = _problems(composition, style.print.min_ppi, style.print.max_megapixels)
    assert mark.label == "超宽 1 行" and (mark.x, mark.y, mark.width, mark.height) == fit.frame


COMPOUND = "Hong-Kong-Zhuhai-Macao-Bridge-Authority-Administration-Office"


@pytest.mark.parametrize("run", [URL, COMPOUND])
def test_a_long_url_or_compound_breaks_and_stays_in_its_column(style, book, run):
    text = f"详见{run}。{SENTENCE}"
    story = module(article(blocks=(Paragraph(text),)), columns=2, lines=40)
    composition = compose_issue(make_issue(story), style, book)
    [fit] = composition.fits
    assert not fit.overset
    page = composition.document.pages[0]
    measure = style.column_chars * style.body_size
    body = [item for item in page.items if isinstance(item, dl.TextLine) and item.role == "body"]
    assert all(line_end(item) - item.x <= measure + 0.01 for item in body)
    assert run in "".join(item.text for item in body)


def test_a_latin_headline_wider_than_its_module(style, book):
    story = module(article(2, headline="Supercalifragilisticexpialidocious"), columns=2)
    composition = compose_issue(make_issue(story), style, book)
    [fit] = composition.fits
    assert fit.too_wide == ("Supercalifragilisticexpialidocious",)
    assert outside(composition.document.pages[0], fit.frame) == []


def broadsheet(*args):
    return subprocess.run([sys.executable, "-m", "layout.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_render_and_check_report_a_line_too_wide(tmp_path):
    issue = tmp_path / "issue"
    issue.mkdir()
    for source in (ROOT / "tests" / "data" / "vertical").iterdir():
        (issue / source.name).write_bytes(source.read_bytes())
    article_file = issue / "side.md"
    article_file.write_text(article_file.read_text(encoding="utf-8")
                            + f"\n报道称，{WORD}一词引起关注。\n", encoding="utf-8")
    result = broadsheet("render", str(issue), "-o", str(tmp_path / "x.pdf"),
                        "--preview", str(tmp_path / "preview"))
    assert result.returncode == 1, result.stderr
    assert re.search(rf"broadsheet: overset: page 1, \S*side\.md:\d+:\d+: '{WORD[:40]}' is "
                     "wider than its column", result.stderr), result.stderr
    check = broadsheet("check", str(issue), "-o", str(tmp_path / "x.pdf"))
    assert check.returncode == 1
    assert "is wider than its column and is not printed" in check.stdout


def _portrait(tmp_path: Path) -> Path:
    path = tmp_path / "tall.jpg"
    Image.new("RGB", (300, 1200), (90, 120, 160)).save(path)
    return path


def _within(inner, outer) -> bool:
    x, y, width, height = inner
    left, top, frame_width, frame_height = outer
    return (x >= left - 0.01 and y >= top - 0.01 and x + width <= left + frame_width + 0.01
            and y + height <= top + frame_height + 0.01)


@pytest.mark.parametrize("fit", ["fill", "fit"])
def test_a_photo_taller_than_its_module_stays_inside_it(style, book, tmp_path, fit):
    photo = Photo(_portrait(tmp_path), caption="会议现场", credit="记者 摄", fit=fit)
    above = module(article(blocks=(photo, Paragraph(SENTENCE * 3))), columns=4, lines=30)
    below = module(article(2, name="b.md"), line=47, lines=30)
    composition = compose_issue(make_issue(above, below), style, book)
    page = composition.document.pages[0]
    top_fit = composition.fits[0]
    [image] = [item for item in page.items if isinstance(item, dl.Image)]
    assert _within((image.x, image.y, image.width, image.height), top_fit.frame)
    captions = [item for item in page.items if isinstance(item, dl.TextLine)
                and item.role == "caption"]
    assert captions and all(top_fit.frame[1] <= item.y <= top_fit.frame[1] + top_fit.frame[3]
                            for item in captions)
    x, y, width, height = composition.fits[1].frame    # nothing of the photo's story below
    assert not [item for item in page.items if isinstance(item, dl.TextLine)
                and y <= item.y <= y + height and item.role == "caption"]


def test_a_module_too_short_for_its_photo_and_caption_is_an_error(style, book, tmp_path):
    photo = Photo(_portrait(tmp_path), caption="会议现场", credit="记者 摄")
    story = module(article(blocks=(photo, Paragraph(SENTENCE))), columns=4, lines=12)
    with pytest.raises(BroadsheetError) as error:
        compose_issue(make_issue(story), style, book)
    assert error.value.file == "a.md" and error.value.field == "photo tall.jpg"
    assert "needs at least 5 grid lines with its caption" in error.value.message
    assert "grid lines taller" in error.value.fix
