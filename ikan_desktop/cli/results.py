"""`export-results`: confirmed stages as a CSV for the school's management system."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.domain.dates import UnreadableDate, parse_date
from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store.location import data_dir
from ikan_desktop.workflows.deletion import plural


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "export-results", help="confirmed results as CSV for the school system"
    )
    data_dir_option(parser)
    parser.add_argument("--out", metavar="FILE.csv", required=True, help="the CSV file to write")
    parser.add_argument(
        "--class", dest="class_name", metavar="NAME", default="", help="only this class"
    )
    parser.add_argument(
        "--since", metavar="DATE", help="only rounds on or after this date (2026-02-01)"
    )
    parser.add_argument(
        "--preset",
        choices=("full", "nz-sms"),
        default="full",
        help="full (every column) or nz-sms (student id, date, GloSS form, stages)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace FILE.csv if it exists")
    parser.set_defaults(run=run_export_results)


def run_export_results(args: argparse.Namespace) -> int:
    from ikan_desktop.workflows import results_export  # only when run: it loads the framework

    try:
        since = parse_date(args.since) if args.since else None
    except UnreadableDate as error:
        raise CommandError(f"--since: {error}") from None
    out = Path(args.out)
    if out.exists() and not args.overwrite:
        raise CommandError(
            f"{out} already exists and was not changed. Choose another file name, or add "
            "--overwrite to replace it."
        )
    try:
        with open_store(data_dir(args.data_dir)) as store:
            export = results_export.gather_results(store, class_name=args.class_name, since=since)
            results_export.save_results(
                export, out, preset=args.preset, replace=args.overwrite, store=store
            )
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    except results_export.UnknownClass as error:
        raise CommandError(error.message) from None
    except OSError as error:
        raise CommandError(
            f"Could not write {out} ({error.strerror or error}). Nothing in your data was "
            "changed. Choose a folder you can write to."
        ) from None
    rounds = len(export.rows)
    print(f"{rounds} round{'s' if rounds != 1 else ''} of confirmed results written to {out}.")
    if export.unconfirmed:
        print(
            f"{plural(len(export.unconfirmed), 'finished interview')} with no confirmed stage yet "
            "left out; confirm them in the review window, then export again:"
        )
        for held in export.unconfirmed:
            print(f"  {held.assessed_on:%Y-%m-%d}  {held.instrument:<9}  {held.student_name}")
    return 0
