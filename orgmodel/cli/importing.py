"""``orgmodel import`` and ``orgmodel inspect``: an HR export to a .orgm chart,
and how it was read."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from orgmodel.cli.common import (
    EXIT_OK,
    UsageError,
    add_map_option,
    cannot_write,
    read_input,
    refuse_to_replace,
    stage_of,
    wrap,
)
from orgmodel.cli.findings_output import ambiguous_manager_lines
from orgmodel.errors import printable
from orgmodel.model import Stage
from orgmodel.open_chart import LoadedChart
from orgmodel.wording import counted


def print_import_report(loaded: LoadedChart, out: TextIO) -> None:
    from orgmodel.importing.summary import METHOD_WORDS, confidence_summary

    report = loaded.report
    if report is None:
        return
    verdict, summary = confidence_summary(report)
    wrap(verdict, "", out)
    for said in summary:
        wrap(f"{said.label + ':':<11}{said.text}", "  ", out)
    if report.implausible:
        wrap(f"Implausible reporting lines ({len(report.implausible)}):", "", out)
        for sentence in report.implausible:
            wrap(sentence, "  ", out)
    wrap(f"Read from: {report.container}", "", out)
    columns = ", ".join(f"{field} <- {header!r}" for field, header in report.columns.items())
    wrap(f"Columns: {columns}", "", out)
    if report.unclassified_titles:
        titles = ", ".join(
            f"{title!r}" + (f" ({count})" if count > 1 else "")
            for title, count in report.unclassified_titles.items()
        )
        wrap(f"Titles not classified (kept as unclassified roles): {titles}", "", out)
    if report.manager_column is not None:
        how = ", ".join(
            f"{count} {METHOD_WORDS[m]}" for m, count in report.managers_resolved.items()
        )
        total = sum(report.managers_resolved.values())
        wrap(
            f"Managers: {counted(total, 'reporting line')} resolved from "
            f"{report.manager_column!r}" + (f" ({how})" if how else ""),
            "",
            out,
        )
    if report.manager_choice:
        wrap(f"Manager column: {report.manager_choice}", "", out)
    if report.unresolved_managers:
        wrap(f"Managers not found ({len(report.unresolved_managers)}):", "", out)
        for line, value in report.unresolved_managers:
            wrap(f"{report.unit} {line}: {value!r} matches no row", "  ", out)
    if report.ambiguous_managers:
        wrap(
            f"Ambiguous manager names, left unresolved ({len(report.ambiguous_managers)}):",
            "",
            out,
        )
        for sentence in ambiguous_manager_lines(report):
            wrap(sentence, "  ", out)
    if report.loops:
        wrap(f"Reporting loops, imported as they are ({len(report.loops)}):", "", out)
        for loop in report.loops:
            wrap(loop, "  ", out)
    if report.reattached:
        wrap(f"Moved up from a leaver ({len(report.reattached)}):", "", out)
        for sentence in report.reattached:
            wrap(sentence, "  ", out)
    if report.set_aside:
        wrap(f"Rows set aside, not imported ({len(report.set_aside)}):", "", out)
        for reason in report.set_aside:
            wrap(reason, "  ", out)
    for note in report.notes:
        wrap(f"Note: {note}", "", out)


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    source = Path(args.csv)
    if args.dry_run:
        loaded = read_input(args.csv, stage_of(args.stage) or Stage.ESTABLISHED, args)
        if loaded.report is None:
            raise UsageError(f"{source.name} is a chart, not an HR export or chart data")
        out.write(f"Read {counted(len(loaded.chart), 'role')} from {source.name} (dry run).\n")
        print_import_report(loaded, out)
        return EXIT_OK
    if args.output is None:
        raise UsageError("import needs -o OUT.orgm (or --dry-run to only read the file)")
    target = Path(args.output)
    if target.suffix.lower() != ".orgm":
        raise UsageError(f"the output {target.name!r} should end in .orgm")
    if target.resolve() == source.resolve():
        raise UsageError("the output file is the file being imported")
    refuse_to_replace(target, args.force)
    loaded = read_input(args.csv, stage_of(args.stage) or Stage.ESTABLISHED, args)
    if loaded.report is None:
        raise UsageError(f"{source.name} is a chart, not an HR export or chart data")
    from orgmodel.fileformat import save_chart  # the chart format: only this command writes one

    try:
        save_chart(loaded.chart, target)
    except OSError as error:
        raise cannot_write(target, error) from None
    out.write(
        f"Imported {counted(len(loaded.chart), 'role')} from {printable(source.name)} "
        f"into {printable(str(target))}.\n"
    )
    print_import_report(loaded, out)
    return EXIT_OK


def register(commands: Any) -> None:
    """Add the commands to the parser's subcommands."""
    stages = [s.value for s in Stage]
    convert = commands.add_parser(
        "import", help="convert an HR export or JSON chart data to a .orgm chart"
    )
    convert.add_argument("csv", help="the export: CSV, XLSX, XLS, ODS or JSON", metavar="FILE")
    convert.add_argument("-o", "--output", help="the .orgm file to write")
    convert.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
    convert.add_argument("--stage", choices=stages, help="business stage (default: established)")
    convert.add_argument(
        "--dry-run",
        action="store_true",
        help="only read the file and print how it was read; write nothing",
    )
    add_map_option(convert)
    convert.set_defaults(run=cmd_import)

    inspect = commands.add_parser(
        "inspect", help="print how an HR export or JSON chart data is read (import --dry-run)"
    )
    inspect.add_argument("csv", help="the export: CSV, XLSX, XLS, ODS or JSON", metavar="FILE")
    inspect.add_argument("--stage", choices=stages, help="business stage (default: established)")
    add_map_option(inspect)
    inspect.set_defaults(run=cmd_import, dry_run=True, output=None)
