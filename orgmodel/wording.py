"""English for messages: names inside sentences, lists joined with "and", counts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from orgmodel.model import Role

VACANT = "Vacant"
PLANNED = "To be hired"


def in_sentence(name: str) -> str:
    """A catalogue name as it reads inside a sentence: 'Events' -> 'events', 'SEO' stays."""
    if name[:2].isupper():
        return name
    return name[:1].lower() + name[1:]


def sentence_start(text: str) -> str:
    """Text as the start of a sentence: its first letter capitalised, the rest untouched."""
    return text[:1].upper() + text[1:]


def join_words(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def join_some(words: Sequence[str], shown: int = 3) -> str:
    """'a, b and c', or 'a, b, c and 4 more'."""
    if len(words) <= shown:
        return join_words(words)
    return join_words([*words[:shown], f"{len(words) - shown} more"])


def counted(count: int, word: str) -> str:
    """'1 role', '3 roles', '0 roles'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def article(name: str) -> str:
    """'a' or 'an' before a kind's name: 'an Events Specialist', 'an SEO Specialist'."""
    initialism = name[:2].isupper()
    vowel_sound = "FHLMNRSX" if initialism else ""
    return "an" if name[:1].upper() in "AEIOU" + vowel_sound else "a"


def empty_seat_word(role: Role) -> str:
    """What a card says in place of the person of an empty seat: a planned seat
    is a hire to come, any other is vacant."""
    return PLANNED if role.planned else VACANT


def kind_note(title: str, kind_name: str) -> str:
    """The kind as a card's last line, or "" where the title already says it
    ("Operations Analyst" classified as Operations Analyst)."""
    return "" if title.strip().casefold() == kind_name.strip().casefold() else kind_name
