"""Every command example in README.md runs as printed, in a copy of the repository.

A fenced block's commands are its ```sh lines, or its lines starting with `$ ` — those are
followed by the output they print, which is checked line by line. A block's commands run in
one shell in order, so an `export` carries on to the next line, as it would for the reader.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

# What a reader types but the tests cannot run, and why.
SKIPPED = {
    "make test": "this is the test suite itself",
    "broadsheet serve": "serves until stopped, for a browser (tests/test_serve.py covers it)",
}
COPIED = ("Makefile", "broadsheet", "pyproject.toml", "scripts", "issues", "styles", "fonts",
          "profiles")
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def readme_examples() -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """(first command, [(command, expected output lines), …]) per fenced block with commands."""
    examples = []
    for language, body in _FENCE.findall(README.read_text(encoding="utf-8")):
        lines = body.splitlines()
        steps: list[tuple[str, list[str]]] = []
        if language == "sh":
            steps = [(line.split(" #")[0].strip(), []) for line in lines
                     if line.strip() and not line.lstrip().startswith("#")]
        else:
            for line in lines:
                if line.startswith("$ "):
                    steps.append((line[2:].strip(), []))
                elif steps and line.strip():
                    steps[-1][1].append(line)
        if steps:
            examples.append((steps[0][0], steps))
    return examples


EXAMPLES = readme_examples()


def test_the_readme_has_runnable_examples():
    commands = [command for _, steps in EXAMPLES for command, _ in steps]
    assert "make demo" in commands and "broadsheet date 2024-01-06" in commands
    assert any(command.startswith("broadsheet check") for command in commands)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The repository's files a user runs against, with this test run's virtual environment
    as its .venv (as `make` would have made it)."""
    where = tmp_path_factory.mktemp("clone")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, where / name, copy_function=shutil.copy2)
        else:
            shutil.copy2(source, where / name)
    (where / ".venv").symlink_to(Path(sys.prefix))
    stamp = where / ".venv" / ".installed"
    stamp.exists() or pytest.skip("no .venv made by make")
    # This run's environment is what the copy's pyproject.toml asks for: make need not redo it.
    os.utime(where / "pyproject.toml", ns=(stamp.stat().st_mtime_ns, stamp.stat().st_mtime_ns))
    return where


@pytest.mark.parametrize("first, steps", EXAMPLES, ids=[first for first, _ in EXAMPLES])
def test_readme_example_runs_as_printed(first, steps, clone):
    skipped = {command: reason for command, _ in steps for prefix, reason in SKIPPED.items()
               if command.startswith(prefix)}
    steps = [(command, expected) for command, expected in steps if command not in skipped]
    if not steps:
        pytest.skip("; ".join(skipped.values()))
    # The Quick start puts .venv/bin on the PATH for the examples after it.
    env = {**os.environ, "BROADSHEET_CACHE": str(clone / "cache.sqlite3"),
           "PATH": f"{clone / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("BROADSHEET_DEBUG", None)
    script = []
    for command, expected in steps:
        marker = f"=== {len(script)}"
        script.append(f"echo '{marker}'\n{command}")
    result = subprocess.run(["sh", "-ec", "\n".join(script)], cwd=clone, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{first!r} failed:\n{result.stdout}\n{result.stderr}"
    outputs = re.split(r"^=== \d+\n", result.stdout, flags=re.M)[1:]
    for (command, expected), output in zip(steps, outputs):
        if command == "make demo":          # it ends by saying where the command is
            expected = [".venv/bin/broadsheet", 'export PATH="', "rendering the sample"]
        for line in expected:
            assert line in output, f"{command!r} does not print {line!r}; it printed:\n{output}"
