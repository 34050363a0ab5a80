"""Chart edits: results, every refusal, and that no sequence of edits makes a loop."""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel import edits
from orgmodel.catalogue import load_catalogue
from orgmodel.edits import (
    EditError,
    add_dotted_line,
    add_role,
    duplicate_role,
    new_role_id,
    remove_dotted_line,
    remove_roles,
    reparent,
    reports_moving_up,
    update_role,
)
from orgmodel.hierarchy import cycles
from orgmodel.model import Chart, Employment, Role
from orgmodel.rules import validate

CATALOGUE = load_catalogue()


def make_chart() -> Chart:
    """ceo <- cmo <- mm <- (sms, cs); ceo <- coo. cs has a dotted line to coo."""
    return Chart(
        "Acme",
        roles=[
            Role("ceo", "Chief Executive Officer", "ceo", person="Ada Park"),
            Role("cmo", "Chief Marketing Officer", "cmo", person="Sam Okafor", manager="ceo"),
            Role("mm", "Marketing Manager", "marketing-manager", person="Grace Liu", manager="cmo"),
            Role(
                "sms",
                "Social Media Specialist",
                "social-media-specialist",
                person="Leo Martin",
                manager="mm",
            ),
            Role(
                "cs",
                "Content Marketing Specialist",
                "content-specialist",
                manager="mm",
                dotted_managers=["coo"],
            ),
            Role("coo", "Chief Operating Officer", "coo", person="Priya Shah", manager="ceo"),
        ],
    )


def managers(chart: Chart) -> dict[str, str | None]:
    return {role.id: role.manager for role in chart.roles}


def refused(sentence: str) -> pytest.RaisesExc[EditError]:
    """Expect an EditError whose message is exactly ``sentence``."""
    return pytest.raises(EditError, match=f"^{re.escape(sentence)}$")


def chain(size: int) -> Chart:
    """r0 <- r1 <- ... <- r{size-1}."""
    return Chart(
        "chain",
        roles=[
            Role(f"r{i}", f"Role {i}", "marketing-manager", manager=f"r{i - 1}" if i else None)
            for i in range(size)
        ],
    )


# --- new_role_id ---------------------------------------------------------------------------


def test_new_role_id_is_r1_for_an_empty_chart() -> None:
    assert new_role_id(Chart("empty")) == "R1"


def test_new_role_id_takes_the_first_free_number() -> None:
    chart = Chart("t", roles=[Role(i, i, "ceo") for i in ("R1", "R3", "R2x", "R02", "boss", "R5")])
    assert new_role_id(chart) == "R2"


def test_new_role_id_after_a_full_run_is_the_next_number() -> None:
    chart = Chart("t", roles=[Role(f"R{n}", "x", "ceo") for n in range(1, 51)])
    assert new_role_id(chart) == "R51"


# --- add_role -------------------------------------------------------------------------------


def test_add_role_appends_a_vacant_full_time_role_named_after_its_kind() -> None:
    chart = make_chart()
    result, role_id = add_role(chart, "brand-manager", "cmo")
    assert role_id == "R1"
    assert [r.id for r in result.roles] == [*(r.id for r in chart.roles), "R1"]
    role = result.role("R1")
    assert role == Role("R1", "Brand Manager", "brand-manager", manager="cmo")
    assert role.vacant and role.employment is Employment.FULL_TIME


def test_add_role_without_a_manager_reports_to_nobody_and_uses_the_given_catalogue() -> None:
    catalogue = attrs.evolve(
        CATALOGUE, kinds={"ceo": attrs.evolve(CATALOGUE.kinds["ceo"], name="Founder")}
    )
    result, role_id = add_role(Chart("empty"), "ceo", catalogue=catalogue)
    assert result.roles == (Role(role_id, "Founder", "ceo"),)


def test_add_role_refuses_an_unknown_kind() -> None:
    with refused("There is no role kind 'wizard' in the catalogue."):
        add_role(make_chart(), "wizard", "cmo")


