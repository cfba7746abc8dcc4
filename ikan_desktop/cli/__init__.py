"""Entry points: the app by default, headless sub-commands for scripts and support staff.

Each sub-command lives in its own module here with a `register(subparsers)` function that adds
its parser and sets `run(args) -> int`. Sub-commands exit 0 on success and 2 with a one-line
reason on bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ikan_desktop import __version__

SUBCOMMANDS = (
    "ikan_desktop.cli.roster",
    "ikan_desktop.cli.content",
    "ikan_desktop.cli.profile",
    "ikan_desktop.cli.selftest",
    "ikan_desktop.cli.sessions",
)

BAD_INPUT = 2
UNEXPECTED = 70  # EX_SOFTWARE: distinct from selftest's 1 (silent) and 2 (bad input)


class CommandError(Exception):
    """A sub-command that cannot go on; the message is printed as one line on stderr."""


def data_dir_option(parser: argparse.ArgumentParser) -> None:
    """Every command takes --data-dir (default: $IKAN_DESKTOP_DATA_DIR or the user data folder)."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder holding the database and audio (default: $IKAN_DESKTOP_DATA_DIR, "
        "else the platform's user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full command-line parser, with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="ikan-desktop",
        description="One-on-one number strategy interviews: guide, record, tag, review, report.",
    )
    parser.add_argument("--version", action="version", version=f"ikan-desktop {__version__}")
    data_dir_option(parser)
    parser.add_argument("--demo", action="store_true", help="open the demo class")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app, or a sub-command when one is named."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ikan_desktop.app import run_app

        return run_app(data_dir=args.data_dir, demo=args.demo)
    try:
        return int(args.run(args) or 0)
    except CommandError as error:
        print(f"ikan-desktop {args.command}: {error}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug, not bad input: one plain line, never a traceback
        print(
            f"ikan-desktop {args.command}: stopped by an unexpected error "
            f"({type(error).__name__}: {error}). Please tell support what you ran.",
            file=sys.stderr,
        )
        return UNEXPECTED
