"""``orgmodel diff OLD NEW``: what a reorganisation changes, and whether it breaks a rule.

Exit 0 when NEW has no error finding that OLD did not have, 1 when it adds
one, 2 when an input cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from orgmodel.catalogue import load_catalogue
from orgmodel.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_map_option,
    apply_options,
    read_input,
    spreadsheet_safe,
    stage_of,
    wrap,
)
from orgmodel.model import Chart, Stage
from orgmodel.rules import Finding
from orgmodel.wording import counted

if TYPE_CHECKING:
    from orgmodel.analysis import Coverage
    from orgmodel.diff import ChartDiff, FunctionCoverage
    from orgmodel.spans import SpansAndLayers

# Comparing, with its coverage and spans, is imported when a diff runs: every
# other command starts without it.

KIND_HEADINGS = {
    "added": "Added",
    "removed": "Removed",
    "moved": "Moved",
    "retitled": "Retitled",
    "re-kinded": "Re-kinded",
    "employment": "Employment changed",
    "person": "Holder changed",
    "department": "Department changed",
    "experience": "Experience changed",
    "responsibility-given": "Responsibilities given",
    "responsibility-taken": "Responsibilities taken",
    "dotted-added": "Dotted lines added",
    "dotted-removed": "Dotted lines removed",
}


def register(commands: Any) -> None:
    """Add the ``diff`` subcommand to the parser's subcommands."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "diff",
        help="compare two versions of a chart: changes, findings resolved and new, coverage",
    )
    parser.add_argument("old", help="the chart before (.orgm or HR CSV export)")
    parser.add_argument("new", help="the chart after (.orgm or HR CSV export)")
    parser.add_argument("--format", choices=["text", "json", "csv"], default="text")
    parser.add_argument(
        "--stage", choices=[s.value for s in Stage], help="business stage of both charts"
    )
    parser.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="switch a rule off"
    )
    parser.add_argument(
        "--span-limit", type=int, metavar="N", help="direct reports allowed by span-of-control"
    )
    add_map_option(parser)
    parser.set_defaults(run=cmd_diff)


def cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from orgmodel.diff import diff_charts

    stage = stage_of(args.stage)
    old = apply_options(read_input(args.old, stage, args).chart, args.disable, args.span_limit)
    new = apply_options(read_input(args.new, stage, args).chart, args.disable, args.span_limit)
    diff = diff_charts(old, new)
    if args.format == "json":
        json.dump(diff_json(diff), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        write_diff_csv(diff, out)
    else:
        print_diff_text(diff, Path(args.old).name, Path(args.new).name, out)
    return EXIT_FINDINGS if diff.adds_error else EXIT_OK


def _coverage_text(entry: Coverage | None) -> str:
    if entry is None:
        return "no role"
    return (
        f"{entry.core_covered} of {entry.core_total} core held, "
        f"{counted(len(entry.gaps), 'gap')}, {counted(len(entry.overlaps), 'overlap')}"
    )


def _layers_text(spans: SpansAndLayers) -> str:
    return ", ".join(f"{f} {n}" for f, n in spans.layers_by_function.items())


def _number(value: float) -> str:
    return f"{value:g}"


def spans_lines(before: SpansAndLayers, after: SpansAndLayers) -> list[str]:
    """Spans and layers, before → after, one line each."""
    bands = "; ".join(
        f"{b.label}: {len(b.managers)} → {len(a.managers)}"
        for b, a in zip(before.bands, after.bands, strict=True)
    )
    return [
        f"managers by span: {bands}",
        f"managers with a single report: {len(before.single_report_managers)} → "
        f"{len(after.single_report_managers)}",
        f"median span: {_number(before.median_span)} → {_number(after.median_span)}",
        f"layers: {before.layers} → {after.layers}",
        f"layers by function: {_layers_text(before) or 'none'} → {_layers_text(after) or 'none'}",
        f"over the span limit ({before.span_limit} → {after.span_limit}): "
        f"{len(before.over_limit)} → {len(after.over_limit)}",
    ]


def _print_findings(title: str, findings: tuple[Finding, ...], chart: Chart, out: TextIO) -> None:
    """Each finding with its roles named as the changes name them, then their id."""
    out.write(f"\n{title} ({len(findings)})\n")
    catalogue = load_catalogue()
    for finding in findings:
        roles = ", ".join(
            f"{catalogue.label(role)} [{role_id}]" if (role := chart.get(role_id)) else role_id
            for role_id in finding.roles
        )
        named = f" (roles: {roles})" if roles else ""
        wrap(f"[{finding.rule}] {finding.severity}: {finding.message}{named}", "  ", out)


def print_diff_text(diff: ChartDiff, old_name: str, new_name: str, out: TextIO) -> None:
    from orgmodel.diff import CHANGE_KINDS

    out.write(f"{old_name} → {new_name}: {len(diff.old)} → {counted(len(diff.new), 'role')}\n")
    if diff.matched_by_name:
        pairs = ", ".join(f"{o} → {n}" for o, n in diff.matched_by_name)
        wrap(f"Matched by person name, ids changed ({len(diff.matched_by_name)}): {pairs}", "", out)
    out.write(f"\nCHANGES ({len(diff.changes)})\n")
    for kind in CHANGE_KINDS:
        group = diff.of_kind(kind)
        if group:
            out.write(f"  {KIND_HEADINGS[kind]} ({len(group)})\n")
            for change in group:
                wrap(change.description, "    ", out)
    if not diff.changes:
        out.write("  No role changed.\n")
    _print_findings("FINDINGS RESOLVED", diff.resolved, diff.old, out)
    _print_findings("FINDINGS NEW", diff.introduced, diff.new, out)
    out.write("\nCOVERAGE\n")
    out.write(f"  score: {diff.score_before} → {diff.score_after}\n")
    for entry in diff.coverage:
        wrap(
            f"{entry.function}: {_coverage_text(entry.before)} → {_coverage_text(entry.after)}",
            "  ",
            out,
        )
    out.write("\nSPANS AND LAYERS\n")
    for line in spans_lines(diff.spans_before, diff.spans_after):
        wrap(line, "  ", out)
    verdict = "NEW adds an error finding." if diff.adds_error else "NEW adds no error finding."
    out.write(f"\n{verdict}\n")


def _finding_json(finding: Finding) -> dict[str, object]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "roles": list(finding.roles),
        "message": finding.message,
    }


