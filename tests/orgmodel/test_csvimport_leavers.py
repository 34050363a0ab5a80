"""Leavers are not history: a status that says someone left sets their row
aside, and whoever reported to them moves up to their manager. History is
only when one person's rows repeat. All names are invented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from orgmodel.cli import main
from orgmodel.importing.column_values import account_disabled, ended_by
from orgmodel.importing.pipeline import import_csv

from .csvfiles import managers, write

IMPORTS = Path(__file__).parent.parent / "data" / "imports"


def test_leavers_set_aside_and_their_reports_moved_up() -> None:
    report = import_csv(IMPORTS / "leavers_and_history.csv")
    lines = managers(report)
    left = {"1003", "1006", "1009", "1012", "1015"}
    assert not left & set(lines)
    assert report.leavers == 5
    # Delphine (Operations Director, left) managed Hamish and Benedikt; Benedikt
    # left too, so his analyst goes two steps up, to the VP Operations.
    assert lines["1004"] == "1002"
    assert lines["1007"] == "1002"
    assert lines["1005"] == "1004"
    assert lines["1010"] == "1008"  # Solveig resigned: her SEO specialist to the CMO
    # The re-hired Perpetua: one person on two rows, the current row kept.
    assert report.chart.role("1013").title == "Marketing Manager"
    assert lines["1014"] == "1013"
    assert report.past_rows == 1
    assert lines["1011"] == "1008"  # on leave is not a leaver
    assert [r for r, boss in lines.items() if boss is None] == ["1001"]
    assert report.unresolved_managers == ()
    moved = "\n".join(report.reattached)
    assert "line 5: Hamish Torvaldsen (Operations Manager) reported to Delphine Okwuosa" in moved
    assert "who has left; now reports to Caspian Merriweather (VP Operations) (line 3)" in moved
    assert len(report.reattached) == 3
    assert any(
        s.startswith("line 10: Solveig Amadi (Marketing Manager) has left (Employment Status is")
        for s in report.set_aside
    )
    assert any("'RESIGNED'" in s for s in report.set_aside)
    assert any("set aside 5 leavers" in n for n in report.notes)


def test_a_disabled_directory_account_is_a_leaver(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "EmployeeID,DisplayName,Title,Manager ID,Enabled",
        "A1,Quentin Aalto,Chief Executive Officer,,True",
        "A2,Ottoline Brask,Chief Operating Officer,A1,False",
        "A3,Piers Calloway,Operations Manager,A2,True",
    )
    report = import_csv(path)
    assert managers(report) == {"A1": None, "A3": "A1"}
    assert report.leavers == 1


def test_colleagues_sharing_a_position_id_are_not_one_person(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "EmpID,PositionID,Employee_Name,Position,ManagerID,EmploymentStatus",
        "1,50,Ada Quist,President & CEO,,Active",
        "2,60,Bo Lindqvist,Data Analyst,1,Active",
        "3,60,Cy Moravec,Data Analyst,1,Voluntarily Terminated",
        "4,60,Di Okafor,Data Analyst,1,Active",
        "5,70,Ed Vuong,Production Manager,60,Active",
    )
    report = import_csv(path)
    lines = managers(report)
    assert lines == {"1": None, "2": "1", "4": "1", "5": "60"}
    # ManagerID 60 is a position, not an employee: it stays unresolved.
    assert report.unresolved_managers == ((6, "60"),)
    assert report.past_rows == 0
    assert report.leavers == 1


def test_a_dotted_line_to_a_leaver_is_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,Dotted Line Manager,Status",
        "E1,Ada Quist,Chief Executive Officer,,,Active",
        "E2,Bo Lindqvist,Chief Operating Officer,E1,,Terminated",
        "E3,Cy Moravec,Chief Marketing Officer,E1,,Active",
        "E4,Di Okafor,Marketing Manager,E3,E2,Active",
    )
    report = import_csv(path)
    assert managers(report) == {"E1": None, "E3": "E1", "E4": "E3"}
    assert report.chart.role("E4").dotted_managers == ()


def test_leavers_and_those_moved_up_are_named_first_name_first_as_in_the_chart(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "EmpID,Employee Name,Job Title,Manager ID,Employment Status",
        '1001,"Achterberg, Rosalind",Chief Executive Officer,,Active',
        '1002,"Okwuosa, Delphine",Operations Director,1001,Terminated',
        '1003,"Torvaldsen, Hamish",Operations Manager,1002,Active',
        '1004,"Merriweather, Caspian",Operations Analyst,1003,Active',
    )
    report = import_csv(path)
    assert report.chart.role("1001").person == "Rosalind Achterberg"
    assert any("shown first name first" in note for note in report.notes)
    assert report.reattached == (
        "line 4: Hamish Torvaldsen (Operations Manager) reported to Delphine Okwuosa "
        "(Operations Director) (line 3), who has left; now reports to Rosalind Achterberg "
        "(Chief Executive Officer) (line 2)",
    )
    assert report.set_aside == (
        "line 3: Delphine Okwuosa (Operations Director) has left (Employment Status is "
        "'Terminated')",
    )


@pytest.mark.parametrize("column", ["Active", "Active Status", "Employee Active"])
@pytest.mark.parametrize(("yes", "no"), [("Yes", "No"), ("true", "false"), ("1", "0")])
def test_an_active_column_of_yes_and_no_sets_leavers_aside(
    tmp_path: Path, column: str, yes: str, no: str
) -> None:
    path = write(
        tmp_path,
        f"Worker ID,Worker,Business Title,Manager ID,{column}",
        f"1,Ada Quist,Chief Executive Officer,,{yes}",
        f"2,Bo Lindqvist,Chief Marketing Officer,1,{yes}",
        f"3,Cy Moravec,Content Manager,2,{no}",
        f"4,Di Okafor,SEO Specialist,3,{yes}",
    )
    report = import_csv(path)
    # Cy left: Di moves up to Cy's manager, Bo.
    assert managers(report) == {"1": None, "2": "1", "4": "2"}
    left = f"line 4: Cy Moravec (Content Manager) has left ({column} is {no!r})"
    assert report.set_aside == (left,)


def test_status_can_be_mapped_to_a_column_of_any_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        "Worker ID,Worker,Business Title,Manager ID,Still Here",
        "1,Ada Quist,Chief Executive Officer,,Yes",
        "2,Bo Lindqvist,Chief Marketing Officer,1,No",
        "3,Cy Moravec,Content Manager,2,Yes",
    )
    assert managers(import_csv(path)) == {"1": None, "2": "1", "3": "2"}
    report = import_csv(path, mapping={"status": "Still Here"})
    assert managers(report) == {"1": None, "3": "1"}
    assert report.leavers == 1
    target = tmp_path / "out.orgm"
    code = main(["import", str(path), "-o", str(target), "--map", "status=Still Here"])
    assert code == 0
    out = capsys.readouterr().out
    assert "status <- 'Still Here'" in out
    assert "line 3: Bo Lindqvist (Chief Marketing Officer) has left (Still Here is 'No')" in out


def test_a_german_bereich_column_is_the_department(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Mitarbeiter-ID;Name;Stellenbezeichnung;Führungskraft;Bereich",
        "100;Müller, Jürgen;Geschäftsführer;;GL",
        "101;Schäfer, Anna;Head of Marketing;Müller, Jürgen;Marketing",
    )
    report = import_csv(path)
    assert report.columns["department"] == "Bereich"
    assert managers(report) == {"100": None, "101": "100"}
    assert report.chart.role("101").department == "Marketing"


def test_a_user_account_control_with_the_disabled_bit_is_a_leaver(tmp_path: Path) -> None:
    # No Enabled column: 512 and 66048 are enabled accounts, 514 and 66050
    # (0x2, ACCOUNTDISABLE, set) disabled ones.
    path = write(
        tmp_path,
        "SamAccountName,Name,Title,Manager,EmailAddress,userAccountControl",
        "qaa,Quentin Aalto,Chief Executive Officer,,qaa@corp.example,512",
        'obr,Ottoline Brask,Chief Marketing Officer,"CN=Quentin Aalto,OU=Users,DC=corp,DC=example",'
        "obr@corp.example,66048",
        'pca,Piers Calloway,Marketing Manager,"CN=Ottoline Brask,OU=Users,DC=corp,DC=example",'
        "pca@corp.example,514",
        'rdu,Rhea Dunmore,Marketing Coordinator,"CN=Piers Calloway,OU=Users,DC=corp,DC=example",'
        "rdu@corp.example,512",
        'sel,Saul Ekwueme,Content Writer,"CN=Ottoline Brask,OU=Users,DC=corp,DC=example",'
        "sel@corp.example,66050",
    )
    report = import_csv(path)
    # Piers's account is disabled: Rhea moves up to Piers's manager, Ottoline.
    assert managers(report) == {"qaa": None, "obr": "qaa", "rdu": "obr"}
    assert report.set_aside == (
        "line 4: Piers Calloway (Marketing Manager) has left "
        "(userAccountControl is 514: the account is disabled)",
        "line 6: Saul Ekwueme (Content Writer) has left "
        "(userAccountControl is 66050: the account is disabled)",
    )
    assert report.leavers == 2


@pytest.mark.parametrize(
    ("value", "disabled"),
    [("512", False), ("66048", False), ("514", True), ("66050", True), ("0x202", True)],
)
def test_the_disabled_bit_of_user_account_control(value: str, disabled: bool) -> None:
    assert account_disabled(value) is disabled


def test_a_user_account_control_that_is_not_a_number_decides_nothing() -> None:
    assert account_disabled("") is None
    assert account_disabled("disabled?") is None


@pytest.mark.parametrize(
    "column",
    ["Austrittsdatum", "Austritt", "Date de sortie", "Fecha de baja", "Data de desligamento"],
)
def test_a_leave_date_column_in_german_french_spanish_or_portuguese(
    tmp_path: Path, column: str
) -> None:
    path = write(
        tmp_path,
        f"Mitarbeiter-ID;Name;Stellenbezeichnung;Führungskraft;Eintrittsdatum;{column}",
        "100;Müller, Jürgen;Geschäftsführer;;01.01.2010;",
        "101;Schäfer, Anna;Head of Marketing;Müller, Jürgen;01.03.2015;31.12.2099",
        "102;Weiß, Eva;Marketing Manager;Schäfer, Anna;01.10.2021;31.03.2022",
        "103;Groß, Björn;SEO Specialist;Weiß, Eva;01.06.2018;",
    )
    report = import_csv(path)
    # Eva left on 31 March 2022 (day first): Björn moves up to Anna, whose
    # leave date is still to come. The Eintrittsdatum (hire date) is not read.
    assert managers(report) == {"100": None, "101": "100", "103": "101"}
    assert report.set_aside == (
        f"line 4: Eva Weiß (Marketing Manager) has left ({column} '31.03.2022' has passed)",
    )
    assert report.columns["end-date"] == column
    # A date decided it, not a status: the summary does not say "status".
    assert report.notes[0].startswith("set aside 1 leaver (their rows say they have left);")


def test_leave_dates_day_first_and_month_first() -> None:
    today = date(2026, 12, 5)
    assert ended_by("31.03.2022", today) is True
    assert ended_by("31/03/2022", today) is True
    assert ended_by("2022-03-31", today) is True
    assert ended_by("31.12.2099", today) is False
    assert ended_by("", today) is False
    # 3 April or 4 March: both have passed, so either way the person left.
    assert ended_by("03/04/2022", today) is True
    # 3 January 2027 or 1 March 2027, read on 20 February: not guessed.
    assert ended_by("01/03/2027", date(2027, 2, 20)) is None


LEAVE_DATE_ROWS = (
    "ID,Name,Title,Manager ID,Letzter Tag",
    "1,Ada Quist,Chief Executive Officer,,",
    "2,Bo Lindqvist,Chief Marketing Officer,1,",
    "3,Cy Moravec,Content Manager,2,31.03.2022",
    "4,Di Okafor,SEO Specialist,3,",
)


def test_the_end_date_can_be_mapped_to_a_column_of_any_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, *LEAVE_DATE_ROWS)
    assert managers(import_csv(path)) == {"1": None, "2": "1", "3": "2", "4": "3"}
    report = import_csv(path, mapping={"end-date": "Letzter Tag"})
    assert managers(report) == {"1": None, "2": "1", "4": "2"}
    assert report.set_aside == (
        "line 4: Cy Moravec (Content Manager) has left (Letzter Tag '31.03.2022' has passed)",
    )
    target = tmp_path / "out.orgm"
    code = main(["import", str(path), "-o", str(target), "--map", "end-date=Letzter Tag"])
    assert code == 0
    out = " ".join(capsys.readouterr().out.split())  # lines wrapped to the terminal
    assert "end-date <- 'Letzter Tag'" in out
    assert "Cy Moravec (Content Manager) has left (Letzter Tag '31.03.2022' has passed)" in out


def test_a_status_mapped_to_a_column_of_dates_reads_them_as_leave_dates(tmp_path: Path) -> None:
    path = write(tmp_path, *LEAVE_DATE_ROWS)
    report = import_csv(path, mapping={"status": "Letzter Tag"})
    assert managers(report) == {"1": None, "2": "1", "4": "2"}
    assert report.leavers == 1
    assert report.columns.get("end-date") == "Letzter Tag"
    assert "status" not in report.columns
    assert (
        "'Letzter Tag', given as the status, holds dates (such as '31.03.2022'), not status "
        "words: read as the end date (a date that has passed means the person left)"
    ) in report.notes


def test_a_status_of_dates_beside_an_end_date_column_is_not_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID,Termination Date,Letzter Tag",
        "1,Ada Quist,Chief Executive Officer,,,",
        "2,Bo Lindqvist,Chief Marketing Officer,1,2022-03-31,01.01.2099",
        "3,Cy Moravec,Content Manager,2,,31.03.2022",
    )
    report = import_csv(path, mapping={"status": "Letzter Tag"})
    # The end date says Bo left; the dates given as status decide nothing.
    assert managers(report) == {"1": None, "3": "1"}
    assert report.columns["end-date"] == "Termination Date"
    assert any(
        n.startswith("'Letzter Tag', given as the status, holds dates")
        and n.endswith("not read, the end date is read from 'Termination Date'")
        for n in report.notes
    )
