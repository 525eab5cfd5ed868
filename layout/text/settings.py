"""The style's text settings as the composer reads them (see styles/duikai.toml [text])."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextSettings:
    """The style's text settings, resolved once (see styles/duikai.toml [text]) and checked
    by the style's loader (`layout/style/loader.py`)."""
    line_break: str = "gb"          # clreq level: basic, gb, strict
    punctuation: str = "quanjiao"   # quanjiao 全角式, kaiming 开明式, banjiao 半角式
    cjk_latin_space: float = 0.0    # em between Han and Latin/digits: 0, 1/8 or 1/4
    space_em: float = 1 / 3         # natural width of a typed space (word space)
    # Texture (issue 16): spacing per gap beyond which a line is taken only when nothing else
    # fits, and what squeezing marks in mid-line costs — as much, per half em, as spacing a
    # line by this much per gap (0: squeezed as readily as the line-end mark, 先挤进 anywhere).
    max_spacing_em: float = 0.25
    squeeze_cost_em: float = 0.2
    # The last resort before a line beyond max_spacing_em (紧排): a line too long once every
    # mark is squeezed may be set this much tighter a gap (0: never), costing more than any
    # line within max_spacing_em.
    tighten_em: float = 0.05
