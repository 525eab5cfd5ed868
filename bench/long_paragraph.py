"""How the time to set one paragraph grows with its length (issue 21: it must grow linearly).

    .venv/bin/python bench/long_paragraph.py [CHARS ...]

Sets the sample's real copy (issues/3144/maoding-mubiao.md, repeated) as one paragraph of
each length on one basic column of the jinzhong style, and prints the time and the time per
thousand characters: a flat last column is linear time.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout.fonts import load_font_book             # noqa: E402
from layout.read.manifest import load_article            # noqa: E402
from layout.model import Paragraph                  # noqa: E402
from layout.style import load_style                 # noqa: E402
from layout.text.compose import Request, _compose   # noqa: E402


def main(lengths: list[int]) -> None:
    style = load_style("jinzhong")
    book = load_font_book(style.fonts)
    article = load_article(ROOT / "issues" / "3144" / "maoding-mubiao.md")
    copy = "".join(block.text for block in article.blocks if isinstance(block, Paragraph))
    print(f"{'characters':>10}  {'lines':>6}  {'seconds':>8}  {'ms per 1000':>11}")
    for length in lengths:
        text = (copy * (length // len(copy) + 1))[:length]
        request = Request(text, style.column_chars * style.body_size, style.body_size, "body",
                          style.text, style.indent_em)
        start = time.perf_counter()
        lines = _compose(request, book)
        took = time.perf_counter() - start
        print(f"{length:>10}  {len(lines):>6}  {took:>8.2f}  {took / length * 1e6:>11.1f}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000, 40_000, 160_000])
