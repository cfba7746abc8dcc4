"""Export results from the demo class through the dialog: what goes out, what is held back."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ikan_desktop.store import open_store
from ikan_desktop.ui.roster.results_dialog import ResultsDialog
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.roster import DEMO_CLASS


def test_export_lists_unconfirmed_and_never_replaces_silently(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    with open_store(data_dir) as store:
        roster.seed_demo_class(store)
        dialog = ResultsDialog(None, store, class_name=DEMO_CLASS)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.export is not None, timeout=10000)
        assert dialog.summary.text().startswith("32 rounds of confirmed results for 8 students")
        assert dialog.held.count() == 1 and "Aroha Ngata" in dialog.held.item(0).text()
        with qtbot.waitSignal(dialog.review_requested) as opened:
            dialog.held.itemActivated.emit(dialog.held.item(0))
        assert len(opened.args[0]) == 36  # the interview's id, for the review window

        target = tmp_path / "results.csv"
        target.write_text("the teacher's own notes")
        dialog.save_to(target, replace=False)
        assert "already exists" in dialog.problem.text()
        assert target.read_text() == "the teacher's own notes"
        dialog.preset.setCurrentIndex(1)
        dialog.save_to(tmp_path / "nz.csv", replace=False)
        assert (tmp_path / "nz.csv").read_text("utf-8-sig").startswith("Student ID,Date,GloSS Form")

        dialog.since.setText("31/12/2099")
        dialog.refresh()
        qtbot.waitUntil(lambda: "no confirmed results" in dialog.summary.text(), timeout=10000)
        assert not dialog.save_button.isEnabled()
