"""Lists of roles in chart order under keys, updated for an edit without
touching the index they were copied from.

The indexes worked out from a chart (its forest, the rules' roles by kind or
by manager) are shared by the charts and facts an edit starts from. An edit
changes a few of their lists: each of those is copied the first time it is
changed, and the rest stay shared.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Hashable, Mapping
from typing import Generic, TypeVar

from orgmodel.model import Role

K = TypeVar("K", bound=Hashable)


class CopiedOnWrite(Generic[K]):
    """``lists`` (a dict of its own, whose lists are shared) changed role by role."""

    def __init__(self, lists: dict[K, list[Role]]) -> None:
        self.lists = lists
        self._copied: set[K] = set()

    def _own(self, key: K) -> list[Role]:
        # A list emptied and dropped earlier in the edit is made afresh.
        if key not in self._copied or key not in self.lists:
            self._copied.add(key)
            self.lists[key] = list(self.lists.get(key, ()))
        return self.lists[key]

    def take_out(self, key: K, role: Role, order: Mapping[str, int]) -> None:
        """Remove ``role`` (placed by ``order``) from the list under ``key``; an
        emptied list goes, as the indexes hold only keys with roles."""
        items = self._own(key)
        at = bisect_left(items, order[role.id], key=lambda r: order[r.id])
        if at < len(items) and items[at].id == role.id:
            del items[at]
        if not items:
            del self.lists[key]

    def put_in(self, key: K, role: Role, order: Mapping[str, int]) -> None:
        """Insert ``role`` into the list under ``key`` at its place in ``order``."""
        insort(self._own(key), role, key=lambda r: order[r.id])
