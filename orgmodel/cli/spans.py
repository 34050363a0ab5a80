"""``orgmodel spans FILE``: managers by span band, layers, and median spans."""

from __future__ import annotations

import argparse
import csv
import json
from typing import TYPE_CHECKING, Any, TextIO

from orgmodel.catalogue import load_catalogue
from orgmodel.cli.common import (
    EXIT_OK,
    add_map_option,
    apply_options,
    read_input,
    spreadsheet_safe,
    stage_of,
    wrap,
)
from orgmodel.model import Chart, Stage
from orgmodel.wording import counted

if TYPE_CHECKING:
    from orgmodel.spans import SpansAndLayers

# orgmodel.spans (and statistics) is imported when spans are asked for.


def register(commands: Any) -> None:
    """Add the ``spans`` subcommand to the parser's subcommands."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "spans", help="spans of control and layers: managers by span band, depth per function"
    )
    parser.add_argument("path", help="a .orgm chart or an HR CSV export")
    parser.add_argument("--format", choices=["text", "json", "csv"], default="text")
    parser.add_argument(
        "--stage",
        choices=[s.value for s in Stage],
        help="business stage (CSV default: established)",
    )
    parser.add_argument(
        "--span-limit", type=int, metavar="N", help="direct reports allowed by span-of-control"
    )
    add_map_option(parser)
    parser.set_defaults(run=cmd_spans)


def cmd_spans(args: argparse.Namespace, out: TextIO) -> int:
    from orgmodel.spans import spans_and_layers

    chart = read_input(args.path, stage_of(args.stage), args).chart
    chart = apply_options(chart, [], args.span_limit)
    spans = spans_and_layers(chart)
    if args.format == "json":
        json.dump(spans_json(spans), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        write_spans_csv(chart, spans, out)
    else:
        print_spans_text(chart, spans, out)
    return EXIT_OK


def spans_json(spans: SpansAndLayers) -> dict[str, object]:
    return {
        "bands": [{"span": b.label, "managers": list(b.managers)} for b in spans.bands],
        "single_report_managers": list(spans.single_report_managers),
        "median_span": spans.median_span,
        "layers": spans.layers,
        "layers_by_function": spans.layers_by_function,
        "median_span_by_layer": [
            {"layer": level.layer, "managers": level.managers, "median_span": level.median_span}
            for level in spans.levels
        ],
        "span_limit": spans.span_limit,
        "span_rule_on": spans.span_rule_on,
        "over_limit": list(spans.over_limit),
    }


def print_spans_text(chart: Chart, spans: SpansAndLayers, out: TextIO) -> None:
    from orgmodel.spans import limit_sentence

    catalogue = load_catalogue()
    out.write(
        f"{chart.name}: {counted(len(chart), 'role')}, {counted(len(spans.spans), 'manager')}\n"
    )
    out.write("\nMANAGERS BY SPAN (direct reports on solid lines)\n")
    for band in spans.bands:
        out.write(f"  {band.label:>6}: {len(band.managers)}\n")
    single = [catalogue.label(chart.role(m)) for m in spans.single_report_managers]
    out.write(f"\nMANAGERS WITH A SINGLE REPORT ({len(single)})\n")
    for label in single:
        wrap(label, "  ", out)
    out.write(f"\nLAYERS: {spans.layers} from the top to the deepest role\n")
    for function, layers in spans.layers_by_function.items():
        out.write(f"  {function}: {layers}\n")
    out.write("\nMEDIAN SPAN PER LAYER\n")
    for level in spans.levels:
        out.write(
            f"  layer {level.layer}: {level.median_span:g} ({counted(level.managers, 'manager')})\n"
        )
    out.write(f"  all managers: {spans.median_span:g}\n\n")
    wrap(limit_sentence(spans), "", out)


def write_spans_csv(chart: Chart, spans: SpansAndLayers, out: TextIO) -> None:
    """One row per manager."""
    catalogue = load_catalogue()
    safe = spreadsheet_safe
    bands = {m: band.label for band in spans.bands for m in band.managers}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "title", "person", "function", "layer", "span", "band", "over_limit"])
    for manager_id, span in spans.spans.items():
        role = chart.role(manager_id)
        writer.writerow(
            [
                safe(role.id),
                safe(role.title),
                safe(role.person),
                catalogue.function(role) or "unclassified",
                spans.layer_of.get(role.id, ""),
                span,
                bands[manager_id],
                "1" if span > spans.span_limit else "",
            ]
        )
