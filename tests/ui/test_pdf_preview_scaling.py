"""A profile or the keyboard card is visible in the preview on a desktop scaled to 125 %."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("pdf_preview_child.py")


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (a real X server)")
@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_the_preview_shows_the_page_at_any_scaling(scale: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale)
    run = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, str(CHILD)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    ink = int(run.stdout.split("ink ")[-1])
    assert ink > 200, f"the page looks blank at {scale}×"
