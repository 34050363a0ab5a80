"""`make bench`: time the core operations on generated charts (median of runs).

Results are printed as a table and written to bench/results.json. Targets
live here, not in unit tests: these machines are shared and noisy.

Each chart size is measured in a process of its own (``python -m bench.run
--size N``), and so is the app at each size (``--app N``), so that the peak
memory reported (``ru_maxrss``) belongs to that size alone.

Opt-in, not run by default: ``python -m bench.run --import-rows 1000000`` (or
``make bench IMPORT_ROWS=1000000``) times importing one HR CSV of that many
rows, in a process that does nothing else, and gives its peak memory.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from bench import app, targets
from bench.generate import generate_chart, write_csv, write_xlsx
from bench.reorg import reorg_pair
from orgmodel.cli import main as orgmodel_main
from orgmodel.diff import diff_charts
from orgmodel.fileformat import load_chart, save_chart
from orgmodel.importing.pipeline import import_csv
from orgmodel.layout import CHART_VIEW_OPTIONS
from orgmodel.model import Chart, Role
from orgmodel.open_chart import read_chart
from orgmodel.rules import validate
from orgmodel.tidy_tree import tidy_tree

SIZES = (100, 1_000, 10_000, 50_000)
EXPORT_SIZES = (1_000, 10_000)
"""PDF and PNG export are timed at these sizes only."""
XLSX_SIZES = (1_000, 10_000)
"""Spreadsheet import is timed at these sizes only (writing the workbook takes longer)."""
PEAK = "peak MB"
APP_PEAK = "app peak MB"
MEMORY = (PEAK, APP_PEAK, app.FOLD_PEAK)
TARGETS_AT_10K = {
    "validate": 0.3,
    "import csv": 1.0,
    "import xlsx": 3.0,
    "layout": 2.0,
    "app open to first paint": 3.0,
    "diff": 1.0,
    "export pdf": 5.0,
    PEAK: 600.0,
    APP_PEAK: 600.0,
}
"""Seconds, except the peaks: megabytes of resident memory."""
LONG_TITLE_TARGET = 1.0
"""Seconds for ``orgmodel validate`` of a chart with a 10 MB title (it took 33 s)."""
MUST_RUN_AT_50K = ("open and validate", "layout", "app open to first paint")
"""50,000 roles need no target, but these must finish (and so have a figure)."""


def median_seconds(action: Callable[[], object], runs: int) -> float:
    return statistics.median(timings_seconds(action, runs))


def timings_seconds(action: Callable[[], object], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return timings


def _import_xlsx_seconds(chart: Chart, folder: Path, runs: int) -> float:
    """Median time to import the chart's rows from an Excel report; the spread is
    printed as a note, since a workbook read goes through more than the CSV's text."""
    workbook = folder / f"chart-{len(chart.roles)}.xlsx"
    write_xlsx(chart, workbook, title=True)  # an Excel report: the header is found below
    timings = timings_seconds(partial(read_chart, workbook), runs)
    median, low, high = statistics.median(timings), min(timings), max(timings)
    print(
        f"NOTE: import xlsx of {len(chart.roles):,} rows: median {median:.3f}s, "
        f"spread {low:.3f}s to {high:.3f}s over {runs} runs"
    )
    return median


def peak_megabytes() -> float:
    """The process's peak resident memory so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _open_and_validate(path: Path) -> None:
    validate(load_chart(path))


def _export_seconds(chart: Chart, suffix: str, folder: Path, runs: int) -> float:
    """Median time of ``export_chart`` to a file; nan, with a note, if the export is refused."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.render import ExportError, export_chart, headless_application

    headless_application()
    target = folder / f"export-{len(chart.roles)}{suffix}"
    try:
        return median_seconds(partial(export_chart, chart, target), runs)
    except ExportError as error:
        print(f"NOTE: {suffix[1:].upper()} export of {len(chart.roles)} roles: {error}")
        return math.nan


def measure_size(size: int) -> dict[str, float]:
    """Every non-app figure for one chart size; run in a process of its own."""
    chart = generate_chart(size)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        orgm = folder / f"chart-{size}.orgm"
        hr_csv = folder / f"chart-{size}.csv"
        save_chart(chart, orgm)
        write_csv(chart, hr_csv)
        runs = 5 if size <= 10_000 else 3
        results = {
            "load orgm": median_seconds(partial(load_chart, orgm), runs),
            "import csv": median_seconds(partial(import_csv, hr_csv), runs),
            "validate": median_seconds(partial(validate, chart), runs),
            "layout": median_seconds(partial(tidy_tree, chart, CHART_VIEW_OPTIONS), runs),
            "open and validate": median_seconds(partial(_open_and_validate, orgm), runs),
            "diff": median_seconds(partial(diff_charts, *reorg_pair(chart)), runs),
        }
        if size in XLSX_SIZES:
            results["import xlsx"] = _import_xlsx_seconds(chart, folder, runs)
        if size == targets.COMMAND_ROWS:
            environment = targets.command_environment(folder / "bytecode")
            for figure, command in targets.commands(hr_csv).items():
                run = partial(targets.run_command, command, environment)
                run()  # the first run compiles the modules, as a user's first run does
                results[figure] = median_seconds(run, 3)
        if size in EXPORT_SIZES:
            export_runs = 3
            results["export pdf"] = _export_seconds(chart, ".pdf", folder, export_runs)
            results["export png"] = _export_seconds(chart, ".png", folder, export_runs)
    results[PEAK] = peak_megabytes()
    return results


