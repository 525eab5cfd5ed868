"""The e-paper end to end: `broadsheet epaper` on the sample issue, opened from disk in headless
Chromium. Every hot area is clicked and must open the story whose lines the PDF draws under
it, with the article's text; every line of a story must lie inside its area; the page image
must carry the PDF's text where the areas are. The pages parse as HTML5 and pass basic
accessibility checks. Nothing here knows how many pages or stories the sample has."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from PIL import Image
from shapely import Polygon, box, unary_union

from layout.calendar import date_line
from layout.inspect.pdftext import extract_lines
from layout.read.manifest import load_issue
from layout.model import ListBlock, Paragraph, Photo, Sidebar, Subhead, Table

from cdp import CHROMIUM, Chromium

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "issues" / "3144"
OPENING = "（〔［｛《〈「『【“‘"
CLOSING = "，。、；：？！）〕］｝》〉」』】”’"
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make test installs it)")


def epaper(issue: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout.cli", "epaper", str(issue), "-o",
                           str(out), *extra], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("epaper") / "3144"
    done = epaper(SAMPLE, out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out / 'index.html'}: ")
    return out


@pytest.fixture(scope="module")
def browser():
    with Chromium(1280, 800) as chromium:          # a laptop's screen: the page scrolls
        yield chromium


def bare(text: str) -> str:
    return "".join(text.split())


def source_texts() -> dict[str, str]:
    """Each article file's every character as typed (titles, byline, body, captions)."""
    texts = {}
    for module in load_issue(SAMPLE).story_starts():
        article = module.article
        parts = [article.kicker, article.headline, article.deck, article.byline]
        for block in article.blocks:
            parts += [block.caption, block.credit] if isinstance(block, Photo) else [block.text]
        texts[article.source.stem] = bare("".join(parts))
    return texts


def pdf_lines_by_story(pdf: Path) -> dict[int, list[tuple[str, Polygon]]]:
    """Page → (story, box in points from the trimmed page's top-left) of every line the PDF
    draws whose text belongs to exactly one story (furniture and 上接/下转 lines belong to
    none; nor do the 导读's entries in page 1's masthead, a one-page issue's are its stories'
    very titles). The boxes are the glyphs' em boxes, read from the PDF itself."""
    import pypdf
    from layout.page.compose import first_story_line
    from layout.style import load_style
    reader = pypdf.PdfReader(pdf)
    texts = source_texts()
    issue = load_issue(SAMPLE)
    style = load_style(issue.style, issue.source)
    masthead_foot = style.line_y(first_story_line(1, style))
    found: dict[int, list] = {}
    for line in extract_lines(pdf):
        owners = [name for name, text in texts.items() if bare(line.text) in text]
        if len(owners) != 1 or not bare(line.text):
            continue
        trim = reader.pages[line.page - 1].trimbox
        left, top = float(trim.left), float(trim.top)
        if line.page == 1 and top - line.y < masthead_foot:
            continue
        first, last = line.glyphs[0], line.glyphs[-1]
        # A full-width mark's ink fills half its em: the other half may hang past the column.
        start = first.x + (first.width / 2 if first.char in OPENING else 0)
        end = last.x + (last.width / 2 if last.char in CLOSING else last.width)
        shape = box(start - left, top - line.y - 0.88 * line.size,
                    end - left, top - line.y + 0.12 * line.size)
        found.setdefault(line.page, []).append((owners[0], shape))
    return found


def areas_in_dom(browser) -> list[dict]:
    """The page's hot areas as the browser has them: link, polygons (viewBox units = points)
    and where the SVG and the page image sit on the screen."""
    return browser.evaluate("""(() => {
        const svg = document.querySelector("svg.areas"), img = document.querySelector(".sheet img");
        const frame = (e) => { const r = e.getBoundingClientRect();
                               return [r.left, r.top, r.width, r.height]; };
        return [...svg.querySelectorAll("a.area")].map((a) => ({
            href: a.getAttribute("href"), label: a.getAttribute("aria-label"),
            polygons: [...a.querySelectorAll("polygon")].map((p) =>
                [...p.points].map((pt) => [pt.x, pt.y])),
            svg: frame(svg), img: frame(img), viewBox: svg.getAttribute("viewBox")}));
    })()""")


