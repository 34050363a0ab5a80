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


def screen_rows(
    records: list[Record], shape: Shape, vocabulary: Vocabulary, unit: str = "line"
) -> Screened:
    """Set aside template rows and rows whose width is wrong and that lack an id
    or title; note the misshapen rows that are kept."""
    header_keys = [normalise_header(h) for h in shape.headers]
    width = len(shape.headers)
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
        if len(cells) == width or (
            len(cells) > width and not any(f.strip() for f in cells[width:])
        ):
            rows.append((position, cells))
            continue
        shape_note = f"{unit} {position} has {len(cells)} fields but the header has {width}"
        missing = [what for field, what in REQUIRED.items() if not shape.text(cells, field)]
        if missing:
            set_aside.append(f"{shape_note}, and it lacks {' and '.join(missing)}; not imported")
            continue
        if len(cells) > width:
            notes.append(f"{shape_note}; the extra fields were ignored")
        else:
            notes.append(f"{shape_note}; the missing fields were read as blank")
        rows.append((position, cells))
    return Screened(rows, (*templates, *set_aside), tuple(notes))
