"""Write the two eight-page test issues made of the real-news corpus in this folder:
tests/data/real-eight-page-a/ and tests/data/real-eight-page-b/ (issue.toml, README.md and
copies of the article files). Run it again after editing PAGES below; do not edit the
generated folders by hand.

The issues list each page's stories in priority order (lead first) WITHOUT places: they are
input for the automatic make-up engine, so today's renderer (which needs places) refuses them.
"""

import math
import re
import shutil
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE.parent

# The 对开 style (styles/duikai.toml): 8 columns of 13 characters, 106 lines; page 1 gives
# lines 1–16 to the masthead. HEAD_LINES is the rough cost of one story's headline block
# (a 42 pt headline is about 3 lines of 13.5 pt, plus kicker/deck/byline and white space)
# times the three columns a story of a 4–6-story page typically spans.
COLUMNS, COLUMN_CHARS, LINES, MASTHEAD_LINES = 8, 13, 106, 16
HEAD_LINES = 6 * 3

ISSUES = {
    "real-eight-page-a": dict(number=3301, date="2026-06-12", weekday="星期五", pages=[
        ("要闻", ["changjiang-huangjin-shuidao", "jiangsu-keji-chengguo", "heitudi-tijian",
                 "qiche-yuetan", "renminbi-zhongjianjia", "cangzhou-qiwen"]),
        ("经济", ["yanglaojin-kechixu", "yaan-qiansanjidu-jingji", "huilv-bixian-gongju",
                 "yinhang-licai-huisheng", "xiongan-zhengqian", "laixi-neizi-xiangmu"]),
        ("金融", ["cunzhen-yinhang-xiaoshi", "gongmu-jijin-xiangchu",
                 "yinhang-zhuanxiangdai-huigou", "shichang-chuqing-tuishi", "wuping-sanda-zhishu"]),
        ("证券", ["kejigu-yinling-agu", "suojia-dingzeng", "agu-zhishu-tixi",
                 "quanshang-shizhi-guanli"]),
        ("公司", ["shiji-shuma-guohui", "jingfeng-mingyuan-taoxian", "hangtian-huanyu-taoxian",
                 "meishi-keji-taoxian"]),
        ("科技", ["jingangshi-sanre", "ai-shuxue-yanjiu", "shuju-baoxian", "kexue-langman",
                 "li-tongweisu-jiance"]),
        ("社会", ["shangquan-shijiebei", "dianshang-yingxiao-luanxiang", "shanghai-guijiao-huifu",
                 "lianyungang-caijia", "humen-caijia", "yaan-zhurou-jiage",
                 "changjiang-kongchao-laoren", "jinan-ditie"]),
        ("文体·天气", ["zhongchao-hainiu", "gaoyou-hanchao", "xiqu-jin-xiangcun", "hushen300-yangben",
                     "liangshi-shouhuo-2008", "ningbo-yushui", "hebei-chuangkanhao",
                     "qiuliang-liangcheng", "huabei-gaowen", "zaodao-shouhuo", "qiuliang-qicheng",
                     "beijing-shoufa-gaowen", "siping-xi-hanjia"]),
    ]),
    "real-eight-page-b": dict(number=3302, date="2026-06-15", weekday="星期一", pages=[
        ("要闻", ["heitudi-tijian", "changjiang-huangjin-shuidao", "gaoyou-hanchao",
                 "qiche-yuetan", "renminbi-zhongjianjia", "zaodao-shouhuo", "qiuliang-qicheng"]),
        ("要闻", ["jiangsu-keji-chengguo", "shangquan-shijiebei", "huilv-bixian-gongju",
                 "xiongan-zhengqian", "shanghai-guijiao-huifu", "cangzhou-qiwen", "jinan-ditie"]),
        ("经济", ["yanglaojin-kechixu", "dianshang-yingxiao-luanxiang", "yaan-qiansanjidu-jingji",
                 "lianyungang-caijia", "yaan-zhurou-jiage", "humen-caijia", "laixi-neizi-xiangmu"]),
        ("金融", ["gongmu-jijin-xiangchu", "yinhang-zhuanxiangdai-huigou", "cunzhen-yinhang-xiaoshi",
                 "yinhang-licai-huisheng", "hangtian-huanyu-taoxian"]),
        ("证券", ["shichang-chuqing-tuishi", "kejigu-yinling-agu", "hushen300-yangben",
                 "agu-zhishu-tixi", "wuping-sanda-zhishu"]),
        ("公司", ["suojia-dingzeng", "shiji-shuma-guohui", "meishi-keji-taoxian"]),
        ("科技", ["ai-shuxue-yanjiu", "jingangshi-sanre", "li-tongweisu-jiance", "shuju-baoxian",
                 "jingfeng-mingyuan-taoxian"]),
        ("文体·天气", ["zhongchao-hainiu", "kexue-langman", "quanshang-shizhi-guanli",
                     "xiqu-jin-xiangcun", "liangshi-shouhuo-2008", "changjiang-kongchao-laoren", "ningbo-yushui",
                     "qiuliang-liangcheng", "hebei-chuangkanhao", "huabei-gaowen",
                     "beijing-shoufa-gaowen", "siping-xi-hanjia"]),
    ]),
}

EDITORS = [("张明华", "程文康"), ("刘安和", "高景荣"), ("许向阳", "周成华"), ("何建平", "杨立新"),
           ("王志刚", "李淑芬"), ("赵文博", "孙丽娟"), ("陈国庆", "马晓燕"), ("郭建军", "吴秀兰")]


