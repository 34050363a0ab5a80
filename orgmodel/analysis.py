"""Who holds which responsibility: the matrix, its gaps and overlaps, and coverage.

The matrix crosses the chart's roles with the catalogue's responsibilities.
A column's status says what is wrong with that responsibility across the
whole chart, in the same terms as the rules: a ``"gap"`` column is exactly
what ``responsibility-gap`` reports, an ``"overlap"`` column exactly what
``strategy-overlap`` reports. Statuses describe the chart whatever rules its
settings switch off, and, like the rules, count a vacant seat as a holder.

Everything is computed in one pass over the roles and their held sets, so a
chart of 10,000 roles costs milliseconds; a cell is a set lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, NamedTuple

from attrs import frozen

from orgmodel.catalogue import FUNCTIONS, Catalogue, Category, Function, load_catalogue
from orgmodel.hierarchy import subtree_chart
from orgmodel.model import Chart, Role

CellState = Literal["held", "not-held"]
"""Whether the role of a row holds the responsibility of a column."""

ColumnStatus = Literal["gap", "overlap", "covered", "unowned", "not-applicable"]
"""What the whole chart does with one responsibility:

- ``gap``: core work of a function the chart has (a role of that function
  exists), and nobody holds it (the ``responsibility-gap`` rule);
- ``overlap``: once-per-company work held by two roles or more (the
  ``strategy-overlap`` rule), whether or not its function has a role;
- ``covered``: held, and not an overlap;
- ``unowned``: nobody holds it, it is not core, and its function has a role;
- ``not-applicable``: nobody holds it and its function has no role in the chart.
"""

CELL_STATES: tuple[CellState, ...] = ("held", "not-held")
COLUMN_STATUSES: tuple[ColumnStatus, ...] = (
    "gap",
    "overlap",
    "covered",
    "unowned",
    "not-applicable",
)


class AnalysisError(ValueError):
    """An unknown role, function or responsibility was asked for; ``str()`` is one sentence."""


@frozen
class ColumnGroup:
    """One category of the catalogue and its responsibility ids, in catalogue order."""

    category: Category
    responsibilities: tuple[str, ...]


class CoreHolders(NamedTuple):
    """A core responsibility and the ids of the roles holding it, in chart order."""

    responsibility: str
    holders: tuple[str, ...]


@frozen
class Coverage:
    """How well one function of the chart has its core responsibilities owned."""

    function: Function
    core_total: int
    """Core responsibilities of the function in the catalogue."""
    core_covered: int
    """Core responsibilities held by at least one role (an overlapping one counts)."""
    core: tuple[CoreHolders, ...]
    """Every core responsibility of the function with its holders, in catalogue order."""
    gaps: tuple[str, ...]
    """Core responsibilities nobody holds."""
    overlaps: tuple[str, ...]
    """Once-per-company responsibilities of the function held by two roles or more."""

    @property
    def complete(self) -> bool:
        """No gap and no overlap."""
        return not self.gaps and not self.overlaps


@frozen
class ResponsibilityMatrix:
    """Roles (rows) by responsibilities (columns, grouped by category).

    ``rows`` may be a filtered part of the chart; holders, statuses, coverage
    and the score always speak of the whole chart.
    """

    catalogue: Catalogue
    rows: tuple[Role, ...]
    """The roles shown, in chart order."""
    categories: tuple[ColumnGroup, ...]
    """Categories in catalogue order, each with its responsibility ids."""
    functions_present: frozenset[Function]
    """Functions with at least one role in the whole chart."""
    holdings: Mapping[str, frozenset[str]]
    """Role id -> responsibility ids held, for every role of the chart."""
    holder_map: Mapping[str, tuple[Role, ...]]
    """Responsibility id -> the roles of the whole chart holding it, in chart order."""
    statuses: Mapping[str, ColumnStatus]
    """Responsibility id -> its column status."""

    @property
    def columns(self) -> tuple[str, ...]:
        """Every responsibility id, grouped by category, in catalogue order."""
        return tuple(rid for group in self.categories for rid in group.responsibilities)

    def _known_responsibility(self, responsibility_id: str) -> None:
        if responsibility_id not in self.statuses:
            raise AnalysisError(
                f"there is no responsibility {responsibility_id!r}; `orgmodel catalogue` lists them"
            )

    def held(self, role_id: str, responsibility_id: str) -> bool:
        """Whether the role holds the responsibility (any role of the chart, shown or not)."""
        self._known_responsibility(responsibility_id)
        held = self.holdings.get(role_id)
        if held is None:
            raise AnalysisError(f"there is no role {role_id!r} in the chart")
        return responsibility_id in held

    def cell(self, role_id: str, responsibility_id: str) -> CellState:
        return "held" if self.held(role_id, responsibility_id) else "not-held"

    def status(self, responsibility_id: str) -> ColumnStatus:
        self._known_responsibility(responsibility_id)
        return self.statuses[responsibility_id]

    def holders(self, responsibility_id: str) -> list[Role]:
        """The roles of the whole chart that hold the responsibility, in chart order."""
        self._known_responsibility(responsibility_id)
        return list(self.holder_map.get(responsibility_id, ()))

    def with_status(self, status: ColumnStatus) -> list[str]:
        """Responsibility ids whose column has this status, in column order."""
        return [rid for rid in self.columns if self.statuses[rid] == status]

    @property
    def gaps(self) -> list[str]:
        return self.with_status("gap")

    @property
    def overlaps(self) -> list[str]:
        return self.with_status("overlap")

    def function_of(self, responsibility_id: str) -> Function:
        self._known_responsibility(responsibility_id)
        return self.catalogue.category_of(responsibility_id).function

    def coverage(self) -> list[Coverage]:
        """One entry per function that has a role in the chart and responsibilities
        in the catalogue (marketing, operations), in the catalogue's function order."""
        result = []
        for function in FUNCTIONS:
            if function not in self.functions_present:
                continue
            ids = [rid for rid in self.columns if self.function_of(rid) == function]
            if not ids:
                continue
            core = tuple(
                CoreHolders(rid, tuple(r.id for r in self.holder_map.get(rid, ())))
                for rid in ids
                if self.catalogue.responsibilities[rid].core
            )
            result.append(
                Coverage(
                    function=function,
                    core_total=len(core),
                    core_covered=sum(1 for c in core if c.holders),
                    core=core,
                    gaps=tuple(rid for rid in ids if self.statuses[rid] == "gap"),
                    overlaps=tuple(rid for rid in ids if self.statuses[rid] == "overlap"),
                )
            )
        return result

    def checked(self) -> list[str]:
        """The responsibilities the score looks at (see :func:`coverage_score`)."""
        holders, present = self.holder_map, self.functions_present
        return [rid for rid in self.columns if _scored(self.catalogue, rid, holders, present)]

    def score(self) -> int:
        """The chart-level score; see :func:`coverage_score`."""
        return score_of_holders(self.catalogue, self.holder_map, self.functions_present)


