"""The native ``.orgm`` file: a chart as JSON, written and read with cattrs.

Format history (``format_version``):

1. First version: ``{"format_version": 1, "chart": {name, stage, settings,
   roles: [...]}}``. Role fields equal to their default are left out.
   Responsibility lists and disabled rules are written sorted, so the same
   chart always gives the same bytes. Later additions, optional and written
   only when set, so older files read unchanged: a role's ``planned`` (a
   seat of a design, to be hired) and ``photo`` (a local image file's path,
   a relative one read from the chart file's folder).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args, get_origin

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from orgmodel.atomic_write import write_atomically
from orgmodel.bounded_read import read_bounded
from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.errors import ChartReadError
from orgmodel.file_kinds import SUFFIX as SUFFIX
from orgmodel.json_places import JsonPath, dotted, place_of, repeated_key
from orgmodel.memory import collection_paused
from orgmodel.model import UNCLASSIFIED, Chart, DuplicateRoleIdError, Role, RuleSettings
from orgmodel.rules import rule_catalogue

FORMAT_VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused before reading: a 50,000-role chart is about 15 MB."""
MAX_NUMBER_DIGITS = 100


def _strict(kind: type) -> Any:
    def structure(value: object, _type: object) -> object:
        if isinstance(value, bool) or not isinstance(value, kind):
            expected = {str: "text", int: "a whole number", float: "a number"}[kind]
            raise TypeError(f"expected {expected}, got {json.dumps(value)[:40]}")
        return value

    return structure


def _strict_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {json.dumps(value)[:40]}")
    return value


def _strict_float(value: object, _type: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {json.dumps(value)[:40]}")
    return float(value)


def _is(origin: type) -> Any:
    def predicate(type_: object) -> bool:
        return type_ is origin or get_origin(type_) is origin

    return predicate


def _describe(error: BaseException, type_: type | None) -> str:
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unexpected field {sorted(error.extra_fields)[0]!r}"
    if isinstance(error, (TypeError, ValueError)) and str(error):
        return re.sub(r"^None is not", "null is not", str(error))
    return cattrs.v.format_exception(error, type_)


def _is_tuple_or_set(type_: Any) -> bool:
    origin: object = get_origin(type_)
    return origin is tuple or origin is frozenset


def _list_only(converter: cattrs.Converter) -> Any:
    """Tuples and sets are written as JSON lists, and only a list reads back as one.

    cattrs on its own reads any iterable: a string as a tuple of letters, an
    object as a tuple of its keys. Once the value is known to be a list, the
    list's own hook does the work, and its errors name the bad item's index.
    """

    def factory(type_: Any) -> Any:
        origin, item = get_origin(type_), get_args(type_)[0]

        def structure(value: object, _type: object) -> object:
            if not isinstance(value, list):
                raise TypeError(f"expected a list, got {json.dumps(value)[:40]}")
            return origin(converter.structure(value, list[item]))  # type: ignore[valid-type]

        return structure

    return factory


def _object_only(structure: Any) -> Any:
    """A JSON object only: null or a list where a role or the chart belongs is named as such."""

    def checked(value: object, type_: object) -> object:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {json.dumps(value)[:40]}")
        return structure(value, type_)

    return checked


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _strict(str))
    converter.register_structure_hook(int, _strict(int))
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook_factory(_is_tuple_or_set, _list_only(converter))
    converter.register_unstructure_hook_func(_is(frozenset), sorted)
    for cls in (Role, RuleSettings, Chart):
        converter.register_structure_hook(
            cls,
            _object_only(make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)),
        )
    # The chart's name, stage and settings are always written, even at defaults.
    converter.register_unstructure_hook(
        RuleSettings,
        make_dict_unstructure_fn(RuleSettings, converter, _cattrs_omit_if_default=False),
    )
    converter.register_unstructure_hook(
        Chart,
        make_dict_unstructure_fn(
            Chart,
            converter,
            _cattrs_omit_if_default=False,
            settings=override(omit_if_default=False),
        ),
    )
    return converter


_converter = _make_converter()


def chart_to_json(chart: Chart) -> str:
    document = {"format_version": FORMAT_VERSION, "chart": _converter.unstructure(chart)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def chart_bytes(chart: Chart) -> bytes:
    """What ``save_chart`` writes for ``chart``."""
    return chart_to_json(chart).encode("utf-8")


class _RepeatedKeyError(ValueError):
    pass


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys without a word: a hand-merged file
    # with "roles" twice would read as the second half only.
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _RepeatedKeyError
    return document


_PATH_PART = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]")


def _parse_path(text: str) -> JsonPath:
    """``chart.roles[3].id`` as a path; the inverse of ``dotted``."""
    return tuple(int(index) if index else key for key, index in _PATH_PART.findall(text))


def _located(path: Path | str, text: str, where: JsonPath, problem: str) -> ChartReadError:
    """A refusal naming the field (``chart.roles[3]``) and the line and column of its value."""
    place = place_of(text, where)
    if place is None:
        return ChartReadError(path, f"{dotted(where)}: {problem}")
    return ChartReadError(
        path, f"{dotted(where)} at column {place.column}: {problem}", line=place.line
    )


class _NumberTooLongError(ValueError):
    pass


