"""Suggested fixes for findings, and a finding explained in plain words.

A :class:`Fix` is data: a sentence for a button and the steps that carry it
out, each step a small edit with its parameters (give or take
responsibilities, move a role, add a role, change a role's kind). Applying a
fix runs its steps through :mod:`orgmodel.edits`, so it is pure and refuses,
with an ``EditError``, what the chart no longer allows.

Fixes are computed from the catalogue for the findings of the responsibility
rules and of the rules about who leads marketing and where leaders sit; every
fix offered clears its finding without causing a new error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs
from attrs import field, frozen

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.edits import EditError, add_role, reparent, update_role
from orgmodel.model import Chart, Role, string_tuple
from orgmodel.rules import Finding, rule_catalogue, validate
from orgmodel.rules.engine import (
    CMO,
    COO,
    MARKETING_LEAD_KINDS,
    MARKETING_MANAGER,
    TACTICAL,
    VP_MARKETING,
    ChartFacts,
    Severity,
)
from orgmodel.rules.responsibilities import (
    C_SUITE,
    best_assignee,
    overlap_recipients,
    tactical_recipients,
)
from orgmodel.wording import in_sentence, join_some, join_words, sentence_start

__all__ = [
    "AddRole",
    "ChangeKind",
    "Explanation",
    "Fix",
    "Give",
    "InvolvedRole",
    "Reparent",
    "Step",
    "Take",
    "explain",
    "fixes_for",
]


def _role(chart: Chart, role_id: str) -> Role:
    role = chart.get(role_id)
    if role is None:
        raise EditError(f"There is no role {role_id!r} in the chart any more.")
    return role


def _label(chart: Chart, catalogue: Catalogue, role_id: str) -> str:
    role = chart.get(role_id)
    return repr(role_id) if role is None else catalogue.label(role)


# --- steps -------------------------------------------------------------------------------


@frozen
class Give:
    """The role takes on the responsibilities; a role holding its kind's defaults keeps them."""

    role: str
    responsibilities: tuple[str, ...] = field(converter=string_tuple)

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        role = _role(chart, self.role)
        held = catalogue.held(role)
        if held.issuperset(self.responsibilities):
            return chart
        return update_role(
            chart, attrs.evolve(role, responsibilities=held | set(self.responsibilities))
        )


@frozen
class Take:
    """The role gives up the responsibilities, and keeps the rest of what it holds."""

    role: str
    responsibilities: tuple[str, ...] = field(converter=string_tuple)

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        role = _role(chart, self.role)
        held = catalogue.held(role)
        missing = frozenset(self.responsibilities) - held
        if missing:
            raise EditError(
                f"{sentence_start(_label(chart, catalogue, role.id))} no longer holds "
                f"{catalogue.names(missing)}."
            )
        if not self.responsibilities:
            return chart
        remaining = held - frozenset(self.responsibilities)
        return update_role(chart, attrs.evolve(role, responsibilities=remaining))


@frozen
class Reparent:
    """The role, with everyone below it, reports to ``manager`` (None: to nobody)."""

    role: str
    manager: str | None

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        _role(chart, self.role)
        return reparent(chart, self.role, self.manager)


@frozen
class AddRole:
    """A new vacant role of the kind under ``manager``, and ``reports`` moved under it.

    ``takes`` are responsibilities the new role holds besides its kind's usual ones.
    """

    kind: str
    manager: str | None
    reports: tuple[str, ...] = field(default=(), converter=string_tuple)
    takes: tuple[str, ...] = field(default=(), converter=string_tuple)

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        chart, new_id = add_role(chart, self.kind, self.manager, catalogue)
        if self.takes:
            new = chart.role(new_id)
            held = catalogue.held(new) | set(self.takes)
            chart = update_role(chart, attrs.evolve(new, responsibilities=held))
        for report in self.reports:
            _role(chart, report)
            chart = reparent(chart, report, new_id)
        return chart


