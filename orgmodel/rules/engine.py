"""What a rule is, what it reports, and the facts about a chart that rules share.

A rule is a pure function from :class:`ChartFacts` to the :class:`Issue` s it
sees. The engine (``orgmodel.rules.validate``) adds the rule's metadata from
``resources/rules.toml`` and turns each issue into a :class:`Finding`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from functools import cache
from typing import Literal, TypeVar, cast

from attrs import field, frozen

from orgmodel.catalogue import Catalogue, Function, join_words, read_resource_toml
from orgmodel.model import Chart, Role, string_tuple

T = TypeVar("T")

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# Role kinds the rules speak of by name (kept in step with role_kinds.toml by a test).
CEO = "ceo"
CMO = "cmo"
COO = "coo"
VP_MARKETING = "vp-marketing"
MARKETING_DIRECTOR = "marketing-director"
MARKETING_MANAGER = "marketing-manager"
MARKETING_LEAD_KINDS = frozenset({VP_MARKETING, MARKETING_DIRECTOR, MARKETING_MANAGER})

TACTICAL = "tactical-marketing"
OPERATIONS = "operations"


@frozen
class Source:
    file: str
    section: str

    def __str__(self) -> str:
        return f"{self.file}, {self.section}"


@frozen
class RuleInfo:
    id: str
    severity: Severity
    explanation: str
    fix: str
    sources: tuple[Source, ...]
    house: bool = False
    default_limit: int | None = None

    @property
    def source(self) -> str:
        return "; ".join(str(s) for s in self.sources)


@frozen
class Finding:
    rule: str
    severity: Severity
    roles: tuple[str, ...]
    message: str
    source: str
    suggestion: str
    responsibilities: tuple[str, ...] = ()
    """Ids of the responsibilities the finding is about (gaps, overlaps, misplaced work)."""


@frozen
class Issue:
    """What a rule saw; the engine completes it into a Finding."""

    roles: tuple[str, ...] = field(converter=string_tuple)
    message: str
    suggestion: str | None = None
    severity: Severity | None = None
    """Overrides the rule's severity (a vacant C-suite seat is worse than others)."""
    responsibilities: tuple[str, ...] = field(default=(), converter=string_tuple)


RuleCheck = Callable[["ChartFacts"], Iterable[Issue]]


@cache
def rule_catalogue() -> dict[str, RuleInfo]:
    """Rule metadata from resources/rules.toml, in file order."""
    infos = {}
    for rule_id, data in read_resource_toml("rules.toml").items():
        infos[rule_id] = RuleInfo(
            id=rule_id,
            severity=data["severity"],
            explanation=data["explanation"],
            fix=data["fix"],
            sources=tuple(Source(s["file"], s["section"]) for s in data["sources"]),
            house=data.get("house", False),
            default_limit=data.get("default_limit"),
        )
    return infos


class ChartFacts:
    """Indexes of one chart that every rule needs, computed in one pass."""

    def __init__(self, chart: Chart, catalogue: Catalogue) -> None:
        self.chart = chart
        self.catalogue = catalogue
        self.reports: dict[str, list[Role]] = defaultdict(list)
        self.by_kind: dict[str, list[Role]] = defaultdict(list)
        self.by_function: dict[Function, list[Role]] = defaultdict(list)
        self.held: dict[str, frozenset[str]] = {}
        self.holders: dict[str, list[Role]] = defaultdict(list)
        self._cache: dict[Hashable, object] = {}
        self._labels: dict[str, str] = {}
        self._levels = {kind_id: kind.level for kind_id, kind in catalogue.kinds.items()}
        self.category_members = {
            category: catalogue.responsibilities_in(category) for category in catalogue.categories
        }
        kinds, no_defaults = catalogue.kinds, frozenset[str]()
        for role in chart.roles:
            if role.manager is not None:
                self.reports[role.manager].append(role)
            self.by_kind[role.kind].append(role)
            # Catalogue.function and Catalogue.held, inlined: this runs for every role.
            kind = kinds.get(role.kind)
            if kind is not None:
                self.by_function[kind.function].append(role)
            held = role.responsibilities
            if held is None:
                held = no_defaults if kind is None else kind.defaults
            self.held[role.id] = held
            for responsibility in held:
                self.holders[responsibility].append(role)

    def kind_name(self, role: Role) -> str:
        return self.catalogue.kind_name(role)

    def label(self, role: Role) -> str:
        # A manager is named in the finding of each report it has: worked out once.
        label = self._labels.get(role.id)
        if label is None:
            label = self._labels[role.id] = self.catalogue.label(role)
        return label

    def labels(self, roles: Iterable[Role]) -> str:
        return join_words(self.label(r) for r in roles)

    def catalogue_levels(self) -> Collection[int]:
        """The levels the catalogue's kinds have (0 is the most senior)."""
        return self._levels.values()

    def level(self, role: Role) -> int | None:
        # Rules ask this tens of thousands of times a validation: one lookup, not two calls.
        return self._levels.get(role.kind)

    def manager(self, role: Role) -> Role | None:
        return self.chart.get(role.manager)

    def subtree(self, role: Role) -> Iterator[Role]:
        """Everyone below ``role`` on solid lines (iterative; safe on cycles)."""
        seen = {role.id}
        stack = list(self.reports.get(role.id, ()))
        while stack:
            current = stack.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            yield current
            stack.extend(self.reports.get(current.id, ()))

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per chart for ``key``: work several rules or findings share."""
        if key not in self._cache:
            self._cache[key] = compute()
        return cast(T, self._cache[key])

    def seniority(self, role: Role) -> tuple[bool, int]:
        """Sort key: most senior first, unclassified roles last."""
        level = self.level(role)
        return (level is None, level or 0)

    def in_catalogue_order(self, responsibility_ids: Collection[str]) -> tuple[str, ...]:
        """Responsibility ids in catalogue order (unknown ids last, sorted)."""
        known = [r for r in self.catalogue.responsibilities if r in responsibility_ids]
        return (*known, *sorted(set(responsibility_ids) - set(known)))

    def in_house_marketing_leads(self) -> list[Role]:
        """In-house (full- or part-time) VPs Marketing, Marketing Directors and Managers."""
        return [
            r
            for kind in sorted(MARKETING_LEAD_KINDS)
            for r in self.by_kind.get(kind, [])
            if r.employment.in_house
        ]

    def in_category(self, role: Role, category_id: str) -> frozenset[str]:
        return self.held[role.id] & self.category_members[category_id]
