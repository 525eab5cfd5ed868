"""The e-paper's pictures: each page rasterised from the PDF (by the PNG backend, PDFium) and
cut to the trimmed page, at two sizes; the stories' photos at a size for the screen."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image

from ..backends.png import write_previews
from ..errors import BroadsheetError
from .site import PageImage

LIGHT_WIDTH = 360           # px: the page list's thumbnails
PHOTO_WIDTH = 1280          # px: the widest a story's photo is shown
JPEG_QUALITY = 85           # type stays sharp at 150 dpi; half the bytes of a PNG page


def page_images(pdf: Path, site: Path, *, dpi: int, offset: float, pages: int,
                progress=None) -> dict[int, PageImage]:
    """Page number → its sharp and light JPEG in `site/images/`. `offset`: points from the
    media box's corner to the trim box's (bleed and slug), cut away with the marks."""
    folder = site / "images"
    folder.mkdir(exist_ok=True)
    scale = dpi / 72
    found = {}
    with tempfile.TemporaryDirectory() as temp:
        pngs = write_previews(pdf, Path(temp), dpi=dpi, pages=pages, progress=progress)
        for number, png in enumerate(pngs, 1):
            with Image.open(png) as image:
                margin = round(offset * scale)
                page = image.convert("RGB").crop((margin, margin, image.width - margin,
                                                  image.height - margin))
            sharp, light = f"images/page-{number}.jpg", f"images/page-{number}-small.jpg"
            page.save(site / sharp, quality=JPEG_QUALITY, optimize=True, progressive=True)
            thumb = page.resize((LIGHT_WIDTH, round(page.height * LIGHT_WIDTH / page.width)),
                                Image.Resampling.LANCZOS)
            thumb.save(site / light, quality=JPEG_QUALITY, optimize=True)
            found[number] = PageImage(sharp, light, page.size, thumb.size)
    return found


def site_photos(paths: list[Path], site: Path) -> dict[str, str]:
    """Each story photo as an sRGB JPEG at most PHOTO_WIDTH wide: source path → site path."""
    folder = site / "images" / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for n, path in enumerate(paths, 1):
        name = f"images/photos/{n}-{path.stem}.jpg"
        try:
            with Image.open(path) as image:
                photo = image.convert("RGB")
        except OSError as error:
            raise BroadsheetError(f"cannot read the photo ({error})", file=str(path),
                                  fix="replace it with a JPEG or PNG file") from None
        if photo.width > PHOTO_WIDTH:
            photo = photo.resize((PHOTO_WIDTH, round(photo.height * PHOTO_WIDTH / photo.width)),
                                 Image.Resampling.LANCZOS)
        photo.save(site / name, quality=JPEG_QUALITY, optimize=True, progressive=True)
        found[str(path)] = name
    return found
