"""The registry of rules: every rule of domain.md, unique ids, real sources; a made-up rule
registers by itself."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import attrs
import pytest

from orgmodel.catalogue import FUNCTIONS
from orgmodel.cli import main
from orgmodel.model import RuleSettings
from orgmodel.rules import (
    ChangeKind,
    Finding,
    Fix,
    Reparent,
    Rule,
    Source,
    Step,
    explain,
    facts,
    fixes_for,
    registry,
    rule_catalogue,
    validate,
)
from orgmodel.rules.facts import ChartFacts
from orgmodel.rules.rule import Issue, Scope, reads
from tests.orgmodel.rules.rule_charts import (
    BEYOND_DOMAIN_TABLE,
    CATALOGUE,
    DOMAIN,
    DOMAIN_TABLE,
    NON_DOCUMENT_SOURCES,
    REPO,
    SOURCE_FILES,
    SOURCES,
    chart,
    domain_table,
    one,
    role,
    text_blocks,
)


def test_pinned_table_is_the_table_of_domain_md() -> None:
    if not DOMAIN.exists():
        pytest.skip(f"{DOMAIN} is not present")
    assert domain_table() == DOMAIN_TABLE


def test_registered_rules_match_the_domain_table_and_the_families() -> None:
    table = DOMAIN_TABLE
    assert len(table) == 22
    assert not set(table) & BEYOND_DOMAIN_TABLE
    assert set(rule_catalogue()) == set(table) | BEYOND_DOMAIN_TABLE
    assert set(rule_catalogue()) == {r.id for family in registry.FAMILIES for r in family.RULES}


def test_rule_severities_match_the_domain_table() -> None:
    table = DOMAIN_TABLE
    infos = rule_catalogue()
    assert {rid: infos[rid].severity for rid in table} == table


def test_every_rule_has_an_explanation_a_fix_and_a_source() -> None:
    for rule_id, info in rule_catalogue().items():
        assert info.id == rule_id
        assert info.explanation.strip(), rule_id
        assert info.fix.strip(), rule_id
        assert info.sources, rule_id
        for source in info.sources:
            assert source.title.strip(), rule_id
            # A text is cited with the paragraph or heading to read; a rule no text
            # states only says what it is.
            assert bool(source.section.strip()) == (source.title in SOURCE_FILES), rule_id


def test_rule_sources_cite_titles_never_file_names() -> None:
    cited = {s.title for info in rule_catalogue().values() for s in info.sources}
    assert cited <= set(SOURCE_FILES) | NON_DOCUMENT_SOURCES
    assert {"role levels", "structure", "import", "house rule"} <= cited
    for info in rule_catalogue().values():
        assert not re.search(r"[0-9]{3}_[0-9a-f]{16}\.txt|paragraph|design card", info.source)
    assert rule_catalogue()["single-cmo"].source == (
        "What is the difference between a CMO and a VP?, ¶5"
    )
    assert rule_catalogue()["reports-upward"].source == (
        "role levels; What is the difference between a CMO and a VP?, ¶2"
    )


def test_no_source_file_name_in_the_code_or_its_resources() -> None:
    file_name = re.compile(r"[0-9]{3}_[0-9a-f]{16}\.txt")
    for folder in ("orgmodel", "ui", "resources"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in (".py", ".toml", ".md", ".csv"):
                assert not file_name.search(path.read_text("utf-8", errors="replace")), path


def test_rule_sources_name_real_sources_and_real_places_in_them() -> None:
    if not SOURCES.is_dir():
        pytest.skip(f"{SOURCES} is not present")
    for title, file_name in SOURCE_FILES.items():
        assert (SOURCES / file_name).is_file(), title
    if DOMAIN.is_file():
        domain = DOMAIN.read_text("utf-8")
        for title, file_name in SOURCE_FILES.items():
            assert f"| {file_name[:3]} | {title} |" in domain, title
    for rule_id, info in rule_catalogue().items():
        for source in info.sources:
            if source.title not in SOURCE_FILES:
                continue
            blocks = text_blocks(SOURCES / SOURCE_FILES[source.title])
            paragraphs = re.fullmatch(r"¶(\d+)(?:\u2013(\d+))?", source.section)
            if paragraphs:
                last = int(paragraphs.group(2) or paragraphs.group(1))
                assert 1 <= int(paragraphs.group(1)) <= last <= len(blocks), (rule_id, source)
            elif source.section != "overview table":
                text = "\n".join(blocks).casefold()
                for part in source.section.split(":"):
                    assert part.strip().casefold() in text, (rule_id, source, part)


def test_span_of_control_is_the_only_house_rule_and_its_default_limit_is_the_setting() -> None:
    house = {rid for rid, info in rule_catalogue().items() if info.house}
    assert house == {"span-of-control"}
    assert rule_catalogue()["span-of-control"].default_limit == RuleSettings().span_of_control_limit


def test_kind_constants_of_the_engine_exist_in_the_catalogue() -> None:
    constants = [
        facts.CEO,
        facts.CMO,
        facts.COO,
        facts.VP_MARKETING,
        facts.MARKETING_DIRECTOR,
        facts.MARKETING_MANAGER,
    ]
    for kind_id in constants:
        assert kind_id in CATALOGUE.kinds, kind_id
    assert set(CATALOGUE.kinds) >= facts.MARKETING_LEAD_KINDS
    assert facts.TACTICAL in CATALOGUE.categories
    assert facts.OPERATIONS in CATALOGUE.categories


# --- the registry itself -----------------------------------------------------------


def test_rule_ids_are_unique_across_the_families() -> None:
    ids = [r.id for family in registry.FAMILIES for r in family.RULES]
    assert len(ids) == len(set(ids)) == len(rule_catalogue())
    twin = attrs.evolve(registry.RULES["vacancy"], check=lambda _facts: [])
    with pytest.raises(ValueError, match="two rules share the id 'vacancy'"):
        registry.collect((*(family.RULES for family in registry.FAMILIES), (twin,)))


def test_findings_keep_the_report_order_of_before_the_families() -> None:
    """The order findings of one severity are listed in (CLI, JSON, app) stays as it was."""
    assert list(rule_catalogue())[:4] == [
        "single-cmo",
        "missing-cmo",
        "cmo-reports-to-ceo",
        "reports-upward",
    ]
    assert list(rule_catalogue())[-3:] == ["vacancy", "span-of-control", "unclassified-title"]


def test_every_rule_declares_what_it_reads() -> None:
    for rule in rule_catalogue().values():
        assert rule.reads.scopes, rule.id
        assert rule.reads.kinds <= set(CATALOGUE.kinds), rule.id
        assert rule.reads.functions <= set(FUNCTIONS), rule.id
        if rule.reads.kinds:
            assert Scope.KINDS in rule.reads.scopes, rule.id
        if Scope.RESPONSIBILITIES in rule.reads.scopes:
            assert rule.reads.functions, rule.id
    assert registry.RULES["span-of-control"].reads.scopes == {Scope.TEAM, Scope.SETTINGS}
    assert registry.RULES["single-cmo"].reads.kinds == {"cmo"}


def _many_vps(facts: ChartFacts) -> Iterator[Issue]:
    vps = facts.by_kind.get("vp-marketing", [])
    if len(vps) > 1:
        yield Issue([r.id for r in vps], f"{facts.labels(vps)} are all VPs Marketing.")


def _merge_the_vps(finding: Finding, facts: ChartFacts) -> list[Fix]:
    first, *others = finding.roles
    steps: list[Step] = []
    for other in others:
        steps += [ChangeKind(other, "marketing-director"), Reparent(other, first)]
    lead = facts.label(facts.chart.role(first))
    return [Fix(f"Make the others Marketing Directors under {lead}", steps)]


def _count_the_vps(finding: Finding, _facts: ChartFacts) -> list[str]:
    return [f"The chart has {len(finding.roles)} VPs Marketing."]


MANY_VPS = Rule(
    id="many-vps",
    severity="info",
    explanation="A made-up rule: one VP Marketing is enough.",
    fix="Keep one VP Marketing.",
    sources=[Source("house rule")],
    check=_many_vps,
    reads=reads(Scope.KINDS, kinds=["vp-marketing"]),
    fixes=_merge_the_vps,
    facts=_count_the_vps,
    house=True,
)


def test_a_made_up_rule_is_checked_fixed_explained_and_listed_once_registered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A family module's RULES is all a new rule needs: here a made-up family of one."""
    families = (*(family.RULES for family in registry.FAMILIES), (MANY_VPS,))
    monkeypatch.setattr(registry, "RULES", registry.collect(families, registry.REPORT_ORDER))
    c = chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo"),
        role("vp1", "vp-marketing", "cmo"),
        role("vp2", "vp-marketing", "cmo"),
    )
    finding = one(c, "many-vps")
    assert finding.roles == ("vp1", "vp2")
    assert finding.source == "house rule"
    assert finding.suggestion == "Keep one VP Marketing."
    (fix,) = fixes_for(finding, c)
    assert fix.description == "Make the others Marketing Directors under P-vp1 (VP Marketing)"
    fixed = fix.apply(c).role("vp2")
    assert (fixed.kind, fixed.manager) == ("marketing-director", "vp1")
    explanation = explain(finding, c)
    assert explanation.rule_text == "A made-up rule: one VP Marketing is enough."
    assert "The chart has 2 VPs Marketing." in explanation.why
    assert explanation.sources == ("house rule",)
    out = io.StringIO()
    assert main(["rules", "--format", "json"], out) == 0
    assert json.loads(out.getvalue())[-1]["id"] == "many-vps"
    off = attrs.evolve(c, settings=RuleSettings(disabled={"many-vps"}))
    assert [f for f in validate(off) if f.rule == "many-vps"] == []
