from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.analysis import (
    CELL_STATES,
    COLUMN_STATUSES,
    AnalysisError,
    ColumnStatus,
    CoreHolders,
    coverage,
    coverage_score,
    responsibility_matrix,
)
from orgmodel.catalogue import load_catalogue
from orgmodel.cli import main
from orgmodel.fileformat import load_chart, save_chart
from orgmodel.model import UNCLASSIFIED, Chart, Role
from orgmodel.rules import validate

CATALOGUE = load_catalogue()
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SAMPLE_CHARTS = sorted(SAMPLES.glob("*.orgm"))


def sample(name: str) -> Chart:
    return load_chart(SAMPLES / f"{name}.orgm")


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def holding(chart: Chart, role_id: str, *, add: str = "", remove: str = "") -> Chart:
    """The chart with one role's explicit responsibilities changed."""
    role = chart.role(role_id)
    held = set(CATALOGUE.held(role)) | ({add} if add else set())
    held.discard(remove)
    return chart.with_role(attrs.evolve(role, responsibilities=frozenset(held)))


def rule_responsibilities(chart: Chart, rule: str) -> set[str]:
    return {rid for f in validate(chart) if f.rule == rule for rid in f.responsibilities}


def assert_statuses_agree_with_rules(chart: Chart) -> None:
    matrix = responsibility_matrix(chart)
    assert set(matrix.gaps) == rule_responsibilities(chart, "responsibility-gap")
    assert set(matrix.overlaps) == rule_responsibilities(chart, "strategy-overlap")


# --- the matrix --------------------------------------------------------------


def test_there_are_sample_charts() -> None:
    assert len(SAMPLE_CHARTS) >= 3


@pytest.mark.parametrize("path", SAMPLE_CHARTS, ids=lambda p: p.stem)
def test_matrix_on_each_sample(path: Path) -> None:
    chart = load_chart(path)
    matrix = responsibility_matrix(chart)
    assert [r.id for r in matrix.rows] == [r.id for r in chart.roles]
    assert sorted(matrix.columns) == sorted(CATALOGUE.responsibilities)
    for role in chart.roles:
        for rid in matrix.columns:
            expected = rid in CATALOGUE.held(role)
            assert matrix.held(role.id, rid) is expected
            assert matrix.cell(role.id, rid) == ("held" if expected else "not-held")
            assert (role in matrix.holders(rid)) is expected
    for rid in matrix.columns:
        holders = matrix.holders(rid)
        assert holders == [r for r in chart.roles if r in holders]  # chart order
        assert matrix.status(rid) in COLUMN_STATUSES
    assert set(CELL_STATES) == {"held", "not-held"}


def test_columns_are_grouped_by_category_in_catalogue_order() -> None:
    matrix = responsibility_matrix(sample("enterprise"))
    assert [g.category.id for g in matrix.categories] == list(CATALOGUE.categories)
    assert [g.category.id for g in matrix.categories][:2] == [
        "strategic-marketing",
        "shared-analytic",
    ]
    for group in matrix.categories:
        assert group.responsibilities
        assert all(
            CATALOGUE.responsibilities[r].category == group.category.id
            for r in group.responsibilities
        )
        ordered = [r for r in CATALOGUE.responsibilities if r in group.responsibilities]
        assert list(group.responsibilities) == ordered
    assert matrix.columns[0] == "marketing-strategy"
    assert matrix.columns[-1] == "operational-improvement"


def test_statuses_on_the_overlap_sample() -> None:
    matrix = responsibility_matrix(sample("overlaps-and-gaps"))
    assert matrix.overlaps == ["brand-strategy"]
    assert matrix.gaps == ["lead-generation", "events", "website"]
    assert [r.id for r in matrix.holders("brand-strategy")] == ["G2", "G3"]
    assert matrix.status("marketing-strategy") == "covered"
    assert matrix.status("daily-operations") == "covered"  # two holders, but shareable
    assert matrix.status("marketing-vision") == "unowned"  # not core
    assert matrix.with_status("not-applicable") == []
    assert matrix.held("G3", "brand-strategy")
    assert not matrix.held("G1", "brand-strategy")


