"""The issue's pool of briefs (补白, `[[fillers]]`): which briefs a page with holes is made up
again with, and whether the page with them is the better one (`engine._make_up_page`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Module
from ..read.makeup_keys import MAX_PRIORITY
from .solve import PageProblem

if TYPE_CHECKING:
    from .engine import PageReport

FILLERS_OFFERED = 6     # briefs from the pool a holed page is made up again with
FILLER_RANK = MAX_PRIORITY + 1      # a brief's rank on the page: after every story


def fillers_offered(report: PageReport, solution, pool: list[Module], jumping: set[str]
                    ) -> list[Module]:
    """The briefs a page is made up again with: where the engine's placement left holes,
    held every story and jumped none of `jumping` (the modules given jump_to, whose
    continuation is added to a later page as it is placed; a part the manifest continues may
    split) — a story left out is reported as it is left out."""
    if not (report.holes and report.made_up and pool and solution is not None) or \
            report.left_out or jumps(solution, jumping):
        return []
    return pool[:FILLERS_OFFERED]


def holds_all(solution, problem: PageProblem) -> bool:
    """Whether `solution` holds every story of the page (its briefs aside)."""
    fillers = {c.key for c in problem.candidates if c.filler}
    return set(solution.left_out) <= fillers and solution.status != "none"


def jumps(solution, jumping: set[str]) -> bool:
    return any(placed.shape.split and placed.key in jumping for placed in solution.placed)


def better_filled(filled: PageReport, first: PageReport) -> bool:
    """Whether the page with fillers is the better: fewer grid lines of hole, and no story
    (nor brief) with more of its text overset or too wide."""
    before = _overset_by_story(first)
    return (sum(n for *_, n in filled.holes) < sum(n for *_, n in first.holes)
            and all(count <= before.get(article, 0)
                    for article, count in _overset_by_story(filled).items()))


def _overset_by_story(report: PageReport) -> dict[str, int]:
    counts: dict[str, int] = {}
    for fit in report.fits:
        counts[fit.article] = (counts.get(fit.article, 0) + len(fit.overset_text)
                               + len(fit.too_wide))
    return counts