def article_in_dom(browser) -> dict:
    return browser.evaluate("""(() => {
        const text = (s) => [...document.querySelectorAll(s)].map((e) => e.textContent);
        return {path: location.pathname, lang: document.documentElement.lang,
                kicker: text(".story header .kicker"), headline: text(".story h1"),
                deck: text(".story header .deck"), byline: text(".story header .byline"),
                blocks: [...document.querySelectorAll(".story .body > *")].map((e) =>
                    e.tagName === "FIGURE" ? ["photo", e.querySelector("figcaption").textContent,
                                              e.querySelector("img").alt]
                                           : [e.tagName, e.textContent])};
    })()""")


def expected_blocks(stem: str) -> list:
    module = next(m for m in load_issue(SAMPLE).story_starts() if m.article.source.stem == stem)
    blocks = []
    for block in module.article.blocks:
        if isinstance(block, Paragraph):
            blocks.append(["P", block.text])
        elif isinstance(block, Subhead):
            blocks.append(["H2", block.text])
        else:
            blocks.append(["photo", f"{block.caption} {block.credit}".strip(), block.caption])
    return module.article, blocks


@needs_chromium
def test_each_hot_area_opens_the_story_drawn_under_it(site, browser):
    data = json.loads((site / "issue.json").read_text(encoding="utf-8"))
    lines = pdf_lines_by_story(site / "3144.pdf")
    clicked = set()
    for page in data["pages"]:
        url = (site / page["href"]).as_uri()
        browser.open(url)
        areas = areas_in_dom(browser)
        stories_here = {story for story, _ in lines.get(page["number"], [])}
        assert len(areas) == len(stories_here)          # one area per story part on the page
        for area in areas:
            # The overlay is the page image: same place, same size, units of the page.
            assert area["svg"] == pytest.approx(area["img"], abs=0.5)
            assert area["viewBox"] == f"0 0 {page['width']} {page['height']}"
            shape = unary_union([Polygon(p) for p in area["polygons"]])
            under = {story for story, line in lines[page["number"]]
                     if shape.contains(line.centroid)}
            assert len(under) == 1, f"page {page['number']}: {area['label']} lies over {under}"
            [story] = under
            # Every line of that story on this page lies inside its area.
            for owner, line in lines[page["number"]]:
                if owner == story:
                    assert shape.buffer(0.5).contains(line), (page["number"], story, line.bounds)
            # Click it, at a point inside it that no other area covers.
            point = shape.representative_point()
            left, top, width, height = area["svg"]
            x, y = left + point.x * width / page["width"], top + point.y * height / page["height"]
            scrolled = browser.evaluate(f"(async () => {{ await window.scrollTo(0, {y} - "
                                        f"innerHeight / 2); return scrollY; }})()")
            y -= scrolled                                   # the point, now in the viewport
            assert browser.evaluate(f"document.elementFromPoint({x}, {y}).closest('a.area')"
                                    f".getAttribute('href')") == area["href"]
            browser.click(x, y)
            shown = article_in_dom(browser)
            assert shown["path"].endswith(f"/articles/{story}.html")
            article, blocks = expected_blocks(story)
            assert shown["lang"] == "zh-CN"
            assert shown["headline"] == [article.headline]
            assert shown["kicker"] == ([article.kicker] if article.kicker else [])
            assert shown["deck"] == ([article.deck] if article.deck else [])
            assert shown["byline"] == ([article.byline] if article.byline else [])
            assert shown["blocks"] == blocks
            clicked.add(story)
            browser.open(url)
    assert clicked == set(source_texts())               # every story reached from a page


