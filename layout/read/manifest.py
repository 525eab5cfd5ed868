"""Reading an issue: ``issue.toml`` plus one Markdown-like file per article, into the model.

The article files are read by `article.load_article`. Everything an editor can get wrong is
checked and reported as a `BroadsheetError` that names the file, the place in it (a TOML
field path such as ``pages[0].modules[1].place`` or a ``line 12``), what is wrong and how to
fix it. Text is kept exactly as typed; the only change is that the lines of a paragraph are
joined into one string. Checks that do not depend on each other (the top-level fields, the
stated weekday and lunar date, the pages up to the first one in error) are all made and their
errors raised together (`errors.Problems`).

The formats are documented for editors in ``issues/3144/README.md``.
"""
from __future__ import annotations

import datetime
import difflib
import os
from pathlib import Path

from ..calendar import date_line, parse_date
from .article import load_article
from ..style import ad_sizes
from ..errors import BroadsheetError, Problems
from .makeup_keys import (MAKEUP_KEYS, check_jumps, check_leads, check_photo_size,
                          makeup_fields)
from .manifest_fixed import BOX_KEYS, box_options, digest_entries, fixed_module, is_fixed
from ..model import Article, Issue, Masthead, Module, Page, Placement
from ..style import STYLES_DIR, word_list, load_style_table, style_path
from ..tomlfile import load_toml
from .typed import MOST, check_typed

ISSUE_FILE = "issue.toml"

ISSUE_KEYS = ("number", "date", "style", "weekday", "lunar", "masthead", "pages", "words",
              "fillers")
FILLER_KEYS = ("article", "columns")
PAGE_KEYS = ("number", "section", "modules", "editor", "proofreader", "digest")
MODULE_KEYS = ("article", "continues", "place", "headline", "text_columns", *BOX_KEYS,
               *MAKEUP_KEYS)
HEADLINE_LAYOUTS = ("horizontal", "vertical")
PLACE_KEYS = ("column", "columns", "line", "lines")
MASTHEAD_KEYS = ("name", "cn", "postal_code", "schedule", "website", "ad_line", "publisher",
                 "logo")
MASTHEAD_REQUIRED = ("name", "cn", "postal_code", "schedule")
# ---------------------------------------------------------------------------------------------
# issue.toml

def load_issue(issue_dir: str | Path) -> Issue:
    """Read and check ``issue_dir/issue.toml`` and every article it places."""
    issue_dir = Path(issue_dir)
    toml_path = issue_dir / ISSUE_FILE
    file = str(toml_path)
    if not issue_dir.is_dir():
        raise BroadsheetError(f"no issue directory {str(issue_dir)!r}", file=str(issue_dir),
                              fix="give the directory that holds the issue's issue.toml")
    if not toml_path.is_file():
        raise BroadsheetError(f"the issue directory {str(issue_dir)!r} has no {ISSUE_FILE}",
                              file=file, fix=f"create {ISSUE_FILE} in {issue_dir}")
    table = load_toml(toml_path)

    # Checks that do not depend on each other all run, and their errors are reported together.
    problems = Problems()
    problems.attempt(_check_keys, table, ISSUE_KEYS, file, "", "top-level key")
    number = problems.attempt(_positive_int, table, "number", file, "number", required=True)
    date = problems.attempt(_issue_date, table, file)
    style = problems.attempt(_string, table, "style", file, "style", required=True)
    style_table = problems.attempt(_load_style, style, issue_dir, file) if style else None
    if date is not None:
        problems.attempt(_check_derived_date, table, date, file)
    masthead = (problems.attempt(_masthead, table, style_table, style, issue_dir, file)
                if style_table is not None else None)
    sizes = (problems.attempt(ad_sizes, style_table, style_path(style, issue_dir))
             if style_table is not None else None)
    pages = problems.attempt(_pages, table, issue_dir, file, sizes) if sizes is not None else None
    fillers = problems.attempt(_fillers, table, issue_dir, file, pages) if pages else ()
    problems.raise_any()
    return Issue(source=issue_dir, number=number, date=date, style=style,
                 masthead=masthead, pages=pages,
                 digest=digest_entries(table.get("pages", []), pages, file),
                 words=word_list(table.get("words", []), file, "words"), fillers=fillers)


