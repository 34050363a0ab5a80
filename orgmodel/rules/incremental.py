"""Validating a chart again after an edit, re-running only the rules the edit touched.

A rule declares what it reads (:class:`~orgmodel.rules.rule.Reads`); an edit
changes some roles. A rule none of whose declared parts the edit changed keeps
its previous findings. ``validate`` stays the reference: the result equals it,
order included (a property test applies random edits and compares).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from attrs import frozen

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.change_record import ChangeRecord
from orgmodel.model import Chart, Role
from orgmodel.rules import registry
from orgmodel.rules.facts import BOARD_CHAIR, ChartFacts
from orgmodel.rules.rule import Finding, Reads, Rule, Scope
from orgmodel.rules.validation import findings_by_rule, in_report_order, rule_findings

_AROUND_A_ROLE = frozenset(
    {Scope.ROLE, Scope.ROLE_AND_MANAGER, Scope.TEAM, Scope.SUBTREE, Scope.HEAD}
)
"""What changes with any field of a role: the role, its team, whoever is below or above."""


@frozen
class Validated:
    """A chart with its findings, kept per rule so the next edit can reuse them."""

    chart: Chart
    by_rule: dict[str, list[Finding]]
    findings: list[Finding]


@frozen
class Touched:
    """The parts of a chart an edit changed, in the terms rules declare they read."""

    scopes: frozenset[Scope]
    kinds: frozenset[str]
    functions: frozenset[str]
    relabelled: frozenset[str]
    """Ids of roles whose label (person or title) changed: rules naming them re-run."""

    def reaches(self, reads: Reads) -> bool:
        for scope in reads.scopes & self.scopes:
            if scope is Scope.KINDS:
                if reads.kinds & self.kinds or reads.functions & self.functions:
                    return True
            elif scope is Scope.RESPONSIBILITIES:
                if reads.functions & self.functions:
                    return True
            else:
                return True
        return False


def validated(chart: Chart, catalogue: Catalogue | None = None) -> Validated:
    """``chart`` validated in full."""
    by_rule = findings_by_rule(chart, catalogue or load_catalogue())
    return Validated(chart, by_rule, in_report_order(by_rule))


def revalidated(
    previous: Validated,
    chart: Chart,
    catalogue: Catalogue | None = None,
    *,
    record: ChangeRecord | None = None,
) -> Validated:
    """``chart``, an edit of ``previous.chart``, validated by re-running only the rules
    whose declared reads the edit changed.

    ``record``: what the edit changed, when the caller has it already (the
    document keeps one per edit); otherwise it is worked out here.
    """
    catalogue = catalogue or load_catalogue()
    before = previous.chart
    if chart is before:
        return previous
    if chart.settings != before.settings or chart.stage != before.stage:
        return validated(chart, catalogue)
    record = record or ChangeRecord.between(before, chart)
    if record.reordered:
        return validated(chart, catalogue)  # findings follow the roles' order
    touched = touched_by(before, chart, catalogue, record)
    facts: ChartFacts | None = None
    by_rule: dict[str, list[Finding]] = {}
    for rule in registry.RULES.values():
        if rule.id in chart.settings.disabled:
            continue
        kept = previous.by_rule.get(rule.id)
        if kept is not None and not _needs_rerun(rule, kept, touched):
            by_rule[rule.id] = kept
            continue
        facts = facts or ChartFacts(chart, catalogue)
        by_rule[rule.id] = rule_findings(rule, facts)
    return Validated(chart, by_rule, in_report_order(by_rule))


def _needs_rerun(rule: Rule, kept: list[Finding], touched: Touched) -> bool:
    if touched.reaches(rule.reads):
        return True
    relabelled = touched.relabelled
    return bool(relabelled) and any(not relabelled.isdisjoint(f.roles) for f in kept)


def changed_roles(
    before: Chart, after: Chart, record: ChangeRecord
) -> list[tuple[Role | None, Role | None]]:
    """Each role the edit added, removed or replaced: (before, after), None for absent."""
    ids = dict.fromkeys(record.added + record.moved + record.changed + record.removed)
    return [(before.get(role_id), after.get(role_id)) for role_id in ids]


def touched_by(before: Chart, after: Chart, catalogue: Catalogue, record: ChangeRecord) -> Touched:
    scopes: set[Scope] = set()
    kinds: set[str] = set()
    relabelled: set[str] = set()
    for old, new in changed_roles(before, after, record):
        versions = [role for role in (old, new) if role is not None]
        kinds.update(role.kind for role in versions)
        scopes.update(_scopes_changed(old, new, before, after, catalogue))
        if old is not None and new is not None and _label_changed(old, new):
            relabelled.add(new.id)
    functions = {kind.function for kind_id in kinds if (kind := catalogue.kind(kind_id))}
    return Touched(frozenset(scopes), frozenset(kinds), frozenset(functions), frozenset(relabelled))


def _label_changed(old: Role, new: Role) -> bool:
    return old.person != new.person or old.title != new.title


def _scopes_changed(
    old: Role | None, new: Role | None, before: Chart, after: Chart, catalogue: Catalogue
) -> Iterable[Scope]:
    if old is None or new is None:
        return set(Scope)
    if attrs.evolve(old, manager=new.manager, dotted_managers=new.dotted_managers) == new:
        # Only reporting lines changed: counts of kinds and who holds what stay.
        moved = {Scope.ROLE_AND_MANAGER, Scope.TEAM, Scope.SUBTREE, Scope.REPORTING_LINES}
        if any(
            _may_lead_to_head(chart, role.manager, catalogue)
            for chart, role in ((before, old), (after, new))
        ):
            moved.add(Scope.HEAD)
        return moved
    scopes = set(_AROUND_A_ROLE | {Scope.KINDS, Scope.RESPONSIBILITIES})
    if old.manager != new.manager or old.dotted_managers != new.dotted_managers:
        scopes.add(Scope.REPORTING_LINES)
    if old.title != new.title or old.kind != new.kind:
        # A title ranks a role within its level (seniority), so it orders reporting lines.
        scopes.add(Scope.REPORTING_LINES)
    return scopes


def _may_lead_to_head(chart: Chart, manager_id: str | None, catalogue: Catalogue) -> bool:
    """Whether a team under ``manager_id`` may decide who heads the organisation: the
    manager is a top, or has above it only boards and roles of no known kind."""
    seen: set[str] = set()
    current = chart.get(manager_id)
    if current is None:
        return True
    while current.manager is not None:
        if current.manager in seen:
            return True  # a loop: no top to speak of; assume it may
        seen.add(current.manager)
        above = chart.get(current.manager)
        if above is None:
            return True
        if above.kind != BOARD_CHAIR and above.kind in catalogue.kinds:
            return False
        current = above
    return True
