"""``orgmodel template``: start a chart from a stage template."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from orgmodel.cli.common import (
    EXIT_OK,
    UsageError,
    cannot_write,
    refuse_to_replace,
    wrap,
)
from orgmodel.file_kinds import SUFFIX
from orgmodel.wording import counted


def register(commands: Any) -> None:
    """Add the ``template`` subcommand to the parser's subcommands."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "template", help="start a chart from a stage template (startup, scale-up, enterprise)"
    )
    parser.add_argument("name", nargs="?", help="the template (see --list)")
    parser.add_argument("-o", "--output", help=f"the {SUFFIX} file to write")
    parser.add_argument("--list", action="store_true", help="list the templates and when they fit")
    parser.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
    parser.set_defaults(run=cmd_template)


def cmd_template(args: argparse.Namespace, out: TextIO) -> int:
    # The templates and the chart format are read when this command runs.
    from orgmodel.fileformat import save_chart
    from orgmodel.templates import UnknownTemplateError, load_template, templates

    if args.list:
        for template in templates():
            chart = template.chart
            out.write(
                f"{template.id}: {template.name} ({chart.stage.value} business, "
                f"{counted(len(chart), 'role')})\n"
            )
            wrap(template.description, "    ", out)
        return EXIT_OK
    if args.name is None:
        raise UsageError("template needs a NAME and -o FILE, or --list")
    try:
        template = load_template(args.name)
    except UnknownTemplateError as error:
        raise UsageError(str(error)) from None
    if args.output is None:
        raise UsageError(f"template needs -o OUT{SUFFIX}, the chart file to write")
    target = Path(args.output)
    if target.suffix.lower() != SUFFIX:
        raise UsageError(f"the output {target.name!r} should end in {SUFFIX}")
    refuse_to_replace(target, args.force)
    try:
        save_chart(template.chart, target)
    except OSError as error:
        raise cannot_write(target, error) from None
    out.write(f"Wrote {target}: {template.name}, {counted(len(template.chart), 'vacant seat')}.\n")
    return EXIT_OK
