"""``orgmodel export``: a chart as PDF, PNG, SVG, PowerPoint or Graphviz DOT;
only the rendered formats load Qt."""

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
    stage_of,
)
from orgmodel.errors import printable
from orgmodel.model import Stage
from orgmodel.photos import resolved_photos


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    target = Path(args.output)
    if not 10 <= args.dpi <= 1200:
        raise UsageError("--dpi must be between 10 and 1200")
    # An export has no file of its own: relative photo paths are read from the input's folder.
    chart = resolved_photos(
        read_input(args.path, stage_of(args.stage), args).chart, Path(args.path).parent
    )
    # python-pptx and Graphviz load only for an export: validate starts lean.
    from orgmodel.export_target import (
        RENDERED,
        ExportRefusedError,
        check_export,
        export_without_qt,
    )

    try:
        suffix = check_export(chart, target, args.subtree)
        if suffix not in RENDERED:
            message = export_without_qt(
                chart,
                target,
                names=not args.no_names,
                findings=args.findings,
                subtree=args.subtree,
            )
            out.write(message + "\n")
            return EXIT_OK
    except ExportRefusedError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise cannot_write(target, error) from None
    # Only these formats need Qt; importing it here keeps the other commands fast.
    try:
        from ui.render import ExportError, ExportOptions, export_chart, headless_application
    except ImportError as error:
        if (error.name or "").partition(".")[0] != "PySide6":
            raise
        raise UsageError(
            f"exporting to {suffix} needs Qt, which is not installed: "
            "pip install 'orgmodel[gui]' (.pptx and .dot exports need no Qt)"
        ) from None

    headless_application()
    options = ExportOptions(
        page=args.page,
        orientation="landscape" if args.landscape else "portrait" if args.portrait else "auto",
        paging=args.pages,
        dpi=args.dpi,
        subtree=args.subtree,
        names=not args.no_names,
        markers=not args.no_markers,
        legend=not args.no_legend,
        findings=args.findings,
        layout=args.layout,
    )
    try:
        out.write(export_chart(chart, target, options) + "\n")
    except ExportError as error:
        raise UsageError(f"cannot export {printable(target.name)}: {error}") from None
    except OSError as error:
        raise cannot_write(target, error) from None
    return EXIT_OK


def register(commands: Any) -> None:
    """Add the command to the parser's subcommands."""
    stages = [s.value for s in Stage]
    export = commands.add_parser(
        "export",
        help="export a chart to PDF, PNG, SVG, PowerPoint or Graphviz DOT (no display needed)",
    )
    export.add_argument("path", help="a .orgm chart, an HR export or JSON chart data")
    export.add_argument(
        "-o", "--output", required=True, help="OUT.pdf, OUT.png, OUT.svg, OUT.pptx or OUT.dot"
    )
    export.add_argument(
        "--stage", choices=stages, help="business stage (import default: established)"
    )
    export.add_argument("--page", choices=["a4", "letter", "a3"], default="a4")
    orientation = export.add_mutually_exclusive_group()
    orientation.add_argument("--landscape", action="store_true")
    orientation.add_argument("--portrait", action="store_true")
    export.add_argument(
        "--pages",
        choices=["auto", "one", "tile"],
        default="auto",
        help="one page, tiles at a readable scale, or one page unless too small (default)",
    )
    export.add_argument("--dpi", type=int, default=96, help="PNG resolution (default 96)")
    export.add_argument("--subtree", metavar="ROLE_ID", help="only this role and those below it")
    export.add_argument("--no-names", action="store_true", help="leave out people's names")
    export.add_argument("--no-markers", action="store_true", help="leave out finding markers")
    export.add_argument(
        "--no-legend",
        action="store_true",
        help="leave out the legend (and, from a PNG or SVG, the title line)",
    )
    export.add_argument("--findings", action="store_true", help="add pages listing the findings")
    export.add_argument(
        "--layout",
        choices=["tidy", "dot"],
        default="tidy",
        help="compact tidy tree (default), or Graphviz dot for charts of up to 1,000 roles",
    )
    add_map_option(export)
    export.set_defaults(run=cmd_export)
