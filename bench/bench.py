"""Render speed and memory: Broadsheet against Typst and WeasyPrint on the same content.

    .venv/bin/python bench/bench.py [--runs 3]

Content: the sample issue 3144 (1 page) and the synthetic eight-page issue
(tests/data/eight-page). Broadsheet renders the issues themselves. Typst and WeasyPrint set
the same text — every story's headline and paragraphs, in order — on 390 × 545 mm pages in
8 columns of 13 × 9 pt with the same leading, justified, 2-em indent: the same content and
measure, without our grid modules, photos, masthead or PDF/X work. Each run is a fresh
process; the script prints median wall time, peak memory (max RSS) and the ratios.

Broadsheet runs three ways in fresh processes:
  first render      an empty cache: the very first render on a machine
  new issue         the cache as the other test issues (PRIOR) left it: this issue's
                    paragraphs never set, its font subsets never made — tomorrow's issue
                    on the desk's machine
  unchanged         everything cached: the same issue rendered again
and, in one long-running process as `serve` runs it, the re-render after an edit to one
article (a sentence added to its first paragraph): the PDF alone, and the PDF plus the
previews of the pages that changed. Needs `pip install typst weasyprint` (make compare /
make bench install them).
"""
from __future__ import annotations

import argparse
import compileall
import html
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout.read.manifest import load_issue    # noqa: E402
from layout.model import Paragraph, Subhead    # noqa: E402

ISSUES = {"sample 3144 (1 page)": ROOT / "issues" / "3144",
          "eight-page issue": ROOT / "tests" / "data" / "eight-page"}
PRIOR = [ROOT / "issues" / "3144", ROOT / "tests" / "data" / "eight-page",
         ROOT / "tests" / "data" / "stress", ROOT / "tests" / "data" / "sikai"]
FONTS = "/usr/share/fonts/opentype/noto"


