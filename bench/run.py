"""`make bench`: time the core operations on generated charts (median of runs).

Results are printed as a table and written to bench/results.json. Targets
live here, not in unit tests: these machines are shared and noisy.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench import app
from bench.generate import generate_chart, write_csv
from orgmodel.csvimport import import_csv
from orgmodel.fileformat import load_chart, save_chart
from orgmodel.rules import validate

SIZES = (100, 1_000, 10_000, 50_000)
TARGETS_AT_10K = {
    "validate": 0.3,
    "import csv": 1.0,
    "app open to first paint": 3.0,
    "edit to updated findings": 0.2,
}


def median_seconds(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> int:
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            chart = generate_chart(size)
            orgm = Path(folder) / f"chart-{size}.orgm"
            hr_csv = Path(folder) / f"chart-{size}.csv"
            save_chart(chart, orgm)
            write_csv(chart, hr_csv)
            runs = 5 if size <= 10_000 else 3
            results[str(size)] = {
                "load orgm": median_seconds(partial(load_chart, orgm), runs),
                "import csv": median_seconds(partial(import_csv, hr_csv), runs),
                "validate": median_seconds(partial(validate, chart), runs),
            }
    for label, app_timings in app.measure().items():
        results.setdefault(label, {k: float("nan") for k in results["100"]}).update(app_timings)
    operations = list(results["10000"])
    print(f"{'roles':>8}  " + "  ".join(f"{op:>11}" for op in operations))
    print("(app figures only at 1,000 and 10,000 roles; nan = not measured)")
    for label, timings in results.items():
        cells = (f"{timings.get(op, float('nan')):>10.3f}s" for op in operations)
        print(f"{label:>8}  " + "  ".join(cells))
    Path(__file__).with_name("results.json").write_text(json.dumps(results, indent=2) + "\n")
    missed = [
        f"{op} at 10,000 roles took {results['10000'][op]:.2f}s (target {target}s)"
        for op, target in TARGETS_AT_10K.items()
        if results["10000"][op] > target
    ]
    for line in missed:
        print("MISSED:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
