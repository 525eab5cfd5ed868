"""Work on forked workers: the serial results, in order; a failure surfaces here as without."""
import os
import time

import pytest

from layout.session import Session, memoised
from layout.session.disk import _open


def fork_map(function, items: list, jobs: int) -> list:
    return Session(disk=False).map(function, items, jobs)


def test_results_are_the_serial_ones_in_order_and_workers_did_some():
    def work(n):
        time.sleep(0.005)           # long enough that the worker gets its share
        return n * n, os.getpid()
    pids = fork_map(work, list(range(100)), jobs=2)
    assert [square for square, _ in pids] == [n * n for n in range(100)]
    assert len({pid for _, pid in pids}) == 2               # this process and one worker


def test_an_item_that_fails_raises_here_as_it_would_serially():
    def work(n):
        if n == 7:
            raise ValueError("item 7")
        return n
    with pytest.raises(ValueError, match="item 7"):
        fork_map(work, list(range(20)), jobs=2)


def test_one_job_or_one_item_runs_here():
    assert fork_map(lambda n: os.getpid(), [1, 2, 3], jobs=1) == [os.getpid()] * 3
    assert fork_map(lambda n: os.getpid(), [1], jobs=4) == [os.getpid()]


@pytest.mark.parametrize("jobs", [1, 2])
def test_this_process_does_its_own_work_meanwhile_and_the_workers_take_more(jobs):
    here = os.getpid()
    meanwhile = []

    def own_work():
        time.sleep(0.2)                 # (the solver's import, in the make-up)
        meanwhile.append((os.getpid(), time.monotonic()))

    def work(n):
        started = time.monotonic()
        time.sleep(0.005)
        return n * n, os.getpid(), started
    done = Session(disk=False).map(work, list(range(40)), jobs, meanwhile=own_work)
    assert [square for square, _, _ in done] == [n * n for n in range(40)]
    [(pid, finished)] = meanwhile                       # once, in this process,
    assert pid == here
    assert all(started >= finished for _, pid, started in done if pid == here)  # first
    if jobs == 2:       # the worker took items meanwhile
        assert any(pid != here and started < finished for _, pid, started in done)


@memoised("test", disk=lambda n: n, memory=0)
def made_by(n: int) -> tuple[int, int]:
    time.sleep(0.005)
    return n, os.getpid()


def test_what_workers_store_is_on_disk_once_settled(clean_session, tmp_path):
    """Workers send their results, then write what they stored to the disk while this
    process goes on; `settle` waits for them, and what a worker sent back is found here at
    once."""
    clean_session.work_ahead(made_by.ahead([(n,) for n in range(40)]), jobs=2)
    found = [made_by.look_up((n,)) for n in range(40)]      # here at once, from memory
    assert [n for n, _ in found] == list(range(40))
    assert len({pid for _, pid in found}) == 2              # both processes made some …
    clean_session.settle()
    clean_session.flush()
    fresh = _open(tmp_path / "cache")                       # … and both wrote theirs
    rows = fresh.execute("SELECT count(*) FROM entries WHERE kind = 'test'").fetchone()[0]
    assert rows == 40


def test_a_failing_item_fails_the_map_promptly(tmp_path):
    """Issue 21: an item that raises in a worker stops every process taking more; it is done
    again here, where its error surfaces — not after the whole list has been worked through.
    Counted in items begun (each process appends one line per item), not in seconds, so that
    a loaded machine cannot fail it."""
    begun = tmp_path / "begun"

    def work(n):
        with open(begun, "a") as log:
            log.write(f"{n}\n")
        time.sleep(0.05)
        if n == 4:
            raise ValueError("item 4")
        return n
    with pytest.raises(ValueError, match="item 4"):
        fork_map(work, list(range(80)), jobs=2)
    assert len(begun.read_text().split()) < 40          # of 80: stopped, not worked through


def test_when_this_process_fails_its_workers_are_ended():
    """Issue 21: a failure here (or an interrupt) leaves no worker behind — one blocked for
    ever sending a result nobody reads, holding the render's stdout open."""
    import multiprocessing
    parent = os.getpid()

    def work(n):
        if os.getpid() == parent and n > 2:
            raise ValueError("here")
        time.sleep(0.05)
        return b"x" * 1_000_000             # more than a pipe holds: the send blocks
    with pytest.raises(ValueError, match="here"):
        fork_map(work, list(range(60)), jobs=2)
    assert multiprocessing.active_children() == []

