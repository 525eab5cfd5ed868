"""An issue of real published news, placed on pages, for the typography tests (issue 16).

The articles are tests/data/realnews/ (sources and terms in SOURCES.md there), copied into a
folder with an issue.toml that places them: every story in a module half a page wide (four
basic columns), stacked down the page; a long story, or one longer than the room left, jumps
(转版) to the first free place on the next page, so the issue has continuations. Two of the corpus's 图片新闻
become photo stories — their published caption under a stand-in from the corpus's stock
photos, with the published credit — so captions and credits are set from real copy too.

    .venv/bin/python tests/realcopy.py OUT_DIR      # writes the issue, to render and look at
"""
from __future__ import annotations

import math
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "realnews"
PHOTO = REAL / "photos" / "wheat-field-closeup.jpg"     # a stock photo (photos/SOURCES.md)
# A table stored one cell per paragraph is not running text: it would only measure the table.
SKIP = {"shiji-shuma-guohui.md"}
# 图片新闻 whose text is a photo's caption: (the credit as published, at the caption's end).
PHOTO_STORIES = {"siping-xi-hanjia.md": "本报通讯员 谢贵明 摄",
                 "qiuliang-qicheng.md": "新华社发（汤德宏摄）"}
LINES, MASTHEAD_LINES, CHARS = 106, 16, 13
HALVES = (1, 5)                 # first basic column of each half page
MIN_PART = 40                   # a story is split over pages only if this much fits here
LONG = 60                       # a story estimated longer than this jumps to the next page


def article_files() -> list[Path]:
    return sorted(p for p in REAL.glob("*.md") if p.name not in SKIP | {"SOURCES.md"})


def estimate_lines(text: str) -> int:
    """Grid lines a story takes in a four-column module: headline block, byline, body at 13
    characters a line (2-em indents; 8 % more for full-width marks), 3 lines a subhead, a
    photo with its caption."""
    body = [block for block in re.split(r"\n\s*\n", text.split("\n---", 1)[1]) if block.strip()]
    column_lines = 0
    for block in body:
        if block.startswith("## "):
            column_lines += 3
        elif block.startswith("!["):
            column_lines += 4 * 32              # a photo across the module, with its caption
        else:
            column_lines += math.ceil((len(block.strip()) + 2) * 1.02 / CHARS)
    return 12 + math.ceil((column_lines + 1) / 4)


def write_issue(folder: Path) -> Path:
    """Copy the corpus into `folder` and write its issue.toml; returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "photos").mkdir(exist_ok=True)
    shutil.copy(PHOTO, folder / "photos" / PHOTO.name)
    pages: list[list[str]] = [[]]
    slot = [0, 0, MASTHEAD_LINES + 1]           # page index, half, next free line
    carried: list[tuple[str, int]] = []         # stories jumping to the next page

    def next_half():
        slot[1] += 1
        if slot[1] == len(HALVES):
            slot[0], slot[1] = slot[0] + 1, 0
            slot[2] = 1
            pages.append([])
            for name, rest in list(carried):    # continuations open the new page
                carried.remove((name, rest))
                place(name, rest, "continues")
        else:
            slot[2] = MASTHEAD_LINES + 1 if slot[0] == 0 else 1

    def place(name: str, lines: int, key: str = "article"):
        room = LINES - slot[2] + 1
        if lines > room and (room < MIN_PART or key == "continues"):
            next_half()
            room = LINES - slot[2] + 1
        take = min(lines, room)
        if key == "article" and lines > LONG:
            take = min(room, lines * 3 // 5)    # a long story jumps, as long stories do
        pages[slot[0]].append(
            f'[[pages.modules]]\n{key} = "{name}"\n'
            f"place = {{ column = {HALVES[slot[1]]}, columns = 4, line = {slot[2]}, "
            f"lines = {take} }}\n")
        slot[2] += take
        if take < lines:
            carried.append((name, lines - take + 10))   # the jump head and the 上接 line
        if slot[2] > LINES - 12:
            next_half()

    for path in article_files():
        text = _photo_story(path) if path.name in PHOTO_STORIES else path.read_text("utf-8")
        (folder / path.name).write_text(text, encoding="utf-8")
        place(path.name, estimate_lines(text))
    while carried:
        next_half()
    toml = ['number = 3302\ndate = 2026-06-13\nstyle = "jinzhong"\n']
    for number, modules in enumerate(pages, start=1):
        if modules:
            toml.append(f'[[pages]]\nnumber = {number}\nsection = "新闻"\n'
                        'editor = "张明华"\nproofreader = "程文康"\n\n' + "\n".join(modules))
    (folder / "issue.toml").write_text("\n".join(toml), encoding="utf-8")
    return folder


def _photo_story(path: Path) -> str:
    """The 图片新闻 with its caption under a photo: the published credit split off the text."""
    credit = PHOTO_STORIES[path.name]
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    caption = paragraphs[0].replace(credit, "").strip()
    rest = [p.replace(credit, "").strip() for p in paragraphs[1:]]
    photo = f'![{caption}](photos/{PHOTO.name} "{credit}")'
    return head + "\n---\n" + "\n\n".join([*rest, photo] if rest else [photo]) + "\n"


if __name__ == "__main__":
    print(write_issue(Path(sys.argv[1])))
