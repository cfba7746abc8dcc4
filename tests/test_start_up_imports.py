"""The app's start-up path leaves heavy libraries unloaded until a screen needs them."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = (
    "numpy",
    "pandas",
    "reportlab",
    "PySide6.QtMultimedia",
    "PySide6.QtPdf",
    "yaml",
    "jsonschema",
)


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    return set(out.stdout.split())


def test_opening_the_main_window_code_loads_no_heavy_library():
    loaded = _loaded_after("import ikan_desktop.app, ikan_desktop.ui.main_window")
    assert "sqlite_utils.db" in loaded
    assert not loaded & set(HEAVY)


def test_numpy_still_imports_for_the_waveform_after_the_store_is_loaded(tmp_path):
    code = (
        "from ikan_desktop.store import open_store\n"
        f"open_store({str(tmp_path)!r}).close()\n"
        "import numpy\n"
        "assert numpy.arange(3).sum() == 3\n"
    )
    assert "numpy" in _loaded_after(code)
