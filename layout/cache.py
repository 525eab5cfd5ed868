"""An on-disk cache of work already done: an optimisation only, never a dependency.

What is kept: font metrics and family names, converted font subsets, press-ready photos and
set paragraphs. Entries are keyed on what they are made from — a file's path, size and
modification time, the inputs, this code's version (the composer adds its own source) — so a
changed font or photo never meets a stale entry.

The entries live in one SQLite database (`cache.sqlite3`): a render reads and writes about a
thousand small entries, which SQLite does several times faster than as many files, and it
keeps renders running at the same time safe (WAL: readers never see half an entry). A
damaged entry or database is rebuilt or done without. Set BROADSHEET_CACHE to move it, or
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

import fontTools

VERSION = "7"               # bump when what is cached changes shape or meaning
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
    text = repr((VERSION, fontTools.version, str(path), info.st_size, info.st_mtime_ns, parts))
    return hashlib.sha1(text.encode()).hexdigest()


MISSING = object()


def cached(kind: str, key: str, make):
    """The value stored under (`kind`, `key`), or `make()` stored there first."""
    value = lookup(kind, key)
    if value is MISSING:
        value = make()
        store(kind, key, value)
    return value


def lookup(kind: str, key: str):
    """The value stored under (`kind`, `key`), or MISSING."""
    database = _database()
    if database is None:
        return MISSING
    try:
        if (kind, key) in _pending:
            return pickle.loads(_pending[(kind, key)][0])
        row = database.execute("SELECT value FROM entries WHERE kind = ? AND key = ?",
                               (kind, key)).fetchone()
        return MISSING if row is None else pickle.loads(row[0])
    except Exception:       # noqa: BLE001 — a damaged entry fails in any way: made again
        return MISSING


def lookup_many(kind: str, keys: list[str]) -> dict:
    """The values stored under (`kind`, key) for those of `keys` that have one."""
    database = _database()
    if database is None:
        return {}
    found = {}
    for key in keys:
        if (kind, key) in _pending:
            found[key] = pickle.loads(_pending[(kind, key)][0])
    try:
        for start in range(0, len(keys), 500):          # SQLite's limit on parameters
            part = keys[start:start + 500]
            rows = database.execute(
                f"SELECT key, value FROM entries WHERE kind = ? AND key IN "
                f"({', '.join('?' * len(part))})", (kind, *part))
            for key, value in rows:
                try:
                    found[key] = pickle.loads(value)
                except Exception:   # noqa: BLE001 — a damaged entry: made again
                    pass
    except sqlite3.Error:
        pass
    return found


def store(kind: str, key: str, value) -> None:
    """Keep `value` under (`kind`, `key`): written with the others at the next `flush`."""
    if _database() is None:
        return
    _pending[(kind, key)] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), time.time()
    if len(_pending) >= FLUSH_EVERY:
        flush()


def flush() -> None:
    """Write what was stored since the last flush, in one transaction: a thousand entries
    written one by one cost a tenth of a second, in one go a hundredth."""
    database = _database()
    rows = [(kind, key, value, made) for (kind, key), (value, made) in _pending.items()]
    _pending.clear()
    if database is None or not rows:
        return
    try:
        database.execute("BEGIN")
        database.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
        database.execute("COMMIT")
    except sqlite3.Error:           # read-only, full or locked for long: do without
        if database.in_transaction:
            database.execute("ROLLBACK")


FLUSH_EVERY = 2_000
_pending: dict[tuple[str, str], tuple[bytes, float]] = {}
atexit.register(flush)


_connections: dict[tuple[Path, int], sqlite3.Connection | None] = {}


def _database() -> sqlite3.Connection | None:
    """This process's connection to the cache database, or None. One per cache folder and
    process: a connection must not cross into a forked worker."""
    root = cache_dir()
    if root is None:
        return None
    here = (root, os.getpid())
    if here not in _connections:
        _connections[here] = _open(root)
    return _connections[here]


def _open(root: Path) -> sqlite3.Connection | None:
    try:
        root.mkdir(parents=True, exist_ok=True)
        database = sqlite3.connect(root / "cache.sqlite3", timeout=10, isolation_level=None,
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