def score_of_holders(
    catalogue: Catalogue,
    holders: Mapping[str, Sequence[Role]],
    functions_present: frozenset[Function],
) -> int:
    """The score of :meth:`ResponsibilityMatrix.score` from who holds each
    responsibility and which functions have roles, without the matrix's rows:
    the rules' indexes of a chart (orgmodel.rules.facts) keep both up to date
    after each edit, where a matrix is a pass over every role."""
    present = functions_present
    checked = [
        (rid, len(holders.get(rid, ())))
        for rid in catalogue.responsibilities
        if _scored(catalogue, rid, holders, present)
    ]
    if not checked:
        return 100
    statuses = (_column_status(catalogue, rid, count, present) for rid, count in checked)
    in_order = sum(1 for status in statuses if status not in ("gap", "overlap"))
    return 100 * in_order // len(checked)


def _scored(
    catalogue: Catalogue,
    responsibility_id: str,
    holders: Mapping[str, Sequence[Role]],
    functions_present: frozenset[Function],
) -> bool:
    """Whether the score looks at a responsibility: core or once per company,
    and of a function with roles in the chart, or held."""
    responsibility = catalogue.responsibilities[responsibility_id]
    if not (responsibility.core or responsibility.once_per_company):
        return False
    function = catalogue.category_of(responsibility_id).function
    return function in functions_present or bool(holders.get(responsibility_id))


