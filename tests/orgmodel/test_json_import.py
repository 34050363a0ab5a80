"""JSON org-chart data (d3-org-chart, BALKAN OrgChart JS, wrapped arrays, nested trees)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.cli import main
from orgmodel.errors import ChartReadError
from orgmodel.importing import json_rows
from orgmodel.importing.json_rows import read_json_rows
from orgmodel.importing.table import Table
from orgmodel.open_chart import LoadedChart, read_chart

FIXTURES = Path(__file__).parents[1] / "data" / "containers"


def write(tmp_path: Path, data: object, name: str = "chart.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def column(table: Table, key: str) -> list[str]:
    header = table.records[0][1]
    return [cells[header.index(key)] for _position, cells in table.records[1:]]


def reports(loaded: LoadedChart) -> dict[str, str | None]:
    """Each person (or, for a vacant seat, its title) -> their manager's person."""

    def label(role_id: str | None) -> str | None:
        if role_id is None:
            return None
        if role_id not in loaded.chart:
            return f"unknown {role_id}"
        role = loaded.chart.role(role_id)
        return role.person or f"vacant {role.title}"

    return {label(r.id) or "": label(r.manager) for r in loaded.chart}


# --- reading the shapes --------------------------------------------------------------


def test_a_flat_list_with_parent_id_is_one_row_per_object() -> None:
    table = read_json_rows(FIXTURES / "d3-org-chart.json")
    assert table.container == "JSON chart data: a flat list with parentId"
    assert table.unit == "item"
    header = table.records[0][1]
    assert header[:4] == ["id", "parentId", "name", "positionName"]
    assert [position for position, _cells in table.records[1:]] == [1, 2, 3, 4, 5, 6, 7]
    assert column(table, "parentId") == ["", "n1", "n1", "n2", "n2", "n4", "n3"]
    assert column(table, "dottedLine")[5] == "n3"
    assert column(table, "name")[6] == "Vacant"  # open: true
    assert column(table, "_expanded")[1] == "true"


def test_numbers_are_written_as_a_csv_holds_them() -> None:
    table = read_json_rows(FIXTURES / "balkan-orgchart.json")
    assert table.container == "JSON chart data: a flat list with pid"
    assert column(table, "id") == ["1", "2", "3", "4", "5", "6", "7"]
    assert column(table, "pid") == ["", "1", "2", "3", "1", "5", "2"]
    assert column(table, "dotted")[3] == "2"
    assert column(table, "tags")[4] == "ops"


def test_a_wrapped_array_is_found_by_its_key() -> None:
    table = read_json_rows(FIXTURES / "wrapped-people.json")
    assert table.container == 'JSON chart data: a flat list with parentId in "people"'
    assert column(table, "id") == ["A1", "A2", "A3", "A4", "A5", "A6"]


@pytest.mark.parametrize("key", ["nodes", "data", "Employees"])
def test_other_wrapper_keys(tmp_path: Path, key: str) -> None:
    people = [
        {"id": 1, "name": "Ana Ruiz", "title": "CEO"},
        {"id": 2, "pid": 1, "name": "Bo Li", "title": "CMO"},
    ]
    path = write(tmp_path, {"version": 2, key: people})
    assert column(read_json_rows(path), "pid") == ["", "1"]
    assert reports(read_chart(path)) == {"Ana Ruiz": None, "Bo Li": "Ana Ruiz"}


def test_a_nested_tree_gets_ids_in_reading_order_and_parents_from_its_nesting() -> None:
    table = read_json_rows(FIXTURES / "nested-children.json")
    assert table.container == "JSON chart data: nested children"
    names = column(table, "name")
    assert names == [
        "Wilhelmina Sørensen",
        "Emeka Obi",
        "Lucía Herrera",
        "Open",
        "Mattias Berg",
        "Ilse Vermeulen",
        "Vacant",  # Farid Karimi's seat is marked open
    ]
    assert column(table, "id") == ["1", "2", "3", "4", "5", "6", "7"]
    assert column(table, "parentId") == ["", "1", "2", "3", "3", "1", "6"]
    assert "children" not in table.records[0][1]