def _parse_int(digits: str) -> int:
    # Python refuses to convert integers of over 4300 digits with a bare
    # ValueError; no field of a chart needs more than a few digits.
    if len(digits) > MAX_NUMBER_DIGITS:
        raise _NumberTooLongError(f"a number in the file has {len(digits)} digits")
    return int(digits)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _NumberTooLongError(f"a number in the file has {len(text)} characters")
    return float(text)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _refuse_lone_surrogates(document: object, text: str, path: Path | str) -> None:
    """JSON can escape half of a character (a lone surrogate, \\udc80); Python
    reads it, but no file can store it, so the chart could never be saved."""
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        found = _LONE_SURROGATE_ESCAPE.search(text)
        escape = found.group() if found else "\\u escape"
        line = text[: found.start()].count("\n") + 1 if found else None
        raise ChartReadError(
            path, f"{escape} is half of a character, which no text can hold", line=line
        ) from None


def chart_from_json(text: str, path: Path | str, catalogue: Catalogue | None = None) -> Chart:
    """Parse a ``.orgm`` document; a ChartReadError says what is wrong and where."""
    try:
        document = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            object_pairs_hook=_refuse_repeated_keys,
        )
    except _RepeatedKeyError:
        raise _repeated_key_error(text, path) from None
    except json.JSONDecodeError as error:
        raise ChartReadError(
            path, f"not valid JSON ({error.msg}) at column {error.colno}", line=error.lineno
        ) from None
    except _NumberTooLongError as error:
        raise ChartReadError(path, f"{error}, too many to be a chart's value") from None
    except RecursionError:
        raise ChartReadError(path, "the JSON is nested too deeply to be a chart") from None
    if _SURROGATE_ESCAPE.search(text):
        _refuse_lone_surrogates(document, text, path)
    if not isinstance(document, dict) or "format_version" not in document:
        raise ChartReadError(path, "not an Orgmodel chart (no format_version)")
    version = document["format_version"]
    if version != FORMAT_VERSION:
        raise ChartReadError(
            path,
            f"format_version {json.dumps(version)[:20]} is not one this version of Orgmodel "
            f"reads (it reads {FORMAT_VERSION})",
        )
    if set(document) != {"format_version", "chart"}:
        extra = sorted(set(document) - {"format_version", "chart"})
        problem = f"unexpected key {extra[0]!r}" if extra else "no chart in the file"
        raise ChartReadError(path, problem)
    try:
        chart = _converter.structure(document["chart"], Chart)
    except cattrs.BaseValidationError as error:
        duplicate = _duplicate_role_id(error)
        if duplicate is not None:
            raise _duplicate_id_error(document, text, path, duplicate) from None
        messages = cattrs.transform_error(error, path="chart", format_exception=_describe)
        message = messages[0] if messages else str(error)
        problem, _at, where = message.rpartition(" @ ")
        if not problem:
            raise ChartReadError(path, message) from None
        raise _located(path, text, _parse_path(where), problem) from None
    except DuplicateRoleIdError as error:
        raise _duplicate_id_error(document, text, path, error) from None
    except (TypeError, ValueError) as error:
        raise _located(path, text, ("chart",), str(error)) from None
    _check_against_catalogue(chart, path, text, catalogue or load_catalogue())
    return chart


def _repeated_key_error(text: str, path: Path | str) -> ChartReadError:
    repeated = repeated_key(text)
    if repeated is None:  # the scan and the json module disagree: still refuse
        return ChartReadError(path, "a key appears twice in one object")
    inside = f" in {dotted(repeated.inside)}" if repeated.inside else ""
    return ChartReadError(
        path,
        f"the key {json.dumps(repeated.key)[:60]} appears twice{inside} (again at column "
        f"{repeated.place.column}); keep one of them",
        line=repeated.place.line,
    )


def _duplicate_role_id(error: BaseException) -> DuplicateRoleIdError | None:
    if isinstance(error, DuplicateRoleIdError):
        return error
    for inner in getattr(error, "exceptions", ()):
        found = _duplicate_role_id(inner)
        if found is not None:
            return found
    return None


def _duplicate_id_error(
    document: dict[str, Any], text: str, path: Path | str, error: DuplicateRoleIdError
) -> ChartReadError:
    roles = document["chart"]["roles"]
    second = [i for i, role in enumerate(roles) if role.get("id") == error.role_id][1:2]
    if not second:
        return ChartReadError(path, str(error))
    return _located(path, text, ("chart", "roles", second[0], "id"), str(error))


def _check_against_catalogue(
    chart: Chart, path: Path | str, text: str, catalogue: Catalogue
) -> None:
    for index, role in enumerate(chart.roles):
        where = ("chart", "roles", index)
        if role.kind != UNCLASSIFIED and role.kind not in catalogue.kinds:
            problem = f"role {role.id!r} has unknown role kind {role.kind!r}"
            raise _located(path, text, where, problem)
        unknown = sorted((role.responsibilities or frozenset()) - catalogue.responsibilities.keys())
        if unknown:
            problem = f"role {role.id!r} holds unknown responsibility {unknown[0]!r}"
            raise _located(path, text, where, problem)
    unknown_rules = sorted(chart.settings.disabled - rule_catalogue().keys())
    if unknown_rules:
        raise ChartReadError(path, f"chart.settings disables unknown rule {unknown_rules[0]!r}")


@collection_paused()
def load_chart(path: Path | str, catalogue: Catalogue | None = None) -> Chart:
    path = Path(path)
    data = read_bounded(path, MAX_FILE_BYTES, "charts")
    if not data.strip():
        raise ChartReadError(path, "the file is empty")
    if b"\x00" in data[:65536]:
        raise ChartReadError(path, "not a chart file (it contains binary data)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ChartReadError(
            path,
            f"not a chart file: byte 0x{data[error.start]:02x} is not UTF-8 text",
            line=line,
        ) from None
    return chart_from_json(text, path, catalogue)


def save_chart(chart: Chart, path: Path | str) -> None:
    """Write atomically: the old file stays whole until the new one is complete."""
    write_atomically(Path(path), chart_bytes(chart))
