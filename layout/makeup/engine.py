"""Make-up of a whole issue: every module without a place placed, page by page.

Pages are made up in order, since a story that jumps leaves its rest to a later page: the
stories are measured first (on all cores, or from the cache), then each page is solved
(`solve.solve_page`) and composed with the page composer to learn what the jumping stories
leave, which the continuation modules on later pages are measured from.
"""
from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field, replace

from ..errors import BroadsheetError
from ..fonts import FontBook
from ..model import Issue, Module, Page, Paragraph, Photo, Placement
from ..page.compose import (check_places, first_story_line,
                            has_module_above as _has_module_above)
from ..page.module import Story as _Story, StoryFit, compose_module as _compose_module
from ..page.measure import (HOLE_LINES, Shape, StoryLimits, foot_gap, foot_gaps, foot_margin,
                            headline_caps, is_brief, measure_continuation, measure_stories,
                            story_chars, why_no_shape)
from ..session import current
from ..style import Style
from .advice import hole_advice, needs, page_advice, smallest_cells
from .fillers import FILLER_RANK, better_filled, fillers_offered, holds_all, jumps
from .room import fixed_places, jump_room, type_area, within_budget
from .solve import (MAX_TITLE_SPACE, Candidate, PageProblem, Placed, free_cells, least_cells,
                    load_solver, solve_as_given, solve_page, solve_page_on)

ROUNDS = 3      # make-ups of an issue at most: the first, and again with less sent on (make_up)
WHOLE_SLACK = 0.1   # the share of a page its stories must leave free at their smallest for a
                    # story that jumped there to be tried whole (_whole_if_it_holds)

# The lines a title may be wrapped into to stay large (besides the composer's own fit, which
# shrinks a long title onto one line or wraps it at the smallest size).
WRAPPED_TITLE_LINES = (2,)


@dataclass
class PageReport:
    """How one page was made up and how it came out."""
    page: int
    modules: list[Module]               # every module of the page, placed
    fits: list[StoryFit]                # as composed
    made_up: set[int] = field(default_factory=set)     # indexes of modules the engine placed
    fillers: set[int] = field(default_factory=set)     # … of those, briefs from the pool
    fill: float = 0.0                   # share of the type area (below any masthead) covered
    holes: list[tuple[int, int, int]] = field(default_factory=list)   # (column, line, lines)
    left_out: list[tuple[str, str]] = field(default_factory=list)     # (article, why left out)
    status: str = "locked"              # the solver's: "optimal", "feasible", "none", "locked"
    shortfall: int = 0                  # cells the stories left out need at their smallest
    takes_jump: bool = False            # the page was to hold the rest of a story jumped to it
    advice: str = ""                    # what the editor can do about stories left out or holes


@dataclass
class MakeUp:
    issue: Issue                        # with every module placed (those left out dropped)
    pages: list[PageReport]
    original: Issue                     # as the manifest gave it
    style: Style
    book: FontBook

    @property
    def left_out_fits(self) -> list[StoryFit]:
        """Stories no page could hold, as overset stories: every character of them."""
        return [fit for report in self.pages for fit in report.fits
                if fit.frame == (0, 0, 0, 0) and fit.overset]


def needs_make_up(issue: Issue) -> bool:
    return any(module.place is None for page in issue.pages for module in page.modules)


def place_unplaced(issue: Issue, style: Style, book: FontBook, jobs: int = 1):
    """The issue with its unplaced modules placed (as it is if all are placed), and the
    stories no page could hold, as overset fits."""
    if not needs_make_up(issue):
        return issue, []
    result = make_up(issue, style, book, jobs)
    return result.issue, result.left_out_fits


