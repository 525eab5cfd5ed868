"""The JSON Schemas in schema/ are the formats' one source of truth: the editors' reference in
issues/3144/README.md is generated from them, the program's own key lists agree with them, and
every issue, article and style in the repository is valid against them."""
import datetime
import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from layout.read import article, manifest, schema
from layout.errors import BroadsheetError
from layout.read.manifest_fixed import AD_KEYS, PICTURE_KEYS, PICTURE_MODULE_KEYS

ROOT = Path(__file__).resolve().parent.parent
ISSUES = sorted(path for path in [*ROOT.glob("issues/*/issue.toml"),
                                  *ROOT.glob("tests/data/*/issue.toml")])
STYLES = sorted(ROOT.glob("styles/*.toml"))


def validator(name: str):
    """A validator of schema `name`, resolving references between the schema files."""
    from referencing import Registry, Resource
    resources = [(schema.load(other)["$id"], Resource.from_contents(schema.load(other)))
                 for other in ("issue", "article", "style")]
    cls = jsonschema.validators.validator_for(schema.load(name))
    cls.check_schema(schema.load(name))
    return cls(schema.load(name), registry=Registry().with_resources(resources),
               format_checker=cls.FORMAT_CHECKER)


def as_json(value):
    """TOML's dates as the ISO text a JSON Schema checks (as Taplo does)."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def front_matter(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    end = lines.index("---", 1)
    return dict((key.strip(), value.strip()) for key, value in
                (line.split(":", 1) for line in lines[1:end] if line.strip()))


def test_the_docs_are_generated_from_the_schema():
    docs = schema.DOCS.read_text(encoding="utf-8")
    assert schema.reference() in docs, "run: python -m layout.read.schema"


@pytest.mark.parametrize("keys, name, pointer", [
    (manifest.ISSUE_KEYS, "issue", ""),
    (manifest.FILLER_KEYS, "issue", "$defs/filler"),
    (manifest.PAGE_KEYS, "issue", "$defs/page"),
    ((*manifest.MODULE_KEYS, *AD_KEYS, *PICTURE_MODULE_KEYS), "issue", "$defs/module"),
    (PICTURE_KEYS, "issue", "$defs/picture"),
    (manifest.PLACE_KEYS, "issue", "$defs/place"),
    (manifest.MASTHEAD_KEYS, "issue", "$defs/masthead"),
    (article.FRONT_MATTER_KEYS, "article", ""),
])
def test_the_program_accepts_exactly_the_schemas_keys(keys, name, pointer):
    assert sorted(set(keys)) == sorted(schema.keys(name, pointer))


def test_the_photo_options_are_the_schemas():
    options = schema.keys("article", "$defs/photo_options")
    assert all(f"{option}=" in article.PHOTO_OPTIONS for option in options)


@pytest.mark.parametrize("path", ISSUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_issue_and_its_articles_are_valid(path):
    """Valid where the program accepts it; where the program refuses it (the make-up engine's
    input without places), the schema refuses it too."""
    table = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    try:
        manifest.load_issue(path.parent)
    except BroadsheetError as refused:
        assert list(validator("issue").iter_errors(table)), f"the program refuses: {refused}"
        return
    validator("issue").validate(table)
    articles = {module.get("article") for page in table["pages"]
                for module in page.get("modules", [])} - {None}
    for name in articles:
        validator("article").validate(front_matter(path.parent / name))


@pytest.mark.parametrize("path", STYLES, ids=lambda p: p.name)
def test_every_style_is_valid(path):
    validator("style").validate(as_json(tomllib.loads(path.read_text(encoding="utf-8"))))


def test_the_schema_catches_what_the_program_refuses():
    issue = as_json(tomllib.loads((ROOT / "issues/3144/issue.toml").read_text(encoding="utf-8")))
    issue["pages"][0]["modules"][0]["place"]["colums"] = 2
    errors = list(validator("issue").iter_errors(issue))
    assert errors and "colums" in errors[0].message
    assert list(validator("article").iter_errors({"headline": "x", "autor": "y"}))
    assert list(validator("style").iter_errors({"print": {"min_ppi": "high"}}))


def test_taplo_is_pointed_at_the_schemas():
    config = tomllib.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    paths = {rule["schema"]["path"] for rule in config["rule"]}
    assert paths == {"./schema/issue.schema.json", "./schema/style.schema.json"}
    for path in paths:
        json.loads((ROOT / path).read_text(encoding="utf-8"))


def test_the_style_reader_accepts_the_schemas_print_settings_and_no_other(tmp_path):
    """Each print setting of the schema is one the program reads (the presets, validated
    above, catch one the program reads that the schema lacks)."""
    from layout.style import load_style
    examples = {**tomllib.loads((ROOT / "styles" / "duikai.toml").read_text(encoding="utf-8"))
                ["print"], "profile_package": "icc-profiles-free",
                "page_file": "{date:%Y%m%d}-{page:02d}.pdf"}
    for key in schema.keys("style", "properties/print"):
        style = tmp_path / f"{key}.toml"
        style.write_text(f'base = "duikai"\n[print]\n{key} = {json.dumps(examples[key])}\n',
                         encoding="utf-8")
        load_style(str(style))
    style = tmp_path / "s.toml"
    style.write_text('base = "duikai"\n[print]\nsharpness = 3\n', encoding="utf-8")
    with pytest.raises(BroadsheetError, match="unknown print setting 'sharpness'"):
        load_style(str(style))


@pytest.mark.parametrize("table", ["rules", "colors", "composition", "furniture", "makeup"])
def test_the_schema_lists_every_typed_style_setting_with_its_default_and_bounds(table):
    """Each typed table of the style (`layout/style/settings.py`) is in the schema key for key,
    with the default the loader gives and the bounds it checks."""
    from dataclasses import MISSING, fields

    from layout.style import Colors, Composition, Furniture, MakeUpSettings, Rules
    cls = {"rules": Rules, "colors": Colors, "composition": Composition,
           "furniture": Furniture, "makeup": MakeUpSettings}[table]
    listed = schema.node(schema.load("style"), f"properties/{table}")["properties"]
    assert list(listed) == [f.name for f in fields(cls)]
    for setting in fields(cls):
        spec = listed[setting.name]
        if setting.default is MISSING:
            assert "default" not in spec
        elif cls is Colors:
            assert [v / 100 for v in spec["default"]] == list(setting.default)
        else:
            default = setting.default
            assert spec["default"] == (list(default) if isinstance(default, tuple) else default)
        if "bounds" in setting.metadata:
            assert (spec["minimum"], spec["maximum"]) == setting.metadata["bounds"][:2]


def test_a_style_gets_the_defaults_of_what_it_leaves_out_and_refuses_unknown_keys(tmp_path):
    """duikai sets no [composition]: the defaults; a key the settings do not have is refused
    with the ones they do, by the loader (naming the style file)."""
    from layout.style import Composition, load_style
    assert load_style("duikai").composition == Composition()
    style = tmp_path / "s.toml"
    style.write_text('base = "duikai"\n[composition]\nheadline_leading = 1.4\n', encoding="utf-8")
    assert load_style(str(style)).composition.headline_leading == 1.4
    style.write_text('base = "duikai"\n[rules]\nmodule = 0.5\n', encoding="utf-8")
    with pytest.raises(BroadsheetError) as caught:
        load_style(str(style))
    assert caught.value.file == str(style) and caught.value.field == "rules.module"
    assert "module_pt" in caught.value.fix
