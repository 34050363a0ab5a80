"""Each sample chart's findings, pinned: a change to a rule shows up here."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.model import Stage
from orgmodel.open_chart import read_chart
from orgmodel.rules import validate


def findings_of(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, f.severity, f.roles) for f in validate(read_chart(path).chart)]


def test_enterprise_is_healthy(samples: Path) -> None:
    assert findings_of(samples / "enterprise.orgm") == [("vacancy", "info", ("E250",))]


def test_startup_with_a_fractional_cmo_lacking_its_prerequisites(samples: Path) -> None:
    findings = findings_of(samples / "startup-fractional.orgm")
    non_gaps = [f for f in findings if f[0] != "responsibility-gap"]
    assert non_gaps == [
        ("fractional-cmo-needs-marketing-lead", "error", ("S2",)),
        ("fractional-cmo-needs-tactical-team", "error", ("S2",)),
        ("fractional-needs-established-business", "warning", ("S2",)),
        ("fractional-cmo-scope", "warning", ("S2",)),
        ("experience-below-profile", "warning", ("S2",)),
        ("fractional-engagement-length", "info", ("S2",)),
    ]
    assert len(findings) - len(non_gaps) == 13


def test_overlaps_and_gaps(samples: Path) -> None:
    assert findings_of(samples / "overlaps-and-gaps.orgm") == [
        ("director-reports-to-marketing-lead", "warning", ("G5", "G4")),
        ("cmo-tactical-work", "warning", ("G2",)),
        ("strategy-overlap", "warning", ("G2", "G3")),
        ("coo-cmo-overlap", "warning", ("G4", "G2")),
        ("responsibility-gap", "warning", ("G7",)),
        ("responsibility-gap", "warning", ("G7",)),
        ("responsibility-gap", "warning", ("G7",)),
    ]
    messages = [f.message for f in validate(read_chart(samples / "overlaps-and-gaps.orgm").chart)]
    assert [m for m in messages if m.startswith("Nobody holds")] == [
        "Nobody holds lead generation (tactical marketing).",
        "Nobody holds events (tactical marketing).",
        "Nobody holds website (tactical marketing).",
    ]


@pytest.mark.parametrize("name", ["enterprise", "overlaps-and-gaps", "startup-fractional"])
def test_csv_and_orgm_samples_hold_the_same_chart(samples: Path, name: str) -> None:
    orgm = read_chart(samples / f"{name}.orgm").chart
    stage = Stage.STARTUP if name.startswith("startup") else None
    assert read_chart(samples / f"{name}.csv", stage).chart == orgm


def test_workday_style_export_gives_what_a_marketing_leader_expects(samples: Path) -> None:
    """Semicolons, a BOM, quoted cells, managers by e-mail, a fractional CMO."""
    loaded = read_chart(samples / "hr-export-workday.csv")
    assert loaded.report is not None
    assert loaded.report.columns["manager-email"] == "Manager Email"
    # "Office Manager" reads as a manager junior to the Ops Manager it reports to.
    assert loaded.report.unclassified_titles == {}
    chart = loaded.chart
    assert chart.role("100040").kind == "cmo" and chart.role("100040").is_fractional
    assert chart.role("100032").manager == "100014"  # resolved from the manager's e-mail
    assert findings_of(samples / "hr-export-workday.csv") == [
        ("director-reports-to-marketing-lead", "warning", ("100032", "100014")),
        ("vp-marketing-reports-to-cmo", "warning", ("100031", "100001")),
        ("responsibility-gap", "warning", ("100042",)),
        ("responsibility-gap", "warning", ("100042",)),
        ("responsibility-gap", "warning", ("100042",)),
        ("responsibility-gap", "warning", ("100042",)),
        ("experience-below-profile", "warning", ("100032",)),
        ("vacancy", "info", ("100045",)),
    ]
