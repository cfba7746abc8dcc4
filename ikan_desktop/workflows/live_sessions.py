"""The interviews this process is running right now, so start-up checks never touch them.

Recovery treats a session still "in progress" as cut short only when no running copy of the
app owns it: another process is ruled out by the data folder's lock, and this process by this
small register, which each live interview joins when it starts and leaves when it ends.
"""

from __future__ import annotations

_RUNNING: set[str] = set()


def joined(session_id: str) -> None:
    """An interview of this process has started (or continued)."""
    _RUNNING.add(session_id)


def left(session_id: str) -> None:
    """An interview of this process has ended, however it ended."""
    _RUNNING.discard(session_id)


def running() -> frozenset[str]:
    """The ids of the interviews this process is running."""
    return frozenset(_RUNNING)
