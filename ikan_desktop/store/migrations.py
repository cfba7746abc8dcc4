"""Numbered schema migrations. Add new ones at the end; never edit one that has shipped."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "ikan_desktop"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_first_schema")
def _first_schema(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE classes (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            teacher TEXT NOT NULL DEFAULT '',
            school TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE students (
            id TEXT PRIMARY KEY,
            class_id TEXT REFERENCES classes(id),
            name TEXT NOT NULL,
            preferred_name TEXT NOT NULL DEFAULT '',
            external_id TEXT NOT NULL DEFAULT '',
            year_level INTEGER,
            school_start_date TEXT,
            recording_consent INTEGER NOT NULL DEFAULT 0,
            consent_date TEXT,
            archived INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX students_by_class ON students(class_id);
        CREATE INDEX students_by_name ON students(archived, name);
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            student_id TEXT NOT NULL REFERENCES students(id),
            kind TEXT NOT NULL CHECK (kind IN ('strategy', 'knowledge')),
            script_id TEXT NOT NULL,
            script_version TEXT NOT NULL,
            form TEXT NOT NULL DEFAULT '',
            assessor TEXT NOT NULL DEFAULT '',
            started_at TEXT NOT NULL,
            ended_at TEXT,
            state TEXT NOT NULL
                CHECK (state IN ('recording', 'paused', 'finished', 'interrupted')),
            audio_path TEXT,
            audio_sha256 TEXT,
            audio_rate INTEGER,
            audio_frames INTEGER
        );
        CREATE INDEX sessions_by_student ON sessions(student_id, started_at);
        CREATE INDEX sessions_by_state ON sessions(state);
        CREATE TABLE tags (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            t_ms INTEGER NOT NULL,
            wall_time TEXT NOT NULL,
            section_id TEXT,
            task_id TEXT,
            kind TEXT NOT NULL,
            code TEXT NOT NULL,
            stage INTEGER,
            note TEXT NOT NULL DEFAULT '',
            has_audio INTEGER NOT NULL DEFAULT 1,
            deleted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX tags_by_session ON tags(session_id, t_ms);
        CREATE TABLE judgements (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            domain TEXT NOT NULL,
            suggested_stage INTEGER,
            evidence TEXT NOT NULL DEFAULT '[]',
            confirmed_stage INTEGER,
            qualifier TEXT,
            confirmed_by TEXT,
            confirmed_at TEXT
        );
        CREATE INDEX judgements_by_session ON judgements(session_id, domain);
        """
    )


