"""Rules about who leads marketing and where its leaders sit: one CMO, under the CEO,
with the VPs Marketing and Marketing Directors under the marketing lead."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.model import Role
from orgmodel.rules.fact_lines import employment
from orgmodel.rules.facts import (
    CEO,
    CMO,
    MARKETING_DIRECTOR,
    VP_MARKETING,
    ChartFacts,
)
from orgmodel.rules.rule import Finding, Issue, Rule, Scope, Source, reads
from orgmodel.rules.steps import AddRole, ChangeKind, Fix, Reparent, Step, reparent_fixes
from orgmodel.wording import article


def _misplaced(facts: ChartFacts, role: Role) -> tuple[list[str], str]:
    """The roles a misplaced-line finding names, and where the role reports now."""
    manager = facts.manager(role)
    if manager is None:
        return [role.id], "reports to nobody"
    return [role.id, manager.id], f"reports to {facts.label(manager)}"


def single_cmo(facts: ChartFacts) -> Iterator[Issue]:
    cmos = facts.by_kind.get(CMO, [])
    if len(cmos) > 1:
        yield Issue(
            [r.id for r in cmos],
            f"The chart has {len(cmos)} CMOs: {facts.labels(cmos)}.",
            f"Keep one CMO; retitle {facts.labels(cmos[1:])} as VP Marketing or "
            "Marketing Director, or remove the seat.",
        )


def _in_subtree(facts: ChartFacts, top: Role, role_id: str) -> bool:
    return any(r.id == role_id for r in facts.subtree(top))


def _single_cmo_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    cmos = [facts.chart.role(r) for r in finding.roles]
    order = sorted(cmos, key=lambda r: (r.is_fractional, r.vacant))
    fixes = []
    for keeper in order:
        extras = [r for r in cmos if r.id != keeper.id]
        kept = facts.catalogue.held(keeper)
        once = {r.id for r in facts.catalogue.responsibilities.values() if r.once_per_company}
        steps: list[Step] = []
        for extra in extras:
            if _in_subtree(facts, extra, keeper.id):
                above = extra.manager if extra.manager in facts.chart else None
                steps.append(Reparent(keeper.id, above))
            drop = facts.in_catalogue_order(facts.catalogue.held(extra) & kept & once)
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


def _single_cmo_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    return [employment(facts, facts.chart.role(r)) for r in finding.roles]


SINGLE_CMO = Rule(
    id="single-cmo",
    severity="error",
    explanation=(
        "A company has one chief marketing officer; a full-time and a fractional CMO "
        "count together."
    ),
    fix=(
        "Keep one CMO and retitle the other seat (VP Marketing or Marketing Director), or "
        "remove it."
    ),
    sources=[
        Source("What is the difference between a CMO and a VP?", "¶5"),
    ],
    check=single_cmo,
    reads=reads(Scope.KINDS, kinds=[CMO]),
    fixes=_single_cmo_fixes,
    facts=_single_cmo_facts,
)


def missing_cmo(facts: ChartFacts) -> Iterator[Issue]:
    if facts.by_kind.get(CMO):
        return
    marketing = facts.by_function.get("marketing", [])
    if not marketing:
        return
    top_level = min(facts.level(r) or 0 for r in marketing)
    leads = [r for r in marketing if facts.level(r) == top_level]
    under = facts.manager(leads[0])
    where = f" reporting to {facts.label(under)}" if under is not None else ""
    yield Issue(
        [r.id for r in leads],
        f"{len(marketing)} marketing roles but no CMO; the most senior is "
        f"{facts.labels(leads[:3])}.",
        f"Add a CMO{where} and put {facts.labels(leads[:3])} under it.",
    )


def _missing_cmo_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    leads = [facts.chart.role(r) for r in finding.roles]
    ceos = facts.chief_executives
    ceo = ceos[0] if ceos else None
    name = facts.catalogue.kinds[CMO].name
    where = f" reporting to {facts.label(ceo)}" if ceo is not None else ""
    with_leads = f", with {facts.labels(leads)} under it" if leads else ""
    return [
        Fix(
            f"Add {article(name)} {name}{where}{with_leads}",
            [AddRole(CMO, None if ceo is None else ceo.id, [r.id for r in leads])],
        )
    ]


def _missing_cmo_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    marketing = facts.by_function.get("marketing", [])
    return [
        f"The chart has {len(marketing)} marketing role{'' if len(marketing) == 1 else 's'} "
        "and no Chief Marketing Officer."
    ]


MISSING_CMO = Rule(
    id="missing-cmo",
    severity="warning",
    explanation=("Marketing roles exist but no CMO owns marketing as a whole."),
    fix=(
        "Add a CMO (full-time, or fractional where the business is established) above the "
        "marketing roles."
    ),
    sources=[
        Source("What is the difference between a CMO and a VP?", "¶5"),
        Source("What are the responsibilities of a CMO?", "¶4"),
    ],
    check=missing_cmo,
    reads=reads(
        Scope.KINDS, Scope.ROLE_AND_MANAGER, Scope.HEAD, kinds=[CMO], functions=["marketing"]
    ),
    fixes=_missing_cmo_fixes,
    facts=_missing_cmo_facts,
)


def cmo_reports_to_ceo(facts: ChartFacts) -> Iterator[Issue]:
    # "The CEO" is whoever heads the organisation, titled CEO, President or Secretary.
    ceos = facts.chief_executives
    heads = {ceo.id for ceo in ceos}
    for cmo in facts.by_kind.get(CMO, []):
        manager = facts.manager(cmo)
        if manager is not None and (manager.kind == CEO or manager.id in heads):
            continue
        if manager is None and not ceos:
            continue
        involved, where = _misplaced(facts, cmo)
        if ceos:
            yield Issue(
                involved,
                f"{facts.label(cmo)} {where}, not to the CEO.",
                f"Make {facts.label(cmo)} report directly to {facts.label(ceos[0])}.",
            )
        else:  # the chart shows no chief executive: none is invented
            yield Issue(
                involved,
                f"{facts.label(cmo)} {where}, not to the CEO; the chart shows no chief "
                "executive at its top.",
                f"Make {facts.label(cmo)} report directly to the head of the organisation "
                "once the chart shows who that is.",
            )


def _cmo_ceo_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    # With no chief executive in the chart there is nobody right to move the CMO under.
    cmo = facts.chart.role(finding.roles[0])
    return reparent_fixes(facts, cmo, facts.chief_executives)


CMO_REPORTS_TO_CEO = Rule(
    id="cmo-reports-to-ceo",
    severity="warning",
    explanation=(
        "The CMO belongs to the executive team and reports straight to the CEO: the head "
        "of the organisation, whatever its title (President, Managing Director, "
        "Secretary...)."
    ),
    fix="Make the CMO report directly to the CEO.",
    sources=[
        Source("What are the responsibilities of a CMO?", "¶3"),
        Source("CMO vs Marketing Director: roles and responsibilities", "¶6"),
    ],
    check=cmo_reports_to_ceo,
    reads=reads(Scope.KINDS, Scope.ROLE_AND_MANAGER, Scope.HEAD, kinds=[CMO, CEO]),
    fixes=_cmo_ceo_fixes,
)


def director_reports_to_marketing_lead(facts: ChartFacts) -> Iterator[Issue]:
    leads = facts.by_kind.get(CMO, []) + facts.by_kind.get(VP_MARKETING, [])
    if not leads:
        return
    for director in facts.by_kind.get(MARKETING_DIRECTOR, []):
        manager = facts.manager(director)
        if manager is not None and manager.kind in (CMO, VP_MARKETING):
            continue
        # A Director under a Senior Director of marketing reports upward.
        if (
            manager is not None
            and manager.kind == MARKETING_DIRECTOR
            and facts.outranks(manager, director)
        ):
            continue
        involved, where = _misplaced(facts, director)
        yield Issue(
            involved,
            f"{facts.label(director)} {where}, not to the marketing lead.",
            f"Move {facts.label(director)} under {facts.label(leads[0])}.",
        )


def _director_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    director = facts.chart.role(finding.roles[0])
    leads = facts.by_kind.get(CMO, []) + facts.by_kind.get(VP_MARKETING, [])
    return reparent_fixes(facts, director, leads)


DIRECTOR_REPORTS_TO_MARKETING_LEAD = Rule(
    id="director-reports-to-marketing-lead",
    severity="warning",
    explanation=("A Marketing Director works under the marketing lead: the CMO or a VP Marketing."),
    fix="Move the Marketing Director under the CMO or a VP Marketing.",
    sources=[
        Source("CMO vs Marketing Director: roles and responsibilities", "¶6"),
    ],
    check=director_reports_to_marketing_lead,
    reads=reads(Scope.KINDS, Scope.ROLE_AND_MANAGER, kinds=[CMO, VP_MARKETING, MARKETING_DIRECTOR]),
    fixes=_director_fixes,
)


def vp_marketing_reports_to_cmo(facts: ChartFacts) -> Iterator[Issue]:
    cmos = facts.by_kind.get(CMO, [])
    if not cmos:
        return
    for vp in facts.by_kind.get(VP_MARKETING, []):
        manager = facts.manager(vp)
        if manager is not None and manager.kind == CMO:
            continue
        # A VP under an SVP or EVP of marketing reports upward; that VP's place is checked too.
        if manager is not None and manager.kind == VP_MARKETING and facts.outranks(manager, vp):
            continue
        involved, where = _misplaced(facts, vp)
        yield Issue(
            involved,
            f"{facts.label(vp)} {where}, beside the CMO rather than under {facts.label(cmos[0])}.",
            f"Move {facts.label(vp)} under {facts.label(cmos[0])}.",
        )


def _vp_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    vp = facts.chart.role(finding.roles[0])
    return reparent_fixes(facts, vp, facts.by_kind.get(CMO, []))


VP_MARKETING_REPORTS_TO_CMO = Rule(
    id="vp-marketing-reports-to-cmo",
    severity="warning",
    explanation=(
        "Where there is a CMO, a VP Marketing runs part of marketing under the CMO, not beside it."
    ),
    fix="Move the VP Marketing under the CMO.",
    sources=[
        Source("What is the difference between a CMO and a VP?", "¶4"),
        Source("What is the difference between a CMO and a VP?", "¶5"),
    ],
    check=vp_marketing_reports_to_cmo,
    reads=reads(Scope.KINDS, Scope.ROLE_AND_MANAGER, kinds=[CMO, VP_MARKETING]),
    fixes=_vp_fixes,
)


RULES = (
    SINGLE_CMO,
    MISSING_CMO,
    CMO_REPORTS_TO_CEO,
    DIRECTOR_REPORTS_TO_MARKETING_LEAD,
    VP_MARKETING_REPORTS_TO_CMO,
)
