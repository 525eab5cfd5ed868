"""Work on forked workers: the serial results, in order; a failure surfaces here as without."""
import os
import time

import pytest

from layout.parallel import fork_map


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
