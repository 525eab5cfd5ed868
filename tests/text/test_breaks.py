"""Issue 16's loose-line target in the composer: breaks inside Latin runs (layout/text/breaks.py)
and the last resort of setting a line a little tighter (紧排), on paragraphs of real copy
(tests/data/realnews) whose numbers left a line spaced by 0.33–0.5 em before."""
import pytest
from composer_checks import set_text
from test_compose import check_paragraph, spacing, texts

from layout.text.breaks import run_breaks
from layout.text.compose import TextSettings


@pytest.mark.parametrize("text, overlong, breaks", [
    ("TSMM-LIBS", False, [5]),              # after a hyphen between letters (UAX #14)
    ("COVID-19", False, []),                # not before a digit
    ("0354-3111178", False, []),            # a phone number never breaks (GB/T 15835)
    ("4,088.00", False, []),                # nor a number
    ("968111@hxdsb.com", False, [6, 13]),   # an address: before @, after a dot
    ("http://www.a.com/b.html", False, [5, 11, 13, 16, 19]),
    # an address too long for any line also between its letters and digits (a video id)
    ("tv.cctv.com/VIDE3TJ", True, [3, 8, 11, 16, 17]),
    ("tv.cctv.com/VIDE3TJ", False, [3, 8, 11]),
])
def test_where_a_latin_run_may_break(text, overlong, breaks):
    assert run_breaks(text, overlong) == breaks


# (paragraph from the corpus, the unbreakable run the line before used to be spaced out for)
REAL = [
    ("航天环宇2023年6月2日在上交所科创板上市，公开发行的股票数量为4,088.00万股，发行价格为"
     "21.86元/股，保荐机构（主承销商）是财信证券股份有限公司。", "4,088.00万股"),
    ("研究团队创新提出“时空介质协同调制LIBS（TSMM-LIBS）”技术方案，实现对激光诱导高温等离子体"
     "核心的主动调控。", "TSMM-LIBS"),
    ("七是海都报料电子邮箱：968111@hxdsb.com；八是直接来福州华林路84号海都大厦一楼呼叫中心。",
     "968111@hxdsb.com"),
    ("最新数据显示，2025—2026冰雪季首月，全国滑雪场累计接待客流量为0.35亿人次，同比增长10%。",
     "0.35亿人次"),
]


@pytest.mark.parametrize("text, run", REAL, ids=[run for _, run in REAL])
def test_no_line_is_spaced_beyond_the_limit_before_a_long_run(text, run):
    lines = set_text(text)
    check_paragraph(text, lines)
    assert max(spacing(line) for line in lines[:-1]) <= 0.25 + 1e-9, texts(lines)
    assert min(spacing(line) for line in lines) >= -TextSettings().tighten_em - 1e-9


def test_without_tightening_a_line_is_spaced_out_instead():
    text, _ = REAL[0]
    lines = set_text(text, settings=TextSettings(tighten_em=0))
    assert max(spacing(line) for line in lines[:-1]) > 0.25
