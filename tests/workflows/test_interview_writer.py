"""The writer thread commits in order, tells when each row is on disk, and never hangs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.workflows.interview_writer import InterviewWriter


def test_rows_are_committed_in_order_and_a_failure_stops_nothing(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        student = student_store.add_student(store, StudentDetails(name="Mere Kahu"))
        session_id = session_store.start_session(
            store,
            student_id=student.id,
            kind="strategy",
            script_id="s",
            script_version="1",
            form="A",
        )
        path = store.path
    writer = InterviewWriter(path)
    heard: list[str] = []
    writer.listeners.append(heard.append)
    first = tag_store.new_tag(session_id=session_id, t_ms=10, kind="strategy", code="a")
    second = tag_store.new_tag(session_id=session_id, t_ms=20, kind="strategy", code="b")
    writer.submit(first.id, lambda s: tag_store.insert_tag(s, first))
    writer.submit("broken", lambda s: session_store.set_state(s, "no-such-session", "paused"))
    writer.submit(second.id, lambda s: tag_store.insert_tag(s, second))
    writer.wait()
    writer.close()
    assert heard == [first.id, second.id]  # the broken one was not reported as saved
    assert "could not be saved" in writer.problem
    conn = sqlite3.connect(path)
    codes = [c for (c,) in conn.execute("SELECT code FROM tags ORDER BY rowid")]
    conn.close()
    assert codes == ["a", "b"]


def test_what_waits_for_the_disk_is_known_until_it_is_committed(data_dir: Path) -> None:
    import threading

    open_store(data_dir).close()
    writer = InterviewWriter(data_dir / "ikan.sqlite")
    disk_busy = threading.Event()
    writer.submit("slow", lambda s: disk_busy.wait(10))
    writer.submit("after", lambda s: None)
    assert writer.waiting() == {"slow", "after"}  # a kill now would lose both: the screen says so
    disk_busy.set()
    writer.wait()
    assert writer.waiting() == frozenset()
    writer.close()
