"""Write the two eight-page test issues made of the real-news corpus in this folder:
tests/data/real-eight-page-a/ and tests/data/real-eight-page-b/ (issue.toml, README.md and
copies of the article files). Run it again after editing ISSUES or PHOTOS below; do not edit the
generated folders by hand.

The issues list each page's stories in priority order (lead first) WITHOUT places: they are
input for the automatic make-up engine (`broadsheet make-up`, or `render`, which runs it).
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
        ("要闻", ["heitudi-tijian", "jiangsu-keji-chengguo", "changjiang-huangjin-shuidao",
                "renminbi-zhongjianjia", "cangzhou-qiwen", "qiche-yuetan", "lianbo-20251224-shehui"]),
        ("经济", ["yanglaojin-kechixu", "huilv-bixian-gongju", "yinhang-licai-huisheng",
                "yaan-qiansanjidu-jingji", "laixi-neizi-xiangmu", "xiongan-zhengqian"]),
        ("金融", ["gongmu-jijin-xiangchu", "shichang-chuqing-tuishi", "yinhang-zhuanxiangdai-huigou",
                "cunzhen-yinhang-xiaoshi", "wuping-sanda-zhishu"]),
        ("科技", ["jingangshi-sanre", "ai-shuxue-yanjiu", "shuju-baoxian", "kexue-langman",
                "li-tongweisu-jiance"]),
        ("社会", ["lianbo-20250107-shehui", "lianbo-20250116-shehui", "lianbo-20260524-shehui",
                "lianbo-20260502-shehui", "lianbo-20250730-shehui", "lianbo-20250209-shehui",
                "lianbo-20260314-shehui", "lianbo-20250131-shehui", "lianbo-20250706-shehui"]),
        ("文化", ["lianbo-20250202-wenhua", "lianbo-20260426-wenhua", "lianbo-20250127-wenhua",
                "lianbo-20260209-wenhua", "lianbo-20260315-wenhua", "lianbo-20250622-wenhua",
                "lianbo-20250629-wenhua", "lianbo-20251130-wenhua", "lianbo-20260524-wenhua"]),
        ("体育", ["lianbo-20250531-tiyu", "lianbo-20260223-tiyu", "lianbo-20260107-tiyu",
                "lianbo-20251228-tiyu", "lianbo-20251215-tiyu", "lianbo-20251221-tiyu",
                "lianbo-20250614-tiyu", "jijian-hunhe-tuanti", "lianbo-20250803-tiyu",
                "lianbo-20251108-tiyu", "lianbo-20260113-tiyu", "lianbo-20250816-tiyu"]),
        ("天气·综合", ["hushen300-yangben", "xiqu-jin-xiangcun", "gaoyou-hanchao",
                   "liangshi-shouhuo-2008", "ningbo-yushui", "hebei-chuangkanhao",
                   "qiuliang-liangcheng", "huabei-gaowen", "zaodao-shouhuo", "qiuliang-qicheng",
                   "beijing-shoufa-gaowen", "siping-xi-hanjia", "haidu-baoliaowang",
                   "zhengzhou-kan-shizheng", "laixi-shequ-fugai", "chongqing-jianyan",
                   "lianbo-20250720-shehui"]),
    ]),
    "real-eight-page-b": dict(number=3302, date="2026-06-15", weekday="星期一", pages=[
        ("要闻", ["lianbo-20260215-kuaixun", "lianbo-20260613-shengtai", "lianbo-20260207-tiyu",
                "lianbo-20260219-tiyu", "lianbo-20250131-tiyu", "lianbo-20260220-tiyu",
                "jiangmen-qiancun-lanqiu", "lianbo-20260406-shehui", "lianbo-20260118-shehui",
                "lianbo-20260117-shehui", "lianbo-20250813-shehui", "lianbo-20250806-shehui"]),
        ("证券", ["kejigu-yinling-agu", "suojia-dingzeng", "agu-zhishu-tixi",
                "quanshang-shizhi-guanli"]),
        ("公司", ["shiji-shuma-guohui", "jingfeng-mingyuan-taoxian", "hangtian-huanyu-taoxian",
                "meishi-keji-taoxian"]),
        ("社会", ["shangquan-shijiebei", "dianshang-yingxiao-luanxiang", "lianyungang-caijia",
                "humen-caijia", "shanghai-guijiao-huifu", "changjiang-kongchao-laoren",
                "yaan-zhurou-jiage", "jinan-ditie", "lianbo-20251221-shehui",
                "lianbo-20250114-shehui", "lianbo-20250502-shehui"]),
        ("文化", ["lianbo-20260517-wenhua", "lianbo-20250201-wenhua", "lianbo-20250222-wenhua",
                "lianbo-20250525-wenhua", "lianbo-20251011-wenhua", "lianbo-20250727-wenhua",
                "lianbo-20260219-wenhua", "lianbo-20250619-wenhua", "lianbo-20251022-wenhua",
                "lianbo-20251123-wenhua"]),
        ("科技·生态", ["lianbo-20260207-keji", "lianbo-20250409-keji", "lianbo-20260530-keji",
                   "lianbo-20250504-keji", "lianbo-20251207-keji", "lianbo-20260228-keji",
                   "lianbo-20250322-keji", "lianbo-20250216-keji", "lianbo-20250806-shengtai",
                   "lianbo-20250727-shengtai", "lianbo-20250728-shengtai", "hugu-chaqi"]),
        ("体育", ["zhongchao-hainiu", "lianbo-20250214-tiyu", "lianbo-20251113-tiyu",
                "lianbo-20251116-tiyu", "chengdu-cunba", "lianbo-20250213-tiyu",
                "zhengzhou-yumaoqiu", "lianbo-20251120-tiyu", "lianbo-20250808-tiyu",
                "lianbo-20250211-tiyu", "lianbo-20250212-tiyu", "binzhou-cunba", "luquan-cunba",
                "lianbo-20250206-tiyu", "lianbo-20250203-tiyu", "lianbo-20250213-tiyu-2",
                "lianbo-20260112-tiyu"]),
        ("文化·生态", ["lianbo-20251218-wenhua", "lianbo-20250720-wenhua", "lianbo-20250316-wenhua",
                   "lianbo-20250713-wenhua", "lianbo-20260301-wenhua", "lianbo-20260329-wenhua",
                   "lianbo-20250118-wenhua", "lianbo-20250406-wenhua", "lianbo-20251009-wenhua",
                   "lianbo-20251202-shengtai", "lianbo-20250718-shengtai"]),
    ]),
}

# Stock photographs (tests/data/realnews/photos, terms in its SOURCES.md), four per issue, each
# attached to a story it suits. They are NOT pictures of the story's event, so the captions say
# only what the picture shows and mark it 资料图片. The issue's copy of the article gets the
# photo block after the paragraph given (1 = after the first paragraph); the corpus file
# itself stays as published.
PHOTOS = {
    "real-eight-page-a": {
        "heitudi-tijian": ("wheat-field-closeup.jpg", "成熟的麦田（资料图片）", "Luigi Manga／Unsplash", 1),
        "gongmu-jijin-xiangchu": ("office-tower-facade.jpg", "写字楼玻璃幕墙（资料图片）",
                                  "Viktor Forgacs／Unsplash", 1),
        "jingangshi-sanre": ("circuit-board-closeup.jpg", "电路板特写（资料图片）",
                             "Lenharth Systems／CC0", 1),
        "lianbo-20260524-wenhua": ("tea-plantation-munnar.jpg", "山坡上的茶园（资料图片）",
                                   "Vivek Kumar／CC0", 1),
    },
    "real-eight-page-b": {
        "lianbo-20260118-shehui": ("bay-bridge-fog-greyscale.jpg", "雾中的悬索桥（资料图片）",
                                   "Cedric Letsch／Unsplash", 1),
        "lianyungang-caijia": ("spice-market-bowls.jpg", "集市上的香料摊（资料图片）",
                               "Julius Enriquez／CC0", 1),
        "lianbo-20250806-shengtai": ("lake-sherburne-mountains.jpg", "雪山与湖泊（资料图片）",
                                     "Jacob W. Frank／美国国家公园管理局（公有领域）", 1),
        "lianbo-20260329-wenhua": ("cliff-palace-mesa-verde-portrait-bw.jpg",
                                   "崖壁下的古代石砌建筑遗址（资料图片）", "rawpixel／CC0", 1),
    },
}

# The night desk's pool of briefs (补白): 国内联播快讯 items (source D), twelve per issue, listed
# as [[fillers]] — on no page; the make-up sets one where a page's best placement leaves holes
# and the page has fewer with it.
KUAIXUN = sorted(path.stem for path in HERE.glob("kuaixun-*.md"))
FILLERS = {"real-eight-page-a": KUAIXUN[0::2], "real-eight-page-b": KUAIXUN[1::2]}

EDITORS = [("张明华", "程文康"), ("刘安和", "高景荣"), ("许向阳", "周成华"), ("何建平", "杨立新"),
           ("王志刚", "李淑芬"), ("赵文博", "孙丽娟"), ("陈国庆", "马晓燕"), ("郭建军", "吴秀兰")]


# The editor's fix for a page listed fuller than it holds: page 7 of issue A (12 sports stories)
# cannot hold them all: at their smallest measured shapes they take 828 of its 848 cells
# (column × grid line) before the rule line over each module under another, some 30 more
# (`broadsheet make-up` without the key leaves one out and advises a jump to page 8), so its
# eleventh story may continue on page 8 (转版), which has room. A night desk does the same.
JUMPS = {"real-eight-page-a": {"lianbo-20260113-tiyu": 8}}


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


def issue_copy(name: str, slug: str) -> str:
    """The article as the issue carries it: the corpus text, plus the issue's photo, if any."""
    text = (HERE / f"{slug}.md").read_text(encoding="utf-8")
    if slug not in PHOTOS.get(name, {}):
        return text
    file, caption, credit, after = PHOTOS[name][slug]
    front, _, body = text.partition("\n---\n")
    blocks = body.rstrip("\n").split("\n\n")
    blocks.insert(after, f'![{caption}](../realnews/photos/{file} "{credit}")')
    return f"{front}\n---\n" + "\n\n".join(blocks) + "\n"


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
        "# input for the automatic make-up engine (`broadsheet make-up`, or `render`, which runs it).",
        "# The [[fillers]] at the end are briefs (补白) on no page: the make-up sets one where a",
        "# page's best placement leaves holes and the page has fewer with it.",
        "#",
        f"# Fill estimate: the style sets {COLUMN_CHARS} characters per column line, {COLUMNS} columns,",
        f"# {LINES} lines (page 1: {LINES - MASTHEAD_LINES} below the masthead). A paragraph of n characters",
        f"# needs ceil((n + 2) / {COLUMN_CHARS}) column lines (2-character indent), a subhead 3, and each",
        f"# story's headline block about {HEAD_LINES} (6 lines over 3 columns). Column lines needed / available:",
    ]
    for number, ((section, slugs), need, cap) in enumerate(zip(spec["pages"], needed, capacity), 1):
        photos = [PHOTOS.get(name, {})[slug][0] for slug in slugs if slug in PHOTOS.get(name, {})]
        lines.append(f"#   page {number} {section}: {need} / {cap} ({100 * need // cap}%), {len(slugs)} stories"
                     + (f", photo {', '.join(photos)}" if photos else ""))
    lines.append(f"#   issue: {sum(needed)} / {sum(capacity)} ({100 * sum(needed) // sum(capacity)}%) —"
                 " the rest is for the photos, rules, gaps and the headline sizes the engine chooses.")
    lines += ["", f"number = {spec['number']}", f"date = {spec['date']}", 'style = "jinzhong"',
              f"weekday = \"{spec['weekday']}\""]
    for number, (section, slugs) in enumerate(spec["pages"], 1):
        editor, proofreader = EDITORS[number - 1]
        lines += ["", "[[pages]]", f"number = {number}", f'section = "{section}"',
                  f'editor = "{editor}"', f'proofreader = "{proofreader}"']
        for slug in slugs:
            headline = article_parts(slug)[0]
            lines += ["", "[[pages.modules]]", f'article = "{slug}.md"'.ljust(40) + f"# {headline}"]
            if slug in JUMPS.get(name, {}):
                lines.append(f"jump_to = {JUMPS[name][slug]}                             "
                             "# the page holds less than its list: see README.md")
    for slug in FILLERS.get(name, []):
        lines += ["", "[[fillers]]", f'article = "{slug}.md"'.ljust(40) + f"# {article_parts(slug)[0]}"]
    return "\n".join(lines) + "\n"