@migrations(name="0002_decisions_and_settings")
def _decisions_and_settings(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE section_decisions (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            section_id TEXT NOT NULL,
            suggested TEXT NOT NULL,
            chosen TEXT NOT NULL,
            overridden INTEGER NOT NULL,
            target_section_id TEXT,
            t_ms INTEGER NOT NULL,
            wall_time TEXT NOT NULL
        );
        CREATE INDEX section_decisions_by_session ON section_decisions(session_id);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


@migrations(name="0003_audio_events")
def _audio_events(db: Database) -> None:
    # Pauses, resumes and where the audio ended (a microphone that died, a full disk), on the
    # recording's clock: review shows them, and tags after an "audio_ended" have no audio.
    db.executescript(
        """
        CREATE TABLE audio_events (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            kind TEXT NOT NULL,
            t_ms INTEGER NOT NULL,
            wall_time TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audio_events_by_session ON audio_events(session_id, t_ms);
        """
    )


def known_names() -> list[str]:
    """Every migration this version of the app knows, oldest first."""
    return [m.name for m in migrations._migrations]


@migrations(name="0004_profile_notes")
def _profile_notes(db: Database) -> None:
    # The teacher's comment and reworded next steps for a round's printed profile. One row per
    # (session, kind, domain); the domain is '' for the comment.
    db.executescript(
        """
        CREATE TABLE profile_notes (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            kind TEXT NOT NULL CHECK (kind IN ('comment', 'next_steps')),
            domain TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            written_by TEXT NOT NULL DEFAULT '',
            written_at TEXT NOT NULL,
            UNIQUE (session_id, kind, domain)
        );
        """
    )


@migrations(name="0005_tag_edits")
def _tag_edits(db: Database) -> None:
    # Review edits keep what the teacher pressed live. `original_t_ms` is the time the tag was
    # first given (NULL until it is moved); `edited_at` is the last review edit. Every edit
    # (moved, code, note, deleted, restored, added) is also one row in `tag_edits`, old and new
    # values as text, so the history of a tag can be shown and nothing is silently lost.
    db.executescript(
        """
        ALTER TABLE tags ADD COLUMN original_t_ms INTEGER;
        ALTER TABLE tags ADD COLUMN edited_at TEXT;
        CREATE TABLE tag_edits (
            id TEXT PRIMARY KEY,
            tag_id TEXT NOT NULL REFERENCES tags(id),
            session_id TEXT NOT NULL REFERENCES sessions(id),
            change TEXT NOT NULL
                CHECK (change IN ('moved', 'code', 'note', 'deleted', 'restored', 'added')),
            old_value TEXT,
            new_value TEXT,
            edited_by TEXT NOT NULL DEFAULT '',
            edited_at TEXT NOT NULL
        );
        CREATE INDEX tag_edits_by_tag ON tag_edits(tag_id, edited_at);
        """
    )


@migrations(name="0006_sessions_needing_work")
def _sessions_needing_work(db: Database) -> None:
    # Start-up looks only for interviews that can need work (a recording never sealed); this
    # small partial index lets it find them without reading every finished interview.
    db.executescript(
        """
        CREATE INDEX sessions_unsealed ON sessions(state)
            WHERE audio_frames IS NULL AND audio_path IS NOT NULL;
        """
    )


@migrations(name="0009_data_lifecycle")
def _data_lifecycle(db: Database) -> None:
    # The data's whole life: date of birth (to match a child across laptops when merging),
    # when a session's row last changed (the newer edit wins a merge), why and when a
    # recording was deleted (review says so), consent as a history, an audit log of
    # deletions, exports and restores, and tombstones so a merge never brings back what a
    # teacher deleted.
    db.executescript(
        """
        ALTER TABLE students ADD COLUMN date_of_birth TEXT;
        ALTER TABLE sessions ADD COLUMN audio_deleted_at TEXT;
        ALTER TABLE sessions ADD COLUMN audio_deleted_reason TEXT;
        CREATE TABLE consent_events (
            id TEXT PRIMARY KEY,
            student_id TEXT NOT NULL REFERENCES students(id),
            event TEXT NOT NULL CHECK (event IN ('given', 'withdrawn')),
            on_date TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX consent_events_by_student ON consent_events(student_id, on_date);
        INSERT INTO consent_events (id, student_id, event, on_date, recorded_by, recorded_at)
            SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
                   || substr(lower(hex(randomblob(2))), 2) || '-a'
                   || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
                   id, 'given', coalesce(consent_date, substr(updated_at, 1, 10)), '',
                   updated_at
            FROM students WHERE recording_consent = 1;
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            what TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audit_log_by_time ON audit_log(at);
        CREATE TABLE deleted_records (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            deleted_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0010_instructional_groups")
def _instructional_groups(db: Database) -> None:
    # A teacher's saved instructional groups: one dated plan per class and strategy domain, its
    # groups in order (a name only when the teacher renamed it), and each member with the stage
    # they were at when the plan was saved, so a later round can show who has moved on.
    # Each time the live screen shows a task, on the recording's clock, so a child's response
    # time (task shown → first strategy or "just knew") is exact.
    # The index lets the class views read a child's latest strategy or knowledge rounds
    # newest-first without touching older history.
    db.executescript(
        """
        CREATE INDEX sessions_by_student_kind ON sessions(student_id, kind, started_at);
        CREATE TABLE group_plans (
            id TEXT PRIMARY KEY,
            class_id TEXT NOT NULL REFERENCES classes(id),
            domain TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            saved_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX group_plans_by_class ON group_plans(class_id, domain, saved_at);
        CREATE TABLE instructional_groups (
            id TEXT PRIMARY KEY,
            plan_id TEXT NOT NULL REFERENCES group_plans(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            from_stage INTEGER,
            to_stage INTEGER
        );
        CREATE INDEX instructional_groups_by_plan ON instructional_groups(plan_id, position);
        CREATE TABLE task_showings (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            section_id TEXT NOT NULL,
            task_id TEXT NOT NULL,
            t_ms INTEGER NOT NULL,
            wall_time TEXT NOT NULL
        );
        CREATE INDEX task_showings_by_session ON task_showings(session_id, t_ms);
        CREATE TABLE group_members (
            group_id TEXT NOT NULL REFERENCES instructional_groups(id),
            student_id TEXT NOT NULL REFERENCES students(id),
            stage INTEGER,
            PRIMARY KEY (group_id, student_id)
        );
        """
    )


@migrations(name="0011_recordings_by_date")
def _recordings_by_date(db: Database) -> None:
    # The retention check at every start reads only recordings old enough to be due.
    db.executescript(
        """
        CREATE INDEX sessions_recorded_by_date ON sessions(started_at)
            WHERE audio_path IS NOT NULL;
        """
    )
