"""The paragraph composer on a 13-em basic column at 9 pt (clreq rules, GB level, 全角式).

Expectations come from ../reference/cjk-typesetting.md; positions are asserted in em of the
9-pt body (`em(x)` = x / 9) against values worked out by hand from the rules.
"""
import pytest

from composer_checks import (MEASURE, SIZE, TOL, advance, break_problems, glyph_problems,
                             inked_span, set_text, splits, texts, width_problems, without_space)
from layout.fonts import ink_extent
from layout.text import charclass as cc
from layout.text.compose import TextSettings

# The 22 cyclic characters, then the start of the 千字文: Han characters only, no marks.
HAN = ("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
       "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳")

# Paragraphs of 晋中日报 no. 3144 (2024-01-06), page 1.
SEED_PARAGRAPHS = [
    "冬至阳生，岁月律转，我们迎来新的一年。",
    "新年新气象，新年新开局。1月5日，中共晋中市委五届七次全体会议暨市委经济工作会议召开，"
    "吹响2024年我市高质量发展“冲锋号”。",
    "上午8时30分，全会开幕。市委二楼报告厅气氛庄重热烈，金色的党徽与鲜艳的红旗相映生辉。"
    "全会由市委常委会主持，市委书记常书铭代表市委常委会向全会作工作报告。",
    "一年来，在党中央及省委的坚强领导下，市委常委会坚持以习近平新时代中国特色社会主义思想为"
    "指导，全面贯彻党的二十大精神和习近平总书记对山西工作的重要讲话精神，认真落实党中央及"
    "省委各项决策部署，坚持工作的开拓性、创新性与连续性、稳定性有机统一，大力实施“156”战略"
    "举措，统筹稳增长、促转型、惠民生、防风险、保安全，纵深推进全面从严治党，团结带领全市干部"
    "群众干在实处、走在前列，顶压奋进、克难前行，推动党的建设和党领导各项事业取得新进步、开创"
    "新局面。",
    "——改革创新开放成效显著。",
    "——加快建设健康晋中。创建3所省级和4所市级示范医院，山西医科大学第二医院南院区即将投用，"
    "市四院迁建、传染病医院改扩建加快推进。医改工作位列全省第一方阵。",
    "2024年，我市坚持稳中求进、以进促稳、先立后破的工作要求，深入实施“156”战略举措，锚定"
    "“坚持以习近平新时代中国特色社会主义思想为指导，以干在实处走在前列的昂扬状态，着力推动"
    "高质量发展、不断深化全方位转型，奋力谱写中国式现代化晋中篇章”“一个目标”，打好城市牌、"
    "汽车牌、文旅牌、大学牌、农高牌“五张牌”，抓好党建引领、产业体系、改革开放、生态环保、"
    "民生保障、安全稳定“六大要事”。",
    "全年地区生产总值完成1164.4亿元，增长5.6%；新增就业3.8万人、失业人员再就业1.2万人，"
    "超额完成省定目标任务的102%。",
    "网址：www.sxjzxw.com　广告热线：0354-3111178　国内统一刊号：CN14-0023",
    "行棋观大势，落子谋全局。他说：“这是一场硬仗……我们必须赢。”（完）",
]


def em(points: float) -> float:
    return points / SIZE


def ems(line) -> list[float]:
    return [round(em(glyph.x), 6) for glyph in line.glyphs]


def check_paragraph(text, lines, settings=TextSettings(), measure=MEASURE):
    assert "".join(texts(lines)) == without_space(text)
    assert width_problems(lines, measure) == []
    assert break_problems(lines, settings.line_break) == []
    assert glyph_problems(lines, measure) == []


# ----------------------------------------------------------------------- whole paragraphs

@pytest.mark.parametrize("text", SEED_PARAGRAPHS, ids=range(len(SEED_PARAGRAPHS)))
def test_seed_paragraphs_keep_every_rule(text):
    lines = set_text(text)
    check_paragraph(text, lines)
    assert not any(line.overfull for line in lines)


