"""Measuring a story's shapes: how many grid lines its module needs at each width it may take.

The make-up engine (`layout/makeup/`) chooses among these shapes, so they are measured by
composing the module with the page composer itself (`module.compose_module`, the code that
renders it) on a trial place, never estimated: a shape that says 40 lines is 40 lines on the
page. Plain data in (the article, its limits, the style) and out (`Shape`s); measured shapes
are remembered in the session and on disk, and `measure_stories` measures many stories on
all cores.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from operator import attrgetter

from .. import display as dl
from ..ahead import paragraphs_ahead, titles_ahead
from ..errors import BroadsheetError
from ..fonts import FontBook
from ..model import Article, Module, Page, Paragraph, Photo, Placement, Subhead
from ..photo import photo_size
from ..read.makeup_keys import MAX_HEADLINE_LINES
from ..session import current, file_key, memoised
from ..style import Style
from ..text.compose import COMPOSER
from .boxes import boxed, boxed_text_columns, inset_chars
from .compose import article_titles
from .flow import (body_request as _body_request, fit_headline as _fit_headline,
                   flow_items as _flow_items)
from .heads import headline_block as _headline_block
from .module import (Story as _Story, column_layout as _text_columns,
                     compose_module as _compose_module)

HOLE_LINES = 3          # an empty block this tall in one column is a hole
JUMP_LINES = 6          # a jump leaves at least this many body lines on each side
BRIEF_CHARS = 300       # a story shorter than this is a brief: a one-line title, modest size
SIZE_STEP = 2.0         # points between the headline sizes a story is measured at
APART = 1.25            # headlines this much apart in size do not read as a pair (tombstoning)
MAX_GROWTH = 30         # grid lines above its fewest a story's module is measured at
BRIEF_COLUMNS = 2       # the widest a brief is set
KICKER_LINES = 2        # a kicker (引题) wrapped into more lines stacks the title block too high
BRIEF_TITLE = 2 / 3      # of the style's smallest headline size: every brief's title, one
                        # size for all (each shrunk to stay on one line, a page of briefs set
                        # them at 16 to 24 pt, and the larger shouted over three lines of text)
MIN_DEPTH = 10          # body lines a column of a story should hold at least
SETTLE_LINES = 2 * HOLE_LINES   # grid lines above the fewest where a module's columns settle
# The code shapes are measured by: a change to it never meets the shapes it measured before.
MEASURER = ("page/",)


@dataclass(frozen=True)
class Shape:
    """One way a story can be set: a module `columns` wide and one of `heights` grid lines tall.

    A whole story (`split` False) holds all its text at each of `heights`, and no column of
    the module ends HOLE_LINES or more short of its foot (a photo grows, cropped, to take the
    room); if no height manages that, `heights` holds only the fewest lines that hold the text
    and `gap` says how short the shortest column ends. A split shape (for a story that may
    jump) fills its columns at any of `heights` and leaves the rest, at least JUMP_LINES lines,
    for the continuation."""
    columns: int
    text_columns: int | None    # 破栏, or None: the basic columns
    photo: str | None           # "large", "small", "none", or None (the story has no photo)
    headline_size: float        # the cap given to the composer
    set_size: float             # the size the headline is set at under that cap
    head_lines: int             # grid lines of the title block
    heights: tuple[int, ...]
    split: bool = False
    rest_lines: int = 0         # split: body lines (in its columns) left over at the lowest
    gap: int = 0                # whole: the foot gap when no height is without a hole
    photo_columns: int | None = None    # the columns the photo spans
    subhead_space: int = 0      # grid lines more for the subheads, to end the columns level
    deck: bool = True           # the deck (副题) set, or left out (the style allowing it)
    headline_lines: int | None = None   # the title wrapped into at most this many lines

    @property
    def min_lines(self) -> int:
        return self.heights[0]

    @property
    def max_lines(self) -> int:
        return self.heights[-1]

    @property
    def module_fields(self) -> dict:
        """What a module takes from this shape (besides its place)."""
        return {"text_columns": self.text_columns, "photo": self.photo,
                "photo_columns": self.photo_columns, "headline_size": self.headline_size,
                "headline_lines": self.headline_lines,
                "subhead_space": self.subhead_space,
                "deck": None if self.deck else False}

    def shifted(self, lines: int, **fields) -> Shape:
        """The shape with every height `lines` more (another headline size)."""
        return replace(self, heights=tuple(h + lines for h in self.heights), **fields)


@dataclass(frozen=True)
class StoryLimits:
    """What the editor allows a story, as plain data."""
    widths: tuple[int, ...]             # module widths in basic columns
    headline_sizes: tuple[float, ...]   # headline caps to try, largest first
    photos: tuple[str | None, ...]      # photo sizes to try
    text_columns: tuple[int | None, ...] | None = None   # None: the basic columns only
    jump_to: int | None = None          # may continue on this page
    lead: bool = False                  # the page's lead: its title as large as any, however short
    frame: str = ""                     # the module's box as issue.toml gives it (frame, tint,
    tint: str = ""                      # reversed headline bar): it takes a grid line at the
    headline_bar: bool = False          # head and foot and insets the text
    decks: tuple[bool, ...] = (True,)   # the deck set (True) and/or left out (False)
    headline_lines: tuple[int | None, ...] = (None,)    # wrappings of the title to try


def headline_caps(style: Style, priority: int, chars: int, lead: bool) -> tuple[float, ...]:
    """The headline sizes a story may take, from its rank on the page and its length: the lead
    the style's largest (a lead as short as a brief, the smallest); a brief a modest size;
    others in between by rank and length, never the lead's size. Largest first, three in
    SIZE_STEP steps; for a story not the lead, one size far enough above the style's minimum
    not to pair with it first (where it is smaller than the lead's), and the minimum last."""
    spec = style.type["headline"]
    largest, smallest = spec.size, spec.min_size or spec.size
    if chars < BRIEF_CHARS:     # a page of briefs' lead: above the briefs', not a front
        # page's title over two lines of text (an outside tester's, 40 pt over 104 characters)
        return (smallest,) if lead else (brief_title_size(style),)
    if lead:
        top = largest
    else:
        rank = {2: 0.6, 3: 0.45}.get(priority, 0.35)
        length = min(1.0, max(0.5, chars / 3000))       # a long story earns a larger title
        top = smallest + (largest - smallest) * rank * length
        top = min(largest - SIZE_STEP, SIZE_STEP * math.floor(top / SIZE_STEP))
    sizes = [top]
    while sizes[-1] - SIZE_STEP >= smallest - 1e-9 and len(sizes) < 3:
        sizes.append(sizes[-1] - SIZE_STEP)
    if not lead:
        # one size far enough above the smallest not to pair with it (tombstoning): stories
        # side by side can then start level, one at each
        apart = SIZE_STEP * math.ceil(APART * smallest / SIZE_STEP)
        if apart > top and apart <= largest - SIZE_STEP:
            sizes.insert(0, apart)
        # and the smallest: a story beside a lead whose title had to shrink to fit its
        # width can then start level with it (real B's page 2: its second story at 28 pt
        # beside the lead at 29.5 pt would tombstone; at 24 pt the two tile the page)
        if sizes[-1] > smallest:
            sizes.append(smallest)
    return tuple(max(size, smallest) for size in sizes)


def brief_title_size(style: Style) -> float:
    """The size of every brief's title (BRIEF_TITLE of the smallest headline, to a half
    point): on one line, or two where it must wrap."""
    spec = style.type["headline"]
    return math.floor(2 * BRIEF_TITLE * (spec.min_size or spec.size)) / 2


def is_brief(article: Article, lead: bool) -> bool:
    """A story short enough to be set as a brief (the page's lead never is)."""
    return story_chars(article) < BRIEF_CHARS and not lead


def _subheads(article: Article) -> int:
    return sum(1 for block in article.blocks if isinstance(block, Subhead))


def story_chars(article: Article) -> int:
    return sum(len(block.text) for block in article.blocks if isinstance(block, Paragraph))


def measure_story(article: Article, limits: StoryLimits, style: Style, book: FontBook,
                  page: int, headline: str = "horizontal") -> list[Shape]:
    """Every shape the story can take within `limits`, measured (remembered if measured
    before with the same text, photos, style and composer)."""
    return _measured_shapes(article, limits, style, book, page, headline)


def measure_stories(requests: list[tuple], style: Style, book: FontBook, jobs: int,
                    meanwhile=None) -> list[list[Shape]]:
    """`measure_story(article, limits, style, book, page, headline)` of each request, on
    `jobs` cores: the titles' words and the paragraphs found first (as a render finds them
    ahead: each title cut once, not in every process), then each story at each of its widths
    as a task of its own, so that the cores finish together (`meanwhile()` is done in this
    process while the workers start on them)."""
    measure = style.column_chars * style.body_size
    articles = [article for article, *_ in requests]
    for article in articles:    # a photo that cannot be read is said here, naming it (a trial
        for block in article.blocks:        # that fails is taken for a shape that does not fit)
            if isinstance(block, Photo):
                photo_size(block.path, style.print.max_megapixels)
    titles = titles_ahead([text for article in articles for text in article_titles(article)],
                          style.words)
    paragraphs = paragraphs_ahead([_body_request(block.text, measure, style)
                                   for article in articles for block in article.blocks
                                   if isinstance(block, Paragraph)], book)
    current().work_ahead([*titles, *paragraphs], jobs)
    shapes: list[list[Shape]] = [[] for _ in requests]
    tried: set[tuple[int, int]] = set()
    # the widths that read well; then, for a story with no shape at any of them (a long
    # title stacks too high over a short text), wider ones: columns half as deep, a brief
    # twice as wide
    for relaxed in (False, True):
        tasks = [(n, (article, replace(limits, widths=(width,)), style, book, page, headline))
                 for n, (article, limits, page, headline) in enumerate(requests)
                 if not shapes[n]
                 for width in _widths_worth_measuring(article, limits, style, book, relaxed)
                 if (n, width) not in tried]
        tried.update((n, task[1].widths[0]) for n, task in tasks)
        done = _measured_shapes.map([task for _, task in tasks], jobs, meanwhile)
        meanwhile = None
        for (n, _), found in zip(tasks, done):
            shapes[n] += found
    return shapes


def measure_continuation(module: Module, story: _Story, from_page: int, page: int,
                         widths: tuple[int, ...], style: Style, book: FontBook,
                         jump_to: int | None = None) -> list[Shape]:
    """Shapes of the rest of a jumped story (`story` as the earlier page left it) continued on
    `page` under its jump head, in the continuation `module` (unplaced; its box as given):
    whole, and where it may jump on to page `jump_to`, split (at least JUMP_LINES body lines
    here and JUMP_LINES left). Not cached: the rest depends on where the story was split."""
    template = replace(module, place=None)
    state = _Story(pages=[from_page, page], flow=story.flow, measure=story.measure, part=1)
    body = sum(piece.height for piece in story.flow or ())
    shapes = []
    for width in widths:
        low = _lowest(template, width, page, state, style, book, 4 + math.ceil(body / width))
        if low is not None:
            heights, gap = _heights(template, width, page, state, style, book, low)
            shapes.append(Shape(width, None, None, 0.0, 0.0, 0, heights, gap=gap))
        if jump_to is not None:
            going_on = replace(state, pages=[from_page, page, jump_to])
            # the jump head's 上接 line is counted among the lines set: one more
            split = _split_range(template, width, page, going_on, style, book, low,
                                 least=JUMP_LINES + 1)
            if split is not None:
                shapes.append(Shape(width, None, None, 0.0, 0.0, 0,
                                    tuple(range(split[0], split[1] + 1)), split=True,
                                    rest_lines=split[2]))
    return shapes


# ------------------------------------------------------------------------------ measuring

def _shape_inputs(article: Article, limits: StoryLimits, style: Style, book: FontBook,
                  page: int, headline: str) -> tuple:
    """What a story's shapes are measured from, as the disk store keys them: its text and
    photo files, its limits, the style, the page (and the composer's code: `code`)."""
    photos = [file_key(block.path) for block in article.blocks if isinstance(block, Photo)]
    return repr(article), limits, repr(style), page, headline, photos


@memoised("shapes", disk=_shape_inputs, memory=0, code=MEASURER + COMPOSER,
          well_formed=lambda shapes: isinstance(shapes, list)
          and all(isinstance(shape, Shape) for shape in shapes))
def _measured_shapes(article, limits: StoryLimits, style, book, page, headline) -> list[Shape]:
    """The shapes with the deck set and, where the limits allow it, without it."""
    shapes = []
    for deck in limits.decks if article.deck else (True,):
        shapes += [replace(shape, deck=deck) for shape in _measure_set(
            article if deck else replace(article, deck=""), limits, style, book, page,
            headline)]
    return shapes


def _measure_set(article, limits: StoryLimits, style, book, page, headline) -> list[Shape]:
    shapes = []
    for width in _widths_worth_measuring(article, limits, style, book):
        found = _measure_columns(article, limits, style, book, page, headline, width,
                                 limits.text_columns or (None,))
        if limits.text_columns is None and width >= 3 and not any(
                shape.split or not shape.gap for shape in found):
            # no height ends level in the basic columns: try them one fewer and wider (破栏)
            found += _measure_columns(article, limits, style, book, page, headline, width,
                                      (width - 1,))
        shapes += found
    return shapes


def _measure_columns(article, limits, style, book, page, headline, width, text_columns_options
                     ) -> list[Shape]:
    heads = _head_sizes(article, width, limits, style, book, headline)
    if not heads:
        return []
    shapes = []
    for text_columns in text_columns_options:
        measure = _measure_of(limits, width, text_columns, style)
        flow = _flow_items(article, style, book, measure)     # set once, laid out many times
        for photo in limits.photos:
            for span in photo_spans(photo, text_columns or width):
                shapes += _measure_width(article, limits, style, book, page, headline,
                                         width, text_columns, photo, span, heads,
                                         (flow, measure))
    return shapes


def _measure_of(limits: StoryLimits, width: int, text_columns: int | None, style: Style
                ) -> float:
    """The measure the composer sets the story's text columns at: inset in a box."""
    module = Module(article=None, place=None, frame=limits.frame, tint=limits.tint,
                    headline_bar=limits.headline_bar)
    if boxed(module):
        return boxed_text_columns(style, 1, width, text_columns, inset_chars(module, style))[1]
    return _text_columns(style, 1, width, text_columns)[1]


def photo_spans(photo: str | None, columns: int) -> tuple[int | None, ...]:
    """The spans a photo of that size may take in `columns` text columns: "large" more than
    half of them, "small" half."""
    if photo in (None, "none"):
        return (None,)
    if photo == "small":
        return (columns // 2,) if columns >= 2 else ()
    return tuple(range(columns, columns // 2, -1))


def _widths_worth_measuring(article, limits: StoryLimits, style: Style, book,
                            relaxed: bool = False) -> tuple[int, ...]:
    """The widths that can give a shape worth having, by the character count (only to skip
    measuring): a story far taller than the type area, or a module so wide that its columns
    are less than MIN_DEPTH lines deep, is not; a brief takes at most BRIEF_COLUMNS (`relaxed`:
    half as deep, twice as wide); nor is one where its title block stacks too high
    (`_stacks_high`). If no width allowed passes, the narrowest is measured (and reported if
    it does not fit)."""
    chars = story_chars(article)
    wanted = tuple(w for w in limits.widths if _reads_well(chars, w, limits, style, relaxed)
                   and not _stacks_high(article, w, limits, style, book))
    return wanted or (min(limits.widths),)


def _depth(chars: int, width: int, style: Style) -> float:
    """About how many lines deep `chars` characters run in a module `width` columns wide."""
    return chars * 1.1 / (style.column_chars * width)


def _reads_well(chars: int, width: int, limits: StoryLimits, style: Style, relaxed: bool
                ) -> bool:
    depth = _depth(chars, width, style)
    if chars < BRIEF_CHARS:
        return width <= BRIEF_COLUMNS * (2 if relaxed else 1) + (2 if limits.lead else 0)
    if width < 2:
        return False                    # a story under a headline takes two columns or more
    if limits.jump_to is None and depth > style.lines:
        return False
    return depth >= (MIN_DEPTH // 2 if relaxed else MIN_DEPTH)


def _measure_width(article, limits, style, book, page, headline, width, text_columns, photo,
                   span, heads, set_flow) -> list[Shape]:
    """The shapes at one width, text column count and photo size: the body (`set_flow`: the
    flow and the measure it is set at) measured once under the first title block, the others
    (`heads`, from `_head_sizes`) by how many lines they take."""
    flow, measure = set_flow
    template = Module(article=article, place=None, headline=headline,
                      text_columns=text_columns, photo=photo, photo_columns=span,
                      headline_size=heads[0].cap, headline_lines=heads[0].most_lines,
                      frame=limits.frame, tint=limits.tint, headline_bar=limits.headline_bar)
    whole = _Story(pages=[page], flow=flow, measure=measure)
    guess = _guess(flow, width, text_columns, span, heads[0].lines, style)
    memo: dict = {}
    low = _lowest(template, width, page, whole, style, book, guess, memo)
    shapes: list[Shape] = []
    base_lines = heads[0].lines
    if low is not None:
        heights, gap = _heights(template, width, page, whole, style, book, low, memo)
        spaced = 0
        for extra in range(1, 2 * _subheads(article) + 1) if gap else ():
            # no height ends level: the subheads given a grid line more, one by one, up to two each
            trial = replace(template, subhead_space=extra)
            low_spaced = _lowest(trial, width, page, whole, style, book, low, memo)
            if low_spaced is None:
                break
            found = _heights(trial, width, page, whole, style, book, low_spaced, memo)
            if found[1] < gap:
                (heights, gap), spaced = found, extra
            if not gap:
                break
        for head in heads:
            shapes.append(Shape(width, text_columns, photo, head.cap, head.size, head.lines,
                                heights, gap=gap, photo_columns=span, subhead_space=spaced,
                                headline_lines=head.most_lines
                                ).shifted(head.lines - base_lines))
    if limits.jump_to is not None:
        jumping = _Story(pages=[page, limits.jump_to], flow=flow, measure=measure)
        split = _split_range(template, width, page, jumping, style, book, low, memo)
        if split is not None:
            for head in heads:
                shapes.append(Shape(width, text_columns, photo, head.cap, head.size,
                                    head.lines, tuple(range(split[0], split[1] + 1)),
                                    split=True, rest_lines=split[2], photo_columns=span,
                                    headline_lines=head.most_lines
                                    ).shifted(head.lines - base_lines))
    return [shape for shape in shapes if 0 < shape.min_lines and shape.max_lines <= style.lines]


def _guess(flow, width, text_columns, span, head, style) -> int:
    """Where the search for the fewest lines starts: the body's lines shared by the columns,
    under the title and a photo at its natural height (the search corrects it)."""
    columns = text_columns or width
    body = sum(piece.height for piece in flow)
    if span:
        body += (round(style.span_width(span) * 0.66 / style.line_pitch) + 3) * span
    return head + 1 + math.ceil(body / columns)


@dataclass(frozen=True)
class Head:
    """One way to set a story's title block: the headline's cap and, if wrapped, the lines
    it is wrapped into at most (None: as the composer fits it); the size it comes out at and
    the grid lines the block takes."""
    cap: float
    most_lines: int | None
    size: float
    lines: int


def _head_sizes(article, width, limits: StoryLimits, style, book, headline) -> list[Head]:
    """The title blocks a story may take, from its headline caps and wrappings; a brief's at
    its one size (`brief_title_size`), as the composer wraps it."""
    caps, lead = limits.headline_sizes, limits.lead
    if headline == "vertical":
        return [Head(caps[0], None, caps[0], 0)]
    wraps = limits.headline_lines
    if is_brief(article, lead):                 # one size, wrapped where it must be
        wraps = (None,)
    found = []
    spec = style.type["headline"]
    for cap in caps:
        for most_lines in wraps:
            lines, size = _fit_headline(article.headline, replace(
                spec, size=min(spec.size, cap), min_size=min(spec.min_size or spec.size, cap)),
                style.span_width(width) - 2 * style.body_size, style, book, most_lines)
            if len(lines) > MAX_HEADLINE_LINES:
                continue                # a title stacked this high reads as a column of words
            block = _headline_block(article, 0.0, style.span_width(width), 1, style, book, [],
                                    [], headline_size=cap, headline_lines=most_lines) - 1
            found.append(Head(cap, most_lines, size, block))
    # of the titles whose blocks take as many lines, the lead keeps its largest; another story
    # its largest and its smallest: a title smaller in as many lines gains no room, but may
    # be needed to stay below the lead's or apart from a neighbour's (tombstoning)
    kept: dict[tuple[int, float], Head] = {}
    for head in found:
        sizes = [h.size for h in found if h.lines == head.lines]
        if head.size == max(sizes) or (head.size == min(sizes) and not lead):
            kept.setdefault((head.lines, head.size), head)
    return list(kept.values())


def why_no_shape(article, widths: tuple[int, ...], style, book, may_jump: bool = False) -> str:
    """Why a story has no shape at the `widths` it may take, as the editor can act on it: its
    title at the widest stacks higher than MAX_HEADLINE_LINES even at the style's smallest
    size, and/or (for a story that may not jump) its text runs deeper than the page ("" if
    neither says it)."""
    widest = max(widths)
    spec = style.type["headline"]
    least = brief_title_size(style) if is_brief(article, False) else spec.min_size or spec.size
    smallest = replace(spec, size=least, min_size=least)
    lines, _ = _fit_headline(article.headline, smallest,
                             style.span_width(widest) - 2 * style.body_size, style, book)
    across = f"{widest} column" + ("s" if widest > 1 else "")
    causes = []
    if len(lines) > MAX_HEADLINE_LINES:
        causes.append(f"its title takes {len(lines)} lines across {across} even at "
                      f"{smallest.size:g} pt (at most {MAX_HEADLINE_LINES} read as a title)")
    depth = math.ceil(_depth(story_chars(article), widest, style))
    if depth > style.lines and not may_jump:
        causes.append(f"its text runs about {depth} lines deep across {across}, the page "
                      f"{style.lines}")
    return "; and ".join(causes)


def _stacks_high(article, width: int, limits: StoryLimits, style, book) -> bool:
    """Whether the story's kicker or deck wraps into more lines at `width` than a title block
    reads well with (KICKER_LINES, MAX_HEADLINE_LINES) where a wider width allowed keeps it
    within them: a long 引题 over one narrow column stacks four lines high over its title."""
    for key, most in (("kicker", KICKER_LINES), ("deck", MAX_HEADLINE_LINES)):
        text = getattr(article, key)
        if text and _title_lines(text, key, width, style, book) > most >= _title_lines(
                text, key, max(limits.widths), style, book):
            return True
    return False


def _title_lines(text: str, key: str, width: int, style, book) -> int:
    """The lines a kicker or deck takes across `width` columns, as the title block sets it."""
    room = style.span_width(width) - 2 * style.composition.headline_inset_chars * \
        style.body_size
    return len(_fit_headline(text, style.type[key], room, style, book)[0])


def _trial(template: Module, width: int, lines: int, page: int, state: _Story, style, book,
           memo: dict | None = None):
    """Compose the module `width` columns × `lines` grid lines at the top of the type area (no
    rule above it: under another module the rule takes a line, and every height is one more,
    which the solver adds); the story's rest afterwards, the module's items and its fit
    (None: the title block did not fit). `memo` keeps the trials of one measurement, whose
    searches ask for many heights more than once (a template differs there only in its
    subhead space; `state` stays alive while `memo` does)."""
    key = (template.subhead_space, id(state), lines)
    if memo is not None and key in memo:
        return memo[key]
    found = _composed(template, width, lines, page, state, style, book)
    if memo is not None:
        memo[key] = found
    return found


def _composed(template: Module, width: int, lines: int, page: int, state: _Story, style, book):
    story = _Story(pages=list(state.pages), flow=state.flow, measure=state.measure,
                   part=state.part)
    module = replace(template, place=Placement(1, width, 1, lines))
    try:
        items, fit = _compose_module(module, Page(number=page), style, book, False, story,
                                     regions=False)
    except BroadsheetError:
        return None, [], None
    if fit.overset_text and not story.flow:     # a pull quote with no room in the module
        return None, [], None
    return story.flow, items, fit


def _first(test, start: int, low: int, high: int) -> int | None:
    """The least n in low…high for which `test(n)` holds (it holds from some n on), searched
    outward from `start` in doubling steps, then halved: few trials when `start` is close."""
    start = min(max(start, low), high)
    if test(start):
        good, step, bad = start, 1, low - 1
        while good - step >= low:
            if not test(good - step):
                bad = good - step
                break
            good, step = good - step, step * 2
    else:
        bad, step, good = start, 1, None
        while bad + step <= high:
            if test(bad + step):
                good = bad + step
                break
            bad, step = bad + step, step * 2
        if good is None:
            if bad == high or not test(high):
                return None
            good = high
    while good - bad > 1:
        middle = (good + bad) // 2
        if test(middle):
            good = middle
        else:
            bad = middle
    return good


def _lowest(template, width, page, state, style, book, guess: int, memo=None) -> int | None:
    """The fewest grid lines that hold the whole story, or None if the type area does not."""
    def fits(lines: int) -> bool:
        rest, _, fit = _trial(template, width, lines, page, state, style, book, memo)
        return fit is not None and not rest
    return _first(fits, guess, 1, style.lines)


def _heights(template, width, page, state, style, book, low: int, memo=None
             ) -> tuple[tuple[int, ...], int]:
    """The heights from `low` up at which the story fills the module with no column
    HOLE_LINES short at its foot, each composed: a subhead kept with its text can make one
    height good and the next not. Searched until HOLE_LINES heights in a row are holed, at
    most MAX_GROWTH above `low`. A module whose columns come out the same at any height
    (`_settled`) is composed twice only; its other heights' foot gaps follow."""
    top = min(style.lines, low + MAX_GROWTH)
    settled = _settled(template, width, page, state, style, book, low, top, memo)
    good, misses, first_gap = [], 0, None
    for lines in range(low, top + 1):
        if settled is not None:
            gap = settled + lines - low
        else:
            rest, items, fit = _trial(template, width, lines, page, state, style, book, memo)
            gap = HOLE_LINES if fit is None or rest else foot_gap(
                items, Placement(1, width, 1, lines), style, foot_margin(template))
        first_gap = gap if first_gap is None else first_gap
        if gap < HOLE_LINES:
            good.append(lines)
            misses = 0
        else:
            misses += 1
            if misses >= HOLE_LINES:
                break
    return (tuple(good), 0) if good else ((low,), first_gap)


def _settled(template, width, page, state, style, book, low: int, top: int, memo
             ) -> int | None:
    """The foot gap at `low` if the module's text takes the same lines at any height from
    `low` up, else None. So it is when nothing grows with the height (`_grows_nothing`) and
    the columns, balanced to the shallowest depth that holds the text, end as they did at
    `low` in a module SETTLE_LINES taller — room enough for the composer to deepen stepped
    columns (2, 2, 1, 2), which it does only where the room allows."""
    check = low + SETTLE_LINES
    if check > top or not _grows_nothing(template, state):
        return None
    feet = []
    for lines in (low, check):
        rest, items, fit = _trial(template, width, lines, page, state, style, book, memo)
        if fit is None or rest:
            return None
        feet.append(foot_gaps(items, Placement(1, width, 1, lines), style,
                              foot_margin(template)))
    if feet[1] != [gap + SETTLE_LINES for gap in feet[0]]:
        return None
    return max(feet[0])


def _grows_nothing(template: Module, state: _Story) -> bool:
    """Whether the module's text takes the same lines at any height that holds it all: no
    photo to grow, no vertical title (its width follows the height), and the story ends in
    it (a part that goes on fills its columns instead of balancing them)."""
    photo = template.photo != "none" and not template.continues and any(
        isinstance(block, Photo) for block in template.article.blocks)
    ends_here = state.part + 1 >= len(state.pages)
    return not photo and template.headline != "vertical" and ends_here


def _split_range(template, width, page, state, style, book, whole: int | None, memo=None,
                 least: int = JUMP_LINES):
    """Heights at which the story may end here and jump — at least `least` lines set here
    and at least JUMP_LINES body lines left for the continuation — and the lines left at the
    lowest."""
    def placed(lines: int) -> tuple[int, int]:
        rest, _, fit = _trial(template, width, lines, page, state, style, book, memo)
        if fit is None:
            return 0, 0
        left = sum(piece.height for piece in rest or () if piece.kind == "body")
        return fit.lines_set, left
    top = (whole or style.lines + 1) - 1
    if top < 1:
        return None
    low = _first(lambda lines: placed(lines)[0] >= least, top // 2, 1, top)
    if low is None:
        return None
    too_tall = _first(lambda lines: placed(lines)[1] < JUMP_LINES, top, low, top)
    high = top if too_tall is None else too_tall - 1
    return (low, high, placed(low)[1]) if high >= low else None


_below = attrgetter("y")        # how far a glyph sits below its line's baseline (竖排)


def foot_gap(items: list, place: Placement, style: Style, margin: int = 0) -> int:
    """The most grid lines any basic column of the module leaves empty above its foot."""
    return max(foot_gaps(items, place, style, margin))


def foot_gaps(items: list, place: Placement, style: Style, margin: int = 0) -> list[int]:
    """The grid lines each basic column of the module leaves empty above its foot, less the
    `margin` lines the module keeps at its foot (a box's, `foot_margin`)."""
    last = place.line + place.lines - 1 - margin
    columns = range(place.column, place.column + place.columns)
    bounds = [(style.column_x(c), style.column_x(c) + style.span_width(1)) for c in columns]
    pitch = style.column_x(2) - style.column_x(1)
    lowest = [place.line - 1] * len(bounds)     # grid line of the lowest foot in each column
    for item in items:
        if isinstance(item, dl.TextLine):
            start = item.x
            end = item.x + (item.glyphs[-1].x + item.size if item.glyphs else 0)
            down = max(map(_below, item.glyphs), default=0.0)     # 竖排: below
            foot = _grid_line(item.y + down - 0.5 * item.size, style)
        elif isinstance(item, dl.Image):
            start, end = item.x, item.x + item.width
            foot = _grid_line(item.y + item.height - 0.5, style)
        else:
            continue
        # the columns it touches, from the first whose right edge is past its start
        n = max(0, int((start - bounds[0][0]) // pitch))
        while n < len(bounds) and bounds[n][0] < end:
            if bounds[n][1] > start and foot > lowest[n]:
                lowest[n] = foot
            n += 1
    return [max(0, last - low) for low in lowest]


def foot_margin(module: Module) -> int:
    """Grid lines a module keeps empty at its foot: a box's last line, its margin."""
    return 1 if boxed(module) else 0


def _grid_line(y: float, style: Style) -> int:
    return int((y - style.top) // style.line_pitch) + 1