def test_not_applicable_and_overlap_without_the_function() -> None:
    chart = Chart(
        "no marketing",
        roles=[
            Role("C1", "CEO", "ceo", responsibilities={"brand-strategy"}),
            Role("C2", "CFO", "cfo", manager="C1", responsibilities={"brand-strategy"}),
            Role("C3", "Operations Manager", "operations-manager", manager="C1"),
        ],
    )
    matrix = responsibility_matrix(chart)
    assert matrix.status("brand-strategy") == "overlap"
    assert matrix.status("marketing-strategy") == "not-applicable"
    assert matrix.status("events") == "not-applicable"
    assert matrix.status("daily-operations") == "covered"
    assert matrix.status("budget-allocation") == "gap"
    assert_statuses_agree_with_rules(chart)


def test_responsibilities_outside_the_catalogue_have_no_column() -> None:
    chart = Chart("x", roles=[Role("A", "Odd job", UNCLASSIFIED, responsibilities={"juggling"})])
    matrix = responsibility_matrix(chart)
    assert "juggling" not in matrix.columns
    with pytest.raises(ValueError, match="no responsibility 'juggling'"):
        matrix.status("juggling")
    with pytest.raises(ValueError, match="no responsibility 'juggling'"):
        matrix.holders("juggling")


# --- agreement with the rules --------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_CHARTS, ids=lambda p: p.stem)
def test_statuses_agree_with_the_rules_on_every_sample(path: Path) -> None:
    assert_statuses_agree_with_rules(load_chart(path))


def test_the_agreement_is_not_vacuous() -> None:
    chart = sample("overlaps-and-gaps")
    assert rule_responsibilities(chart, "responsibility-gap") == {
        "lead-generation",
        "events",
        "website",
    }
    assert rule_responsibilities(chart, "strategy-overlap") == {"brand-strategy"}


KIND_IDS = [*CATALOGUE.kinds, UNCLASSIFIED]
RESPONSIBILITY_IDS = list(CATALOGUE.responsibilities)


@st.composite
def charts(draw: st.DrawFn) -> Chart:
    count = draw(st.integers(0, 10))
    roles = []
    for index in range(count):
        held = draw(st.none() | st.frozensets(st.sampled_from(RESPONSIBILITY_IDS), max_size=8))
        manager = draw(st.none() | st.integers(0, max(index - 1, 0))) if index else None
        roles.append(
            Role(
                f"R{index}",
                f"Role {index}",
                draw(st.sampled_from(KIND_IDS)),
                responsibilities=held,
                manager=None if manager is None else f"R{manager}",
            )
        )
    return Chart("generated", roles=roles)


@settings(max_examples=60, deadline=None)
@given(charts())
def test_statuses_agree_with_the_rules_on_generated_charts(chart: Chart) -> None:
    assert_statuses_agree_with_rules(chart)


@settings(max_examples=40, deadline=None)
@given(charts())
def test_every_fix_raises_the_score_on_generated_charts(chart: Chart) -> None:
    matrix = responsibility_matrix(chart)
    before = matrix.score()
    assert (before == 100) == (not matrix.gaps and not matrix.overlaps)
    for rid in matrix.gaps:
        filled = holding(chart, chart.roles[0].id, add=rid)
        assert coverage_score(filled) > before
    for rid in matrix.overlaps:
        kept = chart
        for role in matrix.holders(rid)[1:]:
            kept = holding(kept, role.id, remove=rid)
        assert coverage_score(kept) > before


# --- filters -------------------------------------------------------------------


def test_filter_by_function() -> None:
    chart = sample("overlaps-and-gaps")
    whole = responsibility_matrix(chart)
    marketing = responsibility_matrix(chart, function="marketing")
    assert [r.id for r in marketing.rows] == ["G2", "G3", "G5", "G6", "G7", "G8"]
    operations = responsibility_matrix(chart, function="operations")
    assert [r.id for r in operations.rows] == ["G4", "G9"]
    assert responsibility_matrix(chart, function="sales").rows == ()
    # Statuses and holders stay those of the whole chart.
    assert operations.statuses == whole.statuses
    assert [r.id for r in operations.holders("brand-strategy")] == ["G2", "G3"]


