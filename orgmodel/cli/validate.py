"""``orgmodel validate``: check a chart against the rules."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from orgmodel.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_map_option,
    apply_options,
    read_input,
    stage_of,
)
from orgmodel.cli.findings_output import findings_json, print_findings_text
from orgmodel.model import Stage
from orgmodel.rules import (
    validate,
)


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    loaded = read_input(args.path, stage_of(args.stage), args)
    chart = apply_options(loaded.chart, args.disable, args.span_limit)
    findings = validate(chart)
    if args.format == "json":
        json.dump(findings_json(chart, findings, loaded.report), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print_findings_text(chart, findings, out, loaded.report)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def register(commands: Any) -> None:
    """Add the command to the parser's subcommands."""
    stages = [s.value for s in Stage]
    check = commands.add_parser(
        "validate", help="check a chart (.orgm, an HR export or JSON chart data) against the rules"
    )
    check.add_argument(
        "path", help="a .orgm chart, an HR export (CSV, XLSX, XLS, ODS) or JSON chart data"
    )
    check.add_argument(
        "--stage", choices=stages, help="business stage (import default: established)"
    )
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="switch a rule off"
    )
    check.add_argument(
        "--span-limit", type=int, metavar="N", help="direct reports allowed by span-of-control"
    )
    add_map_option(check)
    check.set_defaults(run=cmd_validate)
