"""When each task was shown on the live screen, on the recording's clock: one committed row each."""

from __future__ import annotations

from ikan_desktop.store.database import Store, new_id, now_iso


def record_task_shown(
    store: Store, *, session_id: str, section_id: str, task_id: str, t_ms: int
) -> None:
    """Note that a task is on the screen from `t_ms` (its own committed row)."""
    store.db.execute(
        "INSERT INTO task_showings (id, session_id, section_id, task_id, t_ms, wall_time) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [new_id(), session_id, section_id, task_id, int(t_ms), now_iso()],
    )


def task_showings(store: Store, session_id: str) -> list[tuple[str, int]]:
    """(task id, t_ms) for every showing of a task in this interview, in clock order."""
    rows = store.db.execute(
        "SELECT task_id, t_ms FROM task_showings WHERE session_id = ? ORDER BY t_ms, rowid",
        [session_id],
    ).fetchall()
    return [(task_id, int(t_ms)) for task_id, t_ms in rows]
