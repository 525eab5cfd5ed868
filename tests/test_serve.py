"""The live preview, end to end in headless Chromium: pages shown, re-rendered after an edit,
and a broken manifest shown as its error instead of stale pages."""
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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


@pytest.fixture
def server(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "layout.cli", "serve", str(issue),
                                "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, lambda s: s["version"] >= 1)
        yield issue, port
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_pages_rerender_on_edit_and_errors_replace_them(server):
    issue, port = server
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
    assert "<img" not in shown.split("<script>")[0]   # no stale page under an error
