"""What a reorganisation changes: two versions of a chart, compared.

Roles are matched by id; a role whose id is in only one version is then
matched by its person's name, when exactly one role on each side holds that
name (an HR export that renumbered its people), and the change says so.
Beside the role changes, the comparison says which rule findings the new
version resolves and which it brings, and how coverage, spans and layers move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal, get_args

from attrs import frozen

from orgmodel.analysis import Coverage, responsibility_matrix
from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.model import Chart, Role
from orgmodel.rules import Finding, validate
from orgmodel.spans import SpansAndLayers, spans_and_layers
from orgmodel.wording import sentence_start

ChangeKind = Literal[
    "added",
    "removed",
    "moved",
    "retitled",
    "re-kinded",
    "employment",
    "person",
    "department",
    "experience",
    "responsibility-given",
    "responsibility-taken",
    "dotted-added",
    "dotted-removed",
]
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)


@frozen
class Change:
    kind: ChangeKind
    role: str
    """The role's id in the new chart (in the old one for a removed role)."""
    old_id: str | None
    """The role's id in the old chart, when it differs (matched by name) or was removed."""
    by_name: bool
    """Whether the role was matched across the versions by its person's name."""
    label: str
    """The role as findings name it: 'Ana Ruiz (CMO)', 'the vacant CMO seat'; for a
    change of holder, the seat without either person: 'the CMO seat'."""
    before: str
    after: str
    """What changed, as text: titles, kinds, manager labels, a responsibility's name."""
    before_id: str | None = None
    after_id: str | None = None
    """For moves and dotted lines: the manager ids (old chart, new chart)."""

    @property
    def description(self) -> str:
        return sentence_start(describe(self))


@frozen
class FunctionCoverage:
    function: str
    before: Coverage | None
    after: Coverage | None


@frozen
class ChartDiff:
    old: Chart
    new: Chart
    matched_by_name: tuple[tuple[str, str], ...]
    """(old id, new id) of the roles matched by their person's name."""
    changes: tuple[Change, ...]
    resolved: tuple[Finding, ...]
    """Findings of the old chart that the new one no longer has (ids as in the old chart)."""
    introduced: tuple[Finding, ...]
    """Findings of the new chart that the old one did not have."""
    score_before: int
    score_after: int
    coverage: tuple[FunctionCoverage, ...]
    spans_before: SpansAndLayers
    spans_after: SpansAndLayers

    @property
    def adds_error(self) -> bool:
        """Whether the new chart has an error finding the old one did not."""
        return any(f.severity == "error" for f in self.introduced)

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def moved_roles(self) -> dict[str, str | None]:
        """New id -> the old manager's id in the new chart (None: the top), of moved roles."""
        return {c.role: c.before_id for c in self.changes if c.kind == "moved"}


def describe(change: Change) -> str:
    """One sentence per change, as the text output and the app list it."""
    who = change.label
    if change.by_name:
        who += f" (matched by name: id {change.old_id} → {change.role})"
    match change.kind:
        case "added":
            if change.after_id is None:
                return f"{who} added at the top"
            return f"{who} added, reporting to {change.after}"
        case "removed":
            if change.before_id is None:
                return f"{who} removed (was at the top)"
            return f"{who} removed (reported to {change.before})"
        case "moved":
            return f"{who} moved: {change.before} → {change.after}"
        case "retitled":
            return f"{who} retitled: {change.before!r} → {change.after!r}"
        case "re-kinded":
            return f"{who} re-kinded: {change.before} → {change.after}"
        case "employment":
            return f"{who} employment: {change.before} → {change.after}"
        case "person":
            if not change.before:
                return f"{who} filled by {change.after}"
            if not change.after:
                return f"{who} left vacant (was {change.before})"
            return f"{who}: {change.before} → {change.after}"
        case "department":
            return f"{who} department: {change.before or 'none'} → {change.after or 'none'}"
        case "experience":
            return f"{who} {change.before} → {change.after}"
        case "responsibility-given":
            return f"{who} given {change.after}"
        case "responsibility-taken":
            return f"{who} no longer holds {change.before}"
        case "dotted-added":
            return f"{who} dotted line added to {change.after}"
        case "dotted-removed":
            return f"{who} dotted line removed from {change.before}"
    raise AssertionError(change.kind)


