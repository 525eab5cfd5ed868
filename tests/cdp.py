"""Headless Chromium driven over the Chrome DevTools Protocol, for tests that click: open a
page, run a script in it, click at a point as a mouse does, wait for the page it leads to."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

CHROMIUM = shutil.which("chromium")


class Chromium:
    """One headless browser with one tab; use as a context manager."""

    def __init__(self, width: int = 1400, height: int = 2200):
        self.profile = tempfile.TemporaryDirectory()
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0",
             "--remote-allow-origins=*", f"--user-data-dir={self.profile.name}",
             f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port = self._port(Path(self.profile.name) / "DevToolsActivePort")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            tab = next(t for t in json.loads(answer.read()) if t["type"] == "page")
        self.socket = websocket.create_connection(tab["webSocketDebuggerUrl"], timeout=30)
        self.sent = 0
        self.events: list[dict] = []
        self.call("Page.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.socket.close()
        # the browser's helper processes too (its own session): they write into the profile
        # a moment after the browser itself has gone
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:      # gone already
            pass
        self.process.wait(timeout=10)
        for _ in range(50):
            try:
                self.profile.cleanup()
                return
            except OSError:             # a helper still finishing a write
                time.sleep(0.1)
        self.profile.cleanup()

    def _port(self, file: Path, timeout: float = 30) -> int:
        end = time.time() + timeout
        while time.time() < end:
            if file.is_file() and file.read_text().strip():
                return int(file.read_text().split()[0])
            time.sleep(0.1)
        raise AssertionError("Chromium did not open its DevTools port")

    def call(self, method: str, **params) -> dict:
        self.sent += 1
        self.socket.send(json.dumps({"id": self.sent, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.sent:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def _wait_for_load(self, timeout: float = 30) -> None:
        end = time.time() + timeout
        while time.time() < end:
            if any(e.get("method") == "Page.loadEventFired" for e in self.events):
                self.events.clear()
                return
            self.events.append(json.loads(self.socket.recv()))
        raise AssertionError("the page did not load")

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", url=url)
        self._wait_for_load()

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float, navigates: bool = True) -> None:
        """A left click at (x, y) CSS pixels of the viewport; waits for the page it opens
        (unless it `navigates` not: a script answers it in the same page)."""
        self.events.clear()
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            moved = kind == "mouseMoved"
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y,
                      button="none" if moved else "left", clickCount=0 if moved else 1)
        if navigates:
            self._wait_for_load()

    def screenshot(self, path: Path) -> None:
        import base64
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot")["data"]))
