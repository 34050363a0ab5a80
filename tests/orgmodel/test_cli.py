from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgmodel.cli import main
from orgmodel.fileformat import load_chart
from orgmodel.rules import rule_catalogue


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_validate_text_groups_by_severity_with_names(samples: Path) -> None:
    code, out = run("validate", str(samples / "startup-fractional.orgm"))
    assert code == 1
    assert out.index("ERRORS (2)") < out.index("WARNINGS") < out.index("INFO")
    assert "Casey Morgan (Fractional CMO)" in out
    assert "[fractional-cmo-needs-marketing-lead]" in out
    assert "source: Fractional CMO vs fractional Marketing Director" in out
    assert "fix: Add a full-time or part-time Marketing Director" in out
    assert out.rstrip().endswith("2 errors, 16 warnings, 1 info")


def test_validate_exit_zero_without_errors(samples: Path) -> None:
    code, out = run("validate", str(samples / "overlaps-and-gaps.orgm"))
    assert code == 0
    assert "0 errors, 7 warnings, 0 infos" in out


def test_validate_json_shape(samples: Path) -> None:
    code, out = run("validate", str(samples / "overlaps-and-gaps.csv"), "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert set(document) == {"findings", "summary"}
    assert document["summary"] == {"errors": 0, "warnings": 7, "infos": 0, "roles": 9}
    first = document["findings"][0]
    assert set(first) == {"rule", "severity", "roles", "message", "source", "suggestion"}
    overlap = next(f for f in document["findings"] if f["rule"] == "strategy-overlap")
    assert overlap["roles"] == ["G2", "G3"]
    assert "brand strategy" in overlap["message"]


def test_stage_option_overrides_the_file(samples: Path) -> None:
    _, established = run("validate", str(samples / "enterprise.orgm"), "--format", "json")
    assert json.loads(established)["summary"]["warnings"] == 0
    _, as_csv = run("validate", str(samples / "startup-fractional.csv"), "--format", "json")
    rules = {f["rule"] for f in json.loads(as_csv)["findings"]}
    assert "fractional-needs-established-business" not in rules  # CSV defaults to established
    _, startup = run(
        "validate",
        str(samples / "startup-fractional.csv"),
        "--stage",
        "startup",
        "--format",
        "json",
    )
    assert "fractional-needs-established-business" in {
        f["rule"] for f in json.loads(startup)["findings"]
    }


def test_disable_and_span_limit(samples: Path) -> None:
    path = str(samples / "enterprise.orgm")
    _, tight = run("validate", path, "--span-limit", "3", "--format", "json")
    spans = [f for f in json.loads(tight)["findings"] if f["rule"] == "span-of-control"]
    assert [f["roles"] for f in spans] == [["E232"]]
    _, tighter = run("validate", path, "--span-limit", "2", "--format", "json")
    spans = [f for f in json.loads(tighter)["findings"] if f["rule"] == "span-of-control"]
    assert [f["roles"] for f in spans] == [["E100"], ["E220"], ["E232"], ["E330"]]
    _, off = run(
        "validate", path, "--span-limit", "3", "--disable", "span-of-control", "--format", "json"
    )
    assert not [f for f in json.loads(off)["findings"] if f["rule"] == "span-of-control"]


@pytest.mark.parametrize("limit", ["0", "-3", "20000"])
def test_a_span_limit_out_of_range_is_a_usage_error(
    samples: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    code, _ = run("validate", str(samples / "enterprise.orgm"), "--span-limit", limit)
    assert code == 2
    err = capsys.readouterr().err
    assert err == "orgmodel: --span-limit must be between 1 and 10,000\n"


def test_unknown_rule_is_a_usage_error(samples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("validate", str(samples / "enterprise.orgm"), "--disable", "no-such-rule")
    assert code == 2
    assert "there is no rule 'no-such-rule'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty.csv: the file is empty"),
        (b"\x00\x01\x02\x03garbage", "not a CSV file"),
        (b"Name,Title\nA,CEO\n", "no column holds an id"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / ("empty.csv" if not content else "bad.csv")
    path.write_bytes(content)
    code, out = run("validate", str(path))
    err = capsys.readouterr().err
    assert code == 2
    assert out == ""
    assert expected in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_import_writes_an_orgm_and_reports(tmp_path: Path, samples: Path) -> None:
    target = tmp_path / "out.orgm"
    code, out = run("import", str(samples / "enterprise.csv"), "-o", str(target))
    assert code == 0
    assert out.startswith("Imported 26 roles from enterprise.csv")
    assert "title <- 'Business Title'" in out
    assert load_chart(target) == load_chart(samples / "enterprise.orgm")


def test_import_never_replaces_a_chart_without_force(
    tmp_path: Path, samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.orgm"
    target.write_bytes((samples / "startup-fractional.orgm").read_bytes())
    before = target.read_bytes()
    code, _ = run("import", str(samples / "enterprise.csv"), "-o", str(target))
    assert code == 2
    assert "exists already (--force replaces it)" in capsys.readouterr().err
    assert target.read_bytes() == before
    code, _ = run("import", str(samples / "enterprise.csv"), "-o", str(target), "--force")
    assert code == 0
    assert load_chart(target) == load_chart(samples / "enterprise.orgm")


def test_import_reports_lines_resolved_by_distinguished_name(tmp_path: Path) -> None:
    source = tmp_path / "ad.csv"
    source.write_text(
        '"DistinguishedName","Name","SamAccountName","Title","Manager"\n'
        '"CN=Ada Moss,OU=Staff,DC=ex,DC=com","Ada Moss","amoss","Chief Executive Officer",""\n'
        '"CN=Bo Lind,OU=Staff,DC=ex,DC=com","Bo Lind","blind","Chief Marketing Officer",'
        '"CN=Ada Moss,OU=Staff,DC=ex,DC=com"\n',
        encoding="utf-8",
    )
    code, out = run("inspect", str(source))
    assert code == 0
    assert "1 by distinguished name" in out


def test_import_reports_unclassified_titles(tmp_path: Path) -> None:
    source = tmp_path / "hr.csv"
    source.write_text("id,title,manager\n1,CEO,\n2,Barista,1\n3,Barista,1\n", "utf-8")
    code, out = run("import", str(source), "-o", str(tmp_path / "hr.orgm"))
    assert code == 0
    assert "Titles not classified (kept as unclassified roles): 'Barista' (2)" in out


def test_import_reports_reporting_loops(tmp_path: Path) -> None:
    source = tmp_path / "loop.csv"
    source.write_text("ID,Name,Title,Manager ID\n1,Ann Ray,CEO,2\n2,Bob Li,CMO,1\n")
    code, out = run("import", str(source), "-o", str(tmp_path / "loop.orgm"))
    assert code == 0
    assert "Reporting loops, imported as they are (1):" in out
    assert "lines 2, 3: reporting lines loop (Ann Ray → Bob Li → Ann Ray)" in out


def test_import_refuses_a_non_orgm_target(tmp_path: Path, samples: Path) -> None:
    code, _ = run("import", str(samples / "enterprise.csv"), "-o", str(tmp_path / "x.csv"))
    assert code == 2


def test_rules_lists_every_rule_with_source() -> None:
    code, out = run("rules")
    assert code == 0
    for rule_id in rule_catalogue():
        assert f"\n{rule_id}  [" in "\n" + out
    assert "(house rule, can be switched off)" in out
    _, as_json = run("rules", "--format", "json")
    assert [r["id"] for r in json.loads(as_json)] == list(rule_catalogue())


def test_catalogue_lists_kinds_and_responsibilities() -> None:
    code, out = run("catalogue")
    assert code == 0
    assert "cmo" in out and "brand-strategy" in out and "events" in out


def test_commands_without_qt_do_not_import_it(samples: Path) -> None:
    probe = (
        "import sys\n"
        "from orgmodel.cli import main\n"
        f"main(['validate', {str(samples / 'enterprise.csv')!r}])\n"
        "main(['rules'])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_console_script_runs(samples: Path) -> None:
    script = Path(sys.executable).with_name("orgmodel")
    result = subprocess.run(
        [str(script), "validate", str(samples / "enterprise.orgm")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "0 errors, 0 warnings, 1 info" in result.stdout


def test_a_rendered_export_without_qt_says_what_to_install(tmp_path: Path, samples: Path) -> None:
    # A None in sys.modules makes `import PySide6` fail as it does where the
    # "gui" extra is not installed.
    target = tmp_path / "chart.pdf"
    probe = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "from orgmodel.cli import main\n"
        f"sys.exit(main(['export', {str(samples / 'enterprise.orgm')!r}, '-o', {str(target)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2, result.stderr
    assert "pip install 'orgmodel[gui]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()
