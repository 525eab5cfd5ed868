"""What the desk reads beside the pages (`serve`): the overset stories and what `check` finds,
each with the file, line and column it was typed at, its page and the spot on that page.

A spot is a box in points from the trim box's top-left, as the display list measures: an
overset story's module, the glyphs a proofreading finding is about (found in the lines the
story set), a photo, an ad's slot. A finding with a page but no spot concerns the whole
page (a font, a box); one without a page (the manifest's masthead fields) has no place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..inspect import proofread
from ..inspect.findings import SEVERITIES
from ..inspect.preflight import preflight
from ..page.grid import EM_BOX_TOP
from .sources import article_paths, locate, name_sources

SPOT_PAD = 2.0          # points round the glyphs a finding marks


@dataclass(frozen=True)
class DeskFinding:
    severity: str       # "overset" (listed apart), "error", "warning", "info"
    check: str          # "overset", a proofreading rule ("latin-in-chinese"), a preflight check
    where: str          # file:line:column, a file, an object, or "" when nothing names it
    message: str
    page: int | None    # the page to show, None when it concerns no page
    spot: tuple[float, float, float, float] | None = None   # x, y, width, height (points)


def check_pdf(issue, result) -> list:
    """The rendered PDF preflighted as `check` does (`preflight.Finding`s, errors first):
    against the style's press settings, with the render's own report of overset stories and
    fallback glyphs, photos and overset text named by the files they come from, and the ads'
    own preflight."""
    from ..style import MM
    from .fittable import relative
    style, press, folder = result.style, result.style.print, Path(issue.source)
    findings = preflight(result.pdf, standard=press.standard, min_ppi=press.min_ppi,
                         max_ink=press.max_ink, bleed_mm=style.bleed / MM, fits=result.fits,
                         substitutions=result.substitutions, sources=result.sources,
                         photos=[(photo.page, photo.width_mm * MM, photo.height_mm * MM,
                                  relative(photo.path, folder)) for photo in result.photos])
    return sorted(name_sources(findings, issue, result.fits) + result.findings,
                  key=lambda f: SEVERITIES.index(f.severity))


def desk_findings(issue, result) -> list[DeskFinding]:
    """Everything the desk should see about a render: its overset stories first, then the
    proofreading of the issue's words and the preflight of its PDF, errors first."""
    return overset(issue, result.fits) + sorted(
        words(issue, result.fits) + pdf_findings(issue, result),
        key=lambda f: (SEVERITIES.index(f.severity), f.page or 0))


def overset(issue, fits) -> list[DeskFinding]:
    """Each overset story (and each line too wide to print), at the place its text starts
    that did not fit, its module the spot."""
    paths = article_paths(issue)
    found = []
    for fit in fits:
        path = paths.get(fit.article)
        spot = fit.frame if fit.frame[2] and fit.frame[3] else None
        if fit.overset_text and spot is None and not fit.lines_available:
            found.append(DeskFinding(       # no module: the make-up had no room for it here
                "overset", "left out", str(path or fit.article),
                f"{fit.headline or fit.article}: left out — the make-up found no room for its "
                f"{len(fit.overset_text)} characters on this page: make room (a smaller photo, "
                "a shorter story) or move it to another page", fit.page))
        elif fit.overset_text:
            where = path and locate(path, fit.overset_text.lstrip()[:12]) or fit.article
            found.append(DeskFinding(
                "overset", "overset", where,
                f"{fit.headline or fit.article}: {len(fit.overset_text)} characters do not fit "
                f"({fit.lines_set} of {fit.lines_available} lines set), starting "
                f"“{fit.overset_text.lstrip()[:12]}…” — enlarge the module or cut the story",
                fit.page, spot))
        for run in fit.too_wide:
            where = path and locate(path, run[:12]) or fit.article
            found.append(DeskFinding(
                "overset", "too-wide", where,
                f"{fit.headline or fit.article}: “{run[:40]}” is wider than its column and is "
                "not printed — break it with a space or a hyphen, shorten it, or widen the "
                "column", fit.page, spot))
    return found


def words(issue, fits) -> list[DeskFinding]:
    """The proofreading of the issue's words, each found on the page where the story set it."""
    found = []
    for finding in proofread.check_issue(Path(issue.source)):
        page, spot, exact = text_spot(fits, Path(finding.file).name, finding.context)
        context = f": {finding.context}" if finding.context else ""
        unset = "" if exact or page is None else \
            " (not among the lines set: overset, or set otherwise; its story is marked)"
        found.append(DeskFinding(
            finding.severity, finding.check, f"{finding.file}:{finding.line}:{finding.column}",
            f"{finding.message}{context} — fix: {finding.fix}{unset}", page, spot))
    return found


