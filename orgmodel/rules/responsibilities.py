"""Rules over who holds which responsibility: overlaps and misplaced work."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator

from orgmodel.catalogue import FUNCTIONS
from orgmodel.model import Role
from orgmodel.rules.fact_lines import holding_facts
from orgmodel.rules.facts import C_SUITE, CMO, COO, OPERATIONS, TACTICAL, ChartFacts
from orgmodel.rules.gaps import best_assignee
from orgmodel.rules.rule import Finding, Issue, Rule, Scope, Source, reads
from orgmodel.rules.steps import Fix, Take, move_work
from orgmodel.wording import join_words, sentence_start

Recipients = dict[str, Role | None]
"""Responsibility id -> the role that should take it over (None: nobody fits)."""


def tactical_recipients(
    facts: ChartFacts, cmo: Role, responsibility_ids: Collection[str]
) -> Recipients:
    """Who in the CMO's organisation below the C-suite takes each piece of
    tactical work: someone whose kind usually does it, in-house, most junior."""
    team = [
        role
        for role in facts.subtree(cmo)
        if (facts.level(role) or 0) > C_SUITE and facts.in_category(role, TACTICAL)
    ]
    order = {role.id: index for index, role in enumerate(facts.chart.roles)}
    team.sort(key=lambda role: order[role.id])  # ties go to the first in the chart

    def fit(responsibility: str) -> Callable[[Role], tuple[bool, bool, int]]:
        def key(role: Role) -> tuple[bool, bool, int]:
            kind = facts.catalogue.kind(role.kind)
            usual = kind is not None and responsibility in kind.defaults
            return (usual, role.employment.in_house, facts.level(role) or 0)

        return key

    return {
        responsibility: max(team, key=fit(responsibility)) if team else None
        for responsibility in facts.in_catalogue_order(responsibility_ids)
    }


def overlap_recipients(
    facts: ChartFacts, holder: Role, owner: Role, responsibility_ids: Collection[str]
) -> Recipients:
    """Who takes the other function's work off ``holder``: operations work goes
    to ``owner`` (the COO); marketing work where the gap rules would put it
    (tactical work to the team, not the CMO), and to ``owner`` when nobody fits."""
    recipients: Recipients = {}
    for responsibility in facts.in_catalogue_order(responsibility_ids):
        to: Role | None = owner
        if holder.kind == COO and responsibility in facts.catalogue.responsibilities:
            to = best_assignee(facts, responsibility) or owner
        recipients[responsibility] = to
    return recipients


def handover(facts: ChartFacts, recipients: Recipients, otherwise: str) -> str:
    """'Hand X to A and Y to B.'; work nobody fits goes to ``otherwise``."""
    plan: dict[str | None, list[str]] = {}
    for responsibility, to in recipients.items():
        plan.setdefault(None if to is None else to.id, []).append(responsibility)
    shares = [
        f"{facts.catalogue.names(ids)} to "
        f"{otherwise if to is None else facts.label(facts.chart.role(to))}"
        for to, ids in plan.items()
    ]
    return f"Hand {join_words(shares)}."


def cmo_tactical_work(facts: ChartFacts) -> Iterator[Issue]:
    # A fractional CMO's tactical work is reported by fractional-cmo-scope,
    # which says more about why; it is not repeated here.
    for cmo in facts.by_kind.get(CMO, []):
        if cmo.is_fractional:
            continue
        tactical = facts.in_category(cmo, TACTICAL)
        if not tactical:
            continue
        names = facts.catalogue.names(tactical)
        recipients = tactical_recipients(facts, cmo, tactical)
        yield Issue(
            [cmo.id],
            f"{facts.label(cmo)} holds tactical work: {names}.",
            handover(facts, recipients, "specialists under a marketing director"),
            responsibilities=facts.in_catalogue_order(tactical),
        )


def _cmo_tactical_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    cmo = facts.chart.role(finding.roles[0])
    recipients = tactical_recipients(facts, cmo, finding.responsibilities)
    description, steps = move_work(facts, cmo, recipients)
    return [Fix(description, steps)]


def _cmo_tactical_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    cmo = facts.chart.role(finding.roles[0])
    team = [r for r in facts.subtree(cmo) if facts.in_category(r, TACTICAL)]
    below = (
        f"Below them, {facts.labels(team[:4])} {'does' if len(team) == 1 else 'do'} tactical work."
        if team
        else "Nobody below them does tactical work."
    )
    return [*holding_facts(finding, facts), below]


CMO_TACTICAL_WORK = Rule(
    id="cmo-tactical-work",
    severity="warning",
    explanation=("The CMO answers for all marketing but should not hold granular tactical tasks."),
    fix="Hand the tactical tasks to the marketing team (specialists under a director or manager).",
    sources=[
        Source("What are the responsibilities of a CMO?", "¶7"),
        Source("What is the difference between a CMO and a VP?", "¶2"),
        Source("CMO vs Marketing Director: roles and responsibilities", "¶5"),
    ],
    check=cmo_tactical_work,
    reads=reads(
        Scope.KINDS, Scope.SUBTREE, Scope.RESPONSIBILITIES, kinds=[CMO], functions=["marketing"]
    ),
    fixes=_cmo_tactical_fixes,
    facts=_cmo_tactical_facts,
)


def strategy_overlap(facts: ChartFacts) -> Iterator[Issue]:
    """One finding per group of roles sharing company-level responsibilities."""
    shared: dict[tuple[str, ...], list[str]] = {}
    for responsibility in facts.catalogue.responsibilities.values():
        holders = facts.holders.get(responsibility.id, [])
        if responsibility.once_per_company and len(holders) >= 2:
            shared.setdefault(tuple(r.id for r in holders), []).append(responsibility.id)
    for holder_ids, responsibility_ids in shared.items():
        holders = [facts.chart.role(role_id) for role_id in holder_ids]
        cmos = [r for r in holders if r.kind == CMO]
        keeper = cmos[0] if cmos else min(holders, key=facts.seniority)
        others = [r for r in holders if r.id != keeper.id]
        names = facts.catalogue.names(responsibility_ids)
        yield Issue(
            holder_ids,
            f"{facts.labels(holders)} each hold what one role should own: {names}.",
            f"Keep {names if len(responsibility_ids) == 1 else 'them'} with "
            f"{facts.label(keeper)} and remove "
            f"{'it' if len(responsibility_ids) == 1 else 'them'} from {facts.labels(others)}.",
            responsibilities=responsibility_ids,
        )


def _strategy_overlap_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    holders = [facts.chart.role(r) for r in finding.roles]
    cmos = [r for r in holders if r.kind == CMO]
    keeper = cmos[0] if cmos else min(holders, key=facts.seniority)
    ids = facts.in_catalogue_order(finding.responsibilities)
    it = "it" if len(ids) == 1 else "them"
    return [
        Fix(
            f"Remove {facts.catalogue.names(ids)} from {facts.label(other)}; "
            f"{facts.label(keeper)} keeps {it}",
            [Take(other.id, ids)],
        )
        for other in holders
        if other.id != keeper.id
    ]


def _strategy_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    return [
        *holding_facts(finding, facts),
        f"{sentence_start(facts.catalogue.names(finding.responsibilities))} "
        f"{'is' if len(finding.responsibilities) == 1 else 'are'} meant to have one owner "
        "in the company.",
    ]


STRATEGY_OVERLAP = Rule(
    id="strategy-overlap",
    severity="warning",
    explanation=(
        "A company-level marketing responsibility (strategy, brand, vision...) should "
        "have exactly one owner."
    ),
    fix="Keep the responsibility with one role (normally the CMO) and remove it from the others.",
    sources=[
        Source("What is the difference between a CMO and a VP?", "¶5"),
        Source("CMO vs Marketing Director: roles and responsibilities", "¶7"),
        Source(
            "Fractional CMO vs fractional Marketing Director",
            "A Fractional CMO's Responsibilities: What They Do",
        ),
    ],
    check=strategy_overlap,
    reads=reads(Scope.RESPONSIBILITIES, Scope.HEAD, functions=FUNCTIONS),
    fixes=_strategy_overlap_fixes,
    facts=_strategy_facts,
)


def coo_cmo_overlap(facts: ChartFacts) -> Iterator[Issue]:
    coos = facts.by_kind.get(COO, [])
    cmos = facts.by_kind.get(CMO, [])
    if not coos or not cmos:
        return
    marketing_categories = [
        c.id for c in facts.catalogue.categories.values() if c.function == "marketing"
    ]
    for cmo in cmos:
        operations = facts.in_category(cmo, OPERATIONS)
        if operations:
            names = facts.catalogue.names(operations)
            recipients = overlap_recipients(facts, cmo, coos[0], operations)
            yield Issue(
                [cmo.id, coos[0].id],
                f"{facts.label(cmo)} holds operations duties ({names}) while "
                f"{facts.label(coos[0])} runs operations.",
                handover(facts, recipients, "the operations team"),
                responsibilities=facts.in_catalogue_order(operations),
            )
    for coo in coos:
        marketing = frozenset().union(*(facts.in_category(coo, c) for c in marketing_categories))
        if marketing:
            names = facts.catalogue.names(marketing)
            recipients = overlap_recipients(facts, coo, cmos[0], marketing)
            yield Issue(
                [coo.id, cmos[0].id],
                f"{facts.label(coo)} holds marketing duties ({names}) while "
                f"{facts.label(cmos[0])} runs marketing.",
                handover(facts, recipients, "the marketing team"),
                responsibilities=facts.in_catalogue_order(marketing),
            )


def _coo_cmo_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    holder, owner = (facts.chart.role(r) for r in finding.roles[:2])
    recipients = overlap_recipients(facts, holder, owner, finding.responsibilities)
    description, steps = move_work(facts, holder, recipients)
    return [Fix(description, steps)]


def _coo_cmo_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    right = facts.chart.role(finding.roles[1])
    own = "operations" if right.kind == COO else "marketing"
    return [
        *holding_facts(finding, facts),
        f"{sentence_start(facts.label(right))} is the {facts.kind_name(right)} and runs {own}.",
    ]


COO_CMO_OVERLAP = Rule(
    id="coo-cmo-overlap",
    severity="warning",
    explanation=(
        "The COO runs operations and the CMO runs marketing and brand; neither should "
        "hold the other's duties."
    ),
    fix=(
        "Give operations duties back to the COO's line and marketing duties back to the CMO's line."
    ),
    sources=[
        Source(
            "Understanding the vital roles of COOs and CMOs",
            "Chief Operations Officer (COO): Orchestrating Seamless Operations",
        ),
        Source(
            "Understanding the vital roles of COOs and CMOs",
            "Chief Marketing Officer (CMO): Architecting Brand Ascendancy",
        ),
    ],
    check=coo_cmo_overlap,
    reads=reads(Scope.KINDS, Scope.RESPONSIBILITIES, kinds=[CMO, COO], functions=FUNCTIONS),
    fixes=_coo_cmo_fixes,
    facts=_coo_cmo_facts,
)


RULES = (CMO_TACTICAL_WORK, STRATEGY_OVERLAP, COO_CMO_OVERLAP)
