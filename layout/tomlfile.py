"""Reading a TOML file an editor or a designer wrote: every way it can be unreadable is one
`BroadsheetError` naming the file (never a traceback)."""
from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import BroadsheetError


def load_toml(path: Path) -> dict:
    """The TOML table of `path` (UTF-8, a byte-order mark allowed)."""
    file = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BroadsheetError(f"not UTF-8 text ({error.reason} at byte {error.start})",
                              file=file, fix="save the file as UTF-8") from None
    except OSError as error:
        raise BroadsheetError(f"cannot read the file ({error.strerror})", file=file,
                              fix="check that it exists and can be read") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BroadsheetError(f"not valid TOML: {error}", file=file,
                              fix="correct the TOML syntax at that line and column") from None
    except RecursionError:
        raise BroadsheetError("not valid TOML: tables or lists nested too deeply", file=file,
                              fix="write the settings as plain tables, nested a few levels "
                                  "at most") from None
    except ValueError:                  # an integer of thousands of digits
        raise BroadsheetError("not valid TOML: a number of thousands of digits", file=file,
                              fix="write numbers of a sensible size") from None
