"""Findings as the commands print them: grouped text, or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from orgmodel.cli.common import (
    wrap,
)
from orgmodel.model import Chart
from orgmodel.rules import (
    Finding,
    summarise,
    summary_line,
)
from orgmodel.rules.rule import SEVERITIES
from orgmodel.wording import counted

HEADINGS = {"error": "ERRORS", "warning": "WARNINGS", "info": "INFO"}


def print_findings_text(chart: Chart, findings: Sequence[Finding], out: TextIO) -> None:
    out.write(f"{chart.name}: {counted(len(chart), 'role')}, {chart.stage.value} business\n")
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        out.write(f"\n{HEADINGS[severity]} ({len(group)})\n")
        for finding in group:
            wrap(f"[{finding.rule}] {finding.message}", "  ", out)
            wrap(f"fix: {finding.suggestion}", "      ", out)
            wrap(f"source: {finding.source}", "      ", out)
    if not findings:
        out.write("\nNo findings: the chart follows every rule that is switched on.\n")
    out.write(f"\n{summary_line(findings)}\n")


def findings_json(chart: Chart, findings: Sequence[Finding]) -> dict[str, object]:
    counts = summarise(findings)
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
    }