def test_add_role_refuses_a_manager_not_in_the_chart() -> None:
    with refused(
        "The new Brand Manager cannot report to 'ghost': there is no such role in the chart."
    ):
        add_role(make_chart(), "brand-manager", "ghost")


# --- reports_moving_up ----------------------------------------------------------------------


def test_reports_moving_up_lists_direct_reports_that_stay_in_chart_order() -> None:
    chart = make_chart()
    assert [r.id for r in reports_moving_up(chart, ["mm"])] == ["sms", "cs"]
    assert [r.id for r in reports_moving_up(chart, {"mm", "sms"})] == ["cs"]
    assert [r.id for r in reports_moving_up(chart, ["ceo"])] == ["cmo", "coo"]
    assert reports_moving_up(chart, ["sms"]) == []


def test_reports_moving_up_refuses_a_lone_id_string() -> None:
    with pytest.raises(TypeError):
        reports_moving_up(make_chart(), "mm")


# --- remove_roles ---------------------------------------------------------------------------


def test_remove_roles_moves_reports_up_to_the_nearest_ancestor_that_stays() -> None:
    result = remove_roles(make_chart(), ["cmo", "mm"])
    assert managers(result) == {"ceo": None, "sms": "ceo", "cs": "ceo", "coo": "ceo"}


def test_remove_roles_keeps_the_order_of_the_remaining_roles() -> None:
    result = remove_roles(make_chart(), ["mm"])
    assert [r.id for r in result.roles] == ["ceo", "cmo", "sms", "cs", "coo"]
    assert managers(result)["sms"] == "cmo"


def test_removing_the_top_leaves_its_reports_reporting_to_nobody() -> None:
    result = remove_roles(make_chart(), ["ceo"])
    assert managers(result)["cmo"] is None and managers(result)["coo"] is None


def test_remove_roles_drops_dotted_lines_to_removed_roles() -> None:
    result = remove_roles(make_chart(), ["coo"])
    assert result.role("cs").dotted_managers == ()
    assert result.role("cs").manager == "mm"


def test_a_dotted_line_the_new_solid_line_repeats_is_dropped() -> None:
    chart = add_dotted_line(make_chart(), "sms", "cmo")
    result = remove_roles(chart, ["mm"])
    assert result.role("sms").manager == "cmo"
    assert result.role("sms").dotted_managers == ()


def test_remove_roles_leaves_untouched_roles_identical() -> None:
    chart = make_chart()
    result = remove_roles(chart, ["sms"])
    assert result.role("cmo") is chart.role("cmo")


def test_remove_roles_with_nothing_to_remove_is_the_same_chart() -> None:
    chart = make_chart()
    assert remove_roles(chart, []) is chart


def test_remove_roles_refuses_an_id_not_in_the_chart() -> None:
    with refused("There is no role 'ghost' in the chart."):
        remove_roles(make_chart(), ["mm", "ghost"])


def test_remove_roles_refuses_a_lone_id_string() -> None:
    with pytest.raises(TypeError):
        remove_roles(make_chart(), "mm")


def test_remove_roles_copes_with_loops_already_in_the_chart() -> None:
    # a -> b -> c -> a is a loop; x reports into it; y reports to a dangling id.
    roles = [
        Role(i, i, "marketing-manager", manager=m)
        for i, m in [("a", "b"), ("b", "c"), ("c", "a"), ("x", "b"), ("d", "ghost"), ("e", "d")]
    ]
    chart = Chart("t", roles=roles)
    assert managers(remove_roles(chart, ["b", "c"])) == {
        "a": None,
        "x": "a",
        "d": "ghost",
        "e": "d",
    }
    assert managers(remove_roles(chart, ["a", "b", "c"]))["x"] is None
    assert managers(remove_roles(chart, ["d"]))["e"] is None


