"""What an import produced and decided, as the CLI and the app show it."""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from attrs import frozen

from orgmodel.model import Chart, Role


@frozen
class ImportReport:
    """The imported chart and what the import had to decide on the way."""

    chart: Chart
    columns: Mapping[str, str]
    """Field name -> the header of the column it was read from."""
    unclassified_titles: Mapping[str, int]
    """Job titles that matched no role kind -> how many rows had them."""
    notes: tuple[str, ...]
    """Values the import could not use as given, each with its line."""
    manager_column: str | None = None
    """Header of the column reporting lines were read from."""
    manager_choice: str = ""
    """Why that column was picked, when there were several candidates."""
    managers_resolved: Mapping[str, int] = attrs.field(factory=dict)
    """Resolution method (id, email, name) -> how many rows' managers it resolved."""
    unresolved_managers: tuple[tuple[int, str], ...] = ()
    """(line, value) of manager references that match no row."""
    ambiguous_managers: tuple[tuple[int, str], ...] = ()
    """(line, name) of manager names shared by several people; left unresolved."""
    ambiguous_roles: frozenset[str] = frozenset()
    """Ids of the roles of ``ambiguous_managers``: they report to nobody only
    because their manager's name is shared, not because they head the chart."""
    set_aside: tuple[str, ...] = ()
    """Rows not imported, each with its line and why."""
    loops: tuple[str, ...] = ()
    """Reporting loops the rows make (a self-manager too), each with its lines:
    the chart imports, but validation will report them as errors."""
    implausible: tuple[str, ...] = ()
    """Reporting lines that put a senior role under a junior one, naming the rows."""
    tops: tuple[tuple[int, str], ...] = ()
    """(line, value) of manager references read as "reports to nobody" (the board,
    a placeholder id)."""
    reattached: tuple[str, ...] = ()
    """Roles that reported to a leaver and now report to the leaver's manager."""
    leavers: int = 0
    """Rows of people who left, set aside (listed in ``set_aside``)."""
    past_rows: int = 0
    """Past rows of people who have a current row, set aside (history files)."""
    unit: str = "line"
    """How positions in the file are named: line (CSV), row (a sheet), item (JSON)."""
    container: str = "CSV file"
    """What was read: "CSV file", "Excel workbook, sheet 'People'", ..."""
    sheet: str | None = None
    """The workbook's sheet read; None for a file with no sheets."""
    headers: tuple[str, ...] = ()
    """Every column's header as read, in the file's order (to choose another mapping from)."""


LOOP_SHOWN = 8
"""A longer loop is named by its first few roles in an import's report."""


def loop_note(loop: list[Role], line_of: Mapping[str, int], unit: str = "line") -> str:
    def named(role: Role) -> str:
        # A row with no one's name is known by its title, and by its id besides
        # (vacant rows of one title are otherwise indistinguishable).
        if role.person:
            return role.person
        return f"{role.title} (id {role.id})" if role.title else f"id {role.id}"

    if len(loop) == 1:
        return f"{unit} {line_of[loop[0].id]}: {named(loop[0])} is recorded as their own manager"
    shown = loop if len(loop) <= LOOP_SHOWN else loop[: LOOP_SHOWN - 1]
    lines = ", ".join(str(line_of[role.id]) for role in shown)
    chain = " → ".join(named(role) for role in shown)
    if len(shown) < len(loop):
        more = len(loop) - len(shown)
        lines += f" and {more:,} more"
        chain += f" → … ({more:,} more)"
    return f"{unit}s {lines}: reporting lines loop ({chain} → {named(loop[0])})"
