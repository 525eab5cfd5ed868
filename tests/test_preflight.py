"""Preflight: small PDFs that each break one print rule are caught, a clean PDF/X-1a passes.

The PDFs are made here with ReportLab (as the backend makes them) and finished or broken with
pikepdf; the clean one is a minimal PDF/X-1a:2003 built by hand: CMYK text in an embedded
TrueType subset, trim and bleed boxes, the Info keys and a GTS_PDFX output intent carrying
Ghostscript's CMYK profile.
"""
import io
import json
import subprocess
import sys
import zlib
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from layout.fonts import Face, load_font_book
from layout.read.manifest import load_issue
from layout.page.compose import StoryFit
from layout.inspect.findings import Finding, exit_code, report
from layout.inspect.preflight import preflight
from layout.style import load_style

ROOT = Path(__file__).resolve().parents[1]
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
RGB_PROFILE = Path("/usr/share/color/icc/ghostscript/srgb.icc")
MM = 72 / 25.4
TRIM_W, TRIM_H = 150 * MM, 200 * MM
BLEED, SLUG = 3 * MM, 10 * MM
MARGIN = BLEED + SLUG
FONT = "PreflightTestKai"
TEXT = "新年新气象"


@pytest.fixture(scope="module")
def font(truetype_font) -> str:
    """A TrueType subset of a CJK face (LXGW WenKai), registered once."""
    return truetype_font(FONT, "kai", TEXT)


def make_pdf(path: Path, draw=None, pages: int = 1, pdfx: bool = True) -> Path:
    """A PDF of `pages` pages of 150 × 200 mm with a 3 mm bleed and black text that overprints,
    `draw(canvas, page)` adding to each page; made PDF/X-1a:2003 with pikepdf if `pdfx`."""
    pdf = canvas.Canvas(str(path), pagesize=(TRIM_W + 2 * MARGIN, TRIM_H + 2 * MARGIN),
                        initialFontName=FONT, invariant=1)
    pdf.setTitle("Preflight test")
    for number in range(1, pages + 1):
        pdf.setTrimBox((MARGIN, MARGIN, MARGIN + TRIM_W, MARGIN + TRIM_H))
        pdf.setBleedBox((SLUG, SLUG, SLUG + TRIM_W + 2 * BLEED, SLUG + TRIM_H + 2 * BLEED))
        pdf.saveState()
        pdf.setFillColorCMYK(0, 0, 0, 1)
        pdf.setFillOverprint(True)
        pdf.setOverprintMask(1)
        pdf.setFont(FONT, 9)
        pdf.drawString(MARGIN + 10 * MM, MARGIN + TRIM_H - 20 * MM, TEXT)
        pdf.restoreState()
        if draw is not None:
            draw(pdf, number)
        pdf.showPage()
    pdf.save()
    if pdfx:
        with pikepdf.open(path, allow_overwriting_input=True) as document:
            make_pdfx(document)
            document.save(path, force_version="1.4")
    return path


def make_pdfx(document: pikepdf.Pdf) -> None:
    info = document.docinfo
    info["/GTS_PDFXVersion"] = "PDF/X-1:2003"
    info["/GTS_PDFXConformance"] = "PDF/X-1a:2003"
    info["/Trapped"] = pikepdf.Name("/False")
    profile = pikepdf.Stream(document, CMYK_PROFILE.read_bytes())
    profile["/N"] = 4
    document.Root["/OutputIntents"] = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier="Custom", OutputCondition="Ghostscript default CMYK",
        Info="Ghostscript default CMYK", RegistryName="http://www.color.org",
        DestOutputProfile=document.make_indirect(profile))])


def change(path: Path, edit) -> Path:
    """Edit a made PDF with pikepdf (`edit(document)`) and save it over itself."""
    with pikepdf.open(path, allow_overwriting_input=True) as document:
        edit(document)
        document.save(path)
    return path


