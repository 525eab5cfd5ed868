"""What an editor may type into the text of an issue: checks shared by the manifest's readers.

Tabs and control characters are refused; so is right-to-left text (Hebrew, Arabic), which
the composer, setting every line left to right, would print backwards.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import BroadsheetError


def check_typed(text: str, file: str, where: str) -> None:
    """Refuse what cannot be set: tabs, control characters, right-to-left text."""
    for char in text:
        if char == "\t":
            raise BroadsheetError("the text contains a tab character", file=file, field=where,
                                  fix="replace the tab with a space, or remove it")
        if unicodedata.category(char) == "Cc":
            raise BroadsheetError(f"the text contains the control character U+{ord(char):04X}",
                                  file=file, field=where, fix="delete it")
    if _IN_RIGHT_TO_LEFT_BLOCKS.search(text) and (rtl := _RIGHT_TO_LEFT.search(text)):
        raise BroadsheetError(
            f"right-to-left text {rtl[0]!r} (Hebrew, Arabic …): the composer sets lines left "
            "to right only and would print it backwards", file=file, field=where,
            fix="give it in Chinese or in Latin transliteration, or set it as a picture")


def _right_to_left_pattern() -> re.Pattern:
    """Runs of characters of the right-to-left bidi classes (R, AL) and the controls that
    make text run right to left (RLM, ALM, RLE, RLO, RLI), spaces and marks between them."""
    rtl = "".join(chr(c) for start, end in _RIGHT_TO_LEFT_BLOCKS for c in range(start, end)
                  if unicodedata.bidirectional(chr(c)) in ("R", "AL"))
    rtl += "\u200f\u061c\u202b\u202e\u2067"
    chars = re.escape(rtl)
    return re.compile(f"[{chars}](?:[{chars}\\s\\u0300-\\u036f\\u064b-\\u065f]*[{chars}])?")


# The blocks that hold every right-to-left character (Hebrew to Arabic Extended, the
# presentation forms, and the historic scripts of the SMP).
_RIGHT_TO_LEFT_BLOCKS = ((0x0590, 0x0900), (0xFB1D, 0xFE00), (0xFE70, 0xFF00),
                         (0x10800, 0x11000), (0x1E800, 0x1F000))
_RIGHT_TO_LEFT = _right_to_left_pattern()
# Any character of those blocks or a right-to-left control: asked first, as the exact
# pattern (thousands of characters past U+FFFF, which `re` tries one by one) takes 50 times as
# long over text without any (0.6 s over an eight-page issue).
_IN_RIGHT_TO_LEFT_BLOCKS = re.compile("[{}\u200f\u061c\u202b\u202e\u2067]".format(
    "".join(f"{chr(start)}-{chr(end - 1)}" for start, end in _RIGHT_TO_LEFT_BLOCKS)))


def visible(text: str) -> bool:
    """Whether `text` has a character that prints (not only spaces, zero-width spaces and joiners,
    or other format characters)."""
    return any(not char.isspace() and unicodedata.category(char) not in ("Cf", "Mn", "Me")
               for char in text)


# The most a newspaper has of each (the style's bounds, see style.BOUNDS, agree).
MOST = {"number": (999_999, "issue numbers run to six digits"),
        "column": (20, "a page has at most 20 basic columns"),
        "columns": (20, "a page has at most 20 basic columns"),
        "text_columns": (20, "a module has at most 20 columns of text"),
        "line": (500, "a page has at most 500 grid lines"),
        "lines": (500, "a page has at most 500 grid lines")}
