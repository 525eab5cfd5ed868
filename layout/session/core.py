"""The session object and which one is active (see the package's description)."""
from __future__ import annotations

import atexit
from contextlib import contextmanager
from contextvars import ContextVar

from .disk import Disk
from .workers import Ahead, finish, fork_map


class Session:
    """Memo tables, the disk store and the worker processes of one or more renders."""

    def __init__(self, disk: bool = True):
        self.tables: dict[str, dict] = {}       # memo name → its entries in memory
        self.disk = Disk() if disk else None    # None: nothing read from or kept on disk
        self.finishing: list = []               # workers still writing their disk entries

    def table(self, name: str) -> dict:
        """The memory table of the memo `name` (made empty on first use)."""
        table = self.tables.get(name)
        if table is None:
            table = self.tables[name] = {}
        return table

    @contextmanager
    def active(self):
        """This session as the one the stages remember in, for the block's duration."""
        token = _CURRENT.set(self)
        try:
            yield self
        finally:
            _CURRENT.reset(token)

    def map(self, function, items: list, jobs: int, meanwhile=None) -> list:
        """[function(item) for item in items] on `jobs` processes (`workers.fork_map`), this
        session the active one in each; `meanwhile()` done in this one first."""
        with self.active():
            return fork_map(function, items, jobs, self.flush, self.finishing, meanwhile)

    def work_ahead(self, tasks: list[Ahead], jobs: int) -> None:
        """Do `tasks` on `jobs` processes, the costliest first as listed. With one job nothing
        is done: each stage does its work when it gets there, as it would anyway."""
        if jobs < 2 or not tasks:
            return
        with self.active():
            for task, result in zip(tasks, self.map(lambda task: task.run(), tasks, jobs)):
                if task.keep is not None and result is not None:
                    task.keep(result)

    def flush(self) -> None:
        """Write what this process stored on disk since the last flush."""
        if self.disk is not None:
            self.disk.flush()

    def settle(self) -> None:
        """Wait for the workers still writing their disk entries: none outlives a render."""
        finish(self.finishing)


_DEFAULT = Session()            # the process's: the one active outside any `active()` block
atexit.register(_DEFAULT.flush)
_CURRENT: ContextVar[Session] = ContextVar("broadsheet_session", default=_DEFAULT)


def current() -> Session:
    """The active session: the one a `with session.active():` block set (in this thread),
    else the process's default one."""
    return _CURRENT.get()
