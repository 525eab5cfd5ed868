"""The newspaper rules of issue 13, point 3, checked on a made-up issue (plain functions, for the
tests here): each returns a list of problems, empty when the rule holds."""
from __future__ import annotations

import re
from collections import Counter

from layout import display as dl
from layout.makeup.engine import MakeUp
from layout.model import Paragraph, Subhead
from layout.page.compose import compose_issue
from layout.page.measure import APART, HOLE_LINES, JUMP_LINES, brief_title_size


def first_line(style, page: int) -> int:
    return style.masthead_lines + 1 if page == 1 else 1


def overlaps_and_bounds(made: MakeUp, style) -> list[str]:
    problems = []
    for report in made.pages:
        cells = Counter()
        for module in report.modules:
            p = module.place
            if (p.column < 1 or p.column + p.columns - 1 > style.columns
                    or p.line < first_line(style, report.page) or p.line + p.lines - 1 > style.lines):
                problems.append(f"page {report.page}: {module.article.source.name} leaves the "
                                f"type area: {p}")
            cells.update((c, line) for c in range(p.column, p.column + p.columns)
                         for line in range(p.line, p.line + p.lines))
        twice = [cell for cell, n in cells.items() if n > 1]
        if twice:
            problems.append(f"page {report.page}: {len(twice)} cells covered twice")
    return problems


def holes(made: MakeUp) -> list[str]:
    return [f"page {r.page}: empty column {c}, lines {line}–{line + n - 1}"
            for r in made.pages for c, line, n in r.holes if n >= HOLE_LINES]


def fill(made: MakeUp, least: float = 0.97) -> list[str]:
    return [f"page {r.page}: {100 * r.fill:.1f} % filled" for r in made.pages if r.fill < least]


def headline_sizes(made: MakeUp) -> dict[tuple[int, str], float]:
    """(page, article) → the size its headline is set at, read from the composed page."""
    sizes = {}
    document = compose_issue(made.issue, made.style, made.book).document
    for page, report in zip(document.pages, made.pages):
        for module in report.modules:
            if module.continues:
                continue
            frame = _frame(module.place, made.style)
            found = [item.size for item in page.items if isinstance(item, dl.TextLine)
                     and item.role == "headline" and _inside(item, frame)]
            sizes[(report.page, module.article.source.name)] = max(found, default=0.0)
    return sizes


def lead_on_top_and_largest(made: MakeUp, style) -> list[str]:
    """The page's lead (priority 1, else the first listed) opens the page and no headline on
    it is larger than the lead's; headline sizes follow priority."""
    problems = []
    sizes = headline_sizes(made)
    for report in made.pages:
        starts = [m for m in report.modules if not m.continues]
        if not starts:
            continue
        ranked = sorted(starts, key=lambda m: (m.priority or 1000, starts.index(m)))
        lead = ranked[0]
        if lead.place.line != first_line(style, report.page):
            problems.append(f"page {report.page}: the lead {lead.article.source.name} starts "
                            f"at line {lead.place.line}")
        lead_size = sizes[(report.page, lead.article.source.name)]
        for other in ranked[1:]:
            size = sizes[(report.page, other.article.source.name)]
            if size > lead_size + 1e-6:
                problems.append(f"page {report.page}: {other.article.source.name}'s headline "
                                f"({size} pt) is larger than the lead's ({lead_size} pt)")
    return problems


def tombstones(made: MakeUp) -> list[str]:
    """No two side-by-side stories start within HOLE_LINES − 1 lines of each other with
    headlines of about the same size — briefs' small titles aside, which stand level in
    their rows as they do in print."""
    problems = []
    sizes = headline_sizes(made)
    brief = brief_title_size(made.style)
    for report in made.pages:
        starts = [m for m in report.modules if not m.continues and m.headline == "horizontal"]
        for n, a in enumerate(starts):
            for b in starts[n + 1:]:
                pa, pb = a.place, b.place
                touch = pa.column + pa.columns == pb.column or pb.column + pb.columns == pa.column
                near = abs(pa.line - pb.line) < HOLE_LINES
                sa = sizes[(report.page, a.article.source.name)]
                sb = sizes[(report.page, b.article.source.name)]
                alike = max(sa, sb) < APART * min(sa, sb) and max(sa, sb) > brief
                if touch and near and alike:
                    problems.append(f"page {report.page}: {a.article.source.name} and "
                                    f"{b.article.source.name} tombstone")
    return problems


