"""The stored hostile corpus (tests/data/hostile): each file gives what its
entry in expected.toml says, through the library and through the command
line, in bounded time and memory. The app's side is in tests/ui."""

from __future__ import annotations

import json

import pytest

from orgmodel.errors import ChartReadError
from orgmodel.open_chart import read_chart
from orgmodel.rules import validate
from tests.reliability.corpus import (
    HOSTILE,
    MANIFEST,
    Expected,
    assert_one_clear_line,
    run_cli,
    stored_corpus,
)

CORPUS = stored_corpus()
CLI_MEMORY = 1 << 30
"""The command line validates any corpus file within 1 GiB of address space."""


def test_every_stored_file_has_an_expectation() -> None:
    stored = {p.name for p in HOSTILE.iterdir()} - {MANIFEST, "README.md"}
    assert stored == {entry.path.name for entry in CORPUS}


@pytest.mark.parametrize("entry", CORPUS, ids=lambda entry: entry.path.name)
def test_the_library_reads_or_refuses_as_expected(entry: Expected) -> None:
    if entry.refused is not None:
        with pytest.raises(ChartReadError) as caught:
            read_chart(entry.path)
        message = str(caught.value)
        assert_one_clear_line(message)
        assert message.startswith(entry.path.name)
        assert entry.refused in message
        return
    chart = read_chart(entry.path).chart
    assert len(chart) == entry.roles
    found = {finding.rule for finding in validate(chart)}
    assert set(entry.rules) <= found


@pytest.mark.parametrize("entry", CORPUS, ids=lambda entry: entry.path.name)
def test_the_command_line_reads_or_refuses_as_expected(entry: Expected) -> None:
    result = run_cli("validate", "--format", "json", entry.path, memory_limit=CLI_MEMORY)
    assert "Traceback" not in result.stderr
    if entry.refused is not None:
        assert result.returncode == 2, result.stderr
        assert_one_clear_line(result.stderr)
        assert result.stderr.startswith(f"orgmodel: {entry.path.name}")
        assert entry.refused in result.stderr
        return
    report = json.loads(result.stdout)
    rules = {finding["rule"] for finding in report["findings"]}
    assert set(entry.rules) <= rules
    errors = any(finding["severity"] == "error" for finding in report["findings"])
    assert result.returncode == (1 if errors else 0)
