"""Run in a subprocess: the real app with a recorded interview running, for stop and kill tests.

usage: python interview_app_child.py DATA_DIR [--pause] [--keys]

Starts the app as `ikan-desktop` does (the folder lock, the clean stop on SIGTERM), starts a
recorded interview on form A, and once audio flows presses three strategy keys and prints
"ready SESSION_ID". With --pause it then pauses; with --keys it goes on pressing a key every
30 ms. Every tag is printed as "tag ID" once it is committed. Prints "exit CODE" when the app leaves.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer


def main() -> int:
    from ikan_desktop.app import start_app
    from ikan_desktop.domain.students import StudentDetails
    from ikan_desktop.store import open_store
    from ikan_desktop.store import students as student_store
    from ikan_desktop.ui.clean_stop import install_clean_stop
    from ikan_desktop.ui.interview.launcher import InterviewLauncher

    folder = Path(sys.argv[1])
    with open_store(folder) as store:
        student = student_store.add_student(
            store,
            StudentDetails(name="Kiri Waaka", recording_consent=True, consent_date=date.today()),
        )
    started = start_app(data_dir=str(folder))
    assert started is not None
    app, window = started
    install_clean_stop(app)
    launcher = window.launcher = InterviewLauncher(window, window.store)
    live = launcher.start(student, "A", "counting-all-or-on", record=True)
    recorder = launcher.recorder
    assert recorder is not None

    assert launcher.writer is not None
    # A tag is reported once it is committed (on the writer thread), as the screen could.
    launcher.writer.listeners.append(
        lambda key: print(f"tag {key}", flush=True) if " " not in key and len(key) == 36 else None
    )

    def key() -> None:
        live.interview.tag_key(live.interview.task.choices[0].key)

    def when_recording() -> None:
        if recorder.state != "recording":
            QTimer.singleShot(20, when_recording)
            return
        for _ in range(3):
            key()
        print(f"ready {live.interview.session_id}", flush=True)
        if "--pause" in sys.argv:
            live.perform("pause")
        if "--keys" in sys.argv:
            keys = QTimer(app, interval=30)
            keys.timeout.connect(key)
            keys.start()

    QTimer.singleShot(0, when_recording)
    code = app.exec()
    window.close_store()
    print(f"exit {code}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
