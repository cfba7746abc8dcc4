"""Deletion, consent withdrawal and retention on the demo class's real database and recording."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.store import open_store
from ikan_desktop.store.audit import audit_entries
from ikan_desktop.store.consent import consent_history
from ikan_desktop.workflows import backup, deletion, retention
from ikan_desktop.workflows.consent import ExistingRecordings, withdraw_consent
from ikan_desktop.workflows.merge import merge_backup
from ikan_desktop.workflows.review import load_review, session_rows
from ikan_desktop.workflows.roster import seed_demo_class


@pytest.fixture
def demo(tmp_path: Path):
    with open_store(tmp_path / "teacher") as store:
        seed_demo_class(store)
        yield store


def _recorded(store) -> tuple[str, str, Path]:
    session_id, student_id, audio = store.db.execute(
        "SELECT id, student_id, audio_path FROM sessions WHERE audio_path IS NOT NULL"
    ).fetchone()
    return session_id, student_id, store.folder / audio


def test_deleting_a_recording_keeps_the_observations_and_review_says_so(demo) -> None:
    session_id, _student, wav = _recorded(demo)
    tags_before = len(load_review(demo, session_id).tags)
    text = deletion.describe_recording_deletion(demo, session_id)
    assert "Aroha Ngata's strategy interview of" in text and "only the audio goes" in text
    assert deletion.delete_recording(demo, session_id)
    review = load_review(demo, session_id)
    assert not wav.exists() and review.audio_path is None
    assert len(review.tags) == tags_before
    assert review.audio_note.startswith("Recording deleted on ")
    assert review.audio_note.endswith("(by the teacher).")
    assert audit_entries(demo)[0].what.startswith("recording of Aroha Ngata's")


def test_deleting_an_interview_says_what_goes_and_removes_rows_and_file(demo) -> None:
    session_id, _student, wav = _recorded(demo)
    text = deletion.describe_interview_deletion(demo, session_id)
    assert ", with its recording and 20 observations? This cannot be undone" in text
    deletion.delete_interview(demo, session_id)
    assert not wav.exists()
    assert session_id not in {row["id"] for row in session_rows(demo)}
    for table in ("tags", "judgements", "tag_edits", "profile_notes"):
        count = demo.db.execute(f"SELECT count(*) FROM {table} WHERE session_id = ?", [session_id])
        assert count.fetchone()[0] == 0


def test_a_deleted_child_is_not_brought_back_by_merging_an_older_backup(
    demo, tmp_path: Path
) -> None:
    _session, student_id, wav = _recorded(demo)
    older = backup.make_backup(demo.folder, tmp_path / "older.ikanbackup").path
    text = deletion.describe_student_deletion(demo, [student_id])
    assert text.startswith("Delete Aroha Ngata entirely: ") and "interviews" in text
    deletion.delete_students(demo, [student_id])
    assert not wav.exists()
    result = merge_backup(demo, older)
    assert result.counts.not_brought_back == 1 and result.counts.sessions_added == 0
    names = [r[0] for r in demo.db.execute("SELECT name FROM students").fetchall()]
    assert "Aroha Ngata" not in names and len(names) == 7


def test_archived_children_can_be_deleted_together(demo) -> None:
    demo.db.execute(
        "UPDATE students SET archived = 1 WHERE name IN ('Ana Lemalu', 'Jack Thompson')"
    )
    archived = deletion.archived_students(demo)
    assert len(archived) == 2
    assert deletion.describe_student_deletion(demo, archived).startswith("Delete 2 students")
    deletion.delete_students(demo, archived)
    assert demo.db.execute("SELECT count(*) FROM students").fetchone()[0] == 6
    assert audit_entries(demo)[0].what == "2 students in one go"


@pytest.mark.parametrize("choice", list(ExistingRecordings))
def test_withdrawing_consent_asks_what_happens_to_the_recordings(demo, choice) -> None:
    session_id, student_id, wav = _recorded(demo)
    deleted = withdraw_consent(demo, student_id, date.today(), recordings=choice)
    history = consent_history(demo, student_id)
    assert history[-1].event == "withdrawn" and choice.value in history[-1].note
    review = load_review(demo, session_id)
    if choice is ExistingRecordings.DELETE_NOW:
        assert deleted == 1 and not wav.exists() and review.audio_path is None
        assert review.audio_note.endswith("(consent withdrawn).")
    else:
        assert deleted == 0 and review.audio_path == wav
    assert not load_review(demo, session_id).student.can_record


def test_purge_audio_lists_then_deletes_recordings_past_retention(
    demo, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id, _student, wav = _recorded(demo)
    demo.db.execute(
        "UPDATE sessions SET started_at = '2024-02-29T09:00:00+00:00' WHERE id = ?", [session_id]
    )
    folder = str(demo.folder)
    assert main(["purge-audio", "--dry-run", "--data-dir", folder]) == 0
    out = capsys.readouterr().out
    assert "Aroha Ngata — interview of 29 February 2024 (due 28 February 2025)" in out
    assert "1 recording would be deleted" in out and wav.exists()
    assert main(["purge-audio", "--data-dir", folder]) == 0
    assert "1 recording deleted" in capsys.readouterr().out
    assert not wav.exists()
    assert load_review(demo, session_id).audio_note.endswith("(retention).")
    row = next(r for r in session_rows(demo) if r["id"] == session_id)
    assert row["audio_deleted"]["reason"] == "retention" and not row["has_audio"]
    assert main(["purge-audio", "--data-dir", folder]) == 0
    assert "No recording is older" in capsys.readouterr().out


def test_retention_off_keeps_everything(demo) -> None:
    retention.save_retention(demo, months=0, automatic=True)
    assert retention.due_recordings(demo, today=date(2099, 1, 1)) == []
    retention.save_retention(demo, months=12, automatic=False)
    assert len(retention.due_recordings(demo, today=date(2099, 1, 1))) == 1


def test_an_export_is_in_the_audit_log(demo, tmp_path: Path) -> None:
    from ikan_desktop.workflows.review_export import export_session

    session_id, _student, _wav = _recorded(demo)
    export_session(demo, session_id, tmp_path / "out")
    entry = audit_entries(demo)[0]
    assert entry.action == "exported" and entry.what.startswith("Aroha Ngata ")
    assert str(tmp_path / "out") in entry.what


def test_a_backup_of_a_newer_schema_is_refused(demo, tmp_path: Path) -> None:
    import json
    import zipfile

    from ikan_desktop.exchange.backup import BackupError

    made = backup.make_backup(demo.folder, tmp_path / "b.ikanbackup").path
    newer = tmp_path / "newer.ikanbackup"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(newer, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["schema"].append("0042_from_the_future")
                data = json.dumps(manifest).encode()
            out.writestr(info, data)
    for attempt in (
        lambda: backup.verify_backup(newer),
        lambda: merge_backup(demo, newer),
        lambda: backup.restore_backup(newer, tmp_path / "new"),
    ):
        with pytest.raises(BackupError) as refused:
            attempt()
        assert refused.value.title == "This backup was made by a newer ikan-desktop"


def test_consent_ticked_before_the_history_existed_becomes_its_first_record(tmp_path: Path) -> None:
    import uuid

    from sqlite_utils import Database

    from ikan_desktop.store.location import DB_NAME
    from ikan_desktop.store.migrations import known_names, migrations

    folder = tmp_path / "old"
    folder.mkdir()
    old = Database(folder / DB_NAME)
    migrations.apply(old, stop_before="0009_data_lifecycle")
    for sid, consent in (("s1", 1), ("s2", 0)):
        old["students"].insert(
            {"id": sid, "name": f"Child {sid}", "recording_consent": consent}
            | {"consent_date": "2025-02-01" if consent else None}
            | {"created_at": "2025-01-01", "updated_at": "2025-01-03T10:00:00"}
        )
    old.close()
    assert "0009_data_lifecycle" in known_names()
    with open_store(folder) as store:
        given = consent_history(store, "s1")
        assert [(e.event, e.on_date) for e in given] == [("given", "2025-02-01")]
        assert uuid.UUID(given[0].id).version == 4
        assert consent_history(store, "s2") == []
