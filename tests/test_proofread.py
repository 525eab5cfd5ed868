"""layout.inspect.proofread: the planted-error corpus, the sample issue, the masthead and the report."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from layout.inspect.findings import Finding, file_finding
from layout.inspect.findings import listing as report
from layout.inspect.numberforms import _cn_int, _int_cn
from layout.inspect.proofread import check_article, check_issue

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "proofread"
SAMPLE = ROOT / "issues" / "3144"


# ---------------------------------------------------------------------------------------------
# the corpus

def expectations() -> list[tuple[int, int, str, str, str]]:
    rows = []
    for line in (DATA / "errors.expected").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, column, severity, rule, marked = line.split("\t")
            rows.append((int(number), int(column), severity, rule, marked.replace("␣", " ")))
    return rows


def test_the_expectations_point_at_the_planted_text():
    """The expectations themselves are right: each column is where its text starts in the
    file (independent of the checker's parsing)."""
    lines = (DATA / "errors.md").read_text(encoding="utf-8").splitlines()
    for number, column, _, _, marked in expectations():
        rest = lines[number - 1][column - 1:]
        # a span may run on into the next line of its paragraph
        assert rest.startswith(marked) or (rest and marked.startswith(rest)), (number, marked)


def test_every_planted_error_is_found_exactly_there_and_nothing_else():
    path = DATA / "errors.md"
    found = [(f.line, f.column, f.severity, f.check, f.context.split("【")[1].split("】")[0])
             for f in check_article(path)]
    assert found == sorted(expectations())


def test_findings_carry_file_context_message_and_fix():
    path = DATA / "errors.md"
    for finding in check_article(path):
        assert finding.file == str(path)
        assert finding.severity in ("error", "warning")
        assert finding.message and finding.fix
        assert finding.context.count("【") == finding.context.count("】") == 1


def test_a_clean_text_full_of_lookalikes_raises_nothing():
    assert check_article(DATA / "clean.md") == []


@pytest.mark.parametrize("text, rule, severity", [
    ("我们,他们", "halfwidth-punct", "error"),
    ("会议(草案通过", "halfwidth-punct", "error"),
    ("他说：“好。", "unbalanced-quote", "error"),
    ("他说：好。”", "unbalanced-quote", "error"),
    ("《决议》》", "unbalanced-bracket", "error"),
    ("好。。", "doubled-mark", "error"),
    ("好，。", "doubled-mark", "error"),
    ("目标 实干", "space-in-chinese", "warning"),
    ("目标\u3000实干", "space-in-chinese", "warning"),
    ("他说--好", "dash", "error"),
    ("他说：—好", "dash", "error"),
    ("他说：-好", "dash", "error"),                 # a hyphen before no number is no minus
    ("会议召开后，新华社北京6月11日电 工业", "space-in-chinese", "warning"),  # not its start
    ("等等...", "ellipsis", "error"),
    ("全面 and 反腐", "latin-in-chinese", "warning"),
    ("党and反腐", "latin-in-chinese", "warning"),
    ("增长５％", "fullwidth-alnum", "warning"),
    ("二0二四年", "number-form", "warning"),
])
def test_one_rule_each(tmp_path, text, rule, severity):
    path = tmp_path / "a.md"
    path.write_text(f"---\nheadline: 标题\n---\n\n{text}\n", encoding="utf-8")
    assert [(f.check, f.severity, f.line) for f in check_article(path)] == [(rule, severity, 5)]


@pytest.mark.parametrize("text", [
    "GDP增长5.2%，CPI上涨0.3%。", "劣V类水质，A股，5G网络。", "网址www.sxjzxw.com。",
    "电话0354-3111178。", "增长-5%。", "北京—上海高铁。", "好！！真的吗？！", "全长30 km。",
    "——锚定目标。", "“十四五”规划，五届七次全会，一年来，七个“牢牢把握”，第一产业。",
    "他说：“记住‘实干’二字。”", "人工智能（artificial intelligence）。", "百分之百的努力。",
    "iPhone与Wi-Fi，pH值。", "生产总值……增长。",
    # issue 16: negative numbers are not dashes, a dateline is followed by a space
    "净利润为-2.06亿元。", "同比（-3.5%），气温：-5℃。", "“-2”", "-2.06亿元的亏损。",
    "新华社北京6月11日电 工业和信息化部11日发布数据。", "本报讯 昨天，会议召开。",
    "本报讯（记者 张三）昨天，会议召开。", "新华社记者 王五 北京6月11日电 会议召开。",
])
def test_legitimate_usage_is_not_flagged(tmp_path, text):
    path = tmp_path / "a.md"
    path.write_text(f"---\nheadline: 标题\n---\n\n{text}\n", encoding="utf-8")
    assert check_article(path) == []


def test_numbers_in_one_form_are_consistent(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nheadline: 标题\n---\n\n2023年增长5%，2024年1月5日。\n\n"
                    "二〇二四年一月五日，增长百分之五，二〇二三年。\n", encoding="utf-8")
    found = [(f.check, f.line, f.column, f.fix) for f in check_article(path)]
    # years 2:2 (a tie flags the Chinese form), dates 1:1, percentages 1:1
    assert found == [
        ("number-form", 7, 1, "write '2024年' as elsewhere in the article"),
        ("number-form", 7, 6, "write '1月5日' as elsewhere in the article"),
        ("number-form", 7, 13, "write '5%' as elsewhere in the article"),
        ("number-form", 7, 18, "write '2023年' as elsewhere in the article"),
    ]


def test_chinese_numerals_convert():
    assert [_cn_int(t) for t in ("二〇二四", "十二", "二十", "一百零五", "三")] == \
        [2024, 12, 20, 105, 3]
    assert [_int_cn(n) for n in (12, 20, 105, 31, 0)] == ["十二", "二十", "一百零五", "三十一", "〇"]


# ---------------------------------------------------------------------------------------------
# the sample issue

def sample_and() -> tuple[int, int]:
    """Where the stray "and" is in maoding-mubiao.md, found without the checker."""
    lines = (SAMPLE / "maoding-mubiao.md").read_text(encoding="utf-8").splitlines()
    number = next(k for k, line in enumerate(lines, 1) if "全面从严治党 and 反腐败" in line)
    return number, lines[number - 1].index(" and ") + 2


def test_the_sample_issue_reports_only_the_stray_and():
    findings = check_issue(SAMPLE)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.file, finding.line, finding.column) == \
        (str(SAMPLE / "maoding-mubiao.md"), *sample_and())
    assert (finding.line, finding.column) == (18, 304)
    assert (finding.severity, finding.check) == ("warning", "latin-in-chinese")
    assert "【and】" in finding.context and "全面从严治党" in finding.context
    assert finding.fix == "replace ' and ' with '和' or '与'"