def _issue_date(table: dict, file: str) -> datetime.date:
    if "date" not in table:
        raise BroadsheetError("the issue has no date", file=file, field="date",
                              fix="add a line like date = 2024-01-06")
    value = table["date"]
    if isinstance(value, str):
        return parse_date(value, file=file, field="date")
    if isinstance(value, datetime.datetime):
        raise BroadsheetError(f"date has a time of day ({value.isoformat()})", file=file,
                              field="date", fix=f"write the day only: date = {value.date()}")
    if isinstance(value, datetime.date):
        return value
    raise BroadsheetError(f"date must be a date, not {_type_name(value)} ({value!r})",
                          file=file, field="date", fix="write it like date = 2024-01-06")


def _check_derived_date(table: dict, date: datetime.date, file: str) -> None:
    """Range-check the date via the calendar and compare the editor's stated weekday/lunar."""
    line = date_line(date, file=file, field="date")
    problems = Problems()
    for key, derived in (("weekday", line.weekday), ("lunar", line.lunar)):
        stated = problems.attempt(_string, table, key, file, key, required=False)
        if stated is not None and stated.strip() != derived:
            problems.errors.append(BroadsheetError(
                f"{key} says {stated!r} but {date.isoformat()} is {derived!r}",
                file=file, field=key,
                fix=f'write {key} = "{derived}" (or correct the date), or remove the {key} line'))
    problems.raise_any()


def _load_style(style: str, issue_dir: Path, file: str) -> dict:
    path = style_path(style, issue_dir)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in STYLES_DIR.glob("*.toml")))
        raise BroadsheetError(f"no style {style!r} (looked for {path})", file=file,
                              field="style",
                              fix=f"use one of: {known}; or a path ending .toml relative to "
                                  f"the issue directory")
    return load_style_table(style, issue_dir)


def _masthead(table: dict, style_table: dict, style: str, issue_dir: Path,
              file: str) -> Masthead:
    style_file = str(style_path(style, issue_dir))
    from_style = style_table.get("masthead", {})
    if not isinstance(from_style, dict):
        raise BroadsheetError("masthead must be a table", file=style_file, field="masthead",
                              fix="write the masthead items under a [masthead] header")
    own = table.get("masthead", {})
    if not isinstance(own, dict):
        raise BroadsheetError(f"masthead must be a table, not {_type_name(own)}", file=file,
                              field="masthead",
                              fix="write the items under a [masthead] header, e.g. "
                                  "[masthead] then cn = \"CN14-0023\"")
    _check_keys(own, MASTHEAD_KEYS, file, "masthead", "masthead item")
    items: dict = {}
    for source_file, source in ((style_file, from_style), (file, own)):
        for key in MASTHEAD_KEYS:
            value = _string(source, key, source_file, f"masthead.{key}", required=False)
            if value is not None:
                items[key] = value.strip()
            if key == "logo" and value:     # relative to the file that names it
                items[key] = _logo(Path(source_file).parent / value.strip(), source_file)
    for key in MASTHEAD_REQUIRED:
        if not items.get(key):
            raise BroadsheetError(
                f"the masthead item {key} is missing (neither the style {style!r} nor the "
                f"issue gives it)", file=file, field=f"masthead.{key}",
                fix=f'add {key} = "…" under [masthead] in {ISSUE_FILE} or in the style')
    return Masthead(**items)


def _logo(path: Path, file: str) -> Path:
    if path.suffix.lower() not in (".pdf", ".svg", ".png", ".tif", ".tiff", ".jpg", ".jpeg"):
        raise BroadsheetError(f"the logo {path.name} is neither a PDF, an SVG nor an image",
                              file=file, field="masthead.logo",
                              fix="give the paper's name as a vector PDF or SVG (best) or a "
                                  "high-resolution PNG/TIFF")
    if not path.is_file():
        raise BroadsheetError(f"the logo file is not there (looked for {path})", file=file,
                              field="masthead.logo",
                              fix="put it there or correct the path (relative to this file)")
    return path.resolve()


