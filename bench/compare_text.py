"""Set the same text on the same measure with Broadsheet, Typst and WeasyPrint; measure all three.

    .venv/bin/python bench/compare_text.py [--out DIR]

The text is every body paragraph of the sample issue 3144, the stress article
(tests/data/stress/stress.md) and the real-news corpus (tests/data/realnews, issue 16); the
measure is one basic column, 13 characters of 9 pt (117 pt), with a 2-em indent and a
13.5 pt line pitch. Below the text, every headline of the corpus is set centred in a box 8
characters of 24 pt wide (192 pt), so that title breaking is measured too. Each tool writes a
PDF; the same reader (layout.inspect.quality) measures every PDF. Needs `pip install typst weasyprint`.
"""
from __future__ import annotations

import argparse
import html
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout import display as dl                       # noqa: E402
from layout.backends.pdf import write_pdf               # noqa: E402
from layout.fonts import load_font_book                 # noqa: E402
from layout.read.manifest import load_article, load_issue    # noqa: E402
from layout.model import Paragraph                      # noqa: E402
from layout.inspect.quality import measure_pdf                  # noqa: E402
from layout.style import load_style                     # noqa: E402
from layout.text.compose import compose                 # noqa: E402
from layout.text.headline import set_headline           # noqa: E402

SIZE, CHARS, PITCH, MARGIN = 9.0, 13, 13.5, 10.0
MEASURE = SIZE * CHARS
TITLE_SIZE, TITLE_CHARS = 24.0, 8
TITLE_WIDTH = TITLE_SIZE * TITLE_CHARS
TITLE_PITCH = TITLE_SIZE * 1.3
FONT_DIR = "/usr/share/fonts/opentype/noto"
REAL = ROOT / "tests" / "data" / "realnews"


def real_articles():
    return [load_article(path) for path in sorted(REAL.glob("*.md"))
            if path.name not in ("SOURCES.md", "shiji-shuma-guohui.md")]   # (a table)


def paragraphs() -> list[str]:
    issue = load_issue(ROOT / "issues" / "3144")
    articles = [m.article for page in issue.pages for m in page.modules]
    articles.append(load_article(ROOT / "tests" / "data" / "stress" / "stress.md"))
    articles += real_articles()
    return [b.text for a in articles for b in a.blocks if isinstance(b, Paragraph)]


def titles() -> list[str]:
    return [article.headline for article in real_articles()]


def broadsheet(texts: list[str], out: Path, heads: list[str]) -> Path:
    style = load_style("jinzhong")
    book = load_font_book(style.fonts)
    lines = [line for text in texts
             for line in compose(text, measure=MEASURE, size=SIZE, role="body", book=book,
                                 settings=style.text, indent_em=2)]
    items = [dl.TextLine(x=MARGIN, y=MARGIN + (n + 0.5) * PITCH + 0.38 * SIZE, size=SIZE,
                         glyphs=tuple(dl.Glyph(g.char, g.x, g.face, g.scale_x)
                                      for g in line.glyphs))
             for n, line in enumerate(lines)]
    y = MARGIN + len(lines) * PITCH
    for head in heads:              # at one size: the breaks are what is compared
        y += TITLE_PITCH
        set_lines, _ = set_headline(head, width=TITLE_WIDTH, size=TITLE_SIZE,
                                    min_size=TITLE_SIZE, role="headline", book=book,
                                    settings=style.text, words=style.words)
        for line in set_lines:
            items.append(dl.TextLine(x=MARGIN + (TITLE_WIDTH - line.width) / 2, y=y,
                                     size=TITLE_SIZE, glyphs=line.glyphs, role="headline"))
            y += TITLE_PITCH
    height = y + MARGIN
    page = dl.Page(number=1, width=max(MEASURE, TITLE_WIDTH) + 2 * MARGIN, height=height,
                   bleed=0, items=tuple(items))
    path = out / "broadsheet.pdf"
    write_pdf(dl.Document(title="galley", pages=(page,)), path)
    return path


