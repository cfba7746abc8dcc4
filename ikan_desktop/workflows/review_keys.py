"""Keys of the review screen, and adding a tag while listening with the live interview's keys.

Listening back uses what every media player uses (Space, ← →) plus ↑ ↓ to step through the
tags. The observation keys are the live screen's own (each strategy code's fixed key, J, C, X,
H, F, N), so a teacher never learns a second set; the tag lands at the playhead, on the
task whose span is under it.
"""

from __future__ import annotations

import functools

from ikan_desktop.domain.script_records import InterviewScript
from ikan_desktop.domain.strategy_codes import StrategyCodes
from ikan_desktop.domain.tags import FLAG, NOTE, RESPONSE, STRATEGY, Tag
from ikan_desktop.store.database import Store
from ikan_desktop.workflows.interview import JUST_KNEW, RESPONSE_CODES
from ikan_desktop.workflows.interview_keys import KeyAction
from ikan_desktop.workflows.interview_plan import PlannedTask, plan_sections
from ikan_desktop.workflows.review_edits import ReviewError, add_tag

REVIEW_KEYS: tuple[KeyAction, ...] = (
    KeyAction("Space", "play_pause", "Play / pause"),
    KeyAction("←", "back", "Back 5 s"),
    KeyAction("→", "forward", "Forward 5 s"),
    KeyAction("↑", "previous_tag", "Previous tag"),
    KeyAction("↓", "next_tag", "Next tag"),
    KeyAction("↵", "play_tag", "Play the selected tag"),
    KeyAction("Del", "delete", "Remove / restore the selected tag"),
    KeyAction("Ctrl+M", "move_here", "Move the selected tag to the playhead"),
    KeyAction("+ −", "zoom_in / zoom_out", "Zoom the waveform in / out around the playhead"),
)
OBSERVATION_KEYS: tuple[KeyAction, ...] = (
    KeyAction("A–Z", "score:KEY", "The task's strategies, each on its own fixed key"),
    KeyAction("J", "just_knew", "Just knew"),
    KeyAction("C", "correct", "Correct"),
    KeyAction("X", "incorrect", "Incorrect"),
    KeyAction("H", "asked_how", "Asked “How?”"),
    KeyAction("F", "flag", "Flag moment"),
    KeyAction("N", "note", "Note"),
)

_NAMES = {
    "SPACE": "play_pause",
    "LEFT": "back",
    "RIGHT": "forward",
    "UP": "previous_tag",
    "DOWN": "next_tag",
    "RETURN": "play_tag",
    "ENTER": "play_tag",
    "DELETE": "delete",
    "BACKSPACE": "delete",
    "+": "zoom_in",
    "=": "zoom_in",
    "-": "zoom_out",
    "J": JUST_KNEW,
    "C": "correct",
    "X": "incorrect",
    "H": "asked_how",
    "F": "flag",
    "N": "note",
}


def review_action_for(key: str, code_keys: frozenset[str] = frozenset()) -> str | None:
    """The action for a key name ('SPACE', 'UP', 'J', 'T', …); a code's key is 'score:KEY'."""
    key = key.upper()
    found = _NAMES.get(key)
    if found is None and key in code_keys:
        return f"score:{key}"
    return found


@functools.cache
def _planned_tasks(script: InterviewScript, codes: StrategyCodes) -> dict[str, PlannedTask]:
    return {task.id: task for section in plan_sections(script, codes) for task in section.tasks}


def planned_task(
    script: InterviewScript | None, codes: StrategyCodes, task_id: str | None
) -> PlannedTask | None:
    """The task as the live screen offered it (its scoring keys), or None."""
    if script is None or task_id is None:
        return None
    return _planned_tasks(script, codes).get(task_id)


def tag_while_listening(
    store: Store,
    session_id: str,
    action: str,
    *,
    t_ms: int,
    task_id: str | None,
    script: InterviewScript | None,
    codes: StrategyCodes,
    has_audio: bool,
    note: str = "",
    edited_by: str = "",
) -> Tag | None:
    """Add the tag an observation key stands for at `t_ms`; None when the key means nothing here."""
    task = planned_task(script, codes, task_id)
    if action.startswith("score:"):
        choice = task.choice_for_key(action.split(":", 1)[1]) if task else None
        if choice is None:
            return None
        kind, code = STRATEGY, choice.code
    elif action == JUST_KNEW:
        if task is None:
            raise ReviewError("Move the playhead onto a task to tag a strategy.")
        kind, code = STRATEGY, JUST_KNEW
    elif action in RESPONSE_CODES:
        kind, code = RESPONSE, action
    elif action == "flag":
        kind, code = FLAG, "flag"
    elif action == "note":
        kind, code = NOTE, "note"
    else:
        return None
    return add_tag(
        store,
        session_id,
        t_ms=max(0, int(t_ms)),
        kind=kind,
        code=code,
        task_id=task_id if task is not None else None,
        script=script,
        note=note,
        has_audio=has_audio,
        edited_by=edited_by,
    )