def test_remove_every_other_role_of_a_long_chain_without_recursion() -> None:
    size = 20_000
    chart = chain(size)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        result = remove_roles(chart, [f"r{i}" for i in range(1, size, 2)])
        everything_but_the_last = remove_roles(chart, [f"r{i}" for i in range(size - 1)])
    finally:
        sys.setrecursionlimit(limit)
    assert len(result) == size // 2
    assert managers(result) == {f"r{i}": (f"r{i - 2}" if i else None) for i in range(0, size, 2)}
    assert managers(everything_but_the_last) == {f"r{size - 1}": None}


def _remove_one_at_a_time(chart: Chart, role_ids: set[str]) -> Chart:
    """A slow, obviously right reference: remove roles one by one."""
    for role_id in role_ids:
        gone = chart.role(role_id)
        roles = []
        for role in chart.roles:
            if role.id == role_id:
                continue
            if role.manager == role_id:
                dotted = tuple(d for d in role.dotted_managers if d != gone.manager)
                role = attrs.evolve(role, manager=gone.manager, dotted_managers=dotted)
            dotted = tuple(d for d in role.dotted_managers if d != role_id)
            roles.append(attrs.evolve(role, dotted_managers=dotted))
        chart = chart.with_roles(roles)
    return chart


@st.composite
def forests(draw: st.DrawFn, *, tangled: bool = False) -> Chart:
    """A small acyclic chart: each role's manager, if any, comes earlier.
    ``tangled``: managers may be anyone, loops and an unknown id (n{size}) included."""
    size = draw(st.integers(1, 9))
    roles = []
    for i in range(size):
        if tangled:
            manager = draw(st.none() | st.integers(0, size))
        else:
            manager = draw(st.none() | st.integers(0, i - 1)) if i else None
        dotted = draw(st.sets(st.integers(0, size if tangled else size - 1), max_size=2))
        roles.append(
            Role(
                f"n{i}",
                f"Title {i}",
                "marketing-manager",
                manager=None if manager is None else f"n{manager}",
                dotted_managers=[f"n{d}" for d in sorted(dotted) if d not in (i, manager)],
            )
        )
    return Chart("forest", roles=roles)


@given(forests(), st.data())
def test_remove_roles_agrees_with_removing_one_at_a_time(chart: Chart, data: st.DataObject) -> None:
    ids = [r.id for r in chart.roles]
    removed = data.draw(st.sets(st.sampled_from(ids)))
    assert remove_roles(chart, removed) == _remove_one_at_a_time(chart, removed)


# --- reparent -------------------------------------------------------------------------------


def test_reparent_moves_the_whole_subtree() -> None:
    result = reparent(make_chart(), "mm", "coo")
    assert managers(result) == {**managers(make_chart()), "mm": "coo"}
    assert [r.id for r in result.roles] == [r.id for r in make_chart().roles]


def test_reparent_to_nobody() -> None:
    assert reparent(make_chart(), "cmo", None).role("cmo").manager is None


def test_reparent_to_the_current_manager_is_the_same_chart() -> None:
    chart = make_chart()
    assert reparent(chart, "mm", "cmo") is chart
    assert reparent(chart, "ceo", None) is chart


def test_reparent_replaces_a_dotted_line_to_the_new_manager() -> None:
    result = reparent(make_chart(), "cs", "coo")
    assert result.role("cs").manager == "coo"
    assert result.role("cs").dotted_managers == ()


def test_reparent_keeps_other_dotted_lines() -> None:
    chart = add_dotted_line(make_chart(), "cs", "ceo")
    assert reparent(chart, "cs", "cmo").role("cs").dotted_managers == ("coo", "ceo")


def test_reparent_refuses_an_unknown_role() -> None:
    with refused("There is no role 'ghost' in the chart."):
        reparent(make_chart(), "ghost", "ceo")