@needs_chromium
def test_zoomed_the_page_is_its_sharp_image_and_the_areas_stay_on_it(site, browser):
    data = json.loads((site / "issue.json").read_text(encoding="utf-8"))
    page = data["pages"][0]
    browser.open((site / page["href"]).as_uri())
    button = browser.evaluate("""(() => { const b = document.querySelector("button.zoom");
        b.scrollIntoView({block: "center"}); const r = b.getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2]; })()""")
    browser.call("Input.dispatchMouseEvent", type="mousePressed", x=button[0], y=button[1],
                 button="left", clickCount=1)
    browser.call("Input.dispatchMouseEvent", type="mouseReleased", x=button[0], y=button[1],
                 button="left", clickCount=1)
    assert browser.evaluate("document.querySelector('button.zoom').getAttribute('aria-pressed')"
                            ) == "true"
    for area in areas_in_dom(browser):
        assert area["img"][2] == pytest.approx(page["image_size"][0], abs=1)
        assert area["svg"] == pytest.approx(area["img"], abs=0.5)


def test_the_page_images_carry_the_text_where_the_pdf_draws_it(site):
    """The areas are in the page's points; the image must show each story line there."""
    data = json.loads((site / "issue.json").read_text(encoding="utf-8"))
    lines = pdf_lines_by_story(site / "3144.pdf")
    for page in data["pages"]:
        with Image.open(site / page["image"]) as image:
            gray = image.convert("L")
            scale = gray.width / page["width"]
            assert gray.height / page["height"] == pytest.approx(scale, rel=0.01)
            for story, line in lines.get(page["number"], []):
                left, top, right, bottom = (round(v * scale) for v in line.bounds)
                ink = gray.crop((left, top, right, bottom)).getextrema()[0]
                assert ink < 100, f"page {page['number']}: no ink under {story}'s line"
                # … and none just above the line's box, in the leading between lines.
                blank = gray.crop((left, top - round(1.5 * scale), right, top)).getextrema()[0]
                assert blank > 150 or line.bounds[1] < 2


def test_issue_json_holds_pages_areas_and_the_text_as_set(site):
    data = json.loads((site / "issue.json").read_text(encoding="utf-8"))
    issue = load_issue(SAMPLE)
    day = date_line(issue.date)
    assert (data["paper"], data["number"], data["date"]) == ("晋中日报", 3144, "2024-01-06")
    assert data["date_line"] == {"gregorian": day.gregorian, "lunar": day.lunar,
                                 "weekday": day.weekday}
    assert [p["number"] for p in data["pages"]] == [p.number for p in issue.pages]
    assert [p["section"] for p in data["pages"]] == [p.section for p in issue.pages]
    texts = {}
    for page in data["pages"]:
        assert (site / page["image"]).is_file() and (site / page["thumbnail"]).is_file()
        with Image.open(site / page["thumbnail"]) as thumb:
            assert thumb.width < page["image_size"][0] / 3
        for area in page["areas"]:
            texts[area["article"]] = texts.get(area["article"], "") + area["text"]
            others = [Polygon(p) for other in page["areas"] if other is not area
                      for p in other["polygons"]]
            for polygon in area["polygons"]:                # areas never overlap
                assert all(Polygon(polygon).intersection(o).area < 1 for o in others)
    for article in data["articles"]:                        # every character set, in order
        expected = bare(article["byline"] + "".join(b["text"] for b in article["blocks"]
                                                    if b["type"] != "photo"))
        assert bare(texts[article["id"]]) == expected
        assert article["pages"] == sorted({p["number"] for p in data["pages"]
                                           for a in p["areas"] if a["article"] == article["id"]})


