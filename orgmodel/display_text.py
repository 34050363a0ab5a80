"""Text as shown to a reader: bounded, whatever a field holds.

A chart may hold a 10 MB title; the file keeps it whole, but a message, a
wrapped line or a printed page shows a bounded part of it, so the cost of
showing a finding does not depend on how long a field is.
"""

from __future__ import annotations

import re

MAX_WORD = 60
"""Longer runs without a space are cut, with an ellipsis: nobody reads them, and
line wrapping splits them at a cost that grows with their square."""
MAX_CHARACTERS = 2_000
"""Longer text keeps its start and its end, an ellipsis between."""
ELLIPSIS = "…"

_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def _cut_word(match: re.Match[str]) -> str:
    return match.group()[: MAX_WORD - 1] + ELLIPSIS


def shown(text: str) -> str:
    """``text`` for display: long words and long texts elided, short text unchanged."""
    if len(text) > MAX_CHARACTERS:
        head = MAX_CHARACTERS * 3 // 4
        tail = MAX_CHARACTERS - head
        # Cut first, so the word pass below never walks megabytes.
        text = f"{text[: head + MAX_WORD]} {ELLIPSIS} {text[-(tail + MAX_WORD) :]}"
    return _LONG_WORD.sub(_cut_word, text)
