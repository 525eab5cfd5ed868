"""Memoised stage functions: a pure function remembered by its declared inputs (as Typst's
comemo does), in the active session.

    @memoised("lines", key=lambda request, book: (request, book.face(request.role)),
              disk=lambda request, book: (request, fingerprints(request, book)),
              memory=50_000, code=COMPOSER_FILES, well_formed=is_lines)
    def set_paragraph(request, book): ...

- `key(*args)`: the inputs that decide the result, hashable: the memory table's key. By
  default the arguments themselves.
- `disk(*args)`: the same inputs as plain values whose repr is the same in any process (a
  file as `file_key`, a face by its file); given, the result is also kept on disk, under a
  hash of them, of the `code` files (paths from `layout/`, a folder for all its Python
  files: a change to the code that makes a result never meets the results it made before)
  and of the store's version.
- `ahead(calls)`: the calls neither memory nor disk has, as tasks for worker processes
  (`Session.work_ahead`), their results kept here; `map(calls, jobs)`: many calls at once
  on all cores.
- `memory`: entries kept in memory, the least recently used going first (None: all, for
  tables bounded by what they are keyed on, such as faces; 0: none, disk only).
- `well_formed(value)`: whether a value read from disk is what the function returns (else
  it is made again and written over).

The memo itself holds no state: its entries are the active session's (`current()`).
"""
from __future__ import annotations

import hashlib
import pickle
from functools import partial, update_wrapper
from importlib.metadata import version
from pathlib import Path

from .core import current
from .disk import VERSION, pickled
from .workers import Ahead

LAYOUT = Path(__file__).resolve().parent.parent
_MISSING = object()


def memoised(name: str, *, key=None, disk=None, memory: int | None = None,
             code: tuple[str, ...] = (), well_formed=None):
    """Declare a memoised stage function (see the module's description)."""
    def declare(function) -> Memo:
        return Memo(function, name, key, disk, memory, code, well_formed)
    return declare


def code_version(files: tuple[str, ...]) -> str:
    """A hash of these source files (paths from `layout/`; a folder: its Python files)."""
    paths = [path for name in files for path in (
        sorted((LAYOUT / name).glob("*.py")) if name.endswith("/") else [LAYOUT / name])]
    return hashlib.sha1(b"".join(path.read_bytes() for path in paths)).hexdigest()


class Memo:
    """A function remembered in the active session by its inputs."""

    def __init__(self, function, name: str, key, disk, memory: int | None,
                 code: tuple[str, ...], well_formed):
        update_wrapper(self, function)
        self.function, self.name = function, name
        self.key = key or _arguments
        self.disk_inputs, self.memory, self.well_formed = disk, memory, well_formed
        self.code = code_version(code) if code else ""

    def __call__(self, *args):
        session = current()
        table = session.table(self.name) if self.memory != 0 else None
        if table is not None:
            key = self.key(*args)
            value = table.get(key, _MISSING)
            if value is not _MISSING:
                if self.memory is not None:
                    table[key] = table.pop(key)         # the most recently used
                return value
        value = _MISSING
        disk = session.disk if self.disk_inputs is not None else None
        if disk is not None:
            disk_key = self.disk_key(*args)
            value = disk.lookup_many(self.name, [disk_key], self.well_formed).get(
                disk_key, _MISSING)
        if value is _MISSING:
            value = self.function(*args)
            if disk is not None:
                disk.store(self.name, disk_key, value)
        if table is not None:
            self._keep(table, key, value)
        return value

    def disk_key(self, *args) -> str:
        """The key of this call's result on disk."""
        text = repr((VERSION, self.code, self.disk_inputs(*args)))
        return hashlib.sha1(text.encode()).hexdigest()

    def _keep(self, table: dict, key, value) -> None:
        table[key] = value
        if self.memory is not None and len(table) > self.memory:
            del table[next(iter(table))]                # the least recently used

    def ahead(self, calls: list[tuple], *, batch: int = 1, order=None,
              skip: tuple[type[BaseException], ...] = ()) -> list[Ahead]:
        """The `calls` (argument tuples) whose results neither memory nor disk has, as work
        to do ahead in worker processes, in batches of `batch` (0: one batch), sorted by
        `order(*args)`. A worker keeps what it made on disk and sends it back: into this
        process's memory, or (a memo kept on disk only) where its disk look-up finds it.
        A call raising one of `skip` is left for the stage to make, and report, itself."""
        session = current()
        if self.memory != 0:
            table = session.table(self.name)
            calls = [call for key, call in {self.key(*call): call for call in calls}.items()
                     if key not in table]
        if session.disk is not None and self.disk_inputs is not None:
            keyed = {self.disk_key(*call): call for call in calls}
            if self.memory != 0:
                found = session.disk.lookup_many(self.name, list(keyed), self.well_formed)
                for key, value in found.items():
                    self._keep(table, self.key(*keyed[key]), value)
            else:
                found = session.disk.stored_keys(self.name, list(keyed))
            calls = [call for key, call in keyed.items() if key not in found]
        if order is not None:
            calls.sort(key=lambda call: order(*call))
        size = batch or max(len(calls), 1)
        return [Ahead(run=partial(self._make, calls[n:n + size], skip),
                      keep=partial(self._take, calls[n:n + size]))
                for n in range(0, len(calls), size)]

    def _make(self, calls: list[tuple], skip) -> list[tuple[int, bytes]]:
        """(index, pickled result) of each call made (in a worker), its result stored."""
        disk = current().disk if self.disk_inputs is not None else None
        done = []
        for n, call in enumerate(calls):
            try:
                data = pickled(self.function(*call))
            except skip:
                continue
            if disk is not None:
                disk.store_pickled(self.name, self.disk_key(*call), data)
            done.append((n, data))
        return done

    def _take(self, calls: list[tuple], done: list[tuple[int, bytes]]) -> None:
        """Keep what a worker made for `calls` (in this process)."""
        session = current()
        for n, data in done:
            if self.memory != 0:
                self._keep(session.table(self.name), self.key(*calls[n]), pickle.loads(data))
            elif session.disk is not None:
                session.disk.remember_pickled(self.name, self.disk_key(*calls[n]), data)

    def map(self, calls: list[tuple], jobs: int, meanwhile=None) -> list:
        """[self(*call) for call in calls], on `jobs` processes of the active session (and
        `meanwhile()` in this one first)."""
        return current().map(partial(_call, self), calls, jobs, meanwhile)

    def look_up(self, call: tuple):
        """This call's result if memory or disk has it, else None (nothing made)."""
        session = current()
        if self.memory != 0:
            value = session.table(self.name).get(self.key(*call), _MISSING)
            if value is not _MISSING:
                return value
        if session.disk is not None and self.disk_inputs is not None:
            key = self.disk_key(*call)
            return session.disk.lookup_many(self.name, [key], self.well_formed).get(key)
        return None

    def keep(self, call: tuple, value) -> None:
        """Remember `value` as the result of `call`, made elsewhere (on a thread)."""
        session = current()
        if self.memory != 0:
            self._keep(session.table(self.name), self.key(*call), value)
        if session.disk is not None and self.disk_inputs is not None:
            session.disk.store(self.name, self.disk_key(*call), value)


def _arguments(*args):
    return args


def _call(memo: Memo, call: tuple):
    return memo(*call)


@memoised("package versions")
def package_version(name: str) -> str:
    """The installed version of package `name`, for disk keys whose results depend on it
    (asking the installed packages costs a millisecond: once per session, not per call)."""
    return version(name)