def test_a_nested_tree_keeps_the_ids_it_has(tmp_path: Path) -> None:
    tree = [
        {
            "id": "ceo",
            "name": "Ana Ruiz",
            "title": "CEO",
            "children": [{"id": "cmo", "name": "Bo Li", "title": "CMO"}],
        },
        {"id": "board", "name": "Advisory Board", "title": "Board", "children": []},
    ]
    path = write(tmp_path, tree)
    table = read_json_rows(path)
    assert column(table, "id") == ["ceo", "cmo", "board"]
    assert column(table, "parentId") == ["", "ceo", ""]
    loaded = read_chart(path)
    assert {r.id: r.manager for r in loaded.chart} == {"ceo": None, "cmo": "ceo", "board": None}


# --- the chart each shape imports to ------------------------------------------------


def vacant_titles(loaded: LoadedChart) -> set[str]:
    return {r.title for r in loaded.chart if r.vacant}


def test_d3_org_chart_flat_list_with_parent_id() -> None:
    loaded = read_chart(FIXTURES / "d3-org-chart.json")
    assert reports(loaded) == {
        "Marguerite Olsen": None,
        "Dario Castellano": "Marguerite Olsen",
        "Yuki Tanabe": "Marguerite Olsen",
        "Leona Fischer": "Dario Castellano",
        "vacant Content Marketing Manager": "Dario Castellano",
        "Aurelio Banks": "Leona Fischer",
        "vacant Operations Manager": "Yuki Tanabe",
    }
    assert vacant_titles(loaded) == {"Content Marketing Manager", "Operations Manager"}
    assert loaded.chart.role("n6").dotted_managers == ("n3",)  # Aurelio Banks -> Yuki Tanabe
    assert loaded.report.container == "JSON chart data: a flat list with parentId"


def test_d3_org_charts_position_name_and_area_are_the_title_and_department(
    tmp_path: Path,
) -> None:
    """d3-org-chart's own example data: positionName, area, and a root parentId of ""."""
    path = write(
        tmp_path,
        [
            {"id": "1", "parentId": "", "name": "Ada Quist", "positionName": "CEO", "area": "HQ"},
            {
                "id": "2",
                "parentId": "1",
                "name": "Bo Lindqvist",
                "positionName": "Chief Marketing Officer",
                "area": "Marketing",
            },
        ],
    )
    loaded = read_chart(path)
    assert reports(loaded) == {"Ada Quist": None, "Bo Lindqvist": "Ada Quist"}
    assert loaded.chart.role("2").title == "Chief Marketing Officer"
    assert loaded.chart.role("2").department == "Marketing"


def test_balkan_orgchart_flat_list_with_pid() -> None:
    loaded = read_chart(FIXTURES / "balkan-orgchart.json")
    assert reports(loaded) == {
        "Henrik Aalto": None,
        "Chiara Bellini": "Henrik Aalto",
        "vacant Marketing Director": "Chiara Bellini",
        "Oskar Nyberg": "vacant Marketing Director",
        "Fatou Diallo": "Henrik Aalto",
        "Ruben Vos": "Fatou Diallo",  # vacant: false is a filled seat
        "vacant Product Marketing Manager": "Chiara Bellini",
    }
    assert loaded.chart.role("4").dotted_managers == ("2",)  # Oskar Nyberg -> Chiara Bellini
    assert loaded.report.container == "JSON chart data: a flat list with pid"


def test_a_wrapped_people_array() -> None:
    loaded = read_chart(FIXTURES / "wrapped-people.json")
    assert reports(loaded) == {
        "Beatriz Lacerda": None,
        "Samuel Achebe": "Beatriz Lacerda",
        "vacant Demand Generation Manager": "Samuel Achebe",
        "Klara Novak": "Samuel Achebe",
        "Tariq Mansour": "Beatriz Lacerda",
        "vacant Operations Manager": "Tariq Mansour",
    }
    assert loaded.chart.role("A4").dotted_managers == ("A5",)  # Klara Novak -> Tariq Mansour
    assert loaded.report.container == 'JSON chart data: a flat list with parentId in "people"'


