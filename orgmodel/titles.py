"""Reading a job title: its role kind, its level, its seniority within the level,
and the function it names.

A title a role kind of ``resources/role_kinds.toml`` names is of that kind
("Senior Brand Manager" is a Brand Manager). Any other title is read from its
words (``resources/titles.toml``): a level word ("Director", "Gerente",
"Leiter", "SVP") and a function word ("Finance", "Ventas", "IT") give a kind of
that function and level, so that the whole of a company has levels. A title
with neither is unclassified.

Seniority orders titles within one level: an EVP outranks an SVP, who
outranks a VP; a Senior Director outranks a Director.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from orgmodel.model import UNCLASSIFIED

if TYPE_CHECKING:
    from orgmodel.catalogue import RoleKind

DIRECTOR, INDIVIDUAL = 3, 5
"""The levels of directors and of individual contributors."""

LEVEL_STEP = 10
"""Seniority a title gains per level its own words rank above its kind's level
(an "Events Manager" is an Events Specialist who outranks the specialists)."""

TITLE_READ = 200
"""Characters of a title that are read: some patterns cost the square of the length."""

ADMINISTRATION = "administration"
"""The area of titles that may head an organisation (a Secretary of an agency)."""


class TitlePattern:
    """A title pattern of the catalogue, compiled (ignoring case) when first searched.

    The catalogue has some 500 patterns and a chart's titles hold the words of
    a hundred or so: compiling all of them took most of loading the catalogue,
    which every command and every start of the app does.
    """

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        # Two threads may both compile it: the same pattern either way.
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, re.IGNORECASE)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TitlePattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"TitlePattern({self.pattern!r})"


Probe = tuple[str, TitlePattern]
"""A title pattern, and text every match of it holds (lower case; may be empty).

Most titles hold none of a pattern's words: a substring test says so in a
fraction of the time a regular expression search takes.
"""


def _skip_group(source: str, start: int) -> int:
    """The index after the group or character class opening at ``start``."""
    depth, in_class, index = 0, False, start
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        index += 1
        if depth == 0 and not in_class:
            return index
    return index


def _literal_runs(source: str) -> list[str]:
    """Runs of plain characters every match of ``source`` holds, in order."""
    runs: list[str] = []
    current: list[str] = []

    def cut() -> None:
        runs.append("".join(current))
        current.clear()

    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            escaped = source[index + 1 : index + 2]
            if escaped and not escaped.isalnum():
                current.append(escaped)  # an escaped punctuation mark is itself
            else:
                cut()  # \b, \w, \s ...
            index += 2
        elif char in "([":
            cut()
            index = _skip_group(source, index)
        elif char in "?*{":
            if current:
                current.pop()  # the character before is optional
            cut()
            closing = source.find("}", index) if char == "{" else -1
            index = closing + 1 if closing >= 0 else index + 1
        elif char in ".^$":
            cut()
            index += 1
        else:
            if char != "+":
                current.append(char)
            index += 1
    cut()
    return runs


def _has_top_level_alternation(source: str) -> bool:
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
        elif char in "([":
            index = _skip_group(source, index)
        elif char == "|":
            return True
        else:
            index += 1
    return False


def probe(pattern: TitlePattern) -> Probe:
    """The pattern with the longest text its every match holds ("manager" for
    ``\\b(plant|site) manager\\b``); none when it has alternatives at the top."""
    if _has_top_level_alternation(pattern.pattern):
        return ("", pattern)
    return (max(_literal_runs(pattern.pattern), key=len).lower(), pattern)


@frozen
class WordGroup:
    """Words of one family that give a level and a seniority, or move seniority."""

    family: str
    level: int | None
    seniority: int
    probes: tuple[Probe, ...]


@frozen
class Area:
    """A function a title names (IT, finance, ...) and the kind function it maps to."""

    id: str
    function: str
    probes: tuple[Probe, ...]


@frozen
class TitleReading:
    """What a title says: the kind, and what its words say of rank and function."""

    kind: str
    level: int | None
    """The kind's level; None for an unclassified title."""
    area: str | None
    """The function the title names ("it", "finance", ...), if any."""
    word_level: int | None = None
    """The level of the title's own level word, if it has one."""
    word_seniority: int = 0
    modifiers: int = 0
    """Seniority the words beside the level word add ("Senior" +1, "Associate" -1)."""

    @property
    def seniority(self) -> int:
        return 0 if self.level is None else self.seniority_at(self.level)

    def seniority_at(self, level: int) -> int:
        """Seniority of the title within ``level`` (the level of the role's kind)."""
        if self.word_level is None or self.word_level > level:
            return self.modifiers
        return LEVEL_STEP * (level - self.word_level) + self.word_seniority + self.modifiers


UNREAD = TitleReading(UNCLASSIFIED, None, None)


@frozen
class TitleWords:
    """The words of ``resources/titles.toml``, compiled."""

    serves: tuple[re.Pattern[str], ...]
    units: re.Pattern[str]
    not_marketing: re.Pattern[str]
    level_words: tuple[WordGroup, ...]
    modifiers: tuple[WordGroup, ...]
    areas: tuple[Area, ...]
    generic_kinds: Mapping[str, Mapping[int, str]]
    """Kind id by function and level, for titles no kind names."""
    kind_patterns: tuple[tuple[RoleKind, str, TitlePattern], ...]
    """Every role kind's title patterns."""