def make_up(issue: Issue, style: Style, book: FontBook, jobs: int = 1, progress=None,
            seconds: float = 0.1) -> MakeUp:
    """Place every module of `issue` that has no place; `progress(done, total)` hears of each
    page. `seconds` bounds each page's search (deterministic time).

    A story that jumps may leave its continuation more than the page it goes to can hold
    beside that page's own stories (the room is reckoned from their smallest shapes, which
    need not pack): then the issue is made up again, each such page's room for the stories
    jumping to it cut by what it left out, so that the earlier pages keep more of them — up
    to ROUNDS times, while that leaves fewer characters overset."""
    check_places(issue, style)
    _check_widths(issue, style)
    shapes = _measure_all(issue, style, book, jobs)
    if jobs > 1:
        _solve_ahead(issue, [list(page.modules) for page in issue.pages], shapes,
                     _stories(issue), style, book, seconds, jobs)
    best, cuts = None, {}
    for _ in range(ROUNDS):
        made = _made_up(issue, shapes, style, book, seconds, cuts, progress, jobs)
        if best is not None and _overset_chars(made) >= _overset_chars(best):
            break
        best = made
        short = {r.page: r.shortfall for r in made.pages if r.shortfall and r.takes_jump}
        if not short:
            break
        for number, cells in short.items():
            cuts[number] = cuts.get(number, 0) + cells
    return best


def _check_widths(issue: Issue, style: Style) -> None:
    """The widths `columns = [a, b]` allows are the style's grid's."""
    for module in [*(m for page in issue.pages for m in page.modules), *issue.fillers]:
        if module.widths and module.widths[1] > style.columns:
            raise BroadsheetError(
                f"columns = [{module.widths[0]}, {module.widths[1]}]: the style's grid has "
                f"{style.columns} columns", file=str(issue.source / "issue.toml"),
                field=f"{module.field}.columns",
                fix=f"give widths from 1 to {style.columns}")


def _listed_next(module: Module, page: int, stories) -> int | None:
    """The page of the next part of the module's story that the manifest lists (a
    `continues` module there), for a module not given `jump_to`: it must jump there."""
    if module.jump_to:
        return None
    # the first page after this one: a story may have two parts on a page (one placed)
    return next((later for later in stories[id(module.article)].pages if later > page), None)


def _goes_on(module: Module, page: int, stories) -> int | None:
    """The page the module's part may go on to: the first its jump_to names, else the next
    its story is listed on."""
    return module.jump_to[0] if module.jump_to else _listed_next(module, page, stories)


def _going_on(found: list[Shape], module: Module, page: int, issue: Issue, pages, shapes,
              stories, style: Style, cuts) -> list[Shape]:
    """The shapes a part may take where its story may go on. A part the manifest continues
    takes its split shapes if it has any: the editor sent it on (a whole shape would leave
    the next part a line or none; a story too short for JUMP_LINES on each side stays whole).
    One that may jump (jump_to) takes those whose rest its later pages have room for."""
    if _listed_next(module, page, stories) is not None:
        return [shape for shape in found if shape.split] or found
    if module.jump_to:
        return within_budget(found, jump_room(issue, pages, module, shapes, style, cuts))
    return found


def _stories(issue: Issue) -> dict[int, _Story]:
    """Each story's way through the pages as the manifest lists it, by id of its article."""
    stories: dict[int, _Story] = {}
    for page in issue.pages:
        for module in page.modules:
            stories.setdefault(id(module.article), _Story([])).pages.append(page.number)
    return stories


def _made_up(issue: Issue, shapes, style: Style, book: FontBook, seconds: float,
             cuts: dict[int, int], progress, jobs: int) -> MakeUp:
    """One make-up of the issue, page by page in order; `cuts` holds the cells by which a
    page's room for the stories jumping to it is reckoned smaller than it looks."""
    stories = _stories(issue)
    pages = [list(page.modules) for page in issue.pages]
    pool = list(issue.fillers)          # briefs no page has taken yet
    reports: list[PageReport] = []
    entered: dict[tuple[int, int], _Story] = {}     # (page, id of article): each story as it
    # came to a page, to compose its part there again should the story end there after all
    for index, page in enumerate(issue.pages):
        report = _make_up_page(issue, index, pages, shapes, stories, style, book, seconds,
                               cuts, jobs, reports, entered, pool)
        reports.append(report)
        if progress is not None:
            progress(index + 1, len(issue.pages))
    made = replace(issue, pages=tuple(replace(page, modules=tuple(r.modules))
                                      for page, r in zip(issue.pages, reports)))
    return MakeUp(made, reports, issue, style, book)


