"""What a failed, interrupted or raced render leaves at the output path: the previous PDF as
it was, or the complete new one — never an empty, truncated or key-less file (issue 21,
finding 1) — and never a file the issue reads (finding 2)."""
import os
import resource
import signal
import subprocess
import sys
import time

import pytest

from .harness import ROOT, complete_pdf, start, temporary_files


def kill_when_writing(process, target, old_state, signum, timeout=120.0) -> bool:
    """Send `signum` to the render the moment its output changes or a temporary file appears
    beside it — inside the write phase, where a kill did the damage. True if it was sent
    before the render ended by itself."""
    end = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < end:
        try:
            info = target.stat()
            state = (info.st_ino, info.st_size, info.st_mtime_ns)
        except FileNotFoundError:
            state = None
        if state != old_state or temporary_files(target.parent):
            os.killpg(process.pid, signum)
            return True
        time.sleep(0.0005)
    return False


def state_of(path):
    info = path.stat()
    return info.st_ino, info.st_size, info.st_mtime_ns


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_render_stopped_while_writing_leaves_the_previous_pdf(tmp_path, good_pdf, signum):
    target = tmp_path / "3144.pdf"
    target.write_bytes(good_pdf)
    process = start("render", "issues/3144", "-o", str(target), cache=tmp_path / "cache")
    sent = kill_when_writing(process, target, state_of(target), signum)
    _, stderr = process.communicate(timeout=60)
    assert sent, "the render ended before its output changed"
    after = target.read_bytes()
    assert after == good_pdf or complete_pdf(target)    # old, or new and whole
    if signum != signal.SIGKILL:        # a clean end: one line, temporary file removed
        assert process.returncode == 128 + signum, stderr
        assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
        assert stderr.startswith("broadsheet: interrupted")
        assert temporary_files(tmp_path) == []


def test_a_full_disk_leaves_the_previous_pdf_and_says_so(tmp_path, good_pdf):
    """A file-size limit (what `ulimit -f` sets) below the PDF's size: the write fails
    part-way, as on a full disk."""
    target = tmp_path / "3144.pdf"
    target.write_bytes(good_pdf)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(good_pdf) // 3, len(good_pdf) // 3))
    process = start("render", "issues/3144", "-o", str(target), preexec=small_files,
                    cache=tmp_path / "cache")
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2, stderr
    assert stderr.count("\n") == 1 and "cannot write the PDF" in stderr, stderr
    assert target.read_bytes() == good_pdf
    assert temporary_files(tmp_path) == []


def test_renders_onto_one_path_at_once_each_leave_a_whole_pdf(tmp_path):
    target = tmp_path / "same.pdf"
    renders = [start("render", "issues/3144", "-o", str(target), "--jobs", "1")
               for _ in range(6)]
    for process in renders:
        _, stderr = process.communicate(timeout=240)
        assert process.returncode == 0, stderr
    assert complete_pdf(target)
    assert temporary_files(tmp_path) == []


def test_a_symlinked_output_stays_a_link_and_its_target_gets_the_pdf(tmp_path):
    real = tmp_path / "plant" / "3144.pdf"
    real.parent.mkdir()
    real.write_bytes(b"the plant's previous file")
    link = tmp_path / "3144.pdf"
    link.symlink_to(real)
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", "issues/3144", "-o",
                           str(link)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert complete_pdf(real)


@pytest.mark.parametrize("name", ["issue.toml", "maoding-mubiao.md", "photos", "link-to-toml"])
def test_an_output_onto_an_input_is_refused(issue, name):
    if name == "photos":
        target = next((issue / "photos").glob("*.jpg"))
    elif name == "link-to-toml":
        target = issue.parent / "out.pdf"
        target.symlink_to(issue / "issue.toml")
    else:
        target = issue / name
    before = target.read_bytes()
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", str(issue), "-o",
                           str(target)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert "is an input of this issue" in done.stderr and "-o" in done.stderr
    assert target.read_bytes() == before


def test_the_issues_own_style_as_output_is_refused(issue):
    style = issue / "house.toml"
    style.write_text('base = "jinzhong"\n', encoding="utf-8")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'style = "jinzhong"', 'style = "house.toml"'), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", str(issue), "-o",
                           str(style)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "is an input of this issue" in done.stderr, done.stderr
    assert style.read_text(encoding="utf-8") == 'base = "jinzhong"\n'


@pytest.mark.parametrize("args, says", [
    (("-o", "/dev/null"), "not a regular file"),
    (("-o", "{tmp}/file/"), "it is a file"),     # (an existing folder takes <number>.pdf)
    (("-o", "{tmp}/x.pdf", "--preview", "{tmp}/file"), "is a file, not a folder"),
])
def test_outputs_that_cannot_be_written_whole_are_one_line(tmp_path, args, says):
    (tmp_path / "file").write_text("a file")
    args = [arg.format(tmp=tmp_path) for arg in args]
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", "issues/3144", *args],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("broadsheet: error: ")
    assert says in done.stderr
    assert (tmp_path / "file").read_text() == "a file"


@pytest.mark.parametrize("command", ["preview", "proof"])
def test_a_file_as_the_output_folder_is_one_line(tmp_path, command):
    (tmp_path / "file").write_text("a file")
    done = subprocess.run([sys.executable, "-m", "layout.cli", command, "issues/3144", "-o",
                           str(tmp_path / "file")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "is a file, not a folder" in done.stderr
    assert (tmp_path / "file").read_text() == "a file"


def test_a_delivery_stopped_while_writing_a_page_leaves_the_page_before_it(tmp_path, issue):
    """`deliver` writes each page through the one writer of every output: a delivery stopped
    while writing leaves the page the plant had, whole, and no temporary file."""
    out = tmp_path / "pages"
    first = start("deliver", str(issue), "-o", str(out), cache=tmp_path / "cache")
    first.communicate(timeout=600)
    assert first.returncode == 0
    page = out / "20240106-01.pdf"
    before = state_of(page)
    article = issue / "jianding-xinxin.md"
    article.write_text(article.read_text(encoding="utf-8").replace("坚定信心", "坚定决心", 1),
                       encoding="utf-8")
    process = start("deliver", str(issue), "-o", str(out), cache=tmp_path / "cache")
    assert kill_when_writing(process, page, before, signal.SIGTERM)
    process.communicate(timeout=60)
    assert complete_pdf(page) and temporary_files(out) == []
    assert not (out / "20240106-01.failed.pdf").exists()


def test_the_final_name_is_chosen_once_the_file_is_written(tmp_path):
    from layout.errors import BroadsheetError
    from layout.output import atomic_output
    verdict = "pass"
    with atomic_output(tmp_path / "p.pdf", final_name=lambda: f"p.{verdict}.pdf") as temporary:
        temporary.write_bytes(b"%PDF-")
        verdict = "failed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.failed.pdf"]
    (tmp_path / "folder").mkdir()
    with pytest.raises(BroadsheetError, match="is a folder"):
        with atomic_output(tmp_path / "q.pdf", final_name=lambda: "folder") as temporary:
            temporary.write_bytes(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "p.failed.pdf"]