def readme(name: str, spec: dict) -> str:
    sources = (HERE / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    used = [slug for _, slugs in spec["pages"] for slug in slugs] + FILLERS.get(name, [])
    rows = [row for row in sources if any(f"`{slug}.md`" in row for slug in used)]
    return "\n".join([
        f"# {name}: 晋中日报 第{spec['number']}期, {spec['date']} ({spec['weekday']})", "",
        "An eight-page 对开 test issue made of real published Chinese news for the automatic",
        "make-up engine: issue.toml lists each page's stories in priority order without places.",
        "The article files are copies of tests/data/realnews/ (tests/test_realnews.py checks",
        "they still match); the copies of the stories listed below also carry a stock photo from",
        "tests/data/realnews/photos/ (terms in its SOURCES.md) with a caption that says what the",
        "picture shows (资料图片), not the story's event. Generated by",
        "tests/data/realnews/make_issues.py.", "",
        *[line for slug, page in JUMPS.get(name, {}).items() for line in (
            f"One editor's fix is in the list: `{slug}.md` has `jump_to = {page}`. Its page is "
            "listed fuller than it holds — its stories at their smallest measured shapes need "
            "more than the type area — so a lower-priority story may continue on a later page "
            "with room (转版), as a night desk would let it; `broadsheet make-up` without the "
            "key leaves it out and says which page could take the jump.", "")],
        *([f"The {len(FILLERS[name])} kuaixun-* files are the night desk's pool of briefs (补白): "
           "issue.toml lists them as [[fillers]], on no page; the make-up sets one where a "
           "page's best placement leaves holes and the page has fewer with it.", ""]
          if FILLERS.get(name) else []),
        "| story | photo | caption | credit |", "| --- | --- | --- | --- |",
        *[f"| `{slug}.md` | {file} | {caption} | {credit} |"
          for slug, (file, caption, credit, _) in PHOTOS.get(name, {}).items()], "",
        "The texts remain the copyright of their publishers and are kept here only as test",
        "fixtures; full terms and the notes on what was dropped are in",
        "tests/data/realnews/SOURCES.md. Where each article comes from:", "",
        "| file | publisher | date | URL / repository | paragraphs | characters | contains | … |",
        "| --- | --- | --- | --- | ---: | ---: | --- | --- |", *rows, "",
        "Articles of source A come through the repository jiayangrui05160031-cmyk/people-daily-economy-daily",
        "(commit 2fd33cf965fe73fd4c781a923c24a72217c17830, data/raw/2026-06-1x.json); source B through",
        "lxj5957/CLTS-plus-Dataset (samples.txt, commit 56fc0940ca1ee398fac387b936623b360a881b0b);",
        "sources C and E are stored public web pages at the URL given; source D (files lianbo-*) through",
        "somson/xin-wen-lian-bo (news/YYYYMMDD.md, commit f10e517d7f7d8da966b6183a9ffe94ff394ee8f1),",
        "央视网《新闻联播》 transcripts.", ""])


def main() -> None:
    corpus = {path.stem for path in HERE.glob("*.md")} - {"SOURCES"}
    a, b = ({slug for _, slugs in spec["pages"] for slug in slugs} | set(FILLERS.get(name, []))
            for name, spec in ISSUES.items())
    assert not a & b, f"both issues carry {sorted(a & b)}"
    for name, spec in ISSUES.items():
        used = [slug for _, slugs in spec["pages"] for slug in slugs] + FILLERS.get(name, [])
        assert len(used) == len(set(used)), f"{name}: a story is listed twice"
        assert set(used) <= corpus, f"{name}: not in the corpus: {set(used) - corpus}"
        assert set(PHOTOS.get(name, {})) <= set(used), f"{name}: a photo's story is not in the issue"
        folder = DATA / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for slug in used:
            (folder / f"{slug}.md").write_text(issue_copy(name, slug), encoding="utf-8")
        (folder / "issue.toml").write_text(issue_toml(name, spec), encoding="utf-8")
        (folder / "README.md").write_text(readme(name, spec), encoding="utf-8")
        print(name, len(used), "stories")
    print("unused:", sorted(corpus - a - b))


if __name__ == "__main__":
    main()
