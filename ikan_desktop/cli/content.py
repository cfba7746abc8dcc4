"""`validate-script`: check interview scripts and knowledge checks before using them."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ikan_desktop.domain.scripts import validate_files


def register(commands: Any) -> None:
    validate = commands.add_parser(
        "validate-script",
        help="check interview scripts (strategy forms or knowledge checks) for problems",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="YAML files to check")
    validate.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    errors = validate_files(args.paths)
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        count = len(errors)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 2
    for path in args.paths:
        print(f"{path}: valid")
    return 0