def _column_status(
    catalogue: Catalogue,
    responsibility_id: str,
    holder_count: int,
    functions_present: frozenset[Function],
) -> ColumnStatus:
    responsibility = catalogue.responsibilities[responsibility_id]
    if responsibility.once_per_company and holder_count >= 2:
        return "overlap"
    if holder_count:
        return "covered"
    if catalogue.category_of(responsibility_id).function not in functions_present:
        return "not-applicable"
    return "gap" if responsibility.core else "unowned"


def _column_groups(catalogue: Catalogue) -> tuple[ColumnGroup, ...]:
    by_category: dict[str, list[str]] = {category: [] for category in catalogue.categories}
    for responsibility in catalogue.responsibilities.values():
        by_category.setdefault(responsibility.category, []).append(responsibility.id)
    return tuple(
        ColumnGroup(category, tuple(by_category[category.id]))
        for category in catalogue.categories.values()
    )


def _rows(
    chart: Chart, catalogue: Catalogue, function: str | None, subtree: str | None
) -> tuple[Role, ...]:
    if function is not None and function not in FUNCTIONS:
        raise AnalysisError(f"there is no function {function!r}; use one of {', '.join(FUNCTIONS)}")
    if subtree is not None and subtree not in chart:
        raise AnalysisError(f"there is no role {subtree!r} in the chart")
    roles: Iterable[Role] = chart.roles
    if subtree is not None:
        team = {role.id for role in subtree_chart(chart, subtree).roles}
        roles = (role for role in roles if role.id in team)
    if function is not None:
        roles = (role for role in roles if catalogue.function(role) == function)
    return tuple(roles)


def responsibility_matrix(
    chart: Chart,
    catalogue: Catalogue | None = None,
    *,
    function: str | None = None,
    subtree: str | None = None,
) -> ResponsibilityMatrix:
    """The matrix of ``chart``, its rows limited to one function and/or one team.

    ``function`` keeps the roles of that function (``marketing``,
    ``operations``, ...); ``subtree`` keeps that role and everyone below it on
    solid lines. Both together keep the roles that pass both. Holders and
    statuses are always those of the whole chart. :class:`AnalysisError` (a
    ValueError) for an unknown function or role id.
    """
    catalogue = catalogue or load_catalogue()
    rows = _rows(chart, catalogue, function, subtree)
    holdings: dict[str, frozenset[str]] = {}
    holders: dict[str, list[Role]] = {rid: [] for rid in catalogue.responsibilities}
    present: set[Function] = set()
    for role in chart.roles:
        held = catalogue.held(role)
        holdings[role.id] = held
        role_function = catalogue.function(role)
        if role_function is not None:
            present.add(role_function)
        for rid in held:
            column = holders.get(rid)
            if column is not None:  # ids outside the catalogue have no column
                column.append(role)
    functions_present = frozenset(present)
    return ResponsibilityMatrix(
        catalogue=catalogue,
        rows=rows,
        categories=_column_groups(catalogue),
        functions_present=functions_present,
        holdings=holdings,
        holder_map={rid: tuple(roles) for rid, roles in holders.items()},
        statuses={
            rid: _column_status(catalogue, rid, len(roles), functions_present)
            for rid, roles in holders.items()
        },
    )


def coverage(chart: Chart, catalogue: Catalogue | None = None) -> list[Coverage]:
    """Core coverage of each function present in the chart; see :class:`Coverage`."""
    return responsibility_matrix(chart, catalogue).coverage()


def coverage_score(chart: Chart, catalogue: Catalogue | None = None) -> int:
    """A score from 0 to 100 to track while redesigning a chart: the share of the
    responsibilities the rules check that are in order.

    The rules check a responsibility when it is core (it needs an owner) or
    once per company (it needs no more than one), and either its function has
    a role in the chart or somebody holds it. A checked responsibility is in
    order unless it is a gap or an overlap. The score is
    ``floor(100 * in order / checked)``:

    - it is 100 exactly when the chart has no gap and no overlap; a chart with
      nothing to check (empty, or only executive, sales or other roles) scores 100;
    - filling a gap or bringing an overlap down to one holder adds one to
      ``in order`` and leaves ``checked`` alone, so the score rises (by at least
      100 / checked, rounded down, which is at least 2 with the shipped catalogue);
    - holding more of the work that is neither core nor once per company changes
      nothing, and vacant seats count as holders, as they do for the rules.
    """
    return responsibility_matrix(chart, catalogue).score()
