"""Character classes as data: the clreq prohibition sets, blank halves, run characters.

The expected sets are written out here from clreq / ../reference/cjk-typesetting.md §1–2, not
derived from layout.text.charclass, so a character dropped from (or wrongly added to) a set fails.
"""
import pytest

from layout.text import charclass as cc

# clreq basic level, "never at line start", full-width and other marks …
CLREQ_NO_START = set("、，。．：；！？‼⁇⁈⁉”’」』）》〉】〗〕］｝–—～·／")
# … and the ASCII marks when they occur in Chinese text.
CLREQ_NO_START_ASCII = set(",.;:?!)]}")
# clreq basic level, "never at line end".
CLREQ_NO_END = set("“‘「『（《〈【〖〔［｛")
# GB-style adds the solidus, full-width and ASCII.
GB_NO_END_EXTRA = {"／", "/"}
# strict adds the two-em dash and the ellipsis, in both their forms.
STRICT_NO_START = {"——", "⸺", "……", "⋯⋯"}

HAN_SAMPLE = "中国晋市委会议年发展经济人民"


def test_no_start_basic_has_every_clreq_mark():
    assert CLREQ_NO_START - cc.NO_START_BASIC == set()
    assert CLREQ_NO_START_ASCII - cc.NO_START_BASIC == set()


def test_percent_and_permille_never_start_a_line():
    # GB/T 15835: a number and its % are one unit, so % cannot begin a line.
    assert {"%", "‰"} <= cc.NO_START_BASIC


def test_no_end_basic_is_exactly_the_opening_marks_plus_ascii_openers():
    assert cc.NO_END_BASIC == CLREQ_NO_END | set("([{")


def test_gb_no_end_adds_exactly_the_solidus():
    assert cc.NO_END_GB - cc.NO_END_BASIC == GB_NO_END_EXTRA
    assert cc.NO_END_BASIC <= cc.NO_END_GB


def test_strict_atoms():
    assert set(cc.NO_START_STRICT_ATOMS) == STRICT_NO_START


def test_levels():
    assert cc.LINE_BREAK_LEVELS == ("basic", "gb", "strict")


def test_only_the_full_width_solidus_is_both_no_start_and_no_end():
    # At the basic level no character is both; at the GB level the full-width solidus is
    # (clreq lists it among the basic no-starts, GB style forbids it at line end too), so it
    # binds to both neighbours.
    assert cc.NO_START_BASIC & cc.NO_END_BASIC == set()
    assert cc.NO_START_BASIC & cc.NO_END_GB == {"／"}


def test_opening_marks_may_start_a_line_and_closing_marks_may_end_one():
    assert cc.OPENING & cc.NO_START_BASIC == set()
    assert (cc.CLOSING | cc.PAUSES | cc.STOPS) & cc.NO_END_GB == set()


def test_han_characters_are_in_no_prohibition_set():
    for char in HAN_SAMPLE:
        assert char not in cc.NO_START_BASIC
        assert char not in cc.NO_END_GB


def test_mark_families_are_disjoint():
    families = [cc.OPENING, cc.CLOSING, cc.PAUSES, cc.STOPS, cc.MIDDLE_DOTS]
    for a in range(len(families)):
        for b in range(a + 1, len(families)):
            assert families[a] & families[b] == set()


def test_opening_and_closing_marks_pair_up():
    assert cc.OPENING == set("“‘「『（《〈【〖〔［｛")
    assert cc.CLOSING == set("”’」』）》〉】〗〕］｝")


@pytest.mark.parametrize("char, halves", [
    ("“", (0.5, 0.0)), ("（", (0.5, 0.0)), ("《", (0.5, 0.0)), ("【", (0.5, 0.0)),
    ("”", (0.0, 0.5)), ("）", (0.0, 0.5)), ("》", (0.0, 0.5)),
    ("，", (0.0, 0.5)), ("、", (0.0, 0.5)), ("；", (0.0, 0.5)), ("：", (0.0, 0.5)),
    ("。", (0.0, 0.5)), ("？", (0.0, 0.5)), ("！", (0.0, 0.5)),
    ("·", (0.25, 0.25)), ("・", (0.25, 0.25)),
    ("中", (0.0, 0.0)), ("—", (0.0, 0.0)), ("…", (0.0, 0.0)), ("a", (0.0, 0.0)),
])
def test_blank_halves_follow_gb_glyph_placement(char, halves):
    assert cc.blank_halves(char) == halves


def test_run_characters():
    assert cc.DASH == "\u2014"
    assert set(cc.ELLIPSES) == {"\u2026", "\u22ef"}
    assert set("0123456789") <= cc.LATIN_WORD_CHARS
    assert {".", "-", "/", "@", ":"} <= cc.LATIN_JOINERS      # 1164.4, 0354-…, URLs, e-mail
    assert cc.NUMBER_SUFFIXES == {"%", "‰", "℃", "℉"}                # 0℃ is one run
    assert {"¥", "￥", "$"} <= cc.CURRENCY_PREFIXES
    assert not (cc.LATIN_WORD_CHARS & cc.NO_START_BASIC)


@pytest.mark.parametrize("char, expected", [
    ("中", True), ("龍", True), ("あ", True), ("한", True), ("𠀀", True), ("，", True),
    ("a", False), ("1", False), ("%", False), (" ", False), ("—", False),
])
def test_is_han_like(char, expected):
    assert cc.is_han_like(char) is expected


@pytest.mark.parametrize("char", list("azAZ09") + list("éìōüßçαя") + ["\u0301"])
def test_latin_word_characters(char):
    """ASCII letters and digits, and letters/combining marks of any non-CJK script."""
    assert cc.is_latin_word_char(char)


@pytest.mark.parametrize("char", list("中あ한，。“”（）《》、：—…%.-/ ¥") + ["Ａ", "１", "①", "Ⅱ"])
def test_not_latin_word_characters(char):
    """Han, marks, joiners, suffixes, spaces and full-width forms are not word characters."""
    assert not cc.is_latin_word_char(char)
