"""The real-news corpus (tests/data/realnews) loads with the article reader, and every file
is cited in SOURCES.md — so the copy other tests rely on stays readable and traceable."""

import importlib.util
import re
from pathlib import Path

import pytest
from PIL import Image

from layout.read.article import load_article
from layout.model import Paragraph, Photo

REALNEWS = Path(__file__).parent / "data" / "realnews"
ARTICLES = sorted(REALNEWS.glob("*.md"))
ARTICLES = [path for path in ARTICLES if path.name not in ("SOURCES.md", "README.md")]


def test_the_corpus_is_there():
    assert len(ARTICLES) >= 150


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_article_loads_with_headline_and_body(path):
    article = load_article(path)
    assert article.headline.strip()
    paragraphs = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    assert paragraphs, f"{path.name} has no paragraph"
    assert sum(len(text) for text in paragraphs) >= 100, f"{path.name} has almost no text"
    assert all(text.strip() == text and text for text in paragraphs)


def test_every_article_is_cited_in_sources():
    sources = (REALNEWS / "SOURCES.md").read_text(encoding="utf-8")
    missing = [path.name for path in ARTICLES if f"`{path.name}`" not in sources]
    assert not missing, f"not cited in SOURCES.md: {missing}"


@pytest.mark.parametrize("issue", ["real-eight-page-a", "real-eight-page-b"])
def test_issue_articles_are_copies_of_the_corpus(issue):
    """The issue folders hold copies (not links) that match the corpus word for word."""
    folder = Path(__file__).parent / "data" / issue
    copies = sorted(folder.glob("*.md"))
    copies = [path for path in copies if path.name != "README.md"]
    assert copies
    for copy in copies:
        assert not copy.is_symlink()
        original = REALNEWS / copy.name
        text = PHOTO_BLOCK.sub("", copy.read_text(encoding="utf-8"))
        assert original.read_text(encoding="utf-8") == text, copy.name


PHOTO_BLOCK = re.compile(r"^!\[.*\n\n", re.M)
ISSUES = ["real-eight-page-a", "real-eight-page-b"]


def issue_stories(issue: str) -> set[str]:
    toml = (Path(__file__).parent / "data" / issue / "issue.toml").read_text(encoding="utf-8")
    return set(re.findall(r'^article = "(.+?)"', toml, re.M))


def test_the_two_issues_carry_different_stories():
    assert not issue_stories(ISSUES[0]) & issue_stories(ISSUES[1])


@pytest.mark.parametrize("issue", ISSUES)
def test_issue_photos_load_are_downscaled_and_cited(issue):
    """Each issue has several stock photos, each loadable, at most 2000 px on the long side,
    captioned as a 资料图片 with a credit, and listed with its terms in photos/SOURCES.md."""
    folder = Path(__file__).parent / "data" / issue
    sources = (REALNEWS / "photos" / "SOURCES.md").read_text(encoding="utf-8")
    photos = [block for path in sorted(folder.glob("*.md")) if path.name != "README.md"
              for block in load_article(path).blocks if isinstance(block, Photo)]
    assert len(photos) >= 3
    for photo in photos:
        assert photo.caption.endswith("（资料图片）") and photo.credit, photo.path.name
        assert f"`{photo.path.name}`" in sources, photo.path.name
        with Image.open(photo.path) as image:
            assert max(image.size) <= 2000 and image.format == "JPEG", photo.path.name


def make_issues():
    """The generator script of the two issues, loaded as a module (it is not a package)."""
    spec = importlib.util.spec_from_file_location("make_issues", REALNEWS / "make_issues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("issue", ISSUES)
def test_issue_is_generated_and_every_page_is_88_to_95_percent_text(issue):
    """issue.toml is what make_issues.py writes today, and by its column-line estimate every
    page holds 88–95 % text (headline blocks included), the rest left for photos."""
    module = make_issues()
    spec = module.ISSUES[issue]
    toml = (Path(__file__).parent / "data" / issue / "issue.toml").read_text(encoding="utf-8")
    assert toml == module.issue_toml(issue, spec), "run tests/data/realnews/make_issues.py"
    for number, (section, slugs) in enumerate(spec["pages"], 1):
        need = sum(module.body_lines(slug) + module.HEAD_LINES for slug in slugs)
        assert 0.88 <= need / module.page_capacity(number) <= 0.95, (number, section, need)
