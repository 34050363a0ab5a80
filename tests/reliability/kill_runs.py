"""Kill ``orgmodel export`` at random moments: the previous export must survive whole.

Each round runs ``orgmodel export`` in a child process over an existing
export of another chart, SIGKILLs it after a random delay (from before Qt is
loaded to after the file is written), and checks the file: either exactly the
previous export, or a complete new one; and no temporary left beside it once
the next export has run. The suite runs a few rounds (test_atomic_exports);
run many from the shell:

    .venv/bin/python -m tests.reliability.kill_runs export /tmp/kills 300
    .venv/bin/python -m tests.reliability.kill_runs app-save /tmp/app-kills 300
    .venv/bin/python -m tests.reliability.kill_runs export-mid-write /tmp/kills 100
    (optional after the count: a seed, and the chart's size in roles)

The second kills the app while it edits, autosaves and saves in a loop: the
file must always load, and no autosave older than the saved file be offered.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from orgmodel.fileformat import save_chart
from tests.reliability.corpus import REPO, big_chart

FORMATS = (".pdf", ".png", ".svg", ".dot")
TRAILERS = {".pdf": b"%%EOF", ".png": b"IEND\xaeB`\x82", ".svg": b"</svg>", ".dot": b"}"}


def complete(path: Path) -> bool:
    """Whether ``path`` holds a whole export: it ends as its format must."""
    data = path.read_bytes()
    return len(data) > 16 and data.rstrip().endswith(TRAILERS[path.suffix])


def _export(source: Path, target: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "orgmodel.cli", "export", str(source), "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
    )


def _progress(round_: int, rounds: int, counts: dict[str, int]) -> None:
    if (round_ + 1) % 25 == 0:
        print(f"{round_ + 1}/{rounds}: {counts}", file=sys.stderr, flush=True)


def _finish(process: subprocess.Popen[bytes]) -> None:
    _out, errors = process.communicate(timeout=120)
    if process.returncode != 0:
        raise AssertionError(f"export failed: {errors.decode(errors='replace')[-2000:]}")


def kill_export_rounds(folder: Path, rounds: int, roles: int, seed: int) -> dict[str, object]:
    folder.mkdir(parents=True, exist_ok=True)
    charts = [folder / "old.orgm", folder / "new.orgm"]
    save_chart(big_chart(roles, "old"), charts[0])
    save_chart(big_chart(roles, "new"), charts[1])
    out = folder / "out"
    out.mkdir(exist_ok=True)
    # How long a whole export takes, per format: kills land across all of it.
    durations = {}
    for suffix in FORMATS:
        started = time.monotonic()
        process = _export(charts[0], out / f"chart{suffix}")
        _finish(process)
        durations[suffix] = time.monotonic() - started
    rng = random.Random(seed)
    counts = {"kills": 0, "kept_previous": 0, "new_complete": 0, "corrupt": 0, "leftovers": 0}
    seen: set[str] = set()
    for round_ in range(rounds):
        suffix = FORMATS[round_ % len(FORMATS)]
        target = out / f"chart{suffix}"
        before = target.read_bytes()
        process = _export(charts[(round_ // len(FORMATS)) % 2 ^ 1], target)
        time.sleep(rng.uniform(0.2, 1.15) * durations[suffix])
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        counts["kills"] += 1
        after = target.read_bytes()
        if after == before:
            counts["kept_previous"] += 1
        elif complete(target):
            counts["new_complete"] += 1
        else:
            counts["corrupt"] += 1
        temporaries = {p.name for p in out.iterdir() if p.name.endswith(".tmp")}
        counts["leftovers"] += len(temporaries - seen)
        seen |= temporaries
        _progress(round_, rounds, counts)
        # Leftovers of killed writers go at the next write once provably stale.
        for name in temporaries:
            a_while_ago = time.time() - 60
            os.utime(out / name, (a_while_ago, a_while_ago))
    for suffix in FORMATS:
        _finish(_export(charts[0], out / f"chart{suffix}"))
    remaining = sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))
    return {
        **counts,
        "temporaries_left_at_end": len(remaining),
        "seconds_per_export": {k: round(v, 2) for k, v in durations.items()},
    }


def kill_exports_mid_write(folder: Path, rounds: int, roles: int) -> dict[str, int]:
    """Kill each export the moment its temporary file appears, while it is written.

    Random kills seldom land in the few milliseconds of the write itself; these
    do. The target must still be the previous export, the killed writer's
    temporary is left, and the next export, once it is provably stale, removes it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "mid.orgm"
    save_chart(big_chart(roles, "mid"), source)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    counts = {
        "kills": 0,
        "caught_writing": 0,
        "kept_previous": 0,
        "new_complete": 0,
        "corrupt": 0,
        "leftovers": 0,
    }
    for round_ in range(rounds):
        target = out / f"chart{FORMATS[round_ % len(FORMATS)]}"
        target.write_bytes(b"the previous export")
        process = _export(source, target)
        while process.poll() is None and not any(out.glob("*.tmp")):
            time.sleep(0.0005)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        counts["kills"] += 1
        leftovers = list(out.glob("*.tmp"))
        counts["caught_writing"] += bool(leftovers)
        counts["leftovers"] += len(leftovers)
        if target.read_bytes() == b"the previous export":
            counts["kept_previous"] += 1
        elif complete(target):
            counts["new_complete"] += 1  # the rename won the race with the kill
        else:
            counts["corrupt"] += 1
        for leftover in leftovers:
            a_while_ago = time.time() - 60
            os.utime(leftover, (a_while_ago, a_while_ago))
        _progress(round_, rounds, counts)
    for suffix in FORMATS:
        _finish(_export(source, out / f"chart{suffix}"))
    counts["temporaries_left_at_end"] = len(list(out.glob("*.tmp")))
    return counts


