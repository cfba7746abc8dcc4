"""The bundle's size, and its start-up to the first frame beside the source run and a bare window.

Uses dist/ikan-desktop/ (built by `make dist`; built here when missing). Each start-up is a fresh
process on the demo class, timed from launch to the window's first paint (the app prints
FIRST FRAME when IKAN_DESKTOP_QUIT_AFTER_FIRST_FRAME is set), runs interleaved so the three
share the machine's state.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result, median

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "ikan-desktop"

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 720)
class First(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is window:
            print("FIRST FRAME", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
first = First()
window.installEventFilter(first)
window.show()
app.exec()
"""


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def time_to_first_frame(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launch to the FIRST FRAME line."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(b"FIRST FRAME"):
            elapsed = time.perf_counter() - begin
            break
    else:
        raise RuntimeError(f"no first frame from {command[0]}")
    process.wait(30)
    return elapsed


def run(quick: bool) -> list[Result]:
    if not (BUNDLE / "ikan-desktop").exists():
        subprocess.run(["bash", str(ROOT / "packaging" / "build-dist.sh")], check=True)
    size = folder_size(BUNDLE) / 1e6
    tarballs = sorted((ROOT / "dist").glob("ikan-desktop-*-linux-*.tar.gz"))
    tar_mb = tarballs[-1].stat().st_size / 1e6 if tarballs else float("nan")
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        subprocess.run(
            [str(BUNDLE / "ikan-desktop"), "demo", "--data-dir", str(data)],
            check=True,
            capture_output=True,
        )
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            IKAN_DESKTOP_QUIT_AFTER_FIRST_FRAME="1",
            IKAN_DESKTOP_DATA_DIR=str(data),
        )
        commands = {
            "bundle": [str(BUNDLE / "ikan-desktop")],
            "source": [sys.executable, "-m", "ikan_desktop"],
            "bare": [sys.executable, "-c", BARE_WINDOW],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # one warm-up each: the files into the cache
            time_to_first_frame(command, env)
        for _ in range(3 if quick else 9):
            for name, command in commands.items():
                times[name].append(time_to_first_frame(command, env))
    floor = median(times["bare"])

    def spread(name: str) -> str:
        values = times[name]
        ratio = median(values) / floor
        return (
            f"median of {len(values)}, {min(values):.2f}–{max(values):.2f} s, "
            f"{ratio:.1f}× the bare PySide6 window"
        )

    return [
        Result("bundle folder on disk (dist/ikan-desktop)", size, "MB"),
        Result("Linux tarball (download size)", tar_mb, "MB"),
        Result(
            "start-up to first frame: the bundle (demo class)",
            median(times["bundle"]),
            "s",
            target=1.0,
            detail=spread("bundle"),
        ),
        Result(
            "start-up to first frame: from source (demo class)",
            median(times["source"]),
            "s",
            target=1.0,
            detail=spread("source"),
        ),
        Result(
            "start-up to first frame: a bare PySide6 window",
            floor,
            "s",
            detail=f"median of {len(times['bare'])}, "
            f"{min(times['bare']):.2f}–{max(times['bare']):.2f} s",
        ),
    ]
