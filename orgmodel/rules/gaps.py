"""The rule that every core responsibility of a function the company has is held, and
whom a gap is best given to."""

from __future__ import annotations

from collections.abc import Iterator

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