SAVING_SESSION = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from ui.main_window import MainWindow

app = QApplication([])
folder = Path(sys.argv[1])
window = MainWindow(
    settings=QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat),
    autosave_folder=folder / "autosave",
)
window.open_path(sys.argv[2])
print("ready", flush=True)
while True:  # edit, autosave, save: killed somewhere in here
    window.edits.add_role_of_kind("cmo", "r0")
    window.files.write_autosave()
    window.autosave.wait()
    window.edits.add_role_of_kind("cmo", "r0")
    window.save()
"""


def kill_app_save_rounds(folder: Path, rounds: int, roles: int, seed: int) -> dict[str, object]:
    """Kill the app at random while it edits, autosaves and saves in a loop.

    After each kill the chart file must load whole, and the autosave folder
    must offer only work newer than the saved file (never a stale autosave).
    """
    from orgmodel.fileformat import load_chart
    from ui.autosave import Autosave

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "chart.orgm"
    save_chart(big_chart(roles, "app"), target)
    rng = random.Random(seed)
    counts = {
        "kills": 0,
        "corrupt": 0,
        "stale_offers": 0,
        "newer_offers": 0,
        "saves_seen": 0,
        "kept_previous": 0,
        "leftovers": 0,
    }
    seen: set[Path] = set()
    environment = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    for _round in range(rounds):
        before = len(load_chart(target))
        session = subprocess.Popen(
            [sys.executable, "-c", SAVING_SESSION, str(folder), str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
            env=environment,
        )
        assert session.stdout is not None
        assert session.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0, 0.6))
        session.send_signal(signal.SIGKILL)
        session.wait(timeout=60)
        session.stdout.close()
        counts["kills"] += 1
        try:
            saved = len(load_chart(target))
        except Exception:
            counts["corrupt"] += 1
            continue
        counts["saves_seen"] += saved > before
        counts["kept_previous"] += saved == before
        temporaries = {p for p in folder.rglob("*.tmp")}
        counts["leftovers"] += len(temporaries - seen)
        seen |= temporaries
        for recovery in Autosave(folder / "autosave").recoveries():
            if len(recovery.chart) > saved:
                counts["newer_offers"] += 1
            else:
                counts["stale_offers"] += 1
            recovery.discard()
        _progress(_round, rounds, counts)
    return counts


if __name__ == "__main__":
    what, where, how_many = sys.argv[1:4]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    roles = int(sys.argv[5]) if len(sys.argv) > 5 else None
    if what == "export-mid-write":
        result = kill_exports_mid_write(Path(where), int(how_many), roles or 1200)
    elif what == "export":
        result = kill_export_rounds(Path(where), int(how_many), roles or 1200, seed)
    else:
        result = kill_app_save_rounds(Path(where), int(how_many), roles or 1500, seed)
    print(json.dumps(result))
