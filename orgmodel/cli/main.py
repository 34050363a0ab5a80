"""The parser that gathers every command, and the boundary where errors become exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from orgmodel.cli import diff, export, importing, responsibilities, rules, spans, template, validate
from orgmodel.cli.common import (
    EXIT_OK,
    EXIT_UNUSABLE,
    UsageError,
)
from orgmodel.errors import ChartReadError, printable
from orgmodel.model import SPAN_LIMITS
from orgmodel.rules import UnknownRuleError

COMMANDS = (validate, importing, export, responsibilities, rules, diff, spans, template)
"""The modules of the commands, in the order ``orgmodel --help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orgmodel",
        description="Check organisation charts of marketing and operations leadership.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
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
