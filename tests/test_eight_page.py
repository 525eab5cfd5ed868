"""The eight-page test issue (tests/data/eight-page, 晋中日报 第3145期) rendered by the CLI and
checked by reading the PDF: page count, every story's text, the line-breaking and justification
rules, running heads, jump lines (转版), and that no text line overlaps another or a photo.

The issue is made by tests/data/eight-page/make_issue.py from the seed text: 20 stories in 24
modules, three of which jump (1 → 2, 3 → 5, 2 → 4 → 7), a 破栏 module (4 columns set in 3) and
a vertical headline. The manifest is only the expectation: every check reads the PDF.
"""
from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from layout.calendar import date_line
from layout.inspect.content import ContentReader
from layout.inspect.pdftext import PdfLine, extract_lines
from layout.read.manifest import load_issue
from layout.style import load_style
from pdfchecks import check_justification, check_line_breaks, check_text_present

ROOT = Path(__file__).resolve().parents[1]
ISSUE_DIR = ROOT / "tests" / "data" / "eight-page"
JUMP = re.compile(r"（[上下][接转]第\d+版）")
FIT_ROW = re.compile(r"^(?P<page>\d+)\s+(?P<article>\S+\.md)\s+.*?\s+(?P<set>\d+)\s+"
                     r"(?P<available>\d+)\s+(?P<overset>\d+)(?:\s+(?P<jump>\S+))?$")
MIN_FILL = 0.85             # a module's story sets at least this share of its lines


@pytest.fixture(scope="module")
def issue():
    return load_issue(ISSUE_DIR)


@pytest.fixture(scope="module")
def style(issue):
    return load_style(issue.style, ISSUE_DIR)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The issue rendered once by the command line, in a fresh interpreter."""
    pdf = tmp_path_factory.mktemp("eight-page") / "3145.pdf"
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", str(ISSUE_DIR),
                           "-o", str(pdf)], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stdout + done.stderr
    assert pdf.is_file() and pdf.stat().st_size > 0
    return pdf, done.stdout, elapsed


@pytest.fixture(scope="module")
def pdf(rendered) -> Path:
    return rendered[0]


@pytest.fixture(scope="module")
def lines(pdf) -> list[PdfLine]:
    return extract_lines(pdf)


@pytest.fixture(scope="module")
def reader(pdf) -> PdfReader:
    return PdfReader(str(pdf))


@pytest.fixture(scope="module")
def images(pdf) -> dict[int, list]:
    """Page number → where its images are drawn."""
    return image_boxes(pdf)


# ------------------------------------------------------------------------- geometry helpers

@dataclasses.dataclass(frozen=True)
class Box:
    """A rectangle in PDF user space (points, y up)."""
    left: float
    bottom: float
    right: float
    top: float

    def contains(self, x: float, y: float, slack: float = 0.01) -> bool:
        return (self.left - slack <= x <= self.right + slack
                and self.bottom - slack <= y <= self.top + slack)

    def intersects(self, other: "Box", slack: float = 0.01) -> bool:
        return (self.left < other.right - slack and other.left < self.right - slack
                and self.bottom < other.top - slack and other.bottom < self.top - slack)


def trim_box(reader: PdfReader, page: int) -> list[float]:
    return [float(v) for v in reader.pages[page - 1]["/TrimBox"]]


def module_box(module, style, trim) -> Box:
    """The module's grid rectangle on the PDF page: the style's grid from the trim box's top-left."""
    place = module.place
    left = trim[0] + style.column_x(place.column)
    top = trim[3] - style.line_y(place.line)
    bottom = trim[3] - style.line_y(place.line + place.lines)
    return Box(left, bottom, left + style.span_width(place.columns), top)


def line_box(line: PdfLine) -> Box:
    """The em boxes of a line's glyphs: 0.88 em above the baseline to 0.12 em below it."""
    return Box(line.x, line.y - 0.12 * line.size, line.end, line.y + 0.88 * line.size)


def lines_in(module, page: int, lines, style, reader) -> list[PdfLine]:
    """The lines starting in the module's rectangle (an opening mark may hang ½ em left)."""
    box = module_box(module, style, trim_box(reader, page))
    box = dataclasses.replace(box, left=box.left - style.body_size / 2)
    return [line for line in lines if line.page == page and box.contains(line.x, line.y)]


