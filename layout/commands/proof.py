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

from ..read import markup
from ..fonts import FontBook
from ..model import Article, Issue, ListBlock, Paragraph, Photo, Quote, Sidebar, Subhead, Table
from ..output import atomic_output
from ..page import blocks as page_blocks
from ..style import Style
from ..text.compose import Request, compose_request

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
.kai { font-family: "LXGW WenKai" }
b { font-family: "Noto Sans CJK SC"; font-weight: 700 }
.quote { font-family: "LXGW WenKai"; font-size: 12pt; border-top: 1pt solid #000;
         border-bottom: 1pt solid #000; margin: 6pt 0; padding: 3pt 1em; break-inside: avoid }
.box { border: 0.6pt solid #000; padding: 2pt 4pt; margin: 6pt 0; break-inside: avoid }
.box-title { font: 700 10.5pt "Noto Sans CJK SC" }
.note { border-top: 0.6pt solid #000; border-bottom: 0.6pt solid #000; padding: 3pt 0;
        margin-bottom: 8pt }
table { border-collapse: collapse; margin: 6pt 0; font-size: 9pt; break-inside: avoid;
        border-top: 1pt solid #000; border-bottom: 1pt solid #000 }
th { font: 700 9pt "Noto Sans CJK SC"; border-bottom: 0.5pt solid #000; text-align: left }
th, td { padding: 1pt 4pt; vertical-align: top }
.num { text-align: right }
.source { text-align: right; font-family: "LXGW WenKai" }
"""


class _Galley:
    """The numbered body lines of a galley, as the page breaks them, and its character count."""

    def __init__(self, style: Style, book: FontBook):
        self.style, self.book = style, book
        self.measure = style.column_chars * style.body_size
        self.number = self.characters = 0

    def lines(self, text: str, faces: tuple = (), indent: bool = True, set_lines=None) -> str:
        style = self.style
        if set_lines is None:
            set_lines = compose_request(Request(text, self.measure, style.body_size, "body",
                                                style.text, style.indent_em if indent else 0,
                                                faces=faces), self.book)
        self.characters += len("".join(text.split()))
        rows = []
        for line in set_lines:
            self.number += 1
            lead = "\u3000\u3000" if indent and line.start == 0 else ""
            rows.append(f'<div class="line"><span class="no">{self.number}</span>'
                        f'{lead}{_line_html(text, line, self.book)}</div>')
        return "".join(rows)

    def counted(self, text: str) -> str:
        self.characters += len("".join(text.split()))
        return html.escape(text)


def proof_html(issue: Issue, article: Article, style: Style, book: FontBook,
               page_number: int | None) -> str:
    """The galley of one article as HTML (images referenced by file URL); `page_number` None
    for a brief of the pool (补白), on no page yet."""
    galley = _Galley(style, book)
    rows: list[str] = []
    paragraphs = iter(page_blocks.paragraphs_as_set(article, style))
    for block in article.blocks:
        if isinstance(block, Paragraph):
            rows.append(galley.lines(*next(paragraphs)))
        elif isinstance(block, Subhead):
            rows.append(f'<div class="subhead">{galley.counted(block.text)}</div>')
        elif isinstance(block, Photo):
            rows.append(f'<figure><img src="{block.path.as_uri()}"><figcaption>'
                        f'{html.escape(block.caption)}　{html.escape(block.credit)}'
                        f'</figcaption></figure>')
        else:
            rows.append(_block_html(block, galley))
    heads = "".join(f'<p class="{kind}">{html.escape(text)}</p>' if kind != "headline"
                    else f"<h1>{html.escape(text)}</h1>"
                    for kind, text in (("kicker", article.kicker), ("headline", article.headline),
                                       ("deck", article.deck)) if text)
    if article.editor_note:
        heads += (f'<div class="note"><b>{page_blocks.EDITOR_NOTE_LEAD}</b>'
                  f'<span class="kai">{galley.counted(article.editor_note)}</span></div>')
    if article.origin:
        rows.append(f'<p class="source">来源：{html.escape(article.origin)}</p>')
    byline = markup.credit(article) if not article.dateline else ""
    slug = (f"{issue.masthead.name} 第{issue.number}期 {issue.date.isoformat()} "
            + (f"第{page_number}版" if page_number else "补白（备用）")
            + f" · {article.source.name}")
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{html.escape(article.headline)} 校样</title><style>{CSS}</style></head>"
            f'<body><div class="slug">{html.escape(slug)}</div>{heads}'
            f'<div class="meta">正文 {galley.characters} 字 · {galley.number} 行（每行 '
            f"{style.column_chars} 字，与版面相同） · 标题、小标题、引语、表格不计行</div>"
            + (f'<p class="byline">{html.escape(byline)}</p>' if byline else "")
            + f'<div class="galley">{"".join(rows)}</div></body></html>')


def _block_html(block, galley: _Galley) -> str:
    """A pull quote, list, table or sidebar on the galley; list and sidebar lines numbered
    as the page breaks them."""
    style, book = galley.style, galley.book
    if isinstance(block, Quote):
        return f'<div class="quote">{galley.counted(block.text)}</div>'
    if isinstance(block, ListBlock):
        hang = page_blocks.list_hang(block, style, book)
        return "".join(galley.lines(item.text, indent=False, set_lines=page_blocks.list_item(
            item, hang, galley.measure, style, book).lines) for item in block.items)
    if isinstance(block, Table):
        numeric = [all(page_blocks.NUMBER.fullmatch(row[c]) or not row[c] for row in block.rows)
                   for c in range(len(block.header))]
        head = "".join(f"<th>{galley.counted(cell)}</th>" for cell in block.header)
        body = "".join("<tr>" + "".join(
            f'<td class="{"num" if numeric[c] else ""}">{galley.counted(cell)}</td>'
            for c, cell in enumerate(row)) + "</tr>" for row in block.rows)
        return f"<table><tr>{head}</tr>{body}</table>"
    if isinstance(block, Sidebar):
        inner = []
        for part in block.blocks:
            if isinstance(part, Paragraph):
                inner.append(galley.lines(part.text, page_blocks.faces(part.emphasis, style)))
            else:
                inner.append(_block_html(part, galley))
        return (f'<div class="box"><div class="box-title">{galley.counted(block.title)}</div>'
                f'{"".join(inner)}</div>')
    raise TypeError(f"no galley form for {type(block).__name__}")


def _line_html(paragraph: str, line, book: FontBook) -> str:
    """The line as typed: its characters from the paragraph, spaces between words kept, runs
    in the emphasis faces marked as on the page (bold / 楷体)."""
    kai, strong = book.face("kai"), {book.face("headline"), book.face("title")}
    out, at, run, kind = [], line.start, [], None

    def flush():
        text = html.escape("".join(run))
        out.append(text if kind is None else f'<span class="kai">{text}</span>' if kind == "kai"
                   else f"<b>{text}</b>")
    for glyph in line.glyphs:
        gap = ""
        while at < len(paragraph) and paragraph[at] != glyph.char:
            gap += " " if paragraph[at].isspace() else ""
            at += 1
        at += 1
        this = "kai" if glyph.face == kai else "strong" if glyph.face in strong else None
        if this != kind and run:
            flush()
            run = []
        kind = this
        run.append(gap + glyph.char)
    if run:
        flush()
    return "".join(out).strip()


def write_proofs(issue: Issue, style: Style, book: FontBook, out_dir: Path,
                 only: str | None = None) -> list[Path]:
    """One A4 PDF galley per article (or just `only`, an article file name): the stories of
    the pages, then the briefs of the pool (补白), which the make-up may set on any page."""
    from weasyprint import HTML
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    modules = [(module, page.number) for page in issue.pages for module in page.modules]
    for module, number in modules + [(brief, None) for brief in issue.fillers]:
        if module.continues or (only and module.article.source.name != only):
            continue
        path = out_dir / f"{module.article.source.stem}-proof.pdf"
        with atomic_output(path) as temporary:
            HTML(string=proof_html(issue, module.article, style, book, number),
                 base_url=str(issue.source)).write_pdf(temporary)
        written.append(path)
    return written
