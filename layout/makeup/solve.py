"""One page made up as a constraint problem, solved by OR-Tools CP-SAT.

The page is a grid of columns × grid lines. Locked rectangles (placed modules, the
masthead's lines) stay; every other story takes exactly one of its measured shapes, at a
height its shape allows, as a rectangle: two interval variables (across, down) per story,
all kept apart by NoOverlap2D. The objective rewards the area covered above all, then the
lead at the top, stories higher and further left by priority and larger headlines, and
penalises jumps, 破栏, decks left out and tombstoning (headlines of similar size side by
side at about the same height). A placement the search stopped at its limit is then
polished: searched again with the stories' columns and shapes fixed (`_polished`); one still
left with a hole is searched on from there (`_improved`).
Deterministic: one search worker, a fixed seed and a deterministic time limit.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # imported where a page is solved: it brings pandas, a second at start-up
    from ortools.sat.python import cp_model

from ..model import Placement
from ..page.measure import APART, HOLE_LINES, Shape
from ..read.makeup_keys import MAX_TITLE_SPACE
from ..session import current, memoised, package_version

STORIES_PER_LIMIT = 5       # stories a page's time limit is meant for
MOST_LIMITS = 4             # a page's limit grows with its stories up to this many times its
                            # seconds (20 stories; an outside tester's page of 46 briefs took
                            # minutes a search)
PERSIST = 4                 # times the limit searched for every story before one is left out
FIRST_SHARE = 2.0           # of the limit, for the first full placement (then the best)
FIRST_TRY_PACKING = 1.8     # times a page's seconds, for the first try's search for a full page
                            # (each of the three seeds a third): on the 16 real pages every first
                            # try that packs was found within 0.05 s of work clock (0.1 seconds)
# A first full page is searched with each of these seeds in turn, each with its share of the
# time: on a tight page one search may wander where another finds a placement at once. A page
# left with a hole is searched on with them in turn too (`_improved`).
PACKING_SEEDS = (7, 2, 3)
SEARCH_ON = 3               # searches more, at most, of a page left with a hole (_improved)
POLISH_SHARE = 0.25         # of the limit, for the search of a placement's local moves (_polished)
# The fields of a PageProblem that its relaxations change: the rules a solution was found under.
RULES = ("lead_on_top", "all_present", "tombstones", "lead_floor", "seconds", "absent")

# Weights of the objective, in units of one grid cell (1 column × 1 grid line) of fill.
CELL = 1000
LEFT_OUT_RANK = 300_000_000 # per rank a story left out ranks above the page's last: more than
                            # a page of holes (8 columns × 106 lines × COLUMN_HOLE is 2.5e8), so
                            # the least important goes, however the page fills without it
LEFT_OUT = 10_000_000_000   # a story not on the page at all, besides: more than the ranks of a
                            # page's stories add up to, so that the fewest go (and a page never
                            # leaves its own stories out for another's continuation)
TOMBSTONE = 300 * CELL
JUMP = 3 * CELL
SENT_ON = CELL              # per body line a jumping story sends on to a later page: kept on
                            # its first page, the reader need not follow it (and the later
                            # page keeps its room), worth more than a larger title
BROKEN_COLUMNS = CELL // 2  # a 破栏 module, where the basic columns would do
ORDER_DOWN = 20             # per grid line and rank a story sits lower than it might
ORDER_RIGHT = 10            # per column and rank
HEADLINE_POINT = 8          # per point of headline size
LEAD_POINT = CELL // 2      # per point of the lead's headline: the page's largest title, as
                            # large as its width allows, is worth a few cells of fill
LEAD_COLUMN = 4 * CELL      # per column of the lead's width: a lead across the page, not
                            # down it (its neighbours would rather sit high in narrow stacks)
LEAD_FLOOR = 3              # columns the lead takes under the first rules (if it can): a lead
                            # two columns wide runs down the page beside stories that outrank it
                            # to the eye, and the search, finding a page full with a narrow lead
                            # first, seldom widens it
SPACE_LINE = 30             # per blank line added under a title
DROPPED_DECK = 50 * CELL    # a deck left out: only to hold a story the page could not, or a hole
COLUMN_HOLE = 300 * CELL    # per grid line a column is emptier than a hole allows: more
                            # than a tombstone or a dropped deck, less than a story left out
HOLED = 10 * CELL           # per line a column of a shape without a hole-free height ends short


@dataclass(frozen=True)
class Candidate:
    """A story the page must hold: its rank (1 = lead) and the shapes it may take."""
    key: str
    priority: int
    shapes: tuple[Shape, ...]
    headline: bool = True       # a horizontal headline that can tombstone with another
    chars: int = 0              # body characters (for the report of what does not fit)
    filler: bool = False        # a brief from the pool (补白): placed only where it
                                # fills the page, never required


@dataclass(frozen=True)
class PageProblem:
    columns: int
    lines: int
    first_line: int             # the first grid line stories may use (below a masthead)
    locked: tuple[Placement, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    seconds: float = 2.0        # deterministic time limit of the search
    lead_on_top: bool = True    # the lead must start at the first line (else it could not)
    all_present: bool = True    # every story must be placed (else the page cannot hold them)
    tombstones: bool = False    # tombstoning allowed, if penalised (else none at all)
    lead_floor: int = 1         # the fewest columns the lead may take
    hint: tuple["Placed", ...] = ()     # a placement to start the search from (the page's
                                        # best before briefs were offered to fill it)
    locked_titles: tuple[tuple[Placement, float], ...] = ()    # (place, title size in points)
                                        # of each story placed by hand: none tombstones
    search_on: bool = True      # a placement left with holes is searched on from (`_improved`);
                                # off where the pool's briefs may fill them (the engine then
                                # searches on only if none is set: `engine._make_up_page`)
    first_try: bool = False     # the first of the page's relaxations (`_relaxations`): others
                                # follow it, so its search for a full page is kept short
    absent: tuple[str, ...] = ()    # stories left out before the search (`_beyond_area`)

    @property
    def stories(self) -> int:
        """The page's own stories (its candidates but the briefs offered and those left out
        before the search)."""
        return sum(1 for candidate in self.candidates
                   if not candidate.filler and candidate.key not in self.absent)


@dataclass(frozen=True)
class Placed:
    key: str
    place: Placement
    shape: Shape
    title_space: int = 0


@dataclass(frozen=True)
class PageSolution:
    placed: tuple[Placed, ...]
    left_out: tuple[str, ...]   # stories the page could not hold
    status: str                 # "optimal", "feasible", or "none" (nothing placed)
    rules: tuple = ()           # (field, value) of the page's RULES it was found under


def free_cells(problem: PageProblem) -> int:
    """Grid cells of a page's problem not taken by what is placed already."""
    return problem.columns * (problem.lines - problem.first_line + 1) - sum(
        place.columns * place.lines for place in problem.locked)


