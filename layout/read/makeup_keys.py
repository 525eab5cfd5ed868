"""The make-up keys of a module in issue.toml, read and checked (part of the manifest stage).

A module without `place` is placed by the engine; it may say how: `priority` (1 = the
page's lead), `columns = [lowest, highest]` (widths it may take), `photo = "large" | "small" |
"none"`, `jump_to = N` (it may continue on page N; `jump_to = [N, M]`: on N, and on
from there to M), `deck = true | false` (its 副题 set or left out; unset, the engine may
leave it out where the style allows). What the engine chose comes back as `headline_size`
(points), `headline_lines` (the title wrapped into at most that many lines, as large as that
allows), `title_space` (blank lines round the title), `photo_columns` (the columns the
photo spans) and `deck = false` (if it dropped the deck), beside `place`.
"""
from __future__ import annotations

from ..errors import BroadsheetError
from ..model import Photo

MAKEUP_KEYS = ("priority", "columns", "photo", "photo_columns", "jump_to", "headline_size",
               "headline_lines", "title_space", "subhead_space", "deck")
PHOTO_SIZES = ("large", "small", "none")
MAX_TITLE_SPACE = 3
MAX_HEADLINE_LINES = 3      # a title broken into more lines reads as a column of words
MAX_PRIORITY = 999          # a page's stories rank before the pool's briefs (FILLER_RANK)


def makeup_fields(module: dict, file: str, at: str, page: int, placed: bool) -> dict:
    """The Module fields the make-up keys give; every error names its field and the fix."""
    fields: dict = {}
    if "priority" in module:
        fields["priority"] = _whole(module["priority"], file, f"{at}.priority", 1,
                                    "priority = 1 for the page's lead, 2, 3, … for the rest",
                                    MAX_PRIORITY)
    if "columns" in module:
        fields["widths"] = _widths(module["columns"], file, f"{at}.columns", placed)
    if "photo" in module:
        photo = module["photo"]
        if photo not in PHOTO_SIZES:
            raise BroadsheetError(f"photo must be one of {', '.join(PHOTO_SIZES)}, not "
                                  f"{photo!r}", file=file, field=f"{at}.photo",
                                  fix='write photo = "large" (all its columns), "small" (half) '
                                      'or "none"')
        fields["photo"] = photo
    if "photo_columns" in module:
        fields["photo_columns"] = _whole(module["photo_columns"], file, f"{at}.photo_columns",
                                         1, "photo_columns = 2 (at most the module's columns)")
        widest = fields.get("widths", (0, 0))[1]
        if widest and fields["photo_columns"] > widest:
            raise BroadsheetError(
                f"photo_columns = {fields['photo_columns']} is wider than the module may be "
                f"(columns = [{fields['widths'][0]}, {widest}])", file=file,
                field=f"{at}.photo_columns",
                fix=f"give photo_columns = {widest} at most, or allow the module wider columns")
    if "jump_to" in module:
        if placed:
            raise BroadsheetError("jump_to is for a module the engine places", file=file,
                                  field=f"{at}.jump_to",
                                  fix='remove place, or remove jump_to and carry the story on '
                                      'with a continues = "…" module')
        fields["jump_to"] = _jumps(module["jump_to"], file, f"{at}.jump_to", page)
    if "headline_size" in module:
        size = module["headline_size"]
        if isinstance(size, bool) or not isinstance(size, (int, float)) or size <= 0:
            raise BroadsheetError(f"headline_size must be a size in points, not {size!r}",
                                  file=file, field=f"{at}.headline_size",
                                  fix="write e.g. headline_size = 30, or leave it out")
        fields["headline_size"] = float(size)
    if "headline_lines" in module:
        fields["headline_lines"] = _whole(module["headline_lines"], file,
                                          f"{at}.headline_lines", 1,
                                          f"headline_lines = 1 … {MAX_HEADLINE_LINES}",
                                          MAX_HEADLINE_LINES)
    if "title_space" in module:
        fields["title_space"] = _whole(module["title_space"], file, f"{at}.title_space", 0,
                                       f"title_space = 0 … {MAX_TITLE_SPACE}",
                                       MAX_TITLE_SPACE)
    if "subhead_space" in module:
        fields["subhead_space"] = _whole(module["subhead_space"], file,
                                         f"{at}.subhead_space", 0,
                                         "subhead_space = 1 (subheads given a line more)")
    if "deck" in module:
        if not isinstance(module["deck"], bool):
            raise BroadsheetError(f"deck must be true or false, not {module['deck']!r}",
                                  file=file, field=f"{at}.deck",
                                  fix="write deck = false to leave the story's 副题 out, "
                                      "deck = true to keep it")
        fields["deck"] = module["deck"]
    return fields


