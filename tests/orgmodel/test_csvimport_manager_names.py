"""Manager names as HR systems write them: Workday's "Name (Title)", BambooHR's
"Reporting to" column, and a name the row itself shares with one other person.
All names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.importing.pipeline import import_csv

from .csvfiles import managers, write

WORKDAY = "Worker,Employee ID,Business Title,Manager"
BAMBOO = "Employee #,First Name,Last Name,Job Title,Department,Reporting to"


def test_a_workday_manager_written_with_its_title_is_that_person(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            WORKDAY,
            "Jane Roe,1001,Chief Executive Officer,",
            "Mark Lee,1002,SVP Sales,Jane Roe (Chief Executive Officer)",
            "Ana Diaz,1003,VP Sales,Mark Lee (SVP Sales)",
            "Tom Ng,1004,Account Executive,Ana Diaz (VP Sales)",
            "Kim Park,1005,Chief Marketing Officer,Jane Roe (Chief Executive Officer)",
        )
    )
    assert managers(report) == {
        "1001": None,
        "1002": "1001",
        "1003": "1002",
        "1004": "1003",
        "1005": "1001",
    }
    assert report.managers_resolved == {"name": 4}
    assert report.unresolved_managers == ()
    said = [note for note in report.notes if "part in brackets" in note]
    assert said == [
        "lines 3, 4, 5, 6, column 'Manager': a manager written as a name and a part in "
        "brackets that no row's name has is read as the name alone (line 3: "
        "'Jane Roe (Chief Executive Officer)' read as 'Jane Roe')"
    ]


def test_a_manager_marked_on_leave_is_that_person(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            WORKDAY,
            "Jane Roe,1001,Chief Executive Officer,",
            "Mark Lee,1002,SVP Sales,Jane Roe",
            "Ana Diaz,1003,VP Sales,Mark Lee (On Leave)",
        )
    )
    assert managers(report) == {"1001": None, "1002": "1001", "1003": "1002"}


def test_a_manager_name_column_mapped_by_hand_reads_the_name_before_the_brackets(
    tmp_path: Path,
) -> None:
    report = import_csv(
        write(
            tmp_path,
            "Worker,Employee ID,Business Title,Boss",
            "Jane Roe,1001,Chief Executive Officer,",
            "Mark Lee,1002,SVP Sales,Jane Roe (Chief Executive Officer)",
        ),
        mapping={"manager-name": "Boss"},
    )
    assert managers(report) == {"1001": None, "1002": "1001"}


def test_a_name_written_with_brackets_is_first_the_person_named_so(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            WORKDAY,
            "Jane Roe,1001,Chief Executive Officer,",
            "Mark Lee (Contractor),1002,Sales Director,Jane Roe",
            "Mark Lee,1003,SVP Sales,Jane Roe",
            "Ana Diaz,1004,Account Executive,Mark Lee (Contractor)",
        )
    )
    assert managers(report) == {"1001": None, "1002": "1001", "1003": "1001", "1004": "1002"}
    assert not any("part in brackets" in note for note in report.notes)


def test_a_name_before_brackets_two_people_share_stays_ambiguous(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            WORKDAY,
            "Jane Roe,1001,Chief Executive Officer,",
            "Mark Lee,1002,SVP Sales,Jane Roe (Chief Executive Officer)",
            "Mark Lee,1003,VP Marketing,Jane Roe (Chief Executive Officer)",
            "Ana Diaz,1004,Account Executive,Mark Lee (SVP Sales)",
        )
    )
    assert managers(report) == {"1001": None, "1002": "1001", "1003": "1001", "1004": None}
    assert report.ambiguous_managers == ((5, "Mark Lee (SVP Sales)"),)


def test_a_name_matching_nobody_even_without_brackets_stays_unresolved(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            WORKDAY,
            "Jane Roe,1001,Chief Executive Officer,",
            "Mark Lee,1002,SVP Sales,Jane Roe",
            "Ana Diaz,1003,VP Sales,Jane Roe",
            "Tom Ng,1004,Account Executive,Ivo Sand (VP Sales)",
        )
    )
    assert managers(report)["1004"] == "Ivo Sand (VP Sales)"
    assert report.unresolved_managers == ((5, "Ivo Sand (VP Sales)"),)


@pytest.mark.parametrize(
    "header", ["Reporting to", "Reporting To", "Reporting Manager", "Reports to (name)"]
)
def test_a_reporting_to_column_says_who_reports_to_whom(tmp_path: Path, header: str) -> None:
    report = import_csv(
        write(
            tmp_path,
            f"Employee #,First Name,Last Name,Job Title,{header}",
            "1,Sarah,Connor,CEO,",
            '2,Lee,Chan,Controller,"Connor, Sarah"',
            "3,Pat,Kim,Staff Accountant,Lee Chan",
        )
    )
    assert managers(report) == {"1": None, "2": "1", "3": "2"}


def test_a_name_the_row_shares_with_one_other_person_is_the_other(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            BAMBOO,
            "1,Sarah,Connor,CEO,Executive,",
            '2,John,Smith,VP Marketing,Marketing,"Connor, Sarah"',
            '3,John,Smith,Content Marketing Manager,Marketing,"Smith, John"',
            "4,Mary,O'Brien,SEO Specialist,Marketing,John Smith",
        )
    )
    # Row 3 cannot report to itself; row 4 could mean either John Smith.
    assert managers(report) == {"1": None, "2": "1", "3": "2", "4": None}
    assert report.ambiguous_managers == ((5, "John Smith"),)
    assert (
        "line 4, column 'Reporting to': 'Smith, John' is the name of this row and of one "
        "other (line 3); read as the other, as a role does not report to itself"
    ) in report.notes


def test_a_name_the_row_shares_with_several_others_stays_ambiguous(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            BAMBOO,
            "1,Sarah,Connor,CEO,Executive,",
            '2,John,Smith,VP Marketing,Marketing,"Connor, Sarah"',
            '3,John,Smith,VP Sales,Sales,"Connor, Sarah"',
            "4,John,Smith,Content Marketing Manager,Marketing,John Smith",
        )
    )
    assert managers(report) == {"1": None, "2": "1", "3": "1", "4": None}
    assert report.ambiguous_managers == ((5, "John Smith"),)
