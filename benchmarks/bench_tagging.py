"""Key press → tag committed → shown in the strip, with a recording running (500 presses)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result, percentile

TESTS = Path(__file__).resolve().parent.parent / "tests"


def run(quick: bool) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(TESTS))
    import virtmic

    mic = None
    if not os.environ.get("PULSE_SERVER") and virtmic.available():
        mic = virtmic.VirtualMic().start()
    try:
        return _measure(presses=100 if quick else 500)
    finally:
        if mic is not None:
            mic.stop()


def _measure(presses: int) -> list[Result]:
    from interview_helpers import live_window, start_interview
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ikan_desktop.audio.recorder import Recorder

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-tagging-"))
    recorder = Recorder()
    store, interview, rules = start_interview(folder, clock=recorder, start="counting-all-or-on")
    recorder.start(folder / "bench.wav")
    deadline = time.monotonic() + 5
    while recorder.frames_written == 0 and time.monotonic() < deadline:
        app.processEvents()
    window = live_window(interview, rules, level_signal=recorder.level)
    window.show()
    window.activateWindow()
    while QApplication.activeWindow() is not window:
        app.processEvents()
    times = []
    for n in range(presses):
        app.processEvents()  # let the recorder take its audio between presses
        begin = time.perf_counter()
        choices = interview.task.choices
        QTest.keyClick(window, choices[n % len(choices)].key)  # the task's strategy keys
        times.append((time.perf_counter() - begin) * 1000)
        if window.strip.chips == []:
            raise RuntimeError("the strip did not show the tag")
        if n % 25 == 24:
            QTest.keyClick(window, Qt.Key.Key_Right)
            if interview.pending is not None:
                QTest.keyClick(window, Qt.Key.Key_1)  # continue
        time.sleep(0.01)
    recording = recorder.frames_written > 0
    window._allow_close = True
    window.close()
    recorder.stop()
    store.close()
    return [
        Result(
            f"key press → tag on disk → in the strip, p99 ({presses} presses)",
            percentile(times, 99),
            "ms",
            target=16.0,
            detail=f"median {percentile(times, 50):.1f} ms, max {max(times):.1f} ms, "
            f"recording {'on' if recording else 'OFF'}",
        )
    ]
