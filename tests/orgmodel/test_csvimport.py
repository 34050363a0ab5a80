"""Tests of the CSV import (orgmodel.importing).

All names, ids and e-mail addresses below are invented.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from orgmodel.catalogue import load_catalogue
from orgmodel.errors import ChartReadError
from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.report import ImportReport
from orgmodel.model import UNCLASSIFIED, Employment, Stage
from orgmodel.rules import validate

# --------------------------------------------------------------------------- helpers


def write_text(tmp_path: Path, text: str, name: str = "chart.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def write_bytes(tmp_path: Path, data: bytes, name: str = "chart.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def lines(*rows: str, newline: str = "\n") -> str:
    return newline.join(rows) + newline


def load(
    tmp_path: Path, text: str, name: str = "chart.csv", stage: Stage = Stage.ESTABLISHED
) -> ImportReport:
    return import_csv(write_text(tmp_path, text, name), stage=stage)


def read_error(path: Path) -> ChartReadError:
    """The ChartReadError importing ``path`` raises; fails on any other outcome."""
    with pytest.raises(ChartReadError) as info:
        import_csv(path)
    return info.value


def assert_one_sentence(message: str, file_name: str) -> None:
    assert message.startswith(file_name), message
    assert "\n" not in message
    assert "Traceback" not in message
    assert message.count(": ") >= 1


BASIC = lines(
    "Employee ID,Name,Job Title,Manager ID",
    "E1,Ada Quist,Founder & CEO,",
    "E2,Bo Lindqvist,Chief Marketing Officer,E1",
    "E3,Cy Moravec,Marketing Manager,E2",
)


# --------------------------------------------------------------------------- basics


def test_basic_import_reads_roles_managers_and_columns(tmp_path: Path) -> None:
    report = load(tmp_path, BASIC, name="acme-export.csv", stage=Stage.STARTUP)
    chart = report.chart
    assert [r.id for r in chart] == ["E1", "E2", "E3"]
    assert chart.name == "acme-export"
    assert chart.stage is Stage.STARTUP
    assert [r.manager for r in chart] == [None, "E1", "E2"]
    assert [r.person for r in chart] == ["Ada Quist", "Bo Lindqvist", "Cy Moravec"]
    assert [r.kind for r in chart] == ["ceo", "cmo", "marketing-manager"]
    assert dict(report.columns) == {
        "id": "Employee ID",
        "name": "Name",
        "title": "Job Title",
        "manager": "Manager ID",
    }
    assert dict(report.unclassified_titles) == {}
    assert report.notes == ()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    text = BASIC.replace(",", delimiter)
    report = load(tmp_path, text)
    assert [(r.id, r.person, r.title, r.manager) for r in report.chart] == [
        ("E1", "Ada Quist", "Founder & CEO", None),
        ("E2", "Bo Lindqvist", "Chief Marketing Officer", "E1"),
        ("E3", "Cy Moravec", "Marketing Manager", "E2"),
    ]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ","),
        ("utf-8-sig", ";"),
        ("utf-16", "\t"),  # LE with BOM, as Excel's "Unicode text" export
        ("utf-16", ","),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, delimiter: str) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Zoë Ångström,Founder & CEO,",
        "E2,Renée Dvořák,Head of Marketing,E1",
        newline="\r\n",
    ).replace(",", delimiter)
    path = write_bytes(tmp_path, text.encode(encoding))
    report = import_csv(path)
    # The BOM must not end up in the first header.
    assert report.columns["id"] == "Employee ID"
    assert [(r.id, r.person, r.kind, r.manager) for r in report.chart] == [
        ("E1", "Zoë Ångström", "ceo", None),
        ("E2", "Renée Dvořák", "marketing-director", "E1"),
    ]


def test_utf16_big_endian_with_bom(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, b"\xfe\xff" + BASIC.encode("utf-16-be"))
    report = import_csv(path)
    assert [r.id for r in report.chart] == ["E1", "E2", "E3"]
    assert report.chart.role("E3").manager == "E2"


def test_quoted_field_with_delimiter_and_newline(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID,Department",
        "E1,Ada Quist,Founder & CEO,,Executive",
        'E2,"Okafor, Temi","Vice President, Marketing",E1,"Brand, Content',
        'and Social"',
        "E3,Lin Baptiste,SEO Lead,E2,Marketing",
    )
    report = load(tmp_path, text)
    chart = report.chart
    assert [r.id for r in chart] == ["E1", "E2", "E3"]
    e2 = chart.role("E2")
    assert e2.person == "Okafor, Temi"
    assert e2.title == "Vice President, Marketing"
    assert e2.kind == "vp-marketing"
    assert e2.department.split() == ["Brand,", "Content", "and", "Social"]
    assert chart.role("E3").manager == "E2"
    assert chart.role("E3").department == "Marketing"


def test_line_numbers_after_multiline_quoted_field(tmp_path: Path) -> None:
    text = lines(
        "Employee ID;Name;Job Title;Manager ID;Department",  # 1
        "E1;Ada Quist;Founder & CEO;;Executive",  # 2
        'E2;Temi Okafor;Chief Marketing Officer;E1;"Brand; Content',  # 3
        'and Social"',  # 4
        "E3;Lin Baptiste;SEO Lead;E2;Marketing",  # 5
        "E3;Mo Ferreira;SEO Lead;E2;Marketing",  # 6
    )
    report = load(tmp_path, text)
    assert report.set_aside == (
        "line 6: the id 'E3' in column 'Employee ID' is already used on line 5; not imported",
    )


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "header", ["Employee ID", "Employee Number", "Person ID", "Worker ID", "id", "ID"]
)
def test_id_column_aliases(tmp_path: Path, header: str) -> None:
    text = BASIC.replace("Employee ID", header)
    report = load(tmp_path, text)
    assert report.columns["id"] == header
    assert [r.id for r in report.chart] == ["E1", "E2", "E3"]


@pytest.mark.parametrize("header", ["Name", "Full Name", "Display Name", "Employee Name"])
def test_name_column_aliases(tmp_path: Path, header: str) -> None:
    text = BASIC.replace(",Name,", f",{header},")
    report = load(tmp_path, text)
    assert report.columns["name"] == header
    assert [r.person for r in report.chart] == ["Ada Quist", "Bo Lindqvist", "Cy Moravec"]


def test_first_and_last_name_columns(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,First Name,Last Name,Job Title,Manager ID",
        "E1,Ada,Quist,Founder & CEO,",
        "E2,Bo,Lindqvist,Chief Marketing Officer,E1",
        "E3,,,Marketing Manager,E2",
    )
    report = load(tmp_path, text)
    assert [r.person for r in report.chart] == ["Ada Quist", "Bo Lindqvist", None]


@pytest.mark.parametrize(
    "header", ["Title", "Job Title", "Position", "Business Title", "Employee Title"]
)
def test_title_column_aliases(tmp_path: Path, header: str) -> None:
    text = BASIC.replace("Job Title", header)
    report = load(tmp_path, text)
    assert report.columns["title"] == header
    assert [r.kind for r in report.chart] == ["ceo", "cmo", "marketing-manager"]


@pytest.mark.parametrize("header", ["Manager ID", "Supervisor ID", "Reports To", "Boss ID"])
def test_manager_column_aliases(tmp_path: Path, header: str) -> None:
    text = BASIC.replace("Manager ID", header)
    report = load(tmp_path, text)
    assert report.columns["manager"] == header
    assert [r.manager for r in report.chart] == [None, "E1", "E2"]


@pytest.mark.parametrize(
    ("id_header", "manager_header"),
    [
        ("employee_id", "manager_id"),
        ("EMPLOYEE-ID", "MANAGER-ID"),
        ("Employee ID [Workday]", "Manager ID [Workday]"),
        ("  employee id  ", "manager  id"),
        ("EmployeeId", "Reports_To [HRIS]"),
        ("Worker-ID", "supervisor_id"),
    ],
)
def test_header_matching_ignores_case_spaces_underscores_dashes_and_brackets(
    tmp_path: Path, id_header: str, manager_header: str
) -> None:
    text = lines(
        f'"{id_header}",full_name,JOB TITLE,"{manager_header}"',
        "E1,Ada Quist,Founder & CEO,",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1",
    )
    report = load(tmp_path, text)
    assert report.columns["id"] == id_header
    assert report.columns["manager"] == manager_header
    assert report.columns["name"] == "full_name"
    assert report.columns["title"] == "JOB TITLE"
    assert [(r.id, r.person, r.manager) for r in report.chart] == [
        ("E1", "Ada Quist", None),
        ("E2", "Bo Lindqvist", "E1"),
    ]


@pytest.mark.parametrize("header", ["Employment Type", "Worker Type", "Employee Type"])
def test_employment_column_aliases(tmp_path: Path, header: str) -> None:
    text = lines(
        f"Employee ID,Name,Job Title,Manager ID,{header}",
        "E1,Ada Quist,Founder & CEO,,Full-time",
        "E2,Bo Lindqvist,Marketing Manager,E1,Part Time",
    )
    report = load(tmp_path, text)
    assert report.columns["employment"] == header
    assert [r.employment for r in report.chart] == [Employment.FULL_TIME, Employment.PART_TIME]


def test_optional_columns(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID,Department,Years in Marketing,Years Leading,"
        "Engagement Months,Responsibilities,Dotted Line Managers",
        "E1,Ada Quist,Founder & CEO,,Executive,,,,,",
        "E2,Bo Lindqvist,Chief Operating Officer,E1,Operations,,,,,",
        "E3,Cy Moravec,Fractional CMO,E1,Marketing,22,11.5,6,,E2",
        "E4,Di Varga,SEO Lead,E3,Marketing,4,0,,seo; Social media,E1; E2",
    )
    report = load(tmp_path, text)
    chart = report.chart
    assert report.columns["department"] == "Department"
    assert report.columns["years-in-marketing"] == "Years in Marketing"
    assert report.columns["years-leading"] == "Years Leading"
    assert report.columns["engagement-months"] == "Engagement Months"
    assert report.columns["responsibilities"] == "Responsibilities"
    assert report.columns["dotted"] == "Dotted Line Managers"
    e3 = chart.role("E3")
    assert e3.department == "Marketing"
    assert e3.years_in_marketing == 22
    assert e3.years_leading == 11.5
    assert e3.engagement_months == 6
    assert e3.responsibilities is None  # blank: the kind's defaults
    assert e3.dotted_managers == ("E2",)
    assert e3.employment is Employment.FRACTIONAL
    e4 = chart.role("E4")
    assert e4.years_in_marketing == 4
    assert e4.years_leading == 0
    assert e4.engagement_months is None
    assert e4.responsibilities == frozenset({"seo", "social-media"})
    assert e4.dotted_managers == ("E1", "E2")
    assert chart.role("E1").years_in_marketing is None
    assert report.notes == ()


def test_responsibilities_by_id_and_name_and_unknown_ones_noted(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID,Responsibilities",
        "E1,Ada Quist,Founder & CEO,,",
        "E2,Bo Lindqvist,Marketing Manager,E1,Search engine optimisation;events;Juggling",
    )
    report = load(tmp_path, text)
    assert report.chart.role("E2").responsibilities == frozenset({"seo", "events"})
    assert report.chart.role("E1").responsibilities is None
    assert len(report.notes) == 1
    assert "line 3" in report.notes[0]
    assert "Juggling" in report.notes[0]


# --------------------------------------------------------------------------- titles


TITLE_KINDS = [
    ("Vice President, Marketing", "vp-marketing"),
    ("VP of Growth Marketing", "vp-marketing"),
    ("Director of Marketing", "marketing-director"),
    ("Head of Marketing", "marketing-director"),
    ("Fractional CMO (contract)", "cmo"),
    ("Founder & CEO", "ceo"),
    ("Chief Operating Officer", "coo"),
    ("Ops Manager", "operations-manager"),
    ("SEO Lead", "seo-specialist"),
    ("Product Marketing Manager", "product-marketing-manager"),
    ("Chief Marketing Officer", "cmo"),
    ("Marketing Manager", "marketing-manager"),
    ("Executive Assistant to the CEO", "staff"),
    ("Chief Happiness Wrangler", UNCLASSIFIED),
]


@pytest.mark.parametrize(("title", "kind"), TITLE_KINDS)
def test_catalogue_classifies_titles(title: str, kind: str) -> None:
    assert load_catalogue().classify(title) == kind


def test_unclassified_constant_is_the_string_unclassified() -> None:
    assert UNCLASSIFIED == "unclassified"


def test_titles_classified_through_csv_import(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID,Employment Type",
        "C1,Ada Quist,Founder & CEO,,Full-time",
        'C2,Bo Lindqvist,"Vice President, Marketing",C1,Full-time',
        "C3,Cy Moravec,Fractional CMO (contract),C1,",
        "C4,Di Varga,Product Marketing Manager,C2,Full-time",
        "C5,Ed Novak,Ops Manager,C1,Full-time",
        "C6,Fay Dorin,SEO Lead,C4,Part Time",
        "C7,Gus Helm,Chief Operating Officer,C1,Full-time",
    )
    report = load(tmp_path, text)
    kinds = {r.id: r.kind for r in report.chart}
    assert kinds == {
        "C1": "ceo",
        "C2": "vp-marketing",
        "C3": "cmo",
        "C4": "product-marketing-manager",
        "C5": "operations-manager",
        "C6": "seo-specialist",
        "C7": "coo",
    }
    assert report.chart.role("C3").employment is Employment.FRACTIONAL
    assert report.chart.role("C4").employment is Employment.FULL_TIME
    assert dict(report.unclassified_titles) == {}


def test_unclassified_titles_are_counted_and_flagged(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID",
        "U1,Ada Quist,Founder & CEO,",
        "U2,Bo Lindqvist,Executive Assistant to the CEO,U1",
        "U3,Cy Moravec,Chief Marketing Officer,U1",
        "U4,Di Varga,Executive Assistant to the CEO,U1",
        "U5,Ed Novak,Chief Happiness Wrangler,U1",
    )
    report = load(tmp_path, text)
    chart = report.chart
    # An assistant is an individual contributor, whoever they assist.
    assert chart.role("U2").kind == "staff"
    assert chart.role("U4").kind == "staff"
    assert chart.role("U5").kind == UNCLASSIFIED
    assert chart.role("U3").kind == "cmo"
    assert dict(report.unclassified_titles) == {"Chief Happiness Wrangler": 1}
    flagged = {
        role_id for f in validate(chart) if f.rule == "unclassified-title" for role_id in f.roles
    }
    assert flagged == {"U5"}


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "employment"),
    [
        ("Full-time", Employment.FULL_TIME),
        ("Part Time", Employment.PART_TIME),
        ("Contractor", Employment.CONTRACTOR),
        ("Fractional", Employment.FRACTIONAL),
        ("part-time", Employment.PART_TIME),
        ("FULL TIME", Employment.FULL_TIME),
    ],
)
def test_employment_values(tmp_path: Path, value: str, employment: Employment) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID,Employment Type",
        "E1,Ada Quist,Founder & CEO,,Full-time",
        f"E2,Bo Lindqvist,Marketing Manager,E1,{value}",
    )
    report = load(tmp_path, text)
    assert report.chart.role("E2").employment is employment
    assert report.notes == ()


def test_unknown_employment_is_full_time_with_a_note(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID,Employment Type",
        "E1,Ada Quist,Founder & CEO,,Full-time",
        "E2,Bo Lindqvist,Marketing Manager,E1,Full-time",
        "E3,Cy Moravec,SEO Lead,E2,Seasonal",
    )
    report = load(tmp_path, text)
    assert report.chart.role("E3").employment is Employment.FULL_TIME
    assert len(report.notes) == 1
    assert "line 4" in report.notes[0]
    assert "Seasonal" in report.notes[0]
    assert "Employment Type" in report.notes[0]


@pytest.mark.parametrize("name", ["Vacant", "TBH", "", "vacant", "  "])
def test_vacant_names_mean_no_person(tmp_path: Path, name: str) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Ada Quist,Founder & CEO,",
        f"E2,{name},Chief Marketing Officer,E1",
    )
    report = load(tmp_path, text)
    assert report.chart.role("E2").person is None
    assert report.chart.role("E2").vacant
    assert report.chart.role("E1").person == "Ada Quist"


@pytest.mark.parametrize("header", ["Manager Email", "Supervisor Email"])
def test_manager_by_email(tmp_path: Path, header: str) -> None:
    text = lines(
        f"Employee ID,Name,Job Title,Email,{header}",
        # Reports listed before their managers; e-mails differ in case.
        "M3,Cy Moravec,Marketing Manager,cy.moravec@example.test,BO.Lindqvist@Example.TEST",
        "M2,Bo Lindqvist,Chief Marketing Officer,Bo.Lindqvist@example.test,ada.quist@example.test",
        "M1,Ada Quist,Founder & CEO,Ada.Quist@Example.test,",
    )
    report = load(tmp_path, text)
    chart = report.chart
    assert chart.role("M3").manager == "M2"
    assert chart.role("M2").manager == "M1"
    assert chart.role("M1").manager is None
    assert report.columns["manager-email"] == header
    assert report.columns["email"] == "Email"


def test_extra_fields_imported_with_note(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Ada Quist,Founder & CEO,",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1,stray,values",
        "E3,Cy Moravec,Marketing Manager,E2",
    )
    report = load(tmp_path, text)
    chart = report.chart
    assert [r.id for r in chart] == ["E1", "E2", "E3"]
    e2 = chart.role("E2")
    assert (e2.person, e2.kind, e2.manager) == ("Bo Lindqvist", "cmo", "E1")
    assert len(report.notes) == 1
    assert "line 3" in report.notes[0]


def test_non_numbers_left_blank_with_note(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID,Years in Marketing,Years Leading",
        "E1,Ada Quist,Founder & CEO,,,",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1,ten,7",
        "E3,Cy Moravec,Marketing Manager,E2,6,lots",
    )
    report = load(tmp_path, text)
    chart = report.chart
    assert chart.role("E2").years_in_marketing is None
    assert chart.role("E2").years_leading == 7
    assert chart.role("E3").years_in_marketing == 6
    assert chart.role("E3").years_leading is None
    assert len(report.notes) == 2
    ten = next(n for n in report.notes if "'ten'" in n)
    lots = next(n for n in report.notes if "'lots'" in n)
    assert "line 3" in ten
    assert "Years in Marketing" in ten
    assert "line 4" in lots
    assert "Years Leading" in lots


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_blank_lines_skipped_and_line_numbers_physical(tmp_path: Path, newline: str) -> None:
    text = lines(
        "Employee ID;Name;Job Title;Manager ID;Years in Marketing",  # 1
        "",  # 2
        "E1;Ada Quist;Founder & CEO;;20",  # 3
        ";;;;",  # 4
        "",  # 5
        "E2;Bo Lindqvist;Chief Marketing Officer;E1;ten",  # 6
        "",  # 7
        newline=newline,
    )
    report = load(tmp_path, text)
    assert [r.id for r in report.chart] == ["E1", "E2"]
    assert report.chart.role("E1").years_in_marketing == 20
    assert len(report.notes) == 1
    assert "line 6" in report.notes[0]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_blank_lines_and_set_aside_rows_use_physical_lines(tmp_path: Path, newline: str) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID",  # 1
        "E1,Ada Quist,Founder & CEO,",  # 2
        "",  # 3
        "",  # 4
        "E2,Bo Lindqvist,Chief Marketing Officer,E1",  # 5
        "",  # 6
        ",Cy Moravec,Marketing Manager,E2",  # 7
        newline=newline,
    )
    report = import_csv(write_text(tmp_path, text))
    assert [(r.id, r.manager) for r in report.chart] == [("E1", None), ("E2", "E1")]
    assert report.set_aside == (
        "line 7: no id in column 'Employee ID' (an open position?); not imported",
    )


def test_leading_blank_lines_before_header(tmp_path: Path) -> None:
    text = "\n\n" + BASIC
    report = load(tmp_path, text)
    assert [r.id for r in report.chart] == ["E1", "E2", "E3"]


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
def test_leading_whitespace_only_line_before_header(tmp_path: Path, delimiter: str) -> None:
    # A line of spaces is a blank line like any other and must not hide the header.
    text = "   \n" + BASIC.replace(",", delimiter)
    report = load(tmp_path, text)
    assert [(r.id, r.manager) for r in report.chart] == [("E1", None), ("E2", "E1"), ("E3", "E2")]


def test_missing_column_after_leading_blank_lines_names_header_line(tmp_path: Path) -> None:
    text = "\n\n" + lines(
        "Employee ID,Name,Job Title",  # 3: no manager column
        "E1,Ada Quist,Founder & CEO",
    )
    error = read_error(write_text(tmp_path, text))
    assert error.line == 3
    assert "line 3" in str(error)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n  \n", b"\n\n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n"],
    ids=["empty", "whitespace", "newlines", "bom-only", "bom-whitespace"],
)
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    error = read_error(write_bytes(tmp_path, data, name="hr-export.csv"))
    assert_one_sentence(str(error), "hr-export.csv")
    assert "empty" in str(error)


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    b"\x1f\xf3\xffa\x00\x00\x00\x0cIDATx\x9cc`\x18\x05\x00\x00\x10\x00\x01\x00\x00\x00\x00IEND"
)


def _random_bytes_with_nuls() -> bytes:
    rng = random.Random(20240601)
    data = bytearray(rng.randbytes(4096))
    data[0] = 0x42  # not a UTF-16 byte order mark
    data[1] = 0x00
    data[100] = 0x00
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "data"),
    [("logo.png", PNG_BYTES), ("org.csv", PNG_BYTES), ("noise.csv", _random_bytes_with_nuls())],
)
def test_binary_files(tmp_path: Path, name: str, data: bytes) -> None:
    error = read_error(write_bytes(tmp_path, data, name=name))
    assert_one_sentence(str(error), name)
    assert "binary" in str(error)


LATIN_1_ROWS = (
    b"Name,Employee ID,Job Title,Manager ID\n"  # 1
    b"Ada Quist,E1,Founder & CEO,\n"  # 2
    b"\xc9lodie Marchand,E2,Chief Marketing Officer,E1\n"  # 3: Latin-1 E acute
    b"Bo Lindqvist,E3,Marketing Manager,E2\n"
)


def test_a_windows_1252_export_is_read_with_a_note(tmp_path: Path) -> None:
    """What Excel on Windows saves as 'CSV': no BOM, no UTF-8 letter anywhere."""
    report = import_csv(
        write_bytes(tmp_path, LATIN_1_ROWS + "Zoë \u2013 Ñ,E4,SEO Lead,E3\n".encode("cp1252"))
    )
    assert report.chart.role("E2").person == "Élodie Marchand"
    assert report.chart.role("E4").person == "Zoë \u2013 Ñ"
    assert report.notes[0].startswith("the file is not UTF-8, so it was read as Windows-1252")
    # Pairs of Windows-1252 letters that look like the start of a UTF-8 one.
    tricky = (
        "André\u2013Marie,E5,SEO Lead,E3\n"
        "René\u00a0Roy,E6,SEO Lead,E3\n"
        "Chloé\u2019s,E7,SEO Lead,E3\n"
    )
    report = import_csv(write_bytes(tmp_path, LATIN_1_ROWS + tricky.encode("cp1252")))
    assert report.chart.role("E5").person == "André\u2013Marie"
    assert report.chart.role("E7").person == "Chloé\u2019s"
    utf8 = import_csv(write_text(tmp_path, LATIN_1_ROWS.decode("latin-1"), name="utf8.csv"))
    assert not any("Windows-1252" in note for note in utf8.notes)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + LATIN_1_ROWS,  # the BOM says UTF-8
        LATIN_1_ROWS + "Zoë Smith,E4,SEO Lead,E3\n".encode(),  # UTF-8 elsewhere: mixed
    ],
    ids=["bom", "mixed"],
)
def test_invalid_utf8_names_the_right_line(tmp_path: Path, data: bytes) -> None:
    error = read_error(write_bytes(tmp_path, data, name="latin1.csv"))
    assert_one_sentence(str(error), "latin1.csv")
    assert error.line == 3
    assert str(error).startswith("latin1.csv, line 3")
    assert "0xc9" in str(error)
    assert "UTF-8" in str(error)


def test_invalid_utf8_later_in_file(tmp_path: Path) -> None:
    rows = [b"Employee ID,Name,Job Title,Manager ID", b"E1,Ada Quist,Founder & CEO,"]
    rows += [b"E%d,Person %d,Marketing Manager,E1" % (i, i) for i in range(2, 40)]
    rows.insert(25, b"E99,Jos\xe9 Ruiz,SEO Lead,E1")  # physical line 26
    rows.append("E98,Zoë Smith,SEO Lead,E1".encode())  # UTF-8 here: not Windows-1252
    error = read_error(write_bytes(tmp_path, b"\r\n".join(rows) + b"\r\n"))
    assert error.line == 26
    assert "chart.csv, line 26" in str(error)


def test_missing_id_column(tmp_path: Path) -> None:
    # Two people share a name, so the names cannot be the key either.
    text = lines(
        "Name,Job Title,Manager ID,Badge",
        "Ada Quist,Founder & CEO,,B1",
        "Ada Quist,Marketing Manager,Ada Quist,B2",
    )
    error = read_error(write_text(tmp_path, text, name="no-ids.csv"))
    message = str(error)
    assert_one_sentence(message, "no-ids.csv")
    assert error.line == 1
    assert message.startswith("no-ids.csv, line 1")
    assert "no column holds an id" in message
    assert "Employee ID" in message
    assert message.endswith("name the column with --map id='Badge'")


def test_missing_title_column(tmp_path: Path) -> None:
    text = lines("Employee ID,Name,Manager ID", "E1,Ada Quist,")
    error = read_error(write_text(tmp_path, text, name="no-titles.csv"))
    message = str(error)
    assert_one_sentence(message, "no-titles.csv")
    assert message.startswith("no-titles.csv, line 1")
    assert "Job Title" in message


def test_missing_manager_column(tmp_path: Path) -> None:
    text = lines("Employee ID,Name,Job Title", "E1,Ada Quist,Founder & CEO")
    error = read_error(write_text(tmp_path, text, name="flat.csv"))
    message = str(error)
    assert_one_sentence(message, "flat.csv")
    assert message.startswith("flat.csv, line 1")
    assert "Manager ID" in message


def test_manager_email_without_email_column(tmp_path: Path) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager Email",
        "E1,Ada Quist,Founder & CEO,",
        "E2,Bo Lindqvist,Chief Marketing Officer,ada.quist@example.test",
    )
    error = read_error(write_text(tmp_path, text, name="emails.csv"))
    message = str(error)
    assert_one_sentence(message, "emails.csv")
    assert message.startswith("emails.csv, line 1")
    assert "Email" in message
    assert "e-mail" in message


def test_a_repeated_id_sets_the_later_row_aside_naming_both_lines(tmp_path: Path) -> None:
    """One row never blocks a file (#18): the first row keeps the id."""
    text = lines(
        "Employee ID,Name,Job Title,Manager ID",  # 1
        "E1,Ada Quist,Founder & CEO,",  # 2
        "E2,Bo Lindqvist,Chief Marketing Officer,E1",  # 3
        "E3,Cy Moravec,Marketing Manager,E2",  # 4
        "E2,Di Varga,SEO Lead,E3",  # 5
        "E4,Ed Vuong,Content Specialist,E2",  # 6
    )
    report = load(tmp_path, text, name="dupes.csv")
    assert {r.id: (r.person, r.manager) for r in report.chart} == {
        "E1": ("Ada Quist", None),
        "E2": ("Bo Lindqvist", "E1"),
        "E3": ("Cy Moravec", "E2"),
        "E4": ("Ed Vuong", "E2"),
    }
    assert report.set_aside == (
        "line 5: the id 'E2' in column 'Employee ID' is already used on line 3; not imported",
    )
    assert any("set aside 1 row whose id an earlier row already has" in n for n in report.notes)


@pytest.mark.parametrize("empty_id", ["", "   ", '""'])
def test_row_with_empty_id_is_set_aside(tmp_path: Path, empty_id: str) -> None:
    text = lines(
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Ada Quist,Founder & CEO,",
        f"{empty_id},Bo Lindqvist,Chief Marketing Officer,E1",
    )
    report = import_csv(write_text(tmp_path, text, name="gaps.csv"))
    assert [(r.id, r.manager) for r in report.chart] == [("E1", None)]
    assert report.set_aside == (
        "line 3: no id in column 'Employee ID' (an open position?); not imported",
    )


def test_nonexistent_path(tmp_path: Path) -> None:
    error = read_error(tmp_path / "missing-export.csv")
    assert_one_sentence(str(error), "missing-export.csv")


def test_nonexistent_path_given_as_string(tmp_path: Path) -> None:
    with pytest.raises(ChartReadError) as info:
        import_csv(str(tmp_path / "nowhere" / "gone.csv"))
    assert_one_sentence(str(info.value), "gone.csv")


def test_directory(tmp_path: Path) -> None:
    directory = tmp_path / "exports.csv"
    directory.mkdir()
    error = read_error(directory)
    assert_one_sentence(str(error), "exports.csv")


# --------------------------------------------------------------------------- large input


@pytest.mark.parametrize("by", ["id", "email"])
def test_ten_thousand_rows_all_managers_resolve(tmp_path: Path, by: str) -> None:
    count = 10_000
    titles = ["Marketing Manager", "SEO Lead", "Ops Manager", "Director of Marketing"]
    header = "Employee ID,Name,Job Title,Email,Manager ID,Manager Email"
    rows = [header]
    for i in range(count):
        boss = None if i == 0 else (i - 1) // 7
        title = "Founder & CEO" if i == 0 else titles[i % len(titles)]
        manager_id = "" if boss is None or by != "id" else f"W{boss:05d}"
        manager_email = "" if boss is None or by != "email" else f"p{boss}@example.test"
        rows.append(f"W{i:05d},Person {i},{title},p{i}@example.test,{manager_id},{manager_email}")
    report = load(tmp_path, lines(*rows), name="big.csv")
    chart = report.chart
    assert len(chart) == count
    roots = [r for r in chart if r.manager is None]
    assert [r.id for r in roots] == ["W00000"]
    for role in chart:
        if role.manager is not None:
            assert role.manager in chart, role
    assert chart.role("W09999").manager == f"W{(9999 - 1) // 7:05d}"
    assert chart.role("W00007").manager == "W00000"
    assert chart.role("W00008").manager == "W00001"
    assert report.notes == ()
    assert dict(report.unclassified_titles) == {}


def test_a_csv_over_the_size_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    from orgmodel.importing.csv_reader import MAX_FILE_BYTES

    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ChartReadError, match=r"huge\.csv: the file is 64 MB; CSV files larger"):
        import_csv(path)


