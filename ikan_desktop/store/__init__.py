"""SQLite through sqlite-utils: open, check and migrate the database; one module per aggregate."""

from ikan_desktop.store.lean_import import import_sqlite_utils_lean

import_sqlite_utils_lean()

from ikan_desktop.store.database import Store, StoreError, open_store  # noqa: E402

__all__ = ["Store", "StoreError", "open_store"]