def stories(issue_dir: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    for module in load_issue(issue_dir).story_starts():
        article = module.article
        blocks = [("p" if isinstance(b, Paragraph) else "h3", b.text)
                  for b in article.blocks if isinstance(b, (Paragraph, Subhead))]
        out.append((article.headline, blocks))
    return out


def typst_source(content) -> str:
    def escape(text: str) -> str:
        for char in "\\#*_$@<>`[]=-+/~":
            text = text.replace(char, "\\" + char)
        return text
    body = []
    for headline, blocks in content:
        body.append(f"#block(text(font: \"Noto Sans CJK SC\", weight: \"bold\", size: 24pt)"
                    f"[{escape(headline)}])")
        for kind, text in blocks:
            body.append(f"#text(font: \"Noto Sans CJK SC\", weight: \"bold\")[{escape(text)}]"
                        if kind == "h3" else escape(text))
    return ("#set page(width: 390mm, height: 545mm, margin: (x: 18.8mm, y: 20mm), "
            "columns: 8)\n#set columns(gutter: 9pt)\n"
            "#set text(font: \"Noto Serif CJK SC\", size: 9pt, lang: \"zh\", region: \"cn\", "
            "top-edge: 0.88em, bottom-edge: -0.12em)\n"
            "#set par(justify: true, first-line-indent: (amount: 2em, all: true), "
            "leading: 4.5pt, spacing: 4.5pt)\n\n" + "\n\n".join(body) + "\n")


def weasy_source(content) -> str:
    parts = []
    for headline, blocks in content:
        parts.append(f"<h2>{html.escape(headline)}</h2>")
        parts += [f"<{kind}>{html.escape(text)}</{kind}>" for kind, text in blocks]
    return ("<html lang='zh-CN'><style>@page { size: 390mm 545mm; margin: 20mm 18.8mm } "
            "body { columns: 8; column-gap: 9pt; font: 9pt/13.5pt 'Noto Serif CJK SC'; "
            "text-align: justify } p { margin: 0; text-indent: 2em } "
            "h2 { font: 700 24pt 'Noto Sans CJK SC'; margin: 0 } "
            "h3 { font: 700 9pt/13.5pt 'Noto Sans CJK SC'; margin: 0 }</style><body>"
            + "".join(parts) + "</body></html>")


def run(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of one fresh process."""
    with tempfile.TemporaryFile() as errors:      # a file, not a pipe: it never fills up
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{errors.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss // 1024


def measure(command, runs, env=None, before=None):
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(run(command, env))
    return statistics.median(w for w, _ in results), max(m for _, m in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # Our modules' bytecode compiled, as any machine has it after the first run (an
    # environment with PYTHONDONTWRITEBYTECODE set would compile them in every process).
    compileall.compile_dir(ROOT / "layout", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    cache = work / "font-cache"
    env = dict(os.environ, BROADSHEET_CACHE=str(cache))
    python = sys.executable
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}; median of {args.runs} runs, fresh process each\n")
    print("| content | engine | wall (s) | peak memory (MB) | × Typst | × WeasyPrint |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, issue_dir in ISSUES.items():
        content = stories(issue_dir)
        typ = work / "content.typ"
        typ.write_text(typst_source(content), encoding="utf-8")
        page = work / "content.html"
        page.write_text(weasy_source(content), encoding="utf-8")
        ours = [python, "-m", "layout.cli", "render", str(issue_dir), "-o", str(work / "o.pdf"),
                "--allow-overset"]
        rows = {
            "Broadsheet, first render": measure(
                ours, args.runs, env, before=lambda: shutil.rmtree(cache, ignore_errors=True)),
            "Broadsheet, new issue": measure(
                ours, args.runs, env, before=lambda: restore(prior_cache(issue_dir, work), cache)),
            "Broadsheet, unchanged": measure(ours, args.runs, env),
            "Typst": measure([python, "-c", "import sys, typst; typst.compile(sys.argv[1], "
                              "output=sys.argv[2], font_paths=[sys.argv[3]])",
                              str(typ), str(work / "t.pdf"), FONTS], args.runs),
            "WeasyPrint": measure([python, "-c", "import sys; from weasyprint import HTML; "
                                   "HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])",
                                   str(page), str(work / "w.pdf")], args.runs),
        }
        typst_time, weasy_time = rows["Typst"][0], rows["WeasyPrint"][0]
        for engine, (wall, memory) in rows.items():
            print(f"| {name} | {engine} | {wall:.2f} | {memory} | {wall / typst_time:.2f} | "
                  f"{wall / weasy_time:.2f} |")
    print("\n| content | re-render after editing one article, in `serve`'s process | "
          "PDF (s) | PDF and changed previews (s) |\n| --- | --- | ---: | ---: |")
    for name, issue_dir in ISSUES.items():
        pdf_only, with_previews = edit_rerender(issue_dir, work, env, args.runs)
        print(f"| {name} | median of {args.runs} edits | {pdf_only:.2f} | {with_previews:.2f} |")
    shutil.rmtree(work, ignore_errors=True)


def prior_cache(issue_dir: Path, work: Path) -> Path:
    """A cache filled by rendering every PRIOR issue but `issue_dir` (made once)."""
    cache = work / f"prior-{issue_dir.name}"
    if not cache.exists():
        env = dict(os.environ, BROADSHEET_CACHE=str(cache))
        for other in PRIOR:
            if other != issue_dir:
                run([sys.executable, "-m", "layout.cli", "render", str(other), "-o",
                     str(work / "prior.pdf"), "--allow-overset"], env)
    return cache


def restore(saved: Path, cache: Path) -> None:
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(saved, cache)


def edit_rerender(issue_dir: Path, work: Path, env: dict, runs: int) -> tuple[float, float]:
    """Median seconds to re-render after each of `runs` edits to one article, in one process
    that rendered the issue once before (as `serve` does): without and with previews."""
    copy = work / "edited"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(issue_dir, copy)
    script = """
import statistics, sys, time
from pathlib import Path
from layout.read.manifest import load_issue
from layout.render import render
issue_dir, out, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
article = Path(load_issue(issue_dir).pages[0].modules[0].article.source)
times = {False: [], True: []}
for previews in (False, True):
    keys = render(issue_dir, out / "o.pdf", out if previews else None).page_keys
    for n in range(runs):
        text = article.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\\n\\n")   # after the article's first block
        article.write_text(head + sep + rest.replace("。", f"。本报讯第{n}次修改。", 1),
                           encoding="utf-8")
        start = time.perf_counter()
        keys = render(issue_dir, out / "o.pdf", out if previews else None,
                      previous_keys=keys).page_keys
        times[previews].append(time.perf_counter() - start)
print(statistics.median(times[False]), statistics.median(times[True]))
"""
    result = subprocess.run([sys.executable, "-c", script, str(copy), str(work), str(runs)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"edit re-render failed:\n{result.stderr[-2000:]}")
    pdf_only, with_previews = map(float, result.stdout.split())
    return pdf_only, with_previews


if __name__ == "__main__":
    main()
