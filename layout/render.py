"""The pipeline, one call per stage: manifest → model → composition → display list → PDF."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import display as dl
from .ahead import render_ahead
from .backends.pdf import write_pdf
from .backends.png import Mark, preview_paths, write_previews
from .errors import BroadsheetError
from .fonts import FONTS_TOML, load_font_book
from .makeup.engine import place_unplaced
from .read.manifest import ISSUE_FILE, load_issue
from .model import Photo
from .output import output_folder, refuse_inputs, writable_target
from .page.compose import StoryFit, compose_issue
from .photo import photo_size
from .session import Session, cores, current
from .style import STYLES_DIR, Style, load_style, style_path


@dataclass(frozen=True)
class PhotoSize:
    """A photo as printed: its page, source file, printed size and effective resolution."""
    page: int
    path: Path
    width_mm: float
    height_mm: float
    ppi: float
    frame: tuple[float, float, float, float] = (0, 0, 0, 0)  # x, y, width, height (points)


@dataclass
class RenderResult:
    pdf: Path
    pages: int
    fits: list[StoryFit]
    substitutions: dict         # (role, char) → Face that set it instead of the role's own
    sources: dict[str, str]     # each substituted char → the files that have it
    previews: list[Path]        # PNG page previews, if asked for
    page_keys: list[int]        # with previews: a fingerprint of each page as drawn and marked
    style: Style                # the house style it was set in
    ink_guard: dict = field(default_factory=dict)   # photo → (pixels the ink guard clipped, pixels)
    findings: list = field(default_factory=list)    # ads' preflight, the 导读 (inspect.findings.Finding)
    photos: list[PhotoSize] = field(default_factory=list)   # every photo as printed

    @property
    def overset(self) -> list[StoryFit]:
        return [fit for fit in self.fits if fit.overset]


def render(issue_dir: Path, output: Path | None = None, previews: Path | None = None,
           on_page=None, *, dpi: int = 50, marks: bool = True, progress=None,
           previous_keys: list[int] | None = None, jobs: int | None = None,
           session: Session | None = None) -> RenderResult:
    """Render an issue to PDF (and PNG previews, problems marked unless `marks` is off);
    `on_page(fits)` hears of each page composed, `progress(done, total)` of each preview.
    Pages whose key is in `previous_keys` at the same place keep their preview image.
    With `jobs` > 1 (default: one per core this process may use), the work that can start
    before its stage does is done first on all of them: photos made press-ready, the
    stories' paragraphs set. The PDF is the one a single process writes. What is worth
    remembering is remembered in `session` (default: the active one)."""
    session = session or current()
    with session.active():
        issue, style, book, composition = compose(issue_dir, on_page, jobs, session)
        output = output or Path("out") / f"{issue.number}.pdf"
        inputs = read_files(issue, style, book)                     # never written over
        refuse_inputs([writable_target(output)], inputs)
        if previews is not None:
            output_folder(previews, "--preview")
        try:
            guarded = write_pdf_or_say(composition.document, output, style)  # → PDF/X
            session.flush()                 # what this render made, kept for the next one
        finally:
            session.settle()                # … and what the workers made; none outlives this
    pngs: list[Path] = []
    keys: list[int] = []
    if previews is not None:                                    # PDF → PNG, problems marked
        body = book.face("body")
        found = (_problems(composition, style.print.min_ppi, style.print.max_megapixels)
                 + _ad_marks(composition)
                 if marks else ())
        keys = [hash((page, tuple(m for m in found if m.page == page.number)))
                for page in composition.document.pages]
        refuse_inputs(preview_paths(output, previews, len(keys)), inputs, "--preview")
        same = previous_keys or []
        changed = {n + 1 for n, key in enumerate(keys) if n >= len(same) or same[n] != key}
        try:
            pngs = write_previews(output, previews, dpi=dpi, marks=found,
                                  offset=style.bleed + style.print.slug, font=body.path,
                                  font_index=body.index, pages=len(keys),
                                  only=changed if previous_keys else None, progress=progress)
        except OSError as error:
            raise BroadsheetError(f"cannot write the previews ({error.strerror})",
                                  file=str(previews), field="--preview",
                                  fix="give a folder you can write to, on a disk with room"
                                  ) from None
    return RenderResult(pdf=output, pages=len(composition.document.pages),
                        fits=composition.fits, substitutions=dict(book.substitutions),
                        sources=_sources(issue, {char for _, char in book.substitutions}),
                        previews=pngs, page_keys=keys, style=style, ink_guard=guarded,
                        findings=composition.findings,
                        photos=photo_sizes(composition.document, style.print.max_megapixels))


def compose(issue_dir: Path, on_page=None, jobs: int | None = None,
            session: Session | None = None):
    """The issue read, its style and fonts, and its pages composed: (issue, style, book,
    composition), with the work that can start early done first on `jobs` processes."""
    session = session or current()
    with session.active():
        issue = load_issue(issue_dir)                           # manifest → model
        style = load_style(issue.style, Path(issue.source))     # house style, resolved once
        book = load_font_book(style.fonts)                      # fonts by role
        try:
            issue, left_out = place_unplaced(issue, style, book, jobs or cores())  # make-up
            session.work_ahead(render_ahead(issue, style, book), jobs or cores())
            composition = compose_issue(issue, style, book, on_page)   # → display list
        except BaseException:
            session.settle()        # no worker outlives a failed or interrupted composition
            raise
    composition.fits += left_out                                # stories no page could hold
    return issue, style, book, composition


def read_files(issue, style: Style, book) -> list[Path]:
    """Every file a render of `issue` reads: manifest, articles, photos, styles, fonts and
    the press profile — outputs must not be any of them."""
    articles = [module.article for page in issue.pages for module in page.modules]
    photos = [block.path for article in articles for block in article.blocks
              if isinstance(block, Photo)]
    faces = [*book.roles.values(), *book.fallbacks]
    return [Path(issue.source) / ISSUE_FILE, *(article.source for article in articles), *photos,
            style_path(issue.style, Path(issue.source)), *STYLES_DIR.glob("*.toml"),
            FONTS_TOML, *(face.path for face in faces), style.print.profile]


def write_pdf_or_say(document: dl.Document, output: Path, style: Style
                     ) -> dict[Path, tuple[int, int]]:
    """`write_pdf`, an unwritable output said in one line; returns the ink guard's count."""
    try:
        return write_pdf(document, output, style.print)
    except OSError as error:
        raise BroadsheetError(f"cannot write the PDF ({error.strerror})", file=str(output),
                              field="-o", fix="give a path in a folder you can write to") from None


