"""Which records are rows of people: template rows and misshapen rows set aside."""

from __future__ import annotations

from attrs import frozen

from orgmodel.importing.shape import Record, Shape, is_template
from orgmodel.importing.vocabulary import REQUIRED, Vocabulary, normalise_header


@frozen
class Screened:
    rows: list[Record]
    set_aside: tuple[str, ...]
    notes: tuple[str, ...]


def _filled_width(cells: list[str]) -> int:
    """How many cells a record has up to its last filled one."""
    return next((i + 1 for i in range(len(cells) - 1, -1, -1) if cells[i].strip()), 0)


def screen_rows(
    records: list[Record],
    shape: Shape,
    vocabulary: Vocabulary,
    unit: str = "line",
    padded: bool = False,
) -> Screened:
    """Set aside template rows and rows whose width is wrong and that lack an id
    or title; note the misshapen rows that are kept.

    In a ``padded`` table (a sheet, whose rows all reach its last column) a row
    is as wide as its last filled cell, and one narrower than the table's rows
    (a "Total | 151" row below them) is judged as a short CSV line is; a sheet's
    blank last cells are no fault, so a narrow row with an id and a title is
    kept without a note."""
    header_keys = [normalise_header(h) for h in shape.headers]
    width = _filled_width(shape.headers) if padded else len(shape.headers)
    # Only a sheet's rows are judged by the table's width: a CSV's need no pass over them.
    table_width = (
        min(width, max((_filled_width(c) for _p, c in records), default=0)) if padded else 0
    )
    rows: list[Record] = []
    templates: list[str] = []
    set_aside: list[str] = []
    notes: list[str] = []
    for position, cells in records:
        if is_template(cells, header_keys, vocabulary):
            templates.append(
                f"{unit} {position}: its values are column names or placeholders "
                "(an example, a template row)"
            )
            continue
        fields = _filled_width(cells) if padded else len(cells)
        fits = table_width <= fields <= width if padded else fields == width
        if fits or (fields > width and not any(f.strip() for f in cells[width:])):
            rows.append((position, cells))
            continue
        shape_note = f"{unit} {position} has {fields} fields but the header has {width}"
        missing = [what for field, what in REQUIRED.items() if not shape.text(cells, field)]
        if missing:
            set_aside.append(f"{shape_note}, and it lacks {' and '.join(missing)}; not imported")
            continue
        if fields > width:
            notes.append(f"{shape_note}; the extra fields were ignored")
        elif not padded:
            notes.append(f"{shape_note}; the missing fields were read as blank")
        rows.append((position, cells))
    return Screened(rows, (*templates, *set_aside), tuple(notes))
