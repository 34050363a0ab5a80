"""Tests of importing history files, rows of the wrong width, template rows,
role-only exports, titles that match no kind and charts without a top.

All names and ids below are invented.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from orgmodel.cli import main
from orgmodel.errors import ChartReadError
from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.report import ImportReport
from orgmodel.model import UNCLASSIFIED
from orgmodel.rules import validate

from .csvfiles import managers, write


def set_aside_lines(report: ImportReport) -> list[int]:
    return [int(reason.split(":")[0].split()[1]) for reason in report.set_aside]


def rules(report: ImportReport) -> set[str]:
    return {f.rule for f in validate(report.chart)}


# --------------------------------------------------------------------------- history files


@pytest.mark.parametrize(
    ("yes", "no"), [("Y", "N"), ("1", "0"), ("true", "false"), ("TRUE", "FALSE")]
)
def test_current_flag_with_row_keys_moves_lines_to_current_row(
    tmp_path: Path, yes: str, no: str
) -> None:
    path = write(
        tmp_path,
        "Record ID,Employee Number,Name,Job Title,Manager ID,CurrentFlag",  # 1
        f"R1,P1,Ada Quist,Founder & CEO,,{yes}",  # 2
        f"R2,P2,Bo Lindqvist,Marketing Manager,R1,{no}",  # 3
        f"R3,P2,Bo Lindqvist,Chief Marketing Officer,R1,{yes}",  # 4
        f"R4,P3,Cy Moravec,Marketing Manager,R2,{yes}",  # 5: points at Bo's old row
    )
    report = import_csv(path)
    assert managers(report) == {"R1": None, "R3": "R1", "R4": "R3"}
    assert set_aside_lines(report) == [3]
    assert "CurrentFlag" in report.set_aside[0]
    assert "line 4" in report.set_aside[0]
    assert report.unresolved_managers == ()
    assert any("set aside 1 past row" in n for n in report.notes)


def test_a_past_row_with_a_blank_id_catches_no_blank_manager_cell(tmp_path: Path) -> None:
    # Such a row once made every blank manager and dotted-line cell point at its
    # person's current row: the CEO reported to the CMO, and everyone had a dotted line.
    path = write(
        tmp_path,
        "Record ID,Employee Number,Name,Job Title,Manager ID,Dotted Line Manager,CurrentFlag",
        "R1,P1,Ada Quist,Founder & CEO,,,Y",  # 2
        ",P2,Bo Lindqvist,Marketing Manager,R1,,N",  # 3: a past row without its id
        "R3,P2,Bo Lindqvist,Chief Marketing Officer,R1,,Y",  # 4
        "R4,P3,Cy Moravec,Marketing Manager,R3,,Y",  # 5
    )
    report = import_csv(path)
    assert managers(report) == {"R1": None, "R3": "R1", "R4": "R3"}
    assert [role.dotted_managers for role in report.chart.roles] == [(), (), ()]
    assert set_aside_lines(report) == [3]


def test_same_id_twice_with_status_keeps_the_current_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,Status",  # 1
        "E1,Ada Quist,Founder & CEO,,Current",  # 2
        "E2,Bo Lindqvist,Marketing Manager,E1,Former",  # 3
        "E2,Bo Lindqvist,Chief Marketing Officer,E1,Current",  # 4
        "E3,Cy Moravec,Marketing Manager,E2,Current",  # 5
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1", "E3": "E2"}
    assert report.chart.role("E2").kind == "cmo"
    assert set_aside_lines(report) == [3]


@pytest.mark.parametrize("ended", ["Terminated", "Inactive"])
def test_employment_status_terminated_rows_set_aside(tmp_path: Path, ended: str) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,EmploymentStatus",  # 1
        "E1,Ada Quist,Founder & CEO,,Active",  # 2
        f"E9,Di Okafor,Chief Marketing Officer,E1,{ended}",  # 3
        "E2,Bo Lindqvist,Chief Marketing Officer,E1,Active",  # 4
        "E3,Cy Moravec,Marketing Manager,E2,Active",  # 5
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1", "E3": "E2"}
    assert set_aside_lines(report) == [3]
    assert report.set_aside[0] == (
        f"line 3: Di Okafor (Chief Marketing Officer) has left (EmploymentStatus is {ended!r})"
    )
    assert report.leavers == 1


@pytest.mark.parametrize("header", ["End Date", "Effective End Date", "Termination Date"])
@pytest.mark.parametrize("open_end", ["", "9999-12-31", "31/12/9999"])
def test_end_dates(tmp_path: Path, header: str, open_end: str) -> None:
    path = write(
        tmp_path,
        f"Row ID,Person Number,Name,Job Title,Manager ID,{header}",  # 1
        f"R1,P1,Ada Quist,Founder & CEO,,{open_end}",  # 2
        "R2,P2,Bo Lindqvist,Marketing Manager,R1,2019-06-30",  # 3
        f"R3,P2,Bo Lindqvist,Chief Marketing Officer,R1,{open_end}",  # 4
        f"R4,P3,Cy Moravec,Marketing Manager,R2,{open_end}",  # 5
        "R5,P3,Cy Moravec,Marketing Coordinator,R2,01/02/2018",  # 6
    )
    report = import_csv(path)
    assert managers(report) == {"R1": None, "R3": "R1", "R4": "R3"}
    assert set_aside_lines(report) == [3, 6]


def test_adventureworks_style_dimension_table(tmp_path: Path) -> None:
    """Surrogate keys per row, a national-id person key, CurrentFlag and a
    Status that is NULL on past rows."""
    path = write(
        tmp_path,
        "EmployeeKey,ParentEmployeeKey,EmployeeNationalIDAlternateKey,FirstName,LastName,"
        "Title,StartDate,EndDate,CurrentFlag,Status",
        "1,,100,Ada,Quist,Chief Executive Officer,2010-01-01,,1,Current",  # 2
        "2,1,200,Bo,Lindqvist,Marketing Manager,2010-01-01,2015-03-31,0,NULL",  # 3
        "3,1,200,Bo,Lindqvist,Chief Marketing Officer,2015-04-01,,1,Current",  # 4
        "4,2,300,Cy,Moravec,Marketing Manager,2011-01-01,,1,Current",  # 5
        "5,2,400,Di,Okafor,SEO Specialist,2012-01-01,,1,Current",  # 6
    )
    report = import_csv(path)
    assert managers(report) == {"1": None, "3": "1", "4": "3", "5": "3"}
    assert set_aside_lines(report) == [3]
    assert report.chart.role("3").person == "Bo Lindqvist"


def test_manager_given_as_person_key_resolves_to_current_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Record ID,Employee Number,Name,Job Title,Manager Number,Current",
        "R1,P1,Ada Quist,Founder & CEO,,Y",
        "R2,P2,Bo Lindqvist,Chief Marketing Officer,P1,Y",
        "R3,P3,Cy Moravec,Marketing Manager,P2,Y",
    )
    report = import_csv(path)
    assert managers(report) == {"R1": None, "R2": "R1", "R3": "R2"}


def test_two_current_rows_with_one_id_keep_the_first(tmp_path: Path) -> None:
    """Two current rows are not history: the later one is set aside, not the file."""
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,Status",
        "E1,Ada Quist,Founder & CEO,,Current",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1,Current",
        "E2,Di Okafor,Marketing Manager,E1,Current",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1"}
    assert report.chart.role("E2").person == "Bo Lindqvist"
    assert report.set_aside == (
        "line 4: the id 'E2' in column 'Employee ID' is already used on line 3; not imported",
    )


def test_dry_run_says_how_many_rows_were_set_aside(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,Status",
        "E1,Ada Quist,Founder & CEO,,Current",
        "E2,Bo Lindqvist,Marketing Manager,E1,Former",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1,Current",
    )
    out = io.StringIO()
    assert main(["import", str(path), "--dry-run"], out) == 0
    text = " ".join(out.getvalue().split())
    assert "Rows set aside, not imported (1):" in text
    assert "line 3: 'E2' is a past row" in text


# --------------------------------------------------------------------------- messy rows


def test_short_row_with_intact_keys_imported_and_noted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,Department",
        "E1,Ada Quist,Founder & CEO,,Board",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1",  # 3: one field short
        "E3,Cy Moravec,Marketing Manager,E2,Marketing",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1", "E3": "E2"}
    assert any(n.startswith("line 3 has 4 fields but the header has 5") for n in report.notes)
    assert report.set_aside == ()


def test_short_row_without_title_set_aside(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Ada Quist,Founder & CEO,",
        "E2,Bo Lindqvist",  # 3
        "E3,Cy Moravec,Marketing Manager,E1",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E3": "E1"}
    assert set_aside_lines(report) == [3]
    assert "a job title" in report.set_aside[0]
    assert report.set_aside[0] == (
        "line 3 has 2 fields but the header has 4, and it lacks a job title; not imported"
    )


def test_template_row_set_aside(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        "Employee ID,Name,Job Title,Manager ID",  # 2
        "E1,Ada Quist,Founder & CEO,",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1"}
    assert set_aside_lines(report) == [2]
    assert "column names" in report.set_aside[0]


# --------------------------------------------------------------------------- role-only exports


def test_salesforce_user_role_export_imports_vacant_roles(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Id,Name,ParentRoleId,DeveloperName,RollupDescription",
        "00E1,CEO,,CEO,CEO",
        "00E2,Chief Marketing Officer,00E1,CMO,CMO",
        "00E3,Marketing Manager,00E2,MarketingManager,Marketing Manager",
        "00E4,Content Marketing Manager,00E3,ContentManager,Content",
    )
    report = import_csv(path)
    assert managers(report) == {"00E1": None, "00E2": "00E1", "00E3": "00E2", "00E4": "00E3"}
    assert all(r.person is None for r in report.chart)
    assert report.chart.role("00E2").title == "Chief Marketing Officer"
    assert report.chart.role("00E2").kind == "cmo"
    assert report.columns["title"] == "Name"
    assert any("vacant" in n for n in report.notes)


def test_names_of_people_without_title_column_still_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Id,Name,ParentId",
        "1,Ada Quist,",
        "2,Bo Lindqvist,1",
        "3,Cy Moravec,2",
    )
    with pytest.raises(ChartReadError, match="no column holds a job title"):
        import_csv(path)


# --------------------------------------------------------------------------- titles


def test_titles_matched_ignoring_case_and_trailing_spaces(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Ada Quist,FOUNDER & CEO   ,",
        'E2,Bo Lindqvist,"CHIEF MARKETING OFFICER  ",E1',
        "E3,Cy Moravec,marketing manager ,E2",
    )
    report = import_csv(path)
    assert report.chart.role("E2").kind == "cmo"
    assert report.chart.role("E3").kind == report.chart.role("E3").kind != UNCLASSIFIED
    assert report.unclassified_titles == {}


def test_foreign_titles_and_non_person_rows_are_unclassified(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        "ORG,,Quistwerk GmbH,",  # the organisation as the root
        "D1,,Abteilung Vertrieb,ORG",  # a department
        "E1,Ada Quist,Geschäftsführerin,ORG",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1",
    )
    report = import_csv(path)
    assert managers(report) == {"ORG": None, "D1": "ORG", "E1": "ORG", "E2": "E1"}
    # A Geschäftsführerin is the chief executive; the company and the department are no roles.
    assert set(report.unclassified_titles) == {"Quistwerk GmbH", "Abteilung Vertrieb"}
    assert report.chart.role("E1").kind == "ceo"
    flagged = {r for f in validate(report.chart) if f.rule == "unclassified-title" for r in f.roles}
    assert {"ORG", "D1"} <= flagged and "E1" not in flagged


# --------------------------------------------------------------------------- missing top


def test_several_roots_import_with_multiple_tops_finding(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Ada Quist,Chief Marketing Officer,",
        "E2,Bo Lindqvist,Chief Financial Officer,",
        "E3,Cy Moravec,Marketing Manager,E1",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": None, "E3": "E1"}
    assert "multiple-tops" in rules(report)


def test_ceo_reporting_to_a_board_not_in_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",  # 1
        "E1,Ada Quist,Founder & CEO,Board",  # 2
        "E2,Bo Lindqvist,Chief Marketing Officer,E1",
        "E3,Cy Moravec,Marketing Manager,E2",
    )
    report = import_csv(path)
    # The board answers for the company from outside it: the CEO heads the chart.
    assert managers(report) == {"E1": None, "E2": "E1", "E3": "E2"}
    assert report.unresolved_managers == ()
    assert "unknown-manager" not in rules(report)
