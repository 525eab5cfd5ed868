"""The formats' one source of truth: the JSON Schemas in schema/ (issue.toml, article front
matter, styles), from which the editors' reference tables in issues/3144/README.md are
generated. `python -m layout.read.schema` rewrites them; a test fails when they drift.

Editors' tools read the same files: Taplo (and VS Code's Even Better TOML, which uses it)
through .taplo.toml at the repository's top.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
DOCS = Path(__file__).resolve().parents[2] / "issues" / "3144" / "README.md"
BEGIN = "<!-- generated from schema/ by `python -m layout.read.schema`: edit the schema, not this -->"
END = "<!-- end of generated reference -->"

# The tables, in order: (title, schema file, JSON pointer to the object).
TABLES = (
    ("`issue.toml`, top level", "issue", ""),
    ("`[masthead]` (in issue.toml or the style)", "issue", "$defs/masthead"),
    ("`[[pages]]`", "issue", "$defs/page"),
    ("`[[pages.modules]]`", "issue", "$defs/module"),
    ("`place = { … }`", "issue", "$defs/place"),
    ("`[[pages.modules.pictures]]` (a picture module's photos)", "issue", "$defs/picture"),
    ("`[[pages.digest]]` (page 1's 导读)", "issue", "$defs/digest"),
    ("`[[fillers]]` (briefs on no page, 补白)", "issue", "$defs/filler"),
    ("Article front matter (`key: value` between `---` lines)", "article", ""),
    ("Photo options `{…}` after a photo line", "article", "$defs/photo_options"),
    ("Style: top level", "style", ""),
    ("Style: `[page]`", "style", "properties/page"),
    ("Style: `[grid]`", "style", "properties/grid"),
    ("Style: `[text]`", "style", "properties/text"),
    ("Style: `[type]` entries, e.g. `headline = { size_pt = 42, role = \"headline\" }`", "style",
     "$defs/type"),
    ("Style: `[furniture]`", "style", "properties/furniture"),
    ("Style: `[composition]`", "style", "properties/composition"),
    ("Style: `[rules]`", "style", "properties/rules"),
    ("Style: `[colors]`", "style", "properties/colors"),
    ("Style: `[print]`", "style", "properties/print"),
    ("Style: `[makeup]`", "style", "properties/makeup"),
    ("Style: `[ads]`", "style", "properties/ads"),
    ("Style: `[frames]` entries, e.g. `single = { weight_pt = 0.75 }`", "style", "$defs/frame"),
    ("Style: `[schedule]`", "style", "properties/schedule"),
)


def load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def node(schema: dict, pointer: str) -> dict:
    for part in filter(None, pointer.split("/")):
        schema = schema[part]
    return schema


def keys(name: str, pointer: str = "") -> tuple[str, ...]:
    """The keys the schema allows at `pointer` (for the code's own lists to be checked)."""
    return tuple(node(load(name), pointer)["properties"])


def _kind(spec: dict) -> str:
    if "$ref" in spec:
        return "table"
    if "anyOf" in spec:
        return " or ".join(_kind(option) for option in spec["anyOf"])
    if "enum" in spec:
        return " \\| ".join(f"`{json.dumps(v, ensure_ascii=False)}`" for v in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        item = spec.get("items", {})
        return f"list of {'tables' if '$ref' in item else item.get('type', 'values')}"
    if kind == "string" and spec.get("format") == "date":
        return "date"
    if kind == "integer" and "minimum" in spec and "maximum" in spec:
        return f"whole number {spec['minimum']} … {spec['maximum']}"
    if kind == "integer" and spec.get("minimum") == 1:
        return "whole number ≥ 1"
    if kind == "object":
        return "table"
    return {"string": "text", "integer": "whole number", "number": "number",
            "boolean": "true \\| false"}.get(kind, "value")


def _description(spec: dict, root: dict) -> str:
    if "$ref" in spec and "description" not in spec:
        ref = spec["$ref"].split("#/")[-1]
        spec = node(root, ref) if not spec["$ref"].startswith("issue.") else \
            node(load("issue"), ref)
    return spec.get("description", "").replace("|", "\\|")


def table(title: str, name: str, pointer: str) -> str:
    root = load(name)
    target = node(root, pointer)
    required = set(target.get("required", ()))
    lines = [f"#### {title}", "", "| key | value | required | meaning |", "| --- | --- | --- | --- |"]
    for key, spec in target["properties"].items():
        lines.append(f"| `{key}` | {_kind(spec)} | {'yes' if key in required else ''} | "
                     f"{_description(spec, root)} |")
    return "\n".join(lines)


def reference() -> str:
    """The generated section: every table, between the markers."""
    body = "\n\n".join(table(title, name, pointer) for title, name, pointer in TABLES)
    return f"{BEGIN}\n\n{body}\n\n{END}"


def update(docs: Path = DOCS) -> bool:
    """Rewrite the generated section of `docs`; True if it changed."""
    text = docs.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{docs}: no generated section (the line {BEGIN!r})")
    new = pattern.sub(lambda _: reference(), text)
    docs.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    print(f"{DOCS}: {'updated' if update() else 'already up to date'}")
    sys.exit(0)
