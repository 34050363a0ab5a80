"""How large text can be and still wrap inside a box, estimated without fonts.

The handout's readers open it where the theme's font may be missing: LibreOffice
without Calibri falls back to DejaVu Sans, which runs wider. The widths here are
DejaVu Sans' widest for chart titles, so the text fits whichever font shows it.
"""

from __future__ import annotations

from collections.abc import Sequence

AVERAGE_CHARACTER = 0.6
"""A character's width in ems, as wide as DejaVu Sans runs for a chart's titles."""
BOLD_CHARACTER = 0.68
LINE_SPACING = 1.25
"""A line's height in ems: DejaVu Sans takes 1.16, the rest is room to spare."""
SMALLEST_TEXT = 6.0


def fitting_size(
    texts: Sequence[tuple[str, float] | tuple[str, float, bool]],
    width: float,
    height: float,
    start: float,
) -> float:
    """The largest font size up to ``start`` (points) at which the texts, each a
    paragraph at ``share`` of that size (and bold if a third item says so), wrap
    within ``width`` x ``height`` points; ``height`` 1 means each must fit on one
    line. Never below 6 pt: past that, shorter words beat smaller type."""
    size = start
    while size > SMALLEST_TEXT:
        lines = 0.0
        fits = True
        for text, share, *bold in texts:
            em = BOLD_CHARACTER if bold and bold[0] else AVERAGE_CHARACTER
            per_line = max(1, int(width / (em * size * share)))
            wrapped = wrapped_lines(text, per_line)
            if height == 1 and wrapped > 1:
                fits = False
            lines += wrapped * share
        if fits and (height == 1 or lines * size * LINE_SPACING <= height):
            return size
        size -= 0.5
    return SMALLEST_TEXT


def wrapped_lines(text: str, per_line: int) -> int:
    """How many lines word wrap makes of ``text`` at ``per_line`` characters."""
    lines, used = 1, 0
    for word in text.split():
        # A word longer than a line is broken across lines, as PowerPoint does.
        length = len(word)
        if used and used + 1 + length > per_line:
            lines, used = lines + 1, 0
        if length > per_line:
            lines += (length - 1) // per_line
            length %= per_line
        used += length + (1 if used else 0)
    return lines
