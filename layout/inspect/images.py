"""Images in a PDF: what each is (size, depth, colour space, filters) and where it is placed,
and the findings of the image and ink checks — colour space, 16-bit samples, forbidden
compression, OPI, resolution at the placed size, total area coverage of CMYK images and colours.
"""
from __future__ import annotations

import math

import pikepdf

from .colour import icc_components, space_label, space_problem
from .content import colour_family, objnum, resolve_space
from .findings import Finding
from .painted import Placement, Seen

MM = 72 / 25.4                  # points per millimetre
INK_SAMPLE_PIXELS = 1_000_000   # images are box-averaged to about this many pixels for the ink
FORBIDDEN_X1A_FILTERS = ("/LZWDecode", "/JBIG2Decode", "/JPXDecode")


def stream_filters(stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return [str(v) for v in value]
    return [str(value)]


def image_label(placement: Placement, photos=()) -> str:
    a, b, c, d = placement.ctm[:4]
    width, height = math.hypot(a, b), math.hypot(c, d)
    for page, photo_width, photo_height, name in photos:    # the photo it was made from
        if page == placement.page and abs(width - photo_width) < 0.5 \
                and abs(height - photo_height) < 0.5:
            return name
    if placement.inline:
        return placement.name
    number = objnum(placement.image)
    return f"{placement.name} (obj {number})" if number is not None else placement.name


def image_info(placement: Placement):
    """Width, height, bits per component, colour space, filters, is-mask, SMask."""
    image = placement.image
    if placement.inline:
        obj = image.obj
        def get(*keys, default=None):
            return next((obj[k] for k in keys if k in obj), default)
        filters = get("/Filter", "/F")
        filters = ([str(f) for f in filters] if isinstance(filters, pikepdf.Array)
                   else [str(filters)] if filters is not None else [])
        filters = [{"/AHx": "/ASCIIHexDecode", "/A85": "/ASCII85Decode", "/LZW": "/LZWDecode",
                    "/Fl": "/FlateDecode", "/RL": "/RunLengthDecode", "/CCF": "/CCITTFaxDecode",
                    "/DCT": "/DCTDecode"}.get(f, f) for f in filters]
        return (int(get("/Width", "/W", default=0)), int(get("/Height", "/H", default=0)),
                int(get("/BitsPerComponent", "/BPC", default=8)),
                get("/ColorSpace", "/CS"), filters, bool(get("/ImageMask", "/IM", default=False)),
                None)
    return (int(image.get("/Width", 0)), int(image.get("/Height", 0)),
            int(image.get("/BitsPerComponent", 8)), image.get("/ColorSpace"), stream_filters(image),
            bool(image.get("/ImageMask", False)), image.get("/SMask"))


def placed_size(placement: Placement) -> tuple[float, float]:
    """The image's width and height on the page, in points (from the CTM at its `Do`)."""
    a, b, c, d = placement.ctm[:4]
    return math.hypot(a, b), math.hypot(c, d)


def resolution(placement: Placement) -> float | None:
    """The image's effective ppi at the size placed (the lower of its two directions); None
    for a stencil mask or an image placed at no size."""
    width, height, _, _, _, is_mask, _ = image_info(placement)
    placed_w, placed_h = placed_size(placement)
    if is_mask or not width or not height or placed_w < 1e-6 or placed_h < 1e-6:
        return None
    return min(width / (placed_w / 72), height / (placed_h / 72))


def image_findings(seen: Seen, standard: str, min_ppi: float) -> list[Finding]:
    """What each image is (judged once), and each image's lowest resolution on a page."""
    findings = []
    judged: set = set()
    lowest: dict = {}           # (image key, page) → (ppi, placement)
    for placement in seen.placements:
        if placement.key not in judged:
            judged.add(placement.key)
            findings += _image_problems(placement, seen, standard)
        ppi = resolution(placement)
        where = (placement.key, placement.page)
        if ppi is not None and (where not in lowest or ppi < lowest[where][0]):
            lowest[where] = (ppi, placement)
    for ppi, placement in lowest.values():
        if ppi < min_ppi:
            label = image_label(placement, seen.photos)
            width, height = image_info(placement)[:2]
            w_mm, h_mm = (v / MM for v in placed_size(placement))
            # the widest it may be placed at min_ppi, keeping its proportions on the page
            largest = min(width / min_ppi * 25.4, height / min_ppi * 25.4 * w_mm / h_mm)
            findings.append(Finding(
                "warning", "images", placement.page, label,
                f"image {label} is {ppi:.0f} ppi: {width} × {height} px placed "
                f"{w_mm:.1f} × {h_mm:.1f} mm (minimum {min_ppi:g} ppi): use a larger original "
                f"or place it at most {largest:.0f} mm wide"))
    return findings


def _image_problems(placement: Placement, seen: Seen, standard: str) -> list[Finding]:
    """An image's colour space, depth, compression, OPI and soft mask against the standard."""
    findings = []
    x1a = standard.startswith("PDF/X-1a")
    label = image_label(placement, seen.photos)
    _, _, bpc, space, filters, is_mask, smask = image_info(placement)
    page = placement.page

    def error(message: str) -> None:
        findings.append(Finding("error", "images", page, label, f"image {label} {message}"))

    if not is_mask and space is not None:
        resolved = resolve_space(space, placement.resources)
        problem = space_problem(resolved, placement.resources, standard)
        if problem:
            fix = ("convert it to CMYK with the output profile" if x1a
                   else "give it an ICC profile (ICCBased) or convert it to CMYK")
            error(f"is {space_label(resolved)} ({problem} is not allowed in {standard}): {fix}")
    if x1a and bpc == 16:
        error(f"has 16 bits per component (PDF 1.5; {standard} allows 8 at most): save it as "
              "8-bit")
    bad = [f for f in filters if f in FORBIDDEN_X1A_FILTERS]
    if x1a and bad:
        error(f"is compressed with {', '.join(b.lstrip('/') for b in bad)}, which {standard} "
              "forbids: recompress it with Flate or JPEG")
    if not placement.inline:
        for name in ("/OPI", "/Alternates"):
            if name in placement.image:
                error(f"has {name[1:]}, which PDF/X forbids: remove it")
        if x1a and (smask is not None or int(placement.image.get("/SMaskInData", 0))):
            seen.transparency[(page, label)] = (
                label, f"image {label} has a soft mask (SMask): flatten it onto its background")
    return findings


def tac(im, limit: float) -> tuple[float, float]:
    """A CMYK image's largest total area coverage in percent, and the share of its area
    over `limit` percent. Large images are box-averaged to about INK_SAMPLE_PIXELS first."""
    pixels = im.width * im.height
    if pixels > INK_SAMPLE_PIXELS:
        factor = math.ceil(math.sqrt(pixels / INK_SAMPLE_PIXELS))
        im = im.reduce(factor)
    threshold = limit * 255 / 100
    try:
        import numpy
    except ImportError:
        numpy = None
    if numpy is not None:
        total = numpy.asarray(im, dtype=numpy.uint16).sum(axis=2)
        return float(total.max()) * 100 / 255, float((total > threshold).mean())
    from PIL import ImageMath
    c, m, y, k = im.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                  c=c, m=m, y=y, k=k)
    highest = total.getextrema()[1]
    over = ImageMath.lambda_eval(lambda a: (a["t"] > threshold) * 255, t=total).convert("L")
    share = over.histogram()[255] / max(1, im.width * im.height)
    return highest * 100 / 255, share


