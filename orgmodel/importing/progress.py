"""How far an import has got, told between its steps, and a way to stop it there.

An import is pure work on data, so whoever runs it (the app runs it on a worker
thread) learns of its progress through a plain callable and stops it by
answering False; nothing is left half-read, the import just raises
:class:`ImportCancelled` instead of returning.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import define

Progress = Callable[[int, int], bool]
"""Told (steps done, steps in all); answers whether to go on."""

READ_STEPS = 1
"""Reading the file into a table of cells."""
PIPELINE_STEPS = 8
"""The row pipeline's stages, from finding the columns to the report's loops."""
IMPORT_STEPS = READ_STEPS + PIPELINE_STEPS


class ImportCancelled(Exception):
    """Whoever ran the import stopped it; nothing was read."""


@define
class Steps:
    """Counts an import's steps and tells ``progress`` after each."""

    progress: Progress | None
    total: int = IMPORT_STEPS
    done: int = 0

    def step(self) -> None:
        """One more step done; raises :class:`ImportCancelled` if told to stop."""
        self.done += 1
        if self.progress is not None and not self.progress(self.done, self.total):
            raise ImportCancelled("the import was cancelled; nothing was read")

    def still_wanted(self) -> bool:
        """Whether to go on, asked while a step takes long (the steps done told again)."""
        return self.progress is None or self.progress(self.done, self.total)
