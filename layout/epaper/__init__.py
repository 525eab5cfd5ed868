"""`broadsheet epaper`: the issue as a 数字报 — a static site straight from the page geometry.

    issue dir ──render──▶ PDF + composition ──▶ page images (PDFium) ──▶ site data ──▶ HTML

The pages are pictures rasterised from the PDF itself; the hot areas, the article texts and
which page each story part is on come from the composition (`StoryFit.regions`), so no one
indexes the articles by hand (标引). The whole site is written into a temporary folder beside
the output and swapped in at the end: a reader never sees half of an issue.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..errors import BroadsheetError
from ..read.manifest import load_issue
from ..model import Issue, Photo
from ..render import render
from ..style import SLUG
from .files import ISSUE_FILE, write_site
from .images import page_images, site_photos
from .site import FORMAT, issue_data


@dataclass
class EpaperResult:
    site: Path                  # the folder written; its index.html is page 1
    pages: int
    articles: int
    overset: list               # StoryFit of stories that did not fit (the site shows them whole)
    substitutions: dict         # (role, char) → Face that set it instead of the role's own


def write_epaper(issue_dir: Path, output: Path | None = None, *, dpi: int = 150,
                 jobs: int | None = None, progress=None) -> EpaperResult:
    """Render `issue_dir` and write its e-paper to `output` (default out/epaper/<number>).
    `progress(stage, done, total)` hears of each step."""
    issue = load_issue(issue_dir)
    output = output or Path("out") / "epaper" / str(issue.number)
    _check_output(output)
    report = progress or (lambda stage, done, total: None)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=f".{output.name}.", dir=output.parent) as temp:
            site = Path(temp) / "site"
            site.mkdir()
            result, data = _write_site(issue, issue_dir, site, output, dpi, jobs, report)
            _swap_in(site, output)
    except OSError as error:            # a full disk, a folder we may not write in
        raise BroadsheetError(f"cannot write the e-paper ({error.strerror or error})",
                              file=str(output), field="-o",
                              fix="give a folder you can write to, on a disk with room") from None
    _relink_neighbours(output)
    return EpaperResult(output, result.pages, len(data["articles"]), result.overset,
                        result.substitutions)


def _write_site(issue: Issue, issue_dir: Path, site: Path, output: Path, dpi: int, jobs,
                report):
    """Everything into the empty folder `site`: the PDF, the pictures, the pages, issue.json."""
    pdf = site / f"{issue.number}.pdf"
    composed = []

    def page_done(fits):
        composed.append(fits)
        report("排版 composing", len(composed), len(issue.pages))
    result = render(issue_dir, pdf, on_page=page_done, jobs=jobs)
    images = page_images(pdf, site, dpi=dpi, offset=result.style.bleed + SLUG,
                         pages=result.pages, progress=lambda d, t: report("版面 pages", d, t))
    photos = site_photos(_photo_paths(issue), site)
    data = issue_data(issue, result.fits, result.style, images, photos,
                      _neighbours(issue.number, output), pdf.name)
    write_site(data, site, progress=lambda d, t: report("稿件 articles", d, t))
    return result, data


def _photo_paths(issue: Issue) -> list[Path]:
    return list(dict.fromkeys(block.path for module in issue.story_starts()
                              for block in module.article.blocks if isinstance(block, Photo)))


def _check_output(output: Path) -> None:
    """Only an e-paper is ever replaced: a folder holding anything else is left alone."""
    if output.exists() and not output.is_dir():
        raise BroadsheetError("is a file, not a folder", file=str(output), field="-o",
                              fix="give a folder for the e-paper site")
    if output.is_dir() and any(output.iterdir()) and not (output / ISSUE_FILE).is_file():
        raise BroadsheetError("the folder is not empty and holds no e-paper (no issue.json)",
                              file=str(output), field="-o",
                              fix="give a new or empty folder, or an earlier e-paper's")


def _swap_in(site: Path, output: Path) -> None:
    """The new site takes the old one's place in two renames; the old one is removed after."""
    old = site.parent / "old"
    try:
        if output.exists():
            output.rename(old)
        site.rename(output)
    except OSError as error:
        if old.exists() and not output.exists():
            old.rename(output)
        raise BroadsheetError(f"cannot write the e-paper ({error.strerror})", file=str(output),
                              field="-o", fix="give a folder you can write to") from None
    shutil.rmtree(old, ignore_errors=True)


def _epapers(root: Path) -> dict[Path, dict]:
    """The e-papers in an output root: folder → its issue.json (others are not looked at)."""
    found = {}
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(".") or not (folder / ISSUE_FILE).is_file():
            continue
        try:
            data = json.loads((folder / ISSUE_FILE).read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and isinstance(data.get("number"), int):
                found[folder] = data
        except (OSError, ValueError, AttributeError):
            continue                    # not an e-paper of ours: not a neighbour
    return found


def _neighbours(number: int, output: Path) -> dict:
    """The issues beside issue `number` in `output`'s root: the nearest earlier and later
    e-papers among its sibling folders, by issue number."""
    others = [{"number": data["number"], "date": data.get("date"), "paper": data.get("paper"),
               "href": f"../{quote(folder.name)}/index.html"}
              for folder, data in _epapers(output.parent).items() if folder != output]
    earlier = [o for o in others if o["number"] < number]
    later = [o for o in others if o["number"] > number]
    return {"previous": max(earlier, key=lambda o: o["number"]) if earlier else None,
            "next": min(later, key=lambda o: o["number"]) if later else None}


def _relink_neighbours(output: Path) -> None:
    """The issues beside the one just written learn of it: an e-paper in the same root whose
    previous or next issue changed has its pages written again from its issue.json."""
    for folder, data in _epapers(output.parent).items():
        if folder == output:
            continue
        links = _neighbours(data["number"], folder)
        if (data.get("previous"), data.get("next")) != (links["previous"], links["next"]):
            try:
                write_site({**data, **links}, folder)
            except OSError as error:
                raise BroadsheetError(f"cannot link the issue beside it ({error.strerror})",
                                      file=str(folder), fix="make that folder writable") from None
