"""SQLite through sqlite-utils: open, check and migrate the database; one module per aggregate."""

from ikan_desktop.store.database import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
