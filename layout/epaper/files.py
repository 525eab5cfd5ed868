"""The e-paper's files from its data: HTML pages (Jinja2 templates, escaped automatically), the
stylesheet and script, and the offline search index."""
from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..output import atomic_output
from .articles import reading_texts


STATIC = ("epaper.css", "epaper.js")
SEARCH_INDEX = "search-index.js"
ISSUE_FILE = "issue.json"


def write_site(data: dict, site: Path, progress=None) -> None:
    """index.html (page 1), page-N.html, articles/<id>.html, articles.html (本期目录),
    search.html with search-index.js, the stylesheet and script, and issue.json."""
    templates = Environment(loader=PackageLoader("layout.epaper"), autoescape=select_autoescape(),
                            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                            keep_trailing_newline=True)
    static = Path(__file__).parent / "static"
    for name in STATIC:
        _write(site / name, (static / name).read_text(encoding="utf-8"))
    articles = {article["id"]: article for article in data["articles"]}
    common = {"issue": data, "articles": articles}
    pages = data["pages"]
    for n, page in enumerate(pages):
        _write(site / page["href"], templates.get_template("page.html").render(
            **common, root="", page=page,
            previous=pages[n - 1] if n > 0 else None,
            next=pages[n + 1] if n + 1 < len(pages) else None))
    (site / "articles").mkdir(exist_ok=True)
    for n, article in enumerate(data["articles"], 1):
        html = templates.get_template("article.html").render(**common, root="../",
                                                             article=article)
        _write(site / "articles" / f"{article['id']}.html", html)
        if progress is not None:
            progress(n, len(data["articles"]))
    _write(site / "articles.html", templates.get_template("contents.html").render(
        **common, root=""))
    _write(site / "search.html", templates.get_template("search.html").render(
        **common, root=""))
    _write(site / SEARCH_INDEX, search_index(data))
    _write(site / ISSUE_FILE, json.dumps(data, ensure_ascii=False, indent=1))


def search_index(data: dict) -> str:
    """The issue's text for the search page, as a script (a page opened from disk may not
    fetch files, but it may load scripts): per article its titles, pages and text."""
    entries = [{"href": article["href"], "title": article["headline"],
                "titles": " ".join(filter(None, (article["kicker"], article["headline"],
                                                 article["deck"]))),
                "pages": article["pages"],
                "text": "\n".join(filter(None, [article["credit"], *reading_texts(
                    ([article["editor_note"]] if article["editor_note"] else [])
                    + article["blocks"]), article["origin"]]))}
               for article in data["articles"]]
    return "window.BROADSHEET_SEARCH = " + json.dumps(entries, ensure_ascii=False) + ";\n"


def _write(path: Path, text: str) -> None:
    """Whole or not at all (a neighbour's pages are rewritten in place)."""
    with atomic_output(path, field=None) as temporary:
        temporary.write_text(text, encoding="utf-8")
