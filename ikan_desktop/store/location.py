"""Where a teacher's data lives: the platform's user data folder unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "IKAN_DESKTOP_DATA_DIR"
DB_NAME = "ikan.sqlite"
DEMO_FOLDER = "demo-class"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` first, then $IKAN_DESKTOP_DATA_DIR, then the platform's user data folder."""
    if explicit is not None:
        if not str(explicit).strip():
            raise ValueError("the data folder was given as an empty value")
        return Path(explicit).expanduser()
    if os.environ.get(ENV_VAR, "").strip():  # set but empty counts as not set
        return Path(os.environ[ENV_VAR]).expanduser()
    return Path(platformdirs.user_data_dir("ikan-desktop", appauthor=False))


def demo_dir(real_data_dir: Path) -> Path:
    """The demo class lives in its own folder so practice data never mixes with real students."""
    return real_data_dir / DEMO_FOLDER
