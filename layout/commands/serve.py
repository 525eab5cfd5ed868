"""A live preview for the desk: a web page of the issue's pages that re-renders on edits, with
the PDF to download and, beside the pages, the overset stories and what `check` finds — each
a link to its page with the spot marked.

The renders run in the main thread (Ctrl-C stops one under way at once) and the web server in
another. A watcher looks at the issue's files (the manifest, articles, photos) and the style
every half second; when anything changes it renders again, each page image and the PDF
replaced whole, so a fetch never gets half a file, then checks the render (proofreading and
preflight, as `check` does; the pages are shown before the checks end). Each render is one
line in the terminal: when, what changed, how long, what it found. The page asks for the state
every second and swaps the images in when a new render is there — or shows the render's error
in their place, so nobody proofs a stale page (nor downloads a stale PDF).

Who may look: by default the server listens on the loopback address and answers only requests
addressed to a loopback name, so a web page elsewhere cannot read the pages by pointing a name
of its own at this machine (DNS rebinding). `host` shares it on the office network: it listens
on that name's address, answers that name too, and every request must carry the token printed
once at start-up — in the address (`?token=…`, exchanged at once for a cookie and dropped from
the address bar) or in that cookie — compared in constant time and never logged. Answers are
never cached, framed or sent a referrer. A connection idle for IDLE_TIMEOUT is closed; one that
breaks is one line in the log; the render folder goes when the server stops.
"""
from __future__ import annotations

import hmac
import html
import json
import secrets
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..errors import BroadsheetError
from ..read.manifest import load_issue
from ..render import render
from ..session import Session
from ..style import STYLES_DIR

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
IDLE_TIMEOUT = 10       # seconds a connection may send nothing before it is closed
STATIC = Path(__file__).with_name("serve_static")     # the page, its style and its script
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'; form-action 'none'",
}


class LivePreview:
    """Renders the issue when its sources change; holds the newest pages (or the error) and
    what the checks found in them."""

    def __init__(self, issue_dir: Path, dpi: int = 60, say=None):
        self.issue_dir = issue_dir
        self.dpi = dpi
        self.say = say or (lambda line: print(line, flush=True))
        self.out = Path(tempfile.mkdtemp(prefix="broadsheet-serve-"))
        self.version = 0
        self.error: str | None = None
        self.pages: list[Path] = []
        self.pdf: Path | None = None
        self.rendered = ""
        self.shown: dict = {}           # the newest render as the page shows it (see `state`)
        self.findings: list[dict] | None = None     # None until the checks have run
        self.lock = threading.Lock()
        self._seen: tuple = ()
        self._keys: list[int] | None = None     # pages as last drawn: unchanged ones are reused
        # Set paragraphs and PDF text operators kept between renders: an edit re-sets only
        # the paragraphs it touched, and re-writes only the lines that changed.
        self.session = Session()

    def sources(self) -> list[Path]:
        """Every file whose change should re-render: the issue folder and the styles."""
        files = [p for p in self.issue_dir.rglob("*") if p.is_file()]
        return sorted(files + list(STYLES_DIR.glob("*.toml")))

    def fingerprint(self) -> tuple:
        stamp = []
        for path in self.sources():
            try:
                info = path.stat()
            except FileNotFoundError:
                continue
            stamp.append((str(path), info.st_mtime_ns, info.st_size))
        return tuple(stamp)

    def refresh(self) -> bool:
        """Render again if a source changed since the last look, then check the render;
        True if it did."""
        seen = self.fingerprint()
        if seen == self._seen:
            return False
        changed = _changed(self._seen, seen, self.issue_dir) if self._seen else []
        self._seen = seen
        started = time.monotonic()
        issue = result = None
        try:
            issue = load_issue(self.issue_dir)
            # One process: the server's threads make forking workers unsafe, and after the
            # first render an edit leaves a paragraph or two to set, not worth a process.
            result = render(self.issue_dir, self.out / f"{issue.number}.pdf", self.out,
                            dpi=self.dpi, previous_keys=self._keys, jobs=1,
                            session=self.session)
            pages, error, self._keys = result.previews, None, result.page_keys
        except BroadsheetError as failure:
            pages, error = [], str(failure)
        except Exception as failure:     # a bug of ours: show it rather than a stale page
            pages, error = [], f"internal error: {type(failure).__name__}: {failure}"
        took = time.monotonic() - started
        with self.lock:
            self.pages, self.error = pages, error
            self.pdf = None if error else result.pdf
            self.version += 1
            self.rendered = time.strftime("%H:%M:%S")
            self.shown = {} if error else _shown(issue, result, self.version, took)
            self.findings = None if error is None else []
        found = self.check(issue, result) if error is None else []
        with self.lock:
            self.findings = found
        self.say(render_line(self.rendered, self.version, changed, took, error, len(pages),
                             found))
        return True

    def check(self, issue, result) -> list[dict]:
        """What the desk should see about this render, as the page lists it."""
        from .desk import desk_findings
        try:
            found = desk_findings(issue, result)
        except Exception as failure:    # the pages are still worth seeing: say it beside them
            return [{"severity": "error", "check": "check", "where": "", "page": None,
                     "spot": None, "message": f"the checks could not run: "
                                              f"{type(failure).__name__}: {failure}"}]
        style = result.style
        offset = style.bleed + style.print.slug          # the trim box inside the image
        media = (style.page_width + 2 * offset, style.page_height + 2 * offset)
        return [{"severity": f.severity, "check": f.check, "where": f.where,
                 "message": f.message, "page": f.page,
                 "spot": _percent(f.spot, offset, media) if f.spot else None} for f in found]

    def state(self) -> dict:
        with self.lock:
            return {"version": self.version, "error": self.error, "rendered": self.rendered,
                    "pages": [], "pdf": None, **self.shown,
                    "checked": self.findings is not None, "findings": self.findings or []}

    def page(self, text: str) -> Path | None:
        """The image of page `text` ("1", "2", …) of the newest render, if there is one."""
        with self.lock:
            pages = list(self.pages)
        if not text.isdigit() or not 1 <= int(text) <= len(pages):
            return None
        return pages[int(text) - 1]

    def newest_pdf(self) -> Path | None:
        """The PDF of the newest render, None when it failed (the last good one is stale)."""
        with self.lock:
            return self.pdf

    def watch(self, interval: float = 0.5) -> None:
        while True:
            self.refresh()
            time.sleep(interval)

    def close(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)


