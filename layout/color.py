"""Photos made ready for the press: CMYK through an ICC profile, total ink held to a limit."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

from .errors import BroadsheetError


def require_profile(profile: Path, package: str) -> None:
    """The press's CMYK profile must be there: photos are converted with it, and the PDF/X
    output intent embeds it."""
    if not profile.is_file():
        raise BroadsheetError(f"the CMYK profile {profile} is not installed", field="print.profile",
                              fix=f"apt-get install {package}, or set print.profile in the style "
                                  "to the plant's ICC profile")


def to_print_cmyk(image: Image.Image, profile: Path, max_ink: float,
                  package: str = "ghostscript") -> Image.Image:
    """`image` as CMYK for `profile`, no pixel over `max_ink` percent of total ink.

    RGB (and grey, palette, alpha flattened on white paper) is converted from sRGB with
    perceptual intent. Where C+M+Y+K exceeds the limit the three colours are scaled down and
    black kept, as the plant's own ink limiting does (newsprint smears above ~240 %).
    """
    require_profile(profile, package)
    from PIL import ImageCms
    if image.mode != "CMYK":
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
            image = Image.alpha_composite(paper, image)
        image = ImageCms.profileToProfile(
            image.convert("RGB"), ImageCms.createProfile("sRGB"), str(profile),
            renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="CMYK")
    return limit_ink(image, max_ink)


def limit_ink(image: Image.Image, max_ink: float) -> Image.Image:
    """Scale C, M and Y down where a pixel's total ink exceeds `max_ink` percent."""
    import numpy as np      # here, not at the top: a render whose photos are cached skips it
    pixels = np.asarray(image, dtype=np.float64) / 255.0          # h × w × 4, 0..1
    limit = max_ink / 100.0
    total = pixels.sum(axis=2)
    over = total > limit
    if not over.any():
        return image
    colour = pixels[..., :3].sum(axis=2)
    room = np.clip(limit - pixels[..., 3], 0.0, None)
    factor = np.where(over & (colour > 0), np.minimum(1.0, room / np.maximum(colour, 1e-9)), 1.0)
    pixels[..., :3] *= factor[..., None]
    pixels[..., 3] = np.minimum(pixels[..., 3], limit)      # a limit under 100 % caps black too
    return Image.fromarray(np.floor(pixels * 255).astype(np.uint8), mode="CMYK")


def max_ink(image: Image.Image) -> float:
    """The highest total ink of any pixel of a CMYK image, in percent."""
    import numpy as np
    return float((np.asarray(image, dtype=np.float64).sum(axis=2) / 255.0).max() * 100)
