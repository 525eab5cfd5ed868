"""PNG previews for the desk: each page of the PDF as an image, problems marked on top.

Pages are rasterised from the PDF itself (what the plant gets) by PDFium (pypdfium2), in
this process: a page in about a tenth of a second, against a third for poppler's pdftoppm,
which matters in `serve`, where the desk waits for the page it just edited. The marks — a red
frame and a label on every overset story — are drawn on the preview only, never in the PDF.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..errors import BroadsheetError
from ..output import atomic_output

MARK = (220, 0, 0)
OUTSET = 4.0        # points the frame stands off the module, clear of its text


@dataclass(frozen=True)
class Mark:
    """A rectangle (points from the trim box's top-left) to outline on a page, with a label."""
    page: int
    x: float
    y: float
    width: float
    height: float
    label: str


def write_previews(pdf: Path, out_dir: Path, *, dpi: int = 50, marks: tuple[Mark, ...] = (),
                   offset: float = 0.0, font: Path | None = None, font_index: int = 0,
                   pages: int, only: set[int] | None = None, progress=None) -> list[Path]:
    """One PNG per page, `out_dir/<pdf stem>-page-N.png`; returns all `pages` of them.

    `offset` is where the trim box starts inside the media box (bleed + slug), in points.
    With `only`, just those page numbers are rasterised (the others' images are still
    current). `progress(done, pages)` hears of each page done."""
    import pypdfium2     # imported here: a render without previews does not need it

    out_dir.mkdir(parents=True, exist_ok=True)
    images = preview_paths(pdf, out_dir, pages)
    wanted = [n for n in range(1, pages + 1)
              if only is None or n in only or not images[n - 1].is_file()]
    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as error:
        raise BroadsheetError(f"cannot open the PDF to preview it ({error})", file=str(pdf),
                              fix="check that the PDF opens") from None
    scale = dpi / 72
    try:
        for count, number in enumerate(wanted, 1):
            page = document[number - 1]
            image = page.render(scale=scale).to_pil()
            page.close()
            page_marks = [mark for mark in marks if mark.page == number]
            if page_marks:
                image = image.convert("RGB")
                _draw_marks(image, page_marks, scale, offset,
                            _font(font, font_index, max(10, int(12 * scale * 1.5))))
            # Saved once, fast: a preview is rewritten after every edit.
            with atomic_output(images[number - 1], field=None) as temporary:
                image.save(temporary, compress_level=1)
            if progress is not None:
                progress(count, len(wanted))
    finally:
        document.close()
    for old in set(out_dir.glob(f"{pdf.stem}-page-*.png")) - set(images):
        if old.stem.rsplit("-", 1)[1].isdigit():    # (not a plate, -page-N-C.png)
            old.unlink(missing_ok=True)             # a page the issue no longer has
    return images


def preview_paths(pdf: Path, out_dir: Path, pages: int) -> list[Path]:
    """Where `write_previews` puts the pages' PNGs: `out_dir/<pdf stem>-page-N.png`."""
    prefix = out_dir / f"{pdf.stem}-page"
    return [Path(f"{prefix}-{n:0{len(str(pages))}d}.png") for n in range(1, pages + 1)]


def _draw_marks(image, marks: list[Mark], scale: float, offset: float, label_font) -> None:
    """A red frame, standing off the module, and a label for each mark."""
    draw = ImageDraw.Draw(image)
    for mark in marks:
        box = [(offset + mark.x - OUTSET) * scale, (offset + mark.y - OUTSET) * scale,
               (offset + mark.x + mark.width + OUTSET) * scale,
               (offset + mark.y + mark.height + OUTSET) * scale]
        draw.rectangle(box, outline=MARK, width=max(2, int(2 * scale)))
        draw.text((box[0] + 4, box[3] - 4), mark.label, fill=MARK, font=label_font,
                  anchor="lb")


def _font(path: Path | None, index: int, size: int):
    if path is None:
        return ImageFont.load_default()
    return ImageFont.truetype(str(path), size, index=index)


def contact_sheet(pages: list[Path], path: Path, columns: int = 4, thumb_width: int = 300
                  ) -> Path:
    """All pages side by side, numbered, for a look at the whole issue."""
    thumbs = []
    for page in pages:
        with Image.open(page) as image:
            ratio = thumb_width / image.width
            thumbs.append(image.convert("RGB").resize(
                (thumb_width, round(image.height * ratio)), Image.Resampling.LANCZOS))
    gap = 16
    rows = (len(thumbs) + columns - 1) // columns
    height = max(t.height for t in thumbs)
    sheet = Image.new("RGB", (columns * (thumb_width + gap) + gap, rows * (height + gap) + gap),
                      (235, 235, 235))
    for n, thumb in enumerate(thumbs):
        x = gap + (n % columns) * (thumb_width + gap)
        y = gap + (n // columns) * (height + gap)
        sheet.paste(thumb, (x, y))
        ImageDraw.Draw(sheet).text((x + 4, y + 4), str(n + 1), fill=(0, 0, 0))
    with atomic_output(path, field=None) as temporary:
        sheet.save(temporary)
    return path