def test_pages_parse_as_html5_and_pass_basic_accessibility_checks(site):
    pages = sorted(site.glob("*.html")) + sorted(site.glob("articles/*.html"))
    assert len(pages) >= 4
    namespace = {"h": "http://www.w3.org/1999/xhtml"}
    for path in pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
        tree = parser.parse(path.read_bytes())              # raises on any parse error
        root = tree
        assert root.get("lang") == "zh-CN", path
        assert root.find(".//h:title", namespace).text.strip(), path
        for image in root.iter("{http://www.w3.org/1999/xhtml}img"):
            alt = image.get("alt")
            assert alt is not None, (path, image.get("src"))
            if alt == "":                                    # decorative: its link says it
                link = next(a for a in root.iter("{http://www.w3.org/1999/xhtml}a")
                            if image in list(a.iter()))
                assert "".join(link.itertext()).strip(), path
        levels = [int(e.tag[-1]) for e in root.iter()
                  if isinstance(e.tag, str) and e.tag[-2:-1] == "h" and e.tag[-1].isdigit()
                  and e.tag.startswith("{http://www.w3.org/1999/xhtml}h")]
        assert levels and levels[0] == 1 and levels.count(1) == 1, (path, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)
        for link in root.iter("{http://www.w3.org/1999/xhtml}a"):
            assert "".join(link.itertext()).strip() or link.get("aria-label"), path
        for field in root.iter("{http://www.w3.org/1999/xhtml}input"):
            assert root.find(f".//h:label[@for='{field.get('id')}']", namespace) is not None
        svg_links = root.iter("{http://www.w3.org/2000/svg}a")
        assert all(link.get("aria-label") for link in svg_links), path


@needs_chromium
def test_search_finds_every_occurrence_offline(site, browser):
    texts = {}
    for module in load_issue(SAMPLE).story_starts():
        article = module.article
        texts[article.source.stem] = "\n".join(
            [" ".join(filter(None, (article.kicker, article.headline, article.deck)))]
            + [f"{b.caption} {b.credit}" if isinstance(b, Photo) else b.text
               for b in article.blocks])
    for query in ("高质量发展", "晋中", "市委经济工作会议"):
        browser.open((site / "search.html").as_uri() + f"?q={query}")
        found = browser.evaluate("""[...document.querySelectorAll('#search-results > li')].map(
            (li) => [li.querySelector('a').getAttribute('href'),
                     li.querySelector('.jump').textContent])""")
        expected = {f"articles/{stem}.html": bare(text).count(query)
                    for stem, text in texts.items() if query in bare(text)}
        assert {href: int(where.split("·")[1].strip().rstrip("处")) for href, where in found} \
            == expected, query
    browser.open((site / "search.html").as_uri() + "?q=不在本期的词语")
    assert "没有找到" in browser.evaluate("document.getElementById('search-status').textContent")


def issue_copy(tmp_path: Path, number: int, day: str) -> Path:
    """The sample as another issue: its number and date changed (weekday and lunar date
    derived again, as the manifest checks them)."""
    import datetime
    copy = tmp_path / f"issue-{number}"
    shutil.copytree(SAMPLE, copy)
    toml = copy / "issue.toml"
    line = date_line(datetime.date.fromisoformat(day))
    text = toml.read_text(encoding="utf-8")
    for key, value in (("number", str(number)), ("date", day), ("weekday", f'"{line.weekday}"'),
                       ("lunar", f'"{line.lunar}"')):
        # The first such line: the issue's own keys come before its [[pages]] tables.
        text, found = re.subn(rf"^{key} = .*$", f"{key} = {value}", text, count=1,
                              flags=re.MULTILINE)
        assert found or key in ("weekday", "lunar"), key
    toml.write_text(text, encoding="utf-8")
    return copy


