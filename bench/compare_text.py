"""Set the same text on the same measure with Broadsheet, Typst and WeasyPrint; measure all three.

    .venv/bin/python bench/compare_text.py [--out DIR]

The text is every body paragraph of the sample issue 3144 plus the stress article
(tests/data/stress/stress.md); the measure is one basic column, 13 characters of 9 pt
(117 pt), with a 2-em indent and a 13.5 pt line pitch. Each tool writes a PDF; the same
reader (layout.quality) measures every PDF. Needs `pip install typst weasyprint`.
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
from layout.manifest import load_article, load_issue    # noqa: E402
from layout.model import Paragraph                      # noqa: E402
from layout.quality import measure_pdf                  # noqa: E402
from layout.style import load_style                     # noqa: E402
from layout.text.compose import compose                 # noqa: E402

SIZE, CHARS, PITCH, MARGIN = 9.0, 13, 13.5, 10.0
MEASURE = SIZE * CHARS
FONT_DIR = "/usr/share/fonts/opentype/noto"


def paragraphs() -> list[str]:
    issue = load_issue(ROOT / "issues" / "3144")
    articles = [m.article for page in issue.pages for m in page.modules]
    articles.append(load_article(ROOT / "tests" / "data" / "stress" / "stress.md"))
    return [b.text for a in articles for b in a.blocks if isinstance(b, Paragraph)]


def broadsheet(texts: list[str], out: Path) -> Path:
    style = load_style("jinzhong")
    book = load_font_book(style.fonts)
    lines = [line for text in texts
             for line in compose(text, measure=MEASURE, size=SIZE, role="body", book=book,
                                 settings=style.text, indent_em=2)]
    height = 2 * MARGIN + len(lines) * PITCH
    items = tuple(dl.TextLine(x=MARGIN, y=MARGIN + (n + 0.5) * PITCH + 0.38 * SIZE, size=SIZE,
                              glyphs=tuple(dl.Glyph(g.char, g.x, g.face, g.scale_x)
                                           for g in line.glyphs))
                  for n, line in enumerate(lines))
    page = dl.Page(number=1, width=MEASURE + 2 * MARGIN, height=height, bleed=0, items=items)
    path = out / "broadsheet.pdf"
    write_pdf(dl.Document(title="galley", pages=(page,)), path)
    return path


def typst(texts: list[str], out: Path) -> Path:
    import typst as typst_module
    source = out / "galley.typ"
    body = "\n\n".join(t.replace("\\", "\\\\").replace("#", "\\#").replace("*", "\\*")
                       .replace("_", "\\_").replace("$", "\\$").replace("@", "\\@")
                       .replace("<", "\\<") for t in texts)
    source.write_text(
        f'#set page(width: {MEASURE + 2 * MARGIN}pt, height: auto, margin: {MARGIN}pt)\n'
        f'#set text(font: "Noto Serif CJK SC", size: {SIZE}pt, lang: "zh", region: "cn",\n'
        f'  top-edge: 0.88em, bottom-edge: -0.12em)\n'
        f'#set par(justify: true, first-line-indent: (amount: 2em, all: true),\n'
        f'  leading: {PITCH - SIZE}pt, spacing: {PITCH - SIZE}pt)\n\n{body}\n', encoding="utf-8")
    path = out / "typst.pdf"
    typst_module.compile(str(source), output=str(path), font_paths=[FONT_DIR])
    return path


def weasyprint(texts: list[str], out: Path) -> Path:
    from weasyprint import HTML
    paras = "".join(f"<p>{html.escape(t)}</p>" for t in texts)
    page = (f"<html lang='zh-CN'><style>@page {{ size: {MEASURE + 2 * MARGIN}pt 14000pt; "
            f"margin: {MARGIN}pt }} body {{ margin: 0; font-family: 'Noto Serif CJK SC'; "
            f"font-size: {SIZE}pt; line-height: {PITCH}pt; text-align: justify; "
            f"line-break: strict }} p {{ margin: 0; text-indent: 2em }}</style>"
            f"<body>{paras}</body></html>")
    path = out / "weasyprint.pdf"
    HTML(string=page).write_pdf(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="keep the PDFs here")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="broadsheet-compare-"))
    out.mkdir(parents=True, exist_ok=True)
    texts = paragraphs()
    results = {}
    for name, make in (("Broadsheet", broadsheet), ("Typst", typst), ("WeasyPrint", weasyprint)):
        try:
            results[name] = measure_pdf(make(texts, out), MEASURE, SIZE)
        except ImportError as error:
            print(f"{name}: skipped ({error})", file=sys.stderr)
    names = list(results)
    rows = [list(zip(*results[name].rows())) for name in names]
    labels = rows[0][0]
    print(f"Same text ({sum(len(t) for t in texts)} characters, {len(texts)} paragraphs), "
          f"measure {CHARS} × {SIZE:g} pt; PDFs in {out}\n")
    print("| measure | " + " | ".join(names) + " |")
    print("| --- | " + " | ".join("---:" for _ in names) + " |")
    for i, label in enumerate(labels):
        print(f"| {label} | " + " | ".join(row[1][i] for row in rows) + " |")


if __name__ == "__main__":
    main()
