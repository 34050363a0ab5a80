"""Validating a chart again after an edit, re-running only the rules the edit touched.

A rule declares what it reads (:class:`~orgmodel.rules.rule.Reads`); an edit
changes some roles. A rule none of whose declared parts the edit changed keeps
its previous findings. ``validate`` stays the reference: the result equals it,
order included (a property test applies random edits and compares).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import cached_property
from itertools import chain

import attrs
from attrs import frozen

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.change_record import ChangeRecord
from orgmodel.model import Chart, Role
from orgmodel.rules import registry
from orgmodel.rules.facts import BOARD_CHAIR, ChartFacts
from orgmodel.rules.reach import Reach, Touched
from orgmodel.rules.rule import Finding, Rule, Scope
from orgmodel.rules.validation import (
    ReportPlace,
    SeverityTally,
    findings_of,
    in_report_order,
    report_place,
    rule_findings,
)

_AROUND_A_ROLE = frozenset(
    {Scope.ROLE, Scope.ROLE_AND_MANAGER, Scope.TEAM, Scope.SUBTREE, Scope.HEAD}
)
"""What changes with any field of a role: the role, its team, whoever is below or above."""


OUT_OF_ORDER_MOST = 32
"""How many roles a rule checked role by role may hold findings of out of
chart order (see Validated.out_of_order) before an edit puts them in place."""


@frozen
class Validated:
    """A chart with its findings, kept per rule so the next edit can reuse them."""

    chart: Chart
    facts: ChartFacts
    by_rule: dict[str, list[Finding]]
    """Each rule checked on the whole chart at once, with its findings."""
    by_role: dict[str, dict[str, list[Finding]]]
    """Each rule checked role by role, with the findings of every role that has
    some: in chart order, but for those of ``out_of_order``, which come last."""
    out_of_order: dict[str, tuple[str, ...]]
    """For a rule checked role by role: the roles whose findings came after its
    findings were last put in chart order. Put in place only when the findings
    are listed, or when there are more than OUT_OF_ORDER_MOST: at 50,000 roles
    a rule may hold findings of 8,850 roles, and putting one more in place took
    some 1.7 ms of an edit, for a list that a selection's findings do not need."""
    tally: SeverityTally
    """The findings' severities by the roles they name."""

    @cached_property
    def findings(self) -> list[Finding]:
        """Every finding, in report order (see in_report_order); listed when first asked for."""
        listed = dict(self.by_rule)
        for rule_id, found in self.by_role.items():
            out_of_order = self.out_of_order.get(rule_id, ())
            listed[rule_id] = _flattened(_in_chart_order(found, out_of_order, self.facts))
        return in_report_order(listed)

    def report_place(self, finding: Finding) -> ReportPlace | None:
        """Where one of the findings stands in :attr:`findings`, without listing
        them: at 50,000 roles listing them took 4-7 ms, for a selection's few.
        None if it cannot tell: a rule checked role by role found it for a role
        it does not name."""
        found = self.by_role.get(finding.rule)
        if found is None:
            listed = self.by_rule[finding.rule]
            index = next(i for i, other in enumerate(listed) if other is finding)
            return report_place(finding, (index, 0))
        for role_id in finding.roles:
            of_role = found.get(role_id, ())
            for index, other in enumerate(of_role):
                if other is finding:
                    return report_place(finding, (self.facts.order[role_id], index))
        return None

    def of_rule(self, rule_id: str) -> Iterable[Finding] | None:
        """The findings of one rule, in no set order; None if it was not run."""
        found = self.by_role.get(rule_id)
        return self.by_rule.get(rule_id) if found is None else chain.from_iterable(found.values())


def validated(chart: Chart, catalogue: Catalogue | None = None) -> Validated:
    """``chart`` validated in full."""
    facts = ChartFacts(chart, catalogue or load_catalogue())
    by_rule: dict[str, list[Finding]] = {}
    by_role: dict[str, dict[str, list[Finding]]] = {}
    every: list[Finding] = []
    for rule in registry.RULES.values():
        if rule.id in chart.settings.disabled:
            continue
        if rule.each_role is None:
            by_rule[rule.id] = found_in_chart = rule_findings(rule, facts)
            every += found_in_chart
            continue
        by_role[rule.id] = found = _every_role(rule, facts)
        every += _flattened(found)
    return Validated(chart, facts, by_rule, by_role, {}, SeverityTally.of(every))


def _flattened(found: dict[str, list[Finding]]) -> list[Finding]:
    """A rule's findings by role, as one list in the roles' order."""
    return list(chain.from_iterable(found.values()))


def _every_role(rule: Rule, facts: ChartFacts) -> dict[str, list[Finding]]:
    """A rule checked role by role, run on every role: the findings by role, in chart order."""
    assert rule.each_role is not None
    found = {}
    for role in facts.chart.roles:
        if of_role := findings_of(rule, rule.each_role(facts, role)):
            found[role.id] = of_role
    return found


