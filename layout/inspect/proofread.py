"""Proofreading (校对): the words themselves, and the masthead items the quality rules check.

Layout never looks at what the text says; this module does. It takes the article files'
texts as `article.read_texts` reads them, with the line and column of every character, and
``issue.toml`` with the place of each key (`masthead`), so that each finding points at the
place in the file the editor has to change:

* `check_article(path)`: one article file — punctuation, mixed script, number forms;
* `check_issue(issue_dir, previous_number)`: every article the issue places, plus the masthead
  (CN number, 总期号 against the previous issue, weekday and lunar date, 版序 of every page);
* the findings (`findings.Finding`, with file, line and column) are listed by
  `findings.listing`, with the exit status.

Rules (GB/T 15834-2011 标点符号用法, GB/T 15835-2011 出版物上数字用法, 《报纸期刊质量管理规定》),
severity in brackets; "Chinese" below means a Han character or a full-width Chinese mark:

* ``unbalanced-quote`` / ``unbalanced-bracket`` [error]: “” ‘’ 「」 『』 / （） 《》 〈〉 【】 〔〕
  ［］ that do not pair up within a paragraph or title. A quotation running over several
  paragraphs (each paragraph opening with “, only the last one closing) is correct usage.
* ``halfwidth-punct`` [error]: ASCII , ; : ? ! ( ) " next to a Chinese character, or ``.``
  after one.
* ``doubled-mark`` [error]: two of ，。、；：？！ in a row (？！, ！！ and ？？ are allowed).
* ``space-in-chinese`` [warning]: a space between two Chinese characters in body text. In
  headlines, subheads, bylines and captions one space between phrases is house style; two or
  more are flagged. The space after a paragraph's dateline (新华社北京6月11日电 …, 本报讯 …,
  with its （记者 …）) is convention and not flagged.
* ``dash`` [error; warning for ―― typed with U+2015]: ``—``, ``-``, ``--``, ``———`` where the
  破折号 ``——`` belongs: at the start of a paragraph or title, next to a Chinese mark, or
  doubled. A single ``—`` or ``-`` between two Han characters is left alone: it is the 连接号 of
  北京—上海 and 吐鲁番-哈密盆地 as often as a mistyped 破折号. A single ``-`` right before a
  number, with no digit or letter before it, is the number's sign (-2.06亿元), not a dash.
* ``ellipsis`` [error]: ``...``, ``。。。``, a single ``…`` where ``……`` belongs.
* ``latin-in-chinese`` [warning]: a lower-case Latin word inside a Chinese sentence (the seed's
  stray "and"). Abbreviations (GDP), single letters (V类), mixed case (iPhone), units after a
  number (30 km), URLs and words in brackets or quotes are left alone.
* ``fullwidth-alnum`` [warning]: full-width digits or letters (２０２４, ＧＤＰ).
* ``number-form`` [warning]: one article writing the same kind of quantity both ways —
  years (2024年 / 二〇二四年), dates (1月5日 / 一月五日), decimals with 万/亿 (3.8万 / 三点八万),
  percentages (5% / 百分之五); the less used form is flagged, on a tie the Chinese one — or a
  Chinese year with ○/0/零 for 〇. Numerals in fixed
  expressions (一年, 七个, 五届七次, 第一产业, “十四五”) are correct usage and never counted.
* ``cn-number`` [error]: the CN number is not CN + 2-digit region + "-" + 4-digit serial, the
  region is not a province code, or the serial is outside the newspapers' 0001–0999.
* ``postal-code`` [warning]: the 邮发代号 is not like 21-22.
* ``issue-number`` [error; warning for a gap]: 总期号 not the previous issue's + 1.
* ``date`` [error]: the date is missing, unreadable or outside the calendar, or the stated
  weekday/lunar date is not the one the date gives.
* ``page-number`` [error]: a page without a 版序, or pages not numbered 1, 2, 3, … in order.
* ``empty-page`` [warning]: a page with nothing on it (no story, ad or picture module, and no
  story that may jump to it): it prints blank.
* ``markup`` [warning]: something that looks like markup the format does not set and would be
  printed as typed — a ``#`` heading, a ``|`` row that is no table, a ``>``, ``- `` or ``|``
  starting a line inside a paragraph, ``[text](url)`` links, HTML tags, backticks, ``~~``/``__``,
  ``*``/``**`` without its pair (``*ST`` is a stock's name, not markup).
* ``flattened-table`` [warning]: FLATTENED_RUN or more paragraphs in a row, each one short
  line with no clause mark (公司名称 / 上会日期 / 保荐机构 / 杭州高特电子设备股份有限公司 /
  2026/1/13 …): a table copied from a web page one cell to a paragraph, which would be set
  as that many paragraphs; marked up as a table it is set as one.
* ``manifest`` [error]: anything else `load_issue` refuses (a missing article file, …).
* ``file`` [error]: an article file that cannot be read.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..read import markup
from ..read.markup import TABLE_EXAMPLE
from ..read.article import Text, read_texts
from ..text.charclass import CHINESE_MARKS, CLOSING, OPENING, is_chinese, is_han
from .findings import Emit, Finding, by_place, emitter, file_finding
from .masthead import check_masthead
from .numberforms import check_number_forms

ERROR = "error"
WARNING = "warning"


# ---------------------------------------------------------------------------------------------
# character classes

# Quote marks: (opening, closing). The others in BRACKETS pair the same way.
QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
BRACKETS = {"（": "）", "《": "》", "〈": "〉", "【": "】", "〔": "〕", "［": "］", "〖": "〗"}
PAIRS = QUOTES | BRACKETS
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
# ASCII marks that have a full-width form in Chinese text, and that form.
HALFWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
             ".": "。"}
# Pause and stop marks that never stand two in a row; ？ and ！ may combine among themselves.
SENTENCE_MARKS = "，。、；：？！"
SPACES = " \u3000\u00a0"
# A table copied one cell to a paragraph: this many paragraphs in a row, each no longer than
# a cell and without a sentence mark (a run of real paragraphs that short is not news copy).
FLATTENED_RUN = 6
CELL_CHARS = 30
CLAUSE_MARKS = "，。；：？！"     # not 、, which a cell may hold (中金公司、中信建投)

# Common English words and their Chinese: the fix offered for a stray word.
ENGLISH_WORDS = {"and": ("和", "与"), "or": ("或",), "with": ("与", "同"), "of": ("的",),
                 "the": (), "is": ("是",), "in": ("在",), "to": ("到", "向"), "for": ("为",)}


# ---------------------------------------------------------------------------------------------
# text rules

def check_article(path: Path) -> list[Finding]:
    """Proofread one article file."""
    path = Path(path)
    file = str(path)
    try:
        texts = read_texts(path)
    except (OSError, UnicodeDecodeError) as error:
        return [file_finding(ERROR, "file", file, 1, 1, "", f"cannot read the article ({error})",
                        "save it as UTF-8 text")]
    findings: list[Finding] = []
    body = [index for index, text in enumerate(texts) if text.kind == "body"]
    following = {this: texts[after].text for this, after in zip(body, body[1:])}
    for index, text in enumerate(texts):
        _check_text(text, emitter(findings, file, text), following.get(index))
    check_number_forms(texts, file, findings)
    _check_flattened_tables(texts, file, findings)
    return by_place(findings)


def _check_flattened_tables(texts: list[Text], file: str, findings: list[Finding]) -> None:
    """Runs of paragraphs that read as a table's cells, one warning at each run's start."""
    run: list[Text] = []
    for text in [*texts, None]:
        if text is not None and text.paragraph and len(text.text) <= CELL_CHARS and not any(
                mark in text.text for mark in CLAUSE_MARKS):
            run.append(text)
            continue
        if len(run) >= FLATTENED_RUN:
            first, last = run[0].where[0][0], run[-1].where[-1][0]
            emitter(findings, file, run[0])(
                WARNING, "flattened-table", 0, len(run[0].text),
                f"{len(run)} paragraphs in a row (lines {first}–{last}) of one short line "
                f"each, without a clause mark ({CLAUSE_MARKS}), read as a table stored one "
                "cell to a paragraph: they would be set as that many paragraphs",
                "mark them up as a table — a header row, a |---| row, then one row a line: "
                f"{TABLE_EXAMPLE.replace(chr(10), '  ')} — or join them into sentences")
        run = []


def _check_text(text: Text, emit: Emit, following: str | None) -> None:
    """All single-text rules, in an order where the more specific rule claims a span first."""
    claimed: set[int] = set()
    _check_ellipses(text.text, emit, claimed)
    _check_dashes(text.text, emit, claimed)
    _check_doubled(text.text, emit, claimed)
    _check_halfwidth(text.text, emit, claimed)
    _check_balance(text.text, emit, following)
    _check_spaces(text, emit)
    _check_latin(text.text, emit)
    _check_fullwidth(text.text, emit)
    _check_markup(text, emit)


def _check_markup(text: Text, emit: Emit) -> None:
    """Markup the format does not set, which would be printed as typed."""
    for stray in markup.stray_markup(text.text, block_start=text.paragraph):
        emit(WARNING, "markup", stray.start, stray.end, stray.message, stray.fix)
    if text.kind == "title" and not text.inline:
        for at, size in markup.markers(text.text):
            emit(WARNING, "markup", at, at + size, f"'{'*' * size}' in a title, caption or table "
                 "cell is printed as typed", "emphasis is set in paragraphs, quotes, list "
                 "items, sidebars and the 编者按 only: remove the asterisks")
    if not text.paragraph:
        return
    for k in range(1, len(text.text)):
        if text.where[k][0] == text.where[k - 1][0]:
            continue                        # not the first character of a typed line
        rest = text.text[k:]
        if rest[0] in ">|" or rest.startswith("- ") or rest.startswith("::"):
            emit(WARNING, "markup", k, k + 1, f"'{rest[0]}' starting a line inside a "
                 "paragraph is printed as typed",
                 "put a blank line before it to start a quote, list or table there, or "
                 "remove the mark")


def _around(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The characters just before `start` and at `end` (None at the ends of the text)."""
    return (text[start - 1] if start > 0 else None, text[end] if end < len(text) else None)


