"""House styles: presets, inheritance, and settings refused with the field to fix."""
import pytest

from layout.errors import BroadsheetError
from layout.style import MM, load_style


def write(tmp_path, text):
    path = tmp_path / "custom.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_duikai_preset_is_the_broadsheet_grid():
    style = load_style("duikai")
    assert (round(style.page_width / MM), round(style.page_height / MM)) == (390, 545)
    assert style.columns == 8 and style.column_chars == 13 and style.body_size == 9
    assert style.type_width == pytest.approx(111 * 9)        # ≈ 352 mm
    assert style.bleed == pytest.approx(3 * MM)


def test_a_style_inherits_and_overrides_its_base(tmp_path):
    style = load_style(write(tmp_path, 'base = "jinzhong"\n[text]\ncjk_latin_space = 0.25\n'))
    assert style.text.cjk_latin_space == 0.25 and style.masthead["name"] == "晋中日报"
    assert style.columns == 8


@pytest.mark.parametrize("text, field", [
    ('base = "duikai"\n[page]\nbleed_mm = 8\n', "page.bleed_mm"),
    ('base = "duikai"\n[text]\npunctuation = "western"\n', "text.punctuation"),
    ('base = "duikai"\n[text]\nline_break = "loose"\n', "text.line_break"),
    ('base = "duikai"\n[text]\ncjk_latin_space = 0.5\n', "text.cjk_latin_space"),
    ('base = "duikai"\n[text]\nmax_spacing_em = 2\n', "text.max_spacing_em"),
    ('base = "duikai"\n[text]\nsqueeze_cost_em = -1\n', "text.squeeze_cost_em"),
    ('base = "duikai"\n[text]\ntighten_em = 0.2\n', "text.tighten_em"),
    ('base = "duikai"\n[furniture]\ndigest_sizes_pt = [8, 11]\n', "furniture.digest_sizes_pt"),
    ('base = "duikai"\n[furniture]\nmasthead_name_fill = 2\n', "furniture.masthead_name_fill"),
    ('base = "duikai"\n[composition]\nphoto_min_lines = 2.5\n', "composition.photo_min_lines"),
    ('base = "duikai"\n[colors]\nlinks = [0, 0, 0, 100]\n', "colors.links"),
    ('base = "duikai"\n[fonts]\nbody = 3\n', "fonts.body"),
    ('base = "duikai"\n[type]\ncaption = { size_pt = 9, role = "italic" }\n', "type.caption.role"),
    ('base = "duikai"\n[print]\nstandard = "PDF/X-3"\n', "print.standard"),
    ('base = "duikai"\n[colors]\nmasthead = [0, 100, 100]\n', "colors.masthead"),
    ('base = "nope"\n', "style"),
    ('base = "duikai"\n[print]\npage_file = "{date:%Y%m%d}.pdf"\n', "print.page_file"),
    ('base = "duikai"\n[print]\npage_file = "{day}-{page}.pdf"\n', "print.page_file"),
])
def test_bad_settings_name_the_field(tmp_path, text, field):
    """The loader refuses it, naming the style file, the field and the fix (the composer and
    the page take the settings as checked)."""
    with pytest.raises(BroadsheetError) as caught:
        load_style(write(tmp_path, text))
    assert field in str(caught.value) and caught.value.fix
    assert caught.value.file == str(tmp_path / "custom.toml") or field == "style"


def without_lines(starting: tuple[str, ...]) -> str:
    """The duikai preset's TOML less the lines starting so: a style with no base."""
    from layout.style import STYLES_DIR
    text = (STYLES_DIR / "duikai.toml").read_text(encoding="utf-8")
    return "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith(starting))


def test_optional_types_stand_in_for_each_other(tmp_path):
    style = load_style(write(tmp_path, without_lines(("kicker =", "jump =", "running_head ="))))
    assert style.type["kicker"] == style.type["deck"]
    assert style.type["running_head"] == style.type["folio"]
    assert style.type["jump"].role == "kai" and style.type["jump"].size == style.body_size


def test_a_missing_required_type_names_the_field(tmp_path):
    with pytest.raises(BroadsheetError) as caught:
        load_style(write(tmp_path, without_lines(("caption =",))))
    assert "type.caption" in str(caught.value) and caught.value.fix


def test_print_marks_and_profiles(tmp_path):
    from layout.style import NEWSPRINT_PROFILE, PROFILES_DIR, SLUG
    default = load_style("jinzhong").print
    assert default.profile == NEWSPRINT_PROFILE and default.profile.is_file()
    assert default.output_condition_identifier == "CGATS TR 002"
    assert default.page_file == "{date:%Y%m%d}-{page:02d}.pdf" and default.slug == SLUG
    plain = load_style(write(tmp_path, 'base = "jinzhong"\n[print]\nmarks = false\n'
                                       'profile = "WAN-IFRAnewspaper26v5.icc"\n')).print
    assert plain.marks == () and plain.slug == 0
    assert plain.profile == PROFILES_DIR / "WAN-IFRAnewspaper26v5.icc"    # a bare name: profiles/


@pytest.mark.parametrize("setting", ['line_break = "loose"', 'line_break = "GB"',
                                     'punctuation = "hanging"', 'punctuation = ""',
                                     "cjk_latin_space = 0.3", "cjk_latin_space = -0.25",
                                     "cjk_latin_space = 1", "cjk_latin_space = true"])
def test_the_composers_settings_are_checked_by_the_style_loader(tmp_path, setting):
    """[text] is checked when the style is read (the composer takes its settings as given)."""
    with pytest.raises(BroadsheetError) as caught:
        load_style(write(tmp_path, f'base = "duikai"\n[text]\n{setting}\n'))
    assert caught.value.field == "text." + setting.split(" =")[0]
    assert caught.value.file.endswith("custom.toml") and caught.value.fix
