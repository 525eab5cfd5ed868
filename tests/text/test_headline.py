"""Headlines: largest size that fits, phrases kept whole, even lines when they must wrap."""
from composer_checks import shared_book

from layout.text.compose import TextSettings
from layout.text.headline import set_headline


def headline(text, width, size=42, min_size=24):
    return set_headline(text, width=width, size=size, min_size=min_size, role="body",
                        book=shared_book(), settings=TextSettings())


def test_fits_one_line_at_the_style_size_when_there_is_room():
    lines, size = headline("锚定目标 实干笃行", width=600)
    assert size == 42 and [l.text for l in lines] == ["锚定目标实干笃行"]
    assert lines[0].width <= 600


def test_shrinks_a_little_rather_than_wrap():
    lines, size = headline("锚定目标 实干笃行", width=9 * 40)     # 9 em needs ≤ 40 pt
    assert len(lines) == 1 and 36 <= size < 42 and lines[0].width <= 360


def test_phrases_go_on_lines_of_their_own_before_the_type_gets_small():
    lines, size = headline("锚定目标 实干笃行", width=200)        # one line only at ~22 pt
    assert [l.text for l in lines] == ["锚定目标", "实干笃行"]
    assert size >= 42 * 0.8 and all(l.width <= 200 for l in lines)


def test_phrases_are_grouped_onto_fewer_lines_rather_than_leave_a_stub_line():
    """Real page B4's title: one phrase a line left 「市民」 alone between two long ones."""
    lines, size = headline("猪肉价格下降 市民 “菜篮子”变“轻”了", width=440)
    assert [l.text for l in lines] == ["猪肉价格下降市民", "“菜篮子”变“轻”了"]  # (spaces dropped)
    assert size == 42 and all(l.width <= 440 + 1e-6 for l in lines)
    # wrapped into at most three lines, as a manifest may ask (review)
    lines, _ = wrapped("猪肉价格下降 市民 “菜篮子”变“轻”了", width=440, most_lines=3)
    assert [l.text for l in lines] == ["猪肉价格下降市民", "“菜篮子”变“轻”了"]
    # at a size both groupings reach (24 pt across three columns), the more even one
    lines, size = headline("猪肉价格下降 市民 “菜篮子”变“轻”了", width=351, size=24)
    assert size == 24 and [l.text for l in lines] == ["猪肉价格下降市民", "“菜篮子”变“轻”了"]


def test_spaces_around_a_latin_word_or_a_number_do_not_part_phrases():
    """(review) 「中国 GDP 前三季度增长 5.2% 创新高」 was set a word a line: 中国 / GDP / …"""
    lines, _ = headline("中国 GDP 前三季度增长 5.2% 创新高", width=300)
    assert len(lines) == 2


def test_three_phrases_of_even_length_stay_on_lines_of_their_own():
    lines, size = headline("龙舟竞渡 粽叶飘香 各地共度端午", width=250)     # real page A7's lead
    assert [l.text for l in lines] == ["龙舟竞渡", "粽叶飘香", "各地共度端午"]
    assert size == 41.5


def test_without_phrases_wraps_into_even_lines_at_the_smallest_size():
    lines, size = headline("标点数字与西文混排压力测试稿件", width=170)   # 15 em at 24 pt = 360 pt
    assert size == 24 and len(lines) == 3
    lengths = [len(l.text) for l in lines]
    assert max(lengths) - min(lengths) <= 2     # even, as far as breaks between words allow
    # (between words, issue 16: 标点数字|与西文混排|压力测试稿件, not …与|西文混排压|力测试…)
    assert [l.text for l in lines] == ["标点数字", "与西文混排", "压力测试稿件"]


def test_a_wrapped_title_prefers_to_break_after_a_mark():
    lines, _ = headline("标点、数字与西文混排压力稿", width=100)
    assert lines[0].text.endswith("、")


def wrapped(text, width, most_lines, size=42, min_size=24):
    return set_headline(text, width=width, size=size, min_size=min_size, role="body",
                        book=shared_book(), settings=TextSettings(), most_lines=most_lines)


