"""Which key does what in the live interview. The UI only turns key presses into these names.

One key map for the whole interview, every task and every form: a key never changes meaning.
Each strategy code has its own letter, the `key_hint` of resources/strategy-codes.yaml, so T is
"made a ten" on every task that can show it, and a task's screen lists only the codes its
scoring guide names (a code's key does nothing on a task that cannot show it). The keys that
every task shares (J C X H F N V P, the arrows, ⌫) are reserved: a code whose hint is one of them,
or repeats another's, gets the first free key of FALLBACK_KEYS instead, in file order, so the map
follows the data without ever clashing. Section-end decisions sit on ↵ and 1 2 3, which never tag.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ikan_desktop.domain.strategy_codes import JUST_KNEW, StrategyCodes


@dataclass(frozen=True, slots=True)
class KeyAction:
    """A key, the action it triggers, and how the screen labels it."""

    key: str
    action: str
    label: str
    short: str = ""  # for the live screen's compact legend

    @property
    def legend(self) -> str:
        return self.short or self.label


COMMON_KEYS: tuple[KeyAction, ...] = (
    KeyAction("J", "just_knew", "Just knew"),
    KeyAction("C", "correct", "Correct"),
    KeyAction("X", "incorrect", "Incorrect"),
    KeyAction("H", "asked_how", "Asked “How?”", "Asked how"),
    KeyAction("F", "flag", "Flag moment", "Flag"),
    KeyAction("N", "note", "Quick note", "Note"),
    KeyAction("←", "previous_task", "Previous task", "Previous"),
    KeyAction("→", "next_task", "Next task", "Next"),
    KeyAction("⌫", "undo", "Undo last", "Undo"),
    KeyAction("V", "card_full_screen", "Show / hide the student card", "Card"),
    KeyAction("P", "pause", "Pause / resume", "Pause"),
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

FALLBACK_KEYS = "4567890;',.[]="
"""Keys for codes whose hint is taken; 1–3 are the section-end decisions and never tag."""

RESERVED_KEYS = frozenset([k.key for k in COMMON_KEYS] + [k.key for k in DECISION_KEYS])


@functools.cache
def strategy_keys(codes: StrategyCodes) -> dict[str, str]:
    """The fixed key of every strategy code (upper case), the same for every task and form."""
    taken = set(RESERVED_KEYS)
    keys: dict[str, str] = {}
    pending = []
    for code in codes:
        if code.id == JUST_KNEW:
            keys[code.id] = "J"  # the shared J key tags it on every task
            continue
        hint = code.key_hint.strip().upper()
        if len(hint) == 1 and hint not in taken:
            keys[code.id] = hint
            taken.add(hint)
        else:
            pending.append(code.id)
    free = (k for k in FALLBACK_KEYS if k not in taken)
    for code_id in pending:
        keys[code_id] = next(free, "")
    return {code_id: key for code_id, key in keys.items() if key}


_ALIASES = {"RIGHT": "→", "LEFT": "←", "BACKSPACE": "⌫", "RETURN": "↵", "ENTER": "↵"}


def action_for(
    key: str, *, deciding: bool = False, code_keys: frozenset[str] = frozenset()
) -> str | None:
    """The action for a key name ('J', 'T', 'RIGHT', …); a strategy code's key is 'score:KEY'.

    At a section's end only the decision keys (and ← back to the last task) act: a code's key
    never makes a decision and a decision key never tags.
    """
    key = _ALIASES.get(key.upper(), key.upper())
    if deciding:
        found = next((k.action for k in DECISION_KEYS if k.key == key), None)
        return found or ("previous_task" if key == "←" else None)
    found = next((k.action for k in COMMON_KEYS if k.key == key), None)
    if found:
        return found
    return f"score:{key}" if key in code_keys else None
