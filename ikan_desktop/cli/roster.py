"""`demo` and `students`: seed the demo class, list students with their ids."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.store import StoreError, folder_lock, open_store
from ikan_desktop.store.location import data_dir
from ikan_desktop.workflows import roster


def register(commands: Any) -> None:
    demo = commands.add_parser("demo", help="seed the demo class into the data folder")
    data_dir_option(demo)
    demo.set_defaults(run=run_demo)

    students = commands.add_parser("students", help="list students with their ids")
    data_dir_option(students)
    students.add_argument("--json", action="store_true", help="print JSON")
    students.add_argument("--archived", action="store_true", help="include archived students")
    students.set_defaults(run=run_students)


def run_demo(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    if folder_lock.in_use_elsewhere(folder):
        raise CommandError(str(folder_lock.FolderInUse(folder)))
    try:
        with open_store(folder) as store:
            count = roster.seed_demo_class(store)
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    print(f"The demo class ({count} students) is ready in {folder}")
    return 0


def run_students(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    try:
        with open_store(folder) as store:
            rows = roster.student_rows(store, include_archived=args.archived)
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            print(f"{row['id']}  {row['class'] or '-':<12} {row['name']}")
    return 0
