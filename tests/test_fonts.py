"""Fonts: finding faces by role, metrics, fallback, and TrueType subsets ReportLab can embed."""
import io
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from layout.errors import BroadsheetError
from layout.fonts import embeddable_ttf, face_object, load_font_book
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


def test_embeddable_subset_is_truetype_with_the_measured_glyphs(book):
    face = book.face("body")
    chars = set("锚定目标，“”——1164.4")
    font = TTFont(io.BytesIO(embeddable_ttf(face, chars)))
    assert "glyf" in font and "CFF " not in font
    cmap = font.getBestCmap()
    assert {chr(code) for code in cmap} == chars
    assert len(font.getGlyphOrder()) <= len(chars) + 1    # .notdef + one glyph per character
    assert font["hmtx"][cmap[ord("—")]][0] == 1000        # the full-width dash, as measured


def test_converted_outlines_match_the_original(book):
    face = book.face("headline")
    original = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    converted = TTFont(io.BytesIO(embeddable_ttf(face, {"报"})))
    bounds = []
    for font in (original, converted):
        glyphs = font.getGlyphSet()
        pen = BoundsPen(glyphs)
        glyphs[font.getBestCmap()[ord("报")]].draw(pen)
        bounds.append(pen.bounds)
    assert all(abs(a - b) <= 2 for a, b in zip(*bounds))  # within 2/1000 em


def test_vertical_face_uses_the_vertical_forms(book):
    from layout.fonts import _character_glyphs, _open
    horizontal = book.face("headline")
    vertical = horizontal.set_vertical()
    across = _character_glyphs(_open(horizontal), vertical=False)
    down = _character_glyphs(_open(vertical), vertical=True)
    for char in "，。“（—":
        assert across[ord(char)] != down[ord(char)]
    assert across[ord("中")] == down[ord("中")]
    assert vertical.key.endswith("-vert") and vertical.key != horizontal.key



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


def test_a_new_character_set_converts_only_glyphs_never_converted(book, tmp_path, monkeypatch):
    """Issue 7: glyphs are cached one by one, so a new issue's fonts convert only its new
    characters, and the font built from cached glyphs is the one built from fresh ones."""
    import layout.fonts as fonts
    monkeypatch.setenv("BROADSHEET_CACHE", str(tmp_path / "cache"))
    converted = []
    convert = fonts._convert
    monkeypatch.setattr(fonts, "_convert", lambda face, glyphs: converted.extend(
        glyph_id for glyph_id, _ in glyphs) or convert(face, glyphs))
    face = book.face("body")
    glyph_id = book.metrics(face).glyph_id
    first = embeddable_ttf(face, set("锚定目标"))
    assert sorted(converted) == sorted([0] + [glyph_id(c) for c in "锚定目标"])   # 0: .notdef
    converted.clear()
    embeddable_ttf(face, set("锚定目标实干"))
    assert sorted(converted) == sorted([glyph_id("实"), glyph_id("干")])
    monkeypatch.setenv("BROADSHEET_NO_CACHE", "1")
    assert embeddable_ttf(face, set("锚定目标")) == first          # nothing cached: the same font


def test_prepared_glyphs_serve_both_orientations_of_a_face(book, tmp_path, monkeypatch):
    """`broadsheet fonts` converts ahead; a vertical face (竖排) shares the horizontal face's
    glyphs but for the marks `vert` replaces."""
    import layout.fonts as fonts
    monkeypatch.setenv("BROADSHEET_CACHE", str(tmp_path / "cache"))
    converted = []
    convert = fonts._convert
    monkeypatch.setattr(fonts, "_convert",
                        lambda face, glyphs: converted.extend(glyphs) or convert(face, glyphs))
    face = book.face("headline")
    assert fonts.prepare([face], "锚定目标，", jobs=1) == 12   # .notdef and five, both ways
    assert len(converted) == 7                  # … of which the vertical comma alone is new
    converted.clear()
    embeddable_ttf(face, set("锚定目标，"))
    embeddable_ttf(face.set_vertical(), set("锚定目标，"))
    assert converted == []                                      # all there already
    assert "锚" in fonts.common_characters() and len(fonts.common_characters()) > 3755
