"""What every command shares: exit codes, reading a chart with --map/--stage,
refusing to overwrite, wrapping text."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from orgmodel.display_text import shown
from orgmodel.errors import printable
from orgmodel.importing.vocabulary import FIELDS, ColumnMappingError
from orgmodel.model import Chart, Stage
from orgmodel.open_chart import LoadedChart, read_chart
from orgmodel.rules import (
    UnknownRuleError,
    rule_catalogue,
)

EXIT_OK = 0

EXIT_FINDINGS = 1

EXIT_UNUSABLE = 2


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line, exit 2."""


def terminal_width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def wrap(text: str, indent: str, out: TextIO, width: int | None = None) -> None:
    """``text`` wrapped to ``width`` (the terminal's by default: a caller writing
    thousands of lines asks for it once and passes it)."""
    width = width or terminal_width()
    text = shown(text)
    filled = _plain_filled(text, indent, width)
    if filled is None:
        filled = textwrap.fill(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_on_hyphens=False,
        )
    out.write(filled + "\n")


def _plain_filled(text: str, indent: str, width: int) -> str | None:
    """What textwrap makes of ``text``, made without it where the text is plain:
    printable (no tab, line break or non-ASCII space), its words apart by single
    spaces, none too long for a line. None for other text, which textwrap
    wraps. Validating a large chart wraps thousands of such lines, and
    textwrap's chunking of each cost more than the rest of the output."""
    if not text.isprintable() or text[:1] in ("", " ") or text[-1] == " " or "  " in text:
        return None
    if len(indent) + len(text) <= width:
        return indent + text
    more = indent + "  "
    words = text.split(" ")
    if max(map(len, words)) > width - len(more):
        return None  # textwrap breaks such a word; leave it to it
    lines = []
    line = indent + words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = more + word
    lines.append(line)
    return "\n".join(lines)


def apply_options(chart: Chart, disable: Sequence[str], span_limit: int | None) -> Chart:
    for rule_id in disable:
        if rule_id not in rule_catalogue():
            raise UnknownRuleError(rule_id)
    settings = chart.settings
    settings = attrs.evolve(settings, disabled=settings.disabled | set(disable))
    if span_limit is not None:
        settings = attrs.evolve(settings, span_of_control_limit=span_limit)
    return attrs.evolve(chart, settings=settings)


def stage_of(value: str | None) -> Stage | None:
    return None if value is None else Stage(value)


def mapping_of(args: argparse.Namespace) -> dict[str, str] | None:
    """The --map FIELD=COLUMN options as a field -> column mapping."""
    mapping: dict[str, str] = {}
    for item in getattr(args, "map", None) or []:
        field, sep, column = item.partition("=")
        field = field.strip()
        if not sep or not field or not column.strip():
            raise UsageError(f"--map {item!r} should be FIELD=COLUMN, such as manager='Reports To'")
        if field not in FIELDS:
            raise UsageError(
                f"--map {field!r} is not a field that can be mapped (use {', '.join(FIELDS)})"
            )
        mapping[field] = column.strip()
    return mapping or None


def read_input(path: str, stage: Stage | None, args: argparse.Namespace) -> LoadedChart:
    try:
        return read_chart(path, stage, mapping_of(args), sheet=getattr(args, "sheet", None))
    except ColumnMappingError as error:
        raise UsageError(str(error)) from None


def refuse_to_replace(target: Path, force: bool) -> None:
    """A chart already at ``target`` may hold work: only --force replaces it."""
    from orgmodel.atomic_write import check_writable  # only the commands that write need it

    try:
        check_writable(target)  # a read-only target is refused as such, even with --force
    except OSError as error:
        raise cannot_write(target, error) from None
    if target.exists() and not force:
        raise UsageError(f"{printable(str(target))} exists already (--force replaces it)")


def cannot_write(target: Path, error: OSError) -> UsageError:
    """One sentence naming the file and the reason; the file is as it was."""
    from orgmodel.atomic_write import TargetNotWritableError

    if isinstance(error, TargetNotWritableError):
        return UsageError(str(error))
    reason = error.strerror or str(error)
    kept = "; the file there was not replaced" if target.exists() else ""
    return UsageError(f"cannot write {printable(str(target))}: {reason}{kept}")


def add_map_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"read FIELD from the column COLUMN (fields: {', '.join(FIELDS)})",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet of a spreadsheet to read (default: the first visible one)",
    )


def spreadsheet_safe(text: str | None) -> str:
    """Text a spreadsheet will not run as a formula: a leading = + - @ (or tab or
    carriage return) gets an apostrophe in front."""
    if text is None:
        return ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
