"""sqlite-utils without what it would load that the app never uses.

sqlite-utils imports numpy (and pandas) when they are installed, only to map their number types
to column types for `insert`. We never insert numpy values, and importing numpy costs about a
fifth of a second at start-up, so while sqlite-utils loads, numpy and pandas are hidden; they
import normally afterwards for the code that needs them (waveform peaks).

It also imports dateutil's date parser (with its time-zone machinery, a tenth of the app's
start-up) for recipes the app never calls. While sqlite-utils loads, `dateutil.parser` is a
stand-in that imports the real parser the first time anything in it is used.

Its `Database` also looks for plugins on first use, reading the metadata of every installed
package. The app uses none and should run none, so every `Database` it makes comes from
`plain_database`, which turns plugins off.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

HIDDEN_WHILE_LOADING = ("numpy", "pandas")
LOADED_ON_FIRST_USE = ("dateutil.parser",)


class _LoadedOnFirstUse(types.ModuleType):
    """Stands in for a module until one of its names is used, then hands over to the real one."""

    def __getattr__(self, name: str) -> object:
        return getattr(importlib.import_module(self.__name__), name)


def import_sqlite_utils_lean() -> None:
    """Load sqlite_utils with numpy and pandas hidden, unless something loaded them already."""
    if "sqlite_utils.db" in sys.modules:
        return
    hidden = [name for name in HIDDEN_WHILE_LOADING if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail at once
    deferred = {name: _LoadedOnFirstUse(name) for name in LOADED_ON_FIRST_USE}
    for name, stand_in in deferred.items():
        sys.modules.setdefault(name, stand_in)
    try:
        importlib.import_module("sqlite_utils")
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
        for name, stand_in in deferred.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]  # the next import of it is the real one


def plain_database(connection: sqlite3.Connection | None = None) -> Database:
    """sqlite-utils' Database over `connection` (in memory when None), with no plugins run."""
    import_sqlite_utils_lean()
    from sqlite_utils import Database

    if connection is None:
        return Database(memory=True, execute_plugins=False)
    return Database(connection, execute_plugins=False)