def least_cells(shapes) -> int:
    """Grid cells the smallest of a story's shapes covers."""
    return min(shape.columns * shape.min_lines for shape in shapes)


def title_space(shape: Shape, lines: int) -> int:
    """Blank lines round the title that bring a whole story to one of its measured heights."""
    if shape.split or shape.headline_size == 0:
        return 0
    return next(space for space in range(MAX_TITLE_SPACE + 1)
                if lines - space in shape.heights)


def domain(shape: Shape, lines: int) -> cp_model.Domain:
    """The heights a shape may take: its measured ones, and for a whole story each of them
    with up to MAX_TITLE_SPACE lines added round the title."""
    from ortools.sat.python import cp_model
    room = 0 if shape.split or shape.headline_size == 0 else MAX_TITLE_SPACE
    return cp_model.Domain.FromIntervals(
        [[h, min(lines, h + room)] for h in shape.heights if h <= lines])


def load_solver() -> None:
    """Import the solver in this process before workers are forked to solve pages, which
    would each import it (with pandas, a second of work) for themselves."""
    from ortools.sat.python import cp_model  # noqa: F401


def _is_solution(value) -> bool:
    return isinstance(value, PageSolution) and all(isinstance(p, Placed) for p in value.placed)


# The search is deterministic, so a page's solution is remembered by the problem: an
# unchanged render, or an edit on another page, solves nothing again (a page's search takes
# seconds). Keyed on the solver's version too: another version may find another solution;
# and on the code of page/measure.py and read/makeup_keys.py besides this module's: the model
# keeps their rules (APART, HOLE_LINES, MAX_TITLE_SPACE), and a cached page must not outlive a
# change to them.
@memoised("page solutions", disk=lambda problem: (package_version("ortools"), problem),
          memory=64, code=("makeup/solve.py", "page/measure.py", "read/makeup_keys.py"),
          well_formed=_is_solution)
