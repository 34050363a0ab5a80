from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import pytest

from orgmodel.cli import main
from orgmodel.diff import diff_charts
from orgmodel.fileformat import save_chart
from orgmodel.model import Chart, Employment, Role, Stage


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def before_chart() -> Chart:
    return Chart(
        "Kestrel Foods",
        Stage.ESTABLISHED,
        [
            Role("C1", "Chief Executive Officer", "ceo", person="Ada Quill"),
            Role("M1", "Chief Marketing Officer", "cmo", person="Bram Tull", manager="C1"),
            Role("O1", "Chief Operating Officer", "coo", person="Cleo Varn", manager="C1"),
            Role("V1", "VP Marketing", "vp-marketing", person="Dov Pell", manager="M1"),
            Role("D1", "Marketing Director", "marketing-director", person="Eve Lark", manager="V1"),
            Role("S1", "SEO Specialist", "seo-specialist", person="Finn Oda", manager="D1"),
            Role("S2", "Content Specialist", "content-specialist", person="Gia Moss", manager="D1"),
            Role("B1", "Brand Manager", "brand-manager", person="Hal Rook", manager="D1"),
            Role(
                "S3",
                "Email Marketing Specialist",
                "email-marketing-specialist",
                person="Ida Wren",
                manager="D1",
                dotted_managers=["O1"],
            ),
            # A second top: the multiple-tops warning the reorg resolves.
            Role("X1", "Operations Analyst", "operations-analyst", person="Jon Pike"),
        ],
    )


def after_chart() -> Chart:
    old = before_chart()
    roles = {role.id: role for role in old.roles}
    roles["S1"] = attrs.evolve(
        roles["S1"],
        manager="V1",
        employment=Employment.CONTRACTOR,
        dotted_managers=["O1"],
    )
    roles["D1"] = attrs.evolve(
        roles["D1"], title="Head of Marketing", responsibilities=["marketing-plan", "events"]
    )
    roles["B1"] = attrs.evolve(
        roles["B1"], title="Product Marketing Manager", kind="product-marketing-manager"
    )
    roles["S3"] = attrs.evolve(roles["S3"], dotted_managers=[])
    roles["X1"] = attrs.evolve(roles["X1"], manager="O1")
    del roles["S2"]
    roles["N1"] = Role(
        "N1", "Social Media Specialist", "social-media-specialist", person="Kai Dunn", manager="D1"
    )
    return old.with_roles(roles.values())


def test_every_change_kind_is_listed_with_its_before_and_after() -> None:
    old, new = before_chart(), after_chart()
    diff = diff_charts(old, new)
    seen = {(c.kind, c.role, c.before, c.after) for c in diff.changes}
    assert ("added", "N1", "", "Eve Lark (Head of Marketing)") in seen
    assert ("removed", "S2", "Eve Lark (Marketing Director)", "") in seen
    assert ("moved", "S1", "Eve Lark (Marketing Director)", "Dov Pell (VP Marketing)") in seen
    assert ("moved", "X1", "nobody (the top)", "Cleo Varn (Chief Operating Officer)") in seen
    assert ("retitled", "D1", "Marketing Director", "Head of Marketing") in seen
    assert ("re-kinded", "B1", "Brand Manager", "Product Marketing Manager") in seen
    assert ("employment", "S1", "full-time", "contractor") in seen
    assert ("dotted-added", "S1", "", "Cleo Varn (Chief Operating Officer)") in seen
    assert ("dotted-removed", "S3", "Cleo Varn (Chief Operating Officer)", "") in seen
    given = {c.after for c in diff.of_kind("responsibility-given") if c.role == "D1"}
    taken = {c.before for c in diff.of_kind("responsibility-taken") if c.role == "D1"}
    assert given == {"Events"}
    assert "Brand strategy and brand awareness" not in given
    assert taken and "Events" not in taken
    # Roles nobody touched have no change.
    assert not [c for c in diff.changes if c.role in ("C1", "M1", "O1")]
    assert diff.moved_roles == {"S1": "D1", "X1": None}


def test_findings_resolved_and_new_name_their_rule_and_roles() -> None:
    diff = diff_charts(before_chart(), after_chart())
    resolved = {(f.rule, f.roles) for f in diff.resolved}
    assert ("multiple-tops", ("C1", "X1")) in resolved
    assert not diff.adds_error


