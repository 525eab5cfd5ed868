"""What a PDF's pages paint, gathered for the preflight's checks to judge (`Seen`).

`PageWalker` is the content reader (`content.ContentReader`) of the preflight: it follows a
page into the forms and tiling patterns it draws, and notes the fonts that show text, the
colour spaces that paint (with the operator that set them), CMYK colours on the printed area,
small rich-black and knocked-out black text, every image at the size it is placed, and
transparency, transfer functions and PostScript.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import pikepdf

from .colour import SMALL_TEXT_PT, space_label, space_problem
from .content import (IDENTITY, MAX_DEPTH, ContentReader, GraphicsState, colour_family, floats, key,
                      multiply, resolve_space)
from .findings import Finding


PAINTS = {"Tj": "text", "TJ": "text", "'": "text", '"': "text", "sh": "shadings",
          "Do": "stencil masks", "BI": "stencil masks"}
RENDER_MODE_PAINTS = {0: "f", 1: "s", 2: "fs", 3: "", 4: "f", 5: "s", 6: "fs", 7: ""}


@dataclass
class Placement:
    """An image placed on a page: the image, its resource name and its CTM at the `Do`."""
    page: int
    name: str               # resource name, e.g. /Im0
    image: object           # pikepdf Stream (XObject) or PdfInlineImage
    key: tuple
    ctm: tuple
    resources: object
    inline: bool = False


@dataclass
class Seen:
    """What the interpretation of all pages found, for the checks to judge."""
    fonts: dict = field(default_factory=dict)       # key → [font dict, resource name, pages]
    placements: list = field(default_factory=list)
    # (page, space label, problem) → {"count", "set", "paint"}: forbidden colour painted
    colours: dict = field(default_factory=dict)
    cmyk_colours: dict = field(default_factory=lambda: defaultdict(int))  # (page, cmyk) → n
    rich_black: dict = field(default_factory=dict)  # page → [count, smallest size, colour]
    knockout_black: dict = field(default_factory=lambda: defaultdict(int))  # page → n
    transparency: dict = field(default_factory=dict)  # (page, what) → message
    other: list = field(default_factory=list)       # findings made on the way
    photos: tuple = ()      # (page, width pt, height pt, source file): the images' own names


def page_box(page_obj, name: str):
    """A page box as (x0, y0, x1, y1), lowest corner first, or None."""
    value = page_obj.get(name)
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    x0, y0, x1, y1 = floats(value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def overlaps(box, area) -> bool:
    return box[0] < area[2] and box[2] > area[0] and box[1] < area[3] and box[3] > area[1]


class PageWalker(ContentReader):
    """Interprets one page's content (and the forms and patterns it draws) into `seen`."""

    takes_glyphs = False        # what text paints is judged per show operator (`shown`)

    def __init__(self, seen: Seen, standard: str):
        super().__init__()
        self.seen = seen
        self.standard = standard
        self.forms_done: set = set()
        self.patterns_done: set = set()
        self.area = None            # the printed area: BleedBox, else TrimBox, else MediaBox

    def run_page(self, page, number: int) -> None:
        obj = page.obj
        self.page = number
        media = floats(page.mediabox)
        self.area = (page_box(obj, "/BleedBox") or page_box(obj, "/TrimBox")
                     or page_box(obj, "/ArtBox")
                     or (min(media[0], media[2]), min(media[1], media[3]),
                         max(media[0], media[2]), max(media[1], media[3])))
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            self.seen.transparency[(number, "page group")] = (
                "page", "the page has a transparency group (/Group /S /Transparency): "
                "flatten transparency before export")
        self.read_page(page, number)

    def unreadable(self, error: Exception) -> None:
        self.seen.other.append(Finding("error", "pdfx", self.page, "content stream",
                                       f"content stream cannot be parsed ({error})"))

    # -- painting

    def printed(self, box) -> bool:
        """Whether something painted within `box` (None: unknown) can print: it meets the
        printed area (marks in the slug do not count towards the ink limit)."""
        return box is None or self.area is None or overlaps(box, self.area)

    def paint(self, state: GraphicsState, resources, what: str, op: str, depth: int,
              box=None) -> None:
        printed = self.printed(box)
        if "f" in what:
            self.use_colour(state.fill_cs, resources, op, state, "f", depth, printed)
        if "s" in what:
            self.use_colour(state.stroke_cs, resources, op, state, "s", depth, printed)

    def shown(self, state: GraphicsState, op: str, resources, depth: int) -> None:
        font = state.font
        if font is not None:
            entry = self.seen.fonts.setdefault(key(font), [font, state.font_name, []])
            if self.page not in entry[2]:
                entry[2].append(self.page)
        paints = RENDER_MODE_PAINTS.get(state.render_mode, "f")
        trm = multiply(self.tm, state.ctm)
        size = abs(state.size) * math.hypot(trm[2], trm[3])
        if paints:
            self.paint(state, resources, paints, op, depth,
                       (trm[4], trm[5], trm[4] + size, trm[5] + size))
        fill_cs = state.fill_cs
        if "f" in paints and (fill_cs if type(fill_cs) is str
                              else colour_family(fill_cs, resources)) == "/DeviceCMYK":
            self.black_text(state, size)

    def black_text(self, state: GraphicsState, size: float) -> None:
        """Small text in rich black; black text that knocks out."""
        c, m, y, k = (tuple(state.fill) + (0.0, 0.0, 0.0, 0.0))[:4]
        if k > 0.001 and max(c, m, y) > 0.001 and size < SMALL_TEXT_PT:
            entry = self.seen.rich_black.setdefault(self.page, [0, size, (c, m, y, k)])
            entry[0] += 1
            if size < entry[1]:
                entry[1], entry[2] = size, (c, m, y, k)
        if k >= 0.999 and max(c, m, y) <= 0.001 and not (state.op_fill and state.opm == 1):
            self.seen.knockout_black[self.page] += 1

    def shading(self, shading, state: GraphicsState, resources, depth: int) -> None:
        self.use_colour(shading.get("/ColorSpace"), resources, "sh", state, "f")

    def use_colour(self, space, resources, op: str, state: GraphicsState, which: str,
                   depth: int = 0, printed: bool = True) -> None:
        """A colour space paints: judge it, and follow a pattern into its own content."""
        if space is None:
            return
        if type(space) is str:      # set by g/rg/k (or the initial state): a device space
            resolved = space_family = space
        else:
            resolved = resolve_space(space, resources)
            space_family = colour_family(resolved, resources)
        if space_family == "/Pattern":
            pattern_name = state.fill_pattern if which == "f" else state.stroke_pattern
            self.pattern(pattern_name, resolved, resources, state, op, which, depth)
            return
        if space_family == "/DeviceCMYK" or (space_family == "/DeviceGray"
                                             and type(resolved) is str):
            problem = None          # allowed by every standard: the common case, made quick
        else:
            problem = space_problem(resolved, resources, self.standard)
        if problem:
            entry = self.seen.colours.setdefault((self.page, space_label(resolved), problem),
                                                 {"count": 0, "set": set(), "paint": set()})
            entry["count"] += 1
            if op != "sh":
                entry["set"].add(state.fill_set if which == "f" else state.stroke_set)
            entry["paint"].add(PAINTS.get(op, "fills" if which == "f" else "strokes"))
        if space_family == "/DeviceCMYK" and op != "sh" and printed:
            values = state.fill if which == "f" else state.stroke
            if len(values) == 4:
                self.seen.cmyk_colours[(self.page, tuple(round(v, 4) for v in values))] += 1

    def pattern(self, name, space, resources, state: GraphicsState, op: str, which: str,
                depth: int) -> None:
        patterns = resources.get("/Pattern", {}) if resources is not None else {}
        pattern = patterns.get(name) if isinstance(patterns, pikepdf.Dictionary) and name else None
        if isinstance(space, pikepdf.Array) and len(space) > 1:      # uncoloured: [/Pattern base]
            base_state = state.copy()
            base_state.fill_cs = base_state.stroke_cs = space[1]
            self.use_colour(space[1], resources, op, base_state, which, depth)
        if pattern is None:
            return
        if int(pattern.get("/PatternType", 1)) == 2:                 # shading pattern
            shading = pattern.get("/Shading")
            if shading is not None:
                self.use_colour(shading.get("/ColorSpace"), resources, op, state, which, depth)
            return
        if key(pattern) in self.patterns_done or depth >= MAX_DEPTH:
            return
        self.patterns_done.add(key(pattern))
        matrix = floats(pattern.get("/Matrix", [1, 0, 0, 1, 0, 0]))
        inner = GraphicsState(ctm=matrix if len(matrix) == 6 else IDENTITY)
        self.read_stream(pattern, resources, inner, depth + 1)

    # -- graphics state, forms, images

    def graphics_state(self, name, gs) -> None:
        where = f"ExtGState {name}"
        smask = gs.get("/SMask")
        if smask is not None and smask != pikepdf.Name.None_:
            self.seen.transparency[(self.page, where)] = (where, f"{where} sets a soft mask")
        for name_key in ("/CA", "/ca"):
            if name_key in gs and float(gs[name_key]) < 1:
                self.seen.transparency[(self.page, where)] = (
                    where, f"{where} sets {name_key[1:]} {float(gs[name_key]):g} "
                           "(opacity below 1)")
        blend = gs.get("/BM")
        if isinstance(blend, pikepdf.Array):
            blend = blend[0] if len(blend) else None
        if blend is not None and str(blend) not in ("/Normal", "/Compatible"):
            self.seen.transparency[(self.page, where)] = (where, f"{where} sets blend mode {blend}")
        for name_key in ("/TR", "/TR2"):
            finding = Finding("error", "pdfx", self.page, where,
                              f"{where} sets a transfer function ({name_key[1:]}), which PDF/X "
                              "forbids: remove it (set the tone curve in the image instead)")
            if name_key in gs and gs[name_key] != pikepdf.Name.Default \
                    and finding not in self.seen.other:
                self.seen.other.append(finding)

    def enter_form(self, name, form, state: GraphicsState, depth: int) -> bool:
        done = (key(form), state.ctm)
        if depth >= MAX_DEPTH or done in self.forms_done:
            return False
        self.forms_done.add(done)
        group = form.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            self.seen.transparency[(self.page, f"form {name}")] = (
                str(name), f"form XObject {name} is a transparency group")
        return True

    def postscript(self, name) -> None:
        self.seen.other.append(Finding(
            "error", "pdfx", self.page, str(name),
            f"PostScript XObject {name}: PDF/X forbids PostScript; remove it"))

    def image(self, name, image, state: GraphicsState, resources, depth: int,
              inline: bool = False) -> None:
        if inline:
            index = sum(p.inline and p.page == self.page for p in self.seen.placements) + 1
            self.seen.placements.append(Placement(self.page, f"inline image {index}", image,
                                                  ("inline", self.page, index), state.ctm,
                                                  resources, inline=True))
            if getattr(image, "image_mask", False):
                self.paint(state, resources, "f", "BI", 0)
            return
        self.seen.placements.append(Placement(self.page, str(name), image, key(image),
                                              state.ctm, resources))
        if image.get("/ImageMask", False):          # a stencil paints the fill colour
            self.paint(state, resources, "f", "Do", depth)
