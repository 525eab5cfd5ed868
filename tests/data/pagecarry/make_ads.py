"""Make the test issue's advertisements and logo, and the bad ads the tests feed in.

    .venv/bin/python tests/data/pagecarry/make_ads.py

Good files are what a print-ready advertiser sends: CMYK only, fonts embedded (LXGW WenKai,
SIL OFL, from the fonts-lxgw-wenkai package, subset by ReportLab), the trim size of the
slot. The photo in the 通栏 ad is a downscaled CMYK copy of
tests/data/realnews/photos/tea-plantation-munnar.jpg (CC0, see that folder's SOURCES.md).
The advertisers are invented. The slot sizes come from the style (`jinzhong`) through the
same functions the page composer uses, so the ads fit exactly.

Bad files, each with one problem — RGB colour, the wrong size, a font not embedded,
transparency, a spot colour, a broken file, a password, an RGB image ad — are made by the tests
(`bad_ads(folder)`), not kept.
"""
from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from PIL import Image
from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from layout.color import to_print_cmyk
from layout.model import Placement
from layout.page.fixed import ear_slot, slot
from layout.style import load_style

HERE = Path(__file__).resolve().parent
PHOTO = HERE.parent / "realnews" / "photos" / "tea-plantation-munnar.jpg"
FONT_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")
CMYK = {"green": (0.75, 0.1, 0.9, 0.2), "paper": (0.02, 0.04, 0.12, 0.0),
        "black": (0, 0, 0, 1), "red": (0, 0.95, 0.9, 0.05)}


def overprint_black(pdf: canvas.Canvas) -> None:
    """Black overprints, as a print-ready file has it (no white halo if plates shift)."""
    pdf.setFillOverprint(True)
    pdf.setStrokeOverprint(True)
    pdf.setOverprintMask(True)


