"""Which fixes a finding is offered, and in what order.

A rule proposes fixes, the most fitting first. A fix the chart does not allow,
or one that would cause a new error, is not offered; a fix that adds no error,
then no warning, then no note comes before one that does.
"""

from __future__ import annotations

from collections.abc import Iterable

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.edits import EditError
from orgmodel.model import Chart
from orgmodel.rules import registry
from orgmodel.rules.facts import ChartFacts
from orgmodel.rules.rule import Finding, Severity
from orgmodel.rules.steps import Fix
from orgmodel.rules.validation import validate


def _new_errors(before: Iterable[Finding], after: Iterable[Finding]) -> list[Finding]:
    """Errors of ``after`` that are about none of the roles an error of the same rule was.

    An error that only names one more role (a loop reported from another
    role, a fractional CMO's missing lead listing a new outside lead) is not new.
    """
    known: dict[str, set[str]] = {}
    without_roles: set[str] = set()
    for finding in before:
        if finding.severity == "error":
            known.setdefault(finding.rule, set()).update(finding.roles)
            if not finding.roles:
                without_roles.add(finding.rule)
    return [
        f
        for f in after
        if f.severity == "error"
        and not (known.get(f.rule, set()) & set(f.roles))
        and not (not f.roles and f.rule in without_roles)
    ]


def fixes_for(finding: Finding, chart: Chart, catalogue: Catalogue | None = None) -> list[Fix]:
    """Fixes for a finding of ``validate(chart)``, the most fitting first.

    A fix that the chart does not allow (one that would make reporting lines
    loop, say) is not offered, nor one that would cause a new error. A
    finding whose roles are no longer in the chart has no fixes.
    """
    catalogue = catalogue or load_catalogue()
    rule = registry.RULES.get(finding.rule)
    maker = None if rule is None else rule.fixes
    if maker is None or any(role_id not in chart for role_id in finding.roles):
        return []
    offered: list[tuple[tuple[bool, bool, bool], Fix]] = []
    before: list[Finding] | None = None
    known: set[_Problem] = set()
    for fix in maker(finding, ChartFacts(chart, catalogue)):
        if any(fix == other for _, other in offered):
            continue
        try:
            result = fix.apply(chart, catalogue)
        except EditError:
            continue
        if before is None:
            before = validate(chart, catalogue)
            known = _problems(before)
        after = validate(result, catalogue)
        if _new_errors(before, after):
            continue
        added = _problems(after) - known
        adds = (
            # An error only about one more role passes _new_errors, but still counts here.
            any(severity == "error" for _, _, severity in added),
            any(severity == "warning" for _, _, severity in added),
            any(severity == "info" for _, _, severity in added),
        )
        offered.append((adds, fix))
    # A fix that adds no error, then no warning, then no note comes before one that does;
    # otherwise the order the rule gave stands, most fitting first.
    offered.sort(key=lambda costed: costed[0])
    return [fix for _, fix in offered]


_Problem = tuple[str, str, Severity]
"""(rule, the responsibility or role it is about, severity)"""


def _problems(findings: Iterable[Finding]) -> set[_Problem]:
    """The problems findings report, each once per responsibility or role.

    A finding about responsibilities is one problem per responsibility (one
    gap finding may name six, or six findings one each, as the chart changes,
    and the roles it names are only suggested holders); any other is one per
    role it is about. So a fix that regroups findings does not seem to add any.
    """
    return {
        (finding.rule, subject, finding.severity)
        for finding in findings
        for subject in finding.responsibilities or finding.roles or ("",)
    }
