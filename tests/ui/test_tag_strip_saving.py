"""An observation the disk has not taken yet is marked on the strip until it is saved."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ikan_desktop.store import tags as tag_store
from ikan_desktop.ui.interview.tag_strip import TagStrip


def test_a_tag_still_being_saved_says_so_and_loses_the_mark_once_saved(qtbot: QtBot) -> None:
    strip = TagStrip(lambda tag: tag.code.replace("_", " "))
    qtbot.addWidget(strip)
    saved = tag_store.new_tag(session_id="s", t_ms=1000, kind="strategy", code="counted_on")
    waiting = tag_store.new_tag(session_id="s", t_ms=2000, kind="strategy", code="made_ten")
    strip.show_tags([saved, waiting], saving={waiting.id})
    assert strip.texts() == ["0:02  made ten · saving…", "0:01  counted on"]
    strip.show_tags([saved, waiting])
    assert strip.texts() == ["0:02  made ten", "0:01  counted on"]
