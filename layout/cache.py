"""An on-disk cache of work already done: an optimisation only, never a dependency.

What is kept: fonts' family names, font subsets, press-ready photos and their crops, set
paragraphs. Entries are keyed on what they are made from — a file's path, size and
modification time, the inputs, this code's version (the composer adds its own source) — so a
changed font or photo never meets a stale entry. (Not on the libraries' versions: a subset
made by an older HarfBuzz, a photo converted by an older Pillow, is still right.)

The entries live in one SQLite database (`cache.sqlite3`): a render reads and writes about a
thousand small entries, which SQLite does several times faster than as many files, and it
keeps renders running at the same time safe (WAL: readers never see half an entry). A
damaged entry or database is rebuilt or done without; an entry that is not what its kind
holds counts as missing and is written over; a database another program keeps locked is
waited for LOCK_WAIT once, then not written by this process. Set BROADSHEET_CACHE to move it, or
BROADSHEET_NO_CACHE=1 to do without.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import sqlite3
import time
from pathlib import Path

VERSION = "19"               # bump when what is cached changes shape or meaning
MAX_ENTRIES = 100_000       # beyond this the oldest go (an eight-page issue makes ~1 000)


def cache_dir() -> Path | None:
    if os.environ.get("BROADSHEET_NO_CACHE"):
        return None
    root = os.environ.get("BROADSHEET_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "broadsheet")
    return Path(root)


def file_key(path: Path, *parts) -> str:
    """A key for work done on a file (a font, a photo): its identity plus whatever else it used."""
    info = path.stat()
    text = repr((VERSION, str(path), info.st_size, info.st_mtime_ns, parts))
    return hashlib.sha1(text.encode()).hexdigest()


def cached(kind: str, key: str, make):
    """The value stored under (`kind`, `key`), or `make()` stored there first."""
    found = lookup_many(kind, [key])
    if key in found:
        return found[key]
    value = make()
    store(kind, key, value)
    return value


def lookup_many(kind: str, keys: list[str]) -> dict:
    """The values stored under (`kind`, key) for those of `keys` that have one."""
    cache = _current()
    if cache is None:
        return {}
    stored = {key: cache.pending[(kind, key)][0] for key in keys if (kind, key) in cache.pending}
    stored.update((key, cache.known[(kind, key)]) for key in keys
                  if key not in stored and (kind, key) in cache.known)
    written = [key for key in keys if key not in stored]    # a value in memory is the newest
    stored.update(_select(cache, "key, value", kind, written))
    found = {}
    for key, value in stored.items():
        try:
            value = pickle.loads(value)
        except Exception:       # noqa: BLE001 — a damaged entry fails in any way: made again
            continue
        if _well_formed(kind, value):   # else a miss too: made again, and written over
            found[key] = value
    return found


def _well_formed(kind: str, value) -> bool:
    """Whether `value` is what entries of `kind` hold. An entry that unpickles to anything
    else (written by hand, by another program, or damaged) would fail the render that uses
    it, and every render after: it counts as missing, and is made again and written over."""
    if kind == "lines":
        from .text.compose import Line
        return isinstance(value, tuple) and all(isinstance(line, Line) for line in value)
    if kind == "subsets":
        from .fonts import FontSubset
        return isinstance(value, FontSubset)
    if kind == "photos":                # the separated photo, pixels the ink guard touched
        from PIL import Image
        return _parts(value, Image.Image, int)
    if kind == "photo-streams":         # width, height, compressed pixels, the guard's count
        return _parts(value, int, int, bytes, tuple) and _parts(value[3], int, int)
    if kind == "families":
        return isinstance(value, list) and all(isinstance(name, str) for name in value)
    if kind == "profiles":
        return isinstance(value, bytes)
    if kind == "words":                 # where the words of a title end
        return isinstance(value, tuple) and all(isinstance(end, int) for end in value)
    if kind == "shapes":                # a story's measured shapes (make-up)
        from .page.measure import Shape
        return isinstance(value, list) and all(isinstance(shape, Shape) for shape in value)
    return True


def _parts(value, *types) -> bool:
    """Whether `value` is a tuple of values of `types`, in order."""
    return (isinstance(value, tuple) and len(value) == len(types)
            and all(isinstance(part, kind) for part, kind in zip(value, types)))


def stored_keys(kind: str, keys: list[str]) -> set[str]:
    """Those of `keys` that have a value under `kind`, found without reading the values."""
    cache = _current()
    if cache is None:
        return set()
    found = {key for key in keys if (kind, key) in cache.pending or (kind, key) in cache.known}
    return found | {key for key, in _select(cache, "key", kind, keys)}


def _select(cache: "_Cache", columns: str, kind: str, keys: list[str]) -> list[tuple]:
    """`columns` of the written entries of `kind` under `keys` (none if the database fails)."""
    rows: list[tuple] = []
    try:
        for start in range(0, len(keys), 500):          # SQLite's limit on parameters
            part = keys[start:start + 500]
            rows += cache.database.execute(
                f"SELECT {columns} FROM entries WHERE kind = ? AND key IN "
                f"({', '.join('?' * len(part))})", (kind, *part))
    except sqlite3.Error:
        pass
    return rows


def store(kind: str, key: str, value) -> None:
    """Keep `value` under (`kind`, `key`): written with the others at the next `flush`."""
    store_pickled(kind, key, pickled(value))


def pickled(value) -> bytes:
    """`value` as the cache keeps it."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def store_pickled(kind: str, key: str, data: bytes) -> None:
    """`store` of a value already `pickled`."""
    cache = _current()
    if cache is None:
        return
    cache.pending[(kind, key)] = data, time.time()
    if len(cache.pending) >= FLUSH_EVERY:
        cache.flush()


