"""From a chosen student to a running interview and back: suggestions, consent, audio, finish."""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ikan_desktop.audio import audio_plan_for
from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.expectations import expected_stage
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.script_records import InterviewScript
from ikan_desktop.domain.scripts import load_forms
from ikan_desktop.domain.strategy_codes import StrategyCodes, load_strategy_codes
from ikan_desktop.domain.students import Student
from ikan_desktop.domain.tags import Tag
from ikan_desktop.private_files import make_private_folder
from ikan_desktop.store import Store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.ui import clean_stop, key_moment
from ikan_desktop.ui.interview.live_window import LiveWindow
from ikan_desktop.ui.interview.start_dialog import StartInterviewDialog
from ikan_desktop.workflows.clock import KeyTimedClock, MonotonicClock
from ikan_desktop.workflows.interview import RESPONSE_CODES, LiveInterview
from ikan_desktop.workflows.interview_end import seal_recording
from ikan_desktop.workflows.interview_plan import plan_sections
from ikan_desktop.workflows.interview_rules import InterviewRules, InterviewSummary
from ikan_desktop.workflows.interview_setup import last_confirmed_stage, next_form, start_section
from ikan_desktop.workflows.interview_writer import InterviewWriter
from ikan_desktop.workflows.preferences import read_preferences, save_preferences, teacher_name


