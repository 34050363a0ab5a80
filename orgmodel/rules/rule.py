"""What a rule is: one record holding its check, fixes, explanation and sources.

Each family module of ``orgmodel.rules`` writes its rules as :class:`Rule`
records beside their checks and ends with ``RULES = (...)``; the registry
collects them. A rule is the unit a maintainer reads, changes and tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Literal

from attrs import field, frozen

from orgmodel.model import Role, string_tuple

if TYPE_CHECKING:
    from orgmodel.rules.facts import ChartFacts
    from orgmodel.rules.steps import Fix

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@frozen
class Source:
    """Where a rule comes from, as a reader finds it: a text's title and a paragraph
    ("¶2") or heading; or, for a rule no text states, what it is ("structure")."""

    title: str
    section: str = ""

    def __str__(self) -> str:
        return f"{self.title}, {self.section}" if self.section else self.title


@frozen
class Finding:
    rule: str
    severity: Severity
    roles: tuple[str, ...]
    message: str
    source: str
    suggestion: str
    responsibilities: tuple[str, ...] = ()
    """Ids of the responsibilities the finding is about (gaps, overlaps, misplaced work)."""


@frozen
class Issue:
    """What a rule saw; validation completes it into a Finding."""

    roles: tuple[str, ...] = field(converter=string_tuple)
    message: str
    suggestion: str | None = None
    severity: Severity | None = None
    """Overrides the rule's severity (a vacant C-suite seat is worse than others)."""
    responsibilities: tuple[str, ...] = field(default=(), converter=string_tuple)


class Scope(Enum):
    """A part of a chart a check reads. After an edit, a rule needs running again only
    where the edit changed a part it reads; every rule also reads the labels (person
    and title) of the roles it names."""

    ROLE = "each role's own fields"
    ROLE_AND_MANAGER = "each role and its manager"
    TEAM = "each manager and its direct reports"
    SUBTREE = "everyone below a role"
    REPORTING_LINES = "the whole chart's reporting lines: tops, chains of managers"
    LOOPS = "which roles' solid reporting lines loop back to them"
    HEAD = "who heads the organisation: the CEO, or the top role whatever its title"
    KINDS = "the whole chart's roles of the kinds (and functions) it names"
    RESPONSIBILITIES = "who holds the responsibilities of the functions it names"
    STAGE = "the business's stage"
    SETTINGS = "the chart's rule settings (limits)"


def _scopes(scopes: Iterable[Scope]) -> frozenset[Scope]:
    return frozenset(scopes)


def _ids(ids: Iterable[str]) -> frozenset[str]:
    return frozenset(ids)


@frozen
class Reads:
    """What a rule's check reads of a chart."""

    scopes: frozenset[Scope] = field(converter=_scopes)
    kinds: frozenset[str] = field(default=frozenset(), converter=_ids)
    """For KINDS: the role kinds whose roles, anywhere in the chart, it counts or reads."""
    functions: frozenset[str] = field(default=frozenset(), converter=_ids)
    """For KINDS, roles of these functions; for RESPONSIBILITIES, what their roles hold."""


def reads(*scopes: Scope, kinds: Iterable[str] = (), functions: Iterable[str] = ()) -> Reads:
    return Reads(scopes, kinds, functions)


RuleCheck = Callable[["ChartFacts"], Iterable[Issue]]
RoleCheck = Callable[["ChartFacts", Role], Iterable[Issue]]
"""The issues a rule sees at one role, each about that role (named first)."""


def role_by_role(check_one: RoleCheck) -> RuleCheck:
    """The check running ``check_one`` on every role, in chart order."""

    def check(facts: ChartFacts) -> Iterator[Issue]:
        for role in facts.chart.roles:
            yield from check_one(facts, role)

    return check


FixMaker = Callable[[Finding, "ChartFacts"], list["Fix"]]
"""The fixes for a finding, the most fitting first; ranking may reorder and drop them."""
FactTeller = Callable[[Finding, "ChartFacts"], list[str]]
"""The facts of the chart behind a finding, as sentences for its explanation."""


def _sources(sources: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(sources)


@frozen(eq=False)
class Rule:
    """A validation rule: what it checks and reads, how it is explained, sourced and fixed."""

    id: str
    severity: Severity
    explanation: str
    """The rule in plain words, one line, in the project's own words."""
    fix: str
    """The general remedy; findings add specifics."""
    sources: tuple[Source, ...] = field(converter=_sources)
    """Where the rule comes from: a text's title and a paragraph or heading of it; a rule
    no text states cites what it is, with no section: "role levels", "structure",
    "import" or "house rule"."""
    check: RuleCheck
    reads: Reads
    each_role: RoleCheck | None = None
    """The check of one role, when ``check`` is ``role_by_role(each_role)``: after an
    edit, only the roles whose declared reads it touched are checked again."""
    fixes: FixMaker | None = None
    """None: the rule has no fix to offer."""
    facts: FactTeller | None = None
    """None: an explanation shows where the finding's roles sit."""
    house: bool = False
    """A rule no source states; it can be switched off and tuned."""
    default_limit: int | None = None

    @property
    def source(self) -> str:
        return "; ".join(str(s) for s in self.sources)
