"""Rules about who leads marketing, where the leaders sit, and who fills the seats."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.model import UNCLASSIFIED, Role
from orgmodel.rules.engine import (
    CEO,
    CMO,
    MARKETING_DIRECTOR,
    VP_MARKETING,
    ChartFacts,
    Issue,
)


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


def director_reports_to_marketing_lead(facts: ChartFacts) -> Iterator[Issue]:
    leads = facts.by_kind.get(CMO, []) + facts.by_kind.get(VP_MARKETING, [])
    if not leads:
        return
    for director in facts.by_kind.get(MARKETING_DIRECTOR, []):
        manager = facts.manager(director)
        if manager is not None and manager.kind in (CMO, VP_MARKETING):
            continue
        involved, where = _misplaced(facts, director)
        yield Issue(
            involved,
            f"{facts.label(director)} {where}, not to the marketing lead.",
            f"Move {facts.label(director)} under {facts.label(leads[0])}.",
        )


def vp_marketing_reports_to_cmo(facts: ChartFacts) -> Iterator[Issue]:
    cmos = facts.by_kind.get(CMO, [])
    if not cmos:
        return
    for vp in facts.by_kind.get(VP_MARKETING, []):
        manager = facts.manager(vp)
        if manager is not None and manager.kind == CMO:
            continue
        involved, where = _misplaced(facts, vp)
        yield Issue(
            involved,
            f"{facts.label(vp)} {where}, beside the CMO rather than under {facts.label(cmos[0])}.",
            f"Move {facts.label(vp)} under {facts.label(cmos[0])}.",
        )


def experience_below_profile(facts: ChartFacts) -> Iterator[Issue]:
    for role in facts.chart.roles:
        kind = facts.catalogue.kind(role.kind)
        if kind is None or kind.experience is None or role.vacant:
            continue
        profile = kind.experience
        short = []
        if (
            role.years_in_marketing is not None
            and role.years_in_marketing < profile.years_in_marketing
        ):
            short.append(
                f"{role.years_in_marketing:g} years in marketing "
                f"(profile {profile.years_in_marketing:g}+)"
            )
        if role.years_leading is not None and role.years_leading < profile.years_leading:
            short.append(
                f"{role.years_leading:g} years leading (profile {profile.years_leading:g}+)"
            )
        if short:
            yield Issue(
                [role.id],
                f"{facts.label(role)} has {' and '.join(short)} for a {kind.name}.",
                f"Pair {facts.label(role)} with a more experienced leader, "
                "or reconsider the level of the seat.",
            )


def vacancy(facts: ChartFacts) -> Iterator[Issue]:
    for role in facts.chart.roles:
        if not role.vacant:
            continue
        level = facts.level(role)
        c_suite = level is not None and level <= 1
        reports = facts.reports.get(role.id, ())
        who = ""
        if reports:
            who = (
                "; 1 person reports to it"
                if len(reports) == 1
                else f"; {len(reports)} people report to it"
            )
        seat = role.title.strip() or facts.kind_name(role)
        yield Issue(
            [role.id],
            f"The {seat} seat is vacant{who}.",
            f"Fill the {seat} seat, or name who covers it meanwhile.",
            severity="warning" if c_suite else None,
        )


def unclassified_title(facts: ChartFacts) -> Iterator[Issue]:
    for role in facts.by_kind.get(UNCLASSIFIED, []):
        yield Issue(
            [role.id],
            f"The title {role.title!r} of {facts.label(role)} matches no known role kind.",
            f"Set the role kind of {facts.label(role)} by hand.",
        )
