"""Where the commands write, decided once and before any work: a user's `-o` means what it
looks like, and nothing is written where the user did not ask.

- `-o DIR/` (a trailing slash) or `-o DIR` naming an existing folder means "in that folder",
  under the issue's own name (`DIR/<number>.pdf`); anything else is the file itself.
- `render --preview` and `preview` both default to `out/<number>-preview`.
- `check` and `quality` render into a temporary folder that goes when they finish.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..errors import BroadsheetError

OUT = Path("out")


def pdf_output(given: str | None, number: int) -> Path:
    """The PDF `-o given` asks for (default `out/<number>.pdf`), checked writable."""
    if given is None:
        path = OUT / f"{number}.pdf"
    elif given.endswith(("/", os.sep)) or Path(given).is_dir():
        path = Path(given) / f"{number}.pdf"
    else:
        path = Path(given)
    if path.is_dir():
        raise BroadsheetError("is a folder, not a file", file=str(path), field="-o",
                              fix=f"give a file name, or {given.rstrip('/')}/ to write "
                                  f"{number}.pdf inside it")
    _check_writable(path.parent, "-o")
    return path


def preview_dir(given: str | Path | None, number: int, option: str = "--preview") -> Path:
    """The folder previews go to (default `out/<number>-preview`), checked writable."""
    path = Path(given) if given else OUT / f"{number}-preview"
    if path.exists() and not path.is_dir():
        raise BroadsheetError("is a file, not a folder", file=str(path), field=option,
                              fix="give a folder for the page previews")
    _check_writable(path, option)
    return path


@contextlib.contextmanager
def scratch_pdf(number: int):
    """A PDF path in a temporary folder, removed with everything in it afterwards: for the
    commands that render only to look at the result."""
    with tempfile.TemporaryDirectory(prefix="broadsheet-") as folder:
        yield Path(folder) / f"{number}.pdf"


def _check_writable(folder: Path, option: str) -> None:
    """The nearest existing folder on the way to `folder` must be writable (it is created)."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise BroadsheetError(f"cannot make a folder under {existing}: it is a file",
                              file=str(folder), field=option, fix="give another folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise BroadsheetError(f"cannot write in {existing} (permission denied)",
                              file=str(folder), field=option,
                              fix="give a folder you can write to")