def test_a_reorg_that_breaks_a_rule_exits_one(tmp_path: Path) -> None:
    old = before_chart()
    # The VP moves under the director it used to manage: a reporting loop.
    broken = old.with_role(attrs.evolve(old.role("V1"), manager="D1"))
    save_chart(old, tmp_path / "old.orgm")
    save_chart(broken, tmp_path / "new.orgm")
    code, out = run("diff", str(tmp_path / "old.orgm"), str(tmp_path / "new.orgm"))
    assert code == 1
    assert "Dov Pell (VP Marketing) moved: Bram Tull (Chief Marketing Officer) → Eve Lark" in out
    new_section = out[out.index("FINDINGS NEW") :]
    assert "[reporting-cycle] error" in new_section
    # Its roles are named as the changes name them, not by bare id.
    assert "Dov Pell (VP Marketing) [V1]" in new_section
    assert "(roles: V1" not in new_section
    assert "NEW adds an error finding." in out
    # The other way round the loop is resolved and nothing new is an error.
    code, out = run("diff", str(tmp_path / "new.orgm"), str(tmp_path / "old.orgm"))
    assert code == 0
    assert "[reporting-cycle]" in out[out.index("FINDINGS RESOLVED") : out.index("FINDINGS NEW")]


def test_unreadable_input_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_chart(before_chart(), tmp_path / "old.orgm")
    (tmp_path / "broken.orgm").write_text("{not json", encoding="utf-8")
    code, _ = run("diff", str(tmp_path / "old.orgm"), str(tmp_path / "broken.orgm"))
    assert code == 2
    assert "broken.orgm" in capsys.readouterr().err
    code, _ = run("diff", str(tmp_path / "missing.orgm"), str(tmp_path / "old.orgm"))
    assert code == 2


OLD_CSV = """Employee ID,Full Name,Job Title,Manager ID
E1,Rosa Venn,Chief Executive Officer,
E2,Tariq Holm,Chief Marketing Officer,E1
E3,Uma Stiles,Marketing Director,E2
E4,Vik Arden,SEO Specialist,E3
E5,Wes Arlo,Content Marketing Specialist,E3
"""

NEW_CSV = """Employee ID,Full Name,Job Title,Manager ID
P10,Rosa Venn,Chief Executive Officer,
P20,Tariq Holm,Chief Marketing Officer,P10
P30,Uma Stiles,Marketing Director,P20
P40,Vik Arden,SEO Specialist,P20
P60,=1+2,Social Media Specialist,P30
"""


