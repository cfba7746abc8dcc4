"""`import-roster`: bring a class list in from a school system's CSV, TSV or .xlsx export."""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.store import Store, StoreError, open_store
from ikan_desktop.store.location import DB_NAME, data_dir

if TYPE_CHECKING:
    from ikan_desktop.workflows.roster_import import ImportPlan


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import-roster", help="import a class list (CSV, TSV or .xlsx) from the school system"
    )
    data_dir_option(parser)
    parser.add_argument("file", metavar="FILE", help="the school system's export")
    parser.add_argument(
        "--class",
        dest="class_name",
        metavar="NAME",
        default="",
        help="put every student in this class (instead of the file's class column)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be added, updated and skipped; write nothing",
    )
    parser.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="read dates such as 3/2/2024 day-first (dmy, NZ) or month-first (mdy, US)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    from ikan_desktop.workflows import (
        roster_import,
    )  # only when run (the parser is built at start-up)

    path = Path(args.file)
    try:
        sheet = roster_import.load_roster(path)  # bad files stop here, before any data is touched
    except roster_import.TableFileError as error:
        raise CommandError(f"{error} Nothing was imported.") from None
    folder = data_dir(args.data_dir)
    try:
        with _store_for(folder, dry_run=args.dry_run) as store:
            plan = roster_import.plan_import(
                store, sheet, date_order=args.date_order, class_name=args.class_name
            )
            if not args.dry_run:
                roster_import.commit_import(store, plan)
                if args.date_order:
                    roster_import.remember_date_order(store, args.date_order)
    except roster_import.TableFileError as error:
        raise CommandError(f"{error} Nothing was imported.") from None
    except roster_import.DateOrderNeeded as error:
        raise CommandError(f"{error} Nothing was imported.") from None
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    if args.json:
        print(
            json.dumps(plan_as_json(plan, written=not args.dry_run), indent=2, ensure_ascii=False)
        )
    else:
        _print_plan(plan, dry_run=args.dry_run)
    return 0


@contextmanager
def _store_for(folder: Path, *, dry_run: bool) -> Iterator[Store]:
    """The teacher's store; for a dry run with no database yet, an empty one that is thrown away."""
    if dry_run and not (folder / DB_NAME).exists():
        with (
            tempfile.TemporaryDirectory(prefix="ikan-dry-run-") as scratch,
            open_store(Path(scratch)) as store,
        ):
            yield store
        return
    with open_store(folder) as store:
        yield store


def plan_as_json(plan: ImportPlan, *, written: bool) -> dict[str, Any]:
    """The preview as plain data (the same for --dry-run and a real import)."""

    def entry(e: Any) -> dict[str, Any]:
        return {
            "line": e.line,
            "name": e.name,
            "preferred_name": e.preferred_name,
            "external_id": e.external_id,
            "year_level": e.year_level,
            "class": e.class_name,
            "school_start_date": e.school_start_date.isoformat() if e.school_start_date else None,
            "date_of_birth": e.date_of_birth.isoformat() if e.date_of_birth else None,
        }

    return {
        "file": plan.file_name,
        "written": written,
        "date_order": plan.date_order,
        "added": [entry(e) for e in plan.added],
        "updated": [
            entry(u.entry) | {"id": u.student.id, "changes": list(u.changes)} for u in plan.updated
        ],
        "unchanged": [entry(e) for e in plan.unchanged],
        "skipped": [{"line": s.line, "reason": s.reason, "text": s.text} for s in plan.skipped],
        "new_classes": list(plan.new_classes),
    }


def _print_plan(plan: ImportPlan, *, dry_run: bool) -> None:
    print(plan.summary + (" (dry run: nothing written)" if dry_run else ""))
    for e in plan.added:
        year = f"Year {e.year_level}" if e.year_level is not None else "year not given"
        print(f"  add     line {e.line:>4}  {e.name}  ({e.class_name or 'no class'}, {year})")
    for u in plan.updated:
        print(f"  update  line {u.entry.line:>4}  {u.entry.name}: {'; '.join(u.changes)}")
    for s in plan.skipped:
        print(f"  skip    line {s.line:>4}  {s.reason}" + (f": {s.text}" if s.text else ""))
    if plan.new_classes:
        print("  new classes: " + ", ".join(plan.new_classes))
