"""jieba's dictionary read from disk a word at a time (layout/text/dictionary.py): the same
words as jieba's dictionary loaded whole, without the second and a half of loading it."""
import logging
import multiprocessing
from pathlib import Path

import jieba
import pytest

from layout.text.dictionary import DiskDictionary, dictionary_file, opened, tokenizer
from layout.text.titles import news_words

REAL_NEWS = Path(__file__).resolve().parent.parent / "data" / "realnews"


def real_lines() -> list[str]:
    """Titles and the openings of paragraphs of the real news articles in tests/data."""
    lines = []
    for path in sorted(REAL_NEWS.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(line.strip().lstrip("#> ")[:40])
    return list(dict.fromkeys(lines))


def test_the_dictionary_on_disk_cuts_real_news_as_jieba_in_memory_does():
    jieba.setLogLevel(logging.WARNING)
    in_memory = jieba.Tokenizer()
    in_memory.initialize()
    for word in news_words():
        in_memory.add_word(word)
    on_disk = tokenizer(news_words())
    assert isinstance(on_disk.FREQ, DiskDictionary)
    lines = real_lines()
    assert len(lines) > 1000
    for guess in (True, False):
        for line in lines:
            assert list(on_disk.cut(line, HMM=guess)) == list(in_memory.cut(line, HMM=guess))
    assert on_disk.total == in_memory.total


class SmallTokenizer:
    """A stand-in for a jieba tokenizer: its dictionary, where it keeps its cache."""

    def __init__(self, folder: Path):
        self.tmp_dir = str(folder)
        self.FREQ = {"中": 50, "中国": 100, "中国人": 20, "国": 30, "人": 40}
        self.total = 240
        self.loads = 0

    def initialize(self):
        self.loads += 1


def test_the_file_is_written_once_and_read_a_word_at_a_time(tmp_path):
    small = SmallTokenizer(tmp_path)
    path = dictionary_file(small)
    assert path.parent == tmp_path and small.loads == 1
    assert dictionary_file(small) == path and small.loads == 1     # there: not written again
    assert list(tmp_path.iterdir()) == [path]                      # no part file left
    words = DiskDictionary(path)
    assert words.total == 240
    assert "中国" in words and words["中国人"] == 20 and words.get("中") == 50
    assert "美国" not in words and words.get("美国", 1) == 1
    with pytest.raises(KeyError):
        words["美国"]
    words["美国"] = 7                                               # add_word's way
    assert words["美国"] == 7 and DiskDictionary(path).get("美国") is None


def _look_up(words: DiskDictionary, pipe) -> None:
    pipe.send((words.get("中国"), "国" in words, words.get("美")))


def test_a_forked_worker_reads_with_a_connection_of_its_own(tmp_path):
    words = DiskDictionary(dictionary_file(SmallTokenizer(tmp_path)))
    assert words["人"] == 40                   # the parent's connection opened before the fork
    context = multiprocessing.get_context("fork")
    mine, theirs = context.Pipe()
    worker = context.Process(target=_look_up, args=(words, theirs))
    worker.start()
    assert mine.recv() == (100, True, None)
    worker.join()
    assert worker.exitcode == 0 and len(words.connections) == 1


def test_a_file_that_cannot_be_read_is_written_again_and_a_missing_folder_falls_back(tmp_path):
    small = SmallTokenizer(tmp_path)
    path = dictionary_file(small)
    path.write_bytes(b"")                          # left half-written, or another program's
    words = opened(small)
    assert words is not None and words["中国"] == 100 and path.stat().st_size > 0
    assert list(tmp_path.iterdir()) == [path]      # no part file or journal left
    assert opened(SmallTokenizer(tmp_path / "missing")) is None     # memory, not a traceback
