"""A photo column: local image paths become the roles' photos; web addresses
are not fetched, and the report says how many rows gave one. Names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.importing.pipeline import import_csv

from .csvfiles import write


@pytest.mark.parametrize("header", ["Photo", "Photo URL", "Picture", "Avatar", "Image"])
def test_a_photo_column_gives_each_role_its_photo(tmp_path: Path, header: str) -> None:
    (tmp_path / "photos").mkdir()
    for picture in (tmp_path / "ada.png", tmp_path / "photos" / "bo.jpg"):
        picture.write_bytes(b"")  # only their being there matters to an import
    path = write(
        tmp_path,
        f"ID,Name,Title,Manager ID,{header}",
        f"1,Ada Quist,Chief Marketing Officer,,{tmp_path / 'ada.png'}",
        "2,Bo Lindqvist,VP Marketing,1,photos/bo.jpg",
        "3,Cy Moravec,Marketing Manager,2,",
    )
    report = import_csv(path)
    assert report.columns["photo"] == header
    assert report.chart.role("1").photo == str(tmp_path / "ada.png")
    # Relative to the CSV's folder, stored absolute: the chart is saved elsewhere later.
    assert report.chart.role("2").photo == str(tmp_path / "photos" / "bo.jpg")
    assert report.chart.role("3").photo is None
    assert not [note for note in report.notes if "photo" in note]


def test_photo_files_not_on_this_computer_are_kept_and_told_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID,Photo",
        "1,Ada Quist,Chief Marketing Officer,,/nowhere/ada.png",
        "2,Bo Lindqvist,VP Marketing,1,bo.png",
    )
    report = import_csv(path)
    assert report.chart.role("2").photo == str(tmp_path / "bo.png")
    told = [note for note in report.notes if "photo" in note]
    assert told == [
        "2 photo files in column 'Photo' are not on this computer (first: line 2, "
        "'/nowhere/ada.png'); kept, the cards show no photo until the file is there"
    ]


def test_web_addresses_are_not_fetched_and_the_report_counts_them_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID,Photo URL",
        "1,Ada Quist,Chief Marketing Officer,,https://cdn.example.com/ada.jpg",
        "2,Bo Lindqvist,VP Marketing,1,http://intranet/people/bo.png",
        "3,Cy Moravec,Marketing Manager,2,",
    )
    report = import_csv(path)
    assert [r.photo for r in report.chart] == [None, None, None]
    told = [note for note in report.notes if "photo" in note]
    assert told == [
        "2 lines give a web address in column 'Photo URL': not fetched (Orgmodel does not "
        "go online), so their roles have no photo; give the path of an image file on this "
        "computer instead"
    ]


def test_a_photo_column_can_be_mapped_by_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID,Mugshot",
        "1,Ada Quist,Chief Marketing Officer,,ada.png",
    )
    report = import_csv(path, mapping={"photo": "Mugshot"})
    assert report.chart.role("1").photo == str(tmp_path / "ada.png")


def test_one_web_address_is_told_in_the_singular(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID,Avatar",
        "1,Ada Quist,Chief Marketing Officer,,https://cdn.example.com/ada.jpg",
    )
    (note,) = [note for note in import_csv(path).notes if "photo" in note]
    assert note.startswith("1 line gives a web address in column 'Avatar'")
    assert "so its role has no photo" in note