def test_csv_pair_with_renamed_ids_is_matched_by_name(tmp_path: Path) -> None:
    (tmp_path / "jan.csv").write_text(OLD_CSV, encoding="utf-8")
    (tmp_path / "mar.csv").write_text(NEW_CSV, encoding="utf-8")
    code, out = run(
        "diff", str(tmp_path / "jan.csv"), str(tmp_path / "mar.csv"), "--format", "json"
    )
    document = json.loads(out)
    assert code == 0
    assert {(m["old"], m["new"]) for m in document["matched_by_name"]} == {
        ("E1", "P10"),
        ("E2", "P20"),
        ("E3", "P30"),
        ("E4", "P40"),
    }
    changes = {(c["change"], c["role"]) for c in document["changes"]}
    assert changes == {("moved", "P40"), ("removed", "E5"), ("added", "P60")}
    moved = next(c for c in document["changes"] if c["change"] == "moved")
    assert moved["matched_by"] == "name" and moved["old_id"] == "E4"
    assert moved["before"] == "Uma Stiles (Marketing Director)"
    assert moved["after"] == "Tariq Holm (Chief Marketing Officer)"
    assert "matched by name: id E4 → P40" in moved["description"]

    code, text = run("diff", str(tmp_path / "jan.csv"), str(tmp_path / "mar.csv"))
    assert "Matched by person name, ids changed (4): E1 → P10" in text

    code, table = run(
        "diff", str(tmp_path / "jan.csv"), str(tmp_path / "mar.csv"), "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(table)))
    kinds = [row["change"] for row in rows]
    assert kinds.count("moved") == 1 and kinds.count("added") == 1 and kinds.count("removed") == 1
    assert list(rows[0]) == [
        "change", "role", "old_id", "matched_by", "label", "before", "after",
        "rule", "severity", "message",
    ]  # fmt: skip
    removed = next(row for row in rows if row["change"] == "finding-resolved")
    assert removed["rule"] and removed["message"] and removed["severity"]
    added = next(row for row in rows if row["change"] == "added")
    assert added["label"] == "'=1+2 (Social Media Specialist)"  # a spreadsheet will not run it


def test_coverage_and_spans_move_before_to_after() -> None:
    diff = diff_charts(before_chart(), after_chart())
    bands_before = {b.label: len(b.managers) for b in diff.spans_before.bands}
    bands_after = {b.label: len(b.managers) for b in diff.spans_after.bands}
    # D1 led SEO, content, brand and email (4); after: brand, email and social (3).
    assert bands_before == {
        "1": 2,
        "2\N{EN DASH}3": 1,
        "4\N{EN DASH}7": 1,
        "8\N{EN DASH}12": 0,
        "13\N{EN DASH}16": 0,
        "17+": 0,
    }
    assert bands_after == {
        "1": 2,
        "2\N{EN DASH}3": 3,
        "4\N{EN DASH}7": 0,
        "8\N{EN DASH}12": 0,
        "13\N{EN DASH}16": 0,
        "17+": 0,
    }
    assert diff.spans_before.single_report_managers == ("M1", "V1")
    assert diff.spans_after.single_report_managers == ("M1", "O1")
    # The analyst who reported to nobody now sits under the COO: one layer more.
    assert diff.spans_before.layers_by_function["operations"] == 2
    assert diff.spans_after.layers_by_function["operations"] == 3
    marketing = next(c for c in diff.coverage if c.function == "marketing")
    assert marketing.before is not None and marketing.after is not None
    # Social media came with the new hire and events with the director; content left
    # with the removed specialist.
    assert {"social-media", "events"} <= set(marketing.before.gaps)
    assert not {"social-media", "events"} & set(marketing.after.gaps)
    assert "content-marketing" in marketing.after.gaps
    _, out = run_diff_text(diff)
    assert "managers by span: 1: " in out


def run_diff_text(diff: object) -> tuple[int, str]:
    from orgmodel.cli.diff import print_diff_text
    from orgmodel.diff import ChartDiff

    assert isinstance(diff, ChartDiff)
    out = io.StringIO()
    print_diff_text(diff, "a.orgm", "b.orgm", out)
    return 0, out.getvalue()


def test_map_and_stage_apply_to_both_files(tmp_path: Path) -> None:
    header = "Employee ID,Full Name,Job Title,Line Lead Code\n"
    old = header + "A1,Zed Orla,Chief Executive Officer,\nA2,Yun Pax,Fractional CMO,A1\n"
    new = old + "A3,Xia Rune,Marketing Manager,A2\n"
    (tmp_path / "old.csv").write_text(old, encoding="utf-8")
    (tmp_path / "new.csv").write_text(new, encoding="utf-8")
    args = ["diff", str(tmp_path / "old.csv"), str(tmp_path / "new.csv"), "--format", "json"]
    code, out = run(*args, "--map", "manager=Line Lead Code", "--stage", "startup")
    document = json.loads(out)
    assert [(c["change"], c["role"], c["after"]) for c in document["changes"]] == [
        ("added", "A3", "Yun Pax (Fractional CMO)")
    ]
    resolved = {f["rule"] for f in document["findings"]["resolved"]}
    assert "fractional-cmo-needs-marketing-lead" in resolved
    # Read as a startup, the fractional CMO is a finding in both versions.
    assert "fractional-needs-established-business" not in resolved
    new_rules = {f["rule"] for f in document["findings"]["new"]}
    assert "fractional-needs-established-business" not in new_rules
    assert code == 0
    code, _ = run(*args)  # without --map the manager column is not found
    assert code == 2


def test_who_holds_a_seat_its_department_and_experience_are_changes() -> None:
    old = Chart(
        name="before",
        roles=[
            Role(id="C", title="CEO", kind="ceo", person="Ines Duarte"),
            Role(id="M", title="CMO", kind="cmo", person="Kofi Mensah", manager="C",
                 department="Marketing", years_in_marketing=18.0),
            Role(id="V", title="VP Marketing", kind="vp-marketing", person="Lea Brandt",
                 manager="M"),
            Role(id="D", title="Marketing Director", kind="marketing-director", manager="V"),
        ],
    )  # fmt: skip
    new = old.with_roles(
        [
            old.role("C"),
            attrs.evolve(old.role("M"), person="Rosa Quint", department="Growth",
                         years_in_marketing=21.0),
            attrs.evolve(old.role("V"), person=None),
            attrs.evolve(old.role("D"), person="Tomas Ek"),
        ]
    )  # fmt: skip
    seen = {(c.kind, c.role, c.before, c.after) for c in diff_charts(old, new).changes}
    assert ("person", "M", "Kofi Mensah", "Rosa Quint") in seen
    assert ("person", "V", "Lea Brandt", "") in seen
    assert ("person", "D", "", "Tomas Ek") in seen
    assert ("department", "M", "Marketing", "Growth") in seen
    assert ("experience", "M", "years in marketing: 18 years", "21 years") in seen
    described = [c.description for c in diff_charts(old, new).changes]
    assert any("left vacant (was Lea Brandt)" in d for d in described)
    # The seat is named by its title, not by the person who now holds it.
    assert "The CMO seat: Kofi Mensah → Rosa Quint" in described
    assert "The VP Marketing seat left vacant (was Lea Brandt)" in described
    assert "The Marketing Director seat filled by Tomas Ek" in described
