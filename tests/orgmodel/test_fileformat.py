from __future__ import annotations

import json
import os
import string
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.catalogue import load_catalogue
from orgmodel.errors import ChartReadError
from orgmodel.fileformat import chart_from_json, chart_to_json, load_chart, save_chart
from orgmodel.model import UNCLASSIFIED, Chart, Employment, Role, RuleSettings, Stage
from orgmodel.rules import rule_catalogue

CATALOGUE = load_catalogue()
# Any Unicode scalar value: everything but lone surrogates, which no UTF-8 file can hold.
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
ids = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(
    str.strip
)
years = st.none() | st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def charts(draw: st.DrawFn) -> Chart:
    role_ids = draw(st.lists(ids, unique=True, max_size=12))
    references = st.none() | st.sampled_from(role_ids) if role_ids else st.none()
    roles = [
        Role(
            id=role_id,
            title=draw(text),
            kind=draw(st.sampled_from([*CATALOGUE.kinds, UNCLASSIFIED])),
            person=draw(st.none() | text),
            employment=draw(st.sampled_from(Employment)),
            engagement_months=draw(st.none() | st.integers(0, 1200)),
            years_in_marketing=draw(years),
            years_leading=draw(years),
            department=draw(text),
            responsibilities=draw(
                st.none() | st.frozensets(st.sampled_from(sorted(CATALOGUE.responsibilities)))
            ),
            manager=draw(references | ids),
            dotted_managers=draw(st.lists(ids, max_size=3)),
            planned=draw(st.booleans()),
            photo=draw(st.none() | text),
        )
        for role_id in role_ids
    ]
    return Chart(
        name=draw(text),
        stage=draw(st.sampled_from(Stage)),
        roles=roles,
        settings=RuleSettings(
            disabled=draw(st.frozensets(st.sampled_from(sorted(rule_catalogue())))),
            span_of_control_limit=draw(st.integers(1, 10_000)),
        ),
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(charts())
def test_round_trip_gives_the_same_chart_and_the_same_bytes(chart: Chart) -> None:
    written = chart_to_json(chart)
    loaded = chart_from_json(written, "x.orgm")
    assert loaded == chart
    assert chart_to_json(loaded) == written


def test_save_and_load_a_file(tmp_path: Path, samples: Path) -> None:
    chart = load_chart(samples / "enterprise.orgm")
    target = tmp_path / "copy.orgm"
    save_chart(chart, target)
    assert load_chart(target) == chart
    assert json.loads(target.read_text("utf-8"))["format_version"] == 1


def test_save_replaces_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "chart.orgm"
    save_chart(Chart("old"), target)
    save_chart(Chart("new"), target)
    assert load_chart(target).name == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.orgm"]


def test_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "chart.orgm"
    save_chart(Chart("old"), target)
    before = target.read_bytes()

    def broken_replace(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_chart(Chart("new"), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["chart.orgm"]


def test_saved_file_keeps_default_permissions(tmp_path: Path) -> None:
    target = tmp_path / "chart.orgm"
    save_chart(Chart("x"), target)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def _document(**chart: object) -> str:
    base: dict[str, object] = {"name": "c", "stage": "established", "roles": [], "settings": {}}
    base.update(chart)
    return json.dumps({"format_version": 1, "chart": base})


def _role(**fields: object) -> dict[str, object]:
    role: dict[str, object] = {"id": "r1", "title": "CMO", "kind": "cmo"}
    role.update(fields)
    return role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not valid JSON"),
        ("{", "line 1"),
        ('{"a": 1}', "not an Orgmodel chart"),
        ("[1, 2]", "not an Orgmodel chart"),
        ('{"format_version": 99, "chart": {}}', "format_version 99"),
        ('{"format_version": "1", "chart": {}}', 'format_version "1"'),
        ('{"format_version": 1}', "no chart"),
        ('{"format_version": 1, "chart": {}, "extra": 1}', "unexpected key 'extra'"),
        (_document(stage="huge"), "chart.stage"),
        (_document(roles=[_role(title=3)]), "chart.roles[0].title"),
        (_document(roles=[_role(bogus=1)]), "unexpected field 'bogus'"),
        (_document(roles=[_role(id="")]), "id must not be empty"),
        (_document(roles=[_role(), _role()]), "two roles share the id 'r1'"),
        (_document(roles=[_role(kind="wizard")]), "unknown role kind 'wizard'"),
        (_document(roles=[_role(responsibilities=["juggling"])]), "'juggling'"),
        (_document(roles=[_role(years_leading=-1)]), "years_leading"),
        (_document(roles=[_role(years_leading=True)]), "expected a number"),
        (_document(roles=[_role(engagement_months=2.5)]), "whole number"),
        (_document(roles=[_role(employment="slave")]), "chart.roles[0].employment"),
        (_document(settings={"disabled": ["no-such-rule"]}), "'no-such-rule'"),
        (_document(settings={"span_of_control_limit": 0}), "span_of_control_limit"),
        (_document(roles="everyone"), "chart.roles"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_documents_give_one_clear_error(text: str, expected: str) -> None:
    with pytest.raises(ChartReadError) as caught:
        chart_from_json(text, "bad.orgm")
    message = str(caught.value)
    assert message.startswith("bad.orgm")
    assert expected in message
    assert "\n" not in message


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "picture.orgm"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    with pytest.raises(ChartReadError, match=r"picture\.orgm: not a chart file"):
        load_chart(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ChartReadError, match=r"nothing\.orgm: No such file"):
        load_chart(tmp_path / "nothing.orgm")


def test_unicode_is_written_readably(tmp_path: Path) -> None:
    chart = Chart("Équipe", roles=[Role("1", "Directrice marketing", "marketing-director", "Zoë")])
    path = tmp_path / "c.orgm"
    save_chart(chart, path)
    assert "Zoë" in path.read_text("utf-8")
    assert set(path.read_bytes()) - set(string.printable.encode())  # raw UTF-8, not \u escapes


def test_save_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "chart.orgm"
    save_chart(Chart("x"), target)
    target.chmod(0o640)
    save_chart(Chart("y"), target)
    assert target.stat().st_mode & 0o777 == 0o640


def _finished_pid() -> int:
    """The id of a process that has ended (so it owns nothing any more)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_save_removes_what_a_killed_save_left_behind(tmp_path: Path) -> None:
    target = tmp_path / "chart.orgm"
    save_chart(Chart("old"), target)
    dead = _finished_pid()
    leftover = tmp_path / f".chart.orgm.{dead}-0123abcd.tmp"
    fresh = tmp_path / f".chart.orgm.{dead}-4567abcd.tmp"
    live = tmp_path / f".chart.orgm.{os.getppid()}-89abcdef.tmp"
    legacy = tmp_path / ".chart.orgm.abc12345.tmp"
    unrelated = tmp_path / f".other.orgm.{dead}-0123abcd.tmp"
    for path in (leftover, fresh, live, legacy, unrelated):
        path.write_bytes(b"half a chart")
    long_ago = time.time() - 2 * 3600
    for path in (leftover, live, legacy, unrelated):
        os.utime(path, (long_ago, long_ago))
    save_chart(Chart("new"), target)
    # Gone: its writer ended and it has not changed for long (and an old unnamed one).
    assert not leftover.exists()
    assert not legacy.exists()
    # Kept: a live writer's, one touched a moment ago, and another file's.
    assert live.exists()
    assert fresh.exists()
    assert unrelated.exists()


def test_a_failed_folder_sync_after_the_rename_is_not_a_failed_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chart.orgm"
    real_fsync = os.fsync
    calls = {"n": 0}

    def fsync_failing_on_the_folder(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the first syncs the file, the second the folder
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_failing_on_the_folder)
    save_chart(Chart("new"), target)
    assert load_chart(target).name == "new"


def test_a_key_twice_inside_a_role_is_refused_with_its_place() -> None:
    text = chart_to_json(Chart("x", roles=[Role("ceo", "Chief Executive Officer", "ceo")]))
    text = text.replace('"kind": "ceo"', '"kind": "ceo",\n        "kind": "cmo"')
    with pytest.raises(ChartReadError) as caught:
        chart_from_json(text, "merged.orgm")
    line = text.splitlines().index('        "kind": "cmo"') + 1
    assert str(caught.value) == (
        f'merged.orgm, line {line}: the key "kind" appears twice in chart.roles[0] '
        "(again at column 9); keep one of them"
    )


def test_an_unknown_kind_is_refused_with_the_line_of_its_role() -> None:
    roles = [Role("ceo", "Chief Executive Officer", "ceo"), Role("x", "Role", "cmo", manager="ceo")]
    text = chart_to_json(Chart("x", roles=roles)).replace('"kind": "cmo"', '"kind": "wizard"')
    with pytest.raises(ChartReadError) as caught:
        chart_from_json(text, "odd.orgm")
    lines = text.splitlines()
    role_opens = next(n for n, line in enumerate(lines) if '"id": "x"' in line)  # 1-based: {
    assert caught.value.line == role_opens
    assert lines[role_opens - 1].strip() == "{"
    assert "chart.roles[1]" in str(caught.value)
    assert "unknown role kind 'wizard'" in str(caught.value)


def test_planned_is_written_only_when_set_and_read_strictly() -> None:
    plain = Chart(name="c", roles=[Role("a", "CMO", "cmo")])
    assert "planned" not in chart_to_json(plain)
    planned = plain.with_role(Role("a", "CMO", "cmo", planned=True))
    text = chart_to_json(planned)
    assert '"planned": true' in text
    assert chart_from_json(text, "c.orgm") == planned
    with pytest.raises(ChartReadError, match="expected true or false"):
        chart_from_json(text.replace('"planned": true', '"planned": "yes"'), "c.orgm")


def test_a_photo_is_written_only_when_set_and_read_strictly() -> None:
    plain = Chart(name="c", roles=[Role("a", "CMO", "cmo")])
    assert "photo" not in chart_to_json(plain)
    pictured = plain.with_role(Role("a", "CMO", "cmo", photo="people/ada.png"))
    text = chart_to_json(pictured)
    assert '"photo": "people/ada.png"' in text
    assert chart_from_json(text, "c.orgm") == pictured  # kept as given, relative
    with pytest.raises(ChartReadError, match=r"chart.roles\[0\].photo.*expected text, got 5"):
        chart_from_json(text.replace('"people/ada.png"', "5"), "c.orgm")
