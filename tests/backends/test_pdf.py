"""The PDF backend on a hand-made display list: one line of text, one rule, one photo."""
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from layout import display as dl
from layout.backends.pdf import write_pdf
from layout.inspect.pdftext import extract_lines
from layout.fonts import load_font_book
from layout.style import MM, SLUG

ROOT = Path(__file__).resolve().parents[2]
PHOTO = ROOT / "tests" / "data" / "eight-page" / "photos" / "rocket.jpg"
TEXT = "晋中日报2024年1月6日，网址www.sxjzxw.com。"
WIDTH, HEIGHT, BLEED = 200 * MM, 150 * MM, 3 * MM
SIZE = 12.0
LINE_X, LINE_Y = 20.0, 40.0


@pytest.fixture(scope="module")
def book():
    return load_font_book({"body": "serif"})


def text_line(text: str, book) -> dl.TextLine:
    face = book.face("body")
    metrics = book.metrics(face)
    glyphs, x = [], 0.0
    for char in text:
        glyphs.append(dl.Glyph(char, x, face))
        x += metrics.advance(char) * SIZE
    return dl.TextLine(x=LINE_X, y=LINE_Y, size=SIZE, glyphs=tuple(glyphs))


@pytest.fixture(scope="module")
def written(tmp_path_factory, book):
    line = text_line(TEXT, book)
    rule = dl.Rule(LINE_X, 60.0, WIDTH - LINE_X, 60.0, 0.5)
    image = dl.Image(PHOTO, LINE_X, 80.0, 160.0, 120.0, (0.0, 0.0, 1.0, 1.0))
    page = dl.Page(number=1, width=WIDTH, height=HEIGHT, bleed=BLEED, items=(line, rule, image))
    document = dl.Document(title="测试", pages=(page,))
    path = tmp_path_factory.mktemp("backend") / "tiny.pdf"
    write_pdf(document, path)
    return path, line


def test_the_text_copies_out_exactly(written):
    path, line = written
    page = PdfReader(str(path)).pages[0]
    assert page.extract_text().strip() == TEXT
    [pdf_line] = extract_lines(path)
    assert pdf_line.text == TEXT
    assert pdf_line.size == pytest.approx(SIZE)
    assert pdf_line.font.startswith("NotoSerifCJK")


def test_glyphs_sit_where_the_display_list_puts_them(written):
    """Display list: from the trim box's top-left, y down; PDF: from the media box, y up."""
    path, line = written
    margin = BLEED + SLUG
    [pdf_line] = extract_lines(path)
    assert pdf_line.y == pytest.approx(margin + HEIGHT - LINE_Y, abs=0.01)
    assert [g.x for g in pdf_line.glyphs] == pytest.approx(
        [margin + LINE_X + g.x for g in line.glyphs], abs=0.01)


def test_page_size_is_trim_plus_bleed_and_slug(written):
    path, _ = written
    page = PdfReader(str(path)).pages[0]
    margin = BLEED + SLUG
    media = [float(v) for v in page["/MediaBox"]]
    assert media == pytest.approx([0, 0, WIDTH + 2 * margin, HEIGHT + 2 * margin], abs=0.01)
    assert [float(v) for v in page["/TrimBox"]] == pytest.approx(
        [margin, margin, margin + WIDTH, margin + HEIGHT], abs=0.01)
    assert [float(v) for v in page["/BleedBox"]] == pytest.approx(
        [SLUG, SLUG, SLUG + WIDTH + 2 * BLEED, SLUG + HEIGHT + 2 * BLEED], abs=0.01)


def test_the_rule_and_the_image_are_drawn(written):
    path, _ = written
    reader = PdfReader(str(path))
    page = reader.pages[0]
    assert len(page.images) == 1
    operators = [operator for _, operator in ContentStream(page.get_contents(), reader).operations]
    assert b"m" in operators and b"l" in operators and b"S" in operators
    assert b"Do" in operators
    pdfimages = shutil.which("pdfimages")
    if pdfimages:
        listing = subprocess.run([pdfimages, "-list", str(path)], capture_output=True,
                                 text=True, timeout=60).stdout.splitlines()[2:]
        assert len(listing) == 1


