"""The retention check reads only recordings old enough to be due, and still finds every one."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.workflows.retention import add_months, due_recordings, save_retention

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=25, deadline=None)
@given(
    started=st.lists(days, min_size=1, max_size=12),
    months=st.integers(min_value=1, max_value=36),
    today=days,
)
def test_due_recordings_are_exactly_those_past_their_date(
    started: list[date], months: int, today: date
) -> None:
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder)) as store:
        student = student_store.add_student(store, StudentDetails(name="Hemi Walker"))
        expected = set()
        for day in started:
            session_id = session_store.start_session(
                store, student_id=student.id, kind="strategy", script_id="s",
                script_version="1", form="A",
            )  # fmt: skip
            store.db.execute(
                "UPDATE sessions SET state = 'finished', started_at = ?, audio_path = ? "
                "WHERE id = ?",
                [f"{day.isoformat()}T23:59:00+13:00", f"audio/{session_id}.wav", session_id],
            )
            if add_months(day, months) <= today:
                expected.add(session_id)
        save_retention(store, months=months, automatic=False)
        assert {d.session_id for d in due_recordings(store, today=today)} == expected


def test_the_start_up_check_uses_the_index_of_recordings_by_date(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        said: list[str] = []
        store.db.conn.set_trace_callback(said.append)  # the SQL as run, values filled in
        due_recordings(store)
        store.db.conn.set_trace_callback(None)
        (query,) = [sql for sql in said if sql.lstrip().upper().startswith("SELECT S.ID")]
        plan = store.db.execute("EXPLAIN QUERY PLAN " + query).fetchall()
    assert any("sessions_recorded_by_date" in str(row) for row in plan), plan