def pdf_findings(issue, result) -> list[DeskFinding]:
    """The preflight of the PDF less its overset findings (listed apart, with more said),
    each photo, ad or missing glyph with its spot."""
    photos = {(photo.page, Path(photo.path).name): photo.frame for photo in result.photos}
    slots = {(fit.page, fit.article): fit.frame for fit in result.fits}
    found = []
    for finding in check_pdf(issue, result):
        if finding.check == "overset":
            continue
        page, spot = finding.page, None
        code = finding.message.split(" ", 1)[0]                 # "U+9F98 '龘' …"
        if finding.check == "glyphs" and re.fullmatch(r"U\+[0-9A-F]{4,6}", code):
            page, spot = glyph_spot(result.fits, chr(int(code[2:], 16)))
        elif (page, Path(finding.obj).name) in photos:
            spot = photos[(page, Path(finding.obj).name)]
        elif (page, finding.obj) in slots:
            spot = slots[(page, finding.obj)]
        found.append(DeskFinding(finding.severity, finding.check, finding.obj,
                                 finding.message, page, spot))
    return found


def text_spot(fits, article: str, context: str) -> tuple[int | None, tuple | None, bool]:
    """The page and the box of the glyphs `context` marks 【like this】, searched in the lines
    the story `article` set (with less of the text around it, if the page sets it otherwise),
    and True; the story's module and False when the words are not found; (None, None, False)
    when the story is on no page."""
    before, marked, after = _parts(context)
    stories = [fit for fit in fits if fit.article == article]
    for fit in stories:
        text, glyphs = _set_text(fit)
        for around in (len(before), 6, 2, 0):
            lead = before[len(before) - around:] if around else ""
            start = text.find(lead + marked + after[:around]) if lead + marked else -1
            if start < 0:
                continue
            start += len(lead)
            if marked:          # the marked characters themselves
                chosen = glyphs[start:start + len(marked)]
            else:               # a space between two: the characters either side
                chosen = glyphs[max(0, start - 1):start + 1]
            return fit.page, _box(chosen), True
    for fit in stories:
        if fit.frame[2] and fit.frame[3]:
            return fit.page, fit.frame, False
    return None, None, False


def glyph_spot(fits, char: str) -> tuple[int | None, tuple | None]:
    """The page and box of the first place `char` is set, if any story sets it."""
    for fit in fits:
        text, glyphs = _set_text(fit)
        if char in text:
            return fit.page, _box([glyphs[text.index(char)]])
    return None, None


def _parts(context: str) -> tuple[str, str, str]:
    """A proofreading context's text before 【, inside, and after 】, spaces left out."""
    def bare(text: str) -> str:
        return "".join(text.split())
    if "【" not in context or "】" not in context:
        return "", bare(context), ""
    before, rest = context.split("【", 1)
    marked, after = rest.rsplit("】", 1)
    return bare(before), bare(marked), bare(after)


def _set_text(fit) -> tuple[str, list]:
    """The characters a story set, in reading order and spaces left out, and for each its
    (line, glyph)."""
    chars, glyphs = [], []
    for region in fit.regions:
        for line in region.lines:
            for glyph in line.glyphs:
                for char in glyph.char:
                    if not char.isspace():
                        chars.append(char)
                        glyphs.append((line, glyph))
    return "".join(chars), glyphs


def _box(chosen) -> tuple[float, float, float, float] | None:
    """The box round some (line, glyph)s: each glyph an em of its line's size (its advance
    where the next glyph on the line tells it), from the ascent to the descent."""
    boxes = []
    for line, glyph in chosen:
        if line is not chosen[0][0]:
            break           # a span that wraps: its start, on the first line, is the spot
        following = [g.x for g in line.glyphs if g.x > glyph.x and g.y == glyph.y]
        width = min(following) - glyph.x if following else line.size * glyph.scale_x
        left, baseline = line.x + glyph.x, line.y + glyph.y
        boxes.append((left, baseline - EM_BOX_TOP * line.size, left + width,
                      baseline + (1 - EM_BOX_TOP) * line.size))
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes) - SPOT_PAD, min(b[1] for b in boxes) - SPOT_PAD
    x1, y1 = max(b[2] for b in boxes) + SPOT_PAD, max(b[3] for b in boxes) + SPOT_PAD
    return (x0, y0, x1 - x0, y1 - y0)
