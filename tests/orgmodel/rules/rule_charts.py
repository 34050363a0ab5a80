"""Small hand-built charts and lookups for the tests of each rule's findings."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from orgmodel.catalogue import load_catalogue
from orgmodel.model import Chart, Employment, Role, RuleSettings, Stage
from orgmodel.rules import Finding, rule_catalogue, validate

CATALOGUE = load_catalogue()


REPO = Path(__file__).resolve().parents[3]


DOMAIN = REPO.parent / "shared" / "domain.md"


SOURCES = REPO.parent / "shared" / "sources"


NON_DOCUMENT_SOURCES = {"role levels", "structure", "house rule", "import"}


# The texts of ../shared/sources by the title rules cite them with (domain.md's table).
SOURCE_FILES = {
    "What is the difference between a CMO and a VP?": "000_dc0799e1b806ed7b.txt",
    "CMO vs Marketing Director: roles and responsibilities": "001_fc8c2084a4700a54.txt",
    "Fractional CMO vs fractional Marketing Director": "002_4a44505053fd66b0.txt",
    "Understanding the vital roles of COOs and CMOs": "003_d8db7adccdc1bd59.txt",
    "What are the responsibilities of a CMO?": "004_b0325490238ee77a.txt",
}


# domain.md is a starting point: rules the sources support beyond its table are
# listed here by name, so that any other difference still fails the test.
BEYOND_DOMAIN_TABLE = {"vp-marketing-reports-to-cmo"}


# The rule table of ../shared/domain.md (rule id -> severity), pinned here so
# the check runs where shared/ is absent; a test compares it with the file.
DOMAIN_TABLE = {
    "single-cmo": "error",
    "missing-cmo": "warning",
    "cmo-reports-to-ceo": "warning",
    "reports-upward": "error",
    "reporting-cycle": "error",
    "unknown-manager": "error",
    "multiple-tops": "warning",
    "director-reports-to-marketing-lead": "warning",
    "fractional-cmo-needs-marketing-lead": "error",
    "fractional-cmo-needs-tactical-team": "error",
    "fractional-needs-established-business": "warning",
    "fractional-cmo-scope": "warning",
    "fractional-md-scope": "warning",
    "cmo-tactical-work": "warning",
    "strategy-overlap": "warning",
    "coo-cmo-overlap": "warning",
    "responsibility-gap": "warning",
    "experience-below-profile": "warning",
    "fractional-engagement-length": "info",
    "vacancy": "info",
    "span-of-control": "warning",
    "unclassified-title": "info",
}


FULL_TIME = Employment.FULL_TIME


PART_TIME = Employment.PART_TIME


CONTRACTOR = Employment.CONTRACTOR


FRACTIONAL = Employment.FRACTIONAL


# Specialists that between them hold every core tactical responsibility.
TACTICAL_SPECIALISTS = {
    "social": "social-media-specialist",
    "email": "email-marketing-specialist",
    "content": "content-specialist",
    "coord": "marketing-coordinator",
    "ads": "paid-ads-specialist",
    "seo": "seo-specialist",
    "web": "web-marketing-specialist",
}


def person(role_id: str) -> str:
    """The person a helper puts in a seat; findings name people by it."""
    return f"P-{role_id}"


def role(role_id: str, kind: str, manager: str | None = None, **fields: Any) -> Role:
    """A filled seat of ``kind``; pass ``person=None`` for a vacant one."""
    fields.setdefault("person", person(role_id))
    if "title" not in fields:
        fields["title"] = CATALOGUE.kinds[kind].name
    return Role(id=role_id, kind=kind, manager=manager, **fields)


def chart(
    *roles: Role, stage: Stage = Stage.ESTABLISHED, settings: RuleSettings | None = None
) -> Chart:
    return Chart(name="test", stage=stage, roles=roles, settings=settings or RuleSettings())


def changed(base: Chart, role_id: str, **changes: Any) -> Chart:
    return base.with_role(attrs.evolve(base.role(role_id), **changes))


def without(base: Chart, *role_ids: str) -> Chart:
    return base.with_roles(r for r in base.roles if r.id not in role_ids)


def found(c: Chart, rule_id: str) -> list[Finding]:
    assert rule_id in rule_catalogue()
    return [f for f in validate(c) if f.rule == rule_id]


def one(c: Chart, rule_id: str) -> Finding:
    findings = found(c, rule_id)
    assert len(findings) == 1, findings
    return findings[0]


def healthy_roles() -> list[Role]:
    roles = [
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo", years_in_marketing=25, years_leading=12),
        role("coo", "coo", "ceo"),
        role("vp", "vp-marketing", "cmo"),
        role("md", "marketing-director", "vp", years_in_marketing=12, years_leading=6),
        role("mm", "marketing-manager", "md"),
    ]
    roles += [role(rid, kind, "mm") for rid, kind in TACTICAL_SPECIALISTS.items()]
    roles += [
        role("opsmgr", "operations-manager", "coo"),
        role("opsanalyst", "operations-analyst", "opsmgr"),
    ]
    return roles


def healthy_chart(**kwargs: Any) -> Chart:
    return chart(*healthy_roles(), **kwargs)


def fractional_cmo_chart(
    lead_employment: Employment = FULL_TIME,
    team_employment: Employment = FULL_TIME,
    stage: Stage = Stage.ESTABLISHED,
) -> Chart:
    """A fractional CMO over an in-house marketing manager and a tactical team."""
    return chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo", employment=FRACTIONAL, engagement_months=4),
        role("mm", "marketing-manager", "cmo", employment=lead_employment),
        *(
            role(rid, kind, "mm", employment=team_employment)
            for rid, kind in TACTICAL_SPECIALISTS.items()
        ),
        stage=stage,
    )


@contextmanager
def recursion_limit(limit: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def domain_table() -> dict[str, str]:
    """Rule id -> severity, from the rule table of domain.md."""
    rows = {}
    for line in DOMAIN.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            rows[cells[0].strip("`")] = cells[1]
    return rows


def text_blocks(path: Path) -> list[str]:
    text = path.read_text("utf-8").replace("\u2019", "'")
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def fractional_md_chart(**md_fields: Any) -> Chart:
    md_fields.setdefault("employment", FRACTIONAL)
    return chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo"),
        role("md", "marketing-director", "cmo", **md_fields),
        role("seo", "seo-specialist", "md"),
    )


def team_of(n: int, settings: RuleSettings | None = None) -> Chart:
    return chart(
        role("boss", "marketing-manager"),
        *(role(f"s{i}", "seo-specialist", "boss") for i in range(n)),
        settings=settings,
    )


# Kinds by depth in a tree of branching 8: each level strictly below its manager.
TREE_KINDS = [
    "ceo",
    "cfo",
    "vp-operations",
    "operations-director",
    "operations-manager",
    "operations-analyst",
]
