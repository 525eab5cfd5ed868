"""PNG previews: one image per page, overset stories framed in red on the preview only."""
from pathlib import Path

from PIL import Image

from layout.backends.png import MARK, Mark, write_previews
from layout.render import render

ROOT = Path(__file__).resolve().parents[2]


def red_pixels(path: Path) -> int:
    with Image.open(path) as image:
        counts = image.convert("RGB").getcolors(maxcolors=1 << 24)
    return sum(n for n, color in counts if color == MARK)


def test_previews_of_every_page_with_the_overset_story_marked(tmp_path, overset_issue):
    issue = overset_issue
    result = render(issue, tmp_path / "out.pdf", previews=tmp_path / "png")
    assert result.overset
    [png] = result.previews
    assert png.name == "out-page-1.png"
    with Image.open(png) as image:
        assert image.width == round(result_width_pt(tmp_path / "out.pdf") * 50 / 72)
    assert red_pixels(png) > 100                 # the frame and its label
    # the PDF itself carries no mark: a plain rasterisation has no pure red
    plain = write_previews(tmp_path / "out.pdf", tmp_path / "plain", pages=1)
    assert red_pixels(plain[0]) == 0


def result_width_pt(pdf: Path) -> float:
    from pypdf import PdfReader
    return float(PdfReader(str(pdf)).pages[0].mediabox.width)


def test_a_mark_is_drawn_where_it_is_asked(tmp_path):
    from reportlab.pdfgen import canvas
    pdf = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(200, 200))
    c.showPage()
    c.save()
    [png] = write_previews(pdf, tmp_path, dpi=72, marks=(Mark(1, 50, 50, 100, 100, ""),),
                           pages=1)
    with Image.open(png) as image:
        image = image.convert("RGB")
        assert image.getpixel((46, 100)) == MARK        # left edge, 4 pt outside the box
        assert image.getpixel((100, 100)) != MARK       # inside stays clear


def test_a_rerender_rasterises_only_the_pages_that_changed(tmp_path, monkeypatch):
    from layout.render import render as render_issue
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704470400")     # the slug's time stays put
    issue = tmp_path / "issue"
    import shutil
    shutil.copytree(ROOT / "tests" / "data" / "sikai", issue)     # two pages
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("../../../issues/3144/", ""),
                    encoding="utf-8")
    for name in ("maoding-mubiao.md", "jianding-xinxin.md"):
        shutil.copy(ROOT / "issues" / "3144" / name, issue / name)
    shutil.copytree(ROOT / "issues" / "3144" / "photos", issue / "photos")
    first = render_issue(issue, tmp_path / "a.pdf", tmp_path / "png")
    stamps = [p.stat().st_mtime_ns for p in first.previews]
    article = issue / "jianding-xinxin.md"                    # only page 2 carries it
    article.write_text(article.read_text(encoding="utf-8").replace("岁序更替", "岁序更替，"),
                       encoding="utf-8")
    second = render_issue(issue, tmp_path / "a.pdf", tmp_path / "png",
                          previous_keys=first.page_keys)
    assert second.page_keys[1] != first.page_keys[1]
    assert second.page_keys[0] == first.page_keys[0]
    assert second.previews[1].stat().st_mtime_ns != stamps[1]      # page 2 drawn again
    assert second.previews[0].stat().st_mtime_ns == stamps[0]      # page 1 kept