@frozen
class ChangeKind:
    """The role becomes a role of another kind, titled after it, without ``drop``.

    A role holding its old kind's defaults then holds the new kind's.
    """

    role: str
    kind: str
    drop: tuple[str, ...] = field(default=(), converter=string_tuple)

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        role = _role(chart, self.role)
        kind = catalogue.kind(self.kind)
        if kind is None:
            raise EditError(f"There is no role kind {self.kind!r} in the catalogue.")
        held = role.responsibilities
        if held is not None:
            held = held - frozenset(self.drop)
        return update_role(
            chart, attrs.evolve(role, kind=kind.id, title=kind.name, responsibilities=held)
        )


Step = Give | Take | Reparent | AddRole | ChangeKind


def _steps(steps: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(steps)


@frozen
class Fix:
    """A suggested change to the chart: a sentence for a button and the steps that make it."""

    description: str
    steps: tuple[Step, ...] = field(converter=_steps)

    @property
    def roles(self) -> tuple[str, ...]:
        """Ids of the existing roles the fix changes or moves others under, in step order."""
        ids: list[str] = []
        for step in self.steps:
            for role_id in _step_roles(step):
                if role_id not in ids:
                    ids.append(role_id)
        return tuple(ids)

    def apply(self, chart: Chart, catalogue: Catalogue | None = None) -> Chart:
        """The chart with the fix made; ``EditError`` if the chart no longer allows it."""
        catalogue = catalogue or load_catalogue()
        result = chart
        for step in self.steps:
            result = step.apply(result, catalogue)
        if result == chart:
            raise EditError("The chart is already as this fix would make it.")
        return result


def _step_roles(step: Step) -> tuple[str, ...]:
    if isinstance(step, AddRole):
        return (*((step.manager,) if step.manager else ()), *step.reports)
    if isinstance(step, Reparent):
        return (step.role, *((step.manager,) if step.manager else ()))
    return (step.role,)


# --- computing fixes ------------------------------------------------------------------------


FixMaker = Callable[[Finding, ChartFacts], list[Fix]]


def _article(name: str) -> str:
    """'a' or 'an' before a kind's name: 'an Events Specialist', 'an SEO Specialist'."""
    initialism = name[:2].isupper()
    vowel_sound = "FHLMNRSX" if initialism else ""
    return "an" if name[:1].upper() in "AEIOU" + vowel_sound else "a"


def _in_subtree(facts: ChartFacts, top: Role, role_id: str) -> bool:
    return any(r.id == role_id for r in facts.subtree(top))


def _move_sentence(
    facts: ChartFacts, source: Role, plan: Sequence[tuple[Role | None, tuple[str, ...]]]
) -> str:
    """'Move X from A to B', 'Move X from A: Y to B and Z to C', 'Remove X from A'."""
    given = [(to, ids) for to, ids in plan if to is not None]
    dropped = [r for to, ids in plan if to is None for r in ids]
    parts = []
    if len(given) == 1:
        to, ids = given[0]
        parts.append(
            f"Move {facts.catalogue.names(ids)} from {facts.label(source)} to {facts.label(to)}"
        )
    elif given:
        shares = join_words(
            f"{facts.catalogue.names(ids)} to {facts.label(to)}" for to, ids in given
        )
        parts.append(f"Hand over the work of {facts.label(source)}: {shares}")
    if dropped:
        removal = f"remove {facts.catalogue.names(dropped)} from {facts.label(source)}"
        parts.append(removal if parts else sentence_start(removal))
    return "; ".join(parts)


def _move(
    facts: ChartFacts, source: Role, recipients: dict[str, Role | None]
) -> tuple[str, list[Step]]:
    """Take each responsibility from ``source`` and give it to its recipient (None: nobody)."""
    plan: dict[str | None, list[str]] = {}
    for responsibility, to in recipients.items():
        plan.setdefault(None if to is None else to.id, []).append(responsibility)
    grouped = [
        (None if to is None else facts.chart.role(to), facts.in_catalogue_order(ids))
        for to, ids in plan.items()
    ]
    steps: list[Step] = [Take(source.id, facts.in_catalogue_order(recipients))]
    steps += [Give(to.id, ids) for to, ids in grouped if to is not None]
    return _move_sentence(facts, source, grouped), steps


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
                    f"Add {_article(kind.name)} {kind.name}{where} to hold {name}",
                    [AddRole(kind.id, None if manager is None else manager.id)],
                )
            )
    return fixes


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


