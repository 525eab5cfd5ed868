"""Photos read upright (EXIF orientation) by every stage: composition, PDF, previews."""
from pathlib import Path

from PIL import Image

from layout.backends.pdf import _press_ready_photo
from layout.photo import photo_size, read_photo
from layout.style import PrintSettings


def _phone_photo(path: Path) -> Path:
    """A 400 × 200 sensor image, red on its left half, that a phone held upright tags
    orientation 6: seen upright it is 200 × 400, red at the top."""
    image = Image.new("RGB", (400, 200), (255, 255, 255))
    image.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(path, exif=exif, quality=95)
    return path


def test_exif_orientation_is_applied(tmp_path):
    photo = _phone_photo(tmp_path / "phone.jpg")
    assert photo_size(photo, 60) == (200, 400)
    upright = read_photo(photo, 60)
    assert upright.size == (200, 400)
    assert upright.getpixel((100, 50))[1] < 50              # red at the top …
    assert upright.getpixel((100, 350)) [1] > 200           # … white below


def test_the_press_ready_photo_is_upright(tmp_path):
    photo = _phone_photo(tmp_path / "phone.jpg")
    cmyk, _ = _press_ready_photo(photo, PrintSettings())     # (and the ink guard's count)
    assert cmyk.size == (200, 400)
    assert cmyk.getpixel((100, 50))[1] > 200                # magenta ink at the top
    assert cmyk.getpixel((100, 350))[1] < 20
