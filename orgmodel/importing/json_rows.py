"""Read org-chart data kept as JSON into a :class:`Table`: the keys are the columns.

Three shapes are read, the ones web chart tools keep their data in:

- a flat array of objects, each with an ``id`` and its manager's id as
  ``parentId`` (d3-org-chart) or ``pid`` (BALKAN OrgChart JS);
- an object wrapping such an array (``{"people": [...]}``, ``{"nodes": [...]}``,
  ``{"data": [...]}``);
- a nested tree whose objects hold their reports in ``children`` (d3-hierarchy).

Every object becomes a row; a nested tree gets a ``parentId`` column from its
nesting, and ids counted in reading order where its objects have none. Values
are written as the text a CSV would hold, so the row pipeline reads JSON with
the same column recognition and ``--map`` as any other file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attrs import frozen

from orgmodel.bounded_read import read_bounded
from orgmodel.errors import ChartReadError
from orgmodel.importing.table import Table

MAX_FILE_BYTES = 32 * 1024 * 1024
"""As large as the largest CSV export Orgmodel reads."""
MAX_ITEMS = 600_000
MAX_DEPTH = 200
"""Levels of a nested tree; no organisation is this deep, a hostile file can be."""
WRAPPER_KEYS = ("people", "nodes", "data", "employees", "items", "records", "staff", "users")
"""Keys of a wrapper object that hold the array of people, most usual first."""
TREE_KEYS = ("root", "tree", "chart", "org", "organization", "organisation")
"""Keys of a wrapper object that may hold the root of a nested tree."""
CHILDREN = ("children", "_children")
"""Keys of a nested tree's reports; d3 keeps a collapsed node's in ``_children``."""
PARENT_COLUMN = "parentId"
"""The column a nested tree's nesting is written to."""
OPEN_KEYS = frozenset({"open", "vacant", "isopen", "isvacant", "openposition"})
"""Keys (lower-cased) whose true value marks an open position."""
LIST_SEPARATOR = ";"
"""How a list of ids is written into one cell: as a CSV's dotted-line column holds it."""
VACANT = "Vacant"
_NAME_KEYS = ("name", "fullname", "displayname", "employeename", "personname")
_TRUE = frozenset({"true", "yes", "y", "1"})


def read_json_rows(path: Path | str) -> Table:
    """The people of a JSON chart file, one row per object, the union of keys as header."""
    path = Path(path)
    data = _parse(path)
    items, shape = _items(data, path)
    header: dict[str, None] = {}
    records: list[tuple[int, list[str]]] = []
    rows: list[tuple[int, dict[str, str]]] = []
    notes: list[str] = []
    opened = 0
    for position, where, item in items:
        if not isinstance(item, dict):
            notes.append(f"item {position} ({where}) is {_what(item)}, not an object; not imported")
            continue
        row, is_open = _row(item, shape.nested)
        opened += is_open
        if not any(value.strip() for value in row.values()):
            notes.append(f"item {position} ({where}) has no values; not imported")
            continue
        header.update(dict.fromkeys(row))
        rows.append((position, row))
    if not rows:
        raise ChartReadError(path, "the file holds no objects describing people")
    columns = list(header)
    records.append((0, columns))
    records.extend((position, [row.get(key, "") for key in columns]) for position, row in rows)
    if opened:
        notes.append(
            f"{opened} item{'s are' if opened != 1 else ' is'} marked as an open position; "
            "read as vacant"
        )
    return Table(
        records=records, unit="item", container=f"JSON chart data: {shape.name}", notes=tuple(notes)
    )


@frozen
class _Shape:
    name: str
    """The convention, for the import report: "a flat list with pid", "nested children"."""
    nested: bool