def _overset_chars(made: MakeUp) -> int:
    return sum(len(fit.overset_text) for report in made.pages for fit in report.fits)


def _ranked(page_modules: list[Module]) -> list[Module]:
    """The page's story starts by priority (given, else the order of listing)."""
    starts = [module for module in page_modules if not module.continues]
    return sorted(starts, key=lambda m: (m.priority or 1000, starts.index(m)))


def _limits(module: Module, rank: int, style: Style, goes_on: int | None) -> StoryLimits:
    """What the story may take; `goes_on`: the page it may go on to, if any (`_goes_on`)."""
    article = module.article
    has_photo = any(isinstance(block, Photo) for block in article.blocks)
    photos: tuple = (None,)
    if has_photo:
        photos = (module.photo,) if module.photo else ("large", "small")
    if module.headline_size:
        sizes: tuple[float, ...] = (module.headline_size,)
    else:
        sizes = headline_caps(style, rank, story_chars(article), rank == 1)
    if module.headline_lines or module.headline_size:
        wraps: tuple[int | None, ...] = (module.headline_lines,)   # as the editor set it
    else:
        wraps = (None, *WRAPPED_TITLE_LINES)
    return StoryLimits(widths=_widths(module, style), headline_sizes=sizes,
                       photos=photos,
                       text_columns=(module.text_columns,) if module.text_columns else None,
                       jump_to=goes_on,
                       lead=rank == 1, frame=module.frame,
                       tint=module.tint, headline_bar=module.headline_bar,
                       decks=_decks(module, style), headline_lines=wraps)


def _decks(module: Module, style: Style) -> tuple[bool, ...]:
    """Whether the deck is set (True) or left out (False): as the module says, else set, or
    either where the style lets the engine drop it (keeping it preferred by the solver)."""
    if module.deck is not None:
        return (module.deck,)
    return (True, False) if style.makeup.drop_deck and module.article.deck else (True,)


def _measure_all(issue: Issue, style: Style, book: FontBook, jobs: int) -> dict[int, list[Shape]]:
    """The shapes of every unplaced story start and of each brief of the pool, by id of its
    module."""
    requests, owners = [], []
    stories = _stories(issue)
    for page in issue.pages:
        for rank, module in enumerate(_ranked(list(page.modules)), start=1):
            if module.place is None:
                goes_on = _goes_on(module, page.number, stories)
                requests.append((module.article, _limits(module, rank, style, goes_on),
                                 page.number, module.headline))
                owners.append(id(module))
    for filler in issue.fillers:        # measured as a brief on a page after the front
        requests.append((filler.article, _limits(filler, FILLER_RANK, style, None),
                         2, filler.headline))
        owners.append(id(filler))
    # the solver's import (pandas, most of a second) while the workers start measuring
    measured = measure_stories(requests, style, book, jobs, meanwhile=load_solver)
    return dict(zip(owners, measured))


def _solve_ahead(issue, pages, shapes, stories, style, book, seconds, jobs: int) -> None:
    """Solve, on the other cores, the pages whose problem is known before any page is made
    up: those that no story continues onto, as listed (`continues`) or as it may jump
    (`jump_to`: solved as listed, such a page's search is work for nothing when the story
    jumps, as the editor expects it to). The pages are then made up in order as always; a
    page whose problem came out the same finds its solution in the session (the memo is
    keyed on the whole problem, so one that an earlier page's jump changed is solved anew)."""
    jumped_to = {number for page in pages for module in page for number in module.jump_to}
    problems = [_page_problem(issue, index, pages, shapes, stories, style, book, seconds, {},
                              bool(issue.fillers))
                for index, page in enumerate(issue.pages)
                if page.number not in jumped_to
                and not any(module.continues for module in page.modules)]
    problems = [(problem,) for problem in problems if problem is not None]
    load_solver()       # before the fork (imported already while measuring: at no cost)
    # the searches with the most stories first (their time limit is the longest), so that
    # the cores finish together
    current().work_ahead(solve_page.ahead(problems, order=lambda problem: -len(
        problem.candidates)), jobs)


