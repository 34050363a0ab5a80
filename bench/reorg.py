"""A reorganised copy of a generated chart, for timing ``orgmodel diff``.

About 2% of the roles each are moved to another manager of their old
manager's level, retitled, given another employment, removed (their reports
go to their manager) or added; the ids of another 2% change, so those roles
are matched by their person's name. The same seed gives the same copy.
"""

from __future__ import annotations

import random

import attrs

from orgmodel.model import Chart, Employment, Role


def reorg_pair(chart: Chart, seed: int = 7) -> tuple[Chart, Chart]:
    """``chart`` with every person's name made unique (as in a real HR export, where
    name matching can work), and its reorganised copy."""
    named = chart.with_roles(
        role if role.vacant else attrs.evolve(role, person=f"{role.person} {role.id}")
        for role in chart.roles
    )
    return named, reorganised(named, seed)


def reorganised(chart: Chart, seed: int = 7) -> Chart:
    rng = random.Random(seed)
    roles = {role.id: role for role in chart.roles}
    managers = sorted({r.manager for r in chart.roles if r.manager is not None})
    ids = sorted(roles)
    share = max(1, len(ids) // 50)
    for role_id in rng.sample(ids, share):
        role = roles[role_id]
        if role.manager is not None:
            target = rng.choice(managers)
            if target != role_id:
                roles[role_id] = attrs.evolve(role, manager=target)
    for role_id in rng.sample(ids, share):
        roles[role_id] = attrs.evolve(roles[role_id], title=roles[role_id].title + " (interim)")
    for role_id in rng.sample(ids, share):
        roles[role_id] = attrs.evolve(roles[role_id], employment=Employment.CONTRACTOR)
    leaves = [i for i in ids if i not in set(managers)]
    for role_id in rng.sample(leaves, share):
        del roles[role_id]
    for number in range(share):
        manager = rng.choice([m for m in managers if m in roles])
        roles[f"NEW{number}"] = Role(
            f"NEW{number}", "SEO Specialist", "seo-specialist", person=f"Newcomer {number}",
            manager=manager,
        )  # fmt: skip
    renamed = {
        role_id: f"R{role_id}"
        for role_id in rng.sample(sorted(roles), share)
        if not roles[role_id].vacant and role_id not in managers
    }
    result = [attrs.evolve(role, id=renamed.get(role.id, role.id)) for role in roles.values()]
    return chart.with_roles(result)
