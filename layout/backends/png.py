"""PNG previews for the desk: each page of the PDF as an image, problems marked on top.

Pages are rasterised by poppler's pdftoppm from the PDF itself (what the plant gets); the
marks — a red frame and a label on every overset story — are drawn on the preview only,
never in the PDF.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..errors import BroadsheetError

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
    Pages are rasterised side by side on the machine's cores; with `only`, just those page
    numbers are (the others' images are still current). `progress(done, pages)` hears of
    each page done."""
    if shutil.which("pdftoppm") is None:
        raise BroadsheetError("pdftoppm is not installed", field="preview",
                              fix="apt-get install poppler-utils (or run `make demo`)")
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / f"{pdf.stem}-page"
    images = [Path(f"{prefix}-{n:0{len(str(pages))}d}.png") for n in range(1, pages + 1)]
    wanted = [n for n in range(1, pages + 1)
              if only is None or n in only or not images[n - 1].is_file()]
    if only is None:
        for old in out_dir.glob(f"{pdf.stem}-page-*.png"):
            old.unlink()

    def rasterise(number: int) -> int:
        done = subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(number), "-l",
                               str(number), str(pdf), str(prefix)], capture_output=True, text=True)
        if done.returncode:
            raise BroadsheetError(f"pdftoppm failed: {done.stderr.strip()}", file=str(pdf),
                                  fix="check that the PDF opens")
        return number

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for count, _ in enumerate(as_completed([pool.submit(rasterise, n) for n in wanted]), 1):
            if progress is not None:
                progress(count, len(wanted))
    scale = dpi / 72
    for number in wanted:
        path = images[number - 1]
        page_marks = [mark for mark in marks if mark.page == number]
        if not page_marks:
            continue
        with Image.open(path) as image:
            image = image.convert("RGB")
            draw = ImageDraw.Draw(image)
            label_font = _font(font, font_index, max(10, int(12 * scale * 1.5)))
            for mark in page_marks:
                out = OUTSET
                box = [(offset + mark.x - out) * scale, (offset + mark.y - out) * scale,
                       (offset + mark.x + mark.width + out) * scale,
                       (offset + mark.y + mark.height + out) * scale]
                draw.rectangle(box, outline=MARK, width=max(2, int(2 * scale)))
                draw.text((box[0] + 4, box[3] - 4), mark.label, fill=MARK, font=label_font,
                          anchor="lb")
            image.save(path)
    return images


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
    sheet.save(path)
    return path
