"""Titles break between words (issue 16): headlines, decks, subheads, bylines, captions and
credits; names never break; the segmenter loads only when a title must wrap."""
from dataclasses import replace

import pytest
from composer_checks import shared_book

from layout.session import Session
from layout.text.compose import TextSettings, natural_width
from layout.text.headline import set_headline, set_ragged
from layout.text.titles import (Segmenter, TitleText, news_words, phrases, segmenter,
                                 title_lines)

SETTINGS = replace(TextSettings(), space_em=1.0)


def lines_of(text, chars, size=20.0, **kwargs):
    return title_lines(TitleText(text, **kwargs), width=chars * size, size=size, role="body",
                       book=shared_book(), settings=SETTINGS)


# The issue's examples: each was broken inside a word (科技成果高|效, 非|理性, 拟|套现, 集体上|涨,
# 苏|州, 亲历|者, 大三学|生, 政|策, 预|期).
@pytest.mark.parametrize("text, chars, words", [
    ("江苏探索科技成果高效转化应用新途径", 8, ["科技成果", "高效", "转化", "应用", "途径"]),
    ("两部门约谈提醒涉嫌非理性竞争汽车生产企业", 9, ["非理性", "竞争", "汽车", "生产", "企业"]),
    ("晶丰明源实控人方拟套现5.5亿", 8, ["套现", "晶丰明源"]),
    ("午评：三大指数早盘集体上涨 贵金属板块领涨", 9, ["上涨", "集体", "板块", "领涨"]),
    ("苏州工业园区亲历者讲述三十年变迁", 6, ["苏州", "亲历者", "讲述", "变迁"]),
    ("一名大三学生的求职季", 5, ["大三", "学生", "求职"]),
    ("稳定市场预期的政策持续发力", 6, ["预期", "政策", "持续", "发力"]),
])
def test_issue_examples_break_between_words(text, chars, words):
    lines = lines_of(text, chars)
    assert "".join(lines) == "".join(text.split())
    assert len(lines) > 1
    for line in lines:
        assert natural_width(line, size=20, role="body", book=shared_book(),
                             settings=SETTINGS) <= chars * 20 + 1e-6
    for word in words:                      # every word whole on one line
        assert any(word in line for line in lines), (word, lines)


def test_a_break_after_a_mark_wins_over_a_balanced_break_inside_a_phrase():
    assert lines_of("亲历者讲述：我在苏州的三十年", 8) == ["亲历者讲述：", "我在苏州的三十年"]


def test_typed_spaces_are_the_best_breaks_and_the_space_does_not_start_a_line():
    lines = lines_of("沪深两市集体上涨 创业板指领涨", 8)
    assert lines == ["沪深两市集体上涨", "创业板指领涨"]


def test_a_typed_space_between_phrases_wins_over_even_lines():
    """An outside tester's lead (real news): broken at its typed space though the lines then
    differ by about five characters, not inside its first phrase (「…再次遭遇 / 爆炸 以色列…」)."""
    text = "联黎部队48小时内再次遭遇爆炸 以色列称正在调查"
    assert lines_of(text, 16) == ["联黎部队48小时内再次遭遇爆炸", "以色列称正在调查"]


def test_a_space_beside_a_latin_word_or_a_number_is_no_phrase_break():
    """Spaces around a Latin word or a number are no editor's break between phrases: the
    title still breaks for even lines — not 「中国 GDP / 前三季度同比增长…」 (5 em beside
    14), nor with 「41 760」 alone on a line."""
    assert lines_of("中国 GDP 前三季度同比增长百分之四点八", 14) == [
        "中国 GDP 前三季度", "同比增长百分之四点八"]
    assert "41 760" not in lines_of("全年货物贸易进出口总值达 41 760 亿元创历史新高", 12)


