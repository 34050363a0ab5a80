"""A repeated id never blocks a file (#18): the later row is set aside by its
position, unless most rows repeat one, and then the column is no id at all.
All names are invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.shape import MissingColumnError
from orgmodel.open_chart import read_chart

from .csvfiles import managers, write


def test_a_repeated_id_among_many_sets_one_row_aside(tmp_path: Path) -> None:
    rows = [f"E{n},Person {chr(64 + n)} Quist,Marketing Specialist,E1" for n in range(2, 20)]
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Ada Quist,Chief Marketing Officer,",
        *rows,
        "E7,Bo Lindqvist,Content Specialist,E1",  # line 21
    )
    report = import_csv(path)
    assert len(report.chart) == 19
    assert report.chart.role("E7").person == "Person G Quist"
    assert report.set_aside == (
        "line 21: the id 'E7' in column 'Employee ID' is already used on line 8; not imported",
    )


def test_a_column_most_of_whose_values_repeat_is_not_the_id(tmp_path: Path) -> None:
    """'ID' here is a department code: the unique names key the rows instead."""
    path = write(
        tmp_path,
        "ID,Name,Job Title,Manager Name",
        "D1,Ada Quist,Chief Executive Officer,",
        "D1,Bo Lindqvist,Chief Operating Officer,Ada Quist",
        "D2,Cy Moravec,Operations Manager,Bo Lindqvist",
        "D2,Di Okafor,Operations Analyst,Cy Moravec",
        "D2,Ed Vuong,Logistics Coordinator,Cy Moravec",
    )
    report = import_csv(path)
    lines = {
        report.chart.role(r).person: report.chart.role(m).person if m else None
        for r, m in managers(report).items()
    }
    assert lines == {
        "Ada Quist": None,
        "Bo Lindqvist": "Ada Quist",
        "Cy Moravec": "Bo Lindqvist",
        "Di Okafor": "Cy Moravec",
        "Ed Vuong": "Cy Moravec",
    }
    assert report.set_aside == ()
    assert any("'ID' is not an id column: 3 of its 5 rows repeat" in n for n in report.notes)


def test_with_no_other_key_the_refusal_says_why_the_column_is_not_the_id(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "ID,Name,Job Title,Manager ID",
        "D1,Ada Quist,Chief Executive Officer,",
        "D1,Ada Quist,Chief Operating Officer,D1",
        "D1,Bo Lindqvist,Operations Manager,D1",
    )
    with pytest.raises(MissingColumnError) as info:
        import_csv(path)
    message = str(info.value)
    assert "'ID' is not an id column: 2 of its 3 rows repeat" in message
    assert "--map id=" in message


def test_a_repeated_id_in_json_chart_data_sets_the_later_item_aside(tmp_path: Path) -> None:
    path = tmp_path / "chart.json"
    nodes = [
        {"id": "a", "parentId": "", "name": "Ada Quist", "title": "Chief Executive Officer"},
        {"id": "b", "parentId": "a", "name": "Bo Lindqvist", "title": "Chief Marketing Officer"},
        {"id": "c", "parentId": "b", "name": "Cy Moravec", "title": "Marketing Manager"},
        {"id": "b", "parentId": "a", "name": "Di Okafor", "title": "Chief Operating Officer"},
    ]
    path.write_text(json.dumps(nodes), encoding="utf-8")
    loaded = read_chart(path)
    assert {r.id: r.manager for r in loaded.chart} == {"a": None, "b": "a", "c": "b"}
    assert loaded.report is not None
    assert loaded.report.set_aside[0].startswith("item 4: the id 'b'")
