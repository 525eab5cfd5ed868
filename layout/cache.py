"""An on-disk cache for font and photo work (metrics, subsets, press-ready photos, set
paragraphs): an optimisation only.

Entries are keyed on what they are made from — the font file's path, size and modification
time, the face, the characters, this code's version — so a changed or updated font never
meets a stale entry. Writes go to a temporary file and are renamed into place, so renders
running at the same time never read half an entry; an unreadable entry is rebuilt. Set
BROADSHEET_CACHE to move it, or BROADSHEET_NO_CACHE=1 to do without.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import fontTools

VERSION = "2"       # bump when what is cached changes shape or meaning


def cache_dir() -> Path | None:
    if os.environ.get("BROADSHEET_NO_CACHE"):
        return None
    root = os.environ.get("BROADSHEET_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "broadsheet")
    return Path(root)


def file_key(path: Path, *parts) -> str:
    """A key for work done on a file (a font, a photo): its identity plus whatever else it used."""
    info = path.stat()
    text = repr((VERSION, fontTools.version, str(path), info.st_size, info.st_mtime_ns, parts))
    return hashlib.sha1(text.encode()).hexdigest()


def cached(kind: str, key: str, make):
    """The value stored under `kind/key`, or `make()` stored there first."""
    root = cache_dir()
    if root is None:
        return make()
    path = root / kind / f"{key}.pickle"
    try:
        with open(path, "rb") as stored:
            return pickle.load(stored)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        pass
    value = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as temporary:
            pickle.dump(value, temporary, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary.name, path)
    except OSError:
        pass                                    # a read-only home: just do without
    return value


font_key = file_key     # TEMPORARY until text/compose.py is renamed