def test_a_space_between_phrases_that_begin_or_end_with_a_number_is_a_phrase_break():
    """Real page B6's title: the typed space between 「…1.13亿元」 and 「2022年上市…」 parts two
    phrases though a digit stands beside it (it was broken inside its first phrase, evenly);
    a space that sets a number apart (增长 5.2% 以上) is still none, an ideographic one always."""
    assert lines_of("魅视科技实控人方拟套现1.13亿元 2022年上市募5.43亿", 16) == [
        "魅视科技实控人方拟套现1.13亿元", "2022年上市募5.43亿"]
    assert lines_of("一季度国内生产总值同比增长 5.2% 以上", 11)[0] != "一季度国内生产总值同比增长"
    assert lines_of("联黎部队48小时内再次遭遇爆炸\u3000以色列称正在调查", 16) == [
        "联黎部队48小时内再次遭遇爆炸", "以色列称正在调查"]
    # (review) a space inside a number, or beside a Latin word, is none though the words
    # around it run into Chinese
    assert "41 760" in "".join(
        line for line in lines_of("全年货物贸易进出口总值达41 760亿元创历史新高", 14)
        if "760" in line)
    assert lines_of("前三季度中国 GDP增长5.2%超出市场预期", 14)[0] != "前三季度中国"


def test_a_titles_phrases_are_parted_by_its_phrase_spaces_only():
    assert phrases("锚定目标 实干笃行") == ["锚定目标", "实干笃行"]
    assert phrases("中国 GDP 前三季度增长 5.2% 创新高") == ["中国 GDP 前三季度增长 5.2% 创新高"]
    assert phrases("扩大开放　让中国大市场成为世界的大机遇") == ["扩大开放", "让中国大市场成为世界的大机遇"]


def test_issuers_named_together_are_one_phrase():
    """中共中央　国务院印发…: the space parts two issuers, not two phrases (an outside tester's
    新闻联播 title was set 中共中央 / 国务院印发… as if it were)."""
    assert phrases("中办　国办印发通知") == ["中办　国办印发通知"]
    assert phrases("中共中央　国务院印发《质量强国建设纲要》") == ["中共中央　国务院印发《质量强国建设纲要》"]
    assert lines_of("中共中央　国务院印发《质量强国建设纲要》", 12) == [
        "中共中央　国务院印发", "《质量强国建设纲要》"]
    # an issuer's name is a word: no break inside it (review: 中央纪委　国家 / 监委…)
    assert not any(line.endswith("国家") for line in lines_of("中央纪委　国家监委公开通报五起典型问题", 8))
    assert phrases("学习贯彻中共中央　国务院《意见》精神") == ["学习贯彻中共中央　国务院《意见》精神"]


def test_a_span_of_years_is_no_date():
    """5年100个 is five years and a hundred projects, not a date: it may break between them."""
    assert lines_of("未来5年100个项目落地", 6) == ["未来5年", "100个", "项目落地"]


@pytest.mark.parametrize("text, chars, expected", [
    # outside testers' 新闻联播 titles (2022), each set with a phrase's tail beside the next
    ("韩国首尔发生严重踩踏事故　至少153人遇难", 11, ["韩国首尔发生", "严重踩踏事故", "至少153人遇难"]),
    ("扩大开放　让中国大市场成为世界的大机遇", 12, ["扩大开放", "让中国大市场", "成为世界的大机遇"]),
])
def test_a_phrase_too_long_for_a_line_breaks_on_lines_of_its_own(text, chars, expected):
    """Set `whole_phrases` (a headline at its smallest size), a line does not hold a phrase
    space beside part of a phrase (韩国首尔发生严重踩踏 / 事故　至少153人遇难): the long phrase
    breaks on lines of its own, a line more — but not past three lines."""
    assert lines_of(text, chars, whole_phrases=True) == expected
    assert len(lines_of(text, chars)) == 2


def test_whole_phrases_take_a_line_more_only_up_to_three_lines():
    """Over two columns a title kept so would take four lines (the make-up would lose that
    width: real B page 3 then left a story out): it takes three, one of them mixed."""
    text = "晶丰明源实控人方拟套现5.5亿 扣非亏3年后去年0.18亿"
    assert lines_of(text, 9, whole_phrases=True) == lines_of(text, 9) == [
        "晶丰明源实控人方拟", "套现5.5亿 扣非亏", "3年后去年0.18亿"]



