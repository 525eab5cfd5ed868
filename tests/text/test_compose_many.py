"""Paragraphs set ahead in worker processes, and lines as the disk cache and the workers pickle
them: the same lines as set here, one by one."""
import pickle

from composer_checks import shared_book
from layout.ahead import BATCH, paragraphs_ahead
from layout.session import Session
from layout.text.compose import Request, TextSettings, compose

SETTINGS = TextSettings()
TEXTS = ["晋中市第{}次全会召开，会议强调：“锚定目标、实干笃行”——2024年GDP增长5.2%，"
         "详见https://www.sxjzdaily.com/{}。两会期间（1月5日—8日）……".format(n, n) * (1 + n % 3)
         for n in range(120)]


def requests(measure=117.0):
    return [Request(text, measure, 9.0, "body", SETTINGS, indent_em=2.0) for text in TEXTS]


def set_ahead(session, book, jobs=2) -> int:
    """Paragraphs set ahead on `jobs` processes: how many are then in memory."""
    before = len(session.table("lines"))
    session.work_ahead(paragraphs_ahead(requests(), book), jobs)
    return len(session.table("lines")) - before


def test_paragraphs_set_by_workers_are_the_ones_set_here(clean_session):
    book = shared_book()
    with Session(disk=False).active():
        serial = [compose(r.text, measure=r.measure, size=r.size, role=r.role, book=book,
                          settings=r.settings, indent_em=r.indent_em) for r in requests()]
    assert set_ahead(clean_session, book) == len(TEXTS)    # the workers set them all
    ahead = [compose(r.text, measure=r.measure, size=r.size, role=r.role, book=book,
                     settings=r.settings, indent_em=r.indent_em) for r in requests()]
    assert ahead == serial


def test_with_one_job_paragraphs_are_left_to_compose(clean_session):
    assert set_ahead(clean_session, shared_book(), jobs=1) == 0


def test_paragraphs_already_on_disk_are_not_set_again(clean_session):
    book = shared_book()
    assert len(paragraphs_ahead(requests(), book)) == -(-len(TEXTS) // BATCH)
    assert set_ahead(clean_session, book) == len(TEXTS)
    clean_session.flush()                                   # this process's entries written
    clean_session.settle()                                  # … and the workers'
    with Session().active() as fresh:                       # a new process: memory empty
        assert paragraphs_ahead(requests(), book) == []     # … but the disk has them
        assert len(fresh.table("lines")) == len(TEXTS)      # (read from it as they were asked)


def test_lines_survive_pickling_whole():
    book = shared_book()
    texts = TEXTS[:3] + ["——竖排“引号”与1.5倍的……", "Broadsheet  双空格"]
    lines = [line for text in texts
             for line in compose(text, measure=80.0, size=9.0, role="body", book=book,
                                 settings=SETTINGS, indent_em=2.0)]
    assert pickle.loads(pickle.dumps(lines)) == lines
    dashes = [g for line in lines for g in line.glyphs if g.scale_x != 1.0]
    assert dashes                                           # scaled glyphs round-trip too
