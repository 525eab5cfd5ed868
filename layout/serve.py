"""A live preview for the desk: a local web page of the issue's pages that re-renders on edits.

The server listens on the loopback address only. A watcher looks at the issue's files (the
manifest, articles, photos) and the style every half second; when anything changes it renders
again. The page asks for the state every second and swaps the images in when a new render is
there — or shows the render's error in their place, so nobody proofs a stale page.
"""
from __future__ import annotations

import json
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import BroadsheetError
from .manifest import load_issue
from .render import render
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
                            previous_keys=self._keys, jobs=1)
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

    def watch(self, stop: threading.Event, interval: float = 0.5) -> None:
        while not stop.is_set():
            self.refresh()
            stop.wait(interval)


def serve(issue_dir: Path, port: int = 8144, ready=None) -> None:
    """Serve the live preview on 127.0.0.1:`port` until interrupted."""
    live = LivePreview(issue_dir)
    live.refresh()
    title = issue_dir.name

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/":
                self._send(200, "text/html; charset=utf-8", PAGE.format(title=title).encode())
            elif path == "/state":
                self._send(200, "application/json", json.dumps(live.state()).encode())
            elif path.startswith("/page/") and path.endswith(".png"):
                with live.lock:
                    pages = list(live.pages)
                try:
                    image = pages[int(path[len("/page/"):-len(".png")]) - 1]
                    self._send(200, "image/png", image.read_bytes())
                except (ValueError, IndexError, OSError):
                    self._send(404, "text/plain", b"no such page")
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

    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError as error:
        raise BroadsheetError(f"cannot listen on 127.0.0.1:{port} ({error.strerror})",
                              field="--port", fix="choose another port with --port") from None
    stop = threading.Event()
    watcher = threading.Thread(target=live.watch, args=(stop,), daemon=True)
    watcher.start()
    if ready is not None:
        ready(server.server_address[1])
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
