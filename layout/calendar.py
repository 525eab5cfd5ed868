"""The masthead date line: ``2024年1月6日 癸卯年十一月廿五 星期六``.

The lunar date comes from ``cnlunar``, whose tables were taken from the Hong Kong Observatory's
conversion tables. Those tables hold the lunar years 1901 (辛丑) to 2099 (己未) and nothing else,
so the dates we can print are exactly the days of those lunar years:

* FIRST_DAY = 1901-02-19, 辛丑年正月初一. cnlunar gives no error for earlier days: it indexes its
  table with ``year - 1901`` and Python's negative indexing silently reads the row for 2099
  instead (wrong already for December 1900).
* LAST_DAY = 2100-02-08, 己未年腊月三十. From 2100-02-09 (the lunar year 2100) cnlunar raises
  ``IndexError``.

On every day of that range cnlunar agrees with ``sxtwl`` (an astronomical calculation) on the
lunar month, leap flag, day and the year's 干支; ``tests/test_calendar.py`` checks each day.

The 干支 of the year changes at the lunar new year (春节), the newspaper convention — not at 立春
as in 八字 reckoning: 2024-02-09 is 癸卯年十二月三十 although 立春 (2024-02-04) has passed.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from cnlunar.lunar import Lunar

from layout.errors import BroadsheetError
from layout.session import memoised

FIRST_DAY = datetime.date(1901, 2, 19)
LAST_DAY = datetime.date(2100, 2, 8)

MONTH_STYLES = ("numeric", "traditional")

_MONTH_NAMES = {
    "numeric": ("正月", "二月", "三月", "四月", "五月", "六月",
                "七月", "八月", "九月", "十月", "十一月", "十二月"),
    "traditional": ("正月", "二月", "三月", "四月", "五月", "六月",
                    "七月", "八月", "九月", "十月", "冬月", "腊月"),
}

_DAY_NAMES = (
    "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十",
)

_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class DateLine:
    """The three parts of the masthead date, each already in print form."""
    gregorian: str   # "2024年1月6日"
    lunar: str       # "癸卯年十一月廿五"
    weekday: str     # "星期六"

    def __str__(self) -> str:
        return f"{self.gregorian} {self.lunar} {self.weekday}"


def date_line(day: datetime.date, month_style: str = "numeric", *,
              file: str | None = None, field: str | None = None) -> DateLine:
    """The date line for `day`.

    `month_style` is ``"numeric"`` (十一月, 十二月) or ``"traditional"`` (冬月, 腊月). Days
    outside FIRST_DAY–LAST_DAY and unknown styles raise BroadsheetError carrying `file`/`field`.
    """
    if month_style not in MONTH_STYLES:
        raise BroadsheetError(
            f"unknown month style {month_style!r}", file=file, field=field,
            fix='use "numeric" (十一月, 十二月) or "traditional" (冬月, 腊月)')
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BroadsheetError(
            f"date {day.isoformat()} is outside the supported range "
            f"{FIRST_DAY.isoformat()} – {LAST_DAY.isoformat()}",
            file=file, field=field,
            fix="the lunar calendar tables cover the lunar years 1901–2099 only")

    year, month_number, leap, day_number = _lunar_date(day)
    month = _MONTH_NAMES[month_style][month_number - 1]
    if leap:
        month = "闰" + month
    return DateLine(
        gregorian=f"{day.year}年{day.month}月{day.day}日",
        lunar=f"{year}年{month}{_DAY_NAMES[day_number - 1]}",
        weekday=_WEEKDAYS[day.weekday()],
    )


@memoised("lunar dates", memory=64)
def _lunar_date(day: datetime.date) -> tuple[str, int, bool, int]:
    """The lunar year's 干支, month, whether it is a leap month, and day. Remembered: cnlunar
    works out every almanac entry of the day too (3 ms), and each page's folio prints the date."""
    # cnlunar wants a datetime (it reads .hour); its default year8Char="year" takes the year's
    # 干支 from the lunar year, i.e. it changes at 春节, which is what we print.
    lunar = Lunar(datetime.datetime(day.year, day.month, day.day), year8Char="year")
    return lunar.year8Char, lunar.lunarMonth, bool(lunar.isLunarLeapMonth), lunar.lunarDay


def parse_date(text: str, *, file: str | None = None, field: str | None = None) -> datetime.date:
    """``"2024-01-06"`` → ``datetime.date(2024, 1, 6)``; anything else raises BroadsheetError.

    Only the form YYYY-MM-DD is accepted (surrounding whitespace is ignored). A
    ``datetime.date`` is passed through unchanged, since TOML's unquoted ``2024-01-06`` already
    arrives as one. The supported range is not checked here; `date_line` does that.
    """
    if isinstance(text, datetime.date) and not isinstance(text, datetime.datetime):
        return text
    fix = "write the date as YYYY-MM-DD, e.g. 2024-01-06"
    if not isinstance(text, str):
        raise BroadsheetError(f"expected a date, got {text!r}", file=file, field=field, fix=fix)
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        raise BroadsheetError(f"{text!r} is not a date", file=file, field=field, fix=fix)
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError as error:
        raise BroadsheetError(f"{text!r} is not a valid date ({error})",
                              file=file, field=field, fix=fix) from None
