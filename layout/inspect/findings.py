"""What an inspection finds: one `Finding` type for the preflight of a PDF, the ads placed on
a page and the proofreading of the editors' files, and the reports made of them.

A finding on a PDF names its page and object (a font, an image, a box, a key); a finding on
a file names the file, line and column typed, the text around it and the fix.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")
CONTEXT_CHARS = 10          # characters of context shown on each side of a file's finding
CHECKS = ("pdfx", "boxes", "fonts", "images", "colour", "ink", "overset", "glyphs")


@dataclass(frozen=True)
class Finding:
    severity: str        # "error" | "warning" | "info"
    check: str           # the check or proofreading rule: "fonts", "pdfx", "latin-in-chinese"…
    page: int | None     # 1-based page of the PDF; None: the document, or a file's finding
    obj: str             # what: font name, image name (/Im0 + object number), box name, key…
    message: str         # one line: what is wrong (for a PDF, and the fix)
    fix: str = ""        # what to do about it (a file's finding)
    file: str = ""       # the file typed, and the 1-based line and column (characters)
    line: int = 0
    column: int = 0
    context: str = ""    # the text around it, the offending part marked 【like this】

    def __str__(self) -> str:
        """A file's finding as an editor's tools show a place: file:line:column: …"""
        context = f": {self.context}" if self.context else ""
        return (f"{self.file}:{self.line}:{self.column}: {self.severity} [{self.check}] "
                f"{self.message}{context} — fix: {self.fix}")


def file_finding(severity: str, check: str, file: str, line: int, column: int, context: str,
                 message: str, fix: str) -> Finding:
    """A finding on a file the editors typed, at 1-based `line` and `column`."""
    return Finding(severity, check, None, "", message, fix=fix, file=file, line=line,
                   column=column, context=context)


Emit = Callable[[str, str, int, int, str, str], None]   # severity, rule, start, end, message, fix


def emitter(findings: list[Finding], file: str, text) -> Emit:
    """What adds a finding on characters start:end of `text` (an `article.Text`, which knows
    the file place of each character) to `findings`."""
    def emit(severity: str, rule: str, start: int, end: int, message: str, fix: str) -> None:
        line, column = text.where[start]
        findings.append(file_finding(severity, rule, file, line, column,
                                     _context(text.text, start, end), message, fix))
    return emit


def _context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - CONTEXT_CHARS):start] + "【" + text[start:end] + "】"
            + text[end:end + CONTEXT_CHARS])


def exit_code(findings, *, strict: bool = False) -> int:
    """What a command line returns: 1 if there is an error (or, `strict`, a warning), else 0."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in failing for f in findings) else 0


def by_severity(findings) -> list[Finding]:
    """Errors first, then by page, check and object."""
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity),
                                           f.page if f.page is not None else 0,
                                           CHECKS.index(f.check) if f.check in CHECKS else 99,
                                           f.obj))


def by_place(findings) -> list[Finding]:
    """In file order: file, line, column, rule."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.check))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def report(findings) -> str:
    """A table of a PDF's findings, errors, then warnings, then notes; a summary line last."""
    findings = list(findings)
    out = []
    titles = {"error": "ERRORS", "warning": "WARNINGS", "info": "NOTES"}
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        rows = [(f.check, "-" if f.page is None else str(f.page), f.obj, f.message) for f in group]
        head = ("check", "page", "object", "problem")
        widths = [max(len(row[i]) for row in rows + [head]) for i in range(3)]
        widths = [widths[0], widths[1], min(widths[2], 40)]
        if out:
            out.append("")
        out.append(f"{titles[severity]} ({len(group)})")
        out.append("  " + "  ".join(h.ljust(w) for h, w in zip(head, widths)) + "  " + head[3])
        for check, page, obj, message in rows:
            if len(obj) > widths[2]:        # a file path keeps its name and line:column
                obj = "…" + obj[1 - widths[2]:] if "/" in obj else obj[:widths[2] - 1] + "…"
            out.append(f"  {check.ljust(widths[0])}  {page.rjust(widths[1])}  "
                       f"{obj.ljust(widths[2])}  {message}")
    if not findings:
        out.append("No problems found.")
    out.append("")
    out.append(summary(findings))
    return "\n".join(out).lstrip("\n") + "\n"


def summary(findings) -> str:
    """'2 errors, 1 warning'."""
    findings = list(findings)
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def listing(findings, *, fail_on_warnings: bool = False) -> tuple[str, int]:
    """Files' findings one per line plus a summary line, and the exit status: 1 if there are
    errors (or warnings, with `fail_on_warnings`), else 0."""
    findings = list(findings)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    lines = [str(f) for f in findings]
    lines.append(f"proofreading: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    return "\n".join(lines), exit_code(findings, strict=fail_on_warnings)
