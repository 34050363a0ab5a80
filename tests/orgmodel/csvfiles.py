"""Small CSV fixtures shared by the import tests."""

from __future__ import annotations

from pathlib import Path

from orgmodel.importing.report import ImportReport


def write(tmp_path: Path, *rows: str, name: str = "chart.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def managers(report: ImportReport) -> dict[str, str | None]:
    return {r.id: r.manager for r in report.chart}
