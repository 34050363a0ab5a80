"""A manager written by name is the person whose name is written the same way;
a looser match (middle initials and "Last, First" order aside) only when nobody
has that exact name, and never a guess between people. All names are invented."""

from __future__ import annotations

from pathlib import Path

from orgmodel.importing.pipeline import import_csv

from .csvfiles import managers, write

HEADER = "Worker ID,Worker,Business Title,Manager"


def test_different_middle_initials_are_different_managers(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            HEADER,
            '1,"Smith, John A.",Chief Executive Officer,',
            '2,"Smith, John B.",Chief Marketing Officer,"Smith, John A."',
            '3,"Lee, Ann",Brand Manager,"Smith, John B."',
            '4,"Kim, Bo",Content Manager,"SMITH,  john b."',
            '5,"Park, Cy",SEO Specialist,"Kim, Bo"',
        )
    )
    assert managers(report) == {"1": None, "2": "1", "3": "2", "4": "2", "5": "4"}
    assert report.managers_resolved == {"name": 4}
    assert report.ambiguous_managers == ()


def test_a_loose_match_links_when_nobody_has_the_exact_name(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            HEADER,
            '1,"Quist, Ada B.",Chief Executive Officer,',
            "2,Bo Lind,Chief Marketing Officer,Ada Quist",
            "3,Cy Moss,Brand Manager,bo lind",
        )
    )
    assert managers(report) == {"1": None, "2": "1", "3": "2"}


def test_a_loose_match_two_people_share_stays_ambiguous(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            HEADER,
            '1,"Smith, John A.",Chief Executive Officer,',
            '2,"Smith, John B.",Chief Marketing Officer,"Smith, John A."',
            "3,Ann Lee,Brand Manager,John Smith",
        )
    )
    assert managers(report) == {"1": None, "2": "1", "3": None}
    assert report.ambiguous_managers == ((4, "John Smith"),)


def test_an_exact_name_two_people_share_stays_ambiguous(tmp_path: Path) -> None:
    report = import_csv(
        write(
            tmp_path,
            HEADER,
            '1,"Smith, John A.",Chief Executive Officer,',
            '2,"Smith, John A.",Chief Marketing Officer,',
            '3,"Smith, John",Brand Manager,"Smith, John A."',
        )
    )
    assert managers(report) == {"1": None, "2": None, "3": None}
    assert report.ambiguous_managers == ((4, "Smith, John A."),)
