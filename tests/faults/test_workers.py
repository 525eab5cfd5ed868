"""Workers of a render never outlive it, never hold its output open, never hang it (issue 21,
finding 3): the parent killed at any point, failing during the work done ahead, or piped."""
import os
import signal
import subprocess
import sys
import time

import pytest

from .harness import complete_pdf, group_members, start, wait_until_gone


def test_workers_die_with_their_parent_even_when_it_is_killed(tmp_path):
    """Issue 21: SIGKILL leaves the parent no chance to end its workers; they end anyway."""
    script = ("import sys, time\nfrom layout.session import Session\n"
              "def work(n):\n    time.sleep(0.1)\n    return n\n"
              "print('working', flush=True)\nSession().map(work, list(range(200)), jobs=3)\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               text=True, start_new_session=True)
    assert process.stdout.readline() == "working\n"
    time.sleep(0.5)
    os.killpg(process.pid, 0)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert wait_until_gone(process.pid, 1.0) == []
    assert process.stdout.read() == ""          # the pipe closed: no worker holds it


@pytest.mark.parametrize("delay, signum", [(0.2, signal.SIGKILL), (0.8, signal.SIGTERM),
                                           (1.6, signal.SIGKILL), (2.4, signal.SIGINT)])
def test_a_render_stopped_at_any_point_leaves_no_process_and_no_broken_pdf(tmp_path, delay,
                                                                           signum):
    """The eight-page issue on a cold cache (so photos and paragraphs are being done ahead on
    every core), stopped some time after it started — killed, terminated, or Ctrl-C (which a
    terminal sends to every process of the render): a second later nothing of the render
    runs, the output is the previous PDF or a whole new one, and a render that could say so
    said it in one line."""
    target = tmp_path / "8.pdf"
    target.write_bytes(b"previous")
    process = start("render", "tests/data/eight-page", "-o", str(target), "--jobs", "3",
                    cache=tmp_path / "cache")
    assert process.stdout.readline().startswith("版")      # rendering has begun
    time.sleep(delay)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)                      # as Ctrl-C does
    else:
        os.kill(process.pid, signum)                        # the parent only
    _, stderr = process.communicate(timeout=60)
    assert wait_until_gone(process.pid, 1.0) == []
    assert target.read_bytes() == b"previous" or complete_pdf(target)
    if signum != signal.SIGKILL and process.returncode != 0:    # (0: it had finished)
        assert process.returncode == 128 + signum
        assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr


def test_a_render_failing_during_the_work_ahead_ends_and_closes_its_pipe(issue):
    """A style whose output profile is not an ICC profile fails the parent while workers are
    converting photos with it; `broadsheet render … | cat` used to wait for ever."""
    (issue / "house.toml").write_text(
        f'base = "jinzhong"\n[print]\nprofile = "{issue / "README.md"}"\n', encoding="utf-8")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'style = "jinzhong"', 'style = "house.toml"'), encoding="utf-8")
    process = start("render", str(issue), "-o", str(issue.parent / "x.pdf"), "--jobs", "2",
                    cache=issue.parent / "cache")
    try:
        _, stderr = process.communicate(timeout=30)     # stdout, stderr closed by everyone
    finally:
        for left in group_members(process.pid):
            os.kill(left, signal.SIGKILL)
    assert process.returncode == 2, stderr
    assert stderr.count("\n") == 1, stderr
    assert wait_until_gone(process.pid, 1.0) == []
