"""Lay a chart out with Graphviz's ``dot``, or write it as DOT for other tools.

Two layouts give a ``Layout`` of the same shape, and ``choose_layout`` picks:

* ``dot`` (this module) when the ``dot`` program is installed and the chart
  has at most ``dot_limit`` roles (1,000 by default). Its crossing reduction
  and network-simplex placement draw small and medium charts more compactly
  and more evenly than a plain tidy tree.
* ``tidy_tree`` (``orgmodel.tidy_tree``) otherwise. It is O(n) and in-process
  (10,000 roles in 0.05 s here), needs nothing installed, and cannot hang.

``dot`` grows much faster than linearly, so it cannot lay out big charts.
Measured on this machine (2 cores shared with other work, Graphviz 2.43,
charts from ``bench.generate.generate_chart``, ``dot -Tplain``, wall time
including starting ``dot``):

==========  ================================  ================================
roles       ``graphviz_layout`` (no labels,   ``run_dot(chart_to_dot(chart))``
            no dotted lines)                  (labels, dotted lines)
==========  ================================  ================================
1,000       0.12-0.14 s                       0.26-0.29 s
5,000       2.1 s                             not measured
10,000      10-16 s                           61-81 s
50,000      not measured; about 8 minutes reported on the same kind of machine
==========  ================================  ================================

Every call therefore has a timeout, and ``choose_layout`` gives ``dot`` at
most 1,000 roles by default (a seventh of a second). Dotted lines are left
out of the graph ``graphviz_layout`` gives ``dot``: even with
``constraint=false`` they go through crossing reduction and edge routing,
which made ``dot`` five to six times slower on 10,000 roles, and they should
not move cards anyway. Labels are left out too: cards have a fixed size, so
text cannot change where they go.

``dot`` prints coordinates with five significant digits, which on a chart
thousands of inches wide is only a tenth of an inch. Cards are therefore put
back on exact rows (one per ``dot`` rank) and nudged apart along each row, so
rounding cannot make two cards overlap.

Safety (house style, habit 9): ``dot`` runs as a child process with an
argument list and a timeout; node names are generated (``n0``, ``n1``, ...),
never the user's ids; the only user text in the DOT is in HTML-like labels,
escaped, so it stays text whatever it contains.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

import attrs
import graphviz

from orgmodel.atomic_write import write_atomically
from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.hierarchy import forest, shown_roles, subtree_chart
from orgmodel.layout import DEFAULT_OPTIONS, Box, Layout, LayoutOptions
from orgmodel.model import Chart, Role
from orgmodel.tidy_tree import tidy_tree
from orgmodel.wording import empty_seat_word, kind_note

POINTS_PER_INCH = 72.0
DOT_LIMIT = 1000
"""Most roles ``choose_layout`` hands to ``dot``; bigger charts take seconds to minutes."""
INSTALL_HINT = (
    "Graphviz's `dot` program is not installed; on Debian or Ubuntu: sudo apt-get install graphviz"
)
FONT_NAME = "Helvetica"
FONT_SIZE = 10.0

_ANCHOR = "anchor"
"""Name of the invisible node above the roots that keeps them in chart order."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters an XML parser refuses (controls, lone surrogates, U+FFFE, U+FFFF)."""


class GraphvizError(Exception):
    """``dot`` is missing, too slow or failed; ``str()`` is one sentence for the user."""


def dot_available() -> bool:
    """Whether Graphviz's ``dot`` program is on the PATH."""
    return shutil.which("dot") is not None


def label_text(text: str) -> str:
    """User text as the content of an HTML-like label, so that it stays text.

    XML-escaped (``&``, ``<``, ``>``, quotes); characters XML cannot hold
    become U+FFFD and tabs become spaces; line breaks become ``<BR/>``. Graphviz
    also reads backslash escapes such as ``\\N`` (the node's name) inside HTML
    labels, so backslashes are doubled and come out as written.
    """
    lines = text.expandtabs(1).splitlines() or [""]
    escaped = (
        html.escape(_NOT_XML.sub("\ufffd", line), quote=True).replace("\\", "\\\\")
        for line in lines
    )
    return "<BR/>".join(escaped)


def _inches(points: float) -> str:
    return f"{points / POINTS_PER_INCH:.6f}".rstrip("0").rstrip(".")


def _shown_tree(
    chart: Chart, collapsed: frozenset[str]
) -> tuple[list[Role], list[tuple[Role, list[Role]]]]:
    """Shown roles in chart order, and each shown manager with its shown reports.

    Reporting lines come from ``forest``: loops are broken and lines to
    managers outside the chart are dropped, so what is left is a forest.
    Reports of a collapsed role, and everyone under them, are not shown.
    """
    children = chart.derived(forest)
    shown = shown_roles(children, collapsed)
    roles = [role for role in chart.roles if role.id in shown]
    teams = [
        (role, children[role.id])
        for role in roles
        if role.id not in collapsed and children.get(role.id)
    ]
    return roles, teams