def _coverage_json(entry: Coverage | None) -> dict[str, object] | None:
    if entry is None:
        return None
    return {
        "core_total": entry.core_total,
        "core_covered": entry.core_covered,
        "gaps": list(entry.gaps),
        "overlaps": list(entry.overlaps),
    }


def _function_json(entry: FunctionCoverage) -> dict[str, object]:
    return {
        "function": entry.function,
        "before": _coverage_json(entry.before),
        "after": _coverage_json(entry.after),
    }


def diff_json(diff: ChartDiff) -> dict[str, object]:
    from orgmodel.cli.spans import spans_json

    return {
        "changes": [
            {
                "change": c.kind,
                "role": c.role,
                "old_id": c.old_id,
                "matched_by": "name" if c.by_name else "id",
                "label": c.label,
                "before": c.before,
                "after": c.after,
                "description": c.description,
            }
            for c in diff.changes
        ],
        "matched_by_name": [{"old": o, "new": n} for o, n in diff.matched_by_name],
        "findings": {
            "resolved": [_finding_json(f) for f in diff.resolved],
            "new": [_finding_json(f) for f in diff.introduced],
        },
        "coverage": {
            "score": {"before": diff.score_before, "after": diff.score_after},
            "functions": [_function_json(entry) for entry in diff.coverage],
        },
        "spans": {"before": spans_json(diff.spans_before), "after": spans_json(diff.spans_after)},
        "adds_error": diff.adds_error,
    }


CSV_COLUMNS = (
    "change", "role", "old_id", "matched_by", "label", "before", "after",
    "rule", "severity", "message",
)  # fmt: skip


def write_diff_csv(diff: ChartDiff, out: TextIO) -> None:
    """One row per change, then one per finding resolved or new (its roles joined by ';')."""
    safe = spreadsheet_safe
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n", restval="")
    writer.writeheader()
    for c in diff.changes:
        writer.writerow(
            {
                "change": c.kind,
                "role": safe(c.role),
                "old_id": safe(c.old_id),
                "matched_by": "name" if c.by_name else "id",
                "label": safe(c.label),
                "before": safe(c.before),
                "after": safe(c.after),
            }
        )
    for status, findings in (("finding-resolved", diff.resolved), ("finding-new", diff.introduced)):
        for finding in findings:
            writer.writerow(
                {
                    "change": status,
                    "role": safe(";".join(finding.roles)),
                    "rule": finding.rule,
                    "severity": finding.severity,
                    "message": safe(finding.message),
                }
            )