@pytest.mark.parametrize("level", cc.LINE_BREAK_LEVELS)
@pytest.mark.parametrize("style", ["quanjiao", "kaiming", "banjiao"])
@pytest.mark.parametrize("space", [0, 0.125, 0.25])
def test_every_setting_keeps_every_rule(level, style, space):
    settings = TextSettings(line_break=level, punctuation=style, cjk_latin_space=space)
    for text in SEED_PARAGRAPHS:
        check_paragraph(text, set_text(text, settings=settings), settings)


def test_pure_han_lines_are_set_solid():
    """In pure Han text every line but the last is exactly 13 characters, 1 em apart."""
    lines = set_text(HAN[:37], indent_em=2)                 # 11 + 13 + 13
    assert [len(t) for t in texts(lines)] == [11, 13, 13]
    assert ems(lines[0]) == [2.0 + k for k in range(11)]
    for line in lines[1:]:
        assert ems(line) == [float(k) for k in range(13)]
    assert lines[-1].last and not any(line.last for line in lines[:-1])


def test_last_line_is_flush_left_and_not_stretched():
    lines = set_text(HAN[:20], indent_em=0)
    assert texts(lines) == [HAN[:13], HAN[13:20]]
    assert lines[-1].width == pytest.approx(7 * SIZE)
    assert ems(lines[-1]) == [float(k) for k in range(7)]


def test_unjustified_lines_keep_natural_spacing():
    text = HAN[:6] + "，" + HAN[6:20]
    lines = set_text(text, indent_em=0, justify=False)
    assert "".join(texts(lines)) == text
    for line in lines:
        assert line.width <= MEASURE + TOL
        steps = [b.x - a.x for a, b in zip(line.glyphs, line.glyphs[1:])]
        assert all(step == pytest.approx(SIZE) for step in steps)


# ---------------------------------------------------------------------------- never split

# Each text puts the unit across the 13-em boundary, where a naive character count would cut it.
UNSPLIT = [
    (HAN[:11] + "1164.4亿元" + HAN[11:20], "1164.4"),
    (HAN[:11] + "102%，" + HAN[11:20], "102%"),
    (HAN[:12] + "3.8万人" + HAN[12:20], "3.8"),
    (HAN[:8] + "0354-3111178" + HAN[8:20], "0354-3111178"),
    (HAN[:12] + "——" + HAN[12:20], "——"),
    (HAN[:12] + "……" + HAN[12:20], "……"),
    (HAN[:12] + "⋯⋯" + HAN[12:20], "⋯⋯"),
    (HAN[:10] + "¥1200" + HAN[10:20], "¥1200"),
    (HAN[:11] + "2024年" + HAN[11:20], "2024"),
    (HAN[:12] + "5‰" + HAN[12:20], "5‰"),
    (HAN[:10] + "Broadsheet" + HAN[10:20], "Broadsheet"),
    (HAN[:10] + "Jìnzhōng" + HAN[10:20], "Jìnzhōng"),         # pinyin with tone marks
    (HAN[:11] + "Müller" + HAN[11:20], "Müller"),
]


@pytest.mark.parametrize("indent", [0, 2])
@pytest.mark.parametrize("text, unit", UNSPLIT, ids=[unit for _, unit in UNSPLIT])
def test_units_are_never_split(text, unit, indent):
    lines = set_text(text, indent_em=indent)
    assert splits(lines, unit) == []
    check_paragraph(text, lines)


def test_naive_break_would_have_split_them():
    """Guard for the test above: each unit really does cross the 13th cell boundary."""
    for text, unit in UNSPLIT:
        start = text.index(unit)
        assert start < 13 < start + len(unit)


# ------------------------------------------------------------------------- prohibitions

def test_no_mark_starts_a_line():
    # 13 Han fill line 1 exactly; the comma (and its quote) must not start line 2.
    text = HAN[:13] + "，”" + HAN[13:20]
    lines = set_text(text, indent_em=0)
    assert lines[1].text[0] not in cc.NO_START_BASIC
    assert lines[0].text.endswith(HAN[12] + "，”") or lines[1].text.startswith(HAN[12])
    check_paragraph(text, lines)


def test_no_opening_mark_ends_a_line():
    text = HAN[:12] + "《" + HAN[12:20] + "》"
    lines = set_text(text, indent_em=0)
    assert not lines[0].text.endswith("《")
    assert "《" + HAN[12] in "".join(texts(lines)) and splits(lines, "《" + HAN[12]) == []
    check_paragraph(text, lines)