def revalidated(
    previous: Validated,
    chart: Chart,
    catalogue: Catalogue | None = None,
    *,
    record: ChangeRecord | None = None,
) -> Validated:
    """``chart``, an edit of ``previous.chart``, validated by re-running only the rules
    whose declared reads the edit changed; a rule checked role by role runs again
    only for the roles whose reads the edit changed.

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
    if record.is_large(len(before.roles)):
        return validated(chart, catalogue)
    touched = touched_by(before, chart, catalogue, record)
    if touched.relabelled and not previous.tally.naming(touched.relabelled):
        # No finding names a role renamed or retitled, so none reads its label
        # (most roles of a big chart: at 50,000 roles, a look for findings that
        # name it took some 2 ms of each such edit).
        touched = attrs.evolve(touched, relabelled=frozenset())
    facts = ChartFacts.after_edit(previous.facts, chart, record)
    reach = Reach(previous.facts, facts, record, touched)
    by_rule: dict[str, list[Finding]] = {}
    by_role: dict[str, dict[str, list[Finding]]] = {}
    out_of_order: dict[str, tuple[str, ...]] = {}
    gone: list[Finding] = []
    come: list[Finding] = []
    for rule in registry.RULES.values():
        if rule.id in chart.settings.disabled:
            continue
        kept = previous.of_rule(rule.id)
        kept_by_role = previous.by_role.get(rule.id)
        kept_last = previous.out_of_order.get(rule.id, ())
        if kept is not None and not _needs_rerun(rule, kept, touched, reach):
            if kept_by_role is None:
                by_rule[rule.id] = previous.by_rule[rule.id]
            else:
                by_role[rule.id] = kept_by_role
                if kept_last:
                    out_of_order[rule.id] = kept_last
            continue
        if rule.each_role is not None and kept_by_role is not None and reach.role_by_role(rule):
            found, last = _rechecked(rule, kept_by_role, kept_last, facts, reach, gone, come)
            if len(last) > OUT_OF_ORDER_MOST:
                found, last = _in_chart_order(found, last, facts), ()
            by_role[rule.id] = found
            if last:
                out_of_order[rule.id] = last
            continue
        if rule.each_role is not None:
            by_role[rule.id] = found = _every_role(rule, facts)
            come += _flattened(found)
        else:
            by_rule[rule.id] = found_in_chart = rule_findings(rule, facts)
            come += found_in_chart
        gone += previous.of_rule(rule.id) or ()  # afresh: _needs_rerun may have begun ``kept``
    tally = previous.tally.after(gone, come)
    return Validated(chart, facts, by_rule, by_role, out_of_order, tally)


def _needs_rerun(rule: Rule, kept: Iterable[Finding], touched: Touched, reach: Reach) -> bool:
    if touched.reaches(rule.reads):
        return True
    if Scope.LOOPS in rule.reads.scopes and reach.loops_changed:
        return True
    relabelled = touched.relabelled
    return bool(relabelled) and any(not relabelled.isdisjoint(f.roles) for f in kept)


def _rechecked(
    rule: Rule,
    kept: dict[str, list[Finding]],
    out_of_order: tuple[str, ...],
    facts: ChartFacts,
    reach: Reach,
    gone: list[Finding],
    come: list[Finding],
) -> tuple[dict[str, list[Finding]], tuple[str, ...]]:
    """The rule's findings by role, the roles the edit may have changed for it
    checked again, and the roles among them now out of chart order (see
    Validated.out_of_order); the findings of those roles before go to
    ``gone``, and after to ``come``."""
    assert rule.each_role is not None
    found = kept.copy()
    last = dict.fromkeys(out_of_order)
    for role_id in reach.record.removed:
        gone += found.pop(role_id, ())
        last.pop(role_id, None)
    chart = facts.chart
    for role_id in reach.roles_for(rule, kept):
        role = chart.get(role_id)
        of_role = [] if role is None else findings_of(rule, rule.each_role(facts, role))
        gone += found.get(role_id, ())
        come += of_role
        if of_role:
            if role_id not in found:
                last[role_id] = None  # each role is checked once (a set)
            found[role_id] = of_role
        elif found.pop(role_id, None) is not None:
            last.pop(role_id, None)
    return found, tuple(last)


def _in_chart_order(
    found: dict[str, list[Finding]], out_of_order: Iterable[str], facts: ChartFacts
) -> dict[str, list[Finding]]:
    """A rule's findings by role with the roles in chart order, given ``found``
    with those of ``out_of_order`` last and the others in chart order (a
    value replaced keeps its place). Each one out of order is put in its
    place rather than every role sorted: at 50,000 roles a rule may hold
    findings of 8,850 roles, and sorting them took 3.4 ms."""
    appeared = list(out_of_order)
    if not appeared:
        return found
    order = facts.order
    roles = list(found)
    roles = roles[: len(roles) - len(appeared)]
    for role_id in sorted(appeared, key=order.__getitem__):
        roles.insert(bisect_left(roles, order[role_id], key=order.__getitem__), role_id)
    return dict(zip(roles, map(found.__getitem__, roles), strict=True))


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
    held: set[str] = set()
    for old, new in changed_roles(before, after, record):
        versions = [role for role in (old, new) if role is not None]
        kinds.update(role.kind for role in versions)
        for role in versions:
            held.update(catalogue.held(role))
        scopes.update(_scopes_changed(old, new, before, after, catalogue))
        if old is not None and new is not None and _label_changed(old, new, catalogue):
            relabelled.add(new.id)
    functions = {kind.function for kind_id in kinds if (kind := catalogue.kind(kind_id))}
    # A role holds work of other functions than its kind's: a rule reading who holds
    # a function's responsibilities reads it too.
    functions.update(
        catalogue.category_of(held_id).function
        for held_id in held
        if held_id in catalogue.responsibilities
    )
    return Touched(frozenset(scopes), frozenset(kinds), frozenset(functions), frozenset(relabelled))


def _label_changed(old: Role, new: Role, catalogue: Catalogue) -> bool:
    return catalogue.label(old) != catalogue.label(new)


def _scopes_changed(
    old: Role | None, new: Role | None, before: Chart, after: Chart, catalogue: Catalogue
) -> Iterable[Scope]:
    if old is None or new is None:
        # A role came or went: anything about roles may differ. Not the stage or
        # the settings, fields of the chart: a change there validates it all
        # (see revalidated), and a rule reading them reads them, not the roles.
        return set(Scope) - {Scope.STAGE, Scope.SETTINGS}
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
