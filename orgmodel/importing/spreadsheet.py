"""Read a spreadsheet (.xlsx, .xls, .ods) into a :class:`Table` of text cells.

Cells are read as the values a spreadsheet shows, never formulas, and turned
into the text the same sheet saved as CSV would give: whole numbers without
a decimal point, dates in ISO form. Rows keep the numbers the spreadsheet
shows them by, so a message about "row 7" points at row 7 on screen.

The spreadsheet library runs in a child process
(:mod:`orgmodel.importing.workbook_reader` says why); this module checks what
it can without it, hands it the bytes and turns its answer into a table or
one clear error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orgmodel
from orgmodel.bounded_read import read_bounded
from orgmodel.errors import ChartReadError
from orgmodel.importing.progress import ImportCancelled
from orgmodel.importing.table import Table
from orgmodel.importing.workbook_reader import PROTECTED

MAX_FILE_BYTES = 32 * 1024 * 1024
"""A compressed workbook of this size holds far more rows than a chart has."""
TIMEOUT_SECONDS = 300
"""Reading the largest sheet accepted takes well under this."""
ASK_EVERY_SECONDS = 0.1
"""How often a reader's caller is asked whether it still wants the answer."""
StillWanted = Callable[[], bool]

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a legacy .xls begins, and an encrypted (password-protected) .xlsx too."""
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
"""The stream an encrypted Office Open XML workbook keeps its sheets in."""


def _workbook_bytes(path: Path) -> bytes:
    """The file's bytes, refused here when they cannot be a workbook to read."""
    data = read_bounded(path, MAX_FILE_BYTES, "spreadsheets")
    if not data.strip():
        raise ChartReadError(path, "the file is empty")
    if not data.startswith((b"PK\x03\x04", _OLE_SIGNATURE)):
        looks = "text" if b"\x00" not in data[:65536] else "something else"
        raise ChartReadError(
            path,
            f"this is {looks}, not a spreadsheet; if it is a CSV export, "
            "give it a .csv name and import that",
        )
    if data.startswith(_OLE_SIGNATURE) and _ENCRYPTED_STREAM in data:
        raise ChartReadError(path, PROTECTED)
    return data


def _reader_command() -> list[str]:
    return [sys.executable, "-m", "orgmodel.importing.workbook_reader"]


def _in_child(
    operation: str, path: Path, sheet: str | None, still_wanted: StillWanted | None = None
) -> dict[str, Any]:
    """Run the reader on the file's bytes in a process of its own; its answer.

    ``still_wanted`` is asked while the reader works; False ends the reader and
    raises :class:`~orgmodel.importing.progress.ImportCancelled`.
    """
    data = _workbook_bytes(path)
    package_root = str(Path(orgmodel.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    try:
        # The bytes reach the reader from a file, not a pipe: communicate() can
        # be asked again after a timeout only with no input, and a workbook
        # larger than a pipe's buffer was then never handed over in full.
        with tempfile.TemporaryFile() as source:
            source.write(data)
            source.seek(0)
            with subprocess.Popen(
                [*_reader_command(), operation, path.name, sheet or ""],
                stdin=source,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            ) as child:
                output = _output(child, path, still_wanted)
    except OSError as error:
        raise ChartReadError(path, f"cannot start the spreadsheet reader ({error})") from None
    try:
        answer = json.loads(output) if child.returncode == 0 else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise ChartReadError(
            path,
            "the file cannot be read as a spreadsheet (it is damaged, or needs more "
            "memory than a chart's rows can)",
        )
    if "problem" in answer:
        raise ChartReadError(path, str(answer["problem"]))
    return answer


def _output(child: subprocess.Popen[bytes], path: Path, still_wanted: StillWanted | None) -> bytes:
    """What ``child`` wrote; it is ended if no longer wanted or too slow."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while True:
        try:
            output, _errors = child.communicate(timeout=ASK_EVERY_SECONDS)
            return output
        except subprocess.TimeoutExpired:
            pass
        if still_wanted is not None and not still_wanted():
            child.kill()
            child.communicate()
            raise ImportCancelled("the import was cancelled; nothing was read")
        if time.monotonic() > deadline:
            child.kill()
            child.communicate()
            raise ChartReadError(
                path, f"reading the workbook took over {TIMEOUT_SECONDS} seconds; gave up"
            )


def sheet_names(path: Path | str) -> list[str]:
    """The sheets a user can choose among: visible sheets of cells, in workbook order."""
    answer = _in_child("sheets", Path(path), None)
    return [str(name) for name in answer["sheets"]]


def read_spreadsheet(
    path: Path | str, sheet: str | None = None, still_wanted: StillWanted | None = None
) -> Table:
    """The rows of ``sheet`` (by default the first visible sheet of cells) as text;
    ``still_wanted`` as :func:`_in_child` asks it."""
    answer = _in_child("read", Path(path), sheet, still_wanted)
    records = [(int(position), [str(c) for c in cells]) for position, cells in answer["records"]]
    return Table(
        records=records,
        unit="row",
        container=str(answer["container"]),
        notes=tuple(str(n) for n in answer["notes"]),
        sheet=str(answer["sheet"]),
        padded=True,
    )
