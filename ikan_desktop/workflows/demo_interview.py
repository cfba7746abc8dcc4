"""A recorded demo interview, so reviewing against audio works from the first launch.

One finished form A strategy interview for a consenting demo student, with the synthetic WAV
in `resources/demo/demo-interview.wav` (two espeak-ng voices; no real child) copied into the
data folder's audio, and the tags and section decisions from `demo-interview.yaml`. Every
strategy domain has two or more tasks that show a stage, so each can be confirmed from evidence.
Nothing is confirmed: the stages are left for the teacher to review. Seeded once.
"""

from __future__ import annotations

import hashlib
import wave
from pathlib import Path
from typing import Any

import yaml

from ikan_desktop.domain import judgement
from ikan_desktop.domain.content import resource_path
from ikan_desktop.domain.evidence import ANSWER_MARKS
from ikan_desktop.domain.script_records import CONTINUE, InterviewScript
from ikan_desktop.domain.scripts import load_forms
from ikan_desktop.domain.tags import STRATEGY
from ikan_desktop.exchange.session_export import copy_file
from ikan_desktop.private_files import make_private_folder
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.settings import get_setting, set_setting
from ikan_desktop.store.task_times import record_task_shown
from ikan_desktop.workflows.roster import DEMO_CLASS, DEMO_TEACHER

SEEDED = "demo_interview_session"
DEMO_STUDENT = "Aroha Ngata"
DECISION_DELAY_MS = 1500  # the teacher decides a moment after the section's last tag


def demo_wav() -> Path:
    """The shipped demo recording."""
    return resource_path("demo", "demo-interview.wav")


SHOWN_AFTER_MS = 600


def demo_tags_file() -> Path:
    """The shipped demo recording's tags (times on its audio clock)."""
    return resource_path("demo", "demo-interview.yaml")


def seed_demo_interview(store: Store) -> str | None:
    """Add the recorded demo interview once; returns its session id (None without the student)."""
    existing = get_setting(store, SEEDED)
    if existing:
        return existing
    student = next(
        (
            s
            for s in student_store.iter_students(store, include_archived=True)
            if s.name == DEMO_STUDENT and s.details.class_name == DEMO_CLASS and s.can_record
        ),
        None,
    )
    if student is None:
        return None
    plan = yaml.safe_load(demo_tags_file().read_text(encoding="utf-8"))
    script = next(f for f in load_forms() if f.id == plan["script_id"])
    # One transaction: a failure part-way leaves no half-seeded interview to trip over later.
    with store.db.atomic():
        session_id = session_store.start_session(
            store,
            student_id=student.id,
            kind="strategy",
            script_id=script.id,
            script_version=script.version,
            form=script.form,
            assessor=DEMO_TEACHER,
        )
        target = session_store.audio_file_for(store, session_id)
        make_private_folder(target.parent)
        try:
            _seed_recording(store, session_id, script, plan["tags"], target)
        except BaseException:
            target.unlink(missing_ok=True)  # the rows roll back; so does the copied recording
            raise
    return session_id


def _seed_recording(
    store: Store, session_id: str, script: InterviewScript, tags: list[dict[str, Any]], target: Path
) -> None:
    copy_file(demo_wav(), target)
    # The demo is 11025 Hz (to stay under 2 MB), not the recorder's 16 kHz: the row must
    # say what the file really is, or review would put every tag in the wrong place.
    with wave.open(str(target), "rb") as handle:
        rate, frames = handle.getframerate(), handle.getnframes()
    session_store.set_audio(store, session_id, audio_path=target, rate=rate)
    _record(store, session_id, script, tags)
    session_store.finish_session(store, session_id, frames=frames, sha256=_sha256(target))
    set_setting(store, SEEDED, session_id)


def _record(
    store: Store, session_id: str, script: InterviewScript, tags: list[dict[str, Any]]
) -> None:
    seen: list[judgement.Observation] = []
    for number, item in enumerate(tags):
        if number == 0 or tags[number - 1]["task"] != item["task"]:
            # The teacher moved on just after the last observation of the previous task.
            shown = int(tags[number - 1]["t_ms"]) + SHOWN_AFTER_MS if number else 0
            record_task_shown(
                store,
                session_id=session_id,
                section_id=item["section"],
                task_id=item["task"],
                t_ms=min(shown, int(item["t_ms"])),
            )
        task = script.task(item["task"])
        stage = task.scoring.stage_for(item["code"]) if task and item["kind"] == STRATEGY else None
        tag_store.record_tag(
            store,
            session_id=session_id,
            t_ms=int(item["t_ms"]),
            kind=item["kind"],
            code=item["code"],
            section_id=item["section"],
            task_id=item["task"],
            stage=stage,
        )
        if task is not None and (item["kind"] == STRATEGY or item["code"] in ANSWER_MARKS):
            seen.append(judgement.Observation(task.id, task.domain, item["code"], item["t_ms"]))
        following = tags[number + 1]["section"] if number + 1 < len(tags) else None
        if following != item["section"]:
            _decide(store, session_id, script, item, seen, going_on=following is not None)


def _decide(
    store: Store,
    session_id: str,
    script: InterviewScript,
    last: dict[str, Any],
    seen: list[judgement.Observation],
    *,
    going_on: bool,
) -> None:
    section = script.section(last["section"])
    stages = judgement.task_stages(script, seen, section.id)
    suggestion = judgement.section_decision(section, stages)
    # The demo teacher went on to the next section when there was one, and stopped after the last.
    chosen = CONTINUE if going_on else suggestion.action
    tag_store.record_decision(
        store,
        session_id=session_id,
        section_id=section.id,
        suggested=suggestion.action,
        chosen=chosen,
        target_section_id=suggestion.target_section_id,
        t_ms=int(last["t_ms"]) + DECISION_DELAY_MS,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
