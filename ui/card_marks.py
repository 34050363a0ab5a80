"""What a chart scene's cards show besides their roles, kept from one refresh
to the next so that only the cards whose marks changed are visited again."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from pathlib import Path

from orgmodel.catalogue import Catalogue
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import team_sizes, with_managers_above
from orgmodel.model import Chart, Role
from orgmodel.rules import Severity
from orgmodel.rules.validation import FindingsByRole
from ui.appearance import CardContent, card_content, hidden_below_collapsed


def _changed_keys(before: Mapping[str, Hashable], after: Mapping[str, Hashable]) -> set[str]:
    """The keys in one and not the other, or with another value: from the items
    as sets (for the markers of 8,000 roles, 0.4 ms rather than 1.2 ms key by key)."""
    return {key for key, _value in before.items() ^ after.items()}


class CardMarks:
    """Each card's marker (its role's worst finding), how many roles a folded
    card hides, and its team's size, as the cards show them."""

    def __init__(self) -> None:
        self.severities: dict[str, Severity] = {}
        self.hidden: dict[str, int] = {}
        """How many roles each collapsed card shows as hidden."""
        self.teams: dict[str, tuple[int, int]] = {}

    def forget(self) -> None:
        self.severities, self.hidden, self.teams = {}, {}, {}

    def follow(
        self,
        chart: Chart,
        findings: FindingsByRole | None,
        collapsed: set[str],
        edit: tuple[Chart, ChangeRecord] | None,
    ) -> set[str]:
        """Take the marks of ``chart`` with the markers of ``findings`` (None: no
        markers) and with ``collapsed`` folded; the roles whose marks changed.
        ``edit``: the chart before and what changed since, if the lines may have
        moved (team sizes change only above roles that came, went or moved)."""
        severities = {} if findings is None else findings.worst
        told = None
        if collapsed:
            severities = dict(severities)  # not the findings' own: folds mark it
            hidden = hidden_below_collapsed(chart, collapsed, severities)
        else:
            hidden = {}
            if findings is not None:  # which severities changed, if it can tell
                told = findings.worst_changed_from(self.severities)
        teams = chart.derived(team_sizes)
        changed = _changed_keys(self.hidden, hidden)
        changed.update(_changed_keys(self.severities, severities) if told is None else told)
        if edit is not None:
            before, record = edit
            reached = with_managers_above(chart, record.added + record.moved)
            reached |= with_managers_above(before, record.removed + record.moved)
            changed.update(r for r in reached if self.teams.get(r) != teams.get(r))
        self.severities, self.hidden, self.teams = severities, hidden, teams
        return changed

    def content(
        self, role: Role, catalogue: Catalogue, *, names: bool, folder: Path | None
    ) -> CardContent:
        """What the role's card shows, with its marks."""
        return card_content(
            role,
            catalogue,
            self.severities.get(role.id),
            self.hidden.get(role.id, 0),
            names=names,
            team=self.teams.get(role.id),
            folder=folder,
        )
