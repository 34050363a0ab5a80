"""The ``orgmodel`` command line: validate, import and list rules, without Qt.

Exit codes: 0 no error-severity finding (or success), 1 error findings,
2 the input or the arguments cannot be used (message on stderr).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from orgmodel.analysis import AnalysisError, ResponsibilityMatrix, responsibility_matrix
from orgmodel.atomic_write import TargetNotWritableError, check_writable
from orgmodel.catalogue import FUNCTIONS, load_catalogue
from orgmodel.display_text import shown
from orgmodel.errors import ChartReadError, printable
from orgmodel.fileformat import save_chart
from orgmodel.importing.summary import METHOD_WORDS, confidence_summary
from orgmodel.importing.vocabulary import FIELDS, ColumnMappingError
from orgmodel.model import SPAN_LIMITS, Chart, Role, Stage
from orgmodel.open_chart import LoadedChart, read_chart
from orgmodel.rules import (
    Finding,
    UnknownRuleError,
    rule_catalogue,
    summarise,
    summary_line,
    validate,
)
from orgmodel.rules.rule import SEVERITIES
from orgmodel.wording import counted, in_sentence, join_words

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2

HEADINGS = {"error": "ERRORS", "warning": "WARNINGS", "info": "INFO"}


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line, exit 2."""


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _wrap(text: str, indent: str, out: TextIO) -> None:
    out.write(
        textwrap.fill(
            shown(text),
            _width(),
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_on_hyphens=False,
        )
        + "\n"
    )


def _apply_options(chart: Chart, disable: Sequence[str], span_limit: int | None) -> Chart:
    for rule_id in disable:
        if rule_id not in rule_catalogue():
            raise UnknownRuleError(rule_id)
    settings = chart.settings
    settings = attrs.evolve(settings, disabled=settings.disabled | set(disable))
    if span_limit is not None:
        settings = attrs.evolve(settings, span_of_control_limit=span_limit)
    return attrs.evolve(chart, settings=settings)


def print_findings_text(chart: Chart, findings: Sequence[Finding], out: TextIO) -> None:
    out.write(f"{chart.name}: {counted(len(chart), 'role')}, {chart.stage.value} business\n")
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        out.write(f"\n{HEADINGS[severity]} ({len(group)})\n")
        for finding in group:
            _wrap(f"[{finding.rule}] {finding.message}", "  ", out)
            _wrap(f"fix: {finding.suggestion}", "      ", out)
            _wrap(f"source: {finding.source}", "      ", out)
    if not findings:
        out.write("\nNo findings: the chart follows every rule that is switched on.\n")
    out.write(f"\n{summary_line(findings)}\n")


def findings_json(chart: Chart, findings: Sequence[Finding]) -> dict[str, object]:
    counts = summarise(findings)
    return {
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "roles": list(f.roles),
                "message": f.message,
                "source": f.source,
                "suggestion": f.suggestion,
            }
            for f in findings
        ],
        "summary": {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "roles": len(chart),
        },
    }


def _stage(value: str | None) -> Stage | None:
    return None if value is None else Stage(value)


def _mapping(args: argparse.Namespace) -> dict[str, str] | None:
    """The --map FIELD=COLUMN options as a field -> column mapping."""
    mapping: dict[str, str] = {}
    for item in getattr(args, "map", None) or []:
        field, sep, column = item.partition("=")
        field = field.strip()
        if not sep or not field or not column.strip():
            raise UsageError(f"--map {item!r} should be FIELD=COLUMN, such as manager='Reports To'")
        if field not in FIELDS:
            raise UsageError(
                f"--map {field!r} is not a field that can be mapped (use {', '.join(FIELDS)})"
            )
        mapping[field] = column.strip()
    return mapping or None