def test_a_nested_children_tree() -> None:
    loaded = read_chart(FIXTURES / "nested-children.json")
    assert reports(loaded) == {
        "Wilhelmina Sørensen": None,
        "Emeka Obi": "Wilhelmina Sørensen",
        "Lucía Herrera": "Emeka Obi",
        "vacant SEO Manager": "Lucía Herrera",
        "Mattias Berg": "Lucía Herrera",
        "Ilse Vermeulen": "Wilhelmina Sørensen",
        "vacant Operations Manager": "Ilse Vermeulen",
    }
    mattias = next(r for r in loaded.chart if r.person == "Mattias Berg")
    ilse = next(r for r in loaded.chart if r.person == "Ilse Vermeulen")
    assert mattias.dotted_managers == (ilse.id,)  # a dotted line given by name
    assert loaded.report.container == "JSON chart data: nested children"


def test_map_names_a_json_key_like_a_column(tmp_path: Path) -> None:
    people = [
        {"key": "p1", "boss": "", "fullName": "Ana Ruiz", "jobTitle": "Chief Executive Officer"},
        {"key": "p2", "boss": "p1", "fullName": "Bo Lindgren", "jobTitle": "Marketing Director"},
    ]
    path = write(tmp_path, {"data": people})
    loaded = read_chart(path, mapping={"id": "key", "manager": "boss"})
    assert reports(loaded) == {"Ana Ruiz": None, "Bo Lindgren": "Ana Ruiz"}


def test_cli_inspect_names_the_convention(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["inspect", str(FIXTURES / "balkan-orgchart.json")], out=out) == 0
    assert "Read from: JSON chart data: a flat list with pid" in out.getvalue()
    assert "manager <- 'pid'" in out.getvalue()


def test_cli_import_and_validate_take_json(tmp_path: Path) -> None:
    target = tmp_path / "nested.orgm"
    source = str(FIXTURES / "nested-children.json")
    assert main(["import", source, "-o", str(target)], out=io.StringIO()) == 0
    assert reports(read_chart(target))["Mattias Berg"] == "Lucía Herrera"
    assert main(["validate", source], out=io.StringIO()) in (0, 1)


def test_a_json_error_about_the_header_names_no_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, [{"name": "Ana Ruiz", "colour": "teal"}])
    assert main(["validate", str(path)], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith("orgmodel: chart.json: no column holds ")
    assert "line 0" not in err


def test_a_tree_under_a_key_with_collapsed_nodes(tmp_path: Path) -> None:
    # d3 keeps the reports of a collapsed node in _children.
    tree = {
        "name": "Ana Ruiz",
        "title": "Chief Executive Officer",
        "children": [
            {
                "name": "Bo Lindgren",
                "title": "Chief Marketing Officer",
                "_children": [{"name": "Cy Dow", "title": "Brand Manager"}],
            }
        ],
        "_children": [{"name": "Di Amari", "title": "Chief Operating Officer"}],
    }
    loaded = read_chart(write(tmp_path, {"version": 1, "data": tree}))
    assert reports(loaded) == {
        "Ana Ruiz": None,
        "Bo Lindgren": "Ana Ruiz",
        "Cy Dow": "Bo Lindgren",
        "Di Amari": "Ana Ruiz",
    }
    assert loaded.report.container == 'JSON chart data: nested children in "data"'


def test_a_flat_list_whose_children_are_ids_stays_flat(tmp_path: Path) -> None:
    people = [
        {"id": 1, "name": "Ana Ruiz", "title": "CEO", "children": [2]},
        {"id": 2, "parentId": 1, "name": "Bo Lindgren", "title": "CMO", "children": []},
    ]
    loaded = read_chart(write(tmp_path, people))
    assert reports(loaded) == {"Ana Ruiz": None, "Bo Lindgren": "Ana Ruiz"}
    assert loaded.report.container == "JSON chart data: a flat list with parentId"


# --- what cannot be read -------------------------------------------------------------


def test_an_item_that_is_not_an_object_is_set_aside_with_its_position(tmp_path: Path) -> None:
    people = [
        {"id": 1, "name": "Ana Ruiz", "title": "CEO"},
        "Bo Li",
        {},
        {"id": 4, "parentId": 1, "name": "Cy Dow", "title": "CMO"},
    ]
    path = write(tmp_path, {"people": people})
    table = read_json_rows(path)
    assert column(table, "id") == ["1", "4"]
    assert reports(read_chart(path)) == {"Ana Ruiz": None, "Cy Dow": "Ana Ruiz"}
    assert table.notes == (
        "item 2 (people[1]) is a string, not an object; not imported",
        "item 3 (people[2]) has no values; not imported",
    )


def test_invalid_json_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"id": 1,\n  "name": "Ana Ruiz"\n', encoding="utf-8")
    with pytest.raises(ChartReadError) as error:
        read_json_rows(path)
    assert str(error.value).startswith("broken.json, line 4: this is not valid JSON (")


def test_a_tree_deeper_than_any_organisation_is_refused(tmp_path: Path) -> None:
    node: dict[str, object] = {"name": "Last"}
    for level in range(json_rows.MAX_DEPTH + 5):
        node = {"name": f"Level {level}", "children": [node]}
    with pytest.raises(ChartReadError) as error:
        read_json_rows(write(tmp_path, node, "deep.json"))
    assert f"is nested more than {json_rows.MAX_DEPTH} levels deep" in str(error.value)
    assert str(error.value).startswith(f"deep.json: item {json_rows.MAX_DEPTH + 1} (children[0].")


def test_json_nested_past_the_parser_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bomb.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ChartReadError, match="nested too deeply"):
        read_json_rows(path)


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_rows, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path, [{"id": n, "name": "x" * 100} for n in range(20_000)])
    with pytest.raises(ChartReadError, match="JSON files larger than 1 MB are refused"):
        read_json_rows(path)


