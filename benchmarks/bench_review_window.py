"""The whole review window on a 45-minute interview with 600 tags: open it, see the waveform.

`bench_review` times the waveform widget on its own; this times what the teacher waits for:
from asking for the review (the database read, the judgement panel, the player opening the WAV)
until the waveform is painted with its peaks, the first time (no cache) and the second.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.bench_review import RATE, write_speech_like_wav
from benchmarks.common import Result, median

TAGS = 600


def run(quick: bool) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    minutes = 5 if quick else 45
    folder = Path(tempfile.mkdtemp(prefix="bench-review-window-"))
    try:
        return _measure(folder, minutes, repeats=3 if quick else 5)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _interview(folder: Path, minutes: int):  # type: ignore[no-untyped-def]
    from ikan_desktop.domain.students import StudentDetails
    from ikan_desktop.domain.tags import STRATEGY
    from ikan_desktop.store import open_store
    from ikan_desktop.store import sessions as session_store
    from ikan_desktop.store import students as student_store
    from ikan_desktop.store import tags as tag_store

    store = open_store(folder / "data")
    student = student_store.add_student(store, StudentDetails(name="Long Interview"))
    session_id = session_store.start_session(
        store,
        student_id=student.id,
        kind="strategy",
        script_id="strategy-form-a",
        script_version="2026.1",
        form="A",
    )
    wav = session_store.audio_file_for(store, session_id)
    wav.parent.mkdir(parents=True, exist_ok=True)
    write_speech_like_wav(wav, minutes * 60)
    session_store.set_audio(store, session_id, audio_path=wav, rate=RATE)
    tasks = ("a3-add-1", "a3-add-2", "a3-mul-1", "a3-pro-1", "a4-add-1", "a4-mul-1")
    step = minutes * 60_000 // TAGS
    with store.db.atomic():
        for n in range(TAGS):
            tag_store.record_tag(
                store,
                session_id=session_id,
                t_ms=n * step + 500,
                kind=STRATEGY,
                code="counts_on_back",
                section_id="early-part-whole",
                task_id=tasks[n * len(tasks) // TAGS],
                stage=4,
            )
    session_store.finish_session(store, session_id, frames=minutes * 60 * RATE, sha256="-")
    return store, session_id, wav


def _measure(folder: Path, minutes: int, repeats: int) -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from ikan_desktop.audio.peaks import cache_path
    from ikan_desktop.ui.review.review_window import ReviewWindow

    app = QApplication.instance() or QApplication([])
    store, session_id, wav = _interview(folder, minutes)

    def open_once() -> float:
        started = time.perf_counter()
        window = ReviewWindow(store, session_id)
        window.resize(1366, 768)
        window.show()
        while window.waveform.peaks is None:
            app.processEvents()
            time.sleep(0.001)
        window.waveform.repaint()
        elapsed = time.perf_counter() - started
        window.close()
        window.deleteLater()
        app.processEvents()
        return elapsed

    open_once()  # warm: the shipped forms and codes are read once per run of the app
    first, cached = [], []
    for _ in range(repeats):
        cache_path(wav).unlink(missing_ok=True)
        first.append(open_once())
        cached.append(open_once())
    edits = _edit_times(app, store, session_id, ReviewWindow)
    store.close()
    label = f"{minutes}-minute interview, {TAGS} tags"
    return [
        Result(
            f"review window opened → waveform shown, first opening ({label})",
            median(first),
            "s",
            1.5,
            f"median of {repeats}, max {max(first):.3f} s; peaks computed, no cache",
        ),
        Result(
            f"review window opened → waveform shown, from the cache ({label})",
            median(cached),
            "s",
            0.2,
            f"median of {repeats}, max {max(cached):.3f} s",
        ),
        Result(
            f"a tag dragged → saved, suggestions re-read, all redrawn ({label})",
            median(edits) * 1000,
            "ms",
            None,
            f"median of {len(edits)}, max {max(edits) * 1000:.0f} ms",
        ),
    ]


def _edit_times(app, store, session_id: str, window_class) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds from dropping a tag until the window has saved it and drawn the result."""
    window = window_class(store, session_id)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    times = []
    for n in range(30):
        tag = window.model.tags[n * 10]
        started = time.perf_counter()
        window.move_tag(tag.id, tag.t_ms + 100)
        app.processEvents()
        times.append(time.perf_counter() - started)
    window.close()
    return times
