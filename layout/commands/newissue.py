"""`broadsheet new`: tomorrow's issue from today's.

The next issue's number is the previous one's + 1 and its date the next publishing day of the
style's `[schedule]` (publishing weekdays, plus extra and skipped dates), unless a date is
given. Its pages and sections (and their editors) are copied; each story slot gets a new,
empty article file carrying the front matter keys the previous story had; no module gets a
place — the make-up engine places them, or the editor writes `place` where the manifest's
comment shows the previous issue's. Ads, picture modules and the 导读's choices are booked
for each issue anew, so they are not carried over (the command says how many were left); nor
is the pool of briefs (`[[fillers]]`), each day's copy.
"""
from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..calendar import date_line
from ..errors import BroadsheetError
from ..read.manifest import ISSUE_FILE
from ..style import load_style_table, style_path

# What the desk decided about a story slot, carried to the next issue; the make-up engine's
# own results (place, headline_size, title_space …) are worked out again for the new copy,
# and the photo's size (photo, photo_columns) was the old copy's photo's: the new copy may
# have none (a photo size on a story without one is refused).
CARRIED = ("headline", "text_columns", "priority", "columns", "jump_to", "frame", "tint",
           "headline_bar")
SCHEDULE_EXAMPLE = "[schedule] weekdays = [1, 3, 5] (1 = Monday)"


@dataclass(frozen=True)
class NewIssue:
    folder: Path
    number: int
    date: datetime.date
    why_date: str               # "given", or how the schedule gave it
    articles: tuple[Path, ...]
    not_carried: int            # ads and picture modules of the previous issue, left out


def new_issue(folder: Path, previous: Path, date: datetime.date | None = None) -> NewIssue:
    """Write the next issue after `previous` into `folder` (new or empty)."""
    table = _previous_table(previous)
    if folder.exists() and any(folder.iterdir()):
        raise BroadsheetError("the folder is not empty", file=str(folder), field="ISSUE_DIR",
                              fix="give a new folder for the new issue")
    style = table["style"]
    if date is None:
        date, why = next_publishing_day(table["date"], _schedule(style, previous), style)
    else:
        why = "given with --date"
    if date <= table["date"]:
        raise BroadsheetError(f"{date} is not after the previous issue's {table['date']}",
                              field="--date", fix="give a later date")
    if style.endswith(".toml") and not Path(style).is_absolute():   # a style of its own
        (folder / style).parent.mkdir(parents=True, exist_ok=True)
        (folder / style).write_bytes(style_path(style, previous).read_bytes())
    names = _slot_names(table["pages"])
    folder.mkdir(parents=True, exist_ok=True)
    articles = []
    for old, new in names.items():
        path = folder / new
        path.write_text(_empty_article(previous / old), encoding="utf-8")
        articles.append(path)
    (folder / ISSUE_FILE).write_text(_manifest(table, date, names, previous), encoding="utf-8")
    not_carried = sum(1 for page in table["pages"] for module in page.get("modules", [])
                      if not {"article", "continues"} & set(module))
    return NewIssue(folder, table["number"] + 1, date, why, tuple(articles), not_carried)


def next_publishing_day(after: datetime.date, schedule: dict, style: str
                        ) -> tuple[datetime.date, str]:
    """The first day after `after` the schedule publishes on, and why."""
    weekdays = set(schedule.get("weekdays", ()))
    extra, skipped = set(schedule.get("extra", ())), set(schedule.get("skipped", ()))
    day = after
    for _ in range(366):
        day += datetime.timedelta(days=1)
        if day in skipped:
            continue
        if day in extra:
            return day, f"an extra publishing day in {style}'s schedule"
        if day.isoweekday() in weekdays:
            return day, f"the next publishing weekday in {style}'s schedule"
    raise BroadsheetError(f"the schedule of {style} has no publishing day within a year "
                          f"after {after}", field="schedule",
                          fix=f"set {SCHEDULE_EXAMPLE} in the style, or give --date")


def _previous_table(previous: Path) -> dict:
    path = previous / ISSUE_FILE
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise BroadsheetError(f"no {ISSUE_FILE} here", file=str(previous), field="--from",
                              fix="give the previous issue's folder") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BroadsheetError(f"cannot be read ({error})", file=str(path),
                              fix="correct it first (broadsheet check names the problem)") \
            from None
    for key, kind in (("number", int), ("date", datetime.date), ("style", str), ("pages", list)):
        if not isinstance(table.get(key), kind):
            raise BroadsheetError(f"{key} is missing or not valid", file=str(path), field=key,
                                  fix="correct the previous issue first")
    return table


