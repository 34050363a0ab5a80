"""Charts of any size for benchmarks: branching up to 8, one level per depth (0 to 5)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from orgmodel.model import Chart, Role, Stage

# (title, kind) by depth below the CEO; deeper levels reuse the last entry.
TITLES_BY_DEPTH = [
    [("Chief Executive Officer", "ceo")],
    [("Chief Marketing Officer", "cmo"), ("Chief Operating Officer", "coo")],
    [("VP Marketing", "vp-marketing"), ("VP Operations", "vp-operations")],
    [("Marketing Director", "marketing-director"), ("Operations Director", "operations-director")],
    [
        ("Marketing Manager", "marketing-manager"),
        ("Brand Manager", "brand-manager"),
        ("Operations Manager", "operations-manager"),
    ],
    [
        ("SEO Specialist", "seo-specialist"),
        ("Social Media Specialist", "social-media-specialist"),
        ("Content Marketing Specialist", "content-specialist"),
        ("Email Marketing Specialist", "email-marketing-specialist"),
        ("Events Coordinator", "events-specialist"),
        ("Operations Analyst", "operations-analyst"),
        ("Project Manager", "project-manager"),
    ],
]
FIRST = ["Ava", "Ben", "Cara", "Dev", "Eve", "Finn", "Gia", "Hal", "Ines", "Jon", "Kai", "Lena"]
LAST = ["Stone", "Ortiz", "Lee", "Rao", "Kim", "Hall", "Park", "Ng", "Berg", "Costa", "Wong"]


def generate_chart(size: int, seed: int = 1) -> Chart:
    rng = random.Random(seed)
    roles: list[Role] = []
    frontier: list[tuple[str, int]] = []
    while len(roles) < size:
        if not frontier:
            manager, depth = None, 0
        else:
            manager, depth = frontier[rng.randrange(len(frontier))]
            depth += 1
        options = TITLES_BY_DEPTH[min(depth, len(TITLES_BY_DEPTH) - 1)]
        title, kind = rng.choice(options)
        role_id = f"E{len(roles) + 1:06d}"
        dotted = (rng.choice(roles).id,) if roles and rng.random() < 0.05 else ()
        roles.append(
            Role(
                id=role_id,
                title=title,
                kind=kind,
                person=f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() > 0.03 else None,
                manager=manager,
                dotted_managers=tuple(d for d in dotted if d != manager),
            )
        )
        children = sum(1 for r in roles if r.manager == manager) if manager and size < 2000 else 0
        # Specialists (the deepest level) lead nobody: every line reports upward.
        if depth < len(TITLES_BY_DEPTH) - 1 and children < 8:
            frontier.append((role_id, depth))
        if len(frontier) > 64:
            frontier.pop(0)
    return Chart(f"generated-{size}", Stage.ESTABLISHED, roles)


def write_csv(chart: Chart, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["Employee ID", "Name", "Job Title", "Manager ID", "Dotted Line Managers"])
        for role in chart.roles:
            writer.writerow(
                [
                    role.id,
                    role.person or "",
                    role.title,
                    role.manager or "",
                    ";".join(role.dotted_managers),
                ]
            )