def _page_problem(issue, index, pages, shapes, stories, style, book, seconds, cuts,
                  briefs: bool):
    """The page's placement problem, or None when it places nothing; `cuts` as for
    `_made_up`; `briefs`: whether the pool has briefs left to offer the page should its
    placement leave holes — a page they may fill is not searched on at first
    (`PageProblem.search_on`)."""
    page = issue.pages[index]
    modules = pages[index]
    first_line = first_story_line(page.number, style)
    ranked = _ranked(modules)
    candidates = []
    for module in modules:
        if module.place is not None:
            continue
        key = _key(module)
        if module.continues:
            story = stories[id(module.article)]
            came_from = story.pages[story.part - 1]
            found = measure_continuation(module, story, came_from, page.number,
                                         _widths(module, style), style, book,
                                         _goes_on(module, page.number, stories))
            found = _going_on(found, module, page.number, issue, pages, shapes, stories, style,
                              cuts)
            candidates.append(Candidate(key, len(modules) + 1, tuple(found), headline=False,
                                        chars=_rest_chars(story)))
        else:
            found = _going_on(_level_first(shapes.get(id(module), ())), module, page.number,
                              issue, pages, shapes, stories, style, cuts)
            rank = ranked.index(module) + 1
            # a brief's small title does not tombstone: briefs stand level in their rows
            candidates.append(Candidate(key, rank, tuple(found),
                                        headline=module.headline != "vertical"
                                        and not is_brief(module.article, rank == 1),
                                        chars=story_chars(module.article)))
    if not candidates:
        return None
    locked = tuple(m.place for m in modules if m.place is not None) + fixed_places(page)
    # briefs are offered only to a page that jumps no story (`fillers.fillers_offered`)
    search_on = not briefs or any(module.jump_to for module in modules)
    return PageProblem(style.columns, style.lines, first_line, locked, tuple(candidates),
                       seconds, locked_titles=_locked_titles(page, modules, style, book),
                       search_on=search_on)


def _locked_titles(page: Page, modules: list[Module], style: Style, book: FontBook
                   ) -> tuple[tuple[Placement, float], ...]:
    """The place and title size of each story placed by hand on the page with a horizontal
    title, as the composer sets it: a story the engine places beside one must not tombstone
    with it."""
    laid = replace(page, modules=tuple(m for m in modules if m.place is not None))
    titles = []
    for module in laid.modules:
        if module.continues or module.headline == "vertical":
            continue
        try:
            _, fit = _compose_module(module, laid, style, book, False, _Story([page.number]),
                                     regions=False)
        except BroadsheetError as error:        # as composing the page says it
            error.file = error.file or str(module.article.source)
            raise
        if fit.title_size:
            titles.append((module.place, fit.title_size))
    return tuple(titles)


