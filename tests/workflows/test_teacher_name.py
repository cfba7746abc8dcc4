"""The teacher's name set once in Settings is the name on the audit log and consent records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.audit import audit_entries
from ikan_desktop.store.consent import consent_history
from ikan_desktop.store.settings import TEACHER_NAME, set_setting
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.consent import give_consent


def test_the_name_settings_writes_signs_the_audit_log_and_consent(tmp_path: Path) -> None:
    with open_store(tmp_path / "data") as store:
        assert TEACHER_NAME == "teacher_name"  # the key the Settings dialog writes
        set_setting(store, TEACHER_NAME, "  Whaea Mere ")
        roster.seed_demo_class(store)
        child = next(iter(student_store.iter_students(store)))
        give_consent(store, child.id, date(2026, 3, 2))
        assert consent_history(store, child.id)[-1].recorded_by == "Whaea Mere"
        assert audit_entries(store)[0].who == "Whaea Mere"
