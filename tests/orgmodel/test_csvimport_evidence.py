"""The manager column is chosen by evidence: agreement between candidates and
plausible reporting lines, not by how many rows a column resolves.

Fixtures are in tests/data/imports/; every name in them is invented.
"""

from __future__ import annotations

import csv
from pathlib import Path

from orgmodel.importing.pipeline import import_csv

from .csvfiles import managers

IMPORTS = Path(__file__).parent.parent / "data" / "imports"
HR = IMPORTS / "hr_decoy_manager_id.csv"


def test_names_beat_a_manager_id_from_another_id_space() -> None:
    report = import_csv(HR)
    lines = managers(report)
    assert report.manager_column == "ManagerName"
    assert [role for role, boss in lines.items() if boss is None] == ["20"]
    # The CIO and the directors report to the President & CEO, not to the
    # Administrative Assistant whose EmpID is the CEO's ManagerID.
    assert {lines[r] for r in ("21", "22", "23", "24")} == {"20"}
    assert lines["31"] == "21"  # BI Director under the CIO
    assert lines["1"] == lines["2"] == "31"  # the analysts under the BI Director
    assert lines["40"] == "36"
    assert report.chart.role("20").title == "President & CEO"
    assert report.implausible == ()
    choice = report.manager_choice
    assert choice.startswith("read reporting lines from 'ManagerName'")
    assert "not 'ManagerID': it names a different manager on 28 of 28 rows" in choice
    assert "would put 5 chiefs, presidents or directors under an individual contributor" in choice


def test_implausible_lines_that_remain_are_reported_by_row(tmp_path: Path) -> None:
    rows = list(csv.reader(HR.read_text(encoding="utf-8").splitlines()))
    without_names = tmp_path / "ids_only.csv"
    with without_names.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([row[:6] + row[7:] for row in rows])
    report = import_csv(without_names)
    assert report.manager_column == "ManagerID"
    assert managers(report)["21"] == "3"  # what the file says, read as it stands
    assert len(report.implausible) == 2
    assistant = next(s for s in report.implausible if "Hale, Mirela" in s)
    assert assistant.startswith("line 4: Hale, Mirela (Administrative Assistant) is the manager of")
    for director in ("Okonjo, Felix (CIO) on line 11", "Lindahl, Petra (Director of Operations)"):
        assert director in assistant
    analyst = next(s for s in report.implausible if s.startswith("line 2:"))
    assert "Dumont, Cosimo (BI Director) on line 21" in analyst


def test_an_id_column_that_agrees_with_the_names_is_preferred_on_a_tie(tmp_path: Path) -> None:
    ids_and_names = tmp_path / "adp_like.csv"
    ids_and_names.write_text(
        "Associate ID,Legal Name,Job Title Description,Reports To Legal Name,"
        "Reports To Associate ID\n"
        'A1,"Quist, Ada",Chief Executive Officer,,\n'
        'A2,"Berg, Jon",Chief Marketing Officer,"Quist, Ada",A1\n'
        'A3,"Lind, Eva",Brand Manager,"Berg, Jon",A2\n',
        encoding="utf-8",
    )
    report = import_csv(ids_and_names)
    assert managers(report) == {"A1": None, "A2": "A1", "A3": "A2"}
    assert report.manager_column == "Reports To Associate ID"
    assert (
        "not 'Reports To Legal Name': it names the same manager on all 2 rows both resolve"
        in report.manager_choice
    )
