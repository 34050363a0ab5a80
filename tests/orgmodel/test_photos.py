"""Role photos: where a photo's file is, and charts made to carry absolute paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.fileformat import load_chart, save_chart
from orgmodel.model import Chart, Role
from orgmodel.photos import imported_photo, is_web_address, photo_file, resolved_photos


def test_a_relative_photo_is_read_from_the_chart_files_folder(tmp_path: Path) -> None:
    assert photo_file("people/ada.png", tmp_path) == tmp_path / "people" / "ada.png"
    assert photo_file("../ada.png", tmp_path / "charts") == tmp_path / "ada.png"
    assert photo_file("/pics/ada.png", tmp_path) == Path("/pics/ada.png")
    assert photo_file("people/ada.png", None) is None  # a new chart has no folder yet
    assert photo_file(None, tmp_path) is None
    assert photo_file("  ", tmp_path) is None


def test_a_web_address_is_never_a_photo_file(tmp_path: Path) -> None:
    for address in ("https://example.com/ada.png", "HTTP://x/y.jpg", "ftp://host/a.png"):
        assert is_web_address(address)
        assert photo_file(address, tmp_path) is None
    assert not is_web_address("/pics/ada.png")
    assert not is_web_address("C:\\pics\\ada.png")


def test_save_as_to_another_folder_keeps_absolute_photos_and_moves_relative_ones(
    tmp_path: Path,
) -> None:
    """An absolute photo (what the inspector and imports store) is found from
    anywhere; a relative one is read from whichever folder holds the chart, so
    it is found again only if the pictures move with it."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    chosen = str(first / "ada.png")
    chart = Chart(
        "c",
        roles=[
            Role("a", "CMO", "cmo", photo=chosen),
            Role("b", "VP", "vp-marketing", manager="a", photo="bo.png"),
        ],
    )
    save_chart(chart, first / "c.orgm")
    save_chart(load_chart(first / "c.orgm"), second / "c.orgm")
    moved = load_chart(second / "c.orgm")
    assert moved == chart  # stored as given
    assert photo_file(moved.role("a").photo, second) == Path(chosen)
    assert photo_file(moved.role("b").photo, second) == second / "bo.png"


def test_resolved_photos_makes_relative_paths_absolute_for_an_export(tmp_path: Path) -> None:
    chart = Chart(
        "c",
        roles=[
            Role("a", "CMO", "cmo", photo="ada.png"),
            Role("b", "VP", "vp-marketing", manager="a", photo="/pics/bo.png"),
            Role("c", "VP", "vp-marketing", manager="a"),
        ],
    )
    resolved = resolved_photos(chart, tmp_path)
    assert resolved.role("a").photo == str(tmp_path / "ada.png")
    assert resolved.role("b") == chart.role("b")
    assert resolved.role("c") == chart.role("c")
    assert resolved_photos(chart, None) is chart
    absolute = resolved_photos(resolved, tmp_path)
    assert absolute is resolved  # nothing left to change: the same chart


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("", None),
        ("  ", None),
        ("https://cdn.example.com/ada.jpg", None),
        ("ada.png", "{folder}/ada.png"),
        ("  photos/ada.png ", "{folder}/photos/ada.png"),
        ("/pics/ada.png", "/pics/ada.png"),
        ("file:///pics/ada%20q.png", "/pics/ada q.png"),
    ],
)
def test_an_imported_photo_cell_is_a_local_absolute_path(
    tmp_path: Path, cell: str, expected: str | None
) -> None:
    want = None if expected is None else expected.format(folder=tmp_path)
    assert imported_photo(cell, tmp_path) == want


def test_a_photo_must_be_text() -> None:
    with pytest.raises(TypeError):
        Role("a", "CMO", "cmo", photo=5)  # type: ignore[arg-type]
