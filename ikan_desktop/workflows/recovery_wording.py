"""The words start-up recovery says to the teacher: what was cut short, what is safe, what next."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from ikan_desktop.audio import describe_duration

SAVED, NO_AUDIO, MISSING, DAMAGED = "saved", "no audio", "missing", "damaged"


@dataclass(frozen=True)
class RecoveredInterview:
    """One interrupted interview: whose it was and what of it was saved."""

    session_id: str
    student_id: str
    student_name: str
    audio: str  # SAVED | NO_AUDIO | MISSING | DAMAGED
    audio_ms: int
    observations: int
    started_at: str = ""
    latest: bool = True  # no interview of this student was started after it
    kind: str = "strategy"

    @property
    def has_sound(self) -> bool:
        """True when some of its recording was saved (not just an empty file)."""
        return self.audio == SAVED and self.audio_ms > 0

    @property
    def is_empty(self) -> bool:
        """Nothing observed and no sound saved: most likely started by accident."""
        return self.observations == 0 and not self.has_sound


def when_started(stamp: str) -> str:
    """'Tue 2 Dec at 9:14' in the computer's time zone ('' when unknown)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    moment = moment.astimezone() if moment.tzinfo else moment
    return f"{moment:%a} {moment.day} {moment:%b} at {moment.hour}:{moment:%M}"


def _kept(count: int) -> str:
    if count == 0:
        return "No observations had been made yet."
    if count == 1:
        return "Its one observation was saved."
    return f"All {count} observations were saved."


def _count(count: int) -> str:
    return "The one observation" if count == 1 else f"All {count} observations"


def _which(item: RecoveredInterview) -> str:
    if item.latest:
        return f"The last interview with {item.student_name}"
    when = when_started(item.started_at)
    return f"The interview with {item.student_name}" + (f" from {when}" if when else "")


def one_message(item: RecoveredInterview) -> str:
    """The paragraph for one interrupted interview."""
    name = item.student_name
    opening = f"{_which(item)} was interrupted before it was finished."
    review = f"You can review it from {name}’s sessions."
    count = item.observations
    recording = f"Its recording ({describe_duration(item.audio_ms)})"
    if item.audio == SAVED and not item.has_sound:
        middle = f"No sound had been recorded yet. {_kept(count)}"
    elif item.audio == SAVED:
        middle = (
            f"{recording} and all {count} observations were saved."
            if count > 1
            else f"{recording} was saved. {_kept(count)}"
        )
    else:
        middle = {
            NO_AUDIO: f"It was not being recorded. {_kept(count)}",
            MISSING: f"Its recording could not be found. {_kept(count)}",
            DAMAGED: "Its recording could not be repaired, so it was left as it was. "
            + _kept(count),
        }[item.audio]
    return f"{opening} {middle} {review}"


def _listed(items: tuple[RecoveredInterview, ...]) -> str:
    """'Mere, Ben and Hūhana'; a child with two interviews is named once: 'Kiri (2) and Mere'."""
    counts = Counter(item.student_name for item in items)
    names = [f"{name} ({n})" if n > 1 else name for name, n in counts.items()]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def many_message(items: tuple[RecoveredInterview, ...]) -> str:
    """One paragraph for several interrupted interviews."""
    audio_ms = sum(item.audio_ms for item in items if item.audio == SAVED)
    count = sum(item.observations for item in items)
    recording = describe_duration(audio_ms)
    if count and audio_ms:
        saved = f"{_count(count)} and {recording} of recording were saved."
    elif count:
        saved = f"{_count(count)} {'was' if count == 1 else 'were'} saved."
    elif audio_ms:
        saved = f"{recording} of recording was saved; no observations had been made yet."
    else:
        saved = "No observations had been made yet."
    names = {item.student_name for item in items}
    if len(names) == 1:
        opening = f"{len(items)} interviews with {items[0].student_name} were interrupted"
        text = f"{opening} before they were finished. {saved}"
    else:
        opening = f"{len(items)} interviews were interrupted before they were finished"
        text = f"{opening}: {_listed(items)}. {saved}"
    for item in items:
        if item.audio == MISSING:
            text += f" The recording of {_whose(item)} could not be found."
        elif item.audio == DAMAGED:
            text += (
                f" The recording of {_whose(item)} could not be repaired, so it was left as it was."
            )
    return text + " You can review each one from the student’s sessions."


def _whose(item: RecoveredInterview) -> str:
    when = when_started(item.started_at)
    return f"{item.student_name}’s interview" + (
        f" from {when}" if when and not item.latest else ""
    )