def _sources(issue, chars: set[str]) -> dict[str, str]:
    """Each of `chars` → the issue's files that have it (article files, then issue.toml),
    to say where a character set in a fallback font comes from."""
    files = [issue.source / "issue.toml", *dict.fromkeys(
        module.article.source for page in issue.pages for module in page.modules)]
    texts = {file: file.read_text(encoding="utf-8-sig") for file in files} if chars else {}
    return {char: ", ".join(str(file) for file in files if char in texts[file]) or "?"
            for char in chars}


def _problems(composition, min_ppi: float, max_megapixels: float) -> tuple[Mark, ...]:
    """Marks for the previews: overset stories and photos below the minimum resolution."""
    return tuple(Mark(fit.page, *fit.frame, _overset_label(fit))
                 for fit in composition.fits if fit.overset) + tuple(
        Mark(page.number, item.x, item.y, item.width, item.height, f"低分辨率 {ppi:.0f} ppi")
        for page in composition.document.pages for item in page.items
        if isinstance(item, dl.Image) and (ppi := image_ppi(item, max_megapixels)) < min_ppi)


def _ad_marks(composition) -> tuple[Mark, ...]:
    """Marks for the previews: each ad with an error or warning, over its slot."""
    slots = {(fit.page, fit.article): fit.frame for fit in composition.fits}
    return tuple(Mark(f.page, *slots.get((f.page, f.obj), (0, 0, 0, 0)), f"广告 {f.obj}")
                 for f in composition.findings if f.severity in ("error", "warning")
                 and (f.page, f.obj) in slots)


def _overset_label(fit: StoryFit) -> str:
    """超版 N 字 for the characters that did not fit, 超宽 N 行 for lines wider than their
    column (not drawn)."""
    parts = ([f"超版 {len(fit.overset_text)} 字"] if fit.overset_text else []) + (
        [f"超宽 {len(fit.too_wide)} 行"] if fit.too_wide else [])
    return " ".join(parts)


def image_ppi(image: dl.Image, max_megapixels: float) -> float:
    """Pixels per inch of a placed photo at its printed size (the lower of the two axes)."""
    width, height = photo_size(image.path, max_megapixels)
    left, top, right, bottom = image.crop
    return min(width * (right - left) / (image.width / 72),
               height * (bottom - top) / (image.height / 72))


def photo_sizes(document: dl.Document, max_megapixels: float) -> list[PhotoSize]:
    """Every photo's printed size and effective resolution, page by page."""
    from .style import MM
    return [PhotoSize(page.number, item.path, item.width / MM, item.height / MM,
                      image_ppi(item, max_megapixels), (item.x, item.y, item.width, item.height))
            for page in document.pages for item in page.items if isinstance(item, dl.Image)]
