"""Proofreading (校对): the words themselves, and the masthead items the quality rules check.

Layout never looks at what the text says; this module does. It reads article files and
``issue.toml`` itself, keeping the line and column of every character, so that each finding
points at the place in the file the editor has to change:

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
* ``markup`` [warning]: something that looks like markup the format does not set and would be
  printed as typed — a ``#`` heading, a ``|`` row that is no table, a ``>``, ``- `` or ``|``
  starting a line inside a paragraph, ``[text](url)`` links, HTML tags, backticks, ``~~``/``__``,
  ``*``/``**`` without its pair (``*ST`` is a stock's name, not markup).
* ``manifest`` [error]: anything else `load_issue` refuses (a missing article file, …).
* ``file`` [error]: an article file that cannot be read.
"""
from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import markup
from ..calendar import date_line, parse_date
from ..errors import BroadsheetError
from .findings import Finding, by_place, file_finding
from ..article import Text, read_texts
from ..manifest import ISSUE_FILE, load_issue
from ..style import style_path
from ..text.charclass import CHINESE_MARKS, CLOSING, OPENING, is_chinese, is_han

ERROR = "error"
WARNING = "warning"
CONTEXT_CHARS = 10          # characters of context shown on each side of a finding


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
CHINESE_DIGITS = "〇一二三四五六七八九"
# Stand-ins for 〇 that editors type in Chinese-numeral years.
FALSE_ZEROS = "○Ｏ0O零"

# Common English words and their Chinese: the fix offered for a stray word.
ENGLISH_WORDS = {"and": ("和", "与"), "or": ("或",), "with": ("与", "同"), "of": ("的",),
                 "the": (), "is": ("是",), "in": ("在",), "to": ("到", "向"), "for": ("为",)}


# ---------------------------------------------------------------------------------------------
# text rules

Emit = Callable[[str, str, int, int, str, str], None]   # severity, rule, start, end, message, fix


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
        _check_text(text, _emitter(findings, file, text), following.get(index))
    _check_number_forms(texts, file, findings)
    return by_place(findings)


def _emitter(findings: list[Finding], file: str, text: Text) -> Emit:
    def emit(severity: str, rule: str, start: int, end: int, message: str, fix: str) -> None:
        line, column = text.where[start]
        findings.append(file_finding(severity, rule, file, line, column,
                                _context(text.text, start, end), message, fix))
    return emit


def _context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - CONTEXT_CHARS):start] + "【" + text[start:end] + "】"
            + text[end:end + CONTEXT_CHARS])


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


# ---------------------------------------------------------------------------------------------
# number forms (GB/T 15835)

@dataclass(frozen=True)
class _Form:
    """One kind of quantity that can be written in Arabic or in Chinese numerals."""
    name: str
    arabic: re.Pattern
    chinese: re.Pattern
    to_arabic: Callable[[str], str | None]
    to_chinese: Callable[[str], str | None]


