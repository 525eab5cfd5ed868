"""The style's text settings as the composer reads them (see styles/duikai.toml [text])."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import BroadsheetError
from . import charclass as cc


@dataclass(frozen=True)
class TextSettings:
    """The style's text settings, resolved once (see styles/duikai.toml [text])."""
    line_break: str = "gb"          # clreq level: basic, gb, strict
    punctuation: str = "quanjiao"   # quanjiao 全角式, kaiming 开明式, banjiao 半角式
    cjk_latin_space: float = 0.0    # em between Han and Latin/digits: 0, 1/8 or 1/4
    space_em: float = 1 / 3         # natural width of a typed space (word space)
    # Texture (issue 16): spacing per gap beyond which a line is taken only when nothing else
    # fits, and what squeezing marks in mid-line costs — as much, per half em, as spacing a
    # line by this much per gap (0: squeezed as readily as the line-end mark, 先挤进 anywhere).
    max_spacing_em: float = 0.25
    squeeze_cost_em: float = 0.2

    def __post_init__(self):
        if self.line_break not in cc.LINE_BREAK_LEVELS:
            raise BroadsheetError(f"line_break must be one of {', '.join(cc.LINE_BREAK_LEVELS)}, "
                                  f"not {self.line_break!r}", field="text.line_break",
                                  fix='the mainland newspaper default is line_break = "gb"')
        if self.punctuation not in ("quanjiao", "kaiming", "banjiao"):
            raise BroadsheetError("punctuation must be quanjiao, kaiming or banjiao, "
                                  f"not {self.punctuation!r}", field="text.punctuation",
                                  fix='全角式 is punctuation = "quanjiao"')
        if self.cjk_latin_space not in (0, 0.125, 0.25):
            raise BroadsheetError("cjk_latin_space must be 0, 0.125 or 0.25 (em), "
                                  f"not {self.cjk_latin_space!r}", field="text.cjk_latin_space",
                                  fix="0 sets digits and Latin solid against Han text")
        if not isinstance(self.max_spacing_em, (int, float)) \
                or not 0.05 <= self.max_spacing_em <= 1:
            raise BroadsheetError(f"max_spacing_em must be 0.05 to 1 (em), not "
                                  f"{self.max_spacing_em!r}", field="text.max_spacing_em",
                                  fix="0.25 em keeps lines from reading as letter-spaced")
        if not isinstance(self.squeeze_cost_em, (int, float)) \
                or not 0 <= self.squeeze_cost_em <= 1:
            raise BroadsheetError(f"squeeze_cost_em must be 0 to 1 (em), not "
                                  f"{self.squeeze_cost_em!r}", field="text.squeeze_cost_em",
                                  fix="0.2 squeezes a mark in mid-line only as a last resort")