def test_reparent_refuses_an_unknown_manager() -> None:
    with refused(
        "Grace Liu (Marketing Manager) cannot report to 'ghost': "
        "there is no such role in the chart."
    ):
        reparent(make_chart(), "mm", "ghost")


def test_reparent_refuses_reporting_to_oneself() -> None:
    with refused("The vacant Content Marketing Specialist seat cannot report to themselves."):
        reparent(make_chart(), "cs", "cs")


def test_reparent_refuses_a_direct_report_as_manager() -> None:
    with refused(
        "Grace Liu (Marketing Manager) cannot report to Leo Martin (Social Media Specialist): "
        "that role reports to them already, so the lines would loop."
    ):
        reparent(make_chart(), "mm", "sms")


def test_reparent_refuses_a_manager_deeper_in_the_subtree() -> None:
    with refused(
        "Sam Okafor (Chief Marketing Officer) cannot report to the vacant Content Marketing "
        "Specialist seat: that role is below them already, so the lines would loop."
    ):
        reparent(make_chart(), "cmo", "cs")


def test_reparent_names_a_role_without_a_title_by_its_kind() -> None:
    chart = make_chart().with_role(attrs.evolve(make_chart().role("sms"), title=" "))
    with pytest.raises(EditError, match=r"cannot report to Leo Martin \(Social Media Specialist\)"):
        reparent(chart, "mm", "sms")


def test_reparent_out_of_a_loop_already_in_the_chart_is_allowed() -> None:
    roles = [
        Role(i, i, "marketing-manager", manager=m)
        for i, m in [("top", None), ("a", "b"), ("b", "c"), ("c", "a"), ("z", "z")]
    ]
    chart = Chart("t", roles=roles)
    assert list(cycles(reparent(chart, "a", "top"))) == [[chart.role("z")]]
    # Walking up from "a" goes round a loop that does not pass through "top".
    assert reparent(chart, "top", "a").role("top").manager == "a"
    with pytest.raises(EditError, match="would loop"):
        reparent(chart, "a", "c")
    # Choosing the manager a role has already is no edit, loop or not.
    assert reparent(chart, "a", "b") is chart


# --- duplicate_role -------------------------------------------------------------------------


def test_duplicate_role_is_a_vacant_copy_right_after_the_original() -> None:
    chart = make_chart()
    result, new_id = duplicate_role(chart, "cs")
    assert new_id == "R1"
    assert [r.id for r in result.roles] == ["ceo", "cmo", "mm", "sms", "cs", "R1", "coo"]
    assert result.role("R1") == attrs.evolve(chart.role("cs"), id="R1")


def test_duplicate_role_of_a_filled_role_leaves_the_copy_vacant() -> None:
    chart = make_chart().with_role(
        attrs.evolve(make_chart().role("mm"), years_in_marketing=6, department="Growth")
    )
    result, new_id = duplicate_role(chart, "mm")
    copy_ = result.role(new_id)
    assert copy_.vacant and copy_.person is None
    assert copy_ == attrs.evolve(chart.role("mm"), id=new_id, person=None)
    assert result.role("mm") == chart.role("mm")
    assert managers(result)["sms"] == "mm"


def test_duplicate_role_refuses_an_unknown_role() -> None:
    with refused("There is no role 'ghost' in the chart."):
        duplicate_role(make_chart(), "ghost")


# --- update_role ----------------------------------------------------------------------------


def test_update_role_replaces_the_role_in_place() -> None:
    chart = make_chart()
    changed = attrs.evolve(chart.role("sms"), title="Social Lead", person="Leo M.")
    result = update_role(chart, changed)
    assert result.role("sms") == changed
    assert [r.id for r in result.roles] == [r.id for r in chart.roles]


def test_update_role_with_an_equal_role_is_the_same_chart() -> None:
    chart = make_chart()
    assert update_role(chart, copy.deepcopy(chart.role("mm"))) is chart


