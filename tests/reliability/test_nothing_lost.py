"""Nothing lost: a killed or failing save leaves the old or the new file, whole.

(Saving twice giving identical bytes is covered by the Hypothesis round trip
in tests/orgmodel/test_fileformat.py.)
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orgmodel import fileformat
from orgmodel.fileformat import load_chart, save_chart
from tests.reliability.corpus import REPO, big_chart

KILL_ROUNDS = 400


def test_sigkill_at_random_moments_leaves_a_whole_version(tmp_path: Path) -> None:
    """Hundreds of saves killed with SIGKILL: the file is always old or new, complete."""
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "tests/reliability/corpus.py"),
            str(tmp_path),
            str(KILL_ROUNDS),
            "3000",
            "6",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    counts = json.loads(result.stdout)
    assert counts["old_found"] + counts["new_found"] == KILL_ROUNDS
    # Saves did complete between kills, so both versions were seen.
    assert counts["old_found"] > 0
    assert counts["new_found"] > 0
    chart = load_chart(tmp_path / "chart.orgm")
    assert chart.name in ("big old", "big new")
    assert len(chart) == 3000
    # A kill between creating the temporary and os.replace() leaves that save's
    # temporary behind (nothing can clean up after SIGKILL); the corpus driver
    # checks each kill leaves at most one, named .chart.orgm.PID-*.tmp. A save
    # removes them once they are provably stale: their writer is gone and they
    # have not changed for a moment (see atomic_write), so they never pile up.
    assert counts["leftover_temporaries"] > 0  # some kills did land mid-save
    leftovers = [p for p in tmp_path.iterdir() if p.name != "chart.orgm"]
    a_while_ago = time.time() - 60
    for leftover in leftovers:
        os.utime(leftover, (a_while_ago, a_while_ago))
    save_chart(big_chart(10, "last"), tmp_path / "chart.orgm")
    assert [p.name for p in tmp_path.iterdir()] == ["chart.orgm"]


def saved(tmp_path: Path) -> tuple[Path, bytes]:
    target = tmp_path / "chart.orgm"
    save_chart(big_chart(50, "old"), target)
    return target, target.read_bytes()


def assert_untouched(target: Path, before: bytes) -> None:
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_keeps_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target, before = saved(folder)
    folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            save_chart(big_chart(50, "new"), target)
    finally:
        folder.chmod(0o755)
    assert_untouched(target, before)


def test_read_only_folder_as_root_still_saves_whole(tmp_path: Path) -> None:
    """Root ignores the mode bits: the save must then simply succeed."""
    if os.geteuid() != 0:
        pytest.skip("only root writes into a read-only folder")
    folder = tmp_path / "ro"
    folder.mkdir()
    target, _ = saved(folder)
    folder.chmod(0o555)
    try:
        save_chart(big_chart(50, "new"), target)
    finally:
        folder.chmod(0o755)
    assert load_chart(target).name == "big new"
    assert [p.name for p in folder.iterdir()] == ["chart.orgm"]


def _fail(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    ("module", "name"),
    [(os, "fsync"), (os, "replace"), (os, "fchmod"), (os, "open")],
)
def test_injected_write_error_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: object, name: str
) -> None:
    target, before = saved(tmp_path)
    monkeypatch.setattr(module, name, _fail)
    with pytest.raises(OSError) as caught:
        save_chart(big_chart(50, "new"), target)
    assert caught.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert_untouched(target, before)


def test_write_that_fills_the_disk_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file's write() itself fails part way, as on a full disk."""
    target, before = saved(tmp_path)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, file: object) -> None:
            self.file = file

        def __getattr__(self, attribute: str) -> object:
            return getattr(self.file, attribute)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.file.write(data[:4096])  # type: ignore[attr-defined]
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k)))
    with pytest.raises(OSError):
        save_chart(big_chart(2000, "new"), target)
    monkeypatch.undo()
    assert_untouched(target, before)


FILE_SIZE_LIMIT_CHILD = """
import resource, signal, sys
from orgmodel.fileformat import save_chart
from tests.reliability.corpus import big_chart
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
chart = big_chart(3000, "new")
resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
try:
    save_chart(chart, sys.argv[1])
except OSError as error:
    print(error.errno)
    sys.exit(0)
sys.exit("the save did not fail")
"""


def test_file_size_limit_as_a_full_disk_keeps_the_old_file(tmp_path: Path) -> None:
    """A real short write, with no root: RLIMIT_FSIZE makes write() fail with EFBIG."""
    target, before = saved(tmp_path)
    assert len(before) < 100_000
    result = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMIT_CHILD, str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout) == errno.EFBIG
    assert_untouched(target, before)


def test_tiny_filesystem_keeps_the_old_file(tmp_path: Path) -> None:
    """A real full disk: a 64 KiB tmpfs, where mounting one is allowed."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        target, before = saved(mount)
        with pytest.raises(OSError) as caught:
            save_chart(big_chart(3000, "new"), target)
        assert caught.value.errno == errno.ENOSPC
        assert_untouched(target, before)
    finally:
        subprocess.run(["umount", str(mount)], timeout=30, check=False)


def test_max_file_bytes_is_above_a_50000_role_chart() -> None:
    """The size refusal must never stop a chart of the size the issue promises."""
    size = len(fileformat.chart_to_json(big_chart(50_000, "x")).encode("utf-8"))
    assert size * 2 < fileformat.MAX_FILE_BYTES
