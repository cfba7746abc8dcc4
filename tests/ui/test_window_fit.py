"""Every top-level window fits a school laptop's screen, with its essential controls in view.

Each run puts the windows on an offscreen screen the size of a 1366×768 laptop less a 40-px
taskbar (1366×728), at 100 % and at 125 % scaling, and on a 1280×720 screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("window_fit_child.py")


def run_on_screen(tmp_path: Path, width: int, height: int, scale: str) -> list[dict]:
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=scale,
    )
    run = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1366, 728, "1"), (1366, 728, "1.25"), (1280, 720, "1")],
)
def test_every_window_fits_the_screen_with_its_essential_controls_visible(
    tmp_path: Path, width: int, height: int, scale: str
) -> None:
    windows = run_on_screen(tmp_path, width, height, scale)
    names = {w["window"] for w in windows}
    assert {"live interview", "live interview, section end", "main window", "review"} <= names
    for window in windows:
        x, y, w, h = window["frame"]
        ax, ay, aw, ah = window["area"]
        where = f"{window['window']} at {width}×{height}, {scale}×"
        slack = 1  # 1366 / 1.25 is not a whole number of pixels
        assert ax <= x and ay <= y, where
        assert x + w <= ax + aw + slack and y + h <= ay + ah + slack, where
        hidden = [name for name, shown in window["essentials"].items() if not shown]
        assert not hidden, f"{where}: not fully shown: {hidden}"
