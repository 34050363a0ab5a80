"""The top of the chart: a manager reference that matches no row and that
only the top shares (a placeholder id, the board, the organisation's own
node) means "reports to nobody", with no unknown-manager. Names are invented."""

from __future__ import annotations

from pathlib import Path

from orgmodel.importing.pipeline import import_csv
from orgmodel.rules import validate

from .csvfiles import managers, write

IMPORTS = Path(__file__).parent.parent / "data" / "imports"


def roots(lines: dict[str, str | None]) -> list[str]:
    return [role for role, boss in lines.items() if boss is None]


def test_salesforce_placeholder_manager_is_the_top() -> None:
    report = import_csv(IMPORTS / "salesforce_users.csv")
    lines = managers(report)
    ceo = "0058d00000A1bCdAAJ"
    assert report.chart.role(ceo).title == "Chief Executive Officer"
    assert lines["0058d00000A1bCeAAJ"] == ceo
    assert lines["0058d00000A1bChAAJ"] == "0058d00000A1bCeAAJ"
    # Cornelius is inactive: his sales representative moves to the VP Sales.
    assert "0058d00000A1bCmAAJ" not in lines
    assert lines["0058d00000A1bCnAAJ"] == "0058d00000A1bCgAAJ"
    assert roots(lines) == [ceo, "0058d00000A1bCoAAJ"]  # and the integration user
    assert report.unresolved_managers == ()
    assert (2, "000000000000000AAA") in report.tops
    assert "unknown-manager" not in {f.rule for f in validate(report.chart)}


def test_a_manager_email_of_the_board_is_the_top() -> None:
    report = import_csv(IMPORTS / "board_email_root.csv")
    lines = managers(report)
    assert roots(lines) == ["N-01"]
    assert lines["N-02"] == lines["N-03"] == "N-01"
    assert lines["N-05"] == "N-04"
    assert report.manager_column == "Manager Email"
    assert report.tops == ((2, "board@northwind.example"),)
    assert report.unresolved_managers == ()
    assert any("board@northwind.example" in n and "top of the chart" in n for n in report.notes)


def test_the_organisations_own_node_in_a_parent_id_file_is_the_top() -> None:
    report = import_csv(IMPORTS / "parent_root_node.csv")
    lines = managers(report)
    assert roots(lines) == ["p-ceo"]
    assert lines["p-seo"] == "p-md"
    assert lines["p-ops"] == "p-coo"
    assert report.tops == ((2, "harbourline-group"),)
    assert report.unresolved_managers == ()
    assert "unknown-manager" not in {f.rule for f in validate(report.chart)}


def test_a_missing_manager_of_many_rows_stays_unknown(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id,parentId,name,title",
        "a,,Ada Quist,Chief Executive Officer",
        "b,zz,Bo Lindqvist,Marketing Manager",
        "c,zz,Cy Moravec,Marketing Manager",
        "d,zz,Di Okafor,SEO Specialist",
    )
    report = import_csv(path)
    assert managers(report)["b"] == "zz"
    assert len(report.unresolved_managers) == 3
    assert report.tops == ()
