"""Whether reporting lines are plausible: seniors do not report to juniors.

A chief, president or director under an individual contributor or an
assistant is what a manager column read against the wrong key produces; an
HR system rarely holds it. The words are data (``[plausibility]`` in
csv_columns.toml); the catalogue's levels back them up for the titles it knows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from attrs import frozen

from orgmodel.catalogue import Catalogue, read_resource_toml
from orgmodel.model import UNCLASSIFIED

SENIOR = "senior"
JUNIOR = "junior"
DIRECTOR_LEVEL = 3
INDIVIDUAL_LEVEL = 5


@frozen
class _Words:
    assistant: tuple[re.Pattern[str], ...]
    senior: tuple[re.Pattern[str], ...]
    not_junior: tuple[re.Pattern[str], ...]
    junior: tuple[re.Pattern[str], ...]


@cache
def _words() -> _Words:
    data = read_resource_toml("csv_columns.toml")["plausibility"]

    def compiled(name: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in data[name])

    return _Words(
        compiled("assistant"), compiled("senior"), compiled("not_junior"), compiled("junior")
    )


class Ranks:
    """The seniority of job titles: senior (director and above), junior (an
    individual contributor or an assistant), or None when the title says neither."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._known: dict[str, str | None] = {}

    def of(self, title: str) -> str | None:
        if title not in self._known:
            self._known[title] = self._rank(title)
        return self._known[title]

    def _rank(self, title: str) -> str | None:
        words = _words()
        if any(p.search(title) for p in words.assistant):
            return JUNIOR
        kind = self.catalogue.kind(self.catalogue.classify(title))
        if any(p.search(title) for p in words.senior) or (
            kind is not None and kind.level <= DIRECTOR_LEVEL
        ):
            return SENIOR
        if any(p.search(title) for p in words.not_junior):
            return None
        if any(p.search(title) for p in words.junior) or (
            kind is not None and kind.level == INDIVIDUAL_LEVEL and kind.id != UNCLASSIFIED
        ):
            return JUNIOR
        return None


@frozen
class Implausible:
    """A senior role reporting to a junior one, by row number in the rows."""

    row: int
    manager: int


def implausible_lines(
    titles: Sequence[str], targets: Sequence[int | None], ranks: Ranks
) -> list[Implausible]:
    """Lines where a senior title reports to a junior one. ``targets`` gives each
    row's manager as a row number (None: nobody, or not resolved)."""
    found = []
    for row, manager in enumerate(targets):
        if manager is None or manager == row:
            continue
        if ranks.of(titles[row]) == SENIOR and ranks.of(titles[manager]) == JUNIOR:
            found.append(Implausible(row, manager))
    return found
