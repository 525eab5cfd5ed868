"""Page delivery (传版): one PDF/X file per page (单版) for the plant, each preflighted, and a
manifest of what was sent.

The pages are composed once; each is written as its own PDF/X file named by the style's
`page_file` pattern, preflighted, and listed in `delivery.json` and `delivery.txt` with its
size, SHA-256, highest total ink, lowest photo resolution and verdict. A page whose content
has not changed since the last delivery to the same folder is not written again, so a desk
can resend the one page it corrected. A page that fails preflight is written as
`NAME.failed.pdf`, never under the name a plant's hot folder picks up.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import display as dl
from ..errors import BroadsheetError
from ..output import atomic_output
from ..inspect.preflight import measure, preflight
from ..render import compose, write_pdf_or_say
from ..style import MM, Style, page_file_name
from .fittable import display_width

MANIFEST_JSON = "delivery.json"
MANIFEST_TEXT = "delivery.txt"
PASS, FAIL = "pass", "fail"


@dataclass(frozen=True)
class DeliveredPage:
    page: int
    section: str
    file: str                   # the file's name in the delivery folder
    size: int                   # bytes
    sha256: str
    max_ink: float              # percent, on the printed area
    lowest_ppi: float | None    # None: no photo on the page
    ink_guard_pixels: int       # photo pixels the ink guard clipped (the separation holds 240 %)
    verdict: str                # PASS or FAIL
    findings: list[str]         # preflight's errors and warnings, one line each
    status: str                 # "written" this time, or "unchanged" since the last delivery
    fingerprint: str            # what the page is made of, to know whether it changed


def deliver(issue_dir: Path, out_dir: Path, jobs: int | None = None) -> list[DeliveredPage]:
    """Write the issue's pages into `out_dir` as PDF/X files with a manifest; returns the
    manifest's pages."""
    issue, style, book, composition = compose(issue_dir, jobs=jobs)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BroadsheetError(f"cannot make the delivery folder ({error.strerror})",
                              file=str(out_dir), field="-o",
                              fix="give a folder you can write to") from None
    last = {entry["page"]: entry for entry in _last_delivery(out_dir)}
    sections = {page.number: page.section for page in issue.pages}
    title = composition.document.title
    delivered = []
    for page in composition.document.pages:
        name = page_file_name(style.print.page_file, issue.date, page.number, issue.number,
                              sections[page.number])
        fingerprint = _fingerprint(page, style)
        before = last.get(page.number)
        if before and before["fingerprint"] == fingerprint and _intact(out_dir, before):
            delivered.append(DeliveredPage(**{**before, "status": "unchanged"}))
            continue
        fits = [fit for fit in composition.fits if fit.page == page.number]
        chars = {g.char for item in page.items if isinstance(item, dl.TextLine)
                 for g in item.glyphs}
        substitutions = {key: face for key, face in book.substitutions.items()
                         if key[1] in chars}
        document = dl.Document(title=f"{title} 第{page.number}版 {sections[page.number]}",
                               pages=(page,), subject=composition.document.subject)
        ads = [f for f in composition.findings if f.page == page.number]   # ads, 导读
        delivered.append(_write_page(document, out_dir, name, style, fits, substitutions,
                                     sections[page.number], fingerprint, ads))
    _write_manifest(out_dir, issue, style, delivered)
    return delivered


def _write_page(document: dl.Document, out_dir: Path, name: str, style: Style, fits,
                substitutions, section: str, fingerprint: str, ads=()) -> DeliveredPage:
    """One page written, preflighted and put in place under its name (or NAME.failed.pdf)."""
    press = style.print
    failed = name[:-len(".pdf")] + ".failed.pdf"
    final = name
    # Whole or not at all, as every output: the plant never sees half a page. The name is
    # chosen once the page is written and preflighted (`final` as it is by then).
    with atomic_output(out_dir / name, final_name=lambda: final) as temporary:
        guarded = write_pdf_or_say(document, temporary, style)
        findings = preflight(temporary, standard=press.standard, min_ppi=press.min_ppi,
                             max_ink=press.max_ink, bleed_mm=style.bleed / MM, fits=fits,
                             substitutions=substitutions) + list(ads)
        [measured] = measure(temporary, press.standard)
        verdict = FAIL if any(f.severity == "error" for f in findings) else PASS
        final = name if verdict == PASS else failed
        data = temporary.read_bytes()
    stale = failed if verdict == PASS else name
    (out_dir / stale).unlink(missing_ok=True)       # the page's other state, from before
    lines = [f"{f.severity}: {f.obj}: {f.message}" for f in findings
             if f.severity in ("error", "warning")]
    return DeliveredPage(page=document.pages[0].number, section=section, file=final,
                         size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                         max_ink=measured.max_ink, lowest_ppi=measured.lowest_ppi,
                         ink_guard_pixels=sum(clipped for clipped, _ in guarded.values()),
                         verdict=verdict, findings=lines, status="written",
                         fingerprint=fingerprint)


