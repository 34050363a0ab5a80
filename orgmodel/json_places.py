"""Where things are in a JSON text: the line and column of a value, or of a repeated key.

Python's json module reads a repeated key silently (the last one wins) and
forgets where each value was. A chart file that is wrong must be refused with
a place the user can go to, so when reading fails these scan the text once
more, token by token, keeping the path (``chart``, ``roles``, 3, ``id``) of
each value. They run only on the way to an error, never on a good file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from attrs import frozen

JsonPath = tuple[str | int, ...]

_TOKEN = re.compile(
    r'[ \t\r\n]+|"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^ \t\r\n{}\[\],:"]+', re.DOTALL
)


@frozen
class Place:
    line: int
    column: int
    """1-based, in characters, as the json module counts."""

    @classmethod
    def of(cls, text: str, offset: int) -> Place:
        line_start = text.rfind("\n", 0, offset) + 1
        return cls(text.count("\n", 0, offset) + 1, offset - line_start + 1)


@frozen
class RepeatedKey:
    key: str
    inside: JsonPath
    """The path of the object holding the key twice."""
    place: Place
    """Where the key appears the second time."""


class _Container:
    """An open object or array while scanning."""

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.keys: set[str] = set()
        self.index = 0
        self.expecting_key = is_object


def _values(text: str) -> Iterator[tuple[JsonPath, int, str]]:
    """Each value's path, offset and first token; then each repeated key, as
    (path of its object + (key,), offset, ":repeated")."""
    stack: list[_Container] = []
    path: list[str | int] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] in " \t\r\n":
            continue
        container = stack[-1] if stack else None
        if token in ",:":
            if token == "," and container is not None:
                if container.is_object:
                    container.expecting_key = True
                else:
                    container.index += 1
                    path[-1] = container.index
            continue
        if token in "}]":
            if stack:
                stack.pop()
                path.pop()
            continue
        if container is not None and container.expecting_key:
            key = _string(token)
            if key in container.keys:
                yield (*path[:-1], key), match.start(), ":repeated"
            container.keys.add(key)
            container.expecting_key = False
            path[-1] = key
            continue
        yield tuple(path), match.start(), token
        if token in "{[":
            stack.append(_Container(token == "{"))
            path.append("" if token == "{" else 0)


def _string(token: str) -> str:
    try:
        value = json.loads(token)
    except ValueError:
        return token
    return value if isinstance(value, str) else token


def repeated_key(text: str) -> RepeatedKey | None:
    """The first key that appears twice in one object, or None."""
    for path, offset, token in _values(text):
        if token == ":repeated":
            return RepeatedKey(str(path[-1]), path[:-1], Place.of(text, offset))
    return None


def place_of(text: str, wanted: JsonPath) -> Place | None:
    """Where the value at ``wanted`` starts (files with a repeated key are refused
    before anything is looked up, so the first is the one)."""
    for path, offset, token in _values(text):
        if path == wanted and token != ":repeated":
            return Place.of(text, offset)
    return None


def dotted(path: JsonPath) -> str:
    """``chart.roles[3].id``, as cattrs writes paths."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
