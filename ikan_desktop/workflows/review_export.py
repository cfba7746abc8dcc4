"""Exporting an interview (or a few seconds of it) from the data folder to ordinary files.

The file writing lives in `exchange/`; this module reads the store and hands it the pieces,
because `exchange` sits beside `store` and may not import it.
"""

from __future__ import annotations

from pathlib import Path

from ikan_desktop.exchange.clips import AFTER_MS, BEFORE_MS, Clip, export_clip
from ikan_desktop.exchange.session_export import SessionExport, safe_name, write_session_folder
from ikan_desktop.store.database import Store
from ikan_desktop.workflows.export_log import note_export
from ikan_desktop.workflows.review import load_review
from ikan_desktop.workflows.review_edits import ReviewError, get_tag


def export_session(store: Store, session_id: str, out_dir: Path | str) -> SessionExport:
    """Export one interview to a new folder in `out_dir`: WAV, Audacity labels and tags CSV."""
    review = load_review(store, session_id)
    session = review.session
    form = f" form {session.form}" if session.form else ""
    name = f"{review.student.name} {session.started_at[:10]} {session.kind}{form}"
    result = write_session_folder(
        Path(out_dir),
        name=name,
        audio=review.audio_path,
        tags=review.tags,
        describe=review.describe,
    )
    note_export(store, name, out_dir, f"session {session_id}")
    return result


def clip_around_tag(
    store: Store,
    tag_id: str,
    out_dir: Path | str,
    *,
    before_ms: int = BEFORE_MS,
    after_ms: int = AFTER_MS,
) -> Clip:
    """Save the seconds around one tag as a WAV in `out_dir` (never over an existing file)."""
    tag = get_tag(store, tag_id)
    review = load_review(store, tag.session_id)
    if review.audio_path is None or not tag.has_audio:
        raise ReviewError("This tag has no recording to cut a clip from.")
    stem = safe_name(f"{review.student.name} {tag.task_id or tag.kind} {tag.code} {tag.t_ms}ms")
    out_dir = Path(out_dir)
    target = out_dir / f"{stem}.wav"
    number = 2
    while target.exists():
        target = out_dir / f"{stem} ({number}).wav"
        number += 1
    clip = export_clip(review.audio_path, tag.t_ms, target, before_ms=before_ms, after_ms=after_ms)
    note_export(store, f"a clip of {review.student.name}'s interview", target)
    return clip
