"""What real pages carry (issue 14), checked from the PDF: the test issue tests/data/pagecarry
carries a 通栏 PDF ad, a 报眼 ad, the logo masthead, a framed and tinted module with a reversed
headline bar, a picture module of three photos and a story with a photo the text runs round.

The page's content stream is read with pikepdf (page level: what Broadsheet itself draws; the
ads' own content stays inside their Form XObjects) following q/Q, cm and the fill colour."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from layout.inspect.content import ContentReader
from layout.inspect.pdftext import extract_lines
from layout.fonts import load_font_book
from layout.read.manifest import load_issue
from layout.model import Ad, PictureModule, Placement
from layout.page.ads import ad_items
from layout.page.fixed import ear_slot, slot
from layout.page.grid import EM_BOX_CENTRE
from layout.inspect.preflight import preflight
from layout.render import render
from layout.style import load_style

ROOT = Path(__file__).resolve().parents[2]
ISSUE = ROOT / "tests" / "data" / "pagecarry"
TOLERANCE = 0.05            # points


@pytest.fixture(scope="module")
def issue():
    return load_issue(ISSUE)


@pytest.fixture(scope="module")
def style(issue):
    return load_style(issue.style, ISSUE)


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    return render(ISSUE, tmp_path_factory.mktemp("pagecarry") / "carry.pdf", jobs=1)


@pytest.fixture(scope="module")
def drawn(result, style):
    """What page 1 draws itself, in display-list coordinates (points from the trim box's
    top-left, y down): text runs with their fill colour, filled rectangles, stroked
    rectangles, and XObjects (images, forms) with their frames."""
    with pikepdf.open(result.pdf) as pdf:
        page = pdf.pages[0]
        return _walk(page, style)


class _Drawn(ContentReader):
    """What a page draws itself (forms are not entered), in display-list coordinates: text
    runs with their fill colour, filled and stroked rectangles, XObjects with their frames."""

    def __init__(self, style):
        super().__init__()
        self.margin = style.bleed + style.print.slug
        self.height = style.page_height
        self.out = {"text": [], "fills": [], "strokes": [], "xobjects": []}

    def to_display(self, x, y):
        return x - self.margin, self.margin + self.height - y

    def shown(self, state, op, resources, depth):
        x, y = self.to_display(self.tm[4], self.tm[5])
        self.out["text"].append((x, y, tuple(round(v, 4) for v in state.fill)))

    def paint(self, state, resources, what, op, depth, box=None):
        if len(self.path) != 4:                 # rectangles only, not rules
            return
        xs, ys = [x for x, _ in self.path], [y for _, y in self.path]
        left, top = self.to_display(min(xs), max(ys))
        rect = (left, top, max(xs) - min(xs), max(ys) - min(ys), tuple(
            round(v, 4) for v in (state.fill if what.startswith("f") else state.stroke)))
        self.out["fills" if what.startswith("f") else "strokes"].append(rect)

    def placed(self, name, kind, bbox, ctm):
        x0, y0, x1, y1 = bbox
        w, h = (x1 - x0) * ctm[0], (y1 - y0) * ctm[3]
        left, top = self.to_display(ctm[4] + x0 * ctm[0], ctm[5] + y0 * ctm[3] + h)
        self.out["xobjects"].append((str(name), kind, (left, top, w, h)))

    def image(self, name, image, state, resources, depth, inline=False):
        self.placed(name, "/Image", (0, 0, 1, 1), state.ctm)

    def enter_form(self, name, form, state, depth):
        self.placed(name, "/Form", [float(v) for v in form.BBox], state.ctm)
        return False


def _walk(page, style):
    drawn = _Drawn(style)
    drawn.read_page(page, 1)
    return drawn.out


def frame_of(style, place: Placement, rule_above: bool = True):
    return slot(style, place, rule_above)


def near(a, b, tolerance=TOLERANCE):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def inside(rect, outer, tolerance=0.5):
    x, y, w, h = rect
    ox, oy, ow, oh = outer
    return (x >= ox - tolerance and y >= oy - tolerance and x + w <= ox + ow + tolerance
            and y + h <= oy + oh + tolerance)


# --------------------------------------------------------------------------- the manifest

def test_the_issue_reads_into_ads_pictures_boxes_logo_and_a_wrapped_photo(issue):
    page = issue.pages[0]
    ads = [f for f in page.fixed if isinstance(f, Ad)]
    assert [(ad.path.name, ad.size) for ad in ads] == [("ear.pdf", "报眼"),
                                                      ("tonglan.pdf", "通栏")]
    assert ads[0].place is None                                 # the 报眼 is the style's
    assert ads[1].place == Placement(1, 8, 81, 26)              # columns, lines from 通栏
    [pictures] = [f for f in page.fixed if isinstance(f, PictureModule)]
    assert len(pictures.pictures) == 3 and pictures.caption and pictures.credit
    boxed = page.modules[1]
    assert (boxed.frame, boxed.tint, boxed.headline_bar) == ("double", "grey", True)
    assert issue.masthead.logo == ISSUE / "logo.pdf"
    [photo] = [b for b in page.modules[0].article.blocks if hasattr(b, "position")]
    assert (photo.position, photo.columns) == ("right", 2)


# --------------------------------------------------------------------------- render, preflight

def test_it_renders_with_no_overset_and_no_problem_with_its_ads(result):
    assert result.overset == []
    assert [f for f in result.findings if f.severity != "info"] == []


def test_the_pdf_preflights_with_no_error_or_warning(result, style):
    findings = preflight(result.pdf, standard=style.print.standard,
                         min_ppi=style.print.min_ppi, max_ink=style.print.max_ink)
    assert [f for f in findings if f.severity in ("error", "warning")] == []


def test_the_fit_table_lists_the_ads_and_the_picture_module(result):
    rows = {(fit.article, fit.headline) for fit in result.fits}
    assert ("tonglan.pdf", "广告 通栏") in rows
    assert ("图片新闻", "山水与市集") in rows


# --------------------------------------------------------------------------- ads and the logo

def test_the_ads_and_logo_are_forms_exactly_in_their_slots(drawn, style, issue):
    forms = [(name, frame) for name, kind, frame in drawn["xobjects"] if kind == "/Form"]
    assert len(forms) == 3
    frames = [frame for _, frame in forms]
    assert any(near(frame, ear_slot(style)) for frame in frames)
    assert any(near(frame, frame_of(style, Placement(1, 8, 81, 26))) for frame in frames)
    # the logo: at the logo's own proportions, inside the name's columns above the numbers
    with pikepdf.open(issue.masthead.logo) as logo:
        x0, y0, x1, y1 = (float(v) for v in logo.pages[0].trimbox)
    name_area = (style.column_x(1), style.line_y(1),
                 style.span_width(style.furniture.masthead_name_columns),
                 (style.masthead_lines - 5) * style.line_pitch)
    [logo_frame] = [f for f in frames if inside(f, name_area)]
    assert logo_frame[2] / logo_frame[3] == pytest.approx((x1 - x0) / (y1 - y0), rel=1e-4)


def test_the_ad_keeps_its_own_vector_text_fonts_and_cmyk_image(result):
    with pikepdf.open(result.pdf) as pdf:
        forms = pdf.pages[0].obj.Resources.XObject
        tonglan = max((forms[name] for name in forms.keys() if name.startswith("/BSForm")),
                      key=lambda form: len(form.read_raw_bytes()))
        fonts = tonglan.Resources.Font
        assert all("/FontFile2" in fonts[name].FontDescriptor for name in fonts.keys())
        images = [tonglan.Resources.XObject[n] for n in tonglan.Resources.XObject.keys()]
        assert [str(image.ColorSpace) for image in images] == ["/DeviceCMYK"]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(result.pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    for words in ("示例茶园", "春茶上市", "示例书城", "晋中日报"):
        assert words in text.replace(" ", "")


# --------------------------------------------------------------------------- picture modules

def test_the_picture_module_has_three_photos_side_by_side_and_one_caption(drawn, style, result):
    frame = next(f.frame for f in result.fits if f.article == "图片新闻")
    photos = sorted(f for _, kind, f in drawn["xobjects"]
                    if kind == "/Image" and inside(f, frame))
    assert len(photos) == 3
    widths = [style.span_width(3), style.span_width(3), style.span_width(2)]
    assert [round(p[2], 2) for p in photos] == [round(w, 2) for w in widths]
    assert len({round(p[1], 2) for p in photos}) == 1                       # one row
    assert len({round(p[3], 2) for p in photos}) == 1
    lines = [line for line in extract_lines(result.pdf) if "均为资料图片" in line.text]
    assert len(lines) == 1


# --------------------------------------------------------------------------- the wrapped photo

def test_the_story_photo_sits_in_the_right_columns_with_text_beside_and_under_it(
        drawn, style, result):
    lead = next(f.frame for f in result.fits if f.article == "jiangsu-keji-chengguo.md")
    [photo] = [f for _, kind, f in drawn["xobjects"] if kind == "/Image" and inside(f, lead)]
    assert photo[0] == pytest.approx(style.column_x(4))
    assert photo[2] == pytest.approx(style.span_width(2))
    body = [(x, y) for x, y, _ in drawn["text"] if inside((x, y - 8, 1, 1), lead)]
    beside = [y for x, y in body if x < style.column_x(4) - 1 and photo[1] < y < photo[1] + photo[3]]
    under = [y for x, y in body if x >= style.column_x(4) - 1 and y > photo[1] + photo[3]]
    over = [y for x, y in body if x >= style.column_x(4) - 1 and photo[1] < y < photo[1] + photo[3]]
    assert beside and under and not over


# --------------------------------------------------------------------------- boxes

def test_the_boxed_module_has_a_double_frame_a_tint_and_a_reversed_headline_bar(
        drawn, style, result):
    boxed = next(f.frame for f in result.fits if f.article == "kexue-langman.md")
    tint = style.carry.tints["grey"]
    fills = [f for f in drawn["fills"] if inside(f[:4], boxed)]
    tints = [f for f in fills if f[4] == tint]
    bars = [f for f in fills if f[4] == style.colors.bar]
    assert len(tints) == 1 and len(bars) == 1
    assert tints[0][2] == pytest.approx(style.span_width(3))
    strokes = [f for f in drawn["strokes"] if inside(f[:4], boxed, tolerance=1)]
    assert len(strokes) >= 2                                          # the double frame
    bar = bars[0]
    reversed_text = [(x, y) for x, y, colour in drawn["text"] if colour == (0, 0, 0, 0)]
    assert reversed_text and all(inside((x, y - 1, 1, 1), bar[:4]) for x, y in reversed_text)


def test_text_on_the_page_is_black_ink_only_but_the_reversed_headline(drawn):
    colours = {colour for _, _, colour in drawn["text"]}
    assert colours == {(0, 0, 0, 1), (0, 0, 0, 0)}


def test_every_body_and_caption_line_keeps_the_baseline_grid(result, style, drawn):
    ads = [f for _, kind, f in drawn["xobjects"] if kind == "/Form"]
    margin = style.bleed + style.print.slug
    off = []
    for line in extract_lines(result.pdf):
        y = margin + style.page_height - line.y
        x = line.x - margin
        if abs(line.size - style.body_size) > 0.01 or any(inside((x, y - 1, 1, 1), f)
                                                          for f in ads):
            continue
        if y < style.line_y(style.masthead_lines + 1):
            continue                                    # the masthead's own type
        grid = (y - style.top - style.line_pitch / 2 - EM_BOX_CENTRE * line.size)
        if abs(grid / style.line_pitch - round(grid / style.line_pitch)) > 0.002:
            off.append(line.text[:10])
    assert off == []


def test_nothing_drawn_crosses_into_another_module(drawn, result, style):
    modules = [fit.frame for fit in result.fits]
    for i, a in enumerate(modules):
        for b in modules[i + 1:]:
            assert not (a[0] < b[0] + b[2] - 0.5 and b[0] < a[0] + a[2] - 0.5
                        and a[1] < b[1] + b[3] - 0.5 and b[1] < a[1] + a[3] - 0.5)
    below_masthead = style.line_y(style.masthead_lines + 1)
    for _, _, frame in drawn["xobjects"]:
        if frame[1] >= below_masthead:
            assert sum(inside(frame, m) for m in modules) == 1
    for x, y, _ in drawn["text"]:
        if below_masthead < y < style.line_y(style.lines + 1):
            assert sum(inside((x + 1, y - 1, 0, 0), m, tolerance=0) for m in modules) == 1


# --------------------------------------------------------------------------- bad ads

@pytest.fixture(scope="module")
def bad_ads(tmp_path_factory):
    sys.path.insert(0, str(ISSUE))
    try:
        import make_ads
    finally:
        sys.path.remove(str(ISSUE))
    return make_ads.bad_ads(tmp_path_factory.mktemp("bad-ads"))


@pytest.mark.parametrize("name, severity, words", [
    ("rgb.pdf", "warning", "RGB colour, converted to CMYK with the press profile"),
    ("wrong-size.pdf", "error", "the 通栏 slot is"),
    ("no-font.pdf", "error", "not embedded"),
    ("transparent.pdf", "error", "transparency"),
    ("broken.pdf", "error", "not a readable PDF"),
    ("password.pdf", "error", "password-protected"),
    ("rgb-image.jpg", "warning", "converted to CMYK"),
    ("spot.pdf", "error", "spot colour SPOT GREEN 354"),
])
def test_a_bad_ad_gives_a_clear_finding(bad_ads, style, name, severity, words):
    ad = Ad(path=bad_ads[name], place=Placement(1, 8, 81, 26), size="通栏")
    items, findings = ad_items(ad, frame_of(style, ad.place), 1, style)
    assert items
    found = [f for f in findings if f.severity == severity and words in f.message]
    assert found, findings
    assert all(f.obj == name and f.check == "ads" and "\n" not in f.message for f in findings)


def test_an_rgb_image_ad_is_refused_when_the_style_says_so(bad_ads, style):
    from dataclasses import replace
    strict = replace(style, carry=replace(style.carry, rgb="refuse"))
    ad = Ad(path=bad_ads["rgb-image.jpg"], place=Placement(1, 8, 81, 26), size="通栏")
    items, findings = ad_items(ad, frame_of(strict, ad.place), 1, strict)
    assert any(f.severity == "error" and "CMYK ads only" in f.message for f in findings)
    assert not any(type(item).__name__ == "Image" for item in items)     # an empty slot


def test_an_rgb_pdf_ad_is_refused_or_placed_as_a_cmyk_copy(bad_ads, style, tmp_path,
                                                         monkeypatch):
    from dataclasses import replace
    monkeypatch.setenv("BROADSHEET_CACHE", str(tmp_path))
    ad = Ad(path=bad_ads["rgb.pdf"], place=Placement(1, 8, 81, 26), size="通栏")
    strict = replace(style, carry=replace(style.carry, rgb="refuse"))
    _, findings = ad_items(ad, frame_of(strict, ad.place), 1, strict)
    assert any(f.severity == "error" and "DeviceRGB" in f.message for f in findings)
    [form], findings = ad_items(ad, frame_of(style, ad.place), 1, style)
    assert form.path != ad.path and not [f for f in findings if f.severity == "error"]
    with pikepdf.open(form.path) as pdf:
        from layout.inspect.preflight import placed_content
        assert not [f for f in placed_content(pdf) if f.severity == "error"]
        fonts = pdf.pages[0].Resources.Font             # still text, in embedded fonts
        assert len(fonts) == 2
        assert all("/FontFile2" in fonts[name].FontDescriptor for name in fonts.keys())


def test_a_converted_ad_is_remembered_by_the_session_and_its_disk_store(bad_ads, style,
                                                                       clean_session,
                                                                       monkeypatch):
    """Converting an ad is a memoised stage function: once made, neither this session nor
    a new one reading the same disk store runs Ghostscript for it again."""
    from layout.page.adconvert import cmyk_copy
    from layout.session import Session
    first, reason = cmyk_copy(bad_ads["rgb.pdf"], style.print)
    assert first is not None, reason
    monkeypatch.setenv("PATH", "")                  # no Ghostscript from here on
    assert cmyk_copy(bad_ads["rgb.pdf"], style.print) == (first, "")
    first.unlink()                                  # the file to place is written again
    clean_session.flush()                           # as a render ends
    with Session().active():                        # nothing in memory: from the disk store
        assert cmyk_copy(bad_ads["rgb.pdf"], style.print) == (first, "")
    assert first.is_file()
    assert cmyk_copy(bad_ads["wrong-size.pdf"], style.print)[0] is None     # (truly no gs)


def test_check_reports_a_broken_ad_in_one_line_and_fails(bad_ads, tmp_path):
    import shutil
    issue = tmp_path / "issue"
    shutil.copytree(ISSUE, issue, ignore=shutil.ignore_patterns("*.py"))
    for name in ("jiangsu-keji-chengguo.md",):
        text = (issue / name).read_text(encoding="utf-8")
        (issue / name).write_text(text.replace("../realnews/", str(ROOT / "tests/data/realnews")
                                               + "/"), encoding="utf-8")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    .replace("../realnews/", str(ROOT / "tests/data/realnews") + "/")
                    .replace('"ads/tonglan.pdf"', f'"{bad_ads["password.pdf"]}"'),
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "layout.cli", "check", str(issue), "-o",
                           str(tmp_path / "out.pdf")], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "password.pdf" in done.stdout and "password-protected" in done.stdout


# --------------------------------------------------------------------------- 导读 and the manifest

def _issue_copy(tmp_path, edit) -> Path:
    """The test issue copied with its paths made absolute, `edit`(issue.toml text) applied."""
    import shutil
    issue = tmp_path / "issue"
    shutil.copytree(ISSUE, issue, ignore=shutil.ignore_patterns("*.py"))
    photos = str(ROOT / "tests/data/realnews") + "/"
    for path in [issue / "jiangsu-keji-chengguo.md", issue / "issue.toml"]:
        text = path.read_text(encoding="utf-8").replace("../realnews/", photos)
        path.write_text(edit(text) if path.name == "issue.toml" else text, encoding="utf-8")
    return issue


def test_the_editor_chooses_the_digest_entries(tmp_path, style):
    from layout.page.furniture import digest
    issue = load_issue(_issue_copy(tmp_path, lambda text: text.replace(
        'ad = "ads/ear.pdf"\nsize = "报眼"\n',
        'pictures = [{ file = "' + str(ISSUE.parent / "realnews/photos/spice-market-bowls.jpg")
        + '", columns = 1, lines = 2 }]\ncaption = "x"\nplace = { column = 8, columns = 1, '
        'line = 104, lines = 3 }\n').replace(
        'proofreader = "程文康"\n', 'proofreader = "程文康"\n\n[[pages.digest]]\n'
        'article = "kexue-langman.md"\ntext = "科普影视：让世界看见科学浪漫"\n\n'
        '[[pages.digest]]\narticle = "jiangsu-keji-chengguo.md"\n')))
    assert issue.digest == (("科普影视：让世界看见科学浪漫", 1),
                            ("江苏探索科技成果高效转化应用新途径", 1))
    lines, size, left_out = digest(issue, style, load_font_book(style.fonts))
    assert "".join(line.text for line in lines) == (
        "科普影视：让世界看见科学浪漫（第1版）江苏探索科技成果高效转化应用新途径（第1版）")
    assert size == 11 and left_out == []


def test_a_digest_entry_must_name_a_placed_story(tmp_path):
    from layout.errors import BroadsheetError
    with pytest.raises(BroadsheetError) as error:
        load_issue(_issue_copy(tmp_path, lambda text: text.replace(
            'proofreader = "程文康"\n', 'proofreader = "程文康"\n\n[[pages.digest]]\n'
            'article = "nowhere.md"\n')))
    assert error.value.field == "pages[0].digest[0].article"


def test_by_default_the_digest_lists_each_inner_page_lead_and_reports_what_does_not_fit():
    from layout.page.compose import compose_issue
    issue = load_issue(ROOT / "tests" / "data" / "eight-page")
    style = load_style(issue.style, issue.source)
    composition = compose_issue(issue, style, load_font_book(style.fonts))
    from layout.page.furniture import digest_stories
    stories = digest_stories(issue)
    assert [story[-4:] for story in stories] == [f"第{n}版）" for n in range(2, 9)]
    assert not [f for f in composition.findings if f.check == "digest"]
    crowded = replace_digest(issue, [(f"很长很长的导读条目第{n}条需要两行才能排下的标题", 2)
                                     for n in range(12)])
    findings = compose_issue(crowded, style, load_font_book(style.fonts)).findings
    [finding] = [f for f in findings if f.check == "digest"]
    assert finding.severity == "warning" and "do not fit the 导读 box" in finding.message


def test_a_one_page_issue_lists_its_own_stories_with_no_page_to_turn_to():
    """The sample is one page: its 导读 lists page 1's stories — not each marked （第1版）, the
    page the reader holds (an outside tester)."""
    from layout.page.furniture import digest_stories
    issue = load_issue(ROOT / "issues" / "3144")
    assert len(issue.pages) == 1
    assert digest_stories(issue) == [m.article.headline for m in issue.pages[0].modules
                                     if not m.continues]
    assert not any("版）" in story for story in digest_stories(issue))


def replace_digest(issue, entries):
    from dataclasses import replace
    return replace(issue, digest=tuple(entries))


@pytest.mark.parametrize("edit, field", [
    (lambda t: t.replace('frame = "double"', 'frame = "wavy"'), "pages[0].modules[2].frame"),
    (lambda t: t.replace('tint = "grey"', 'tint = "gold"'), "pages[0].modules[2].tint"),
    (lambda t: t.replace('size = "通栏"', 'size = "整版"'), "pages[0].modules[4].size"),
    (lambda t: t.replace('place = { column = 1, line = 81 }',
                         'place = { column = 1, line = 81, lines = 20 }'),
     "pages[0].modules[4].place.lines"),
    (lambda t: t.replace('place = { column = 1, line = 81 }', 'place = { column = 1, line = 70 }'),
     "pages[0].modules[4].place"),
    (lambda t: t.replace('size = "报眼"', 'size = "报眼"\nplace = { column = 1, line = 1 }'),
     "pages[0].modules[0].place"),
    (lambda t: t.replace('logo = "logo.pdf"', 'logo = "logo.gif"'), "masthead.logo"),
])
def test_mistakes_with_ads_boxes_and_logo_name_the_field(tmp_path, edit, field):
    from layout.errors import BroadsheetError
    from layout.page.compose import compose_issue
    with pytest.raises(BroadsheetError) as error:
        issue = load_issue(_issue_copy(tmp_path, edit))
        style = load_style(issue.style, issue.source)
        compose_issue(issue, style, load_font_book(style.fonts))
    assert error.value.field == field
    assert error.value.fix


SVG_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120" viewBox="0 0 400 120">
  <rect x="4" y="4" width="392" height="112" fill="none" stroke="#c00000" stroke-width="6"/>
  <path d="M40 90 L80 30 L120 90 Z M160 30 H240 V90 H160 Z" fill="#000000"/>
  <circle cx="320" cy="60" r="30" fill="#c00000"/>
</svg>"""