def _name_key(person: str | None) -> str | None:
    if person is None or not person.strip():
        return None
    return " ".join(person.casefold().split())


def _unique_by_name(roles: Iterable[Role]) -> dict[str, Role]:
    seen: dict[str, Role] = {}
    shared: set[str] = set()
    for role in roles:
        key = _name_key(role.person)
        if key is None:
            continue
        if key in seen:
            shared.add(key)
        seen[key] = role
    return {key: role for key, role in seen.items() if key not in shared}


def match_roles(old: Chart, new: Chart) -> dict[str, str]:
    """Old id -> new id for every role found in both versions (by id, then by name)."""
    matched = {role.id: role.id for role in old.roles if role.id in new}
    old_rest = _unique_by_name(r for r in old.roles if r.id not in new)
    new_rest = _unique_by_name(r for r in new.roles if r.id not in old)
    for key, role in old_rest.items():
        partner = new_rest.get(key)
        if partner is not None:
            matched[role.id] = partner.id
    return matched


class _Labels:
    def __init__(self, chart: Chart, catalogue: Catalogue) -> None:
        self.chart = chart
        self.catalogue = catalogue

    def of(self, role_id: str | None) -> str:
        if role_id is None:
            return "nobody (the top)"
        role = self.chart.get(role_id)
        return repr(role_id) if role is None else self.catalogue.label(role)


def _role_changes(
    old_role: Role,
    new_role: Role,
    old_to_new: dict[str, str],
    labels: tuple[_Labels, _Labels],
    catalogue: Catalogue,
) -> Iterable[Change]:
    old_labels, new_labels = labels
    by_name = old_role.id != new_role.id
    label = catalogue.label(new_role)

    def change(kind: ChangeKind, before: str, after: str, **ids: str | None) -> Change:
        # A new holder: naming the seat by its new holder would name them twice.
        named = f"the {catalogue.seat_title(new_role)} seat" if kind == "person" else label
        return Change(
            kind, new_role.id, old_role.id if by_name else None, by_name, named, before, after,
            **ids,
        )  # fmt: skip

    old_manager = old_role.manager
    moved_from = None if old_manager is None else old_to_new.get(old_manager, old_manager)
    if moved_from != new_role.manager:
        yield change(
            "moved",
            old_labels.of(old_manager),
            new_labels.of(new_role.manager),
            before_id=moved_from,
            after_id=new_role.manager,
        )
    if old_role.title != new_role.title:
        yield change("retitled", old_role.title, new_role.title)
    if old_role.kind != new_role.kind:
        yield change("re-kinded", catalogue.kind_name(old_role), catalogue.kind_name(new_role))
    if old_role.employment is not new_role.employment:
        yield change("employment", old_role.employment.value, new_role.employment.value)
    old_person, new_person = _holder(old_role), _holder(new_role)
    if old_person != new_person:
        yield change("person", old_person, new_person)
    if old_role.department.strip() != new_role.department.strip():
        yield change("department", old_role.department.strip(), new_role.department.strip())
    for what, before, after in _experience(old_role, new_role):
        yield change("experience", f"{what}: {before}", after)
    old_held, new_held = catalogue.held(old_role), catalogue.held(new_role)
    if old_held != new_held:
        for rid in sorted(new_held - old_held):
            yield change("responsibility-given", "", catalogue.responsibility_name(rid))
        for rid in sorted(old_held - new_held):
            yield change("responsibility-taken", catalogue.responsibility_name(rid), "")
    old_dotted = {old_to_new.get(d, d): d for d in old_role.dotted_managers}
    new_dotted = set(new_role.dotted_managers)
    for dotted in new_role.dotted_managers:
        if dotted not in old_dotted:
            yield change("dotted-added", "", new_labels.of(dotted), after_id=dotted)
    for mapped, original in old_dotted.items():
        if mapped not in new_dotted:
            yield change("dotted-removed", old_labels.of(original), "", before_id=mapped)