def check_jumps(pages: tuple, file: str) -> None:
    """Every page a jump_to names is a page of the issue, and a module with jump_to is the
    last its story's manifest lists: the engine adds the continuations it jumps to, so a
    `continues` module listed after it would be a second part on that page, set over it."""
    numbers = {page.number for page in pages}
    parts: dict[int, list] = {}
    for page in pages:
        for module in page.modules:
            parts.setdefault(id(module.article), []).append((page.number, module))
    for story in parts.values():
        for n, (_, module) in enumerate(story):
            if not module.jump_to:
                continue
            field, shown = f"{module.field}.jump_to", _shown_jumps(module.jump_to)
            later = sorted(number for number in numbers if number > story[n][0])
            for page in module.jump_to:
                if page not in numbers:
                    raise BroadsheetError(
                        f"jump_to = {shown}: the issue has no page {page}", file=file,
                        field=field,
                        fix=(f"jump to page {later[0]}" if len(later) == 1 else
                             f"jump to one of pages {', '.join(map(str, later))}") if later
                        else f"add a page after page {story[n][0]}, or remove jump_to")
            if n + 1 < len(story):
                raise BroadsheetError(
                    f"jump_to = {shown}, but a continues module continues the story on page "
                    f"{story[n + 1][0]}", file=file, field=field,
                    fix="remove jump_to (the continues modules listed take the rest), or the "
                        "continues modules after it (the engine adds them where it jumps)")


def check_leads(pages: tuple, file: str) -> None:
    """A page has one lead: at most one of its stories is given priority 1."""
    for page in pages:
        leads = [m for m in page.modules if m.priority == 1 and not m.continues]
        if len(leads) > 1:
            first, second = leads[:2]
            raise BroadsheetError(
                f"priority = 1 is given to {first.article.source.name} and to "
                f"{second.article.source.name}: a page has one lead", file=file,
                field=f"{second.field}.priority",
                fix="give the page's other stories priority 2 or more (or leave it out: "
                    "they follow in the order listed)")


def check_photo_size(module, file: str) -> None:
    """`photo = "large"` or `"small"` on a story that has a photo to size."""
    if module.photo in ("large", "small") and not any(
            isinstance(block, Photo) for block in module.article.blocks):
        raise BroadsheetError(
            f'photo = "{module.photo}", but {module.article.source.name} has no photo',
            file=file, field=f"{module.field}.photo",
            fix="add the photo to the article (a line ![caption](photos/name.jpg)), or "
                "remove photo")


def _shown_jumps(pages: tuple[int, ...]) -> str:
    """jump_to's value as issue.toml writes it: 4, or [4, 7]."""
    return str(pages[0]) if len(pages) == 1 else f"[{', '.join(map(str, pages))}]"


def _jumps(value, file: str, field: str, page: int) -> tuple[int, ...]:
    """The pages a story may continue on, in order: `jump_to = 4`, or `jump_to = [4, 7]`
    (on 4, and on from there to 7 if page 4 cannot hold the rest either)."""
    example = f"jump_to = {page + 1}, or jump_to = [{page + 1}, {page + 2}] to go on further"
    pages = value if isinstance(value, list) else [value]
    if not pages:
        raise BroadsheetError("jump_to = [] names no page", file=file, field=field,
                              fix=f"write {example}, or leave jump_to out")
    for target in pages:
        _whole(target, file, field, 1, example)
    shown = _shown_jumps(tuple(pages))
    for n, target in enumerate(pages):
        if target in pages[:n]:
            raise BroadsheetError(f"jump_to = {shown} names page {target} twice", file=file,
                                  field=field, fix=f"name each page once: {example}")
        if target <= page:
            raise BroadsheetError(f"jump_to = {shown}: the story is on page {page}, and page "
                                  f"{target} does not come after it", file=file, field=field,
                                  fix=f"give pages after page {page}: {example}")
        if n and target < pages[n - 1]:
            raise BroadsheetError(
                f"jump_to = {shown}: page {target} is listed after page {pages[n - 1]}, but "
                f"a story goes on only to later pages", file=file, field=field,
                fix=f"list the pages in the order the story goes on: {example}")
    return tuple(pages)


def _whole(value, file: str, field: str, least: int, example: str, most: int | None = None
           ) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least or (
            most is not None and value > most):
        limits = f"from {least} to {most}" if most is not None else f"at least {least}"
        raise BroadsheetError(f"must be a whole number {limits}, not {value!r}", file=file,
                              field=field, fix=f"write {example}")
    return value


def _widths(value, file: str, field: str, placed: bool) -> tuple[int, int]:
    if placed:
        raise BroadsheetError("columns = [a, b] is for a module the engine places", file=file,
                              field=field, fix="remove it: place gives the module's columns")
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)
            or value[0] > value[1]):
        raise BroadsheetError(f"columns must be [lowest, highest] widths, not {value!r}",
                              file=file, field=field,
                              fix="write e.g. columns = [2, 4] (whole numbers, lowest first)")
    return value[0], value[1]