LOOPED = (
    "Employee ID,Name,Job Title,Manager ID\n"
    "1,Ann Ray,CEO,3\n"
    "2,Bob Li,CMO,1\n"
    "3,Cy Dow,VP Marketing,2\n"
    "4,Dee Oh,Marketing Manager,4\n"
    "5,Eve Fox,SEO Specialist,3\n"
)


def test_the_report_names_the_reporting_loops_the_rows_make(tmp_path: Path) -> None:
    report = load(tmp_path, LOOPED)
    assert report.loops == (
        "lines 2, 4, 3: reporting lines loop (Ann Ray → Cy Dow → Bob Li → Ann Ray)",
        "line 5: Dee Oh is recorded as their own manager",
    )
    assert len(report.chart) == 5  # imported as they are, for validation to report
    assert load(tmp_path, "ID,Name,Title,Manager ID\n1,Ann,CEO,\n2,Bob,CMO,1\n").loops == ()


def test_a_long_loop_is_named_by_its_first_roles(tmp_path: Path) -> None:
    rows = [f"{i},Person {i},Marketing Manager,{i % 50 + 1}" for i in range(1, 51)]
    report = load(tmp_path, "ID,Name,Title,Manager ID\n" + "\n".join(rows) + "\n")
    (note,) = report.loops
    assert note.startswith("lines 2, 3, 4, 5, 6, 7, 8 and 43 more: reporting lines loop (")
    assert note.endswith("Person 7 → … (43 more) → Person 1)")


def test_a_loop_of_unnamed_rows_is_told_apart_by_their_ids(tmp_path: Path) -> None:
    report = load(tmp_path, "ID,Title,Manager ID\n1,Designer,2\n2,Designer,1\n")
    assert report.loops == (
        "lines 2, 3: reporting lines loop (Designer (id 1) → Designer (id 2) → Designer (id 1))",
    )
