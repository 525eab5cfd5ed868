"""`broadsheet serve` under hostile and heavy use (issue 21, finding 6): requests under a foreign
Host name (DNS rebinding), pages out of range, a folder name that is HTML, fetches while the
desk edits, a connection that sends nothing, connections dropped mid-answer, and stopping it."""
import io
import itertools
import json
import os
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


@pytest.fixture
def served(tmp_path):
    """A server on a copy of the small test issue, its temporary files in a folder of the
    test's own; stopped with Ctrl-C at the end (its exit, stderr and that folder checked)."""
    issue = tmp_path / NAME
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    process = start("serve", str(issue), "--port", str(port), cache=tmp_path / "cache",
                    env={"TMPDIR": str(temporary)})
    end = time.monotonic() + 120
    while True:
        try:
            if json.loads(get(port, "/state")[1])["version"] >= 1:
                break
        except OSError:
            assert process.poll() is None and time.monotonic() < end, "serve did not start"
            time.sleep(0.2)
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


def test_host_names_the_one_other_name_it_answers_to(tmp_path):
    """`--host NAME`: listens on NAME's address, answers requests for NAME, and still no
    other name (127.0.0.2 stands for the machine's address on the office network)."""
    port = free_port()
    process = start("serve", "tests/data/vertical", "--port", str(port), "--host", "127.0.0.2",
                    cache=tmp_path / "cache", env={"TMPDIR": str(tmp_path)})
    try:
        assert process.stdout.readline() == \
            f"serving tests/data/vertical on http://127.0.0.2:{port}/ (Ctrl-C stops)\n"
        with urllib.request.urlopen(f"http://127.0.0.2:{port}/state", timeout=20) as answer:
            assert answer.status == 200
        request = urllib.request.Request(f"http://127.0.0.2:{port}/state",
                                          headers={"Host": "rebound.example"})
        with pytest.raises(urllib.error.HTTPError, match="403"):
            urllib.request.urlopen(request, timeout=20)
    finally:
        assert stop(process) == ""
