"""`broadsheet serve` under hostile and heavy use (issue 21, finding 6): requests under a foreign
Host name (DNS rebinding), pages out of range, a folder name that is HTML, fetches while the
desk edits, a connection that sends nothing, connections dropped mid-answer, and stopping it."""
import http.client
import io
import itertools
import json
import os
import re
import shutil
import signal
import socket
import struct
import threading
import time
import urllib.error
import urllib.request

import pytest
from PIL import Image

from .harness import ROOT, start

NAME = 'a<b>&"c'        # an issue folder's name is inserted into the page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, host=None) -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def serve_first_render(issue, tmp_path, seconds: float):
    """`serve` on `issue` (its temporary files in a folder of the test's own), once its first
    render is done: (port, process, that folder)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    process = start("serve", str(issue), "--port", str(port), cache=tmp_path / "cache",
                    env={"TMPDIR": str(temporary)})
    end = time.monotonic() + seconds
    while True:
        try:
            if json.loads(get(port, "/state")[1])["version"] >= 1:
                return port, process, temporary
        except OSError:
            assert process.poll() is None and time.monotonic() < end, "serve did not start"
            time.sleep(0.2)


@pytest.fixture
def served(tmp_path):
    """A server on a copy of the small test issue, its temporary files in a folder of the
    test's own; stopped with Ctrl-C at the end (its exit, stderr and that folder checked)."""
    issue = tmp_path / NAME
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    port, process, temporary = serve_first_render(issue, tmp_path, seconds=120)
    yield issue, port, process, temporary
    if process.poll() is None:
        os.kill(process.pid, signal.SIGINT)
        process.communicate(timeout=30)


