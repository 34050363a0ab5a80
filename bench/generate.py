"""Charts of any size for benchmarks and tests, shaped like real companies.

Every manager gets 3 to 8 reports (fewer only where the chart runs out of
roles), no reporting chain is more than 10 deep, about 5% of the people
also have a dotted line to another manager, and titles follow the seat: a
CMO's organisation is marketing, a COO's operations, a CRO's sales, with
vice presidents, directors and managers above specialists. The same seed
always gives the same chart.
"""

from __future__ import annotations

import csv
import random
from collections import deque
from pathlib import Path

from orgmodel.model import Chart, Role, Stage

MAX_DEPTH = 10
BRANCHING = (3, 8)
DOTTED_SHARE = 0.05
VACANT_SHARE = 0.03

Seat = tuple[str, str]
"""(title, role kind)"""
HEADS: dict[str, Seat] = {
    "marketing": ("Chief Marketing Officer", "cmo"),
    "operations": ("Chief Operating Officer", "coo"),
    "sales": ("Chief Revenue Officer", "cro"),
}
LEADERS: dict[str, list[list[Seat]]] = {
    # By depth below the function's head: vice presidents, directors, then managers.
    "marketing": [
        [("VP Marketing", "vp-marketing")],
        [("Marketing Director", "marketing-director")],
        [
            ("Marketing Manager", "marketing-manager"),
            ("Brand Manager", "brand-manager"),
            ("Product Marketing Manager", "product-marketing-manager"),
        ],
    ],
    "operations": [
        [("VP Operations", "vp-operations")],
        [("Operations Director", "operations-director")],
        [("Operations Manager", "operations-manager"), ("Project Manager", "project-manager")],
    ],
    "sales": [
        [("VP Sales", "vp-sales")],
        [("Sales Manager", "sales-manager")],
        [("Sales Manager", "sales-manager")],
    ],
}
SPECIALISTS: dict[str, list[Seat]] = {
    "marketing": [
        ("SEO Specialist", "seo-specialist"),
        ("Social Media Specialist", "social-media-specialist"),
        ("Content Marketing Specialist", "content-specialist"),
        ("Email Marketing Specialist", "email-marketing-specialist"),
        ("Events Coordinator", "events-specialist"),
        ("Paid Advertising Specialist", "paid-ads-specialist"),
        ("Marketing Designer", "marketing-designer"),
        ("Copywriter", "copywriter"),
    ],
    "operations": [
        ("Operations Analyst", "operations-analyst"),
        ("Logistics Coordinator", "logistics-coordinator"),
    ],
    "sales": [("Sales Representative", "sales-representative")],
}
FIRST = ["Ava", "Ben", "Cara", "Dev", "Eve", "Finn", "Gia", "Hal", "Ines", "Jon", "Kai", "Lena"]
LAST = ["Stone", "Ortiz", "Lee", "Rao", "Kim", "Hall", "Park", "Ng", "Berg", "Costa", "Wong"]


def _split(rng: random.Random, descendants: int, depth: int) -> list[int]:
    """How many roles each report of a manager brings (itself included).

    A report bringing 1 is a specialist; any other leads a team of at least
    3, so every manager has 3 to 8 reports unless its whole team is smaller.
    Near the top, everyone leads; deeper down, more and more do the work.
    """
    if descendants <= BRANCHING[1] or depth >= MAX_DEPTH - 1:
        return [1] * descendants
    reports = rng.randint(*BRANCHING)
    # A leader brings itself and a team of at least BRANCHING[0]; a specialist, itself.
    leading_at_most = min(reports, (descendants - reports) // BRANCHING[0])
    if leading_at_most < 1:
        reports, leading_at_most = descendants - BRANCHING[0], 1
    if descendants > BRANCHING[1] ** 2:
        leading = leading_at_most
    else:
        leading = rng.randint(1, leading_at_most)
    specialists = reports - leading
    spare = descendants - specialists - leading * (1 + BRANCHING[0])
    weights = [rng.randint(1, 100) for _ in range(leading)]
    total = sum(weights)
    shares = [spare * weight // total for weight in weights]
    shares[0] += spare - sum(shares)
    teams = [1 + BRANCHING[0] + share for share in shares]
    return teams + [1] * specialists


def generate_chart(size: int, seed: int = 1) -> Chart:
    rng = random.Random(seed)
    roles: list[Role] = []
    leaders: list[str] = []
    """Every role that leads a team, for dotted lines to point at."""

    def add(seat: Seat, manager: str | None) -> str:
        role_id = f"E{len(roles) + 1:06d}"
        dotted: tuple[str, ...] = ()
        if leaders and rng.random() < DOTTED_SHARE:
            other = rng.choice(leaders)
            if other != manager:
                dotted = (other,)
        person = None if rng.random() < VACANT_SHARE else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        roles.append(
            Role(role_id, seat[0], seat[1], person, manager=manager, dotted_managers=dotted)
        )
        return role_id

    if size <= 0:
        return Chart(f"generated-{size}", Stage.ESTABLISHED, ())
    ceo = add(("Chief Executive Officer", "ceo"), None)
    # Breadth first, as an HR system numbers a company that grew level by level.
    queue: deque[tuple[str, int, str, int]] = deque()
    """(manager id, depth, function, roles in its team below it)"""
    functions = list(HEADS)[: max(0, size - 1)]
    for function, team in zip(functions, _split_evenly(rng, size - 1, len(functions)), strict=True):
        queue.append((ceo, 0, function, team))
    while queue:
        manager, depth, function, team = queue.popleft()
        if depth == 0:
            head = add(HEADS[function], manager)
            if team > 1:
                queue.append((head, 1, function, team - 1))
            continue
        if depth == 1 and team > 1:
            leaders.append(manager)
        ladder = LEADERS[function]
        for brought in _split(rng, team, depth):
            if brought == 1:
                add(rng.choice(SPECIALISTS[function]), manager)
                continue
            seat = rng.choice(ladder[min(depth - 1, len(ladder) - 1)])
            leader = add(seat, manager)
            leaders.append(leader)
            queue.append((leader, depth + 1, function, brought - 1))
    return Chart(f"generated-{size}", Stage.ESTABLISHED, roles)


def _split_evenly(rng: random.Random, roles: int, parts: int) -> list[int]:
    """``roles`` shared among ``parts`` functions, marketing the largest."""
    if parts == 0:
        return []
    weights = [2.0 + rng.random()] + [1.0 + rng.random() for _ in range(parts - 1)]
    total = sum(weights)
    shares = [max(1, int(roles * weight / total)) for weight in weights]
    shares[0] += roles - sum(shares)
    return shares


HR_HEADER = ["Employee ID", "Name", "Job Title", "Manager ID", "Dotted Line Managers"]


def _hr_rows(chart: Chart) -> list[list[str]]:
    return [
        [role.id, role.person or "", role.title, role.manager or "", ";".join(role.dotted_managers)]
        for role in chart.roles
    ]


def write_csv(chart: Chart, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HR_HEADER)
        writer.writerows(_hr_rows(chart))


def write_xlsx(chart: Chart, path: Path, *, title: bool = False) -> None:
    """The CSV's rows as a workbook; with ``title``, an Excel report's title row and
    a blank row above the header."""
    import xlsxwriter  # a dev dependency: only the bench and tests write workbooks

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("People")
    first = 0
    if title:
        sheet.write(0, 0, f"Headcount report: {chart.name}")
        first = 2
    sheet.write_row(first, 0, HR_HEADER)
    for index, row in enumerate(_hr_rows(chart), start=first + 1):
        sheet.write_row(index, 0, row)
    book.close()
