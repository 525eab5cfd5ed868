"""Reading the modules that hold no story — advertisements and picture modules (图片新闻) —
and a story module's box (frame, tint, reversed headline bar) from ``issue.toml``.

Like the rest of the manifest, every mistake is one `BroadsheetError` naming the file, the
field and the fix. Whether an ad is any good (its size, colours, fonts) is asked later, of the
file itself (`layout/page/ads.py`); here only that it is there and where it goes.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import BroadsheetError
from ..model import Ad, Picture, PictureModule, Placement

AD_KEYS = ("ad", "size", "place")
PICTURE_MODULE_KEYS = ("pictures", "caption", "credit", "title", "place")
PICTURE_KEYS = ("file", "columns", "lines", "focus")
BOX_KEYS = ("frame", "tint", "headline_bar")
AD_FILES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")
EAR = "报眼"                      # the ad size that sits beside the masthead, not on the grid
PLACE_KEYS = ("column", "columns", "line", "lines")
AD_EXAMPLE = 'ad = "ads/bank.pdf", size = "通栏", place = { column = 1, line = 80 }'
PICTURES_EXAMPLE = ('pictures = [{ file = "photos/a.jpg", columns = 4, lines = 24 }, …], '
                    'caption = "…", credit = "记者 … 摄"')


def is_fixed(module: dict) -> bool:
    """A module table that places an ad or a picture module rather than a story."""
    return "ad" in module or "pictures" in module


def fixed_module(module: dict, issue_dir: Path, file: str, at: str, sizes: dict):
    """The ad or picture module a `[[pages.modules]]` table gives. `sizes`: the style's
    named ad sizes (name → (columns, lines))."""
    if "ad" in module and "pictures" in module:
        raise BroadsheetError("a module holds either an ad or pictures, not both", file=file,
                              field=at, fix="split it into two modules")
    if "ad" in module:
        return _ad(module, issue_dir, file, at, sizes)
    return _picture_module(module, issue_dir, file, at)


def _ad(module: dict, issue_dir: Path, file: str, at: str, sizes: dict) -> Ad:
    _check_keys(module, AD_KEYS, file, at, "ad key")
    path = _file(module["ad"], issue_dir, file, f"{at}.ad", AD_FILES,
                 "a PDF (its first page is placed) or a JPEG, PNG or TIFF")
    size = module.get("size", "")
    if not isinstance(size, str):
        raise BroadsheetError(f"size must be text, not {size!r}", file=file, field=f"{at}.size",
                              fix=f'name one of the style\'s ad sizes: {_names(sizes)}')
    if size and size not in sizes and size != EAR:
        raise BroadsheetError(f"the style has no ad size {size!r}", file=file,
                              field=f"{at}.size", fix=f"use one of: {_names(sizes)}")
    if size == EAR:
        if "place" in module:
            raise BroadsheetError("a 报眼 ad sits beside the masthead: it takes no place",
                                  file=file, field=f"{at}.place",
                                  fix="remove place (the style gives the 报眼's slot)")
        return Ad(path=path, place=None, size=size, field=at)
    return Ad(path=path, place=_place(module, file, at, sizes.get(size)), size=size, field=at)


def _place(module: dict, file: str, at: str, size: tuple[int, int] | None) -> Placement:
    """The module's place; with a named size, columns and lines may be left to the size."""
    field = f"{at}.place"
    example = "place = { column = 1, columns = 8, line = 80, lines = 26 }"
    place = module.get("place")
    if not isinstance(place, dict):
        raise BroadsheetError("the module has no place" if place is None else
                              "place must be a table", file=file, field=field,
                              fix=f"add {example}")
    _check_keys(place, PLACE_KEYS, file, field, "place key")
    values = dict(place)
    if size is not None:
        for key, value in zip(("columns", "lines"), size):
            if key in values and values[key] != value:
                raise BroadsheetError(
                    f"{key} = {values[key]} does not match the ad size {module['size']} "
                    f"({size[0]} columns × {size[1]} lines)", file=file, field=f"{field}.{key}",
                    fix=f"leave {key} out (the size gives it) or drop size")
            values.setdefault(key, value)
    for key in PLACE_KEYS:
        value = values.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise BroadsheetError(f"place.{key} must be a whole number ≥ 1, not {value!r}",
                                  file=file, field=f"{field}.{key}", fix=f"write {example}")
    return Placement(**{key: values[key] for key in PLACE_KEYS})


