"""The masthead date line: known dates, the error cases, and a day-by-day cross-check of the
whole supported range against sxtwl (an independent, astronomical lunar calendar)."""
import datetime

import pytest
import sxtwl
from hypothesis import given, strategies as st

from layout.calendar import FIRST_DAY, LAST_DAY, DateLine, date_line, parse_date
from layout.errors import BroadsheetError

D = datetime.date


# ---------------------------------------------------------------- known dates

@pytest.mark.parametrize("day, expected", [
    (D(2024, 1, 6), "2024年1月6日 癸卯年十一月廿五 星期六"),
    (D(2024, 2, 10), "2024年2月10日 甲辰年正月初一 星期六"),
    (D(2023, 3, 22), "2023年3月22日 癸卯年闰二月初一 星期三"),
    (D(2024, 2, 9), "2024年2月9日 癸卯年十二月三十 星期五"),      # 三十, 除夕
    (D(2024, 1, 20), "2024年1月20日 癸卯年十二月初十 星期六"),    # 初十
    (D(2024, 1, 30), "2024年1月30日 癸卯年十二月二十 星期二"),    # 二十
    (D(2024, 1, 31), "2024年1月31日 癸卯年十二月廿一 星期三"),    # 廿一
    (D(2024, 1, 7), "2024年1月7日 癸卯年十一月廿六 星期日"),      # 星期日
    (D(2033, 12, 22), "2033年12月22日 癸丑年闰十一月初一 星期四"),  # the 2033 leap month
    (D(2000, 10, 1), "2000年10月1日 庚辰年九月初四 星期日"),       # no zero padding, 10月
])
def test_known_dates(day, expected):
    assert str(date_line(day)) == expected


@pytest.mark.parametrize("day, numeric, traditional", [
    (D(2024, 1, 6), "癸卯年十一月廿五", "癸卯年冬月廿五"),
    (D(2024, 2, 9), "癸卯年十二月三十", "癸卯年腊月三十"),
    (D(2033, 12, 22), "癸丑年闰十一月初一", "癸丑年闰冬月初一"),
    (D(2023, 3, 22), "癸卯年闰二月初一", "癸卯年闰二月初一"),
    (D(2024, 2, 10), "甲辰年正月初一", "甲辰年正月初一"),
    (D(2024, 11, 10), "甲辰年十月初十", "甲辰年十月初十"),    # 十月 is 十月 in both styles
])
def test_month_styles(day, numeric, traditional):
    assert date_line(day).lunar == numeric
    assert date_line(day, "numeric").lunar == numeric
    assert date_line(day, month_style="traditional").lunar == traditional


def test_unknown_month_style():
    with pytest.raises(BroadsheetError, match="month style") as caught:
        date_line(D(2024, 1, 6), "roman", file="issue.toml", field="masthead.month_style")
    assert caught.value.file == "issue.toml"
    assert caught.value.field == "masthead.month_style"


def test_parts_and_single_spaces():
    line = date_line(D(2024, 1, 6))
    assert line == DateLine("2024年1月6日", "癸卯年十一月廿五", "星期六")
    assert str(line).split(" ") == [line.gregorian, line.lunar, line.weekday]
    assert "  " not in str(line) and str(line) == str(line).strip()


def test_datetime_is_taken_as_its_day():
    assert date_line(datetime.datetime(2024, 1, 6, 23, 30)) == date_line(D(2024, 1, 6))


# ------------------------------------- the year's 干支 changes at 春节, not at 立春

# 2024: 立春 on 2024-02-04, before the new year (2024-02-10).
@pytest.mark.parametrize("day, lunar", [
    (D(2024, 2, 3), "癸卯年十二月廿四"),
    (D(2024, 2, 4), "癸卯年十二月廿五"),   # 立春
    (D(2024, 2, 5), "癸卯年十二月廿六"),
    (D(2024, 2, 6), "癸卯年十二月廿七"),
    (D(2024, 2, 7), "癸卯年十二月廿八"),
    (D(2024, 2, 8), "癸卯年十二月廿九"),
    (D(2024, 2, 9), "癸卯年十二月三十"),
    (D(2024, 2, 10), "甲辰年正月初一"),
    # 2023: the new year (2023-01-22) comes before 立春 (2023-02-04).
    (D(2023, 1, 21), "壬寅年十二月三十"),
    (D(2023, 1, 22), "癸卯年正月初一"),
    (D(2023, 2, 3), "癸卯年正月十三"),
    (D(2023, 2, 4), "癸卯年正月十四"),    # 立春
    # the ends of the range
    (FIRST_DAY, "辛丑年正月初一"),
    (LAST_DAY, "己未年十二月三十"),
])
def test_year_ganzhi_changes_at_lunar_new_year(day, lunar):
    assert date_line(day).lunar == lunar


