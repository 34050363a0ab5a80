"""Public-sector organograms (the UK 'senior' template): columns recognised
without --map, XX is the top, a withheld name is a held post, not a vacancy.
All names are invented."""

from __future__ import annotations

from pathlib import Path

from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.vocabulary import WITHHELD
from orgmodel.rules import validate

from .csvfiles import managers, write

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


def test_a_director_general_under_the_permanent_secretary_reports_upward(tmp_path: Path) -> None:
    header = ORGANOGRAM.read_text(encoding="utf-8").splitlines()[0]
    tail = "Dept X,Dept X,Comms,0300,x@x.example"
    path = write(
        tmp_path,
        header,
        f"1,Jane Permanent,SCS4,Permanent Secretary,Leads,{tail},XX,0,1,1,1,Policy,,1",
        f"2,N/D,SCS3,Director General Communications,Comms,{tail},1,0,1,1,1,Comms,,1",
        f"3,Bob Comms,SCS1,Director of Marketing,Marketing,{tail},2,0,1,1,1,Comms,,1",
        f"4,Eliminated,SCS1,Deputy Director Events,Events,{tail},2,0,0,0,0,Comms,,1",
        f"5,Vacant post eliminated,SCS1,Deputy Director Web,Web,{tail},2,0,0,0,0,Comms,,1",
    )
    report = import_csv(path)
    chart = report.chart
    assert chart.role("4").vacant and chart.role("5").vacant  # nobody called "Eliminated"
    findings = validate(chart)
    assert not [f for f in findings if f.rule == "reports-upward"]
    assert {r for f in findings if f.rule == "vacancy" for r in f.roles} == {"4", "5"}
