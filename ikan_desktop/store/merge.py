"""Merge a colleague's database into ours, row by row, in one transaction.

UUID keys make rows unique across laptops, so interviews, tags, judgements and notes are added
when their id is new and left alone when it is already here: merging the same data twice adds
nothing. Students are the exception (two teachers may each have typed in the same child), so
they are matched by id, then school-system id, then name + date of birth, then name + school
start date. When a matched child's details differ, the newer edit wins and the difference is
reported (a fact only one laptop knew, such as a school id or a date of birth, is kept rather
than blanked); the same for a tag or judgement edited on both laptops. Nothing a teacher deleted here
is brought back.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikan_desktop.store.database import Store

STUDENT_FIELDS = (
    "name",
    "preferred_name",
    "external_id",
    "year_level",
    "school_start_date",
    "date_of_birth",
    "class_name",
    "recording_consent",
    "consent_date",
    "archived",
)

# Facts about a child that do not become unknown: one laptop's blank never wipes the other's.
KNOWN_FACTS = ("external_id", "year_level", "school_start_date", "date_of_birth")

# Tables added by id only, with the column that says which session (or student) they belong to.
CHILD_TABLES = {
    "tags": "session_id",
    "judgements": "session_id",
    "section_decisions": "session_id",
    "audio_events": "session_id",
    "tag_edits": "session_id",
    "profile_notes": "session_id",
    "task_showings": "session_id",
}
# Rows that can be edited after they were written: which is newer decides a conflict.
# Each with the condition a row of theirs must meet to have been edited at all (most have not).
EDIT_TIME = {
    "tags": ("coalesce({a}.edited_at, {a}.wall_time)", "t.edited_at IS NOT NULL"),
    "judgements": ("coalesce({a}.confirmed_at, '')", "t.confirmed_at IS NOT NULL"),
    "profile_notes": ("{a}.written_at", "1"),
}
MERGE_CACHE_KIB = 65536  # a bigger page cache while merging: random UUID keys touch many pages


@dataclass(frozen=True, slots=True)
class StudentConflict:
    """A child whose details differ between the two laptops, and which version was kept."""

    name: str
    fields: tuple[tuple[str, Any, Any], ...]  # (field, ours, theirs)
    kept: str  # "yours" or "theirs"


@dataclass
class MergeCounts:
    """What a merge added, matched and found in conflict."""

    students_added: list[str] = field(default_factory=list)
    students_matched: list[tuple[str, str]] = field(default_factory=list)  # (name, how)
    conflicts: list[StudentConflict] = field(default_factory=list)
    sessions_added: int = 0
    sessions_present: int = 0
    rows_added: dict[str, int] = field(default_factory=dict)
    edits_taken: dict[str, int] = field(default_factory=dict)
    not_brought_back: int = 0
    new_audio: list[str] = field(default_factory=list)
    audio_deleted: list[str] = field(default_factory=list)  # our files to remove after commit


def attach(store: Store, source: Path) -> None:
    """Make the colleague's database readable as `theirs` on our connection."""
    store.db.execute("ATTACH DATABASE ? AS theirs", [f"{source.resolve().as_uri()}?mode=ro"])


def detach(store: Store) -> None:
    store.db.execute("DETACH DATABASE theirs")


def new_audio_paths(store: Store) -> list[str]:
    """Recordings of their interviews that we do not have yet (to copy before merging rows)."""
    rows = store.db.execute(
        "SELECT t.audio_path FROM theirs.sessions t WHERE t.audio_path IS NOT NULL "
        "AND t.id NOT IN (SELECT id FROM main.sessions) "
        "AND t.id NOT IN (SELECT id FROM main.deleted_records)"
    ).fetchall()
    return [row[0] for row in rows]