def stop(process) -> str:
    os.kill(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    return stderr


def test_only_loopback_names_are_answered_and_pages_are_in_range(served):
    issue, port, process, temporary = served
    for path in ("/", "/state", "/page/1.png"):
        assert get(port, path, host="rebound.example")[0] == 403
        assert get(port, path, host=f"rebound.example:{port}")[0] == 403
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost"):
        assert get(port, "/state", host=host)[0] == 200
    for page in ("0", "-1", "2", "+1", "1.5", "x"):
        assert get(port, f"/page/{page}.png")[0] == 404, page
    status, body = get(port, "/page/1.png")
    assert status == 200 and body.startswith(b"\x89PNG")
    status, body = get(port, "/")
    text = body.decode()
    assert 'a&lt;b&gt;&amp;&quot;c' in text and NAME not in text
    stderr = stop(process)
    assert process.returncode == 0 and stderr == ""
    assert list(temporary.iterdir()) == []      # its render folder removed


def test_under_edit_load_pages_are_whole_and_idle_or_broken_connections_cost_nothing(served):
    issue, port, process, temporary = served
    idle = socket.create_connection(("127.0.0.1", port))    # sends nothing, ever
    opened = time.monotonic()
    article = issue / "side.md"
    original = article.read_text(encoding="utf-8")
    editing = threading.Event()
    editing.set()

    def edit():
        for n in range(12):
            article.write_text(original + f"\n第{n}次修改：稿件改动后版面随之更新。\n",
                               encoding="utf-8")
            time.sleep(0.5)
        editing.clear()
    editor = threading.Thread(target=edit)
    editor.start()
    fetched = broken = 0
    for n in itertools.count():
        if not editing.is_set():
            break
        status, body = get(port, "/page/1.png")
        if status == 200:
            fetched += 1
            with Image.open(io.BytesIO(body)) as image:
                image.load()                     # a half-written PNG fails here
        if n % 5 == 0:                          # and now and then, one dropped mid-answer
            with socket.create_connection(("127.0.0.1", port)) as dropped:
                dropped.sendall(f"GET /page/1.png HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
                                .encode())
                dropped.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            broken += 1
    editor.join()
    assert fetched >= 10 and broken >= 2
    idle.settimeout(max(1.0, opened + 20 - time.monotonic()))
    assert idle.recv(1) == b""                  # the server closed it
    idle.close()
    stderr = stop(process)
    assert "Traceback" not in stderr
    assert stderr.count("\n") <= broken, stderr     # a line per broken connection at most
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_a_port_out_of_range_is_one_line(port):
    process = start("serve", "issues/3144", "--port", port)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert stderr.count("\n") == 1 and "--port" in stderr and "65535" in stderr, stderr


def raw(address, port, path, headers=None) -> tuple[int, dict, bytes]:
    """One request as sent (no redirect followed, no cookie kept): status, headers, body."""
    connection = http.client.HTTPConnection(address, port, timeout=20)
    try:
        connection.request("GET", path, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        connection.close()


def test_host_shares_with_the_token_it_prints_and_answers_no_other_name(tmp_path):
    """`--host NAME`: listens on NAME's address, answers requests for NAME that carry the
    token printed at start-up (127.0.0.2 stands for the machine's address on the office
    network), and still no other name; the token is printed once, nowhere else."""
    port = free_port()
    process = start("serve", "tests/data/vertical", "--port", str(port), "--host", "127.0.0.2",
                    cache=tmp_path / "cache", env={"TMPDIR": str(tmp_path)})
    try:
        first = process.stdout.readline()
        found = re.fullmatch(rf"serving tests/data/vertical on http://127\.0\.0\.2:{port}/"
                             r"\?token=([A-Za-z0-9_-]{24}) \(Ctrl-C stops\) — anyone with this "
                             r"address can see the pages; it changes at each start\n", first)
        assert found, first
        token = found[1]
        wrong = token[:-1] + ("A" if token[-1] != "A" else "B")     # one character off
        host = {"Host": f"127.0.0.2:{port}"}
        for headers in ({}, {"Cookie": f"broadsheet-{port}={wrong}"},
                        {"Cookie": f"broadsheet-{port + 1}={token}"}, {"Host": "localhost"}):
            for path in ("/", "/state", "/page/1.png", "/issue.pdf", "/desk.js"):
                status, _, body = raw("127.0.0.2", port, path, {**host, **headers})
                assert status == 401 and token.encode() not in body, (path, headers)
        assert raw("127.0.0.2", port, f"/state?token={wrong}", host)[0] == 403
        # The address's token is exchanged for a cookie and dropped from the address.
        status, headers, _ = raw("127.0.0.2", port, f"/?token={token}", host)
        assert status == 303 and headers["Location"] == "/"
        assert headers["Set-Cookie"] == \
            f"broadsheet-{port}={token}; Path=/; HttpOnly; SameSite=Lax"
        elsewhere = raw("127.0.0.2", port, f"//elsewhere.example/?token={token}", host)
        assert re.fullmatch(r"/[^/].*", elsewhere[1]["Location"])     # this server, always
        cookie = {**host, "Cookie": f"other=1; broadsheet-{port}={token}"}
        end = time.monotonic() + 120
        while not json.loads(raw("127.0.0.2", port, "/state", cookie)[2])["checked"]:
            assert time.monotonic() < end
            time.sleep(0.3)
        for path, kind in (("/", "text/html"), ("/page/1.png", "image/png"),
                           ("/issue.pdf", "application/pdf")):
            status, headers, body = raw("127.0.0.2", port, path, cookie)
            assert status == 200 and headers["Content-Type"].startswith(kind), path
            assert headers["Referrer-Policy"] == "no-referrer" and \
                "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            assert token.encode() not in body
        rebound = {**cookie, "Host": "rebound.example"}
        assert raw("127.0.0.2", port, "/state", rebound)[0] == 403      # the token is no Host
    finally:
        os.kill(process.pid, signal.SIGINT)
        rest, stderr = process.communicate(timeout=30)
    assert process.returncode == 0 and stderr == ""
    assert re.fullmatch(r"(\d\d:\d\d:\d\d  render \d+: .*\n)+", rest), rest
    assert token not in rest                                  # printed once, at start-up


def test_ctrl_c_after_the_make_up_still_stops_it_cleanly(issue, tmp_path):
    """The make-up engine's solver (CP-SAT) handles Ctrl-C itself unless told not to, and
    leaves SIGINT at the default behind it: Ctrl-C then killed the server outright, its
    render folder left behind. The sample, its places removed, is made up by the engine."""
    toml = issue / "issue.toml"
    toml.write_text(re.sub(r"(?m)^place = .*\n", "", toml.read_text(encoding="utf-8")),
                    encoding="utf-8")
    port, process, temporary = serve_first_render(issue, tmp_path, seconds=300)
    stderr = stop(process)
    assert process.returncode == 0 and stderr == ""
    assert list(temporary.glob("broadsheet-*")) == []     # (jieba keeps its dictionary there)
