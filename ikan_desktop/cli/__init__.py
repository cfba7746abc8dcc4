"""Entry points: the app by default, headless sub-commands for scripts and support staff.

Each sub-command lives in its own module here with a `register(subparsers)` function that adds
its parser and sets `run(args) -> int`. Sub-commands exit 0 on success and 2 with a one-line
reason on bad input.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from ikan_desktop import __version__

SUBCOMMANDS = (
    "ikan_desktop.cli.roster",
    "ikan_desktop.cli.content",
    "ikan_desktop.cli.profile",
    "ikan_desktop.cli.selftest",
    "ikan_desktop.cli.sessions",
    "ikan_desktop.cli.roster_import",
    "ikan_desktop.cli.results",
    "ikan_desktop.cli.school_year",
    "ikan_desktop.cli.backup",
    "ikan_desktop.cli.retention",
    "ikan_desktop.cli.class_view",
)

BAD_INPUT = 2
UNEXPECTED = 70  # EX_SOFTWARE: a bug, apart from selftest's 1 (silent) and 2 (bad input)
CLOSED_PIPE = 141  # what a command stopped by SIGPIPE reports (128 + 13), without the noise
# Arguments that name files or folders may be any bytes the file system allows; every other
# text argument (an id, a class name) must be real text.
PATH_ARGUMENTS = frozenset({"data_dir", "out", "paths", "path", "file", "folder"})


class CommandError(Exception):
    """A sub-command that cannot go on; the message is printed as one line on stderr."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake in the arguments is one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def shorten(value: object, limit: int = 60) -> str:
    """A value quoted for a message, cut short so a pasted megabyte never floods the screen."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def data_dir_option(parser: argparse.ArgumentParser) -> None:
    """Every command takes --data-dir (default: $IKAN_DESKTOP_DATA_DIR or the user data folder)."""
    # SUPPRESS: a sub-command's parser must not reset a --data-dir given before the command name.
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder holding the database and audio (default: $IKAN_DESKTOP_DATA_DIR, "
        "else the platform's user data folder); may come before or after the command",
    )


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The command-line parser, with every registered sub-command unless told otherwise."""
    parser = OneLineParser(
        prog="ikan-desktop",
        description="One-on-one number strategy interviews: guide, record, tag, review, report.",
    )
    parser.add_argument("--version", action="version", version=f"ikan-desktop {__version__}")
    data_dir_option(parser)
    parser.set_defaults(data_dir=None)
    parser.add_argument("--demo", action="store_true", help="open the demo class")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS if with_commands else ():
        importlib.import_module(name).register(commands)
    return parser


APP_FLAGS = frozenset({"--demo"})
APP_OPTIONS = frozenset({"--data-dir"})  # options that take a value


def only_app_options(argv: Sequence[str]) -> bool:
    """True when the arguments only open the app (`--demo`, `--data-dir DIR`): no command to load.

    Opening the window is the common case, so it does not import the sub-commands' modules;
    anything else (a command, --help, --version, a mistake) gets the full parser.
    """
    waiting_for_value = False
    for token in argv:
        if waiting_for_value:
            waiting_for_value = False
        elif token in APP_OPTIONS:
            waiting_for_value = True
        elif not (token in APP_FLAGS or token.split("=", 1)[0] in APP_OPTIONS):
            return False
    return not waiting_for_value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app, or a sub-command when one is named."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(with_commands=not only_app_options(arguments))
    args = parser.parse_args(arguments)
    problem = argument_problem(args, _option_names(parser, args.command))
    if problem:
        name = f"ikan-desktop {args.command}" if args.command else "ikan-desktop"
        parser.exit(BAD_INPUT, f"{name}: {problem}\n")
    if args.command is None:
        from ikan_desktop.app import run_app

        return run_app(data_dir=args.data_dir, demo=args.demo)
    return run_command(args)


def _option_names(parser: argparse.ArgumentParser, command: str | None) -> dict[str, str]:
    """How each argument is written on the command line (`class_name` → `--class`)."""
    chosen = parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            chosen = action.choices[command]
    names = {}
    for action in chosen._actions:
        names[action.dest] = action.option_strings[0] if action.option_strings else action.metavar
    return {dest: str(name or dest) for dest, name in names.items()}


def argument_problem(args: argparse.Namespace, names: dict[str, str] | None = None) -> str:
    """Why the parsed arguments cannot be used ('' when they can)."""
    if args.data_dir is not None and not args.data_dir.strip():
        return "--data-dir needs a folder; it was given an empty value"
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS or not isinstance(value, str):
            continue
        if "\x00" in value or _undecodable(value):
            option = (names or {}).get(name) or "--" + name.replace("_", "-")
            return (
                f"{option} is not readable text (a NUL, or bytes that are not UTF-8); type it again"
            )
    return ""


def run_command(args: argparse.Namespace) -> int:
    """Run a sub-command so that whatever goes wrong is one plain line, never a traceback."""
    from ikan_desktop.cli.failures import explain_failure

    name = f"ikan-desktop {args.command}"
    notes = _NoteLines(name)
    package_log = logging.getLogger("ikan_desktop")
    package_log.addHandler(notes)
    try:
        code = int(args.run(args) or 0)
        sys.stdout.flush()
        return code
    except CommandError as error:
        print(f"{name}: {error}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return CLOSED_PIPE
    except Exception as error:  # the last guard: one line instead of a traceback
        if os.environ.get("IKAN_DESKTOP_DEBUG"):
            raise
        line, code = explain_failure(error, _database_of(args))
        print(f"{name}: {line}", file=sys.stderr)
        return code
    finally:
        package_log.removeHandler(notes)


class _NoteLines(logging.Handler):
    """Warnings from below (a stored value that cannot be read) as one line each on stderr."""

    def __init__(self, name: str) -> None:
        super().__init__(logging.WARNING)
        self.command = name

    def emit(self, record: logging.LogRecord) -> None:
        print(f"{self.command}: note: {record.getMessage()}", file=sys.stderr)


def _database_of(args: argparse.Namespace) -> Path | None:
    from ikan_desktop.store.location import DB_NAME, data_dir

    try:
        return data_dir(getattr(args, "data_dir", None)) / DB_NAME
    except (ValueError, OSError):
        return None


def _undecodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _silence_stdout() -> None:
    # The reader went away (`| head`): point stdout at nothing so the final flush stays quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
