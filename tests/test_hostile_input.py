"""Hostile and odd input (issue 21): every case ends as one line naming file, field and fix,
exit 2 — never "internal error", never a process killed for memory."""
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "vertical"


def broadsheet(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "layout.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def issue(tmp_path) -> Path:
    """A copy of the small one-module issue, its style a local copy based on jinzhong."""
    issue = tmp_path / "issue"
    shutil.copytree(SAMPLE, issue)
    (issue / "house.toml").write_text('base = "jinzhong"\n', encoding="utf-8")
    _replace(issue / "issue.toml", 'style = "jinzhong"', 'style = "house.toml"')
    return issue


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(issue: Path, tmp_path: Path, *words: str) -> str:
    result = broadsheet("render", str(issue), "-o", str(tmp_path / "out.pdf"))
    line = result.stderr
    assert result.returncode == 2, line
    assert line.count("\n") == 1 and line.startswith("broadsheet: error: "), line
    assert "internal error" not in line and " — fix: " in line, line
    for word in words:
        assert word in line, line
    return line


# ------------------------------------------------------------------------------ style files

def test_a_base_that_is_not_a_name(issue, tmp_path):
    (issue / "house.toml").write_text("base = 5\n", encoding="utf-8")
    _refused(issue, tmp_path, "house.toml: base: ", "base must be a style's name")


def test_a_latin1_style_file(issue, tmp_path):
    (issue / "house.toml").write_bytes('base = "jinzhong"\n# Zeitung für\n'.encode("latin-1"))
    _refused(issue, tmp_path, "house.toml: not UTF-8", "save the file as UTF-8")


def test_deeply_nested_toml(issue, tmp_path):
    (issue / "house.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    _refused(issue, tmp_path, "house.toml: ", "nested too deeply")
    (issue / "house.toml").write_text('base = "jinzhong"\n')
    with open(issue / "issue.toml", "a", encoding="utf-8") as toml:
        toml.write("x = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n")
    _refused(issue, tmp_path, "issue.toml: ", "nested too deeply")


def test_an_integer_of_thousands_of_digits(issue, tmp_path):
    _replace(issue / "issue.toml", "number = 2", "number = " + "9" * 5000)
    _refused(issue, tmp_path, "issue.toml: not valid TOML")


def test_styles_based_on_each_other_in_a_loop(issue, tmp_path):
    styles = issue / "styles"
    styles.mkdir()
    (styles / "a.toml").write_text('base = "b.toml"\n')
    (styles / "b.toml").write_text('base = "../styles/a.toml"\n')   # the same file, spelt apart
    (issue / "house.toml").write_text('base = "styles/a.toml"\n')
    _refused(issue, tmp_path, "base: styles name each other as base in a loop")


@pytest.mark.parametrize("setting, value, words", [
    ("[grid]\ncolumns", "1000000000", ("grid.columns: ", "1000000000 is out of range (1 to 20)")),
    ("[grid]\nlines", "0", ("grid.lines: ", "1 to 500")),
    ("[grid]\nbody_size_pt", '"9"', ("grid.body_size_pt: ", "must be a number")),
    ("[page]\nwidth_mm", "1e9", ("page.width_mm: ", "100 to 1000")),
    ("[type]\nheadline", "{ size_pt = 100000, role = \"headline\" }",
     ("type.headline.size_pt: ", "4 to 300")),
    ("[print]\nmax_ink_percent", "1000", ("print.max_ink_percent: ", "100 to 400")),
    ("[rules]\nmodule_pt", "500", ("rules.module_pt: ", "0 to 20")),
])
def test_style_numbers_are_bounded(issue, tmp_path, setting, value, words):
    (issue / "house.toml").write_text(f'base = "jinzhong"\n{setting} = {value}\n')
    _refused(issue, tmp_path, "house.toml: ", *words)


def test_a_profile_that_is_not_icc(issue, tmp_path):
    (issue / "house.toml").write_text('base = "jinzhong"\n[print]\nprofile = "/etc/passwd"\n')
    _refused(issue, tmp_path, "house.toml: print.profile: ", "not a CMYK output ICC profile")
    assert not (tmp_path / "out.pdf").exists()


def test_an_icc_profile_that_is_not_a_cmyk_output_profile(issue, tmp_path):
    srgb = tmp_path / "sRGB.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (issue / "house.toml").write_text(f'base = "jinzhong"\n[print]\nprofile = "{srgb}"\n')
    _refused(issue, tmp_path, "print.profile: ", "colour space is RGB, not CMYK")


# ------------------------------------------------------------------------------ the manifest

def test_text_columns_is_bounded(issue, tmp_path):
    _replace(issue / "issue.toml", 'headline = "vertical"', "text_columns = 1000000000")
    _refused(issue, tmp_path, "issue.toml: pages[0].modules[0].text_columns: ")


def test_a_ten_thousand_character_section_name(issue, tmp_path):
    _replace(issue / "issue.toml", "number = 1\n", f'number = 1\nsection = "{"要闻" * 5000}"\n')
    _refused(issue, tmp_path, "issue.toml: pages[0].section: ", "at most")


@pytest.mark.parametrize("field, value", [("number", "10000000"),
                                          ("place", "{ column = 1, columns = 4, line = 17, "
                                                    "lines = 100000000 }")])
def test_manifest_numbers_are_bounded(issue, tmp_path, field, value):
    toml = issue / "issue.toml"
    lines = toml.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(f"{field} = "))
    lines[at] = f"{field} = {value}"
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(issue, tmp_path, "issue.toml: ", "at most")


def test_a_photo_option_of_thousands_of_digits(issue, tmp_path):
    _photo(issue, tmp_path, (60, 40), options="{columns=" + "9" * 5000 + "}")
    _refused(issue, tmp_path, "side.md: line ", "columns")


# --------------------------------------------------------------------------------- the text

def test_right_to_left_text_is_refused_not_reversed(issue, tmp_path):
    article = issue / "side.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n以色列《国土报》（הארץ）报道。\n",
                       encoding="utf-8")
    _refused(issue, tmp_path, "side.md: line ", "right-to-left", "הארץ")


