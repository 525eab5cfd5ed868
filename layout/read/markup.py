"""The article format's block and inline markup: what `layout.read.manifest` reads into the model
beyond paragraphs, subheads and photos, and what `broadsheet check` flags as stray markup.

Blocks (each a blank-line-separated group of lines, see issues/3144/README.md):

* ``> text`` — a pull quote (every line, or the first line and lazy continuations);
* ``- item``, ``1. item`` / ``1、item``, ``一、item``, ``（一）item`` — a list; a line without a
  marker continues the item above. Chinese numbering makes a list only when two or more lines
  of the block carry it (one paragraph opening with 一、 is a paragraph, kept as typed);
* ``| a | b |`` rows with a ``|---|--:|`` delimiter row under the header — a table;
* ``::: 链接`` … ``:::`` — a sidebar (a boxed block) holding paragraphs and lists.

Inline: ``**…**`` sets the style's emphasis face, ``*…*`` 楷体. A marker opens only before a
character that is not a space and closes only after one; an unpaired marker stays as typed
(and is flagged), and ``*ST`` (the exchanges' risk-warning prefix) is never a marker.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import BroadsheetError
from ..model import Emphasis, ListBlock, ListItem, Quote, Table

BULLET = "●"                # what a `- ` item is set with

_BULLET_MARKER = re.compile(r"[-+]\s+")
_ARABIC_MARKER = re.compile(r"(\d{1,2})(?:[.．](?!\d)|、|[)）])\s*")
_CHINESE_NUMERALS = "一二三四五六七八九十"
_CHINESE_MARKER = re.compile(f"(?:[{_CHINESE_NUMERALS}]{{1,3}}、|（[{_CHINESE_NUMERALS}]{{1,3}}）)")
_QUOTE_MARKER = re.compile(r">\s?")
_DELIMITER_CELL = re.compile(r"\s*:?-+:?\s*")
FENCE = ":::"

TABLE_EXAMPLE = "| 公司名称 | 上会日期 |\n|---|--:|\n| 世纪数码 | 2026/6/11 |"


# --------------------------------------------------------------------------------- inline

@dataclass(frozen=True)
class Inline:
    """A text with its emphasis markers taken out."""
    text: str
    emphasis: Emphasis
    unpaired: tuple[int, ...]   # offsets (in the text as typed) of markers left as typed


def parse_inline(typed: str) -> Inline:
    """`**…**` and `*…*` → the text without markers and the emphasised ranges in it."""
    found = markers(typed)
    paired: dict[int, int] = {}            # opener offset → closer offset
    unpaired = []
    for width in (2, 1):
        open_at = None
        for at, size in found:
            if size != width or _inside_pair(at, paired):
                continue
            if open_at is None:
                if _can_open(typed, at, size):
                    open_at = at
                else:
                    unpaired.append(at)
            elif _can_close(typed, at):
                paired[open_at] = at
                open_at = None
            elif _can_open(typed, at, size):
                unpaired.append(open_at)
                open_at = at
            else:
                unpaired.append(at)
        if open_at is not None:
            unpaired.append(open_at)
    sizes = dict(found)
    skip = {}                               # typed offset → marker width to drop there
    for opener, closer in paired.items():
        skip[opener] = skip[closer] = sizes[opener]
    text, spans, at, starts = [], [], 0, {}
    while at < len(typed):
        if at in skip:
            if at in paired:
                starts[at] = len(text)
            else:
                opener = next(o for o, c in paired.items() if c == at)
                spans.append((starts[opener], len(text), "strong" if skip[at] == 2 else "kai"))
            at += skip[at]
            continue
        text.append(typed[at])
        at += 1
    return Inline("".join(text), tuple(sorted(spans)), tuple(sorted(unpaired)))


def markers(typed: str) -> list[tuple[int, int]]:
    """(offset, 1 or 2) of every run of one or two asterisks that may be a marker."""
    found = []
    for match in re.finditer(r"\*+", typed):
        run = match.group()
        if len(run) > 2:
            continue                        # *** and longer: not markup we set
        if len(run) == 1 and typed.startswith("ST", match.end()):
            continue                        # *ST: a stock's risk-warning prefix
        found.append((match.start(), len(run)))
    return found


def _inside_pair(at: int, paired: dict[int, int]) -> bool:
    return any(opener <= at <= closer + 1 for opener, closer in paired.items())


def _can_open(typed: str, at: int, size: int) -> bool:
    after = at + size
    return after < len(typed) and not typed[after].isspace() and typed[after] != "*"


def _can_close(typed: str, at: int) -> bool:
    return at > 0 and not typed[at - 1].isspace() and typed[at - 1] != "*"


# --------------------------------------------------------------------------------- blocks

Join = Callable[[list[str]], str]


def is_fence(line: str) -> bool:
    return line.startswith(FENCE)


def read_block(group: list[tuple[int, str]], file: str, join: Join):
    """The quote, list or table the group of (line number, stripped line) is, or None."""
    first = group[0][1]
    if _QUOTE_MARKER.match(first):
        lines = [_QUOTE_MARKER.sub("", line, count=1) if _QUOTE_MARKER.match(line) else line
                 for _, line in group]
        inline = parse_inline(join(lines))
        if not inline.text:
            raise BroadsheetError("the quote is empty", file=file, field=f"line {group[0][0]}",
                                  fix="write the quoted words after '> '")
        return Quote(inline.text, inline.emphasis)
    if first.startswith("|"):
        return _table(group, file)
    return _list(group, join)


def list_marker(line: str) -> tuple[str, int] | None:
    """(the marker as it is set, the length typed) when `line` starts a list item."""
    match = _BULLET_MARKER.match(line)
    if match:
        return BULLET, match.end()
    for pattern in (_ARABIC_MARKER, _CHINESE_MARKER):
        match = pattern.match(line)
        if match:
            return match.group().strip(), match.end()
    return None


def _list(group: list[tuple[int, str]], join: Join) -> ListBlock | None:
    item_markers = [list_marker(line) for _, line in group]
    first = item_markers[0]
    if first is None:
        return None
    chinese = _CHINESE_MARKER.match(group[0][1]) is not None
    if chinese and sum(marker is not None for marker in item_markers) < 2:
        return None                         # a paragraph that opens with 一、, kept as typed
    items: list[tuple[str, list[str]]] = []
    for (_, line), marker in zip(group, item_markers):
        if marker is None:
            items[-1][1].append(line)
        else:
            items.append((marker[0], [line[marker[1]:].strip()]))
    made = []
    for marker, lines in items:
        inline = parse_inline(join(lines))
        made.append(ListItem(marker, inline.text, inline.emphasis))
    return ListBlock(tuple(made))


def _cells(line: str) -> list[str]:
    """The cells of a `| a | b |` row (the outer pipes optional, `\\|` a literal pipe)."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def is_delimiter_row(line: str) -> bool:
    """A table's `|---|--:|` row, which makes the row above it the header."""
    return all(_DELIMITER_CELL.fullmatch(cell) for cell in _cells(line))


