"""The rule that every core responsibility of a function the company has is held, and
whom a gap is best given to."""

from __future__ import annotations

from collections.abc import Iterator

from attrs import frozen

from orgmodel.catalogue import FUNCTIONS
from orgmodel.model import Role
from orgmodel.rules.fact_lines import some
from orgmodel.rules.facts import C_SUITE, CMO, MARKETING_LEAD_KINDS, TACTICAL, ChartFacts
from orgmodel.rules.rule import Finding, Issue, Rule, Scope, Source, reads
from orgmodel.rules.steps import AddRole, Fix, Give
from orgmodel.wording import article, in_sentence, join_words, sentence_start

MANAGEMENT = "marketing-management"
INDIVIDUAL_CONTRIBUTOR = 5


def best_assignee(facts: ChartFacts, responsibility_id: str) -> Role | None:
    """The role a gap is best given to.

    Prefer a role whose kind normally holds the responsibility, then one that
    does related work of the same category. Tactical work goes to the most
    junior such role and never to the C-suite; other work to the most senior.
    Among equals, the first in the chart.
    """
    category = facts.catalogue.category_of(responsibility_id)
    # Several gaps of one category rank the same roles: rank them once.
    candidates = facts.cached(
        ("assignee candidates", category.id), lambda: _candidates(facts, category.id)
    )
    best = max(
        candidates,
        key=lambda c: (responsibility_id in c.defaults, c.related, c.rank, -c.position),
        default=None,
    )
    return None if best is None else best.role


@frozen
class _Candidate:
    role: Role
    defaults: frozenset[str]
    """What the role's kind holds by default."""
    related: bool
    """Whether the role does work of the category (by its kind, or what it holds)."""
    rank: int
    """Higher is better: the level for tactical work (most junior), else minus it."""
    position: int
    """Where the role stands in the chart."""


def _candidates(facts: ChartFacts, category_id: str) -> list[_Candidate]:
    """The roles of a category's function that could take its work, ranked as
    for any of its responsibilities: of the roles of one kind, which rank alike
    but for what they hold, only the first that does related work and the
    first that does not (a role heading the organisation ranks apart). At
    50,000 roles ranking every role took some 15 ms of each edit that added,
    removed or retitled one while a gap stood."""
    catalogue, order = facts.catalogue, facts.order
    members = facts.category_members[category_id]
    function = catalogue.categories[category_id].function
    tactical = category_id == TACTICAL
    hands_on = category_id in (TACTICAL, MANAGEMENT)

    def could_hold(role: Role, level: int) -> bool:
        # Never suggest what another rule would then flag: tactical work for
        # the C-suite (cmo-tactical-work) or running marketing day to day for
        # a fractional CMO (fractional-cmo-scope); nor management work for
        # someone who manages nobody's work (an individual contributor).
        if tactical and level <= 1:
            return False
        if category_id == MANAGEMENT and level >= INDIVIDUAL_CONTRIBUTOR:
            return False
        return not (hands_on and role.kind == CMO and role.is_fractional)

    def candidate(role: Role, defaults: frozenset[str], related: bool, level: int) -> _Candidate:
        return _Candidate(role, defaults, related, level if tactical else -level, order[role.id])

    found: list[_Candidate] = []
    head = facts.head
    head_kind = None if head is None else catalogue.kind(head.kind)
    if head is not None and head_kind is not None and head_kind.function == function:
        defaults = head_kind.defaults
        if could_hold(head, 0):
            held = catalogue.held(head)
            related = not members.isdisjoint(held) or not members.isdisjoint(defaults)
            found.append(candidate(head, defaults, related, 0))
    head_id = None if head is None else head.id
    for kind in catalogue.kinds.values():
        roles = facts.by_kind.get(kind.id)
        if kind.function != function or not roles:
            continue
        related_kind = not members.isdisjoint(kind.defaults)
        first_related: Role | None = None
        first_unrelated: Role | None = None
        for role in roles:
            if role.id == head_id or not could_hold(role, kind.level):
                continue
            if related_kind or not members.isdisjoint(catalogue.held(role)):
                first_related = role
                break
            if first_unrelated is None:
                first_unrelated = role
        for first, related in ((first_related, True), (first_unrelated, False)):
            if first is not None:
                found.append(candidate(first, kind.defaults, related, kind.level))
    return found


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


