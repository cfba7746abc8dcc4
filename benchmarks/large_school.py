"""Make a large, realistic database quickly: many students, many sessions, many tags."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from ikan_desktop.store import open_store

CODES = (
    ("counts_all_materials", 2),
    ("counts_all_imaging", 3),
    ("counts_on_back", 4),
    ("make_ten", 5),
    ("place_value_split", 5),
    ("rounding_compensation", 6),
    ("derived_fact", 6),
    ("just_knew", None),
)


def make_school(folder: Path, *, students: int, sessions: int, tags_per_session: int) -> Path:
    """A database in `folder` with the given numbers of rows; returns the folder."""
    rng = random.Random(7)
    now = datetime(2026, 11, 1, 9, 0)
    with open_store(folder) as store:
        conn = store.db.conn
        conn.execute("BEGIN")
        classes = [(str(uuid.uuid4()), f"Room {n}", "", "", now.isoformat()) for n in range(40)]
        conn.executemany("INSERT INTO classes VALUES (?, ?, ?, ?, ?)", classes)
        student_ids = []
        for n in range(students):
            sid = str(uuid.uuid4())
            student_ids.append(sid)
            start = date(2020, 2, 1) + timedelta(days=rng.randrange(2000))
            conn.execute(
                "INSERT INTO students (id, class_id, name, preferred_name, external_id, "
                "year_level, school_start_date, recording_consent, consent_date, archived, "
                "created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, 0, ?, ?)",
                [
                    sid,
                    classes[n % 40][0],
                    f"Student {n:04d} Surname",
                    f"ENR{n:05d}",
                    rng.randrange(1, 9),
                    start.isoformat(),
                    n % 5 != 0,
                    start.isoformat(),
                    now.isoformat(),
                    now.isoformat(),
                ],
            )
        for n in range(sessions):
            session_id = str(uuid.uuid4())
            started = now - timedelta(days=rng.randrange(900), minutes=rng.randrange(600))
            conn.execute(
                "INSERT INTO sessions (id, student_id, kind, script_id, script_version, form, "
                "started_at, ended_at, state, audio_path, audio_rate, audio_frames) "
                "VALUES (?, ?, 'strategy', 'strategy-form-a', '1', 'A', ?, ?, 'finished', ?, "
                "16000, ?)",
                [
                    session_id,
                    student_ids[n % students],
                    started.isoformat(),
                    (started + timedelta(minutes=15)).isoformat(),
                    f"audio/{session_id}.wav",
                    16000 * 900,
                ],
            )
            rows = []
            for t in range(tags_per_session):
                code, stage = CODES[rng.randrange(len(CODES))]
                rows.append(
                    (
                        str(uuid.uuid4()),
                        session_id,
                        t * 45000 + rng.randrange(4000),
                        started.isoformat(),
                        "s1",
                        f"task{t}",
                        "strategy",
                        code,
                        stage,
                    )
                )
            conn.executemany(
                "INSERT INTO tags (id, session_id, t_ms, wall_time, section_id, task_id, kind, "
                "code, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        conn.execute("COMMIT")
    add_confirmed_stages(folder)
    return folder


DOMAINS = ("additive", "multiplicative", "proportional")


def add_confirmed_stages(folder: Path) -> int:
    """A confirmed stage per strategy domain for every finished interview that has none yet,
    rising with the child's time at school, as a real school's history would. Returns how many
    were added."""
    rng = random.Random(11)
    with open_store(folder) as store:
        conn = store.db.conn
        if conn.execute("SELECT count(*) FROM judgements").fetchone()[0]:
            return 0
        rows = conn.execute(
            "SELECT s.id, s.started_at, st.school_start_date FROM sessions s "
            "JOIN students st ON st.id = s.student_id WHERE s.state = 'finished'"
        ).fetchall()
        conn.execute("BEGIN")
        added = 0
        for session_id, started, school_start in rows:
            years = (
                datetime.fromisoformat(started).date() - date.fromisoformat(school_start)
            ).days / 365.25
            base = int(1 + years * 1.1)
            batch = []
            for offset, domain in enumerate(DOMAINS):
                stage = max(0, min(8, base - offset // 2 + rng.choice((-1, 0, 0, 1))))
                batch.append(
                    (str(uuid.uuid4()), session_id, domain, stage, stage, started, started)
                )
            conn.executemany(
                "INSERT INTO judgements (id, session_id, domain, suggested_stage, evidence, "
                "confirmed_stage, qualifier, confirmed_by, confirmed_at) "
                "VALUES (?, ?, ?, ?, '[]', ?, NULL, 'bench', ?)",
                [(a, b, c, d, e, g) for a, b, c, d, e, _f, g in batch],
            )
            added += len(batch)
        conn.execute("COMMIT")
    return added