def test_sxtwl_flag_meaning():
    """Guards the cross-check below: sxtwl's getYearGZ() defaults to the 立春 boundary, and
    getYearGZ(True) is the 春节 one we compare with."""
    day = sxtwl.fromSolar(2024, 2, 5)   # after 立春, before 春节
    assert _ganzhi(day.getYearGZ()) == "甲辰"
    assert _ganzhi(day.getYearGZ(True)) == "癸卯"


# ---------------------------------------------------------------- the range

def test_range_constants():
    assert FIRST_DAY == D(1901, 2, 19)
    assert LAST_DAY == D(2100, 2, 8)


@pytest.mark.parametrize("day", [
    D(1900, 1, 1), D(1850, 1, 1), D(1901, 1, 1), FIRST_DAY - datetime.timedelta(days=1),
    LAST_DAY + datetime.timedelta(days=1), D(2100, 6, 1), D(2200, 1, 1),
])
def test_out_of_range(day):
    with pytest.raises(BroadsheetError) as caught:
        date_line(day, file="issues/1/issue.toml", field="date")
    error = caught.value
    assert error.message == (f"date {day.isoformat()} is outside the supported range "
                             "1901-02-19 – 2100-02-08")
    assert (error.file, error.field) == ("issues/1/issue.toml", "date")
    assert str(error).startswith("issues/1/issue.toml: date: date ")


# ---------------------------------------------------------------- parse_date

@pytest.mark.parametrize("text, day", [
    ("2024-01-06", D(2024, 1, 6)),
    (" 2024-02-29\n", D(2024, 2, 29)),
    ("1850-01-01", D(1850, 1, 1)),       # parsing does not check the range; date_line does
])
def test_parse_date(text, day):
    assert parse_date(text) == day


def test_parse_date_passes_a_date_through():
    assert parse_date(D(2024, 1, 6)) == D(2024, 1, 6)


@pytest.mark.parametrize("text", [
    "2024-13-01", "2023-02-29", "2024-00-10", "2024-01-32", "yesterday", "", "2024/01/06",
    "2024-1-6", "20240106", "2024-W01-6", "2024-01-06T00:00", "2024年1月6日", None, 20240106,
    datetime.datetime(2024, 1, 6),
])
def test_parse_date_rejects(text):
    with pytest.raises(BroadsheetError) as caught:
        parse_date(text, file="issue.toml", field="date")
    assert (caught.value.file, caught.value.field) == ("issue.toml", "date")
    assert "YYYY-MM-DD" in str(caught.value)


@given(st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)))
def test_parse_date_round_trip(day):
    assert parse_date(f"{day.year:04d}-{day.month:02d}-{day.day:02d}") == day


# ------------------------------------- every day of the range against sxtwl

STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
# Written out independently of layout.calendar's tables.
MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
TENS = {0: "初", 1: "十", 2: "廿"}
WEEK_FROM_SUNDAY = "日一二三四五六"


def _ganzhi(gz) -> str:
    return STEMS[gz.tg] + BRANCHES[gz.dz]


def _day_name(n: int) -> str:
    if n == 10:
        return "初十"
    if n == 20:
        return "二十"
    if n == 30:
        return "三十"
    return TENS[n // 10] + "一二三四五六七八九"[n % 10 - 1]


def _expected_from_sxtwl(day: datetime.date) -> DateLine:
    s = sxtwl.fromSolar(day.year, day.month, day.day)
    leap = "闰" if s.isLunarLeap() else ""
    return DateLine(
        gregorian=f"{s.getSolarYear()}年{s.getSolarMonth()}月{s.getSolarDay()}日",
        lunar=(f"{_ganzhi(s.getYearGZ(True))}年{leap}{MONTHS[s.getLunarMonth() - 1]}月"
               f"{_day_name(s.getLunarDay())}"),
        weekday="星期" + WEEK_FROM_SUNDAY[s.getWeek()],
    )


def test_day_names_helper():
    names = [_day_name(n) for n in range(1, 31)]
    assert names[:3] == ["初一", "初二", "初三"] and names[9:12] == ["初十", "十一", "十二"]
    assert names[19:22] == ["二十", "廿一", "廿二"] and names[28:] == ["廿九", "三十"]
    assert len(set(names)) == 30


def test_every_day_agrees_with_sxtwl():
    """Each day from FIRST_DAY to LAST_DAY, through date_line itself (the full cnlunar
    calculation, ~0.15 ms a day, ~11 s in all): lunar month, leap flag, day, the year's 干支
    (春节 boundary), the Gregorian text and the weekday all as sxtwl has them."""
    mismatches = []
    checked = 0
    day = FIRST_DAY
    while day <= LAST_DAY:
        got, expected = date_line(day), _expected_from_sxtwl(day)
        if got != expected:
            mismatches.append(f"{day}: date_line {got}, sxtwl {expected}")
        checked += 1
        day += datetime.timedelta(days=1)
    assert checked == (LAST_DAY - FIRST_DAY).days + 1 == 72_674
    assert not mismatches, f"{len(mismatches)} days differ:\n" + "\n".join(mismatches[:20])
