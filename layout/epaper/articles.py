"""An article of the e-paper as plain data: its titles and every block of its text as the page
sets it — the dateline and byline leading the first paragraph (本报讯（记者 ××）), emphasis,
pull quotes, lists, tables, sidebars, the 编者按 and the 来源 line — each text held to the
lines actually set on the page."""
from __future__ import annotations

from urllib.parse import quote

from ..read import markup
from ..errors import BroadsheetError
from ..model import ListBlock, Module, Paragraph, Photo, Quote, Sidebar, Subhead, Table
from ..page.blocks import EDITOR_NOTE_LEAD, NUMBER
from ..page.compose import StoryFit

HEADLINE_ROLES = ("kicker", "headline", "deck", "jump_head")
NOT_STORY_TEXT = (*HEADLINE_ROLES, "caption", "jump")     # set around the story, not of it


def article_id(module: Module) -> str:
    """The article's name in the site: its file name without `.md` (quoted in links)."""
    return module.article.source.stem


def article_data(module: Module, parts: list[StoryFit], photos: dict[str, str]) -> dict:
    """One story: titles, credit, blocks in reading order, the pages it is on. Unless the
    story is overset, every text of it must be found, whole and in one piece, among the
    lines its parts set (tables are set cell by cell and are not looked for)."""
    article = module.article
    dateline, lead = markup.dateline_lead(article)
    blocks, first = [], True
    for block in article.blocks:
        if isinstance(block, Paragraph) and first and dateline:
            spans = ((0, len(dateline), "strong"), (len(dateline), len(dateline + lead), "kai"))
            shift = len(dateline + lead)
            blocks.append(_rich("paragraph", dateline + lead + block.text,
                                spans + tuple((s + shift, e + shift, k)
                                              for s, e, k in block.emphasis)))
        else:
            blocks.append(_block(block, photos))
        first = first and not isinstance(block, Paragraph)
    credit = "" if dateline else markup.credit(article)
    note_lead = len(EDITOR_NOTE_LEAD)               # 编者按： in bold, as on the page
    note = _rich("editor_note", EDITOR_NOTE_LEAD + article.editor_note,
                 ((0, note_lead, "strong"),) + tuple((s + note_lead, e + note_lead, k)
                                                for s, e, k in article.editor_note_emphasis)
                 ) if article.editor_note else None
    origin = f"来源：{article.origin}" if article.origin else ""
    overset = any(fit.overset for fit in parts)     # reported as by `render`; shown whole here
    if not overset:
        _check_set(article, parts, [credit, origin, *reading_texts([note] if note else []),
                                    *reading_texts(blocks)])
    return {
        "id": article_id(module), "file": article.source.name,
        "href": f"articles/{quote(article_id(module))}.html",
        "kicker": article.kicker, "headline": article.headline, "deck": article.deck,
        "byline": article.byline, "correspondent": article.correspondent,
        "dateline": article.dateline, "credit": credit, "editor_note": note, "origin": origin,
        "blocks": blocks, "pages": sorted({fit.page for fit in parts if fit.regions}),
        "overset": overset, "characters": len(bare("".join(reading_texts(blocks)))),
    }


def _block(block, photos: dict[str, str]) -> dict:
    if isinstance(block, Paragraph):
        return _rich("paragraph", block.text, block.emphasis)
    if isinstance(block, Subhead):
        return {"type": "subhead", "text": block.text}
    if isinstance(block, Photo):
        return {"type": "photo", "src": photos[str(block.path)], "caption": block.caption,
                "credit": block.credit}
    if isinstance(block, Quote):
        return _rich("quote", block.text, block.emphasis)
    if isinstance(block, ListBlock):
        return {"type": "list", "items": [
            {**_rich("item", item.text, item.emphasis),
             "marker": markup.BULLET if item.marker == "•" else item.marker}
            for item in block.items]}
    if isinstance(block, Table):
        return {"type": "table", "header": list(block.header),
                "rows": [list(row) for row in block.rows],
                "align": [_alignment(block, c) for c in range(len(block.header))]}
    if isinstance(block, Sidebar):
        return {"type": "sidebar", "title": block.title,
                "blocks": [_block(inner, photos) for inner in block.blocks]}
    raise TypeError(f"no e-paper form for {type(block).__name__}")


def _alignment(table: Table, column: int) -> str:
    """A column's alignment as the page sets it: "auto" is right for numbers, else left."""
    align = table.align[column]
    if align != "auto":
        return align
    cells = [row[column] for row in table.rows]
    numeric = all(NUMBER.fullmatch(cell) or not cell for cell in cells) and any(cells)
    return "right" if numeric else "left"


def _rich(kind: str, text: str, emphasis) -> dict:
    """A text with its emphasis as runs: [[text, None | "strong" | "kai"], …]."""
    runs, at = [], 0
    for start, end, style in sorted(emphasis):
        if start > at:
            runs.append([text[at:start], None])
        runs.append([text[start:end], style])
        at = end
    if at < len(text):
        runs.append([text[at:], None])
    return {"type": kind, "text": text, "runs": runs}


def reading_texts(blocks: list[dict]) -> list[str]:
    """Every text of the blocks a reader reads (photo captions are the photo's; table cells
    are left out)."""
    found = []
    for block in blocks:
        if block["type"] in ("paragraph", "subhead", "quote", "editor_note"):
            found.append(block["text"])
        elif block["type"] == "list":
            found += [item["text"] for item in block["items"]]
        elif block["type"] == "sidebar":
            found += [block["title"], *reading_texts(block["blocks"])]
    return found


def story_text(parts: list[StoryFit]) -> str:
    """What the story's parts set, in reading order, without their titles and captions."""
    return "".join(line.text for fit in parts for region in fit.regions
                   for line in region.lines if line.role not in NOT_STORY_TEXT)


def _check_set(article, parts: list[StoryFit], texts: list[str]) -> None:
    set_text = bare(story_text(parts))
    for text in filter(None, texts):
        if bare(text) not in set_text:
            raise BroadsheetError(
                f"the text set on the page differs from the article's at {text[:16]!r}",
                file=str(article.source), fix="report this as a bug in Broadsheet, with the issue")


def bare(text: str) -> str:
    """Text without its spaces: a space at a line break is not set, so lines and source
    agree character for character without them."""
    return "".join(text.split())
