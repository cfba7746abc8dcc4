"""Which key does what in the live interview. The UI only turns key presses into these names.

One key per observation, chosen so a teacher's free hand finds them without looking: number keys
for the task's own scoring guide, letters for what every task shares.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KeyAction:
    """A key, the action it triggers, and how the screen labels it."""

    key: str
    action: str
    label: str


COMMON_KEYS: tuple[KeyAction, ...] = (
    KeyAction("J", "just_knew", "Just knew"),
    KeyAction("C", "correct", "Correct"),
    KeyAction("X", "incorrect", "Incorrect"),
    KeyAction("H", "asked_how", "Asked “How?”"),
    KeyAction("F", "flag", "Flag moment"),
    KeyAction("N", "note", "Quick note"),
    KeyAction("←", "previous_task", "Previous task"),
    KeyAction("→", "next_task", "Next task"),
    KeyAction("⌫", "undo", "Undo last"),
    KeyAction("V", "card_full_screen", "Card full screen"),
    KeyAction("P", "pause", "Pause / resume"),
)

DECISION_KEYS: tuple[KeyAction, ...] = (
    KeyAction("↵", "accept", "Accept the suggestion"),
    KeyAction("1", "continue", "Continue to the next section"),
    KeyAction("2", "stop", "Stop here"),
    KeyAction("3", "go_back", "Go back a section"),
)

KNOWLEDGE_KEYS: tuple[KeyAction, ...] = (
    KeyAction("1", "right", "Right"),
    KeyAction("0", "wrong", "Wrong / no answer"),
    KeyAction("→", "next_item", "Show the next item"),
    KeyAction("⌫", "undo", "Undo last mark"),
)

_ALIASES = {"RIGHT": "→", "LEFT": "←", "BACKSPACE": "⌫", "RETURN": "↵", "ENTER": "↵"}


def action_for(key: str, *, deciding: bool = False) -> str | None:
    """The action for a key name ('J', '7', 'RIGHT', …); number keys are 'score:N'."""
    key = _ALIASES.get(key.upper(), key.upper())
    table = DECISION_KEYS if deciding else COMMON_KEYS
    found = next((k.action for k in table if k.key == key), None)
    if found:
        return found
    if not deciding and key in "123456789" and len(key) == 1:
        return f"score:{key}"
    return None
