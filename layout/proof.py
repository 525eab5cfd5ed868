"""Galley proofs (校样): an article on A4 for proofreaders, made with WeasyPrint.

HTML is the natural input here: a proof is a document, not a newspaper page. The body lines are
the ones the page will print — broken by the project's own composer at the column's measure —
so a proofreader's "line 37" is line 37 of the story on the page. Headline levels, byline,
subheads and photos with their captions are shown in the story's order; the header says how
many characters the story has.
"""
from __future__ import annotations

import html
from pathlib import Path

from .fonts import FontBook
from .model import Article, Issue, Paragraph, Photo, Subhead
from .style import Style
from .text.compose import compose

CSS = """
@page { size: A4; margin: 18mm 16mm 18mm 16mm;
        @top-left { content: string(slug); font: 8pt "Noto Sans CJK SC"; color: #555 }
        @top-right { content: "校样 第 " counter(page) " / " counter(pages) " 页";
                     font: 8pt "Noto Sans CJK SC"; color: #555 } }
body { font-family: "Noto Serif CJK SC"; font-size: 10.5pt; color: #000 }
.slug { string-set: slug content(); height: 0; overflow: hidden; visibility: hidden }
.kicker { font: 700 13pt "Noto Serif CJK SC"; text-align: center; margin: 0 }
h1 { font: 900 22pt "Noto Sans CJK SC"; text-align: center; margin: 4pt 0 }
.deck { font: 700 14pt "Noto Serif CJK SC"; text-align: center; margin: 0 0 8pt }
.meta { font: 9pt "Noto Sans CJK SC"; color: #333; border-bottom: 0.5pt solid #000;
        padding-bottom: 4pt; margin-bottom: 8pt }
.byline { font-family: "LXGW WenKai"; margin: 4pt 0 }
.galley { columns: 2; column-gap: 12mm; column-rule: 0.3pt solid #999 }
.line { white-space: pre; line-height: 16pt; break-inside: avoid }
.no { display: inline-block; width: 2.6em; color: #888; font: 7pt "Noto Sans CJK SC";
      text-align: right; margin-right: 0.8em }
.subhead { font: 700 11pt "Noto Sans CJK SC"; line-height: 24pt; break-after: avoid }
figure { margin: 6pt 0; break-inside: avoid }
figure img { width: 100% }
figcaption { font-family: "LXGW WenKai"; font-size: 9pt }
"""


def proof_html(issue: Issue, article: Article, style: Style, book: FontBook,
               page_number: int) -> str:
    """The galley of one article as HTML (images referenced by file URL)."""
    measure = style.column_chars * style.body_size
    rows: list[str] = []
    number = 0
    characters = 0
    for block in article.blocks:
        if isinstance(block, Paragraph):
            characters += len("".join(block.text.split()))
            for line in compose(block.text, measure=measure, size=style.body_size, role="body",
                                book=book, settings=style.text, indent_em=style.indent_em):
                number += 1
                indent = "\u3000\u3000" if line.start == 0 else ""
                rows.append(f'<div class="line"><span class="no">{number}</span>'
                            f'{indent}{html.escape(_line_text(block.text, line))}</div>')
        elif isinstance(block, Subhead):
            characters += len("".join(block.text.split()))
            rows.append(f'<div class="subhead">{html.escape(block.text)}</div>')
        elif isinstance(block, Photo):
            rows.append(f'<figure><img src="{block.path.as_uri()}"><figcaption>'
                        f'{html.escape(block.caption)}　{html.escape(block.credit)}'
                        f'</figcaption></figure>')
    heads = "".join(f'<p class="{kind}">{html.escape(text)}</p>' if kind != "headline"
                    else f"<h1>{html.escape(text)}</h1>"
                    for kind, text in (("kicker", article.kicker), ("headline", article.headline),
                                       ("deck", article.deck)) if text)
    slug = (f"{issue.masthead.name} 第{issue.number}期 {issue.date.isoformat()} "
            f"第{page_number}版 · {article.source.name}")
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{html.escape(article.headline)} 校样</title><style>{CSS}</style></head>"
            f'<body><div class="slug">{html.escape(slug)}</div>{heads}'
            f'<div class="meta">正文 {characters} 字 · {number} 行（每行 {style.column_chars} 字，'
            f"与版面相同） · 标题、小标题不计行</div>"
            + (f'<p class="byline">{html.escape(article.byline)}</p>' if article.byline else "")
            + f'<div class="galley">{"".join(rows)}</div></body></html>')


def _line_text(paragraph: str, line) -> str:
    """The line as typed: its characters from the paragraph, spaces between words kept."""
    text = "".join(g.char for g in line.glyphs)
    start = line.start
    out, at = [], start
    for char in text:
        while at < len(paragraph) and paragraph[at] != char:
            out.append(" " if paragraph[at].isspace() else "")
            at += 1
        out.append(char)
        at += 1
    return "".join(out).strip()


def write_proofs(issue: Issue, style: Style, book: FontBook, out_dir: Path,
                 only: str | None = None) -> list[Path]:
    """One A4 PDF galley per article (or just `only`, an article file name)."""
    from weasyprint import HTML
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for page in issue.pages:
        for module in page.modules:
            if module.continues or (only and module.article.source.name != only):
                continue
            path = out_dir / f"{module.article.source.stem}-proof.pdf"
            HTML(string=proof_html(issue, module.article, style, book, page.number),
                 base_url=str(issue.source)).write_pdf(path)
            written.append(path)
    return written
