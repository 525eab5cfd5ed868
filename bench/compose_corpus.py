"""The body-text composer's speed on real copy: every body paragraph of the eight-page issue
(tests/data/eight-page) and of the real-news corpus (tests/data/realnews, placed on pages by
tests/realcopy.py) set at its real measure, in one process, nothing cached.

    .venv/bin/python bench/compose_corpus.py                     # this checkout
    .venv/bin/python bench/compose_corpus.py --against /work/main --rounds 5

Only the composition is timed (`compose._compose`: no session memory, no disk store; the
cyclic garbage collector off, as in `broadsheet render`): the issues are read, the paragraphs
planned as a render plans them (`planned_paragraphs`) and set once to warm up the measured
characters, then set `--repeat` times; the best time counts, in CPU seconds of this process
(`time.process_time`: on a shared machine the wall time also counts the time other
processes held the core), the wall time beside it.
`--against CHECKOUT` runs this same script on that checkout and on this one in alternating
fresh processes, `--rounds` times each, prints both medians, and checks that the two set
every paragraph identically (each line's text, width, flags and every glyph's position, face
and scale, compared exactly); it exits 1 when they differ. `--profile` prints cProfile's
top functions of one pass instead.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ISSUES = ("tests/data/eight-page", "realnews")


def requests_and_book(root: Path):
    """The paragraphs a render of each corpus issue plans, and the font book."""
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(root / "tests"))
    from layout.fonts import load_font_book
    from layout.page.compose import planned_paragraphs
    from layout.read.manifest import load_issue
    from layout.style import load_style
    from realcopy import write_issue
    requests, book = [], None
    with tempfile.TemporaryDirectory() as scratch:
        for name in ISSUES:
            folder = write_issue(Path(scratch) / "real") if name == "realnews" else root / name
            issue = load_issue(folder)
            style = load_style(issue.style, Path(issue.source))
            book = book or load_font_book(style.fonts)
            requests += planned_paragraphs(issue, style)
    return requests, book


def fingerprint(all_lines) -> str:
    """A digest of every paragraph's lines, exact to the float's last bit."""
    digest = hashlib.sha256()
    for lines in all_lines:
        for line in lines:
            digest.update(repr((line.width, line.size, line.last, line.overfull, line.start,
                                [(g.char, g.x.hex(), g.face.path.name, g.face.index,
                                  g.face.vertical, g.scale_x.hex(), g.y.hex())
                                 for g in line.glyphs])).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def run(root: Path, repeat: int, profile: bool) -> None:
    gc.disable()                        # as `broadsheet render` runs (layout/cli.py)
    requests, book = requests_and_book(root)
    import layout
    from layout.text.compose import _compose
    assert Path(layout.__file__).resolve().parent.parent == root, layout.__file__
    characters = sum(len(request.text) for request in requests)
    first = [_compose(request, book) for request in requests]        # warms the measurer
    if profile:
        import cProfile
        import pstats
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [_compose(request, book) for request in requests])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    times, walls = [], []
    for _ in range(repeat):
        start, wall = time.process_time(), time.perf_counter()
        for request in requests:
            _compose(request, book)
        times.append(time.process_time() - start)
        walls.append(time.perf_counter() - wall)
    print(f"{root}: {len(requests)} paragraphs, {characters} characters, "
          f"{sum(map(len, first))} lines: best {min(times):.3f} CPU s of {repeat} "
          f"(wall {min(walls):.3f} s)")
    print(f"seconds {min(times):.6f}")
    print(f"wall {min(walls):.6f}")
    print(f"digest {fingerprint(first)}")


def compare(against: Path, rounds: int, repeat: int) -> int:
    """This script on `against` and on this checkout, alternately in fresh processes."""
    roots = {"against": against.resolve(), "this": HERE.parent.parent}
    seconds = {name: [] for name in roots}
    walls = {name: [] for name in roots}
    digests = {}
    for _ in range(rounds):
        for name, root in roots.items():
            out = subprocess.run([sys.executable, str(HERE), "--root", str(root),
                                  "--repeat", str(repeat)], capture_output=True, text=True,
                                 check=True).stdout
            fields = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
            seconds[name].append(float(fields["seconds"]))
            walls[name].append(float(fields["wall"]))
            digests.setdefault(name, set()).add(fields["digest"])
    for name, root in roots.items():
        print(f"{name:8} {root}: median {statistics.median(seconds[name]):.3f} CPU s "
              f"(best of {repeat} per process; {', '.join(f'{s:.3f}' for s in seconds[name])});"
              f" wall median {statistics.median(walls[name]):.3f} s")
    ratio = statistics.median(seconds["this"]) / statistics.median(seconds["against"])
    print(f"this / against: {ratio:.3f}")
    same = len(digests["this"] | digests["against"]) == 1
    print("output identical" if same else f"OUTPUT DIFFERS: {digests}")
    return 0 if same else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=HERE.parent.parent,
                        help="the checkout whose composer to time (default: this one)")
    parser.add_argument("--against", type=Path, help="another checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.against:
        return compare(args.against, args.rounds, args.repeat)
    run(args.root.resolve(), args.repeat, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