def solve_page(problem: PageProblem) -> PageSolution:
    """The page's best placement found within its time limit, under the first of these that
    allows one: every story present, no tombstone, the page's lead (priority 1, not the
    first story under a locked one) at least LEAD_FLOOR columns wide (where it has such
    shapes); every story present, no tombstone; every story present, tombstones penalised
    (then searched PERSIST times as long: the search for a placement is not complete, and a
    story left out is the worst a page can do); stories left out (no tombstone, then
    penalised); the lead off the top."""
    for relaxed in _relaxations(problem):
        solution = _solve(relaxed)
        if solution is not None:
            return solution
    return _nothing_placed(problem)


@memoised("pages solved as given", disk=lambda problem: (package_version("ortools"), problem),
          memory=64, code=("makeup/solve.py", "page/measure.py", "read/makeup_keys.py"),
          well_formed=_is_solution)
def solve_as_given(problem: PageProblem) -> PageSolution:
    """The page's best placement found under `problem`'s own rules, none relaxed (status
    "none" if they allow none): a page made up again with briefs offered, under the rules
    its first placement was found under (`PageSolution.rules`), that placement its hint."""
    return _solve(problem) or _nothing_placed(problem)


def solve_page_on(problem: PageProblem, jobs: int) -> PageSolution:
    """`solve_page(problem)` with its rules' relaxations searched `jobs` at a time, one on
    each core: the first in order that allows a placement is the page's, as when they are
    searched one after the other (each search is deterministic), in the time of one search
    where the first rules allow none (a page the stories crowd, whose search for a
    placement without a tombstone runs to its limit). Where they allow one, the other
    cores' searches were work for nothing: so only for a page that could not be solved
    ahead, the make-up waiting on it."""
    if jobs < 2:
        return solve_page(problem)
    known = solve_page.look_up((problem,))
    if known is not None:
        return known
    relaxations = list(_relaxations(problem))
    solution = None
    for start in range(0, len(relaxations), jobs):
        found = current().map(_solve, relaxations[start:start + jobs], jobs)
        solution = next((s for s in found if s is not None), None)
        if solution is not None:
            break
    solution = solution or _nothing_placed(problem)
    solve_page.keep((problem,), solution)
    return solution


def _nothing_placed(problem: PageProblem) -> PageSolution:
    return PageSolution((), tuple(c.key for c in problem.candidates), "none")


def _relaxations(problem: PageProblem):
    """`problem` with its lead held to LEAD_FLOOR columns, then under its own rules, then
    under fewer, in the order `solve_page` tries them."""
    absent = _beyond_area(problem)
    if absent:      # with the rest all present the page is all but full: seldom found, and
        # searched for long (the tester's page of 46 briefs: three minutes for nothing)
        problem = replace(problem, absent=absent, all_present=False)
    lead = _lead(problem)
    if lead is not None and problem.candidates[lead].priority == 1 and any(
            shape.columns >= LEAD_FLOOR for shape in problem.candidates[lead].shapes) \
            and not absent:
        yield replace(problem, lead_floor=LEAD_FLOOR, first_try=True)
    for lead_on_top in dict.fromkeys((problem.lead_on_top, False)):
        for all_present in dict.fromkeys((problem.all_present, False)):
            for tombstones in dict.fromkeys((problem.tombstones, True)):
                yield replace(problem, lead_on_top=lead_on_top, all_present=all_present,
                              tombstones=tombstones)
            if all_present:     # a story is left out only after a longer search for them all
                yield replace(problem, lead_on_top=lead_on_top, tombstones=True,
                              seconds=problem.seconds * PERSIST)


def _beyond_area(problem: PageProblem) -> tuple[str, ...]:
    """The page's own stories, last by rank first, that must go for the rest to need no more
    grid cells at their smallest shapes than the page has free (none where they all fit so):
    a page listed fuller than it holds cannot keep them all, whatever the search, and the
    least important go (an outside tester's page of 46 briefs spent minutes proving its
    stories could not all stay, then left out its 3rd listed and kept its last)."""
    own = sorted((c for c in problem.candidates if c.shapes and not c.filler),
                 key=lambda c: c.priority)
    need, room, absent = sum(least_cells(c.shapes) for c in own), free_cells(problem), []
    while own and need > room:
        last = own.pop()
        need -= least_cells(last.shapes)
        absent.append(last.key)
    return tuple(absent)


