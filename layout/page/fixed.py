"""Modules that hold no story — ads and picture modules (图片新闻) — composed in their places.

They are fixed: the editor places them and nothing flows into them, so to the make-up engine
they are obstacles. Each gives display items, a row of the fit table (a `StoryFit` whose
`article` is the file or "图片新闻") and, for ads, the findings of their preflight.

A fixed module under another module leaves its first grid line to the rule between them, as a
story does; its slot is the rest, down to the last grid line's type (photos end there too).
"""
from __future__ import annotations

from .. import display as dl
from ..errors import BroadsheetError
from ..fonts import FontBook
from ..model import Ad, Issue, Page, PictureModule, Placement
from ..photo import photo_size
from ..style import Style
from ..text.headline import set_headline, set_ragged
from ..inspect.findings import Finding
from .ads import ad_items
from .furniture import digest
from .grid import baseline, fill_crop, text_line, title_baselines


def slot(style: Style, place: Placement, rule_above: bool) -> tuple[float, float, float, float]:
    """The rectangle a fixed module fills: x, y, width, height in points."""
    first = place.line + (1 if rule_above else 0)
    top = style.line_y(first)
    bottom = style.line_y(place.line + place.lines) - (style.line_pitch - style.body_size)
    return style.column_x(place.column), top, style.span_width(place.columns), bottom - top


def ear_slot(style: Style) -> tuple[float, float, float, float]:
    """The 报眼 beside the masthead: the style's masthead_index_columns, the masthead's height
    above its closing rules."""
    first, last = style.furniture.masthead_index_columns
    top = style.line_y(1)
    bottom = style.line_y(style.masthead_lines) - style.line_pitch / 2
    return (style.column_x(first), top,
            style.column_x(last) + style.span_width(1) - style.column_x(first), bottom - top)


def ear_ad(issue: Issue) -> Ad | None:
    """The ad the editor put in the 报眼 (page 1), if any."""
    if not issue.pages:
        return None
    return next((f for f in issue.pages[0].fixed if isinstance(f, Ad) and f.place is None), None)


def check_fixed(issue: Issue, page: Page, style: Style, first_line: int) -> None:
    """Every fixed module inside the type area, below the masthead, overlapping nothing."""
    file = str(issue.source / "issue.toml")
    placed = [(m.place, f"the module of {m.article.source.name}") for m in page.modules
              if m.place is not None]
    for fixed in page.fixed:
        if fixed.place is None:
            if page.number != 1:
                raise BroadsheetError("a 报眼 ad only goes on page 1, beside the masthead",
                                      file=file, field=f"{fixed.field}.size",
                                      fix="move it to page 1 or give it another size")
            continue
        p, where = fixed.place, f"{fixed.field}.place"
        if p.column + p.columns - 1 > style.columns or p.line + p.lines - 1 > style.lines:
            raise BroadsheetError(
                f"columns {p.column}–{p.column + p.columns - 1}, lines {p.line}–"
                f"{p.line + p.lines - 1} leave the type area ({style.columns} columns × "
                f"{style.lines} lines)", file=file, field=where, fix="move or shrink it")
        if p.line < first_line:
            raise BroadsheetError(f"line {p.line} overlaps the masthead (lines 1–"
                                  f"{first_line - 1})", file=file, field=where,
                                  fix=f"start at line {first_line} or below")
        for other, name in placed:
            if overlap(p, other):
                raise BroadsheetError(f"overlaps {name}", file=file, field=where,
                                      fix="move or shrink one of them")
        placed.append((p, f"the module at {fixed.field}"))


def overlap(a: Placement, b: Placement) -> bool:
    return (a.column < b.column + b.columns and b.column < a.column + a.columns
            and a.line < b.line + b.lines and b.line < a.line + a.lines)