def test_update_role_can_change_the_manager() -> None:
    chart = make_chart()
    result = update_role(chart, attrs.evolve(chart.role("mm"), manager="coo"))
    assert result.role("mm").manager == "coo" and result.role("sms").manager == "mm"


def test_update_role_refuses_a_role_not_in_the_chart() -> None:
    with refused("There is no role 'new' in the chart."):
        update_role(make_chart(), Role("new", "Brand Manager", "brand-manager"))


def test_update_role_refuses_a_manager_that_would_loop() -> None:
    chart = make_chart()
    with refused(
        "Grace Liu (Marketing Manager) cannot report to Leo Martin (Social Media Specialist): "
        "that role reports to them already, so the lines would loop."
    ):
        update_role(chart, attrs.evolve(chart.role("mm"), manager="sms"))


def test_update_role_refuses_an_unknown_manager_and_itself_as_manager() -> None:
    chart = make_chart()
    with refused(
        "Grace Liu (Marketing Manager) cannot report to 'ghost': "
        "there is no such role in the chart."
    ):
        update_role(chart, attrs.evolve(chart.role("mm"), manager="ghost"))
    with refused("Grace Liu (Marketing Manager) cannot report to themselves."):
        update_role(chart, attrs.evolve(chart.role("mm"), manager="mm"))


def test_update_role_names_the_role_as_updated() -> None:
    chart = make_chart()
    with refused("Grace Liu (Growth Lead) cannot report to themselves."):
        update_role(chart, attrs.evolve(chart.role("mm"), title="Growth Lead", manager="mm"))


def test_update_role_refuses_a_dotted_line_to_an_unknown_role() -> None:
    chart = make_chart()
    with refused(
        "Leo Martin (Social Media Specialist) cannot have a dotted line to 'ghost': "
        "there is no such role in the chart."
    ):
        update_role(chart, attrs.evolve(chart.role("sms"), dotted_managers=["ghost"]))


def test_update_role_refuses_a_dotted_line_to_itself() -> None:
    chart = make_chart()
    with refused("Leo Martin (Social Media Specialist) cannot have a dotted line to themselves."):
        update_role(chart, attrs.evolve(chart.role("sms"), dotted_managers=["sms"]))


def test_update_role_refuses_a_dotted_line_repeating_the_solid_line() -> None:
    chart = make_chart()
    sentence = (
        "Leo Martin (Social Media Specialist) cannot have a dotted line to Grace Liu "
        "(Marketing Manager): they report to that role on a solid line already."
    )
    with refused(sentence):
        update_role(chart, attrs.evolve(chart.role("sms"), dotted_managers=["mm"]))
    # The same clash, reached by moving the solid line onto an existing dotted line.
    with_dotted = add_dotted_line(chart, "sms", "cmo")
    with pytest.raises(EditError, match=r"dotted line to Sam Okafor \(Chief Marketing Officer\)"):
        update_role(with_dotted, attrs.evolve(with_dotted.role("sms"), manager="cmo"))


def test_update_role_refuses_two_dotted_lines_to_the_same_role() -> None:
    chart = make_chart()
    with refused(
        "The vacant Content Marketing Specialist seat cannot have two dotted lines to "
        "Priya Shah (Chief Operating Officer)."
    ):
        update_role(chart, attrs.evolve(chart.role("cs"), dotted_managers=["coo", "coo"]))


def test_update_role_does_not_refuse_a_dangling_dotted_line_it_did_not_add() -> None:
    chart = make_chart()
    chart = chart.with_role(attrs.evolve(chart.role("cs"), dotted_managers=["coo", "gone"]))
    renamed = attrs.evolve(chart.role("cs"), title="Content Lead")
    assert update_role(chart, renamed).role("cs").title == "Content Lead"


# --- dotted lines ---------------------------------------------------------------------------


def test_add_dotted_line_appends_it() -> None:
    result = add_dotted_line(make_chart(), "cs", "cmo")
    assert result.role("cs").dotted_managers == ("coo", "cmo")
    assert result.role("cs").manager == "mm"


