"""Fonts: finding faces by role, metrics, fallback, vertical forms, and the subsets a PDF embeds."""
import io
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont

from layout.errors import BroadsheetError
from layout.fonts import embeddable_subsets, face_object, load_font_book
from layout.text import charclass


@pytest.fixture(scope="module")
def book():
    return load_font_book({"body": "serif", "kai": "kai", "headline": "sans-heavy"})


def test_collection_face_is_chosen_by_family(book):
    face = book.face("body")
    assert face.path.name == "NotoSerifCJK-Regular.ttc"
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    assert font["name"].getDebugName(1) == "Noto Serif CJK SC"


def test_metrics_in_em(book):
    metrics = book.metrics(book.face("body"))
    assert metrics.advance("中") == 1.0
    assert metrics.advance("，") == 1.0
    assert 0.3 < metrics.advance("1") < 0.7              # proportional digits
    assert metrics.advance("—") == 1.0                    # the full-width (fwid) dash
    assert (metrics.ascent, metrics.descent) == (0.88, -0.12)


def test_missing_font_names_the_package(tmp_path):
    fonts_toml = tmp_path / "fonts.toml"
    fonts_toml.write_text('[serif]\nfiles = ["/nonexistent/Font.ttc"]\npackage = "fonts-noto-cjk"\n')
    with pytest.raises(BroadsheetError) as caught:
        load_font_book({"body": "serif"}, fonts_toml)
    message = str(caught.value)
    assert "fonts.body" in message and "apt-get install fonts-noto-cjk" in message


def test_unknown_font_entry_lists_the_known_ones(tmp_path):
    with pytest.raises(BroadsheetError, match="use one of the entries"):
        load_font_book({"body": "no-such-font"})


def test_missing_character_falls_back_and_is_recorded(book):
    kai = book.metrics(book.face("kai"))
    serif = book.metrics(book.face("body"))
    missing = next(char for char in serif.characters()
                   if charclass.is_han_like(char) and not kai.has(char))
    face = book.face_for("kai", missing)
    assert face != book.face("kai") and book.metrics(face).has(missing)
    assert book.substitutions[("kai", missing)] == face


def test_character_no_font_has_is_an_error(book):
    with pytest.raises(BroadsheetError, match=r"U\+E000"):
        book.face_for("body", "\ue000")                   # private use: in no installed font


def _cff(program: bytes):
    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(program), None)
    return fonts[fonts.fontNames[0]]


def test_a_cff_face_is_embedded_as_cff_with_cids_numbering_the_glyphs(book):
    face = book.face("body")
    chars = set("锚定目标，“”——1164.4")
    subset, = embeddable_subsets(face, chars)
    assert subset.outlines == "CFF"
    cff = _cff(subset.program)
    assert cff.ROS == ("Adobe", "Identity", 0)                  # CID-keyed, as the original
    # .notdef, then one glyph per character, numbered 1… in the original's order, each its CID
    assert cff.charset == [".notdef"] + [f"cid{n:05d}" for n in range(1, len(chars) + 1)]
    glyph_id = book.metrics(face).glyph_id
    by_original = sorted(chars, key=glyph_id)
    assert [subset.glyphs[char] for char in by_original] == list(range(1, len(chars) + 1))


def test_subset_outlines_are_the_original_outlines(book):
    face = book.face("headline")
    original = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    subset, = embeddable_subsets(face, {"报"})
    bounds = []
    for glyphs, name in ((original.getGlyphSet(), original.getBestCmap()[ord("报")]),
                         (_cff(subset.program).CharStrings, "cid00001")):
        pen = BoundsPen(glyphs)
        glyphs[name].draw(pen)
        bounds.append(pen.bounds)
    assert bounds[0] == bounds[1]


def test_a_truetype_face_is_embedded_as_truetype(book):
    face = book.face("kai")
    subset, = embeddable_subsets(face, set("记者闫淑娟"))
    font = TTFont(io.BytesIO(subset.program))
    assert subset.outlines == "TrueType" and "glyf" in font and "GSUB" not in font
    assert font["maxp"].numGlyphs == 6                          # .notdef and the five
    assert subset.info.postscript_name == "LXGWWenKai-Regular"