def test_children_that_are_not_a_list_name_the_item(tmp_path: Path) -> None:
    path = write(tmp_path, {"name": "Ana Ruiz", "children": [{"name": "Bo Li", "children": 3}]})
    with pytest.raises(ChartReadError) as error:
        read_json_rows(path)
    assert str(error.value) == (
        'chart.json: item 2 (children[0]): "children" is a number, not an array'
    )


def test_an_object_without_people_says_what_was_looked_for(tmp_path: Path) -> None:
    with pytest.raises(ChartReadError, match='looked for "people", "nodes", "data"'):
        read_json_rows(write(tmp_path, {"version": 3, "settings": {"zoom": 1}}))


def test_places_are_named_as_items(tmp_path: Path) -> None:
    people = [
        {"id": 1, "name": "Ana Ruiz", "title": "Chief Executive Officer"},
        {"id": 2, "pid": 1, "name": "Bo Lindgren", "title": "Chief Marketing Officer"},
        {"id": 3, "pid": 2, "name": "Cy Dow", "title": "Brand Manager"},
        {"id": 4, "pid": "E-404", "name": "Di Amari", "title": "SEO Manager"},
    ]
    path = write(tmp_path, people)
    loaded = read_chart(path)
    assert reports(loaded) == {
        "Ana Ruiz": None,
        "Bo Lindgren": "Ana Ruiz",
        "Cy Dow": "Bo Lindgren",
        "Di Amari": "unknown E-404",  # no item has that id
    }
    assert loaded.report.unit == "item"
    out = io.StringIO()
    assert main(["inspect", str(path)], out=out) == 0
    assert "  item 4: 'E-404' matches no row" in out.getvalue()


_KEYS = ["id", "parentId", "pid", "name", "title", "children", "_children", "open", "dotted"]
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from([*_KEYS, "people", "data", "x"]), inner, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_JSON)
def test_any_json_reads_or_says_why_in_a_sentence(tmp_path: Path, data: object) -> None:
    path = tmp_path / "any.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        loaded = read_chart(path)
    except ChartReadError as error:
        assert str(error).startswith("any.json")
        return
    # Whatever was read is a chart whose every line points at a role or is reported.
    ids = {r.id for r in loaded.chart}
    assert loaded.report is not None
    unresolved = {value for _item, value in loaded.report.unresolved_managers}
    for role in loaded.chart:
        assert role.manager is None or role.manager in ids or role.manager in unresolved
