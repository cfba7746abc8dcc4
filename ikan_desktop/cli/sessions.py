"""`sessions` and `export-session`: list interviews, and export one as WAV + labels + CSV."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ikan_desktop.cli import CommandError, data_dir_option, shorten
from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store.audit import check_log_writable
from ikan_desktop.store.location import data_dir
from ikan_desktop.store.students import student_exists
from ikan_desktop.workflows.review import session_rows
from ikan_desktop.workflows.review_edits import ReviewError
from ikan_desktop.workflows.review_export import export_session


def register(commands: Any) -> None:
    listing = commands.add_parser("sessions", help="list interviews with their ids")
    data_dir_option(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--student", metavar="ID", help="only this student's interviews")
    listing.set_defaults(run=run_sessions)

    export = commands.add_parser(
        "export-session", help="export an interview: WAV, Audacity labels and tags CSV"
    )
    data_dir_option(export)
    export.add_argument("session_id", metavar="ID", help="the interview's id (see `sessions`)")
    export.add_argument("--out", metavar="DIR", required=True, help="folder to export into")
    export.set_defaults(run=run_export)


def run_sessions(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    if args.student is not None and not args.student.strip():
        raise CommandError(
            "--student needs a student's id; run `ikan-desktop students` to see them."
        )
    try:
        with open_store(folder) as store:
            if args.student is not None and not student_exists(store, args.student):
                raise CommandError(
                    f"There is no student with the id {shorten(args.student)}. "
                    "Run `ikan-desktop students` to see the ids."
                )
            rows = session_rows(store, student_id=args.student)
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            audio = "audio" if row["has_audio"] else "no audio"
            judged = "confirmed" if row["confirmed"] else "to review"
            print(
                f"{row['id']}  {row['date']}  {row['kind']:<9} {row['form'] or '-':<2} "
                f"{audio:<8} {judged:<9} {row['student']}"
            )
    return 0


def run_export(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    out = Path(args.out)
    try:
        with open_store(folder) as store:
            check_log_writable(store)  # a locked database: refused before the export is written
            result = export_session(store, args.session_id, out)
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    except ReviewError as error:
        raise CommandError(f"{error} Run `ikan-desktop sessions` to see the ids.") from error
    except OSError as error:
        raise CommandError(
            f"Could not write to {out} ({error.strerror or error}). Nothing in your data was "
            "changed. Choose a folder you can write to with --out."
        ) from error
    print(result.message)
    return 0
