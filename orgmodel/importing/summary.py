"""The confidence summary at the top of an import report: whether to trust the chart.

Five short lines a user reads in five seconds: who is at the top, how many
reporting lines resolved and from which column, how many look implausible,
what was set aside, and how many titles got no level.
"""

from __future__ import annotations

from attrs import frozen

from orgmodel.importing.report import ImportReport
from orgmodel.model import UNCLASSIFIED, Role
from orgmodel.wording import counted, join_some, join_words

METHOD_WORDS = {
    "id": "by id",
    "email": "by e-mail",
    "name": "by name",
    "dn": "by distinguished name",
}
UNRESOLVED_TOLERATED = 0.02
"""Up to this share of roles may have a manager not found before the chart is in doubt."""


@frozen
class SummaryLine:
    label: str
    text: str
    concern: bool
    """Whether this line is a reason to check the chart before trusting it."""


def _who(role: Role) -> str:
    return f"{role.person} ({role.title})" if role.person else f"the vacant {role.title} seat"


def confidence_summary(report: ImportReport) -> tuple[str, list[SummaryLine]]:
    """(verdict, lines) for the top of an import report."""
    chart = report.chart
    roles = list(chart)
    tops = [role for role in roles if role.manager is None]
    top_text = join_some([_who(r) for r in tops], shown=2) if tops else "nobody (a loop)"
    if len(tops) > 1:
        top_text = f"{len(tops)} roles report to nobody: {top_text}"
    if report.tops:
        top_text += f" (above: {report.tops[0][1]!r}, read as nobody)"
    lines = [SummaryLine("Top", top_text, len(tops) != 1)]

    linked = sum(report.managers_resolved.values())
    how = ", ".join(f"{n} {METHOD_WORDS[m]}" for m, n in report.managers_resolved.items())
    text = f"{linked} of {len(roles) - len(tops)} reporting lines resolved"
    if report.manager_column:
        text += f" from {report.manager_column!r}" + (f" ({how})" if how else "")
    missing = len(report.unresolved_managers) + len(report.ambiguous_managers)
    if missing:
        text += f"; {missing} not linked"
    lines.append(SummaryLine("Lines", text, missing > UNRESOLVED_TOLERATED * max(len(roles), 1)))

    implausible = len(report.implausible)
    lines.append(
        SummaryLine(
            "Plausible",
            "no senior role reports to a junior one"
            if not implausible
            else f"{counted(implausible, 'junior role')} manage chiefs, presidents or "
            "directors; check the rows listed below",
            implausible > 0,
        )
    )

    other = len(report.set_aside) - report.leavers - report.past_rows
    parts = [
        counted(count, word)
        for count, word in (
            (report.leavers, "leaver"),
            (report.past_rows, "history row"),
            (other, "other row"),
        )
        if count
    ]
    moved = f"; {len(report.reattached)} moved up from a leaver" if report.reattached else ""
    lines.append(SummaryLine("Set aside", (", ".join(parts) or "no row") + moved, False))

    no_level = sum(1 for role in roles if role.kind == UNCLASSIFIED)
    lines.append(
        SummaryLine(
            "Titles",
            f"{no_level} of {len(roles)} roles have a title with no level"
            + (f" ({counted(len(report.unclassified_titles), 'title')})" if no_level else ""),
            no_level > len(roles) // 4,
        )
    )
    concerns = [line.label for line in lines if line.concern]
    verdict = (
        "Confidence: the chart looks as the file holds it."
        if not concerns
        else f"Confidence: check {join_words([c.lower() for c in concerns])} before trusting "
        "the chart."
    )
    return verdict, lines