def _pages(table: dict, issue_dir: Path, file: str, sizes: dict) -> tuple[Page, ...]:
    raw = table.get("pages")
    if raw is None:
        raise BroadsheetError("the issue has no pages", file=file, field="pages",
                              fix="add a [[pages]] table with number = 1")
    if not isinstance(raw, list) or not all(isinstance(page, dict) for page in raw):
        raise BroadsheetError("pages must be a list of tables", file=file, field="pages",
                              fix="write each page as a [[pages]] table")
    if not raw:
        raise BroadsheetError("the issue has no pages", file=file, field="pages",
                              fix="add a [[pages]] table with number = 1")
    if len(raw) > MAX_PAGES:
        raise BroadsheetError(f"the issue has {len(raw)} pages, at most {MAX_PAGES} are allowed",
                              file=file, field="pages",
                              fix=f"split it into issues of at most {MAX_PAGES} pages")
    pages = []
    seen: dict[int, int] = {}
    placed: dict[str, Article] = {}         # article file → the story, once it has a module
    problems = Problems()
    for index, page in enumerate(raw):
        where = f"pages[{index}]"
        _check_keys(page, PAGE_KEYS, file, where, "page key")
        number = _positive_int(page, "number", file, f"{where}.number", required=True)
        if number in seen:
            raise BroadsheetError(
                f"page {number} is given twice (pages[{seen[number]}] and {where})",
                file=file, field=f"{where}.number",
                fix="give every page its own number: 1, 2, 3, …")
        seen[number] = index
        if number != index + 1:
            problem = ("the first page must be number 1" if index == 0 else
                       f"pages must be numbered 1, 2, 3, … in order: after page {index} "
                       f"comes page {index + 1}, not {number}")
            raise BroadsheetError(f"{problem}", file=file, field=f"{where}.number",
                                  fix=f"write number = {index + 1} here, or reorder the pages")
        section = _name(page, "section", file, f"{where}.section")
        editor = _name(page, "editor", file, f"{where}.editor")
        proofreader = _name(page, "proofreader", file, f"{where}.proofreader")
        found = problems.attempt(_modules, page, issue_dir, file, where, placed, sizes, number)
        if found is None:           # later pages may continue its stories: errors stop here
            break
        modules, fixed = found
        pages.append(Page(number=number, section=section, modules=modules, editor=editor,
                          proofreader=proofreader, fixed=fixed))
    problems.raise_any()
    check_jumps(tuple(pages), file)
    check_leads(tuple(pages), file)
    return tuple(pages)


