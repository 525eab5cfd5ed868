"""Findings about the PDF pointed back at what the editor typed: the article file, line and
column an overset story's cut falls on or a fallback glyph is first typed at."""
from __future__ import annotations

import dataclasses
from pathlib import Path


def locate(path: Path, text: str) -> str | None:
    """`path:line:column` of the first place `text` starts in the file (1-based; the column
    counts characters), None when it is not found as typed."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for probe in (text, text[:6], text[:1]):    # a cut may fall inside a joined paragraph
        probe = probe.strip()
        if not probe:
            continue
        for number, line in enumerate(lines, start=1):
            column = line.find(probe)
            if column >= 0:
                return f"{path}:{number}:{column + 1}"
    return None


def article_paths(issue) -> dict[str, Path]:
    """Each article file's name → its path, as the issue places it."""
    return {module.article.source.name: Path(module.article.source)
            for page in issue.pages for module in page.modules}


def name_sources(findings, issue, fits) -> list:
    """`findings` with an overset story named by the file, line and column its overset text
    starts at, and a fallback glyph by where it is first typed."""
    paths = article_paths(issue)
    overset = {(fit.page, fit.article): fit.overset_text for fit in fits if fit.overset}
    named = []
    for finding in findings:
        where = None
        if finding.check == "overset" and finding.obj in paths:
            text = overset.get((finding.page, finding.obj), "")
            where = locate(paths[finding.obj], text.lstrip()[:12]) or str(paths[finding.obj])
        elif finding.check == "glyphs" and finding.obj.startswith("U+"):
            char = chr(int(finding.obj[2:], 16))
            where = next(filter(None, (locate(path, char) for path in paths.values())), None)
        named.append(dataclasses.replace(finding, obj=where) if where else finding)
    return named