def test_the_sample_article_alone():
    findings = check_article(SAMPLE / "maoding-mubiao.md")
    assert [(f.check, f.line, f.column) for f in findings] == [("latin-in-chinese", *sample_and())]
    assert check_article(SAMPLE / "jianding-xinxin.md") == []


# ---------------------------------------------------------------------------------------------
# masthead, date, pages

ISSUE = """number = 3144
date = 2024-01-06
style = "jinzhong"
weekday = "{weekday}"
lunar = "癸卯年十一月廿五"

[masthead]
cn = "{cn}"

[[pages]]
number = 1

[[pages.modules]]
article = "a.md"
place = {{ column = 1, columns = 4, line = 17, lines = 20 }}
{more}"""


def make_issue(tmp_path: Path, *, cn="CN14-0023", weekday="星期六", more="") -> Path:
    (tmp_path / "issue.toml").write_text(ISSUE.format(cn=cn, weekday=weekday, more=more),
                                         encoding="utf-8")
    (tmp_path / "a.md").write_text("---\nheadline: 标题\n---\n\n正文。\n", encoding="utf-8")
    return tmp_path


def only(findings: list[Finding]) -> tuple[str, str, int, int]:
    assert len(findings) == 1, findings
    finding = findings[0]
    return finding.severity, finding.check, finding.line, finding.column


def test_a_good_minimal_issue_is_clean(tmp_path):
    assert check_issue(make_issue(tmp_path), previous_number=3143) == []


@pytest.mark.parametrize("cn", ["CN14-2023", "CN1-0023", "CN14-0000", "CN99-0023", "CN 14-0023",
                                "ＣＮ14-0023", "14-0023"])
def test_a_bad_cn_number_is_an_error(tmp_path, cn):
    findings = check_issue(make_issue(tmp_path, cn=cn))
    assert only(findings) == ("error", "cn-number", 8, 6)
    assert findings[0].file == str(tmp_path / "issue.toml")
    assert cn in findings[0].message


