"""Validating a chart: every registered rule the chart's settings leave on."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import chain
from operator import attrgetter

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.model import Chart
from orgmodel.rules import registry
from orgmodel.rules.facts import ChartFacts
from orgmodel.rules.rule import SEVERITIES, Finding, Issue, Rule, Severity
from orgmodel.wording import counted, sentence_start


class UnknownRuleError(ValueError):
    def __init__(self, rule_id: str) -> None:
        super().__init__(f"there is no rule {rule_id!r}; `orgmodel rules` lists them")
        self.rule_id = rule_id


def validate(chart: Chart, catalogue: Catalogue | None = None) -> list[Finding]:
    """All findings of the rules the chart's settings leave on, most severe first."""
    return in_report_order(findings_by_rule(chart, catalogue or load_catalogue()))


def findings_by_rule(chart: Chart, catalogue: Catalogue) -> dict[str, list[Finding]]:
    """Each rule the chart's settings leave on, with its findings in the order it saw them."""
    facts = ChartFacts(chart, catalogue)
    return {
        rule.id: rule_findings(rule, facts)
        for rule in registry.RULES.values()
        if rule.id not in chart.settings.disabled
    }


def rule_findings(rule: Rule, facts: ChartFacts) -> list[Finding]:
    return findings_of(rule, rule.check(facts))


def findings_of(rule: Rule, issues: Iterable[Issue]) -> list[Finding]:
    """The rule's issues completed into findings."""
    found: list[Finding] = []
    source = ""  # joined from the rule's sources once there is an issue: most roles have none
    for issue in issues:
        source = source or rule.source
        found.append(
            Finding(
                rule=rule.id,
                severity=issue.severity or rule.severity,
                roles=issue.roles,
                # Messages may begin with a role's label ("the vacant CMO seat").
                message=sentence_start(issue.message),
                source=source,
                suggestion=sentence_start(issue.suggestion or rule.fix),
                responsibilities=issue.responsibilities,
            )
        )
    return found


def in_report_order(by_rule: dict[str, list[Finding]]) -> list[Finding]:
    """The findings, most severe first; within a severity, in rule (registry) order.

    Each rule's findings go to their severity whole where they share one, as
    most rules' do: at 50,000 roles sorting every finding by its severity took
    some 3 ms of every edit."""
    by_severity: dict[Severity, list[Finding]] = {severity: [] for severity in SEVERITIES}
    for rule_id in registry.RULES:
        findings = by_rule.get(rule_id)
        if not findings:
            continue
        severities = set(map(_severity, findings))
        if len(severities) == 1:
            by_severity[severities.pop()] += findings
            continue
        for finding in findings:
            by_severity[finding.severity].append(finding)
    return list(chain.from_iterable(by_severity.values()))


_severity = attrgetter("severity")

ReportPlace = tuple[int, int, int, int]
"""Where a finding stands in report order (see in_report_order), as a sort key:
its severity's rank, its rule's, then two numbers for its place in the rule's list."""


def report_place(finding: Finding, place_in_rule: tuple[int, int]) -> ReportPlace:
    """Where in_report_order puts ``finding``, given its place in its rule's list."""
    return (_RANK[finding.severity], list(registry.RULES).index(finding.rule), *place_in_rule)


