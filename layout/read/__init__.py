"""The manifest stage: what the editors wrote, read into the model.

* `manifest` — an issue folder's issue.toml → `model.Issue`, validated (every error names the
  file, the field and the fix), with `manifest_fixed` (ads, picture modules, the 导读);
* `article` — the one reader of article files, with `markup` (blocks and inline marks) and
  `typed` (what an editor may type);
* `tomlfile` — a TOML file → a dict, or one error naming the file (the style loader's too);
* `schema` — the formats' JSON Schemas → the editors' key tables (`python -m layout.read.schema`).

What comes out is read back by `layout.inspect`; this package reads what goes in.
"""
