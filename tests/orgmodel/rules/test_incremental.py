"""Incremental validation equals full validation after every edit, order included.

A Hypothesis state machine applies random sequences of every edit kind (add,
remove, move, retitle, change kind, employment, responsibilities, dotted
lines, undo, redo) to generated charts, revalidating incrementally from the
chart before, and compares with ``validate`` after each step. The same
machine guards the rules' ``reads`` declarations: a rule that reads more than
it declares makes it fail (``test_a_rule_reading_more_than_it_declares_is_caught``).

``ORGMODEL_SLOW=1`` runs many more and longer sequences.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from unittest import mock

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from orgmodel.analysis import responsibility_matrix, score_of_holders
from orgmodel.assistants import assistants
from orgmodel.catalogue import load_catalogue
from orgmodel.change_record import ChangeRecord
from orgmodel.edits import (
    EditError,
    add_dotted_line,
    add_role,
    remove_dotted_line,
    remove_roles,
    reparent,
    update_role,
    with_employment,
)
from orgmodel.hierarchy import (
    find_loops,
    forest,
    team_sizes,
    with_dotted_lines,
)
from orgmodel.hierarchy_update import carry_over
from orgmodel.model import Chart, Employment, Role, role_positions
from orgmodel.rules import incremental, registry, validate
from orgmodel.rules.facts import CMO, ChartFacts
from orgmodel.rules.incremental import OUT_OF_ORDER_MOST, Validated, revalidated, validated
from orgmodel.rules.reach import Reach, Touched
from orgmodel.rules.rule import Finding, Issue, Rule, Scope, reads, role_by_role
from orgmodel.rules.validation import FindingsByRole, SeverityTally, summarise

CATALOGUE = load_catalogue()
KINDS = sorted(CATALOGUE.kinds)
RESPONSIBILITIES = sorted(CATALOGUE.responsibilities)
TITLES = ["CEO", "CMO", "VP Marketing", "Senior Brand Manager", "SEO Specialist", "Copywriter"]
TITLES += ["Executive Assistant"]  # an assistant while it leads nobody (orgmodel.assistants)
PEOPLE = st.one_of(st.none(), st.sampled_from(["Ava Stone", "Ben Ortiz", "Ünal Şahin"]))
INDICES = st.integers(min_value=0, max_value=10_000)

SLOW = os.environ.get("ORGMODEL_SLOW") == "1"
EXAMPLES = 10_000 if SLOW else 2_000
STEPS = 30 if SLOW else 6


@st.composite
def charts(draw: st.DrawFn) -> Chart:
    """A small chart whose managers are earlier roles, of any kinds, people and work."""
    size = draw(st.integers(min_value=1, max_value=10))
    roles = []
    for n in range(size):
        manager = draw(st.one_of(st.none(), st.integers(0, n - 1))) if n else None
        roles.append(
            Role(
                id=f"R{n}",
                title=draw(st.sampled_from(TITLES)),
                kind=draw(st.sampled_from(KINDS)),
                person=draw(PEOPLE),
                employment=draw(st.sampled_from(list(Employment))),
                responsibilities=draw(
                    st.one_of(
                        st.none(),
                        st.frozensets(st.sampled_from(RESPONSIBILITIES), max_size=4),
                    )
                ),
                manager=None if manager is None else f"R{manager}",
            )
        )
    return Chart(name="generated", roles=roles)


class IncrementalMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.history: list[Validated] = []
        self.index = 0

    @property
    def current(self) -> Validated:
        return self.history[self.index]

    @property
    def chart(self) -> Chart:
        return self.current.chart

    def pick(self, index: int) -> Role:
        return self.chart.roles[index % len(self.chart.roles)]

    def apply(self, edit: Callable[[Chart], Chart]) -> None:
        try:
            after = edit(self.chart)
        except EditError:
            return
        if after == self.chart:
            return
        del self.history[self.index + 1 :]
        carry_over(self.chart, after, ChangeRecord.between(self.chart, after))
        self.history.append(revalidated(self.current, after, CATALOGUE))
        self.index += 1

    def go_to(self, index: int) -> None:
        """Undo or redo: the document shows an earlier or later chart again."""
        shown = self.history[index].chart
        carry_over(self.chart, shown, ChangeRecord.between(self.chart, shown))
        self.history[index] = revalidated(self.current, shown, CATALOGUE)
        self.index = index

    @initialize(chart=charts(), out_of_order_most=st.sampled_from([0, 1, OUT_OF_ORDER_MOST]))
    def start(self, chart: Chart, out_of_order_most: int) -> None:
        # Findings of roles out of chart order are put in place past this many
        # (Validated.out_of_order): small charts reach it only if it is small.
        self.out_of_order_most = mock.patch.object(
            incremental, "OUT_OF_ORDER_MOST", out_of_order_most
        )
        self.out_of_order_most.start()
        self.history = [validated(chart, CATALOGUE)]

    def teardown(self) -> None:
        if hasattr(self, "out_of_order_most"):
            self.out_of_order_most.stop()

    @rule(kind=st.sampled_from(KINDS), manager=st.one_of(st.none(), INDICES))
    def add(self, kind: str, manager: int | None) -> None:
        boss = None if manager is None or not self.chart.roles else self.pick(manager).id
        self.apply(lambda c: add_role(c, kind, boss, CATALOGUE)[0])

    @rule(picks=st.lists(INDICES, min_size=1, max_size=3))
    def remove(self, picks: list[int]) -> None:
        if self.chart.roles:
            ids = {self.pick(i).id for i in picks}
            self.apply(lambda c: remove_roles(c, ids))

    @rule(role=INDICES, manager=st.one_of(st.none(), INDICES))
    def move(self, role: int, manager: int | None) -> None:
        if self.chart.roles:
            role_id = self.pick(role).id
            boss = None if manager is None else self.pick(manager).id
            self.apply(lambda c: reparent(c, role_id, boss))

    def change(self, role: int, **fields: object) -> None:
        if self.chart.roles:
            self.apply(lambda c: update_role(c, attrs.evolve(self.pick(role), **fields)))

    @rule(role=INDICES, title=st.sampled_from(TITLES), person=st.one_of(st.just(False), PEOPLE))
    def retitle(self, role: int, title: str, person: str | bool | None) -> None:
        if person is False:
            self.change(role, title=title)
        else:
            self.change(role, title=title, person=person)

    @rule(role=INDICES, kind=st.sampled_from(KINDS))
    def change_kind(self, role: int, kind: str) -> None:
        self.change(role, kind=kind)

    @rule(
        role=INDICES,
        employment=st.sampled_from(list(Employment)),
        months=st.one_of(st.none(), st.integers(1, 30)),
        years=st.one_of(st.none(), st.floats(0, 25)),
    )
    def employment(
        self, role: int, employment: Employment, months: int | None, years: float | None
    ) -> None:
        if self.chart.roles:
            changed = with_employment(self.pick(role), employment)
            if changed.is_fractional:
                changed = attrs.evolve(changed, engagement_months=months)
            changed = attrs.evolve(changed, years_in_marketing=years, years_leading=years)
            self.apply(lambda c: update_role(c, changed))

    @rule(
        role=INDICES,
        held=st.one_of(st.none(), st.frozensets(st.sampled_from(RESPONSIBILITIES), max_size=5)),
    )
    def responsibilities(self, role: int, held: frozenset[str] | None) -> None:
        self.change(role, responsibilities=held)

    @rule(role=INDICES, manager=INDICES)
    def dotted_line(self, role: int, manager: int) -> None:
        if self.chart.roles:
            role_id, boss = self.pick(role).id, self.pick(manager).id
            if boss in self.pick(role).dotted_managers:
                self.apply(lambda c: remove_dotted_line(c, role_id, boss))
            else:
                self.apply(lambda c: add_dotted_line(c, role_id, boss))

    @precondition(lambda self: self.index > 0)
    @rule()
    def undo(self) -> None:
        self.go_to(self.index - 1)

    @precondition(lambda self: self.index + 1 < len(self.history))
    @rule()
    def redo(self) -> None:
        self.go_to(self.index + 1)

    @invariant()
    def equals_full_validation(self) -> None:
        findings = validate(self.chart, CATALOGUE)
        assert self.current.findings == findings
        assert self.current.tally.worst == FindingsByRole(findings).worst

    @invariant()
    def tally_counts_as_one_made_afresh(self) -> None:
        """The updated tally counts each role's findings as a fresh count does,
        and the findings of each severity (the status bar's counts), and says
        which roles' worst severity may have changed (the cards' markers follow
        those alone)."""
        tally, fresh = self.current.tally, SeverityTally.of(self.current.findings)
        assert tally.by_severity == summarise(self.current.findings)
        # A selection's findings, from the tally, are those a pass over the list finds.
        findings, by_role = self.current.findings, FindingsByRole(self.current.findings, tally)
        ids = [role.id for role in self.chart.roles]
        for picked in [*([role_id] for role_id in ids), ids[:3], ids[-2:]]:
            named = [finding for finding in findings if not set(picked).isdisjoint(finding.roles)]
            assert by_role.naming(picked) == named
        # As the window asks for them: put in order without a list of every finding.
        current = self.current
        later = FindingsByRole.listed_later(lambda: current.findings, tally, current.report_place)
        for picked in [*([role_id] for role_id in ids), ids[:3], ids[-2:]]:
            named = [finding for finding in findings if not set(picked).isdisjoint(finding.roles)]
            assert later.naming(picked) == named
        places = [current.report_place(finding) for finding in findings]
        if None not in places:
            assert places == sorted(places)  # type: ignore[type-var]
        for role in self.chart.roles:
            assert tally.naming([role.id]) == fresh.naming([role.id])
        if tally.came_from is not None:
            before, now = tally.came_from, tally.worst
            assert {r for r in before.keys() | now.keys() if before.get(r) != now.get(r)} <= (
                tally.touched
            )

    @invariant()
    def carried_over_hierarchy_equals_one_built_afresh(self) -> None:
        chart = self.chart
        carried = (find_loops, forest, team_sizes, role_positions, assistants, with_dotted_lines)
        for compute in carried:
            if chart.remembers(compute):
                assert chart.derived(compute) == compute(chart), compute.__name__
            chart.derived(compute)  # so that the next edit carries it over

    @invariant()
    def facts_equal_facts_built_afresh(self) -> None:
        kept, fresh = self.current.facts, ChartFacts(self.chart, CATALOGUE)
        for index in ("reports", "by_kind", "by_function", "holders"):
            # A rule may look up a missing key of a defaultdict, leaving an empty list.
            assert _listed(getattr(kept, index)) == _listed(getattr(fresh, index)), index
        assert kept.tops == fresh.tops
        # The window's coverage score is read from these indexes (ui.matrix_view).
        present = frozenset(function for function, roles in kept.by_function.items() if roles)
        matrix_score = responsibility_matrix(self.chart, CATALOGUE).score()
        assert score_of_holders(CATALOGUE, kept.holders, present) == matrix_score
        assert kept.head_id == fresh.head_id
        assert kept.in_loops == fresh.in_loops
        assert sorted(self.chart.roles, key=lambda role: kept.order[role.id]) == list(
            self.chart.roles
        )


def _listed(index: dict[object, object]) -> dict[object, object]:
    return {key: value for key, value in index.items() if value}


IncrementalMachine.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestIncrementalEqualsFull = IncrementalMachine.TestCase


def _counts_every_role(facts: ChartFacts) -> Iterator[Issue]:
    yield Issue([], f"{len(facts.chart.roles)} roles and {len(facts.by_kind[CMO])} CMOs")


UNDER_DECLARED = Rule(
    id="under-declared",
    severity="info",
    explanation="A made-up rule that counts every role but declares it reads only CMOs.",
    fix="None.",
    sources=[],
    check=_counts_every_role,
    reads=reads(Scope.KINDS, kinds=[CMO]),
)


def test_a_rule_reading_more_than_it_declares_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry, "RULES", {**registry.RULES, UNDER_DECLARED.id: UNDER_DECLARED})
    with pytest.raises(AssertionError):
        run_state_machine_as_test(
            IncrementalMachine,
            settings=settings(max_examples=300, stateful_step_count=STEPS, deadline=None),
        )


def test_a_new_name_above_a_finding_that_mentions_it_reaches_that_finding() -> None:
    """A finding may mention a role it does not name: missing-cmo suggests a
    CMO reporting to the head of the organisation by the head's label. A new
    person in that seat, though the seat stays filled, must run it again (the
    state machine found this when a new name was taken for a relabel alone)."""
    chart = Chart(
        name="mentions",
        roles=[
            Role("R0", "CMO", "board-chair", "Ava Stone"),
            Role("R1", "CEO", "brand-manager", None, manager="R0"),
        ],
    )
    before = validated(chart, CATALOGUE)
    assert any(
        "Ava Stone" in finding.suggestion and "R0" not in finding.roles
        for finding in before.findings
    )
    after = update_role(chart, attrs.evolve(chart.role("R0"), person="Ben Ortiz"))
    assert revalidated(before, after, CATALOGUE).findings == validate(after, CATALOGUE)


@pytest.mark.parametrize("relabelled", [{"B"}, {"B", "C"}])
def test_a_role_relabelled_reruns_each_role_whose_findings_name_it(relabelled: set[str]) -> None:
    """Findings may name roles beyond what a rule declares it reads around a
    role (none of the rules does today, so the state machine cannot tell):
    each role with a finding naming a relabelled one is checked again."""
    chart = Chart(
        name="relabel",
        roles=[
            Role("A", "CEO", "ceo", "Ann"),
            Role("B", "CMO", "cmo", "Bo", manager="A"),
            Role("C", "COO", "coo", "Cy", manager="A"),
            Role("X", "Analyst", "market-research-analyst", "Xi", manager="B"),
        ],
    )
    after = chart.with_replaced([attrs.evolve(chart.role(r), person="Renamed") for r in relabelled])
    record = ChangeRecord.between(chart, after)
    touched = Touched(frozenset(), frozenset(), frozenset(), frozenset(relabelled))
    reach = Reach(ChartFacts(chart, CATALOGUE), ChartFacts(after, CATALOGUE), record, touched)
    finding = Finding("r", "info", ("X", "C"), "X and C.", "", "")
    naming_b = Finding("r", "info", ("A", "X", "B"), "A, X and B.", "", "")
    kept = {"X": [finding], "A": [naming_b]}
    rule = attrs.evolve(UNDER_DECLARED, reads=reads(Scope.ROLE))
    expected = set(relabelled) | {"A"} | ({"X"} if "C" in relabelled else set())
    assert reach.roles_for(rule, kept) == expected


def _three_of_each_manager(facts: ChartFacts, role: Role) -> Iterator[Issue]:
    if facts.reports.get(role.id):
        yield Issue([role.id], f"{role.id} leads a team.", "")
        yield Issue([role.id], f"{role.id} leads a team, an error.", "", severity="error")
        yield Issue([role.id], f"{role.id} leads a team, again.", "")


THREE_OF_EACH_MANAGER = attrs.evolve(
    UNDER_DECLARED,
    id="three-of-each-manager",
    explanation="A made-up rule that finds three things, of two severities, about each manager.",
    check=role_by_role(_three_of_each_manager),
    each_role=_three_of_each_manager,
    reads=reads(Scope.TEAM),
)


def _each_role_backwards(facts: ChartFacts) -> Iterator[Issue]:
    for role in reversed(facts.chart.roles):
        yield Issue([role.id], f"{role.id} is here.", "")


EACH_ROLE_BACKWARDS = attrs.evolve(
    UNDER_DECLARED,
    id="each-role-backwards",
    severity="warning",
    explanation="A made-up rule that finds each role, last first, in one look at the chart.",
    check=_each_role_backwards,
    reads=reads(Scope.REPORTING_LINES),
)


def test_a_selection_s_findings_are_put_in_report_order_without_the_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Validated.report_place orders findings as the list does: by severity,
    then rule, then role and place among the role's findings (or place in a
    whole-chart rule's list); the findings of the roles that came since are
    put in place. The made-up rules find several things about one role, as
    none of the registry's does, the first in the registry less severe than
    the last."""
    rules = {THREE_OF_EACH_MANAGER.id: THREE_OF_EACH_MANAGER, **registry.RULES}
    monkeypatch.setattr(registry, "RULES", {**rules, EACH_ROLE_BACKWARDS.id: EACH_ROLE_BACKWARDS})
    roles = [Role("A", "CEO", "ceo", "Ann"), Role("B", "CMO", "cmo", "Bo", manager="A")]
    roles.append(Role("C", "COO", "coo", "Cy", manager="A"))
    roles.append(Role("D", "Analyst", "market-research-analyst", "Di"))
    chart = Chart(name="three", roles=roles)
    after = reparent(chart, "D", "C")  # C comes to lead a team: its findings come last
    carry_over(chart, after, ChangeRecord.between(chart, after))
    edited = revalidated(validated(chart, CATALOGUE), after, CATALOGUE)
    assert edited.out_of_order == {THREE_OF_EACH_MANAGER.id: ("C",)}
    later = FindingsByRole.listed_later(
        lambda: pytest.fail("listed"), edited.tally, edited.report_place
    )
    expected = validate(after, CATALOGUE)
    for picked in (["A", "C"], ["C", "B", "A", "D"]):
        named = [finding for finding in expected if not set(picked).isdisjoint(finding.roles)]
        assert len([f for f in named if f.rule == THREE_OF_EACH_MANAGER.id]) == 6
        assert later.naming(picked) == named