def remember_pickled(kind: str, key: str, data: bytes) -> None:
    """Let this process find a `pickled` value another process made and writes itself."""
    cache = _current()
    if cache is not None:
        cache.known[(kind, key)] = data


def flush() -> None:
    """Write what this process stored since the last flush."""
    for (_, pid), cache in _caches.items():
        if cache is not None and pid == os.getpid():
            cache.flush()


FLUSH_EVERY = 2_000
LOCK_WAIT = 1.0     # seconds a write waits for another process's: then it is done without


class _Cache:
    """One cache database as this process sees it, with the entries it has yet to write."""

    def __init__(self, database: sqlite3.Connection):
        self.database = database
        self.pending: dict[tuple[str, str], tuple[bytes, float]] = {}
        self.known: dict[tuple[str, str], bytes] = {}     # written by another process
        self.writable = True

    def flush(self) -> None:
        """Write the pending entries in one transaction: a thousand entries written one by
        one cost a tenth of a second, in one go a hundredth."""
        rows = [(kind, key, value, made) for (kind, key), (value, made) in self.pending.items()]
        self.pending.clear()
        if not rows or not self.writable:
            return
        try:
            self.database.execute("BEGIN")
            self.database.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
            self.database.execute("COMMIT")
        except sqlite3.Error:
            # Read-only, full, or locked longer than LOCK_WAIT (another program holds it):
            # this process writes no more, rather than wait at every flush.
            self.writable = False
            if self.database.in_transaction:
                self.database.execute("ROLLBACK")


_caches: dict[tuple[Path, int], _Cache | None] = {}
atexit.register(flush)


def _current() -> _Cache | None:
    """The cache this process uses now (BROADSHEET_CACHE may change), or None. One per folder
    and process: a connection must not cross into a forked worker."""
    root = cache_dir()
    if root is None:
        return None
    here = (root, os.getpid())
    if here not in _caches:
        database = _open(root)
        _caches[here] = _Cache(database) if database is not None else None
    return _caches[here]


def _open(root: Path) -> sqlite3.Connection | None:
    try:
        root.mkdir(parents=True, exist_ok=True)
        database = sqlite3.connect(root / "cache.sqlite3", timeout=LOCK_WAIT,
                                   isolation_level=None,
                                   check_same_thread=False)
        database.execute("PRAGMA journal_mode = WAL")
        database.execute("PRAGMA synchronous = NORMAL")    # a crash may lose entries, not data
        database.execute("CREATE TABLE IF NOT EXISTS entries (kind TEXT, key TEXT, value BLOB, "
                         "made REAL, PRIMARY KEY (kind, key))")
        _trim(database)
        return database
    except (OSError, sqlite3.Error):
        return None                             # unwritable or damaged: render without it


def _trim(database: sqlite3.Connection) -> None:
    """Keep the cache bounded: beyond MAX_ENTRIES, the entries made longest ago go."""
    (count,) = database.execute("SELECT count(*) FROM entries").fetchone()
    if count > MAX_ENTRIES:
        database.execute("DELETE FROM entries WHERE rowid IN (SELECT rowid FROM entries "
                         "ORDER BY made LIMIT ?)", (count - MAX_ENTRIES * 9 // 10,))