def _digraph(options: LayoutOptions, role_count: int) -> graphviz.Digraph:
    """A top-down graph of fixed-size cards; the comment holds no user text."""
    graph = graphviz.Digraph(comment=f"Organisation chart of {role_count} roles, from orgmodel")
    graph.attr(
        rankdir="TB",
        ordering="out",
        charset="UTF-8",
        nodesep=_inches(options.sibling_gap),
        ranksep=_inches(options.level_gap),
    )
    graph.attr(
        "node",
        shape="box",
        fixedsize="true",
        width=_inches(options.card_width),
        height=_inches(options.card_height),
        fontname=FONT_NAME,
        fontsize=f"{FONT_SIZE:g}",
    )
    return graph


def _card_label(role: Role, names: bool, catalogue: Catalogue) -> str:
    kind = catalogue.kind(role.kind)
    kind_name = kind.name if kind is not None else "Unclassified"
    title = role.title if role.title.strip() else kind_name
    lines = [f"<B>{label_text(title)}</B>"]
    if role.vacant:
        lines.append(f"<I>{empty_seat_word(role)}</I>")
    elif names and role.person is not None:
        lines.append(label_text(role.person.strip()))
    if note := kind_note(title, kind_name):
        lines.append(f"<I>{label_text(note)}</I>")
    return "<" + "<BR/>".join(lines) + ">"


def chart_to_dot(
    chart: Chart,
    *,
    names: bool = True,
    catalogue: Catalogue | None = None,
    options: LayoutOptions | None = None,
) -> str:
    """DOT source of the chart: cards top-down, managers above their reports.

    Each card shows the title, the person ("Vacant" for an empty seat; names
    left out when ``names`` is false) and the role kind. Solid edges run from
    manager to report as ``forest`` sees them (so loops are broken); dashed
    edges with ``constraint=false`` are dotted lines, which do not move cards.
    Node names are ``n0``, ``n1``, ... in chart order.
    """
    catalogue = catalogue or load_catalogue()
    options = options or DEFAULT_OPTIONS
    roles, teams = _shown_tree(chart, frozenset())
    node = {role.id: f"n{index}" for index, role in enumerate(roles)}
    graph = _digraph(options, len(roles))
    for role in roles:
        graph.node(node[role.id], label=_card_label(role, names, catalogue))
    for manager, reports in teams:
        for report in reports:
            graph.edge(node[manager.id], node[report.id])
    for role in roles:
        for dotted in dict.fromkeys(role.dotted_managers):
            if dotted in node and dotted != role.id:
                graph.edge(node[dotted], node[role.id], style="dashed", constraint="false")
    return str(graph.source)


