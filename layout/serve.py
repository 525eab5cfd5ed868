"""A live preview for the desk: a local web page of the issue's pages that re-renders on edits.

The server listens on the loopback address only (or on `host` when given) and answers only
requests addressed to those names: a web page elsewhere cannot read the pages by pointing a
name of its own at this machine (DNS rebinding). A watcher looks at the issue's files (the
manifest, articles, photos) and the style every half second; when anything changes it renders
again, each page image replaced whole, so a fetch never gets half a page. The page asks for
the state every second and swaps the images in when a new render is there — or shows the
render's error in their place, so nobody proofs a stale page. A connection idle for
IDLE_TIMEOUT is closed; one that breaks is one line in the log; the render folder goes when
the server stops.
"""
from __future__ import annotations

import html
import json
import shutil
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import BroadsheetError
from .manifest import load_issue
from .render import render
from .session import Session
from .style import STYLES_DIR

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Broadsheet — {title}</title>
<style>
body {{ margin: 0; background: #ddd; font-family: "Noto Sans CJK SC", sans-serif }}
header {{ padding: 8px 16px; background: #222; color: #eee; font-size: 14px }}
#pages {{ display: flex; flex-wrap: wrap; gap: 16px; padding: 16px }}
#pages img {{ width: 560px; box-shadow: 0 1px 4px #0006; background: #fff }}
#error {{ margin: 16px; padding: 12px 16px; background: #fee; border: 2px solid #c00;
          color: #900; white-space: pre-wrap; font-size: 15px }}
</style></head><body>
<header>{title} · <span id="status">…</span></header>
<div id="error" hidden></div><div id="pages"></div>
<script>
let shown = -1;
async function poll() {{
  try {{
    const state = await (await fetch("/state")).json();
    if (state.version !== shown) {{
      shown = state.version;
      const error = document.getElementById("error"), pages = document.getElementById("pages");
      document.getElementById("status").textContent =
        state.error ? "render failed" : "render " + state.version + ", " + state.rendered;
      if (state.error) {{
        error.textContent = state.error; error.hidden = false; pages.innerHTML = "";
      }} else {{
        error.hidden = true;
        pages.innerHTML = state.pages.map(
          (n) => `<img alt="第${{n}}版" src="/page/${{n}}.png?v=${{state.version}}">`).join("");
      }}
    }}
  }} catch (e) {{ document.getElementById("status").textContent = "server gone"; }}
  setTimeout(poll, 1000);
}}
poll();
</script></body></html>
"""


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
IDLE_TIMEOUT = 10       # seconds a connection may send nothing before it is closed


class LivePreview:
    """Renders the issue when its sources change; holds the newest pages or the error."""

    def __init__(self, issue_dir: Path, dpi: int = 60):
        self.issue_dir = issue_dir
        self.dpi = dpi
        self.out = Path(tempfile.mkdtemp(prefix="broadsheet-serve-"))
        self.version = 0
        self.error: str | None = None
        self.pages: list[Path] = []
        self.rendered = ""
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
        """Render again if a source changed since the last look; True if it did."""
        seen = self.fingerprint()
        if seen == self._seen:
            return False
        self._seen = seen
        try:
            number = load_issue(self.issue_dir).number
            # One process: the server's threads make forking workers unsafe, and after the
            # first render an edit leaves a paragraph or two to set, not worth a process.
            result = render(self.issue_dir, self.out / f"{number}.pdf", self.out, dpi=self.dpi,
                            previous_keys=self._keys, jobs=1, session=self.session)
            pages, error, self._keys = result.previews, None, result.page_keys
        except BroadsheetError as failure:
            pages, error = [], str(failure)
        except Exception as failure:     # a bug of ours: show it rather than a stale page
            pages, error = [], f"internal error: {type(failure).__name__}: {failure}"
        with self.lock:
            self.pages, self.error = pages, error
            self.version += 1
            self.rendered = time.strftime("%H:%M:%S")
        return True

    def state(self) -> dict:
        with self.lock:
            return {"version": self.version, "error": self.error, "rendered": self.rendered,
                    "pages": list(range(1, len(self.pages) + 1))}

    def page(self, text: str) -> Path | None:
        """The image of page `text` ("1", "2", …) of the newest render, if there is one."""
        with self.lock:
            pages = list(self.pages)
        if not text.isdigit() or not 1 <= int(text) <= len(pages):
            return None
        return pages[int(text) - 1]

    def watch(self, stop: threading.Event, interval: float = 0.5) -> None:
        while not stop.is_set():
            self.refresh()
            stop.wait(interval)

    def close(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)


def host_name(header: str | None) -> str:
    """The name a request's Host header gives, without its port, lower-cased."""
    name = (header or "").strip().lower()
    if name.startswith("["):                        # [::1]:8144
        return name[:name.find("]") + 1]
    return name.rsplit(":", 1)[0]


def serve(issue_dir: Path, port: int = 8144, ready=None, host: str | None = None) -> None:
    """Serve the live preview on 127.0.0.1:`port` (or `host`:`port`) until interrupted;
    `ready(url)` hears where once the first render is done."""
    if not 1 <= port <= 65535:
        raise BroadsheetError(f"{port} is not a port number", field="--port",
                              fix="give a port from 1024 to 65535 (the default is 8144)")
    names = LOOPBACK_NAMES + ((host_name(host),) if host else ())
    server = _listen(host or "127.0.0.1", port, _handler(names))
    live = LivePreview(issue_dir)
    server.live = live
    stop = threading.Event()
    watcher = threading.Thread(target=live.watch, args=(stop,), daemon=True)
    try:
        live.refresh()
        watcher.start()
        if ready is not None:
            ready(f"http://{host or '127.0.0.1'}:{server.server_address[1]}/")
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        if watcher.is_alive():
            watcher.join(timeout=5)     # a render under way writes into the folder
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


def _handler(names: tuple[str, ...]):
    class Handler(BaseHTTPRequestHandler):
        timeout = IDLE_TIMEOUT

        def do_GET(self):
            live = self.server.live
            path = self.path.split("?", 1)[0]
            if host_name(self.headers.get("Host")) not in names:
                self._send(403, "text/plain", b"this server answers only to "
                           + ", ".join(names).encode())
            elif path == "/":
                title = html.escape(live.issue_dir.name)
                self._send(200, "text/html; charset=utf-8", PAGE.format(title=title).encode())
            elif path == "/state":
                self._send(200, "application/json", json.dumps(live.state()).encode())
            elif path.startswith("/page/") and path.endswith(".png"):
                image = live.page(path[len("/page/"):-len(".png")])
                try:
                    body = image.read_bytes() if image is not None else None
                except OSError:
                    body = None
                if body is None:
                    self._send(404, "text/plain", b"no such page")
                else:
                    self._send(200, "image/png", body)
            else:
                self._send(404, "text/plain", b"not found")

        def _send(self, status: int, kind: str, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):   # quiet: the desk watches the page, not the log
            pass

    return Handler
