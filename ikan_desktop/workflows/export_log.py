"""Children's data leaving the app is noted in the audit log: what went out, and where to.

The export has already happened when it is noted, so a note that cannot be written (the data
closed meanwhile) is logged for support staff instead of troubling the teacher.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from ikan_desktop.store.audit import log_event
from ikan_desktop.store.database import Store

log = logging.getLogger(__name__)


def note_export(store: Store, what: str, target: Path | str, detail: str = "") -> None:
    """'<what> to <target>' under "exported" in the audit log."""
    try:
        log_event(store, "exported", f"{what} to {target}", detail)
    except sqlite3.Error as error:
        log.warning("An export to %s could not be noted in the audit log: %s", target, error)
