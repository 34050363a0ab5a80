"""The row pipeline: any container's :class:`Table` in, an :class:`ImportReport` out.

Each stage takes what the previous one produced and returns what it decided,
notes included; :func:`import_table` only strings them together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import attrs

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.errors import ChartReadError
from orgmodel.hierarchy import cycles
from orgmodel.importing.choosing import choose_managers
from orgmodel.importing.csv_reader import read_csv_table
from orgmodel.importing.history import current_rows
from orgmodel.importing.leavers import remove_leavers
from orgmodel.importing.managers import Resolver, Row, index_rows
from orgmodel.importing.plausibility import Ranks
from orgmodel.importing.progress import PIPELINE_STEPS, Steps
from orgmodel.importing.report import ImportReport, loop_note
from orgmodel.importing.roles import build_roles
from orgmodel.importing.screening import screen_rows
from orgmodel.importing.shape import Shape, detect_shape, split_header
from orgmodel.importing.table import Table
from orgmodel.importing.vocabulary import (
    MANAGER_FIELDS,
    RESOLVED_METHODS,
    WITHHELD,
    vocabulary,
)
from orgmodel.memory import collection_paused
from orgmodel.model import Chart, Stage


def import_table(
    table: Table,
    path: Path | str,
    stage: Stage = Stage.ESTABLISHED,
    catalogue: Catalogue | None = None,
    mapping: Mapping[str, str] | None = None,
    steps: Steps | None = None,
) -> ImportReport:
    """Import the records of any container; ``mapping`` (field -> column header)
    overrides the column detection. ``path`` names the file in messages and the
    chart after it. ``steps`` is told after each stage and may stop the import
    there (:class:`~orgmodel.importing.progress.ImportCancelled`)."""
    steps = steps or Steps(None, PIPELINE_STEPS)
    with collection_paused():
        return _import(table, Path(path), stage, catalogue or load_catalogue(), mapping, steps)


def _import(
    table: Table,
    path: Path,
    stage: Stage,
    catalogue: Catalogue,
    mapping: Mapping[str, str] | None,
    steps: Steps,
) -> ImportReport:
    words = vocabulary()
    unit = table.unit

    shape = detect_shape(table, path, words, catalogue, mapping)
    steps.step()
    _header, records = split_header(table, path)
    screened = screen_rows(records, shape, words, unit, padded=table.padded)
    steps.step()
    current = current_rows(screened.rows, shape, words, unit)
    steps.step()
    set_aside = (*screened.set_aside, *current.set_aside)
    if not current.rows:
        _refuse_empty(path, set_aside)
    keys = index_rows(current.rows, shape, words, unit)
    steps.step()
    set_aside = (*set_aside, *keys.set_aside)
    if not keys.rows:
        _refuse_empty(path, set_aside)
    resolver = Resolver(keys, current.redirect, words.outside, words.nobody)
    managers = choose_managers(keys.rows, shape, keys, resolver, Ranks(catalogue), unit)
    steps.step()
    departed = remove_leavers(keys.rows, managers.targets, current.leavers, shape, unit)
    steps.step()
    if not departed.rows:
        _refuse_empty(path, (*set_aside, *departed.set_aside))
    built = build_roles(
        departed.rows,
        departed.targets,
        shape,
        resolver,
        catalogue,
        words,
        unit,
        departed.gone,
        folder=path.parent,
    )
    steps.step()

    chart = Chart(name=path.stem, stage=stage, roles=built.roles)
    withheld = sum(1 for role in built.roles if role.person == WITHHELD)
    if withheld:
        built = attrs.evolve(
            built,
            notes=(
                *built.notes,
                f"{withheld} post{'s are' if withheld != 1 else ' is'} held by someone the "
                "file does not name (N/D, not disclosed, or no name with an FTE above 0): "
                "read as held, not vacant",
            ),
        )
    loops = [loop_note(loop, keys.position_of, unit) for loop in cycles(chart)]
    steps.step()
    notes = (
        *table.notes,
        *shape.notes,
        *screened.notes,
        *current.notes,
        *keys.notes,
        *departed.notes,
        *managers.notes,
        *built.notes,
    )

    def staying(found: list[tuple[int, str]]) -> tuple[tuple[int, str], ...]:
        return tuple((p, value) for p, value in found if p not in current.leavers)

    return ImportReport(
        chart=chart,
        columns={
            field: shape.headers[index]
            for field, index in shape.columns.items()
            if field not in MANAGER_FIELDS or shape.headers[index] == managers.column
        },
        unclassified_titles=built.unclassified,
        notes=notes,
        manager_column=managers.column,
        manager_choice=managers.choice,
        managers_resolved=_resolved(keys.rows, managers.methods, current.leavers, _key_word(shape)),
        unresolved_managers=staying(managers.unresolved),
        ambiguous_managers=staying(managers.ambiguous),
        ambiguous_roles=_roles_at(keys.rows, managers.ambiguous, chart),
        set_aside=(*set_aside, *departed.set_aside),
        loops=tuple(loops),
        implausible=managers.implausible,
        tops=staying(managers.tops),
        reattached=departed.reattached,
        leavers=len(departed.set_aside),
        past_rows=current.past_rows,
        unit=unit,
        container=table.container,
        sheet=table.sheet,
        headers=tuple(header.strip() for header in shape.headers),
    )


def _roles_at(rows: list[Row], found: list[tuple[int, str]], chart: Chart) -> frozenset[str]:
    """Ids of the imported roles on the lines of ``found``."""
    positions = {position for position, _value in found}
    return frozenset(row.id for row in rows if row.position in positions and row.id in chart)


def _key_word(shape: Shape) -> str:
    """What a match "by id" is when there is no id column: by name or by e-mail."""
    if not shape.keyed_by_name:
        return "id"
    return "name" if shape.columns["id"] == shape.columns.get("name") else "email"


def _resolved(
    rows: list[Row], methods: list[str], leavers: Mapping[int, str], key_word: str
) -> dict[str, int]:
    """Resolution method -> how many imported rows' managers it found."""
    counts = Counter(
        key_word if m == "id" else m
        for row, m in zip(rows, methods, strict=True)
        if row.position not in leavers
    )
    return {m: counts[m] for m in RESOLVED_METHODS if counts[m]}


def _refuse_empty(path: Path, set_aside: tuple[str, ...]) -> None:
    first_reason = set_aside[0] if set_aside else "every row was set aside"
    more = f" (and {len(set_aside) - 1} more)" if len(set_aside) > 1 else ""
    raise ChartReadError(path, f"no row is left to import: {first_reason}{more}")


def import_csv(
    path: Path | str,
    stage: Stage = Stage.ESTABLISHED,
    catalogue: Catalogue | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import the CSV file at ``path``."""
    with collection_paused():
        return import_table(read_csv_table(path), path, stage, catalogue, mapping)
