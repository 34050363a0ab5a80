"""``orgmodel responsibilities``: who holds which responsibility, with gaps,
overlaps and coverage."""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from orgmodel.catalogue import FUNCTIONS
from orgmodel.cli.common import (
    EXIT_OK,
    UsageError,
    spreadsheet_safe,
    stage_of,
    wrap,
)
from orgmodel.model import Chart, Role, Stage
from orgmodel.open_chart import read_chart
from orgmodel.wording import counted, in_sentence, join_words

if TYPE_CHECKING:
    from orgmodel.analysis import ResponsibilityMatrix

# orgmodel.analysis is imported when the matrix is asked for.


def _role_label(role: Role) -> str:
    """'Victor Hughes (Chief Marketing Officer)', or 'vacant (Web Marketing Specialist)'."""
    title = role.title or role.kind
    return f"vacant ({title})" if role.vacant else f"{role.person} ({title})"


def _role_labels(roles: Sequence[Role]) -> str:
    return join_words(_role_label(role) for role in roles)


def _rows_description(args: argparse.Namespace, matrix: ResponsibilityMatrix, total: int) -> str:
    what = "roles" if args.function is None else f"{args.function} roles"
    if args.subtree is not None:
        what += f" in the team of {args.subtree}"
    if args.function is None and args.subtree is None:
        return f"all {counted(total, 'role')}"
    return f"{what}: {len(matrix.rows)} of {total}"


def print_matrix_text(chart: Chart, matrix: ResponsibilityMatrix, rows: str, out: TextIO) -> None:
    catalogue = matrix.catalogue
    out.write(f"{chart.name}: who holds which responsibility ({rows})\n")
    out.write("Gaps, overlaps and coverage are those of the whole chart.\n\n")
    for role in matrix.rows:
        out.write(f"{role.id}  {_role_label(role)}\n")
        held = matrix.holdings[role.id]
        lines = 0
        for group in matrix.categories:
            names = [
                catalogue.responsibilities[rid].name
                + (" (overlap)" if matrix.statuses[rid] == "overlap" else "")
                for rid in group.responsibilities
                if rid in held
            ]
            if names:
                wrap(f"{group.category.name}: {'; '.join(names)}", "    ", out)
                lines += 1
        if not lines:
            out.write("    holds no responsibility of the catalogue\n")
    if not matrix.rows:
        out.write("No role matches.\n")

    gaps = matrix.gaps
    out.write(f"\nGAPS ({len(gaps)}): core work of a function the chart has, held by nobody\n")
    for rid in gaps:
        category = catalogue.category_of(rid)
        name = catalogue.responsibilities[rid].name
        wrap(f"{name} [{rid}], {in_sentence(category.name)}", "  ", out)
    overlaps = matrix.overlaps
    out.write(f"\nOVERLAPS ({len(overlaps)}): work one role should own, held by several\n")
    for rid in overlaps:
        name = catalogue.responsibilities[rid].name
        wrap(f"{name} [{rid}]: {_role_labels(matrix.holders(rid))}", "  ", out)
    unowned = matrix.with_status("unowned")
    if unowned:
        out.write(f"\nNOT HELD, NOT CORE ({len(unowned)})\n")
        wrap("; ".join(catalogue.responsibilities[rid].name for rid in unowned), "  ", out)

    out.write("\nCOVERAGE\n")
    covered_functions: set[str] = set()
    for entry in matrix.coverage():
        covered_functions.add(entry.function)
        problems = f"{counted(len(entry.gaps), 'gap')}, {counted(len(entry.overlaps), 'overlap')}"
        wrap(
            f"{entry.function}: {entry.core_covered} of {entry.core_total} core "
            f"responsibilities held; {problems}",
            "  ",
            out,
        )
    for function in dict.fromkeys(c.function for c in catalogue.categories.values()):
        if function not in covered_functions:
            out.write(f"  {function}: no role in the chart, nothing to cover\n")
    checked = matrix.checked()
    in_order = [rid for rid in checked if matrix.statuses[rid] not in ("gap", "overlap")]
    out.write("\n")
    wrap(
        f"Score: {matrix.score()}/100 ({len(in_order)} of the {len(checked)} core or "
        "once-per-company responsibilities checked are neither a gap nor an overlap)",
        "",
        out,
    )


def write_matrix_csv(matrix: ResponsibilityMatrix, out: TextIO) -> None:
    columns = matrix.columns
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "title", "person", *columns])
    for role in matrix.rows:
        held = matrix.holdings[role.id]
        writer.writerow(
            [
                spreadsheet_safe(role.id),
                spreadsheet_safe(role.title),
                spreadsheet_safe(role.person),
                *("1" if rid in held else "" for rid in columns),
            ]
        )


def matrix_json(matrix: ResponsibilityMatrix) -> dict[str, object]:
    catalogue = matrix.catalogue
    columns = matrix.columns
    return {
        "roles": [
            {
                "id": role.id,
                "title": role.title,
                "person": role.person,
                "kind": role.kind,
                "function": catalogue.function(role),
                "responsibilities": [rid for rid in columns if rid in matrix.holdings[role.id]],
            }
            for role in matrix.rows
        ],
        "responsibilities": [
            {
                "id": rid,
                "name": catalogue.responsibilities[rid].name,
                "category": catalogue.responsibilities[rid].category,
                "function": matrix.function_of(rid),
                "core": catalogue.responsibilities[rid].core,
                "once_per_company": catalogue.responsibilities[rid].once_per_company,
                "status": matrix.statuses[rid],
                "holders": [role.id for role in matrix.holder_map[rid]],
            }
            for rid in columns
        ],
        "coverage": [
            {
                "function": entry.function,
                "core_total": entry.core_total,
                "core_covered": entry.core_covered,
                "core": [
                    {"responsibility": c.responsibility, "holders": list(c.holders)}
                    for c in entry.core
                ],
                "gaps": list(entry.gaps),
                "overlaps": list(entry.overlaps),
            }
            for entry in matrix.coverage()
        ],
        "score": matrix.score(),
    }


def cmd_responsibilities(args: argparse.Namespace, out: TextIO) -> int:
    from orgmodel.analysis import AnalysisError, responsibility_matrix

    chart = read_chart(args.path, stage_of(args.stage)).chart
    try:
        matrix = responsibility_matrix(chart, function=args.function, subtree=args.subtree)
    except AnalysisError as error:
        raise UsageError(f"{error} ({Path(args.path).name})") from None
    if args.format == "json":
        json.dump(matrix_json(matrix), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        write_matrix_csv(matrix, out)
    else:
        print_matrix_text(chart, matrix, _rows_description(args, matrix, len(chart)), out)
    return EXIT_OK


def register(commands: Any) -> None:
    """Add the command to the parser's subcommands."""
    stages = [s.value for s in Stage]
    matrix = commands.add_parser(
        "responsibilities",
        help="who holds which responsibility: the matrix, gaps, overlaps and coverage",
    )
    matrix.add_argument("path", help="a .orgm chart or an HR CSV export")
    matrix.add_argument("--format", choices=["text", "csv", "json"], default="text")
    matrix.add_argument(
        "--function",
        metavar="FUNCTION",
        help=f"only roles of one function ({', '.join(FUNCTIONS)})",
    )
    matrix.add_argument("--subtree", metavar="ROLE_ID", help="only this role and those below it")
    matrix.add_argument(
        "--stage", choices=stages, help="business stage (import default: established)"
    )
    matrix.set_defaults(run=cmd_responsibilities)