_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|．{3,}|…+")


def _check_ellipses(text: str, emit: Emit, claimed: set[int]) -> None:
    for match in _ELLIPSIS.finditer(text):
        run = match.group()
        if run[0] == "…" and len(run) in (2, 4):      # ……, or …………  for omitted paragraphs
            continue
        before, after = _around(text, match.start(), match.end())
        if run[0] == "." and not (is_chinese(before) or is_chinese(after)):
            continue                                # an English text's own "..."
        claimed.update(range(match.start(), match.end()))
        emit(ERROR, "ellipsis", match.start(), match.end(),
             f"{run!r} is not the Chinese ellipsis", "use …… (two U+2026)")


_EM_DASHES = re.compile(r"—+")
_HYPHENS = re.compile(r"[-－–―─]+")


def _check_dashes(text: str, emit: Emit, claimed: set[int]) -> None:
    for match in _EM_DASHES.finditer(text):
        run, start, end = match.group(), match.start(), match.end()
        if len(run) == 2:
            continue
        before, after = _around(text, start, end)
        if len(run) > 2 or before is None or after is None or before in CHINESE_MARKS \
                or after in CHINESE_MARKS:
            claimed.update(range(start, end))
            emit(ERROR, "dash", start, end, f"{run!r} where the dash —— belongs", "use ——")
    for match in _HYPHENS.finditer(text):
        run, start, end = match.group(), match.start(), match.end()
        before, after = _around(text, start, end)
        if _is_minus(text, start, end):
            continue                                # -2.06亿元: a negative number, not a dash
        if not (is_chinese(before) or is_chinese(after)):
            continue                                # 0354-3111178, CN14-0023, COVID-19
        if run == "――":
            emit(WARNING, "dash", start, end, "the dash is typed as ―― (U+2015)",
                 "use —— (two U+2014)")
        elif len(run) > 1 or before is None or before in CHINESE_MARKS \
                or after in CHINESE_MARKS:
            emit(ERROR, "dash", start, end, f"{run!r} where the dash —— belongs", "use ——")
        else:
            continue
        claimed.update(range(start, end))


