from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest

from orgmodel.analysis import coverage_score
from orgmodel.catalogue import load_catalogue
from orgmodel.cli import main
from orgmodel.fileformat import load_chart, save_chart
from orgmodel.model import Stage
from orgmodel.rules import validate
from orgmodel.templates import (
    Template,
    UnknownTemplateError,
    load_template,
    template_names,
    templates,
)

SOURCE_TITLES = (
    "What is the difference between a CMO and a VP?",
    "CMO vs Marketing Director: roles and responsibilities",
    "Fractional CMO vs fractional Marketing Director",
    "Understanding the vital roles of COOs and CMOs",
    "What are the responsibilities of a CMO?",
)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_the_three_stages_are_shipped() -> None:
    assert template_names()[:3] == ["startup", "scale-up", "enterprise"]
    assert load_template("startup").stage is Stage.STARTUP
    assert load_template("enterprise").stage is Stage.ESTABLISHED
    with pytest.raises(UnknownTemplateError):
        load_template("conglomerate")


@pytest.mark.parametrize("name", template_names())
def test_template_passes_every_rule_at_its_stage(name: str) -> None:
    template = load_template(name)
    chart = template.chart
    findings = validate(chart)
    # Every seat of a template is planned, to be hired; the vacancy rule notes
    # each (info, even a C-suite seat), and nothing else may fire: no error, no warning.
    assert {f.rule for f in findings} == {"vacancy"}
    assert {f.severity for f in findings} == {"info"}
    assert all("planned, not yet filled" in f.message for f in findings)
    assert sorted(r for f in findings for r in f.roles) == sorted(r.id for r in chart.roles)
    assert all(role.planned for role in chart.roles)
    # With the seats filled, the chart follows every rule: no finding at all.
    filled = chart.with_roles(attrs.evolve(r, person=f"Person {r.id}") for r in chart.roles)
    assert validate(filled) == []
    assert coverage_score(chart) == 100


@pytest.mark.parametrize("name", template_names())
def test_template_titles_say_their_kind_and_responsibilities_are_set(name: str) -> None:
    catalogue = load_catalogue()
    for role in load_template(name).chart.roles:
        assert catalogue.classify(role.title) == role.kind, role.title
        assert role.responsibilities is not None
        assert role.vacant


@pytest.mark.parametrize("name", template_names())
def test_description_cites_sources_by_title(name: str) -> None:
    description = load_template(name).description
    assert any(f'"{title}"' in description for title in SOURCE_TITLES)
    assert ".txt" not in description


def test_template_shapes() -> None:
    startup = load_template("startup").chart
    assert startup.role("CMO").manager == "CEO"
    assert {r.id for r in startup.roles if r.manager == "MM"} == {"CONTENT", "SOCIAL", "COORD"}
    scale_up = load_template("scale-up").chart
    assert scale_up.role("MD").manager == "CMO" and scale_up.role("COO").manager == "CEO"
    enterprise = load_template("enterprise").chart
    kinds = {r.kind for r in enterprise.roles}
    assert {"ceo", "cmo", "coo", "cfo", "cto", "chro", "marketing-ops-specialist"} <= kinds
    assert enterprise.role("VPM").manager == "CMO" and enterprise.role("MD").manager == "VPM"
    assert {r.kind for r in enterprise.roles if r.manager == "PMM"} == {"market-research-analyst"}


@pytest.mark.parametrize("template", templates(), ids=lambda t: t.id)
def test_template_round_trips_through_the_file_format(template: Template, tmp_path: Path) -> None:
    path = tmp_path / f"{template.id}.orgm"
    code, out = run("template", template.id, "-o", str(path))
    assert code == 0 and f"Wrote {path}" in out
    assert load_chart(path) == template.chart
    save_chart(load_chart(path), tmp_path / "again.orgm")
    assert load_chart(tmp_path / "again.orgm") == template.chart


def test_template_command_lists_and_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run("template", "--list")
    assert code == 0
    assert out.index("startup:") < out.index("scale-up:") < out.index("enterprise:")
    assert "startup business" in out
    code, _ = run("template", "nonesuch", "-o", str(tmp_path / "x.orgm"))
    assert code == 2 and "no template 'nonesuch'" in capsys.readouterr().err
    (tmp_path / "taken.orgm").write_text("keep me", encoding="utf-8")
    code, _ = run("template", "startup", "-o", str(tmp_path / "taken.orgm"))
    assert code == 2 and "exists already" in capsys.readouterr().err
    assert (tmp_path / "taken.orgm").read_text(encoding="utf-8") == "keep me"
    code, _ = run("template", "startup", "-o", str(tmp_path / "x.csv"))
    assert code == 2
