"""The on-disk store of work already done: an optimisation only, never a dependency.

What is kept is whatever a memoised stage function declares it keeps on disk (`memo.py`):
fonts' family names, font subsets, press-ready photos and their crops, set paragraphs, the
words of titles, stories' measured shapes, pages' make-up solutions. Entries are keyed on
what they are made from — a file's path, size and modification time, the inputs, the code
that makes them — so a changed font or photo never meets a stale entry. (Not on the
libraries' versions: a subset made by an older HarfBuzz, a photo converted by an older
Pillow, is still right. A solver's and a segmenter's are, whose answers may differ.)

The entries live in one SQLite database (`cache.sqlite3`): a render reads and writes about a
thousand small entries, which SQLite does several times faster than as many files, and it
keeps renders running at the same time safe (WAL: readers never see half an entry). A
damaged entry or database is rebuilt or done without; an entry that is not what its kind
holds counts as missing and is written over; a database another program keeps locked is
waited for LOCK_WAIT once, then not written by this process. Set BROADSHEET_CACHE to move it, or
BROADSHEET_NO_CACHE=1 to do without.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from pathlib import Path

VERSION = "20"               # bump when the store's own layout changes
MAX_ENTRIES = 100_000       # beyond this the oldest go (an eight-page issue makes ~1 000)
FLUSH_EVERY = 2_000
LOCK_WAIT = 1.0     # seconds a write waits for another process's: then it is done without


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


def pickled(value) -> bytes:
    """`value` as the store keeps it."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class Disk:
    """The disk store as one session sees it: a database per folder and process (a
    connection must not cross into a forked worker; BROADSHEET_CACHE may change)."""

    def __init__(self):
        self.databases: dict[tuple[Path, int], _Database | None] = {}

    def current(self) -> _Database | None:
        """The database this process uses now, or None (no cache, or it cannot be opened)."""
        root = cache_dir()
        if root is None:
            return None
        here = (root, os.getpid())
        if here not in self.databases:
            database = _open(root)
            self.databases[here] = _Database(database) if database is not None else None
        return self.databases[here]

    def lookup_many(self, kind: str, keys: list[str], well_formed=None) -> dict:
        """The values stored under (`kind`, key) for those of `keys` that have one (and that
        `well_formed` accepts: else a miss, made again and written over)."""
        base = self.current()
        return {} if base is None else base.lookup_many(kind, keys, well_formed)

    def stored_keys(self, kind: str, keys: list[str]) -> set[str]:
        """Those of `keys` that have a value under `kind`, found without reading the values."""
        base = self.current()
        return set() if base is None else base.stored_keys(kind, keys)

    def store(self, kind: str, key: str, value) -> None:
        """Keep `value` under (`kind`, `key`): written with the others at the next `flush`."""
        self.store_pickled(kind, key, pickled(value))

    def store_pickled(self, kind: str, key: str, data: bytes) -> None:
        """`store` of a value already `pickled`."""
        base = self.current()
        if base is not None:
            base.pending[(kind, key)] = data, time.time()
            if len(base.pending) >= FLUSH_EVERY:
                base.flush()

    def remember_pickled(self, kind: str, key: str, data: bytes) -> None:
        """Let this process find a `pickled` value another process made and writes itself."""
        base = self.current()
        if base is not None:
            base.known[(kind, key)] = data

    def flush(self) -> None:
        """Write what this process stored since the last flush."""
        for (_, pid), base in self.databases.items():
            if base is not None and pid == os.getpid():
                base.flush()


class _Database:
    """One cache database as this process sees it, with the entries it has yet to write."""

    def __init__(self, database: sqlite3.Connection):
        self.database = database
        self.pending: dict[tuple[str, str], tuple[bytes, float]] = {}
        self.known: dict[tuple[str, str], bytes] = {}     # written by another process
        self.writable = True

    def lookup_many(self, kind: str, keys: list[str], well_formed) -> dict:
        stored = {key: self.pending[(kind, key)][0] for key in keys if (kind, key) in self.pending}
        stored.update((key, self.known[(kind, key)]) for key in keys
                      if key not in stored and (kind, key) in self.known)
        written = [key for key in keys if key not in stored]    # a value in memory is the newest
        stored.update(self.select("key, value", kind, written))
        found = {}
        for key, value in stored.items():
            try:
                value = pickle.loads(value)
            except Exception:   # noqa: BLE001 — a damaged entry fails in any way: made again
                continue
            # An entry that unpickles to anything but what its kind holds (written by hand,
            # by another program, or damaged) would fail the render that uses it, and every
            # render after: it counts as missing, and is made again and written over.
            if well_formed is None or well_formed(value):
                found[key] = value
        return found

    def stored_keys(self, kind: str, keys: list[str]) -> set[str]:
        found = {key for key in keys if (kind, key) in self.pending or (kind, key) in self.known}
        return found | {key for key, in self.select("key", kind, keys)}

    def select(self, columns: str, kind: str, keys: list[str]) -> list[tuple]:
        """`columns` of the written entries of `kind` under `keys` (none if the database fails)."""
        rows: list[tuple] = []
        try:
            for start in range(0, len(keys), 500):          # SQLite's limit on parameters
                part = keys[start:start + 500]
                rows += self.database.execute(
                    f"SELECT {columns} FROM entries WHERE kind = ? AND key IN "
                    f"({', '.join('?' * len(part))})", (kind, *part))
        except sqlite3.Error:
            pass
        return rows

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
