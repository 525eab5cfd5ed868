"""A long paragraph breaks in linear time (issue 21: one 1 MB paragraph took 111 s).

Not timed (speed is bench/'s, see bench/long_paragraph.py): the total-fit search's work is
counted — candidate lines rated plus break points copied — and must stay a bounded number
per break point, however long the paragraph."""
from pathlib import Path

import pytest

from layout.read.manifest import load_article
from layout.model import Paragraph
from layout.text import breaking
from layout.text import compose as composer

from composer_checks import MEASURE, shared_book

ROOT = Path(__file__).resolve().parents[2]


class _CountingPoints(list):
    """Break points that count the elements every slice of them copies."""
    copied = 0

    def __getitem__(self, key):
        found = super().__getitem__(key)
        if isinstance(key, slice):
            _CountingPoints.copied += len(found)
        return found


@pytest.mark.parametrize("chars", [5_000, 20_000])
def test_the_breaker_does_bounded_work_per_break_point(monkeypatch, chars):
    article = load_article(ROOT / "issues" / "3144" / "maoding-mubiao.md")
    real = "".join(block.text for block in article.blocks if isinstance(block, Paragraph))
    text = (real * (chars // len(real) + 1))[:chars]
    atoms = composer.atomise(text, "body", shared_book(), composer.TextSettings(), 2)
    points = []
    rated = []
    break_points, demerits = breaking.break_points, breaking._demerits

    def counted_points(*args):
        points[:] = [_CountingPoints(break_points(*args))]
        return points[0]

    def counted_demerits(*args):
        rated.append(1)
        return demerits(*args)

    _CountingPoints.copied = 0
    monkeypatch.setattr(breaking, "break_points", counted_points)
    monkeypatch.setattr(breaking, "_demerits", counted_demerits)
    lines = composer.break_lines(atoms, MEASURE / 9.0, "gb")
    assert len(lines) > chars / 16
    work = len(rated) + _CountingPoints.copied
    assert work < 60 * len(points[0]), (work, len(points[0]))