def test_filter_by_subtree() -> None:
    chart = sample("overlaps-and-gaps")
    team = responsibility_matrix(chart, subtree="G3")
    assert [r.id for r in team.rows] == ["G3", "G6", "G7", "G8"]
    assert team.gaps == ["lead-generation", "events", "website"]
    assert team.overlaps == ["brand-strategy"]
    assert team.held("G2", "brand-strategy")  # rows are filtered, facts are not
    coo = responsibility_matrix(chart, subtree="G4")
    assert [r.id for r in coo.rows] == ["G4", "G5", "G9"]
    both = responsibility_matrix(chart, subtree="G4", function="operations")
    assert [r.id for r in both.rows] == ["G4", "G9"]
    leaf = responsibility_matrix(chart, subtree="G7")
    assert [r.id for r in leaf.rows] == ["G7"]


def test_unknown_role_or_function_is_a_value_error() -> None:
    chart = sample("overlaps-and-gaps")
    with pytest.raises(ValueError, match="there is no role 'G99' in the chart"):
        responsibility_matrix(chart, subtree="G99")
    with pytest.raises(ValueError, match="there is no function 'finance'; use one of executive"):
        responsibility_matrix(chart, function="finance")
    matrix = responsibility_matrix(chart)
    with pytest.raises(AnalysisError, match="no role 'G99'"):
        matrix.held("G99", "seo")
    with pytest.raises(AnalysisError, match="no responsibility 'nothing'"):
        matrix.status("nothing")


# --- coverage and score ----------------------------------------------------------


def test_coverage_on_the_overlap_sample_by_hand() -> None:
    marketing, operations = coverage(sample("overlaps-and-gaps"))
    assert marketing.function == "marketing"
    # 4 strategic + market research + 4 management + 8 tactical core responsibilities.
    assert marketing.core_total == 17
    assert marketing.core_covered == 14
    assert marketing.gaps == ("lead-generation", "events", "website")
    assert marketing.overlaps == ("brand-strategy",)
    assert not marketing.complete
    core = dict(marketing.core)
    assert core["brand-strategy"] == ("G2", "G3")
    assert core["advertising"] == ("G4",)  # held by the COO: still covered
    assert core["marketing-plan"] == ("G3", "G5", "G6")
    assert core["events"] == ()
    assert CoreHolders("seo", ("G2",)) in marketing.core
    assert operations.function == "operations"
    assert (operations.core_total, operations.core_covered) == (6, 6)
    assert operations.gaps == operations.overlaps == ()
    assert operations.complete
    assert dict(operations.core)["daily-operations"] == ("G4", "G9")


def test_coverage_lists_only_functions_present_with_responsibilities() -> None:
    chart = Chart("ops", roles=[Role("A", "CEO", "ceo"), Role("B", "COO", "coo", manager="A")])
    assert [c.function for c in coverage(chart)] == ["operations"]
    assert coverage(Chart("empty")) == []


def test_score_by_hand() -> None:
    # overlaps-and-gaps: 17 core marketing + 5 once-per-company, not core, marketing
    # + 6 core operations = 28 checked; 3 gaps and 1 overlap leave 24 in order.
    assert coverage_score(sample("overlaps-and-gaps")) == 100 * 24 // 28 == 85
    assert coverage_score(sample("enterprise")) == 100
    # startup-fractional: 13 gaps, no overlap, 28 checked.
    assert coverage_score(sample("startup-fractional")) == 100 * 15 // 28 == 53


def test_score_checks_only_functions_present_or_work_someone_holds() -> None:
    operations_only = Chart(
        "ops",
        roles=[Role("C1", "CEO", "ceo"), Role("C3", "Ops", "operations-manager", manager="C1")],
    )
    # 6 core operations responsibilities checked, 3 held; marketing is not checked.
    assert coverage_score(operations_only) == 50
    # Brand strategy held twice with no marketing role is checked too (an overlap).
    both_hold = {"brand-strategy"}
    chart = operations_only.with_roles(
        [
            attrs.evolve(operations_only.role("C1"), responsibilities=both_hold),
            Role("C2", "CFO", "cfo", manager="C1", responsibilities=both_hold),
            operations_only.role("C3"),
        ]
    )
    assert responsibility_matrix(chart).checked()[0] == "brand-strategy"
    assert coverage_score(chart) == 100 * 3 // 7
    assert coverage_score(holding(chart, "C2", remove="brand-strategy")) == 100 * 4 // 7


def test_score_of_a_chart_with_nothing_to_check_is_100() -> None:
    assert coverage_score(Chart("empty")) == 100
    assert coverage_score(Chart("ceo", roles=[Role("A", "CEO", "ceo")])) == 100


