"""A private copy of the shipped content that a test may break, with every content cache reset."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ikan_desktop.domain import content, framework, scripts, strategy_codes
from ikan_desktop.workflows import content_check, review


def clear_content_caches() -> None:
    for cached in (
        framework._shipped_framework,
        framework._schema,
        strategy_codes._shipped_codes,
        strategy_codes._schema,
        scripts._shipped_facts,
        scripts._schema,
        review._shipped_forms,
        content_check.content_problems,
    ):
        cached.cache_clear()


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The content root the app reads from, as a copy under tmp_path."""
    root = tmp_path / "content"
    shipped = content.content_root()
    for part in ("resources", "interview_scripts"):
        shutil.copytree(shipped / part, root / part)
    monkeypatch.setattr(content, "content_root", lambda: root)
    clear_content_caches()
    yield root
    monkeypatch.undo()
    clear_content_caches()