def test_characters_drawn_with_one_glyph_go_to_different_subsets(book):
    """Noto draws U+2014 and U+2015 (and … and ⋯) with one glyph; a PDF font maps a glyph
    back to one character, so each of a pair goes to a subset of its own."""
    face = book.face("body")
    metrics = book.metrics(face)
    assert metrics.glyph_id("—") == metrics.glyph_id("―")
    subsets = embeddable_subsets(face, set("报—―…⋯"))
    assert len(subsets) == 2
    for subset in subsets:
        assert len(set(subset.glyphs.values())) == len(subset.glyphs)  # one character a glyph
    assert sorted(char for subset in subsets for char in subset.glyphs) == sorted("报—―…⋯")


def test_subsets_are_the_same_from_the_cache_and_without_it(book, clean_session):
    from layout.session import Session
    face = book.face("body")
    made = embeddable_subsets(face, set("锚定目标"))
    assert embeddable_subsets(face, set("锚定目标")) == made                  # from the cache
    with Session(disk=False).active():
        assert embeddable_subsets(face, set("锚定目标")) == made              # made again


def test_vertical_face_uses_the_vertical_forms(book):
    horizontal = book.face("headline")
    vertical = horizontal.set_vertical()
    across, down = book.metrics(horizontal), book.metrics(vertical)
    for char in "，。“（—":
        assert across.glyph_id(char) != down.glyph_id(char)
    assert across.glyph_id("中") == down.glyph_id("中")
    assert vertical.key.endswith("-vert") and vertical.key != horizontal.key


def test_vertical_quotation_marks_are_corner_brackets(book):
    """GB/T 15834: in vertical text “” and ‘’ become ﹃﹄ and ﹁﹂ — the font's zh-Hans
    `vert` forms, not the Japanese rotated quotes."""
    face = book.face("body")
    across, down = book.metrics(face), book.metrics(face.set_vertical())
    for quote, bracket in zip("“”‘’", "\ufe43\ufe44\ufe41\ufe42"):
        assert down.glyph_id(quote) == across.glyph_id(bracket), quote



def test_a_fallback_is_reported_again_when_the_paragraph_comes_from_the_cache():
    from layout.text.compose import TextSettings, compose
    first = load_font_book({"kai": "kai"})
    kai, serif = first.metrics(first.face("kai")), first.metrics(load_font_book(
        {"body": "serif"}).face("body"))
    missing = next(char for char in serif.characters()
                   if charclass.is_han_like(char) and not kai.has(char))
    text = f"这一段有一个楷体没有的字：{missing}。"
    for book in (first, load_font_book({"kai": "kai"})):       # the second is served from memory
        compose(text, measure=117, size=9, role="kai", book=book, settings=TextSettings())
        assert ("kai", missing) in book.substitutions


def test_a_face_from_another_process_is_the_same_dictionary_key():
    """Faces travel in the on-disk caches and from worker processes: one unpickled here must
    be the face the font book made, whatever the other process's string hash seed."""
    made = subprocess.run(
        [sys.executable, "-c", "import pickle, sys; from pathlib import Path; "
         "from layout.fonts import face_object; face = face_object('serif', Path('/f.ttc'), 2, 'Noto'); "
         "hash(face); sys.stdout.buffer.write(pickle.dumps(face))"],
        capture_output=True, check=True, env={"PYTHONHASHSEED": "random"}).stdout
    here = face_object("serif", Path("/f.ttc"), 2, "Noto")
    assert pickle.loads(made) is here and {here: "found"}[pickle.loads(made)] == "found"


def test_vertical_forms_found_from_the_coverage_are_all_of_them(book):
    """Only the characters whose glyph a `vert` lookup covers are shaped for their vertical
    form: the same forms as shaping every character of the face with `vert` on."""
    from layout.fonts import _coverage, _hb_face, _hb_font, _shaped
    face = book.face("headline").set_vertical()
    font, metrics = _hb_font(face), book.metrics(face)
    covered = _coverage(face, "vert")
    assert font.get_nominal_glyph(ord("，")) in covered and len(covered) < 2000
    codes = sorted(set(_hb_face(face).unicodes) - {ord("—")})     # — has its fwid form too
    changed = 0
    for index, glyphs in _shaped(font, codes, {"vert": True}).items():
        if len(glyphs) == 1:                    # (a cluster of several: marks, ligatures)
            assert metrics.glyph_id(chr(codes[index])) == glyphs[0], hex(codes[index])
            changed += glyphs[0] != font.get_nominal_glyph(codes[index])
    assert changed > 300