def _is_minus(text: str, start: int, end: int) -> bool:
    """A single hyphen or minus right before a number (or its currency sign) where no digit
    or Latin letter comes before it: the number's sign (-2.06亿元, （-3℃）, ¥-120)."""
    before, after = _around(text, start, end)
    number = after is not None and (after.isdigit() or (
        after in "¥$€£￥" and end + 1 < len(text) and text[end + 1].isdigit()))
    return end - start == 1 and number and not (before and before.isascii() and before.isalnum())


_DOUBLED = re.compile(f"[{SENTENCE_MARKS}]{{2,}}")


def _check_doubled(text: str, emit: Emit, claimed: set[int]) -> None:
    for match in _DOUBLED.finditer(text):
        run, start, end = match.group(), match.start(), match.end()
        if set(run) <= set("？！") or claimed & set(range(start, end)):
            continue
        claimed.update(range(start, end))
        keep = next((m for m in "？！。" if m in run), run[0])
        emit(ERROR, "doubled-mark", start, end, f"the marks {run!r} stand together",
             f"keep one mark: {keep!r}")


def _check_halfwidth(text: str, emit: Emit, claimed: set[int]) -> None:
    quotes = 0
    for index, char in enumerate(text):
        if char == '"':
            quotes += 1
        if index in claimed or (char not in HALFWIDTH and char != '"'):
            continue
        before, after = _around(text, index, index + 1)
        if char == ".":
            wrong = is_han(before) or (before is not None and before in CLOSING)
        else:
            wrong = is_chinese(before) or is_chinese(after)
        if not wrong:
            continue
        if char == '"':
            full = "“" if quotes % 2 else "”"
        else:
            full = HALFWIDTH[char]
        emit(ERROR, "halfwidth-punct", index, index + 1,
             f"half-width {char!r} in Chinese text", f"use {full}")