def run_dot(source: str, *, timeout: float = 30.0, executable: str | None = None) -> str:
    """Run ``dot -Tplain`` on the DOT source and return what it prints.

    ``executable`` is the path of ``dot``; by default it is looked up on the
    PATH. Raises ``GraphvizError`` when ``dot`` is missing, takes longer than
    ``timeout`` seconds (it is then stopped) or fails.
    """
    program = executable if executable is not None else shutil.which("dot")
    if program is None:
        raise GraphvizError(INSTALL_HINT)
    try:
        completed = subprocess.run(
            [program, "-Tplain"],
            input=source.encode("utf-8", errors="replace"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as error:
        raise GraphvizError(INSTALL_HINT) from error
    except subprocess.TimeoutExpired as error:
        raise GraphvizError(
            f"Graphviz's `dot` program was stopped after {timeout:g} seconds "
            "without finishing the layout."
        ) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise GraphvizError(f"Graphviz's `dot` program could not be started: {reason}.") from error
    if completed.returncode != 0:
        stderr = completed.stderr.decode("utf-8", errors="replace")
        first = next((line.strip() for line in stderr.splitlines() if line.strip()), "")
        how = (
            f"was stopped by signal {-completed.returncode}"
            if completed.returncode < 0
            else f"failed (exit status {completed.returncode})"
        )
        raise GraphvizError(f"Graphviz's `dot` program {how}: {first or 'no message'}")
    return completed.stdout.decode("utf-8", errors="replace")


def _layout_source(
    roles: list[Role], teams: list[tuple[Role, list[Role]]], options: LayoutOptions
) -> str:
    """DOT for placing cards only: no labels, no dotted lines, straight edges.

    With more than one root, an invisible anchor above them keeps the roots in
    chart order (``ordering=out`` orders only a node's reports), and
    ``rank=same`` keeps them on one row. The anchor's edges have weight 0 so
    they do not pull the roots together. (A chain of invisible edges between
    the roots would not do: ``dot`` ignores the order of weight-0 flat edges,
    and heavier ones pull each manager off the middle of its reports.)
    """
    node = {role.id: f"n{index}" for index, role in enumerate(roles)}
    graph = _digraph(options, len(roles))
    graph.attr(splines="false")
    for role in roles:
        graph.node(node[role.id], label="")
    reports = {report.id for _manager, team in teams for report in team}
    roots = [node[role.id] for role in roles if role.id not in reports]
    if len(roots) > 1:
        graph.node(_ANCHOR, label="", style="invis", width="0.01", height="0.01")
        for root in roots:
            graph.edge(_ANCHOR, root, style="invis", weight="0")
        with graph.subgraph() as top:
            top.attr(rank="same")
            for root in roots:
                top.node(root)
    for manager, team in teams:
        for report in team:
            graph.edge(node[manager.id], node[report.id])
    return str(graph.source)


def _centres(plain: str, count: int) -> list[tuple[float, float]]:
    """Card centres in points, y downwards, from ``dot -Tplain`` output."""
    centres: dict[int, tuple[float, float]] = {}
    for line in plain.splitlines():
        parts = line.split(None, 4)
        if len(parts) < 4 or parts[0] != "node" or not re.fullmatch(r"n\d+", parts[1]):
            continue
        try:
            x, y = float(parts[2]), float(parts[3])
        except ValueError as error:
            raise GraphvizError(
                "Graphviz's `dot` program printed a position that could not be read."
            ) from error
        centres[int(parts[1][1:])] = (x * POINTS_PER_INCH, -y * POINTS_PER_INCH)
    if len(centres) != count or any(index not in centres for index in range(count)):
        raise GraphvizError("Graphviz's `dot` program did not place every role of the chart.")
    return [centres[index] for index in range(count)]


def _rows(centres: list[tuple[float, float]], card_height: float) -> list[list[int]]:
    """Card indices grouped by dot's ranks, top row first; dot puts a rank on one line."""
    by_height = sorted(range(len(centres)), key=lambda index: centres[index][1])
    rows: list[list[int]] = []
    row_y = float("-inf")
    for index in by_height:
        y = centres[index][1]
        if not rows or y - row_y > card_height / 2:
            rows.append([])
            row_y = y
        rows[-1].append(index)
    return rows


def _boxes(centres: list[tuple[float, float]], options: LayoutOptions) -> Iterable[tuple[int, Box]]:
    """Boxes on exact rows, each row's cards at least ``sibling_gap`` apart."""
    width, height = options.card_width, options.card_height
    row_step = height + options.level_gap
    rows = _rows(centres, height)
    lefts: dict[int, float] = {}
    for row in rows:
        row.sort(key=lambda index: (centres[index][0], index))
        previous_right = float("-inf")
        for index in row:
            # dot places cards on whole points; the rounding only undoes print precision.
            left = max(
                float(round(centres[index][0] - width / 2)), previous_right + options.sibling_gap
            )
            lefts[index] = left
            previous_right = left + width
    shift = min(lefts.values(), default=0.0)
    for row_number, row in enumerate(rows):
        for index in row:
            yield index, Box(lefts[index] - shift, row_number * row_step, width, height)


def graphviz_layout(
    chart: Chart,
    options: LayoutOptions | None = None,
    collapsed: frozenset[str] = frozenset(),
    *,
    timeout: float = 30.0,
) -> Layout:
    """Lay the chart out with ``dot``, as ``tidy_tree`` does without it.

    Boxes are keyed by role id with the origin top left and y growing
    downwards; roles under a collapsed role are left out. Cards sit on rows
    ``card_height + level_gap`` apart and at least ``sibling_gap`` apart in a
    row. ``compact_leaves`` is not used: ``dot`` does not stack reports.
    Raises ``GraphvizError`` (see ``run_dot``).
    """
    options = options or DEFAULT_OPTIONS
    roles, teams = _shown_tree(chart, collapsed)
    if not roles:
        return Layout(boxes=MappingProxyType({}), width=0.0, height=0.0)
    plain = run_dot(_layout_source(roles, teams, options), timeout=timeout)
    placed = dict(_boxes(_centres(plain, len(roles)), options))
    boxes = {role.id: placed[index] for index, role in enumerate(roles)}
    return Layout(
        boxes=MappingProxyType(boxes),
        width=max(box.right for box in boxes.values()),
        height=max(box.bottom for box in boxes.values()),
    )


def choose_layout(
    chart: Chart,
    options: LayoutOptions | None = None,
    collapsed: frozenset[str] = frozenset(),
    *,
    dot_limit: int = DOT_LIMIT,
    timeout: float = 30.0,
) -> Layout:
    """``dot`` for charts of at most ``dot_limit`` roles when it is installed, else ``tidy_tree``.

    A ``dot`` that fails or times out also falls back to ``tidy_tree``: a
    layout is always returned.
    """
    options = options or DEFAULT_OPTIONS
    if len(chart) > dot_limit:
        why = f"Graphviz lays out charts of up to {dot_limit:,} roles; this one has more"
    elif not dot_available():
        why = "Graphviz (dot) is not installed"
    else:
        try:
            return graphviz_layout(chart, options, collapsed, timeout=timeout)
        except GraphvizError as error:
            why = f"Graphviz failed: {error}"
    return attrs.evolve(
        tidy_tree(chart, options, collapsed), note=f"{why}, so the compact tree is used"
    )


def write_dot(chart: Chart, path: Path, *, names: bool = True, subtree: str | None = None) -> None:
    """Write the chart (or the subtree under ``subtree``) as Graphviz source; OSError on failure."""
    part = chart if subtree is None else subtree_chart(chart, subtree)
    write_atomically(path, chart_to_dot(part, names=names).encode("utf-8"))
