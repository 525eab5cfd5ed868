"""The style's settings for what pages carry besides stories: the paper's standard ad sizes
(`[ads]`), frames (`[frames]`, 花边/边框), tints (`[tints]`, 底纹) and the reversed headline
bar's colour — read once, checked, into `CarryStyle`.

    [ads]
    rgb = "convert"                 # RGB image ads: "convert" with the press profile, or "refuse"
    scale_tolerance_percent = 3     # an ad is scaled by at most this much to fit its slot
    [ads.sizes]                     # name = [columns, grid lines]
    通栏 = [8, 26]
    [frames]
    single = { weight_pt = 0.75 }
    double = { weight_pt = 0.5, double = true, gap_pt = 1.5, corner = "round" }
    [tints]
    max_percent = 20                # total ink a tint under 100 K text may have
    grey = [0, 0, 0, 10]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import BroadsheetError

CORNERS = ("square", "round")
RGB_POLICIES = ("convert", "refuse")


@dataclass(frozen=True)
class Frame:
    """A frame (边框) round a module: one or two lines, square or rounded corners."""
    weight: float = 0.75            # points
    double: bool = False            # two lines (双线框)
    gap: float = 1.5                # between the two lines, points
    corner: str = "square"          # or "round"
    inset_chars: float = 1.0        # text kept this many body characters inside the frame


@dataclass(frozen=True)
class CarryStyle:
    ad_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    rgb: str = "convert"
    scale_tolerance: float = 0.03
    frames: dict[str, Frame] = field(default_factory=dict)
    tints: dict[str, tuple] = field(default_factory=dict)     # CMYK 0..1
    max_tint: float = 20.0          # percent of total ink
    bar: tuple = (0.0, 0.0, 0.0, 1.0)   # the reversed headline bar (colors.bar)
    column_rule: float = 0.0        # 栏线 between a module's text columns, points (0: none)


def ad_sizes(table: dict, path: Path) -> dict[str, tuple[int, int]]:
    """The style's named ad sizes: name → (columns, grid lines)."""
    raw = table.get("ads", {}).get("sizes", {})
    sizes = {}
    for name, value in raw.items():
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) and v > 0 for v in value)):
            raise BroadsheetError(f"an ad size is [columns, lines], not {value!r}",
                                  file=str(path), field=f"ads.sizes.{name}",
                                  fix=f"e.g. {name} = [8, 26]")
        sizes[name] = (value[0], value[1])
    return sizes


def load_carry_style(table: dict, path: Path, colors: dict) -> CarryStyle:
    file = str(path)
    ads = table.get("ads", {})
    rgb = ads.get("rgb", "convert")
    if rgb not in RGB_POLICIES:
        raise BroadsheetError(f"ads.rgb must be one of {', '.join(RGB_POLICIES)}, not {rgb!r}",
                              file=file, field="ads.rgb",
                              fix='"convert" converts RGB image ads with the press profile; '
                                  '"refuse" reports them as errors')
    tolerance = ads.get("scale_tolerance_percent", 3)
    if not isinstance(tolerance, (int, float)) or not 0 <= tolerance <= 10:
        raise BroadsheetError(f"scale_tolerance_percent must be 0 to 10, not {tolerance!r}",
                              file=file, field="ads.scale_tolerance_percent",
                              fix="3 is usual: an ad a little off its slot is scaled, not more")
    tints_table = dict(table.get("tints", {}))
    max_tint = tints_table.pop("max_percent", 20)
    tints = {}
    for name, value in tints_table.items():
        if (not isinstance(value, list) or len(value) != 4
                or not all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in value)):
            raise BroadsheetError(f"a tint is four percentages [C, M, Y, K], not {value!r}",
                                  file=file, field=f"tints.{name}", fix=f"e.g. {name} = [0, 0, 0, 10]")
        if sum(value) > max_tint:
            raise BroadsheetError(
                f"the tint {name} has {sum(value):g} % ink, more than tints.max_percent "
                f"({max_tint:g} %): 100 K text on it would not read", file=file,
                field=f"tints.{name}", fix="make it lighter")
        tints[name] = tuple(v / 100 for v in value)
    frames = {}
    for name, value in table.get("frames", {}).items():
        if not isinstance(value, dict):
            raise BroadsheetError("a frame is a table", file=file, field=f"frames.{name}",
                                  fix=f"e.g. {name} = {{ weight_pt = 0.75 }}")
        unknown = set(value) - {"weight_pt", "double", "gap_pt", "corner", "inset_chars"}
        if unknown:
            raise BroadsheetError(f"unknown frame setting {sorted(unknown)[0]!r}", file=file,
                                  field=f"frames.{name}",
                                  fix="use weight_pt, double, gap_pt, corner, inset_chars")
        if value.get("corner", "square") not in CORNERS:
            raise BroadsheetError(f"corner must be one of {', '.join(CORNERS)}", file=file,
                                  field=f"frames.{name}.corner", fix='e.g. corner = "round"')
        frames[name] = Frame(weight=float(value.get("weight_pt", 0.75)),
                             double=bool(value.get("double", False)),
                             gap=float(value.get("gap_pt", 1.5)),
                             corner=value.get("corner", "square"),
                             inset_chars=float(value.get("inset_chars", 1.0)))
    return CarryStyle(ad_sizes=ad_sizes(table, path), rgb=rgb, scale_tolerance=tolerance / 100,
                      frames=frames, tints=tints, max_tint=float(max_tint),
                      bar=colors.get("bar", (0.0, 0.0, 0.0, 1.0)),
                      column_rule=float(table.get("rules", {}).get("column_pt", 0.0)))