def image_stream(document, mode: str, size: tuple[int, int], value, **keys) -> pikepdf.Stream:
    """An image XObject of one flat colour, Flate-compressed."""
    im = Image.new(mode, size, value)
    spaces = {"CMYK": pikepdf.Name.DeviceCMYK, "RGB": pikepdf.Name.DeviceRGB,
              "L": pikepdf.Name.DeviceGray}
    stream = pikepdf.Stream(document, zlib.compress(im.tobytes()))
    stream["/Type"] = pikepdf.Name.XObject
    stream["/Subtype"] = pikepdf.Name.Image
    stream["/Width"], stream["/Height"] = size
    stream["/BitsPerComponent"] = 8
    stream["/ColorSpace"] = keys.pop("ColorSpace", spaces[mode])
    stream["/Filter"] = pikepdf.Name.FlateDecode
    for key, value in keys.items():
        stream["/" + key] = value
    return stream


def draw_on(document, page_index: int, content: bytes, xobjects: dict) -> None:
    page = document.pages[page_index]
    if "/Resources" not in page.obj:
        page.obj["/Resources"] = pikepdf.Dictionary()
    if "/XObject" not in page.obj.Resources:
        page.obj.Resources["/XObject"] = pikepdf.Dictionary()
    for name, stream in xobjects.items():
        page.obj.Resources.XObject[name] = document.make_indirect(stream)
    page.contents_add(pikepdf.Stream(document, content))


def found(findings, severity, check, page=None, obj=None, text=None) -> list[Finding]:
    return [f for f in findings if f.severity == severity and f.check == check
            and (page is None or f.page == page) and (obj is None or obj in f.obj)
            and (text is None or text in f.message)]


def problems(findings) -> list[Finding]:
    return [f for f in findings if f.severity in ("error", "warning")]


# ------------------------------------------------------------------------------ the clean case

def test_a_minimal_pdfx_1a_is_clean(tmp_path, font):
    path = make_pdf(tmp_path / "clean.pdf", pages=2)
    findings = preflight(path)
    assert findings == [], report(findings)
    assert exit_code(findings) == 0
    with pikepdf.open(path) as document:          # it really is what the checks look at
        assert document.pdf_version == "1.4"
        font_dict = next(iter(document.pages[0].Resources.Font.values()))
        assert "/FontFile2" in font_dict.FontDescriptor and "/ToUnicode" in font_dict


# ------------------------------------------------------------------------------ one rule broken

def test_rgb_text_is_a_colour_error_on_its_page(tmp_path, font):
    def draw(pdf, page):
        if page == 2:
            pdf.setFillColorRGB(1, 0, 0)
            pdf.setFont(FONT, 9)
            pdf.drawString(MARGIN + 10 * MM, MARGIN + 30 * MM, TEXT)
    findings = preflight(make_pdf(tmp_path / "rgb-text.pdf", draw, pages=2))
    errors = found(findings, "error", "colour", page=2, obj="DeviceRGB")
    assert len(errors) == 1 and "rg" in errors[0].message, report(findings)
    assert problems(findings) == errors
    assert exit_code(findings) == 1
    # PDF/X-4 takes colour-managed RGB, not device RGB
    x4 = preflight(tmp_path / "rgb-text.pdf", standard="PDF/X-4")
    assert found(x4, "error", "colour", page=2, obj="DeviceRGB")


def test_an_rgb_image_is_an_image_error(tmp_path, font):
    def draw(pdf, page):            # 200 px placed 20 mm wide: 254 ppi, only the colour is wrong
        pdf.drawImage(ImageReader(Image.new("RGB", (200, 200), (200, 30, 30))),
                      MARGIN + 20 * MM, MARGIN + 20 * MM, width=20 * MM, height=20 * MM)
    findings = preflight(make_pdf(tmp_path / "rgb-image.pdf", draw))
    errors = found(findings, "error", "images", page=1, text="DeviceRGB")
    assert len(errors) == 1 and errors[0].obj.startswith("/") and "(obj " in errors[0].obj
    assert problems(findings) == errors, report(findings)


