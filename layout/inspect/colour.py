"""Colour in a PDF against a PDF/X standard: which colour spaces may paint, named as a person
would name them, and the findings of the colour check (forbidden spaces, small rich-black
text, black text that knocks out).
"""
from __future__ import annotations

import pikepdf

from .content import colour_family, resolve_space
from .findings import Finding

SMALL_TEXT_PT = 12.0            # rich black is a registration risk below this size


def icc_components(space) -> int:
    try:
        return int(space[1].get("/N", 0))
    except (AttributeError, IndexError, TypeError, ValueError):
        return 0


def space_label(space) -> str:
    """A colour space as a person would name it: DeviceRGB, ICCBased RGB, Indexed DeviceRGB…"""
    family = colour_family(space)
    if isinstance(space, pikepdf.Name) or not isinstance(space, pikepdf.Array):
        return family.lstrip("/")
    if family == "/ICCBased":
        return "ICCBased " + {1: "Gray", 3: "RGB", 4: "CMYK"}.get(icc_components(space), "?")
    if family == "/Indexed" and len(space) > 1:
        return "Indexed " + space_label(resolve_space(space[1], None))
    if family == "/Separation" and len(space) > 2:
        return f"Separation {space[1]} (alternate {space_label(resolve_space(space[2], None))})"
    if family == "/DeviceN" and len(space) > 2:
        return f"DeviceN (alternate {space_label(resolve_space(space[2], None))})"
    if family == "/Pattern" and len(space) > 1:
        return "Pattern " + space_label(resolve_space(space[1], None))
    return family.lstrip("/")


def space_problem(space, resources, standard: str, depth: int = 0) -> str | None:
    """Why the standard forbids painting in `space`, or None if it allows it."""
    if depth > 4:
        return None
    space = resolve_space(space, resources)
    family = colour_family(space, resources)
    x1a = standard.startswith("PDF/X-1a")
    if family in ("/DeviceGray", "/DeviceCMYK"):
        return None
    if family == "/DeviceRGB":
        if x1a:
            return "RGB"
        spaces = resources.get("/ColorSpace", {}) if resources is not None else {}
        if isinstance(spaces, pikepdf.Dictionary) and "/DefaultRGB" in spaces:
            return None
        return "device RGB"
    if family in ("/Indexed", "/Separation", "/DeviceN", "/Pattern"):
        if not isinstance(space, pikepdf.Array) or len(space) < 2:
            return None
        if family in ("/Indexed", "/Pattern"):
            base = space[1]
        else:                       # Separation, DeviceN: the alternate space
            base = space[2] if len(space) > 2 else None
        return None if base is None else space_problem(base, resources, standard, depth + 1)
    if not x1a:
        return None                 # ICC-based and Lab colour are colour-managed, allowed
    if family == "/ICCBased":
        return {3: "RGB", 4: "ICC-based CMYK", 1: "ICC-based grey"}.get(icc_components(space),
                                                                      "ICC-based")
    if family == "/Lab":
        return "Lab"
    if family in ("/CalRGB", "/CalGray"):
        return "calibrated colour"
    return None


def colour_findings(seen, standard: str) -> list[Finding]:
    findings = []
    for (page, label, problem), entry in seen.colours.items():
        how = ", ".join(sorted(op for op in entry["set"] if op))
        what = " and ".join(sorted(entry["paint"]))
        if standard.startswith("PDF/X-1a"):
            fix = "PDF/X-1a allows CMYK, grey and spot colour only: convert it to CMYK"
        else:
            fix = "PDF/X-4 needs RGB to be ICC-based (or a DefaultRGB space): tag or convert it"
        findings.append(Finding("error", "colour", page, label,
                                f"{label} colour{f' ({how})' if how else ''} paints {what} "
                                f"{entry['count']} time{'s' * (entry['count'] != 1)}: {fix}"))
    for page, (count, size, (c, m, y, k)) in seen.rich_black.items():
        colour = f"C{c * 100:.0f} M{m * 100:.0f} Y{y * 100:.0f} K{k * 100:.0f}"
        findings.append(Finding(
            "warning", "colour", page, colour,
            f"rich black small text: {count} text run{'s' * (count != 1)} under "
            f"{SMALL_TEXT_PT:g} pt (down to {size:.1f} pt) in {colour}; misregistration "
            "blurs it: set small text in K only"))
    for page, count in seen.knockout_black.items():
        findings.append(Finding(
            "info", "colour", page, "K100 text",
            f"{count} black text run{'s' * (count != 1)} do not overprint (needs op true and "
            "OPM 1): misregistration leaves white edges; set black text to overprint"))
    return findings
