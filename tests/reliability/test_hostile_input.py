"""Hostile and broken input: a clear one-sentence error or a correct result, never a hang.

The corpus is built in ``tmp_path`` at test time. "Bounded time" is a
subprocess timeout around the CLI, never a timing assertion.
"""

from __future__ import annotations

import json
import random
import resource
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from orgmodel.errors import ChartReadError
from orgmodel.fileformat import MAX_FILE_BYTES, load_chart, save_chart
from orgmodel.hierarchy import below, cycles, forest
from orgmodel.importing.pipeline import import_csv
from orgmodel.model import Chart, Role
from orgmodel.open_chart import read_chart
from orgmodel.rules import validate
from tests.reliability.corpus import (
    CSV_HEADER,
    assert_cli_refuses,
    assert_one_clear_line,
    ceo,
    cycle_chart,
    document,
    run_cli,
    write_big_csv,
    write_deep_nesting,
    write_json_with,
    write_sparse,
)


def refused(path: Path) -> str:
    """The ChartReadError reading ``path`` gives, checked to be one clear line."""
    with pytest.raises(ChartReadError) as caught:
        read_chart(path)
    message = str(caught.value)
    assert_one_clear_line(message)
    assert message.startswith(path.name)
    return message


@pytest.fixture
def low_recursion_limit() -> Iterator[None]:
    """Recursion anywhere in the code under test fails loudly at depth 1000."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


# --- Files that cannot be read -------------------------------------------------


def test_deep_json_nesting_is_refused(tmp_path: Path) -> None:
    for name, opener, closer in (("list", "[", "]"), ("object", '{"a":', "}")):
        path = tmp_path / f"deep-{name}.orgm"
        if opener == "[":
            write_deep_nesting(path, 100_000)
        else:
            path.write_text(opener * 100_000 + "1" + closer * 100_000, "ascii")
        assert "nested too deeply" in refused(path)
        assert "nested too deeply" in assert_cli_refuses(path)


def test_200_mb_chart_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    size = 200 * 2**20
    assert size > MAX_FILE_BYTES
    path = write_sparse(tmp_path / "huge.orgm", size, head=b'{"format_version": 1, "chart": ')
    message = refused(path)
    assert "200 MB" in message
    # A fresh CLI whose address space is capped well below what reading and
    # parsing 200 MB of JSON would take still answers: nothing was read.
    result = run_cli_with_memory_cap(path, 600 * 2**20)
    assert result.returncode == 2, result.stderr[-2000:]
    assert_one_clear_line(result.stderr)
    assert "200 MB" in result.stderr


def run_cli_with_memory_cap(path: Path, cap: int) -> object:
    import subprocess

    from tests.reliability.corpus import CLI_TIMEOUT, REPO

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return subprocess.run(
        [sys.executable, "-m", "orgmodel.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        cwd=REPO,
        preexec_fn=limit,
        check=False,
    )


def test_file_that_grows_past_the_limit_is_not_read_whole(tmp_path: Path) -> None:
    # A device named .orgm has no size to check and could be endless.
    path = tmp_path / "zero.orgm"
    path.symlink_to("/dev/zero")
    assert "not a regular file" in refused(path)
    assert "not a regular file" in assert_cli_refuses(path)


HUGE = "1" + "0" * 5000

HUGE_NUMBERS = [
    ("years_in_marketing", "1e400", "between 0 and 100 years"),
    ("years_leading", "-1e400", "between 0 and 100 years"),
    ("years_leading", HUGE, "5001 digits"),
    ("years_in_marketing", HUGE + ".5", "characters"),
    ("engagement_months", HUGE, "5001 digits"),
    ("engagement_months", "1e400", "whole number"),
    ("engagement_months", "-" + HUGE, "digits"),
]


@pytest.mark.parametrize(("field", "raw", "expected"), HUGE_NUMBERS)
def test_huge_numbers_in_role_fields_are_refused(
    tmp_path: Path, field: str, raw: str, expected: str
) -> None:
    path = write_json_with(
        tmp_path / "numbers.orgm", document([ceo(**{field: "@@N"})]), {"@@N": raw}
    )
    assert expected in refused(path)
    assert expected in assert_cli_refuses(path)


@pytest.mark.parametrize("where", ["span_of_control_limit", "format_version"])
def test_huge_integers_elsewhere_are_refused(tmp_path: Path, where: str) -> None:
    data = document([ceo()])
    if where == "format_version":
        data["format_version"] = "@@N"
    else:
        data["chart"]["settings"][where] = "@@N"  # type: ignore[index]
    path = write_json_with(tmp_path / "numbers.orgm", data, {"@@N": HUGE})
    assert "digits" in refused(path)
    assert_cli_refuses(path)


def test_invalid_utf8_is_refused(tmp_path: Path) -> None:
    orgm = tmp_path / "latin1.orgm"
    text = json.dumps(document([ceo(person="Zoë")]), ensure_ascii=False)
    orgm.write_bytes(text.encode("utf-8").replace("ë".encode(), b"\xeb"))
    assert "UTF-8" in refused(orgm)
    assert_cli_refuses(orgm)
    csv_file = tmp_path / "latin1.csv"
    csv_file.write_bytes(
        CSV_HEADER.encode()
        + b"E1,Zo\xeb Smith,CEO,,Executive,Full-time\n"
        + "E2,Zoë Smith,CMO,E1,Marketing,Full-time\n".encode()  # UTF-8 too: mixed
    )
    message = refused(csv_file)
    assert "UTF-8" in message
    assert "line 2" in message
    assert_cli_refuses(csv_file)


def test_duplicate_ids_are_refused_in_a_chart_and_set_aside_in_an_import(
    tmp_path: Path,
) -> None:
    orgm = tmp_path / "dupes.orgm"
    orgm.write_text(json.dumps(document([ceo(), ceo(person="Someone else")])), "utf-8")
    assert "'ceo'" in refused(orgm)
    assert_cli_refuses(orgm)
    # An export is someone else's data: one bad row never blocks it (#18).
    csv_file = tmp_path / "dupes.csv"
    csv_file.write_text(
        CSV_HEADER
        + "E1,A,CEO,,Executive,Full-time\nE2,B,CMO,E1,Marketing,Full-time\n"
        + "E1,C,COO,E1,Operations,Full-time\n",
        "utf-8",
    )
    report = import_csv(csv_file)
    assert [(r.id, r.person, r.manager) for r in report.chart] == [
        ("E1", "A", None),
        ("E2", "B", "E1"),
    ]
    assert report.set_aside[0].startswith("line 4: the id 'E1'")


BINARIES = {
    "random": random.Random(6).randbytes(100_000),
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(1000),
    "high-bytes": bytes(range(0x80, 0x100)) * 100,  # no NUL, not UTF-8
    "utf16-bom-garbage": b"\xff\xfe" + b"\x00\xd8" * 3,  # lone surrogates
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
@pytest.mark.parametrize("suffix", [".orgm", ".csv"])
def test_binary_files_renamed_are_refused(tmp_path: Path, kind: str, suffix: str) -> None:
    path = tmp_path / f"{kind}{suffix}"
    path.write_bytes(BINARIES[kind])
    refused(path)
    assert_cli_refuses(path)


def test_empty_and_whitespace_files_are_refused(tmp_path: Path) -> None:
    for name, data in (("empty.orgm", b""), ("blank.orgm", b"  \n"), ("blank.csv", b"\n\n")):
        path = tmp_path / name
        path.write_bytes(data)
        refused(path)
        assert_cli_refuses(path)


# --- Files that read, with findings --------------------------------------------


def cycle_findings(chart: Chart) -> list[set[str]]:
    return [set(f.roles) for f in validate(chart) if f.rule == "reporting-cycle"]


@pytest.mark.usefixtures("low_recursion_limit")
def test_self_manager_is_a_one_role_loop(tmp_path: Path) -> None:
    path = tmp_path / "self.orgm"
    path.write_text(json.dumps(document([ceo(manager="ceo")])), "utf-8")
    chart = load_chart(path)
    assert cycle_findings(chart) == [{"ceo"}]
    assert [r.id for r in forest(chart)[None]] == ["ceo"]


@pytest.mark.parametrize("length", [2, 3, 10, 10_000])
@pytest.mark.usefixtures("low_recursion_limit")
def test_reporting_cycles_are_found_without_recursion(tmp_path: Path, length: int) -> None:
    chart = cycle_chart(length, extra=3)
    loop = {f"c{i}" for i in range(length)}
    assert [set(r.id for r in c) for c in cycles(chart)] == [loop]
    assert cycle_findings(chart) == [loop]
    # Every role still appears once in the forest, and walks below end.
    children = forest(chart)
    assert sorted(r.id for r in below(children, None)) == sorted(r.id for r in chart.roles)
    path = tmp_path / "cycle.orgm"
    save_chart(chart, path)
    assert load_chart(path) == chart


def test_cli_validates_a_10000_role_cycle(tmp_path: Path) -> None:
    path = tmp_path / "cycle.orgm"
    save_chart(cycle_chart(10_000), path)
    result = run_cli("validate", "--format", "json", path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert rules.count("reporting-cycle") == 1


def test_many_small_cycles_and_a_long_chain(low_recursion_limit: None) -> None:
    roles = [Role("ceo", "Chief Executive Officer", "ceo")]
    roles += [
        Role(f"chain{i}", "Manager", "unclassified", manager=f"chain{i - 1}" if i else "ceo")
        for i in range(20_000)
    ]
    for pair in range(500):
        roles += [
            Role(f"p{pair}a", "Manager", "unclassified", manager=f"p{pair}b"),
            Role(f"p{pair}b", "Manager", "unclassified", manager=f"p{pair}a"),
        ]
    chart = Chart("mixed", roles=roles)
    assert len(cycle_findings(chart)) == 500
    assert sum(1 for _ in below(forest(chart), "ceo")) == 20_000


@pytest.mark.usefixtures("low_recursion_limit")
def test_dangling_manager_references_are_findings(tmp_path: Path) -> None:
    path = tmp_path / "dangling.orgm"
    roles = [
        ceo(),
        {"id": "a", "title": "CMO", "kind": "cmo", "manager": "nobody"},
        {
            "id": "b",
            "title": "Writer",
            "kind": "unclassified",
            "manager": "ceo",
            "dotted_managers": ["ghost", "ceo"],
        },
    ]
    path.write_text(json.dumps(document(roles)), "utf-8")
    chart = load_chart(path)
    dangling = [f for f in validate(chart) if f.rule == "unknown-manager"]
    assert sorted(f.roles for f in dangling) == [("a",), ("b",)]
    assert {r.id for r in forest(chart)[None]} == {"ceo", "a"}


def test_100000_roles_in_one_csv_import_and_validate(tmp_path: Path) -> None:
    path = write_big_csv(tmp_path / "big.csv", 100_000)
    report = import_csv(path)
    chart = report.chart
    assert len(chart) == 100_000
    assert chart.role("E99999").manager == f"E{99998 // 8}"
    findings = validate(chart)
    assert not [f for f in findings if f.rule in ("reporting-cycle", "unknown-manager")]


def test_100000_roles_through_the_cli_in_bounded_memory(tmp_path: Path) -> None:
    path = write_big_csv(tmp_path / "big.csv", 100_000)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = run_cli("validate", "--format", "json", path)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak_kib > before:  # this child set the high-water mark
        assert peak_kib < 2 * 2**20, f"validating 100,000 CSV rows peaked at {peak_kib} KiB"


FORMULAS = ["=cmd|' /C calc'!A0", "+1", "@SUM(A1:A9)", "-2+3", '=HYPERLINK("x")']


def test_formula_like_cells_are_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "formulas.csv"
    lines = ["Employee ID,Full Name,Business Title,Manager ID,Department,Worker Type"]
    lines.append('"=1+1","=cmd|\' /C calc\'!A0",Chief Executive Officer,,"@SUM(A1:A9)",')
    for i, formula in enumerate(FORMULAS):
        quoted = '"' + formula.replace('"', '""') + '"'
        lines.append(f"F{i},{quoted},{quoted},=1+1,{quoted},Full-time")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    chart = read_chart(path).chart
    top = chart.role("=1+1")
    assert top.person == "=cmd|' /C calc'!A0"
    assert top.department == "@SUM(A1:A9)"
    for i, formula in enumerate(FORMULAS):
        role = chart.role(f"F{i}")
        assert (role.person, role.title, role.department) == (formula, formula, formula)
        assert role.manager == "=1+1"
    assert not [f for f in validate(chart) if f.rule == "unknown-manager"]
    saved = tmp_path / "formulas.orgm"
    save_chart(chart, saved)
    assert load_chart(saved) == chart