def page_text(lines, page: int) -> str:
    return "".join("".join(line.text.split()) for line in lines if line.page == page)


def story_modules(issue) -> dict[str, list[tuple[int, object]]]:
    """Article file → the (page, module) pairs that set it, in order."""
    stories: dict[str, list] = {}
    for page in issue.pages:
        for module in page.modules:
            stories.setdefault(module.article.source.name, []).append((page.number, module))
    return stories


class _ImagePlaces(ContentReader):
    """Where each image XObject the page itself draws is placed: the unit square through the
    CTM at its Do (forms, i.e. ads and logos, are not entered)."""

    def __init__(self):
        super().__init__()
        self.boxes: list[Box] = []

    def enter_form(self, name, form, state, depth) -> bool:
        return False

    def image(self, name, image, state, resources, depth, inline=False) -> None:
        ctm = state.ctm
        corners = [(ctm[0] * u + ctm[2] * v + ctm[4], ctm[1] * u + ctm[3] * v + ctm[5])
                   for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        self.boxes.append(Box(min(xs), min(ys), max(xs), max(ys)))


def image_boxes(pdf: Path) -> dict[int, list[Box]]:
    """Page number → where its images are drawn."""
    boxes = {}
    with pikepdf.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            places = _ImagePlaces()
            places.read_page(page, number)
            boxes[number] = places.boxes
    return boxes


# ------------------------------------------------------------------------- the render

def test_renders_eight_pages_quickly(rendered, reader):
    _, _, elapsed = rendered
    assert len(reader.pages) == 8
    assert elapsed < 25, f"rendering took {elapsed:.1f} s"


def test_fit_table_has_every_module_full_and_nothing_overset(rendered, issue):
    _, stdout, _ = rendered
    rows = [match.groupdict() for match in map(FIT_ROW.match, stdout.splitlines()) if match]
    expected = [(page.number, module.article.source.name) for page in issue.pages
                for module in page.modules]
    assert [(int(row["page"]), row["article"]) for row in rows] == expected, stdout
    stories = story_modules(issue)
    for row in rows:
        where = f"page {row['page']} {row['article']}"
        pages = [page for page, _ in stories[row["article"]]]
        at = pages.index(int(row["page"]))
        jump = (f"←{pages[at - 1]}" if at else "") + (
            f"→{pages[at + 1]}" if at + 1 < len(pages) else "")
        assert (row["jump"] or "") == jump, where
        assert row["overset"] == "0", f"{where} is overset\n{stdout}"
        assert int(row["set"]) <= int(row["available"]), where
        last = stories[row["article"]][-1][0] == int(row["page"])
        if not last:        # a module a story jumps from is full
            assert int(row["set"]) >= int(row["available"]) - 2, f"{where} jumps out half empty"
        else:
            assert int(row["set"]) >= MIN_FILL * int(row["available"]), f"{where} is underset"


def test_three_stories_jump(issue):
    jumps = {name: [page for page, _ in modules]
             for name, modules in story_modules(issue).items() if len(modules) > 1}
    assert jumps == {"maoding-mubiao.md": [1, 2], "wuzhangpai.md": [2, 4, 7],
                     "dadao-zhijian.md": [3, 5]}


# ------------------------------------------------------------------------- the text

def test_every_story_is_all_there(issue, lines, style, reader):
    """check_text_present wants a story's body as one unbroken run of body lines. A story that
    jumps is drawn on two or three pages with other stories between, so the lines are taken
    story by story (each module's lines from its grid rectangle, a story's modules one after
    the other) and the jump lines dropped; a story is then checked once."""
    ordered, seen = [], set()
    for name, modules in story_modules(issue).items():
        for page, module in modules:
            for line in lines_in(module, page, lines, style, reader):
                if not JUMP.fullmatch("".join(line.text.split())):
                    ordered.append(line)
                    seen.add(id(line))
    ordered += [line for line in lines if id(line) not in seen]
    starts = dataclasses.replace(issue, pages=tuple(
        dataclasses.replace(page, modules=tuple(m for m in page.modules if not m.continues))
        for page in issue.pages))
    assert check_text_present(starts, ordered) == []


def test_line_breaking_rules_hold(lines, style):
    assert check_line_breaks(lines, style.body_size) == []


def text_measure(module, style) -> float:
    """The measure of a module's text columns: the basic column's, or for 破栏 whole
    characters sharing the module's width, a gutter between them."""
    if not module.text_columns or module.text_columns == module.place.columns:
        return style.column_chars * style.body_size
    chars = module.place.columns * style.column_chars + (module.place.columns - 1) * style.gutter_chars
    per_column = (chars - (module.text_columns - 1) * style.gutter_chars) // module.text_columns
    return per_column * style.body_size


def test_body_lines_are_justified(issue, lines, style, reader):
    """Module by module: a 破栏 module's columns are not at the basic columns' places, so the
    checker's column bands are found among one module's lines at a time."""
    problems = []
    for page in issue.pages:
        for module in page.modules:
            own = lines_in(module, page.number, lines, style, reader)
            problems += check_justification(own, text_measure(module, style),
                                            body_size=style.body_size,
                                            pitch=style.line_pitch, indent_em=style.indent_em)
    assert problems == []


def test_the_breaking_module_is_set_in_three_columns(issue, lines, style, reader):
    [module] = [m for page in issue.pages for m in page.modules if m.text_columns]
    page = next(p.number for p in issue.pages if module in p.modules)
    body = [line for line in lines_in(module, page, lines, style, reader)
            if line.size == style.body_size and not JUMP.fullmatch(line.text)]
    left = trim_box(reader, page)[0] + style.column_x(module.place.column)
    measure = text_measure(module, style)
    gap = (style.span_width(module.place.columns) - module.text_columns * measure) / (
        module.text_columns - 1)
    edges = {round(left + c * (measure + gap), 2) for c in range(module.text_columns)}
    full = [line for line in body if line.end - line.x > measure - 0.05]
    for line in full:       # at a column edge, or up to ½ em left of it (a hanging “)
        assert any(edge - style.body_size / 2 - 0.01 <= line.x <= edge + 0.01 for edge in edges), \
            (line.x, line.text, edges)
    assert {min(edges, key=lambda edge: abs(edge - line.x)) for line in full} == edges


# ------------------------------------------------------------------------- furniture

def test_every_page_but_the_first_has_a_running_head(issue, lines, style, reader):
    day = date_line(issue.date)
    for page in issue.pages[1:]:
        top = trim_box(reader, page.number)[3] - style.top       # the type area's top edge
        head = "".join("".join(line.text.split()) for line in lines
                       if line.page == page.number and line.y > top)
        for item in (f"第{page.number}版", page.section, issue.masthead.name, day.gregorian,
                     page.editor, page.proofreader):
            assert item and item in head, f"page {page.number}: {item!r} not in {head!r}"
        assert "责任编辑" in head and "校对" in head, head


def test_jump_lines_name_the_real_pages(issue, lines, style, reader):
    """Where a story breaks: （下转第M版） in its module; where it goes on: （上接第K版）."""
    for name, modules in story_modules(issue).items():
        for (k, here), (m, there) in zip(modules, modules[1:]):
            out = ["".join(line.text.split()) for line in lines_in(here, k, lines, style, reader)]
            into = ["".join(line.text.split())
                    for line in lines_in(there, m, lines, style, reader)]
            assert f"（下转第{m}版）" in out, f"{name}: page {k} lacks （下转第{m}版）"
            assert f"（上接第{k}版）" in into, f"{name}: page {m} lacks （上接第{k}版）"
            assert f"（下转第{m}版）" in page_text(lines, k)
            assert f"（上接第{k}版）" in page_text(lines, m)
        last_page, last = modules[-1]
        assert not any("下转" in line.text for line in lines_in(last, last_page, lines, style,
                                                                 reader)), name


# ------------------------------------------------------------------------- nothing overlaps

def overlaps(boxes: list[tuple[Box, str]]) -> list[str]:
    """Pairs of intersecting boxes, by a sweep over their bottoms."""
    found = []
    ordered = sorted(boxes, key=lambda item: item[0].bottom)
    for i, (a, what_a) in enumerate(ordered):
        for b, what_b in ordered[i + 1:]:
            if b.bottom >= a.top:
                break
            if a.intersects(b):
                found.append(f"{what_a} / {what_b}")
    return found


def test_no_two_text_lines_overlap(issue, lines, style):
    problems = []
    for page in issue.pages:
        body = [(line_box(line), f"page {page.number} y={line.y:.1f} {line.text[:12]}")
                for line in lines if line.page == page.number and line.size == style.body_size]
        assert len(body) > 400, page.number
        problems += overlaps(body)
    assert problems == []


def test_no_text_line_overlaps_a_photo(issue, lines, images):
    photos = 0
    problems = []
    for page in issue.pages:
        photos += len(images[page.number])
        for line in lines:
            if line.page == page.number:
                for image in images[page.number]:
                    if line_box(line).intersects(image):
                        problems.append(f"page {page.number} y={line.y:.1f}: {line.text[:20]}")
    assert photos == 3
    assert problems == []


def test_photos_sit_inside_their_modules(issue, style, reader, images):
    for page in issue.pages:
        boxes = [module_box(m, style, trim_box(reader, page.number)) for m in page.modules
                 if any(type(b).__name__ == "Photo" for b in m.article.blocks)
                 and not m.continues]
        for image in images[page.number]:
            assert any(box.contains(image.left, image.bottom, 0.5)
                       and box.contains(image.right, image.top, 0.5) for box in boxes), \
                (page.number, image)


def test_photos_are_drawn_as_their_options_say(issue, style, reader, images):
    """{columns=N}: N columns wide; fit=fit: the whole picture at its own proportions;
    fill: a crop of the frame's proportions, taken towards the focus when one is given."""
    from PIL import Image, ImageChops, ImageStat
    from layout.model import Photo
    checked = 0
    for page in issue.pages:
        for module in page.modules:
            photos = [b for b in module.article.blocks if isinstance(b, Photo)]
            if not photos or module.continues:
                continue
            [photo] = photos
            box = module_box(module, style, trim_box(reader, page.number))
            [drawn] = [image for image in images[page.number]
                       if box.contains(image.left, image.bottom, 0.5)]
            [embedded] = reader.pages[page.number - 1].images
            picture = embedded.image.convert("RGB")
            width, height = drawn.right - drawn.left, drawn.top - drawn.bottom
            assert width == pytest.approx(style.span_width(photo.columns or module.place.columns),
                                          abs=0.5), photo.path.name
            with Image.open(photo.path) as source:
                source = source.convert("RGB")
            if photo.fit == "fit":
                assert picture.size == source.size, photo.path.name
                assert width / height == pytest.approx(source.width / source.height, rel=0.01)
            else:
                assert width / height == pytest.approx(picture.width / picture.height, rel=0.02)
                assert picture.width <= source.width and picture.height <= source.height
            if photo.focus != (0.5, 0.5) and picture.width < source.width - 8:
                # which horizontal crop of the source the embedded picture is
                def difference(left):
                    crop = source.crop((left, 0, left + picture.width, picture.height))
                    return sum(ImageStat.Stat(ImageChops.difference(crop, picture)).mean)
                offsets = range(0, source.width - picture.width + 1, 4)
                best = min(offsets, key=difference)
                centre = (source.width - picture.width) / 2
                assert (best - centre) * (photo.focus[0] - 0.5) > 0, (photo.path.name, best)
            checked += 1
    assert checked == 3


def test_paragraphs_set_in_parallel_give_the_serial_pdf(tmp_path, monkeypatch):
    """Issue 7: with cores to spare the paragraphs are set in worker processes; the PDF is the
    one a single process writes, byte for byte."""
    from layout.render import render
    from layout.session import Session

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704470400")
    pdfs, set_ahead = [], []
    for jobs in (1, 2):
        monkeypatch.setenv("BROADSHEET_CACHE", str(tmp_path / f"cache-{jobs}"))
        session = Session()                     # nothing set before, in memory or on disk
        work_ahead = session.work_ahead

        def counting(tasks, jobs, session=session, work_ahead=work_ahead):
            before = len(session.table("lines"))
            work_ahead(tasks, jobs)
            set_ahead.append(len(session.table("lines")) - before)
        session.work_ahead = counting
        render(ISSUE_DIR, tmp_path / f"{jobs}.pdf", jobs=jobs, session=session)
        pdfs.append((tmp_path / f"{jobs}.pdf").read_bytes())
    assert set_ahead[0] == 0 and set_ahead[-1] > 500    # serial, then most paragraphs ahead
    assert pdfs[0] == pdfs[1]
