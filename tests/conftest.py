"""Fixtures shared across the test folders."""
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def overset_issue(tmp_path) -> Path:
    """A copy of the small test issue with its module made too short: its story is overset."""
    issue = tmp_path / "overset-issue"
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('headline = "vertical"\n', "")
                    .replace("lines = 40", "lines = 14"), encoding="utf-8")
    return issue
