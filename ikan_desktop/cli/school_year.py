"""`move-up`: a new school year for one class — every child up a year level, history kept."""

from __future__ import annotations

import argparse
from typing import Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store.location import data_dir


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "move-up", help="a new school year: move a class up a year level (history kept)"
    )
    data_dir_option(parser)
    parser.add_argument("--class", dest="class_name", metavar="NAME", required=True)
    parser.add_argument("--to", metavar="NEW_NAME", default="", help="the class's new name")
    parser.add_argument("--dry-run", action="store_true", help="print the moves; write nothing")
    parser.set_defaults(run=run_move_up)


def run_move_up(args: argparse.Namespace) -> int:
    from ikan_desktop.workflows import (
        school_year,
    )  # only when run (the parser is built at start-up)

    try:
        with open_store(data_dir(args.data_dir)) as store:
            plan = school_year.plan_move_up(store, args.class_name, to_class=args.to)
            if not args.dry_run:
                school_year.move_class_up(store, plan)
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    except school_year.UnknownClass as error:
        raise CommandError(error.message) from None
    print(plan.summary + (" (dry run: nothing written)" if args.dry_run else ""))
    for move in plan.moves:
        print(f"  {move.student.name}: Year {_year(move.year_now)} → {_year(move.year_next)}")
    return 0


def _year(level: int | None) -> str:
    return "not known" if level is None else str(level)
