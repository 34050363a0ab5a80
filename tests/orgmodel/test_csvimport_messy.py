"""Tests of importing messy CSV exports: managers by name, parent-id files,
"no manager" sentinels, other tools' headers, --dry-run and --map.

All names, ids and e-mail addresses below are invented.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from orgmodel.cli import main
from orgmodel.errors import ChartReadError
from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.vocabulary import ColumnMappingError, name_key
from orgmodel.rules import validate

from .csvfiles import managers, write


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, " ".join(out.getvalue().split())


def test_manager_ids_resolving_nowhere_but_names_do_are_linked_by_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,ManagerID,ManagerName",
        "E1,Ada Quist,Founder & CEO,9001,",
        "E2,Bo Lindqvist,Chief Marketing Officer,9002,Ada Quist",
        "E3,Cy Moravec,Marketing Manager,9003,bo  LINDQVIST",
        "E4,Di Okafor,Marketing Manager,9003,Bo Lindqvist",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1", "E3": "E2", "E4": "E2"}
    assert report.manager_column == "ManagerName"
    assert dict(report.managers_resolved) == {"name": 3}
    assert "'ManagerName'" in report.manager_choice
    assert "not 'ManagerID': it matched no value of 'Employee ID'" in report.manager_choice
    assert report.unresolved_managers == ()
    assert not [f for f in validate(report.chart) if f.rule == "unknown-manager"]


def test_last_first_middle_initial_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager",
        "E1,Ada B. Quist,Founder & CEO,",
        'E2,Bo Lindqvist,Chief Marketing Officer,"Quist, Ada B"',
        'E3,Cy Moravec,Marketing Manager,"Lindqvist,  Bo"',
        "E4,Di Okafor,Marketing Manager,ADA QUIST",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1", "E3": "E2", "E4": "E1"}
    assert dict(report.managers_resolved) == {"name": 3}
    assert name_key("Quist, Ada B") == name_key("ada  quist") == "ada quist"


def test_ambiguous_name_is_left_unresolved_and_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager Name",
        "E1,Ada Quist,Founder & CEO,",
        "E2,Sam Ng,Chief Marketing Officer,Ada Quist",
        "E3,Sam Ng,Chief Operating Officer,Ada Quist",
        "E4,Cy Moravec,Marketing Manager,Sam Ng",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1", "E3": "E1", "E4": None}
    assert report.ambiguous_managers == ((5, "Sam Ng"),)
    assert report.unresolved_managers == ()


def test_unresolved_reference_keeps_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        "E1,Ada Quist,Founder & CEO,",
        "E2,Bo Lindqvist,Chief Marketing Officer,E77",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E77"}
    assert report.unresolved_managers == ((3, "E77"),)


@pytest.mark.parametrize("sentinel", ["", "NULL", "null", "None", "N/A", "-", "0", "0000"])
def test_no_manager_sentinels_mark_the_top(tmp_path: Path, sentinel: str) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        f"E1,Ada Quist,Founder & CEO,{sentinel}",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E2": "E1"}
    assert report.unresolved_managers == ()
    assert not [f for f in validate(report.chart) if f.rule == "unknown-manager"]


def test_zero_is_an_id_when_a_row_has_it(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id,parentId,name,positionName",
        "0,,Ada Quist,Founder & CEO",
        "1,0,Bo Lindqvist,Chief Marketing Officer",
    )
    assert managers(import_csv(path)) == {"0": None, "1": "0"}


def test_d3_org_chart_parent_id_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id,parentId,name,positionName",
        "101,,Ada Quist,Founder & CEO",
        "102,101,Bo Lindqvist,Chief Marketing Officer",
        "103,102,Cy Moravec,Marketing Manager",
    )
    report = import_csv(path)
    assert managers(report) == {"101": None, "102": "101", "103": "102"}
    assert report.columns["manager"] == "parentId"
    assert report.columns["title"] == "positionName"
    assert [r.kind for r in report.chart] == ["ceo", "cmo", "marketing-manager"]
    assert dict(report.managers_resolved) == {"id": 2}


def test_orgchart_now_person_and_supervisor_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "PersonID,SupervisorID,Name,Title",
        "P1,NULL,Ada Quist,Founder & CEO",
        "P2,P1,Bo Lindqvist,Chief Marketing Officer",
        "P3,P2,Cy Moravec,Marketing Manager",
    )
    assert managers(import_csv(path)) == {"P1": None, "P2": "P1", "P3": "P2"}


@pytest.mark.parametrize(
    "header", ["parent", "pid", "Parent ID", "ParentEmployeeKey", "ParentRoleId", "Reports_To"]
)
def test_parent_header_aliases(tmp_path: Path, header: str) -> None:
    path = write(
        tmp_path,
        f"ID,{header},Name,Title",
        "A,,Ada Quist,Founder & CEO",
        "B,A,Bo Lindqvist,Chief Marketing Officer",
    )
    assert managers(import_csv(path)) == {"A": None, "B": "A"}


def test_organimi_boss_id_and_dotted_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Boss ID,DottedIds,Name,Title",
        "A,,,Ada Quist,Founder & CEO",
        "B,A,,Bo Lindqvist,Chief Marketing Officer",
        "C,B,A,Cy Moravec,Marketing Manager",
    )
    report = import_csv(path)
    assert managers(report) == {"A": None, "B": "A", "C": "B"}
    assert report.chart.role("C").dotted_managers == ("A",)


def test_manager_email_underscore_header(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,email,manager_email",
        "A,Ada Quist,Founder & CEO,ada@example.test,",
        "B,Bo Lindqvist,Chief Marketing Officer,bo@example.test,ADA@example.test",
    )
    report = import_csv(path)
    assert managers(report) == {"A": None, "B": "A"}
    assert dict(report.managers_resolved) == {"email": 1}


def test_five_thousand_rows_linked_by_name(tmp_path: Path) -> None:
    rows = ["Employee ID,First Name,Last Name,Job Title,Manager ID,Reports To Name"]
    expected: dict[str, str | None] = {}
    for i in range(5000):
        boss = None if i == 0 else (i - 1) // 8
        boss_name = "" if boss is None else f'"Surname{boss}, Given{boss} Q"'
        rows.append(f"X{i},Given{i},Surname{i},Marketing Manager,{i + 90000},{boss_name}")
        expected[f"X{i}"] = None if boss is None else f"X{boss}"
    report = import_csv(write(tmp_path, *rows))
    assert managers(report) == expected
    assert report.manager_column == "Reports To Name"
    assert dict(report.managers_resolved) == {"name": 4999}


def test_dry_run_prints_report_and_writes_nothing(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,ManagerID,ManagerName",
        "E1,Ada Quist,Founder & CEO,9001,",
        "E2,Bo Lindqvist,Chief Marketing Officer,9002,Ada Quist",
        "E3,Cy Moravec,Head of Vibes,9003,Nobody Known",
    )
    before = sorted(tmp_path.iterdir())
    code, text = run("import", str(path), "--dry-run")
    assert code == 0
    assert sorted(tmp_path.iterdir()) == before
    assert "dry run" in text
    assert "name <- 'ManagerName'" in text
    assert "1 reporting line resolved from 'ManagerName' (1 by name)" in text
    assert "line 4: 'Nobody Known' matches no row" in text
    assert "'Head of Vibes'" in text


def test_import_without_output_or_dry_run_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "ID,Name,Title,Manager ID", "A,Ada Quist,Founder & CEO,")
    code, _ = run("import", str(path))
    assert code == 2
    assert "-o" in capsys.readouterr().err


def test_map_overrides_detection(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,Mentor",
        "E1,Ada Quist,Founder & CEO,,",
        "E2,Bo Lindqvist,Chief Marketing Officer,E1,",
        "E3,Cy Moravec,Marketing Manager,E2,E1",
    )
    report = import_csv(path, mapping={"manager": "Mentor"})
    assert managers(report) == {"E1": None, "E2": None, "E3": "E1"}
    assert report.manager_column == "Mentor"
    code, text = run("import", str(path), "--dry-run", "--map", "manager=Mentor")
    assert code == 0
    assert "manager <- 'Mentor'" in text
    target = tmp_path / "out.orgm"
    code, _ = run("import", str(path), "-o", str(target), "--map", "manager=Mentor")
    assert code == 0 and target.exists()


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("boss=Manager ID", "'boss' is not a field"),
        ("manager=Mentor", "has no column 'Mentor'"),
        ("manager", "FIELD=COLUMN"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "import", "export"])
def test_map_errors_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, expected: str, command: str
) -> None:
    path = write(tmp_path, "ID,Name,Title,Manager ID", "A,Ada Quist,Founder & CEO,")
    extra = {"validate": [], "import": ["--dry-run"], "export": ["-o", str(tmp_path / "x.dot")]}
    code, _ = run(command, str(path), *extra[command], "--map", option)
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert expected in err
    assert "\n" not in err


def test_map_error_from_the_library(tmp_path: Path) -> None:
    path = write(tmp_path, "ID,Name,Title,Manager ID", "A,Ada Quist,Founder & CEO,")
    with pytest.raises(ColumnMappingError):
        import_csv(path, mapping={"manager": "Nope"})


def test_managers_given_as_name_slugs(tmp_path: Path) -> None:
    path = tmp_path / "slugs.csv"
    path.write_text(
        "Employee ID,Name,Title,Manager\n"
        "1,Susan Bourgeois,CEO,\n"
        "2,Tom Ng,CMO,susan_bourgeois\n"
        "3,Ann Lee,SEO Lead,tom-ng\n"
        "4,Jo Park-Lee,Content Writer,tom.ng\n",
        encoding="utf-8",
    )
    chart = import_csv(path).chart
    assert [role.manager for role in chart] == [None, "1", "2", "2"]


def test_inspect_is_import_dry_run(tmp_path: Path) -> None:
    import io

    from orgmodel.cli import main

    path = tmp_path / "x.csv"
    path.write_text("ID,Name,Title,Manager\n1,Ana Lima,CEO,\n2,Ben Cho,CMO,Ana Lima\n", "utf-8")
    inspected, dry = io.StringIO(), io.StringIO()
    assert main(["inspect", str(path)], out=inspected) == 0
    assert main(["import", str(path), "--dry-run"], out=dry) == 0
    assert inspected.getvalue() == dry.getvalue()
    assert "1 by name" in inspected.getvalue()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


def test_an_empty_mapping_means_the_field_is_not_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID,Department",
        "1,Ana Lima,CEO,,Exec",
        "2,Ben Cho,CMO,1,Marketing",
    )
    assert import_csv(path).chart.role("2").department == "Marketing"
    report = import_csv(path, mapping={"department": ""})
    assert report.chart.role("2").department == ""
    assert "department" not in report.columns


def test_one_column_cannot_feed_two_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "ID,Name,Title,Manager ID", "1,Ana Lima,CEO,", "2,Ben Cho,CMO,1")
    with pytest.raises(ColumnMappingError, match="cannot both be read from column 'ID'"):
        import_csv(path, mapping={"id": "ID", "manager": "ID"})


def test_a_file_whose_every_row_is_set_aside_says_why(tmp_path: Path) -> None:
    template = write(tmp_path, "id,title,name,manager", "id,title,name,manager", name="t.csv")
    with pytest.raises(ChartReadError, match=r"no row is left to import: line 2: .*template row"):
        import_csv(template)
    past = write(
        tmp_path,
        "id,title,name,manager,end date",
        "1,CEO,Ann,,2001-01-01",
        "2,CMO,Bo,1,2002-02-02",
        name="past.csv",
    )
    left = r"line 2: Ann \(CEO\) has left \(end date .* \(and 1 more\)"
    with pytest.raises(ChartReadError, match=left):
        import_csv(past)


@pytest.mark.parametrize("board", ["Board of Directors", "board", "The Board", "Shareholders"])
def test_a_ceo_answering_to_the_board_heads_the_chart(tmp_path: Path, board: str) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Title,Manager",
        f"1,Ann Lee,Chief Executive Officer,{board}",
        "2,Bo Kim,Chief Marketing Officer,1",
    )
    report = import_csv(path)
    assert managers(report) == {"1": None, "2": "1"}
    assert report.unresolved_managers == ()
    assert any(f"line 2, column 'Manager': {board!r} is not in the file" in n for n in report.notes)
    assert not [f for f in validate(report.chart) if f.rule == "unknown-manager"]


def test_a_row_named_like_the_board_is_still_a_manager(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Title,Manager",
        "Board,Board Secretary,Company Secretary,",
        "1,Ann Lee,Chief Executive Officer,Board",
    )
    assert managers(import_csv(path)) == {"Board": None, "1": "Board"}