def test_the_cn_number_from_the_style_is_located_in_the_style(tmp_path):
    make_issue(tmp_path)
    text = (tmp_path / "issue.toml").read_text(encoding="utf-8")
    (tmp_path / "issue.toml").write_text(text.replace('[masthead]\ncn = "CN14-0023"\n', ""),
                                         encoding="utf-8")
    (tmp_path / "house.toml").write_text('base = "jinzhong"\n\n[masthead]\ncn = "CN14-1234"\n',
                                         encoding="utf-8")
    text = (tmp_path / "issue.toml").read_text(encoding="utf-8")
    (tmp_path / "issue.toml").write_text(text.replace('"jinzhong"', '"house.toml"'),
                                         encoding="utf-8")
    findings = check_issue(tmp_path)
    assert only(findings) == ("error", "cn-number", 4, 6)
    assert findings[0].file == str(tmp_path / "house.toml")


def test_a_malformed_postal_code_is_a_warning(tmp_path):
    make_issue(tmp_path)
    text = (tmp_path / "issue.toml").read_text(encoding="utf-8")
    (tmp_path / "issue.toml").write_text(text.replace('cn = "CN14-0023"',
                                                      'cn = "CN14-0023"\npostal_code = "21—22"'),
                                         encoding="utf-8")
    assert only(check_issue(tmp_path)) == ("warning", "postal-code", 9, 15)


def test_masthead_and_article_findings_come_together(tmp_path):
    make_issue(tmp_path, cn="CN14-2023")
    (tmp_path / "a.md").write_text("---\nheadline: 标题\n---\n\n正文,完。\n", encoding="utf-8")
    findings = check_issue(tmp_path, previous_number=3144)
    assert [(Path(f.file).name, f.check, f.line) for f in findings] == [
        ("a.md", "halfwidth-punct", 5), ("issue.toml", "issue-number", 1),
        ("issue.toml", "cn-number", 8)]


@pytest.mark.parametrize("previous, expected", [
    (3143, None),
    (3144, ("error", "issue-number", 1, 10)),
    (3150, ("error", "issue-number", 1, 10)),
    (3140, ("warning", "issue-number", 1, 10)),
])
def test_the_issue_number_follows_the_previous_one(tmp_path, previous, expected):
    findings = check_issue(make_issue(tmp_path), previous_number=previous)
    if expected is None:
        assert findings == []
    else:
        assert only(findings) == expected
        assert str(previous + 1) in findings[0].fix


def test_a_wrong_weekday_is_a_date_error(tmp_path):
    findings = check_issue(make_issue(tmp_path, weekday="星期五"))
    assert only(findings) == ("error", "date", 4, 11)
    assert "星期六" in findings[0].fix


def numbering(findings):
    """The page-number findings (a page added with nothing on it is also an empty page)."""
    return [f for f in findings if f.check == "page-number"]


def test_pages_are_numbered_in_order(tmp_path):
    more = "\n[[pages]]\nnumber = 3\n"
    findings = numbering(check_issue(make_issue(tmp_path, more=more)))
    assert only(findings) == ("error", "page-number", 18, 10)
    assert "number = 2" in findings[0].fix


def test_every_page_has_a_number(tmp_path):
    more = '\n[[pages]]\nsection = "要闻"\n'
    findings = numbering(check_issue(make_issue(tmp_path, more=more)))
    assert only(findings) == ("error", "page-number", 17, 1)


def test_a_page_with_nothing_on_it_is_a_warning(tmp_path):
    """An outside tester's page listed with no module printed blank, render and check saying
    nothing (an ad page reserved before its ad comes is a warning, not an error)."""
    more = '\n[[pages]]\nnumber = 2\nsection = "广告"\n'
    findings = check_issue(make_issue(tmp_path, more=more))
    assert only(findings) == ("warning", "empty-page", 17, 1)
    assert "page 2" in findings[0].message and "[[pages.modules]]" in findings[0].fix


def test_a_page_a_story_may_jump_to_is_not_empty(tmp_path):
    """Its continuation goes there (review: the warning fired on a page kept for a jump)."""
    make_issue(tmp_path, more='\n[[pages]]\nnumber = 2\nsection = "要闻"\n')
    toml = tmp_path / "issue.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r"place = \{[^}]*\}\n", "jump_to = 2\n", text, count=1),
                    encoding="utf-8")
    assert "jump_to = 2" in toml.read_text(encoding="utf-8")
    assert not [f for f in check_issue(tmp_path) if f.check == "empty-page"]


def test_other_manifest_problems_are_reported_too(tmp_path):
    make_issue(tmp_path)
    (tmp_path / "a.md").unlink()
    findings = check_issue(tmp_path)
    assert only(findings) == ("error", "manifest", 14, 11)


