"""Where a Latin run — a word, number, URL or e-mail address, one atom of the composer — may
break inside, as such runs are broken by hand (Chicago Manual of Style 6.8, UAX #14).

A number never breaks, with or without its separators (GB/T 15835: 4,088.00, 1164.4, a phone
number such as 0354-3111178). A run wider than the measure must break somewhere, or it would
run into the next column: it breaks at every URL break point below (an address also between
its letters and digits, where a video's id runs wider than a column with none). A run that
fits breaks only where breaking is ordinary, and only in justified text (a byline's or a
credit's Latin name never breaks): a URL or an e-mail address at its URL break points, any other word after
a hyphen between two letters (TSMM-|LIBS). The composer charges each such break
(`break_demerits`), so that it is taken only to spare a paragraph a line spaced out before a
run that would not fit on it.
"""
from __future__ import annotations

# The kind of the composer's atom that holds the rest of a Latin run broken inside: it is set
# against the piece before it on the same line as letters of one word are (letter-spaced by
# the composer's LATIN_GAP, no word gap).
PIECE = "piece"

# What a line ending after a hyphen costs, as TeX's \exhyphenpenalty (50) adds 50² demerits:
# more than a line a little loose, far less than one spaced out past the style's limit.
HYPHEN_BREAK_DEMERITS = 50 ** 2
# A URL or an e-mail address that fits is kept whole (clreq practice) unless that leaves a
# line spaced beyond the style's limit, which costs 100 times its badness (over 1.2e6).
ADDRESS_BREAK_DEMERITS = 1e6


def break_demerits(text: str, overlong: bool) -> float:
    """What a line ending inside the run `text` costs (nothing when it must break)."""
    if overlong:
        return 0.0
    return ADDRESS_BREAK_DEMERITS if is_address(text) else HYPHEN_BREAK_DEMERITS


def is_address(text: str) -> bool:
    """Whether a run is a URL or an e-mail address (http://…, www.…, a/b.html, 968111@x.com)."""
    return "/" in text or "@" in text or text.lower().startswith("www.")


def run_breaks(text: str, overlong: bool) -> list[int]:
    """Offsets k (0 < k < len(text)) where a line may end before text[k]; `overlong` when the
    run is wider than the measure."""
    if overlong and is_address(text):     # an address too long for any line: at its
        # break points, and between its letters and digits (a video's id in a URL,
        # VIDE3TJLM4dOA0SQ…, has no break point but is wider than a column)
        return [k for k in range(1, len(text)) if _url_break(text, k) or _id_break(text, k)]
    if overlong or is_address(text):
        return [k for k in range(1, len(text)) if _url_break(text, k)]
    return [k for k in range(2, len(text) - 1)
            if text[k - 1] == "-" and text[k - 2].isalpha() and text[k].isalpha()]


def _url_break(text: str, k: int) -> bool:
    """After ? = & (a query's parts), after . or - not before a digit (3.14 and -5 stay
    whole), before a / that is not the second of // (a solidus may not end a line at the GB
    level), before the @ of an e-mail address."""
    before, after = text[k - 1], text[k]
    return (before in "?=&" or (before in ".-" and not after.isdigit())
            or (after == "/" and before != "/") or after == "@")


def _id_break(text: str, k: int) -> bool:
    """Between a letter and a digit, either way round (VIDE3|TJLM4|dOA0|SQ…)."""
    before, after = text[k - 1], text[k]
    return before.isalnum() and after.isalnum() and before.isdigit() != after.isdigit()


def run_break_demerits(atoms: list, measure: float) -> dict[int, float]:
    """{k: what a line ending before atoms[k] costs} for each piece of a broken Latin run
    (the composer's atoms, widths in em, as the measure)."""
    costs = {}
    for k, atom in enumerate(atoms):
        if atom.kind == PIECE:
            first = k - 1
            while atoms[first].kind == PIECE:
                first -= 1
            last = k + 1
            while last < len(atoms) and atoms[last].kind == PIECE:
                last += 1
            run = atoms[first:last]
            costs[k] = break_demerits("".join(a.text for a in run),
                                      sum(a.width for a in run) > measure + 1e-9)
    return costs