def _modules(page: dict, issue_dir: Path, file: str, where: str, placed: dict[str, Article],
             sizes: dict, number: int) -> tuple[tuple[Module, ...], tuple]:
    """The page's story modules, and its ads and picture modules (`fixed`)."""
    raw = page.get("modules", [])
    if not isinstance(raw, list) or not all(isinstance(module, dict) for module in raw):
        raise BroadsheetError("modules must be a list of tables", file=file,
                              field=f"{where}.modules",
                              fix="write each module as a [[pages.modules]] table")
    modules, fixed = [], []
    unplaced: set[str] = set()      # stories with a part here the engine is to place
    for index, module in enumerate(raw):
        at = f"{where}.modules[{index}]"
        if is_fixed(module):
            fixed.append(fixed_module(module, issue_dir, file, at, sizes))
            continue
        _check_keys(module, MODULE_KEYS, file, at, "module key")
        continues = "continues" in module
        if continues and "article" in module:
            raise BroadsheetError("a module has either article or continues, not both",
                                  file=file, field=at,
                                  fix='article = "x.md" starts a story; continues = "x.md" '
                                      "carries on one begun on an earlier page")
        key = "continues" if continues else "article"
        name = _string(module, key, file, f"{at}.{key}", required=True).strip()
        if not name:
            raise BroadsheetError("the article file name is empty", file=file,
                                  field=f"{at}.{key}",
                                  fix=f'write {key} = "name.md", a file in the issue '
                                      'directory')
        file_key = _in_folder(issue_dir / name, issue_dir)  # a.md, ./a.md: one file
        if continues:
            if file_key not in placed:
                raise BroadsheetError(
                    f"{name!r} is not started by an earlier module", file=file,
                    field=f"{at}.continues",
                    fix=f'place it first with article = "{name}" on an earlier page')
            article = placed[file_key]
        else:
            path = issue_dir / name
            if not path.is_file():
                present = ", ".join(sorted(p.name for p in issue_dir.glob("*.md")
                                           if p.name != "README.md")) or "none"
                raise BroadsheetError(
                    f"article file {name!r} not found (looked for {path})", file=file,
                    field=f"{at}.article",
                    fix=f"create {path} or correct the name; article files here: {present}")
            if file_key in placed:
                raise BroadsheetError(f"{name!r} is placed twice", file=file,
                                      field=f"{at}.article",
                                      fix=f'to carry the story on, write continues = "{name}"')
            _check_file_name(file_key, placed, file, f"{at}.article")
            article = placed[file_key] = load_article(path)
        place = _placement(module, file, at) if "place" in module else None
        if place is None and file_key in unplaced:
            raise BroadsheetError(
                f"a second part of {name!r} on this page without place: the engine makes up "
                "one part of a story on a page", file=file, field=at,
                fix="give each part of the story on this page its place, or list one")
        if place is None:
            unplaced.add(file_key)
        layout = _string(module, "headline", file, f"{at}.headline", required=False) or "horizontal"
        if layout not in HEADLINE_LAYOUTS:
            raise BroadsheetError(f"headline must be one of {', '.join(HEADLINE_LAYOUTS)}, "
                                  f"not {layout!r}", file=file, field=f"{at}.headline",
                                  fix='write headline = "vertical" for a 竖排 headline, or leave '
                                      'it out')
        text_columns = _positive_int(module, "text_columns", file, f"{at}.text_columns",
                                     required=False)
        modules.append(Module(article=article, place=place, headline=layout,
                              continues=continues, text_columns=text_columns, field=at,
                              **box_options(module, file, at),
                              **makeup_fields(module, file, at, number, place is not None)))
        check_photo_size(modules[-1], file)
    return tuple(modules), tuple(fixed)


def _fillers(table: dict, issue_dir: Path, file: str, pages: tuple[Page, ...]
             ) -> tuple[Module, ...]:
    """The issue's pool of briefs (补白): stories on no page that the make-up may set where a
    page's best placement leaves holes."""
    raw = table.get("fillers", [])
    if not isinstance(raw, list) or not all(isinstance(filler, dict) for filler in raw):
        raise BroadsheetError("fillers must be a list of tables", file=file, field="fillers",
                              fix='write each brief as a [[fillers]] table with article = '
                                  '"x.md"')
    # each article file by its path in the issue folder, however the manifest names it (a.md,
    # ./a.md): the page it is on, 0 for the pool
    listed = {_in_folder(module.article.source, issue_dir): page.number for page in pages
              for module in page.modules}
    fillers = []
    for index, filler in enumerate(raw):
        at = f"fillers[{index}]"
        _check_keys(filler, FILLER_KEYS, file, at, "filler key")
        name = _string(filler, "article", file, f"{at}.article", required=True).strip()
        path = issue_dir / name
        if not name or not path.is_file():
            raise BroadsheetError(f"article file {name!r} not found (looked for {path})",
                                  file=file, field=f"{at}.article",
                                  fix=f"create {path}, correct the name, or remove the "
                                      "[[fillers]] table")
        key = _in_folder(path, issue_dir)
        where = listed.get(key)
        if where == 0:
            raise BroadsheetError(f"{name!r} is among the fillers twice", file=file,
                                  field=f"{at}.article", fix="remove one of its [[fillers]] tables")
        if where is not None:
            raise BroadsheetError(f"{name!r} is on page {where} and among the fillers",
                                  file=file, field=f"{at}.article",
                                  fix="list it once: on its page, or as a filler the make-up "
                                      "sets where a page has a hole")
        _check_file_name(key, listed, file, f"{at}.article")
        listed[key] = 0
        fillers.append(Module(article=load_article(path), place=None, field=at,
                              **makeup_fields(filler, file, at, 0, False)))
    return tuple(fillers)


def _in_folder(path: Path, folder: Path) -> str:
    """An article file's path in the issue folder, however the manifest names it."""
    return os.path.relpath(path.resolve(), folder.resolve())


