"""The class overview and the groups open inside a laptop's screen, centred like the app's other
windows, at 100 % and 125 %.

Placed by the window manager instead, a window as tall as the screen's free area opens cascaded
below the main window, with its buttons under the taskbar.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("class_windows_child.py")


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_the_class_windows_open_inside_the_screen(tmp_path: Path, scale: str) -> None:
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 728}
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale)
    run = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    windows = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert len(windows) == 2
    for window in windows:
        x, y, w, h = window["frame"]
        ax, ay, aw, ah = window["area"]
        where = f"{window['window']} at {scale}×"
        assert ax <= x and ay <= y and x + w <= ax + aw + 1 and y + h <= ay + ah + 1, where
        assert abs((x - ax) - (ax + aw - x - w)) <= 6, f"{where}: not centred"