def _manager_for_new(facts: ChartFacts, kind_id: str) -> Role | None:
    """Where a new role of the kind goes: under the function's lead, its head, or the CEO."""
    kind = facts.catalogue.kind(kind_id)
    if kind is None:
        return None
    above = [
        r
        for r in facts.by_function.get(kind.function, [])
        if (level := facts.level(r)) is not None and level < kind.level
    ]
    leads = [r for r in above if r.kind in MARKETING_LEAD_KINDS]
    if leads:
        # The lead nearest in rank: the manager of a team of specialists, say.
        return max(leads, key=lambda r: facts.level(r) or 0)
    if above:
        return min(above, key=lambda r: facts.level(r) or 0)
    ceos = facts.chief_executives
    return ceos[0] if ceos and kind.level > 0 else None


def _gap_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    fixes: list[Fix] = []
    for responsibility in finding.responsibilities:
        if responsibility not in facts.catalogue.responsibilities:
            continue
        name = in_sentence(facts.catalogue.responsibility_name(responsibility))
        assignee = best_assignee(facts, responsibility)
        if assignee is not None:
            fixes.append(
                Fix(
                    f"Assign {name} to {facts.label(assignee)}",
                    [Give(assignee.id, [responsibility])],
                )
            )
        kinds = [
            k
            for k in facts.catalogue.kinds_holding(responsibility)
            # A second chief of a kind (a second CMO, say) is no fix.
            if not (k.level <= C_SUITE and facts.by_kind.get(k.id))
        ]
        # Kinds the chart does not have yet first, as the rule suggests them.
        kinds.sort(key=lambda k: bool(facts.by_kind.get(k.id)))
        for kind in kinds[:2]:
            manager = _manager_for_new(facts, kind.id)
            where = "" if manager is None else f" under {facts.label(manager)}"
            fixes.append(
                Fix(
                    f"Add {article(kind.name)} {kind.name}{where} to hold {name}",
                    [AddRole(kind.id, None if manager is None else manager.id)],
                )
            )
    return fixes


def _gap_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    catalogue = facts.catalogue
    lines = []
    for responsibility in finding.responsibilities:
        if responsibility not in catalogue.responsibilities:
            continue
        category = catalogue.category_of(responsibility)
        function = category.function
        members = facts.by_function.get(function, [])
        name = in_sentence(catalogue.responsibility_name(responsibility))
        lines.append(
            f"The {function} function exists: the chart has {len(members)} {function} "
            f"role{'' if len(members) == 1 else 's'} ({some(facts, members)}), and {name} "
            f"is one of its core responsibilities."
        )
        lines.append(
            f"No role lists {name} among its responsibilities, and no role holds it "
            "by default for its kind."
        )
        kinds = catalogue.kinds_holding(responsibility)
        if kinds:
            lines.append(
                f"Role kinds that hold {name} by default: {join_words(k.name for k in kinds)}."
            )
        for role_id in finding.roles:
            role = facts.chart.role(role_id)
            kind = catalogue.kind(role.kind)
            if kind is not None and responsibility in kind.defaults:
                reason = "its kind normally holds it"
            elif facts.in_category(role, category.id):
                reason = f"it already does related {in_sentence(category.name)} work"
            else:
                reason = f"it is the best placed role of the {function} team"
            lines.append(f"{sentence_start(facts.label(role))} is suggested to take it: {reason}.")
    return lines


RESPONSIBILITY_GAP = Rule(
    id="responsibility-gap",
    severity="warning",
    explanation=("A core responsibility of a function the company has is held by nobody."),
    fix=(
        "Assign the responsibility to a role of that function, or add a role that normally "
        "holds it."
    ),
    sources=[
        Source("CMO vs Marketing Director: roles and responsibilities", "¶3\u20134"),
        Source(
            "Understanding the vital roles of COOs and CMOs", "Key Responsibilities: A Closer Look"
        ),
        Source("What are the responsibilities of a CMO?", "¶4\u20139"),
    ],
    check=responsibility_gap,
    reads=reads(Scope.KINDS, Scope.RESPONSIBILITIES, Scope.HEAD, functions=FUNCTIONS),
    fixes=_gap_fixes,
    facts=_gap_facts,
)


RULES = (RESPONSIBILITY_GAP,)