def _typst_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("#", "\\#").replace("*", "\\*")
            .replace("_", "\\_").replace("$", "\\$").replace("@", "\\@").replace("<", "\\<"))


def typst(texts: list[str], out: Path, heads: list[str]) -> Path:
    import typst as typst_module
    source = out / "galley.typ"
    body = "\n\n".join(_typst_escape(t) for t in texts)
    boxes = "\n".join(
        f'#block(width: {TITLE_WIDTH}pt, above: {TITLE_PITCH}pt)[#set text(font: '
        f'"Noto Sans CJK SC", weight: "black", size: {TITLE_SIZE}pt); #set par(justify: false, '
        f'first-line-indent: 0pt, leading: {TITLE_PITCH - TITLE_SIZE}pt); '
        f'#align(center)[{_typst_escape(head)}]]' for head in heads)
    source.write_text(
        f'#set page(width: {max(MEASURE, TITLE_WIDTH) + 2 * MARGIN}pt, height: auto, '
        f'margin: {MARGIN}pt)\n'
        f'#set text(font: "Noto Serif CJK SC", size: {SIZE}pt, lang: "zh", region: "cn",\n'
        f'  top-edge: 0.88em, bottom-edge: -0.12em)\n'
        f'#set par(justify: true, first-line-indent: (amount: 2em, all: true),\n'
        f'  leading: {PITCH - SIZE}pt, spacing: {PITCH - SIZE}pt)\n\n'
        f'#block(width: {MEASURE}pt)[\n{body}\n]\n{boxes}\n', encoding="utf-8")
    path = out / "typst.pdf"
    typst_module.compile(str(source), output=str(path), font_paths=[FONT_DIR])
    return path


def weasyprint(texts: list[str], out: Path, heads: list[str]) -> Path:
    from weasyprint import HTML
    paras = "".join(f"<p>{html.escape(t)}</p>" for t in texts)
    boxes = "".join(f"<h1>{html.escape(head)}</h1>" for head in heads)
    page = (f"<html lang='zh-CN'><style>@page {{ size: {max(MEASURE, TITLE_WIDTH) + 2 * MARGIN}pt "
            f"40000pt; margin: {MARGIN}pt }} body {{ margin: 0; font-family: 'Noto Serif CJK SC'; "
            f"font-size: {SIZE}pt; line-height: {PITCH}pt; line-break: strict }} "
            f"p {{ margin: 0; width: {MEASURE}pt; text-indent: 2em; text-align: justify }} "
            f"h1 {{ width: {TITLE_WIDTH}pt; margin: {TITLE_PITCH}pt 0 0; text-align: center; "
            f"font: 900 {TITLE_SIZE}pt/{TITLE_PITCH}pt 'Noto Sans CJK SC' }}</style>"
            f"<body>{paras}{boxes}</body></html>")
    path = out / "weasyprint.pdf"
    HTML(string=page).write_pdf(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="keep the PDFs here")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="broadsheet-compare-"))
    out.mkdir(parents=True, exist_ok=True)
    texts, heads = paragraphs(), titles()
    results = {}
    for name, make in (("Broadsheet", broadsheet), ("Typst", typst), ("WeasyPrint", weasyprint)):
        try:
            results[name] = measure_pdf(make(texts, out, heads), MEASURE, SIZE)
        except ImportError as error:
            print(f"{name}: skipped ({error})", file=sys.stderr)
    names = list(results)
    rows = [list(zip(*results[name].rows())) for name in names]
    labels = rows[0][0]
    print(f"Same text ({sum(len(t) for t in texts)} characters, {len(texts)} paragraphs), "
          f"measure {CHARS} × {SIZE:g} pt, and {len(heads)} headlines {TITLE_CHARS} × "
          f"{TITLE_SIZE:g} pt wide; PDFs in {out}\n")
    print("| measure | " + " | ".join(names) + " |")
    print("| --- | " + " | ".join("---:" for _ in names) + " |")
    for i, label in enumerate(labels):
        print(f"| {label} | " + " | ".join(row[1][i] for row in rows) + " |")


if __name__ == "__main__":
    main()
