"""The student list shows each child's maths: stages by band, knowledge, last interview, status."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ikan_desktop.domain.expectations import ExpectationBand
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.ui.overview.bands import BAND_FILL
from ikan_desktop.ui.roster.roster_page import RosterPage
from ikan_desktop.ui.roster.student_table import COLUMNS, StudentTableModel
from ikan_desktop.workflows import roster


@pytest.fixture
def demo_store(data_dir: Path):
    store = open_store(data_dir)
    roster.seed_demo_class(store)
    roster.add_student(store, StudentDetails(name="Nikau Brown", class_name="Room 7 (demo)"))
    yield store
    store.close()


def _model(store) -> StudentTableModel:
    model = StudentTableModel(store, maths=False)
    model.maths.attach(load_framework())
    return model


def _cell(model: StudentTableModel, name: str, header: str, role=Qt.ItemDataRole.DisplayRole):
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == header
    )
    row = next(r for r, s in enumerate(model.rows) if s.name == name)
    return model.data(model.index(row, column), role)


def test_each_child_shows_stage_name_and_band_colour(demo_store) -> None:
    model = _model(demo_store)
    assert model.columnCount() == len(COLUMNS) + 3 + 3
    assert _cell(model, "Sione Taufa", "Addition") == "4 · Advanced counting"
    fill = _cell(model, "Sione Taufa", "Addition", Qt.ItemDataRole.BackgroundRole)
    assert fill == BAND_FILL[ExpectationBand.WELL_BELOW]
    assert _cell(model, "Mereana Tūhoe-Walker", "Addition").startswith("early 5 · Early additive")
    tip = _cell(model, "Sione Taufa", "Addition", Qt.ItemDataRole.ToolTipRole)
    assert "well below expectation" in tip
    assert _cell(model, "Ana Lemalu", "Knowledge") == "NI 6 · NSO 6 · GPV 6 · BF 5 · FDP 4"
    assert _cell(model, "Ana Lemalu", "Last interview")
    assert _cell(model, "Ana Lemalu", "Status") == ""


def test_status_says_who_is_not_yet_interviewed_and_whose_interview_needs_confirming(
    demo_store,
) -> None:
    model = _model(demo_store)
    assert _cell(model, "Nikau Brown", "Status") == "Not yet interviewed"
    assert _cell(model, "Nikau Brown", "Addition") is None
    assert _cell(model, "Aroha Ngata", "Status") == "To confirm"
    assert _cell(model, "Aroha Ngata", "Last interview") == f"{date.today():%d %b %Y}"


def test_sorting_by_a_domain_puts_the_highest_stage_first(demo_store) -> None:
    model = _model(demo_store)
    column = len(COLUMNS)
    model.sort(column, Qt.SortOrder.DescendingOrder)
    names = [s.name for s in model.rows]
    assert names[0] == "Hūhana Kereama"
    assert names[-1] == "Nikau Brown"  # no stage yet
    model.sort(-1)
    assert model.rows[0].name == "Ana Lemalu"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("tuhoe", "Mereana Tūhoe-Walker"),
        ("HUHANA", "Hūhana Kereama"),
        ("Tūhoe", "Mereana Tūhoe-Walker"),
    ],
)
def test_search_ignores_macrons_and_case(demo_store, typed: str, found: str) -> None:
    model = _model(demo_store)
    model.set_filter(search=typed)
    assert [s.name for s in model.rows] == [found]


def test_the_columns_arrive_after_the_list_is_painted(qtbot: QtBot, demo_store) -> None:
    page = RosterPage(demo_store)
    qtbot.addWidget(page)
    page.resize(1300, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.columnCount() > len(COLUMNS), timeout=10000)
    page.table.horizontalHeader().setSortIndicator(len(COLUMNS), Qt.SortOrder.DescendingOrder)
    assert page.model.student_at(0).name == "Hūhana Kereama"
    assert page.model.rowCount(QModelIndex()) == 9


def test_the_stages_of_the_listed_children_are_read_off_the_gui_thread(
    qtbot: QtBot, demo_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikan_desktop.workflows import class_view

    threads: set[str] = set()
    real = class_view.list_standing

    def noting_the_thread(*args, **kwargs):
        threads.add(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(class_view, "list_standing", noting_the_thread)
    page = RosterPage(demo_store)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.columnCount() > len(COLUMNS), timeout=10000)
    assert threads and threading.main_thread().name not in threads
    assert _cell(page.model, "Sione Taufa", "Addition") == "4 · Advanced counting"


def test_standing_read_before_the_data_changed_is_not_shown(qtbot: QtBot, demo_store) -> None:
    from ikan_desktop.workflows.class_view import list_standing

    page = RosterPage(demo_store)
    qtbot.addWidget(page)
    framework = load_framework()
    sione = next(s for s in page.model.rows if s.name == "Sione Taufa")
    nikau = next(s for s in page.model.rows if s.name == "Nikau Brown")
    # What the worker read, then an edit or a confirmation reloads the list before it arrives:
    # Nikau's row as it no longer is (here, with Sione's stages).
    read_then = {nikau.id: list_standing(demo_store, sione, framework, date.today())}
    started = page.model.maths._generation
    page.model.reload()
    page.model.maths.attach(framework, read_then, started)
    assert _cell(page.model, "Nikau Brown", "Status") == "Not yet interviewed"
    assert _cell(page.model, "Nikau Brown", "Addition") is None


def test_a_student_chosen_before_the_columns_arrive_stays_chosen(qtbot: QtBot, demo_store) -> None:
    page = RosterPage(demo_store)
    qtbot.addWidget(page)
    page.model.maths.framework = None  # as at start-up, before the framework is read
    row = next(r for r, s in enumerate(page.model.rows) if s.name == "Sione Taufa")
    page.table.selectRow(row)
    assert page.selected().name == "Sione Taufa"
    page.model.maths.attach(load_framework())
    assert page.model.columnCount() > len(COLUMNS)
    assert page.selected() is not None and page.selected().name == "Sione Taufa"


def test_consent_without_a_known_date_still_lists_the_child(data_dir: Path) -> None:
    store = open_store(data_dir)
    given = date(2026, 2, 3)
    roster.add_student(
        store, StudentDetails(name="Mere Tane", recording_consent=True, consent_date=given)
    )
    store.db.execute("UPDATE students SET consent_date = NULL")  # an import or a mangled row
    model = _model(store)
    consent = COLUMNS[5]
    assert _cell(model, "Mere Tane", consent) == "Yes"
    store.close()


def test_columns_arriving_after_the_list_was_closed_are_dropped_quietly(
    qtbot: QtBot, demo_store
) -> None:
    page = RosterPage(demo_store)
    model = page.model  # held, as the worker reading its columns holds it
    shiboken6.delete(page)  # the window went while the worker was still reading
    with qtbot.captureExceptions() as raised:
        model.maths.attach(load_framework())
        QApplication.processEvents()
    assert not raised


@pytest.mark.parametrize("width", [1050, 1300])
def test_the_maths_columns_fit_the_list_without_scrolling(
    qtbot: QtBot, demo_store, width: int
) -> None:
    # 1050 is the list's width on a 1366-pixel laptop at 125 % text.
    page = RosterPage(demo_store)
    qtbot.addWidget(page)
    page.resize(width, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.columnCount() > len(COLUMNS), timeout=10000)
    header = page.table.horizontalHeader()
    status = next(
        c
        for c in range(page.model.columnCount())
        if page.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        == "Status"
    )
    right_edge = header.sectionViewportPosition(status) + header.sectionSize(status)
    assert right_edge <= page.table.viewport().width()
    addition = len(COLUMNS)
    assert header.sectionSize(addition) >= 130  # a stage stays readable
