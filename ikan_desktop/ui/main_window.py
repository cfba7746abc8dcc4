"""The main window: the student list (or a welcome page), the demo class, the menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.store import Store, StoreError, open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import demo_dir
from ikan_desktop.ui.content_guard import explain_error
from ikan_desktop.ui.data_care.menu import add_data_care_menu
from ikan_desktop.ui.help import add_help_actions
from ikan_desktop.ui.help.identity import show_about
from ikan_desktop.ui.help.menu import add_help_items, open_guide
from ikan_desktop.ui.messages import show_store_error, unreadable_summary
from ikan_desktop.ui.overview.actions import add_class_menu
from ikan_desktop.ui.recovery_message import recover_and_tell, take_continue_request
from ikan_desktop.ui.roster.exchange_actions import add_exchange_actions, import_class_list
from ikan_desktop.ui.roster.roster_page import RosterPage
from ikan_desktop.ui.roster.welcome import WelcomePage
from ikan_desktop.ui.screen_fit import fit_to_screen
from ikan_desktop.ui.settings.text_size import apply_text_size
from ikan_desktop.ui.widgets.wheel_guard import guard_the_wheel
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.preferences import read_preferences


def open_data_folder(folder: Path, *, demo: bool = False) -> Store | None:
    """Open the teacher's store (or the demo store beside it); explain and return None on failure."""
    try:
        store = open_store(demo_dir(folder) if demo else folder)
    except StoreError as error:
        show_store_error(None, error)
        return None
    if demo:
        try:
            roster.seed_demo_class(store)
        except Exception as error:  # a broken content file: explain, and open what is there
            explain_error(None, error)
    recover_and_tell(store, demo_folder=None if demo else demo_dir(folder))
    return store


