"""Write the binary spreadsheet fixtures that the tests cannot write themselves.

The .xlsx and .ods files the tests need are written by the tests (xlsxwriter,
or a zip of XML). Two kinds need tools Orgmodel does not depend on, so they
are committed, and this script is how they were made:

- ``staff.xls``: the old Excel 97-2003 format (needs ``xlwt``);
- ``protected.xlsx``: a workbook encrypted with a password (needs
  ``xlsxwriter`` and ``msoffcrypto-tool``).

``allocation-abort.xls`` is not made here: it is ``staff.xls`` with a few
bytes changed at random (found by mutating it), kept because opening it made
the spreadsheet library abort the process it ran in.

Run it in a throw-away environment: ``pip install xlwt xlsxwriter
msoffcrypto-tool`` then ``python tests/data/containers/make_binary_fixtures.py``.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

HERE = Path(__file__).parent
HEADER = ["Employee ID", "Name", "Job Title", "Manager ID", "Start Date"]
ROWS = [
    (2001, "Odile Brandt", "Chief Executive Officer", None, datetime.date(2015, 4, 1)),
    (2002, "Kwame Asante", "Chief Marketing Officer", 2001, datetime.date(2019, 9, 16)),
    (2003, "Mirela Popescu", "Content Marketing Manager", 2002, datetime.date(2021, 1, 11)),
    (2004, "Jonas Lindqvist", "Chief Operating Officer", 2001, datetime.date(2018, 6, 4)),
]


def write_xls(path: Path) -> None:
    import xlwt  # type: ignore[import-not-found]

    book = xlwt.Workbook()
    lists = book.add_sheet("Lists")
    lists.write(0, 0, "Departments")
    staff = book.add_sheet("Staff")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for column, text in enumerate(HEADER):
        staff.write(0, column, text)
    for row, values in enumerate(ROWS, start=1):
        for column, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, datetime.date):
                staff.write(row, column, value, dates)
            else:
                staff.write(row, column, value)
    lists.visibility = 1  # hidden: the first visible sheet is Staff
    staff.set_selected(True)
    book.active_sheet = 1
    book.save(str(path))


def write_protected(path: Path) -> None:
    import xlsxwriter  # type: ignore[import-not-found]
    from msoffcrypto.format.ooxml import OOXMLFile  # type: ignore[import-not-found]

    plain = io.BytesIO()
    book = xlsxwriter.Workbook(plain, {"in_memory": True})
    sheet = book.add_worksheet("Staff")
    sheet.write_row(0, 0, HEADER[:4])
    for row, values in enumerate(ROWS, start=1):
        sheet.write_row(row, 0, [v for v in values[:4] if v is not None])
    book.close()
    plain.seek(0)
    office = OOXMLFile(plain)
    with path.open("wb") as out:
        office.encrypt("invented-password", out)


if __name__ == "__main__":
    write_xls(HERE / "staff.xls")
    write_protected(HERE / "protected.xlsx")