def test_fonts_are_embedded_cff_subsets_with_unicode(written):
    """Noto CJK goes in as its own CFF outlines: a Type 0 font, Identity-H, whose CIDFont
    carries the bare CFF (FontFile3 /CIDFontType0C) and widths for each glyph drawn."""
    path, line = written
    page = PdfReader(str(path)).pages[0]
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert len(fonts) == 1
    font, = fonts
    assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
    assert str(font["/BaseFont"])[7] == "+"                     # AAAAAA+Name: a subset
    assert "/ToUnicode" in font
    cid_font = font["/DescendantFonts"][0].get_object()
    assert cid_font["/Subtype"] == "/CIDFontType0"
    program = cid_font["/FontDescriptor"]["/FontFile3"]
    assert program["/Subtype"] == "/CIDFontType0C"
    assert program.get_data()[:1] == b"\x01"                    # a CFF header: major version 1
    widths = cid_font["/W"]
    assert widths[0] == 1 and len(widths[1]) == len({g.char for g in line.glyphs})


# Regression: ReportLab keeps fonts registered for the process; a second document used to be
# drawn with the first one's character subset.
def test_a_second_document_in_one_process_gets_its_own_characters(written, book, tmp_path):
    other = "癸卯年十一月廿五星期六"        # characters the first document did not use
    page = dl.Page(number=1, width=WIDTH, height=HEIGHT, bleed=BLEED,
                   items=(text_line(other, book),))
    path = tmp_path / "second.pdf"
    write_pdf(dl.Document(title="第二份", pages=(page,)), path)
    assert [line.text for line in extract_lines(path)] == [other]