def test_icc_based_rgb_is_an_error_in_x1a_and_allowed_in_x4(tmp_path, font):
    def edit(document):
        profile = pikepdf.Stream(document, RGB_PROFILE.read_bytes())
        profile["/N"] = 3
        space = pikepdf.Array([pikepdf.Name.ICCBased, document.make_indirect(profile)])
        image = image_stream(document, "RGB", (300, 300), (20, 120, 200), ColorSpace=space)
        draw_on(document, 0, b"q 72 0 0 72 100 100 cm /Im7 Do Q", {"/Im7": image})
    path = change(make_pdf(tmp_path / "icc-rgb.pdf"), edit)
    x1a = preflight(path)
    assert found(x1a, "error", "images", page=1, obj="/Im7", text="ICCBased RGB"), report(x1a)
    x4 = preflight(path, standard="PDF/X-4")
    assert not found(x4, "error", "images"), report(x4)
    assert found(x4, "error", "pdfx", obj="XMP")          # X-4 is identified in XMP


def test_a_minimal_pdfx_4_with_icc_based_rgb_is_clean(tmp_path, font):
    """PDF/X-4: PDF 1.6, identified in XMP (dates and title there too), colour-managed RGB."""
    def edit(document):
        profile = pikepdf.Stream(document, RGB_PROFILE.read_bytes())
        profile["/N"] = 3
        space = pikepdf.Array([pikepdf.Name.ICCBased, document.make_indirect(profile)])
        image = image_stream(document, "RGB", (300, 300), (20, 120, 200), ColorSpace=space)
        draw_on(document, 0, b"q 72 0 0 72 100 100 cm /Im7 Do Q", {"/Im7": image})
        for key in ("/GTS_PDFXVersion", "/GTS_PDFXConformance"):
            del document.docinfo[key]
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = "Preflight test"
            meta["xmp:CreateDate"] = meta["xmp:ModifyDate"] = "2024-01-06T00:00:00+08:00"
            meta["pdf:Trapped"] = "False"
            meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
            meta["xmpMM:DocumentID"] = "uuid:6c3a0b4e-1f3d-4a59-9d53-7f1e2a0c9b11"
            meta["xmpMM:InstanceID"] = "uuid:0f7e3c2a-5b6d-4e8f-a1b2-c3d4e5f60718"
            meta["xmpMM:VersionID"] = "1"
            meta["xmpMM:RenditionClass"] = "default"
    path = tmp_path / "x4.pdf"
    with pikepdf.open(make_pdf(path)) as document:
        edit(document)
        document.save(tmp_path / "x4-final.pdf", force_version="1.6")
    findings = preflight(tmp_path / "x4-final.pdf", standard="PDF/X-4")
    assert findings == [], report(findings)
    x1a = preflight(tmp_path / "x4-final.pdf")
    assert {f.obj for f in found(x1a, "error", "pdfx")} == {
        "version", "GTS_PDFXVersion", "GTS_PDFXConformance"}, report(x1a)
    assert found(x1a, "error", "images", obj="/Im7")


def test_a_small_image_placed_large_is_a_low_resolution_warning(tmp_path, font):
    def draw(pdf, page):            # 100 × 100 px placed 5 in wide: 20 ppi
        pdf.drawImage(ImageReader(Image.new("L", (100, 100), 128)),
                      MARGIN + 5 * MM, MARGIN + 5 * MM, width=5 * 72, height=5 * 72)
    findings = preflight(make_pdf(tmp_path / "low-ppi.pdf", draw))
    warnings = found(findings, "warning", "images", page=1)
    assert len(warnings) == 1, report(findings)
    assert "20 ppi" in warnings[0].message and "127.0 × 127.0 mm" in warnings[0].message
    assert "100 × 100 px" in warnings[0].message
    assert problems(findings) == warnings
    assert exit_code(findings) == 0                       # warnings alone pass
    assert preflight(tmp_path / "low-ppi.pdf", min_ppi=15) == []


