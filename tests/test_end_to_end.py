"""The sample issue rendered end to end, checked by reading the PDF it produces.

Everything here reads the PDF (pypdf, Poppler's pdffonts/pdftotext/pdfimages, qpdf), never the
composer's own data: the model of the issue is only the expectation.
"""
import dataclasses
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout.inspect.content import PdfGlyph
from layout.inspect.pdftext import PdfLine, extract_lines
from layout.read.manifest import load_issue
from layout.model import Paragraph, Photo, Subhead
from layout.page.module import column_layout
from layout.style import MM, SLUG, load_style
from pdfchecks import check_justification, check_line_breaks, check_text_present

ROOT = Path(__file__).resolve().parents[1]
ISSUE_DIR = ROOT / "issues" / "3144"
MASTHEAD_ITEMS = ("晋中日报", "第3144期", "2024年1月6日", "癸卯年十一月廿五", "星期六", "CN14-0023",
                  "21-22", "每周一、三、五出版", "www.sxjzxw.com", "0354-3111178")


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (scripts/install-system-deps.sh installs it)")
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([tool(args[0]), *args[1:]], capture_output=True, text=True, timeout=120)


def is_han(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3FFFF


def article_texts(article) -> list[str]:
    texts = [article.kicker, article.headline, article.deck, article.byline]
    for block in article.blocks:
        if isinstance(block, (Paragraph, Subhead)):
            texts.append(block.text)
        elif isinstance(block, Photo):
            texts += [block.caption, block.credit]
    return texts


@pytest.fixture(scope="module")
def issue():
    return load_issue(ISSUE_DIR)


@pytest.fixture(scope="module")
def style(issue):
    return load_style(issue.style, ISSUE_DIR)


RENDER = """
import json, sys
from pathlib import Path
from layout.render import render
result = render(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"pages": result.pages, "overset": [f.overset_text for f in result.overset]}))
"""


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    """The sample rendered once, in a fresh interpreter as the CLI does it."""
    path = tmp_path_factory.mktemp("end-to-end") / "3144.pdf"
    done = subprocess.run([sys.executable, "-c", RENDER, str(ISSUE_DIR), str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert path.stat().st_size > 0
    assert result["pages"] == 1                 # one full page: both features, no jump
    assert result["overset"] == []
    return path


@pytest.fixture(scope="module")
def lines(pdf):
    return extract_lines(pdf)


@pytest.fixture(scope="module")
def pdftotext(pdf) -> str:
    done = run("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    assert done.returncode == 0, done.stderr
    return done.stdout


# ------------------------------------------------------------------------- the file itself

def test_every_font_is_an_embedded_unicode_subset(pdf):
    done = run("pdffonts", str(pdf))
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()[2:]         # under the header and its dashes
    assert rows, done.stdout
    for row in rows:
        fields = row.split()
        emb, sub, uni = fields[-5:-2]           # … emb sub uni object-number generation
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+", fields[0]), f"not a subset name: {row}"
        assert "Helvetica" not in row and "Times" not in row and "Courier" not in row, row


def test_page_boxes_have_a_3mm_bleed(pdf, style):
    bleed = 3 * MM
    for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
        assert "/TrimBox" in page and "/BleedBox" in page, f"page {number} lacks a box"
        trim = [float(v) for v in page["/TrimBox"]]
        bleed_box = [float(v) for v in page["/BleedBox"]]
        media = [float(v) for v in page["/MediaBox"]]
        grown = [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
        assert bleed_box == pytest.approx(grown, abs=0.01), (number, trim, bleed_box)
        assert media[0] <= bleed_box[0] and media[1] <= bleed_box[1]
        assert media[2] >= bleed_box[2] and media[3] >= bleed_box[3]
        assert trim[2] - trim[0] == pytest.approx(style.page_width, abs=0.01)    # 390 mm
        assert trim[3] - trim[1] == pytest.approx(style.page_height, abs=0.01)   # 545 mm


def test_the_photo_is_embedded(pdf):
    done = run("pdfimages", "-list", str(pdf))
    assert done.returncode == 0, done.stderr
    images = [row.split() for row in done.stdout.splitlines()[2:]]
    assert len(images) == 1 and images[0][2] == "image", done.stdout
    assert sum(len(page.images) for page in PdfReader(str(pdf)).pages) == 1


def test_qpdf_finds_no_structural_error(pdf):
    done = run("qpdf", "--check", str(pdf))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_photo_is_cmyk_at_the_styles_resolution(pdf):
    """pdfimages sees a CMYK image, at least the style's 170 ppi at the size it is printed."""
    done = run("pdfimages", "-list", str(pdf))
    [row] = [line.split() for line in done.stdout.splitlines()[2:]]
    color, x_ppi, y_ppi = row[5], int(row[12]), int(row[13])
    assert color == "cmyk"
    assert x_ppi >= 170 and y_ppi >= 170


def test_ghostscript_renders_every_page(pdf):
    done = run("gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=nullpage", str(pdf))
    assert done.returncode == 0 and "Error" not in done.stdout + done.stderr, done.stderr


def test_pdfx_1a_keys_and_output_intent(pdf):
    import pikepdf
    with pikepdf.open(pdf) as doc:
        assert doc.pdf_version == "1.4"
        info = doc.docinfo
        assert str(info["/GTS_PDFXVersion"]) == "PDF/X-1:2003"
        assert str(info["/GTS_PDFXConformance"]) == "PDF/X-1a:2003"
        assert info["/Trapped"] == pikepdf.Name("/False")
        assert all(key in info for key in ("/Title", "/CreationDate", "/ModDate"))
        assert "/ID" in doc.trailer
        [intent] = doc.Root.OutputIntents
        assert intent.S == pikepdf.Name("/GTS_PDFX")
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 002"
        assert intent.DestOutputProfile.N == 4
        for page in doc.pages:                  # TrimBox inside BleedBox inside MediaBox
            trim, bleed, media = ([float(v) for v in page[key]]
                                  for key in ("/TrimBox", "/BleedBox", "/MediaBox"))
            assert media[0] <= bleed[0] < trim[0] and trim[2] < bleed[2] <= media[2]


def test_only_cmyk_colour_operators(pdf):
    """Process CMYK (k, K) for everything, but the printer's marks: the registration colour,
    Separation /All (cs/CS and scn/SCN)."""
    import pikepdf
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            spaces = page.Resources.get("/ColorSpace", {})
            stream = pikepdf.parse_content_stream(page)
            operators = {str(op) for _, op in stream}
            assert not operators & {"rg", "RG", "sc", "SC"}
            assert {"k", "K"} <= operators
            for operands, op in stream:
                if str(op) in ("cs", "CS"):
                    space = spaces[operands[0]]
                    assert list(space)[:2] == ["/Separation", "/All"]


# ------------------------------------------------------------------------- the text in it

def test_extraction_agrees_with_pypdf(pdf, lines):
    """Our own content-stream reading gives the same characters, in order, as pypdf's."""
    theirs = "".join("".join(page.extract_text().split()) for page in PdfReader(str(pdf)).pages)
    ours = "".join("".join(line.text.split()) for line in lines)
    assert ours == theirs


def test_article_text_is_all_there(issue, lines):
    assert check_text_present(issue, lines) == []


def test_line_breaking_rules_hold(lines, style):
    assert check_line_breaks(lines, style.body_size) == []


def test_body_lines_are_justified(lines, style, issue):
    """Each module's body lines at its own measure (a 破栏 module's columns are wider)."""
    for module in issue.pages[0].modules:
        place = module.place
        _, measure, _ = column_layout(style, place.column, place.columns, module.text_columns)
        inside = [line for line in lines if line.page == 1 and _in_frame(line, place, style)]
        assert inside
        assert check_justification(inside, measure, body_size=style.body_size,
                                   indent_em=style.indent_em) == []


def _in_frame(line, place, style) -> bool:
    """Whether a PDF line (points from the media box's bottom-left) lies in a module."""
    offset = style.bleed + SLUG
    from_top = style.page_height + 2 * offset - line.y - offset
    left = style.column_x(place.column)
    return (style.line_y(place.line) <= from_top <= style.line_y(place.line + place.lines)
            and left - 1 <= line.x - offset <= left + style.span_width(place.columns))


def test_every_han_character_copies_out_with_pdftotext(issue, pdftotext):
    wanted = Counter(char for page in issue.pages for module in page.modules
                     if not module.continues for text in article_texts(module.article) for char in text if is_han(char))
    have = Counter(char for char in pdftotext if is_han(char))
    assert len(wanted) > 500            # the sample is two full stories
    missing = {char: (n, have[char]) for char, n in wanted.items() if have[char] < n}
    assert not missing, missing


def test_masthead_items_are_in_the_text(pdftotext, lines):
    poppler = "".join(pdftotext.split())
    ours = "".join("".join(line.text.split()) for line in lines)
    for item in MASTHEAD_ITEMS:
        assert item in poppler, f"{item} not in pdftotext output"
        assert item in ours, f"{item} not in the extracted lines"


# ------------------------------------------------------------------------- the checks can fail

PITCH = 13.5
SIZE = 9.0
BODY_FONT = "NotoSerifCJKsc-Regular"


def fake_line(text: str, row: int, x: float = 100.0, spread: bool = True) -> PdfLine:
    """A body line of 9 pt characters at grid row `row`; justified (13 cells) if `spread`."""
    gap = (13 * SIZE - len(text) * SIZE) / (len(text) - 1) if spread and len(text) > 1 else 0.0
    glyphs = tuple(PdfGlyph(char, x + n * (SIZE + gap), SIZE) for n, char in enumerate(text))
    return PdfLine(page=1, x=x, y=1000.0 - row * PITCH, size=SIZE, font=BODY_FONT, text=text,
                   glyphs=glyphs)


def clean_column() -> list[PdfLine]:
    return [fake_line("新年新气象新年新开局新年新", 0), fake_line("气象新开局新年新气象新年新", 1),
            fake_line("开局新气象新年新开局新年新", 2), fake_line("气象。", 3, spread=False)]


def test_fake_clean_column_passes():
    lines = clean_column()
    assert check_line_breaks(lines, SIZE) == []
    assert check_justification(lines, 13 * SIZE, body_size=SIZE) == []


def test_line_break_check_reports_a_comma_at_line_start_and_a_split_number():
    lines = [fake_line("新年新气象新年新开局新年新", 0), fake_line("，气象新开局新年新气象新年", 1),
             fake_line("开局新气象新年新开局年20", 2), fake_line("24年。", 3, spread=False)]
    problems = check_line_breaks(lines, SIZE)
    assert any("starts with '，'" in p for p in problems), problems
    assert any("number split" in p and "年20' | '24年" in p for p in problems), problems
    assert len(problems) == 2, problems


def test_line_break_check_reports_dash_latin_and_line_end_faults():
    lines = [fake_line("新年新气象新年新开局新年—", 0), fake_line("—气象新开局新年新气象www.sx", 1),
             fake_line("jzxw新年新开局新年新开（", 2), fake_line("局。", 3, spread=False)]
    problems = check_line_breaks(lines, SIZE)
    assert any("dash split" in p for p in problems), problems
    assert any("URL split" in p for p in problems), problems
    assert any("ends with '（'" in p for p in problems), problems


def test_line_break_check_compares_only_lines_of_one_paragraph():
    """A digit ending one paragraph and a digit starting the next (indented) are no split; nor
    are lines that are not one grid line apart."""
    end_of_paragraph = fake_line("气象新开局新年2023", 1, spread=False)
    new_paragraph = fake_line("2024新年新开局新年新", 2, x=100 + 2 * SIZE)
    far_below = fake_line("2024新年新开局新年新开局新", 5)
    lines = [fake_line("新年新气象新年新开局新年新", 0), end_of_paragraph, new_paragraph,
             fake_line("开局新气象新年新开局新年新1", 3), far_below]
    assert check_line_breaks(lines, SIZE) == []


def test_justification_check_reports_a_short_line_inside_a_paragraph():
    lines = clean_column()
    lines[1] = fake_line("气象新开局新年新气象新年", 1, spread=False)   # 12 cells, not 13
    problems = check_justification(lines, 13 * SIZE, body_size=SIZE)
    assert len(problems) == 1 and "-9.00 pt" in problems[0], problems


def replace_first_paragraph(issue, change):
    page = issue.pages[0]
    module = page.modules[0]
    blocks = list(module.article.blocks)
    index = next(n for n, block in enumerate(blocks) if isinstance(block, Paragraph))
    blocks[index] = Paragraph(change(blocks[index].text))
    article = dataclasses.replace(module.article, blocks=tuple(blocks))
    modules = (dataclasses.replace(module, article=article),) + page.modules[1:]
    return dataclasses.replace(issue, pages=(dataclasses.replace(page, modules=modules),)
                               + issue.pages[1:])


def test_text_check_reports_a_sentence_the_pdf_lacks(issue, lines):
    doctored = replace_first_paragraph(issue, lambda text: text + "这句话不在版面上。")
    problems = check_text_present(doctored, lines)
    assert len(problems) == 2, problems
    assert problems[0].startswith(issue.pages[0].modules[0].article.source.name)
    assert "paragraph 1" in problems[0] and "[这句话不在版面上。" in problems[0]
    assert "句×1 (PDF 0)" in problems[1]         # and its characters are not all there


def test_text_check_reports_a_missing_han_character_and_headline(issue, lines):
    doctored = replace_first_paragraph(issue, lambda text: text[:5] + "龘" + text[5:])
    module = doctored.pages[0].modules[0]
    article = dataclasses.replace(module.article, headline="锚定目标 实干前行")
    doctored = dataclasses.replace(doctored, pages=(dataclasses.replace(
        doctored.pages[0], modules=(dataclasses.replace(module, article=article),)
        + doctored.pages[0].modules[1:]),))
    problems = check_text_present(doctored, lines)
    assert any("paragraph 1, character 6" in p for p in problems), problems
    assert any("headline '锚定目标实干前行'" in p for p in problems), problems
    assert any("龘×1 (PDF 0)" in p for p in problems), problems


def test_text_check_follows_a_story_across_a_jump_and_notices_a_lost_line():
    from pdfchecks import _in_order
    story = "甲乙丙丁戊己庚辛壬癸"
    drawn = ["甲乙丙", "子丑寅", "丁戊己", "卯辰", "庚辛壬癸"]        # another story between parts
    assert _in_order(story, drawn)
    assert not _in_order(story, ["甲乙丙", "子丑寅", "庚辛壬癸"])       # 丁戊己 lost at the jump
    assert not _in_order(story, ["甲乙丙", "庚辛壬癸", "丁戊己"])       # parts out of order