def _cmo_tactical_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    cmo = facts.chart.role(finding.roles[0])
    recipients = tactical_recipients(facts, cmo, finding.responsibilities)
    description, steps = _move(facts, cmo, recipients)
    return [Fix(description, steps)]


def _coo_cmo_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    holder, owner = (facts.chart.role(r) for r in finding.roles[:2])
    recipients = overlap_recipients(facts, holder, owner, finding.responsibilities)
    description, steps = _move(facts, holder, recipients)
    return [Fix(description, steps)]


def _fractional_cmo_scope_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    cmo = facts.chart.role(finding.roles[0])
    ids = facts.in_catalogue_order(finding.responsibilities)
    leads = facts.in_house_marketing_leads()
    fixes = []
    if not leads:
        # Hand the work to a new in-house lead: that also meets the fractional
        # CMO's prerequisites, where merely dropping the work leaves gaps.
        names = facts.catalogue.names(ids)
        fixes.append(
            Fix(
                f"Add an in-house Marketing Manager under {facts.label(cmo)} to take {names}",
                [Take(cmo.id, ids), AddRole(MARKETING_MANAGER, cmo.id, takes=ids)],
            )
        )
    targets: list[Role | None] = list(leads) if leads else [None]
    for lead in targets:
        description, steps = _move(facts, cmo, dict.fromkeys(ids, lead))
        fixes.append(Fix(description, steps))
    return fixes


def _single_cmo_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    cmos = [facts.chart.role(r) for r in finding.roles]
    order = sorted(cmos, key=lambda r: (r.is_fractional, r.vacant))
    fixes = []
    for keeper in order:
        extras = [r for r in cmos if r.id != keeper.id]
        kept = facts.held[keeper.id]
        once = {r.id for r in facts.catalogue.responsibilities.values() if r.once_per_company}
        steps: list[Step] = []
        for extra in extras:
            if _in_subtree(facts, extra, keeper.id):
                above = extra.manager if extra.manager in facts.chart else None
                steps.append(Reparent(keeper.id, above))
            drop = facts.in_catalogue_order(facts.held[extra.id] & kept & once)
            steps.append(ChangeKind(extra.id, VP_MARKETING, drop))
            steps.append(Reparent(extra.id, keeper.id))
            # A VP under a VP would break the rule of rank: the extra CMO's
            # vice presidents move up to the kept CMO.
            steps += [
                Reparent(r.id, keeper.id)
                for r in facts.reports.get(extra.id, [])
                if r.id != keeper.id and facts.level(r) == facts.catalogue.kinds[VP_MARKETING].level
            ]
        vp = "a VP Marketing" if len(extras) == 1 else "VP Marketing roles"
        fixes.append(
            Fix(
                f"Keep {facts.label(keeper)} as CMO and make {facts.labels(extras)} "
                f"{vp} under {facts.label(keeper)}",
                steps,
            )
        )
    return fixes


def _missing_cmo_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    leads = [facts.chart.role(r) for r in finding.roles]
    ceos = facts.chief_executives
    ceo = ceos[0] if ceos else None
    name = facts.catalogue.kinds[CMO].name
    where = f" reporting to {facts.label(ceo)}" if ceo is not None else ""
    with_leads = f", with {facts.labels(leads)} under it" if leads else ""
    return [
        Fix(
            f"Add {_article(name)} {name}{where}{with_leads}",
            [AddRole(CMO, None if ceo is None else ceo.id, [r.id for r in leads])],
        )
    ]


def _reparent_fixes(facts: ChartFacts, role: Role, managers: Iterable[Role]) -> list[Fix]:
    return [
        Fix(f"Move {facts.label(role)} under {facts.label(m)}", [Reparent(role.id, m.id)])
        for m in managers
        if m.id != role.id
    ]


def _director_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    director = facts.chart.role(finding.roles[0])
    leads = facts.by_kind.get(CMO, []) + facts.by_kind.get(VP_MARKETING, [])
    return _reparent_fixes(facts, director, leads)


def _vp_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    vp = facts.chart.role(finding.roles[0])
    return _reparent_fixes(facts, vp, facts.by_kind.get(CMO, []))


