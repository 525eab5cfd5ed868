"""The `broadsheet` command: render an issue, print a date line.

Every failure the user can cause ends as one line on stderr and a non-zero exit status:
1 for overset text (the PDF is still written, so the desk can look), 2 for bad input or set-up.
"""
from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from pathlib import Path

from .commands import fittable
from .errors import BroadsheetError
from .output import output_folder

EXIT_OVERSET = 1
EXIT_ERROR = 2


class Stopped(BaseException):
    """A termination signal (SIGTERM, SIGHUP), raised where the program is so that it unwinds
    as after Ctrl-C: temporary files removed, workers ended, old outputs left as they were."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum, frame):
    raise Stopped(signum)


def _interrupted(stop: BaseException) -> int:
    """Exit 128 + the signal, as a shell reports a process a signal ended: 130 for Ctrl-C,
    143 for SIGTERM, so that make, CI and supervisors see which it was; said in one line."""
    signum = stop.signum if isinstance(stop, Stopped) else signal.SIGINT
    print(f"broadsheet: interrupted ({signal.Signals(signum).name}); files not finished "
          "were not written, earlier ones are as they were", file=sys.stderr)
    return 128 + signum


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="broadsheet", description="Typeset a Chinese daily newspaper issue into a print-ready PDF.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    render_parser = commands.add_parser(
        "render", help="render an issue directory to PDF",
        description="Render ISSUE_DIR (a folder with issue.toml and its article files) to PDF "
                    "and print how every story fitted its module.")
    render_parser.add_argument("issue_dir", metavar="ISSUE_DIR", type=Path)
    render_parser.add_argument("-o", "--output", metavar="FILE.pdf|DIR/",
                               help="where to write the PDF (default: out/<number>.pdf); a "
                                    "folder (DIR/ or an existing one) gets DIR/<number>.pdf")
    render_parser.add_argument("--allow-overset", action="store_true",
                               help="exit 0 even when a story does not fit its module")
    render_parser.add_argument("--preview", metavar="DIR", nargs="?", const="",
                               help="also write a PNG preview of each page there (default "
                                    "out/<number>-preview, as `preview`), overset stories "
                                    "framed in red")
    render_parser.add_argument("--jobs", type=int, metavar="N",
                               help="processes for the work done ahead — photos made "
                                    "press-ready, paragraphs set (default: one per core); "
                                    "the PDF is the same whatever N")
    render_parser.set_defaults(run=_render)

    date_parser = commands.add_parser(
        "date", help="print the masthead date line for a date",
        description="Print a date as the masthead sets it: Gregorian date, lunar date with the "
                    "干支 year, weekday.")
    date_parser.add_argument("day", metavar="YYYY-MM-DD")
    date_parser.add_argument("--month-style", choices=("numeric", "traditional"),
                             default="numeric",
                             help="write the 11th and 12th lunar months as 十一月/十二月 "
                                  "(numeric, default) or 冬月/腊月 (traditional)")
    date_parser.set_defaults(run=_date)

    preview_parser = commands.add_parser(
        "preview", help="render an issue and write PNG previews of its pages",
        description="Render ISSUE_DIR and write one PNG per page plus a contact sheet of all "
                    "pages to DIR (default out/<number>-preview).")
    preview_parser.add_argument("issue_dir", metavar="ISSUE_DIR", type=Path)
    preview_parser.add_argument("-o", "--output", metavar="DIR",
                                help="the folder for the PNGs (default out/<number>-preview); "
                                     "no PDF is left there")
    preview_parser.add_argument("--dpi", type=int, default=50, help="resolution (default 50)")
    preview_parser.add_argument("--marks", action="store_true",
                                help="frame overset stories and low-resolution photos in red")
    preview_parser.add_argument("--proof", action="store_true",
                                help="also a soft proof of each page: as printed on newsprint "
                                     "(paper white and dot gain through the press profile)")
    preview_parser.add_argument("--separations", action="store_true",
                                help="also each page's C, M, Y and K plates (Ghostscript tiffsep)")
    preview_parser.set_defaults(run=_preview)

    proof_parser = commands.add_parser(
        "proof", help="A4 galley proofs of an issue's articles (WeasyPrint)",
        description="Write a galley proof (校样) per article: headlines, byline, body lines "
                    "numbered as they break on the page, character count, photos with captions.")
    proof_parser.add_argument("issue_dir", metavar="ISSUE_DIR", type=Path)
    proof_parser.add_argument("article", metavar="ARTICLE", nargs="?",
                              help="just this article file (e.g. maoding-mubiao.md)")
    proof_parser.add_argument("-o", "--output", metavar="DIR", type=Path,
                              help="where to write them (default out/<number>-proofs)")
    proof_parser.set_defaults(run=_proof)

    serve_parser = commands.add_parser(
        "serve", help="a live preview in the browser that re-renders on every edit",
        description="Serve the issue's pages on http://127.0.0.1:PORT/ (this machine only), "
                    "with the PDF to download and, beside the pages, the overset stories and "
                    "what `check` finds, each a link to its spot on the page. The page "
                    "re-renders when the manifest, an article, a photo or a style changes, "
                    "and shows the error instead of the pages when a render fails; the "
                    "terminal has a line per render.")
    serve_parser.add_argument("issue_dir", metavar="ISSUE_DIR", type=Path)
    serve_parser.add_argument("--port", type=int, default=8144, help="default 8144")
    serve_parser.add_argument("--host", metavar="NAME",
                              help="share it on the office network: listen on NAME's "
                                   "address (e.g. this machine's name there), answer requests "
                                   "for NAME, and admit only browsers that open the address "
                                   "with the token printed at start-up; default: this "
                                   "machine only, loopback names only, no token")
    serve_parser.set_defaults(run=_serve)

    check_parser = commands.add_parser(
        "check", help="preflight the issue's PDF as a print plant would",
        description="Proofread the issue's words (punctuation, mixed script, number forms, "
                    "masthead and date, 版序) and preflight its rendered PDF (fonts, images and "
                    "ppi, total ink, colour spaces, page boxes, PDF/X keys, overset stories, "
                    "missing glyphs). Given article files instead, just proofread them. Exit "
                    "status 1 if anything is an error (or, with --strict, a warning).")
    check_parser.add_argument("sources", metavar="ISSUE_DIR|ARTICLE.md", type=Path, nargs="+")
    check_parser.add_argument("--previous", metavar="N", type=int,
                              help="the previous issue's number, to check this one follows it")
    check_parser.add_argument("-o", "--output", metavar="FILE.pdf|DIR/",
                              help="also keep the rendered PDF there (default: rendered into "
                                   "a temporary folder and removed)")
    check_parser.add_argument("--strict", action="store_true",
                              help="fail on warnings too (for CI)")
    check_parser.set_defaults(run=_check)

    deliver_parser = commands.add_parser(
        "deliver", help="one PDF/X file per page for the plant (单版), preflighted, with a manifest",
        description="Write each page of ISSUE_DIR as its own PDF/X file in DIR, named by the "
                    "style's page_file pattern (default YYYYMMDD-NN.pdf), preflight each, and "
                    "write delivery.json and delivery.txt (page, section, file, size, SHA-256, "
                    "max ink, lowest photo ppi, verdict). Pages unchanged since the last "
                    "delivery to DIR are not rewritten. Exit status 1 if any page fails.")
    deliver_parser.add_argument("issue_dir", metavar="ISSUE_DIR", type=Path)
    deliver_parser.add_argument("-o", "--output", metavar="DIR", type=Path,
                                help="the delivery folder (default out/<number>-pages)")
    deliver_parser.set_defaults(run=_deliver)

    quality_parser = commands.add_parser(
        "quality", help="measure the body text of an issue's PDF",
        description="Render ISSUE_DIR (or read FILE.pdf) and measure its body text as a reader "
                    "of the PDF sees it: prohibited line starts and ends, lines flush to both "
                    "column edges, evenness of spacing, 孤字, baselines off the grid.")
    quality_parser.add_argument("source", metavar="ISSUE_DIR|FILE.pdf", type=Path)
    quality_parser.add_argument("--style", default="jinzhong",
                                help="style whose measure a FILE.pdf was set to (default: jinzhong)")
    quality_parser.set_defaults(run=_quality)

    epaper_parser = commands.add_parser(
        "epaper", help="the issue as an e-paper (数字报): a static site of pages and articles",
        description="Render ISSUE_DIR and write its e-paper to DIR (default out/epaper/<number>): "
                    "page images with clickable areas for every story, one page per article, "
                    "the contents, offline search and issue.json. Open DIR/index.html from disk "
                    "or serve the folder; issues written beside each other link to each other.")
    epaper_parser.add_argument("issue_dir", metavar="ISSUE_DIR", type=Path)
    epaper_parser.add_argument("-o", "--output", metavar="DIR", type=Path)
    epaper_parser.add_argument("--dpi", type=int, default=150,
                               help="resolution of the sharp page images (default 150)")
    epaper_parser.add_argument("--jobs", type=int, metavar="N",
                               help="processes for the work done ahead (default: one per core)")
    epaper_parser.set_defaults(run=_epaper)

    # make-up (组版): place the stories that have no place — layout/makeup/command.py
    from .makeup.command import add_make_up_command
    add_make_up_command(commands)

    new_parser = commands.add_parser(
        "new", help="start the next issue from the previous one",
        description="Write ISSUE_DIR as the issue after PREVIOUS_DIR: number + 1, the next "
                    "publishing day of the style's [schedule] (or --date), the same pages "
                    "and sections, an empty article file with its front matter for each story, "
                    "no places yet.")
    new_parser.add_argument("issue_dir", metavar="ISSUE_DIR", type=Path)
    new_parser.add_argument("--from", dest="previous", metavar="PREVIOUS_DIR", type=Path,
                            required=True, help="the previous issue's folder")
    new_parser.add_argument("--date", metavar="YYYY-MM-DD",
                            help="the new issue's date, instead of the schedule's next day")
    new_parser.set_defaults(run=_new)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BroadsheetError as error:
        for each in getattr(error, "errors", [error]):     # all of a manifest's, at once
            print(f"broadsheet: error: {each}", file=sys.stderr)
        return EXIT_ERROR
    except (KeyboardInterrupt, Stopped) as stop:
        return _interrupted(stop)
    except BrokenPipeError:         # `broadsheet render … | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:      # a bug of ours: still one line, unless asked for more
        if os.environ.get("BROADSHEET_DEBUG"):
            raise
        print(f"broadsheet: internal error: {type(error).__name__}: {error} "
              "(set BROADSHEET_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_ERROR


def check_jobs(jobs: int | None) -> None:
    """--jobs, where a command takes it: one process or more."""
    if jobs is not None and jobs < 1:
        raise BroadsheetError(f"--jobs must be 1 or more, not {jobs}", field="--jobs",
                              fix="leave it out to use every core, or give --jobs 1 for one")


def _render(args) -> int:
    from .read.manifest import load_issue
    from .commands.paths import pdf_output, preview_dir
    from .render import render
    check_jobs(args.jobs)
    from .style import load_style
    issue = load_issue(args.issue_dir)              # bad input said before any table
    style = load_style(issue.style, Path(issue.source))
    output = pdf_output(args.output, issue.number)
    previews = None if args.preview is None else preview_dir(args.preview, issue.number)
    header = [fittable.row(fittable.HEADER)]

    def page_done(fits):            # the fit table grows page by page: progress on long issues
        while header:
            print(header.pop(), flush=True)
        for fit in fits:
            print(fittable.fit_row(fit), flush=True)
            if fit.overset_text:
                print(fittable.overset_line(fit, style), flush=True)

    result = render(args.issue_dir, output, previews, page_done, jobs=args.jobs)
    page_done([fit for fit in result.fits if fit.left_out])     # stories no page could hold
    for photo in result.photos:
        print(fittable.photo_line(photo, args.issue_dir, result.style.print.min_ppi))
    print(f"{result.pdf}: {result.pages} page(s)")
    for photo, (clipped, pixels) in sorted(result.ink_guard.items()):
        print(f"photo {photo.name}: separated with {result.style.print.profile.name}; the "
              f"{result.style.print.max_ink:g}% ink guard clipped {clipped} of {pixels} pixels "
              f"({clipped / max(pixels, 1):.3%})")
    for png in result.previews:
        print(f"preview: {png}")
    for (role, char), face in sorted(result.substitutions.items(), key=lambda kv: kv[0]):
        print(f"broadsheet: warning: {result.sources[char]}: {char!r} (U+{ord(char):04X}) is "
              f"missing from the {role} font; set in {face.family or face.path.name} instead",
              file=sys.stderr)
    for finding in result.findings:         # the ads' preflight, the 导读 (issue 14)
        if finding.severity != "info":
            print(f"broadsheet: {finding.severity}: page {finding.page}, {finding.obj}: "
                  f"{finding.message}", file=sys.stderr)
    if result.overset:
        from .commands.sources import article_paths, locate
        paths = article_paths(issue)
        for fit in result.overset:
            path = paths.get(fit.article)
            where = path and locate(path, fit.overset_text.lstrip()[:12]) or fit.article
            if fit.left_out:
                print(f"broadsheet: overset: page {fit.page}, {fit.article}: left out by the "
                      f"make-up ({len(fit.overset_text)} characters not set): {fit.left_out} — "
                      "cut it, move it to a page with room, or give it jump_to a later page",
                      file=sys.stderr)
            elif fit.overset_text:
                print(f"broadsheet: overset: page {fit.page}, {where}: "
                      f"{len(fit.overset_text)} characters do not fit "
                      f"(starting {fit.overset_text[:12]!r}) — enlarge the module or cut the story",
                      file=sys.stderr)
            for run in fit.too_wide:        # overset by width: not drawn
                path = paths.get(fit.article)
                where = path and locate(path, run[:12]) or fit.article
                print(f"broadsheet: overset: page {fit.page}, {where}: {run[:40]!r} is "
                      "wider than its column and is not printed — break it with a space or a "
                      "hyphen, shorten it, or widen the column", file=sys.stderr)
        return 0 if args.allow_overset else EXIT_OVERSET
    return 0



def _progress(done: int, total: int) -> None:
    """A one-line counter on a terminal; nothing when the output goes to a file or a pipe."""
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\rpreview: page {done}/{total}", end=end, file=sys.stderr, flush=True)


def _preview(args) -> int:
    from .read.manifest import load_issue
    from .commands.paths import preview_dir, scratch_pdf
    issue = load_issue(args.issue_dir)
    out = preview_dir(args.output, issue.number, "-o")
    if args.dpi < 10 or args.dpi > 600:
        raise BroadsheetError(f"--dpi {args.dpi} is out of range", field="--dpi",
                              fix="give 10 to 600")
    with scratch_pdf(issue.number) as pdf:         # the PNGs are asked for, not the PDF
        return _write_previews(args, issue, pdf, out)


def _write_previews(args, issue, pdf: Path, out: Path) -> int:
    from .backends.png import contact_sheet
    from .render import render
    result = render(args.issue_dir, pdf, out, dpi=args.dpi, marks=args.marks,
                    progress=_progress)
    sheet = contact_sheet(result.previews, out / "contact-sheet.png")
    for png in result.previews:
        print(png)
    print(sheet)
    if args.proof or args.separations:
        from .backends.softproof import proof_pages, separate_pages
        if args.proof:
            for png in proof_pages(result.pdf, out, result.style.print.profile, args.dpi):
                print(png)
        if args.separations:
            for png in separate_pages(result.pdf, out, args.dpi):
                print(png)
    return 0


def _proof(args) -> int:
    from .fonts import load_font_book
    from .read.manifest import load_issue
    from .commands.proof import write_proofs
    from .style import load_style
    issue = load_issue(args.issue_dir)
    names = [m.article.source.name for p in issue.pages for m in p.modules] + [
        brief.article.source.name for brief in issue.fillers]
    if args.article and args.article not in names:
        raise BroadsheetError(f"no article {args.article!r} in this issue", file=str(args.issue_dir),
                              field="ARTICLE", fix=f"use one of: {', '.join(sorted(set(names)))}")
    style = load_style(issue.style, Path(issue.source))
    out = output_folder(args.output or Path("out") / f"{issue.number}-proofs", "-o")
    for path in write_proofs(issue, style, load_font_book(style.fonts), out, args.article):
        print(path)
    return 0


def _serve(args) -> int:
    from .commands.serve import serve
    if not args.issue_dir.is_dir():
        raise BroadsheetError("no issue directory", file=str(args.issue_dir),
                              fix="give the directory that holds the issue's issue.toml")
    shared = " — anyone with this address can see the pages; it changes at each start" \
        if args.host else ""
    serve(args.issue_dir, args.port, host=args.host,
          ready=lambda url: print(f"serving {args.issue_dir} on {url} (Ctrl-C stops){shared}",
                                  flush=True))
    return 0


def _check(args) -> int:
    from .inspect import proofread
    from .inspect.findings import exit_code, listing, summary
    articles = [path for path in args.sources if path.suffix == ".md"]
    issues = [path for path in args.sources if path.suffix != ".md"]
    for path in args.sources:
        if not path.exists():
            raise BroadsheetError("no such file or directory", file=str(path),
                                  fix="give an issue directory or article .md files")
    words = [f for path in articles for f in proofread.check_article(path)]
    words += [f for path in issues for f in proofread.check_issue(path, args.previous)]
    text, _ = listing(words, fail_on_warnings=args.strict)
    print("校对 (proofreading):")
    print(text)
    found = list(words)
    for path in issues:
        found += _preflight(path, args.output if len(issues) == 1 else None)
    if issues:      # the preflight's own count is the PDF's: say what the check found in all
        print(f"check: {summary(found)} in all (proofreading and preflight)")
    return exit_code(found, strict=args.strict)


def _preflight(issue_dir: Path, output: str | None) -> list:
    from .read.manifest import load_issue
    from .commands.paths import pdf_output, scratch_pdf
    issue = load_issue(issue_dir)
    if output is not None:                  # the desk asked to keep the PDF
        return _preflight_pdf(issue, pdf_output(output, issue.number), str)
    with scratch_pdf(issue.number) as pdf:  # otherwise nothing is left behind
        return _preflight_pdf(issue, pdf, lambda _: f"issue {issue.number}")


def _preflight_pdf(issue, output: Path, name) -> list:
    """The rendered issue's preflight findings, printed as a table."""
    from .commands.desk import check_pdf
    from .inspect.findings import report
    from .render import render
    result = render(Path(issue.source), output)
    findings = check_pdf(issue, result)
    print(f"\n{name(result.pdf)}: preflight as {result.style.print.standard}")
    print(report(findings))
    return findings


