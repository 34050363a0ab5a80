"""Which roles assist their manager (an Executive Assistant, an Assistant to
the CMO, a Chief of Staff): the layout draws them beside the manager, not in
the team below. The title patterns are read from ``resources/assistants.toml``."""

from __future__ import annotations

import re
from functools import cache

from orgmodel.catalogue import read_resource_toml
from orgmodel.model import Chart


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
    return frozenset(
        role.id
        for role in titled
        if role.manager in chart and role.manager != role.id and role.id not in managers
    )
