"""Reading a file the user points at, within bounds, with one clear error."""

from __future__ import annotations

import stat
from pathlib import Path

from orgmodel.errors import ChartReadError


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The file's bytes, refusing non-regular files and anything over ``limit`` bytes.

    ``what`` names the kind of file in the refusal ("charts", "CSV files").
    """

    def refuse(size: int) -> None:
        megabytes, allowed = f"{size / 2**20:.0f} MB", f"{limit // 2**20} MB"
        raise ChartReadError(
            path, f"the file is {megabytes}; {what} larger than {allowed} are refused"
        )

    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise ChartReadError(path, "this is a folder, not a chart file")
        if not stat.S_ISREG(status.st_mode):
            # A device or pipe could be endless or block forever.
            raise ChartReadError(path, "not a chart file (it is not a regular file)")
        if status.st_size > limit:
            refuse(status.st_size)
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise ChartReadError(path, error.strerror or str(error)) from None
    if len(data) > limit:  # it grew after stat()
        refuse(len(data))
    return data