def _cmo_ceo_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    # With no chief executive in the chart there is nobody right to move the CMO under.
    cmo = facts.chart.role(finding.roles[0])
    return _reparent_fixes(facts, cmo, facts.chief_executives)


FIX_MAKERS: dict[str, FixMaker] = {
    "responsibility-gap": _gap_fixes,
    "strategy-overlap": _strategy_overlap_fixes,
    "cmo-tactical-work": _cmo_tactical_fixes,
    "coo-cmo-overlap": _coo_cmo_fixes,
    "fractional-cmo-scope": _fractional_cmo_scope_fixes,
    "single-cmo": _single_cmo_fixes,
    "missing-cmo": _missing_cmo_fixes,
    "director-reports-to-marketing-lead": _director_fixes,
    "vp-marketing-reports-to-cmo": _vp_fixes,
    "cmo-reports-to-ceo": _cmo_ceo_fixes,
}
"""The rules that have fixes; every other rule (unclassified-title, say) has none."""


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
    maker = FIX_MAKERS.get(finding.rule)
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


# --- explaining a finding ---------------------------------------------------------------------


@frozen
class InvolvedRole:
    id: str
    label: str
    """"Person (Title)", or "the vacant Title seat"."""


def _involved(roles: Iterable[InvolvedRole]) -> tuple[InvolvedRole, ...]:
    return tuple(roles)


def _fixes(fixes: Iterable[Fix]) -> tuple[Fix, ...]:
    return tuple(fixes)


@frozen
class Explanation:
    """Everything the explain view shows about one finding, as plain text."""

    rule: str
    severity: Severity
    rule_text: str
    """The rule in plain words."""
    sources: tuple[str, ...] = field(converter=string_tuple)
    """Where the rule comes from: "file, section" each."""
    roles: tuple[InvolvedRole, ...] = field(converter=_involved)
    why: tuple[str, ...] = field(converter=string_tuple)
    """Why it fired on this chart: the finding's message, then the facts behind it."""
    fixes: tuple[Fix, ...] = field(converter=_fixes)

    def text(self) -> str:
        """The whole explanation as plain text, one section after another."""
        lines = [f"{self.rule} ({self.severity})", self.rule_text, "", "Why it fired here:"]
        lines += [f"- {line}" for line in self.why]
        if self.roles:
            lines += ["", "Roles involved:"]
            lines += [f"- {role.label} [{role.id}]" for role in self.roles]
        lines += ["", "Source:" if len(self.sources) == 1 else "Sources:"]
        lines += [f"- {source}" for source in self.sources]
        lines += ["", "Suggested fixes:"]
        lines += [f"- {fix.description}" for fix in self.fixes] or ["- none to offer"]
        return "\n".join(lines)


def _how_held(role: Role) -> str:
    return "on its own list" if role.responsibilities is not None else "by default for its kind"


def _some(facts: ChartFacts, roles: Sequence[Role], shown: int = 3) -> str:
    """'A, B and C', or 'A, B, C and 4 more'."""
    return join_some([facts.label(r) for r in roles], shown)


def _employment(facts: ChartFacts, role: Role) -> str:
    in_house = "in-house" if role.employment.in_house else "not in-house staff"
    return f"{sentence_start(facts.label(role))}: {role.employment.value}, {in_house}."


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
            f"role{'' if len(members) == 1 else 's'} ({_some(facts, members)}), and {name} "
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


def _holding_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    lines = []
    for role_id in finding.roles:
        role = facts.chart.role(role_id)
        held = set(finding.responsibilities) & facts.held[role.id]
        if held:
            who = sentence_start(facts.label(role))
            lines.append(f"{who} holds {facts.catalogue.names(held)} ({_how_held(role)}).")
    return lines


def _strategy_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    return [
        *_holding_facts(finding, facts),
        f"{sentence_start(facts.catalogue.names(finding.responsibilities))} "
        f"{'is' if len(finding.responsibilities) == 1 else 'are'} meant to have one owner "
        "in the company.",
    ]


