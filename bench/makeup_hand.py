"""The engine against a hand placement: tests/data/eight-page as placed by hand, and the same
stories made up by the engine.

    .venv/bin/python bench/makeup_hand.py [--jobs N]

The hand placement is the issue as it is (every module placed, three stories jumping, one of
them twice). The engine's copy has every place taken out (with the 破栏 chosen by hand) and
each story's jumps given as `jump_to` on its first module, as they are by hand: the pages of
its continuations in order (wuzhangpai.md 2 → 4 → 7: `jump_to = [4, 7]`), each of which the
engine may use or not. Both are composed and scored
the same way (the engine's page report): fill, holes (empty blocks of 1 column × 3 lines or
more), jumps and overset characters, page by page.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
from pathlib import Path

from layout.fonts import load_font_book
from layout.makeup.engine import make_up
from layout.read.manifest import load_issue
from layout.style import load_style

ROOT = Path(__file__).resolve().parent.parent
HAND = ROOT / "tests" / "data" / "eight-page"
MODULE = re.compile(r"\[\[pages\.modules\]\]\n(?:(?!\[\[).*\n)*", re.M)


def unplaced(text: str) -> str:
    """issue.toml without places, its continuation modules turned into jump_to (their pages,
    in order)."""
    jumps: dict[str, list[int]] = {}
    page = 0

    def module(match: re.Match) -> str:
        body = match.group(0)
        found = re.search(r'^continues = "(.+)"', body, re.M)
        if found:
            jumps.setdefault(found.group(1), []).append(page)
            return ""
        return re.sub(r"^(place|text_columns) = .*\n", "", body, flags=re.M)

    pages = re.split(r"(?=^\[\[pages\]\]\n)", text, flags=re.M)
    out = []
    for part in pages:
        found = re.search(r"^number = (\d+)", part, re.M)
        page = int(found.group(1)) if found and part.startswith("[[pages]]") else page
        out.append(MODULE.sub(module, part))
    text = "".join(out)
    for article, targets in jumps.items():
        value = targets[0] if len(targets) == 1 else f"[{', '.join(map(str, targets))}]"
        text = re.sub(rf'^(article = "{re.escape(article)}".*\n)', rf"\1jump_to = {value}\n",
                      text, count=1, flags=re.M)
    return text


def scored(folder: Path, jobs: int):
    issue = load_issue(folder)
    style = load_style(issue.style, folder)
    made = make_up(issue, style, load_font_book(style.fonts), jobs)
    return [(r.page, r.fill, len(r.holes), sum(1 for f in r.fits if f.continued_on),
             sum(len(f.overset_text) for f in r.fits if f.overset)) for r in made.pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        engine = Path(temp) / "eight-page"
        shutil.copytree(HAND, engine)
        toml = engine / "issue.toml"
        toml.write_text(unplaced(toml.read_text(encoding="utf-8")), encoding="utf-8")
        rows = zip(scored(HAND, args.jobs), scored(engine, args.jobs))
        print("page  hand: fill %  holes  jumps  overset | engine: fill %  holes  jumps  overset")
        totals = [0] * 6
        for (page, *hand), (_, *made) in rows:
            print(f"{page:>4}  {100 * hand[0]:11.1f}  {hand[1]:>5}  {hand[2]:>5}  {hand[3]:>7} | "
                  f"{100 * made[0]:13.1f}  {made[1]:>5}  {made[2]:>5}  {made[3]:>7}")
            for n, value in enumerate(hand[1:] + made[1:]):
                totals[n] += value
        print(f" all  {'':11}  {totals[0]:>5}  {totals[1]:>5}  {totals[2]:>7} | "
              f"{'':13}  {totals[3]:>5}  {totals[4]:>5}  {totals[5]:>7}")


if __name__ == "__main__":
    main()