def _check_file_name(name: str, named, file: str, field: str) -> None:
    """Two article files of an issue may not share a file name (a.md, sub/a.md): the make-up
    and every report know a story by it, and would take the two for one (the make-up set
    both in one place)."""
    other = next((given for given in named if Path(given).name == Path(name).name
                  and given != name), None)
    if other is not None:
        raise BroadsheetError(f"{name!r} has the file name of {other!r}, another article of "
                              "the issue", file=file, field=field,
                              fix="rename one of the two files (stories are known by their file "
                                  "name in make-up and in every report)")


def _placement(module: dict, file: str, at: str) -> Placement:
    field = f"{at}.place"
    example = "place = { column = 1, columns = 4, line = 17, lines = 90 }"
    if "place" not in module:
        raise BroadsheetError("the module has no place", file=file, field=field,
                              fix=f"add {example}")
    place = module["place"]
    if not isinstance(place, dict):
        raise BroadsheetError(f"place must be a table, not {_type_name(place)}", file=file,
                              field=field, fix=f"write it like {example}")
    _check_keys(place, PLACE_KEYS, file, field, "place key")
    missing = [key for key in PLACE_KEYS if key not in place]
    if missing:
        raise BroadsheetError(f"place lacks {', '.join(missing)}", file=file, field=field,
                              fix=f"give all four: {example}")
    values = {key: _positive_int(place, key, file, f"{field}.{key}", required=True)
              for key in PLACE_KEYS}
    return Placement(**values)


# ---------------------------------------------------------------------------------------------
# small checks shared by the TOML readers

def _type_name(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (datetime.date, datetime.time)):
        return "a date/time"
    return type(value).__name__


def _check_keys(table: dict, allowed: tuple[str, ...], file: str, where: str,
                what: str) -> None:
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise BroadsheetError(f"unknown {what} {key!r}", file=file,
                                  field=f"{where}.{key}" if where else key,
                                  fix=f"{hint}allowed: {', '.join(allowed)}")


MAX_PAGES = 200             # pages in one issue
MAX_NAME_CHARS = 30         # a section's, an editor's or a proofreader's name


def _given(table: dict, key: str, file: str, field: str, required: bool, example: str) -> bool:
    """Whether `key` is in `table`; a required one missing is reported with `example`."""
    if key not in table and required:
        raise BroadsheetError(f"{key} is missing", file=file, field=field,
                              fix=f"add {key} = {example}")
    return key in table


def _positive_int(table: dict, key: str, file: str, field: str, *, required: bool) -> int | None:
    if not _given(table, key, file, field, required, "<a whole number ≥ 1>"):
        return None
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise BroadsheetError(f"{key} must be a whole number, not {_type_name(value)} "
                              f"({value!r})", file=file, field=field,
                              fix=f"write a number without quotes, e.g. {key} = 1")
    if value <= 0:
        raise BroadsheetError(f"{key} must be at least 1, not {value}", file=file, field=field,
                              fix="use a positive whole number")
    most, why = MOST.get(key, (None, ""))
    if most is not None and value > most:
        raise BroadsheetError(f"{key} must be at most {most}, not {value}", file=file,
                              field=field, fix=f"give 1 to {most} ({why})")
    return value


def _name(table: dict, key: str, file: str, field: str) -> str:
    """A short name (section, editor, proofreader), or ""."""
    value = _string(table, key, file, field, required=False) or ""
    check_typed(value, file, field)
    if len(value) > MAX_NAME_CHARS:
        raise BroadsheetError(f"{key} has {len(value)} characters, at most {MAX_NAME_CHARS} "
                              f"fit the running head", file=file, field=field,
                              fix=f"shorten it to at most {MAX_NAME_CHARS} characters")
    return value


def _string(table: dict, key: str, file: str, field: str, *, required: bool) -> str | None:
    if not _given(table, key, file, field, required, '"…"'):
        return None
    value = table[key]
    if not isinstance(value, str):
        raise BroadsheetError(f"{key} must be text, not {_type_name(value)} ({value!r})",
                              file=file, field=field, fix=f'put the value in quotes: {key} = "…"')
    return value
