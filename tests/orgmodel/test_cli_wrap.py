"""`wrap` wraps plain text (printable, words apart by single spaces) without
textwrap; what it writes must be exactly what textwrap writes, whatever the
text."""

from __future__ import annotations

import io
import textwrap

from hypothesis import example, given, settings
from hypothesis import strategies as st

from orgmodel.cli.common import wrap
from orgmodel.display_text import shown


def _textwrap_only(text: str, indent: str, width: int) -> str:
    """What ``wrap`` wrote before it had a way around textwrap."""
    filled = textwrap.fill(
        shown(text),
        width,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    )
    return filled + "\n"


def _wrapped(text: str, indent: str, width: int) -> str:
    out = io.StringIO()
    wrap(text, indent, out, width)
    return out.getvalue()


_CHARACTERS = st.sampled_from(
    [*"ab-.,'", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u2003", "é", "\x00"]
)


_PLAIN = st.lists(st.text("abcdé-'.,", min_size=1, max_size=24), max_size=30).map(" ".join)


@settings(max_examples=400)
@given(
    text=_PLAIN | st.text(_CHARACTERS, max_size=90) | st.text(max_size=90),
    indent=st.sampled_from(["", "  ", "      "]),
    width=st.integers(min_value=20, max_value=80),
)
@example(text="", indent="  ", width=60)
@example(text="   ", indent="  ", width=60)
@example(text="  leading space", indent="  ", width=60)
@example(text="trailing space ", indent="  ", width=60)
@example(text="trailing nbsp\xa0", indent="  ", width=60)
@example(text="a\tb", indent="  ", width=60)
@example(text="x" * 58, indent="  ", width=60)
@example(text="x" * 59, indent="  ", width=60)
@example(text="word " * 11 + "word", indent="  ", width=60)
@example(text="y" * 200, indent="", width=60)
@example(text="word " * 40 + "x" * 52, indent="      ", width=60)
@example(text="word " * 40 + "x" * 53, indent="      ", width=60)
def test_wrap_writes_what_textwrap_writes(text: str, indent: str, width: int) -> None:
    assert _wrapped(text, indent, width) == _textwrap_only(text, indent, width)
