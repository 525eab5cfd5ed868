"""`quality` reads list items and 破栏 columns as they are set (issue 16): a list item's
lines hung after its marker are one paragraph, a module's columns wider or narrower than the
grid's are columns of their own. Drawn with ReportLab alone, as another tool would draw
them, and on a real page."""
import subprocess
import sys
from pathlib import Path

from layout.inspect import pdftext
from layout.inspect.quality import measure_pdf

ROOT = Path(__file__).resolve().parent.parent
SIZE, PITCH, GUTTER = 9.0, 13.5, 9.0
TEXT = ("随着我国加快推进一刻钟便民生活圈建设扩围升级社区服务焕新提质业态布局更加优化居民"
        "生活更加便利商务部数据显示全国已建成便民生活圈超过一千六百个服务社区居民一亿多人")


class Galley:
    """Justified lines drawn one character an operator, as many tools write them."""

    def __init__(self, path, truetype_font):
        from reportlab.pdfgen import canvas
        self.font = truetype_font("QColumns", "kai", TEXT + "0123456789.（）一二三、，。●")
        self.pdf = canvas.Canvas(str(path), pagesize=(900, 900))
        self.pdf.setFont(self.font, SIZE)

    def line(self, x, y, text, right=None):
        """`text` from x, spread to end at `right` (None: set solid, a last line)."""
        widths = [self.pdf.stringWidth(c, self.font, SIZE) for c in text]
        extra = (right - x - sum(widths)) / (len(text) - 1) if right else 0.0
        for char, width in zip(text, widths):
            self.pdf.drawString(x, y, char)
            x += width + extra

    def marker(self, x, y, text, hang, right, last=False):
        """A list item's line: its marker at x, the text hung at x + hang."""
        self.pdf.drawString(x, y, text[0])
        self.line(x + hang, y, text[1], None if last else right)

    def paragraph(self, x, y, chars, measure, indent=2, lines=None):
        """A paragraph of `TEXT` in a column at x, `chars` a line, first line indented;
        returns the y below it."""
        at, n = 0, 0
        while at < len(TEXT) and (lines is None or n < lines):
            take = chars - (indent if n == 0 else 0)
            piece = TEXT[at:at + take]
            last = at + take >= len(TEXT) or (lines is not None and n == lines - 1)
            if last:                                # a last line short of the measure
                piece = piece[:take - 2] + "。"
            self.line(x + (indent * SIZE if n == 0 else 0), y, piece,
                      None if last else x + measure)
            at, n, y = at + take, n + 1, y - PITCH
        return y

    def save(self):
        self.pdf.save()


def test_a_list_item_s_hung_lines_are_one_paragraph(tmp_path, truetype_font):
    path = tmp_path / "list.pdf"
    galley = Galley(path, truetype_font)
    x, right, y = 50.0, 50 + 13 * SIZE, 800.0
    y = galley.paragraph(x, y, 13, 13 * SIZE, lines=4)
    for marker, hang in (("1.", 2), ("2.", 2), ("（一）", 3), ("（二）", 3)):
        text = TEXT[:(13 - hang) * 3 - 4]
        for n in range(3):                          # three lines an item, the last short
            piece = text[n * (13 - hang):(n + 1) * (13 - hang)]
            if n == 0:
                galley.marker(x, y, (marker, piece), hang * SIZE, right)
            else:
                galley.line(x + hang * SIZE, y, piece + ("。" if n == 2 else ""),
                            None if n == 2 else right)
            y -= PITCH
    y = galley.paragraph(x, y, 13, 13 * SIZE, lines=4)      # a paragraph after the list
    galley.save()
    quality = measure_pdf(path, 13 * SIZE, SIZE)
    assert quality.justified_share == 1.0
    assert quality.widows == quality.orphans == quality.continuation_widows == 0
    assert quality.widest_spacing < 0.15          # the marker's blank is not spacing
    lines = pdftext.extract_lines(path)
    flow = pdftext.body_flow(lines, SIZE, None, pdftext.main_font(lines, SIZE))
    assert len(flow.items) == 4
    paragraphs = sum(flow.opens(line) for line in flow.lines)
    assert paragraphs == 2 + 4 and len(flow.pairs) == 3 + 4 * 2 + 3


def test_po_lan_columns_beside_and_below_grid_columns(tmp_path, truetype_font):
    """Three grid columns of 13 characters; below a title, a module of two 20-character
    columns (破栏) across them; beside them a column of 16 characters."""
    path = tmp_path / "polan.pdf"
    galley = Galley(path, truetype_font)
    grid = [50 + k * (13 * SIZE + GUTTER) for k in range(3)]
    for x in grid:
        galley.paragraph(x, galley.paragraph(x, 800, 13, 13 * SIZE, lines=6), 13, 13 * SIZE,
                         lines=4)
    galley.pdf.setFont(galley.font, 24)
    galley.pdf.drawString(50, 800 - 11 * PITCH, "一二三")        # the title between
    galley.pdf.setFont(galley.font, SIZE)
    top = 800 - 14 * PITCH
    for x in (50, 50 + 20 * SIZE + GUTTER + 3):                 # off the grid's edges
        galley.paragraph(x, galley.paragraph(x, top, 20, 20 * SIZE, lines=3), 20, 20 * SIZE,
                         lines=3)
    side = grid[-1] + 13 * SIZE + GUTTER
    galley.paragraph(side, galley.paragraph(side, 800, 16, 16 * SIZE, lines=5), 16, 16 * SIZE,
                     lines=5)
    galley.save()
    quality = measure_pdf(path, 13 * SIZE, SIZE)
    assert quality.justified_share == 1.0
    assert quality.widows == quality.orphans == quality.continuation_widows == 0
    lines = pdftext.extract_lines(path)
    flow = pdftext.body_flow(lines, SIZE, None, pdftext.main_font(lines, SIZE))
    assert len(set(flow.band.values())) == 3 + 2 + 1
    assert sum(flow.opens(line) for line in flow.lines) == 2 * (3 + 2 + 1)


def test_a_real_page_with_po_lan_modules_and_a_table_set_as_paragraphs(tmp_path):
    """tests/data/real-eight-page-b: 破栏 modules of 15- and 16-character columns, a table
    stored one cell a paragraph: every non-final line read as flush, and every line over
    0.25 em one that no setting avoids (a number with its unit after it)."""
    pdf = tmp_path / "b.pdf"
    subprocess.run([sys.executable, "-m", "layout.cli", "render", "tests/data/real-eight-page-b",
                    "-o", str(pdf), "--allow-overset"], cwd=ROOT, check=True,
                   capture_output=True)
    quality = measure_pdf(pdf, 13 * SIZE, SIZE)
    assert quality.justified_share == 1.0 and quality.loose_lines == 0
    assert quality.orphans == 0 and quality.midline_squeezed <= 0.01 * quality.lines
