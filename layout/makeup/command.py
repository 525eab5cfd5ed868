"""`broadsheet make-up ISSUE_DIR [--write]`: the engine's placement, printed and optionally
written back into issue.toml (comments and order kept, through tomlkit)."""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from ..commands.fittable import display_width, row


def add_make_up_command(commands) -> None:
    parser = commands.add_parser(
        "make-up", help="place the issue's unplaced stories (组版) and print the pages",
        description="Place every module of ISSUE_DIR that has no place — each story at a "
                    "width, height, headline size and photo size measured by the composer — "
                    "and print each page's placement with its fill, holes and jumps. With "
                    "--write, write the places into issue.toml (comments and order kept).")
    parser.add_argument("issue_dir", metavar="ISSUE_DIR", type=Path)
    parser.add_argument("--write", action="store_true",
                        help="write the places into ISSUE_DIR/issue.toml")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="processes for measuring the stories (default: one per core)")
    parser.set_defaults(run=run_make_up)


def run_make_up(args) -> int:
    from ..cli import check_jobs
    from ..fonts import load_font_book
    from ..read.manifest import load_issue
    from ..session import cores
    from ..style import load_style
    from .engine import make_up
    check_jobs(args.jobs)
    issue = load_issue(args.issue_dir)
    style = load_style(issue.style, Path(issue.source))
    book = load_font_book(style.fonts)
    progress = _progress()
    notice = threading.Timer(1.0, progress, (0, len(issue.pages)))   # measuring, still
    notice.start()
    try:
        result = make_up(issue, style, book, args.jobs or cores(), progress=progress)
    finally:
        notice.cancel()
    for report in result.pages:
        print(page_summary(report))
        for row in page_rows(report):
            print(row)
    if issue.fillers:
        print(fillers_summary(result))
    overset = [fit for report in result.pages for fit in report.fits if fit.overset]
    for fit in overset:
        print(f"broadsheet: overset: page {fit.page}, {fit.article}: "
              f"{len(fit.overset_text)} characters do not fit", file=sys.stderr)
    if args.write:
        path = Path(args.issue_dir) / "issue.toml"
        write_places(path, result)
        print(f"{path}: places written")
    return 1 if overset else 0


def _progress():
    """Pages made up, counted on a terminal once the work has taken a second."""
    start = time.monotonic()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and time.monotonic() - start >= 1:
            end = "\n" if done == total else ""
            what = f"page {done}/{total}" if done else "measuring the stories"
            print(f"\rmake-up: {what}\033[K", end=end, file=sys.stderr, flush=True)
    return progress


def fillers_summary(result) -> str:
    """How many of the issue's briefs (补白) the make-up set, and where."""
    used = [(report.page, report.modules[n].article.source.name)
            for report in result.pages for n in sorted(report.fillers)]
    if used:
        why = "; ".join(f"{name} on page {page}" for page, name in used)
    elif any(report.made_up for report in result.pages):
        why = "no page the engine made up had fewer holes with one"
    else:
        why = "every module has its place: briefs go only on pages the engine makes up"
    return f"fillers: {len(used)} of {len(result.original.fillers)} set ({why})"


def page_summary(report) -> str:
    jumps = sum(1 for fit in report.fits if fit.continued_on)
    return (f"第{report.page}版  fill {100 * report.fill:.1f} %  holes {len(report.holes)}  "
            f"jumps {jumps}  ({report.status})")


HEADER = ("article", "headline", "place", "title pt", "photo", "lines", "overset", "jump")
WIDTHS = (22, 20, 16, 8, 6, 9, 7, 5)    # the article column widens to the page's longest name


def page_rows(report) -> list[str]:
    cells = [HEADER]
    fits = [fit for fit in report.fits if fit.frame != (0, 0, 0, 0)]
    for n, (module, fit) in enumerate(zip(report.modules, fits)):
        place = module.place
        where = (f"{place.column}+{place.columns}×{place.line}+{place.lines}"
                 + (" +" if n in report.fillers else " *" if n in report.made_up else ""))
        jump = (f"←{fit.continued_from}" if fit.continued_from else "") + \
               (f"→{fit.continued_on}" if fit.continued_on else "")
        cells.append((fit.article, fit.headline, where, _title_size(module, fit),
                      module.photo or "", f"{fit.lines_set}/{fit.lines_available}",
                      str(len(fit.overset_text)), jump))
    widths = (max(WIDTHS[0], *(display_width(cell[0]) for cell in cells)), *WIDTHS[1:])
    rows = [_row(cell, widths) for cell in cells]
    for n, module in enumerate(report.modules):
        if module.deck is False and module.article.deck and not module.continues:
            why = "to fit" if n in report.made_up else "(deck = false)"
            rows.append(f"  deck dropped: {module.article.source.name}: "
                        f"「{module.article.deck}」 left out {why}")
    for article, needs in report.left_out:
        rows.append(f"  left out: {article}: {needs}")
    if report.advice:
        rows.append(f"  advice: {report.advice}")
    for column, line, lines in report.holes:
        rows.append(f"  hole: column {column}, lines {line}–{line + lines - 1}")
    return rows


