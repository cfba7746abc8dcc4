"""Where the shipped content (frameworks, interview scripts, fonts, demo data) lives.

From a source checkout the folders sit at the top of the repository; an installed wheel carries
them inside the package under `_content/`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def content_root() -> Path:
    """The folder holding `interview_scripts/` and `resources/`."""
    bundled = _PACKAGE / "_content"
    if (bundled / "resources").is_dir():
        return bundled
    return _PACKAGE.parent


def resource_path(*parts: str) -> Path:
    """A path inside the shipped `resources/` folder."""
    return content_root().joinpath("resources", *parts)


def interview_scripts_dir() -> Path:
    """The folder of shipped interview scripts."""
    return content_root() / "interview_scripts"