def _picture_module(module: dict, issue_dir: Path, file: str, at: str) -> PictureModule:
    _check_keys(module, PICTURE_MODULE_KEYS, file, at, "picture module key")
    raw = module["pictures"]
    if not isinstance(raw, list) or not raw or not all(isinstance(p, dict) for p in raw):
        raise BroadsheetError("pictures must be a list of tables", file=file,
                              field=f"{at}.pictures", fix=f"write {PICTURES_EXAMPLE}")
    place = _place(module, file, at, None)
    pictures = []
    for n, table in enumerate(raw):
        where = f"{at}.pictures[{n}]"
        _check_keys(table, PICTURE_KEYS, file, where, "picture key")
        path = _file(table.get("file"), issue_dir, file, f"{where}.file",
                     (".jpg", ".jpeg", ".png", ".tif", ".tiff"), "a JPEG, PNG or TIFF photo")
        sizes = {}
        for key, most in (("columns", place.columns), ("lines", place.lines)):
            value = table.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
                raise BroadsheetError(f"{key} must be a whole number from 1 to {most} (the "
                                      f"module's {key}), not {value!r}", file=file,
                                      field=f"{where}.{key}", fix=f"write {PICTURES_EXAMPLE}")
            sizes[key] = value
        focus = table.get("focus", [0.5, 0.5])
        if (not isinstance(focus, list) or len(focus) != 2
                or not all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in focus)):
            raise BroadsheetError(f"focus must be two numbers from 0 to 1, not {focus!r}",
                                  file=file, field=f"{where}.focus",
                                  fix="write focus = [0.5, 0.3] (across, down)")
        pictures.append(Picture(path, sizes["columns"], sizes["lines"], tuple(focus)))
    texts = {}
    for key in ("caption", "credit", "title"):
        value = module.get(key, "")
        if not isinstance(value, str):
            raise BroadsheetError(f"{key} must be text", file=file, field=f"{at}.{key}",
                                  fix=f'write {key} = "…"')
        texts[key] = value.strip()
    if not texts["caption"]:
        raise BroadsheetError("a picture module needs a caption", file=file,
                              field=f"{at}.caption",
                              fix='write caption = "…" (what the pictures show: who, where, '
                                  'when)')
    return PictureModule(place=place, pictures=tuple(pictures), field=at, **texts)


def box_options(module: dict, file: str, at: str) -> dict:
    """A story module's frame, tint and headline bar, as `Module` fields (checked against the
    style when the page is composed, which knows the style's frames and tints)."""
    options = {}
    for key in ("frame", "tint"):
        if key in module:
            value = module[key]
            if not isinstance(value, str) or not value.strip():
                raise BroadsheetError(f"{key} must name one of the style's {key}s", file=file,
                                      field=f"{at}.{key}", fix=f'e.g. {key} = "single"')
            options[key] = value.strip()
    if "headline_bar" in module:
        if not isinstance(module["headline_bar"], bool):
            raise BroadsheetError("headline_bar must be true or false", file=file,
                                  field=f"{at}.headline_bar",
                                  fix="write headline_bar = true for a reversed (反白) bar")
        options["headline_bar"] = module["headline_bar"]
    return options


def digest_entries(raw_pages: list, pages: tuple, file: str) -> tuple[tuple[str, int], ...]:
    """The 导读 entries page 1's `[[pages.digest]]` tables choose: (title, page) of each, the
    title the story's headline unless `text` gives a shorter one."""
    first_pages = {}
    for page in pages:
        for module in page.modules:
            if not module.continues:
                first_pages[module.article.source.name] = (module.article, page.number)
    entries = []
    for index, page in enumerate(raw_pages):
        raw = page.get("digest", [])
        if raw and index != 0:
            raise BroadsheetError("the 导读 is on page 1 only", file=file,
                                  field=f"pages[{index}].digest",
                                  fix="move the [[pages.digest]] tables under page 1")
        if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
            raise BroadsheetError("digest must be a list of tables", file=file,
                                  field=f"pages[{index}].digest",
                                  fix='write [[pages.digest]] then article = "x.md"')
        for n, entry in enumerate(raw):
            where = f"pages[{index}].digest[{n}]"
            _check_keys(entry, ("article", "text"), file, where, "digest key")
            name = entry.get("article")
            if name not in first_pages:
                raise BroadsheetError(f"no story {name!r} is placed in this issue", file=file,
                                      field=f"{where}.article",
                                      fix="name an article file a module places: "
                                          + ", ".join(sorted(first_pages)))
            text = entry.get("text", "")
            if not isinstance(text, str):
                raise BroadsheetError("text must be text", file=file, field=f"{where}.text",
                                      fix='write text = "…" or leave it out')
            article, number = first_pages[name]
            entries.append((text.strip() or article.headline, number))
    return tuple(entries)


def _file(name, issue_dir: Path, file: str, field: str, suffixes: tuple, kind: str) -> Path:
    if not isinstance(name, str) or not name.strip():
        raise BroadsheetError("the file name is missing", file=file, field=field,
                              fix=f'give {kind}, relative to the issue directory')
    path = (issue_dir / name.strip()).resolve()
    if path.suffix.lower() not in suffixes:
        raise BroadsheetError(f"{name!r} is not {kind}", file=file, field=field,
                              fix=f"give a file ending {', '.join(suffixes)}")
    if not path.is_file():
        raise BroadsheetError(f"file {name!r} not found (looked for {path})", file=file,
                              field=field, fix="put the file there or correct the name "
                                               "(relative to the issue directory)")
    return path


def _names(sizes: dict) -> str:
    return ", ".join([*sizes, EAR])


def _check_keys(table: dict, allowed: tuple, file: str, where: str, what: str) -> None:
    for key in table:
        if key not in allowed:
            raise BroadsheetError(f"unknown {what} {key!r}", file=file, field=f"{where}.{key}",
                                  fix=f"allowed: {', '.join(allowed)}")