def _make_up_page(issue, index, pages, shapes, stories, style, book, seconds, cuts,
                  jobs: int, reports: list[PageReport], entered, pool: list[Module]
                  ) -> PageReport:
    """Make up page `index`; where its best placement leaves holes, again with briefs from
    the issue's `pool` of fillers (补白) offered, kept if the page then has fewer. A
    continuation it leaves out may end its story on an earlier page: that page's report (in
    `reports`) is then brought up to date (`_end_before`)."""
    page = issue.pages[index]
    problem = _page_problem(issue, index, pages, shapes, stories, style, book, seconds, cuts,
                            bool(pool))
    solution = solve_page_on(problem, jobs) if problem is not None else None
    jumping = {_key(module) for module in pages[index] if module.jump_to}
    if solution is not None and jumps(solution, jumping):
        problem, solution = _whole_if_it_holds(problem, solution, jumping)
    before = _state(stories, entered)
    report = _laid_out(issue, index, pages, problem, solution, shapes, stories, style, book,
                       cuts, reports, entered)
    offered = fillers_offered(report, solution, pool, jumping)
    if offered:
        filled = replace(problem, **dict(solution.rules), hint=solution.placed, search_on=True,
                         candidates=_whole(problem.candidates, jumping) + tuple(
                             _filler_candidate(filler, FILLER_RANK + n, shapes)
                             for n, filler in enumerate(offered)))
        with_fillers = solve_as_given(filled)
        if holds_all(with_fillers, filled):
            report = _better_of(report, before, issue, index, pages, filled, with_fillers,
                                shapes, stories, style, book, cuts, reports, entered, offered)
            set_here = {id(report.modules[n].article) for n in report.fillers}
            pool[:] = [filler for filler in pool if id(filler.article) not in set_here]
    if report.holes and not (report.fillers or report.left_out) and problem is not None \
            and not problem.search_on:
        # not searched on, briefs being there to fill the page; none were set (a page that
        # left a story out is reported as it was: its report may have changed an earlier one).
        # No module of such a page may jump, so laying it out again adds no continuation.
        searched = solve_page_on(replace(problem, search_on=True), jobs)
        report = _better_of(report, before, issue, index, pages, problem, searched, shapes,
                            stories, style, book, cuts, reports, entered)
    pages[index] = report.modules
    if report.holes and report.made_up and not report.advice:
        report.advice = hole_advice(report.holes, style)
    return report


def _better_of(report: PageReport, before, issue, index, pages, problem, solution, shapes,
               stories, style, book, cuts, reports, entered, briefs: list[Module] = ()
               ) -> PageReport:
    """The page laid out by another `solution` (with `briefs` offered), if that is the better
    (`fillers.better_filled`), else `report` — the stories' state going with the one kept
    (`before`: as it was before the page was laid out)."""
    laid = _state(stories, entered)
    _restore(stories, entered, before)
    for brief in briefs:
        stories[id(brief.article)] = _Story([issue.pages[index].number])
    again = _laid_out(issue, index, pages, problem, solution, shapes, stories, style, book,
                      cuts, reports, entered, briefs)
    if better_filled(again, report):
        return again
    _restore(stories, entered, laid)
    return report


def _whole(candidates, jumping: set[str]) -> tuple[Candidate, ...]:
    """The candidates with those of `jumping` (modules given jump_to) offered whole only."""
    return tuple(replace(c, shapes=tuple(s for s in c.shapes if not s.split))
                 if c.key in jumping else c for c in candidates)


def _whole_if_it_holds(problem: PageProblem, solution, jumping: set[str]):
    """A page whose best placement jumps a story given jump_to, made up again with that story
    whole — kept if the page then holds every story: a story jumps only where its page cannot
    hold it (the objective weighs a jump against the holes it leaves; a page short of copy
    would send the story on to fill its columns, where briefs should). Tried only where the
    stories' smallest shapes, the story whole, leave WHOLE_SLACK of the page free: on a
    tighter page the search for a placement seldom succeeds, and fails only at its limit
    (real A's page 7, 96 % of its room needed: 4 s for nothing)."""
    whole = replace(problem, **dict(solution.rules), candidates=_whole(problem.candidates,
                                                                       jumping))
    if any(not c.shapes for c in whole.candidates) or free_cells(problem) * (
            1 - WHOLE_SLACK) < sum(least_cells(c.shapes) for c in whole.candidates):
        return problem, solution
    kept = solve_as_given(whole)
    return (whole, kept) if holds_all(kept, whole) else (problem, solution)


