"""The role catalogue: role kinds, responsibilities and title classification.

Everything here is read from the TOML files in ``resources/``; the code only
gives it shape.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal

from attrs import field, frozen

from orgmodel.model import Role
from orgmodel.titles import (
    ADMINISTRATION,
    TitlePattern,
    TitleReading,
    TitleWords,
    read_title,
    title_patterns,
    title_words,
)
from orgmodel.wording import in_sentence, join_words

Function = Literal["executive", "marketing", "operations", "sales", "other"]
FUNCTIONS: tuple[Function, ...] = ("executive", "marketing", "operations", "sales", "other")


@frozen
class ExperienceProfile:
    years_in_marketing: float
    years_leading: float


@frozen
class EngagementProfile:
    """Usual length of a fractional engagement, in months."""

    fractional_min_months: int
    fractional_max_months: int | None = None


@frozen
class RoleKind:
    id: str
    name: str
    short: str
    level: int
    function: Function
    defaults: frozenset[str]
    title_patterns: tuple[TitlePattern, ...]
    experience: ExperienceProfile | None = None
    engagement: EngagementProfile | None = None


@frozen
class Category:
    id: str
    name: str
    function: Function


@frozen
class Responsibility:
    id: str
    name: str
    category: str
    once_per_company: bool
    core: bool
    sources: tuple[str, ...]


@frozen
class Catalogue:
    kinds: Mapping[str, RoleKind]
    categories: Mapping[str, Category]
    responsibilities: Mapping[str, Responsibility]
    words: TitleWords
    _readings: dict[str, TitleReading] = field(factory=dict, eq=False, repr=False)
    """Titles read so far: a chart repeats a few hundred titles over thousands of roles."""

    def kind(self, kind_id: str) -> RoleKind | None:
        """The kind with this id, or None for an unclassified role."""
        return self.kinds.get(kind_id)

    def level(self, role: Role) -> int | None:
        kind = self.kinds.get(role.kind)
        return None if kind is None else kind.level

    def function(self, role: Role) -> Function | None:
        kind = self.kinds.get(role.kind)
        return None if kind is None else kind.function

    def kind_name(self, role: Role) -> str:
        """The name of the role's kind; an unclassified role's own title."""
        kind = self.kinds.get(role.kind)
        return role.title if kind is None else kind.name

    def label(self, role: Role) -> str:
        """How findings and fixes name a role: the person and the title."""
        title = self.seat_title(role)
        if role.vacant:
            return f"the vacant {title} seat"
        return f"{(role.person or '').strip()} ({title})"

    def seat_title(self, role: Role) -> str:
        """A role named without its person: its title, else its kind, else its id."""
        return role.title.strip() or self.kind_name(role).strip() or f"role {role.id}"

    def held(self, role: Role) -> frozenset[str]:
        """Responsibility ids the role holds: its own list, or its kind's defaults."""
        if role.responsibilities is not None:
            return role.responsibilities
        kind = self.kinds.get(role.kind)
        return frozenset() if kind is None else kind.defaults

    def category_of(self, responsibility_id: str) -> Category:
        return self.categories[self.responsibilities[responsibility_id].category]

    def responsibilities_in(self, category_id: str) -> frozenset[str]:
        return frozenset(r.id for r in self.responsibilities.values() if r.category == category_id)

    def responsibility_name(self, responsibility_id: str) -> str:
        known = self.responsibilities.get(responsibility_id)
        return responsibility_id if known is None else known.name

    def names(self, responsibility_ids: Iterable[str]) -> str:
        """Responsibility names in catalogue order, joined for a sentence:
        'social media and search engine optimisation'. When a name holds an
        "and" or a comma itself, semicolons separate them instead."""
        wanted = set(responsibility_ids)
        ordered = [r.name for r in self.responsibilities.values() if r.id in wanted]
        ordered += sorted(wanted - self.responsibilities.keys())
        names = [in_sentence(name) for name in ordered]
        if any(" and " in name or "," in name for name in names):
            return "; ".join(names)
        return join_words(names)

    def kinds_holding(self, responsibility_id: str) -> list[RoleKind]:
        """Kinds whose defaults include the responsibility, most junior first."""
        holders = [k for k in self.kinds.values() if responsibility_id in k.defaults]
        return sorted(holders, key=lambda k: -k.level)

    def read_title(self, title: str) -> TitleReading:
        """What the title says: its kind, level, seniority and function (see orgmodel.titles)."""
        reading = self._readings.get(title)
        if reading is None:
            if len(self._readings) >= _READINGS_KEPT:
                self._readings.clear()
            reading = self._readings[title] = read_title(title, self.kinds, self.words)
        return reading

    def classify(self, title: str) -> str:
        """The kind id for a job title, or ``UNCLASSIFIED``.

        Every kind's patterns are tried; the longest match wins, then the more
        senior kind, so "Product Marketing Manager" is not a "Marketing Manager".
        A title no kind names gets a kind of its function and level words
        ("Senior Accountant" is an individual contributor of finance).
        """
        return self.read_title(title).kind

    def seniority(self, role: Role) -> int:
        """How senior the role's title is within the level of its kind: an EVP is 3, an
        SVP 2 and a VP 0; a Senior Director 2 and a Director 0."""
        kind = self.kinds.get(role.kind)
        return 0 if kind is None else self.read_title(role.title).seniority_at(kind.level)

    def may_head_organisation(self, role: Role) -> bool:
        """Whether the role, at the top of a chart, is its chief executive: any title
        (President, Secretary, Commissioner, Executive Director...) but one that
        names a function the organisation has (a CMO, a CFO, a Director of Sales)."""
        kind = self.kinds.get(role.kind)
        if kind is None or kind.function not in ("executive", "other"):
            return False
        return self.read_title(role.title).area in (None, ADMINISTRATION)


_READINGS_KEPT = 100_000
"""A catalogue remembers at most this many titles (a hostile file may hold millions)."""


def read_resource_toml(name: str) -> dict[str, Any]:
    with resources.files("orgmodel.resources").joinpath(name).open("rb") as file:
        return tomllib.load(file)


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped in ``resources/`` (read once per process)."""
    kinds_data = read_resource_toml("role_kinds.toml")
    resp_data = read_resource_toml("responsibilities.toml")
    categories = {
        c["id"]: Category(c["id"], c["name"], c["function"]) for c in resp_data["category"]
    }
    responsibilities = {
        r["id"]: Responsibility(
            id=r["id"],
            name=r["name"],
            category=r["category"],
            once_per_company=r["once_per_company"],
            core=r["core"],
            sources=tuple(r["sources"]),
        )
        for r in resp_data["responsibility"]
    }
    kinds = {}
    for k in kinds_data["kind"]:
        experience = k.get("experience")
        engagement = k.get("engagement")
        kinds[k["id"]] = RoleKind(
            id=k["id"],
            name=k["name"],
            short=k["short"],
            level=k["level"],
            function=k["function"],
            defaults=frozenset(k["defaults"]),
            title_patterns=title_patterns(k["title_patterns"]),
            experience=None if experience is None else ExperienceProfile(**experience),
            engagement=None if engagement is None else EngagementProfile(**engagement),
        )
    return Catalogue(
        kinds=kinds,
        categories=categories,
        responsibilities=responsibilities,
        words=title_words(read_resource_toml("titles.toml"), kinds.values()),
    )