def test_score_rises_when_a_gap_is_filled() -> None:
    chart = sample("overlaps-and-gaps")
    filled = holding(chart, "G7", add="lead-generation")
    assert responsibility_matrix(filled).status("lead-generation") == "covered"
    assert coverage_score(filled) == 100 * 25 // 28 > coverage_score(chart)


def test_score_rises_when_an_overlap_is_removed() -> None:
    chart = sample("overlaps-and-gaps")
    kept = holding(chart, "G3", remove="brand-strategy")
    assert responsibility_matrix(kept).status("brand-strategy") == "covered"
    assert coverage_score(kept) == 100 * 25 // 28 > coverage_score(chart)
    assert "brand-strategy" not in rule_responsibilities(kept, "strategy-overlap")


def test_score_reaches_100_when_everything_is_fixed() -> None:
    chart = holding(sample("overlaps-and-gaps"), "G3", remove="brand-strategy")
    for rid in ("lead-generation", "events", "website"):
        chart = holding(chart, "G7", add=rid)
    assert coverage_score(chart) == 100


# --- command line -----------------------------------------------------------------


def test_cli_text(samples: Path) -> None:
    code, out = run("responsibilities", str(samples / "overlaps-and-gaps.orgm"))
    assert code == 0
    assert "G2  Victor Hughes (Chief Marketing Officer)" in out
    assert "Brand strategy and brand awareness (overlap)" in out
    assert "G1  Maya Singh (CEO)\n    holds no responsibility of the catalogue" in out
    gaps = out[out.index("GAPS (3)") : out.index("OVERLAPS")]
    assert "Lead generation [lead-generation], tactical marketing" in gaps
    assert "Website [website]" in gaps and "Events [events]" in gaps
    overlaps = " ".join(out[out.index("OVERLAPS (1)") : out.index("COVERAGE")].split())
    assert "Victor Hughes (Chief Marketing Officer) and Aisha Bello (VP Marketing)" in overlaps
    assert "marketing: 14 of 17 core responsibilities held; 3 gaps, 1 overlap" in out
    assert "operations: 6 of 6 core responsibilities held; 0 gaps, 0 overlaps" in out
    assert "Score: 85/100 (24 of the 28" in out


def test_cli_text_with_filters(samples: Path) -> None:
    path = str(samples / "enterprise.csv")
    code, out = run("responsibilities", path, "--function", "operations", "--subtree", "E310")
    assert code == 0
    assert "(operations roles in the team of E310: 6 of 26)" in out
    assert "E310  Ravi Patel (VP Operations)" in out
    assert "E200" not in out
    assert "Score: 100/100" in out


