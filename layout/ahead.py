"""Work done ahead on other cores: what of a render can start before its stage does, in one
place.

Each entry is calls of a memoised stage function (`session.Memo.ahead`): those neither the
session's memory nor the disk store has go to forked workers (`Session.work_ahead`), and
their results are kept where the stage, calling the function when it gets there, finds them.
The workers run the same code on the same inputs, so the results are the ones the stage would
make itself; a call they cannot make (bad input) is left for the stage to make and report
where it belongs. With one job nothing is done ahead: each stage does its work in turn.

- the titles' word ends (`titles._word_ends`), in one task: the words of a title new to
  the disk store are looked up in jieba's dictionary on disk;
- photos made press-ready (`pdf._press_ready_photo`): whole, since the crop is known only
  once the page is composed (the conversion works pixel by pixel, so crop and conversion
  commute): the colour conversion is most of the cost of a page with photos;
- body paragraphs set (`compose.set_paragraph`), longest first, in small batches so that
  the processes finish together — for a render (`render_ahead`) and for the make-up's
  measuring (`paragraphs_ahead`, before `page.measure.measure_stories` measures the
  stories' shapes on all cores with `Memo.map`).
"""
from __future__ import annotations

from pathlib import Path

from .backends.pdf import _press_ready_photo
from .errors import BroadsheetError
from .fonts import FontBook
from .model import Photo
from .page.compose import planned_paragraphs, planned_titles
from .session import Ahead
from .style import PrintSettings, Style
from .text.compose import Request, set_paragraph
from .text.titles import _word_ends, segmenter

BATCH = 16                  # paragraphs taken at a time


def render_ahead(issue, style: Style, book: FontBook) -> list[Ahead]:
    """A render's work ahead, the costliest first: the titles' words (one task), the
    photos, the paragraphs."""
    photos = [block.path for page in issue.pages for module in page.modules
              for block in module.article.blocks if isinstance(block, Photo)]
    photos += [picture.path for page in issue.pages for fixed in page.fixed
               for picture in getattr(fixed, "pictures", ())]
    return [*titles_ahead(planned_titles(issue), style.words + issue.words),
            *photos_ahead(photos, style.print),
            *paragraphs_ahead(planned_paragraphs(issue, style), book)]


def titles_ahead(texts: list[str], words: tuple[str, ...] = ()) -> list[Ahead]:
    """The word ends of the titles a render may have to wrap, guessed and the dictionary's
    own (`titles.break_costs` asks both), in one task (the dictionary's lookups remembered
    in one process)."""
    ours = segmenter(words)
    return _word_ends.ahead([(ours, text, guess) for text in texts if text.strip()
                             for guess in (True, False)], batch=0)


def photos_ahead(paths: list[Path], press: PrintSettings) -> list[Ahead]:
    """The photos made press-ready, one task each; a photo that cannot be read is reported
    when the page is drawn."""
    if not press.profile.is_file():
        return []           # write_pdf says so, naming the package
    return _press_ready_photo.ahead([(path, press) for path in paths],
                                    skip=(OSError, BroadsheetError))


def paragraphs_ahead(requests: list[Request], book: FontBook) -> list[Ahead]:
    """The paragraphs `compose` will be asked for, longest first, BATCH to a task."""
    for face in {book.face(request.role) for request in requests}:
        book.metrics(face)                  # each face opened here, not in every worker
    return set_paragraph.ahead([(request, book) for request in requests], batch=BATCH,
                               order=lambda request, _: -len(request.text),
                               skip=(BroadsheetError,))
