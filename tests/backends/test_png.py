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


def test_previews_of_every_page_with_the_overset_story_marked(tmp_path):
    issue = tmp_path / "issue"
    issue.mkdir()
    source = ROOT / "tests" / "data" / "vertical"
    for f in source.iterdir():
        (issue / f.name).write_bytes(f.read_bytes())
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text().replace('headline = "vertical"\n', "")
                    .replace("lines = 40", "lines = 14"))
    result = render(issue, tmp_path / "out.pdf", previews=tmp_path / "png")
    assert result.overset
    [png] = result.previews
    assert png.name == "out-page-1.png"
    with Image.open(png) as image:
        assert image.width == round(result_width_pt(tmp_path / "out.pdf") * 50 / 72)
    assert red_pixels(png) > 100                 # the frame and its label
    # the PDF itself carries no mark: a plain rasterisation has no pure red
    plain = write_previews(tmp_path / "out.pdf", tmp_path / "plain")
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
    [png] = write_previews(pdf, tmp_path, dpi=72, marks=(Mark(1, 50, 50, 100, 100, ""),))
    with Image.open(png) as image:
        image = image.convert("RGB")
        assert image.getpixel((46, 100)) == MARK        # left edge, 4 pt outside the box
        assert image.getpixel((100, 100)) != MARK       # inside stays clear