def short_jumps(made: MakeUp) -> list[str]:
    """A jump leaves at least JUMP_LINES body lines on each side."""
    problems = []
    body = _body_lines(made)
    for report in made.pages:
        for fit in report.fits:
            if fit.continued_on or fit.continued_from:
                lines = body.get((report.page, fit.article), 0)
                if lines < JUMP_LINES:
                    problems.append(f"page {report.page}: {fit.article} has {lines} body "
                                    f"lines at a jump")
    return problems


def lost_text(made: MakeUp) -> list[str]:
    """Every story's body text is on its pages, in order, or reported as overset; so is
    every brief from the pool (补白) the make-up set."""
    problems = []
    document = compose_issue(made.issue, made.style, made.book).document
    set_text: dict[str, str] = {}
    for page, report in zip(document.pages, made.pages):
        for module in report.modules:
            frame = _frame(module.place, made.style)
            name = module.article.source.name
            set_text[name] = set_text.get(name, "") + "".join(
                item.text for item in page.items
                if isinstance(item, dl.TextLine) and item.role == "body" and _inside(item, frame))
    overset = {fit.article: fit for r in made.pages for fit in r.fits if fit.overset}
    placed = {id(module.article) for page in made.issue.pages for module in page.modules}
    briefs = [filler for filler in made.original.fillers if id(filler.article) in placed]
    for modules in [*(page.modules for page in made.original.pages), briefs]:
        for module in modules:
            if module.continues:
                continue
            name = module.article.source.name
            wanted = _squeeze("".join(b.text for b in module.article.blocks
                                      if isinstance(b, Paragraph)))
            # a part composed with text left over reports it with its subheads (as the render
            # does); a story left out (no frame), its paragraphs only — whose text may hold a
            # subhead's words (当有发展之策), not to be taken out
            fit = overset.get(name)
            rest = fit.overset_text if fit else ""
            if fit and fit.frame != (0, 0, 0, 0):
                subheads = [b.text for b in module.article.blocks if isinstance(b, Subhead)]
                for subhead in sorted(subheads, key=len, reverse=True):  # 小标题36 before 小标题3
                    rest = rest.replace(subhead, "", 1)
            got = _squeeze(set_text.get(name, "") + rest)
            if got != wanted:
                at = next((i for i, (x, y) in enumerate(zip(got, wanted)) if x != y),
                          min(len(got), len(wanted)))
                problems.append(f"{name}: text differs at character {at} "
                                f"({len(got)} set or overset of {len(wanted)})")
    return problems


def overset_reported(made: MakeUp) -> list[str]:
    """A story left out or cut short has its characters in an overset fit: on the page that
    left it out, or for a continuation left out, on an earlier page — where the story now
    ends, or where its start was left out (lost_text checks that the text adds up, once)."""
    problems = []
    for n, report in enumerate(made.pages):
        for article, _ in report.left_out:
            if not any(f.article == article and f.overset
                       for earlier in made.pages[:n + 1] for f in earlier.fits):
                problems.append(f"page {report.page}: {article} left out without a report")
    return problems


def _body_lines(made: MakeUp) -> dict[tuple[int, str], int]:
    document = compose_issue(made.issue, made.style, made.book).document
    counts = {}
    for page, report in zip(document.pages, made.pages):
        for module in report.modules:
            frame = _frame(module.place, made.style)
            counts[(report.page, module.article.source.name)] = sum(
                1 for item in page.items if isinstance(item, dl.TextLine)
                and item.role == "body" and _inside(item, frame))
    return counts


def _frame(place, style):
    return (style.column_x(place.column), style.line_y(place.line),
            style.column_x(place.column) + style.span_width(place.columns),
            style.line_y(place.line + place.lines))


def _inside(item, frame) -> bool:
    left, top, right, bottom = frame
    return left - 0.5 <= item.x <= right and top <= item.y <= bottom


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