def _why_unshaped(module: Module, candidate: Candidate, style: Style, book: FontBook) -> str:
    """Why no module holds a story start that has no shape (empty for any other)."""
    if candidate.shapes or module.continues:
        return ""
    return why_no_shape(module.article, _widths(module, style), style, book,
                        bool(module.jump_to))


def _widths(module: Module, style: Style) -> tuple[int, ...]:
    """The widths in columns a module may take: as `columns = [a, b]` allows, else any."""
    low, high = module.widths or (1, style.columns)
    return tuple(range(low, high + 1))


def _filler_candidate(filler: Module, rank: int, shapes) -> Candidate:
    return Candidate(_key(filler), rank, tuple(_level_first(shapes.get(id(filler), ()))),
                     headline=not is_brief(filler.article, False),
                     chars=story_chars(filler.article), filler=True)


def _state(stories, entered) -> tuple[dict, dict]:
    """Where every story stands and how each came to its pages, to go back to."""
    return {key: _copy(story) for key, story in stories.items()}, dict(entered)


def _restore(stories, entered, state) -> None:
    stories.clear()
    stories.update({key: _copy(story) for key, story in state[0].items()})
    entered.clear()
    entered.update(state[1])


def _laid_out(issue, index, pages, problem, solution, shapes, stories, style, book, cuts,
              reports, entered, fillers: list[Module] = ()) -> PageReport:
    """The page as `solution` places its modules (and those of `fillers` it places),
    composed and scored."""
    page = issue.pages[index]
    modules = pages[index]
    first_line = first_story_line(page.number, style)
    report = PageReport(page.number, [], [], takes_jump=any(
        module.continues and module.place is None for module in modules))
    if problem is not None:
        candidates = list(problem.candidates)
        report.status = solution.status
        placed = {p.key: p for p in solution.placed}
        kept, exact, left = [], set(), set()
        briefs = {id(filler) for filler in fillers}
        for module in [*modules, *fillers]:
            key = _key(module)
            if module.place is not None:
                kept.append(module)
            elif key in placed:
                report.made_up.add(len(kept))
                if id(module) in briefs:
                    report.fillers.add(len(kept))
                if _set_as_measured(placed[key]):
                    exact.add(len(kept))
                kept.append(_placed_module(module, placed[key], pages, issue, stories))
            elif id(module) in briefs:
                continue                                # a brief the page did not need
            else:
                left.add(key)
                candidate = next(c for c in candidates if c.key == key)
                why = needs(candidate, _why_unshaped(module, candidate, style, book),
                            module.field, bool(module.jump_to))
                report.left_out.append((module.article.source.name, why))
                report.shortfall += smallest_cells(candidate, style)
                report.fits += _left_out_fits(module, page.number, issue, reports, stories,
                                              entered, style, book, why)
        kept = _under_blank_lowered(kept, exact, page, first_line)
        if report.left_out:
            report.advice = page_advice(issue, index, pages, shapes, problem, left, style,
                                        cuts)
        modules = kept
    report.modules = list(modules)
    _compose_and_score(report, page, report.modules, first_line, stories, entered, style,
                       book)
    return report


def _set_as_measured(placed: Placed) -> bool:
    """Whether a module below the top (the solver reckoned a rule over it) must have the
    very lines the solver reckoned for its shape, not one more: a split part (one more a
    column would keep lines here that the jump was reckoned to leave: a continuation short
    of JUMP_LINES), or a whole story for which one more line is not a height it was
    measured to fill (its columns would end HOLE_LINES short)."""
    shape = placed.shape
    reckoned = placed.place.lines - 1 - placed.title_space    # under the rule it reckoned
    return shape.split or reckoned + 1 not in shape.heights