def _deliver(args) -> int:
    from .commands.deliver import MANIFEST_TEXT, deliver
    from .read.manifest import load_issue
    out = args.output or Path("out") / f"{load_issue(args.issue_dir).number}-pages"
    pages = deliver(args.issue_dir, out)
    print((out / MANIFEST_TEXT).read_text(encoding="utf-8"), end="")
    return 1 if any(page.verdict == "fail" for page in pages) else 0


def _quality(args) -> int:
    from .inspect.quality import measure_or_refuse
    from .style import load_style
    if args.source.is_dir():
        from .read.manifest import load_issue
        from .commands.paths import scratch_pdf
        from .render import render
        issue = load_issue(args.source)
        with scratch_pdf(issue.number) as pdf:    # rendered to be measured, then gone
            style = render(args.source, pdf).style
            name = f"issue {issue.number}"
            quality = measure_or_refuse(pdf, style.column_chars * style.body_size,
                                        style.body_size, name, style.words + issue.words)
    elif args.source.suffix.lower() == ".pdf" and args.source.is_file():
        style, name = load_style(args.style), str(args.source)
        quality = measure_or_refuse(args.source, style.column_chars * style.body_size,
                                    style.body_size, name)
    else:
        raise BroadsheetError("neither an issue directory nor a PDF file", file=str(args.source),
                              fix="give the issue's directory or a rendered .pdf")
    print(f"{name}: body text set to {style.column_chars} × {style.body_size:g} pt")
    for label, value in quality.rows():
        print(f"  {label}{' ' * (48 - fittable.display_width(label))}{value:>8}")
    return 0