def test_cli_json(samples: Path) -> None:
    code, out = run("responsibilities", str(samples / "overlaps-and-gaps.orgm"), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert set(document) == {"roles", "responsibilities", "coverage", "score"}
    assert document["score"] == 85
    assert [r["id"] for r in document["roles"]] == [f"G{i}" for i in range(1, 10)]
    g3 = document["roles"][2]
    assert g3["person"] == "Aisha Bello" and g3["title"] == "VP Marketing"
    assert g3["responsibilities"][0] == "brand-strategy"
    columns = {r["id"]: r for r in document["responsibilities"]}
    assert len(columns) == len(CATALOGUE.responsibilities)
    assert columns["brand-strategy"]["status"] == "overlap"
    assert columns["brand-strategy"]["holders"] == ["G2", "G3"]
    assert columns["brand-strategy"]["category"] == "strategic-marketing"
    assert columns["events"]["status"] == "gap"
    statuses: set[ColumnStatus] = {r["status"] for r in document["responsibilities"]}
    assert statuses <= set(COLUMN_STATUSES)
    marketing = document["coverage"][0]
    assert (marketing["function"], marketing["core_total"], marketing["core_covered"]) == (
        "marketing",
        17,
        14,
    )
    assert marketing["gaps"] == ["lead-generation", "events", "website"]
    assert {"responsibility": "advertising", "holders": ["G4"]} in marketing["core"]


def test_cli_json_filtered_rows_keep_whole_chart_holders(samples: Path) -> None:
    path = str(samples / "overlaps-and-gaps.orgm")
    _, out = run("responsibilities", path, "--format", "json", "--subtree", "G6")
    document = json.loads(out)
    assert [r["id"] for r in document["roles"]] == ["G6", "G7", "G8"]
    columns = {r["id"]: r for r in document["responsibilities"]}
    assert columns["brand-strategy"]["holders"] == ["G2", "G3"]
    assert document["score"] == 85


def test_cli_csv_and_orgm_inputs_agree(samples: Path) -> None:
    _, from_orgm = run(
        "responsibilities", str(samples / "overlaps-and-gaps.orgm"), "--format", "json"
    )
    _, from_csv = run(
        "responsibilities", str(samples / "overlaps-and-gaps.csv"), "--format", "json"
    )
    assert json.loads(from_csv) == json.loads(from_orgm)


def test_cli_csv(samples: Path) -> None:
    code, out = run("responsibilities", str(samples / "overlaps-and-gaps.orgm"), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    header = next(csv.reader(io.StringIO(out)))
    assert header[:3] == ["id", "title", "person"]
    assert header[3:] == list(responsibility_matrix(sample("overlaps-and-gaps")).columns)
    assert [r["id"] for r in rows] == [f"G{i}" for i in range(1, 10)]
    g2 = rows[1]
    assert (g2["title"], g2["person"]) == ("Chief Marketing Officer", "Victor Hughes")
    assert g2["brand-strategy"] == g2["seo"] == "1"
    assert g2["events"] == ""
    assert {v for r in rows for v in list(r.values())[3:]} == {"1", ""}
    path = str(samples / "overlaps-and-gaps.orgm")
    _, filtered = run("responsibilities", path, "--format", "csv", "--function", "operations")
    assert [r["id"] for r in csv.DictReader(io.StringIO(filtered))] == ["G4", "G9"]


def test_cli_csv_neutralises_formula_like_text(tmp_path: Path) -> None:
    chart = Chart(
        "formulas",
        roles=[
            Role("=1+1", '=HYPERLINK("http://x")', "ceo", person="@SUM(A1)"),
            Role("B", "+Chief Marketing Officer", "cmo", person="-Eve", manager="=1+1"),
            Role("C", "Safe = title", "coo", person="Ann", manager="=1+1"),
        ],
    )
    path = tmp_path / "formulas.orgm"
    save_chart(chart, path)
    code, out = run("responsibilities", str(path), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["id"], r["title"], r["person"]) for r in rows] == [
        ("'=1+1", '\'=HYPERLINK("http://x")', "'@SUM(A1)"),
        ("B", "'+Chief Marketing Officer", "'-Eve"),
        ("C", "Safe = title", "Ann"),
    ]
    # Vacant seats have an empty person cell.
    save_chart(chart.with_role(attrs.evolve(chart.role("C"), person=None)), path)
    _, out = run("responsibilities", str(path), "--format", "csv")
    assert list(csv.DictReader(io.StringIO(out)))[2]["person"] == ""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--subtree", "G99"], "there is no role 'G99' in the chart (overlaps-and-gaps.orgm)"),
        (["--function", "finance"], "there is no function 'finance'"),
    ],
)
def test_cli_unknown_role_or_function_exits_2(
    samples: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    code, out = run("responsibilities", str(samples / "overlaps-and-gaps.orgm"), *extra)
    err = capsys.readouterr().err
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("content", [b"", b"{not json", b"\x00\x01garbage"])
def test_cli_unreadable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "broken.orgm"
    path.write_bytes(content)
    for fmt in ("text", "csv", "json"):
        code, out = run("responsibilities", str(path), "--format", fmt)
        err = capsys.readouterr().err
        assert code == 2
        assert out == ""
        assert err.startswith("orgmodel: broken.orgm")
        assert "Traceback" not in err
    code, _ = run("responsibilities", str(tmp_path / "missing.orgm"))
    assert code == 2


def test_words_for_counts_and_lists() -> None:
    from orgmodel.wording import counted, join_some

    assert [counted(n, "gap") for n in (0, 1, 2)] == ["0 gaps", "1 gap", "2 gaps"]
    assert join_some(["a", "b", "c"]) == "a, b and c"
    assert join_some(["a", "b", "c", "d"]) == "a, b, c and 1 more"
    assert join_some(["a", "b", "c", "d", "e"], shown=2) == "a, b and 3 more"
