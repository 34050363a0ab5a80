"""Columns HR systems name in their own way: which one says who left, which is
the id and which the manager, told by name where the name is plain and by the
values where names mislead. All names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.catalogue import load_catalogue
from orgmodel.errors import ChartReadError
from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.plausibility import JUNIOR, SENIOR, Ranks
from orgmodel.model import Employment
from orgmodel.open_chart import read_chart, table_headers

from .csvfiles import managers, write


def test_a_status_named_column_of_contract_types_is_the_employment_kind(
    tmp_path: Path,
) -> None:
    """BambooHR: 'Employment Status' is Full-Time/Part-Time, 'Status' says who left."""
    path = write(
        tmp_path,
        "Employee #,First Name,Last Name,Job Title,Reports To,Employment Status,Status",
        "1,Ada,Quist,Chief Executive Officer,,Full-Time,Active",
        "2,Bo,Lindqvist,Chief Operating Officer,Ada Quist,Full-Time,Active",
        "3,Cy,Moravec,Operations Manager,Bo Lindqvist,Full-Time,Inactive",
        "4,Di,Okafor,Operations Analyst,Cy Moravec,Part-Time,Active",
        "5,Ed,Vuong,Logistics Coordinator,Cy Moravec,Full-Time,Active",
    )
    report = import_csv(path)
    # Cy left: the team goes to Cy's own manager.
    assert managers(report) == {"1": None, "2": "1", "4": "2", "5": "2"}
    assert report.leavers == 1
    assert report.chart.role("4").employment is Employment.PART_TIME
    assert report.columns["status"] == "Status"
    assert report.columns["employment"] == "Employment Status"
    assert any("now reports to Bo Lindqvist" in line for line in report.reattached)
    assert any("'Employment Status' holds contract types" in note for note in report.notes)


def test_the_status_column_is_the_one_holding_status_words_wherever_it_stands(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID,Status,Worker Status",
        "1,Ada Quist,Chief Executive Officer,,Regular,Active",
        "2,Bo Lindqvist,Chief Operating Officer,1,Regular,Terminated",
        "3,Cy Moravec,Operations Manager,2,Regular,Active",
    )
    report = import_csv(path)
    assert managers(report) == {"1": None, "3": "1"}
    assert report.columns["status"] == "Worker Status"


def test_a_lifecycle_status_of_terminated_is_a_leaver(tmp_path: Path) -> None:
    """HiBob."""
    path = write(
        tmp_path,
        "Employee ID,Display name,Job title,Reports to,Lifecycle status",
        "31,Ada Quist,Chief Executive Officer,,Employed",
        "32,Bo Lindqvist,Chief Marketing Officer,Ada Quist,Terminated",
        "33,Cy Moravec,Marketing Manager,Bo Lindqvist,Employed",
    )
    report = import_csv(path)
    assert managers(report) == {"31": None, "33": "31"}
    assert report.leavers == 1


def test_a_line_manager_number_below_title_rows_is_the_manager(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Headcount by manager,,,",
        ",,,",
        "Employee Number,Employee Name,Job Title,Line Manager Number",
        "00001,Ada Quist,Chief Executive Officer,",
        "00002,Bo Lindqvist,Chief Financial Officer,00001",
        "00003,Cy Moravec,Accountant,00002",
    )
    report = import_csv(path)
    assert managers(report) == {"00001": None, "00002": "00001", "00003": "00002"}
    assert report.manager_column == "Line Manager Number"


def test_a_position_numbered_agency_in_capitals_is_headed_by_its_secretary(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "Position Number,Name,Position Title,Reports To Position,Division",
        'P-1,"QUIST, ADA",SECRETARY,,Office of the Secretary',
        'P-2,"LINDQVIST, BO",DEPUTY SECRETARY,P-1,Office of the Secretary',
        'P-3,"MORAVEC, CY",CHIEF MARKETING OFFICER,P-1,Communications',
        'P-4,"OKAFOR, DI",SOCIAL MEDIA SPECIALIST,P-3,Communications',
    )
    report = import_csv(path)
    assert managers(report) == {"P-1": None, "P-2": "P-1", "P-3": "P-1", "P-4": "P-3"}
    assert report.columns["id"] == "Position Number"
    assert report.manager_column == "Reports To Position"
    # A Secretary heading chiefs is the head of the agency, not a clerk.
    assert report.implausible == ()


def test_the_id_is_the_column_the_manager_column_refers_to(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Position Number,Employee ID,Name,Job Title,Manager ID",
        "P-1,E10,Ada Quist,Chief Executive Officer,",
        "P-2,E11,Bo Lindqvist,Chief Financial Officer,E10",
        "P-3,E12,Cy Moravec,Accountant,E11",
    )
    report = import_csv(path)
    assert managers(report) == {"E10": None, "E11": "E10", "E12": "E11"}
    assert any("the id is read from 'Employee ID'" in note for note in report.notes)


def test_a_repeating_column_is_never_the_id_however_many_managers_it_matches(
    tmp_path: Path,
) -> None:
    """ManagerID numbers managers 1, 2, 3 and a PositionID repeats those numbers:
    the employee id stays the id, and the names give the lines."""
    path = write(
        tmp_path,
        "EmpID,PositionID,Employee_Name,Position,ManagerName,ManagerID",
        "10001,1,Ada Quist,Chief Executive Officer,,",
        "10002,2,Bo Lindqvist,Chief Financial Officer,Ada Quist,1",
        "10003,2,Cy Moravec,Chief Operating Officer,Ada Quist,1",
        "10004,1,Di Okafor,Accountant,Bo Lindqvist,2",
    )
    report = import_csv(path)
    assert report.columns["id"] == "EmpID"
    assert managers(report) == {
        "10001": None,
        "10002": "10001",
        "10003": "10001",
        "10004": "10002",
    }


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        ("Secretary", None),
        ("SECRETARY", None),
        ("Secretary of State", SENIOR),
        ("Permanent Secretary", SENIOR),
        ("Secretary-General", SENIOR),
        ("Executive Assistant to the Secretary", JUNIOR),
    ],
)
def test_a_bare_secretary_is_not_judged_junior(title: str, rank: str | None) -> None:
    assert Ranks(load_catalogue()).of(title) == rank


def test_of_two_department_columns_the_plainer_name_is_used(tmp_path: Path) -> None:
    """SuccessFactors writes a Division before the Department."""
    path = write(
        tmp_path,
        "User ID,First Name,Last Name,Job Title,Division,Department,Manager User ID",
        "u1,Ada,Quist,Chief Executive Officer,Corporate,Executive,NO_MANAGER",
        "u2,Bo,Lindqvist,Chief Marketing Officer,Corporate,Marketing,u1",
    )
    report = import_csv(path)
    assert managers(report) == {"u1": None, "u2": "u1"}
    assert report.columns["department"] == "Department"
    assert report.chart.role("u2").department == "Marketing"
    assert any("used 'Department'" in note for note in report.notes)


def test_german_column_names_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID;Vorname;Nachname;E-Mail;Position;Abteilung;Vorgesetzter;Status;Beschäftigungsart",
        "1;Greta;Hoffmann;g@x.de;Geschäftsführerin;Leitung;;aktiv;Vollzeit",
        "2;Jonas;Becker;j@x.de;Leiter Marketing;Marketing;g@x.de;aktiv;Vollzeit",
        "3;Emma;Meyer;e@x.de;Marketing Managerin;Marketing;j@x.de;inaktiv;Teilzeit",
        "4;Lea;Schulz;l@x.de;Content Managerin;Marketing;e@x.de;aktiv;Teilzeit",
    )
    report = import_csv(path)
    # Emma has left: Lea now reports to Emma's manager.
    assert managers(report) == {"1": None, "2": "1", "4": "2"}
    assert report.leavers == 1
    assert report.chart.role("2").person == "Jonas Becker"
    assert report.chart.role("2").department == "Marketing"


@pytest.mark.parametrize(
    ("header", "field", "suggested"),
    [
        ("User ID,Username,Name,Job Title,Boss Code", "manager", "Boss Code"),
        ("User ID,Username,Name,Job Title,Vorgesetzte Person", "manager", "Vorgesetzte Person"),
        ("Nombre,Username,Badge No,Job Title,Reports To", "id", "Badge No"),
        ("Employee ID,Position Code,Name,Job Title Text,Reports To", "title", "Job Title Text"),
    ],
)
def test_the_mapping_hint_names_the_column_most_like_the_field(
    tmp_path: Path, header: str, field: str, suggested: str
) -> None:
    path = write(tmp_path, header, "a,b,Ada Quist,Chief Executive Officer,", "a,c,Ada Quist,CMO,a")
    with pytest.raises(ChartReadError) as raised:
        import_csv(path)
    assert str(raised.value).endswith(f"--map {field}={suggested!r}")


def test_spanish_columns_and_statuses_are_read(tmp_path: Path) -> None:
    """'Baja voluntaria' has left; 'Baja médica' (sick leave) has not."""
    path = write(
        tmp_path,
        "Número de empleado,Nombre,Apellidos,Puesto,Departamento,Jefe directo,Estado",
        "1,Lucía,García,Directora General,Dirección,,Activo",
        "2,Mateo,Ruiz,Director de Marketing,Marketing,1,Activo",
        "3,Sofía,López,Responsable de Contenidos,Marketing,2,Baja voluntaria",
        "4,Hugo,Martín,Especialista SEO,Marketing,3,Activo",
        "5,Elena,Torres,Analista de Marketing,Marketing,2,Baja médica",
    )
    report = import_csv(path)
    assert managers(report) == {"1": None, "2": "1", "4": "2", "5": "2"}
    assert report.leavers == 1
    assert report.chart.role("2").person == "Mateo Ruiz"


@pytest.mark.parametrize(
    "name", ["enterprise.csv", "hr-export-workday.csv", "overlaps-and-gaps.csv"]
)
def test_the_report_keeps_every_header_as_the_mapping_reads_them(samples: Path, name: str) -> None:
    """The preview offers these columns without reading the file a second time."""
    report = read_chart(samples / name).report
    assert report is not None
    assert list(report.headers) == table_headers(samples / name)
    assert set(report.columns.values()) <= set(report.headers)