def test_an_article_error_points_at_its_front_matter_line(tmp_path):
    """An outside tester's empty headline was reported at a.md:1:1; it is on line 3."""
    make_issue(tmp_path)
    (tmp_path / "a.md").write_text("---\nkicker: 引题\nheadline: \n---\n\n正文。\n",
                                   encoding="utf-8")
    [finding] = check_issue(tmp_path)
    assert finding.file.endswith("a.md") and (finding.check, finding.line) == ("manifest", 3)
    # (review) a body line that reads like the key is not the front matter's
    (tmp_path / "a.md").write_text("---\nkicker: 引题\n---\n\nheadline: 正文。\n",
                                   encoding="utf-8")
    [finding] = check_issue(tmp_path)
    assert finding.check == "manifest" and finding.line == 1


# ---------------------------------------------------------------------------------------------
# the report

WARN = file_finding("warning", "latin-in-chinese", "a.md", 1, 1, "【and】", "stray word", "delete it")
ERR = file_finding("error", "unbalanced-quote", "a.md", 2, 3, "【“】", "never closed", "add ”")


@pytest.mark.parametrize("findings, fail_on_warnings, status", [
    ([], False, 0), ([], True, 0),
    ([WARN], False, 0), ([WARN], True, 1),
    ([ERR], False, 1), ([WARN, ERR], False, 1), ([WARN, ERR], True, 1),
])
def test_report_exit_status(findings, fail_on_warnings, status):
    text, code = report(findings, fail_on_warnings=fail_on_warnings)
    assert code == status
    assert text.count("\n") == len(findings)        # one line each, then the summary
    if findings:
        assert "a.md:1:1: warning [latin-in-chinese]" in text or "a.md:2:3: error" in text


def test_the_report_names_place_context_and_fix():
    text, _ = report([ERR, WARN])
    assert text.splitlines() == [
        "a.md:2:3: error [unbalanced-quote] never closed: 【“】 — fix: add ”",
        "a.md:1:1: warning [latin-in-chinese] stray word: 【and】 — fix: delete it",
        "proofreading: 1 error, 1 warning",
    ]


def test_the_command_line():
    """`broadsheet check` proofreads article files alone, or a whole issue with its PDF."""
    import subprocess
    import sys

    def check(*args):
        return subprocess.run([sys.executable, "-m", "layout.cli", "check", *args],
                              cwd=SAMPLE.parent.parent, capture_output=True, text=True)

    article = check(str(SAMPLE / "maoding-mubiao.md"))
    assert article.returncode == 0 and "proofreading: 0 errors, 1 warning" in article.stdout
    assert "maoding-mubiao.md:18:304: warning [latin-in-chinese]" in article.stdout
    assert "preflight" not in article.stdout                # an article alone: words only
    assert check(str(SAMPLE / "maoding-mubiao.md"), "--strict").returncode == 1
    assert check(str(SAMPLE / "maoding-mubiao.md"), str(SAMPLE / "jianding-xinxin.md")
                 ).returncode == 0


REALNEWS = Path(__file__).parent / "data" / "realnews"


def test_a_table_stored_one_cell_to_a_paragraph_is_flagged_where_it_starts():
    """The real article whose two IPO tables the crawler stored one cell per paragraph
    (公司名称 / 上会日期 / 保荐机构, then three cells a company): one warning at the start of
    each run, naming its lines and how to mark it up."""
    found = [f for f in check_article(REALNEWS / "shiji-shuma-guohui.md")
             if f.check == "flattened-table"]
    assert [(f.severity, f.line, f.column) for f in found] == [
        ("warning", 27, 1), ("warning", 227, 1)]
    assert "99 paragraphs in a row (lines 27–223)" in found[0].message
    assert "|---|" in found[0].fix


def test_no_other_real_article_reads_as_a_flattened_table():
    """Short paragraphs in real copy — a subhead typed as a paragraph, a list of names with
    、, a one-line quote — are not taken for a table's cells."""
    flagged = {path.name for path in REALNEWS.glob("*.md")
               if any(f.check == "flattened-table" for f in check_article(path))}
    assert flagged == {"shiji-shuma-guohui.md"}
    assert len(list(REALNEWS.glob("*.md"))) > 80


def test_the_briefs_of_the_pool_are_proofread_too(tmp_path):
    """A brief (补白) in [[fillers]] is on no page, but the make-up may set it on any."""
    make_issue(tmp_path, more='\n[[fillers]]\narticle = "f.md"\n')
    (tmp_path / "f.md").write_text("---\nheadline: 简讯\n---\n\n今年元旦 假期出入境人数增长。\n",
                                   encoding="utf-8")
    findings = check_issue(tmp_path, previous_number=3143)
    assert [(f.file, f.check) for f in findings] == [(str(tmp_path / "f.md"),
                                                      "space-in-chinese")]