def long_title_seconds() -> float:
    """Median time of ``orgmodel validate`` (text output) of a chart whose one
    title is 10 MB: what is shown is capped, so it must not cost more than a
    short title."""
    chart = Chart(
        "long",
        roles=[
            Role("ceo", "Chief Executive Officer", "ceo", person="Ada Park"),
            Role("x", "A" * 10_000_000, "unclassified", manager="ceo", person="Bo Lind"),
        ],
    )
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "long.orgm"
        save_chart(chart, path)
        return median_seconds(lambda: orgmodel_main(["validate", str(path)], out=io.StringIO()), 3)


def measure_app(size: int) -> dict[str, float]:
    results = app.measure(sizes=[size])[str(size)]
    results[APP_PEAK] = peak_megabytes()
    return results


def measure_import(path: Path) -> dict[str, float]:
    """One import of the CSV at ``path``, in a process of its own: seconds, roles, peak."""
    start = time.perf_counter()
    report = import_csv(path)
    seconds = time.perf_counter() - start
    return {"import csv": seconds, "roles": float(len(report.chart)), PEAK: peak_megabytes()}


def import_rows_figure(rows: int) -> dict[str, float]:
    """Write an HR CSV of ``rows`` rows, then import it in a fresh interpreter, so
    that the peak memory is the import's own and not the generator's."""
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / f"chart-{rows}.csv"
        started = time.perf_counter()
        write_csv(generate_chart(rows), path)
        print(
            f"NOTE: wrote {rows:,} rows ({path.stat().st_size / 1e6:.1f} MB of CSV) in "
            f"{time.perf_counter() - started:.1f}s"
        )
        figures = _in_child("--import-csv", path)
    print(
        f"import csv of {rows:,} rows: {figures['import csv']:.1f}s, "
        f"{figures['roles']:,.0f} roles, peak {figures[PEAK]:,.0f} MB"
    )
    return figures


def _in_child(flag: str, argument: int | Path) -> dict[str, float]:
    """Run one measurement in a fresh interpreter; its last stdout line is the JSON result."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", flag, str(argument)],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    lines = done.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(line)  # notes from the child
    figures: dict[str, float] = json.loads(lines[-1])
    return figures


def _cell(operation: str, value: float) -> str:
    if math.isnan(value):
        return f"{'-':>11}"
    if operation in MEMORY:
        return f"{value:>9.0f}MB"
    return f"{value:>10.3f}s"


def _target_text(operation: str, value: float) -> str:
    if operation in MEMORY:
        return f"{value:.0f} MB"
    return f"{value:.2f}s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, help="measure one chart size (child process)")
    parser.add_argument("--app", type=int, help="measure the app at one size (child process)")
    parser.add_argument(
        "--app-folds", type=int, help="measure folds in the app at one size (child process)"
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        help="time importing an HR CSV of this many rows, with its peak memory (opt-in)",
    )
    parser.add_argument("--import-csv", type=Path, help="import one CSV (child process)")
    args = parser.parse_args(argv)
    if args.import_csv is not None:
        print(json.dumps(measure_import(args.import_csv)))
        return 0
    if args.import_rows is not None:
        figures = import_rows_figure(args.import_rows)
        Path(__file__).with_name(f"results-import-{args.import_rows}.json").write_text(
            json.dumps(figures, indent=2) + "\n"
        )
        return 0
    if args.size is not None:
        print(json.dumps(measure_size(args.size)))
        return 0
    if args.app is not None:
        print(json.dumps(measure_app(args.app)))
        return 0
    if args.app_folds is not None:
        folds = app.measure_folds(args.app_folds)
        print(json.dumps({**folds, app.FOLD_PEAK: peak_megabytes()}))
        return 0

    results: dict[str, dict[str, float]] = {}
    for size in SIZES:
        results[str(size)] = _in_child("--size", size)
    for size in app.SIZES:
        results.setdefault(str(size), {}).update(_in_child("--app", size))
        results[str(size)].update(_in_child("--app-folds", size))
    operations = list(dict.fromkeys(op for timings in results.values() for op in timings))
    operations.sort(key=lambda op: op in MEMORY)  # memory columns last
    print(f"{'roles':>8}  " + "  ".join(f"{op:>{max(11, len(op))}}" for op in operations))
    print("(exports at 1,000 and 10,000 roles, the app from 1,000; '-' = not measured or refused)")
    for label, timings in results.items():
        cells = (f"{_cell(op, timings.get(op, math.nan)):>{max(11, len(op))}}" for op in operations)
        print(f"{label:>8}  " + "  ".join(cells))
    # Strict JSON: a figure not measured (an export refused) is written as null.
    written = {
        label: {op: None if math.isnan(v) else v for op, v in timings.items()}
        for label, timings in results.items()
    }
    Path(__file__).with_name("results.json").write_text(json.dumps(written, indent=2) + "\n")
    at_10k = results["10000"]
    missed = [
        f"{op} at 10,000 roles: {_target_text(op, at_10k[op])} (target {_target_text(op, target)})"
        for op, target in TARGETS_AT_10K.items()
        if not at_10k.get(op, math.nan) <= target
    ]
    missed += [
        f"{op} at 50,000 roles did not finish"
        for op in MUST_RUN_AT_50K
        if math.isnan(results["50000"].get(op, math.nan))
    ]
    table, missed_targets = targets.target_table(results)
    print("\n".join(table))
    missed += missed_targets
    long_title = long_title_seconds()
    print(f"validate with a 10 MB title: {long_title:.3f}s (target {LONG_TITLE_TARGET:.2f}s)")
    if not long_title <= LONG_TITLE_TARGET:
        missed.append(f"validate with a 10 MB title: {long_title:.2f}s (target 1.00s)")
    for line in missed:
        print("MISSED:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
