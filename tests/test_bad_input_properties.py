"""Bad input of every kind, generated: one plain line, exit 2, no traceback, no hang, no change.

Three families, each a few tens of generated cases run in-process (a subprocess only where the
process itself is the point, in test_bad_input_processes.py):
- interview scripts with one value replaced by something odd (NaN, huge text, a list, …);
- text arguments as they come from a spreadsheet or a paste (commas, quotes, new lines, NULs);
- databases changed by another program through sqlite3 (a table or column dropped, rows
  mangled, bytes overwritten, the file cut short, the schema swapped for another program's).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import shutil
import signal
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ikan_desktop.cli import main
from ikan_desktop.domain.scripts import default_knowledge_check_path
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.domain.validation import field_path
from ikan_desktop.store import open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.location import DB_NAME

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TIME_LIMIT_S = 30  # a case that takes longer has hung


@contextlib.contextmanager
def no_hang(seconds: int = TIME_LIMIT_S) -> Iterator[None]:
    """Fail instead of waiting for ever (SIGALRM interrupts a blocked open or read too)."""

    def stop(*_: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[str]]:
    """Run a command in-process; (exit code, stdout, stderr lines that are not notes)."""
    with no_hang():
        try:
            code = main(args)
        except SystemExit as stop:
            code = int(stop.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if ": note: " not in line]
    return code, out, lines


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----- scripts ------------------------------------------------------------------------------

KNOWLEDGE = yaml.safe_load(default_knowledge_check_path().read_text(encoding="utf-8"))


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += places(value, (*path, index))
    return found


PLACES = places(KNOWLEDGE)
ODD_VALUES = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, -1, 0, 10**30, None, True, [], {}]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.just("x" * 100_000),
    st.lists(st.integers(), max_size=3),
)


def replaced(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = yaml.safe_load(yaml.safe_dump(KNOWLEDGE))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@settings(EXAMPLES, max_examples=15)
@given(path=st.sampled_from(PLACES), value=ODD_VALUES)
@example(path=("banks", 0, "display_seconds"), value=math.nan)
@example(path=("banks", 1, "cut_score"), value=math.inf)
def test_an_odd_value_in_a_script_is_named_plainly(
    path: tuple[Any, ...], value: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "knowledge, copy.yaml"
        script.write_text(yaml.safe_dump(replaced(path, value), allow_unicode=True))
        before = digest(script)
        code, _, lines = run(["validate-script", str(script)], capsys)
        assert digest(script) == before
    assert code in (0, 2)
    if isinstance(value, float) and not math.isfinite(value):
        assert code == 2
        assert any(field_path(path) in line for line in lines)
    if code == 2:
        *problems, summary = lines
        assert summary.endswith("found.")
        for line in problems:
            assert line.startswith(f"{script}: ")
            assert len(line) < len(str(script)) + 400  # a huge value is never echoed whole


# ----- arguments ----------------------------------------------------------------------------

PASTED = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)), st.sampled_from(list(",;\"'\n\t\\ \x00"))
    ),
    max_size=40,
)


@pytest.fixture(scope="module")
def small_school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("school")
    with open_store(folder) as store:
        for number in range(120):  # enough rows to fill several database pages
            details = StudentDetails(name=f"Student {number:03d}", class_name="Room 1")
            student = student_store.add_student(store, details)
        session_id = session_store.start_session(
            store,
            student_id=student.id,
            kind="strategy",
            script_id="strategy-form-a",
            script_version="1",
            form="A",
        )
        for t_ms in range(0, 60_000, 1500):
            tag_store.record_tag(store, session_id=session_id, t_ms=t_ms, kind="x", code="c")
        session_store.finish_session(store, session_id)
    return folder


@EXAMPLES
@given(value=PASTED, command=st.sampled_from(["sessions", "export", "profile", "class"]))
def test_a_pasted_id_or_name_is_bad_input_in_one_line(
    value: str,
    command: str,
    small_school: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    args = {
        "sessions": ["sessions", "--json", f"--student={value}"],
        "export": ["export-session", "--out", str(out), "--", value],
        "profile": ["profile", f"--student={value}", "--out", str(out / "p.pdf")],
        "class": ["profile", f"--class={value}", "--out", str(out)],
    }[command]
    before = digest(small_school / DB_NAME)
    code, stdout, lines = run([*args, "--data-dir", str(small_school)], capsys)
    assert code == 2, stdout
    assert len(lines) == 1 and lines[0].startswith("ikan-desktop")
    assert stdout == ""
    assert digest(small_school / DB_NAME) == before
    assert not out.exists()


# ----- databases ----------------------------------------------------------------------------

TABLES = ["students", "sessions", "tags", "judgements", "settings", "tag_edits", "classes"]
COLUMNS = [
    ("students", "school_start_date"),
    ("students", "year_level"),
    ("sessions", "started_at"),
    ("sessions", "ended_at"),
    ("sessions", "audio_frames"),
    ("tags", "t_ms"),
    ("tags", "code"),
]
VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.binary(max_size=8),
)
CHANGES = st.one_of(
    st.tuples(st.just("drop table"), st.sampled_from(TABLES)),
    st.tuples(st.just("drop column"), st.sampled_from(COLUMNS)),
    st.tuples(st.just("set value"), st.sampled_from(COLUMNS), VALUES),
    st.tuples(st.just("foreign"), st.just("")),
    st.tuples(st.just("future"), st.just("")),
    st.tuples(st.just("bytes"), st.integers(min_value=0, max_value=400_000), st.binary(min_size=1)),
    st.tuples(st.just("cut"), st.integers(min_value=0, max_value=400_000)),
)


def change(path: Path, how: tuple[Any, ...]) -> bool:
    """Change the file as another program might; False when this change does not apply."""
    kind = how[0]
    if kind in ("bytes", "cut"):
        size = path.stat().st_size
        offset = how[1] % size
        with open(path, "r+b") as handle:
            if kind == "cut":
                handle.truncate(offset)
            else:
                handle.seek(offset)
                handle.write(how[2])
        return True
    other = sqlite3.connect(path, isolation_level=None)
    try:
        if kind == "drop table":
            other.execute(f"DROP TABLE {how[1]}")
        elif kind == "drop column":
            other.execute(f"ALTER TABLE {how[1][0]} DROP COLUMN {how[1][1]}")
        elif kind == "set value":
            (table, column), value = how[1], how[2]
            other.execute(f"UPDATE {table} SET {column} = ? WHERE rowid % 3 = 0", [value])
        elif kind == "foreign":
            other.execute("DROP TABLE _sqlite_migrations")
        elif kind == "future":
            other.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('ikan_desktop', '9999_later', '2030-01-01')"
            )
    except sqlite3.Error:
        return False  # e.g. a NOT NULL column given NULL: another program could not either
    finally:
        other.close()
    return True


@settings(EXAMPLES, max_examples=40)
@given(how=CHANGES, listing=st.sampled_from(["students", "sessions"]))
def test_a_database_changed_by_another_program_is_read_or_refused_untouched(
    how: tuple[Any, ...], listing: str, small_school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        folder.mkdir()
        shutil.copy2(small_school / DB_NAME, folder / DB_NAME)
        if not change(folder / DB_NAME, how):
            return
        before, names = digest(folder / DB_NAME), sorted(p.name for p in folder.iterdir())
        code, _, lines = run([listing, "--json", "--data-dir", str(folder)], capsys)
        assert code in (0, 2), lines
        if how[0] in ("drop table", "drop column", "foreign", "future"):
            assert code == 2, f"{how} was not refused"
        if how[0] == "set value":
            assert code == 0, f"{how} stopped the listing: {lines}"
        if code == 2:
            assert len(lines) == 1
            assert str(folder) in lines[0]
            assert digest(folder / DB_NAME) == before
            assert sorted(p.name for p in folder.iterdir()) == names
        else:
            assert lines == []