def test_resolution_follows_the_ctm_into_form_xobjects(tmp_path, font):
    """An image drawn 1 in square inside a form scaled 2× by its matrix, the form itself
    scaled 1.5× by the page: 100 px over 3 in, 33 ppi."""
    def edit(document):
        image = image_stream(document, "L", (100, 100), 90)
        form = pikepdf.Stream(document, b"q 72 0 0 72 0 0 cm /Im1 Do Q")
        form["/Type"], form["/Subtype"] = pikepdf.Name.XObject, pikepdf.Name.Form
        form["/BBox"] = pikepdf.Array([0, 0, 72, 72])
        form["/Matrix"] = pikepdf.Array([2, 0, 0, 2, 0, 0])
        form["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(
            Im1=document.make_indirect(image)))
        draw_on(document, 0, b"q 1.5 0 0 1.5 60 60 cm /Fm1 Do Q", {"/Fm1": form})
    findings = preflight(change(make_pdf(tmp_path / "form.pdf"), edit))
    warnings = found(findings, "warning", "images", page=1, obj="/Im1")
    assert len(warnings) == 1 and "33 ppi" in warnings[0].message, report(findings)
    assert "76.2 × 76.2 mm" in warnings[0].message


def test_inline_images_are_checked_too(tmp_path, font):
    """BI … ID … EI: a 10 px RGB image and a 10 px 400 % CMYK one, each 1 in square."""
    def edit(document):
        rgb = bytes([200, 30, 30]) * 100
        cmyk = bytes([255]) * 400
        document.pages[0].contents_add(pikepdf.Stream(
            document, b"q 72 0 0 72 100 100 cm BI /W 10 /H 10 /CS /RGB /BPC 8 ID " + rgb
            + b" EI Q q 72 0 0 72 200 100 cm BI /W 10 /H 10 /CS /CMYK /BPC 8 ID " + cmyk
            + b" EI Q"))
    findings = preflight(change(make_pdf(tmp_path / "inline.pdf"), edit))
    assert found(findings, "error", "images", page=1, obj="inline image 1", text="DeviceRGB")
    assert found(findings, "error", "ink", page=1, obj="inline image 2", text="400%")
    low = found(findings, "warning", "images", page=1, text="10 ppi")
    assert {f.obj for f in low} == {"inline image 1", "inline image 2"}, report(findings)
    assert len(problems(findings)) == 4, report(findings)


def test_rgb_shadings_and_shading_patterns_are_colour_errors(tmp_path, font):
    def edit(document):
        shading = document.make_indirect(pikepdf.Dictionary(
            ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0],
            Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0],
                                        C1=[0, 0, 1], N=1)))
        pattern = pikepdf.Dictionary(PatternType=2, Shading=shading)
        for index in (0, 1):
            document.pages[index].obj.Resources["/Shading"] = pikepdf.Dictionary(Sh1=shading)
            document.pages[index].obj.Resources["/Pattern"] = pikepdf.Dictionary(P1=pattern)
        document.pages[0].contents_add(pikepdf.Stream(document, b"q /Sh1 sh Q"))
        document.pages[1].contents_add(pikepdf.Stream(
            document, b"q /Pattern cs /P1 scn 60 60 100 100 re f Q"))
    findings = preflight(change(make_pdf(tmp_path / "shading.pdf", pages=2), edit))
    assert found(findings, "error", "colour", page=1, obj="DeviceRGB", text="shadings")
    assert found(findings, "error", "colour", page=2, obj="DeviceRGB", text="fills")
    assert len(problems(findings)) == 2, report(findings)


def test_a_400_percent_cmyk_image_is_an_ink_error(tmp_path, font):
    def draw(pdf, page):            # all channels 255, 300 px on 1 in: 300 ppi
        pdf.drawImage(ImageReader(Image.new("CMYK", (300, 300), (255, 255, 255, 255))),
                      MARGIN + 20 * MM, MARGIN + 20 * MM, width=72, height=72)
    findings = preflight(make_pdf(tmp_path / "ink.pdf", draw))
    errors = found(findings, "error", "ink", page=1)
    assert len(errors) == 1 and "400% total ink" in errors[0].message, report(findings)
    assert problems(findings) == errors
    assert preflight(tmp_path / "ink.pdf", max_ink=400) == []