def merge_rows(store: Store) -> MergeCounts:
    """Merge everything of `theirs` into ours, in one transaction (all or nothing)."""
    counts = MergeCounts()
    conn = store.db.conn
    cache = conn.execute("PRAGMA main.cache_size").fetchone()[0]
    conn.execute(f"PRAGMA main.cache_size = -{MERGE_CACHE_KIB}")
    # Foreign keys are checked once, table by table, before the commit rather than row by row
    # (half the time of a large merge); a single broken reference rolls everything back.
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS merge_map (theirs TEXT PRIMARY KEY, ours TEXT)"
        )
        conn.execute("DELETE FROM merge_map")
        class_map = _merge_classes(conn)
        _merge_students(conn, class_map, counts)
        _merge_sessions(conn, counts)
        _merge_recording_deletions(conn, counts)
        _merge_consent(conn, counts)
        for table, parent in CHILD_TABLES.items():
            _merge_child_table(conn, table, parent, counts)
        _merge_audit(conn, counts)
        for table in ("students", "sessions", "consent_events", *CHILD_TABLES):
            broken = conn.execute(f"PRAGMA main.foreign_key_check({table})").fetchone()
            if broken:
                raise sqlite3.IntegrityError(f"a {table} row refers to a missing {broken[2]} row")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA main.cache_size = {int(cache)}")
    return counts


def _merge_classes(conn: sqlite3.Connection) -> dict[str, str]:
    ours = {name: cid for cid, name in conn.execute("SELECT id, name FROM main.classes")}
    ours_ids = set(ours.values())
    mapping: dict[str, str] = {}
    rows = conn.execute("SELECT id, name, teacher, school, created_at FROM theirs.classes")
    for cid, name, teacher, school, created in rows.fetchall():
        if cid in ours_ids:
            mapping[cid] = cid
        elif name in ours:
            mapping[cid] = ours[name]
        else:
            conn.execute(
                "INSERT INTO main.classes (id, name, teacher, school, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [cid, name, teacher, school, created],
            )
            ours[name], mapping[cid] = cid, cid
    return mapping


_STUDENT_SQL = (
    "SELECT s.id, s.name, s.preferred_name, s.external_id, s.year_level, s.school_start_date, "
    "s.date_of_birth, coalesce(c.name, ''), s.recording_consent, s.consent_date, s.archived, "
    "s.updated_at, s.created_at, s.class_id FROM {db}.students s "
    "LEFT JOIN {db}.classes c ON c.id = s.class_id"
)


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _merge_students(
    conn: sqlite3.Connection, class_map: dict[str, str], counts: MergeCounts
) -> None:
    ours = [_student(row) for row in conn.execute(_STUDENT_SQL.format(db="main"))]
    by_id = {s["id"]: s for s in ours}
    by_external = {_key(s["external_id"]): s for s in ours if s["external_id"].strip()}
    by_birth = {(_key(s["name"]), s["date_of_birth"]): s for s in ours if s["date_of_birth"]}
    by_start = {
        (_key(s["name"]), s["school_start_date"]): s for s in ours if s["school_start_date"]
    }
    deleted = {row[0] for row in conn.execute("SELECT id FROM main.deleted_records")}
    for theirs in (_student(row) for row in conn.execute(_STUDENT_SQL.format(db="theirs"))):
        if theirs["id"] in deleted:
            counts.not_brought_back += 1
            continue
        match, how = _find(theirs, by_id, by_external, by_birth, by_start)
        if match is None:
            _insert_student(conn, theirs, class_map)
            counts.students_added.append(theirs["name"])
            by_id[theirs["id"]] = theirs
            continue
        conn.execute("INSERT OR REPLACE INTO merge_map VALUES (?, ?)", [theirs["id"], match["id"]])
        counts.students_matched.append((match["name"], how))
        differs = tuple(
            (f, match[f], theirs[f])
            for f in STUDENT_FIELDS
            if match[f] != theirs[f] and not (f in KNOWN_FACTS and _one_blank(match, theirs, f))
        )
        newer = theirs["updated_at"] > match["updated_at"]
        if differs:
            counts.conflicts.append(
                StudentConflict(match["name"], differs, "theirs" if newer else "yours")
            )
        if newer and differs:
            kept = theirs | {f: match[f] for f in KNOWN_FACTS if _blank(theirs[f])}
            _update_student(conn, match["id"], kept, class_map)
        else:
            _fill_blanks(conn, match, theirs)


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _one_blank(ours: dict[str, Any], theirs: dict[str, Any], field: str) -> bool:
    return _blank(ours[field]) or _blank(theirs[field])


