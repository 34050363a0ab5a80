"""CSV files as people's tools write them: old-Mac line endings, Excel's
sep= line, template rows, and a stray quote. All names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.errors import ChartReadError
from orgmodel.importing.pipeline import import_csv

from .csvfiles import managers

HEADER = "Employee ID,Name,Job Title,Manager ID"
ROWS = ["E1,Ada Quist,Chief Executive Officer,", "E2,Bo Lind,Chief Marketing Officer,E1"]
ROWS += ["E3,Cy Moravec,Marketing Manager,E2", "E4,Di Okafor,SEO Specialist,E3"]
EXPECTED = {"E1": None, "E2": "E1", "E3": "E2", "E4": "E3"}


def write_bytes(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "chart.csv"
    path.write_bytes(data)
    return path


def test_cr_only_line_endings_read_like_any_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "\r".join([HEADER, *ROWS]).encode() + b"\r")
    assert managers(import_csv(path)) == EXPECTED


def test_a_cr_only_header_over_lf_rows(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, (HEADER + "\r" + "\n".join(ROWS) + "\n").encode())
    report = import_csv(path)
    assert managers(report) == EXPECTED
    assert report.notes == ()


def test_cr_only_lines_are_counted_in_messages(tmp_path: Path) -> None:
    text = "\r".join([HEADER, *ROWS[:2], ",Vacant,Marketing Manager,E2", *ROWS[2:3]]) + "\r"
    report = import_csv(write_bytes(tmp_path, text.encode()))
    assert report.set_aside[0].startswith("line 4: no id")


@pytest.mark.parametrize("hint", ["sep=;", "SEP=;", '"sep=;"'])
def test_excels_sep_line_names_the_delimiter(tmp_path: Path, hint: str) -> None:
    rows = [row.replace(",", ";") for row in [HEADER, *ROWS]]
    report = import_csv(write_bytes(tmp_path, "\n".join([hint, *rows]).encode()))
    assert managers(report) == EXPECTED
    assert report.columns["id"] == "Employee ID"


def test_sep_line_wins_over_a_header_with_commas_in_names(tmp_path: Path) -> None:
    rows = ["sep=;", "Employee ID;Name, as on badge;Job Title;Manager ID"]
    rows += [row.replace(",", ";") for row in ROWS]
    assert managers(import_csv(write_bytes(tmp_path, "\n".join(rows).encode()))) == EXPECTED


@pytest.mark.parametrize(
    "template",
    [
        "ID,first_last,TITLE,MANAGER ID",
        "E000,First Last,TITLE,<manager id>",
        "Employee ID,Name,Job Title,Manager ID",
        "XXX,John Doe,JOB TITLE,",
    ],
)
def test_template_rows_are_set_aside_with_a_note(tmp_path: Path, template: str) -> None:
    text = "\n".join([HEADER, template, *ROWS]) + "\n"
    report = import_csv(write_bytes(tmp_path, text.encode()))
    assert managers(report) == EXPECTED
    assert len(report.set_aside) == 1
    assert report.set_aside[0].startswith("line 2: its values are column names or placeholders")


def test_a_real_row_titled_manager_is_not_a_template(tmp_path: Path) -> None:
    text = "\n".join([HEADER, *ROWS, "E5,Ed Vuong,Manager,E2"]) + "\n"
    report = import_csv(write_bytes(tmp_path, text.encode()))
    assert managers(report)["E5"] == "E2"
    assert report.set_aside == ()


def test_a_stray_quote_is_refused_where_it_opens(tmp_path: Path) -> None:
    rows = [HEADER, ROWS[0], 'E2,"Bo Lind,Chief Marketing Officer,E1']
    rows += [f"E{i},Person {i} Quist,SEO Specialist,E2" for i in range(3, 2000)]
    path = write_bytes(tmp_path, ("\n".join(rows) + "\n").encode())
    with pytest.raises(ChartReadError) as info:
        import_csv(path)
    assert info.value.line == 3
    assert str(info.value).startswith(
        'chart.csv, line 3: a quote (") opens a field here and is not closed for 1,997 lines'
    )


def test_a_quoted_field_over_two_lines_is_still_fine(tmp_path: Path) -> None:
    rows = [HEADER + ",Notes", *(row + "," for row in ROWS[:3])]
    rows.append('E4,Di Okafor,SEO Specialist,E3,"Started in May,\nmoved teams in June, 2024"')
    report = import_csv(write_bytes(tmp_path, ("\n".join(rows) + "\n").encode()))
    assert managers(report) == EXPECTED


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_title_above_the_header_is_skipped_with_a_note(tmp_path: Path, delimiter: str) -> None:
    rows = ["Harbourline Ltd - staff list", "Exported 2024-05-01", "", HEADER, *ROWS]
    text = "\n".join(row.replace(",", delimiter) for row in rows) + "\n"
    report = import_csv(write_bytes(tmp_path, text.encode()))
    assert managers(report) == EXPECTED
    assert report.notes == (
        "the column names are on line 4; the 2 records above them (a title) were not read",
    )


def test_one_record_above_the_header_takes_a_singular_verb(tmp_path: Path) -> None:
    rows = ["Harbourline Ltd - staff list", HEADER, *ROWS]
    report = import_csv(write_bytes(tmp_path, ("\n".join(rows) + "\n").encode()))
    assert managers(report) == EXPECTED
    assert report.notes == (
        "the column names are on line 2; the 1 record above them (a title) was not read",
    )
