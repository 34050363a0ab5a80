"""Read a chart from whatever the user points at: a ``.orgm`` file or an HR CSV."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs
from attrs import frozen

from orgmodel.errors import ChartReadError
from orgmodel.fileformat import SUFFIX, load_chart
from orgmodel.importing.csv_reader import read_csv_table
from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.report import ImportReport
from orgmodel.importing.shape import split_header
from orgmodel.model import Chart, Stage

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})


@frozen
class LoadedChart:
    chart: Chart
    report: ImportReport | None = None
    """What the CSV import decided, when the chart came from a CSV."""


def is_csv(path: Path) -> bool:
    return path.suffix.lower() in CSV_SUFFIXES


def read_chart(
    path: Path | str, stage: Stage | None = None, mapping: Mapping[str, str] | None = None
) -> LoadedChart:
    """Load ``path``; ``stage`` overrides the business stage the file gives.

    ``mapping`` (field -> column header) overrides the columns a CSV import detects.

    A CSV carries no stage, so it is read as an established business unless
    ``stage`` says otherwise.
    """
    path = Path(path)
    if path.is_dir():
        raise ChartReadError(path, "this is a folder, not a chart file")
    if is_csv(path):
        report = import_csv(path, stage=stage or Stage.ESTABLISHED, mapping=mapping)
        return LoadedChart(report.chart, report)
    if path.suffix.lower() != SUFFIX and path.exists():
        raise ChartReadError(
            path, f"Orgmodel reads {SUFFIX} charts and {', '.join(sorted(CSV_SUFFIXES))} exports"
        )
    chart = load_chart(path)
    if stage is not None:
        chart = attrs.evolve(chart, stage=stage)
    return LoadedChart(chart)


def csv_headers(path: Path | str) -> list[str]:
    """The header cells of a CSV export, as the import reads them (for choosing a mapping)."""
    path = Path(path)
    (_position, header), _rows = split_header(read_csv_table(path), path)
    return [cell.strip() for cell in header]