def test_issues_in_one_output_root_link_to_each_other(tmp_path, site):
    root = tmp_path / "epaper"
    shutil.copytree(site, root / "3144")
    done = epaper(issue_copy(tmp_path, 3145, "2024-01-08"), root / "3145")
    assert done.returncode == 0, done.stderr
    page = (root / "3145" / "index.html").read_text(encoding="utf-8")
    assert 'rel="prev" href="../3144/index.html">上一期（第3144期）' in page
    assert 'rel="next"' not in page.split("</nav>")[0]
    data = json.loads((root / "3145" / "issue.json").read_text(encoding="utf-8"))
    assert data["previous"]["number"] == 3144 and data["next"] is None
    article = next((root / "3145" / "articles").glob("*.html")).read_text(encoding="utf-8")
    assert 'href="../../3144/index.html"' in article
    # The earlier issue, written before, now links forward too.
    earlier = (root / "3144" / "index.html").read_text(encoding="utf-8")
    assert 'rel="next" href="../3145/index.html">下一期（第3145期）' in earlier
    assert json.loads((root / "3144" / "issue.json").read_text(encoding="utf-8"))["next"][
        "number"] == 3145
    assert not [p for p in (root / "3144").rglob(".*")]      # no temporary file left


def test_written_again_the_site_is_replaced_whole(tmp_path, site):
    out = tmp_path / "3144"
    shutil.copytree(site, out)
    (out / "stale.html").write_text("old", encoding="utf-8")
    done = epaper(SAMPLE, out)
    assert done.returncode == 0, done.stderr
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["3144"]     # no temporary folder left


def test_bad_output_and_input_get_one_clear_line(tmp_path):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    done = epaper(SAMPLE, other)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"broadsheet: error: {other}: -o: the folder is not empty "
                                   "and holds no e-paper (no issue.json) — fix: give a new or "
                                   "empty folder, or an earlier e-paper's")
    assert (other / "keep.txt").read_text(encoding="utf-8") == "mine"
    done = epaper(tmp_path / "missing", tmp_path / "out")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "no issue directory" in done.stderr and "Traceback" not in done.stderr
    done = epaper(SAMPLE, other / "keep.txt" / "site")          # a folder inside a file
    assert done.returncode == 2 and done.stderr.startswith(
        f"broadsheet: error: {other / 'keep.txt' / 'site'}: -o: cannot write the e-paper")
    done = epaper(SAMPLE, tmp_path / "out", "--dpi", "5")
    assert done.returncode == 2 and "--dpi" in done.stderr


def test_an_overset_story_is_reported_and_its_article_is_whole(tmp_path, overset_issue):
    out = tmp_path / "site"
    done = epaper(overset_issue, out)
    assert done.returncode == 1
    assert "overset" in done.stderr and "Traceback" not in done.stderr
    data = json.loads((out / "issue.json").read_text(encoding="utf-8"))
    [article] = [a for a in data["articles"] if a["overset"]]
    source = next(m for m in load_issue(overset_issue).story_starts()
                  if m.article.source.stem == article["id"]).article
    assert [b["text"] for b in article["blocks"] if b["type"] == "paragraph"] == \
        [b.text for b in source.blocks if isinstance(b, Paragraph)]


def test_progress_is_told_of_every_page_and_article(tmp_path):
    from layout.epaper import write_epaper
    heard = []
    result = write_epaper(ROOT / "tests" / "data" / "eight-page", tmp_path / "site", dpi=50,
                          progress=lambda stage, done, total: heard.append((stage, done, total)))
    for stage, total in (("排版 composing", result.pages), ("版面 pages", result.pages),
                         ("稿件 articles", result.articles)):
        assert [(d, t) for s, d, t in heard if s == stage] == \
            [(n, total) for n in range(1, total + 1)]
    assert result.pages == 8 and (tmp_path / "site" / "page-8.html").is_file()


def test_an_article_file_name_that_needs_quoting_still_links(tmp_path):
    from urllib.parse import unquote
    issue = tmp_path / "issue"
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    (issue / "side.md").rename(issue / "侧记 #1.md")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"side.md"', '"侧记 #1.md"'),
                    encoding="utf-8")
    done = epaper(issue, tmp_path / "site", "--dpi", "50")
    assert done.returncode == 0, done.stderr
    page = html5lib.parse((tmp_path / "site" / "index.html").read_bytes(),
                          namespaceHTMLElements=False)
    hrefs = {a.get("href") for a in page.iter("a") if "articles/" in (a.get("href") or "")}
    hrefs |= {a.get("href") for a in page.iter("{http://www.w3.org/2000/svg}a")}
    assert hrefs == {"articles/%E4%BE%A7%E8%AE%B0%20%231.html"}
    assert (tmp_path / "site" / unquote(hrefs.pop())).is_file()