class MainWindow(QMainWindow):
    """One window; the page shown depends on whether there are students yet."""

    def __init__(self, *, home_folder: Path, store: Store, demo: bool = False) -> None:
        super().__init__()
        self.home_folder = home_folder
        self.store = store
        self.demo = demo
        self.setWindowTitle("ikan-desktop")
        self.resize(1200, 720)
        self.setMinimumSize(900, 560)

        self.banner = self._demo_banner()
        self.welcome = WelcomePage()
        self.roster = RosterPage(store)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.roster)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.welcome.add_student.connect(self.add_student)
        self.welcome.open_demo.connect(lambda: self.switch_to(demo=True))
        self.welcome.import_class.connect(lambda: import_class_list(self))
        self.welcome.open_guide.connect(lambda: open_guide(self))
        self.roster.add_requested.connect(self.add_student)
        self.roster.edit_requested.connect(self.edit_student)
        self.roster.archive_requested.connect(self.archive_student)
        self.roster.interview_requested.connect(self.start_interview)
        self.roster.profile_requested.connect(self.show_profile)
        self.roster.knowledge_requested.connect(self.start_knowledge_check)
        self.roster.reviews_requested.connect(self.show_interviews)
        self.launcher = None
        self._build_menus()
        self._refresh()
        apply_text_size(read_preferences(store).text_size)
        fit_to_screen(self, 1200, 720)
        QTimer.singleShot(0, self._continue_if_asked)
        guard_the_wheel()

    # ----- pages and stores -------------------------------------------------------------
    def _demo_banner(self) -> QWidget:
        banner = QWidget(objectName="demoBanner")
        banner.setStyleSheet("#demoBanner { background: #fff4ce; border-radius: 6px; }")
        row = QHBoxLayout(banner)
        text = QLabel(
            "<b>Demo class</b> — practice data, kept apart from your own students.",
            objectName="demoBannerText",
        )
        back = QPushButton("Back to my students", objectName="leaveDemo")
        back.clicked.connect(lambda: self.switch_to(demo=False))
        row.addWidget(text, 1)
        row.addWidget(back)
        return banner

    def switch_to(self, *, demo: bool) -> None:
        """Open the demo store or the teacher's own store in place of the current one."""
        store = open_data_folder(self.home_folder, demo=demo)
        if store is None:
            return
        self.close_store()
        self.store, self.demo = store, demo
        self.roster.set_store(store)
        self._refresh()
        QTimer.singleShot(0, self._continue_if_asked)

    def close_store(self) -> None:
        """Close the open database cleanly (checkpointing its log)."""
        if self.store is not None:
            self.store.close()
            self.store = None  # type: ignore[assignment]

    def _refresh(self) -> None:
        has_students = student_store.count_students(self.store, include_archived=True) > 0
        self.pages.setCurrentWidget(self.roster if has_students else self.welcome)
        self.banner.setVisible(self.demo)
        self.demo_action.setEnabled(not self.demo)
        self.leave_demo_action.setEnabled(self.demo)
        # Qt adds " — ikan-desktop" to a title that does not already end with the app's name.
        self.setWindowTitle("Demo class — ikan-desktop" if self.demo else "ikan-desktop")
        if has_students:
            self.roster.table.setFocus()
            if self.roster.selected() is None and self.roster.model.rowCount():
                self.roster.table.selectRow(0)
        else:
            self.welcome.add_button.setFocus()
        if self.store.unreadable:  # a mangled value is shown as unknown; say so, never crash
            self.statusBar().showMessage(unreadable_summary(self.store.unreadable))

    # ----- students ---------------------------------------------------------------------
    # The student dialog loads when first asked for: it is not needed to show the list.
    def add_student(self) -> None:
        from ikan_desktop.ui.roster.student_flow import new_student_dialog, run_student_dialog

        run_student_dialog(self, new_student_dialog(self), None)

    def show_settings(self, page: str = "") -> None:
        """Teacher and school; the interview; backups and retention (one dialog, its pages)."""
        from ikan_desktop.ui.settings.dialog import open_settings

        if open_settings(self, self.store, page):
            apply_text_size(read_preferences(self.store).text_size)

    def edit_student(self, student_id: str) -> None:
        from ikan_desktop.ui.roster.student_dialog import StudentDialog
        from ikan_desktop.ui.roster.student_flow import date_order, run_student_dialog

        student = student_store.get_student(self.store, student_id)
        dialog = StudentDialog(
            self,
            classes=roster.class_names(self.store),
            student=student,
            date_order=date_order(self.store),
        )
        run_student_dialog(self, dialog, student_id)

    def show_profile(self, student_id: str) -> None:
        """Preview the student's one-page profile (rendered off the GUI thread)."""
        from ikan_desktop.ui.profile.actions import open_student_profile

        open_student_profile(self, self.store, student_id)

    def print_class(self) -> None:
        """Save the selected student's whole class as profiles, with progress and cancel."""
        from ikan_desktop.ui.profile.actions import save_class_profiles

        student = self.roster.selected()
        if student and student.details.class_name:
            save_class_profiles(self, self.store, student.details.class_name)
        else:  # say why nothing happens, as the Class menu does
            QMessageBox.information(
                self,
                "Choose a student",
                "Select a student in a class first: everyone in that class gets a profile.",
            )

    def show_interviews(self, student_id: str | None = None) -> None:
        """The list of interviews (one student's, or everyone's) to open for review."""
        from ikan_desktop.ui.review.actions import open_session_list

        name = student_store.get_student(self.store, student_id).name if student_id else ""
        self.session_list = open_session_list(
            self, self.store, student_id=student_id, student_name=name
        )
        self.session_list.finished.connect(lambda _result: self.roster.reload())

    def review_interview(self, session_id: str) -> None:
        """Open one interview for review; the student list follows what is confirmed there."""
        from ikan_desktop.ui.review.actions import open_review

        window = open_review(self, self.store, session_id)
        if window is not None:
            window.closed.connect(self.roster.reload)  # type: ignore[attr-defined]

    def start_knowledge_check(self, student_id: str) -> None:
        """The counting interview and timed banks, in their own window."""
        from ikan_desktop.ui.interview.knowledge_start import open_knowledge_check

        student = student_store.get_student(self.store, student_id)
        window = open_knowledge_check(self, self.store, student)
        if window is not None:
            self.knowledge_window = window
            window.finished.connect(lambda _sid: self.roster.reload())
            window.review_requested.connect(self.review_interview)

    def start_interview(self, student_id: str, *, continuing: str | None = None) -> None:
        """Suggest a form and start section, then run the interview in its own window."""
        from ikan_desktop.ui.interview.launcher import InterviewLauncher

        student = student_store.get_student(self.store, student_id)
        self.launcher = InterviewLauncher(self, self.store)
        self.launcher.interview_finished.connect(
            lambda sid, summary: self._interview_done(student.name, sid, summary)
        )
        if continuing is not None:  # an interrupted interview, carried on where it stopped
            window = self.launcher.continue_interrupted(student, continuing)
        else:
            window = self.launcher.ask_and_start(student)
        if window is not None:
            self.hide()

    def _continue_if_asked(self) -> None:
        session_id = take_continue_request(self.store) if self.store is not None else None
        if session_id is not None:
            self.continue_interview(session_id)

    def continue_interview(self, session_id: str) -> None:
        """Carry on an interrupted interview where it stopped."""
        from ikan_desktop.store import sessions as session_store

        student_id = session_store.get_session(self.store, session_id).student_id
        self.start_interview(student_id, continuing=session_id)

    def _interview_done(self, name: str, session_id: str, summary: object) -> None:
        self.show()
        from ikan_desktop.ui.interview.launcher import show_summary

        self.roster.reload()
        if show_summary(self, name, summary):  # type: ignore[arg-type]
            self.review_interview(session_id)

    def archive_student(self, student_id: str, archived: bool) -> None:
        student = student_store.get_student(self.store, student_id)
        roster.archive_student(self.store, student_id, archived=archived)
        self.roster.reload()
        if archived:
            message = f"{student.name} archived. Tick “Show archived” to see or restore them."
        else:
            message = f"{student.name} restored."
        self.statusBar().showMessage(message, 8000)

    # ----- menus ------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        add = QAction("&Add student…", self, shortcut=QKeySequence.StandardKey.New)
        add.triggered.connect(self.add_student)
        self.demo_action = QAction("Open the &demo class", self)
        self.demo_action.triggered.connect(lambda: self.switch_to(demo=True))
        self.leave_demo_action = QAction("Bac&k to my students", self)
        self.leave_demo_action.triggered.connect(lambda: self.switch_to(demo=False))
        settings = QAction("&Settings…", self, shortcut=QKeySequence("Ctrl+,"))
        settings.triggered.connect(self.show_settings)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        interviews = QAction("All &interviews…", self, shortcut=QKeySequence("Ctrl+Shift+R"))
        interviews.triggered.connect(lambda: self.show_interviews(None))
        class_profiles = QAction("Save the &class's profiles…", self)
        class_profiles.triggered.connect(self.print_class)
        # Students in, then what goes out, then keeping data safe, then the demo, then Quit.
        file_menu.addAction(add)
        import_action, export_action, year_action = add_exchange_actions(self)
        file_menu.addActions([import_action, year_action])
        file_menu.addSeparator()
        file_menu.addActions([interviews, class_profiles, export_action])
        add_data_care_menu(self, file_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.demo_action, self.leave_demo_action])
        file_menu.addSeparator()
        file_menu.addAction(settings)
        file_menu.addAction(quit_action)
        add_class_menu(self)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About ikan-desktop", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        add_help_items(self, help_menu)
        add_help_actions(self, help_menu)

    def _about(self) -> None:
        show_about(self, self.home_folder)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()


__all__ = ["MainWindow", "Qt", "open_data_folder"]