class InterviewLauncher(QObject):
    """Owns one interview at a time: its window, its recorder, its end."""

    interview_finished = Signal(str, object)  # session id, InterviewSummary

    def __init__(self, parent: QWidget, store: Store) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.store = store
        self.codes: StrategyCodes = load_strategy_codes()
        self.forms: dict[str, InterviewScript] = {s.form: s for s in load_forms(codes=self.codes)}
        self.window: LiveWindow | None = None
        self.recorder = None
        self.writer: InterviewWriter | None = None
        self.rules: InterviewRules | None = None

    def ask_and_start(self, student: Student) -> LiveWindow | None:
        """Show the start dialog with the app's suggestions; start when the teacher agrees."""
        from ikan_desktop.audio.devices import input_devices

        forms = sorted(self.forms)
        suggested = next_form(self.store, student.id, forms=forms)
        sections = plan_sections(self.forms[suggested], self.codes)
        last = last_confirmed_stage(self.store, student.id)
        if last is not None:
            first = start_section(sections, last)
            reason = f"Suggested from the last confirmed stage ({last}): start a band below it."
        else:
            expected = expected_stage(load_framework(), student.details, on=date.today())
            if expected is None:
                first = sections[0]
                reason = "No confirmed stage yet, so the interview starts at the beginning."
            else:
                first = start_section(sections, expected.value.stage)
                when = expected.label[:1].lower() + expected.label[1:]
                reason = (
                    f"No confirmed stage yet, so it starts a band below the stage expected "
                    f"{when} (stage {expected.value})."
                )
        audio = audio_plan_for(student.can_record, bool(input_devices()))
        dialog = StartInterviewDialog(
            self.parent_widget,
            student_name=student.name,
            forms=forms,
            suggested_form=suggested,
            sections=sections,
            suggested_section=first,
            start_reason=reason,
            audio=audio,
        )
        dialog.check_microphone.clicked.connect(lambda: self._check_microphone(dialog))
        if not dialog.exec():
            return None
        return self.start(student, dialog.chosen_form(), dialog.chosen_section(), audio.record)

    def start(self, student: Student, form: str, section_id: str, record: bool) -> LiveWindow:
        """Create the session, start the recorder (or a clock), open the live screen."""
        script = self.forms[form]
        self.rules = InterviewRules(script, self.codes)
        clock = MonotonicClock()
        if record:
            from ikan_desktop.audio.recorder import Recorder

            microphone = read_preferences(self.store).microphone or None
            self.recorder = clock = Recorder(self, device=microphone)
        interview = LiveInterview.start(
            self.store,
            student_id=student.id,
            script_id=script.id,
            script_version=script.version,
            form=script.form,
            sections=plan_sections(script, self.codes),
            clock=KeyTimedClock(clock, key_moment.current),
            decide_section=self.rules.decide_section,
            start_section_id=section_id,
            assessor=teacher_name(self.store),
            writer=self._new_writer(),
        )
        no_audio = "" if record else audio_plan_for(student.can_record, False).reason
        if self.recorder is not None:
            path = session_store.audio_file_for(self.store, interview.session_id)
            with contextlib.suppress(OSError):  # if it cannot be made, the recorder says so
                make_private_folder(path.parent)
            recorder, session_id = self.recorder, interview.session_id

            def store_rate() -> None:
                """The rate the microphone really delivers, known once the recorder opened it."""
                session_store.set_audio(self.store, session_id, audio_path=path, rate=recorder.rate)

            recorder.started.connect(store_rate)  # after a permission prompt, opening is later
            recorder.start(path)
            store_rate()
        return self._open_window(interview, student, script, no_audio)

    def continue_interrupted(self, student: Student, session_id: str) -> LiveWindow | None:
        """Carry on an interrupted interview from where it stopped (its recording appended)."""
        from ikan_desktop.workflows.interview_continue import continue_interview, continue_point

        session = session_store.get_session(self.store, session_id)
        script = self.forms.get(session.form)
        if script is None or session.in_progress or session.kind != "strategy":
            QMessageBox.information(
                self.parent_widget,
                "This interview cannot be continued",
                "This interview's form is not one this version of ikan-desktop can carry on. "
                "It stays as it is, with everything saved; you can review it.",
            )
            return None
        self.rules = InterviewRules(script, self.codes)
        point = continue_point(self.store, session_id)
        path = session_store.audio_path_of(self.store, session)
        clock = MonotonicClock(start_ms=max(point.audio_ms, point.last_ms))
        no_audio = "This part of the interview is not being recorded."
        if path is not None and path.exists() and student.can_record and session.audio_rate:
            from ikan_desktop.audio.devices import input_devices
            from ikan_desktop.audio.recorder import Recorder

            if input_devices():
                self.recorder = clock = Recorder(self, rate=session.audio_rate)
                self.recorder.start(path, append=True)
                no_audio = ""
        interview = continue_interview(
            self.store,
            point,
            sections=plan_sections(script, self.codes),
            clock=KeyTimedClock(clock, key_moment.current),
            decide_section=self.rules.decide_section,
            writer=self._new_writer(),
        )
        return self._open_window(interview, student, script, no_audio)

    def _new_writer(self) -> InterviewWriter:
        """Each tag is committed on a thread of its own: the screen never waits for the disk."""
        self.writer = InterviewWriter(self.store.path)
        return self.writer

    def _open_window(
        self, interview: LiveInterview, student: Student, script: InterviewScript, no_audio: str
    ) -> LiveWindow:
        self.window = LiveWindow(
            interview,
            student_name=student.name,
            form_title=script.title,
            stage_text=lambda n: f"stage {n}",
            describe_tag=self.describe_tag,
            no_audio_reason=no_audio,
            level_signal=self.recorder.level if self.recorder is not None else None,
        )
        if self.recorder is not None:
            self.recorder.failed.connect(self.window.show_problem)
            if self.recorder.problem:  # it failed as it started, before the window was there
                self.window.show_problem(self.recorder.problem)
        self.window.finished.connect(self._finished)
        clean_stop.when_stopping(self.stop_now)
        watch = QTimer(self.window, interval=100)  # rows not yet on disk, or not saved, are said
        watch.timeout.connect(self._watch_writer)
        watch.start()
        self.window.show()
        return self.window

    def _watch_writer(self) -> None:
        if self.writer is None or self.window is None:
            return
        if self.writer.problem:
            self.window.show_problem(self.writer.problem)
        self.window.show_saving(self.writer.waiting())

    def describe_tag(self, tag: Tag) -> str:
        """The words for a tag in the strip: the code's label, or what the response was."""
        if tag.code in self.codes:
            return self.codes.get(tag.code).label
        if tag.code in RESPONSE_CODES:
            return RESPONSE_CODES[tag.code]
        return {"note": f"Note: {tag.note}", "flag": "Flagged"}.get(
            tag.code, tag.code.replace("_", " ").capitalize()
        )

    def _finished(self, session_id: str) -> None:
        self._seal(session_id)
        assert self.rules is not None
        tags = self.window.interview.tags() if self.window else []
        result: InterviewSummary = self.rules.summarise(tags)
        emit_safely(self.interview_finished, session_id, result)

    def _seal(self, session_id: str) -> None:
        """Close the recording and write its length and checksum (tags past its end clamped)."""
        clean_stop.forget(self.stop_now)
        if self.writer is not None:  # the interview has finished: everything is committed
            self.writer.close()
            self.writer = None
        if self.recorder is not None:
            summary = self.recorder.stop()
            self.recorder = None
            seal_recording(
                self.store, session_id, path=summary.path, frames=summary.frames, rate=summary.rate
            )

    def stop_now(self) -> None:
        """The system is closing the app: end the interview as Stop would, without asking."""
        window = self.window
        if window is None or window.interview.finished:
            return
        window.interview.finish()
        window.close()  # accepted now that the interview has finished
        self._seal(window.interview.session_id)

    def _check_microphone(self, parent: QWidget) -> None:
        from ikan_desktop.ui.settings.microphone_check import check_microphone

        preferences = read_preferences(self.store)
        chosen = check_microphone(parent, device_id=preferences.microphone)
        if chosen and chosen != preferences.microphone:
            save_preferences(self.store, preferences.changed(microphone=chosen))


def show_summary(parent: QWidget, student_name: str, summary: InterviewSummary) -> bool:
    """The suggested stages, per domain, with reasons; True when the teacher chose to review now."""
    lines = []
    for s in summary.domains:
        stage = "no stage yet" if s.stage is None else f"stage {s.stage}"
        stage += f" ({s.qualifier})" if s.qualifier else ""
        thin = " — needs more evidence" if s.needs_more_evidence else ""
        thin += " — contradictory evidence" if s.contradictory else ""
        note = f"<br><i>{s.note}</i>" if s.note else ""
        lines.append(f"<p><b>{s.domain.capitalize()}: {stage}</b>{thin}<br>{s.reason}{note}</p>")
    overall = summary.overall
    lines.append(f"<p><b>Overall: {overall.stage if overall.stage is not None else '—'}</b><br>")
    lines.append(f"{overall.reason}</p>")
    box = QMessageBox(parent)
    box.setWindowTitle(f"Interview saved — {student_name}")
    box.setText("<b>The interview is saved.</b> These stages are suggestions for you to confirm.")
    box.setInformativeText("".join(lines))
    box.setObjectName("interviewSummary")
    review = box.addButton("Review and confirm now", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(review)
    box.exec()
    return box.clickedButton() is review
