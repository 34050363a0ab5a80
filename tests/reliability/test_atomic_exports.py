"""Every file Orgmodel writes is written whole or not at all: exports as saves.

A killed or failing export leaves the previous file intact and no temporary;
names of up to 255 bytes work; a read-only file is refused; names are shown
escaped in messages; two programs saving one file never trip each other up.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orgmodel.atomic_write import ReadOnlyFileError, write_atomically
from orgmodel.fileformat import load_chart, save_chart
from tests.reliability.corpus import CSV_HEADER, REPO, big_chart, run_cli
from tests.reliability.kill_runs import (
    FORMATS,
    complete,
    kill_app_save_rounds,
    kill_export_rounds,
    kill_exports_mid_write,
)

SUITE_KILLS = 20
"""Kills per suite run; scripts run hundreds (see kill_runs)."""


def test_killed_exports_leave_the_previous_export_whole(tmp_path: Path) -> None:
    counts = kill_export_rounds(tmp_path, SUITE_KILLS, roles=300, seed=7)
    assert counts["kills"] == SUITE_KILLS
    assert counts["corrupt"] == 0, counts
    assert counts["kept_previous"] + counts["new_complete"] == SUITE_KILLS
    assert counts["kept_previous"] > 0  # kills did land before the export was done
    assert counts["temporaries_left_at_end"] == 0


def test_exports_killed_while_writing_keep_the_previous_file(tmp_path: Path) -> None:
    """Each export is killed as soon as its temporary appears: the moment a write
    in place would have left half a file."""
    counts = kill_exports_mid_write(tmp_path, len(FORMATS), roles=200)
    assert counts["corrupt"] == 0, counts
    assert counts["kept_previous"] + counts["new_complete"] == len(FORMATS), counts
    assert counts["caught_writing"] > 0, counts  # the kills did land mid-write
    # A temporary left by the kill means the rename never ran: the old file is there.
    assert counts["kept_previous"] >= counts["caught_writing"], counts
    assert counts["temporaries_left_at_end"] == 0, counts


def _chart_file(folder: Path, tag: str, roles: int = 40) -> Path:
    path = folder / f"{tag}.orgm"
    save_chart(big_chart(roles, tag), path)
    return path


FULL_DISK_CHILD = """
import resource, signal, sys
from orgmodel.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
sys.exit(main(["export", sys.argv[1], "-o", sys.argv[2]]))
"""


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_export_that_does_not_fit_keeps_the_old_file(tmp_path: Path, suffix: str) -> None:
    """A real short write: RLIMIT_FSIZE makes write() fail as a full disk would."""
    small, large = _chart_file(tmp_path, "small", 3), _chart_file(tmp_path, "large", 400)
    target = tmp_path / f"chart{suffix}"
    assert run_cli("export", small, "-o", target).returncode == 0
    before = target.read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_CHILD, str(large), str(target), str(len(before) + 10)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert f"cannot write {target}" in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["small.orgm", "large.orgm", target.name]
    )


@pytest.mark.parametrize("length", [250, 255])
def test_names_up_to_the_limit_can_be_written(tmp_path: Path, length: int) -> None:
    source = _chart_file(tmp_path, "source")
    for suffix in (".orgm", ".dot", ".svg"):
        target = tmp_path / ("n" * (length - len(suffix)) + suffix)
        assert len(os.fsencode(target.name)) == length
        if suffix == ".orgm":
            save_chart(load_chart(source), target)
            save_chart(load_chart(source), target)  # and replaced
            assert load_chart(target) == load_chart(source)
        else:
            for _twice in range(2):
                result = run_cli("export", source, "-o", target)
                assert result.returncode == 0, result.stderr
            assert complete(target)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_multibyte_name_at_the_limit_gets_a_temporary(tmp_path: Path) -> None:
    target = tmp_path / ("é" * 125 + ".orgm")  # 255 bytes; cut mid-character for the temporary
    assert len(os.fsencode(target.name)) == 255
    save_chart(big_chart(3, "x"), target)
    save_chart(big_chart(3, "y"), target)
    assert load_chart(target).name == "big y"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("suffix", [".orgm", *FORMATS])
def test_a_read_only_file_is_refused_and_kept(tmp_path: Path, suffix: str) -> None:
    source = _chart_file(tmp_path, "source")
    target = tmp_path / f"locked{suffix}"
    target.write_bytes(b"someone's read-only file")
    target.chmod(0o444)
    if suffix == ".orgm":
        with pytest.raises(ReadOnlyFileError):
            save_chart(load_chart(source), target)
        result = run_cli("import", _csv(tmp_path), "-o", target)
    else:
        result = run_cli("export", source, "-o", target)
    assert result.returncode == 2
    assert (
        result.stderr
        == f"orgmodel: {target} is read-only; choose another name or make it writable\n"
    )
    assert target.read_bytes() == b"someone's read-only file"
    assert oct(target.stat().st_mode & 0o777) == oct(0o444)


def _csv(folder: Path) -> Path:
    path = folder / "people.csv"
    path.write_text(CSV_HEADER + "E0,Ada Park,Chief Executive Officer,,Executive,Full-time\n")
    return path


def test_names_in_messages_are_shown_escaped(tmp_path: Path) -> None:
    source = _chart_file(tmp_path, "source")
    folder = tmp_path / "two\nlines\x1b[31m"
    target = folder / "out\x1b]0;pwned\x07.pdf"
    result = run_cli("export", source, "-o", target)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "two\\nlines\\x1b[31m" in result.stderr
    folder.mkdir()
    result = run_cli("export", source, "-o", target.with_suffix(".dot"))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert result.stdout.startswith("Wrote ") and len(result.stdout.splitlines()) == 1


def test_an_unwritable_folder_is_named_once_with_the_reason(tmp_path: Path) -> None:
    """sysfs refuses new files even to root: a folder nobody can write to."""
    source = _chart_file(tmp_path, "source")
    for suffix in (".pdf", ".png", ".svg", ".dot"):
        target = Path("/sys") / f"orgmodel-test{suffix}"
        result = run_cli("export", source, "-o", target)
        assert result.returncode == 2
        assert result.stderr.startswith(f"orgmodel: cannot write {target}: Permission denied")
        assert "QPainter" not in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr


def _save_repeatedly(
    target: str, tag: str, times: int, failures: multiprocessing.Queue[str]
) -> None:
    chart = big_chart(200, tag)
    for _ in range(times):
        try:
            save_chart(chart, target)
        except OSError as error:
            failures.put(f"{tag}: {error}")


def test_two_programs_saving_one_file_200_times_never_fail(tmp_path: Path) -> None:
    target = tmp_path / "shared.orgm"
    save_chart(big_chart(200, "a"), target)
    context = multiprocessing.get_context("fork")
    failures: multiprocessing.Queue[str] = context.Queue()
    writers = [
        context.Process(target=_save_repeatedly, args=(str(target), tag, 200, failures))
        for tag in ("a", "b")
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=300)
        assert writer.exitcode == 0
    reported = []
    while not failures.empty():
        reported.append(failures.get())
    assert reported == []
    assert load_chart(target).name in ("big a", "big b")
    assert [p.name for p in tmp_path.iterdir()] == ["shared.orgm"]


def test_bytes_are_written_whole_with_the_old_permissions(tmp_path: Path) -> None:
    target = tmp_path / "kept-mode.svg"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.orgm"
    link = tmp_path / "link.orgm"
    save_chart(big_chart(3, "old"), real)
    link.symlink_to(real)
    save_chart(big_chart(3, "new"), link)
    assert link.is_symlink()
    assert load_chart(real).name == "big new"


def test_killing_the_app_while_it_saves_loses_nothing_and_offers_nothing_stale(
    tmp_path: Path,
) -> None:
    counts = kill_app_save_rounds(tmp_path, 8, roles=300, seed=3)
    assert counts["kills"] == 8
    assert counts["corrupt"] == 0, counts
    assert counts["stale_offers"] == 0, counts