@pytest.mark.parametrize("level", ["gb", "strict"])
def test_gb_solidus_never_ends_a_line(level):
    text = HAN[:12] + "／" + HAN[12:20]
    lines = set_text(text, indent_em=0, settings=TextSettings(line_break=level))
    assert not any(t.endswith("／") for t in texts(lines)[:-1])
    assert splits(lines, HAN[11] + "／" + HAN[12]) == []
    check_paragraph(text, lines, TextSettings(line_break=level))


def test_basic_level_lets_a_solidus_end_a_line():
    text = HAN[:12] + "／" + HAN[12:20]
    lines = set_text(text, indent_em=0, settings=TextSettings(line_break="basic"))
    assert texts(lines)[0] == HAN[:12] + "／"


@pytest.mark.parametrize("run", ["——", "……"])
def test_gb_lets_a_dash_or_ellipsis_start_a_line(run):
    text = HAN[:13] + run + HAN[13:20]
    lines = set_text(text, indent_em=0)
    assert texts(lines)[1].startswith(run)          # the natural break is allowed at GB level


@pytest.mark.parametrize("run", ["——", "……", "⋯⋯", "⸺"])
def test_strict_keeps_dashes_and_ellipses_off_the_line_start(run):
    settings = TextSettings(line_break="strict")
    text = HAN[:13] + run + HAN[13:20]
    lines = set_text(text, indent_em=0, settings=settings)
    assert len(lines) > 1
    assert not any(t.startswith(run) for t in texts(lines)[1:])
    check_paragraph(text, lines, settings)


def test_typed_space_does_not_open_a_break_before_a_closing_mark():
    text = HAN[:13] + " ，" + HAN[13:16]
    lines = set_text(text, indent_em=0)
    assert break_problems(lines) == []
    check_paragraph(text, lines)


def test_typed_space_does_not_open_a_break_after_an_opening_mark():
    text = HAN[:12] + "“ " + HAN[12:16] + "”"
    lines = set_text(text, indent_em=0)
    assert break_problems(lines) == []
    check_paragraph(text, lines)


# ------------------------------------------------------------------------------- indent

def test_first_line_is_indented_two_em():
    lines = set_text(HAN[:30])
    assert lines[0].glyphs[0].x == 2 * SIZE
    assert all(line.glyphs[0].x == 0 for line in lines[1:])


def test_indented_dash_run_is_drawn_as_one_rule_from_the_indent():
    """A leading —— is drawn with each dash stretched so that its ink fills its em exactly:
    the origin sits left of the indent by the dash's left side bearing (scaled)."""
    lines = set_text("——" + HAN[:20])
    first, second = lines[0].glyphs[:2]
    assert first.char == second.char == "—"
    ink_left, ink_right = ink_extent(first.face, "—")
    scale = 1 / (ink_right - ink_left)
    assert first.scale_x == pytest.approx(scale)
    assert first.x == pytest.approx((2 - ink_left * scale) * SIZE, abs=TOL)
    assert first.x < 2 * SIZE
    # ink of the two dashes: 2 em → 3 em → 4 em, joined, then the text at 4 em
    assert inked_span(first, SIZE) == pytest.approx((2 * SIZE, 3 * SIZE), abs=TOL)
    assert inked_span(second, SIZE) == pytest.approx((3 * SIZE, 4 * SIZE), abs=TOL)
    assert lines[0].glyphs[2].x == pytest.approx(4 * SIZE)


def test_no_indent_when_asked():
    lines = set_text(HAN[:30], indent_em=0)
    assert lines[0].glyphs[0].x == 0
    assert len(lines[0].text) == 13


# ---------------------------------------------------------------------------- 孤字 orphans

@pytest.mark.parametrize("n, indent", [(40, 0), (27, 0), (14, 0), (12, 2), (25, 2), (38, 2)])
def test_last_line_never_holds_a_single_character(n, indent):
    """Without orphan control these would end on one character (13k+1 cells)."""
    assert (n + indent) % 13 == 1
    lines = set_text(HAN[:n], indent_em=indent)
    assert len(lines[-1].text) >= 2
    assert "".join(texts(lines)) == HAN[:n]
    assert width_problems(lines, MEASURE) == []