def _epaper(args) -> int:
    from .epaper import write_epaper
    if not 50 <= args.dpi <= 600:
        raise BroadsheetError(f"--dpi {args.dpi} is out of range", field="--dpi",
                              fix="give 50 to 600")
    check_jobs(args.jobs)

    def progress(stage: str, done: int, total: int) -> None:     # one counting line, on a terminal
        if sys.stderr.isatty():
            print(f"\repaper: {stage} {done}/{total}\033[K", end="\n" if done == total else "",
                  file=sys.stderr, flush=True)

    result = write_epaper(args.issue_dir, args.output, dpi=args.dpi, jobs=args.jobs,
                          progress=progress)
    print(f"{result.site / 'index.html'}: {result.pages} page(s), {result.articles} article(s)")
    for (role, char), face in sorted(result.substitutions.items(), key=lambda kv: kv[0]):
        print(f"broadsheet: warning: {char!r} (U+{ord(char):04X}) is missing from the {role} "
              f"font; set in {face.family or face.path.name} instead", file=sys.stderr)
    for fit in result.overset:
        print(f"broadsheet: overset: page {fit.page}, {fit.article}: "
              f"{len(fit.overset_text)} characters do not fit the page (the e-paper's article "
              "has them all) — enlarge the module or cut the story", file=sys.stderr)
    return EXIT_OVERSET if result.overset else 0


