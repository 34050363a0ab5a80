"""``orgmodel rules`` and ``orgmodel catalogue``: the rules with their sources,
and the role kinds."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from orgmodel.catalogue import FUNCTIONS, load_catalogue
from orgmodel.cli.common import (
    EXIT_OK,
    wrap,
)
from orgmodel.rules import (
    rule_catalogue,
)


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
        wrap(info.explanation, "    ", out)
        wrap(f"source: {info.source}", "    ", out)
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


def register(commands: Any) -> None:
    """Add the commands to the parser's subcommands."""
    rules = commands.add_parser("rules", help="list every rule with its source")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.set_defaults(run=cmd_rules)

    catalogue = commands.add_parser("catalogue", help="list role kinds and responsibilities")
    catalogue.set_defaults(run=cmd_catalogue)