def _cn_int(numeral: str) -> int | None:
    """二〇二四 → 2024, 十二 → 12, 一百零五 → 105; None for anything else."""
    digits = {c: k for k, c in enumerate(CHINESE_DIGITS)} | {c: 0 for c in FALSE_ZEROS}
    if numeral and all(c in digits for c in numeral):
        if len(numeral) == 1 or "十" not in numeral:
            return int("".join(str(digits[c]) for c in numeral))
    units = {"十": 10, "百": 100, "千": 1000}
    total, digit = 0, None
    for char in numeral:
        if char in digits:
            digit = digits[char]
        elif char in units:
            total += (1 if digit is None else digit) * units[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _int_cn(number: int) -> str:
    """12 → 十二, 105 → 一百零五, 0 → 〇 (numbers below 10000)."""
    if number == 0:
        return "〇"
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(("" if unit == "十" and number < 20 else CHINESE_DIGITS[digit]) + unit)
            zero = False
        else:
            zero = True
    return "".join(parts)


def _digits_cn(digits: str, zero: str = "〇") -> str:
    return "".join(zero if d == "0" else CHINESE_DIGITS[int(d)] for d in digits)


def _year_arabic(text: str) -> str | None:
    value = _cn_int(text[:-1])
    return None if value is None else f"{value}年"


def _date_arabic(text: str) -> str | None:
    month, day = text[:-1].split("月")
    month_value, day_value = _cn_int(month), _cn_int(day)
    if month_value is None or day_value is None:
        return None
    return f"{month_value}月{day_value}日"


def _date_chinese(text: str) -> str:
    month, day = text[:-1].split("月")
    return f"{_int_cn(int(month))}月{_int_cn(int(day))}日"


def _fraction_arabic(numeral: str) -> str | None:
    """The digits after 点: 零五 → 05."""
    digits = [CHINESE_DIGITS.index(c) if c in CHINESE_DIGITS else 0 if c in FALSE_ZEROS
              else None for c in numeral]
    return None if None in digits else "".join(map(str, digits))


def _decimal_arabic(text: str) -> str | None:
    whole, rest = text.split("点")
    value, fraction = _cn_int(whole), _fraction_arabic(rest[:-1])
    return None if value is None or fraction is None else f"{value}.{fraction}{rest[-1]}"


def _decimal_chinese(text: str) -> str:
    whole, rest = text[:-1].split(".")
    return f"{_int_cn(int(whole))}点{_digits_cn(rest, '零')}{text[-1]}"


def _percent_arabic(text: str) -> str | None:
    number = text[3:]
    if "点" in number:
        whole, rest = number.split("点")
        value, fraction = _cn_int(whole), _fraction_arabic(rest)
        return None if value is None or fraction is None else f"{value}.{fraction}%"
    value = _cn_int(number)
    return None if value is None else f"{value}%"


def _percent_chinese(text: str) -> str:
    number = text.rstrip("%％")
    if "." in number:
        whole, rest = number.split(".")
        return f"百分之{_int_cn(int(whole))}点{_digits_cn(rest, '零')}"
    return f"百分之{_int_cn(int(number))}"


_CN_YEAR_CHARS = CHINESE_DIGITS + FALSE_ZEROS
_CN_SMALL = "一二三四五六七八九十"
_CN_NUMBER = "零〇一二三四五六七八九十百千"

FORMS = (
    _Form("years", re.compile(r"(?<![0-9.])[0-9]{4}年"),
          re.compile(f"(?<![{_CN_YEAR_CHARS}十])(?=[^年]*[{CHINESE_DIGITS}])"
                     f"[{_CN_YEAR_CHARS}]{{4}}年"),
          _year_arabic, lambda t: _digits_cn(t[:-1]) + "年"),
    _Form("dates", re.compile(r"(?<![0-9])[0-9]{1,2}月[0-9]{1,2}日"),
          re.compile(f"(?<![{_CN_SMALL}])[{_CN_SMALL}]{{1,3}}月[{_CN_SMALL}]{{1,3}}日"),
          _date_arabic, _date_chinese),
    _Form("decimals", re.compile(r"(?<![0-9.])[0-9]+\.[0-9]+[万亿]"),
          re.compile(f"[{_CN_NUMBER}]+点[{CHINESE_DIGITS}零]+[万亿]"),
          _decimal_arabic, _decimal_chinese),
    _Form("percentages", re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?[%％]"),
          re.compile(f"百分之(?!百(?![{_CN_NUMBER}点]))[{_CN_NUMBER}]+(?:点[{_CN_NUMBER}]+)?"),
          _percent_arabic, _percent_chinese),
)


def _check_number_forms(texts: list[Text], file: str, findings: list[Finding]) -> None:
    """Within one article, each kind of quantity is written one way; a Chinese-numeral year
    writes its zero as 〇."""
    for form in FORMS:
        found: dict[str, list[tuple[Text, re.Match]]] = {"arabic": [], "chinese": []}
        for text in texts:
            for key in found:
                found[key] += [(text, m) for m in getattr(form, key).finditer(text.text)]
        bad_zero: set[tuple[int, int]] = set()
        if form.name == "years":
            for text, match in found["chinese"]:
                year = match.group()
                if any(c in FALSE_ZEROS for c in year):
                    bad_zero.add(text.where[match.start()])
                    right = "".join("〇" if c in FALSE_ZEROS else c for c in year)
                    _emitter(findings, file, text)(
                        WARNING, "number-form", match.start(), match.end(),
                        f"{year!r} writes the zero of a year with {_false_zero(year)!r}",
                        f"write {right!r}, or {_year_arabic(year)!r} (GB/T 15835 prefers "
                        f"Arabic numerals for years)")
        arabic, chinese = found["arabic"], found["chinese"]
        if not arabic or not chinese:
            continue
        # flag the less used form; on a tie the Chinese one (GB/T 15835 prefers Arabic here)
        flagged, kept, convert = ((arabic, chinese, form.to_chinese) if len(arabic) < len(chinese)
                                  else (chinese, arabic, form.to_arabic))
        example_text, example = kept[0]
        example_line = example_text.where[example.start()][0]
        for text, match in flagged:
            if text.where[match.start()] in bad_zero:
                continue
            written = match.group()
            right = convert(written)
            _emitter(findings, file, text)(
                WARNING, "number-form", match.start(), match.end(),
                f"{form.name} are written both as {written!r} and as {example.group()!r} "
                f"(line {example_line})",
                f"write {right!r} as elsewhere in the article" if right
                else f"write it like {example.group()!r}")


def _false_zero(year: str) -> str:
    return next(c for c in year if c in FALSE_ZEROS)


# ---------------------------------------------------------------------------------------------
# the issue: masthead, date, pages

# 行政区划代码 of the provinces (GB/T 2260), the first two digits of a CN number.
REGION_CODES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
                          41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65})