def _read(path: str, stage: Stage | None, args: argparse.Namespace) -> LoadedChart:
    try:
        return read_chart(path, stage, _mapping(args), sheet=getattr(args, "sheet", None))
    except ColumnMappingError as error:
        raise UsageError(str(error)) from None


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    loaded = _read(args.path, _stage(args.stage), args)
    chart = _apply_options(loaded.chart, args.disable, args.span_limit)
    findings = validate(chart)
    if args.format == "json":
        json.dump(findings_json(chart, findings), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print_findings_text(chart, findings, out)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def print_import_report(loaded: LoadedChart, out: TextIO) -> None:
    report = loaded.report
    if report is None:
        return
    verdict, summary = confidence_summary(report)
    _wrap(verdict, "", out)
    for said in summary:
        _wrap(f"{said.label + ':':<11}{said.text}", "  ", out)
    if report.implausible:
        _wrap(f"Implausible reporting lines ({len(report.implausible)}):", "", out)
        for sentence in report.implausible:
            _wrap(sentence, "  ", out)
    _wrap(f"Read from: {report.container}", "", out)
    columns = ", ".join(f"{field} <- {header!r}" for field, header in report.columns.items())
    _wrap(f"Columns: {columns}", "", out)
    if report.unclassified_titles:
        titles = ", ".join(
            f"{title!r}" + (f" ({count})" if count > 1 else "")
            for title, count in report.unclassified_titles.items()
        )
        _wrap(f"Titles not classified (kept as unclassified roles): {titles}", "", out)
    if report.manager_column is not None:
        how = ", ".join(
            f"{count} {METHOD_WORDS[m]}" for m, count in report.managers_resolved.items()
        )
        total = sum(report.managers_resolved.values())
        _wrap(
            f"Managers: {counted(total, 'reporting line')} resolved from "
            f"{report.manager_column!r}" + (f" ({how})" if how else ""),
            "",
            out,
        )
    if report.manager_choice:
        _wrap(f"Manager column: {report.manager_choice}", "", out)
    if report.unresolved_managers:
        _wrap(f"Managers not found ({len(report.unresolved_managers)}):", "", out)
        for line, value in report.unresolved_managers:
            _wrap(f"{report.unit} {line}: {value!r} matches no row", "  ", out)
    if report.ambiguous_managers:
        _wrap(
            f"Ambiguous manager names, left unresolved ({len(report.ambiguous_managers)}):",
            "",
            out,
        )
        for line, value in report.ambiguous_managers:
            _wrap(f"{report.unit} {line}: {value!r} is the name of several people", "  ", out)
    if report.loops:
        _wrap(f"Reporting loops, imported as they are ({len(report.loops)}):", "", out)
        for loop in report.loops:
            _wrap(loop, "  ", out)
    if report.reattached:
        _wrap(f"Moved up from a leaver ({len(report.reattached)}):", "", out)
        for sentence in report.reattached:
            _wrap(sentence, "  ", out)
    if report.set_aside:
        _wrap(f"Rows set aside, not imported ({len(report.set_aside)}):", "", out)
        for reason in report.set_aside:
            _wrap(reason, "  ", out)
    for note in report.notes:
        _wrap(f"Note: {note}", "", out)


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    source = Path(args.csv)
    if args.dry_run:
        loaded = _read(args.csv, _stage(args.stage) or Stage.ESTABLISHED, args)
        if loaded.report is None:
            raise UsageError(f"{source.name} is a chart, not an HR export or chart data")
        out.write(f"Read {counted(len(loaded.chart), 'role')} from {source.name} (dry run).\n")
        print_import_report(loaded, out)
        return EXIT_OK
    if args.output is None:
        raise UsageError("import needs -o OUT.orgm (or --dry-run to only read the file)")
    target = Path(args.output)
    if target.suffix.lower() != ".orgm":
        raise UsageError(f"the output {target.name!r} should end in .orgm")
    if target.resolve() == source.resolve():
        raise UsageError("the output file is the file being imported")
    refuse_to_replace(target, args.force)
    loaded = _read(args.csv, _stage(args.stage) or Stage.ESTABLISHED, args)
    if loaded.report is None:
        raise UsageError(f"{source.name} is a chart, not an HR export or chart data")
    try:
        save_chart(loaded.chart, target)
    except OSError as error:
        raise cannot_write(target, error) from None
    out.write(
        f"Imported {counted(len(loaded.chart), 'role')} from {printable(source.name)} "
        f"into {printable(str(target))}.\n"
    )
    print_import_report(loaded, out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".png", ".svg", ".dot", ".pptx"):
        raise UsageError(f"cannot export to {target.name!r}: use .pdf, .png, .svg, .pptx or .dot")
    if not 10 <= args.dpi <= 1200:
        raise UsageError("--dpi must be between 10 and 1200")
    chart = _read(args.path, _stage(args.stage), args).chart
    if args.subtree is not None and args.subtree not in chart:
        raise UsageError(f"there is no role {args.subtree!r} in {Path(args.path).name}")
    if suffix == ".dot":
        # Graphviz source needs no Qt.
        from orgmodel.graphviz_layout import write_dot

        try:
            write_dot(chart, target, names=not args.no_names, subtree=args.subtree)
        except OSError as error:
            raise cannot_write(target, error) from None
        out.write(f"Wrote {printable(str(target))}.\n")
        return EXIT_OK
    if suffix == ".pptx":
        return _export_pptx(chart, target, args, out)
    # Only these formats need Qt; importing it here keeps the other commands fast.
    try:
        from ui.render import ExportError, ExportOptions, export_chart, headless_application
    except ImportError as error:
        if (error.name or "").partition(".")[0] != "PySide6":
            raise
        raise UsageError(
            f"exporting to {suffix} needs Qt, which is not installed: "
            "pip install 'orgmodel[gui]' (a .dot export needs no Qt)"
        ) from None

    headless_application()
    options = ExportOptions(
        page=args.page,
        orientation="landscape" if args.landscape else "portrait" if args.portrait else "auto",
        paging=args.pages,
        dpi=args.dpi,
        subtree=args.subtree,
        names=not args.no_names,
        markers=not args.no_markers,
        legend=not args.no_legend,
        findings=args.findings,
        layout=args.layout,
    )
    try:
        out.write(export_chart(chart, target, options) + "\n")
    except ExportError as error:
        raise UsageError(f"cannot export {printable(target.name)}: {error}") from None
    except OSError as error:
        raise cannot_write(target, error) from None
    return EXIT_OK


def _export_pptx(chart: Chart, target: Path, args: argparse.Namespace, out: TextIO) -> int:
    from orgmodel.atomic_write import write_atomically
    from orgmodel.hierarchy import subtree_chart
    from orgmodel.pptx_export import chart_to_pptx

    part = chart if args.subtree is None else subtree_chart(chart, args.subtree)
    handout = chart_to_pptx(part, names=not args.no_names, findings=args.findings)
    try:
        write_atomically(target, handout.data)
    except OSError as error:
        raise cannot_write(target, error) from None
    out.write(f"Wrote {printable(str(target))}: {counted(handout.slides, 'slide')}.\n")
    return EXIT_OK


def refuse_to_replace(target: Path, force: bool) -> None:
    """A chart already at ``target`` may hold work: only --force replaces it."""
    try:
        check_writable(target)  # a read-only target is refused as such, even with --force
    except OSError as error:
        raise cannot_write(target, error) from None
    if target.exists() and not force:
        raise UsageError(f"{printable(str(target))} exists already (--force replaces it)")


def cannot_write(target: Path, error: OSError) -> UsageError:
    """One sentence naming the file and the reason; the file is as it was."""
    if isinstance(error, TargetNotWritableError):
        return UsageError(str(error))
    reason = error.strerror or str(error)
    kept = "; the file there was not replaced" if target.exists() else ""
    return UsageError(f"cannot write {printable(str(target))}: {reason}{kept}")


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
                _wrap(f"{group.category.name}: {'; '.join(names)}", "    ", out)
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
        _wrap(f"{name} [{rid}], {in_sentence(category.name)}", "  ", out)
    overlaps = matrix.overlaps
    out.write(f"\nOVERLAPS ({len(overlaps)}): work one role should own, held by several\n")
    for rid in overlaps:
        name = catalogue.responsibilities[rid].name
        _wrap(f"{name} [{rid}]: {_role_labels(matrix.holders(rid))}", "  ", out)
    unowned = matrix.with_status("unowned")
    if unowned:
        out.write(f"\nNOT HELD, NOT CORE ({len(unowned)})\n")
        _wrap("; ".join(catalogue.responsibilities[rid].name for rid in unowned), "  ", out)

    out.write("\nCOVERAGE\n")
    covered_functions: set[str] = set()
    for entry in matrix.coverage():
        covered_functions.add(entry.function)
        problems = f"{counted(len(entry.gaps), 'gap')}, {counted(len(entry.overlaps), 'overlap')}"
        _wrap(
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
    _wrap(
        f"Score: {matrix.score()}/100 ({len(in_order)} of the {len(checked)} core or "
        "once-per-company responsibilities checked are neither a gap nor an overlap)",
        "",
        out,
    )


def _spreadsheet_safe(text: str | None) -> str:
    """Text a spreadsheet will not run as a formula: a leading = + - @ (or tab or
    carriage return) gets an apostrophe in front."""
    if text is None:
        return ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_matrix_csv(matrix: ResponsibilityMatrix, out: TextIO) -> None:
    columns = matrix.columns
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "title", "person", *columns])
    for role in matrix.rows:
        held = matrix.holdings[role.id]
        writer.writerow(
            [
                _spreadsheet_safe(role.id),
                _spreadsheet_safe(role.title),
                _spreadsheet_safe(role.person),
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
    chart = read_chart(args.path, _stage(args.stage)).chart
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


def cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    infos = rule_catalogue()
    if args.format == "json":
        rows = [
            {
                "id": info.id,
                "severity": info.severity,
                "house": info.house,
                "explanation": info.explanation,
                "fix": info.fix,
                "source": info.source,
            }
            for info in infos.values()
        ]
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    for info in infos.values():
        house = " (house rule, can be switched off)" if info.house else ""
        out.write(f"{info.id}  [{info.severity}]{house}\n")
        _wrap(info.explanation, "    ", out)
        _wrap(f"source: {info.source}", "    ", out)
    return EXIT_OK


def cmd_catalogue(_args: argparse.Namespace, out: TextIO) -> int:
    catalogue = load_catalogue()
    out.write("ROLE KINDS (level 0 CEO ... 5 individual contributor)\n")
    for function in FUNCTIONS:
        kinds = [k for k in catalogue.kinds.values() if k.function == function]
        if kinds:
            out.write(f"\n  {function}\n")
            for kind in sorted(kinds, key=lambda k: k.level):
                out.write(f"    {kind.level}  {kind.id:28} {kind.name}\n")
    out.write("\nRESPONSIBILITIES (* once per company, + core)\n")
    for category in catalogue.categories.values():
        out.write(f"\n  {category.name}\n")
        for r in catalogue.responsibilities.values():
            if r.category == category.id:
                marks = ("*" if r.once_per_company else " ") + ("+" if r.core else " ")
                out.write(f"    {marks} {r.id:32} {r.name}\n")
    return EXIT_OK


def _add_map_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"read FIELD from the column COLUMN (fields: {', '.join(FIELDS)})",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet of a spreadsheet to read (default: the first visible one)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orgmodel",
        description="Check organisation charts of marketing and operations leadership.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    stages = [s.value for s in Stage]

    check = commands.add_parser(
        "validate", help="check a chart (.orgm, an HR export or JSON chart data) against the rules"
    )
    check.add_argument(
        "path", help="a .orgm chart, an HR export (CSV, XLSX, XLS, ODS) or JSON chart data"
    )
    check.add_argument(
        "--stage", choices=stages, help="business stage (import default: established)"
    )
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="switch a rule off"
    )
    check.add_argument(
        "--span-limit", type=int, metavar="N", help="direct reports allowed by span-of-control"
    )
    _add_map_option(check)
    check.set_defaults(run=cmd_validate)

    convert = commands.add_parser(
        "import", help="convert an HR export or JSON chart data to a .orgm chart"
    )
    convert.add_argument("csv", help="the export: CSV, XLSX, XLS, ODS or JSON", metavar="FILE")
    convert.add_argument("-o", "--output", help="the .orgm file to write")
    convert.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
    convert.add_argument("--stage", choices=stages, help="business stage (default: established)")
    convert.add_argument(
        "--dry-run",
        action="store_true",
        help="only read the file and print how it was read; write nothing",
    )
    _add_map_option(convert)
    convert.set_defaults(run=cmd_import)

    inspect = commands.add_parser(
        "inspect", help="print how an HR export or JSON chart data is read (import --dry-run)"
    )
    inspect.add_argument("csv", help="the export: CSV, XLSX, XLS, ODS or JSON", metavar="FILE")
    inspect.add_argument("--stage", choices=stages, help="business stage (default: established)")
    _add_map_option(inspect)
    inspect.set_defaults(run=cmd_import, dry_run=True, output=None)

    export = commands.add_parser(
        "export",
        help="export a chart to PDF, PNG, SVG, PowerPoint or Graphviz DOT (no display needed)",
    )
    export.add_argument("path", help="a .orgm chart, an HR export or JSON chart data")
    export.add_argument(
        "-o", "--output", required=True, help="OUT.pdf, OUT.png, OUT.svg, OUT.pptx or OUT.dot"
    )
    export.add_argument(
        "--stage", choices=stages, help="business stage (import default: established)"
    )
    export.add_argument("--page", choices=["a4", "letter", "a3"], default="a4")
    orientation = export.add_mutually_exclusive_group()
    orientation.add_argument("--landscape", action="store_true")
    orientation.add_argument("--portrait", action="store_true")
    export.add_argument(
        "--pages",
        choices=["auto", "one", "tile"],
        default="auto",
        help="one page, tiles at a readable scale, or one page unless too small (default)",
    )
    export.add_argument("--dpi", type=int, default=96, help="PNG resolution (default 96)")
    export.add_argument("--subtree", metavar="ROLE_ID", help="only this role and those below it")
    export.add_argument("--no-names", action="store_true", help="leave out people's names")
    export.add_argument("--no-markers", action="store_true", help="leave out finding markers")
    export.add_argument(
        "--no-legend",
        action="store_true",
        help="leave out the legend (and, from a PNG or SVG, the title line)",
    )
    export.add_argument("--findings", action="store_true", help="add pages listing the findings")
    export.add_argument(
        "--layout",
        choices=["tidy", "dot"],
        default="tidy",
        help="compact tidy tree (default), or Graphviz dot for charts of up to 1,000 roles",
    )
    _add_map_option(export)
    export.set_defaults(run=cmd_export)

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

    rules = commands.add_parser("rules", help="list every rule with its source")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.set_defaults(run=cmd_rules)

    catalogue = commands.add_parser("catalogue", help="list role kinds and responsibilities")
    catalogue.set_defaults(run=cmd_catalogue)

    # Each of these commands lives in a module of its own, which builds on this one.
    from orgmodel import cli_diff, cli_spans, cli_template

    for module in (cli_diff, cli_spans, cli_template):
        module.register(commands)
    return parser


def _out_of_memory(args: argparse.Namespace) -> str:
    """What a MemoryError means to the user: files are written whole or not at
    all, so a failed write left nothing behind."""
    source = getattr(args, "path", None) or getattr(args, "csv", None)
    what = f" {printable(Path(source).name)}" if source else ""
    hint = " (a lower --dpi or a subtree needs less)" if args.command == "export" else ""
    return f"not enough memory to {args.command}{what}; nothing was written{hint}"


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    low, high = SPAN_LIMITS
    if getattr(args, "span_limit", None) is not None and not low <= args.span_limit <= high:
        print(f"orgmodel: --span-limit must be between {low} and {high:,}", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        code: int = args.run(args, out)
        out.flush()
    except (ChartReadError, UnknownRuleError, UsageError) as error:
        print(f"orgmodel: {printable(str(error))}", file=sys.stderr)
        return EXIT_UNUSABLE
    except MemoryError:
        print(f"orgmodel: {_out_of_memory(args)}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        # The reader (say `| head`) went away; keep Python from complaining
        # again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    raise SystemExit(main())
