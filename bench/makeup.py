"""Make-up speed and result: eight-page issues without places, made up from a cold cache.

    .venv/bin/python bench/makeup.py [--runs 3] [--jobs N]

For each issue (the two eight-page issues of real news, tests/data/real-eight-page-a and -b),
each run is a fresh process with an empty cache (every paragraph set, every shape measured):
the time to measure the stories, the time of each page's solve, the total, and each page's
fill, holes (empty blocks ≥ 1 column × 3 lines), jumps and stories left out. Prints the
median of the runs and the machine it ran on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ISSUES = {"real news A (8 pages)": ROOT / "tests" / "data" / "real-eight-page-a",
          "real news B (8 pages)": ROOT / "tests" / "data" / "real-eight-page-b"}

RUN = """
import json, sys, time
start = time.perf_counter()
from pathlib import Path
from layout.fonts import load_font_book
from layout.makeup.engine import make_up
from layout.read.manifest import load_issue
from layout.style import load_style
issue = load_issue(Path(sys.argv[1]))
style = load_style(issue.style, issue.source)
book = load_font_book(style.fonts)
marks = []
made = make_up(issue, style, book, int(sys.argv[2]),
               progress=lambda done, total: marks.append(time.perf_counter()))
end = time.perf_counter()
pages = [{"page": r.page, "fill": r.fill, "holes": len(r.holes), "left_out": len(r.left_out),
          "jumps": sum(1 for f in r.fits if f.continued_on), "status": r.status}
         for r in made.pages]
print(json.dumps({"total": end - start, "marks": [m - start for m in marks], "pages": pages}))
"""


def run_once(issue: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, BROADSHEET_CACHE=cache)
        done = subprocess.run([sys.executable, "-c", RUN, str(issue), str(jobs)], cwd=ROOT,
                              env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    print(f"{platform.node()}: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, {args.runs} runs, {args.jobs} jobs, cold cache")
    for name, issue in ISSUES.items():
        runs = [run_once(issue, args.jobs) for _ in range(args.runs)]
        total = statistics.median(r["total"] for r in runs)
        first = statistics.median(r["marks"][0] for r in runs)
        solves = [statistics.median(b - a for r in runs
                                    for a, b in [(r["marks"][n - 1], r["marks"][n])])
                  for n in range(1, len(runs[0]["marks"]))]
        print(f"\n{name}: total {total:.1f} s (median); measuring + page 1 {first:.1f} s; "
              f"each further page {min(solves):.1f}–{max(solves):.1f} s")
        print("page  fill %  holes  jumps  left out  solver")
        for page in runs[0]["pages"]:
            print(f"{page['page']:>4}  {100 * page['fill']:6.1f}  {page['holes']:>5}  "
                  f"{page['jumps']:>5}  {page['left_out']:>8}  {page['status']}")


if __name__ == "__main__":
    main()
