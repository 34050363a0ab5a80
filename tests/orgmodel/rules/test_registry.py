"""The registry of rules: every rule of domain.md, unique ids, real sources; a made-up rule
registers by itself."""

from __future__ import annotations

import re

import pytest

from orgmodel.model import RuleSettings
from orgmodel.rules import facts, registry, rule_catalogue
from tests.orgmodel.rules.rule_charts import (
    BEYOND_DOMAIN_TABLE,
    CATALOGUE,
    DOMAIN,
    DOMAIN_TABLE,
    NON_DOCUMENT_SOURCES,
    REPO,
    SOURCE_FILES,
    SOURCES,
    domain_table,
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
