"""The one error a user sees when a chart cannot be read."""

from __future__ import annotations

from pathlib import Path


def printable(text: str) -> str:
    """``text`` fit for a one-line message: line breaks, terminal escapes and other
    invisible or control characters are shown as escapes (``\\n``, ``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class ChartReadError(Exception):
    """A chart file or CSV could not be read; ``str()`` is one sentence for the user."""

    def __init__(
        self,
        path: Path | str,
        problem: str,
        *,
        line: int | None = None,
        column: str | None = None,
        unit: str = "line",
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        self.column = column
        self.unit = unit
        """What ``line`` counts: a "line" of text, a spreadsheet "row", a JSON "item"."""
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [printable(self.path.name)]
        if self.line is not None:
            where.append(f"{self.unit} {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.problem}"
