"""``orgmodel template``: start a chart from a stage template."""

from __future__ import annotations

from typing import Any


def register(commands: Any) -> None:
    """Add the ``template`` subcommand to the parser's subcommands."""
