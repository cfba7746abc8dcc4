"""A second listener on the virtual speaker, independent of the app: when did each tone start?

Tests that compare the app's clock with the sound use it instead of assuming when the sound server
starts a playback (that start-up delay varies by hundreds of milliseconds on a busy machine).
"""

from __future__ import annotations

import queue
import subprocess
import threading
import time

import numpy as np
from virtmic import SINK

EAR_RATE = 16000
EAR_CHUNK = 80  # 5 ms


class Ear(threading.Thread):
    """Listens to the virtual speaker and notes the moment each tone starts."""

    def __init__(self, env: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.heard: queue.Queue[float] = queue.Queue()
        self.proc = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{SINK}.monitor",
                "--latency-msec=5",
                "--raw",
                f"--rate={EAR_RATE}",
                "--channels=1",
                "--format=s16le",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def run(self) -> None:
        assert self.proc.stdout is not None
        loud = False
        while True:
            raw = self.proc.stdout.read(EAR_CHUNK * 2)
            if len(raw) < EAR_CHUNK * 2:
                return
            rms = float(np.sqrt(np.mean((np.frombuffer(raw, "<i2") / 32768.0) ** 2)))
            if rms > 0.1 and not loud:
                self.heard.put(time.monotonic())
            loud = rms > 0.05 if loud else rms > 0.1

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()