def summarise(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def summary_line(findings: Iterable[Finding]) -> str:
    """'1 error, 3 warnings, 0 infos'."""
    return counts_line(summarise(findings))


def counts_line(counts: Mapping[Severity, int]) -> str:
    """:func:`summary_line` of findings counted so (see :func:`summarise`)."""
    return ", ".join(counted(counts[severity], severity) for severity in SEVERITIES)


_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


class SeverityTally:
    """The findings that name each role, and so each role's worst severity (the
    marker on its card) and a selection's findings. After an edit it is
    updated from the findings the edit took away and added, not made again:
    at 50,000 roles a count of all 10,400 findings took 1.5-4.5 ms of each
    edit, while the bench's moves take away and add 0 to 7 of them (0.1 ms)."""

    def __init__(
        self,
        named: dict[str, list[Finding]],
        worst: dict[str, Severity],
        by_severity: dict[Severity, int],
    ) -> None:
        self._named = named
        """Role id -> the findings that name it, in no set order; a finding that
        names a role twice is here twice. Each list is shared with the tallies
        updated from this one until an update changes that role's findings (it
        changes a copy)."""
        self.by_severity = by_severity
        """How many findings there are of each severity (:func:`summarise`): for
        the status bar, which counted all 10,400 at 50,000 roles (0.5 ms)."""
        self.worst = worst
        """Each role named, with the worst severity of the findings naming it."""
        self.came_from: dict[str, Severity] | None = None
        """The worst severities of the tally this one was updated from."""
        self.touched: frozenset[str] = frozenset()
        """The roles whose findings the update changed: those whose worst
        severity may differ from :attr:`came_from`'s."""

    @classmethod
    def of(cls, findings: Collection[Finding]) -> SeverityTally:
        named: dict[str, list[Finding]] = {}
        for finding in findings:
            for role_id in finding.roles:
                found = named.get(role_id)
                if found is None:
                    named[role_id] = [finding]
                else:
                    found.append(finding)
        worst = {role_id: _worst(found) for role_id, found in named.items()}
        return cls(named, worst, summarise(findings))

    def naming(self, role_ids: Iterable[str]) -> int:
        """How many times findings name these roles: each finding naming one
        of them once or more, and a finding naming two of them twice."""
        named = self._named
        return sum(len(named.get(role_id, ())) for role_id in role_ids)

    def after(self, gone: Iterable[Finding], come: Iterable[Finding]) -> SeverityTally:
        """The tally once the findings ``gone`` are taken away and ``come`` added."""
        named, worst = self._named.copy(), self.worst.copy()
        by_severity = self.by_severity.copy()
        own: set[str] = set()  # the roles whose lists this tally copied to change
        for findings, step in ((gone, -1), (come, 1)):
            for finding in findings:
                by_severity[finding.severity] += step
                for role_id in finding.roles:
                    if role_id not in own:
                        own.add(role_id)
                        named[role_id] = list(named.get(role_id, ()))
                    if step > 0:
                        named[role_id].append(finding)
                    else:
                        _take_away(named[role_id], finding)
        for role_id in own:
            found = named[role_id]
            if found:
                worst[role_id] = _worst(found)
            else:
                del named[role_id]
                worst.pop(role_id, None)
        updated = SeverityTally(named, worst, by_severity)
        updated.came_from, updated.touched = self.worst, frozenset(own)
        return updated

    def naming_any(self, role_ids: Iterable[str]) -> list[Finding] | None:
        """The findings that name any of these roles, each once, in no set order;
        None if one of them is counted more often than it names them, as one
        listed twice is (only a pass over the list then gives each place)."""
        wanted, named = set(role_ids), self._named
        found: dict[int, Finding] = {}
        counted: dict[int, int] = {}
        for role_id in wanted:
            for finding in named.get(role_id, ()):
                found[id(finding)] = finding
                counted[id(finding)] = counted.get(id(finding), 0) + 1
        for key, finding in found.items():
            if counted[key] > sum(role_id in wanted for role_id in finding.roles):
                return None
        return list(found.values())


def _take_away(findings: list[Finding], finding: Finding) -> None:
    """Take this finding itself away (not one equal to it: an edit's findings
    taken away are those of the list before it)."""
    for index, listed in enumerate(findings):
        if listed is finding:
            del findings[index]
            return
    raise ValueError(f"a finding of {finding.rule} is not in the tally")


def _worst(findings: list[Finding]) -> Severity:
    """The worst severity of these findings (at least one)."""
    return SEVERITIES[min(map(_RANK.__getitem__, map(_severity, findings)))]


class FindingsByRole:
    """A list of findings as the roles they name see it: each role's worst
    severity, for the markers on the cards, and the findings of a selection
    (at 50,000 roles some 10,000 findings, each pass over them 1-3 ms of
    every edit, more in a window that has been edited a while).

    The list is in report order (see in_report_order): the first finding that
    names a role is of the worst severity of those that do. Without a tally
    the markers are worked out from that at once (2 ms at 50,000 roles), and
    a selection's findings are a pass over the list. With a tally (an edit's),
    a selection's findings are the tally's of its roles, put in the list's
    order."""

    def __init__(self, findings: Sequence[Finding], tally: SeverityTally | None = None) -> None:
        """``tally``: the tally of ``findings``, when the caller has it (an edit's,
        see orgmodel.rules.incremental)."""
        self._findings: Sequence[Finding] | None = findings
        self._listed: Callable[[], Sequence[Finding]] | None = None
        self._place: Callable[[Finding], ReportPlace | None] | None = None
        self.tally = tally
        self._position: dict[int, int] | None = None
        """Finding's id() -> its place in ``findings``, once a selection asks."""
        if tally is not None:
            self.worst = tally.worst
            return
        worst: dict[str, Severity] = {}
        first = worst.setdefault
        for finding in findings:
            severity = finding.severity
            for role_id in finding.roles:
                first(role_id, severity)
        self.worst = worst
        """Each role named, with the worst severity of the findings naming it."""

    @classmethod
    def listed_later(
        cls,
        listed: Callable[[], Sequence[Finding]],
        tally: SeverityTally,
        place: Callable[[Finding], ReportPlace | None],
    ) -> FindingsByRole:
        """The findings of ``tally``, listed in report order by ``listed()`` only
        when the list is asked for (see orgmodel.rules.incremental.Validated);
        ``place`` gives a finding's place in that order without listing them
        (None when it cannot tell), for a selection's findings."""
        by_role = cls((), tally)
        by_role._findings, by_role._listed, by_role._place = None, listed, place
        return by_role

    @property
    def findings(self) -> Sequence[Finding]:
        """The findings, in report order."""
        if self._findings is None:
            assert self._listed is not None  # see listed_later
            self._findings = self._listed()
        return self._findings

    def count(self) -> int:
        """How many findings there are (without listing them)."""
        if self._findings is None:
            return sum(self.by_severity().values())
        return len(self._findings)

    def by_severity(self) -> dict[Severity, int]:
        """How many findings there are of each severity (see :func:`summarise`)."""
        return summarise(self.findings) if self.tally is None else self.tally.by_severity

    def worst_changed_from(self, worst: Mapping[str, Severity]) -> frozenset[str] | None:
        """Roles whose worst severity may differ between ``worst`` and this
        one's, if ``worst`` is that of the tally this one's was updated from
        (else None: compare them); at 50,000 roles a comparison of the two
        took 1.5 ms of each edit."""
        tally = self.tally
        return tally.touched if tally is not None and tally.came_from is worst else None

    def naming(self, role_ids: Collection[str]) -> list[Finding]:
        """The findings that name any of these roles, in the list's order."""
        # From the tally's findings of each role, not a pass over the list: at
        # 50,000 roles that pass over 10,400 findings took 2.6-5.9 ms after each
        # edit in the window (0.4 ms on a heap just made: their memory scattered).
        found = None if self.tally is None else self.tally.naming_any(role_ids)
        if found is None:
            wanted = role_ids if isinstance(role_ids, (set, frozenset)) else frozenset(role_ids)
            return [finding for finding in self.findings if not wanted.isdisjoint(finding.roles)]
        if len(found) > 1 and self._findings is None and self._place is not None:
            # Put in order without listing every finding (see listed_later).
            places: dict[int, ReportPlace] = {}
            for finding in found:
                place = self._place(finding)
                if place is None:
                    break
                places[id(finding)] = place
            else:
                found.sort(key=lambda finding: places[id(finding)])
                return found
        if len(found) > 1:
            if self._position is None:
                # Where each finding is, by identity: id() reads no finding.
                self._position = dict(zip(map(id, self.findings), itertools.count()))
            position = self._position
            found.sort(key=lambda finding: position[id(finding)])
        return found
