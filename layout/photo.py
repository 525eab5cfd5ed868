"""Reading a photo file, as every stage that needs one does: upright (its EXIF orientation
applied, as a phone or camera means it to be seen), within the style's pixel limit, and every
way the file can be unreadable — damaged, cut short, not an image, a decompression bomb — one
`BroadsheetError` naming the photo."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from .errors import BroadsheetError
from .session import memoised

# EXIF orientations that turn the picture a quarter: its width and height trade places.
QUARTER_TURNS = (5, 6, 7, 8)
EXIF_ORIENTATION = 0x0112

# Part of the cache keys of work done on photos: the way they are read (turned upright).
READING = "exif-oriented"


def _file_identity(path: Path) -> tuple:
    """The file as the memory of photo sizes tells it apart: its path, size and time of
    change (a photo replaced under `serve` is read again); a missing file, its path only."""
    try:
        info = Path(path).stat()
    except OSError:
        return (str(path),)
    return str(path), info.st_size, info.st_mtime_ns


@memoised("photo sizes", key=lambda path, max_megapixels: (_file_identity(path),
                                                            max_megapixels))
def photo_size(path: Path, max_megapixels: float) -> tuple[int, int]:
    """Width and height in pixels of the photo as it is seen (upright), read from its header
    (remembered in the session: the make-up lays a story out at many trial sizes)."""
    with _opened(path, max_megapixels) as image:
        width, height = image.size
        if image.getexif().get(EXIF_ORIENTATION) in QUARTER_TURNS:
            return height, width
        return width, height


def read_photo(path: Path, max_megapixels: float) -> Image.Image:
    """The photo's pixels, decoded whole and turned upright."""
    with _opened(path, max_megapixels) as image:
        try:
            image.load()
            return ImageOps.exif_transpose(image)
        except (OSError, SyntaxError, ValueError) as error:
            raise _damaged(path, error) from None


class _opened:
    """`Image.open` of the photo, its size checked against the limit before any decoding."""

    def __init__(self, path: Path, max_megapixels: float):
        self.path, self.limit = Path(path), max_megapixels

    def __enter__(self) -> Image.Image:
        try:
            with warnings.catch_warnings():     # the style's limit below stands for Pillow's
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                self.image = Image.open(self.path)
        except Image.DecompressionBombError as error:
            pixels = re.search(r"\((\d+) pixels\)", str(error))
            raise _too_large(self.path, f"{int(pixels[1]) / 1e6:g} megapixels" if pixels
                             else "more pixels than Pillow will decode", self.limit) from None
        except FileNotFoundError:
            raise BroadsheetError("the photo file is missing", file=str(self.path),
                                  fix="put the photo back, or correct its path in the article"
                                  ) from None
        except (OSError, SyntaxError, ValueError) as error:
            raise _damaged(self.path, error) from None
        width, height = self.image.size
        if width * height > self.limit * 1e6:
            self.image.close()
            raise _too_large(self.path, f"{width} × {height} pixels "
                             f"({width * height / 1e6:.1f} megapixels)", self.limit)
        return self.image

    def __exit__(self, *exc) -> None:
        self.image.close()


def _too_large(path: Path, size: str, limit: float) -> BroadsheetError:
    return BroadsheetError(
        f"the photo has {size}, more than the style's limit (print.max_megapixels) of "
        f"{limit:g} megapixels", file=str(path),
        fix=f"scale the photo down to at most {limit:g} megapixels (a full broadsheet page at "
            "200 ppi needs about 12), or raise max_megapixels in the style's [print] table")


def _damaged(path: Path, error: Exception) -> BroadsheetError:
    return BroadsheetError(f"cannot read the photo: {error}", file=str(path),
                           fix="the file is damaged or cut short, or not a JPEG/PNG/TIFF: "
                               "export or copy the photo again")
