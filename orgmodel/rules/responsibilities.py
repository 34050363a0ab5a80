"""Rules over who holds which responsibility: overlaps, misplaced work and gaps."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator

from orgmodel.model import Role
from orgmodel.rules.engine import CMO, COO, OPERATIONS, TACTICAL, ChartFacts, Issue
from orgmodel.wording import in_sentence, join_words

MANAGEMENT = "marketing-management"
INDIVIDUAL_CONTRIBUTOR = 5
C_SUITE = 1
"""Levels up to this one are the C-suite (the CEO is level 0)."""

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


def best_assignee(facts: ChartFacts, responsibility_id: str) -> Role | None:
    """The role a gap is best given to.

    Prefer a role whose kind normally holds the responsibility, then one that
    does related work of the same category. Tactical work goes to the most
    junior such role and never to the C-suite; other work to the most senior.
    """
    catalogue = facts.catalogue
    category = catalogue.category_of(responsibility_id)
    members = facts.category_members[category.id]
    tactical = category.id == TACTICAL
    hands_on = category.id in (TACTICAL, MANAGEMENT)

    def could_hold(role: Role) -> bool:
        # Never suggest what another rule would then flag: tactical work for
        # the C-suite (cmo-tactical-work) or running marketing day to day for
        # a fractional CMO (fractional-cmo-scope); nor management work for
        # someone who manages nobody's work (an individual contributor).
        level = facts.level(role) or 0
        if tactical and level <= 1:
            return False
        if category.id == MANAGEMENT and level >= INDIVIDUAL_CONTRIBUTOR:
            return False
        return not (hands_on and role.kind == CMO and role.is_fractional)

    def pool() -> list[tuple[Role, frozenset[str], bool, int]]:
        """The category's candidates with what ranks them, whatever the responsibility."""
        ranked = []
        for role in facts.by_function.get(category.function, []):
            if not could_hold(role):
                continue
            kind = catalogue.kind(role.kind)
            defaults = frozenset() if kind is None else kind.defaults
            related = bool(facts.held[role.id] & members or defaults & members)
            level = facts.level(role) or 0
            ranked.append((role, defaults, related, level if tactical else -level))
        return ranked

    # Several gaps of one category rank the same roles: rank them once.
    candidates = facts.cached(("assignee pool", category.id), pool)
    best = max(
        candidates,
        key=lambda entry: (responsibility_id in entry[1], entry[2], entry[3]),
        default=None,
    )
    return None if best is None else best[0]


def responsibility_gap(facts: ChartFacts) -> Iterator[Issue]:
    catalogue = facts.catalogue
    for responsibility in catalogue.responsibilities.values():
        if not responsibility.core or facts.holders.get(responsibility.id):
            continue
        category = catalogue.categories[responsibility.category]
        if not facts.by_function.get(category.function):
            continue
        name = in_sentence(responsibility.name)
        assignee = best_assignee(facts, responsibility.id)
        kinds = [
            k.name
            for k in catalogue.kinds_holding(responsibility.id)
            if not facts.by_kind.get(k.id)
        ][:2]
        such_as = " or ".join(kinds)
        if assignee is not None:
            add = f", or add a role such as {such_as}" if kinds else ""
            fix = f"Assign {name} to {facts.label(assignee)}{add}"
        elif kinds:
            fix = f"Add a role such as {such_as} to hold {name}"
        else:
            fix = f"Give {name} to a role of the {category.function} team"
        yield Issue(
            [assignee.id] if assignee else [],
            f"Nobody holds {name} ({in_sentence(category.name)}).",
            f"{fix}.",
            responsibilities=[responsibility.id],
        )
