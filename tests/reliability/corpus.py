"""The hostile corpus: the stored files of tests/data/hostile with what each
must give, builders for the large members (written at test time, in the
test's ``tmp_path``, sparse or streamed), and a CLI runner."""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

import attrs
from attrs import frozen

from orgmodel.model import Chart, Employment, Role

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "data" / "hostile"
MANIFEST = "expected.toml"
CLI_TIMEOUT = 120
"""Seconds a CLI run may take before the test calls it a hang."""


@frozen
class Expected:
    """What one stored hostile file must give; see tests/data/hostile/expected.toml."""

    path: Path
    what: str
    refused: str | None = None
    rules: tuple[str, ...] = ()
    roles: int | None = None


def stored_corpus() -> list[Expected]:
    with (HOSTILE / MANIFEST).open("rb") as file:
        entries = tomllib.load(file)
    return [
        Expected(
            HOSTILE / name,
            entry["what"],
            entry.get("refused"),
            tuple(entry.get("rules", ())),
            entry.get("roles"),
        )
        for name, entry in sorted(entries.items())
    ]


def document(roles: Iterable[dict[str, object]] = (), **settings: object) -> dict[str, object]:
    """A ``.orgm`` document as plain data, for writing hostile variants of it."""
    return {
        "format_version": 1,
        "chart": {
            "name": "hostile",
            "stage": "established",
            "settings": {"disabled": [], "span_of_control_limit": 8, **settings},
            "roles": list(roles),
        },
    }


def ceo(**fields: object) -> dict[str, object]:
    return {"id": "ceo", "title": "Chief Executive Officer", "kind": "ceo", **fields}


def write_json_with(path: Path, data: object, replacements: dict[str, str]) -> Path:
    """``data`` as JSON with each placeholder string replaced by raw JSON text.

    This is how numbers JSON allows but Python's json module never writes
    (``1e400``, ten-thousand-digit integers) get into a file.
    """
    text = json.dumps(data, indent=2)
    for placeholder, raw in replacements.items():
        text = text.replace(json.dumps(placeholder), raw)
    path.write_text(text, "utf-8")
    return path


def write_deep_nesting(path: Path, levels: int) -> Path:
    path.write_text("[" * levels + "]" * levels, "ascii")
    return path


def write_sparse(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of ``size`` bytes that takes no room on disk past ``head``."""
    with path.open("wb") as file:
        file.write(head)
        file.truncate(size)
    return path


def cycle_chart(length: int, extra: int = 1) -> Chart:
    """A CEO plus ``extra - 1`` direct reports, and ``length`` roles reporting in a loop."""
    top = [Role("ceo", "Chief Executive Officer", "ceo")]
    top += [Role(f"d{i}", "Designer", "unclassified", manager="ceo") for i in range(extra - 1)]
    loop = [
        Role(f"c{i}", "Marketing Manager", "unclassified", manager=f"c{(i + 1) % length}")
        for i in range(length)
    ]
    return Chart("cycle", roles=[*top, *loop])


CSV_HEADER = "Employee ID,Full Name,Business Title,Manager ID,Department,Worker Type\n"


def write_big_csv(path: Path, roles: int) -> Path:
    """``roles`` rows, streamed: a CEO and a tree of branching 8 below."""
    titles = ("Marketing Manager", "Director of Marketing", "Content Writer", "SEO Specialist")
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(CSV_HEADER)
        file.write("E0,Person 0,Chief Executive Officer,,Executive,Full-time\n")
        for i in range(1, roles):
            title = titles[i % len(titles)]
            file.write(f"E{i},Person {i},{title},E{(i - 1) // 8},Marketing,Full-time\n")
    return path


def big_chart(roles: int, tag: str) -> Chart:
    """A chart of ``roles`` roles whose every title carries ``tag``."""
    return Chart(
        f"big {tag}",
        roles=[
            Role(
                f"r{i}",
                f"Marketing Manager {tag} {i}",
                "unclassified",
                person=f"Person {i} ({tag})",
                employment=Employment.PART_TIME if i % 7 == 0 else Employment.FULL_TIME,
                department="Marketing",
                manager=None if i == 0 else f"r{(i - 1) // 6}",
            )
            for i in range(roles)
        ],
    )


def renamed(chart: Chart, name: str) -> Chart:
    return attrs.evolve(chart, name=name)


def run_cli(*args: str | Path, memory_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """``orgmodel ARGS`` in a fresh interpreter, killed (and failed) if it hangs.

    ``memory_limit`` caps the child's address space in bytes: past it,
    allocations fail, and a reader that swallows its input whole shows up as
    a MemoryError rather than as a slow machine.
    """

    def limit_memory() -> None:
        if memory_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    return subprocess.run(
        [sys.executable, "-m", "orgmodel.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
        preexec_fn=limit_memory,
    )


def assert_one_clear_line(message: str) -> None:
    """A user-facing error: one line, one sentence, no traceback."""
    assert "Traceback" not in message
    assert message.strip(), "empty message"
    assert len(message.strip().splitlines()) == 1, message
    assert len(message) < 400, message


def assert_cli_refuses(path: Path) -> str:
    """``orgmodel validate PATH`` exits 2 with one line on stderr; that line."""
    result = run_cli("validate", path)
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert_one_clear_line(result.stderr)
    assert result.stderr.startswith(f"orgmodel: {path.name}"), result.stderr
    return result.stderr.strip()


def kill_saver_rounds(folder: Path, rounds: int, roles: int, seed: int) -> dict[str, object]:
    """Fork a process saving two versions of a chart in turn; SIGKILL it at random.

    Runs in its own interpreter (see ``test_nothing_lost``) so the forks copy
    nothing but this. After each kill the file on disk must be one of the two
    complete versions; returns counts, or raises AssertionError naming the round.
    """
    import signal
    import time

    from orgmodel.fileformat import chart_to_json, save_chart

    target = folder / "chart.orgm"
    versions = [big_chart(roles, "old"), big_chart(roles, "new")]
    expected = [chart_to_json(chart).encode("utf-8") for chart in versions]
    started = time.perf_counter()
    save_chart(versions[0], target)
    # Kill within about two saves' time, measured here: on a loaded machine a
    # fixed window could end before any save completes, and then only one
    # version would ever be seen.
    window = 2.5 * (time.perf_counter() - started)
    rng = random.Random(seed)
    leftovers_seen = 0
    found = [0, 0]
    last_leftovers: set[str] = set()
    on_disk = expected[0]
    for round_ in range(rounds):
        first = 1 - expected.index(on_disk)  # the save always changes the file
        pid = os.fork()
        if pid == 0:  # the saver: never returns
            try:
                index = first
                while True:
                    save_chart(versions[index], target)
                    index ^= 1
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, window))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        on_disk = target.read_bytes()
        assert on_disk in expected, f"round {round_}: the file is neither version"
        found[expected.index(on_disk)] += 1
        leftovers = {p.name for p in folder.iterdir() if p.name != target.name}
        for name in leftovers:
            assert name.startswith(f".{target.name}.") and name.endswith(".tmp"), name
        new = leftovers - last_leftovers
        assert len(new) <= 1, f"round {round_}: one kill left {sorted(new)}"
        leftovers_seen += len(new)
        last_leftovers = leftovers
    return {
        "rounds": rounds,
        "old_found": found[0],
        "new_found": found[1],
        "leftover_temporaries": leftovers_seen,
        "bytes": len(expected[0]),
    }


if __name__ == "__main__":
    folder, rounds, roles, seed = sys.argv[1:]
    result = kill_saver_rounds(Path(folder), int(rounds), int(roles), int(seed))
    print(json.dumps(result))
