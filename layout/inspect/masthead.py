"""The masthead items the quality rules check, for the proofreader: the CN number, the 邮发代号,
the 总期号 against the previous issue, the date with its weekday and lunar date, and the 版序 of
every page — each finding placed at the key in ``issue.toml`` (or the style that sets it).
"""
from __future__ import annotations

import datetime
import re
import tomllib
from pathlib import Path

from ..calendar import date_line, parse_date
from ..errors import BroadsheetError
from ..read.article import front_matter_line
from ..read.manifest import ISSUE_FILE, load_issue
from ..style import style_path
from .findings import Finding, file_finding

ERROR = "error"
WARNING = "warning"


# 行政区划代码 of the provinces (GB/T 2260), the first two digits of a CN number.
REGION_CODES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
                          41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65})
_CN = re.compile(r"CN(\d{2})-(\d{4})(?:/[A-Z0-9.]+)?")
_POSTAL_CODE = re.compile(r"\d{1,2}-\d{1,4}")


def check_masthead(issue_dir: Path, previous_number: int | None = None
                   ) -> tuple[list[Finding], list[str]]:
    """The findings on the issue's masthead, date and pages, and the article files it places.

    `previous_number` is the 总期号 of the previous issue, if known."""
    issue_dir = Path(issue_dir)
    toml_path = issue_dir / ISSUE_FILE
    file = str(toml_path)
    try:
        source = toml_path.read_text(encoding="utf-8-sig")
        table = tomllib.loads(source)
    except (OSError, ValueError, RecursionError) as error:     # (bad TOML, not UTF-8, too deep)
        return [file_finding(ERROR, "manifest", file, 1, 1, "",
                             f"cannot read {ISSUE_FILE} ({error})",
                             "give the issue directory with a valid issue.toml")], []
    toml = _TomlFile(file, source)
    findings: list[Finding] = []
    resolved: dict[str, str] = {}
    try:
        masthead = load_issue(issue_dir).masthead
        resolved = {"cn": masthead.cn, "postal_code": masthead.postal_code}
    except BroadsheetError as error:
        if not _covered(error.field):
            findings.append(_manifest_finding(error, toml))
    findings += _check_issue_number(table, toml, previous_number)
    findings += _check_date(table, toml)
    findings += _check_pages(table, toml)
    for key, check in (("cn", _check_cn), ("postal_code", _check_postal_code)):
        where, path, value = _masthead_item(key, table, toml, issue_dir)
        value = resolved.get(key, value)
        if isinstance(value, str):
            findings += check(value.strip(), where, path)
    return findings, _article_names(table)


class _TomlFile:
    """Where the simple ``key = value`` lines of a TOML file are: ``pages[1].number`` → (line,
    column of the value). ``[[pages]]`` headers are recorded as ``pages[i]``."""

    def __init__(self, file: str, source: str):
        self.file = file
        self.lines = source.split("\n")
        self.places: dict[str, tuple[int, int]] = {}
        prefix, counts = "", {}
        for number, line in enumerate(self.lines, 1):
            header = re.match(r"\s*(\[\[?)\s*([\w.]+)\s*\]\]?", line)
            if header:
                name = header.group(2)
                if header.group(1) == "[[":
                    counts[name] = counts.get(name, -1) + 1
                    for deeper in [k for k in counts if k.startswith(name + ".")]:
                        del counts[deeper]
                    parts = name.split(".")
                    prefix = ".".join(f"{p}[{counts['.'.join(parts[:k + 1])]}]"
                                      for k, p in enumerate(parts)
                                      if ".".join(parts[:k + 1]) in counts)
                    self.places.setdefault(prefix, (number, len(line) - len(line.lstrip()) + 1))
                else:
                    prefix = name
                continue
            key = re.match(r"\s*([A-Za-z_][\w-]*)\s*=\s*", line)
            if key:
                path = f"{prefix}.{key.group(1)}" if prefix else key.group(1)
                self.places.setdefault(path, (number, key.end() + 1))

    def finding(self, severity: str, rule: str, key: str | None, message: str,
                fix: str) -> Finding:
        line, column = self.places.get(key, (1, 1)) if key else (1, 1)
        context = self.lines[line - 1].strip() if line <= len(self.lines) else ""
        return file_finding(severity, rule, self.file, line, column, context, message, fix)


