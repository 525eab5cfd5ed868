"""The manifest stage: what the editors wrote, read into the model.

* `manifest` — an issue folder's issue.toml → `model.Issue`, validated (every error names the
  file, the field and the fix), with `manifest_fixed` (ads, picture modules, the 导读) and
  `makeup_keys` (what a module without a place asks of the make-up);
* `article` — the one reader of article files, with `markup` (blocks and inline marks) and
  `typed` (what an editor may type);
* `schema` — the formats' JSON Schemas → the editors' key tables (`python -m layout.read.schema`).

What comes out is read back by `layout.inspect`; this package reads what goes in (TOML itself
through `layout.tomlfile`, which the style loader shares).
"""
