"""The facts about a chart that rules share, worked out once per validation.

A rule's check is a pure function from :class:`ChartFacts` to the issues it
sees; its fixes and explanation read the same facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from functools import cached_property
from typing import Any, TypeVar, cast

from orgmodel.catalogue import Catalogue, Function
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import cycles
from orgmodel.model import Chart, Role, role_positions
from orgmodel.role_lists import CopiedOnWrite
from orgmodel.wording import join_words

T = TypeVar("T")

# Role kinds the rules speak of by name (kept in step with role_kinds.toml by a test).
CEO = "ceo"
BOARD_CHAIR = "board-chair"
CMO = "cmo"
COO = "coo"
VP_MARKETING = "vp-marketing"
MARKETING_DIRECTOR = "marketing-director"
MARKETING_MANAGER = "marketing-manager"
MARKETING_LEAD_KINDS = frozenset({VP_MARKETING, MARKETING_DIRECTOR, MARKETING_MANAGER})

C_SUITE = 1
"""Levels up to this one are the C-suite (the CEO is level 0)."""

TACTICAL = "tactical-marketing"
OPERATIONS = "operations"


class ChartFacts:
    """Indexes of one chart that every rule needs, computed in one pass."""

    def __init__(self, chart: Chart, catalogue: Catalogue) -> None:
        self.chart = chart
        self.catalogue = catalogue
        self.reports: dict[str, list[Role]] = defaultdict(list)
        self.by_kind: dict[str, list[Role]] = defaultdict(list)
        self.by_function: dict[Function, list[Role]] = defaultdict(list)
        self.holders: dict[str, list[Role]] = defaultdict(list)
        self._cache: dict[Hashable, object] = {}
        self._labels: dict[str, str] = {}
        self._levels = {kind_id: kind.level for kind_id, kind in catalogue.kinds.items()}
        self.category_members = {
            category: catalogue.responsibilities_in(category) for category in catalogue.categories
        }
        kinds, no_defaults = catalogue.kinds, frozenset[str]()
        tops: list[Role] = []
        for role in chart.roles:
            if role.manager is not None:
                self.reports[role.manager].append(role)
            else:
                tops.append(role)
            self.by_kind[role.kind].append(role)
            # Catalogue.function and Catalogue.held, inlined: this runs for every role.
            kind = kinds.get(role.kind)
            if kind is not None:
                self.by_function[kind.function].append(role)
            held = role.responsibilities
            if held is None:
                held = no_defaults if kind is None else kind.defaults
            for responsibility in held:
                self.holders[responsibility].append(role)
        self.tops = tops
        """The roles reporting to nobody, in chart order."""
        self._order: Mapping[str, int] | None = None
        self._find_head()

    def _find_head(self) -> None:
        self.head = self._head_of_organisation(self.tops)
        """The role heading the chart as its chief executive when no role is of the CEO
        kind: an agency's Secretary, a company's President or Managing Director."""
        self._head_id = None if self.head is None else self.head.id

    @property
    def order(self) -> Mapping[str, int]:
        """A sort key putting the chart's roles in chart order."""
        if self._order is None:
            self._order = self.chart.derived(role_positions)
        return self._order

    @classmethod
    def after_edit(cls, previous: ChartFacts, chart: Chart, record: ChangeRecord) -> ChartFacts:
        """The facts of ``chart``, an edit of ``previous.chart`` that kept the roles'
        order, with ``record`` saying what it changed: the indexes of ``previous``
        updated for the roles the edit changed rather than built again."""
        if record.reordered:
            raise ValueError("the edit reordered the roles: build the facts afresh")
        facts = cls.__new__(cls)
        facts.chart, facts.catalogue = chart, previous.catalogue
        facts._cache, facts._labels = {}, {}
        facts._levels, facts.category_members = previous._levels, previous.category_members
        facts.reports = defaultdict(list, previous.reports)
        facts.by_kind = defaultdict(list, previous.by_kind)
        facts.by_function = defaultdict(list, previous.by_function)
        facts.holders = defaultdict(list, previous.holders)
        tops = {None: previous.tops}
        edited = dict.fromkeys(record.added + record.moved + record.changed + record.removed)
        changes = [(previous.chart.get(role_id), chart.get(role_id)) for role_id in edited]
        # Lists are shared with ``previous``: each one changed is copied first.
        lists: tuple[CopiedOnWrite[Any], ...] = tuple(
            CopiedOnWrite(index)
            for index in (tops, facts.reports, facts.by_kind, facts.by_function, facts.holders)
        )
        before_order = previous.order
        for old, _new in changes:
            if old is not None:
                for index, key in facts._listed_under(old):
                    lists[index].take_out(key, old, before_order)
        # Kept roles stand in the same order: the old key orders them unless roles came.
        facts._order = chart.derived(role_positions) if record.added else before_order
        for _old, new in changes:
            if new is not None:
                for index, key in facts._listed_under(new):
                    lists[index].put_in(key, new, facts._order)
        facts.tops = tops.get(None, [])
        facts._find_head()
        return facts

    def _listed_under(self, role: Role) -> Iterator[tuple[int, object]]:
        """(index, key) of each list the role stands in: tops 0, reports 1, by_kind 2,
        by_function 3, holders 4."""
        if role.manager is None:
            yield 0, None
        else:
            yield 1, role.manager
        yield 2, role.kind
        kind = self.catalogue.kinds.get(role.kind)
        if kind is not None:
            yield 3, kind.function
        for responsibility in self.catalogue.held(role):
            yield 4, responsibility

    def _head_of_organisation(self, tops: list[Role]) -> Role | None:
        if self.by_kind.get(CEO):
            return None
        leading = [top for top in tops if self.reports.get(top.id)]
        if len(leading) != 1:
            return None
        head = leading[0]
        # The organisation's own node, or its board, may sit above its chief executive.
        while head.kind == BOARD_CHAIR or head.kind not in self.catalogue.kinds:
            below = self.reports.get(head.id, [])
            if len(below) != 1:
                return None
            head = below[0]
        return head if self.catalogue.may_head_organisation(head) else None

    @property
    def head_id(self) -> str | None:
        return self._head_id

    @property
    def chief_executives(self) -> list[Role]:
        """Who "the CEO" is for the rules: the roles of the CEO kind, or the head of the
        organisation whatever its title; nobody when the chart shows neither."""
        ceos = self.by_kind.get(CEO)
        if ceos:
            return ceos
        return [] if self.head is None else [self.head]

    def kind_name(self, role: Role) -> str:
        if role.id == self._head_id:
            return "head of the organisation"
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
        if role.id == self._head_id:
            return 0
        return self._levels.get(role.kind)

    def seniority_in_level(self, role: Role) -> int:
        """How senior the title is within its level (an SVP over a VP); 0 for the head."""
        if role.id == self._head_id:
            return 0
        return self.catalogue.seniority(role)

    def outranks(self, manager: Role, report: Role) -> bool:
        """Whether ``manager`` is more senior than ``report``: a more senior level, or the
        same level and a more senior title (a VP under an SVP, a Director under a
        Senior Director). False when either has no level."""
        manager_level, report_level = self.level(manager), self.level(report)
        if manager_level is None or report_level is None:
            return False
        if manager_level != report_level:
            return manager_level < report_level
        return self.seniority_in_level(manager) > self.seniority_in_level(report)

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

    @cached_property
    def in_loops(self) -> frozenset[str]:
        """Ids of the roles on a loop of solid reporting lines."""
        return frozenset(role.id for loop in cycles(self.chart) for role in loop)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per chart for ``key``: work several rules or findings share."""
        if key not in self._cache:
            self._cache[key] = compute()
        return cast(T, self._cache[key])

    def seniority(self, role: Role) -> tuple[bool, int, int]:
        """Sort key: most senior first, unclassified roles last."""
        level = self.level(role)
        return (level is None, level or 0, 0 if level is None else -self.seniority_in_level(role))

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
        return self.catalogue.held(role) & self.category_members[category_id]