def _covered(field: str | None) -> bool:
    """The manifest errors that the checks below report in their own words."""
    return field is not None and (field in ("number", "date", "weekday", "lunar", "pages")
                                  or re.fullmatch(r"pages\[\d+\]\.number", field) is not None)


def _manifest_finding(error: BroadsheetError, toml: _TomlFile) -> Finding:
    line, column = 1, 1
    match = re.fullmatch(r"line (\d+)", error.field or "")
    if match:
        line = int(match.group(1))
    elif error.field in toml.places and error.file == toml.file:
        line, column = toml.places[error.field]
    elif error.file and error.file != toml.file and error.field:
        line = front_matter_line(Path(error.file), error.field) or 1
    context = error.field or ""
    return file_finding(ERROR, "manifest", error.file or toml.file, line, column, context,
                   error.message, error.fix or "")


def _article_names(table: dict) -> list[str]:
    """The article files the issue lists: on its pages, then its briefs (补白), which the
    make-up may set on any page."""
    names: list[str] = []
    pages = table.get("pages", []) if isinstance(table.get("pages"), list) else []
    fillers = table.get("fillers", []) if isinstance(table.get("fillers"), list) else []
    for modules in [*(page.get("modules", []) if isinstance(page, dict) else []
                      for page in pages), fillers]:
        for module in modules if isinstance(modules, list) else []:
            name = module.get("article") if isinstance(module, dict) else None
            if isinstance(name, str) and name not in names:
                names.append(name)
    return names


def _check_issue_number(table: dict, toml: _TomlFile,
                        previous: int | None) -> list[Finding]:
    number = table.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        return [toml.finding(ERROR, "issue-number", "number" if "number" in table else None,
                             f"the 总期号 must be a whole number ≥ 1, not {number!r}",
                             "write number = <the issue's 总期号>")]
    if previous is None or number == previous + 1:
        return []
    if number > previous + 1:
        return [toml.finding(WARNING, "issue-number", "number",
                             f"issue {number} follows issue {previous}: "
                             f"{number - previous - 1} number(s) skipped",
                             f"write number = {previous + 1} unless issues were numbered "
                             f"but not printed")]
    return [toml.finding(ERROR, "issue-number", "number",
                         f"issue {number} does not follow the previous issue {previous}",
                         f"write number = {previous + 1}")]


def _check_date(table: dict, toml: _TomlFile) -> list[Finding]:
    if "date" not in table:
        return [toml.finding(ERROR, "date", None, "the issue has no date",
                             "add a line like date = 2024-01-06")]
    value = table["date"]
    try:
        if isinstance(value, datetime.datetime) or not isinstance(value, (str, datetime.date)):
            raise BroadsheetError(f"{value!r} is not a date",
                                  fix="write the day as date = 2024-01-06")
        day = parse_date(value)
        line = date_line(day)
    except BroadsheetError as error:
        return [toml.finding(ERROR, "date", "date", error.message, error.fix or "")]
    findings = []
    for key, derived in (("weekday", line.weekday), ("lunar", line.lunar)):
        stated = table.get(key)
        if stated is not None and (not isinstance(stated, str) or stated.strip() != derived):
            findings.append(toml.finding(ERROR, "date", key,
                                         f"{key} says {stated!r} but {day.isoformat()} is "
                                         f"{derived!r}",
                                         f'write {key} = "{derived}" (or correct the date)'))
    return findings