def test_pdfx_4_option_writes_pdf_1_6_with_xmp(book, tmp_path):
    import pikepdf
    from layout.style import PrintSettings
    page = dl.Page(number=1, width=WIDTH, height=HEIGHT, bleed=BLEED,
                   items=(text_line(TEXT, book),))
    path = tmp_path / "x4.pdf"
    write_pdf(dl.Document(title="X-4", pages=(page,)), path, PrintSettings(standard="PDF/X-4"))
    with pikepdf.open(path) as doc:
        assert doc.pdf_version == "1.6"
        assert doc.open_metadata()["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert "/GTS_PDFXVersion" not in doc.docinfo         # X-4 says it in XMP instead
        assert doc.Root.OutputIntents[0].DestOutputProfile.N == 4


def test_a_missing_output_profile_names_the_package(book, tmp_path):
    from pathlib import Path as P
    from layout.errors import BroadsheetError
    from layout.style import PrintSettings
    page = dl.Page(number=1, width=WIDTH, height=HEIGHT, bleed=BLEED,
                   items=(text_line(TEXT, book),))
    press = PrintSettings(profile=P("/nonexistent/newsprint.icc"))
    with pytest.raises(BroadsheetError, match="scripts/make-newsprint-profile.sh"):
        write_pdf(dl.Document(title="x", pages=(page,)), tmp_path / "x.pdf", press)
    press = PrintSettings(profile=P("/nonexistent/plant.icc"), profile_package="ghostscript")
    with pytest.raises(BroadsheetError, match="apt-get install ghostscript"):
        write_pdf(dl.Document(title="x", pages=(page,)), tmp_path / "x.pdf", press)


def test_a_photo_made_ready_ahead_gives_the_crop_converted_alone(clean_session):
    """Photos are converted whole, ahead, on other cores; the page's crop of that is the crop
    converted by itself, pixel for pixel (the conversion works pixel by pixel)."""
    from PIL import Image as PILImage
    from layout.ahead import photos_ahead
    from layout.backends.pdf import _press_ready
    from layout.color import to_print_cmyk
    from layout.style import PrintSettings
    press = PrintSettings()
    tasks = photos_ahead([PHOTO, PHOTO], press)
    assert len(tasks) == 1                                      # one photo, once
    clean_session.work_ahead(tasks, jobs=2)
    assert photos_ahead([PHOTO], press) == []                   # it is on disk now
    crop = (0.1, 0.2, 0.7, 0.9)
    ready, _ = _press_ready(PHOTO, crop, press)
    with PILImage.open(PHOTO) as source:
        w, h = source.size
        alone = to_print_cmyk(source.crop((round(0.1 * w), round(0.2 * h), round(0.7 * w),
                                           round(0.9 * h))), press.profile, press.max_ink)
    assert ready.size == alone.size and ready.tobytes() == alone.tobytes()


def test_pdfx_4_xmp_carries_the_identity_keys_and_agrees_with_info(book, tmp_path):
    """ISO 15930-7: xmpMM:VersionID and RenditionClass, DocumentID and InstanceID, and the
    title and dates the Info dictionary gives; read back from the file, and preflighted."""
    import pikepdf
    from layout.inspect.preflight import preflight
    from layout.style import PrintSettings
    page = dl.Page(number=1, width=WIDTH, height=HEIGHT, bleed=BLEED,
                   items=(text_line(TEXT, book),))
    path = tmp_path / "x4.pdf"
    write_pdf(dl.Document(title="晋中日报 第3144期 第1版", pages=(page,)), path,
              PrintSettings(standard="PDF/X-4"))
    with pikepdf.open(path) as doc:
        meta = doc.open_metadata()
        info = doc.docinfo
        assert meta["xmpMM:VersionID"] == "1"
        assert meta["xmpMM:RenditionClass"] == "default"
        assert meta["xmpMM:DocumentID"].startswith("uuid:")
        assert meta["xmpMM:InstanceID"].startswith("uuid:")
        assert meta["xmpMM:DocumentID"] != meta["xmpMM:InstanceID"]
        assert meta["dc:title"] == str(info.Title) == "晋中日报 第3144期 第1版"
        assert meta["pdf:Trapped"] == "False" and info.Trapped == "/False"
        created = str(info.CreationDate)        # D:YYYYMMDDHHmmSS…
        iso = created[2:6] + "-" + created[6:8] + "-" + created[8:10] + "T" + created[10:12]
        assert meta["xmp:CreateDate"].startswith(iso)
        assert meta["xmp:ModifyDate"].startswith(iso)
    findings = [f for f in preflight(path, standard="PDF/X-4", bleed_mm=BLEED / (72 / 25.4))
                if f.check == "pdfx"]
    assert findings == []


def test_preflight_finds_an_x4_file_without_the_identity_keys(book, tmp_path):
    import pikepdf
    from layout.inspect.preflight import preflight
    from layout.style import PrintSettings
    page = dl.Page(number=1, width=WIDTH, height=HEIGHT, bleed=BLEED,
                   items=(text_line(TEXT, book),))
    path = tmp_path / "x4.pdf"
    write_pdf(dl.Document(title="X-4", pages=(page,)), path, PrintSettings(standard="PDF/X-4"))
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            del meta["xmpMM:VersionID"]
            del meta["xmpMM:RenditionClass"]
        doc.save(path)
    objects = {f.obj for f in preflight(path, standard="PDF/X-4") if f.check == "pdfx"}
    assert {"xmpMM:VersionID", "xmpMM:RenditionClass"} <= objects


def test_the_backend_uses_no_private_attribute_of_its_libraries():
    """ReportLab and pikepdf through their public APIs only: no `x._name` on anything but the
    backend's own objects (issue 19), so a library's release cannot break it unseen."""
    import ast
    for path in sorted((ROOT / "layout" / "backends").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                    and not node.attr.startswith("__"):
                assert isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"), \
                    f"{path.name}:{node.lineno}: .{node.attr}"
