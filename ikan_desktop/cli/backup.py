"""`backup`, `restore`: one file holding everything, checked, and put back.

A passphrase is read from $IKAN_DESKTOP_PASSPHRASE when set, else asked for on the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.exchange.backup import BackupError, PassphraseNeeded
from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store.audit import check_log_writable
from ikan_desktop.store.location import DB_NAME, data_dir
from ikan_desktop.workflows import backup

PASSPHRASE_ENV = "IKAN_DESKTOP_PASSPHRASE"


def register(commands: Any) -> None:
    make = commands.add_parser("backup", help="write one backup file, or check one")
    data_dir_option(make)
    what = make.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", metavar="FILE", help="the backup file (or a folder to put it in)")
    what.add_argument("--verify", metavar="FILE", help="check a backup file without changing data")
    what.add_argument("--auto", action="store_true", help=argparse.SUPPRESS)
    make.add_argument("--encrypt", action="store_true", help="protect it with a passphrase")
    make.set_defaults(run=run_backup)

    restore = commands.add_parser("restore", help="restore a backup into a data folder")
    data_dir_option(restore)
    restore.add_argument("file", metavar="FILE", help="the backup file")
    restore.add_argument(
        "--replace",
        action="store_true",
        help="replace the data already in the folder (it is kept aside, not deleted)",
    )
    restore.set_defaults(run=run_restore)

    merge = commands.add_parser("merge", help="merge colleagues' backups into this data folder")
    data_dir_option(merge)
    merge.add_argument("files", metavar="FILE", nargs="+", help="backup files to merge")
    merge.set_defaults(run=run_merge)


def ask_passphrase(*, twice: bool = False) -> str:
    """The passphrase from the environment, else typed (not shown) on the terminal."""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise CommandError(
            f"This needs a passphrase: set {PASSPHRASE_ENV} or run it in a terminal."
        )
    first = getpass.getpass("Passphrase: ")
    if twice and getpass.getpass("The same passphrase again: ") != first:
        raise CommandError("The two passphrases differ. Nothing was written.")
    if not first:
        raise CommandError("An empty passphrase protects nothing. Nothing was written.")
    return first


def with_passphrase(action: Any) -> Any:
    """Run `action(passphrase)`, asking for the passphrase only if the backup turns out to need it."""
    passphrase = os.environ.get(PASSPHRASE_ENV) or None
    try:
        return action(passphrase)
    except PassphraseNeeded as error:
        if passphrase or not sys.stdin.isatty():
            raise CommandError(_one_line(error, PASSPHRASE_ENV)) from error
        return action(ask_passphrase())


def run_backup(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    try:
        if args.verify:
            check = with_passphrase(
                lambda p: backup.verify_backup(Path(args.verify), passphrase=p, scratch_in=folder)
            )
            print(check.message)
            return 0
        if args.auto:
            from ikan_desktop.workflows.auto_backup import run_automatic_backup

            print(run_automatic_backup(folder))
            return 0
        database = folder / DB_NAME
        if not (database.is_file() and database.stat().st_size > 0):
            backup.make_backup(folder, Path(args.out))  # says there is no data to back up
        # Opened (and the write lock tried) first, so a newer, damaged, foreign or locked database
        # is refused before anything is written; the backup is then recorded on this connection.
        with open_store(folder) as store:
            check_log_writable(store)
            passphrase = ask_passphrase(twice=True) if args.encrypt else None
            done = backup.make_backup(folder, Path(args.out), passphrase=passphrase)
            backup.record_backup(store, done)
    except BackupError as error:
        raise CommandError(error.one_line()) from error
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    print(done.message)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    try:
        done = with_passphrase(
            lambda p: backup.restore_backup(
                Path(args.file), folder, replace=args.replace, passphrase=p
            )
        )
    except BackupError as error:
        raise CommandError(error.one_line()) from error
    print(done.message)
    return 0


def _one_line(error: BackupError, env: str) -> str:
    text = error.one_line()
    if "protected by a passphrase" in error.title:
        text += f" (set {env}, or run the command in a terminal to be asked)"
    return text


def run_merge(args: argparse.Namespace) -> int:
    from ikan_desktop.workflows.merge import merge_backup

    folder = data_dir(args.data_dir)
    try:
        backup.refuse_if_in_use(folder)
        with open_store(folder) as store:
            for name in args.files:
                result = with_passphrase(
                    lambda p, n=name: merge_backup(store, Path(n), passphrase=p)
                )
                print(result.report())
    except BackupError as error:
        raise CommandError(error.one_line()) from error
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    return 0