def compose_fixed(page: Page, style: Style, book: FontBook, rule_above) -> tuple:
    """Items, fit-table rows and ad findings of the page's fixed modules (the 报眼 ad is the
    masthead's: `masthead_ear`). `rule_above(place)`: is a module set right above it?"""
    from .compose import StoryFit
    items, fits, findings = [], [], []
    for fixed in page.fixed:
        if fixed.place is None:
            continue
        frame = slot(style, fixed.place, rule_above(fixed.place))
        place = fixed.place                     # the fit table's frame: the whole module
        whole = (style.column_x(place.column), style.line_y(place.line),
                 style.span_width(place.columns), place.lines * style.line_pitch)
        if isinstance(fixed, Ad):
            ad, found = ad_items(fixed, frame, page.number, style)
            items += ad
            findings += found
            fits.append(StoryFit(page.number, fixed.path.name, f"广告 {fixed.size}".strip(),
                                 fixed.place.lines, fixed.place.lines, frame=whole))
        else:
            set_items, used, overset = picture_module(fixed, frame, style, book)
            items += set_items
            fits.append(StoryFit(page.number, "图片新闻", fixed.title or fixed.caption[:10],
                                 used, fixed.place.lines, overset, frame=whole))
    return items, fits, findings


def masthead_ear(issue: Issue, style: Style, book: FontBook) -> tuple[list, list]:
    """The 报眼 ad's items and findings; without an ad, no items (the masthead sets the 导读
    box) and a finding if some of its entries do not fit."""
    ad = ear_ad(issue)
    if ad is not None:
        return ad_items(ad, ear_slot(style), 1, style)
    *_, left_out = digest(issue, style, book)
    if not left_out:
        return [], []
    return [], [Finding("warning", "digest", 1, "导读",
                        f"{len(left_out)} entr{'y' if len(left_out) == 1 else 'ies'} do not fit "
                        f"the 导读 box, even at 8 pt: {'、'.join(left_out)} — choose fewer "
                        "or shorter ones with [[pages.digest]] (article, text) on page 1")]


def picture_module(module: PictureModule, frame, style: Style, book: FontBook):
    """Title, photos in rows of their grid sizes, one caption block with the credit under them.
    Returns the items, the grid lines used and the caption text that did not fit."""
    x0, y0, width, _ = frame
    pitch = style.line_pitch
    line = round((y0 - style.top) / pitch) + 1          # the slot's first grid line
    last = module.place.line + module.place.lines - 1
    items: list = []
    if module.title:
        spec = style.type["deck"]
        inset = style.composition.headline_inset_chars * style.body_size
        share = style.composition.picture_title_min_share
        lines, size = set_headline(module.title, width=width - 2 * inset,
                                   size=spec.size, min_size=spec.min_size or spec.size * share,
                                   role=style.type["headline"].role, book=book,
                                   settings=style.text)
        baselines, taken = title_baselines(style, line, len(lines), size)
        for set_line, y in zip(lines, baselines):
            items.append(text_line(set_line, x0 + (width - set_line.width) / 2, y, "headline"))
        line += taken
    column, row_top, row_lines = module.place.column, line, 0
    for picture in module.pictures:
        if column + picture.columns > module.place.column + module.place.columns:
            column, row_top, row_lines = module.place.column, row_top + row_lines + 1, 0
        x, y = style.column_x(column), style.line_y(row_top)
        w = style.span_width(picture.columns)
        h = picture.lines * pitch - (pitch - style.body_size)
        pixel_w, pixel_h = photo_size(picture.path, style.print.max_megapixels)
        items.append(dl.Image(picture.path, x, y, w, h,
                              fill_crop(pixel_w, pixel_h, w, h, picture.focus)))
        column += picture.columns
        row_lines = max(row_lines, picture.lines)
    line = row_top + row_lines
    if line > last:
        raise BroadsheetError(f"the photos take {line - module.place.line} grid lines, the "
                              f"module has {module.place.lines}", field=f"{module.field}.place",
                              fix="make the module taller or the photos smaller (lines)")
    spec = style.type["caption"]
    text = f"{module.caption}　{module.credit}".strip("　")
    caption = set_ragged(text, width=width, size=spec.size, role=spec.role, book=book,
                         settings=style.text)
    room = last - line + 1
    for set_line in caption[:room]:
        items.append(text_line(set_line, x0, baseline(style, line, 1, spec.size), "caption"))
        line += 1
    overset = "".join(set_line.text for set_line in caption[room:])
    return items, line - module.place.line, overset