def _fill_blanks(conn: sqlite3.Connection, ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Facts only one laptop knew (a school id, a date of birth) are kept, never blanked."""
    known = {f: theirs[f] for f in KNOWN_FACTS if _blank(ours[f]) and not _blank(theirs[f])}
    if known:
        sets = ", ".join(f"{name} = ?" for name in known)
        conn.execute(f"UPDATE main.students SET {sets} WHERE id = ?", [*known.values(), ours["id"]])
        ours.update(known)


def _find(theirs: dict[str, Any], by_id, by_external, by_birth, by_start) -> tuple[Any, str]:
    if theirs["id"] in by_id:
        return by_id[theirs["id"]], "same record"
    external = _key(theirs["external_id"])
    if external and external in by_external:
        return by_external[external], "school id"
    name = _key(theirs["name"])
    if theirs["date_of_birth"] and (name, theirs["date_of_birth"]) in by_birth:
        return by_birth[(name, theirs["date_of_birth"])], "name and date of birth"
    if theirs["school_start_date"] and (name, theirs["school_start_date"]) in by_start:
        return by_start[(name, theirs["school_start_date"])], "name and start date"
    return None, ""


def _student(row: tuple[Any, ...]) -> dict[str, Any]:
    keys = ("id", *STUDENT_FIELDS, "updated_at", "created_at", "class_id")
    return dict(zip(keys, row, strict=True))


def _student_columns(student: dict[str, Any], class_map: dict[str, str]) -> dict[str, Any]:
    columns = {f: student[f] for f in STUDENT_FIELDS if f != "class_name"}
    columns["class_id"] = class_map.get(student["class_id"]) if student["class_id"] else None
    columns["updated_at"] = student["updated_at"]
    return columns


def _insert_student(conn: sqlite3.Connection, student: dict[str, Any], class_map) -> None:
    columns = _student_columns(student, class_map) | {
        "id": student["id"],
        "created_at": student["created_at"],
    }
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    conn.execute(f"INSERT INTO main.students ({names}) VALUES ({marks})", list(columns.values()))


def _update_student(
    conn: sqlite3.Connection, our_id: str, theirs: dict[str, Any], class_map
) -> None:
    columns = _student_columns(theirs, class_map)
    sets = ", ".join(f"{name} = ?" for name in columns)
    conn.execute(f"UPDATE main.students SET {sets} WHERE id = ?", [*columns.values(), our_id])


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    mine = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]
    theirs = {row[1] for row in conn.execute(f"PRAGMA theirs.table_info({table})")}
    return [name for name in mine if name in theirs]


def _merge_sessions(conn: sqlite3.Connection, counts: MergeCounts) -> None:
    columns = _columns(conn, "sessions")
    picked = ", ".join(
        "coalesce(m.ours, t.student_id)" if c == "student_id" else f"t.{c}" for c in columns
    )
    counts.sessions_present = conn.execute(
        "SELECT count(*) FROM theirs.sessions WHERE id IN (SELECT id FROM main.sessions)"
    ).fetchone()[0]
    cursor = conn.execute(
        f"INSERT INTO main.sessions ({', '.join(columns)}) SELECT {picked} "
        "FROM theirs.sessions t LEFT JOIN temp.merge_map m ON m.theirs = t.student_id "
        "WHERE t.id NOT IN (SELECT id FROM main.sessions) "
        "AND t.id NOT IN (SELECT id FROM main.deleted_records) "
        "AND coalesce(m.ours, t.student_id) IN (SELECT id FROM main.students)"
    )
    counts.sessions_added = cursor.rowcount


def _merge_recording_deletions(conn: sqlite3.Connection, counts: MergeCounts) -> None:
    """A recording deleted on their laptop (consent withdrawn, retention) is not kept playable here."""
    rows = conn.execute(
        "SELECT o.id, o.audio_path, t.audio_deleted_at, t.audio_deleted_reason "
        "FROM main.sessions o JOIN theirs.sessions t ON t.id = o.id "
        "WHERE o.audio_path IS NOT NULL AND t.audio_path IS NULL "
        "AND t.audio_deleted_at IS NOT NULL"
    ).fetchall()
    for session_id, path, when, reason in rows:
        conn.execute(
            "UPDATE main.sessions SET audio_path = NULL, audio_deleted_at = ?, "
            "audio_deleted_reason = ? WHERE id = ?",
            [when, reason, session_id],
        )
        counts.audio_deleted.append(path)


def _merge_consent(conn: sqlite3.Connection, counts: MergeCounts) -> None:
    columns = _columns(conn, "consent_events")
    picked = ", ".join(
        "coalesce(m.ours, t.student_id)" if c == "student_id" else f"t.{c}" for c in columns
    )
    cursor = conn.execute(
        f"INSERT OR IGNORE INTO main.consent_events ({', '.join(columns)}) SELECT {picked} "
        "FROM theirs.consent_events t LEFT JOIN temp.merge_map m ON m.theirs = t.student_id "
        "WHERE coalesce(m.ours, t.student_id) IN (SELECT id FROM main.students)"
    )
    counts.rows_added["consent_events"] = cursor.rowcount


def _merge_child_table(
    conn: sqlite3.Connection, table: str, parent: str, counts: MergeCounts
) -> None:
    columns = _columns(conn, table)
    names = ", ".join(columns)
    keep = f"{parent} IN (SELECT id FROM main.sessions) AND id NOT IN (SELECT id FROM main.deleted_records)"
    cursor = conn.execute(
        f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM theirs.{table} WHERE {keep}"
    )
    counts.rows_added[table] = cursor.rowcount
    if table not in EDIT_TIME:
        return
    when, edited = EDIT_TIME[table]
    newer = (
        f"SELECT t.id FROM theirs.{table} t JOIN main.{table} o ON o.id = t.id "
        f"WHERE {edited} AND {when.format(a='t')} > {when.format(a='o')}"
    )
    ids = [row[0] for row in conn.execute(newer)]
    taken = _newer_notes_under_another_id(conn) if table == "profile_notes" else 0
    editable = [c for c in columns if c != "id"]
    sets = ", ".join(editable)
    for row_id in ids:
        conn.execute(
            f"UPDATE main.{table} SET ({sets}) = (SELECT {sets} FROM theirs.{table} WHERE id = ?) "
            "WHERE id = ?",
            [row_id, row_id],
        )
    counts.edits_taken[table] = len(ids) + taken


def _merge_audit(conn: sqlite3.Connection, counts: MergeCounts) -> None:
    columns = ", ".join(_columns(conn, "audit_log"))
    cursor = conn.execute(
        f"INSERT OR IGNORE INTO main.audit_log ({columns}) SELECT {columns} FROM theirs.audit_log"
    )
    counts.rows_added["audit_log"] = cursor.rowcount


def _newer_notes_under_another_id(conn: sqlite3.Connection) -> int:
    """Both teachers wrote the same round's comment: the newer text wins, under our row's id."""
    rows = conn.execute(
        "SELECT o.id, t.text, t.written_by, t.written_at FROM theirs.profile_notes t "
        "JOIN main.profile_notes o ON o.session_id = t.session_id AND o.kind = t.kind "
        "AND o.domain = t.domain AND o.id != t.id WHERE t.written_at > o.written_at"
    ).fetchall()
    for our_id, text, by, at in rows:
        conn.execute(
            "UPDATE main.profile_notes SET text = ?, written_by = ?, written_at = ? WHERE id = ?",
            [text, by, at, our_id],
        )
    return len(rows)
