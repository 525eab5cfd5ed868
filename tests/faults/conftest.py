"""Fixtures of the fault-injection tests (helpers in harness.py)."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .harness import ROOT


@pytest.fixture
def issue(tmp_path) -> Path:
    """A copy of the sample issue 3144 (two pages, a photo)."""
    copy = tmp_path / "3144"
    shutil.copytree(ROOT / "issues" / "3144", copy)
    return copy


@pytest.fixture(scope="session")
def good_pdf(tmp_path_factory) -> bytes:
    """The sample rendered once: 'the previous good PDF' the faults must not destroy."""
    folder = tmp_path_factory.mktemp("good")
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", "issues/3144",
                           "-o", str(folder / "3144.pdf")], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr
    return (folder / "3144.pdf").read_bytes()
