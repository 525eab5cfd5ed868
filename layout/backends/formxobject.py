"""PDF pages placed in the issue's PDF as Form XObjects (ads, the paper's logo), via pikepdf.

ReportLab cannot read a PDF, so the page is drawn in two steps: while ReportLab writes the
page, `Forms.operators` writes `q … cm /BSFormN Do Q` at the item's place in the drawing order;
once ReportLab has saved the file, `Forms.attach` copies each source page in as a Form XObject
(QPDF's page-to-form conversion: content, resources, fonts and images kept, nothing redrawn)
and names it in the resources of the pages that draw it (`add_resources`, which the fonts and
photos go through too).
"""
from __future__ import annotations

from pathlib import Path

import pikepdf

from .. import display as dl
from ..session import memoised


@memoised("page boxes", memory=64)
def page_box(path: Path, mtime_ns: int = 0) -> tuple[float, float, float, float]:
    """The first page's trim box (the finished ad), else its media box: x0, y0, x1, y1."""
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _box(path: Path) -> tuple[float, float, float, float]:
    return page_box(path, path.stat().st_mtime_ns)


class Forms:
    """The forms a document draws: a name for each source file and the pages using it."""

    def __init__(self):
        self.names: dict[Path, str] = {}
        self.uses: dict[int, set[str]] = {}          # page index → form names

    def operators(self, form: dl.Form, page_index: int, to_pdf) -> str:
        """Draw the form's trim box into the item's frame (y down in the display list)."""
        name = self.names.setdefault(form.path, f"BSForm{len(self.names) + 1}")
        self.uses.setdefault(page_index, set()).add(name)
        x0, y0, x1, y1 = _box(form.path)
        sx, sy = form.width / (x1 - x0), form.height / (y1 - y0)
        left, bottom = to_pdf(form.x, form.y + form.height)
        return (f"q {sx:.6f} 0 0 {sy:.6f} {left - x0 * sx:.4f} {bottom - y0 * sy:.4f} cm "
                f"/{name} Do Q")

    def attach(self, pdf: pikepdf.Pdf) -> None:
        """Each source page copied into `pdf` and named where it is used."""
        made = {}
        for source_path, name in self.names.items():
            with pikepdf.open(source_path) as source:
                form = pikepdf.Page(source.pages[0]).as_form_xobject()
                made[name] = pdf.copy_foreign(form)
        for index, names in self.uses.items():
            add_resources(pdf, pdf.pages[index], "/XObject",
                          {name: made[name] for name in sorted(names)})


def add_resources(pdf: pikepdf.Pdf, page: pikepdf.Page, kind: str, named: dict) -> None:
    """Name each of `named`'s objects in the page's resources of `kind` (/Font, /XObject)."""
    if not named:
        return
    resources = page.obj.get("/Resources")
    if resources is None:
        resources = page.obj.Resources = pikepdf.Dictionary()
    if kind not in resources:
        resources[kind] = pdf.make_indirect(pikepdf.Dictionary()) if kind == "/Font" \
            else pikepdf.Dictionary()
    table = resources[kind]
    for name, value in named.items():
        table[f"/{name}"] = value