def article_parts(slug: str) -> tuple[str, list[str]]:
    """The headline and the body blocks of one corpus article."""
    text = (HERE / f"{slug}.md").read_text(encoding="utf-8")
    front, _, body = text.partition("\n---\n")
    headline = re.search(r"^headline: (.*)$", front, re.M).group(1)
    return headline, [block for block in body.split("\n\n") if block.strip()]


def body_lines(slug: str) -> int:
    """Column lines the body needs: paragraphs indented two characters, subheads 3 lines."""
    return sum(3 if block.startswith("## ") else math.ceil((len(block) + 2) / COLUMN_CHARS)
               for block in article_parts(slug)[1])


def page_capacity(number: int) -> int:
    return COLUMNS * (LINES - (MASTHEAD_LINES if number == 1 else 0))


def issue_toml(name: str, spec: dict) -> str:
    needed = [sum(body_lines(s) + HEAD_LINES for s in slugs) for _, slugs in spec["pages"]]
    capacity = [page_capacity(n) for n in range(1, 9)]
    lines = [
        f"# 晋中日报 第{spec['number']}期 ({spec['date']}, {spec['weekday']}): an eight-page issue of REAL",
        "# published news (tests/data/realnews, sources in SOURCES.md there), written by",
        "# tests/data/realnews/make_issues.py — edit the script, not this file.",
        "# Stories are listed per page in priority order (lead first) and have NO place: this is",
        "# input for the automatic make-up engine; today's renderer refuses it (places required).",
        "#",
        f"# Fill estimate: the style sets {COLUMN_CHARS} characters per column line, {COLUMNS} columns,",
        f"# {LINES} lines (page 1: {LINES - MASTHEAD_LINES} below the masthead). A paragraph of n characters",
        f"# needs ceil((n + 2) / {COLUMN_CHARS}) column lines (2-character indent), a subhead 3, and each",
        f"# story's headline block about {HEAD_LINES} (6 lines over 3 columns). Column lines needed / available:",
    ]
    for number, ((section, slugs), need, cap) in enumerate(zip(spec["pages"], needed, capacity), 1):
        lines.append(f"#   page {number} {section}: {need} / {cap} ({100 * need // cap}%), {len(slugs)} stories")
    lines.append(f"#   issue: {sum(needed)} / {sum(capacity)} ({100 * sum(needed) // sum(capacity)}%) —"
                 " the rest is rules, gaps and headline sizes the engine chooses.")
    lines += ["", f"number = {spec['number']}", f"date = {spec['date']}", 'style = "jinzhong"',
              f"weekday = \"{spec['weekday']}\""]
    for number, (section, slugs) in enumerate(spec["pages"], 1):
        editor, proofreader = EDITORS[number - 1]
        lines += ["", "[[pages]]", f"number = {number}", f'section = "{section}"',
                  f'editor = "{editor}"', f'proofreader = "{proofreader}"']
        for slug in slugs:
            headline = article_parts(slug)[0]
            lines += ["", "[[pages.modules]]", f'article = "{slug}.md"'.ljust(40) + f"# {headline}"]
    return "\n".join(lines) + "\n"


def readme(name: str, spec: dict) -> str:
    sources = (HERE / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    used = [slug for _, slugs in spec["pages"] for slug in slugs]
    rows = [row for row in sources if any(f"`{slug}.md`" in row for slug in used)]
    return "\n".join([
        f"# {name}: 晋中日报 第{spec['number']}期, {spec['date']} ({spec['weekday']})", "",
        "An eight-page 对开 test issue made of real published Chinese news for the automatic",
        "make-up engine: issue.toml lists each page's stories in priority order without places.",
        "The article files are copies of tests/data/realnews/ (tests/test_realnews.py checks",
        "they still match). Generated by tests/data/realnews/make_issues.py.", "",
        "The texts remain the copyright of their publishers and are kept here only as test",
        "fixtures; full terms and the notes on what was dropped are in",
        "tests/data/realnews/SOURCES.md. Where each article comes from:", "",
        "| file | publisher | date | URL / repository | paragraphs | characters | contains | … |",
        "| --- | --- | --- | --- | ---: | ---: | --- | --- |", *rows, "",
        "Articles of source A come through the repository jiayangrui05160031-cmyk/people-daily-economy-daily",
        "(commit 2fd33cf965fe73fd4c781a923c24a72217c17830, data/raw/2026-06-1x.json); source B through",
        "lxj5957/CLTS-plus-Dataset (samples.txt, commit 56fc0940ca1ee398fac387b936623b360a881b0b);",
        "source C are stored public web pages at the URL given.", ""])


def main() -> None:
    corpus = {path.stem for path in HERE.glob("*.md")} - {"SOURCES"}
    for name, spec in ISSUES.items():
        used = [slug for _, slugs in spec["pages"] for slug in slugs]
        assert len(used) == len(set(used)), f"{name}: a story is listed twice"
        assert set(used) <= corpus, f"{name}: not in the corpus: {set(used) - corpus}"
        folder = DATA / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for slug in used:
            shutil.copyfile(HERE / f"{slug}.md", folder / f"{slug}.md")
        (folder / "issue.toml").write_text(issue_toml(name, spec), encoding="utf-8")
        (folder / "README.md").write_text(readme(name, spec), encoding="utf-8")
        print(name, len(used), "stories;", "unused:", sorted(corpus - set(used)))


if __name__ == "__main__":
    main()
