"""jieba's dictionary read from disk a word at a time, not loaded whole.

jieba keeps its dictionary in memory: every word and every prefix of one (half a million
keys) in the tokenizer's `FREQ` mapping, unmarshalled from its cache in 1.5 s here — most of
a one-page make-up's time, for the dozen titles it cuts. Its cut only asks `FREQ` about the
pieces of the text in hand (`in`, `[]`, `get`), so the same mapping kept in an SQLite file
(written once per jieba version, beside jieba's own cache) gives the same words with a few
hundred lookups per title. `FREQ` and `total` are the tokenizer's public attributes (jieba's
own `get_FREQ` reads them); words added with `add_word` stay in memory.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from ..session import package_version


def tokenizer(words: tuple[str, ...]):
    """A jieba tokenizer over the dictionary on disk, with `words` added."""
    import jieba
    jieba.setLogLevel(logging.WARNING)      # no "Building prefix dict…" on stderr
    words_tokenizer = jieba.Tokenizer()
    dictionary = opened(words_tokenizer)
    if dictionary is None:              # no file could be written: the dictionary in memory
        words_tokenizer.initialize()
    else:
        words_tokenizer.FREQ, words_tokenizer.total = dictionary, dictionary.total
        words_tokenizer.initialized = True
    for word in words:
        words_tokenizer.add_word(word)
    return words_tokenizer


def opened(jieba_tokenizer) -> DiskDictionary | None:
    """The dictionary on disk. A file there that cannot be read (half-written, damaged, not
    ours) is written again, once; None where none can be written (the folder is missing or
    read-only)."""
    for _ in range(2):
        try:
            return DiskDictionary(dictionary_file(jieba_tokenizer))
        except (OSError, sqlite3.Error):
            with suppress(OSError):
                _path(jieba_tokenizer).unlink()
    return None


def dictionary_file(jieba_tokenizer) -> Path:
    """jieba's dictionary as an SQLite file, written from the loaded dictionary if it is not
    there yet (once per machine and jieba version, as jieba writes its own cache)."""
    path = _path(jieba_tokenizer)
    if not path.exists():
        _write(jieba_tokenizer, path)
    return path


def _path(jieba_tokenizer) -> Path:
    folder = Path(jieba_tokenizer.tmp_dir or tempfile.gettempdir())
    # named as jieba's, not as a render's temporary folders (broadsheet-*), which go
    return folder / f"jieba-{package_version('jieba')}-words.sqlite3"


def _write(jieba_tokenizer, path: Path) -> None:
    """The file written whole under a name of this process's, then put in place: another
    process may be writing it too, and one that fails leaves nothing behind."""
    jieba_tokenizer.initialize()
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        database = sqlite3.connect(part)
        try:
            with database:
                database.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, "
                                 "freq INTEGER NOT NULL) WITHOUT ROWID")
                database.executemany("INSERT INTO freq VALUES (?, ?)",
                                     jieba_tokenizer.FREQ.items())
                database.execute("CREATE TABLE total (total INTEGER NOT NULL)")
                database.execute("INSERT INTO total VALUES (?)", (jieba_tokenizer.total,))
        finally:
            database.close()
        os.replace(part, path)
    finally:
        for left in (part, part.with_name(f"{part.name}-journal")):
            with suppress(OSError):
                left.unlink(missing_ok=True)


class DiskDictionary(Mapping):
    """jieba's `FREQ` (word or prefix → frequency, 0 for a prefix only) read from the file,
    each answer remembered; words set here (`add_word`) are kept in memory. The connection is
    opened per process: it must not cross into a forked worker."""

    def __init__(self, path: Path):
        self.path = path
        self.known: dict[str, int | None] = {}
        self.connections: dict[int, sqlite3.Connection] = {}
        self.total = self._query("SELECT total FROM total", ())
        if self.total is None or self._query("SELECT 1 FROM freq LIMIT 1", ()) is None:
            raise sqlite3.DatabaseError(f"{path} holds no dictionary")

    def _query(self, sql: str, parameters: tuple):
        pid = os.getpid()
        if pid not in self.connections:
            self.connections[pid] = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
        row = self.connections[pid].execute(sql, parameters).fetchone()
        return None if row is None else row[0]

    def _frequency(self, word: str) -> int | None:
        if word not in self.known:
            self.known[word] = self._query("SELECT freq FROM freq WHERE word = ?", (word,))
        return self.known[word]

    def __getitem__(self, word: str) -> int:
        frequency = self._frequency(word)
        if frequency is None:
            raise KeyError(word)
        return frequency

    def get(self, word: str, default=None):
        frequency = self._frequency(word)
        return default if frequency is None else frequency

    def __contains__(self, word) -> bool:
        return self._frequency(word) is not None

    def __setitem__(self, word: str, frequency: int) -> None:
        self.known[word] = frequency

    def __iter__(self):
        raise TypeError("jieba's dictionary on disk is read a word at a time, not listed")

    def __len__(self) -> int:
        raise TypeError("jieba's dictionary on disk is read a word at a time, not counted")