def _schedule(style: str, previous: Path) -> dict:
    table = load_style_table(style, previous)
    schedule = table.get("schedule")
    where = str(style_path(style, previous))
    if not isinstance(schedule, dict) or not schedule.get("weekdays") and not schedule.get("extra"):
        raise BroadsheetError("the style has no publishing schedule", file=where,
                              field="schedule", fix=f"add {SCHEDULE_EXAMPLE}, or give --date")
    days = schedule.get("weekdays", [])
    if not isinstance(days, list) or not all(isinstance(d, int) and 1 <= d <= 7 for d in days):
        raise BroadsheetError(f"weekdays must be numbers 1 (Monday) to 7, not {days!r}",
                              file=where, field="schedule.weekdays",
                              fix="e.g. weekdays = [1, 3, 5] for 每周一、三、五")
    for key in ("extra", "skipped"):
        dates = schedule.get(key, [])
        if not isinstance(dates, list) or not all(isinstance(d, datetime.date) for d in dates):
            raise BroadsheetError(f"{key} must be a list of dates", file=where,
                                  field=f"schedule.{key}", fix=f"e.g. {key} = [2024-01-06]")
    return schedule


def _slot_names(pages: list) -> dict[str, str]:
    """Each story of the previous issue → the new issue's file for its slot: p<page>-<n>.md."""
    names: dict[str, str] = {}
    for page_number, page in enumerate(pages, start=1):
        n = 0
        for module in page.get("modules", []):
            if "article" in module and module["article"] not in names:
                n += 1
                names[module["article"]] = f"p{page_number}-{n}.md"
    return names


def _empty_article(previous_article: Path) -> str:
    """The front matter the previous story had, every value empty, and no text yet."""
    keys = ["headline"]
    try:
        lines = previous_article.read_text(encoding="utf-8-sig").splitlines()
        if lines and lines[0].strip() == "---":
            end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
            keys = [line.split(":", 1)[0].strip() for line in lines[1:end] if ":" in line]
    except (OSError, UnicodeDecodeError, StopIteration):
        pass
    if "headline" not in keys:
        keys.insert(0, "headline")
    return "---\n" + "".join(f"{key}:\n" for key in keys) + "---\n\n"


def _manifest(table: dict, date: datetime.date, names: dict[str, str], previous: Path) -> str:
    line = date_line(date)
    out = [f"# {table['number'] + 1}: made by `broadsheet new` from {previous}.",
           "# Stories have no place yet: the make-up engine places them when the issue is",
           "# rendered (`broadsheet make-up DIR --write` keeps its places), or write each",
           "# module's place (the previous issue's is in the comment beside it).",
           "",
           f"number = {table['number'] + 1}",
           f"date = {date.isoformat()}",
           f"style = {_quote(table['style'])}",
           f"weekday = {_quote(line.weekday)}",
           f"lunar = {_quote(line.lunar)}"]
    if isinstance(table.get("masthead"), dict) and table["masthead"]:
        out += ["", "[masthead]"] + [f"{key} = {_quote(str(value))}"
                                     for key, value in table["masthead"].items()]
    for page in table["pages"]:
        out += ["", "[[pages]]", f"number = {page.get('number')}"]
        out += [f"{key} = {_quote(str(page[key]))}" for key in ("section", "editor",
                                                                "proofreader") if key in page]
        for module in page.get("modules", []):
            if not {"article", "continues"} & set(module):
                continue            # ads and picture modules are booked for each issue anew
            key = "continues" if "continues" in module else "article"
            old = module.get(key, "")
            out += ["", "[[pages.modules]]", f"{key} = {_quote(names.get(old, old))}"]
            out += [f"{key} = {_value(module[key])}" for key in CARRIED if key in module]
            if isinstance(module.get("place"), dict):
                place = ", ".join(f"{k} = {v}" for k, v in module["place"].items())
                out.append(f"# place = {{ {place} }}   (issue {table['number']}'s)")
    return "\n".join(out) + "\n"


def _value(value) -> str:
    """A TOML value: text, a number, true/false, or a list of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return _quote(str(value))


def _quote(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
