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
    "dateutil.parser",
    "dateutil.tz",
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


def test_sqlite_utils_date_recipes_still_parse_after_the_lean_import(tmp_path):
    code = (
        "from ikan_desktop.store import open_store\n"
        f"open_store({str(tmp_path)!r}).close()\n"
        "import sys\n"
        "assert 'dateutil.parser' not in sys.modules\n"
        "from sqlite_utils import recipes\n"
        "assert recipes.parsedate('3/2/2024', dayfirst=True) == '2024-02-03'\n"
        "import dateutil.parser\n"
        "assert dateutil.parser.parse('2024-02-03').day == 3\n"
    )
    assert "dateutil.parser" in _loaded_after(code)


def test_opening_the_window_from_the_command_line_loads_no_sub_command(tmp_path):
    code = (
        "import os\n"
        "os.environ['IKAN_DESKTOP_QUIT_AFTER_FIRST_FRAME'] = '1'\n"
        "from ikan_desktop.cli import main\n"
        f"assert main(['--data-dir', {str(tmp_path)!r}]) == 0\n"
    )
    loaded = _loaded_after(code)
    assert "ikan_desktop.ui.main_window" in loaded  # the window did open
    assert not {name for name in loaded if name.startswith("ikan_desktop.cli.")}
    assert not loaded & {"dateutil.parser", "dateutil.tz", "ikan_desktop.domain.scripts"}