def _changed(before: tuple, after: tuple, issue_dir: Path) -> list[str]:
    """The files added, changed or removed between two fingerprints, as the desk names them
    (relative to the issue folder; a style by its file name)."""
    old, new = {s[0]: s[1:] for s in before}, {s[0]: s[1:] for s in after}
    names = []
    for path in sorted(set(old) | set(new)):
        if old.get(path) != new.get(path):
            try:
                names.append(str(Path(path).relative_to(issue_dir)))
            except ValueError:
                names.append(Path(path).name)
    return names


def _shown(issue, result, version: int, took: float) -> dict:
    """A render's pages and PDF as the page links them."""
    sections = {page.number: page.section for page in issue.pages}
    return {"seconds": round(took, 2),
            "title": f"{issue.masthead.name} 第{issue.number}期 {issue.date:%Y-%m-%d}",
            "pdf": {"href": f"/issue.pdf?v={version}", "name": f"{issue.number}.pdf"},
            "pages": [{"number": n, "src": f"/page/{n}.png?v={version}",
                       "label": f"第{n}版 {sections.get(n, '')}".strip()}
                      for n in range(1, result.pages + 1)]}


def _percent(spot, offset: float, media: tuple[float, float]) -> list[float]:
    """A spot (points from the trim box's top-left) as left, top, width, height in percent of
    the page image (the media box), kept on the image."""
    x, y, width, height = spot
    left = max(0.0, (x + offset) / media[0] * 100)
    top = max(0.0, (y + offset) / media[1] * 100)
    return [round(left, 3), round(top, 3),
            round(min(100 - left, width / media[0] * 100), 3),
            round(min(100 - top, height / media[1] * 100), 3)]


def render_line(when: str, version: int, changed: list[str], took: float, error: str | None,
                pages: int, found: list[dict]) -> str:
    """The terminal's line for one render: its time, what changed, how long, what came of it."""
    named = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    head = f"{when}  render {version}" + (f" ({named} changed)" if changed else "")
    if error is not None:
        lines = error.splitlines()
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        return f"{head} failed in {took:.1f} s: {lines[0]}{more}"
    counts = []
    for severity, word in (("overset", "overset"), ("error", "error"), ("warning", "warning")):
        count = sum(f["severity"] == severity for f in found)
        plural = "s" if count != 1 and severity != "overset" else ""
        counts.append(f"{count} {word}{plural}")
    return f"{head}: {pages} page{'s' * (pages != 1)} in {took:.1f} s — {', '.join(counts)}"


@dataclass(frozen=True)
class Access:
    """Who is answered: requests addressed to `names`, and with a `token`, only those that
    carry it (in the address once, then in the `cookie`)."""
    names: tuple[str, ...]
    token: str | None = None
    cookie: str = ""

    @classmethod
    def for_host(cls, host: str | None, port: int) -> Access:
        if host is None:
            return cls(LOOPBACK_NAMES)
        return cls(LOOPBACK_NAMES + (host_name(host),), secrets.token_urlsafe(18),
                   f"broadsheet-{port}")

    def matches(self, given: str) -> bool:
        """Whether `given` is the token, in time that does not depend on where they differ."""
        return self.token is not None and hmac.compare_digest(
            given.encode("utf-8", "replace"), self.token.encode())

    def carried(self, cookie_headers: list[str]) -> bool:
        """Whether a Cookie header carries the token."""
        for header in cookie_headers:
            for part in header.split(";"):
                name, _, value = part.strip().partition("=")
                if name == self.cookie and self.matches(value):
                    return True
        return False