def test_add_dotted_line_refuses_an_unknown_role() -> None:
    with refused("There is no role 'ghost' in the chart."):
        add_dotted_line(make_chart(), "ghost", "cmo")


def test_add_dotted_line_refuses_an_unknown_manager() -> None:
    with refused(
        "Leo Martin (Social Media Specialist) cannot have a dotted line to 'ghost': "
        "there is no such role in the chart."
    ):
        add_dotted_line(make_chart(), "sms", "ghost")


def test_add_dotted_line_refuses_a_line_to_itself() -> None:
    with refused("Leo Martin (Social Media Specialist) cannot have a dotted line to themselves."):
        add_dotted_line(make_chart(), "sms", "sms")


def test_add_dotted_line_refuses_the_solid_manager() -> None:
    with refused(
        "Leo Martin (Social Media Specialist) cannot have a dotted line to Grace Liu (Marketing "
        "Manager): they report to that role on a solid line already."
    ):
        add_dotted_line(make_chart(), "sms", "mm")


def test_add_dotted_line_refuses_a_line_that_exists() -> None:
    with refused(
        "The vacant Content Marketing Specialist seat has a dotted line to Priya Shah (Chief "
        "Operating Officer) already."
    ):
        add_dotted_line(make_chart(), "cs", "coo")


def test_remove_dotted_line_removes_it() -> None:
    assert remove_dotted_line(make_chart(), "cs", "coo").role("cs").dotted_managers == ()


def test_remove_dotted_line_can_remove_a_line_to_a_missing_role() -> None:
    chart = make_chart()
    chart = chart.with_role(attrs.evolve(chart.role("cs"), dotted_managers=["gone", "coo"]))
    assert remove_dotted_line(chart, "cs", "gone").role("cs").dotted_managers == ("coo",)


def test_remove_dotted_line_refuses_a_line_that_does_not_exist() -> None:
    with refused(
        "Leo Martin (Social Media Specialist) has no dotted line to Priya Shah (Chief Operating "
        "Officer)."
    ):
        remove_dotted_line(make_chart(), "sms", "coo")
    with refused("Leo Martin (Social Media Specialist) has no dotted line to 'ghost'."):
        remove_dotted_line(make_chart(), "sms", "ghost")


def test_remove_dotted_line_refuses_an_unknown_role() -> None:
    with refused("There is no role 'ghost' in the chart."):
        remove_dotted_line(make_chart(), "ghost", "coo")


# --- every edit ---------------------------------------------------------------------------


EDITS: dict[str, Callable[[Chart], object]] = {
    "add_role": lambda c: add_role(c, "brand-manager", "cmo"),
    "remove_roles": lambda c: remove_roles(c, ["mm", "coo"]),
    "reparent": lambda c: reparent(c, "cs", "coo"),
    "reparent_all": lambda c: edits.reparent_all(c, ["cs", "mm"], "coo"),
    "duplicate_role": lambda c: duplicate_role(c, "mm"),
    "update_role": lambda c: update_role(c, attrs.evolve(c.role("mm"), manager="coo")),
    "add_dotted_line": lambda c: add_dotted_line(c, "sms", "coo"),
    "remove_dotted_line": lambda c: remove_dotted_line(c, "cs", "coo"),
}


@pytest.mark.parametrize("name", EDITS)
def test_edits_leave_the_input_chart_as_it_was(name: str) -> None:
    chart = make_chart()
    saved = copy.deepcopy(chart)
    result = EDITS[name](chart)
    new_chart = result[0] if isinstance(result, tuple) else result
    assert isinstance(new_chart, Chart) and new_chart != saved
    assert chart == saved
    assert chart.roles == make_chart().roles