@pytest.mark.parametrize("value, flagged", [(255, True), (0, False), (150, True), (140, False)])
def test_ink_of_cmyk_jpegs_honours_the_adobe_inversion(tmp_path, font, value, flagged):
    """ReportLab writes CMYK JPEGs (Adobe, inverted) with /Decode [1 0 1 0 1 0 1 0]: an
    empty image must read as 0 % and a full one as 400 % (as Ghostscript's inkcov reads them).
    Against a 230 % limit: 150 in every channel is 235 %, over; 140 is 220 %, under."""
    def draw(pdf, page):
        data = io.BytesIO()
        Image.new("CMYK", (300, 300), (value,) * 4).save(data, "JPEG", quality=95)
        data.seek(0)
        pdf.drawImage(ImageReader(data), MARGIN + 20 * MM, MARGIN + 20 * MM, width=72, height=72)
    findings = preflight(make_pdf(tmp_path / f"jpeg-{value}.pdf", draw), max_ink=230)
    assert bool(found(findings, "error", "ink", page=1)) == flagged, report(findings)


def test_a_page_without_trim_box_is_a_boxes_error(tmp_path, font):
    path = change(make_pdf(tmp_path / "no-trim.pdf", pages=2),
                  lambda document: document.pages[1].obj.__delitem__("/TrimBox"))
    findings = preflight(path)
    errors = found(findings, "error", "boxes", page=2, obj="TrimBox")
    assert len(errors) == 1, report(findings)
    assert problems(findings) == errors


def test_a_bleed_other_than_wanted_is_a_boxes_warning(tmp_path, font):
    findings = preflight(make_pdf(tmp_path / "bleed.pdf"), bleed_mm=5)
    warnings = found(findings, "warning", "boxes", page=1, obj="BleedBox")
    assert len(warnings) == 1 and "3.00 / 3.00 / 3.00 / 3.00 mm" in warnings[0].message
    assert problems(findings) == warnings


def test_a_pdf_without_output_intent_and_pdfx_keys_is_a_pdfx_error(tmp_path, font):
    findings = preflight(make_pdf(tmp_path / "plain.pdf", pdfx=False))
    errors = found(findings, "error", "pdfx")
    assert {f.obj for f in errors} >= {"GTS_PDFXVersion", "GTS_PDFXConformance", "OutputIntents"}
    assert all(f.page is None for f in errors)
    assert problems(findings) == errors, report(findings)


def test_wrong_pdfx_identification_and_dates_are_errors(tmp_path, font):
    def edit(document):
        document.docinfo["/GTS_PDFXConformance"] = "PDF/X-1a:2001"
        document.docinfo["/Trapped"] = pikepdf.String("False")
        del document.docinfo["/ModDate"]
        document.Root.OutputIntents[0].DestOutputProfile["/N"] = 3
    findings = preflight(change(make_pdf(tmp_path / "ids.pdf"), edit))
    objs = {f.obj for f in found(findings, "error", "pdfx")}
    assert objs == {"GTS_PDFXConformance", "Trapped", "ModDate", "DestOutputProfile"}, \
        report(findings)


def test_an_unembedded_standard_14_font_is_a_font_error(tmp_path, font):
    def draw(pdf, page):
        pdf.setFont("Helvetica", 10)
        pdf.drawString(MARGIN + 10 * MM, MARGIN + 40 * MM, "Helvetica")
    findings = preflight(make_pdf(tmp_path / "helvetica.pdf", draw))
    errors = found(findings, "error", "fonts", page=1, obj="Helvetica")
    assert len(errors) == 1 and "standard-14" in errors[0].message, report(findings)
    assert problems(findings) == errors


