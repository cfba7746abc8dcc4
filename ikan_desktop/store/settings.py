"""Small key/value settings kept in the database (so they travel with a backup)."""

from __future__ import annotations

from ikan_desktop.store.database import Store

# The teacher's own name and school, as Settings writes them. The audit log, consent records,
# confirmations and printed profiles all read these two keys (one place, so they never drift).
TEACHER_NAME = "teacher_name"
SCHOOL_NAME = "school_name"


def get_setting(store: Store, key: str, default: str = "") -> str:
    """A stored setting, or the default when it was never set."""
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(store: Store, key: str, value: str) -> None:
    """Store a setting (one committed write)."""
    store.db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def teacher_name(store: Store) -> str:
    """The teacher's name as set in Settings ("" when never set)."""
    return get_setting(store, TEACHER_NAME).strip()


def school_name(store: Store) -> str:
    """The school's name as set in Settings ("" when never set)."""
    return get_setting(store, SCHOOL_NAME).strip()