def test_last_line_never_holds_a_single_character_and_its_mark():
    text = HAN[:13] + HAN[13] + "。"
    lines = set_text(text, indent_em=0)
    han_on_last = [c for c in lines[-1].text if c not in cc.NO_START_BASIC]
    assert len(han_on_last) >= 2
    check_paragraph(text, lines)


def test_one_line_paragraph_may_be_a_single_character():
    lines = set_text("好", indent_em=2)
    assert texts(lines) == ["好"] and lines[0].last and lines[0].glyphs[0].x == 2 * SIZE


# ------------------------------------------------------------ punctuation compression

def test_stop_and_closing_quote_take_one_and_a_half_em():
    lines = set_text("甲乙。”丙丁", indent_em=0)
    assert ems(lines[0]) == [0.0, 1.0, 2.0, 2.5, 3.5, 4.5]


def test_comma_and_opening_quote_take_one_and_a_half_em():
    lines = set_text("甲，“乙”丙", indent_em=0)
    # ， keeps its cell; “ loses its blank left half (its origin moves half an em left)
    assert ems(lines[0]) == [0.0, 1.0, 1.5, 2.5, 3.5, 4.5]


def test_bracket_stop_and_quote_comma_pairs():
    lines = set_text("甲（乙）。丙”，丁", indent_em=0)
    assert ems(lines[0]) == [0.0, 1.0, 2.0, 3.0, 3.5, 4.5, 5.5, 6.0, 7.0]


def test_marks_next_to_han_are_not_compressed():
    lines = set_text("甲，乙。丙“丁”戊", indent_em=0)
    assert ems(lines[0]) == [float(k) for k in range(9)]


def test_line_end_mark_is_squeezed_in_rather_than_pushing_a_character_down():
    """12.5 em of text and a comma: the comma is set half width at the line end."""
    text = HAN[:10] + "。”" + HAN[10] + "，" + HAN[11:24]
    lines = set_text(text, indent_em=0)
    assert texts(lines)[0] == HAN[:10] + "。”" + HAN[10] + "，"
    assert lines[0].width == pytest.approx(MEASURE, abs=TOL)
    assert ems(lines[0]) == [float(k) for k in range(10)] + [10.0, 10.5, 11.5, 12.5]
    check_paragraph(text, lines)


SQUEEZE_ANYWHERE = TextSettings(squeeze_cost_em=0)     # 先挤进 in mid-line too, a style's choice


def test_squeezing_two_commas_beats_spacing_out_a_pure_han_line():
    """先挤进，后推出 where the style lets marks in mid-line be squeezed as readily as the
    line-end one: 12 Han and two commas (14 em) fit 13 em with both commas at half
    width; pushing the last character down would space out eleven gaps instead."""
    text = HAN[:6] + "，" + HAN[6:12] + "，" + HAN[12:30]
    lines = set_text(text, indent_em=0, settings=SQUEEZE_ANYWHERE)
    assert texts(lines)[0] == HAN[:6] + "，" + HAN[6:12] + "，"
    assert lines[0].width == pytest.approx(MEASURE, abs=TOL)
    # the inner comma gives up its blank half first after the line-end one
    assert ems(lines[0]) == [0, 1, 2, 3, 4, 5, 6, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5]
    check_paragraph(text, lines)


def test_squeeze_before_push_with_a_stop_inside_the_line():
    text = HAN[:6] + "。" + HAN[6:12] + "，" + HAN[12:30]
    lines = set_text(text, indent_em=0, settings=SQUEEZE_ANYWHERE)
    assert texts(lines)[0] == HAN[:6] + "。" + HAN[6:12] + "，"
    assert lines[0].width == pytest.approx(MEASURE, abs=TOL)


