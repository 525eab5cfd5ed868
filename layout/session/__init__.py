"""The render session: everything a render remembers, in one object.

The stages (`text/`, `page/`, `backends/`, `fonts`) are plain functions of their inputs. What
is worth not doing twice they declare with `@memoised` (`memo.py`: the function's name, the
inputs that key it, whether it is kept on disk), and the session holds the rest:
- the memo tables, in memory: set paragraphs, PDF text operators, faces' metrics, … each
  table by its memoised function's name, bounded where it can grow with the work;
- the disk store (`disk.py`, one SQLite file) for the memos kept between processes;
- the worker processes (`workers.py`): work a stage can do before its turn, offered as
  `Ahead` tasks (a memo's `ahead(calls)`; which calls, `layout/ahead.py` says, for the whole
  render), and many calls of a memo at once (`map`), run on
  forked workers and this process; workers write their disk entries after sending their
  results, and `settle` waits for them.

One session is active at a time in a thread (`current()`; `with session.active():` makes one
so): a render activates the one it was given (`serve` keeps one between renders, so an edit
re-sets only the paragraphs and re-writes only the PDF lines that changed); a test makes its
own, clean one; anything else uses the process's default session.
"""
from __future__ import annotations

from .core import Session, current
from .disk import cache_dir, file_key
from .memo import Memo, memoised, package_version
from .workers import Ahead, cores

__all__ = ["Ahead", "Memo", "Session", "cache_dir", "cores", "current", "file_key", "memoised",
           "package_version"]
