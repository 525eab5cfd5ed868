"""What the editor is told about a page the make-up could not fill or could not hold: the
copy that would fill its holes, what a story left out needs, and where it could go."""
from __future__ import annotations

from ..model import Issue
from ..style import Style
from .room import room_left
from .solve import Candidate, PageProblem, free_cells, least_cells


def hole_advice(holes: list[tuple[int, int, int]], style: Style) -> str:
    """What the editor can do about the holes the best placement found leaves: the copy that
    would fill them (a basic column's grid line holds `column_chars` characters)."""
    lines = sum(n for _, _, n in holes)
    return (f"the best placement found leaves {lines} grid lines of column empty in "
            f"{len(holes)} hole(s): about {lines * style.column_chars} characters more copy "
            f"(a brief), a larger photo or a story from another page would fill them")


def smallest_cells(candidate: Candidate, style: Style) -> int:
    """Grid cells the candidate's smallest shape covers; for one with no shape (more than
    the widths or the room it may have hold), the cells its characters fill set solid."""
    return least_cells(candidate.shapes) if candidate.shapes else \
        -(-candidate.chars // style.column_chars)


def needs(candidate: Candidate, unshaped: str = "", field: str = "", jumps: bool = False
          ) -> str:
    """Why a story was left out and what it needs; `unshaped`: why no module holds it, for
    one with no shape (`measure.why_no_shape`), `field` where issue.toml lists it, `jumps`
    whether it may jump (the room its later pages have may be what it lacks)."""
    if not candidate.shapes and not candidate.chars:
        return ("nothing of its story is left for it: the story ended, or was left out and "
                "reported overset, on an earlier page")
    if not candidate.shapes:
        columns = f" ({field}.columns)" if field else ""
        return (f"no module the page allows holds it ({candidate.chars} characters): "
                f"{unshaped or 'its title and its text take no module of the widths it may take'}"
                + (", or the room its later pages have is too little for its rest"
                   if jumps else "")
                + f" — shorten the title or the story, or allow it more columns{columns}")
    whole = [s for s in candidate.shapes if not s.split]
    smallest = min(whole or candidate.shapes, key=lambda s: s.columns * s.min_lines)
    if not whole:       # a part that goes on: what it needs here, the rest going on
        return (f"the page cannot hold it; its part here needs a module of at least "
                f"{smallest.columns} columns × {smallest.min_lines} lines (of its "
                f"{candidate.chars} characters, the rest going on)")
    return (f"the page cannot hold it; it needs a module of {smallest.columns} columns × "
            f"{smallest.min_lines} lines ({candidate.chars} characters)")


def page_advice(issue: Issue, index: int, pages, shapes, problem: PageProblem,
                left: set[str], style: Style, cuts) -> str:
    """What the editor can do about a page that left stories out: if even their smallest
    shapes need more than the page has, it is listed fuller than it holds, and a lower-priority
    story may jump to the later page with the most room (or move there)."""
    candidates = problem.candidates
    unshaped = [c.key.rstrip("…") for c in candidates if not c.shapes and c.chars]
    left = left - {c.key for c in candidates if not c.shapes and not c.chars}
    if not left:                # only continuations with nothing left to set
        return ""
    if unshaped and len(unshaped) == len(left):     # only stories no module could hold
        return (f"{', '.join(unshaped)}: cut it, allow it more columns, or give it a later "
                "page with room to jump to (jump_to on its first module)")
    depth = problem.lines - problem.first_line + 1
    shallowest = {c.key.rstrip("…"): min(s.min_lines for s in c.shapes) for c in candidates
                  if c.key in left and c.shapes}
    too_deep = [(key, lines) for key, lines in shallowest.items() if lines > depth]
    if too_deep:
        return "; ".join(f"{key} is {lines} lines deep at its widths, the page {depth}"
                         for key, lines in too_deep) + \
            ": allow it more columns, cut it, or let it jump (jump_to)"
    room = free_cells(problem)
    need = sum(least_cells(c.shapes) for c in candidates if c.shapes)
    later = [(room_left(issue, pages, p.number, shapes, style, cuts), p.number)
             for p in issue.pages[index + 1:]]
    if later:
        where = (f"give a lower-priority story jump_to = {max(later)[1]} (page "
                 f"{max(later)[1]} has about {max(later)[0]} cells free) or move one there")
    elif index:
        where = "move a story to an earlier page or cut one"
    else:                       # the issue's only page
        where = "cut a story, or add a page to move one to or to let one jump to (jump_to)"
    if need > room:
        return (f"the page is listed fuller than it holds: its stories need {need} of its "
                f"{room} cells (column × line) at their smallest; {where}")
    return (f"the stories need {need} of the page's {room} cells at their smallest, but no "
            f"placement of them all was found; {where}")