def _new(args) -> int:
    from .calendar import date_line, parse_date
    from .commands.newissue import new_issue
    day = parse_date(args.date, field="--date") if args.date else None
    made = new_issue(args.issue_dir, args.previous, day)
    print(f"{made.folder / 'issue.toml'}: 第{made.number}期 {date_line(made.date)} "
          f"({made.why_date})")
    for path in made.articles:
        print(f"{path}: empty, to be written")
    if made.not_carried:
        print(f"{made.not_carried} ad or picture module(s) of the previous issue not carried "
              "over: book them in issue.toml")
    print(f"next: write the stories, then broadsheet render {made.folder} (the make-up "
          "engine places them)")
    return 0


def _date(args) -> int:
    from .calendar import date_line, parse_date
    print(date_line(parse_date(args.day, field="YYYY-MM-DD"), args.month_style))
    return 0


def run() -> None:
    """The console command: `main`, then out without the interpreter's teardown, which frees
    an issue's hundreds of thousands of objects one by one (a tenth of a second) where the
    system reclaims the process's memory at once. Output and the cache are written first.

    Every command but `serve` runs with the cyclic garbage collector off: it is short, makes
    few reference cycles, and the collector's passes over an issue's objects cost 6 % of a
    render (peak memory measured the same).

    SIGTERM and SIGHUP unwind the program as Ctrl-C does (see `Stopped`)."""
    if sys.argv[1:2] != ["serve"]:
        gc.disable()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    stopping = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    try:
        code = main()
        signal.pthread_sigmask(signal.SIG_BLOCK, stopping)  # done: the last writes whole
    except (KeyboardInterrupt, Stopped) as stop:
        # it came as the command returned, past its own handling (its files are whole)
        signal.pthread_sigmask(signal.SIG_BLOCK, stopping)
        code = _interrupted(stop)
    from .session import current
    current().flush()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
