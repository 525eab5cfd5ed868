"""Photos made ready for the press: CMYK through an ICC profile, total ink held to a limit."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

from .errors import BroadsheetError
from .session import memoised


def require_profile(profile: Path, package: str) -> None:
    """The press's CMYK profile must be there, and be one: photos are converted with it, and
    the PDF/X output intent embeds it."""
    if not profile.is_file():
        get = (f"apt-get install {package}" if package else
               "restore it from the repository (or rebuild it: sh scripts/make-newsprint-profile.sh)")
        raise BroadsheetError(f"the CMYK profile {profile} is not installed", field="print.profile",
                              fix=f"{get}, or set print.profile in the style to the plant's ICC "
                                  "profile")
    if problem := output_profile_problem(profile):
        raise BroadsheetError(f"{profile} is not a CMYK output ICC profile ({problem})",
                              field="print.profile",
                              fix="set print.profile in the style to the plant's CMYK printing "
                                  "profile (an .icc file)")


def output_profile_problem(profile: Path) -> str | None:
    """Why `profile` cannot be a PDF/X output intent, or None: it must be an ICC profile
    (LittleCMS opens it) of the output (printer) class in CMYK."""
    from PIL import ImageCms
    try:
        opened = ImageCms.getOpenProfile(str(profile)).profile
    except (ImageCms.PyCMSError, OSError) as error:
        return f"LittleCMS cannot read it as ICC: {error}"
    if opened.xcolor_space.strip() != "CMYK":
        return f"its colour space is {opened.xcolor_space.strip()}, not CMYK"
    if opened.device_class != "prtr":
        return f"its class is {opened.device_class!r}, not an output (printer) profile"
    return None


def to_print_cmyk(image: Image.Image, profile: Path, max_ink: float,
                  package: str = "ghostscript") -> Image.Image:
    """`image` as CMYK for `profile`, no pixel over `max_ink` percent of total ink."""
    return separate(image, profile, max_ink, package)[0]


def separate(image: Image.Image, profile: Path, max_ink: float,
             package: str = "ghostscript") -> tuple[Image.Image, int]:
    """`image` separated into CMYK by `profile`, and how many pixels the ink guard touched.

    RGB (and grey, palette, alpha flattened on white paper) is converted from sRGB with
    perceptual intent. The separation itself should hold the total ink (the newsprint
    profile is built with a 240 % limit); a pixel still over `max_ink` — a profile made for
    another paper, or the tables' interpolation — has its three colours scaled down and its
    black kept, as the plant's own ink limiting does, and is counted.
    """
    require_profile(profile, package)
    from PIL import ImageCms
    if image.mode != "CMYK":
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
            image = Image.alpha_composite(paper, image)
        image = ImageCms.applyTransform(image.convert("RGB"), _from_srgb(profile))
    return limit_ink_counted(image, max_ink)


@memoised("colour transforms", memory=4)
def _from_srgb(profile: Path):
    """The sRGB → `profile` CMYK transform, perceptual: built once, used for every photo."""
    from PIL import ImageCms
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), str(profile), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.PERCEPTUAL)


def limit_ink(image: Image.Image, max_ink: float) -> Image.Image:
    """Scale C, M and Y down where a pixel's total ink exceeds `max_ink` percent."""
    return limit_ink_counted(image, max_ink)[0]


def limit_ink_counted(image: Image.Image, max_ink: float) -> tuple[Image.Image, int]:
    """`limit_ink`, and the number of pixels it changed.

    With Pillow's band arithmetic (ImageMath, in C, 32-bit floats): NumPy would take a tenth
    of a second to load in a render that converts a photo, and three times as long to run.
    """
    from PIL import ImageMath
    limit = max_ink / 100 * 255
    c, m, y, k = image.split()
    # The share of C, M and Y a pixel keeps: 1 wherever its total is within the limit.
    factor = ImageMath.lambda_eval(
        lambda a: a["min"](a["max"](a["limit"] - a["k"], 0.0)
                           / a["max"](a["float"](a["c"] + a["m"] + a["y"]), 1e-9), 1.0),
        c=c, m=m, y=y, k=k, limit=limit)
    if factor.getextrema()[0] >= 1.0 and k.getextrema()[1] <= limit:
        return image, 0
    touched = ImageMath.lambda_eval(lambda a: a["max"](a["f"] < 1.0, a["k"] > a["limit"]),
                                    f=factor, k=k, limit=limit).convert("L")
    count = image.width * image.height - touched.histogram()[0]     # pixels not left alone
    colours = [ImageMath.lambda_eval(lambda a: a["int"](a["band"] * a["factor"]),   # rounded down
                                     band=band, factor=factor).convert("L") for band in (c, m, y)]
    # A limit under 100 % caps black too.
    black = ImageMath.lambda_eval(lambda a: a["min"](a["k"], a["limit"]), k=k, limit=int(limit))
    return Image.merge("CMYK", (*colours, black.convert("L"))), count


def max_ink(image: Image.Image) -> float:
    """The highest total ink of any pixel of a CMYK image, in percent."""
    import numpy as np
    return float((np.asarray(image, dtype=np.float64).sum(axis=2) / 255.0).max() * 100)