def _title_size(module, fit) -> str:
    """The size the headline is set at (not the largest it may take, which `--write` records
    as headline_size), and after a slash the lines it is wrapped into at most."""
    if not fit.title_size or module.continues:
        return ""
    return f"{fit.title_size:g}" + (f"/{module.headline_lines}" if module.headline_lines
                                    else "")


def _row(cells, widths) -> str:
    """One line of the table, indented under its page: a headline too long for its column
    shortened with "…" (the article names the story)."""
    return "  " + row(cells, widths)


def write_places(path: Path, result) -> None:
    """Each placed module's place (and the headline size and wrapping, title space, photo
    size and a dropped deck the engine chose) into issue.toml; a story the engine jumped gets
    its `continues` module on each page it goes on to, and its jump_to and width limits
    (which `place` settles) go. A brief from the pool the engine set goes from [[fillers]] to
    its page, with its comment. Modules are found by their article file, however the
    manifest names it (`sub/a.md`)."""
    import tomlkit
    document = tomlkit.parse(path.read_text(encoding="utf-8"))
    folder = path.parent
    made_from = Path(result.original.source)
    pool = document.get("fillers", [])
    def listed(name: str) -> str:       # an article file as issue.toml names it
        return _relative(folder / name, folder)

    named = {listed(t["article"]): t["article"]
             for page in document["pages"] for t in page.get("modules", []) if "article" in t}
    set_briefs = set()
    for page_table, report in zip(document["pages"], result.pages):
        tables = page_table.setdefault("modules", tomlkit.aot())
        by_file = {(listed(t.get("continues") or t.get("article")), "continues" in t): t
                   for t in tables if t.get("continues") or t.get("article")}
        for n in sorted(report.made_up):
            module = report.modules[n]
            source = _relative(Path(module.article.source), made_from)
            table = by_file.get((source, module.continues))
            added = n in report.fillers or table is None
            if n in report.fillers:         # a brief from the pool: now the page's
                brief = next(i for i, t in enumerate(pool) if listed(t["article"]) == source)
                set_briefs.add(brief)
                table = _added(tables, "article", pool[brief]["article"])
                if pool[brief]["article"].trivia.comment:
                    table["article"].comment(pool[brief]["article"].trivia.comment.lstrip("# "))
            elif table is None:             # a continuation the engine added
                table = _added(tables, "continues", named[source])
            _write_module(table, module)
            if added:
                table.add(tomlkit.nl())     # a blank line before the next table, as above
    for brief in sorted(set_briefs, reverse=True):
        del pool[brief]
    if set_briefs and not len(pool):
        del document["fillers"]
    path.write_text(tomlkit.dumps(document), encoding="utf-8")


def _relative(path: Path, folder: Path) -> str:
    """An article file as its issue folder's relative path (sub/a.md, ./sub/a.md → sub/a.md),
    however the folder was given (relative to here or not): a module of the made-up issue
    and its table in the manifest name the same file, and so does a copy of the issue (the
    manifest written is the copy's)."""
    return os.path.relpath(path.resolve(), folder.resolve())


def _added(tables, key: str, name: str):
    """A new module table at the end of the page's, naming its article file."""
    import tomlkit
    table = tomlkit.table()
    table[key] = name
    tables.append(table)
    return table


def _write_module(table, module) -> None:
    import tomlkit
    place = tomlkit.inline_table()
    place.update({"column": module.place.column, "columns": module.place.columns,
                  "line": module.place.line, "lines": module.place.lines})
    table["place"] = place
    for key in ("jump_to", "columns"):
        if key in table:
            del table[key]
    if module.continues:
        return
    if module.headline_size:
        table["headline_size"] = module.headline_size
    if module.headline_lines:
        table["headline_lines"] = module.headline_lines
    elif "headline_lines" in table:
        del table["headline_lines"]
    if module.title_space:
        table["title_space"] = module.title_space
    elif "title_space" in table:
        del table["title_space"]
    if module.photo:
        table["photo"] = module.photo
    if module.photo_columns:
        table["photo_columns"] = module.photo_columns
    if module.text_columns:
        table["text_columns"] = module.text_columns
    if module.subhead_space:
        table["subhead_space"] = module.subhead_space
    if module.deck is False:
        table["deck"] = False