def host_name(header: str | None) -> str:
    """The name a request's Host header gives, without its port, lower-cased."""
    name = (header or "").strip().lower()
    if name.startswith("["):                        # [::1]:8144
        return name[:name.find("]") + 1]
    return name.rsplit(":", 1)[0]


def serve(issue_dir: Path, port: int = 8144, ready=None, host: str | None = None,
          say=None) -> None:
    """Serve the live preview on 127.0.0.1:`port` (or `host`:`port`, with a token) until
    interrupted; `ready(url)` hears where (the token in it) before the first render, `say`
    (default: print) hears a line per render."""
    if not 1 <= port <= 65535:
        raise BroadsheetError(f"{port} is not a port number", field="--port",
                              fix="give a port from 1024 to 65535 (the default is 8144)")
    access = Access.for_host(host, port)
    server = _listen(host or "127.0.0.1", port, _handler(access, issue_dir.name))
    live = LivePreview(issue_dir, say=say)
    server.live = live
    answering = threading.Thread(target=server.serve_forever, daemon=True)
    answering.start()
    try:
        if ready is not None:
            address = f"http://{host or '127.0.0.1'}:{server.server_address[1]}/"
            ready(address + (f"?token={access.token}" if access.token else ""))
        live.watch()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        live.close()


class _Server(ThreadingHTTPServer):
    live: LivePreview

    def handle_error(self, request, client_address):
        """One line, not a traceback: a browser that went away mid-answer is routine."""
        error = sys.exc_info()[1]
        print(f"broadsheet: serve: {client_address[0]}: {type(error).__name__}: {error}",
              file=sys.stderr, flush=True)


def _listen(address: str, port: int, handler) -> _Server:
    try:
        return _Server((address, port), handler)
    except OSError as error:
        raise BroadsheetError(f"cannot listen on {address}:{port} ({error.strerror})",
                              field="--port", fix="choose another port with --port") from None


def _handler(access: Access, title: str):
    page = (STATIC / "index.html").read_text(encoding="utf-8").replace(
        "{title}", html.escape(title)).encode()
    files = {"/": ("text/html; charset=utf-8", page),
             "/desk.css": ("text/css; charset=utf-8", (STATIC / "desk.css").read_bytes()),
             "/desk.js": ("text/javascript; charset=utf-8", (STATIC / "desk.js").read_bytes())}
    refused = (f"this server answers only to {', '.join(access.names)}").encode()
    no_token = ("this preview is shared with a token: open the address `broadsheet serve` "
                "printed when it started (…/?token=…)").encode()

    class Handler(BaseHTTPRequestHandler):
        timeout = IDLE_TIMEOUT

        def do_GET(self):
            url = urlsplit(self.path)
            if host_name(self.headers.get("Host")) not in access.names:
                self._send(403, "text/plain; charset=utf-8", refused)
            elif access.token is not None and not self._admitted(url):
                pass                            # answered: sent on with a cookie, or refused
            elif url.path in files:
                self._send(200, *files[url.path])
            elif url.path == "/state":
                self._send(200, "application/json; charset=utf-8",
                           json.dumps(self.server.live.state(), ensure_ascii=False).encode())
            elif url.path.startswith("/page/") and url.path.endswith(".png"):
                self._send_file(self.server.live.page(url.path[len("/page/"):-len(".png")]),
                                "image/png", "no such page")
            elif url.path == "/issue.pdf":
                pdf = self.server.live.newest_pdf()
                self._send_file(pdf, "application/pdf", "no PDF: the newest render failed",
                                {"Content-Disposition":
                                 f'attachment; filename="{pdf.name}"'} if pdf else {})
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found")

        def _admitted(self, url) -> bool:
            """Whether the request carries the token; if not, it is answered here: the
            address's token exchanged for a cookie (and dropped from the address), or a
            refusal."""
            given = parse_qs(url.query).get("token")
            if given is not None:
                if access.matches(given[0]):
                    self._send(303, "text/plain; charset=utf-8", b"", {
                        "Location": "/" + url.path.lstrip("/"),    # never //elsewhere
                        "Set-Cookie": f"{access.cookie}={access.token}; Path=/; HttpOnly; "
                                      "SameSite=Lax"})
                else:
                    self._send(403, "text/plain; charset=utf-8", b"wrong token: " + no_token)
                return False
            if access.carried(self.headers.get_all("Cookie") or []):
                return True
            self._send(401, "text/plain; charset=utf-8", no_token)
            return False

        def _send_file(self, path: Path | None, kind: str, missing: str, headers=None):
            try:
                body = path.read_bytes() if path is not None else None
            except OSError:
                body = None
            if body is None:
                self._send(404, "text/plain; charset=utf-8", missing.encode())
            else:
                self._send(200, kind, body, headers)

        def _send(self, status: int, kind: str, body: bytes, headers=None):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            for name, value in {**SECURITY_HEADERS, **(headers or {})}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):   # quiet: a request's address may carry the token
            pass

    return Handler
