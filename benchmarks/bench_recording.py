"""A long recording in real time: does the recording process stay small and nearly idle?

A child process records from the virtual microphone (started here when no PulseAudio server is
set) while sound plays into it the whole time. The parent samples the child's resident memory
and CPU time from /proc. Targets: memory growth ≤ 20 MB and CPU ≤ 5 % of one core, so a
60-minute interview on an old school laptop never runs out of either. Linux only (/proc).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np

from benchmarks.common import Result

ROOT = Path(__file__).resolve().parent.parent
WARM_UP_S = 3.0  # numpy, Qt's audio plugin and the first buffers settle in the first seconds
SAMPLE_EVERY_S = 1.0


def run(quick: bool) -> list[Result]:
    seconds = 20 if quick else 600
    mic = _microphone()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-recording-") as tmp:
            return _measure(Path(tmp), seconds, mic.env if mic else dict(os.environ))
    finally:
        if mic is not None:
            mic.stop()


def _microphone():  # -> virtmic.VirtualMic | None
    """The tests' virtual microphone, unless a PulseAudio server is already chosen."""
    if os.environ.get("PULSE_SERVER"):
        return None
    _tests_on_path()
    import virtmic

    return virtmic.VirtualMic().start()


def _measure(tmp: Path, seconds: int, env: dict[str, str]) -> list[Result]:
    sound = _speech_like(tmp / "loop.wav")
    env = dict(env, QT_LOGGING_RULES="qt.multimedia.*=false")
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.bench_recording",
            "--child",
            str(tmp / "rec.wav"),
            str(seconds),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    if child.stdout.readline().strip() != "RECORDING":
        raise RuntimeError("the recording process did not start")
    stop = threading.Event()
    player = threading.Thread(target=_keep_playing, args=(sound, env, stop), daemon=True)
    player.start()
    began = time.monotonic()
    samples: list[tuple[float, float, float]] = []  # (seconds in, RSS MB, CPU seconds)
    while child.poll() is None:
        reading = _read_proc(child.pid)
        if reading is not None:
            samples.append((time.monotonic() - began, *reading))
        time.sleep(SAMPLE_EVERY_S)
    stop.set()
    summary = json.loads(child.stdout.read().strip().splitlines()[-1])
    player.join(5)
    return _results(samples, summary, seconds)


def _results(
    samples: list[tuple[float, float, float]], summary: dict, seconds: int
) -> list[Result]:
    settled = [s for s in samples if s[0] >= WARM_UP_S]
    t0, rss0, cpu0 = settled[0]
    t1, _, cpu1 = settled[-1]
    peak = max(rss for _, rss, _ in settled)
    times = np.array([t for t, _, _ in settled])
    rss = np.array([r for _, r, _ in settled])
    slope_mb_per_min = float(np.polyfit(times, rss, 1)[0] * 60) if len(times) > 2 else 0.0
    cpu_pct = 100 * (cpu1 - cpu0) / (t1 - t0)
    minutes = seconds / 60
    length = f"{minutes:g} min" if seconds >= 60 else f"{seconds} s"
    lost_ms = summary["wall_ms"] - summary["audio_ms"]
    return [
        Result(
            f"recording {length}: peak RSS growth of the recording process",
            peak - rss0,
            "MB",
            target=20,
            detail=f"{rss0:.0f} MB after {WARM_UP_S:g} s, peak {peak:.0f} MB",
        ),
        Result(
            "recording: RSS growth extrapolated to a 60-minute interview",
            max(0.0, slope_mb_per_min * 60),
            "MB",
            target=20,
            detail=f"linear fit over {len(settled)} samples: {slope_mb_per_min:+.3f} MB/min",
        ),
        Result(
            f"recording {length}: CPU of the recording process",
            cpu_pct,
            "%",
            target=5,
            detail="of one core, Qt's audio thread included",
        ),
        Result(
            f"recording {length}: audio missing against wall time",
            lost_ms,
            "ms",
            detail=f"{summary['audio_ms'] / 1000:.1f} s of audio, {summary['frames']} frames; "
            f"file {summary['bytes'] / 1e6:.1f} MB ({summary['bytes'] / 1e6 * 60 / minutes:.0f} MB/h)",
        ),
    ]


def _read_proc(pid: int) -> tuple[float, float] | None:
    """(resident MB, user+system CPU seconds) of a process, from /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rss_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    fields = stat.rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return rss_kb / 1024, ticks / os.sysconf("SC_CLK_TCK")


def _speech_like(path: Path) -> Path:
    """30 s of syllable-like bursts (a voiced tone plus breath noise) and pauses."""
    rate = 48000
    rng = np.random.default_rng(5)
    t = np.arange(rate * 30) / rate
    voice = 0.2 * np.sin(2 * np.pi * 180 * t) + 0.05 * rng.standard_normal(len(t))
    syllables = (np.sin(2 * np.pi * 3.5 * t) > 0.2) * (np.sin(2 * np.pi * 0.23 * t) > -0.5)
    data = (np.clip(voice * syllables, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())
    return path


def _tests_on_path() -> None:
    if str(ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests"))


def _keep_playing(sound: Path, env: dict[str, str], stop: threading.Event) -> None:
    """Play the sound into the microphone again and again until told to stop."""
    _tests_on_path()
    from virtmic import SINK

    while not stop.is_set():
        player = subprocess.Popen(
            ["paplay", "--latency-msec=100", "-d", SINK, str(sound)],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        while player.poll() is None:
            if stop.wait(0.2):
                player.terminate()
        player.wait()


def _child(out: str, seconds: float) -> int:
    """The recording process: record `seconds` of audio, then print a JSON summary."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from ikan_desktop.audio.recorder import Recorder

    app = QCoreApplication([])
    recorder = Recorder(device=None)
    began: list[float] = []

    def on_started() -> None:
        began.append(time.monotonic())
        print("RECORDING", flush=True)

    def check() -> None:
        if recorder.position_ms() >= seconds * 1000:
            recorder.stop()

    recorder.started.connect(on_started)
    recorder.stopped.connect(lambda _ms: app.quit())
    recorder.failed.connect(lambda message: (print(message, file=sys.stderr), app.quit()))
    poll = QTimer(interval=100)
    poll.timeout.connect(check)
    poll.start()
    if not recorder.start(out):
        return 1
    app.exec()
    summary = recorder.summary()
    print(
        json.dumps(
            {
                "frames": summary.frames,
                "audio_ms": summary.duration_ms,
                "wall_ms": round((time.monotonic() - began[0]) * 1000) if began else 0,
                "bytes": Path(out).stat().st_size,
                "problem": summary.problem,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        sys.exit(_child(sys.argv[2], float(sys.argv[3])))
    sys.exit("usage: python -m benchmarks.bench_recording --child OUT.wav SECONDS")
