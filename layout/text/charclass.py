"""Character classes of Chinese text layout (clreq; GB/T 15834-2011), as named data.

The sets follow ../reference/cjk-typesetting.md §1–2. A mark's *blank half* is the part of its
full-width cell that holds no ink: closing marks and pauses are inked on the left, so their
right half is blank; opening marks are inked on the right.
"""
import re
import unicodedata

# Opening brackets and quotes: never end a line; ink on the right half of the cell.
OPENING = frozenset("“‘「『（《〈【〖〔［｛")
# Closing brackets and quotes: never start a line; ink on the left half.
CLOSING = frozenset("”’」』）》〉】〗〕］｝")
# Pause and stop marks: never start a line; ink on the left half.
PAUSES = frozenset("，、；：")
STOPS = frozenset("。？！．")
# Centred marks: a quarter em of blank on each side.
MIDDLE_DOTS = frozenset("·・")
# Full-width marks of Chinese text (GB/T 15834), including the dash and ellipsis.
CHINESE_MARKS = OPENING | CLOSING | PAUSES | STOPS | MIDDLE_DOTS | frozenset("—…⋯～")
# Punctuation used in Chinese text that Unicode gives ambiguous width: “ ” ‘ ’ — … · and kin.
CJK_PUNCTUATION = frozenset("“”‘’—–…·•‧")

# Never at line start (basic level). ASCII marks count too when they occur in Chinese text.
NO_START_BASIC = CLOSING | PAUSES | STOPS | MIDDLE_DOTS | frozenset("‼⁇⁈⁉–—～／,.;:?!)]}%‰")
# Never at line end (basic level).
NO_END_BASIC = OPENING | frozenset("([{")
# GB-style adds: a solidus never ends a line.
NO_END_GB = NO_END_BASIC | frozenset("／/")
# Strict adds: two-em dashes and ellipses never start a line (they are atoms, see below).
NO_START_STRICT_ATOMS = ("——", "⸺", "……", "⋯⋯")

LINE_BREAK_LEVELS = ("basic", "gb", "strict")

# Fixed-width runs that are never split, compressed or expanded inside.
DASH = "—"
ELLIPSES = "…⋯"

# Characters that make up Latin words, numbers, URLs and e-mail addresses (one unbreakable run).
LATIN_WORD_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# Joiners kept inside a run when a word character follows: 1164.4, 0354-3111178, www.a.com.
LATIN_JOINERS = frozenset(".-/@:_,'&+=?#~")
# Attached after a number: 49%, 5‰, 0℃.
NUMBER_SUFFIXES = frozenset("%‰℃℉")
# Attached before a number: ¥120.
CURRENCY_PREFIXES = frozenset("¥$€£￥＄₩₹₽")
# Attached before Latin letters: *ST, the exchanges' risk-warning prefix of a stock's name.
LETTER_PREFIXES = frozenset("*")
# A number's sign: a minus (hyphen-minus, U+2212, full-width) or plus right before its digits
# where no word precedes — -2.06亿元 is a negative number, not a dash.
NUMBER_SIGNS = frozenset("-−－+")

# A number and its unit never part across lines (issue 16): unit signs (33℃, 90°, 5%, 3‰,
# ㎡ and the other squared units), Latin units (5 km, 20kg) and 万/亿 with the unit after them
# (1164.4亿元, 3万平方米). Breaks inside a match are not allowed.
UNIT_SIGNS = "%‰％℃℉°′″\u3380-\u33df"
LATIN_UNITS = ("km", "kg", "mg", "cm", "mm", "m", "g", "t", "kW", "kWh", "MW", "GW", "GB",
               "MB", "TB", "Hz", "GHz", "ml", "mL", "L", "h", "min", "s")
UNIT_WORDS = ("平方公里", "平方米", "立方米", "千瓦时", "千瓦", "千米", "千克", "公里", "公斤",
              "公顷", "美元", "港元", "欧元", "日元", "英镑", "卢布", "韩元", "人民币", "元",
              "吨", "人次", "人", "户", "亩", "辆", "台", "件", "个", "家", "项", "套", "只",
              "头", "股", "千瓦", "度", "米", "克", "斤", "升", "次")
MAGNITUDES = "万亿"
NUMBER_WITH_UNIT = re.compile(
    "[-−－+]?[¥$€£￥＄₩₹₽]?[0-9][0-9.,]*(?:"
    f"[{UNIT_SIGNS}]+[CF]?"
    f"|[ \u00a0]?(?:{'|'.join(sorted(LATIN_UNITS, key=len, reverse=True))})(?![A-Za-z])"
    f"|[十百千]?[{MAGNITUDES}]+(?:{'|'.join(UNIT_WORDS)})?)")


def is_han_like(char: str) -> bool:
    """A character set on the ideographic grid (Han, kana, Hangul, full-width forms)."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x20000 <= code <= 0x3FFFF or 0xAC00 <= code <= 0xD7AF)


def is_han(char: str | None) -> bool:
    """A Han ideograph (CJK unified ideographs, their extensions, compatibility ideographs)
    or 〇: what a reader counts as a Chinese character."""
    if not char:
        return False
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF or code == 0x3007)


def is_han_letter(char: str) -> bool:
    """A Han (kana, Hangul) character proper, on the ideographic grid: not a full-width mark
    such as ， ． ／ — ％ that the grid also holds."""
    return is_han_like(char) and char.isalnum()


def is_chinese(char: str | None) -> bool:
    """A Han character or a full-width Chinese punctuation mark (dash and ellipsis included)."""
    return char is not None and (is_han(char) or char in CHINESE_MARKS)


def is_cjk(char: str) -> bool:
    """Han, kana, hangul, CJK and full-width punctuation: no space is needed beside them
    (the manifest joins a paragraph's lines with none)."""
    return unicodedata.east_asian_width(char) in ("W", "F") or char in CJK_PUNCTUATION


def is_latin_word_char(char: str) -> bool:
    """A character of a Latin word or number: ASCII letters and digits, and any other letter
    or combining mark off the ideographic grid (pinyin Jìnzhōng, Müller, α), so that such a
    word is never split either."""
    return char in LATIN_WORD_CHARS or (
        not is_han_like(char) and unicodedata.category(char)[0] in "LM")


def blank_halves(char: str) -> tuple[float, float]:
    """(left, right) blank space in em inside a full-width mark's cell."""
    if char in OPENING:
        return 0.5, 0.0
    if char in CLOSING or char in PAUSES or char in STOPS:
        return 0.0, 0.5
    if char in MIDDLE_DOTS:
        return 0.25, 0.25
    return 0.0, 0.0