def test_every_public_function_is_covered_by_the_input_check() -> None:
    public = {
        name
        for name in dir(edits)
        if callable(getattr(edits, name))
        and getattr(getattr(edits, name), "__module__", None) == edits.__name__
        and not name.startswith("_")
    }
    helpers = {
        "EditError",
        "new_role_id",
        "reports_moving_up",
        "top_most",
        "with_employment",
        "with_person",
    }
    assert public - set(EDITS) == helpers  # helpers take no chart to check


# --- no sequence of edits makes a loop -----------------------------------------------------


KINDS = ["cmo", "marketing-manager", "brand-manager", "social-media-specialist"]
Step = tuple[str, int, int]
steps = st.tuples(
    st.sampled_from(["reparent", "reparent", "add", "remove", "duplicate"]),
    st.integers(0, 30),
    st.integers(-1, 30),
)


def _apply(chart: Chart, step: Step) -> Chart:
    action, i, j = step
    # "ghost" makes some attempts name a role that is not there.
    ids = [role.id for role in chart.roles] + ["ghost"]
    role_id = ids[i % len(ids)]
    other = None if j < 0 else ids[j % len(ids)]
    if action == "reparent":
        return reparent(chart, role_id, other)
    if action == "add":
        return add_role(chart, KINDS[i % len(KINDS)], other, CATALOGUE)[0]
    if action == "remove":
        return remove_roles(chart, {role_id} if other is None else {role_id, other})
    return duplicate_role(chart, role_id)[0]


@settings(max_examples=150, deadline=None)
@given(st.lists(steps, max_size=25))
def test_no_sequence_of_edits_makes_a_reporting_loop(sequence: list[Step]) -> None:
    chart = make_chart()
    for step in sequence:
        try:
            chart = _apply(chart, step)
        except EditError:
            continue
        assert list(cycles(chart)) == []
        assert [f for f in validate(chart, CATALOGUE) if f.rule == "reporting-cycle"] == []


def test_reparent_all_moves_a_manager_with_its_selected_report() -> None:
    from orgmodel.edits import reparent_all, top_most

    chart = Chart(
        "t",
        roles=[
            Role("ceo", "CEO", "ceo"),
            Role("cmo", "CMO", "cmo", manager="ceo"),
            Role("coo", "COO", "coo", manager="ceo"),
            Role("mm", "Marketing Manager", "marketing-manager", manager="cmo"),
            Role("seo", "SEO", "seo-specialist", manager="mm"),
        ],
    )
    assert top_most(chart, ["seo", "mm"]) == ["mm"]
    moved = reparent_all(chart, ["seo", "mm"], "coo")
    assert moved.role("mm").manager == "coo"
    assert moved.role("seo").manager == "mm"  # the team stays together
    assert reparent_all(chart, ["seo", "coo"], "cmo").role("seo").manager == "cmo"


def test_an_edit_error_trims_the_name_it_gives() -> None:
    chart = make_chart()
    padded = chart.with_role(attrs.evolve(chart.role("mm"), person="  Grace Liu "))
    with refused("Grace Liu (Marketing Manager) cannot report to themselves."):
        reparent(padded, "mm", "mm")


def test_a_role_cannot_be_given_a_blank_title() -> None:
    chart = make_chart()
    cmo = chart.role("cmo")
    for blank in ("", "  \t"):
        with pytest.raises(EditError, match="needs a title"):
            update_role(chart, attrs.evolve(cmo, title=blank))
    # A blank title already there (an import, say) does not stop other edits.
    untitled = update_role(chart, attrs.evolve(cmo, title="Chief Marketing Officer")).with_role(
        attrs.evolve(cmo, title="")
    )
    moved = update_role(untitled, attrs.evolve(untitled.role("cmo"), person="Ada"))
    assert moved.role("cmo").person == "Ada"


def test_a_role_that_stops_being_fractional_drops_its_engagement_length() -> None:
    from orgmodel.edits import with_employment

    fractional = Role(
        "f", "Fractional CMO", "cmo", employment=Employment.FRACTIONAL, engagement_months=12
    )
    assert with_employment(fractional, Employment.FULL_TIME).engagement_months is None
    assert with_employment(fractional, Employment.FRACTIONAL).engagement_months == 12