def _cmo_tactical_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    cmo = facts.chart.role(finding.roles[0])
    team = [r for r in facts.subtree(cmo) if facts.in_category(r, TACTICAL)]
    below = (
        f"Below them, {facts.labels(team[:4])} {'does' if len(team) == 1 else 'do'} tactical work."
        if team
        else "Nobody below them does tactical work."
    )
    return [*_holding_facts(finding, facts), below]


def _coo_cmo_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    right = facts.chart.role(finding.roles[1])
    own = "operations" if right.kind == COO else "marketing"
    return [
        *_holding_facts(finding, facts),
        f"{sentence_start(facts.label(right))} is the {facts.kind_name(right)} and runs {own}.",
    ]


def _fractional_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    involved = [facts.chart.role(r) for r in finding.roles]
    leads = [r for r in facts.in_house_marketing_leads() if r.id not in finding.roles]
    lines = [_employment(facts, r) for r in involved]
    lines += [_employment(facts, r) for r in leads]
    if not facts.in_house_marketing_leads():
        lines.append("No in-house VP Marketing, Marketing Director or Marketing Manager.")
    tactical = [
        r
        for r in facts.chart.roles
        if r.employment.in_house and r.kind != CMO and facts.in_category(r, TACTICAL)
    ]
    lines.append(
        f"In-house roles doing tactical work: {_some(facts, tactical)}."
        if tactical
        else "No in-house role (other than a CMO) does tactical work."
    )
    lines.append(f"The business is at the {facts.chart.stage.value} stage.")
    if finding.responsibilities:
        lines += _holding_facts(finding, facts)
    return lines


def _single_cmo_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    return [_employment(facts, facts.chart.role(r)) for r in finding.roles]


def _missing_cmo_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    marketing = facts.by_function.get("marketing", [])
    return [
        f"The chart has {len(marketing)} marketing role{'' if len(marketing) == 1 else 's'} "
        "and no Chief Marketing Officer."
    ]


def _reporting_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    lines = []
    for role_id in finding.roles:
        role = facts.chart.role(role_id)
        manager = facts.manager(role)
        level = facts.level(role)
        rank = "" if level is None else f", level {level}"
        where = "reports to nobody" if manager is None else f"reports to {facts.label(manager)}"
        lines.append(
            f"{sentence_start(facts.label(role))} is a {facts.kind_name(role)}{rank}; {where}."
        )
    return lines


FACTS: dict[str, Callable[[Finding, ChartFacts], list[str]]] = {
    "responsibility-gap": _gap_facts,
    "strategy-overlap": _strategy_facts,
    "cmo-tactical-work": _cmo_tactical_facts,
    "coo-cmo-overlap": _coo_cmo_facts,
    "fractional-cmo-scope": _fractional_facts,
    "fractional-md-scope": _fractional_facts,
    "fractional-cmo-needs-marketing-lead": _fractional_facts,
    "fractional-cmo-needs-tactical-team": _fractional_facts,
    "fractional-needs-established-business": _fractional_facts,
    "fractional-engagement-length": _fractional_facts,
    "single-cmo": _single_cmo_facts,
    "missing-cmo": _missing_cmo_facts,
}
"""Facts behind a finding of each rule; other rules show where the roles sit."""


def explain(finding: Finding, chart: Chart, catalogue: Catalogue | None = None) -> Explanation:
    """The finding in plain words: the rule, its sources, the roles, why here, the fixes."""
    catalogue = catalogue or load_catalogue()
    facts = ChartFacts(chart, catalogue)
    info = rule_catalogue().get(finding.rule)
    present = [chart.role(r) for r in finding.roles if r in chart]
    why = [finding.message]
    if len(present) == len(finding.roles):
        why += FACTS.get(finding.rule, _reporting_facts)(finding, facts)
    else:
        why.append("Some of its roles are no longer in the chart.")
    return Explanation(
        rule=finding.rule,
        severity=finding.severity,
        rule_text=info.explanation if info is not None else finding.suggestion,
        sources=[str(s) for s in info.sources] if info is not None else [finding.source],
        roles=[InvolvedRole(r.id, facts.label(r)) for r in present],
        why=why,
        fixes=fixes_for(finding, chart, catalogue),
    )