def _under_blank_lowered(modules: list[Module], exact: set[int], page: Page,
                         first_line: int) -> list[Module]:
    """The solver reckons a grid line for the rule above every module it places below the
    top of the type area; the composer sets that rule (and takes the line) only where a module
    ends right above. A module of `exact` with empty lines above it instead starts a line
    lower, a line shorter, so that it gets the lines its shape was measured for; the others
    keep the line (a photo grows into it, or the columns end a line lower). The line given up
    is one the solver counted as covered: a blank run above may reach HOLE_LINES unseen by
    its hole terms (the page's score, from the composed page, sees it)."""
    laid = replace(page, modules=tuple(modules))
    return [replace(module, place=replace(module.place, line=module.place.line + 1,
                                          lines=module.place.lines - 1))
            if n in exact and module.place.line > first_line
            and not _has_module_above(module, laid) else module
            for n, module in enumerate(modules)]


def _key(module: Module) -> str:
    """The module's name in the page's problem: its article's, a continuation marked …."""
    return f"{module.article.source.name}{'…' if module.continues else ''}"


def _level_first(shapes: list[Shape]) -> list[Shape]:
    """The shapes whose columns end level, if the story has any: the others would leave a
    hole at the module's foot."""
    level = [shape for shape in shapes if shape.split or not shape.gap]
    return level if any(not shape.split for shape in level) else list(shapes)


def _placed_module(module: Module, placed: Placed, pages, issue, stories) -> Module:
    """The module at its place with what its shape chose; a story split here gets its
    continuation module on the page it jumps to, which may jump on to the pages after it."""
    shape = placed.shape
    fields = {} if module.continues else {
        **shape.module_fields, "title_space": placed.title_space}
    if shape.split and module.jump_to:
        number, *further = module.jump_to
        target = next(n for n, p in enumerate(issue.pages) if p.number == number)
        pages[target].append(Module(article=module.article, place=None, continues=True,
                                    jump_to=tuple(further)))
        insort(stories[id(module.article)].pages, number)
    return replace(module, place=placed.place, **fields)


def _rest_chars(story: _Story) -> int:
    return len(_rest_text(story))


def _rest_text(story: _Story) -> str:
    """The body text a jumped story has still to set (its paragraphs', as a story left out
    on its first page reports them)."""
    return "".join(line.text for piece in story.flow or () for line in piece.lines
                   if piece.kind == "body")


def _left_out_fits(module: Module, page: int, issue: Issue, reports: list[PageReport],
                   stories, entered, style: Style, book: FontBook, why: str
                   ) -> list[StoryFit]:
    """The overset report a story left out on `page` gets there (`why`: what it needs): all
    of it, for a story left out on its first page; none for a continuation with nothing left
    to set (the story ended, or was reported, earlier), or one whose story now ends on the
    page before (`_end_before` reports it there); else the rest it was to set."""
    story = stories[id(module.article)]
    if module.continues and not _rest_text(story):
        story.pages.remove(page)
        return []
    if module.continues and _end_before(module, page, issue, reports, stories, entered, style,
                                        book):
        return []
    return [_left_out_fit(module, page, stories, why)]


def _left_out_fit(module: Module, page: int, stories, why: str) -> StoryFit:
    """A story left out, as an overset story: every character of it, or of the rest a
    continuation was to set (its paragraphs')."""
    story = stories[id(module.article)]
    if module.continues:
        text = _rest_text(story)
    else:
        text = "".join(block.text for block in module.article.blocks
                       if isinstance(block, Paragraph))
    story.pages.remove(page)
    return StoryFit(page=page, article=module.article.source.name,
                    headline=module.article.headline, lines_set=0, lines_available=0,
                    overset_text=text, left_out=why)