def _table(group: list[tuple[int, str]], file: str) -> Table | None:
    if len(group) < 2 or not is_delimiter_row(group[1][1]):
        return None                         # not a table: `check` flags the pipes
    header = _cells(group[0][1])
    delimiter = _cells(group[1][1])
    where = f"line {group[0][0]}"
    if len(delimiter) != len(header):
        raise BroadsheetError(f"the table's delimiter row has {len(delimiter)} cells, its header "
                              f"{len(header)}", file=file, field=f"line {group[1][0]}",
                              fix=f"give every row as many cells as the header, e.g.\n"
                                  f"{TABLE_EXAMPLE}")
    rows = []
    for number, line in group[2:]:
        if not line.startswith("|"):
            raise BroadsheetError("a table row must start with '|'", file=file,
                                  field=f"line {number}",
                                  fix="start the row with '|', or put a blank line after the "
                                      "table")
        cells = _cells(line)
        if len(cells) != len(header):
            raise BroadsheetError(f"the table row has {len(cells)} cells, the header "
                                  f"{len(header)}", file=file, field=f"line {number}",
                                  fix="give every row as many cells as the header (an empty "
                                      "cell is | |)")
        rows.append(tuple(cells))
    if not rows:
        raise BroadsheetError("the table has a header but no rows", file=file, field=where,
                              fix=f"add its rows under the delimiter row, e.g.\n{TABLE_EXAMPLE}")
    return Table(tuple(header), tuple(rows), tuple(_alignment(cell) for cell in delimiter),
                 line=group[0][0])


def _alignment(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith(":") and cell.endswith(":"):
        return "center"
    if cell.endswith(":"):
        return "right"
    if cell.startswith(":"):
        return "left"
    return "auto"


# ---------------------------------------------------------------------------- stray markup

@dataclass(frozen=True)
class Stray:
    """Something in a text that looks like markup the format does not set."""
    start: int
    end: int
    message: str
    fix: str


_STRAY = (
    (re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"),
     "a Markdown link is printed as typed",
     "write the link text (and the address, if it is to be printed) plainly"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"),
     "an HTML tag is printed as typed",
     "remove the tag; use **…** for the emphasis face, *…* for 楷体"),
    (re.compile(r"`[^`]+`"),
     "backticks (code) are printed as typed", "remove the backticks"),
    (re.compile(r"~~[^~]+~~|__[^_]+__"),
     "~~…~~ / __…__ is not markup this format sets",
     "use **…** for the emphasis face, *…* for 楷体, or remove the marks"),
    (re.compile(r"\*{3,}"),
     "*** is not markup this format sets", "use **…** or *…*, or remove the asterisks"),
)


def stray_markup(typed: str, block_start: bool) -> list[Stray]:
    """What in `typed` (a paragraph, title or item as typed, emphasis markers in it) would be
    printed as raw markup; `block_start` when it begins a block (a `#` heading is stray)."""
    found = []
    if block_start:
        heading = re.match(r"#+(?=\s|$)", typed)
        if heading and heading.group() != "##":
            found.append(Stray(0, heading.end(), f"'{heading.group()}' heading is printed as "
                               "typed", "write '## ' for a subhead, or remove the #"))
        if typed.startswith("|"):
            found.append(Stray(0, 1, "a '|' row that is not a table is printed as typed",
                               "make it a table: a delimiter row such as |---|--:| under its "
                               "header row"))
    for pattern, message, fix in _STRAY:
        found += [Stray(m.start(), m.end(), message, fix) for m in pattern.finditer(typed)]
    for at in parse_inline(typed).unpaired:
        size = 2 if typed.startswith("**", at) else 1
        found.append(Stray(at, at + size, f"'{'*' * size}' without its pair is printed as typed",
                           f"close it with another {'*' * size} (or remove it)"))
    return sorted(found, key=lambda stray: stray.start)


# ---------------------------------------------------------------------------- the run-in lead

def credit(article) -> str:
    """记者 ×× 通讯员 ××: the byline and the correspondent."""
    return " ".join(part for part in (article.byline, article.correspondent
                                       and f"通讯员 {article.correspondent}") if part)


def dateline_lead(article) -> tuple[str, str]:
    """(dateline, what follows it) at the start of the first paragraph: 本报讯 and
    （记者 ×× 通讯员 ××）, or a full-width space when there is no byline; ("", "") without a
    dateline."""
    if not article.dateline:
        return "", ""
    return article.dateline, f"（{credit(article)}）" if credit(article) else "\u3000"