def _solve(problem: PageProblem) -> PageSolution | None:
    """The page solved under `problem`'s rules, or None if no placement keeps them (or
    none was found within the limit)."""
    from ortools.sat.python import cp_model
    model = cp_model.CpModel()
    top, bottom = problem.first_line - 1, problem.lines      # 0-based lines, end exclusive
    xs, ys, widths, heights = [], [], [], []
    for rect in problem.locked:
        xs.append(model.NewFixedSizeIntervalVar(rect.column - 1, rect.columns, ""))
        ys.append(model.NewFixedSizeIntervalVar(rect.line - 1, rect.lines, ""))
        widths.append(rect.columns)
        heights.append(rect.lines)
    stories = []
    for candidate in problem.candidates:
        stories.append(_story_vars(model, candidate, problem, top, bottom))
        if candidate.key in problem.absent:
            model.Add(stories[-1][0] == 0)
        elif problem.all_present and not candidate.filler:
            model.Add(stories[-1][0] == 1)
        _, _, _, _, h, x_interval, y_interval, width = stories[-1]
        xs.append(x_interval)
        ys.append(y_interval)
        widths.append(width)
        heights.append(h)
    model.AddNoOverlap2D(xs, ys)
    # redundant: no basic column holds more lines than the page, no line more columns
    model.AddCumulative(xs, heights, problem.lines)
    model.AddCumulative(ys, widths, problem.columns)
    sizes = _rules(model, problem, stories, top)
    covered, excess = _column_holes(model, problem, stories, top)
    penalties = covered + _tombstones(model, problem, stories, sizes)
    # fill the page from the top, then from the left: the search's first choices
    model.AddDecisionStrategy([story[3] for story in stories], cp_model.CHOOSE_LOWEST_MIN,
                              cp_model.SELECT_MIN_VALUE)
    model.AddDecisionStrategy([story[2] for story in stories], cp_model.CHOOSE_LOWEST_MIN,
                              cp_model.SELECT_MIN_VALUE)
    packing = model.clone()             # the page's hard rules only
    model.Maximize(_objective(model, problem, stories, top, sizes) + sum(penalties))
    # more stories, more to search: the limit grows with them past STORIES_PER_LIMIT
    limit = problem.seconds * min(max(1.0, problem.stories / STORIES_PER_LIMIT), MOST_LIMITS)
    wrapped = [flag for candidate, story in zip(problem.candidates, stories)
               for shape, flag in zip(candidate.shapes, story[1]) if shape.headline_lines]
    if problem.hint:
        _hint_placement(model, problem, stories)
    elif (problem.all_present or not problem.tombstones) and not _hint_a_packing(
            model, packing, _packing_limit(problem, limit), wrapped, problem.first_try):
        if problem.first_try:
            return None
        # no placement found for a hint: the search goes on without one, and can find what
        # the bare packing search missed (real A's page 7, twelve stories: its packing
        # searches failed, its search found a full page, every rule kept)
    solver = _solver(limit)
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    if status == cp_model.FEASIBLE:
        solver = _improved(model, solver, stories, excess, limit,
                           SEARCH_ON if problem.search_on else 0)
    placed, left_out = [], []
    for candidate, (present, chosen, x, y, h, _, _, _) in zip(problem.candidates, stories):
        if not solver.Value(present):
            left_out.append(candidate.key)
            continue
        shape = next(s for s, b in zip(candidate.shapes, chosen) if solver.Value(b))
        lines = solver.Value(h)
        place = Placement(solver.Value(x) + 1, shape.columns, solver.Value(y) + 1, lines)
        ruled = 1 if place.line > problem.first_line else 0
        placed.append(Placed(candidate.key, place, shape, title_space(shape, lines - ruled)))
    return _by_rank(problem, PageSolution(
        tuple(placed), tuple(left_out), "optimal" if status == cp_model.OPTIMAL else "feasible",
        tuple((name, getattr(problem, name)) for name in RULES)))


def _by_rank(problem: PageProblem, solution: PageSolution) -> PageSolution:
    """A placement that leaves some of the page's own stories out, searched again with as
    many left out, the last by rank, and the rest all present — taken if one is found: the
    search keeps the fewest out but may not reach the right ones among many (an outside
    tester's page of 46 briefs left out its 5th listed and kept later ones)."""
    own = [c.key for c in sorted(problem.candidates, key=lambda c: c.priority) if not c.filler]
    out = set(solution.left_out) & set(own)
    last = tuple(own[len(own) - len(out):])
    if not out or out == set(last):
        return solution
    return _solve(replace(problem, absent=last, all_present=True)) or solution