def decoded_cmyk(placement: Placement):
    """The image as a Pillow CMYK image (Decode array applied), or None if it is not CMYK."""
    image = placement.image
    if placement.inline:
        pdf_image = image
    else:
        pdf_image = pikepdf.PdfImage(image)
    im = pdf_image.as_pil_image(apply_mask=False)
    if im.mode == "CMYK":
        return im
    if im.mode == "P":          # an Indexed image on a CMYK base
        try:
            return im.convert("CMYK") if pdf_image.palette[0] == "CMYK" else None
        except Exception:       # noqa: BLE001 — Pillow has no CMYK palettes everywhere
            return None
    return None


def ink_findings(seen: Seen, max_ink: float) -> list[Finding]:
    findings = []
    done: set = set()
    for placement in seen.placements:
        if placement.key in done:
            continue
        done.add(placement.key)
        _, _, _, space, _, is_mask, _ = image_info(placement)
        if is_mask or space is None:
            continue
        resolved = resolve_space(space, placement.resources)
        family = colour_family(resolved, placement.resources)
        base = resolved
        if family == "/Indexed" and isinstance(resolved, pikepdf.Array) and len(resolved) > 1:
            base = resolve_space(resolved[1], placement.resources)
        if not (colour_family(base) == "/DeviceCMYK"
                or (colour_family(base) == "/ICCBased" and icc_components(base) == 4)):
            continue
        label = image_label(placement, seen.photos)
        try:
            im = decoded_cmyk(placement)
        except Exception as error:      # noqa: BLE001 — an undecodable image is reported
            findings.append(Finding("warning", "ink", placement.page, label,
                                    f"image {label} could not be decoded to measure its ink "
                                    f"({type(error).__name__}: {error}); check it in Acrobat"))
            continue
        if im is None:
            continue
        highest, share = tac(im, max_ink)
        if highest > max_ink + 0.5:
            findings.append(Finding(
                "error", "ink", placement.page, label,
                f"image {label} reaches {highest:.0f}% total ink (C+M+Y+K; {share:.0%} of its "
                f"area over {max_ink:g}%): convert it with the printer's profile (GCR/ink limit "
                f"{max_ink:g}%)"))
    worst: dict = {}
    for (page, values), count in seen.cmyk_colours.items():
        total = sum(values) * 100
        if total > max_ink + 0.5 and (page not in worst or total > worst[page][0]):
            worst[page] = (total, values, count)
    for page, (total, values, _) in worst.items():
        colour = "C{:.0f} M{:.0f} Y{:.0f} K{:.0f}".format(*(v * 100 for v in values))
        findings.append(Finding(
            "error", "ink", page, colour,
            f"colour {colour} is {total:.0f}% total ink (limit {max_ink:g}%): use less "
            f"(rich black for newsprint: e.g. C40 M30 Y30 K100 at most)"))
    return findings
