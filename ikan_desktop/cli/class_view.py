"""`overview`, `groups` and `class-report`: a class's standing, groups and report, headless."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store.location import data_dir


def register(commands: Any) -> None:
    overview = _class_command(
        commands,
        "overview",
        help="a class's children × strategy domains: stage, band and change",
        description="Print where each child of a class stands in each strategy domain: the "
        "confirmed stage, its band against the expectation, the change since the previous "
        "round and any knowledge holding the strategy back.",
    )
    overview.add_argument("--json", action="store_true", help="print JSON (the only format)")
    overview.set_defaults(run=run_overview)

    groups = _class_command(
        commands,
        "groups",
        help="a class's suggested instructional groups per strategy domain",
        description="Print the suggested instructional groups per strategy domain (children "
        "at the same confirmed stage, named by the transition they work on), and the groups "
        "the teacher last saved with who has moved on since.",
    )
    groups.add_argument("--json", action="store_true", help="print JSON (the only format)")
    groups.set_defaults(run=run_groups)

    report = _class_command(
        commands,
        "class-report",
        help="a class's progress over time as a PDF report (at most two pages)",
        description="Write the class report: per strategy domain, each round's children by "
        "band and median stage, and each child's stages round by round. --csv also writes the "
        "same figures as a CSV table. Files are written whole; an existing file is not replaced.",
    )
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    report.add_argument("--csv", metavar="FILE.csv", help="also write the figures as CSV")
    report.set_defaults(run=run_class_report)


def _class_command(commands: Any, name: str, *, help: str, description: str) -> Any:
    """A sub-command about one class: --data-dir and --class NAME."""
    parser = commands.add_parser(name, help=help, description=description)
    data_dir_option(parser)
    parser.add_argument("--class", dest="class_name", required=True, metavar="NAME")
    return parser


def run_overview(args: argparse.Namespace) -> int:
    from ikan_desktop.domain.framework import load_framework
    from ikan_desktop.workflows.class_view import UnknownClass, class_overview, overview_json

    try:
        with open_store(data_dir(args.data_dir)) as store:
            framework = load_framework()
            found = class_overview(store, args.class_name, framework=framework)
            _print_json(overview_json(found, framework))
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    except UnknownClass as error:
        raise CommandError(error.message) from error
    return 0


def run_groups(args: argparse.Namespace) -> int:
    from ikan_desktop.domain.framework import load_framework
    from ikan_desktop.workflows.class_groups import class_groups, groups_json
    from ikan_desktop.workflows.class_view import UnknownClass

    try:
        with open_store(data_dir(args.data_dir)) as store:
            framework = load_framework()
            found = class_groups(store, args.class_name, framework=framework)
            _print_json(groups_json(found, framework))
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    except UnknownClass as error:
        raise CommandError(error.message) from error
    return 0


def run_class_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ikan_desktop.workflows.class_progress import save_class_report
    from ikan_desktop.workflows.class_view import UnknownClass
    from ikan_desktop.workflows.export_log import note_export

    out = Path(args.out).expanduser()
    csv_out = Path(args.csv).expanduser() if args.csv else None
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"--out should name a .pdf file, not {out}")
    for target in (out, csv_out):
        if target is not None and target.exists():
            raise CommandError(
                f"{target} already exists and was not replaced. Choose another name, or move "
                "the old file first."
            )
    try:
        with open_store(data_dir(args.data_dir)) as store:
            progress = save_class_report(store, args.class_name, out, csv_target=csv_out)
            note_export(store, f"the class report of {args.class_name}", out)
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    except UnknownClass as error:
        raise CommandError(error.message) from error
    except OSError as error:
        raise CommandError(
            f"Could not write to {out} ({error.strerror or error}). Nothing was overwritten; "
            "choose a folder you can write to."
        ) from error
    print(f"Wrote the class report ({len(progress.rounds)} rounds) to {out}")
    if csv_out is not None:
        print(f"Wrote its figures to {csv_out}")
    return 0


def _print_json(data: Any) -> None:
    try:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (e.g. `| head`): nothing more to say
        sys.stderr.close()
