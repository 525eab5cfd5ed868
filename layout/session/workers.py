"""Work spread over the machine's cores: forked worker processes beside this one.

Forked, so the workers start at once with everything this process has loaded (fonts, metrics,
the issue) and nothing is pickled to them; only results come back. Each process, this one
included, takes the next item from a shared counter until none is left, so all finish
together however uneven the items. The results are the ones a serial run gives: same code,
same inputs; an item a worker could not do (it raised, or died) is done again here, where its
error surfaces as it would without workers — at once: a worker whose item raised stops every
process taking more.

No worker outlives the render: whatever way this process leaves `fork_map` (an error, an
interrupt) it ends the workers it has not heard from, and a worker dies with this process even
when it is killed outright (Linux's parent-death signal). Workers hold none of this process's
output open, so `broadsheet render … | cat` ends when the render does.
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass
from typing import Callable


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0))


def fork_map(function, items: list, jobs: int, flush: Callable[[], None],
             finishing: list, meanwhile: Callable[[], None] | None = None) -> list:
    """[function(item) for item in items], on `jobs` processes (this one and jobs − 1 forked
    workers). `flush` writes what a process stored on disk; workers still writing theirs
    after sending their results go on `finishing` (see `finish`). `meanwhile()` is work of
    this process's own, done before it takes items (the workers, started first, take more)."""
    jobs = min(jobs, len(items))
    if jobs < 2:
        if meanwhile is not None:
            meanwhile()
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    flush()             # what this process stored is written by this process, once
    collecting = gc.isenabled()     # (the console command runs without the collector)
    if collecting:
        gc.collect()    # garbage freed here, not copied to the workers
        gc.freeze()     # the workers' garbage collector leaves our objects be: no page copying
    workers: list = []
    try:
        for _ in range(jobs - 1):
            workers.append(_start(context, function, items, counter, flush))
        if meanwhile is not None:
            meanwhile()
        done = dict(_take(function, items, counter))
        while workers:
            worker, results = workers[0]
            try:
                done.update(results.recv())
                finishing.append(worker)    # still writing its cache entries: see finish()
            except EOFError:                # it died: its items are done again below
                worker.join()
            workers.pop(0)
    finally:
        if collecting:
            gc.unfreeze()
        for worker, _ in workers:           # left early (an error, an interrupt): end them
            worker.kill()
            worker.join()
    return [done[n] if n in done else function(item) for n, item in enumerate(items)]


def finish(finishing: list) -> None:
    """Wait for the workers still writing what they made to the disk cache: they send their
    results first and write after, while this process goes on with them."""
    while finishing:
        worker = finishing.pop()
        try:
            worker.join()
        except BaseException:               # interrupted while waiting: end it, and the rest
            worker.kill()
            for other in finishing:
                other.kill()
            raise


def _start(context, function, items, counter, flush):
    """A worker and the pipe its results come back by. (Not a Pool: its tasks travel through
    threads that wait for this process while it is busy with its own share.)"""
    results, send = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(function, items, counter, send, flush,
                                                 os.getpid()), daemon=True)
    worker.start()
    send.close()
    return worker, results


def _work(function, items, counter, send, flush, parent: int) -> None:
    _die_with(parent)
    done: list = []
    try:
        _take(function, items, counter, done)
    except Exception:       # noqa: BLE001 — the parent does this item again, and fails there
        with counter.get_lock():
            counter.value = len(items)      # … promptly: nobody takes another item
    send.send(done)
    send.close()
    flush()


PR_SET_PDEATHSIG = 1        # <linux/prctl.h>


def _die_with(parent: int) -> None:
    """Tie this worker's life to its parent's: killed when the parent ends, however it ends;
    default signal handling (Ctrl-C ends it quietly: the parent reports it); its output away
    from the parent's stdout and stderr, which a pipe's reader waits on."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:              # it ended before the call above
        os._exit(1)
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, 1)
    os.dup2(nowhere, 2)
    os.close(nowhere)


def _take(function, items, counter, done: list | None = None) -> list[tuple[int, object]]:
    """(n, function(items[n])) for each item this process takes, into `done`."""
    done = [] if done is None else done
    while True:
        with counter.get_lock():
            n = counter.value
            counter.value += 1
        if n >= len(items):
            return done
        done.append((n, function(items[n])))


@dataclass(frozen=True)
class Ahead:
    """Work a stage can do before its turn: `run()` in any process (its result comes back
    pickled), then `keep(result)` in this one. `run` returns None rather than raise: bad
    input is left for the stage to report where it belongs."""
    run: Callable[[], object]
    keep: Callable[[object], None] | None = None