def _solver(limit: float, seed: int = 7) -> cp_model.CpSolver:
    """CP-SAT set to be deterministic (one worker, a fixed seed, a limit of its own work
    clock) and to reason about the packing's areas, not only its pairs."""
    from ortools.sat.python import cp_model
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    # Its own Ctrl-C handler would leave SIGINT at the default once it returns: a Ctrl-C
    # later would kill the process without its clean-up (serve, a render's temporary files).
    solver.parameters.catch_sigint_signal = False
    solver.parameters.use_timetabling_in_no_overlap_2d = True
    solver.parameters.use_energetic_reasoning_in_no_overlap_2d = True
    # no LP relaxation, no probing or symmetry search at presolve: on these models they
    # cost several times the search's own work (in time, not in deterministic time) and
    # found no better pages (measured on the real eight-page issues' 16 pages)
    solver.parameters.linearization_level = 0
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    # its own work clock only: a limit of wall time, however generous, is reached sooner on
    # a loaded machine (a render beside other work, `nice`d), and the page would change
    solver.parameters.max_deterministic_time = limit
    return solver


def _packing_limit(problem: PageProblem, limit: float) -> float:
    """The work clock the search for a first full placement may take: FIRST_SHARE of the
    page's limit, at least three times its seconds — but for the page's first try (the lead
    held to LEAD_FLOOR columns, other rules after it) FIRST_TRY_PACKING times its seconds: a
    page whose stories pack with a wide lead is found full at once (on the 16 real pages,
    within 0.05 s of work clock, with the first seed but twice), and one whose stories do not
    would otherwise spend the longest search of all on a try that fails."""
    if problem.first_try:
        return FIRST_TRY_PACKING * problem.seconds
    return max(limit * FIRST_SHARE, 3 * problem.seconds)


def _hint_a_packing(model: cp_model.CpModel, packing: cp_model.CpModel, limit: float,
                    wrapped: list, plain_only: bool) -> bool:
    """Any placement of every story, searched first in `packing` (the model before its
    objective: the same variables, fewer) and given to `model`'s search as its hint: a full
    page is found far sooner alone than on the way to the best one. Searched first without
    the `wrapped` shapes (titles wrapped large, taller than the composer's own fit, and more
    to search: a tight page is found full sooner without them; the search with its
    objective may then take them) — or only without them (`plain_only`: the rules of a first
    try, which a page that cannot keep them should not spend long on). False if none is
    found within `limit`."""
    from ortools.sat.python import cp_model
    attempts = [packing]
    if wrapped:
        plain = packing.clone()
        plain.Add(sum(plain.GetBoolVarFromProtoIndex(flag.Index()) for flag in wrapped) == 0)
        attempts.insert(0, plain)
    if plain_only:
        attempts = attempts[:1]
    proven = set()          # attempts proven to allow no placement, whatever the seed
    for seed in PACKING_SEEDS:
        for n, attempt in enumerate(attempts):
            if n in proven:
                continue
            solver = _solver(limit / len(PACKING_SEEDS), seed)
            status = solver.Solve(attempt)
            if status == cp_model.INFEASIBLE:
                proven.add(n)
            elif status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                _hint_solution(model, solver)
                return True
    return False


def _improved(model, solver, stories, excess: list, limit: float, times: int):
    """The search's placement polished (`_polished`); where the page still has a hole (a
    column emptier than a hole allows: `excess`), searched on from it, up to `times` times
    while that finds a better page. A search stopped at its limit can sit in a placement whose
    holes only a larger move closes (an outside tester's page: a jumping lead three columns
    wide down the whole page, 6 holes; searched on, six columns wide at the top and none)."""
    from ortools.sat.python import cp_model
    solver = _polished(model, solver, stories, limit)
    for n in range(times):
        if not any(solver.Value(lines) for lines in excess):
            break
        again = model.clone()
        _hint_solution(again, solver)
        on = _solver(limit, PACKING_SEEDS[n % len(PACKING_SEEDS)])
        if on.Solve(again) in (cp_model.OPTIMAL, cp_model.FEASIBLE) and \
                _objective_value(on) > _objective_value(solver):
            solver = _polished(model, on, stories, limit)
    return solver


def _hint_solution(model, solver) -> None:
    """`solver`'s solution as `model`'s hint: of `model`, a model it was cloned from, or one
    cloned from it before more variables were added (the packing before its objective)."""
    model.ClearHints()
    solution = solver.ResponseProto().solution
    hint = model.Proto().solution_hint
    hint.vars.extend(range(len(solution)))
    hint.values.extend(solution)


