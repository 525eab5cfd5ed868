"""Article files: the one reader of them, keeping the place of every character.

An article file is front matter between ``---`` lines, then blocks separated by blank lines
(paragraphs, ``## `` subheads, ``![…](…)`` photos, quotes, lists and tables of `markup`, and
``:::`` sidebars). Two readers build on the same reading (`read_lines`, `body_groups`, and
the joining of a paragraph's lines, `join` / `joined`):

* `load_article(path)` → `model.Article`, strict: everything an editor can get wrong is a
  `BroadsheetError` naming the file, the line and the fix (for the manifest);
* `read_texts(path)` → `Text`s, lenient: every text a reader sees (front matter values,
  subheads, captions, credits, paragraphs, list items, table cells) with the file line and
  column of each character, so that the proofreader can point at them.

The formats are documented for editors in ``issues/3144/README.md``.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import markup
from ..errors import BroadsheetError
from ..model import Article, Block, ListBlock, Paragraph, Photo, Sidebar, Subhead
from ..text.charclass import is_cjk
from .typed import MOST, check_typed, visible

FRONT_MATTER_KEYS = ("kicker", "headline", "deck", "byline",
                     "dateline", "correspondent", "source", "editor_note")

FRONT_MATTER_EXAMPLE = "---\nheadline: 锚定目标 实干笃行\ndeck: …\nbyline: 记者 …\n---"
IMAGE_EXAMPLE = '![会议现场](photos/meeting.jpg "记者 杨学摄")'

# ![caption](path "credit"){columns=2 fit=fit focus=0.5,0.3} — credit and options optional.
IMAGE = re.compile(
    r'!\[(?P<caption>[^\]]*)\]'
    r'\((?P<path>[^\s)"]+)(?:\s+"(?P<credit>[^"]*)")?\s*\)'
    r'(?:\{(?P<attrs>[^}]*)\})?')
_PHOTO_OPTION = re.compile(r'(?P<key>\w+)\s*=\s*(?P<value>[^\s=]+)')
PHOTO_OPTIONS = ("{columns=N fit=fill|fit focus=X,Y position=top|bottom|left|right} (any of "
                 "them, X and Y from 0 to 1)")
PHOTO_POSITIONS = ("top", "bottom", "left", "right")

Line = tuple[int, str]          # (1-based line number, the line as typed)


# ---------------------------------------------------------------------------------------------
# the reading both readers share

def read_lines(path: Path) -> list[str]:
    """The file's lines (UTF-8, a byte-order mark dropped, any line ending)."""
    raw = Path(path).read_text(encoding="utf-8-sig")
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def first_line(lines: list[str]) -> int:
    """The index of the first line that is not blank (where the front matter must open)."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start


def body_groups(lines: list[str], start: int) -> Iterator[tuple[list[Line], Line | None]]:
    """The body from index `start`: each run of lines that a blank line or a ``:::`` fence
    ends, with the fence line that ended it (None after a blank line or the end)."""
    group: list[Line] = []
    for index in range(start, len(lines) + 1):
        line = lines[index] if index < len(lines) else ""
        fence = markup.is_fence(line.strip())
        if line.strip() and not fence:
            group.append((index + 1, line))
            continue
        if group or fence:
            yield group, (index + 1, line) if fence else None
        group = []


def _spaced(before: str, after: str) -> bool:
    """Whether joining two lines puts a space between them: only between Latin words."""
    return not (is_cjk(before) or is_cjk(after))


def join(lines: list[str]) -> str:
    """Join the (stripped) lines of one block: nothing next to CJK, one space between Latin
    words."""
    text = ""
    for line in lines:
        if text and line and _spaced(text[-1], line[0]):
            text += " "
        text += line
    return text


# ---------------------------------------------------------------------------------------------
# the strict reader: the manifest's Article


def load_article(path: Path) -> Article:
    """Read one article file: front matter between ``---`` lines, then blank-line blocks."""
    path = Path(path)
    file = str(path)
    if not path.is_file():
        raise BroadsheetError("article file not found", file=file,
                              fix="create it or correct the name in issue.toml")
    try:
        lines = read_lines(path)
    except UnicodeDecodeError as error:
        raise BroadsheetError(f"not UTF-8 text ({error.reason} at byte {error.start})",
                              file=file, fix="save the file as UTF-8") from None
    meta, body_start = _front_matter(lines, file)
    blocks = _blocks(lines, body_start, path)
    if not blocks:
        raise BroadsheetError("the article has no text after the front matter", file=file,
                              fix="write the story's paragraphs after the closing --- line")
    if meta.get("dateline") and not any(isinstance(b, Paragraph) for b in blocks):
        raise BroadsheetError("the dateline has no paragraph to start", file=file,
                              field="dateline",
                              fix="write the story's first paragraph (the dateline is set at "
                                  "its start), or remove the dateline line")
    note = markup.parse_inline(meta.get("editor_note", ""))
    return Article(source=path, headline=meta["headline"], kicker=meta.get("kicker", ""),
                   deck=meta.get("deck", ""), byline=meta.get("byline", ""),
                   blocks=tuple(blocks), dateline=meta.get("dateline", ""),
                   correspondent=meta.get("correspondent", ""), origin=meta.get("source", ""),
                   editor_note=note.text, editor_note_emphasis=note.emphasis)


def front_matter_line(path: Path, key: str) -> int | None:
    """The line number of the article's front-matter line that gives `key`, if any (where a
    check reports an error of that field)."""
    try:
        lines = read_lines(path)
    except (OSError, ValueError):
        return None
    start = first_line(lines)
    if start == len(lines) or lines[start].strip() != "---":
        return None
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == "---":
            return None
        if ":" in lines[index] and lines[index].split(":", 1)[0].strip() == key:
            return index + 1
    return None


def _front_matter(lines: list[str], file: str) -> tuple[dict[str, str], int]:
    """The ``key: value`` items and the index of the first body line."""
    start = first_line(lines)
    if start == len(lines):
        raise BroadsheetError("the article file is empty", file=file,
                              fix="write its headline block (--- headline: … ---) and its "
                                  "text, or take it out of issue.toml")
    if lines[start].strip() != "---":
        raise BroadsheetError(
            "the article has no front matter (it must start with a --- line)", file=file,
            field=f"line {start + 1}",
            fix=f"begin the file with the headline block:\n{FRONT_MATTER_EXAMPLE}")
    meta: dict[str, str] = {}
    for index in range(start + 1, len(lines)):
        line = lines[index]
        where = f"line {index + 1}"
        if line.strip() == "---":
            break
        if not line.strip():
            continue
        if ":" not in line:
            hint = " (use the ASCII colon ':', not '：')" if "：" in line else ""
            raise BroadsheetError(f"front matter line is not 'key: value': {line.strip()!r}",
                                  file=file, field=where,
                                  fix=f"write it as key: value{hint}, or close the front "
                                      f"matter with a --- line before the text")
        key, value = line.split(":", 1)
        key = key.strip()
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise BroadsheetError(f"unknown front matter key {key!r}", file=file, field=where,
                                  fix=f"{hint}allowed keys: {', '.join(FRONT_MATTER_KEYS)}")
        if key in meta:
            raise BroadsheetError(f"front matter key {key!r} is given twice", file=file,
                                  field=where, fix=f"keep one {key}: line")
        value = value.strip()
        check_typed(value, file, where)
        if value and not visible(value):
            raise BroadsheetError(f"the {key} {value!r} has no visible character (only "
                                  "zero-width or other invisible characters)", file=file,
                                  field=where, fix=f"write the {key} or remove the line")
        meta[key] = value
    else:
        raise BroadsheetError(f"the front matter opened on line {start + 1} is never closed",
                              file=file, field=f"line {start + 1}",
                              fix="put a line with just --- after the byline, before the text")
    if not visible(meta.get("headline", "")):
        raise BroadsheetError("the article has no headline" if "headline" not in meta
                              else "the headline is empty" if not meta["headline"]
                              else f"the headline {meta['headline']!r} has no visible character "
                                   "(only spaces or zero-width characters)",
                              file=file, field="headline",
                              fix="write 'headline: …' between the --- lines")
    return meta, index + 1


def _blocks(lines: list[str], start: int, path: Path) -> list[Block]:
    blocks: list[Block] = []
    sidebar: tuple[int, str, list[Block]] | None = None    # (line, title, blocks) while open
    for group, fence in body_groups(lines, start):
        if group:
            stripped = [(number, line.strip()) for number, line in group]
            block = _block(stripped, path, in_sidebar=sidebar is not None)
            (sidebar[2] if sidebar else blocks).append(block)
        if fence:
            sidebar = _fence(fence[1].strip(), fence[0], sidebar, blocks, str(path))
    if sidebar is not None:
        raise BroadsheetError(f"the sidebar opened on line {sidebar[0]} is never closed",
                              file=str(path), field=f"line {sidebar[0]}",
                              fix="end the sidebar with a line of just :::")
    return blocks


def _fence(line: str, number: int, sidebar, blocks: list[Block], file: str):
    """A `::: 标题` line opens a sidebar, a bare `:::` closes it; returns the open sidebar."""
    title = line[len(markup.FENCE):].strip()
    if sidebar is None:
        if not title:
            raise BroadsheetError("a bare ':::' closes no open sidebar", file=file,
                                  field=f"line {number}",
                                  fix="open a sidebar with a title, '::: 链接' (or 背景, 相关阅读 "
                                      "…), and close it with a bare ':::'")
        return number, title, []
    if title:
        raise BroadsheetError(f"a sidebar inside the sidebar opened on line {sidebar[0]}",
                              file=file, field=f"line {number}",
                              fix="close the first sidebar with a bare ':::' before opening "
                                  "another")
    if not sidebar[2]:
        raise BroadsheetError("the sidebar is empty", file=file, field=f"line {sidebar[0]}",
                              fix="write its paragraphs between the ::: lines, or remove it")
    blocks.append(Sidebar(sidebar[1], tuple(sidebar[2])))
    return None


def _block(group: list[tuple[int, str]], path: Path, in_sidebar: bool = False) -> Block:
    file = str(path)
    for number, line in group:
        check_typed(line, file, f"line {number}")
    first_number, first = group[0]
    image_lines = [(number, line) for number, line in group if line.startswith("![")]
    if image_lines:
        number, line = image_lines[0]
        if len(group) > 1:
            raise BroadsheetError("an image line must stand alone as its own block",
                                  file=file, field=f"line {number}",
                                  fix="put a blank line before and after the image line")
        if in_sidebar:
            raise BroadsheetError("a sidebar holds text and lists, not photos", file=file,
                                  field=f"line {number}",
                                  fix="move the image line out of the ::: block")
        return _photo(line, number, path)
    special = markup.read_block(group, file, join)     # a quote, list or table
    if special is not None:
        if in_sidebar and not isinstance(special, ListBlock):
            raise BroadsheetError("a sidebar holds paragraphs and lists only",
                                  file=file, field=f"line {first_number}",
                                  fix="move the quote or table out of the ::: block")
        return special
    if first.startswith("##"):
        if in_sidebar:
            raise BroadsheetError("a sidebar holds paragraphs and lists, not subheads",
                                  file=file, field=f"line {first_number}",
                                  fix="its title is the text after ':::'; remove the '## '")
        if first != "##" and not first.startswith("## "):
            raise BroadsheetError(f"subhead marker without a space: {first!r}", file=file,
                                  field=f"line {first_number}",
                                  fix="write '## ' (two # and a space) before the subhead")
        text = join([first[2:].strip()] + [line for _, line in group[1:]])
        if not text:
            raise BroadsheetError("the subhead is empty", file=file,
                                  field=f"line {first_number}",
                                  fix="write the subhead after '## ' or remove the line")
        return Subhead(text)
    inline = markup.parse_inline(join([line for _, line in group]))
    return Paragraph(inline.text, inline.emphasis)


def _photo(line: str, number: int, path: Path) -> Photo:
    file = str(path)
    where = f"line {number}"
    match = IMAGE.fullmatch(line)
    if match is None:
        raise BroadsheetError(f"cannot read the image line {line!r}", file=file, field=where,
                              fix=f"write it as {IMAGE_EXAMPLE}, optionally followed by "
                                  f"{{columns=2}}")
    options = _photo_options(match["attrs"] or "", file, where)
    photo_path = (path.parent / match["path"]).resolve()
    if not photo_path.is_file():
        raise BroadsheetError(f"photo file {match['path']!r} not found (looked for "
                              f"{photo_path})", file=file, field=where,
                              fix="put the image there or correct the path (it is relative "
                                  "to the article file)")
    return Photo(path=photo_path, caption=match["caption"].strip(),
                 credit=(match["credit"] or "").strip(), **options)


def _photo_options(text: str, file: str, where: str) -> dict:
    options: dict = {}
    rest = _PHOTO_OPTION.sub("", text).strip()
    if rest:
        raise BroadsheetError(f"cannot read the image options {{{text}}}", file=file,
                              field=where, fix=f"write them as {PHOTO_OPTIONS}")
    for match in _PHOTO_OPTION.finditer(text):
        key, value = match["key"], match["value"]
        if key == "columns":
            most = MOST["columns"][0]
            if not value.isdigit() or len(value) > 2 or not 1 <= int(value) <= most:
                raise BroadsheetError(f"columns must be at least 1 and at most {most}, "
                                      f"not {value[:10]}", file=file, field=where,
                                      fix=f"write {{columns=N}} with N from 1 to {most}")
            options["columns"] = int(value)
        elif key == "fit":
            if value not in ("fill", "fit"):
                raise BroadsheetError(f"fit must be fill or fit, not {value!r}", file=file,
                                      field=where, fix="fill crops the picture to the frame; "
                                                       "fit shows it whole")
            options["fit"] = value
        elif key == "focus":
            try:
                x, y = (float(part) for part in value.split(","))
            except ValueError:
                x = y = -1.0
            if not (0 <= x <= 1 and 0 <= y <= 1):
                raise BroadsheetError(f"focus must be two numbers from 0 to 1, not {value!r}",
                                      file=file, field=where,
                                      fix="write focus=X,Y, e.g. focus=0.5,0.3 (across, down)")
            options["focus"] = (x, y)
        elif key == "position":
            if value not in PHOTO_POSITIONS:
                raise BroadsheetError(f"position must be one of {', '.join(PHOTO_POSITIONS)}, "
                                      f"not {value!r}", file=file, field=where,
                                      fix="top/bottom: across the story's columns above or "
                                          "below the text; left/right: beside it, text round")
            options["position"] = value
        else:
            raise BroadsheetError(f"unknown image option {key!r}", file=file, field=where,
                                  fix=f"the options are {PHOTO_OPTIONS}")
    return options


# ---------------------------------------------------------------------------------------------
# the lenient reader: every text with its place, for the proofreader

@dataclass(frozen=True)
class Text:
    """One run of text as the reader sees it (a paragraph's lines joined), with the file
    position of every character."""
    kind: str                           # "body" (paragraphs) or "title" (everything else)
    text: str
    where: tuple[tuple[int, int], ...]  # (line, column), 1-based, for each character
    paragraph: bool = False             # a plain paragraph: block markup in it is stray
    inline: bool = False                # a title that sets **…** / *…* (the 编者按)


def read_texts(path: Path) -> list[Text]:
    """The article's texts in file order: front matter values, subheads, captions and credits
    (kind "title") and paragraphs (kind "body"), joined as `load_article` joins them.

    Lenient where the manifest is strict: a file it would refuse is still read as far as it
    makes sense, since the manifest reports the structural problem itself."""
    lines = read_lines(path)
    texts: list[Text] = []
    start = first_line(lines)
    body_start = start
    if start < len(lines) and lines[start].strip() == "---":
        body_start = len(lines)
        for index in range(start + 1, len(lines)):
            line = lines[index]
            if line.strip() == "---":
                body_start = index + 1
                break
            if ":" in line:
                colon = line.index(":")
                inline = line[:colon].strip() == "editor_note"
                texts += [Text(t.kind, t.text, t.where, inline=inline)
                          for t in _title(line, colon + 1, len(line), index + 1)]
    for group, fence in body_groups(lines, body_start):
        if group:
            texts += _block_texts(group)
        if fence:                           # ::: 链接 — the sidebar's title
            number, line = fence
            start = line.index(markup.FENCE) + len(markup.FENCE)
            texts += _title(line, start, len(line), number)
    return texts


def _blanked(line: str, start: int, end: int) -> str:
    """`line` with its characters start:end (a block marker) made spaces: columns kept."""
    return line[:start] + " " * (end - start) + line[end:]


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip())


def _marked_block(rest: list[tuple[int, str]]) -> list[Text] | None:
    """A quote, list or table as the reader sees it (markers blanked), or None."""
    first = rest[0][1].strip()
    if first.startswith(">"):
        lines = []
        for number, line in rest:
            lead = _lead(line)
            if line[lead:].startswith(">"):
                line = _blanked(line, lead, lead + 1)
            lines.append((number, line))
        return [joined("body", lines)]
    if first.startswith("|") and len(rest) > 1 and markup.is_delimiter_row(rest[1][1]):
        return [cell for number, line in rest[:1] + rest[2:] for cell in _cell_texts(number, line)]
    markers = [markup.list_marker(line.strip()) for _, line in rest]
    if markers[0] is None or markup.read_block([(n, l.strip()) for n, l in rest], "",
                                               join) is None:
        return None
    items: list[list[tuple[int, str]]] = []
    for (number, line), marker in zip(rest, markers):
        if marker is None:
            items[-1].append((number, line))
        else:
            lead = _lead(line)
            items.append([(number, _blanked(line, lead, lead + marker[1]))])
    return [joined("body", item) for item in items]


def _cell_texts(number: int, line: str) -> list[Text]:
    """Each cell of a `| a | b |` row as a title."""
    texts, start = [], None
    for at, char in enumerate(line + "|"):
        if char == "|" and (at == 0 or line[at - 1] != "\\"):
            if start is not None:
                texts += _title(line + "|", start, at, number)
            start = at + 1
    return texts


def _title(line: str, start: int, end: int, number: int) -> list[Text]:
    """``line[start:end]``, stripped, as a title; nothing if it is empty."""
    value = line[start:end]
    stripped = value.strip()
    if not stripped:
        return []
    first = start + len(value) - len(value.lstrip())
    return [Text("title", stripped,
                 tuple((number, first + k + 1) for k in range(len(stripped))))]


def _block_texts(group: list[tuple[int, str]]) -> list[Text]:
    texts: list[Text] = []
    rest = []
    for number, line in group:
        stripped = line.strip()
        if stripped.startswith("!["):
            match = IMAGE.fullmatch(stripped)
            if match is not None:
                lead = len(line) - len(line.lstrip())
                for name in ("caption", "credit"):
                    if match[name] is not None:
                        texts += _title(line, lead + match.start(name),
                                        lead + match.end(name), number)
                continue
        rest.append((number, line))
    if not rest:
        return texts
    number, first = rest[0]
    if first.strip().startswith("## ") or first.strip() == "##":
        lead = len(first) - len(first.lstrip()) + 2
        rest[0] = (number, " " * lead + first.lstrip()[2:])
        return texts + [joined("title", rest)]
    marked = _marked_block(rest)
    if marked is not None:
        return texts + marked
    paragraph = joined("body", rest)
    return texts + [Text(paragraph.kind, paragraph.text, paragraph.where, paragraph=True)]


def joined(kind: str, lines: list[tuple[int, str]]) -> Text:
    """Lines joined as `join` joins them, with the place of every character (a space put
    between two lines has the place just after the earlier line's end)."""
    text = ""
    where: list[tuple[int, int]] = []
    for number, line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        if text and _spaced(text[-1], stripped[0]):
            text += " "
            where.append((where[-1][0], where[-1][1] + 1))
        text += stripped
        where += [(number, lead + k + 1) for k in range(len(stripped))]
    return Text(kind, text, tuple(where))


# ---------------------------------------------------------------------------------------------