def test_full_width_marks_keep_their_width_in_mid_line():
    """全角式 (issue 16): the same text by default keeps the inner comma full width — a
    character goes to the next line and the lines are spaced a little instead."""
    text = HAN[:6] + "，" + HAN[6:12] + "，" + HAN[12:30]
    lines = set_text(text, indent_em=0)
    check_paragraph(text, lines)
    for line in lines[:-1]:
        comma = [n for n, glyph in enumerate(line.glyphs[:-1]) if glyph.char == "，"]
        for n in comma:
            assert line.glyphs[n + 1].x - line.glyphs[n].x >= SIZE - TOL    # a full em
        assert line.width == pytest.approx(MEASURE, abs=TOL)


def test_mid_line_squeeze_is_the_last_resort():
    """岁序更替，华章再谱新篇。 after a 2-em indent is 14 em: 0.5 em too long once the stop
    at its end is squeezed. Breaking it would space the first line by 0.22 em a gap or
    leave a lone character (孤字), so the mid-line comma gives up its half — and only it."""
    text = HAN[:4] + "，" + HAN[4:10] + "。"
    lines = set_text(text, indent_em=2)
    assert texts(lines) == [text]
    assert lines[0].width == pytest.approx(MEASURE, abs=TOL)
    assert ems(lines[0])[4:7] == [6, 6.5, 7.5]                     # 4 Han after the indent


def test_push_when_squeezing_cannot_work():
    """13 Han and a comma: only the comma's half em can go, so a character is pushed down."""
    text = HAN[:13] + "，" + HAN[13:30]
    lines = set_text(text, indent_em=0)
    assert texts(lines)[0] == HAN[:12]
    assert texts(lines)[1].startswith(HAN[12] + "，")
    check_paragraph(text, lines)


def test_opening_quote_after_the_indent_may_drop_its_blank_half():
    text = "“甲乙丙丁”戊己庚辛壬，" + HAN[:30]       # 2 + 12 cells: needs 1 em back
    lines = set_text(text)
    assert texts(lines)[0] == "“甲乙丙丁”戊己庚辛壬，"
    first = lines[0].glyphs[0]
    assert inked_span(first, SIZE)[0] == pytest.approx(2 * SIZE)   # ink still at the indent
    assert em(first.x) == pytest.approx(1.5)


# --------------------------------------------------------------- punctuation styles

STYLE_TEXT = "甲，乙。丙、丁？戊“己”庚"


