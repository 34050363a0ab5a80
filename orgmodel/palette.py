"""The colours roles and findings are drawn in, the same on screen and in every export."""

from __future__ import annotations

from orgmodel.rules.rule import Severity

FUNCTION_COLOURS = {
    "executive": "#4a5d85",
    "marketing": "#d9730d",
    "operations": "#2e8b57",
    "sales": "#3a7bd5",
    "other": "#7d7d85",
}
UNCLASSIFIED_COLOUR = "#a0a0a8"
SEVERITY_COLOURS: dict[Severity, str] = {
    "error": "#d93025",
    "warning": "#e8a100",
    "info": "#1a73e8",
}


def tint(colour: str, share: float) -> str:
    """``colour`` mixed with white: ``share`` 0 is white, 1 the colour itself."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * share) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)