def _check_balance(text: str, emit: Emit, following: str | None) -> None:
    """Quotes and brackets pair up within the text. `following` is the next paragraph, for a
    quotation that runs on into it."""
    stack: list[tuple[str, int]] = []           # (opening mark, index)
    reported: set[int] = set()                  # stray closing quotes taken as opening ones

    def rule(mark: str) -> str:
        return "unbalanced-quote" if mark in QUOTES or mark in QUOTES.values() \
            else "unbalanced-bracket"

    for index, char in enumerate(text):
        if char in PAIRS:
            if char in QUOTES and stack and stack[-1][0] == char:
                # “ inside “…”: the editor meant to close it
                stack.pop()
                emit(ERROR, rule(char), index, index + 1,
                     f"{char} inside an open {char}{PAIRS[char]}",
                     f"write {PAIRS[char]} to close the quotation")
                continue
            stack.append((char, index))
        elif char in CLOSERS:
            opening = CLOSERS[char]
            if char == "’" and index > 0 and text[index - 1].isascii() \
                    and text[index - 1].isalpha():
                continue                            # an apostrophe: it’s
            if any(mark == opening for mark, _ in stack):
                while stack[-1][0] != opening:
                    mark, at = stack.pop()
                    emit(ERROR, rule(mark), at, at + 1, f"{mark} is never closed",
                         f"add {PAIRS[mark]} where it ends, or delete the {mark}")
                stack.pop()
            elif opening in QUOTES:
                # a closing quote with nothing open: taken as a mistyped opening one
                stack.append((opening, index))
                reported.add(index)
                emit(ERROR, rule(char), index, index + 1,
                     f"{char} with no {opening} before it",
                     f"write {opening} if the quotation begins here, else add {opening} where "
                     f"it begins")
            else:
                emit(ERROR, rule(char), index, index + 1, f"{char} with no {opening} before it",
                     f"add {opening} where it begins, or delete the {char}")
    for mark, at in stack:
        if at in reported:
            continue
        if mark in QUOTES and following is not None and following.startswith(mark):
            continue        # a quotation over several paragraphs: each opens, the last closes
        emit(ERROR, rule(mark), at, at + 1, f"{mark} is never closed",
             f"add {PAIRS[mark]} where it ends, or delete the {mark}")


