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


@pytest.fixture(scope="session")
def truetype_font():
    """register(name, fonts.toml entry, text): registers with ReportLab, as `name`, a TrueType
    font holding `text`'s characters cut from the face (HarfBuzz's subset, cmap kept), for
    tests that draw with ReportLab alone, as a PDF from elsewhere would be made."""
    return _register_truetype_font


def _register_truetype_font(name: str, role_font: str, text: str) -> str:
    import io

    import uharfbuzz as hb
    from fontTools.ttLib import TTFont as FontToolsFont
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from layout.fonts import load_font_book
    if name not in pdfmetrics.getRegisteredFontNames():
        face = load_font_book({"body": role_font}).face("body")
        request = hb.SubsetInput()
        for char in set(text) | {" "}:
            request.unicode_set.add(ord(char))
        subset = hb.subset(hb.Face(hb.Blob.from_file_path(str(face.path)), face.index), request)
        # Renamed: ReportLab takes two fonts of one PostScript name for one font.
        font = FontToolsFont(io.BytesIO(subset.blob.data))
        font["name"].removeNames(nameID=6)
        font["name"].setName(name, 6, 3, 1, 0x409)
        data = io.BytesIO()
        font.save(data)
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data.getvalue())))
    return name


@pytest.fixture
def clean_session(tmp_path, monkeypatch):
    """A render session of its own, active for the test: nothing remembered in memory, and
    its disk store in a folder of its own (empty)."""
    from layout.session import Session
    monkeypatch.setenv("BROADSHEET_CACHE", str(tmp_path / "cache"))
    session = Session()
    with session.active():
        yield session


@pytest.fixture
def sample_with_a_brief(tmp_path) -> Path:
    """A copy of the sample issue (placed by hand) with a pool of one brief (补白)."""
    issue = tmp_path / "3144"
    shutil.copytree(ROOT / "issues" / "3144", issue)
    shutil.copy(ROOT / "tests" / "data" / "realnews" / "kuaixun-20260122-1.md", issue)
    with open(issue / "issue.toml", "a", encoding="utf-8") as toml:
        toml.write('\n[[fillers]]\narticle = "kuaixun-20260122-1.md"\n')
    return issue