def _check_pages(table: dict, toml: _TomlFile) -> list[Finding]:
    pages = table.get("pages")
    if not isinstance(pages, list) or not pages:
        return [toml.finding(ERROR, "page-number", None, "the issue has no pages",
                             "add a [[pages]] table with number = 1")]
    findings = []
    jumped_to = _jumped_to(pages)
    for index, page in enumerate(pages):
        number = page.get("number") if isinstance(page, dict) else None
        if isinstance(number, bool) or not isinstance(number, int):
            findings.append(toml.finding(
                ERROR, "page-number", f"pages[{index}]",
                f"page {index + 1} has no 版序" if number is None
                else f"the 版序 must be a whole number, not {number!r}",
                f"add number = {index + 1} under this [[pages]]"))
        elif number != index + 1:
            findings.append(toml.finding(
                ERROR, "page-number", f"pages[{index}].number",
                f"page {index + 1} of the issue is numbered {number}: pages must be numbered "
                f"1, 2, 3, … in order", f"write number = {index + 1}, or reorder the pages"))
        if isinstance(page, dict) and not page.get("modules") and index + 1 not in jumped_to:
            findings.append(toml.finding(
                WARNING, "empty-page", f"pages[{index}]",
                f"page {index + 1} has nothing on it (no story, ad or picture module): it "
                "prints blank", "list what goes on it as [[pages.modules]] tables under this "
                "[[pages]] (article = \"story.md\", or an ad), or remove the page"))
    return findings


def _jumped_to(pages: list) -> set:
    """The pages a story may jump to (`jump_to`): the make-up puts its continuation there."""
    named = set()
    for page in pages:
        modules = page.get("modules") if isinstance(page, dict) else None
        for module in modules if isinstance(modules, list) else ():
            jump = module.get("jump_to") if isinstance(module, dict) else None
            named.update(jump if isinstance(jump, list) else [] if jump is None else [jump])
    return named


def _masthead_item(key: str, table: dict, toml: _TomlFile,
                   issue_dir: Path) -> tuple[_TomlFile, str | None, object]:
    """Where masthead item `key` is set — the issue's [masthead], else the first style up its
    ``base`` chain that has it — as (file, key path, value as written there)."""
    own = table.get("masthead")
    if isinstance(own, dict) and key in own:
        return toml, f"masthead.{key}", own[key]
    name, relative = table.get("style"), issue_dir
    seen = set()
    while isinstance(name, str):
        path = style_path(name, relative)
        try:
            source = path.read_text(encoding="utf-8")
            style = tomllib.loads(source)
        except (OSError, ValueError, RecursionError):    # (bad TOML, not UTF-8, too deep)
            break
        if path in seen:
            break
        seen.add(path)
        masthead = style.get("masthead")
        if isinstance(masthead, dict) and key in masthead:
            return _TomlFile(str(path), source), f"masthead.{key}", masthead[key]
        name, relative = style.get("base"), path.parent
    return toml, None, None


def _check_cn(cn: str, where: _TomlFile, key: str | None) -> list[Finding]:
    match = _CN.fullmatch(cn)
    if match is None:
        return [where.finding(ERROR, "cn-number", key,
                              f"the CN number {cn!r} is not CN + 2-digit region + '-' + "
                              f"4-digit serial", 'write it like cn = "CN14-0023" (ASCII, no '
                              'spaces)')]
    region, serial = int(match.group(1)), int(match.group(2))
    if region not in REGION_CODES:
        return [where.finding(ERROR, "cn-number", key,
                              f"the CN number {cn!r} has no province code {region:02d}",
                              "check the region code on the publication licence (山西 = 14)")]
    if not 1 <= serial <= 999:
        return [where.finding(ERROR, "cn-number", key,
                              f"the CN number {cn!r} has serial {serial:04d}, outside the "
                              f"newspapers' 0001–0999",
                              "check the serial on the publication licence")]
    return []


def _check_postal_code(code: str, where: _TomlFile, key: str | None) -> list[Finding]:
    if _POSTAL_CODE.fullmatch(code):
        return []
    return [where.finding(WARNING, "postal-code", key,
                          f"the 邮发代号 {code!r} is not like 21-22",
                          'write it like postal_code = "21-22" (ASCII digits and hyphen)')]
