"""The catalogue's title patterns are compiled when first searched; each must
compile, and search as the pattern compiled ignoring case does."""

from __future__ import annotations

import re
from pathlib import Path

from orgmodel.catalogue import load_catalogue
from orgmodel.titles import TitlePattern

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _every_pattern() -> list[TitlePattern]:
    catalogue = load_catalogue()
    words = catalogue.words
    patterns = [p for kind in catalogue.kinds.values() for p in kind.title_patterns]
    for group in (*words.level_words, *words.modifiers, *words.areas):
        patterns.extend(pattern for _needle, pattern in group.probes)
    patterns.extend(pattern for _kind, _needle, pattern in words.kind_patterns)
    return patterns


def _titles() -> list[str]:
    catalogue = load_catalogue()
    names = [kind.name for kind in catalogue.kinds.values()]
    sample_titles = [
        line.split(",")[2]
        for path in sorted(SAMPLES.glob("*.csv"))
        for line in path.read_text(encoding="utf-8").splitlines()[1:]
        if line.count(",") >= 2
    ]
    return [*names, *sample_titles, "SENIOR VICE PRESIDENT, MARKETING", "head of it", ""]


def test_every_title_pattern_searches_as_its_compiled_pattern_does() -> None:
    patterns = _every_pattern()
    assert len(patterns) > 100
    titles = _titles()
    for pattern in patterns:
        compiled = re.compile(pattern.pattern, re.IGNORECASE)
        for title in titles:
            ours, theirs = pattern.search(title), compiled.search(title)
            assert (ours and ours.span()) == (theirs and theirs.span()), (pattern, title)
            assert [m.span() for m in pattern.finditer(title)] == [
                m.span() for m in compiled.finditer(title)
            ]


def test_a_pattern_is_compiled_once_and_compares_by_its_text() -> None:
    pattern = TitlePattern(r"\bcmo\b")
    assert pattern.compiled() is pattern.compiled()
    assert pattern == TitlePattern(r"\bcmo\b") and hash(pattern) == hash(TitlePattern(r"\bcmo\b"))
    assert pattern != TitlePattern(r"\bcfo\b")
    assert pattern.search("Our CMO") is not None
