"""The font cache is an optimisation, never a dependency: cold and warm renders are identical."""
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render(out: Path, cache: Path | None) -> bytes:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1704470400")      # fixed dates and IDs
    env.pop("BROADSHEET_NO_CACHE", None)
    if cache is None:
        env["BROADSHEET_NO_CACHE"] = "1"
    else:
        env["BROADSHEET_CACHE"] = str(cache)
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", "issues/3144", "-o",
                           str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def test_cold_warm_and_uncached_renders_are_byte_identical(tmp_path):
    cache = tmp_path / "cache"
    cold = render(tmp_path / "cold.pdf", cache)
    assert entries(cache) > 100                                  # the cold render filled it
    warm = render(tmp_path / "warm.pdf", cache)
    none = render(tmp_path / "none.pdf", None)
    assert hashlib.sha1(cold).digest() == hashlib.sha1(warm).digest() == hashlib.sha1(none).digest()


def test_a_damaged_cache_entry_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    good = render(tmp_path / "a.pdf", cache)
    with sqlite3.connect(cache / "cache.sqlite3") as database:
        database.execute("UPDATE entries SET value = x'00'")
    assert render(tmp_path / "b.pdf", cache) == good


def test_a_damaged_cache_database_is_done_without(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "cache.sqlite3").write_bytes(b"not a database" * 100)
    assert render(tmp_path / "a.pdf", cache) == render(tmp_path / "b.pdf", None)


def test_renders_at_the_same_time_share_the_cache(tmp_path):
    """Two renders filling one empty cache together both finish, with the same PDF."""
    cache = tmp_path / "cache"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1704470400", BROADSHEET_CACHE=str(cache))
    runs = [subprocess.Popen([sys.executable, "-m", "layout.cli", "render", "issues/3144", "-o",
                              str(tmp_path / f"{n}.pdf")], cwd=ROOT, env=env,
                             stderr=subprocess.PIPE) for n in range(2)]
    for run in runs:
        assert run.wait() == 0, run.stderr.read().decode()
    assert (tmp_path / "0.pdf").read_bytes() == (tmp_path / "1.pdf").read_bytes()
    assert render(tmp_path / "again.pdf", cache) == (tmp_path / "0.pdf").read_bytes()


def entries(cache: Path) -> int:
    with sqlite3.connect(cache / "cache.sqlite3") as database:
        return database.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_entries_of_the_wrong_type_are_made_again_and_written_over(tmp_path):
    """Issue 21: a readable entry holding the wrong kind of value (here the number 42 in
    every entry) failed every later render until the cache was deleted."""
    import pickle
    cache = tmp_path / "cache"
    good = render(tmp_path / "a.pdf", cache)
    wrong = pickle.dumps(42)
    with sqlite3.connect(cache / "cache.sqlite3") as database:
        database.execute("UPDATE entries SET value = ?", (wrong,))
    assert render(tmp_path / "b.pdf", cache) == good
    with sqlite3.connect(cache / "cache.sqlite3") as database:
        left = database.execute("SELECT kind FROM entries WHERE value = ?", (wrong,))
        # healed: each one read written over. A title's words are only looked for by key
        # ahead of the render and read when the title wraps (none of the sample's does).
        assert {kind for kind, in left} <= {"words"}


def test_a_title_whose_stored_words_are_of_the_wrong_type_is_cut_again(clean_session):
    from layout.text.titles import Segmenter, _word_ends
    ours = Segmenter(())
    clean_session.disk.store("words", _word_ends.disk_key(ours, "锚定目标实干笃行", True), 42)
    assert ours.word_ends("锚定目标实干笃行") == {2, 4, 6, 8}      # 锚定 目标 实干 笃行


def test_a_cache_another_program_keeps_locked_is_waited_for_once(tmp_path, clean_session):
    """Issue 21: a locked database cost 10 s at every write; now LOCK_WAIT once, then this
    process goes on without writing."""
    import time

    from layout.session.disk import LOCK_WAIT
    folder = tmp_path / "cache"
    disk = clean_session.disk
    disk.store("test", "first", 1)
    disk.flush()                                        # the database exists
    holder = sqlite3.connect(folder / "cache.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        for n in range(5):
            disk.store("test", f"k{n}", n)
            disk.flush()
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert waited < 2 * LOCK_WAIT + 0.5
    assert disk.lookup_many("test", ["first"]) == {"first": 1}              # still read


def test_every_entry_a_render_stores_is_what_its_kind_holds(tmp_path):
    """Each memo's description of its values (`well_formed`, which turns entries of the
    wrong type into misses) matches what the stage stores: were a stage to change what it
    keeps without it, every look-up would miss, silently."""
    import pickle

    from layout.backends.pdf import _photo_stream, _press_ready_photo
    from layout.backends.pdfx import _compressed_profile
    from layout.fonts import _family_names, _subset
    from layout.page.measure import _measured_shapes
    from layout.text.compose import set_paragraph
    from layout.text.titles import _word_ends
    memos = {memo.name: memo for memo in (_photo_stream, _press_ready_photo, _compressed_profile,
                                          _family_names, _subset, _measured_shapes,
                                          set_paragraph, _word_ends)}
    cache = tmp_path / "cache"
    render(tmp_path / "a.pdf", cache)
    with sqlite3.connect(cache / "cache.sqlite3") as database:
        rows = database.execute("SELECT kind, value FROM entries").fetchall()
    kinds = {kind for kind, _ in rows}
    assert {"families", "lines", "subsets", "profiles", "photos", "photo-streams"} <= kinds
    assert [kind for kind, value in rows
            if not memos[kind].well_formed(pickle.loads(value))] == []
