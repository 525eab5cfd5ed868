"""The real-news corpus (tests/data/realnews) loads with the article reader, and every file
is cited in SOURCES.md — so the copy other tests rely on stays readable and traceable."""

from pathlib import Path

import pytest

from layout.manifest import load_article
from layout.model import Paragraph

REALNEWS = Path(__file__).parent / "data" / "realnews"
ARTICLES = sorted(REALNEWS.glob("*.md"))
ARTICLES = [path for path in ARTICLES if path.name not in ("SOURCES.md", "README.md")]


def test_the_corpus_is_there():
    assert len(ARTICLES) >= 40


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
        assert original.read_text(encoding="utf-8") == copy.read_text(encoding="utf-8"), copy.name
