"""Places in JSON text: every value's path leads to where that value is written."""

from __future__ import annotations

import json
from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from orgmodel.json_places import JsonPath, dotted, place_of, repeated_key

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


def paths(value: object, prefix: JsonPath = ()) -> Iterator[tuple[JsonPath, object]]:
    yield prefix, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


def offset_of(text: str, line: int, column: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + column - 1


@given(documents, st.sampled_from([None, 1, 2]))
def test_every_value_is_found_where_it_is_written(document: object, indent: int | None) -> None:
    text = json.dumps(document, indent=indent)
    decoder = json.JSONDecoder()
    for path, value in paths(document):
        place = place_of(text, path)
        assert place is not None, path
        found, _end = decoder.raw_decode(text, offset_of(text, place.line, place.column))
        assert found == value, (path, text)


def test_a_repeated_key_is_found_at_its_second_appearance() -> None:
    text = '{"chart": {"roles": [1],\n  "name": "x",\n  "roles": []}}'
    repeated = repeated_key(text)
    assert repeated is not None
    assert (repeated.key, repeated.inside) == ("roles", ("chart",))
    assert (repeated.place.line, repeated.place.column) == (3, 3)
    assert repeated_key('{"a": {"b": 1}, "c": {"b": 2}}') is None  # one per object


def test_paths_read_as_cattrs_writes_them() -> None:
    assert dotted(("chart", "roles", 3, "id")) == "chart.roles[3].id"
