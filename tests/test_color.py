"""Photos for the press: CMYK through the profile, total ink held to the style's limit."""
from pathlib import Path

import pytest
from PIL import Image

from layout.color import limit_ink, max_ink, to_print_cmyk
from layout.errors import BroadsheetError

PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
PHOTO = Path(__file__).resolve().parent / "data" / "eight-page" / "photos" / "rocket.jpg"


def test_rgb_photo_becomes_cmyk_within_the_ink_limit():
    with Image.open(PHOTO) as photo:
        cmyk = to_print_cmyk(photo, PROFILE, 240)
        assert cmyk.mode == "CMYK" and cmyk.size == photo.size
    assert max_ink(cmyk) <= 240


def test_rich_black_is_limited_and_keeps_its_black():
    black = limit_ink(Image.new("CMYK", (4, 4), (255, 255, 255, 255)), 240)   # 400 %
    c, m, y, k = black.getpixel((0, 0))
    assert k == 255                                   # full black stays: it carries the image
    assert c == m == y > 0                            # the colours give way, evenly
    assert (c + m + y + k) * 100 / 255 <= 240


def test_light_colours_are_left_alone():
    light = Image.new("CMYK", (2, 2), (50, 40, 30, 20))
    assert limit_ink(light, 240).tobytes() == light.tobytes()


def test_transparent_png_is_set_on_white_paper():
    clear = Image.new("RGBA", (2, 2), (255, 0, 0, 0))
    assert max_ink(to_print_cmyk(clear, PROFILE, 240)) < 5          # paper, not red ink


def test_missing_profile_names_the_package():
    with pytest.raises(BroadsheetError, match="apt-get install ghostscript"):
        to_print_cmyk(Image.new("RGB", (1, 1)), Path("/nonexistent.icc"), 240)


def test_the_ink_guard_counts_the_pixels_it_touches():
    from layout.color import limit_ink_counted
    image = Image.new("CMYK", (4, 4), (50, 40, 30, 20))              # 55 %: left alone
    image.putpixel((1, 1), (255, 255, 255, 255))                     # 400 %
    image.putpixel((2, 2), (200, 200, 0, 255))                       # 257 %
    limited, touched = limit_ink_counted(image, 240)
    assert touched == 2
    assert limit_ink_counted(limited, 240)[1] == 0                   # once is enough
    assert limit_ink_counted(image, 400) == (image, 0)
