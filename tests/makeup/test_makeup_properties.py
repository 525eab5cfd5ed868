"""Property tests of the make-up engine on random story sets: whatever the stories — many or
few, long or short, with subheads or without — no two modules overlap, every module stays in
the type area, no text is lost, and what does not fit is reported as overset."""
from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


import makeup_rules as rules
from test_makeup_rules import made_up

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "eight-page"
SENTENCES = [s + "。" for path in sorted(SEED.glob("*.md"))
             for s in re.split(r"。", path.read_text(encoding="utf-8").split("---")[-1])
             if len(s.strip()) > 8 and not s.strip().startswith(("#", "!"))][:400]
TITLES = ["锚定目标 实干笃行", "坚定信心", "三驾马车 并驾齐驱", "冬至阳生", "招商引资动能积蓄",
          "岁序更替 华章再谱新篇章"]

story = st.fixed_dictionaries({
    "title": st.sampled_from(TITLES),
    "paragraphs": st.lists(st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1,
                                    max_size=4), min_size=1, max_size=14),
    "subhead_every": st.sampled_from([0, 3, 5]),
    "priority": st.none() | st.integers(1, 4),
})


# a brief (补白) for the issue's pool: one or two short paragraphs
brief = st.lists(st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=2),
                 min_size=1, max_size=2)


def write_issue(folder: Path, stories: list[dict], briefs: list = ()) -> Path:
    folder.mkdir(parents=True)
    modules = []
    for n, s in enumerate(stories):
        body = []
        for k, paragraph in enumerate(s["paragraphs"]):
            if s["subhead_every"] and k and k % s["subhead_every"] == 0:
                body.append(f"## 小标题{k}")
            body.append("".join(SENTENCES[i] for i in paragraph))
        (folder / f"s{n}.md").write_text(
            f"---\nheadline: {s['title']}\nbyline: 记者 张三\n---\n\n" + "\n\n".join(body) + "\n",
            encoding="utf-8")
        given = s["priority"]
        if given == 1 and any(other["priority"] == 1 for other in stories[:n]):
            given = 2                           # a page has one lead (the manifest says so)
        priority = f"priority = {given}\n" if given else ""
        modules.append(f'[[pages.modules]]\narticle = "s{n}.md"\n{priority}')
    for n, paragraphs in enumerate(briefs):
        (folder / f"f{n}.md").write_text(
            f"---\nheadline: 简讯{n}\n---\n\n" + "\n\n".join(
                "".join(SENTENCES[i] for i in paragraph) for paragraph in paragraphs) + "\n",
            encoding="utf-8")
        modules.append(f'[[fillers]]\narticle = "f{n}.md"\n')
    (folder / "issue.toml").write_text(
        'number = 1\ndate = 2024-01-08\nstyle = "sikai"\n\n[masthead]\nname = "晋中日报"\n'
        'cn = "CN14-0023"\npostal_code = "21-22"\nschedule = "每周一、三、五出版"\n\n'
        '[[pages]]\nnumber = 1\nsection = "要闻"\n\n' + "\n".join(modules), encoding="utf-8")
    return folder


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(stories=st.lists(story, min_size=1, max_size=5), briefs=st.lists(brief, max_size=3))
def test_any_story_set_is_made_up_without_overlap_or_lost_text(tmp_path, stories, briefs):
    """…with a pool of briefs or none: a brief is set whole (lost_text), and only where the
    page holds every story."""
    folder = tmp_path / f"issue-{abs(hash(repr((stories, briefs))))}"
    if folder.exists():
        shutil.rmtree(folder)
    made = made_up(write_issue(folder, stories, briefs), seconds=0.2)
    assert rules.overlaps_and_bounds(made, made.style) == []
    assert rules.lost_text(made) == []
    assert rules.overset_reported(made) == []
    placed = [m.article.source.name for r in made.pages for m in r.modules]
    left_out = {a for r in made.pages for a, _ in r.left_out}
    set_briefs = [name for name in placed if name.startswith("f")]
    assert set(placed) - set(set_briefs) | left_out == {f"s{n}.md" for n in range(len(stories))}
    assert not (set_briefs and left_out)


def test_the_checks_see_an_overlap_and_lost_text(tmp_path):
    """The rule checks are not blind: two modules moved onto each other are caught, and a
    story whose module is cut short without a report loses text."""
    made = made_up(write_issue(tmp_path / "two", [
        {"title": "坚定信心", "paragraphs": [[1, 2, 3]] * 6, "subhead_every": 0,
         "priority": None},
        {"title": "冬至阳生", "paragraphs": [[4, 5]] * 4, "subhead_every": 0, "priority": None}]),
        seconds=0.2)
    style = made.style
    [report] = made.pages
    first, second = report.modules
    report.modules[1] = replace(second, place=first.place)
    assert rules.overlaps_and_bounds(made, style)
    report.modules[1] = second
    short = replace(first, place=replace(first.place, lines=first.place.lines // 2))
    report.modules[0] = short
    made.issue = replace(made.issue, pages=(replace(made.issue.pages[0],
                                                    modules=(short, second)),))
    assert rules.lost_text(made)
