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
    overview = commands.add_parser(
        "overview",
        help="a class's children × strategy domains: stage, band and change",
        description="Print where each child of a class stands in each strategy domain: the "
        "confirmed stage, its band against the expectation, the change since the previous "
        "round and any knowledge holding the strategy back.",
    )
    data_dir_option(overview)
    overview.add_argument("--class", dest="class_name", required=True, metavar="NAME")
    overview.add_argument("--json", action="store_true", help="print JSON (the only format)")
    overview.set_defaults(run=run_overview)

    groups = commands.add_parser(
        "groups",
        help="a class's suggested instructional groups per strategy domain",
        description="Print the suggested instructional groups per strategy domain (children "
        "at the same confirmed stage, named by the transition they work on), and the groups "
        "the teacher last saved with who has moved on since.",
    )
    data_dir_option(groups)
    groups.add_argument("--class", dest="class_name", required=True, metavar="NAME")
    groups.add_argument("--json", action="store_true", help="print JSON (the only format)")
    groups.set_defaults(run=run_groups)


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


def _print_json(data: Any) -> None:
    try:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (e.g. `| head`): nothing more to say
        sys.stderr.close()
