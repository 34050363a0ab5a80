"""A sheet's rows screened as their CSV twin's lines are: a totals row below
the people is set aside, not read as a person. All names are invented."""

from __future__ import annotations

from pathlib import Path

from orgmodel.open_chart import read_chart
from tests.orgmodel.workbooks import Rows, write_xlsx

HEADER = ["Employee ID", "Name", "Job Title", "Manager ID", "Department"]
PEOPLE: Rows = [
    ["E1", "Ines Varga", "Chief Executive Officer", None, "Executive"],
    ["E2", "Tomas Ekdahl", "Chief Marketing Officer", "E1", "Marketing"],
    ["E3", "Rui Sato", "Brand Manager", "E2", None],  # blank last cell: no fault
    ["E4", "Amara Okafor", "SEO Specialist", "E2", "Marketing"],
]
TOTALS: Rows = [[], ["Total", 4]]
REPORT_TOP: Rows = [["Fjordline Foods: headcount"], ["Run date: 2026-11-30"], []]


def managers(path: Path) -> dict[str, str | None]:
    return {role.id: role.manager for role in read_chart(path).chart}


def test_a_totals_row_below_the_people_is_set_aside_as_in_the_csv(tmp_path: Path) -> None:
    sheet = write_xlsx(
        tmp_path / "census.xlsx", {"Census": [*REPORT_TOP, HEADER, *PEOPLE, *TOTALS]}
    )
    lines = [",".join(HEADER)]
    lines += [",".join("" if v is None else str(v) for v in row) for row in PEOPLE]
    twin = tmp_path / "census.csv"
    twin.write_text(
        "\n".join(["Fjordline Foods: headcount", "Run date: 2026-11-30", "", *lines, "", "Total,4"])
        + "\n"
    )
    expected = {"E1": None, "E2": "E1", "E3": "E2", "E4": "E2"}
    assert managers(sheet) == expected
    assert managers(twin) == expected
    from_sheet, from_csv = read_chart(sheet).report, read_chart(twin).report
    assert from_sheet is not None and from_csv is not None
    assert from_sheet.set_aside == (
        "row 10 has 2 fields but the header has 5, and it lacks a job title; not imported",
    )
    assert from_csv.set_aside == (
        "line 10 has 2 fields but the header has 5, and it lacks a job title; not imported",
    )
    # The blank department of row 7 is a sheet's blank cell, not a short row.
    assert not any("fields" in note for note in from_sheet.notes)


def test_a_narrow_row_with_an_id_and_a_title_is_kept(tmp_path: Path) -> None:
    rows: Rows = [HEADER, *PEOPLE, ["E5", "Pelle Moreau", "Content Writer"]]
    path = write_xlsx(tmp_path / "census.xlsx", {"Census": rows})
    assert managers(path) == {"E1": None, "E2": "E1", "E3": "E2", "E4": "E2", "E5": None}
