"""Role photos: local image files only. A web address is never fetched.

A role's ``photo`` is stored as it was given. An absolute path is read as it
is; a relative one from the folder of the chart file holding it, so a folder
with a chart and its pictures can move as a whole. What Orgmodel itself
stores is absolute (the inspector's file dialog gives an absolute path; an
import reads a relative cell from the source file's folder), so a Save As to
another folder keeps every photo it set.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs

from orgmodel.model import Chart, Role

WEB_SCHEMES = frozenset({"http", "https", "ftp", "ftps"})
MAX_PHOTO_BYTES = 40 * 1024 * 1024
"""A larger file is no portrait, and is not read."""
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".svg")
"""The image files a photo is chosen among (what Qt reads without plugins)."""


def is_web_address(text: str) -> bool:
    """Whether ``text`` names a file on the web (http, https, ftp) rather than on disk."""
    return urlsplit(text.strip()).scheme.lower() in WEB_SCHEMES


def photo_file(photo: str | None, folder: Path | None) -> Path | None:
    """The file a role's photo is read from. None without a photo, for a web
    address, or for a relative path with no chart folder to read it from."""
    if photo is None or not photo.strip() or is_web_address(photo):
        return None
    path = Path(photo).expanduser()
    if path.is_absolute():
        return path
    return None if folder is None else Path(os.path.abspath(folder / path))


def photo_signature(path: Path | str) -> tuple[int, int] | None:
    """(modification time, size) of a photo file worth reading; None for a file
    that is missing, larger than MAX_PHOTO_BYTES, or not a regular file (a pipe
    or a device could keep a read waiting for ever)."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return None
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_PHOTO_BYTES:
        return None
    return status.st_mtime_ns, status.st_size


def resolved_photos(chart: Chart, folder: Path | None) -> Chart:
    """The chart with relative photo paths made absolute from ``folder`` (the
    chart file's): what an export, which has no file of its own, draws from."""
    if folder is None:
        return chart
    changed: dict[str, Role] = {}
    for role in chart.roles:
        if role.photo is None:
            continue
        found = photo_file(role.photo, folder)
        if found is not None and str(found) != role.photo:
            changed[role.id] = attrs.evolve(role, photo=str(found))
    if not changed:
        return chart
    return chart.with_roles(changed.get(role.id, role) for role in chart.roles)


def imported_photo(cell: str, source_folder: Path) -> str | None:
    """A photo cell as a role's photo: a local path, absolute as given or read
    from the source file's folder, a ``file:`` URL as its path. None for a
    blank cell or a web address, which is not fetched."""
    text = cell.strip()
    if not text or is_web_address(text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() == "file":
        text = unquote(parts.path)
    found = photo_file(text, source_folder)
    return None if found is None else str(found)