_CN = re.compile(r"CN(\d{2})-(\d{4})(?:/[A-Z0-9.]+)?")
_POSTAL_CODE = re.compile(r"\d{1,2}-\d{1,4}")


def check_issue(issue_dir: Path, previous_number: int | None = None) -> list[Finding]:
    """Proofread every article the issue places, and check its masthead, date and pages.

    `previous_number` is the 总期号 of the previous issue, if known."""
    issue_dir = Path(issue_dir)
    toml_path = issue_dir / ISSUE_FILE
    file = str(toml_path)
    try:
        source = toml_path.read_text(encoding="utf-8-sig")
        table = tomllib.loads(source)
    except (OSError, ValueError, RecursionError) as error:     # (bad TOML, not UTF-8, too deep)
        return [file_finding(ERROR, "manifest", file, 1, 1, "", f"cannot read {ISSUE_FILE} ({error})",
                        "give the issue directory with a valid issue.toml")]
    toml = _TomlFile(file, source)
    findings: list[Finding] = []
    resolved: dict[str, str] = {}
    try:
        masthead = load_issue(issue_dir).masthead
        resolved = {"cn": masthead.cn, "postal_code": masthead.postal_code}
    except BroadsheetError as error:
        if not _covered(error.field):
            findings.append(_manifest_finding(error, toml))
    findings += _check_issue_number(table, toml, previous_number)
    findings += _check_date(table, toml)
    findings += _check_pages(table, toml)
    for key, check in (("cn", _check_cn), ("postal_code", _check_postal_code)):
        where, path, value = _masthead_item(key, table, toml, issue_dir)
        value = resolved.get(key, value)
        if isinstance(value, str):
            findings += check(value.strip(), where, path)
    for name in _article_names(table):
        path = issue_dir / name
        if path.is_file():
            findings += check_article(path)
    return by_place(findings)


