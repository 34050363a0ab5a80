"""Names written "Last, First" and columns written in capitals are shown as a
reader expects, and only when the whole column is written so."""

from __future__ import annotations

from pathlib import Path

from orgmodel.importing.name_forms import PersonForm, title_case
from orgmodel.importing.pipeline import import_csv

from .csvfiles import managers, write


def test_last_first_names_are_shown_first_name_first_and_still_link(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager Name",
        '1,"Aziz, Tariq",Chief Executive Officer,',
        '2,"Lindqvist, Bo",Chief Marketing Officer,"Aziz, Tariq"',
        '3,"Okafor, Di",Marketing Manager,Bo Lindqvist',
        '4,"Quist, Ada, Jr.",Brand Manager,"Okafor, Di"',
        '5,"Vuong, Ed",SEO Specialist,"Okafor, Di"',
    )
    report = import_csv(path)
    assert managers(report) == {"1": None, "2": "1", "3": "2", "4": "3", "5": "3"}
    people = {r.id: r.person for r in report.chart}
    assert people == {
        "1": "Tariq Aziz",
        "2": "Bo Lindqvist",
        "3": "Di Okafor",
        "4": "Quist, Ada, Jr.",
        "5": "Ed Vuong",
    }
    assert any("'Last, First'" in note for note in report.notes)


def test_a_name_with_a_suffix_is_not_turned_round(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        '1,"Ada Quist, Jr.",Chief Executive Officer,',
        '2,"Bo Lindqvist, PhD",Chief Marketing Officer,1',
        "3,Di Okafor,Marketing Manager,2",
    )
    people = {r.id: r.person for r in import_csv(path).chart}
    assert people == {"1": "Ada Quist, Jr.", "2": "Bo Lindqvist, PhD", "3": "Di Okafor"}


def test_columns_in_capitals_are_shown_in_title_case(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,Department",
        "1,ODILE MARCHETTI,SECRETARY,,OFFICE OF THE SECRETARY",
        "2,MARISOL O'BRIEN-QUINTERO,CHIEF MARKETING OFFICER (CMO),1,PUBLIC ENGAGEMENT",
        "3,TEODOR BRASK,DEPUTY DIRECTOR OF COMMUNICATIONS AND PR,2,PUBLIC ENGAGEMENT",
        "4,INGRID FALK,IT SPECIALIST II,1,OFFICE OF THE CIO",
    )
    report = import_csv(path)
    chart = report.chart
    assert [r.person for r in chart] == [
        "Odile Marchetti",
        "Marisol O'Brien-Quintero",
        "Teodor Brask",
        "Ingrid Falk",
    ]
    assert [r.title for r in chart] == [
        "Secretary",
        "Chief Marketing Officer (CMO)",
        "Deputy Director of Communications and PR",
        "IT Specialist II",
    ]
    assert chart.role("4").department == "Office of the CIO"
    assert chart.role("2").kind == "cmo"  # classified from the file's own text
    assert any("in capitals" in note for note in report.notes)


def test_a_column_of_mixed_case_keeps_its_acronyms_and_capitals(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID",
        "1,Ada Quist,CEO,",
        "2,BO LINDQVIST,CMO,1",
        "3,Di Okafor,Marketing Manager,2",
        "4,Ed Vuong,SEO Specialist,3",
    )
    chart = import_csv(path).chart
    assert [r.title for r in chart] == ["CEO", "CMO", "Marketing Manager", "SEO Specialist"]
    assert chart.role("2").person == "BO LINDQVIST"  # one name in capitals is the file's choice


def test_title_case_of_words() -> None:
    assert title_case("VP, FP&A AND R&D") == "VP, FP&A and R&D"
    assert title_case("THE OFFICE OF THE US TREASURER") == "The Office of the US Treasurer"
    assert title_case("MARY-KATE D'ARCY", names=True) == "Mary-Kate D'Arcy"


def test_only_values_with_two_letters_count_towards_capitals() -> None:
    # "A1", "1B" and "9 C" have one letter each: they say nothing of how the
    # column is written, so three capital values with two letters are needed.
    assert not PersonForm.of(["A1", "1B", "9 C", "ADA RAY", "BO LI"]).capitals
    assert PersonForm.of(["A1", "1B", "9 C", "ADA RAY", "BO LI", "1 CY O"]).capitals
    assert not PersonForm.of(["ADA RAY", "BO LI", "1 Cy O", "Di Xu"]).capitals
