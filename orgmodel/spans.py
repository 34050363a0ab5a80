"""Spans and layers: how wide and how deep the reporting structure is.

A manager's span is the number of roles reporting to it on solid lines.
Managers are counted in the span bands organisation-design tools report
(1, 2-3, 4-7, 8-12, 13-16, 17+); a layer is a step down from the top of the
chart (the top is layer 1). Dotted lines are matrix reporting and count for
neither. Computed in one pass over the forest of the chart, so it is safe on
reporting loops and lines to roles not in the chart.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from attrs import frozen

from orgmodel.catalogue import FUNCTIONS, Catalogue, load_catalogue
from orgmodel.hierarchy import forest
from orgmodel.model import Chart
from orgmodel.wording import counted

SPAN_BANDS: tuple[tuple[int, int | None], ...] = (
    (1, 1),
    (2, 3),
    (4, 7),
    (8, 12),
    (13, 16),
    (17, None),
)
"""(lowest, highest) span of each band; ``None``: no upper bound."""

UNCLASSIFIED_FUNCTION = "unclassified"
"""How a role whose title matched no kind is counted among the functions."""


def band_label(band: tuple[int, int | None]) -> str:
    """'1', '2\N{EN DASH}3', '17+': an en dash, which a spreadsheet does not read as a date."""
    low, high = band
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}\N{EN DASH}{high}"


def band_of(span: int) -> int:
    """The index in :data:`SPAN_BANDS` of the band holding ``span`` (1 or more)."""
    for index, (low, high) in enumerate(SPAN_BANDS):
        if span >= low and (high is None or span <= high):
            return index
    raise ValueError(f"a span of {span} has no band")


@frozen
class SpanBand:
    label: str
    managers: tuple[str, ...]
    """Ids of the managers whose span falls in the band, in chart order."""


@frozen
class LevelSpan:
    layer: int
    managers: int
    median_span: float


@frozen
class SpansAndLayers:
    spans: dict[str, int]
    """Manager id -> number of solid-line reports, for every role with one or more."""
    layer_of: dict[str, int]
    """Role id -> its layer (the top is 1), for every role."""
    bands: tuple[SpanBand, ...]
    layers: int
    """Layers from the top to the deepest role (0 for an empty chart)."""
    layers_by_function: dict[str, int]
    """Function -> the layer of its deepest role, for functions with a role."""
    levels: tuple[LevelSpan, ...]
    """The median span of the managers at each layer that has managers."""
    span_limit: int
    """The span-of-control house rule's limit for this chart."""
    span_rule_on: bool

    @property
    def single_report_managers(self) -> tuple[str, ...]:
        return self.bands[0].managers

    @property
    def over_limit(self) -> tuple[str, ...]:
        return tuple(m for m, span in self.spans.items() if span > self.span_limit)

    @property
    def median_span(self) -> float:
        return statistics.median(self.spans.values()) if self.spans else 0.0


def spans_and_layers(chart: Chart, catalogue: Catalogue | None = None) -> SpansAndLayers:
    catalogue = catalogue or load_catalogue()
    children = chart.derived(forest)  # shared with the canvas (read only)
    spans: dict[str, int] = {}
    layer_of: dict[str, int] = {}
    depth_by_function: dict[str, int] = {}
    spans_by_layer: dict[int, list[int]] = defaultdict(list)
    frontier = [(role, 1) for role in children.get(None, [])]
    while frontier:
        role, layer = frontier.pop()
        layer_of[role.id] = layer
        function = catalogue.function(role) or UNCLASSIFIED_FUNCTION
        if depth_by_function.get(function, 0) < layer:
            depth_by_function[function] = layer
        reports = children.get(role.id, [])
        if reports:
            spans_by_layer[layer].append(len(reports))
            frontier.extend((report, layer + 1) for report in reports)
    members: list[list[str]] = [[] for _ in SPAN_BANDS]
    for role in chart.roles:  # chart order, so each band lists its managers as the chart does
        count = len(children.get(role.id, ()))
        if count:
            spans[role.id] = count
            members[band_of(count)].append(role.id)
    order = [*FUNCTIONS, UNCLASSIFIED_FUNCTION]
    return SpansAndLayers(
        spans=spans,
        layer_of=layer_of,
        bands=tuple(
            SpanBand(band_label(band), tuple(ids))
            for band, ids in zip(SPAN_BANDS, members, strict=True)
        ),
        layers=max(layer_of.values(), default=0),
        layers_by_function={f: depth_by_function[f] for f in order if f in depth_by_function},
        levels=tuple(
            LevelSpan(layer, len(counts), float(statistics.median(counts)))
            for layer, counts in sorted(spans_by_layer.items())
        ),
        span_limit=chart.settings.span_of_control_limit,
        span_rule_on="span-of-control" not in chart.settings.disabled,
    )


def limit_sentence(spans: SpansAndLayers) -> str:
    """What the span-of-control house rule allows on this chart, and who goes over."""
    state = "" if spans.span_rule_on else " (switched off for this chart)"
    over = len(spans.over_limit)
    return (
        f"House rule span-of-control{state}: at most {spans.span_limit} direct reports; "
        f"{counted(over, 'manager')} over the limit."
    )