def test_text_set_otherwise_than_the_article_stops_the_e_paper():
    """The article pages show the article's text only because it is what the page sets: a
    line missing from a story's regions is caught, naming the article file."""
    from dataclasses import replace

    from layout.epaper.site import PageImage, issue_data
    from layout.errors import BroadsheetError
    from layout.fonts import load_font_book
    from layout.page.compose import compose_issue
    from layout.style import load_style
    issue = load_issue(SAMPLE)
    style = load_style(issue.style, SAMPLE)
    fits = compose_issue(issue, style, load_font_book(style.fonts)).fits
    images = {page.number: PageImage("a.jpg", "b.jpg", (10, 14), (5, 7)) for page in issue.pages}
    photos = {str(block.path): "p.jpg" for module in issue.story_starts()
              for block in module.article.blocks if isinstance(block, Photo)}
    data = issue_data(issue, fits, style, images, photos, {}, "x.pdf")
    assert [a["id"] for a in data["articles"]] == [m.article.source.stem
                                                   for m in issue.story_starts()]
    fit = fits[0]
    last = fit.regions[-1]
    fits[0] = replace(fit, regions=fit.regions[:-1] + (replace(last, lines=last.lines[:-1]),))
    with pytest.raises(BroadsheetError, match="differs from the article's at") as error:
        issue_data(issue, fits, style, images, photos, {}, "x.pdf")
    assert error.value.file == str(issue.story_starts()[0].article.source)


def test_every_kind_of_block_reaches_its_article_page(tmp_path):
    """Real stories with datelines, a correspondent, an editor's note, a 来源 line, pull
    quotes, lists, tables and a sidebar (tests/data/blocks): each article page holds them as
    the page sets them, and the areas of different stories never overlap."""
    blocks_issue = ROOT / "tests" / "data" / "blocks"
    out = tmp_path / "site"
    done = epaper(blocks_issue, out, "--dpi", "50")
    assert done.returncode == 0, done.stderr
    data = json.loads((out / "issue.json").read_text(encoding="utf-8"))
    for page in data["pages"]:
        shapes = [unary_union([Polygon(p) for p in area["polygons"]]) for area in page["areas"]]
        assert all(a.intersection(b).area < 1 for n, a in enumerate(shapes)
                   for b in shapes[n + 1:])
    for module in load_issue(blocks_issue).story_starts():
        article = module.article
        path = out / "articles" / f"{article.source.stem}.html"
        tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(
            path.read_bytes())
        story = tree.find(".//article")
        text = bare("".join(story.itertext()))
        for block in article.blocks:
            if isinstance(block, Table):
                rows = [[bare("".join(cell.itertext())) for cell in row]
                        for row in story.iter("tr")]
                assert [bare(c) for c in block.header] in rows
                assert all([bare(c) for c in row] in rows for row in block.rows)
            elif isinstance(block, ListBlock):
                assert all(bare(item.text) in text for item in block.items)
            elif isinstance(block, Sidebar):
                assert bare(block.title) in text
                assert all(bare(inner.text) in text for inner in block.blocks
                           if isinstance(inner, Paragraph))
            elif not isinstance(block, Photo):
                assert bare(block.text) in text, block
        first = story.find(".//div[@class='body']/p")
        if article.dateline:                             # 本报讯（记者 ××）… as the page sets it
            assert bare("".join(first.itertext())).startswith(bare(article.dateline))
            assert first.find("strong").text == article.dateline
        if article.editor_note:
            assert bare(article.editor_note) in bare("".join(
                story.find(".//p[@class='editor-note']").itertext()))
        if article.origin:
            assert story.find(".//p[@class='origin']").text == f"来源：{article.origin}"
        if article.correspondent:
            assert bare(article.correspondent) in text
