"""The confidence summary says who heads the chart and how many reporting lines
the file states, counting the ones left unlinked. All names are invented."""

from __future__ import annotations

from pathlib import Path

from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.report import ImportReport
from orgmodel.importing.summary import confidence_summary

from .csvfiles import managers, write


def said(report: ImportReport) -> dict[str, str]:
    _verdict, lines = confidence_summary(report)
    return {line.label: line.text for line in lines}


def concerns(report: ImportReport) -> set[str]:
    _verdict, lines = confidence_summary(report)
    return {line.label for line in lines if line.concern}


def test_managers_not_in_the_file_are_not_called_a_loop(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            "Employee ID,Name,Title,Manager ID",
            "10,Ann Boss,Chief Marketing Officer,1",
            "11,Bo Brand,Brand Manager,10",
            "12,Cy Content,Content Manager,10",
            "13,Di Digital,Digital Marketing Manager,99",
            "14,Eve Email,Email Marketing Specialist,13",
        )
    )
    assert managers(report) == {"10": "1", "11": "10", "12": "10", "13": "99", "14": "13"}
    assert report.loops == ()
    assert said(report)["Top"] == (
        "2 roles whose manager is not in the file: Ann Boss (Chief Marketing Officer) "
        "and Di Digital (Digital Marketing Manager)"
    )
    assert said(report)["Lines"] == (
        "3 of 5 reporting lines resolved from 'Manager ID' (3 by id); 2 not linked"
    )
    assert {"Top", "Lines"} <= concerns(report)


def test_a_head_is_named_beside_roles_whose_manager_is_missing(tmp_path: Path) -> None:
    rows = ["Worker ID,Worker,Business Title,Manager", "W0,Ada Quist,Chief Executive Officer,"]
    rows += [f"W{i},Bo Lind {i},Marketing Manager,W{i - 1}X" for i in range(1, 5)]
    report = import_csv(write(tmp_path, *rows))
    assert managers(report) == {"W0": None, "W1": "W0X", "W2": "W1X", "W3": "W2X", "W4": "W3X"}
    assert said(report)["Top"] == (
        "Ada Quist (Chief Executive Officer); 4 roles whose manager is not in the file: "
        "Bo Lind 1 (Marketing Manager), Bo Lind 2 (Marketing Manager) and 2 more"
    )
    assert said(report)["Lines"].startswith("0 of 4 reporting lines resolved")


def test_a_shared_manager_name_is_not_a_top_and_counts_among_the_lines(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            "Worker ID,Worker,Business Title,Manager",
            '1,"Smith, John A.",Chief Executive Officer,',
            '2,"Smith, John B.",Chief Marketing Officer,"Smith, John A."',
            "3,Ann Lee,Brand Manager,John Smith",
            "4,Bo Kim,Brand Manager,John Smith",
        )
    )
    assert managers(report) == {"1": None, "2": "1", "3": None, "4": None}
    assert said(report)["Top"] == (
        "Smith, John A. (Chief Executive Officer); 2 roles whose manager's name several "
        "people share: Ann Lee (Brand Manager) and Bo Kim (Brand Manager)"
    )
    assert said(report)["Lines"] == (
        "1 of 3 reporting lines resolved from 'Manager' (1 by name); 2 not linked"
    )


def test_a_loop_is_still_called_a_loop(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            "Employee ID,Name,Title,Manager ID",
            "1,Ann Boss,Chief Marketing Officer,2",
            "2,Bo Brand,Brand Manager,1",
        )
    )
    assert managers(report) == {"1": "2", "2": "1"}
    assert said(report)["Top"] == "nobody (a loop)"
    assert said(report)["Lines"] == "2 of 2 reporting lines resolved from 'Manager ID' (2 by id)"


def test_the_plausibility_line_says_only_what_the_import_checked(tmp_path: Path) -> None:
    # A VP under a Director is for validation to judge: the import checks only for
    # chiefs, presidents and directors under individual contributors or assistants.
    report = import_csv(
        write(
            tmp_path,
            "Employee ID,Name,Title,Manager ID",
            "1,Ann Boss,Chief Executive Officer,",
            "2,Bo Dir,Marketing Director,1",
            "3,Cy Vp,VP Marketing,2",
        )
    )
    assert report.implausible == ()
    assert said(report)["Plausible"] == (
        "no chief, president or director reports to an individual contributor or an assistant"
    )
    assert "Plausible" not in concerns(report)
