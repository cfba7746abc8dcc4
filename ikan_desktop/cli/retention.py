"""`purge-audio`: delete the recordings past their retention date (stages and notes stay)."""

from __future__ import annotations

import argparse
from typing import Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store.location import data_dir
from ikan_desktop.workflows import retention
from ikan_desktop.workflows.deletion import plural


def register(commands: Any) -> None:
    purge = commands.add_parser(
        "purge-audio", help="delete recordings past their retention date (stages and notes stay)"
    )
    data_dir_option(purge)
    purge.add_argument("--dry-run", action="store_true", help="only list what would be deleted")
    purge.set_defaults(run=run_purge)


def run_purge(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    try:
        with open_store(folder) as store:
            months = retention.retention_months(store)
            if months == 0:
                print("Retention is off: recordings are kept until they are deleted by hand.")
                return 0
            due = retention.due_recordings(store)
            if not due:
                print(f"No recording is older than the {months}-month retention period.")
                return 0
            print(retention.describe_due(due))
            if args.dry_run:
                print(f"{plural(len(due), 'recording')} would be deleted (nothing was changed).")
                return 0
            deleted = retention.purge(store, due)
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    print(f"{plural(deleted, 'recording')} deleted; their observations, stages and notes are kept.")
    return 0