_SPACE_RUN = re.compile(f"[{SPACES}]+")


# A news paragraph's dateline (电头): 新华社北京6月11日电, 本报讯, with a parenthesised
# reporter line, then one space before the story by convention: those spaces are no error.
_DATELINE = re.compile(r"[^，。；！？\n]{0,30}?(?:(?:\d{1,2}月\d{1,2}日)?电|讯)"
                       r"(?:[ \u3000]?[（(][^）)\n]{0,30}[）)])?[ \u3000]?")


def _check_spaces(text: Text, emit: Emit) -> None:
    dateline = _DATELINE.match(text.text) if text.kind == "body" else None
    for match in _SPACE_RUN.finditer(text.text):
        start, end = match.start(), match.end()
        before, after = _around(text.text, start, end)
        if dateline and end <= dateline.end():
            continue
        if text.kind == "body":
            if is_chinese(before) and is_chinese(after):
                emit(WARNING, "space-in-chinese", start, end, "a space inside Chinese text",
                     "delete the space")
        elif end - start > 1:
            emit(WARNING, "space-in-chinese", start, end,
                 f"{end - start} spaces between phrases", "keep one space")


_LATIN_TOKEN = r"[A-Za-z0-9]+(?:[.\-/@:_'’&+][A-Za-z0-9]+)*"
_LATIN_PHRASE = re.compile(f"{_LATIN_TOKEN}(?:[ \u00a0]+{_LATIN_TOKEN})*")
_LOWER_WORD = re.compile(r"[a-z]{2,}")


def _check_latin(text: str, emit: Emit) -> None:
    for match in _LATIN_PHRASE.finditer(text):
        tokens = match.group().split()
        stray = [word for k, word in enumerate(tokens) if _LOWER_WORD.fullmatch(word)
                 and not (k > 0 and any(c.isdigit() for c in tokens[k - 1]))]
        if not stray:
            continue
        start, end = match.start(), match.end()
        left, right = start, end
        while left > 0 and text[left - 1] in SPACES:
            left -= 1
        while right < len(text) and text[right] in SPACES:
            right += 1
        before, after = _around(text, left, right)
        if before is None and after is None:
            continue
        if not ((before is None or is_chinese(before)) and (after is None or is_chinese(after))):
            continue                    # part of a Latin passage, or a unit after a number
        if (before is not None and before in OPENING) or (after is not None and after in CLOSING):
            continue                    # quoted or glossed on purpose: 人工智能（artificial …）
        phrase = match.group()
        chinese = ENGLISH_WORDS.get(phrase.lower()) if len(tokens) == 1 else None
        span = text[left:right]
        if chinese:
            fix = f"replace {span!r} with " + " or ".join(repr(c) for c in chinese)
        elif chinese == ():
            fix = f"delete {span!r}"
        else:
            fix = f"write {phrase!r} in Chinese, or delete it"
        emit(WARNING, "latin-in-chinese", start, end,
             f"Latin word{'s' if len(tokens) > 1 else ''} {phrase!r} inside a Chinese sentence",
             fix)


_FULLWIDTH = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+(?:[．，：／－][０-９Ａ-Ｚａ-ｚ]+)*")


def _check_fullwidth(text: str, emit: Emit) -> None:
    for match in _FULLWIDTH.finditer(text):
        half = "".join(chr(ord(c) - 0xFEE0) for c in match.group())
        emit(WARNING, "fullwidth-alnum", match.start(), match.end(),
             f"full-width {'digits' if match.group()[0].isdigit() else 'letters'} "
             f"{match.group()!r}", f"write {half!r} (GB/T 15835: half-width digits and letters)")


def check_issue(issue_dir: Path, previous_number: int | None = None) -> list[Finding]:
    """Proofread every article the issue places, and check its masthead, date and pages.

    `previous_number` is the 总期号 of the previous issue, if known."""
    issue_dir = Path(issue_dir)
    findings, articles = check_masthead(issue_dir, previous_number)
    for name in articles:
        path = issue_dir / name
        if path.is_file():
            findings += check_article(path)
    return by_place(findings)