class _TomlFile:
    """Where the simple ``key = value`` lines of a TOML file are: ``pages[1].number`` → (line,
    column of the value). ``[[pages]]`` headers are recorded as ``pages[i]``."""

    def __init__(self, file: str, source: str):
        self.file = file
        self.lines = source.split("\n")
        self.places: dict[str, tuple[int, int]] = {}
        prefix, counts = "", {}
        for number, line in enumerate(self.lines, 1):
            header = re.match(r"\s*(\[\[?)\s*([\w.]+)\s*\]\]?", line)
            if header:
                name = header.group(2)
                if header.group(1) == "[[":
                    counts[name] = counts.get(name, -1) + 1
                    for deeper in [k for k in counts if k.startswith(name + ".")]:
                        del counts[deeper]
                    parts = name.split(".")
                    prefix = ".".join(f"{p}[{counts['.'.join(parts[:k + 1])]}]"
                                      for k, p in enumerate(parts)
                                      if ".".join(parts[:k + 1]) in counts)
                    self.places.setdefault(prefix, (number, len(line) - len(line.lstrip()) + 1))
                else:
                    prefix = name
                continue
            key = re.match(r"\s*([A-Za-z_][\w-]*)\s*=\s*", line)
            if key:
                path = f"{prefix}.{key.group(1)}" if prefix else key.group(1)
                self.places.setdefault(path, (number, key.end() + 1))

    def finding(self, severity: str, rule: str, key: str | None, message: str,
                fix: str) -> Finding:
        line, column = self.places.get(key, (1, 1)) if key else (1, 1)
        context = self.lines[line - 1].strip() if line <= len(self.lines) else ""
        return file_finding(severity, rule, self.file, line, column, context, message, fix)


def _covered(field: str | None) -> bool:
    """The manifest errors that the checks below report in their own words."""
    return field is not None and (field in ("number", "date", "weekday", "lunar", "pages")
                                  or re.fullmatch(r"pages\[\d+\]\.number", field) is not None)


def _manifest_finding(error: BroadsheetError, toml: _TomlFile) -> Finding:
    line, column = 1, 1
    match = re.fullmatch(r"line (\d+)", error.field or "")
    if match:
        line = int(match.group(1))
    elif error.field in toml.places and error.file == toml.file:
        line, column = toml.places[error.field]
    context = error.field or ""
    return file_finding(ERROR, "manifest", error.file or toml.file, line, column, context,
                   error.message, error.fix or "")


def _article_names(table: dict) -> list[str]:
    names: list[str] = []
    for page in table.get("pages", []) if isinstance(table.get("pages"), list) else []:
        modules = page.get("modules", []) if isinstance(page, dict) else []
        for module in modules if isinstance(modules, list) else []:
            name = module.get("article") if isinstance(module, dict) else None
            if isinstance(name, str) and name not in names:
                names.append(name)
    return names


def _check_issue_number(table: dict, toml: _TomlFile,
                        previous: int | None) -> list[Finding]:
    number = table.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        return [toml.finding(ERROR, "issue-number", "number" if "number" in table else None,
                             f"the 总期号 must be a whole number ≥ 1, not {number!r}",
                             "write number = <the issue's 总期号>")]
    if previous is None or number == previous + 1:
        return []
    if number > previous + 1:
        return [toml.finding(WARNING, "issue-number", "number",
                             f"issue {number} follows issue {previous}: "
                             f"{number - previous - 1} number(s) skipped",
                             f"write number = {previous + 1} unless issues were numbered "
                             f"but not printed")]
    return [toml.finding(ERROR, "issue-number", "number",
                         f"issue {number} does not follow the previous issue {previous}",
                         f"write number = {previous + 1}")]


