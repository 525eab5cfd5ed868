"""Title breaking: where headlines, decks, kickers, subheads, bylines, captions and credits
wrap when they take more than one line.

A headline is read in words and phrases, so it breaks only between words (jieba's segmenter,
with the style's and the issue's own words added), best at a typed space or after a mark,
then at a phrase boundary (before 和, 与, 在 …), and its lines come out about the same length —
but a title whose phrases are set apart by typed spaces keeps them whole before evening its
lines.
Names — a byline, a photo credit, a Latin name — never break while they fit on a line.
Body text does not come here: it keeps breaking between any two Han characters (clreq).

The segmenter is asked as little as can be: a title that fits on one line, or whose best
breaks are at its spaces and marks, never asks; the word ends of a text are kept in the disk
store; a render finds its titles' words ahead in a worker process (`ahead.titles_ahead`); and
`segmenter(words)` — memoised in the session, not module state a forked worker could see
half-made — opens its dictionary at most once per session. The dictionary is read from disk
a word at a time (`dictionary.py`): jieba's own load of it whole takes a second and a half.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from ..fonts import FontBook
from ..session import memoised, package_version
from . import charclass as cc
from . import dictionary
from .breaking import Sums
from .compose import Line, TextSettings, atomise, break_points, compose

# What a break costs, by where it falls (in the units of the balance term: em², so a break
# after a mark outweighs lines two characters apart in length).
AT_SPACE = 0.0          # a typed space between phrases: 「锚定目标 实干笃行」
AFTER_MARK = 0.0        # after ，：。？！、；” ）——
AT_PHRASE = 3.0         # before a word that opens a phrase (和, 与, 在, 将, 拟, 不断 …)
AFTER_PARTICLE = 4.0    # after 的 / 了 / 着 / 之, which close one
AT_WORD = 6.0           # any other boundary between two words
PHRASE_STUB = 12.0      # a phrase's last or first character alone beside a typed space: 「随处|见 打造」
INSIDE_PHRASE = 50.0    # any break but at a typed space between Chinese phrases, in a title that
                        # has one: the editor's own break, kept though its two lines then differ
                        # by up to 10 em 「联黎部队48小时内再次遭遇爆炸 / 以色列称正在调查」,
                        # not 「…遭遇 / 爆炸 以色列…」
UNKNOWN_WORD = 30.0     # between two characters the dictionary knows only one by one: 「碳中|和」
BEFORE_PARTICLE = 20.0  # a line starting with 的, 了, 吗 … reads as a stub
INSIDE_NAME = 1e5       # inside a byline's or credit's name, between a Latin name's words
IDEOGRAPHIC_SPACE = "\u3000"    # a full-width space: typed between phrases (or ISSUERS)
INSIDE_WORD = 1e6       # inside a word: only when no break between words fits
EXTRA_LINE = 1e4        # one more line: better than a name broken, worse than any word break
MIXED_LINE = 2 * EXTRA_LINE     # a line that holds a phrase space and only part of a phrase
                        # beside it (in a title set `whole_phrases`): 「韩国首尔发生严重踩踏 /
                        # 事故　至少153人遇难」 reads worse than a line more, 「韩国首尔发生 /
                        # 严重踩踏事故 / 至少153人遇难」
UNMIXED_LINES = 3       # …but a title takes a line more rather than a mixed line only up to
                        # this many (the make-up's MAX_HEADLINE_LINES): beyond them each line
                        # more costs a MIXED_LINE too — a title over two columns would take four
                        # lines, and the make-up lose that width (real B page 3 then left a
                        # story out)
INSIDE_DATE = 1e3       # inside a date (5月|25日, 2023年|5月): worse than any word break
INSIDE_BOOK_TITLE = 40.0    # inside 《》: 「《山河|锦绣》」 — a short one only where nothing else fits
SHORT_BOOK_TITLE = 6    # characters inside 《》 that break as one word
# Issuers named together before what they issue (中共中央　国务院印发…): the space between two
# of them is part of the list, not a space between phrases.
ISSUERS = frozenset("中共中央 国务院 中央军委 中办 国办 全国人大常委会 全国人大 全国政协 "
                    "中央纪委 国家监委 最高人民法院 最高人民检察院 中共中央办公厅 "
                    "国务院办公厅".split())
MORE_LINES = 3          # lines beyond the fewest the width allows that a title may take

# Words that open a phrase — conjunctions, prepositions, the adverbs and modals that begin a
# predicate — and particles that close one or may not start a line.
PHRASE_OPENERS = frozenset(
    "和 与 及 并 而 但 或 且 为 在 对 从 向 把 将 让 被 以 于 由 给 跟 同 自 至 到 经 据 按 拟 要 "
    "已 正 再 又 也 都 还 仍 均 不 未 曾 需 应 能 会 可 以及 并且 或者 但是 而且 为了 通过 关于 "
    "对于 随着 根据 按照 面对 围绕 已经 正在 将要 可能 应该 需要 不断 持续 进一步 全面 加快 "
    "推动 助力 如何 为何 怎样".split())
CLOSING_PARTICLES = frozenset("的 了 着 之 地 得 们".split())
NO_LINE_START_WORDS = frozenset("的 了 着 过 吗 呢 吧 啊 么 们 地 得".split())
MARKS_BEFORE_BREAK = cc.PAUSES | cc.STOPS | cc.CLOSING | frozenset("—…⋯!?,.;:")


class Segmenter:
    """Chinese word boundaries from jieba, with extra dictionary words (names, terms). The
    dictionary is opened on the first question, not when the segmenter is made."""

    def __init__(self, words: tuple[str, ...]):
        self.words = words
        self._tokenizer = None

    @property
    def loaded(self) -> bool:
        """Whether the dictionary has been opened (the first question opens it)."""
        return self._tokenizer is not None

    def word_ends(self, text: str, guess: bool = True) -> set[int]:
        """Offsets in `text` where a word ends (and the next begins). With `guess`, jieba's
        HMM also joins characters the dictionary does not know into words (names, mostly):
        fewer ends, each of them also an end without it. Kept in the disk cache, so that a
        render that meets only titles it has met before never loads the dictionary."""
        return set(_word_ends(self, text, guess))

    def cut(self, text: str, guess: bool) -> tuple[int, ...]:
        """Where the words of `text` end, asked of jieba (the dictionary opened if it is not)."""
        ends, at = [], 0
        for word in self._jieba().cut(text, HMM=guess):
            at += len(word)
            ends.append(at)
        return tuple(ends)

    def _jieba(self):
        if self._tokenizer is None:
            self._tokenizer = dictionary.tokenizer(self.words)
        return self._tokenizer


@memoised("words", disk=lambda segmenter, text, guess: (package_version("jieba"), text,
                                                         segmenter.words, guess),
          memory=0, well_formed=lambda ends: isinstance(ends, tuple)
          and all(isinstance(end, int) for end in ends))
def _word_ends(segmenter: Segmenter, text: str, guess: bool) -> tuple[int, ...]:
    return segmenter.cut(text, guess)


@memoised("segmenters", memory=8)
def segmenter(words: tuple[str, ...] = ()) -> Segmenter:
    """The segmenter with these extra words and the news terms jieba lacks (news_words.txt),
    made once per session."""
    return Segmenter(news_words() + words)


def news_words() -> tuple[str, ...]:
    """Words of current news jieba's dictionary cuts in pieces (碳中和, 非遗, 轨交 …)."""
    text = (Path(__file__).parent / "news_words.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class TitleText:
    """A title-like text and how its parts may break."""
    text: str
    names: bool = False                 # all of it is names (a byline): break at spaces only
    keep: tuple[tuple[int, int], ...] = field(default=())  # spans kept whole (a credit)
    whole_phrases: bool = False         # a line more rather than one holding part of a phrase
                                        # beside another (MIXED_LINE): a headline's own fit


def break_costs(title: TitleText, words: tuple[str, ...] = (), segment: bool = True
                ) -> tuple[list[float], set[int]]:
    """costs[k]: what a line break before text[k] costs (costs[0] is unused). Without
    `segment`, a break between two characters of running text is costed as the cheapest a
    word boundary can be (AT_PHRASE), not looked up; the second value is where that was done."""
    text = title.text
    costs = [0.0] * (len(text) + 1)
    guessed: set[int] = set()
    ends = None
    phrases = set() if title.names else set(phrase_spaces(text))
    for k in range(1, len(text)):
        before, after = text[k - 1], text[k]
        kept = any(start < k < end for start, end in title.keep)
        off_phrase = INSIDE_PHRASE if phrases and not {k - 1, k} & phrases else 0.0
        if before.isspace() or after.isspace():     # a name's spaces only when they must
            costs[k] = (INSIDE_NAME * (kept + _inside_latin_name(text, k)) or AT_SPACE
                        ) + off_phrase
            continue
        # a credit too long for a line breaks as running text does, at a cost (Frank／|美国)
        costs[k] = INSIDE_NAME if kept else 0.0
        if before in MARKS_BEFORE_BREAK:
            costs[k] += AFTER_MARK
        elif title.names:
            costs[k] += INSIDE_NAME
        elif not segment:
            costs[k] += AT_PHRASE
            guessed.add(k)
        else:
            if ends is None:
                ours = segmenter(words)
                ends = sorted(ours.word_ends(text) | {0})
                known = sorted(ours.word_ends(text, guess=False) | {0, len(text)})
            costs[k] += _word_break_cost(text, ends, k) + _unknown_word_cost(text, known, k)
        if before.isdigit() and cc.is_han(after):
            costs[k] += INSIDE_WORD     # a number with what it counts: 2023年, 100天, 1400多名
        elif _inside_date(text, k):
            costs[k] += INSIDE_DATE
        costs[k] += _inside_book_title_cost(text, k)
        costs[k] += _phrase_stub_cost(text, k)
        if before not in MARKS_BEFORE_BREAK:
            costs[k] += off_phrase
    return costs, guessed


def phrase_spaces(text: str) -> list[int]:
    """Where the title's typed spaces part its phrases: an ideographic space, or one between
    two words that hold Chinese (`_between_phrases`)."""
    return [k for k, char in enumerate(text) if char.isspace() and _between_phrases(text, k)]


def _between_phrases(text: str, k: int) -> bool:
    """Whether the typed space text[k] parts two Chinese phrases (not two ISSUERS named
    together): an ideographic space, or one between two words that hold Chinese — a word
    being the text between spaces, so a phrase may begin or end with a number (…1.13亿元
    2022年上市…) — but not one beside a Latin word (中国 GDP增长) or inside a number
    (41 760亿元), nor one that sets a number apart (增长 5.2% 以上)."""
    left, right = text[:k].rstrip(), text[k:].lstrip()
    if not (left and right):
        return False
    if any(left.endswith(name) for name in ISSUERS) and \
            any(right.startswith(name) for name in ISSUERS):
        return False                    # 中共中央　国务院印发…: issuers named together
    if text[k] == IDEOGRAPHIC_SPACE:
        return True
    before, after = left[-1], right[0]
    if _latin_letter(before) or _latin_letter(after) or (before.isdigit() and after.isdigit()):
        return False
    return any(map(cc.is_han, left.split()[-1])) and any(map(cc.is_han, right.split()[0]))


def _latin_letter(char: str) -> bool:
    return cc.is_latin_word_char(char) and not char.isdigit()


def phrases(text: str) -> list[str]:
    """A title's phrases: its text between the typed spaces that part them
    (`phrase_spaces`), each without the spaces around it."""
    ends = phrase_spaces(text)
    parts = [text[a:b] for a, b in zip([0] + [k + 1 for k in ends], ends + [len(text)])]
    return [part.strip() for part in parts if part.strip()]


def _word_break_cost(text: str, ends: list[int], k: int) -> float:
    """What a break before text[k] costs, `ends` being where the words end (sorted)."""
    at = bisect_left(ends, k)
    if at == len(ends) or ends[at] != k:
        return INSIDE_WORD
    previous = text[ends[at - 1]:k] if at else ""
    following = text[k:ends[at + 1]] if at + 1 < len(ends) else ""
    if following in NO_LINE_START_WORDS:
        return BEFORE_PARTICLE
    if following in PHRASE_OPENERS:
        return AT_PHRASE
    if previous in CLOSING_PARTICLES:
        return AFTER_PARTICLE
    return AT_WORD


def _unknown_word_cost(text: str, known: list[int], k: int) -> float:
    """Where the dictionary alone (no guessing) cuts text into single characters on both
    sides of k, k is likely inside a word it does not know (碳|中|和, 双|榜, 办|赛): jieba's
    guess then joins some of them, not always the right ones. A function word (和, 对, 的) is
    taken at its word; the words it ends (碳中和) are in news_words.txt. `known`: the
    dictionary's ends."""
    at = bisect_left(known, k)
    if at == len(known) or known[at] != k or at == 0:
        return 0.0
    before, after = text[known[at - 1]:k], text[k:known[at + 1]]
    if len(before) != 1 or len(after) != 1 or after in PHRASE_OPENERS or before in CLOSING_PARTICLES:
        return 0.0                      # a word of its own: 区|对非, 线|和 273
    return UNKNOWN_WORD if cc.is_han_letter(before) and cc.is_han_letter(after) else 0.0


def _inside_date(text: str, k: int) -> bool:
    """Whether k falls between a date's parts: after a number's 年 before a number's 月
    (2023年|5月), after a number's 月 before a number's 日 or 号 (5月|25日) — not inside a
    span of years (5年|100个)."""
    if k < 2 or not (text[k - 2].isdigit() and text[k].isdigit()):
        return False
    digits = k
    while digits < len(text) and text[digits].isdigit():
        digits += 1
    unit = text[digits:digits + 1]
    return (text[k - 1], unit) in (("年", "月"), ("月", "日"), ("月", "号"))


def _inside_book_title_cost(text: str, k: int) -> float:
    """What a break before text[k] inside 《…》 adds: a short title (SHORT_BOOK_TITLE
    characters or fewer) breaks as a word does, a longer one at INSIDE_BOOK_TITLE."""
    opened = text.rfind("《", 0, k)
    if opened < 0 or text.rfind("》", 0, k) > opened:
        return 0.0
    closed = text.find("》", k)
    if closed < 0:
        return 0.0
    return INSIDE_WORD if closed - opened - 1 <= SHORT_BOOK_TITLE else INSIDE_BOOK_TITLE


def _phrase_stub_cost(text: str, k: int) -> float:
    """A break that leaves one character of a phrase alone on a line beside the typed space
    that ends or begins the phrase: 「细节随处 / 见 打造」 reads as a stray character."""
    if text[k - 1].isspace() or text[k].isspace():
        return 0.0
    after_stub = k + 1 < len(text) and text[k + 1].isspace()
    before_stub = k >= 2 and text[k - 2].isspace()
    return PHRASE_STUB if after_stub or before_stub else 0.0


def _inside_latin_name(text: str, k: int) -> bool:
    """A space between two Latin words of a name (Jean Dupont, New York): kept."""
    left = text[:k].rstrip()
    right = text[k:].lstrip()
    return bool(left and right and cc.is_latin_word_char(left[-1])
                and cc.is_latin_word_char(right[0]) and right[0].isupper())


def set_title(title: TitleText, *, width: float, size: float, role: str, book: FontBook,
              settings: TextSettings, words: tuple[str, ...] = ()) -> list[Line]:
    """Lines of a title-like text, not justified: one line when it fits, else broken where
    `break_costs` says, into as few lines as a break between words allows, of even length."""
    one = compose(title.text, measure=width, size=size, role=role, book=book,
                  settings=settings, justify=False)
    if len(one) <= 1:
        return one
    lines = []
    for part in title_lines(title, width=width, size=size, role=role, book=book,
                            settings=settings, words=words):
        # Each part fits; should the composer still find it too wide, no text is lost.
        lines += compose(part, measure=width, size=size, role=role, book=book,
                         settings=settings, justify=False)
    return lines


def title_lines(title: TitleText, *, width: float, size: float, role: str, book: FontBook,
                settings: TextSettings, words: tuple[str, ...] = ()) -> list[str]:
    """The texts of a title's lines: the breaks that cost least, fewest lines first (kept in
    memory by `headline.set_ragged`, the one caller of `set_title`)."""
    atoms = atomise(title.text, role, book, settings)
    points = break_points(atoms, settings.line_break)
    sums = Sums(atoms)
    measure = width / size
    total = sums.natural[len(atoms)]

    def fits(i: int, j: int) -> tuple[bool, float]:
        natural = sums.line(i, j)[0]
        trailing = atoms[sums.end(i, j) - 1].spare_right            # dropped at the line end
        return natural - trailing <= measure + 1e-9, natural

    n = len(atoms)
    spaces = set(phrase_spaces(title.text)) if title.whole_phrases and not title.names \
        else set()

    def mixed(i: int, j: int) -> float:
        """MIXED_LINE if the line of atoms i … j-1 holds a phrase space and starts or ends
        inside a phrase."""
        start = atoms[i].start
        stop = atoms[j].start if j < n else len(title.text)
        if not any(start <= k and k + 1 < stop for k in spaces):
            return 0.0
        whole = (start == 0 or start - 1 in spaces) and \
            (stop == len(title.text) or stop - 1 in spaces)
        return 0.0 if whole else MIXED_LINE

    def best_ends(costs: list[float]) -> list[int]:
        chosen, least = None, math.inf
        fewest = max(1, math.ceil(total / measure))
        for count in range(fewest, min(len(points), fewest + MORE_LINES + 1)):
            if least < EXTRA_LINE * count:
                break                   # one more line costs more than the best so far
            found = _least_breaks(atoms, points, costs, fits, total / count, count, mixed)
            extra = EXTRA_LINE * count + (MIXED_LINE * max(0, count - UNMIXED_LINES)
                                          if spaces else 0.0)
            if found is not None and found[0] + extra < least:
                least, chosen = found[0] + extra, found[1]
        return chosen or [n]

    # Every break between words costs at least AT_PHRASE: when the best way, with each of them
    # costed so, breaks only at spaces and marks, it is the best way — no need for the words.
    costs, guessed = break_costs(title, words, segment=False)
    ends = best_ends(costs)
    if any(atoms[j].start in guessed for j in ends[:-1]):
        ends = best_ends(break_costs(title, words)[0])
    texts = []
    for i, j in zip([0] + ends[:-1], ends):
        start = atoms[i].start
        stop = atoms[j].start if j < n else len(title.text)
        texts.append(title.text[start:stop].strip())
    return [text for text in texts if text]


def _least_breaks(atoms, points, costs, fits, average: float, count: int, line_cost
                  ) -> tuple[float, list[int]] | None:
    """(cost, line ends) of the cheapest way through `points` in exactly `count` lines: the
    breaks' costs, each line's `line_cost(i, j)` and how far each line's width strays from
    `average` (em²)."""
    n = len(atoms)
    best: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, -1)}
    for made in range(1, count + 1):
        for a, i in enumerate(points[:-1]):
            if (i, made - 1) not in best:
                continue
            base = best[(i, made - 1)][0]
            for j in points[a + 1:]:
                ok, natural = fits(i, j)
                if not ok and j != points[a + 1]:
                    break                           # wider still from here on
                if (j == n) != (made == count):
                    continue                        # only the last line ends the title
                cost = base + (natural - average) ** 2 + (costs[atoms[j].start] if j < n else 0
                                                          ) + line_cost(i, j)
                if not ok:
                    cost += INSIDE_WORD * 10        # a lone unbreakable run wider than the line
                if (j, made) not in best or cost < best[(j, made)][0]:
                    best[(j, made)] = (cost, i)
    if (n, count) not in best:
        return None
    ends, j, made = [], n, count
    while made:
        ends.append(j)
        j = best[(j, made)][1]
        made -= 1
    return best[(n, count)][0], ends[::-1]