def _objective_value(solver) -> int:
    """The objective of `solver`'s solution, an integer: the float CP-SAT reports is inexact
    where the left-out weights (1e10) sit in its offset, and an equal page would count as
    better."""
    return round(solver.ObjectiveValue())


def _polished(model, solver, stories, limit: float):
    """The search's placement improved where a story can move up or down or change its
    height (title space) with every story's columns and shape kept: the search over the whole
    page, stopped at its limit, can leave a line of hole that such a move closes."""
    from ortools.sat.python import cp_model
    polish = model.clone()
    for present, chosen, x, *_ in stories:
        for var in (present, x, *chosen):
            polish.Add(polish.GetIntVarFromProtoIndex(var.Index()) == solver.Value(var))
    _hint_solution(polish, solver)
    better = _solver(limit * POLISH_SHARE)
    status = better.Solve(polish)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and \
            _objective_value(better) > _objective_value(solver):
        return better
    return solver


def _hint_placement(model, problem: PageProblem, stories) -> None:
    """`problem.hint` given to the search as where to start: its stories where it placed
    them, any other story (a brief offered) not placed."""
    placed = {p.key: p for p in problem.hint}
    for candidate, (present, chosen, x, y, h, *_) in zip(problem.candidates, stories):
        hinted = placed.get(candidate.key)
        model.AddHint(present, hinted is not None)
        for shape, flag in zip(candidate.shapes, chosen):
            model.AddHint(flag, hinted is not None and shape == hinted.shape)
        if hinted is not None:
            model.AddHint(x, hinted.place.column - 1)
            model.AddHint(y, hinted.place.line - 1)
            model.AddHint(h, hinted.place.lines)


def _story_vars(model, candidate: Candidate, problem: PageProblem, top: int, bottom: int):
    """present, a bool per shape, x, y, height, the two intervals and the width of a story."""
    present = model.NewBoolVar(f"{candidate.key} present")
    chosen = [model.NewBoolVar("") for _ in candidate.shapes]
    model.Add(sum(chosen) == present)
    widths = [shape.columns for shape in candidate.shapes] or [1]
    width = model.NewIntVar(0, max(widths), "")
    model.Add(width == sum(s.columns * b for s, b in zip(candidate.shapes, chosen)))
    x = model.NewIntVar(0, problem.columns - 1, "")
    y = model.NewIntVar(top, bottom - 1, "")
    h = model.NewIntVar(0, bottom - top, "")
    ruled = model.NewBoolVar("")        # under another module: its rule takes a line
    model.Add(y == top).OnlyEnforceIf(ruled.Not())
    model.Add(y >= top + 1).OnlyEnforceIf(ruled)
    for shape, flag in zip(candidate.shapes, chosen):
        model.AddLinearExpressionInDomain(h - ruled, domain(shape, problem.lines)
                                          ).OnlyEnforceIf(flag)
    model.Add(h == 0).OnlyEnforceIf(present.Not())
    x_end = model.NewIntVar(0, problem.columns, "")
    y_end = model.NewIntVar(top, bottom, "")
    model.Add(x_end == x + width)
    model.Add(y_end == y + h)
    x_interval = model.NewOptionalIntervalVar(x, width, x_end, present, "")
    y_interval = model.NewOptionalIntervalVar(y, h, y_end, present, "")
    return present, chosen, x, y, h, x_interval, y_interval, width


def _rules(model, problem: PageProblem, stories, top: int) -> list:
    """The page's hard rules: the lead opens the page, every other headline is smaller than
    the lead's (one as large reads as a second lead) where it can be. Returns each story's headline size (in
    half points, 0 if it is not present)."""
    lead = _lead(problem)
    sizes = [sum(int(2 * s.set_size) * b for s, b in zip(candidate.shapes, story[1]))
             for candidate, story in zip(problem.candidates, stories)]
    if lead is None:
        return sizes
    present, chosen, _, y, *_ = stories[lead]
    if problem.lead_on_top:             # the lead opens the page: it is there, at the top
        model.Add(present == 1)
        model.Add(y == top)
    for shape, flag in zip(problem.candidates[lead].shapes, chosen):
        if shape.columns < problem.lead_floor:
            model.Add(flag == 0)
    lead_sizes = [int(2 * s.set_size) for s in problem.candidates[lead].shapes]
    for n, size in enumerate(sizes):        # (a lead left out sizes no other title)
        candidate = problem.candidates[n]
        if n == lead or not candidate.headline or not candidate.shapes:
            continue
        enforced = [stories[n][0], present]
        least = min(int(2 * s.set_size) for s in candidate.shapes)
        if min(lead_sizes) > least:         # the story can always be smaller than the lead
            model.Add(size < sizes[lead]).OnlyEnforceIf(enforced)
            continue
        # a lead that may be set no larger than the story's smallest (a long title shrunk to
        # the style's minimum): as large as it then, not smaller — or no story could stay
        # beside it (an outside tester's page kept its lead at 24 pt and left six stories out)
        model.Add(size <= sizes[lead]).OnlyEnforceIf(enforced)
        above = model.NewBoolVar("")
        model.Add(sizes[lead] > least).OnlyEnforceIf(above)
        model.Add(sizes[lead] <= least).OnlyEnforceIf(above.Not())
        model.Add(size < sizes[lead]).OnlyEnforceIf([*enforced, above])
    return sizes


