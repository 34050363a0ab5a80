"""Findings as the commands print them: grouped text, or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from orgmodel.cli.common import (
    terminal_width,
    wrap,
)
from orgmodel.importing.report import ImportReport
from orgmodel.model import Chart
from orgmodel.rules import (
    Finding,
    summarise,
    summary_line,
)
from orgmodel.rules.rule import SEVERITIES
from orgmodel.wording import counted

HEADINGS = {"error": "ERRORS", "warning": "WARNINGS", "info": "INFO"}


def ambiguous_manager_lines(report: ImportReport) -> list[str]:
    """Each line whose manager's name several people share, as a sentence."""
    return [
        f"{report.unit} {line}: {value!r} is the name of several people"
        for line, value in report.ambiguous_managers
    ]


def print_findings_text(
    chart: Chart, findings: Sequence[Finding], out: TextIO, report: ImportReport | None = None
) -> None:
    """The findings by severity; for an imported file, first the lines the import
    left unlinked because their manager's name is shared (the findings about
    roles reporting to nobody follow from them)."""
    out.write(f"{chart.name}: {counted(len(chart), 'role')}, {chart.stage.value} business\n")
    width = terminal_width()
    ambiguous = ambiguous_manager_lines(report) if report is not None else []
    if ambiguous:
        out.write(f"\nAMBIGUOUS MANAGER NAMES ({len(ambiguous)})\n")
        wrap(
            "Left unlinked on import, so these lines' roles report to nobody here: give each "
            "the manager the file means before reading the findings about tops.",
            "  ",
            out,
            width,
        )
        for sentence in ambiguous:
            wrap(sentence, "  ", out, width)
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        out.write(f"\n{HEADINGS[severity]} ({len(group)})\n")
        for finding in group:
            wrap(f"[{finding.rule}] {finding.message}", "  ", out, width)
            wrap(f"fix: {finding.suggestion}", "      ", out, width)
            wrap(f"source: {finding.source}", "      ", out, width)
    if not findings:
        out.write("\nNo findings: the chart follows every rule that is switched on.\n")
    out.write(f"\n{summary_line(findings)}\n")


def findings_json(
    chart: Chart, findings: Sequence[Finding], report: ImportReport | None = None
) -> dict[str, object]:
    counts = summarise(findings)
    ambiguous = report.ambiguous_managers if report is not None else ()
    shared = (
        {"ambiguous_managers": [{"line": line, "name": name} for line, name in ambiguous]}
        if ambiguous
        else {}
    )
    return {
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "roles": list(f.roles),
                "message": f.message,
                "source": f.source,
                "suggestion": f.suggestion,
            }
            for f in findings
        ],
        "summary": {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "roles": len(chart),
        },
        **shared,
    }