def test_type0_fonts_are_judged_by_their_descendant(tmp_path, font):
    """A CID-keyed (Type0) font: first not embedded at all, then embedded in full without a
    ToUnicode map."""
    def edit(embed):
        def edit(document):
            descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor,
                                            FontName=pikepdf.Name("/SimSun"), Flags=4,
                                            FontBBox=[0, -120, 1000, 880], ItalicAngle=0,
                                            Ascent=880, Descent=-120, CapHeight=700, StemV=80)
            if embed:
                descriptor["/FontFile2"] = document.make_indirect(
                    pikepdf.Stream(document, b"\0\1\0\0 not really a font"))
            cid = pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2,
                BaseFont=pikepdf.Name("/SimSun"), DW=1000,
                CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity",
                                                 Supplement=0),
                FontDescriptor=document.make_indirect(descriptor))
            type0 = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                                       BaseFont=pikepdf.Name("/SimSun"),
                                       Encoding=pikepdf.Name("/Identity-H"),
                                       DescendantFonts=[document.make_indirect(cid)])
            document.pages[0].obj.Resources.Font["/F9"] = document.make_indirect(type0)
            document.pages[0].contents_add(pikepdf.Stream(
                document, b"BT /F9 10 Tf 100 100 Td <00010002> Tj ET"))
        return edit
    bare = preflight(change(make_pdf(tmp_path / "type0.pdf"), edit(False)))
    errors = found(bare, "error", "fonts", page=1, obj="SimSun", text="not embedded")
    assert len(errors) == 1 and problems(bare) == errors, report(bare)
    full = preflight(change(make_pdf(tmp_path / "type0-full.pdf"), edit(True)))
    assert not found(full, "error", "fonts"), report(full)
    assert found(full, "warning", "fonts", page=1, obj="SimSun", text="not as a subset")
    assert found(full, "warning", "fonts", page=1, obj="SimSun", text="ToUnicode")
    assert len(problems(full)) == 2, report(full)


def test_transparency_is_a_pdfx_1a_error(tmp_path, font):
    def draw(pdf, page):
        pdf.setFillColorCMYK(0, 1, 0, 0)
        pdf.setFillAlpha(0.5)
        pdf.rect(MARGIN + 10 * MM, MARGIN + 10 * MM, 20 * MM, 20 * MM, fill=1, stroke=0)
    findings = preflight(make_pdf(tmp_path / "alpha.pdf", draw))
    errors = found(findings, "error", "pdfx", page=1, text="ca 0.5")
    assert len(errors) == 1, report(findings)
    assert problems(findings) == errors


def test_rich_black_small_text_and_over_limit_colour(tmp_path, font):
    def draw(pdf, page):
        pdf.setFillColorCMYK(0.5, 0.4, 0.4, 1)          # 230 %: under the limit, but 4 plates
        pdf.setFont(FONT, 8)
        pdf.drawString(MARGIN + 10 * MM, MARGIN + 50 * MM, TEXT)
        pdf.setFillColorCMYK(1, 1, 1, 1)                # 400 % on the page
        pdf.rect(MARGIN + 10 * MM, MARGIN + 10 * MM, 20 * MM, 20 * MM, fill=1, stroke=0)
        pdf.rect(2, 2, 10, 10, fill=1, stroke=0)        # …and in the slug, like marks: not ink
    findings = preflight(make_pdf(tmp_path / "rich.pdf", draw))
    warning = found(findings, "warning", "colour", page=1, text="rich black small text")
    assert len(warning) == 1 and "8.0 pt" in warning[0].message, report(findings)
    ink = found(findings, "error", "ink", page=1)
    assert len(ink) == 1 and ink[0].obj == "C100 M100 Y100 K100", report(findings)
    assert len(problems(findings)) == 2


