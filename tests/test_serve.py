"""The live preview, end to end in headless Chromium: pages shown, re-rendered after an edit,
a broken manifest shown as its error instead of stale pages, a line in the terminal for each
render; the desk's panel of overset stories and check findings, clicked to the spot on the
page (checked against the text the PDF draws there), the PDF to download."""
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
from cdp import Chromium  # noqa: E402

from layout.commands.desk import SPOT_PAD  # noqa: E402

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not __import__("os").environ.get("CI"),
    reason="Debian's chromium is not installed (make test installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def state(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/state", timeout=5) as answer:
        return json.loads(answer.read())


def wait_for(port, test, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        try:
            current = state(port)
            if test(current):
                return current
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("the server never reached the expected state")


def dom(port) -> str:
    """The page as Chromium shows it after its script has run."""
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={Path(__import__('tempfile').mkdtemp())}",
         "--virtual-time-budget=4000", "--dump-dom", f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def start(issue: Path):
    """`broadsheet serve ISSUE` on a free port, once its first render is checked."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "layout.cli", "serve", str(issue),
                                "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, lambda s: s["version"] >= 1 and s["checked"])
    except AssertionError:
        process.terminate()
        raise
    return process, port


def stop(process) -> list[str]:
    """Stop the server; its terminal lines."""
    process.terminate()
    out, err = process.communicate(timeout=30)
    assert "Traceback" not in err
    return out.splitlines()


@pytest.fixture
def server(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    process, port = start(issue)
    try:
        yield issue, port, process
    finally:
        if process.poll() is None:
            stop(process)


def test_pages_rerender_on_edit_and_errors_replace_them(server):
    issue, port, process = server
    first = dom(port)
    assert 'src="/page/1.png?v=1"' in first and 'id="error" hidden' in first

    article = issue / "side.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n新增一段：稿件改动后版面随之更新。\n",
                       encoding="utf-8")
    wait_for(port, lambda s: s["version"] >= 2 and not s["error"])
    assert 'src="/page/1.png?v=2"' in dom(port)

    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("number = 2\n", "number = \n", 1),
                    encoding="utf-8")
    broken = wait_for(port, lambda s: s["error"] is not None)
    shown = dom(port)
    assert "issue.toml" in broken["error"] and "issue.toml" in shown
    assert '<div id="pages"></div>' in shown             # no stale page under an error
    assert re.search(r'<a id="pdf" class="button" download="" hidden="">', shown)   # nor PDF

    # One line per render in the terminal: when, what changed, how long, what came of it.
    lines = stop(process)
    assert lines[0] == f"serving {issue} on http://127.0.0.1:{port}/ (Ctrl-C stops)"
    clock = r"\d\d:\d\d:\d\d  render"
    assert re.fullmatch(clock + r" 1: 1 page in \d+\.\d s — 0 overset, 0 errors, 0 warnings",
                        lines[1]), lines
    assert re.fullmatch(clock + r" 2 \(side\.md changed\): 1 page in \d+\.\d s — 0 overset, "
                        r"0 errors, 0 warnings", lines[2]), lines
    assert re.fullmatch(clock + r" 3 \(issue\.toml changed\) failed in \d+\.\d s: "
                        rf"{re.escape(str(issue))}/issue\.toml: .*", lines[3]), lines
    assert len(lines) == 4


def overset_with_markup(tmp_path) -> Path:
    """The test issue with its story overset (a module of 15 lines) and HTML typed in its
    headline and first paragraph (proofreading warns: printed as typed)."""
    issue = tmp_path / "desk"
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('headline = "vertical"\n', "")
                    .replace("lines = 40", "lines = 15"), encoding="utf-8")
    article = issue / "side.md"
    article.write_text(article.read_text(encoding="utf-8")
                       .replace("headline: 坚定信心，奋楫前行", "headline: 坚定信心<i>奋楫</i>前行")
                       .replace("启新程，开新篇。", "启新程，开新篇 <b>and</b> 再出发。"),
                       encoding="utf-8")
    return issue


def text_at(pdf: Path, box: dict) -> str:
    """The text the PDF draws in `box` (fractions of the page's media box), less the margin
    the marker leaves round what it marks."""
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).groups())
    inset = SPOT_PAD + 1
    area = [box["left"] * width + inset, box["top"] * height + inset,
            box["width"] * width - 2 * inset, box["height"] * height - 2 * inset]
    return subprocess.run(["pdftotext", "-r", "72", "-x", str(round(area[0])), "-y",
                           str(round(area[1])), "-W", str(round(area[2])), "-H",
                           str(round(area[3])), str(pdf), "-"],
                          capture_output=True, text=True).stdout


MARKED = """(() => {          // the marker as the desk sees it: on which page, where on its image
  const marker = document.querySelector(".marker");
  if (!marker) return null;
  const image = marker.parentElement.querySelector("img").getBoundingClientRect();
  const box = marker.getBoundingClientRect();
  return { page: marker.closest("figure").id, whole: marker.classList.contains("page"),
           left: (box.left - image.left) / image.width, top: (box.top - image.top) / image.height,
           width: box.width / image.width, height: box.height / image.height,
           inView: box.top >= 0 && box.bottom <= innerHeight,
           selected: document.querySelector(".findings a.selected .where")?.textContent };
})()"""


def settle(chromium, expression, timeout=20):
    """`expression`'s value once it is truthy and the same twice (a smooth scroll ended)."""
    end, last = time.time() + timeout, None
    while time.time() < end:
        value = chromium.evaluate(expression)
        if value and value == last:
            return value
        last = value
        time.sleep(0.3)
    raise AssertionError(f"never settled: {last}")


def test_a_finding_clicked_shows_its_page_with_the_spot_marked(tmp_path):
    issue = overset_with_markup(tmp_path)
    process, port = start(issue)
    try:
        pdf = tmp_path / "downloaded.pdf"
        request = urllib.request.Request(f"http://127.0.0.1:{port}/issue.pdf")
        with urllib.request.urlopen(request, timeout=20) as answer:
            assert answer.headers["Content-Disposition"] == 'attachment; filename="2.pdf"'
            pdf.write_bytes(answer.read())
        assert pdf.read_bytes().startswith(b"%PDF-")
        with Chromium(1400, 900) as chromium:
            chromium.open(f"http://127.0.0.1:{port}/")
            panel = settle(chromium, "document.querySelectorAll('.findings a').length === 5 && "
                                     "document.getElementById('panel').innerText")
            # Listed as typed, never as HTML: the tags are text in the panel.
            assert chromium.evaluate("document.querySelectorAll('#panel i, #panel b').length") \
                == 0
            assert "坚定信心<i>奋楫</i>前行: 34 characters do not fit" in panel, panel
            assert re.search(rf"{re.escape(str(issue))}/side\.md:3:15\n.*printed as typed: "
                             r"坚定信心【<i>】奋楫</i>前行", panel), panel
            assert chromium.evaluate("document.getElementById('pdf').getAttribute('href')") \
                == "/issue.pdf?v=1"

            # The overset story: its module marked, the page scrolled to it.
            where = chromium.evaluate(
                "(() => { const r = document.querySelector('#overset a').getBoundingClientRect();"
                " return [r.x + 30, r.y + 12]; })()")
            chromium.click(*where, navigates=False)
            marked = settle(chromium, MARKED)
            assert marked["page"] == "page-1" and not marked["whole"] and marked["inView"]
            assert re.fullmatch(rf"{re.escape(str(issue))}/side\.md:\d+:\d+", marked["selected"])
            text = text_at(pdf, marked)
            assert "坚定信心" in text and "记者" in text, text   # the whole module is in the box
            chromium.screenshot(tmp_path / "overset.png")

            # The tag typed in the first paragraph: just those characters marked.
            chromium.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n'}))")
            chromium.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n'}))")
            chromium.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n'}))")
            marked = settle(chromium, MARKED)
            assert marked["selected"] == f"{issue}/side.md:8:9", marked
            assert marked["width"] < 0.03 and marked["height"] < 0.02, marked
            assert text_at(pdf, marked).strip() == "<b>", marked
            chromium.screenshot(tmp_path / "tag.png")

            chromium.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', "
                              "{key: 'Escape'}))")
            assert chromium.evaluate(MARKED) is None
    finally:
        stop(process)


def test_shared_on_the_network_the_printed_address_opens_it_and_leaves_no_token_behind(
        tmp_path):
    """`--host`: the address printed at start-up opens the preview in a browser (127.0.0.2
    stands for the machine's address on the office network); the token goes from the address
    bar into a cookie scripts cannot read; without it, nothing but the refusal."""
    issue = tmp_path / "issue"
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "layout.cli", "serve", str(issue),
                                "--port", str(port), "--host", "127.0.0.2"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        address = re.match(r"serving .* on (http://127\.0\.0\.2:\d+/\?token=\S+) ",
                           process.stdout.readline())[1]
        with Chromium(1400, 900) as chromium:
            chromium.open(f"http://127.0.0.2:{port}/")
            assert "shared with a token" in chromium.evaluate("document.body.innerText")
            chromium.open(address)
            shown = settle(chromium, "document.querySelector('#pages img')?.complete && "
                                     "document.querySelector('#pages img').naturalWidth > 0 && "
                                     "document.getElementById('status').textContent")
            assert shown.startswith("render 1 · ") and "0 overset" in shown
            assert chromium.evaluate("location.href") == f"http://127.0.0.2:{port}/"
            assert chromium.evaluate("document.cookie") == ""          # HttpOnly
            assert chromium.evaluate("document.getElementById('pdf').hidden") is False
    finally:
        lines = stop(process)
    assert not any("token" in line for line in lines)      # the start-up line only
