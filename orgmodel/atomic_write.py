"""Writing a file whole or not at all: every file Orgmodel writes goes through here.

The new content goes to a temporary file beside the target, is flushed to
disk, and then renamed over the target, so a crash, a kill or a full disk
leaves either the old file or the new one, never a mix. The temporary's name
carries the writer's process id: a leftover is removed only once it is
provably stale (its writer is gone and it has not been touched for a moment),
so two programs saving the same file never delete each other's work.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
import time
from pathlib import Path

from attrs import frozen

from orgmodel.errors import printable

MAX_NAME_BYTES = 255
"""The longest file name ext4, XFS, Btrfs and tmpfs allow, in bytes."""
_TAIL_BYTES = 24
"""Room kept for a temporary's tail: ".{pid}-{8 hex}.tmp" with a pid of up to 10 digits."""
STALE_AFTER_SECONDS = 2.0
"""A temporary whose writer is gone is left alone this long after its last change, in
case the writer runs in another process namespace sharing the folder."""
_OWNED_TAIL = re.compile(r"(?P<pid>[0-9]{1,10})-[0-9a-f]{8}\.tmp")
_LEGACY_TAIL = re.compile(r"[a-z0-9_]{8}\.tmp")
"""Temporaries of earlier versions (tempfile.mkstemp), which name no writer."""
LEGACY_STALE_AFTER_SECONDS = 3600.0


class TargetNotWritableError(PermissionError):
    """The target or its folder cannot be written; str() says which and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EACCES, reason, str(path))
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{printable(str(self.path))} {self.reason}"


class ReadOnlyFileError(TargetNotWritableError):
    """The target exists and is read-only: the user may pick another name."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "is read-only; choose another name or make it writable")


def _temporary_prefix(path: Path) -> str:
    """The start of every temporary of ``path``: a dot and the name, cut to leave room
    for the tail so a 255-byte name still gets a temporary."""
    room = MAX_NAME_BYTES - 1 - _TAIL_BYTES
    return "." + os.fsdecode(os.fsencode(path.name)[:room]) + "."


def temporary_path(path: Path, pid: int | None = None) -> Path:
    """A new temporary name beside ``path``, naming the writing process."""
    pid = os.getpid() if pid is None else pid
    return path.with_name(f"{_temporary_prefix(path)}{pid}-{secrets.token_hex(4)}.tmp")


def process_running(pid: object) -> bool:
    """Whether a process of this id runs on this machine (so what it writes is not stale)."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    except OverflowError:
        return False
    return True


def _is_stale(entry: os.DirEntry[str], tail: str, now: float) -> bool:
    try:
        age = now - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    owned = _OWNED_TAIL.fullmatch(tail)
    if owned is not None:
        return age > STALE_AFTER_SECONDS and not process_running(int(owned["pid"]))
    return _LEGACY_TAIL.fullmatch(tail) is not None and age > LEGACY_STALE_AFTER_SECONDS


def remove_stale_temporaries(folder: Path, target: Path | None = None) -> int:
    """Remove temporaries that killed writers left in ``folder`` (only ``target``'s, if
    given); returns how many. A live writer's temporary is never touched."""
    prefix = "." if target is None else _temporary_prefix(target)
    now = time.time()
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        tail = name[len(prefix) :] if target is not None else name.rsplit(".", 2)[-2] + ".tmp"
        if _is_stale(entry, tail, now):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass  # gone already, or not ours to remove: harmless
    return removed


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a newly created file would get."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def resolved_target(path: Path) -> Path:
    """Where writing ``path`` lands: a symbolic link is followed, so it stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_writable(path: Path) -> None:
    """Refuse, before any work, a target that could not or should not be replaced."""
    folder = path.parent
    shown = printable(str(folder))
    if not folder.exists():
        raise TargetNotWritableError(
            path, f"could not be written: the folder {shown} does not exist"
        )
    if not folder.is_dir():
        raise TargetNotWritableError(path, f"could not be written: {shown} is not a folder")
    if path.is_dir():
        raise TargetNotWritableError(path, "is a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TargetNotWritableError(
            path, f"could not be written: the folder {shown} is not writable (permission denied)"
        )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    # Root may write anything; a file with no write bit was still made read-only on purpose.
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise ReadOnlyFileError(path)


def write_atomically(path: Path | str, data: bytes | bytearray | memoryview) -> None:
    """Replace ``path`` with ``data`` whole, or leave it as it was; OSError on failure."""
    path = resolved_target(Path(path))
    check_writable(path)
    mode = _mode_for(path)
    while True:
        temporary = temporary_path(path)
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as file:
            os.fchmod(file.fileno(), mode)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    remove_stale_temporaries(path.parent, path)
    try:
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        # The new file is already in place; failing to sync the folder's
        # entry must not tell the user the write failed.
        pass


@frozen
class FileVersion:
    """One version of a file on disk, to tell later whether someone else replaced it.

    The status (time, size, inode) settles it cheaply when unchanged; when it
    differs, the content's digest decides, so a file merely touched or copied
    over with the same bytes is not called changed.
    """

    modified_ns: int
    size: int
    inode: int
    digest: str

    @classmethod
    def read(cls, path: Path) -> FileVersion | None:
        """The version on disk now; None when there is no such file or it cannot be read."""
        try:
            with path.open("rb") as file:
                status = os.fstat(file.fileno())
                digest = hashlib.sha256(file.read()).hexdigest()
        except OSError:
            return None
        return cls(status.st_mtime_ns, status.st_size, status.st_ino, digest)

    @classmethod
    def written(cls, path: Path, data: bytes | bytearray | memoryview) -> FileVersion | None:
        """The version just written as ``data``, without reading it back."""
        try:
            status = path.stat()
        except OSError:
            return None
        digest = hashlib.sha256(data).hexdigest()
        return cls(status.st_mtime_ns, status.st_size, status.st_ino, digest)

    def same_status(self, path: Path) -> bool:
        """Whether ``path``'s time, size and inode are still this version's (the cheap test)."""
        try:
            status = path.stat()
        except OSError:
            return False
        return (status.st_mtime_ns, status.st_size, status.st_ino) == (
            self.modified_ns,
            self.size,
            self.inode,
        )
