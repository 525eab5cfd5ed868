"""Issue 13's target against a hand placement: tests/data/eight-page as placed by hand, and the
same stories made up by the engine with the hand placement's jumps given as jump_to (one story
jumps twice, `jump_to = [4, 7]`), as bench/makeup_hand.py makes them. The engine's pages have
nothing overset, fewer holes and no more jumps, and keep the newspaper rules."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

import makeup_rules as rules
from test_makeup_rules import made_up

ROOT = Path(__file__).resolve().parents[2]
HAND = ROOT / "tests" / "data" / "eight-page"


def _bench():
    spec = importlib.util.spec_from_file_location("makeup_hand", ROOT / "bench" / "makeup_hand.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    engine = tmp_path_factory.mktemp("hand") / "eight-page"
    shutil.copytree(HAND, engine)
    toml = engine / "issue.toml"
    toml.write_text(_bench().unplaced(toml.read_text(encoding="utf-8")), encoding="utf-8")
    return made_up(HAND, jobs=2), made_up(engine, jobs=2)


def test_the_engines_copy_says_the_hand_placements_jumps(both):
    _, engine = both
    jumps = {module.article.source.name: module.jump_to for page in engine.original.pages
             for module in page.modules if module.jump_to}
    assert jumps == {"maoding-mubiao.md": (2,), "wuzhangpai.md": (4, 7),
                     "dadao-zhijian.md": (5,)}
    assert all(module.place is None for page in engine.original.pages
               for module in page.modules)


def test_fewer_holes_no_more_jumps_and_nothing_overset(both):
    hand, engine = both

    def score(made):
        return (sum(len(r.holes) for r in made.pages),
                sum(1 for r in made.pages for f in r.fits if f.continued_on),
                sum(len(f.overset_text) for r in made.pages for f in r.fits if f.overset))
    hand_holes, hand_jumps, hand_overset = score(hand)
    holes, jumps, overset = score(engine)
    assert hand_overset == 0 and overset == 0
    assert holes < hand_holes and jumps <= hand_jumps


@pytest.mark.parametrize("check", [rules.short_jumps, rules.lost_text, rules.overset_reported,
                                   rules.tombstones])
def test_the_engines_pages_keep_the_rules(both, check):
    assert check(both[1]) == []


def test_the_engines_modules_are_rectangles_and_each_lead_opens_its_page(both):
    engine = both[1]
    assert rules.overlaps_and_bounds(engine, engine.style) == []
    assert rules.lead_on_top_and_largest(engine, engine.style) == []