@pytest.mark.parametrize("text, chars, whole", [
    ("国务院常务会议决定自2023年5月25日起实施新规", 10, "2023年5月25日"),   # was 2023年5月 / 25日
    ("杭州亚运会将于9月23日开幕", 6, "9月23日"),
    ("纪录片《山河锦绣》今晚播出", 9, "《山河锦绣》"),          # was 纪录片《山河 / 锦绣》…
    ("解读《质量强国建设纲要》", 10, "《质量强国建设纲要》"),
])
def test_a_date_or_a_book_title_stays_on_one_line_where_it_fits(text, chars, whole):
    lines = lines_of(text, chars)
    assert any(whole in line for line in lines), lines


@pytest.mark.parametrize("text, chars, kept", [
    ("杭州亚运会倒计时100天系列主题活动举行", 12, "100天"),          # an outside tester's
    ("英国希思罗机场1400多名安保人员罢工", 12, "1400多"),             # 新闻联播 titles, 2023
    ("中办　国办印发《关于做好2023年元旦春节期间有关工作的通知》", 15, "2023年"),
])
def test_a_title_does_not_part_a_number_from_what_follows_it(text, chars, kept):
    """Half-width digits make a break after a number look even (杭州亚运会倒计时100 /
    天系列…): a number stays with the Chinese it runs into, as a unit does in body text."""
    lines = lines_of(text, chars)
    assert any(kept in line for line in lines), lines
    assert not any(line[-1].isdigit() for line in lines[:-1]), lines


def test_news_words_jieba_lacks_stay_whole():
    # jieba's dictionary has no 碳中和 and its guess cuts it 碳中|和 (real copy, 2025 全运会).
    lines = lines_of("“绿色”细节随处见 打造“碳中和”全运会", 7)
    assert "".join(lines) == "“绿色”细节随处见打造“碳中和”全运会"
    assert any("碳中和" in line for line in lines), lines


@pytest.mark.parametrize("text, chars, whole", [
    ("中国队稳居金牌榜奖牌榜双榜榜首", 8, "双榜"),             # jieba: 双|榜 without a guess
    ("全国残特奥会今晚闭幕 粤港澳联合办赛书写残疾人体育事业新篇", 9, "办赛"),
])
def test_characters_the_dictionary_knows_only_one_by_one_are_not_parted(text, chars, whole):
    lines = lines_of(text, chars)
    assert any(whole in line for line in lines), lines


def test_a_function_word_between_them_is_still_a_place_to_break():
    # 先行区|对非贸易: 区 and 对 are single words to the dictionary, and 对 opens a phrase.
    lines = lines_of("中非经贸深度合作先行区对非贸易累计超1100亿元", 13)
    assert lines == ["中非经贸深度合作先行区", "对非贸易累计超1100亿元"], lines


def test_no_character_of_a_phrase_is_left_alone_beside_its_typed_space():
    lines = lines_of("“绿色”细节随处见 打造“碳中和”全运会", 7)
    assert not any(line[:1] + " " == line[:2] or line[-2:-1] == " " for line in lines), lines
    assert all(len(part) > 1 for line in lines for part in line.split()), lines


def test_lines_come_out_even():
    lines = lines_of("市场预期改善政策效应持续显现经济稳中向好", 12)
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 2


def test_a_byline_breaks_at_its_spaces_only():
    lines = lines_of("本报记者 张三丰 李四 通讯员 王五六", 7, size=10.0, names=True)
    assert lines == ["本报记者", "张三丰 李四", "通讯员 王五六"]
    assert lines_of("每经编辑 何小桃", 6, names=True) == ["每经编辑", "何小桃"]


def test_a_credit_and_a_latin_name_stay_whole():
    caption = "市民在苏州平江路历史街区游览。 新华社记者 Jean Dupont 摄"
    credit = (caption.index("新华社"), len(caption))
    lines = lines_of(caption, 17, size=9.0, keep=(credit,))
    assert lines == ["市民在苏州平江路历史街区游览。", "新华社记者 Jean Dupont 摄"]
    narrow = lines_of(caption, 12, size=9.0, keep=(credit,))   # too long: at a space, then
    assert "Jean Dupont" in "".join(narrow[1:]) and narrow[-1].endswith("Dupont 摄")
    wide = lines_of("Photo by Jean Dupont and Marie Curie", 12, size=9.0)
    assert any("Jean Dupont" in line for line in wide)
    assert any("Marie Curie" in line for line in wide)


