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


def _top_line(report: ImportReport, roles: list[Role]) -> SummaryLine:
    """Who heads the chart, and who is at the top of it only for want of a
    manager the file names: one not in the file, or a name several people share."""
    chart = report.chart
    heads: list[Role] = []
    shared: list[Role] = []
    outside: list[Role] = []
    for role in roles:
        if role.manager is None:
            (shared if role.id in report.ambiguous_roles else heads).append(role)
        elif role.manager not in chart:
            outside.append(role)
    parts = []
    if heads:
        named = join_some([_who(r) for r in heads], shown=2)
        parts.append(named if len(heads) == 1 else f"{len(heads)} roles report to nobody: {named}")
    for some, why in (
        (outside, "whose manager is not in the file"),
        (shared, "whose manager's name several people share"),
    ):
        if some:
            named = join_some([_who(r) for r in some], shown=2)
            parts.append(f"{counted(len(some), 'role')} {why}: {named}")
    # Every role has a manager in the chart: following them must come round.
    text = "; ".join(parts) or "nobody (a loop)"
    if report.tops:
        text += f" (above: {report.tops[0][1]!r}, read as nobody)"
    return SummaryLine("Top", text, len(heads) != 1)


def confidence_summary(report: ImportReport) -> tuple[str, list[SummaryLine]]:
    """(verdict, lines) for the top of an import report."""
    roles = list(report.chart)
    lines = [_top_line(report, roles)]

    linked = sum(report.managers_resolved.values())
    missing = len(report.unresolved_managers) + len(report.ambiguous_managers)
    how = ", ".join(f"{n} {METHOD_WORDS[m]}" for m, n in report.managers_resolved.items())
    text = f"{linked} of {linked + missing} reporting lines resolved"
    if report.manager_column:
        text += f" from {report.manager_column!r}" + (f" ({how})" if how else "")
    if missing:
        text += f"; {missing} not linked"
    lines.append(SummaryLine("Lines", text, missing > UNRESOLVED_TOLERATED * max(len(roles), 1)))

    implausible = len(report.implausible)
    lines.append(
        SummaryLine(
            "Plausible",
            # Only these lines are checked on import; validation judges every level.
            "no chief, president or director reports to an individual contributor or an assistant"
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
