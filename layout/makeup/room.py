"""The room a page has: its type area, what is fixed on it, and what it has left for the rest
of a story that jumps to it (reckoned before the page is made up, from its stories' smallest
shapes)."""
from __future__ import annotations

from dataclasses import replace

from ..model import Issue, Module, Page, Placement
from ..page.compose import first_story_line
from ..page.measure import Shape
from .solve import least_cells
from ..style import Style


def type_area(number: int, style: Style) -> int:
    """Grid cells (column × line) of page `number`'s type area (below page 1's masthead)."""
    return style.columns * (style.lines - first_story_line(number, style) + 1)


def fixed_places(page: Page) -> tuple[Placement, ...]:
    """The places of the page's ads and picture modules: fixed obstacles (an ad without a
    place sits in the 报眼, beside the masthead, above the type area the stories share)."""
    return tuple(item.place for item in page.fixed if item.place is not None)


def room_left(issue: Issue, pages, number: int, shapes, style: Style, cuts) -> int:
    """Grid cells (column × line) page `number` has left for a continuation: its type area
    less its placed modules and the smallest shape of each story it must hold (a story that
    may jump on, its smallest part), and less the page's cut (`engine._made_up`)."""
    index = next(n for n, page in enumerate(issue.pages) if page.number == number)
    room = type_area(number, style) - cuts.get(number, 0)
    room -= sum(p.columns * p.lines for p in fixed_places(issue.pages[index]))
    for module in pages[index]:
        if module.place is not None:
            room -= module.place.columns * module.place.lines
        elif not module.continues and shapes.get(id(module)):
            room -= least_cells(shapes[id(module)])
    return room


def jump_room(issue: Issue, pages, module: Module, shapes, style: Style, cuts) -> int:
    """Grid cells the pages a module may jump to have left for the rest of its story."""
    return sum(room_left(issue, pages, number, shapes, style, cuts) for number in module.jump_to)


def within_budget(shapes, room: int) -> list[Shape]:
    """Split shapes cut so that what they leave (with a jump head of about four lines) fits
    in `room` cells of the page it goes to; whole shapes as they are."""
    kept = []
    for shape in shapes:
        if shape.split:
            over = shape.rest_lines + 4 * shape.columns - room
            if over > 0:
                least = shape.min_lines + -(-over // shape.columns)
                shape = replace(shape, heights=tuple(h for h in shape.heights if h >= least))
                if not shape.heights:
                    continue
        kept.append(shape)
    return kept
