"""Where each story part sits, as the composition hands it out (`StoryFit.regions`, for the
e-paper): every line and photo of a module in exactly one region of its story part, regions of
different stories apart, on issues with jumps, photos, subheads and a vertical headline."""
from pathlib import Path

import pytest

from layout import display as dl
from layout.fonts import load_font_book
from layout.read.manifest import load_issue
from layout.page.compose import compose_issue
from layout.style import load_style

ROOT = Path(__file__).resolve().parents[2]
STORY_ROLES = {"kicker", "headline", "deck", "jump_head", "byline", "body", "subhead", "jump",
               "caption", "quote", "table", "table_head", "sidebar", "sidebar_title",
               "editor_note", "source"}


def composed(name: str):
    issue = load_issue(ROOT / name)
    style = load_style(issue.style, Path(issue.source))
    return issue, compose_issue(issue, style, load_font_book(style.fonts))


def inside(item, region, slack=0.01) -> bool:
    if isinstance(item, dl.Image):
        x, y, right, bottom = item.x, item.y, item.x + item.width, item.y + item.height
    else:
        # Where its first character stands; an opening mark's blank half may hang outside.
        start = item.x + item.glyphs[0].x + (item.size / 2 if item.glyphs[0].x < 0 else 0)
        x, y, right, bottom = start, item.y - 0.88 * item.size, start, item.y
    return (region.x - slack <= x and right <= region.x + region.width + slack
            and region.y - slack <= y and bottom <= region.y + region.height + slack)


@pytest.mark.parametrize("name", ["issues/3144", "tests/data/eight-page", "tests/data/vertical",
                                  "tests/data/blocks"])
def test_every_story_line_and_photo_is_in_one_region_of_its_part(name):
    issue, composition = composed(name)
    style = load_style(issue.style, Path(issue.source))
    for page in composition.document.pages:
        fits = [fit for fit in composition.fits if fit.page == page.number]
        in_regions = [line for fit in fits for region in fit.regions for line in region.lines]
        assert len(in_regions) == len({id(line) for line in in_regions})     # each once
        drawn = [item for item in page.items
                 if isinstance(item, dl.TextLine) and item.role in STORY_ROLES]
        assert {id(line) for line in drawn} == {id(line) for line in in_regions}
        for fit in fits:
            for region in fit.regions:
                assert region.kind in ("headline", "column", "photo", "block")
                assert all(inside(line, region) for line in region.lines)
                x, y, width, height = fit.frame     # within the module and half its gutters
                slack = style.gutter_chars * style.body_size / 2
                assert x - slack <= region.x and region.x + region.width <= x + width + slack
                assert y <= region.y and region.y + region.height <= y + height
        images = [item for item in page.items if isinstance(item, dl.Image)]
        assert all(any(r.kind == "photo" and inside(image, r) for f in fits for r in f.regions)
                   for image in images)
        # Regions of different stories never overlap.
        for a in fits:
            for b in fits:
                if a is b:
                    continue
                for ra in a.regions:
                    for rb in b.regions:
                        assert (ra.x + ra.width <= rb.x or rb.x + rb.width <= ra.x
                                or ra.y + ra.height <= rb.y or rb.y + rb.height <= ra.y)


def test_a_story_s_text_in_its_regions_is_the_article_in_order():
    issue, composition = composed("tests/data/eight-page")
    for module in issue.story_starts():
        article = module.article
        parts = [fit for fit in composition.fits if fit.article == article.source.name]
        set_text = "".join(line.text for fit in parts for region in fit.regions
                           if region.kind == "column" for line in region.lines
                           if line.role in ("byline", "body", "subhead"))
        source = article.byline + "".join(getattr(b, "text", "") for b in article.blocks)
        assert "".join(set_text.split()) == "".join(source.split()), article.source.name
        headlines = [fit.regions[0] for fit in parts if fit.regions]
        assert all(region.kind == "headline" for region in headlines)


def test_a_column_s_text_either_side_of_a_photo_is_two_pieces():
    """However the composer places them: a byline above a photo and the text below it are
    two pieces of the first column, the caption goes with the photo."""
    from layout.page.regions import story_regions
    style = load_style("jinzhong")
    face = load_font_book(style.fonts).face("body")
    pitch, measure, xs = style.line_pitch, 117.0, [50.0, 176.0]

    def line(text, x, y, role):
        glyphs = tuple(dl.Glyph(char, n * 9.0, face) for n, char in enumerate(text))
        return dl.TextLine(x=x, y=y, size=9.0, glyphs=glyphs, role=role)
    items = [line("锚定目标", 80, 100, "headline"), line("记者 闫淑娟", 50, 130, "byline"),
             dl.Image(Path("p.jpg"), 50, 140, 243, 200, (0, 0, 1, 1)),
             line("会议现场", 50, 350, "caption")]
    items += [line("正文" * 6, x, 370 + n * pitch, "body") for x in xs for n in range(3)]
    regions = story_regions(items, xs, measure, pitch)
    assert [r.kind for r in regions] == ["headline", "photo", "column", "column", "column"]
    assert [[l.text for l in r.lines] for r in regions[1:3]] == [["会议现场"], ["记者 闫淑娟"]]
    assert regions[2].y + regions[2].height < 140 and regions[3].y > 350
    assert {r.x for r in regions[2:]} == set(xs)