def _parse(path: Path) -> Any:
    raw = read_bounded(path, MAX_FILE_BYTES, "JSON files")
    if not raw.strip():
        raise ChartReadError(path, "the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ChartReadError(
            path, f"byte {error.start + 1} is not UTF-8 text; JSON must be UTF-8"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ChartReadError(
            path, f"this is not valid JSON ({error.msg}, column {error.colno})", line=error.lineno
        ) from None
    except RecursionError:
        raise ChartReadError(path, "the JSON is nested too deeply to be a chart") from None


def _what(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else "an object"


def _items(data: Any, path: Path) -> tuple[Iterator[tuple[int, str, Any]], _Shape]:
    """(position, where in the file, item) of every item, and the file's shape."""
    if isinstance(data, dict):
        key = _wrapper_key(data)
        if key is None:
            if _is_tree(data) or any(k.lower() in ("id", "name") for k in data):
                return _walk([(data, "the top object")], path), _Shape("nested children", True)
            raise ChartReadError(
                path,
                "the JSON object holds no array of people (looked for "
                + ", ".join(f'"{k}"' for k in WRAPPER_KEYS[:3])
                + ", or a tree of objects with children)",
            )
        if isinstance(data[key], dict):  # {"data": {"name": ..., "children": [...]}}
            return _walk([(data[key], key)], path), _Shape(f'nested children in "{key}"', True)
        return _flat_or_nested(data[key], key, path)
    if isinstance(data, list):
        return _flat_or_nested(data, "", path)
    raise ChartReadError(
        path, f"the JSON is {_what(data)}; chart data is an array of objects or a tree"
    )


def _is_tree(item: Any) -> bool:
    """Whether ``item`` is an object listing reports (objects) under a children key."""
    return isinstance(item, dict) and any(
        isinstance(item.get(key), list) and any(isinstance(c, dict) for c in item[key])
        for key in CHILDREN
    )


def _wrapper_key(data: dict[str, Any]) -> str | None:
    """The key holding the people: an array, or the root of a tree."""
    by_lower = {k.lower(): k for k in data}
    for wanted in (*WRAPPER_KEYS, *TREE_KEYS):
        key = by_lower.get(wanted)
        if key is None:
            continue
        if isinstance(data[key], list) or _is_tree(data[key]):
            return key
    arrays = [k for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict)]
    if len(arrays) == 1 and arrays[0] not in CHILDREN:
        return arrays[0]
    return None


def _flat_or_nested(
    items: Any, key: str, path: Path
) -> tuple[Iterator[tuple[int, str, Any]], _Shape]:
    if not isinstance(items, list):
        raise ChartReadError(path, f'"{key}" is {_what(items)}, not an array of people')
    if any(_is_tree(item) for item in items):
        roots = [(item, f"{key}[{n}]") for n, item in enumerate(items)]
        return _walk(roots, path), _Shape("nested children", True)
    if len(items) > MAX_ITEMS:
        raise ChartReadError(
            path, f"the file has more than {MAX_ITEMS:,} items; larger are refused"
        )
    keys = {k.lower() for i in items[:1000] if isinstance(i, dict) for k in i}
    convention = (
        "a flat list with parentId"
        if "parentid" in keys
        else "a flat list with pid"
        if "pid" in keys
        else "a flat list"
    )
    if key:
        convention += f' in "{key}"'
    where = f"{key}[{{}}]" if key else "[{}]"
    return (
        ((n + 1, where.format(n), item) for n, item in enumerate(items)),
        _Shape(convention, False),
    )


def _walk(roots: list[tuple[Any, str]], path: Path) -> Iterator[tuple[int, str, Any]]:
    """Items of a nested tree in reading order (each before its children), with a
    parent id filled in from the nesting and an id counted where one is missing.

    ``roots`` are the tree's top items, each with where it is in the file.
    """
    count = 0
    stack: list[tuple[Any, str, str, int]] = [(item, where, "", 1) for item, where in roots[::-1]]
    while stack:
        item, where, parent, depth = stack.pop()
        count += 1
        if count > MAX_ITEMS:
            raise ChartReadError(
                path, f"the file has more than {MAX_ITEMS:,} items; larger are refused"
            )
        if depth > MAX_DEPTH:
            raise ChartReadError(
                path, f"item {count} ({where}) is nested more than {MAX_DEPTH} levels deep"
            )
        if not isinstance(item, dict):
            yield count, where, item
            continue
        item = dict(item)
        own_id = _scalar(_get(item, "id"))
        if not own_id:
            own_id = str(count)
            item["id"] = own_id
        item[PARENT_COLUMN] = parent
        reports: list[tuple[Any, str]] = []
        inside = "" if where == "the top object" else f"{where}."
        for key in CHILDREN:
            children = item.pop(key, None)
            if children is None:
                continue
            if not isinstance(children, list):
                raise ChartReadError(
                    path, f'item {count} ({where}): "{key}" is {_what(children)}, not an array'
                )
            reports += [(child, f"{inside}{key}[{n}]") for n, child in enumerate(children)]
        yield count, where, item
        stack += [(child, at, own_id, depth + 1) for child, at in reports[::-1]]


def _get(item: dict[str, Any], key: str) -> Any:
    for k, v in item.items():
        if k.lower() == key:
            return v
    return None


def _scalar(value: Any) -> str:
    """A JSON value as the text of a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return LIST_SEPARATOR.join(filter(None, (_reference(v) for v in value)))
    return json.dumps(value, ensure_ascii=False)


def _reference(value: Any) -> str:
    """One entry of a list: a dotted-line manager may be given as an object with an id."""
    if isinstance(value, dict):
        return _scalar(_get(value, "id"))
    return _scalar(value)


def _row(item: dict[str, Any], nested: bool) -> tuple[dict[str, str], bool]:
    """The item's cells, and whether it is marked as an open position (then its
    name cell says so, as a CSV's does)."""
    row = {
        key: _scalar(value)
        for key, value in item.items()
        if not (nested and key in CHILDREN) and not isinstance(value, dict)
    }
    is_open = any(k.lower() in OPEN_KEYS and _scalar(v).lower() in _TRUE for k, v in item.items())
    if is_open:
        row[_name_key(list(row)) or "name"] = VACANT
    return row, is_open


def _name_key(columns: list[str]) -> str | None:
    by_lower = {k.lower(): k for k in columns}
    return next((by_lower[k] for k in _NAME_KEYS if k in by_lower), None)