def _holder(role: Role) -> str:
    """Who holds the seat, '' when it is vacant."""
    return "" if role.vacant else " ".join((role.person or "").split())


def _experience(old: Role, new: Role) -> Iterable[tuple[str, str, str]]:
    """(what, before, after) for each experience figure that changed."""

    def shown(value: float | None, unit: str) -> str:
        return "unknown" if value is None else f"{value:g} {unit}"

    figures = (
        ("years in marketing", old.years_in_marketing, new.years_in_marketing, "years"),
        ("years leading", old.years_leading, new.years_leading, "years"),
        ("engagement", old.engagement_months, new.engagement_months, "months"),
    )
    for what, before, after, unit in figures:
        if before != after:
            yield what, shown(before, unit), shown(after, unit)


def _finding_key(finding: Finding, ids: dict[str, str]) -> tuple[object, ...]:
    return (
        finding.rule,
        finding.severity,
        tuple(sorted(ids.get(r, r) for r in finding.roles)),
        tuple(sorted(finding.responsibilities)),
    )


def _finding_changes(
    old_findings: list[Finding], new_findings: list[Finding], old_to_new: dict[str, str]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    identity: dict[str, str] = {}
    resolved = _unmatched(old_findings, old_to_new, new_findings, identity)
    introduced = _unmatched(new_findings, identity, old_findings, old_to_new)
    return resolved, introduced


def _unmatched(
    findings: list[Finding],
    ids: dict[str, str],
    others: list[Finding],
    other_ids: dict[str, str],
) -> tuple[Finding, ...]:
    """The findings with no counterpart among ``others``, each counterpart used once."""
    remaining = Counter(_finding_key(f, other_ids) for f in others)
    unmatched: list[Finding] = []
    for finding in findings:
        key = _finding_key(finding, ids)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            unmatched.append(finding)
    return tuple(unmatched)


def diff_charts(old: Chart, new: Chart, catalogue: Catalogue | None = None) -> ChartDiff:
    """Everything that changes from ``old`` to ``new``; see the module's docstring."""
    catalogue = catalogue or load_catalogue()
    old_to_new = match_roles(old, new)
    new_to_old = {new_id: old_id for old_id, new_id in old_to_new.items()}
    labels = (_Labels(old, catalogue), _Labels(new, catalogue))
    changes: list[Change] = []
    for new_role in new.roles:
        old_id = new_to_old.get(new_role.id)
        if old_id is None:
            changes.append(
                Change(
                    "added", new_role.id, None, False, catalogue.label(new_role), "",
                    labels[1].of(new_role.manager), after_id=new_role.manager,
                )
            )  # fmt: skip
            continue
        changes.extend(_role_changes(old.role(old_id), new_role, old_to_new, labels, catalogue))
    for old_role in old.roles:
        if old_role.id not in old_to_new:
            changes.append(
                Change(
                    "removed", old_role.id, old_role.id, False, catalogue.label(old_role),
                    labels[0].of(old_role.manager), "", before_id=old_role.manager,
                )
            )  # fmt: skip
    resolved, introduced = _finding_changes(
        validate(old, catalogue), validate(new, catalogue), old_to_new
    )
    old_matrix = responsibility_matrix(old, catalogue)
    new_matrix = responsibility_matrix(new, catalogue)
    before = {c.function: c for c in old_matrix.coverage()}
    after = {c.function: c for c in new_matrix.coverage()}
    functions = list(dict.fromkeys([*before, *after]))
    return ChartDiff(
        old=old,
        new=new,
        matched_by_name=tuple((o, n) for o, n in old_to_new.items() if o != n),
        changes=tuple(changes),
        resolved=resolved,
        introduced=introduced,
        score_before=old_matrix.score(),
        score_after=new_matrix.score(),
        coverage=tuple(FunctionCoverage(f, before.get(f), after.get(f)) for f in functions),
        spans_before=spans_and_layers(old, catalogue),
        spans_after=spans_and_layers(new, catalogue),
    )