def test_a_headline_of_zero_width_spaces_is_refused(issue, tmp_path):
    _replace(issue / "side.md", "headline: 坚定信心，奋楫前行", "headline: \u200b\u200b\u200b")
    _refused(issue, tmp_path, "side.md: line 3: the headline", "no visible character")


def test_a_rare_han_character_is_set_from_the_fallback_font_and_reported(issue, tmp_path):
    _replace(issue / "side.md", "byline: 记者 史俊杰", "byline: 记者 史𪚥杰")
    result = broadsheet("render", str(issue), "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "𪚥" in line]
    assert "side.md" in line and "U+2A6A5" in line and "HanaMin" in line, line
    check = broadsheet("check", str(issue), "-o", str(tmp_path / "out.pdf"))
    [finding] = [line for line in check.stdout.splitlines() if "𪚥" in line]
    assert "side.md" in finding and "HanaMin" in finding, finding


# ---------------------------------------------------------------------------------- photos

def _photo(issue: Path, tmp_path: Path, size, name="photo.jpg", options="", **save) -> Path:
    path = issue / name
    if size:
        Image.new("RGB", size, (200, 120, 40)).save(path, **save)
    article = issue / "side.md"
    text = article.read_text(encoding="utf-8").split("\n---\n", 1)
    article.write_text(f"{text[0]}\n---\n\n![图片说明]({name} \"记者 摄\"){options}\n{text[1]}",
                       encoding="utf-8")
    return path


def test_a_truncated_jpeg(issue, tmp_path):
    photo = _photo(issue, tmp_path, (800, 600), quality=95)
    photo.write_bytes(photo.read_bytes()[:4000])
    line = _refused(issue, tmp_path, "photo.jpg: cannot read the photo", "truncated")
    assert "cannot write the PDF" not in line


def test_a_photo_over_the_styles_pixel_limit(issue, tmp_path):
    _photo(issue, tmp_path, (1200, 1000))
    (issue / "house.toml").write_text('base = "jinzhong"\n[print]\nmax_megapixels = 1\n')
    _refused(issue, tmp_path, "photo.jpg: the photo has 1200 × 1000 pixels",
             "print.max_megapixels")


def test_a_decompression_bomb(issue, tmp_path):
    """A PNG that says it is 30 000 × 30 000 pixels (Pillow's own bomb error territory)."""
    photo = _photo(issue, tmp_path, None, name="bomb.png")
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    photo.write_bytes(b"\x89PNG\r\n\x1a\n"
                      + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
                      + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
    _refused(issue, tmp_path, "bomb.png: the photo has 900 megapixels", "print.max_megapixels")


@pytest.mark.parametrize("style", ["base = 5\n", 'base = "house.toml"\n',
                                   "x = " + "[" * 5000 + "]" * 5000 + "\n"])
def test_check_says_the_same_in_one_line(issue, tmp_path, style):
    (issue / "house.toml").write_text(style, encoding="utf-8")
    result = broadsheet("check", str(issue), "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("broadsheet: error: ")
    assert "house.toml: " in result.stderr and "internal error" not in result.stderr


def test_text_columns_too_many_for_the_module(issue, tmp_path):
    _replace(issue / "issue.toml", 'headline = "vertical"', "text_columns = 20")
    _refused(issue, tmp_path, "issue.toml: pages[0].modules[0].text_columns: ",
             "text_columns = 20 leaves each column 1 character(s)", "at most 11 text columns")
