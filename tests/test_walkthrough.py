"""A new user's night, scripted (issue 20): a clean copy of the sample, the README's commands,
tomorrow's issue made with `new`, its stories written, then render → preview → check → serve,
with every output checked. The command is run as the README says: `broadsheet` on the PATH."""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.prefix) / "bin" / "broadsheet"


def body_of(article: Path) -> str:
    """The text after an article's front matter (the sample's real published copy)."""
    text = article.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    if not BIN.exists():
        pytest.skip("no broadsheet command installed in this environment (make test makes it)")
    where = tmp_path_factory.mktemp("desk")
    shutil.copytree(ROOT / "issues" / "3144", where / "3144")
    env = {**os.environ, "PATH": f"{BIN.parent}{os.pathsep}{os.environ['PATH']}",
           "BROADSHEET_CACHE": str(where / "cache.sqlite3")}
    env.pop("BROADSHEET_DEBUG", None)

    def run(*args, code=0, background=False):
        if background:          # Ctrl-C stops it, as at the desk (not ignored, as it may be
            return subprocess.Popen(   # in a shell running the tests in the background)
                ["broadsheet", *args], cwd=where, env=env, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True,
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        result = subprocess.run(["broadsheet", *args], cwd=where, env=env, capture_output=True,
                                text=True, timeout=600)
        assert result.returncode == code, f"{args}: {result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr
        return result
    return where, run


def get(port: int, path: str) -> tuple[dict, bytes]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as answer:
        return dict(answer.headers), answer.read()


def checked_state(port: int, version: int) -> dict:
    """The live preview's state once render `version` is done and checked."""
    end = time.time() + 300
    while time.time() < end:
        try:
            state = json.loads(get(port, "/state")[1])
            if state["version"] >= version and state["checked"]:
                return state
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"render {version} was never shown")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_a_night_at_the_desk(desk):
    where, run = desk
    # The README's first commands.
    assert run("date", "2024-01-06").stdout == "2024年1月6日 癸卯年十一月廿五 星期六\n"
    today = run("render", "3144").stdout.splitlines()
    assert today[0].split() == ["版", "article", "headline", "lines", "set", "available",
                                "overset", "chars", "jump"]
    assert today[1].split()[:2] == ["1", "maoding-mubiao.md"]
    assert "photo  page 1  photos/tea-garden.jpg: printed " in "\n".join(today)
    assert "out/3144.pdf: 1 page(s)" in today

    # Tomorrow's issue.
    made = run("new", "3145", "--from", "3144").stdout.splitlines()
    assert made == ["3145/issue.toml: 第3145期 2024年1月8日 癸卯年十一月廿七 星期一 (the next "
                    "publishing weekday in jinzhong's schedule)",
                    "3145/p1-1.md: empty, to be written", "3145/p1-2.md: empty, to be written",
                    "next: write the stories, then broadsheet render 3145 (the make-up engine "
                    "places them)"]
    refused = run("render", "3145", code=2)
    assert refused.stdout == "" and "3145/p1-1.md: headline: the headline is empty" in \
        refused.stderr

    # The editors write tonight's stories (the sample's real copy under new headlines); the
    # make-up engine places them.
    issue = where / "3145"
    shutil.copytree(where / "3144" / "photos", issue / "photos")
    (issue / "p1-1.md").write_text(
        "---\nkicker:\nheadline: 全会精神 落地见效\ndeck: 市委五届七次全会侧记\nbyline: 记者 闫淑娟\n"
        "---\n" + body_of(where / "3144" / "maoding-mubiao.md"), encoding="utf-8")
    (issue / "p1-2.md").write_text(
        "---\nkicker:\nheadline: 稳中求进 奋楫前行\ndeck: ——市委经济工作会议侧记\nbyline: 记者 史俊杰\n"
        "---\n" + body_of(where / "3144" / "jianding-xinxin.md"), encoding="utf-8")

    rendered = run("render", "3145").stdout
    assert re.search(r"^1\s+p1-1\.md\s+全会精神 落地见效\s+\d+\s+\d+\s+0\s*$", rendered, re.M)
    assert re.search(r"^1\s+p1-2\.md\s+稳中求进 奋楫前行\s+\d+\s+\d+\s+0\s*$", rendered, re.M)
    assert "out/3145.pdf: 1 page(s)" in rendered
    text = subprocess.run(["pdftotext", "-layout", "-l", "1", str(where / "out" / "3145.pdf"),
                           "-"], capture_output=True, text=True).stdout
    flat = re.sub(r"\s", "", text)
    assert "第3145期" in flat and "2024年1月8日" in flat and "星期一" in flat, text[:2000]

    previewed = run("preview", "3145").stdout.splitlines()
    assert previewed == ["out/3145-preview/3145-page-1.png", "out/3145-preview/contact-sheet.png"]

    before = files(where)
    checked = run("check", "3145").stdout
    assert re.search(r"^3145/p1-1\.md:\d+:\d+: warning \[latin-in-chinese\] ", checked, re.M)
    assert "issue 3145: preflight as PDF/X-1a:2003" in checked
    assert "No problems found." in checked
    assert files(where) - before <= {"cache.sqlite3"}      # check wrote nothing of its own
    assert files(where / "out") == {"3144.pdf", "3145.pdf", "3145-preview/3145-page-1.png",
                                    "3145-preview/contact-sheet.png"}

    # The live preview: pages, the PDF, the findings `check` printed, each with its spot.
    port = free_port()
    served = run("serve", "3145", "--port", str(port), background=True)
    try:
        assert served.stdout.readline() == \
            f"serving 3145 on http://127.0.0.1:{port}/ (Ctrl-C stops)\n"
        state = checked_state(port, 1)
        assert state["error"] is None and state["title"] == "晋中日报 第3145期 2024-01-08"
        assert [page["label"] for page in state["pages"]] == ["第1版 要闻"]
        assert get(port, state["pages"][0]["src"])[1].startswith(b"\x89PNG")
        headers, pdf = get(port, state["pdf"]["href"])
        assert headers["Content-Disposition"] == 'attachment; filename="3145.pdf"'
        assert pdf.startswith(b"%PDF-") and b"/OutputIntents" in pdf
        said = re.findall(r"^(3145/p1-1\.md:\d+:\d+): warning \[latin-in-chinese\] ", checked,
                          re.M)
        listed = [f for f in state["findings"] if f["check"] == "latin-in-chinese"]
        assert [f["where"] for f in listed] == said and said
        assert all(f["page"] == 1 and len(f["spot"]) == 4 and f["severity"] == "warning"
                   for f in listed)
        assert not [f for f in state["findings"] if f["severity"] in ("overset", "error")]

        story = issue / "p1-2.md"       # an edit: rendered again, the terminal says so
        story.write_text(story.read_text(encoding="utf-8").replace("稳中求进 奋楫前行",
                                                                   "稳中求进 勇毅前行"),
                         encoding="utf-8")
        checked_state(port, 2)
    finally:
        served.send_signal(signal.SIGINT)
        out, err = served.communicate(timeout=60)
    assert served.returncode == 0 and err == ""
    lines = out.splitlines()
    assert re.fullmatch(r"\d\d:\d\d:\d\d  render 1: 1 page in \d+\.\d s — 0 overset, 0 errors, "
                        rf"{len(said)} warnings?", lines[0]), lines
    assert re.fullmatch(r"\d\d:\d\d:\d\d  render 2 \(p1-2\.md changed\): 1 page in .*", lines[1])
    assert files(where) - before <= {"cache.sqlite3"}      # serve wrote nothing of its own
