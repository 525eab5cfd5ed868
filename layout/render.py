"""The pipeline, one call per stage: manifest → model → composition → display list → PDF."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .backends.pdf import write_pdf
from .backends.png import Mark, write_previews
from .fonts import load_font_book
from .manifest import load_issue
from .page.compose import StoryFit, compose_issue
from .style import SLUG, load_style


@dataclass
class RenderResult:
    pdf: Path
    pages: int
    fits: list[StoryFit]
    substitutions: dict         # (role, char) → Face that set it instead of the role's own
    previews: list[Path]        # PNG page previews, if asked for

    @property
    def overset(self) -> list[StoryFit]:
        return [fit for fit in self.fits if fit.overset]


def render(issue_dir: Path, output: Path | None = None, previews: Path | None = None,
           on_page=None) -> RenderResult:
    """Render an issue to PDF (and PNG previews); `on_page(fits)` hears of each page done."""
    issue = load_issue(issue_dir)                               # manifest → model
    style = load_style(issue.style, Path(issue.source))         # house style, resolved once
    book = load_font_book(style.fonts)                          # fonts by role
    composition = compose_issue(issue, style, book, on_page)    # text + pages → display list
    output = output or Path("out") / f"{issue.number}.pdf"
    write_pdf(composition.document, output, style.print)       # display list → PDF/X
    pngs = []
    if previews is not None:                                    # PDF → PNG, problems marked
        body = book.face("body")
        marks = tuple(Mark(fit.page, *fit.frame, f"超版 {len(fit.overset_text)} 字")
                      for fit in composition.fits if fit.overset)
        pngs = write_previews(output, previews, marks=marks, offset=style.bleed + SLUG,
                              font=body.path, font_index=body.index)
    return RenderResult(pdf=output, pages=len(composition.document.pages),
                        fits=composition.fits, substitutions=dict(book.substitutions),
                        previews=pngs)