def _check_date(table: dict, toml: _TomlFile) -> list[Finding]:
    if "date" not in table:
        return [toml.finding(ERROR, "date", None, "the issue has no date",
                             "add a line like date = 2024-01-06")]
    value = table["date"]
    try:
        if isinstance(value, datetime.datetime) or not isinstance(value, (str, datetime.date)):
            raise BroadsheetError(f"{value!r} is not a date",
                                  fix="write the day as date = 2024-01-06")
        day = parse_date(value)
        line = date_line(day)
    except BroadsheetError as error:
        return [toml.finding(ERROR, "date", "date", error.message, error.fix or "")]
    findings = []
    for key, derived in (("weekday", line.weekday), ("lunar", line.lunar)):
        stated = table.get(key)
        if stated is not None and (not isinstance(stated, str) or stated.strip() != derived):
            findings.append(toml.finding(ERROR, "date", key,
                                         f"{key} says {stated!r} but {day.isoformat()} is "
                                         f"{derived!r}",
                                         f'write {key} = "{derived}" (or correct the date)'))
    return findings


def _check_pages(table: dict, toml: _TomlFile) -> list[Finding]:
    pages = table.get("pages")
    if not isinstance(pages, list) or not pages:
        return [toml.finding(ERROR, "page-number", None, "the issue has no pages",
                             "add a [[pages]] table with number = 1")]
    findings = []
    for index, page in enumerate(pages):
        number = page.get("number") if isinstance(page, dict) else None
        if isinstance(number, bool) or not isinstance(number, int):
            findings.append(toml.finding(
                ERROR, "page-number", f"pages[{index}]",
                f"page {index + 1} has no 版序" if number is None
                else f"the 版序 must be a whole number, not {number!r}",
                f"add number = {index + 1} under this [[pages]]"))
        elif number != index + 1:
            findings.append(toml.finding(
                ERROR, "page-number", f"pages[{index}].number",
                f"page {index + 1} of the issue is numbered {number}: pages must be numbered "
                f"1, 2, 3, … in order", f"write number = {index + 1}, or reorder the pages"))
    return findings


def _masthead_item(key: str, table: dict, toml: _TomlFile,
                   issue_dir: Path) -> tuple[_TomlFile, str | None, object]:
    """Where masthead item `key` is set — the issue's [masthead], else the first style up its
    ``base`` chain that has it — as (file, key path, value as written there)."""
    own = table.get("masthead")
    if isinstance(own, dict) and key in own:
        return toml, f"masthead.{key}", own[key]
    name, relative = table.get("style"), issue_dir
    seen = set()
    while isinstance(name, str):
        path = style_path(name, relative)
        try:
            source = path.read_text(encoding="utf-8")
            style = tomllib.loads(source)
        except (OSError, ValueError, RecursionError):    # (bad TOML, not UTF-8, too deep)
            break
        if path in seen:
            break
        seen.add(path)
        masthead = style.get("masthead")
        if isinstance(masthead, dict) and key in masthead:
            return _TomlFile(str(path), source), f"masthead.{key}", masthead[key]
        name, relative = style.get("base"), path.parent
    return toml, None, None


def _check_cn(cn: str, where: _TomlFile, key: str | None) -> list[Finding]:
    match = _CN.fullmatch(cn)
    if match is None:
        return [where.finding(ERROR, "cn-number", key,
                              f"the CN number {cn!r} is not CN + 2-digit region + '-' + "
                              f"4-digit serial", 'write it like cn = "CN14-0023" (ASCII, no '
                              'spaces)')]
    region, serial = int(match.group(1)), int(match.group(2))
    if region not in REGION_CODES:
        return [where.finding(ERROR, "cn-number", key,
                              f"the CN number {cn!r} has no province code {region:02d}",
                              "check the region code on the publication licence (山西 = 14)")]
    if not 1 <= serial <= 999:
        return [where.finding(ERROR, "cn-number", key,
                              f"the CN number {cn!r} has serial {serial:04d}, outside the "
                              f"newspapers' 0001–0999",
                              "check the serial on the publication licence")]
    return []


def _check_postal_code(code: str, where: _TomlFile, key: str | None) -> list[Finding]:
    if _POSTAL_CODE.fullmatch(code):
        return []
    return [where.finding(WARNING, "postal-code", key,
                          f"the 邮发代号 {code!r} is not like 21-22",
                          'write it like postal_code = "21-22" (ASCII digits and hyphen)')]
