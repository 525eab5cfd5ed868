"""Write the eight-page test issue (晋中日报 第3145期) from the seed text.

    cd /work/main && .venv/bin/python tests/data/eight-page/make_issue.py

Every story is made only of sentences of `samples/seed/jinzhong-daily-3144.txt`, recombined
and repeated (a fixed random seed per story, so the output is the same every time); headlines,
decks, kickers, subheads, bylines, captions and the page editors' names are made of the seed's
characters too, so the fonts cover every character (the section name 要闻 is the one exception:
闻 is not in the seed, and the body face has it). The script checks that, writes one `.md` per
story and `issue.toml`, and checks the manifest loads and the modules tile each page.

A story is filled to a number of body lines (at its module's measure) chosen so that it fills
its module, or — for a story that jumps (转版) — overflows its first module and fits, with
the jump lines, in the continuation modules. The numbers were tuned against the fit table
`broadsheet render` prints.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED = ROOT / "samples" / "seed" / "jinzhong-daily-3144.txt"
sys.path.insert(0, str(ROOT))

GRID_COLUMNS, GRID_LINES, MASTHEAD_LINES = 8, 106, 16

# ---------------------------------------------------------------------------------- the seed

def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_paragraphs() -> list[str]:
    """The body paragraphs of both features, split paragraphs rejoined, headings dropped."""
    text = seed_text()
    text = text[:text.index("2024年1月6日")]                 # the masthead block
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
    skip = re.compile(r"^(#|记者 |会议现场|回顾过去 |展望未来 |奋发有为 )")
    paragraphs: list[str] = []
    pending = ""
    for block in blocks:
        if skip.match(block):
            continue
        block = pending + block
        if not re.search(r"[。！？：…”]$", block):          # split where a column ended
            pending = block
            continue
        pending = ""
        paragraphs.append(block)
    return paragraphs


def sentence_pool():
    """(sentences, dash items, colon leads): the pieces stories are built from."""
    sentences, dashes, leads = [], [], []
    for paragraph in seed_paragraphs():
        if " and " in paragraph:            # the capture's stray English word stays in 3144
            continue
        if paragraph.startswith("——"):
            dashes.append(paragraph)
            continue
        if paragraph.endswith("："):
            leads.append(paragraph)
            continue
        for sentence in re.findall(r".+?(?:[。！？]”?|……|$)", paragraph):
            if sentence and not sentence.endswith("："):
                sentences.append(sentence)
    return sentences, dashes, leads


# ---------------------------------------------------------------------------------- stories

# A story opens with one of the seed's short opening sentences.
OPENERS = ["冬至阳生，岁月律转，我们迎来新的一年。", "岁序更替，华章再谱新篇。",
           "新年新气象，新年新开局。", "时节如流，2023年是极不平凡、极具挑战的一年。",
           "行棋观大势，落子谋全局。", "启新程，开新篇。", "时间已进入2024年。",
           "开局决定全局，起势决定胜势。", "大道至简，实干为要。", "作答发展之问，当有发展之策。"]
# name: (kicker, headline, deck, byline, body lines, subheads, dash list?, photo line)
# body lines: lines of body text the story is filled to, at `measure` characters a line.

PHOTO_ROCKET = '![逐浪前行 向着2024](photos/rocket.jpg "记者 程向阳摄"){columns=3 focus=0.3,0.4}'
PHOTO_COFFEE = '![现代服务业持续提质增效](photos/coffee.png "记者 周安和摄"){columns=2 focus=0.25,0.5}'
PHOTO_ASTRONAUT = '![冬至阳生 岁月律转](photos/astronaut.png "记者 史文全摄"){columns=3 fit=fit}'

STORIES = {
    # page 1
    "maoding-mubiao.md": dict(
        kicker="市委五届七次全会暨市委经济工作会议召开", headline="锚定目标 实干笃行",
        deck="向着2024 晋中坚定出发", byline="记者 张明华", lines=300,
        subheads=["回顾过去 成绩来之不易", "展望未来 底气信心更足", "奋发有为 苦干实干抓落实"],
        dash=True, photo=PHOTO_ROCKET),
    "jianding-xinxin.md": dict(
        headline="坚定信心 奋楫前行", deck="——市委经济工作会议侧记", byline="记者 刘安和",
        lines=243, subheads=["岁序更替 华章再谱", "启新程 开新篇"], dash=False),
    "ganzai-shichu.md": dict(
        headline="干在实处 走在前列", byline="记者 高景荣", lines=130, dash=True),
    # page 2
    "wuzhangpai.md": dict(
        kicker="深入实施“156”战略举措", headline="打好“五张牌”", deck="抓好“六大要事” 在践行领袖嘱托上取得新进展",
        byline="记者 许向阳", lines=399,
        subheads=["三驾马车 并驾齐驱", "兜住守牢 夯实根基", "开局决定全局 起势决定胜势"],
        dash=True),
    "chongfenghao.md": dict(
        headline="吹响高质量发展“冲锋号”", deck="——新年新气象 新年新开局",
        byline="记者 周成华", lines=228, subheads=["作答发展之问", "当有发展之策"], dash=True),
    "xingqi-dashi.md": dict(
        headline="行棋观大势 落子谋全局", byline="记者 何建平", lines=191, dash=False),
    # page 3
    "sanjia-mache.md": dict(
        kicker="强化有效益投资 推动消费升级 挖掘外贸潜力", headline="三驾马车 并驾齐驱",
        deck="稳住经济大盘", byline="记者 杨立新", lines=183, dash=False),
    "dadao-zhijian.md": dict(
        headline="大道至简 实干为要", deck="——围绕“六个三”重点任务抓实“六本账”",
        byline="记者 史文全", lines=351, subheads=["一是县域经济账", "二是项目建设账"],
        dash=True),
    "nifeng-feiyang.md": dict(
        headline="逆风飞扬 何以晋中", byline="记者 顾和平", lines=190, measure=17,
        subheads=["事非经过不知难"], dash=False),
    # page 4
    "zhaoshang-yinzi.md": dict(
        headline="招商引资动能积蓄", deck="全年招引项目140个", byline="记者 安明远",
        lines=440, subheads=["改革创新持续深化", "城乡发展更加协调"], dash=False,
        photo=PHOTO_COFFEE),
    "sanci-chanye.md": dict(
        headline="三次产业 协调发展", deck="构筑支撑体系", byline="记者 齐向荣", lines=170,
        dash=True),
    # page 5
    "doulao-minsheng.md": dict(
        kicker="一般公共预算民生支出占83%", headline="兜牢民生底线",
        deck="16件民生实事圆满兑现", byline="记者 庄华强", lines=474,
        subheads=["办好人民满意教育", "加快建设健康晋中"], dash=True),
    "wengang-jiuye.md": dict(
        headline="千方百计稳岗就业", byline="记者 关成明", lines=173, dash=True),
    # page 6
    "wenhua-qiangshi.md": dict(
        kicker="展现克难前行、转型发展的信心和决心", headline="文化强市建设步伐加快",
        deck="人民生活水平不断提高", byline="记者 章文景", lines=380,
        subheads=["逐浪前行", "行稳致远"], dash=False, photo=PHOTO_ASTRONAUT),
    "suixu-gengti.md": dict(
        headline="岁序更替 华章再谱", byline="记者 毕和安", lines=208, vertical=True,
        dash=False),
    # page 7
    "tiyu-lvyou.md": dict(
        kicker="全市人均体育场地面积全省第二", headline="中国体育旅游十佳精品赛事",
        deck="柔力球交流大会第8次蝉联", byline="记者 程文康", lines=474,
        subheads=["太行谷形意拳", "九龙国际文化生态旅游区"], dash=True),
    "shijie-ruliu.md": dict(
        headline="时节如流", deck="——2023年是极不平凡、极具挑战的一年", byline="记者 方立华",
        lines=131, dash=False),
    # page 8
    "weiyou-shigan.md": dict(
        kicker="副刊", headline="唯有实干 方能笃行", byline="张明华", lines=247,
        subheads=["冬至阳生 岁月律转"], dash=False),
    "dongzhi-yangsheng.md": dict(
        headline="冬至阳生", byline="刘安和", lines=173, dash=False),
    "xingwen-zhiyuan.md": dict(
        headline="行稳致远 奋楫前行", deck="——写在新的一年", byline="高景荣", lines=279,
        subheads=["时间已进入2024年", "向着2024"], dash=True),
}

# ---------------------------------------------------------------------------------- pages
# (file, column, columns, line, lines, extra keys); "+file" continues a story.

PAGES = [
    dict(number=1, section="要闻", editor="张明华", proofreader="程文康", modules=[
        ("maoding-mubiao.md", 1, 5, 17, 56, {}),
        ("jianding-xinxin.md", 6, 3, 17, 90, {}),
        ("ganzai-shichu.md", 1, 5, 73, 34, {}),
    ]),
    dict(number=2, section="要闻", editor="刘安和", proofreader="高景荣", modules=[
        ("+maoding-mubiao.md", 1, 4, 1, 40, {}),
        ("wuzhangpai.md", 5, 4, 1, 50, {}),
        ("chongfenghao.md", 1, 4, 41, 66, {}),
        ("xingqi-dashi.md", 5, 4, 51, 56, {}),
    ]),
    dict(number=3, section="综合", editor="许向阳", proofreader="周成华", modules=[
        ("sanjia-mache.md", 1, 8, 1, 34, {}),
        ("dadao-zhijian.md", 1, 4, 35, 72, {}),
        ("nifeng-feiyang.md", 5, 4, 35, 72, {"text_columns": 3}),
    ]),
    dict(number=4, section="经济", editor="何建平", proofreader="杨立新", modules=[
        ("+wuzhangpai.md", 1, 3, 1, 40, {}),
        ("zhaoshang-yinzi.md", 4, 5, 1, 106, {}),
        ("sanci-chanye.md", 1, 3, 41, 66, {}),
    ]),
    dict(number=5, section="社会", editor="史文全", proofreader="顾和平", modules=[
        ("+dadao-zhijian.md", 1, 3, 1, 40, {}),
        ("doulao-minsheng.md", 4, 5, 1, 106, {}),
        ("wengang-jiuye.md", 1, 3, 41, 66, {}),
    ]),
    dict(number=6, section="文化", editor="安明远", proofreader="齐向荣", modules=[
        ("wenhua-qiangshi.md", 1, 5, 1, 106, {}),
        ("suixu-gengti.md", 6, 3, 1, 106, {"headline": "vertical"}),
    ]),
    dict(number=7, section="体育", editor="庄华强", proofreader="关成明", modules=[
        ("tiyu-lvyou.md", 1, 5, 1, 106, {}),
        ("+wuzhangpai.md", 6, 3, 1, 50, {}),
        ("shijie-ruliu.md", 6, 3, 51, 56, {}),
    ]),
    dict(number=8, section="副刊", editor="章文景", proofreader="毕和安", modules=[
        ("weiyou-shigan.md", 1, 8, 1, 40, {}),
        ("dongzhi-yangsheng.md", 1, 3, 41, 66, {}),
        ("xingwen-zhiyuan.md", 4, 5, 41, 66, {}),
    ]),
]


# ---------------------------------------------------------------------------------- building

class Measurer:
    """Lines a paragraph takes at a measure, set by the project's own composer."""

    def __init__(self):
        from layout.fonts import load_font_book
        from layout.style import load_style
        self.style = load_style("jinzhong")
        self.book = load_font_book(self.style.fonts)
        self.cache: dict = {}

    def lines(self, text: str, chars: int) -> int:
        key = (text, chars)
        if key not in self.cache:
            from layout.text.compose import compose
            style = self.style
            self.cache[key] = len(compose(text, measure=chars * style.body_size,
                                          size=style.body_size, role="body", book=self.book,
                                          settings=style.text, indent_em=style.indent_em))
        return self.cache[key]


