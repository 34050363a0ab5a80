"""HR exports as each system writes them (tests/data/exports/) read into the
hierarchy the HR system holds, with no false findings.

The files and expected.json are made by tests/data/exports/make_exports.py:
one invented whole company, saved the way Workday, BambooHR, Personio, HiBob,
Salesforce, Active Directory, d3-org-chart, an Excel report and an HR
analytics dataset save it, plus a public agency headed by its Secretary.
People are compared by name, since every system has ids of its own.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from orgmodel.open_chart import read_chart
from orgmodel.rules import validate

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (EXPORTS / "expected.json").read_text(encoding="utf-8")
)
FALSE_ALARMS = ("unknown-manager", "reports-upward", "unclassified-title", "multiple-tops")
"""Findings none of these files deserves: each company has one head, every line
resolves, every title is a real one and every manager outranks their reports."""


def person_key(name: str) -> str:
    """'Jovanovic, Jonah' and 'JONAH JOVANOVIC' are the same person."""
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    return " ".join(name.casefold().split())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_export_reads_into_the_hierarchy_the_hr_system_holds(name: str) -> None:
    chart = read_chart(EXPORTS / name).chart
    by_id = {role.id: role for role in chart}
    read = Counter(
        (
            person_key(role.person or ""),
            person_key(by_id[role.manager].person or "") if role.manager in by_id else None,
        )
        for role in chart
    )
    wanted = Counter(
        (person_key(person), None if manager is None else person_key(manager))
        for person, manager in EXPECTED[name]["reports_to"]
    )
    assert read == wanted, (
        f"read but not in the file: {sorted((read - wanted).items())[:8]}; "
        f"in the file but not read: {sorted((wanted - read).items())[:8]}"
    )
    leavers = {person_key(p) for p in EXPECTED[name]["leavers"]}
    assert not leavers & {person for person, _manager in read}, "leavers were imported as staff"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_export_raises_no_false_alarm(name: str) -> None:
    findings = validate(read_chart(EXPORTS / name).chart)
    alarms = [f"{f.rule}: {f.message}" for f in findings if f.rule in FALSE_ALARMS]
    assert not alarms, "\n".join(alarms[:10])
