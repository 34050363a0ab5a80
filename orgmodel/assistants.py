"""Which roles assist their manager (an Executive Assistant, an Assistant to
the CMO, a Chief of Staff): the layout draws them beside the manager, not in
the team below. The title patterns are read from ``resources/assistants.toml``."""

from __future__ import annotations

import re
from functools import cache

from orgmodel.catalogue import read_resource_toml
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import forest
from orgmodel.model import Chart, Role


@cache
def _title_pattern() -> re.Pattern[str]:
    patterns = read_resource_toml("assistants.toml")["title_patterns"]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


@cache
def is_assistant_title(title: str) -> bool:
    """Remembered by title: a chart has thousands of roles but few titles."""
    return _title_pattern().search(title) is not None


def assistants(chart: Chart) -> frozenset[str]:
    """Roles with an assistant's title that have a manager and lead nobody."""
    titled = [role for role in chart.roles if is_assistant_title(role.title)]
    if not titled:
        return frozenset()
    managers = {role.manager for role in chart.roles}
    return frozenset(role.id for role in titled if _assists(chart, role, role.id in managers))


def _assists(chart: Chart, role: Role, leads: bool) -> bool:
    """Whether a role with an assistant's title is drawn as one."""
    return not leads and role.manager in chart and role.manager != role.id


def assistants_after(before: Chart, after: Chart, record: ChangeRecord) -> frozenset[str]:
    """``assistants(after)`` from ``assistants(before)``, for an edit that kept
    every role in its order but those it removed, and may have added some that
    lead nobody (``record``): only a role it changed or added, and the managers
    a moved role left and joined, an added role joined or a removed one left,
    may start or stop assisting."""
    rechecked: set[str | None] = set(record.moved + record.changed + record.added)
    for moved in record.moved:
        rechecked.update((before.role(moved).manager, after.role(moved).manager))
    rechecked.update(after.role(added).manager for added in record.added)
    rechecked.update(before.role(removed).manager for removed in record.removed)
    children = after.derived(forest)
    updated = set(before.derived(assistants)) - set(record.removed)
    for role in filter(None, map(after.get, rechecked)):
        leads = bool(children.get(role.id))
        if is_assistant_title(role.title) and _assists(after, role, leads):
            updated.add(role.id)
        else:
            updated.discard(role.id)
    return frozenset(updated)
