"""Columns told apart by their values when their names do not decide.

HR systems name columns loosely: BambooHR's "Employment Status" holds the kind
of contract (Full-Time, Part-Time) while its "Status" holds Active/Inactive.
Of several columns named like a status, the one whose values are status words
says who left; one whose values are contract types is the employment column.
Of several columns named like an id (a Position Number beside an Employee ID),
the id is the one the manager column refers to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from orgmodel.importing.vocabulary import NO_MANAGER, Vocabulary, clean, normalise_header

SAMPLE = 2000
"""Filled cells of a column looked at to judge what its values are."""

HISTORY_FIELDS = frozenset({"current-flag", "status", "end-date", "account-control"})
"""Fields that make a file a history file (see history.py)."""

_WORD = re.compile(r"[^\W\d_]+")
ACCOUNT_DISABLED = 0x2
"""The ACCOUNTDISABLE bit of Active Directory's userAccountControl."""


def account_disabled(value: str) -> bool | None:
    """Whether a userAccountControl value (514, or 0x202) has its disabled bit
    set; None when the value is not a number."""
    text = value.strip().lower()
    try:
        flags = int(text, 16) if text.startswith("0x") else int(text)
    except ValueError:
        return None
    return bool(flags & ACCOUNT_DISABLED) if flags >= 0 else None


def status_kind(value: str, vocabulary: Vocabulary) -> str | None:
    """current, ended or None for a status cell: an exact known value, else any
    word of it that means the person left ("Voluntarily Terminated")."""
    kind = vocabulary.history.get(normalise_header(value))
    if kind in ("current", "yes"):
        return "current"
    if kind in ("ended", "no"):
        return "ended"
    words = {normalise_header(w) for w in _WORD.findall(value)}
    if words & vocabulary.leaver_words:
        return "ended"
    return None


_DATE_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DATE_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
"""Day first (31.03.2022) or month first (03/31/2022): both readings are tried."""


def ended_by(text: str, today: date) -> bool | None:
    """Whether an end date has passed: True, False (empty or in the future), or
    None when it is not a date this can read."""
    text = text.strip()
    if not text or text.lower() in NO_MANAGER:
        return False
    readings = []
    match = _DATE_YMD.match(text)
    if match:
        readings.append((int(match[1]), int(match[2]), int(match[3])))
    match = _DATE_DMY.match(text) if not readings else None
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        readings += [(year, first, second), (year, second, first)]
    verdicts = set()
    for year, month, day in readings:
        try:
            verdicts.add(date(year, month, day) < today)
        except ValueError:
            continue
    # Day-first and month-first readings on different sides of today: unknown.
    return verdicts.pop() if len(verdicts) == 1 else None


def read_dated_status(
    headers: list[str], rows: list[list[str]], columns: dict[str, int]
) -> list[str]:
    """A status column (a mapped one) whose values are mostly dates is a leave
    date: read it as the end date, in place in ``columns``, rather than find no
    status word in it. Returns notes for the import report."""
    index = columns.get("status")
    if index is None:
        return []
    values = [clean(cells[index]) for cells in rows[:SAMPLE] if index < len(cells)]
    values = [value for value in values if value]
    dates = sum(1 for value in values if _DATE_YMD.match(value) or _DATE_DMY.match(value))
    if not values or 2 * dates <= len(values):
        return []
    del columns["status"]
    held = f"{headers[index]!r}, given as the status, holds dates (such as {values[0]!r})"
    if "end-date" in columns:
        return [
            f"{held}, not status words: not read, the end date is read from "
            f"{headers[columns['end-date']]!r}"
        ]
    columns["end-date"] = index
    return [
        f"{held}, not status words: read as the end date (a date that has passed "
        "means the person left)"
    ]


def _tally(index: int, rows: Iterable[list[str]], vocabulary: Vocabulary) -> tuple[int, int, int]:
    """(status words, contract types, filled cells) among a column's values."""
    statuses = contracts = filled = 0
    for cells in rows:
        value = clean(cells[index]) if index < len(cells) else ""
        if not value:
            continue
        filled += 1
        if status_kind(value, vocabulary) is not None:
            statuses += 1
        elif normalise_header(value) in vocabulary.employment:
            contracts += 1
        if filled >= SAMPLE:
            break
    return statuses, contracts, filled


