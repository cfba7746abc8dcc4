"""Run in a subprocess on a given offscreen screen: open every top-level window, report the fit.

Prints one JSON line per window: its frame, the screen's available area, and each essential
control with whether it is shown in full (not hidden, not clipped by the window or a scroller).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

app = QApplication([])

from interview_helpers import live_window, start_interview  # noqa: E402
from review_helpers import recorded_interview  # noqa: E402

from ikan_desktop.domain.strategy_codes import load_strategy_codes  # noqa: E402
from ikan_desktop.store import open_store  # noqa: E402


class Level(QObject):
    level = Signal(float, float)


def settle() -> None:
    for _ in range(20):
        app.processEvents()


def shown_in_full(widget: QWidget) -> bool:
    """Visible, inside its window, and not cut off by any parent (a scroll area included)."""
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return False
    return widget.visibleRegion().boundingRect() == widget.rect()


def report(name: str, window: QWidget, essentials: dict[str, QWidget]) -> None:
    window.show()
    settle()
    frame = window.frameGeometry()
    area = window.screen().availableGeometry()
    print(
        json.dumps(
            {
                "window": name,
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "area": [area.x(), area.y(), area.width(), area.height()],
                "essentials": {k: shown_in_full(w) for k, w in essentials.items()},
            }
        ),
        flush=True,
    )


def main(folder: Path) -> None:
    from ikan_desktop.ui.main_window import MainWindow

    _store, interview, rules = start_interview(folder / "live", start="counting-all-or-on")
    level = Level()
    live = live_window(interview, rules, level_signal=level.level)
    keys = {f"key {k}": b for k, b in live.scoring.buttons.items()}
    essentials = {
        "Stop": live.stop_button,
        "Pause": live.pause_button,
        "level meter": live.level,
        "recording": live.recording,
        "prompt": live.task_panel.prompt,
        "card": live.task_panel.card,
        "observation strip": live.strip,
    }
    legend = {k: b for k, b in keys.items() if not k.startswith("key decide:")}
    report("live interview", live, essentials | legend)
    longest = max(
        ((s, t) for s, section in enumerate(interview.sections) for t in range(len(section.tasks))),
        key=lambda st: len(interview.sections[st[0]].tasks[st[1]].choices),
    )
    interview.section_index, interview.task_index = longest
    live.refresh()
    keys = {f"key {k}": b for k, b in live.scoring.buttons.items()}
    legend = {k: b for k, b in keys.items() if not k.startswith("key decide:")}
    report("live interview, longest scoring guide", live, essentials | legend)
    while interview.pending is None:
        interview.next_task()
    live.refresh()
    decision = {"section-end reason": live.scoring.decision_reason} | {
        k: b for k, b in keys.items() if k.startswith("key decide:")
    }
    report("live interview, section end", live, decision)
    live._allow_close = True
    live.close()

    home = open_store(folder / "home")
    session_id = recorded_interview(home)
    main_window = MainWindow(home_folder=folder / "home", store=home)
    roster = main_window.roster
    report(
        "main window",
        main_window,
        {
            "student list": roster.table,
            "Start interview": roster.interview_button,
            "Review": roster.reviews_button,
            "Profile": roster.profile_button,
        },
    )
    from ikan_desktop.ui.review.review_window import ReviewWindow

    review = ReviewWindow(home, session_id)
    report(
        "review",
        review,
        {
            "waveform": review.waveform,
            "play": review.play_button,
            "tag list": review.table,
            "Close": review.close_button,
            "Export": review.export_button,
        },
    )
    review.close()
    from ikan_desktop.ui.profile.actions import preview_available

    if preview_available():
        from ikan_desktop.ui.profile.preview import ProfilePreviewDialog
        from ikan_desktop.workflows.keyboard_card import keyboard_card_pdf

        pdf = keyboard_card_pdf(load_strategy_codes())
        preview = ProfilePreviewDialog(pdf, title="Profile", file_name="p.pdf", note="")
        report(
            "profile preview",
            preview,
            {"Print": preview.print_button, "Save": preview.save_button},
        )
    from ikan_desktop.ui.help.guide import GuideWindow

    guide = GuideWindow()
    report("guide", guide, {"text": guide.text})

    from ikan_desktop.domain.scripts import load_knowledge_check
    from ikan_desktop.ui.interview.knowledge_window import KnowledgeWindow
    from ikan_desktop.ui.review.session_list import SessionListDialog
    from ikan_desktop.ui.settings.dialog import SettingsDialog
    from ikan_desktop.workflows.clock import MonotonicClock
    from ikan_desktop.workflows.knowledge_check import KnowledgeCheckRun

    student_id = review.review.student.id
    run = KnowledgeCheckRun.start(
        home, student_id=student_id, check=load_knowledge_check(), clock=MonotonicClock()
    )
    knowledge = KnowledgeWindow(run, student_name="Ana Lemalu")
    report("knowledge check", knowledge, {"Stop": knowledge.stop_button})
    knowledge._allow_close = True
    knowledge.close()
    sessions = SessionListDialog(home, student_id=student_id, student_name="Ana")
    report("interview list", sessions, {"Review": sessions.open_button})
    settings = SettingsDialog(home)
    ok = settings.findChild(QDialogButtonBox)
    report("settings", settings, {"OK": ok, "pages": settings.contents})


if __name__ == "__main__":
    main(Path(sys.argv[1]))
