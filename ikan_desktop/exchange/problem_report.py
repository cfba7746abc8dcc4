"""Help ▸ Report a problem, as a file: a zip of the app's log and the computer check.

The teacher sends the file to support themselves; the app never sends anything. The log holds no
names and no audio (see store.logbook), and nothing else from the data folder goes in.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

README = """\
This file was made by ikan-desktop's Help > Report a problem, for the school's IT support.

computer-check.txt  what ikan-desktop found when it checked this computer
logs/               the app's own log: versions, start and stop, and where in the program any
                    error happened. It holds no student names, no notes and no recordings.
"""


def write_problem_report(out: Path, report: str, logs: Sequence[Path]) -> Path:
    """Write the zip to `out` through a temporary file, so an existing file is never half-written."""
    out = Path(out)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".report-", suffix=".zip")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", README)
            archive.writestr("computer-check.txt", report)
            for log in logs:
                archive.write(log, f"logs/{log.name}")
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return out
