"""The pipeline, one call per stage: manifest → model → composition → display list → PDF."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .backends.pdf import write_pdf
from .fonts import load_font_book
from .manifest import load_issue
from .page.compose import StoryFit, compose_issue
from .style import load_style


@dataclass
class RenderResult:
    pdf: Path
    pages: int
    fits: list[StoryFit]
    substitutions: dict         # (role, char) → Face that set it instead of the role's own

    @property
    def overset(self) -> list[StoryFit]:
        return [fit for fit in self.fits if fit.overset]


def render(issue_dir: Path, output: Path | None = None) -> RenderResult:
    issue = load_issue(issue_dir)                               # manifest → model
    style = load_style(issue.style, Path(issue.source))         # house style, resolved once
    book = load_font_book(style.fonts)                          # fonts by role
    composition = compose_issue(issue, style, book)             # text + pages → display list
    output = output or Path("out") / f"{issue.number}.pdf"
    write_pdf(composition.document, output)                     # display list → PDF
    return RenderResult(pdf=output, pages=len(composition.document.pages),
                        fits=composition.fits, substitutions=dict(book.substitutions))
