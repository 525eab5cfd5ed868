"""Number forms (GB/T 15835-2011 出版物上数字用法), for the proofreader: within one article each
kind of quantity — years, dates, decimals with 万/亿, percentages — is written one way, Arabic or
Chinese; a Chinese-numeral year writes its zero as 〇. Numerals in fixed expressions (一年,
七个, 五届七次, 第一产业, “十四五”) are correct usage and never counted.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..read.article import Text
from .findings import Finding, emitter

WARNING = "warning"
CHINESE_DIGITS = "〇一二三四五六七八九"
# Stand-ins for 〇 that editors type in Chinese-numeral years.
FALSE_ZEROS = "○Ｏ0O零"


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


def check_number_forms(texts: list[Text], file: str, findings: list[Finding]) -> None:
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
                    emitter(findings, file, text)(
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
            emitter(findings, file, text)(
                WARNING, "number-form", match.start(), match.end(),
                f"{form.name} are written both as {written!r} and as {example.group()!r} "
                f"(line {example_line})",
                f"write {right!r} as elsewhere in the article" if right
                else f"write it like {example.group()!r}")


def _false_zero(year: str) -> str:
    return next(c for c in year if c in FALSE_ZEROS)
