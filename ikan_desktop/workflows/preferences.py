"""The teacher's preferences, kept in the data folder's settings table (so a backup carries them).

One frozen record read and saved as a whole; each field has its own key so that other parts of
the app (and later settings) can add keys without touching these.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, replace

from ikan_desktop.store.database import Store
from ikan_desktop.store.settings import get_setting, set_setting

TEACHER_NAME = "teacher_name"
SCHOOL_NAME = "school_name"
DEFAULT_CLASS = "default_class"
MICROPHONE = "microphone_id"  # hex of the device id Qt reports
TEXT_SIZE = "text_size_percent"
PREROLL = "review_preroll_s"

TEXT_SIZES = (100, 115, 130)
PREROLL_CHOICES = (2, 3, 5, 8, 10)
DEFAULT_PREROLL_S = 5


@dataclass(frozen=True, slots=True)
class Preferences:
    """What a teacher sets once: who she is, where, and how the app looks and listens."""

    teacher_name: str = ""
    school_name: str = ""
    default_class: str = ""
    microphone: bytes = b""  # empty: the computer's default microphone
    text_size: int = 100  # percent of the system's text size
    preroll_s: int = DEFAULT_PREROLL_S

    def changed(self, **fields: object) -> Preferences:
        return replace(self, **fields)  # type: ignore[arg-type]


def read_preferences(store: Store) -> Preferences:
    """The stored preferences; anything unset or unreadable falls back to its default."""
    return Preferences(
        teacher_name=get_setting(store, TEACHER_NAME).strip(),
        school_name=get_setting(store, SCHOOL_NAME).strip(),
        default_class=get_setting(store, DEFAULT_CLASS).strip(),
        microphone=_hex_bytes(get_setting(store, MICROPHONE)),
        text_size=_choice(get_setting(store, TEXT_SIZE), TEXT_SIZES, 100),
        preroll_s=_number(get_setting(store, PREROLL), 2, 10, DEFAULT_PREROLL_S),
    )


def save_preferences(store: Store, preferences: Preferences) -> None:
    """Store every preference (each one a committed write)."""
    set_setting(store, TEACHER_NAME, preferences.teacher_name.strip())
    set_setting(store, SCHOOL_NAME, preferences.school_name.strip())
    set_setting(store, DEFAULT_CLASS, preferences.default_class.strip())
    set_setting(store, MICROPHONE, preferences.microphone.hex())
    set_setting(store, TEXT_SIZE, str(preferences.text_size))
    set_setting(store, PREROLL, str(preferences.preroll_s))


def teacher_name(store: Store) -> str:
    """Who is confirming or interviewing: the name in Settings, else the computer's user name."""
    name = get_setting(store, TEACHER_NAME).strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _hex_bytes(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""


def _choice(text: str, allowed: tuple[int, ...], default: int) -> int:
    return int(text) if text.isdigit() and int(text) in allowed else default


def _number(text: str, low: int, high: int, default: int) -> int:
    return int(text) if text.isdigit() and low <= int(text) <= high else default