def build_story(name: str, spec: dict, measurer: Measurer) -> str:
    rng = random.Random(name)
    sentences, dashes, leads = sentence_pool()
    chars = spec.get("measure", 13)
    target = spec["lines"]
    subheads = list(spec.get("subheads", []))
    deck = [s for s in sentences]
    rng.shuffle(deck)

    def next_sentence() -> str:
        nonlocal deck
        if not deck:
            deck = list(sentences)
            rng.shuffle(deck)
        return deck.pop()

    opener = rng.choice(OPENERS)
    blocks: list[str] = [opener]
    used = (1 if spec.get("byline") else 0) + measurer.lines(opener, chars)
    # subheads evenly through the story; one dash list in the first half
    subhead_at = [target * (k + 1) // (len(subheads) + 1) for k in range(len(subheads))]
    dash_at = target // 3 if spec.get("dash") else None
    photo_done = "photo" not in spec
    while used < target:
        if subhead_at and used >= subhead_at[0]:
            subhead_at.pop(0)
            blocks.append("## " + subheads.pop(0))
            used += 3
            continue
        if dash_at is not None and used >= dash_at:
            dash_at = None
            lead = rng.choice(leads)
            items = rng.sample(dashes, rng.randint(3, 5))
            for text in [lead, *items]:
                blocks.append(text)
                used += measurer.lines(text, chars)
            continue
        paragraph = "".join(next_sentence() for _ in range(rng.choice((1, 2, 2, 3))))
        lines = measurer.lines(paragraph, chars)
        if used + lines > target + 2 and lines > 2:     # end on a shorter paragraph
            paragraph = next_sentence()
            lines = measurer.lines(paragraph, chars)
        blocks.append(paragraph)
        used += lines
        if not photo_done and len(blocks) >= 2:
            blocks.append(spec["photo"])
            photo_done = True
    front = ["---"]
    for key in ("kicker", "headline", "deck", "byline"):
        front.append(f"{key}: {spec.get(key, '')}".rstrip())
    front.append("---")
    return "\n".join(front) + "\n\n" + "\n\n".join(blocks) + "\n"


def issue_toml() -> str:
    out = ['# 晋中日报 第3145期 (2024年1月8日, 星期一): an eight-page test issue made from the seed',
           '# text by make_issue.py beside this file (do not edit by hand: edit the script).',
           '# Three stories jump (转版): maoding-mubiao.md 1 → 2, dadao-zhijian.md 3 → 5,',
           '# wuzhangpai.md 2 → 4 → 7. Page 3 has a 破栏 module (4 columns set in 3), page 6 a',
           '# vertical headline.', '',
           'number = 3145', 'date = 2024-01-08', 'style = "jinzhong"', 'weekday = "星期一"', '']
    for page in PAGES:
        out += ['[[pages]]', f'number = {page["number"]}', f'section = "{page["section"]}"',
                f'editor = "{page["editor"]}"', f'proofreader = "{page["proofreader"]}"', '']
        for name, column, columns, line, lines, extra in page["modules"]:
            out.append('[[pages.modules]]')
            if name.startswith("+"):
                out.append(f'continues = "{name[1:]}"')
            else:
                headline = STORIES[name]["headline"]
                out.append(f'article = "{name}"' + " " * max(1, 24 - len(name))
                           + f'# {headline}')
            for key, value in extra.items():
                out.append(f'{key} = {value if isinstance(value, int) else chr(34) + value + chr(34)}')
            out.append(f'place = {{ column = {column}, columns = {columns}, line = {line}, '
                       f'lines = {lines} }}')
            out.append('')
    return "\n".join(out)


def check_tiling() -> None:
    """Every page's grid is covered exactly once, below the masthead on page 1."""
    for page in PAGES:
        first = MASTHEAD_LINES + 1 if page["number"] == 1 else 1
        cells: dict = {}
        for name, column, columns, line, lines, _ in page["modules"]:
            for c in range(column, column + columns):
                for n in range(line, line + lines):
                    assert (c, n) not in cells, (page["number"], name, cells.get((c, n)))
                    assert 1 <= c <= GRID_COLUMNS and first <= n <= GRID_LINES, (page, name)
                    cells[(c, n)] = name
        assert len(cells) == GRID_COLUMNS * (GRID_LINES - first + 1), page["number"]


def check_characters(texts: list[str]) -> None:
    allowed = set(seed_text()) | set("闻")
    for sentence in OPENERS:
        assert sentence in seed_text(), sentence
    for text in texts:
        strays = {char for char in text if char not in allowed and not char.isspace()
                  and char not in "#-![](){}=.,/\"_:+" and not char.isascii()}
        assert not strays, (text[:40], strays)


def main() -> None:
    check_tiling()
    measurer = Measurer()
    for old in HERE.glob("*.md"):
        old.unlink()
    texts = []
    for name, spec in STORIES.items():
        text = build_story(name, spec, measurer)
        texts.append(text)
        (HERE / name).write_text(text, encoding="utf-8")
    toml = issue_toml()
    # (the TOML comments are not checked: the editor does not print them)
    texts += [page[key] for page in PAGES for key in ("editor", "proofreader", "section")]
    check_characters(texts)
    (HERE / "issue.toml").write_text(toml, encoding="utf-8")
    from layout.read.manifest import load_issue
    issue = load_issue(HERE)
    print(f"{len(issue.pages)} pages, {len(STORIES)} stories, "
          f"{sum(len(p.modules) for p in issue.pages)} modules")


if __name__ == "__main__":
    main()
