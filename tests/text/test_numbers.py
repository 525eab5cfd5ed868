"""A number never parts from its unit or sign (issue 16): ℃, °, %, ‰, ㎡, km, kg, 万/亿 with
the unit after them, currency signs, a leading minus — in body text and titles."""
import pytest
from composer_checks import (MEASURE, break_problems, glyph_problems, set_text, texts,
                             width_problems, without_space)

from layout.text import charclass as cc
from layout.inspect.typography import units_parted

FILL = "据气象台预报今天最高气温将达到"          # Han text to push the number to a line end


def check_paragraph(text, lines):
    assert "".join(texts(lines)) == without_space(text)
    assert width_problems(lines, MEASURE) == [] and glyph_problems(lines, MEASURE) == []
    assert break_problems(lines, "gb") == []


@pytest.mark.parametrize("number", [
    "33℃", "37.5℃", "90°", "49%", "5‰", "120㎡", "5 km", "20kg", "1164.4亿元", "3万平方米",
    "-2.06亿元", "¥120", "-5℃", "2.2亿股", "−3.5%",
])
def test_a_number_and_its_unit_share_a_line(number):
    for cut in range(len(FILL) - 8, len(FILL) + 1):     # the number at every place in a line
        text = FILL[:cut] + number + "，" + FILL
        lines = set_text(text)
        check_paragraph(text, lines)
        assert any(number.replace(" ", "") in line for line in texts(lines)), texts(lines)
        assert not units_parted(list(zip(texts(lines), texts(lines)[1:])))


def test_a_minus_is_part_of_its_number_not_a_dash():
    lines = set_text("利润分别为-2.06亿元、-9126.00万元、-3305.13万元，" * 3)
    for line in texts(lines)[1:]:
        assert not line.startswith(("亿", "万", "元"))
    assert all(not line.endswith("-") for line in texts(lines))


def test_the_number_patterns():
    found = [m.group() for m in cc.NUMBER_WITH_UNIT.finditer(
        "气温33℃～37℃，亏损-2.06亿元，5 km的3万平方米，增长7.9%，共3万，2023年")]
    assert found == ["33℃", "37℃", "-2.06亿元", "5 km", "3万平方米", "7.9%", "3万"]


def test_units_parted_reads_line_pairs():
    assert units_parted([("气温将达到33", "℃，请注意")]) == ["温将达到33|℃，请注意"]
    assert units_parted([("总投资1164.4亿", "元，完成")])
    assert units_parted([("亏损为-", "2.06亿元")])
    assert units_parted([("全长5", "km")])
    assert not units_parted([("增长33", "个百分点")]) and not units_parted([("电话0354-", "3111178")])


def test_a_url_that_fits_only_without_the_mark_after_it_is_broken_not_overfull():
    """A ； may not start a line, so http://weibo.com/n968111； (wider than the measure with
    it) is broken as a URL is, rather than set overfull (real copy: 海都报料)."""
    text = "二是微博报料：http://weibo.com/n968111；三是短信报料"
    lines = set_text(text, indent_em=0)
    check_paragraph(text, lines)
    assert not any(line.overfull for line in lines)


def test_total_fit_spreads_the_room_an_unbreakable_run_leaves_over_the_lines_before():
    """20 Han characters after the indent, then a 10-em word that may not break: the 4 em it
    leaves short are shared by the two lines before it (0.25 and 0.2 em a gap), not put on
    one line (4 em over its gaps)."""
    from composer_checks import SIZE, advance
    han = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    lines = set_text(han[:20] + "Internationalization" + han[:12])
    assert texts(lines)[2].startswith("Internationalization")

    def spacing(line):
        natural = sum(advance(glyph) for glyph in line.glyphs) * SIZE
        return (line.width - line.glyphs[0].x - natural) / (len(line.glyphs) - 1) / SIZE
    first, second = spacing(lines[0]), spacing(lines[1])
    assert 0.1 < first <= 0.25 + 1e-6 and 0.1 < second <= 0.25 + 1e-6
