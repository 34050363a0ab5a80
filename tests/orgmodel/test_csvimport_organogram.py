"""Public-sector organograms (the UK 'senior' template): columns recognised
without --map, XX is the top, a withheld name is a held post, not a vacancy.
All names are invented."""

from __future__ import annotations

from pathlib import Path

from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.vocabulary import WITHHELD
from orgmodel.rules import validate

from .csvfiles import managers

ORGANOGRAM = Path(__file__).parent.parent / "data" / "imports" / "organogram_senior.csv"


def test_organogram_template_reads_without_a_mapping() -> None:
    report = import_csv(ORGANOGRAM)
    lines = managers(report)
    assert lines == {
        "PS001": None,
        "PS010": "PS001",
        "PS020": "PS001",
        "PS030": "PS010",
        "PS040": "PS020",
        "PS050": "PS030",
        "PS060": "PS040",
    }
    assert report.columns["id"] == "Post Unique Reference"
    assert report.columns["manager"] == "Reports to Senior Post"
    assert report.tops == ((2, "XX"),)
    chart = report.chart
    assert chart.role("PS030").person == WITHHELD  # N/D
    assert chart.role("PS050").person == WITHHELD  # blank, FTE 1.00
    assert chart.role("PS060").person == WITHHELD  # Not disclosed
    assert chart.role("PS040").vacant
    vacancies = {r for f in validate(chart) if f.rule == "vacancy" for r in f.roles}
    assert vacancies == {"PS040"}
    assert any(
        n.startswith("3 posts are held by someone the file does not name") for n in report.notes
    )