def test_the_dictionary_takes_the_issue_s_words():
    text = "市委书记常书铭调研晋中国家农业高新技术产业示范区"
    plain = lines_of(text, 11)
    assert not any(line.endswith("晋中国") for line in plain)
    ours = title_lines(TitleText(text), width=12 * 20, size=20, role="body", book=shared_book(),
                       settings=SETTINGS, words=("常书铭", "农业高新技术产业示范区"))
    assert any("农业高新技术产业示范区" in line for line in ours), ours
    assert any("常书铭" in line for line in ours)


def test_the_segmenter_loads_only_when_a_title_wraps_between_words(clean_session):
    words = ("只为这个测试的词",)                # a segmenter of its own, nothing known yet
    lines = set_ragged("锚定目标 实干笃行", width=400, size=20, role="body", book=shared_book(),
                       settings=TextSettings(), words=words)
    assert len(lines) == 1 and not segmenter(words).loaded
    lines = set_ragged("锚定目标 实干笃行", width=100, size=20, role="body", book=shared_book(),
                       settings=TextSettings(), words=words)
    assert len(lines) == 2 and not segmenter(words).loaded      # at its space: no words asked
    set_ragged("江苏探索科技成果高效转化应用新途径", width=160, size=20, role="body",
               book=shared_book(), settings=TextSettings(), words=words)
    assert segmenter(words).loaded and segmenter(words) is segmenter(words)


def test_word_boundaries_are_kept_in_the_disk_cache(clean_session):
    words = ("另一个只为测试的词",)
    ends = segmenter(words).word_ends("江苏探索科技成果高效转化应用新途径")
    assert segmenter(words).loaded
    clean_session.flush()                       # written, as at the end of a render
    with Session().active():                    # as in the next render: nothing loaded
        fresh = segmenter(words)
        assert fresh.word_ends("江苏探索科技成果高效转化应用新途径") == ends
        assert not fresh.loaded


def test_a_headline_that_must_wrap_wraps_between_words():
    lines, size = set_headline("江苏探索科技成果高效转化应用新途径", width=260, size=42,
                               min_size=24, role="body", book=shared_book(),
                               settings=TextSettings())
    texts = [line.text for line in lines]
    assert size == 24 and "".join(texts) == "江苏探索科技成果高效转化应用新途径"
    assert not any(a.endswith("高") for a in texts[:-1])


def test_body_text_still_breaks_between_any_two_han_characters():
    from layout.text.compose import compose
    lines = compose("科技成果高效转化" * 6, measure=13 * 9, size=9, role="body",
                    book=shared_book(), settings=TextSettings())
    assert all(len(line.text) == 13 for line in lines[:-1])


def test_titles_are_segmented_ahead_by_whoever_runs_the_task(clean_session):
    """A render finds its titles' words ahead (`render._work_ahead`): the task's result, kept
    here, answers this process's questions without its loading the dictionary."""
    from layout.ahead import titles_ahead
    words = ("第三个只为测试的词",)
    texts = ["江苏探索科技成果高效转化应用新途径", "长江黄金水道扩能带来新机遇"]
    [task] = titles_ahead(texts, words)
    [result] = clean_session.map(lambda task: task.run(), [task, task], 2)[:1]   # in a worker
    task.keep(result)
    fresh = Segmenter(news_words() + words)      # as segmenter(words) makes it, not loaded
    ends = fresh.word_ends(texts[0])
    known = fresh.word_ends(texts[0], guess=False)
    assert not fresh.loaded
    assert ends == set(Segmenter(news_words() + words).cut(texts[0], guess=True))
    assert known == set(Segmenter(news_words() + words).cut(texts[0], guess=False))
    assert titles_ahead(texts, words) == []                 # known now: nothing to do