def test_a_title_wrapped_into_two_lines_stays_larger_than_the_composers_own_fit():
    text = "标点数字与西文混排压力测试稿件"                      # 15 em, no phrases
    _, fitted = headline(text, width=170)                       # three lines at 24 pt
    lines, size = wrapped(text, width=300, most_lines=2)
    assert len(lines) == 2 and size > 24 and all(l.width <= 300 + 1e-6 for l in lines)
    assert "".join(l.text for l in lines) == text
    _, one_size_smaller = wrapped(text, width=300, most_lines=2, size=size - 0.5)
    assert one_size_smaller == size - 0.5          # the largest size that keeps two lines


def test_a_wrapped_title_keeps_its_phrases_on_lines_of_their_own():
    lines, size = wrapped("锚定目标 实干笃行", width=200, most_lines=2)
    assert [l.text for l in lines] == ["锚定目标", "实干笃行"]
    assert size == 42                           # four em a line: 168 pt at the largest size


def test_a_title_that_cannot_wrap_into_so_few_lines_is_fitted_as_usual():
    text = "标点数字与西文混排压力测试稿件"
    assert wrapped(text, width=170, most_lines=2) == headline(text, width=170)


def test_a_wrapped_title_breaks_at_its_typed_space_rather_than_evenly():
    text = "强降雨来袭 各地各部门积极应对"
    lines, size = wrapped(text, width=360, most_lines=2)   # 40 pt, against 42 evenly
    assert [l.text for l in lines] == ["强降雨来袭", "各地各部门积极应对"]
    assert size == 40 and all(l.width <= 360 + 1e-6 for l in lines)


def test_a_wrapped_title_breaks_evenly_where_its_phrases_would_cost_it_a_tenth_of_its_size():
    lines, size = wrapped("强降雨来袭 各地各部门积极应对", width=330, most_lines=2)
    assert len(lines) == 2 and size == 41 and lines[0].text.startswith("强降雨来袭")


CREDIT = "Jacob W. Frank／美国国家公园管理局（公有领域）"   # real page B6's photo credit
CAPTION = f"雪山与湖泊（资料图片） {CREDIT}"


def caption(width):
    from layout.text.headline import set_ragged
    start = len(CAPTION) - len(CREDIT)
    return set_ragged(CAPTION, width=width, size=10, role="body", book=shared_book(),
                      settings=TextSettings(), keep=((start, len(CAPTION)),))


def test_a_credit_too_long_for_its_line_breaks_between_words():
    """Kept whole where it fits, a credit wider than the caption's measure breaks where
    running text would (after ／, between words), not inside a word (美国国|家)."""
    lines = caption(width=14.5 * 10)
    texts = [l.text for l in lines]
    assert "".join(texts) == CAPTION.replace(" ", "")        # a line's text drops spaces
    assert texts[1:] == ["JacobW.Frank／美国国家", "公园管理局（公有领域）"]
    assert len(caption(width=40 * 10)) == 1                 # where it fits, one line


def test_a_typed_space_between_latin_words_is_a_word_space_in_a_title():
    """A title's phrases are a space one em wide apart (锚定目标 实干笃行), a credit's
    Latin words a word space (Jacob W. Frank), an ideographic space what it is."""
    from layout.text.headline import set_ragged

    def width(text):
        [line] = set_ragged(text, width=1000, size=10, role="body", book=shared_book(),
                            settings=TextSettings())
        return line.width
    assert width("锚定 实干") - width("锚定实干") > 9           # one em
    assert width("Jacob W.") - width("JacobW.") < 4            # a word space, a third of one
    assert width("2023-11-14　22:13") - width("2023-11-1422:13") > 9   # U+3000 stays an em


def test_a_title_wrapped_at_its_smallest_size_keeps_its_phrases_whole():
    """The composer's own fit of a title no size puts on one line: wrapped at the smallest
    size, no line holds part of a phrase beside the other (outside testers: 韩国首尔发生严重踩踏
    / 事故　至少153人遇难); the long phrase breaks on lines of its own."""
    lines, size = headline("韩国首尔发生严重踩踏事故　至少153人遇难", width=11 * 24)
    assert size == 24
    assert [line.text.strip() for line in lines] == ["韩国首尔发生", "严重踩踏事故", "至少153人遇难"]