def test_naming_someone_in_a_planned_seat_ends_the_plan() -> None:
    from orgmodel.edits import with_person

    planned = Role("p", "CMO", "cmo", planned=True)
    assert with_person(planned, "Ada Quist") == attrs.evolve(
        planned, person="Ada Quist", planned=False
    )
    assert with_person(planned, "  ").planned  # still empty, still the plan
    assert with_person(planned, None).planned


def test_a_photo_goes_with_the_person_not_the_seat() -> None:
    from orgmodel.edits import duplicate_role, with_person

    held = Role("p", "CMO", "cmo", person="Ada Quist", photo="/pics/ada.png")
    assert with_person(held, "Ada Quist-Lind").photo == "/pics/ada.png"  # a name spelt anew
    assert with_person(held, None).photo is None  # the seat emptied: her photo goes
    assert with_person(held, " ").photo is None
    vacant_with_photo = Role("v", "VP", "vp-marketing", photo="/pics/old.png")
    assert with_person(vacant_with_photo, None).photo == "/pics/old.png"  # nothing emptied
    chart, copy_id = duplicate_role(Chart("c", roles=[held]), "p")
    assert chart.role(copy_id).photo is None and chart.role("p").photo == "/pics/ada.png"


@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_moving_a_selection_at_once_equals_moving_its_top_roles_one_by_one(
    data: st.DataObject,
) -> None:
    from bench.generate import generate_chart
    from orgmodel.edits import EditError, reparent, reparent_all, top_most

    chart = generate_chart(data.draw(st.integers(2, 40)), seed=data.draw(st.integers(0, 3)))
    ids = [role.id for role in chart.roles]
    selected = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6))
    manager = data.draw(st.sampled_from([None, "nobody", *ids]))
    one_by_one: Chart | EditError = chart
    try:
        for role_id in top_most(chart, selected):
            one_by_one = reparent(one_by_one, role_id, manager)
    except EditError as error:
        one_by_one = error
    try:
        at_once: Chart | EditError = reparent_all(chart, selected, manager)
    except EditError as error:
        at_once = error
    if isinstance(one_by_one, EditError):
        assert isinstance(at_once, EditError)
    else:
        assert at_once == one_by_one
        assert isinstance(at_once, Chart)
        assert all(at_once.role(role.id) is role for role in at_once.roles)  # lookups kept true


def _remove_walking_every_role(chart: Chart, removed: set[str]) -> Chart:
    """remove_roles as a walk over every role: each report lands on its nearest
    ancestor that stays (none past a loop of removed roles, nor itself)."""

    def land(manager: str | None) -> str | None:
        seen: set[str] = set()
        while manager in removed and manager not in seen:
            seen.add(manager)
            manager = chart.role(manager).manager
        return None if manager in removed or manager not in chart else manager

    roles = []
    for role in chart.roles:
        if role.id in removed:
            continue
        manager, moved = role.manager, role.manager in removed
        if moved:
            manager = land(manager)
            manager = None if manager == role.id else manager
        dotted = tuple(
            d for d in role.dotted_managers if d not in removed and not (moved and d == manager)
        )
        roles.append(attrs.evolve(role, manager=manager, dotted_managers=dotted))
    return chart.with_roles(roles)


@settings(max_examples=500)
@given(forests(tangled=True), st.data())
def test_remove_roles_changes_only_the_reports_and_dotted_lines_of_those_removed(
    chart: Chart, data: st.DataObject
) -> None:
    """remove_roles finds what it changes in the chart's remembered forest; on
    charts with loops and unknown managers too, it does what a walk over every
    role does."""
    removed = data.draw(st.sets(st.sampled_from([r.id for r in chart.roles])))
    assert remove_roles(chart, removed) == _remove_walking_every_role(chart, removed)
