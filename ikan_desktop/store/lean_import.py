"""Import sqlite-utils without the numpy it would load at import time.

sqlite-utils imports numpy (and pandas) when they are installed, only to map their number types
to column types for `insert`. We never insert numpy values, and importing numpy costs about a
fifth of a second at start-up, so while sqlite-utils loads, numpy and pandas are hidden; they
import normally afterwards for the code that needs them (waveform peaks).
"""

from __future__ import annotations

import importlib
import sys

HIDDEN_WHILE_LOADING = ("numpy", "pandas")


def import_sqlite_utils_lean() -> None:
    """Load sqlite_utils with numpy and pandas hidden, unless something loaded them already."""
    if "sqlite_utils.db" in sys.modules:
        return
    hidden = [name for name in HIDDEN_WHILE_LOADING if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail at once
    try:
        importlib.import_module("sqlite_utils")
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
