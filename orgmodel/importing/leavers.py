"""People who left: set aside, and whoever still reports to them re-attached."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from orgmodel.importing.managers import Row
from orgmodel.importing.name_forms import PersonForm
from orgmodel.importing.shape import Shape


@frozen
class Departures:
    rows: list[Row]
    targets: list[str | None]
    set_aside: tuple[str, ...]
    reattached: tuple[str, ...]
    """One sentence per role moved from a leaver to the leaver's manager."""
    notes: tuple[str, ...]
    gone: frozenset[str] = frozenset()
    """Ids of the leavers' rows: no line, solid or dotted, may end at one."""


def _named(row: Row, shape: Shape, form: PersonForm) -> str:
    title = shape.text(row.cells, "title")
    who = form.shown(row.person) if row.person else f"id {row.id}"
    return f"{who} ({title})" if title else who


def remove_leavers(
    rows: list[Row],
    targets: list[str | None],
    leavers: Mapping[int, str],
    shape: Shape,
    unit: str = "line",
) -> Departures:
    """Drop the rows of people who left; a role that reported to one now reports
    to the leaver's manager (or the first one up the line who has not left)."""
    if not leavers:
        return Departures(rows, targets, (), (), ())
    manager_of = {row.id: target for row, target in zip(rows, targets, strict=True)}
    row_of = {row.id: row for row in rows}
    gone = {row.id for row in rows if row.position in leavers}
    # Names as the chart shows them ("Aziz, Tariq" as "Tariq Aziz"): judged,
    # as the chart's are, on the rows that stay.
    form = PersonForm.of(row.person for row in rows if row.id not in gone)
    kept_rows: list[Row] = []
    kept_targets: list[str | None] = []
    set_aside: list[str] = []
    reattached: list[str] = []
    for row, target in zip(rows, targets, strict=True):
        if row.id in gone:
            why = leavers[row.position]
            set_aside.append(
                f"{unit} {row.position}: {_named(row, shape, form)} has left"
                + (f" ({why})" if why else "")
            )
            continue
        if target in gone:
            leaver = row_of[target]
            seen = {row.id}
            new: str | None = target
            while new in gone and new not in seen:
                seen.add(new)
                new = manager_of.get(new)
            new = None if new in gone else new
            to = (
                f"now reports to {_named(row_of[new], shape, form)} ({unit} {row_of[new].position})"
                if new is not None
                else "now reports to nobody"
            )
            reattached.append(
                f"{unit} {row.position}: {_named(row, shape, form)} reported to "
                f"{_named(leaver, shape, form)} ({unit} {leaver.position}), who has left; {to}"
            )
            target = new
        kept_rows.append(row)
        kept_targets.append(target)
    count = len(set_aside)
    # Not "their status": a leave date that has passed or a disabled account decides too.
    note = f"set aside {count} leaver{'s' if count != 1 else ''} (their rows say they have left)"
    if reattached:
        moved = len(reattached)
        note += (
            f"; {moved} role{'s' if moved != 1 else ''} that reported to one now "
            f"report{'s' if moved == 1 else ''} to the leaver's manager"
        )
    return Departures(
        kept_rows, kept_targets, tuple(set_aside), tuple(reattached), (note,), frozenset(gone)
    )