@pytest.mark.parametrize("style, expected", [
    # 全角式: every mark a full em
    ("quanjiao", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    # 开明式: 。？！ full, every other mark half (an opening mark loses its left half)
    ("kaiming", [0, 1, 1.5, 2.5, 3.5, 4.5, 5, 6, 7, 7.5, 8.5, 9.5, 10]),
    # 半角式: every mark half
    ("banjiao", [0, 1, 1.5, 2.5, 3, 4, 4.5, 5.5, 6, 6.5, 7.5, 8.5, 9]),
])
def test_punctuation_styles(style, expected):
    lines = set_text(STYLE_TEXT, indent_em=0, settings=TextSettings(punctuation=style))
    assert texts(lines) == [STYLE_TEXT]
    assert ems(lines[0]) == [float(x) for x in expected]
    assert glyph_problems(lines, MEASURE) == []


@pytest.mark.parametrize("style", ["kaiming", "banjiao"])
def test_half_width_styles_fit_more_on_a_line(style):
    text = ("甲，乙，丙，丁，戊，己，庚，辛，" + HAN[:20])
    full = set_text(text, indent_em=0)
    half = set_text(text, indent_em=0, settings=TextSettings(punctuation=style))
    assert len(texts(half)[0]) > len(texts(full)[0])
    check_paragraph(text, half, TextSettings(punctuation=style))


# -------------------------------------------------------------------- Han–Latin space

@pytest.mark.parametrize("space", [0.0, 0.125, 0.25])
def test_han_latin_space(space):
    lines = set_text("甲2024乙", indent_em=0, settings=TextSettings(cjk_latin_space=space))
    glyphs = lines[0].glyphs
    digits = sum(advance(g) for g in glyphs[1:5])
    assert em(glyphs[1].x) == pytest.approx(1 + space)
    assert em(glyphs[5].x) == pytest.approx(1 + space + digits + space)


def test_no_han_latin_space_next_to_chinese_punctuation():
    lines = set_text("甲，2024。", indent_em=0, settings=TextSettings(cjk_latin_space=0.25))
    glyphs = lines[0].glyphs
    assert em(glyphs[2].x) == pytest.approx(2.0)
    assert em(glyphs[6].x) == pytest.approx(2.0 + sum(advance(g) for g in glyphs[2:6]))


@pytest.mark.parametrize("text, after", [("甲abc,乙", ","), ("甲2024／乙", "／"),
                                         ("甲2024—乙", "—"), ("甲Dr.乙", "."),
                                         ("甲Jìnzhōng乙", "ì")])
def test_no_han_latin_space_before_a_mark_that_follows_latin(text, after):
    """The quarter em goes between Han and Latin, not between Latin and a mark after it."""
    lines = set_text(text, indent_em=0, settings=TextSettings(cjk_latin_space=0.25))
    glyphs = lines[0].glyphs
    k = [g.char for g in glyphs].index(after)
    assert glyphs[k].x == pytest.approx(glyphs[k - 1].x + advance(glyphs[k - 1]) * SIZE)


def test_han_latin_space_never_lets_a_mark_start_a_line():
    settings = TextSettings(cjk_latin_space=0.25)
    for mark in ",／.—%":
        for n in range(8, 13):
            text = HAN[:n] + "2024" + mark + HAN[n:n + 12]
            lines = set_text(text, indent_em=0, settings=settings)
            assert break_problems(lines) == [], text
            check_paragraph(text, lines, settings)


# ------------------------------------------------------------------------- justification

def test_short_line_before_a_long_unit_is_still_justified():
    """A character that cannot join the number after it must not be left alone on an
    unjustified line while a justifiable break exists."""
    text = HAN[:8] + "0354-3111178" + HAN[8:20]
    lines = set_text(text, indent_em=0)
    assert width_problems(lines, MEASURE) == []
    assert all(len(t) > 1 for t in texts(lines))
    check_paragraph(text, lines)


def test_indented_label_and_code():
    text = "国内统一刊号：CN14-0023"         # 2 + 7 + 4.5 em: two lines, the code alone on the last
    lines = set_text(text)
    assert width_problems(lines, MEASURE) == []
    assert len(texts(lines)[0]) > 1
    check_paragraph(text, lines)


def test_latin_words_are_justified_by_their_spaces():
    """Latin words are not letterspaced: with no gap between glyphs on a line, its word
    spaces take all of the shortfall, beyond their usual ½-em limit."""
    text = "a daily paper set in narrow columns of thirteen characters at nine points each"
    lines = set_text(text, indent_em=0)
    check_paragraph(text, lines)
    assert len(lines) >= 3


def test_justified_mixed_line_letter_spaces_runs_half_as_much_as_han():
    """A number on a stretched line takes a little of the stretch (LATIN_GAP of what a gap
    between Han characters takes), evenly, so that it is neither a solid block in a spaced
    line nor a line's only give."""
    from layout.text.atoms import LATIN_GAP
    text = "全年地区生产总值完成1164.4亿元，增长5.6%；" + HAN[:20]
    lines = set_text(text)
    check_paragraph(text, lines)
    line = next(line for line in lines if "1164.4" in line.text)
    k = line.text.index("1164.4")
    glyphs = line.glyphs
    extra = [b.x - a.x - advance(a) * SIZE for a, b in zip(glyphs[k:k + 5], glyphs[k + 1:k + 6])]
    han = [b.x - a.x - advance(a) * SIZE for a, b in zip(glyphs, glyphs[1:])
           if a.char in "亿元增长" and b.char in "亿元增长"]
    assert han and han[0] > 0.01
    assert extra == pytest.approx([LATIN_GAP * han[0]] * 5, abs=1e-6)


# ------------------------------------------------------------------------------ settings

def test_empty_paragraph_sets_nothing():
    assert set_text("", indent_em=0) == []


def test_measure_and_size_scale_together():
    small = set_text(HAN[:40], indent_em=2)
    large = set_text(HAN[:40], indent_em=2, size=18, measure=2 * MEASURE)
    assert texts(small) == texts(large)
    for a, b in zip(small, large):
        assert [2 * g.x for g in a.glyphs] == pytest.approx([g.x for g in b.glyphs])
        assert b.size == 18 and a.size == 9


def test_url_with_scheme_and_query_is_one_unit():
    from composer_checks import shared_book
    from layout.text.compose import atomise
    atoms = atomise("访问https://www.example.org/a/b?id=42查看", "body", shared_book(),
                    TextSettings())
    assert "https://www.example.org/a/b?id=42" in [atom.text for atom in atoms]


def test_url_wider_than_the_measure_breaks_instead_of_running_into_the_gutter():
    url = "https://www.example.org/path/to/page?id=42"
    lines = set_text(f"或访问{url}查看详情。")
    assert not any(line.overfull for line in lines)
    assert all(line.width <= MEASURE + TOL for line in lines)
    joined = "".join(texts(lines))
    assert url in joined
    # the break comes after a dot or before a slash, never after a slash (GB level)
    for line in lines[:-1]:
        assert not line.text.endswith("/")


def spacing(line) -> float:
    """Spacing added per gap between a line's glyphs, in em."""
    natural = sum(advance(g) * SIZE for g in line.glyphs)
    return (line.glyphs[-1].x + advance(line.glyphs[-1]) * SIZE - line.glyphs[0].x
            - natural) / (len(line.glyphs) - 1) / SIZE


def test_a_url_that_fits_breaks_only_to_spare_a_line_spaced_beyond_the_limit():
    """After ten characters the URL is kept whole (the line before is spaced by 0.11 em);
    after seven, kept whole it would leave 市民可登录网站 on a line spaced by 0.67 em, and it
    breaks after a dot instead."""
    whole = HAN[:10] + "www.sxjzxw.com" + HAN[10:20]
    assert any("www.sxjzxw.com" in t for t in texts(set_text(whole)))
    text = "市民可登录网站www.sxjzxw.com或拨打广告热线"
    lines = set_text(text)
    check_paragraph(text, lines)
    assert not any("www.sxjzxw.com" in t for t in texts(lines))
    assert [t[-1] for t in texts(lines)[:-1] if "www" in t] == ["."]
    assert all(spacing(line) <= 0.25 + 1e-9 for line in lines[:-1])


def test_each_line_knows_where_it_starts_in_the_paragraph():
    text = "全面从严治党 and 反腐败斗争持续发力，政治生态持久风清气正，中国式现代化晋中实践迈出坚实步伐。"
    lines = set_text(text)
    assert lines[0].start == 0
    for line in lines:
        assert without_space(text[line.start:]).startswith(line.text)


def test_the_near_pass_taken_as_best_only_when_the_full_pass_would_agree():
    """break_lines skips the full total-fit pass when, under the near pass's bound, it would
    skip the very lines the near pass skipped; on the sample's and the eight-page issue's
    paragraphs, at several measures, the breaks are the full pass's."""
    from pathlib import Path

    from composer_checks import shared_book
    from layout.read.manifest import load_issue
    from layout.model import Paragraph
    from layout.text import breaking as composer
    from layout.text.atoms import atomise
    book = shared_book()
    root = Path(__file__).resolve().parents[2]
    texts = [block.text for folder in ("issues/3144", "tests/data/eight-page")
             for module in load_issue(root / folder).story_starts()
             for block in module.article.blocks if isinstance(block, Paragraph)][:300]
    shortcuts = 0
    for n, text in enumerate(texts):
        measure = (13, 11, 20)[n % 3]
        atoms = atomise(text, "body", book, TextSettings(), 2.0)
        breaker = composer._Breaker(atoms, composer.break_points(atoms, "gb"), measure, True)
        near = breaker.best(near_only=True)
        if len(atoms) not in near:      # no way through near the measure (a long number run)
            full = composer._lines(breaker.best(), len(atoms))
            assert composer.break_lines(atoms, measure, "gb") == full, text[:20]
            continue
        bound = near[len(atoms)][0]
        full = composer._lines(breaker.best(bound=bound), len(atoms))
        assert composer.break_lines(atoms, measure, "gb") == full, text[:20]
        shortcuts += breaker.skips_all(near, bound)
    assert shortcuts > len(texts) / 2           # the shortcut is the common case