def _end_before(module: Module, page: int, issue: Issue, reports: list[PageReport], stories,
                entered, style: Style, book: FontBook) -> bool:
    """A continuation left out on `page`, the last its story was to reach: the story now ends
    on the page before, whose part is composed again as its last — without the jump line,
    the rest overset there, as the render will set and report it once (not also as the rest
    the jump left, a line or two more) — and that page's advice says so. False, and nothing
    done, where the part before is not one this make-up composed (the manifest places a
    later part, or the story's start was left out too)."""
    story = stories[id(module.article)]
    if story.pages[-1] != page or story.pages.index(page) == 0:
        return False
    before = story.pages[story.pages.index(page) - 1]
    came = entered.get((before, id(module.article)))
    report = next((r for r in reports if r.page == before), None)
    if came is None or report is None:
        return False
    story.pages.remove(page)
    n = next(n for n, m in enumerate(report.modules) if m.article is module.article)
    laid = replace(next(p for p in issue.pages if p.number == before),
                   modules=tuple(report.modules))
    again = replace(came, pages=list(story.pages))
    _, fit = _compose_module(report.modules[n], laid, style, book,
                             _has_module_above(report.modules[n], laid), again)
    report.fits = [fit if (old.article, old.frame) == (fit.article, fit.frame) else old
                   for old in report.fits]
    report.advice = "; ".join(filter(None, (report.advice, (
        f"{fit.article} now ends here (page {page} could not take its rest): "
        f"{len(fit.overset_text)} characters overset — cut them, or give it a later page "
        "with room (jump_to)"))))
    stories[id(module.article)] = again
    return True


def _copy(story: _Story) -> _Story:
    """The story as it stands, to compose from without moving it on."""
    return replace(story, pages=list(story.pages))


def _fullest(module: Module, page: Page, story: _Story, style: Style, book: FontBook
             ) -> Module:
    """The module with the title space (0 … MAX_TITLE_SPACE) that leaves its columns
    fullest at the foot, all its text set: the measured range assumes the foot gap grows
    with the height, which a subhead kept with its text can contradict by a line or two."""
    best = None
    for space in dict.fromkeys((module.title_space, *range(MAX_TITLE_SPACE + 1))):
        trial = replace(module, title_space=space)
        copy = _copy(story)
        try:
            items, _ = _compose_module(trial, page, style, book,
                                       _has_module_above(module, page), copy, regions=False)
        except BroadsheetError:
            continue
        if copy.flow and not story.pages[story.part + 1:]:
            continue                                    # overset: not this space
        gap = foot_gap(items, module.place, style, foot_margin(module))
        if best is None or gap < best[0]:
            best = gap, trial
        if gap < HOLE_LINES:
            break
    return best[1] if best else module


def _compose_and_score(report: PageReport, page: Page, modules: list[Module], first_line: int,
                       stories, entered, style: Style, book: FontBook) -> None:
    """Compose the page's modules as the renderer will (advancing the stories that go on),
    then measure its fill and its holes: empty runs of HOLE_LINES lines or more in a column,
    between modules or at the foot of a module's text."""
    laid = replace(page, modules=tuple(modules))
    covered = [[False] * (style.lines + 1) for _ in range(style.columns + 1)]
    for n, module in enumerate(modules):
        story = stories[id(module.article)]
        if n in report.made_up and not module.continues:
            module = modules[n] = _fullest(module, laid, story, style, book)
            laid = replace(page, modules=tuple(modules))
        entered[(page.number, id(module.article))] = _copy(story)
        items, fit = _compose_module(module, laid, style, book,
                                     _has_module_above(module, laid), story)
        report.fits.append(fit)
        place = module.place
        for column, gap in enumerate(foot_gaps(items, place, style, foot_margin(module)),
                                       start=place.column):
            for line in range(place.line, place.line + place.lines):
                covered[column][line] = True
            if gap >= HOLE_LINES:
                report.holes.append((column, place.line + place.lines - gap, gap))
    for place in fixed_places(page):                    # ads and picture modules
        for column in range(place.column, place.column + place.columns):
            for line in range(place.line, place.line + place.lines):
                covered[column][line] = True
    cells = sum(covered[c][line] for c in range(1, style.columns + 1)
                for line in range(first_line, style.lines + 1))
    report.fill = cells / type_area(page.number, style)
    for column in range(1, style.columns + 1):
        run = 0
        for line in range(first_line, style.lines + 2):
            if line <= style.lines and not covered[column][line]:
                run += 1
                continue
            if run >= HOLE_LINES:
                report.holes.append((column, line - run, run))
            run = 0
