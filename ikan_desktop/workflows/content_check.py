"""Is the shipped content usable? Checked once at start, so a broken file is named up front.

A framework, code list, form, knowledge check, schema, font or demo file that is missing or
broken would otherwise only show up when a button is pressed, as an error deep in a screen.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ikan_desktop.domain.content_errors import ContentError, ContentFileError
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.scripts import load_forms, load_knowledge_check
from ikan_desktop.domain.strategy_codes import load_strategy_codes
from ikan_desktop.reports.fonts import BOLD, REGULAR, font_file
from ikan_desktop.workflows.demo_interview import demo_tags_file, demo_wav

_MAGIC = {".ttf": (b"\x00\x01\x00\x00", b"true", b"OTTO"), ".wav": (b"RIFF",)}


@functools.cache
def content_problems() -> tuple[ContentError, ...]:
    """Every problem found in the shipped content (empty when all is well); read once."""
    loaders: list[Callable[[], Any]] = [
        load_framework,
        load_strategy_codes,
        load_forms,
        load_knowledge_check,
    ]
    found: list[ContentError] = []
    for load in loaders:
        try:
            load()
        except ContentFileError as error:
            found += error.errors
    for path in (font_file(REGULAR), font_file(BOLD), demo_wav(), demo_tags_file()):
        problem = _file_problem(path)
        if problem:
            found.append(ContentError(str(path), "", problem))
    return tuple(found)


def _file_problem(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except FileNotFoundError:
        return "the file is missing; reinstalling ikan-desktop will put it back"
    except OSError as error:
        return f"the file cannot be read ({error.strerror or error})"
    expected = _MAGIC.get(path.suffix.lower())
    if expected and not head.startswith(expected):
        return "the file is damaged (it does not start as it should); reinstall ikan-desktop"
    return ""
