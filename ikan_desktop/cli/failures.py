"""The last guard of every command: whatever went wrong becomes one plain line and an exit code.

Commands catch what they expect; this turns the rest (a content file that broke, a database held
by another program, a disk that filled up, a bug) into a sentence, never a traceback.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ikan_desktop.cli import BAD_INPUT, UNEXPECTED
from ikan_desktop.domain.content_errors import ContentFileError
from ikan_desktop.store.database_checks import StoreError, is_busy

LONGEST = 400  # characters: a message is one line a person reads, not a dump


def explain_failure(error: BaseException, database: Path | None = None) -> tuple[str, int]:
    """A one-line explanation of an unexpected failure, and the exit code to report it with."""
    line, code = _explain(error, database)
    line = " ".join(line.split())
    if len(line) > LONGEST:
        line = line[: LONGEST - 1] + "…"
    return line, code


def _explain(error: BaseException, database: Path | None) -> tuple[str, int]:
    if isinstance(error, StoreError):
        return error.one_line(), BAD_INPUT
    if isinstance(error, ContentFileError):
        return content_problem(error), BAD_INPUT
    if isinstance(error, sqlite3.Error):
        if is_busy(error):
            return (
                "Your data is in use by another program right now; nothing was changed. "
                "Close the other program, then try again.",
                BAD_INPUT,
            )
        where = f" {database}" if database is not None else ""
        return (
            f"The database{where} could not be read ({error}); it may be damaged. Keep a copy "
            "of the data folder, and restore your most recent backup if you have one.",
            BAD_INPUT,
        )
    if isinstance(error, UnicodeError):
        return "Some text given to ikan-desktop is not readable text (UTF-8).", BAD_INPUT
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        return (
            f"Could not read or write{where} ({error.strerror or error}). Check there is space "
            "and that you may write there, then try again.",
            BAD_INPUT,
        )
    return (
        f"Something went wrong that ikan-desktop did not expect ({type(error).__name__}: "
        f"{error}). Please report it; set IKAN_DESKTOP_DEBUG=1 to see the details.",
        UNEXPECTED,
    )


def content_problem(error: ContentFileError) -> str:
    """One line for a broken content file: the first problem (file, field, what is wrong)."""
    if not error.errors:
        return f"A content file has a problem: {error}"
    more = len(error.errors) - 1
    tail = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
    return (
        f"A content file has a problem: {error.errors[0]}{tail}. "
        "Reinstalling ikan-desktop puts the shipped files back."
    )