def test_overset_stories_and_substituted_glyphs(tmp_path, font):
    fit = StoryFit(page=2, article="maoding-mubiao.md", headline="锚定目标", lines_set=40,
                   lines_available=40, overset_text="实干前行再创佳绩")
    face = Face(name="serif", path=Path("/x/NotoSerifCJK-Regular.ttc"), index=2,
                family="Noto Serif CJK SC")
    findings = preflight(make_pdf(tmp_path / "clean.pdf"), fits=[fit],
                         substitutions={("kai", "龘"): face})
    assert [(f.severity, f.check, f.page, f.obj) for f in findings] == [
        ("error", "overset", 2, "maoding-mubiao.md"), ("warning", "glyphs", None, "U+9F98")]
    assert "8 characters" in findings[0].message and "锚定目标" in findings[0].message
    assert findings[1].message == ("U+9F98 '龘' is missing from the kai font; "
                                   "set in Noto Serif CJK SC")


def test_report_groups_by_severity_and_counts(tmp_path, font):
    findings = [Finding("warning", "images", 1, "/Im0 (obj 4)", "image is 57 ppi"),
                Finding("error", "fonts", 2, "Helvetica", "not embedded"),
                Finding("error", "pdfx", None, "OutputIntents", "no output intent"),
                Finding("info", "colour", 1, "K100 text", "does not overprint")]
    text = report(findings)
    assert text.index("ERRORS (2)") < text.index("WARNINGS (1)") < text.index("NOTES (1)")
    assert text.index("not embedded") < text.index("57 ppi")
    assert text.rstrip().splitlines()[-1] == "2 errors, 1 warning"
    assert report([]).rstrip().splitlines()[-1] == "0 errors, 0 warnings"
    assert exit_code(findings) == 1 and exit_code(findings[:1]) == 0


def test_an_unreadable_file_is_an_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"not a pdf")
    findings = preflight(path)
    assert len(findings) == 1 and findings[0].severity == "error"


# ------------------------------------------------------------------------------ the sample issue

RENDER = """
import json, sys
from pathlib import Path
from layout.render import render
result = render(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({
    "fits": [[f.page, f.article, f.headline, f.overset_text] for f in result.fits],
    "substitutions": [[role, char, face.family or face.name]
                      for (role, char), face in result.substitutions.items()]}))
"""


def test_the_sample_issue_preflights(tmp_path):
    """The sample render, preflighted against its style's print settings (standard, ppi,
    ink, bleed).

    Until the backend writes PDF/X this only prints the report. Then: no errors and no
    warnings (the photo reaches 170 ppi at its printed size; tests for the low-resolution
    warning make their own PDFs).
    """
    path = tmp_path / "3144.pdf"
    done = subprocess.run([sys.executable, "-c", RENDER, str(ROOT / "issues" / "3144"), str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    rendered = json.loads(done.stdout.splitlines()[-1])
    fits = [SimpleNamespace(page=p, article=a, headline=h, overset_text=o)
            for p, a, h, o in rendered["fits"]]
    substitutions = {(role, char): SimpleNamespace(family=family)
                     for role, char, family in rendered["substitutions"]}
    with pikepdf.open(path) as document:
        info_version = str(document.docinfo.get("/GTS_PDFXVersion", ""))
        xmp_version = ""
        if "/Metadata" in document.Root:
            xmp_version = str(document.open_metadata().get(
                "{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion", ""))
    issue = load_issue(ROOT / "issues" / "3144")
    style = load_style(issue.style, Path(issue.source))
    press = getattr(style, "print", None)           # the style's [print] section
    limits = dict(standard=press.standard, min_ppi=press.min_ppi, max_ink=press.max_ink) \
        if press is not None else {}
    findings = preflight(path, bleed_mm=style.bleed * 25.4 / 72, fits=fits,
                         substitutions=substitutions, **limits)
    print(f"\n{limits}\n{report(findings)}")
    if not (info_version or xmp_version):
        pytest.skip("backend does not write PDF/X yet")
    errors = [f for f in findings if f.severity == "error"]
    assert errors == [], report(findings)
    warnings = [f for f in findings if f.severity == "warning"]
    assert warnings == [], report(findings)
