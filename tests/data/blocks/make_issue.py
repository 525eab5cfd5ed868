"""Write the blocks test issue (issue 15): real published articles of tests/data/realnews/,
marked up with the article format's blocks. Every word comes from the corpus; what this script
changes — markup added, text moved into a block, a table built from the cells or the numbers
of the text — is listed in SOURCES.md next to it. Run it again after editing; do not edit the
generated .md files by hand.
"""
import re
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE.parent / "realnews"


def paragraphs(name: str) -> list[str]:
    text = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    return [line.strip() for line in body.split("\n") if line.strip()]


def headline_of(name: str) -> str:
    text = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
    return text.split("headline:", 1)[1].split("\n", 1)[0].strip()


def front(**keys) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in keys.items() if v) + "---\n"


def write(name: str, head: str, blocks: list[str]) -> None:
    (HERE / f"{name}.md").write_text(head + "\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")


def strip(text: str, lead: str) -> str:
    assert text.startswith(lead), (text[:40], lead)
    return text[len(lead):].lstrip()


def table(header: list[str], rows: list[list[str]], align: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def bold_lead(text: str, lead: str) -> str:
    assert text.startswith(lead), (text[:20], lead)
    return f"**{lead}**{text[len(lead):]}"


# 高邮日报: 本报讯（通讯员 戴明明 记者 杨晓莉） → dateline + byline; the week's weather as a table.
p = paragraphs("gaoyou-hanchao")
weather = re.findall(r"(\d+日)(?:是“小雪”，当日|，)([^，；]+(?:，有霜或霜冻)?)，最高气温(\d+)℃左右，"
                     r"最低气温(零下)?(\d+)℃左右", p[1])
rows = [[day, sky, high, ("-" if below else "") + low] for day, sky, high, below, low in weather]
write("gaoyou-hanchao", front(headline="本周最低气温将降至冰点", dateline="本报讯",
                              byline="通讯员 戴明明 记者 杨晓莉"),
      [strip(p[0], "本报讯（通讯员 戴明明 记者 杨晓莉）"), p[1],
       table(["日期", "天气", "最高（℃）", "最低（℃）"], rows, ["---", "---", "--:", "--:"]),
       p[2]])

# 新华社: the dateline 新华社北京6月11日电 and 来源.
p = paragraphs("qiche-yuetan")
write("qiche-yuetan", front(headline="两部门约谈提醒涉嫌非理性竞争汽车生产企业",
                            dateline="新华社北京6月11日电", source="新华社"),
      [strip(p[0], "新华社北京6月11日电")])

# 科技日报: dateline, byline and 通讯员.
p = paragraphs("li-tongweisu-jiance")
write("li-tongweisu-jiance", front(headline=headline_of("li-tongweisu-jiance"),
                                   dateline="科技日报兰州6月11日电", byline="记者颉满斌",
                                   correspondent="余若怡"),
      [strip(p[0], "科技日报兰州6月11日电 （记者颉满斌 通讯员余若怡）"), *p[1:]])

# 经济日报: a pull quote repeating 秦尊文's first sentence; his words in 楷体 where they stand.
p = paragraphs("changjiang-huangjin-shuidao")
said = p[4].index("解释说：") + len("解释说：")
close = p[4].index("”", said) + 1
quoted = p[4][said:close]
p[4] = p[4][:said] + f"*{quoted}*" + p[4][close:]
first = quoted[:quoted.index("。") + 1] + "”"
write("changjiang-huangjin-shuidao", front(headline="长江黄金水道扩能带来新机遇"),
      p[:5] + [f"> {first}"] + p[5:])

# 中国经济网: dateline; the exchange rates of the second paragraph as two tables.
p = paragraphs("renminbi-zhongjianjia")
foreign = re.findall(r"(\d+[^\d，：]+?)对人民币([\d.]+)元", p[1])
yuan = re.findall(r"人民币1元对([\d.]+)([^\d，。]+)", p[1])
write("renminbi-zhongjianjia", front(headline=headline_of("renminbi-zhongjianjia"),
                                     dateline="中国经济网北京6月12日讯"),
      [strip(p[0], "中国经济网北京6月12日讯"), p[1],
       table(["外币", "人民币（元）"], [[a, b] for a, b in foreign], ["---", "--:"]),
       table(["外币", "人民币1元对"], [[b, a] for a, b in yuan], ["---", "--:"])])

# 中国经济网: dateline; two paragraphs as a 链接 sidebar; the two IPO tables the crawler stored
# one cell per paragraph, rebuilt from the same cells.
p = paragraphs("shiji-shuma-guohui")
first_table = p.index("2026年上交所深交所IPO过会企业一览：")
second_table = p.index("2026年北交所IPO过会企业一览：")


def cells(start: int, end: int) -> str:
    flat = p[start + 1:end]
    header, body = flat[:3], flat[3:]
    assert len(body) % 3 == 0
    return table(header, [body[n:n + 3] for n in range(0, len(body), 3)], ["---"] * 3)


write("shiji-shuma-guohui", front(headline=headline_of("shiji-shuma-guohui"),
                                  dateline="中国经济网北京6月12日讯"),
      [strip(p[0], "中国经济网北京6月12日讯"), p[1], "::: 链接\n" + p[2] + "\n\n" + p[3] + "\n:::",
       *p[4:6], "## " + p[6], *p[7:first_table + 1], cells(first_table, second_table),
       p[second_table], cells(second_table, len(p))])

# 澎湃新闻: the article's opening, its editor's line (at its end in the source) as 编者按, and its
# four numbered heads （一）…（四） of the first part, as typed, as a list.
text = paragraphs("yanglaojin-kechixu")[0]
note = re.search(r"（(作者系.*澎湃新闻经授权刊发)）$", text).group(1)
opening = text[:text.index("老龄化社会的核心问题是")]
heads = re.findall(r"（[一二三四]）[^（]*?(?=我国城镇职工基本养老保险基金主要有|根据人力资源|近几年来|根据人力资源和社会保障部的统计)",
                   text[:text.index("影响我国城镇职工基本养老保险制度可持续性的主要因素")])
assert len(heads) == 4, heads
write("yanglaojin-kechixu", front(headline="中国养老金的可持续性研究", editor_note=note),
      [opening, "城镇职工基本养老保险基金收支现状", "\n".join(heads)])

# 证券日报 via 中国经济网: subheads, the three 梯队 as a numbered list, bold lead-ins, *ST names.
p = paragraphs("shichang-chuqing-tuishi")
for n, lead in ((11, "财务造假"), (12, "主业空心化"), (13, "内控失效风险蔓延。"), (14, "传统保壳手段失灵")):
    p[n] = bold_lead(p[n], lead)
blocks = [p[0], "## " + p[1], *p[2:5], "\n".join(f"{n}. {t}" for n, t in enumerate(p[5:8], 1)),
          p[8], "## " + p[9], *p[10:16], "## " + p[16], *p[17:]]
write("shichang-chuqing-tuishi", front(headline="市场出清提速 今年以来20家A股公司退市或锁定退市"),
      blocks)

# 中国经济网: subheads; 张林's 一是/二是/三是 as a bulleted list, each point as typed.
p = paragraphs("yinhang-zhuanxiangdai-huigou")
intro, rest = p[8].split("：", 1)
points = re.split(r"(?=[二三]是)", rest)
tail = points[-1][points[-1].index("自回购专项贷"):]
points[-1] = points[-1][:points[-1].index("自回购专项贷")]
blocks = [*p[:2], "## " + p[2], *p[3:6], "## " + p[6], p[7], intro + "：",
          "\n".join(f"- {point}" for point in points), tail, p[9], "## " + p[10], *p[11:]]
write("yinhang-zhuanxiangdai-huigou", front(headline="银行专项贷强力支持 上市公司频频回购股份"),
      blocks)

# 沧州晚报: 本报讯 （记者 何晓玲） → dateline + byline.
p = paragraphs("cangzhou-qiwen")
write("cangzhou-qiwen", front(headline="气温在波动中下降", dateline="本报讯", byline="记者 何晓玲"),
      [strip(p[0], "本报讯 （记者 何晓玲）"), *p[1:]])

# 中国体育报: a kicker and 本报讯 without a byline.
p = paragraphs("zhongchao-hainiu")
write("zhongchao-hainiu", front(kicker="中超联赛第三轮打响", headline="青岛海牛新赛季主场开门红",
                                dateline="本报讯"),
      [strip(p[0], "本报讯"), *p[1:]])
