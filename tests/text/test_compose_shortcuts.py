"""The composer's shortcuts change nothing: the line breaker's skipping of short lines, the
remembered measurements of characters, the copies of atoms."""
import dataclasses
import random

import pytest

from composer_checks import MEASURE, SIZE, set_text, shared_book
from layout.text import breaking
from layout.text.breaking import Sums, _Breaker, _lines, line_gaps
from layout.text.compose import Atom, TextSettings, atomise, break_lines, break_points

PIECES = (list("中国式现代化晋中实践迈出坚实步伐全面从严治党") * 4
          + list("，。、；：？！“”（）《》·") + [" ", "——", "……", "2024", "Broadsheet", "49%"])


def every_line_tried(atoms, measure, level, justify):
    """The breaks of the plain search, which tries every candidate line."""
    return _lines(_Breaker(atoms, break_points(atoms, level), measure, justify).best(), len(atoms))


@pytest.mark.parametrize("seed", range(4))
def test_skipping_short_lines_keeps_the_breaks_of_trying_every_line(seed):
    rng = random.Random(seed)
    for _ in range(150):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 150)))
        settings = TextSettings(line_break=rng.choice(["basic", "gb", "strict"]),
                                cjk_latin_space=rng.choice([0, 0.125, 0.25]))
        atoms = atomise(text, "body", shared_book(), settings, rng.choice([0, 2]))
        if not atoms:
            continue
        measure = rng.choice([13, 13, 17, 11.1, 6.5, 3])
        justify = rng.random() < 0.8
        assert break_lines(atoms, measure, settings.line_break, justify) == \
            every_line_tried(atoms, measure, settings.line_break, justify), text


@pytest.mark.parametrize("seed", range(2))
def test_the_breaker_measures_each_line_as_the_running_sums_do(monkeypatch, seed):
    """The breaker's hot loop spells `Sums.line` out: every line it rates is measured to the
    bit as `Sums.line` measures some line of the paragraph, and `line_gaps` counts a whole
    line's gaps as the sums do."""
    rng = random.Random(seed)
    rated = []

    def recorded(natural, shrink, stretch, gaps, measure, last, justify, cheap, *rest):
        rated.append((natural, shrink, stretch, gaps, cheap))
        return demerits(natural, shrink, stretch, gaps, measure, last, justify, cheap, *rest)

    demerits = breaking._demerits
    monkeypatch.setattr(breaking, "_demerits", recorded)
    for _ in range(60):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 80)))
        settings = TextSettings(cjk_latin_space=rng.choice([0, 0.25]))
        atoms = atomise(text, "body", shared_book(), settings, rng.choice([0, 2]))
        if not atoms:
            continue
        rated.clear()
        measure = rng.choice([13, 6.5])
        every_line_tried(atoms, measure, settings.line_break, True)
        break_lines(atoms, measure, settings.line_break, True)
        points, sums = break_points(atoms, settings.line_break), Sums(atoms)
        lines = {sums.line(i, j) for i in points for j in points if i < j}
        assert rated and set(rated) <= lines, text
        for i in points:
            for j in points:
                if i < j:
                    end = sums.end(i, j)
                    assert line_gaps(atoms[i:end]) == sums.line(i, j)[3], text


def test_a_copied_atom_has_every_field_and_is_its_own():
    values = {field.name: f"{field.name}-value" for field in dataclasses.fields(Atom)}
    atom = Atom(**values)
    copy = atom.copy()
    assert copy == atom and copy is not atom
    copy.trim_left = 0.5
    assert atom.trim_left == "trim_left-value"


def test_a_paragraph_set_again_is_set_the_same():
    text = "全面从严治党，“政治生态”持久风清气正——中国式现代化晋中实践迈出坚实步伐。" * 3
    atoms = atomise(text, "body", shared_book(), TextSettings(), 2)
    atoms[3].trim_left = 0.25           # adjusting one paragraph's atom leaves the next alone
    again = atomise(text, "body", shared_book(), TextSettings(), 2)
    assert again[3].trim_left == 0.0
    first = set_text(text, size=SIZE, measure=MEASURE)
    assert set_text(text + "。", size=SIZE, measure=MEASURE)[0].glyphs == first[0].glyphs