def compile_patterns(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def title_patterns(patterns: Iterable[str]) -> tuple[TitlePattern, ...]:
    return tuple(TitlePattern(p) for p in patterns)


def probes(patterns: Iterable[str]) -> tuple[Probe, ...]:
    return tuple(probe(p) for p in title_patterns(patterns))


def any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching where any of ``patterns`` does ("(?!)" for none)."""
    alternatives = [f"(?:{p})" for p in patterns]
    return re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)


def title_words(data: Mapping[str, Any], kinds: Iterable[RoleKind]) -> TitleWords:
    def groups(key: str) -> tuple[WordGroup, ...]:
        return tuple(
            WordGroup(g["family"], g.get("level"), g["seniority"], probes(g["patterns"]))
            for g in data[key]
        )

    areas = tuple(Area(a["id"], a["function"], probes(a["patterns"])) for a in data["area"])
    return TitleWords(
        serves=compile_patterns(data["serves_patterns"]),
        units=any_of(data["unit_patterns"]),
        not_marketing=any_of(data["not_marketing_patterns"]),
        level_words=groups("level_word"),
        modifiers=groups("modifier"),
        areas=areas,
        generic_kinds={
            function: {int(level): kind for level, kind in by_level.items()}
            for function, by_level in data["generic_kind"].items()
        },
        kind_patterns=tuple((kind, *probe(p)) for kind in kinds for p in kind.title_patterns),
    )


_Match = tuple[WordGroup, int, int]


def _level_word(text: str, lowered: str, words: TitleWords) -> _Match | None:
    """The level word that counts: not inside a longer one, then the most senior."""
    found: list[_Match] = []
    # Inlined Probe.search: a title meets every probe of the file.
    for group in words.level_words:
        for needle, pattern in group.probes:
            if needle not in lowered or (match := pattern.search(text)) is None:
                continue
            if match.end() > match.start():
                found.append((group, match.start(), match.end()))
    standalone = [
        (group, start, end)
        for group, start, end in found
        if not any(s <= start and end <= e and e - s > end - start for _, s, e in found)
    ]
    if not standalone:
        return None
    return min(
        standalone,
        key=lambda m: (m[0].level if m[0].level is not None else 99, -m[0].seniority, m[1] - m[2]),
    )


def _modifiers(text: str, lowered: str, words: TitleWords, span: tuple[int, int]) -> int:
    total = 0
    for group in words.modifiers:
        for needle, pattern in group.probes:
            if needle not in lowered:
                continue
            matches = pattern.finditer(text)
            if any(m.end() <= span[0] or m.start() >= span[1] for m in matches):
                total += group.seniority
                break
    return total


def _area(text: str, lowered: str, words: TitleWords, marketing: bool) -> Area | None:
    best: tuple[int, Area] | None = None
    for area in words.areas:
        if area.function == "marketing" and not marketing:
            continue
        for needle, pattern in area.probes:
            if needle not in lowered or (match := pattern.search(text)) is None:
                continue
            if best is None or match.end() - match.start() > best[0]:
                best = (match.end() - match.start(), area)
    return None if best is None else best[1]


def _named_kind(text: str, lowered: str, words: TitleWords, marketing: bool) -> RoleKind | None:
    """The kind whose pattern names the title: the longest match, then the more senior."""
    best: tuple[int, int] | None = None
    best_kind = None
    for kind, needle, pattern in words.kind_patterns:
        if needle not in lowered or (kind.function == "marketing" and not marketing):
            continue
        match = pattern.search(text)
        if match is None:
            continue
        score = (match.end() - match.start(), -kind.level)
        if best is None or score > best:
            best, best_kind = score, kind
    return best_kind


def _without_whom_it_serves(text: str, words: TitleWords) -> str:
    for pattern in words.serves:
        match = pattern.search(text)
        if match is None:
            continue
        cut = match.start("tail") if "tail" in pattern.groupindex else match.start()
        text = text[:cut].rstrip(" ,-")
    return text


def read_title(title: str, kinds: Mapping[str, RoleKind], words: TitleWords) -> TitleReading:
    """Read one job title (see the module's description)."""
    # No job title is longer; a cell of thousands of characters is read by its start.
    text = _without_whom_it_serves(" ".join(title[:TITLE_READ].split()), words)
    if not text:
        return UNREAD
    lowered = text.lower()
    level_word = _level_word(text, lowered, words)
    marketing = words.not_marketing.search(text) is None
    area = _area(text, lowered, words, marketing)
    if level_word is None and words.units.search(text):
        return UNREAD
    word_level, word_seniority, span = None, 0, (0, 0)
    if level_word is not None:
        group, start, end = level_word
        word_level, word_seniority, span = group.level, group.seniority, (start, end)
    modifiers = _modifiers(text, lowered, words, span)
    kind = _named_kind(text, lowered, words, marketing)
    if kind is None:
        level = word_level if word_level is not None else (5 if area is not None else None)
        if level is None:
            return UNREAD
        function = area.function if area is not None else "other"
        kind = kinds[words.generic_kinds[function][level]]
    elif kind.level == INDIVIDUAL and word_level is not None and word_level <= DIRECTOR:
        # A "Head of Content" or a "Director of SEO" leads that work: a director of its
        # function, not a specialist (a "PR Manager" stays the PR specialist).
        kind = kinds[words.generic_kinds[kind.function][word_level]]
    return TitleReading(
        kind=kind.id,
        level=kind.level,
        area=None if area is None else area.id,
        word_level=word_level,
        word_seniority=word_seniority,
        modifiers=modifiers,
    )
