"""The e-paper (数字报) as plain data: pages, hot areas, articles — what `issue.json` holds and
the HTML pages are written from.

Everything comes from the composition, never from looking at the page images: each story
part's regions (headline block, column pieces, photos) become one hot area whose outline
follows them, and each article's text is checked against the lines actually set on the page.
"""
from __future__ import annotations

from dataclasses import dataclass

from shapely import box, unary_union
from shapely.geometry import MultiPolygon

from ..calendar import date_line
from ..model import Issue
from ..page.compose import StoryFit
from .articles import HEADLINE_ROLES, article_data, article_id, story_text

FORMAT = "broadsheet-epaper/1"     # issue.json's format; a change that breaks readers bumps it


@dataclass(frozen=True)
class PageImage:
    """A page as pictures: the sharp one for reading, the light one for the page list."""
    sharp: str                  # path relative to the site
    light: str
    pixels: tuple[int, int]     # the sharp image's width, height
    light_pixels: tuple[int, int]


def issue_data(issue: Issue, fits: list[StoryFit], style, images: dict[int, PageImage],
               photos: dict[str, str], neighbours: dict, pdf_name: str) -> dict:
    """issue.json: the issue, its pages with their hot areas, its articles with their text.

    `images`: page number → its pictures; `photos`: a photo's source path → its file in the
    site; `neighbours`: "previous"/"next" → {number, date, href} of issues beside this one."""
    day = date_line(issue.date)
    starts = issue.story_starts()
    ids = [article_id(module) for module in starts]
    parts = {name: [fit for fit in fits if fit.article == module.article.source.name]
             for name, module in zip(ids, starts)}
    articles = [article_data(module, parts[name], photos)
                for name, module in zip(ids, starts)]
    for n, article in enumerate(articles):
        article["previous"] = ids[n - 1] if n > 0 else None
        article["next"] = ids[n + 1] if n + 1 < len(ids) else None
    by_file = {module.article.source.name: name for name, module in zip(ids, starts)}
    pages = []
    for page in issue.pages:
        image = images[page.number]
        areas = [_area(fit, by_file[fit.article], style)
                 for fit in fits if fit.page == page.number and fit.regions]
        pages.append({
            "number": page.number, "label": f"第{page.number}版", "section": page.section,
            "editor": page.editor, "proofreader": page.proofreader,
            "width": round(style.page_width, 2), "height": round(style.page_height, 2),
            "image": image.sharp, "image_size": list(image.pixels),
            "thumbnail": image.light, "thumbnail_size": list(image.light_pixels),
            "href": page_href(page.number), "areas": areas})
    masthead = issue.masthead
    return {
        "format": FORMAT,
        "units": "points from the trimmed page's top-left corner, y down (1 pt = 1/72 in)",
        "paper": masthead.name, "number": issue.number, "date": issue.date.isoformat(),
        "date_line": {"gregorian": day.gregorian, "lunar": day.lunar, "weekday": day.weekday},
        "masthead": {"cn": masthead.cn, "postal_code": masthead.postal_code,
                     "schedule": masthead.schedule, "website": masthead.website},
        "pdf": pdf_name, "previous": neighbours.get("previous"), "next": neighbours.get("next"),
        "pages": pages, "articles": articles,
    }


def page_href(number: int) -> str:
    return "index.html" if number == 1 else f"page-{number}.html"


def _area(fit: StoryFit, name: str, style) -> dict:
    """A story part's hot area: its regions joined into the outline they make together.

    Each region is a rectangle; gaps up to a grid line (gutters, the blank line under the
    headline, the space under a caption) are closed and the notches they leave filled, so a
    story's headline, columns and photos make one shape that steps where its columns end."""
    gap = style.line_pitch
    shapes = [box(r.x, r.y, r.x + r.width, r.y + r.height) for r in fit.regions]
    joined = unary_union([shape.buffer(gap, join_style="mitre") for shape in shapes])
    outline = joined.buffer(-gap, join_style="mitre").simplify(0.05)
    polygons = list(outline.geoms) if isinstance(outline, MultiPolygon) else [outline]
    text = story_text([fit])
    headline = "".join(line.text for region in fit.regions for line in region.lines
                       if line.role in HEADLINE_ROLES)
    return {
        "article": name, "headline": fit.headline, "set_headline": headline,
        "continued_from": fit.continued_from, "continued_on": fit.continued_on,
        "polygons": [[[round(x, 1), round(y, 1)] for x, y in polygon.exterior.coords[:-1]]
                     for polygon in polygons if not polygon.is_empty],
        "regions": [{"kind": r.kind, "box": [round(r.x, 1), round(r.y, 1), round(r.width, 1),
                                             round(r.height, 1)]} for r in fit.regions],
        "text": text,
    }