def settle_status_column(
    headers: list[str],
    rows: list[list[str]],
    columns: dict[str, int],
    vocabulary: Vocabulary,
) -> list[str]:
    """Choose the status column by its values, in place in ``columns``; a
    status-named column of contract types becomes the employment column.
    Returns notes for the import report."""
    named = [
        i for i, h in enumerate(headers) if vocabulary.columns.get(normalise_header(h)) == "status"
    ]
    if not named:
        return []
    notes: list[str] = []
    statuses: list[tuple[int, int]] = []
    for index in named:
        status_words, contract_types, filled = _tally(index, rows, vocabulary)
        if contract_types > status_words and 2 * contract_types >= filled:
            if "employment" not in columns:
                columns["employment"] = index
                notes.append(
                    f"{headers[index]!r} holds contract types (such as "
                    f"{_first_value(index, rows)!r}), not who left: read as the employment kind"
                )
            continue
        statuses.append((status_words, index))
    columns.pop("status", None)
    if not statuses:
        return notes
    best_words, best = max(statuses, key=lambda pair: pair[0])
    if not best_words:
        best = statuses[0][1]
    columns["status"] = best
    if len(named) > 1:
        notes.append(f"who left is read from {headers[best]!r}, whose values are status words")
    return notes


def _first_value(index: int, rows: list[list[str]]) -> str:
    return next(
        (clean(cells[index]) for cells in rows if index < len(cells) and cells[index].strip()), ""
    )


def settle_id_column(
    headers: list[str],
    rows: list[list[str]],
    columns: dict[str, int],
    candidates: list[tuple[str, int]],
    vocabulary: Vocabulary,
) -> list[str]:
    """Of several id-named columns, use the one whose values the manager column
    refers to most, in place in ``columns``; only a column whose every value is
    unique can be the id. Returns notes for the import report."""
    named = [
        i for i, h in enumerate(headers) if vocabulary.columns.get(normalise_header(h)) == "id"
    ]
    managers = [i for field, i in candidates if field == "manager"]
    if len(named) < 2 or not managers or "id" not in columns:
        return []
    if HISTORY_FIELDS & columns.keys():
        return []  # a history file: the other id is a person's key, resolved there
    references = {
        clean(cells[i]) for cells in rows for i in managers if i < len(cells) and cells[i].strip()
    }

    def values(index: int) -> list[str]:
        return [
            clean(cells[index]) for cells in rows if index < len(cells) and cells[index].strip()
        ]

    def matched(index: int) -> int:
        return len(references.intersection(values(index)))

    first = columns["id"]
    best, best_matched = first, matched(first)
    for index in named:
        if index == first:
            continue
        found = values(index)
        count = len(references.intersection(found))
        if count > best_matched and len(set(found)) == len(found):
            best, best_matched = index, count
    if best == first:
        return []
    columns["id"] = best
    return [
        f"the id is read from {headers[best]!r}, the column whose values the manager "
        f"column refers to, not from {headers[first]!r}"
    ]


def reject_repeating_id(headers: list[str], rows: list[list[str]], columns: dict[str, int]) -> str:
    """Drop the id column from ``columns`` when most of its rows repeat an
    earlier row's value (it is a code many rows share, not a key); a history file, whose ids
    repeat by design, keeps it. Returns why it was dropped, or ""."""
    index = columns.get("id")
    if index is None or HISTORY_FIELDS & columns.keys():
        return ""
    values = [clean(cells[index]) for cells in rows if index < len(cells) and cells[index].strip()]
    repeats = len(values) - len(set(values))  # rows repeating an earlier value
    if 2 * repeats <= len(values):
        return ""
    del columns["id"]
    return (
        f"{headers[index]!r} is not an id column: {repeats} of its {len(values)} rows "
        "repeat a value an earlier row has"
    )
