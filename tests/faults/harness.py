"""Fault injection: renders and the live preview run as the desk runs them, in processes of
their own, then killed, interrupted, starved of disk, pointed at their own inputs, raced
against each other. What is checked is what the desk finds afterwards: the old output or a
complete new one, never a broken one; no process left behind; one line, never a traceback."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent.parent


def start(*args, cache: Path | None = None, preexec=None, env: dict | None = None,
          **options) -> subprocess.Popen:
    """`broadsheet ARGS` as the console command runs it, in a session (process group) of its
    own so that everything it starts can be found, with Ctrl-C's default handling (a shell
    running the tests in the background would have it ignored) and its own cache."""
    env = {**os.environ, **(env or {})}
    if cache is not None:
        env["BROADSHEET_CACHE"] = str(cache)

    def child():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if preexec is not None:
            preexec()
    return subprocess.Popen([sys.executable, "-c", "from layout.cli import run; run()", *args],
                            cwd=ROOT, env=env, start_new_session=True, preexec_fn=child,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **options)


def group_members(group: int) -> list[int]:
    """The processes still in process group `group` (zombies not counted: they are gone)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(entry.name))
    return members


def wait_until_gone(group: int, seconds: float) -> list[int]:
    """Wait up to `seconds` for process group `group` to empty; what is left."""
    end = time.monotonic() + seconds
    while (left := group_members(group)) and time.monotonic() < end:
        time.sleep(0.05)
    return left


def complete_pdf(path: Path) -> bool:
    """A whole PDF/X as the render writes it: opens, its pages there, the PDF/X keys set."""
    try:
        with pikepdf.open(path) as pdf:
            return len(pdf.pages) > 0 and "/OutputIntents" in pdf.Root
    except Exception:       # noqa: BLE001 — any way of being broken
        return False


def temporary_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp.*"))
