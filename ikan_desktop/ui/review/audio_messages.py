"""What the review screen says in place of the waveform when it cannot draw one."""

from __future__ import annotations

from ikan_desktop.workflows.review import SessionReview

UNREADABLE = (
    "The recording could not be read. Every tag and judgement is safe; only listening back is "
    "not possible."
)
NO_WAVEFORM = "The waveform could not be drawn, but the recording can still be played."


def no_recording(review: SessionReview) -> str:
    """Why there is nothing to hear: the file is missing, it was deleted, or none was made."""
    if review.session.audio_path is not None:
        return (
            "The recording of this interview is missing from the data folder. Every tag and "
            "judgement is safe; only listening back is not possible."
        )
    if review.audio_note:
        return f"{review.audio_note} The observations and stages are kept."
    return "No recording for this interview — the tags are on the interview's own clock."