def fonts() -> None:
    for name, file in (("Kai", "LXGWWenKai-Regular.ttf"), ("KaiBold", "LXGWWenKai-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))


def cmyk_photo(width_px: int) -> ImageReader:
    """The tea-plantation photo as a CMYK JPEG `width_px` wide, converted with the press
    profile and ink-limited 15 % under the style's limit (JPEG's rounding adds a little)."""
    press = load_style("jinzhong").print
    with Image.open(PHOTO) as image:
        image.thumbnail((width_px, width_px))
        data = io.BytesIO()
        to_print_cmyk(image, press.profile, press.max_ink - 15).save(data, "JPEG", quality=75)
    data.seek(0)
    return ImageReader(data)


def tonglan(path: Path, width: float, height: float, *, rgb: bool = False,
            font: str = "KaiBold", alpha: bool = False, photo_px: int = 1300,
            spot: bool = False) -> None:
    """A 通栏 ad: photo left (`photo_px` wide: 1300 is 187 ppi), tinted panel, headline and
    details as vector text."""
    pdf = canvas.Canvas(str(path), pagesize=(width, height), invariant=1,
                        initialFontName="Kai" if font != "Helvetica" else font,
                        enforceColorSpace=None if rgb or spot or font == "Helvetica" else "cmyk")
    fill = (lambda c: pdf.setFillColorRGB(0.1, 0.5, 0.2)) if rgb else \
        (lambda c: pdf.setFillColorCMYK(*CMYK[c]))
    fill("paper")
    pdf.rect(0, 0, width, height, stroke=0, fill=1)
    photo_w = height * 1.5
    pdf.drawImage(cmyk_photo(photo_px), 0, 0, photo_w, height)
    if alpha:
        pdf.setFillAlpha(0.5)
    fill("green")
    if spot:                        # the panel in a Pantone-like spot ink
        pdf.setFillColor(CMYKColorSep(0.75, 0.1, 0.9, 0.2, spotName="SPOT GREEN 354"))
    pdf.rect(photo_w, height - 70, width - photo_w, 70, stroke=0, fill=1)
    pdf.setFillAlpha(1)
    pdf.setFillColorCMYK(0, 0, 0, 0)
    pdf.setFont(font, 40)
    pdf.drawString(photo_w + 30, height - 50, "示例茶园 · 春茶上市" if font != "Helvetica"
                   else "Sample Tea Garden")
    pdf.setFillColorCMYK(*CMYK["black"])
    overprint_black(pdf)
    pdf.setFont("Kai" if font != "Helvetica" else font, 22)
    lines = ("明前新茶，产地直供，即日起预订" if font != "Helvetica" else "Spring tea",
             "订购电话：0354-0000000（示例）", "地址：晋中市示例路1号")
    for n, text in enumerate(lines):
        pdf.drawString(photo_w + 30, height - 120 - n * 40, text)
    pdf.setStrokeColorCMYK(*CMYK["green"])
    pdf.setLineWidth(2)
    pdf.rect(1, 1, width - 2, height - 2, stroke=1, fill=0)
    pdf.setFont("Kai" if font != "Helvetica" else font, 10)
    pdf.setFillColorCMYK(*CMYK["black"])
    pdf.drawRightString(width - 10, 10, "广告")
    pdf.save()


def ear(path: Path, width: float, height: float) -> None:
    """A 报眼 ad: a framed notice, all vector, two inks."""
    pdf = canvas.Canvas(str(path), pagesize=(width, height), invariant=1,
                        initialFontName="Kai", enforceColorSpace="cmyk")
    pdf.setStrokeColorCMYK(*CMYK["red"])
    pdf.setLineWidth(3)
    pdf.rect(4, 4, width - 8, height - 8, stroke=1, fill=0)
    pdf.setFillColorCMYK(*CMYK["red"])
    pdf.setFont("KaiBold", 34)
    pdf.drawCentredString(width / 2, height - 60, "示例书城")
    pdf.setFillColorCMYK(*CMYK["black"])
    overprint_black(pdf)
    pdf.setFont("Kai", 18)
    for n, text in enumerate(("读书月 · 新书上架", "全场图书九折（示例）", "晋中市示例街8号")):
        pdf.drawCentredString(width / 2, height - 100 - n * 28, text)
    pdf.setFont("Kai", 9)
    pdf.drawRightString(width - 10, 10, "广告")
    pdf.save()


def logo(path: Path, name: str) -> None:
    """The paper's name as a logo: vector text in LXGW WenKai Bold, K 100, trimmed to it."""
    size = 120
    width = pdfmetrics.stringWidth(name, "KaiBold", size) + 8
    height = size * 1.12
    pdf = canvas.Canvas(str(path), pagesize=(width, height), invariant=1,
                        initialFontName="KaiBold", enforceColorSpace="cmyk")
    pdf.setFillColorCMYK(0, 0, 0, 1)
    overprint_black(pdf)
    pdf.setFont("KaiBold", size)
    pdf.drawString(4, size * 0.2, name)
    pdf.save()


def tonglan_size() -> tuple[float, float]:
    """The 通栏 slot of the test issue (8 columns × 26 lines under another module)."""
    _, _, width, height = slot(load_style("jinzhong"), Placement(1, 8, 81, 26), rule_above=True)
    return width, height


def bad_ads(folder: Path) -> dict[str, Path]:
    """One bad ad per problem, in `folder`: name → file."""
    fonts()
    width, height = tonglan_size()
    files = {name: folder / name for name in (
        "rgb.pdf", "wrong-size.pdf", "no-font.pdf", "transparent.pdf", "broken.pdf",
        "password.pdf", "rgb-image.jpg", "spot.pdf")}
    tonglan(files["spot.pdf"], width, height, spot=True)
    tonglan(files["rgb.pdf"], width, height, rgb=True)
    tonglan(files["wrong-size.pdf"], width * 0.6, height * 0.6)
    tonglan(files["no-font.pdf"], width, height, font="Helvetica")
    tonglan(files["transparent.pdf"], width, height, alpha=True)
    good = HERE / "ads" / "tonglan.pdf"
    files["broken.pdf"].write_bytes(good.read_bytes()[:400] + b"\n%%EOF the transfer broke\n")
    with pikepdf.open(good) as pdf:
        pdf.save(files["password.pdf"], encryption=pikepdf.Encryption(user="secret",
                                                                      owner="secret"))
    with Image.open(PHOTO) as image:            # an RGB image ad, 200 ppi at the slot's size
        image = image.convert("RGB").resize((round(width / 72 * 200),
                                             round(height / 72 * 200)))
        image.save(files["rgb-image.jpg"], quality=60, dpi=(200, 200))
    return files


def main() -> None:
    fonts()
    width, height = tonglan_size()
    tonglan(HERE / "ads" / "tonglan.pdf", width, height)
    _, _, ear_w, ear_h = ear_slot(load_style("jinzhong"))
    ear(HERE / "ads" / "ear.pdf", ear_w, ear_h)
    logo(HERE / "logo.pdf", "晋中日报")


if __name__ == "__main__":
    main()