def _lead(problem: PageProblem) -> int | None:
    """The page's lead: its first story by rank that has a shape (one with none, a title
    too long for any width it may take, is left out: the next one leads the page)."""
    shaped = [n for n, candidate in enumerate(problem.candidates) if candidate.shapes]
    return min(shaped, key=lambda n: problem.candidates[n].priority, default=None)


def _objective(model, problem: PageProblem, stories, top: int, sizes: list):
    terms = []
    ranked = sorted(range(len(stories)), key=lambda n: problem.candidates[n].priority)
    lead = _lead(problem)
    for n, (candidate, (present, chosen, x, y, h, _, _, width)) in enumerate(
            zip(problem.candidates, stories)):
        # the earlier a story ranks, the more its place counts; a brief's not at all
        later = 0 if candidate.filler else problem.stories - ranked.index(n)
        if not candidate.filler:
            terms.append((LEFT_OUT + LEFT_OUT_RANK * later) * (present - 1))
        terms.append(-ORDER_DOWN * later * (y - top) - ORDER_RIGHT * later * x)
        terms.append((LEAD_POINT if n == lead else HEADLINE_POINT) // 2 * sizes[n])  # half points
        if candidate.priority == 1:         # the page's lead (not the first under a locked one)
            terms.append(LEAD_COLUMN * width)
        terms.append(-sum(JUMP * b for s, b in zip(candidate.shapes, chosen) if s.split))
        terms += [-SENT_ON * sent for sent in _sent_on(model, candidate, chosen, h)]
        terms.append(-sum(BROKEN_COLUMNS * b for s, b in zip(candidate.shapes, chosen)
                          if s.text_columns))
        terms.append(-sum(DROPPED_DECK * b for s, b in zip(candidate.shapes, chosen)
                          if not s.deck))
        terms.append(-SPACE_LINE * (h - sum(s.min_lines * b for s, b in
                                            zip(candidate.shapes, chosen))))
        terms.append(-sum(HOLED * s.gap * b for s, b in zip(candidate.shapes, chosen)))
    return sum(terms)


def _sent_on(model, candidate: Candidate, chosen: list, h) -> list:
    """The body lines each split shape of the story sends on if chosen (else 0): what it
    leaves at its lowest height, a line fewer in each text column for each grid line more."""
    sent = []
    for shape, flag in zip(candidate.shapes, chosen):
        if not shape.split:
            continue
        at = model.NewIntVar(0, shape.max_lines + 1, "")     # its height, if chosen
        model.Add(at == h).OnlyEnforceIf(flag)
        model.Add(at == 0).OnlyEnforceIf(flag.Not())
        columns = shape.text_columns or shape.columns
        sent.append(shape.rest_lines * flag - columns * (at - shape.min_lines * flag))
    return sent


def _column_holes(model, problem: PageProblem, stories, top: int) -> tuple[list, list]:
    """The area the stories cover, column by column (a story's share of a basic column is
    its height if it spans the column), and a penalty for every grid line a basic column is
    left empty beyond HOLE_LINES − 1 in all (a column with fewer empty lines than that cannot
    hold a hole), and those lines of each column. Summed by columns, the area needs no
    product width × height."""
    terms, excesses = [], []
    for column in range(problem.columns):
        covered = [min(r.line - 1 + r.lines, problem.lines) - max(r.line - 1, top)
                   for r in problem.locked if r.column - 1 <= column < r.column - 1 + r.columns]
        for present, _, x, _, h, _, _, width in stories:
            inside = model.NewBoolVar("")
            model.Add(x <= column).OnlyEnforceIf(inside)
            model.Add(x + width >= column + 1).OnlyEnforceIf(inside)
            before, after = model.NewBoolVar(""), model.NewBoolVar("")
            model.Add(x >= column + 1).OnlyEnforceIf(before)
            model.Add(x + width <= column).OnlyEnforceIf(after)
            model.AddBoolOr([inside, before, after])
            share = model.NewIntVar(0, problem.lines, "")
            model.Add(share == h).OnlyEnforceIf(inside)
            model.Add(share == 0).OnlyEnforceIf(inside.Not())
            covered.append(share)
            terms.append(CELL * share)
        empty = (problem.lines - top) - sum(covered)
        excess = model.NewIntVar(0, problem.lines, "")
        model.Add(excess >= empty - (HOLE_LINES - 1))
        terms.append(-COLUMN_HOLE * excess)
        excesses.append(excess)
    return terms, excesses


def _tombstones(model, problem: PageProblem, stories, sizes) -> list:
    """A penalty for each pair of side-by-side stories starting within HOLE_LINES lines of
    each other whose headlines are of about the same size (none at all unless
    `problem.tombstones`); and of each story beside a hand-placed one (`locked_titles`)."""
    terms = []
    scale = int(APART * 100)
    for a in range(len(stories)):
        for b in range(a + 1, len(stories)):
            if not (problem.candidates[a].headline and problem.candidates[b].headline):
                continue
            pa, _, xa, ya, _, _, _, wa = stories[a]
            pb, _, xb, yb, _, _, _, wb = stories[b]
            near = _reified_within(model, ya - yb, HOLE_LINES - 1)
            touch = model.NewBoolVar("")
            left, right = model.NewBoolVar(""), model.NewBoolVar("")
            model.Add(xa + wa != xb).OnlyEnforceIf(left.Not())
            model.Add(xb + wb != xa).OnlyEnforceIf(right.Not())
            model.AddBoolOr([left, right]).OnlyEnforceIf(touch)
            model.AddBoolOr([touch, left.Not()])
            model.AddBoolOr([touch, right.Not()])
            alike = model.NewBoolVar("")        # sizes less than APART apart read as a pair
            apart_a, apart_b = model.NewBoolVar(""), model.NewBoolVar("")
            model.Add(100 * sizes[a] >= scale * sizes[b]).OnlyEnforceIf(apart_a)
            model.Add(100 * sizes[b] >= scale * sizes[a]).OnlyEnforceIf(apart_b)
            model.AddBoolOr([alike, apart_a, apart_b])
            pair = model.NewBoolVar("")
            if not problem.tombstones:
                model.Add(pair == 0)
            model.AddBoolOr([pair, near.Not(), touch.Not(), alike.Not(), pa.Not(), pb.Not()])
            terms.append(-TOMBSTONE * pair)
    for n, (present, _, x, y, _, _, _, width) in enumerate(stories):
        if not problem.candidates[n].headline:
            continue
        for place, size in problem.locked_titles:       # a hand-placed story's title: fixed
            near = _reified_within(model, y - (place.line - 1), HOLE_LINES - 1)
            touch = model.NewBoolVar("")    # the story ends where the other begins, or after
            left, right = model.NewBoolVar(""), model.NewBoolVar("")
            model.Add(x + width != place.column - 1).OnlyEnforceIf(left.Not())
            model.Add(x != place.column - 1 + place.columns).OnlyEnforceIf(right.Not())
            model.AddBoolOr([touch, left.Not()])
            model.AddBoolOr([touch, right.Not()])
            half = int(2 * size)                # sizes are in half points
            smaller, larger = model.NewBoolVar(""), model.NewBoolVar("")
            model.Add(100 * half >= scale * sizes[n]).OnlyEnforceIf(smaller)
            model.Add(100 * sizes[n] >= scale * half).OnlyEnforceIf(larger)
            pair = model.NewBoolVar("")
            if not problem.tombstones:
                model.Add(pair == 0)
            model.AddBoolOr([pair, near.Not(), touch.Not(), present.Not(), smaller, larger])
            terms.append(-TOMBSTONE * pair)
    return terms


def _reified_within(model, difference, limit: int):
    """A bool that must be true when |difference| ≤ limit."""
    within = model.NewBoolVar("")
    above, below = model.NewBoolVar(""), model.NewBoolVar("")
    model.Add(difference > limit).OnlyEnforceIf(above)
    model.Add(difference < -limit).OnlyEnforceIf(below)
    model.AddBoolOr([within, above, below])
    return within
