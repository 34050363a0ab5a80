from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs

from orgmodel.cli import main
from orgmodel.fileformat import load_chart, save_chart
from orgmodel.model import Chart, Role, RuleSettings
from orgmodel.spans import band_of, spans_and_layers


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def wide_chart() -> Chart:
    """A CEO with a CMO (one report) and a COO with 9 analysts."""
    roles = [
        Role("C", "Chief Executive Officer", "ceo", person="Lior Fane"),
        Role("M", "Chief Marketing Officer", "cmo", person="Mira Sol", manager="C"),
        Role("D", "Marketing Director", "marketing-director", person="Nils Orr", manager="M"),
        Role("O", "Chief Operating Officer", "coo", person="Pia Quen", manager="C"),
    ]
    roles += [
        Role(
            f"A{i}", "Operations Analyst", "operations-analyst", person=f"Analyst {i}", manager="O"
        )
        for i in range(9)
    ]
    roles.append(Role("S", "SEO Specialist", "seo-specialist", person="Rae Tam", manager="D"))
    return Chart("Heron Ltd", roles=roles, settings=RuleSettings(span_of_control_limit=8))


def test_bands_edges() -> None:
    assert [band_of(n) for n in (1, 2, 3, 4, 7, 8, 12, 13, 16, 17, 400)] == [
        0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]  # fmt: skip


def test_managers_by_band_layers_and_median_span() -> None:
    spans = spans_and_layers(wide_chart())
    assert spans.spans == {"C": 2, "M": 1, "D": 1, "O": 9}
    assert {b.label: b.managers for b in spans.bands} == {
        "1": ("M", "D"),
        "2\N{EN DASH}3": ("C",),
        "4\N{EN DASH}7": (),
        "8\N{EN DASH}12": ("O",),
        "13\N{EN DASH}16": (),
        "17+": (),
    }
    assert spans.single_report_managers == ("M", "D")
    assert spans.layers == 4
    assert spans.layers_by_function == {"executive": 1, "marketing": 4, "operations": 3}
    assert [(lv.layer, lv.managers, lv.median_span) for lv in spans.levels] == [
        (1, 1, 2.0),
        (2, 2, 5.0),
        (3, 1, 1.0),
    ]
    assert spans.over_limit == ("O",)


def test_reporting_loops_do_not_hang_and_every_role_has_a_layer() -> None:
    chart = wide_chart()
    chart = chart.with_role(attrs.evolve(chart.role("C"), manager="S"))  # C -> ... -> S -> C
    spans = spans_and_layers(chart)
    assert set(spans.layer_of) == {role.id for role in chart.roles}


def test_spans_command_text_json_and_csv(tmp_path: Path) -> None:
    path = tmp_path / "heron.orgm"
    save_chart(wide_chart(), path)
    code, out = run("spans", str(path))
    assert code == 0
    assert "Mira Sol (Chief Marketing Officer)" in out.split("MANAGERS WITH A SINGLE REPORT")[1]
    assert "at most 8 direct reports; 1 manager over the limit" in out
    code, out = run("spans", str(path), "--format", "json", "--span-limit", "10")
    document = json.loads(out)
    assert document["span_limit"] == 10 and document["over_limit"] == []
    assert document["bands"][3] == {"span": "8\N{EN DASH}12", "managers": ["O"]}
    code, out = run("spans", str(path), "--format", "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    assert set(rows) == {"C", "M", "D", "O"}
    assert rows["O"]["span"] == "9" and rows["O"]["band"] == "8\N{EN DASH}12"
    assert rows["O"]["over_limit"] == "1" and rows["O"]["layer"] == "2"


def test_spans_of_the_enterprise_sample(samples: Path) -> None:
    spans = spans_and_layers(load_chart(samples / "enterprise.orgm"))
    assert spans.layers == 6
    assert "E200" in spans.single_report_managers  # the CMO leads only the VP Marketing