def test_an_svg_logo_is_placed_as_a_cmyk_vector_form(tmp_path, monkeypatch):
    monkeypatch.setenv("BROADSHEET_CACHE", str(tmp_path / "cache"))
    issue = _issue_copy(tmp_path, lambda text: text.replace('logo = "logo.pdf"',
                                                            'logo = "logo.svg"'))
    (issue / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    result = render(issue, tmp_path / "svg.pdf", jobs=1)
    style = result.style
    with pikepdf.open(result.pdf) as pdf:
        drawn = _walk(pdf.pages[0], style)
    name_area = (style.column_x(1), style.line_y(1),
                 style.span_width(style.furniture.masthead_name_columns),
                 (style.masthead_lines - 5) * style.line_pitch)
    [logo] = [f for _, kind, f in drawn["xobjects"] if kind == "/Form" and inside(f, name_area)]
    assert logo[2] / logo[3] == pytest.approx(400 / 120, rel=1e-3)
    findings = preflight(result.pdf, standard=style.print.standard)
    assert not [f for f in findings if f.severity == "error"]


def test_the_digest_lists_the_story_the_editor_made_a_page_s_lead():
    """An inner page's story given priority 1 is its lead in the 导读, though another module
    of the page is larger (an outside tester's page 1 listed a page's second story); without
    one, the first listed, as the make-up ranks them (a second tester's 导读 listed each
    page's largest module, which was not its lead)."""
    from dataclasses import replace
    from layout.page.furniture import digest_stories
    issue = load_issue(ROOT / "tests" / "data" / "eight-page")
    page = issue.pages[1]
    largest = max(page.modules, key=lambda m: m.place.columns * m.place.lines)
    other = next(m for m in page.modules if m is not largest and not m.continues)
    led = replace(page, modules=tuple(replace(m, priority=1) if m is other else m
                                      for m in page.modules))
    issue = replace(issue, pages=(issue.pages[0], led, *issue.pages[2:]))
    assert digest_stories(issue)[0] == f"{other.article.headline}（第2版）"
    first = next(m for m in page.modules if not m.continues)
    reordered = replace(page, modules=(*[m for m in page.modules if m is not largest],
                                       largest))      # the largest listed last
    issue = replace(issue, pages=(issue.pages[0], reordered, *issue.pages[2:]))
    expected = first if first is not largest else next(
        m for m in reordered.modules if not m.continues)
    assert digest_stories(issue)[0] == f"{expected.article.headline}（第2版）"