def _fingerprint(page: dl.Page, style: Style) -> str:
    """What the page's file is made from: everything drawn (less the slug line's time of
    output), the press settings and profile, and the photo files as they are now."""
    items = tuple(item for item in page.items
                  if not (isinstance(item, dl.TextLine) and item.role == "slug"))
    photos = sorted({(str(item.path), item.path.stat().st_size, item.path.stat().st_mtime_ns)
                     for item in items if isinstance(item, (dl.Image, dl.Form))})
    profile = style.print.profile.stat()
    # repr, not pickle: pickle's bytes depend on which equal objects are the same object
    drawn = repr((page.number, page.width, page.height, page.bleed, items, photos,
                  style.print, profile.st_size, profile.st_mtime_ns))
    return hashlib.sha256(drawn.encode()).hexdigest()


def _last_delivery(out_dir: Path) -> list[dict]:
    """The pages of the manifest a previous delivery left in the folder (none if unreadable)."""
    try:
        pages = json.loads((out_dir / MANIFEST_JSON).read_text(encoding="utf-8"))["pages"]
        fields = set(DeliveredPage.__dataclass_fields__)
        return [page for page in pages if set(page) == fields]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _intact(out_dir: Path, entry: dict) -> bool:
    """Whether the file a manifest entry names is still there, byte for byte."""
    path = out_dir / entry["file"]
    try:
        return path.stat().st_size == entry["size"] and \
            hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    except OSError:
        return False


def _write_manifest(out_dir: Path, issue, style: Style, pages: list[DeliveredPage]) -> None:
    manifest = {"issue": issue.number, "date": issue.date.isoformat(),
                "paper": issue.masthead.name, "standard": style.print.standard,
                "output_condition": style.print.output_condition_identifier,
                "profile": style.print.profile.name,
                "verdict": FAIL if any(p.verdict == FAIL for p in pages) else PASS,
                "pages": [asdict(page) for page in pages]}
    _write_atomically(out_dir / MANIFEST_JSON,
                      json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    _write_atomically(out_dir / MANIFEST_TEXT, manifest_text(manifest))


def manifest_text(manifest: dict) -> str:
    """The delivery manifest for people: one row a page, then each page's findings."""
    head = (f"{manifest['paper']} 第{manifest['issue']}期 {manifest['date']} — "
            f"{manifest['standard']}, {manifest['output_condition']} ({manifest['profile']})")
    columns = ("版", "section", "file", "bytes", "SHA-256", "max ink", "min ppi", "preflight",
               "this delivery")
    rows = [columns] + [
        (str(p["page"]), p["section"], p["file"], f"{p['size']:,}", p["sha256"][:16],
         f"{p['max_ink']:.0f}%", "—" if p["lowest_ppi"] is None else f"{p['lowest_ppi']:.0f}",
         p["verdict"].upper(), p["status"]) for p in manifest["pages"]]
    widths = [max(display_width(row[n]) for row in rows) for n in range(len(columns))]
    lines = [head, ""] + ["  ".join(cell + " " * (width - display_width(cell))
                                    for cell, width in zip(row, widths)).rstrip()
                          for row in rows]
    for page in manifest["pages"]:
        lines += [f"  第{page['page']}版: {finding}" for finding in page["findings"]]
    lines += ["", f"verdict: {manifest['verdict'].upper()}"]
    return "\n".join(lines) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the file, then rename over it: a reader sees the old or the new file."""
    with atomic_output(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
