"""The font cache is an optimisation, never a dependency: cold and warm renders are identical."""
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render(out: Path, cache: Path | None) -> bytes:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1704470400")      # fixed dates and IDs
    env.pop("BROADSHEET_NO_CACHE", None)
    if cache is None:
        env["BROADSHEET_NO_CACHE"] = "1"
    else:
        env["BROADSHEET_CACHE"] = str(cache)
    done = subprocess.run([sys.executable, "-m", "layout.cli", "render", "issues/3144", "-o",
                           str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def test_cold_warm_and_uncached_renders_are_byte_identical(tmp_path):
    cache = tmp_path / "cache"
    cold = render(tmp_path / "cold.pdf", cache)
    assert any(cache.rglob("*.pickle"))                          # the cold render filled it
    warm = render(tmp_path / "warm.pdf", cache)
    none = render(tmp_path / "none.pdf", None)
    assert hashlib.sha1(cold).digest() == hashlib.sha1(warm).digest() == hashlib.sha1(none).digest()


def test_a_damaged_cache_entry_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    good = render(tmp_path / "a.pdf", cache)
    for entry in cache.rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert render(tmp_path / "b.pdf", cache) == good
