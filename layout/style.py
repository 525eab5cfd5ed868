"""House styles: TOML files in styles/, resolved once into plain settings."""
from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import BroadsheetError

STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"


def style_path(name: str, relative_to: Path | None = None) -> Path:
    """A style is named (``jinzhong`` → styles/jinzhong.toml) or given as a path."""
    if name.endswith(".toml"):
        path = Path(name)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to / path
        return path
    return STYLES_DIR / f"{name}.toml"


def load_style_table(name: str, relative_to: Path | None = None, _seen: tuple = ()) -> dict:
    """The style's TOML as a dict, merged over its ``base`` style (tables merge key by key)."""
    path = style_path(name, relative_to)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in STYLES_DIR.glob("*.toml")))
        raise BroadsheetError(f"no style named {name!r}", file=str(path), field="style",
                              fix=f"use one of: {known}")
    if path in _seen:
        raise BroadsheetError("styles name each other as base in a loop", file=str(path),
                              field="base", fix="remove the loop")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BroadsheetError(f"not valid TOML ({error})", file=str(path),
                              fix="correct the TOML syntax") from None
    base_name = table.pop("base", None)
    if base_name is None:
        return table
    return _merge(load_style_table(base_name, path.parent, _seen + (path,)), table)


def _merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
