"""A process that records like the app does, for tests that must kill or starve it.

usage: python recording_child.py OUT.wav [--seconds S] [--file-limit BYTES] [--own-mic]
                                          [--kill-mic-after S]

Prints one JSON line per event on stdout: {"event": "recording"} once audio flows, then
{"event": "failed", "message": ..., "audio_ended_ms": ...} or {"event": "stopped", ...}.
`--file-limit` sets RLIMIT_FSIZE, which refuses writes past it even for root (a full disk).
`--own-mic` starts a private virtual microphone, so `--kill-mic-after` can pull it away.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def say(**event: object) -> None:
    print(json.dumps(event), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--file-limit", type=int)
    parser.add_argument("--own-mic", action="store_true")
    parser.add_argument("--kill-mic-after", type=float)
    args = parser.parse_args()
    mic = None
    if args.own_mic:
        import virtmic

        for name in ("PULSE_SERVER", "XDG_RUNTIME_DIR"):
            os.environ.pop(name, None)
        mic = virtmic.VirtualMic().start()
    if args.file_limit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.file_limit, args.file_limit))

    from PySide6.QtCore import QCoreApplication, QTimer

    from ikan_desktop.audio.recorder import Recorder

    app = QCoreApplication([])
    recorder = Recorder(device="VirtualMic")

    def finish(event: str, message: str = "") -> None:
        summary = recorder.summary()
        say(
            event=event,
            message=message,
            audio_ended_ms=recorder.audio_ended_ms,
            frames=summary.frames,
            position_ms=recorder.position_ms(),
            has_audio=recorder.has_audio,
        )
        QTimer.singleShot(0, app.quit)

    def on_started() -> None:
        say(event="recording")
        if mic is not None and args.kill_mic_after is not None:
            QTimer.singleShot(int(args.kill_mic_after * 1000), lambda: mic.procs[0].kill())

    recorder.started.connect(on_started)
    recorder.failed.connect(lambda message: finish("failed", message))
    recorder.stopped.connect(lambda _ms: finish("stopped"))
    QTimer.singleShot(int(args.seconds * 1000), recorder.stop)
    if not recorder.start(args.out):
        app.processEvents()
        return 1
    app.exec()
    if mic is not None:
        mic.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
