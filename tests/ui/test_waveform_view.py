"""The review waveform with real peaks from a real WAV: dragging, clicking, seeking, zoom, pixels."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from ikan_desktop.audio.peaks import load_peaks
from ikan_desktop.ui.widgets.waveform_view import WaveformView, domain_colour
from ikan_desktop.workflows.review_timeline import SECTION, TASK, LaneTag, Span, Timeline

RATE = 16000
SECONDS = 20


def write_half_loud_wav(path: Path) -> Path:
    """Silence for the first half, loud noise for the second."""
    rng = np.random.default_rng(7)
    samples = np.zeros(RATE * SECONDS, dtype=np.float32)
    half = len(samples) // 2
    samples[half:] = rng.uniform(-0.8, 0.8, len(samples) - half)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((samples * 32767).astype("<i2").tobytes())
    return path


def tag(tag_id: str, t_ms: int, label: str, domain: str | None, deleted: bool = False) -> LaneTag:
    return LaneTag(tag_id, t_ms, label, f"title of {tag_id}", "strategy", domain, 1, deleted, True)


TIMELINE = Timeline(
    duration_ms=SECONDS * 1000,
    tags=(
        tag("a", 3000, "CO", "additive"),
        tag("m", 12000, "SC", "multiplicative"),
        tag("p", 16500, "✓", "proportional"),
        tag("gone", 6000, "MT", "additive", deleted=True),
    ),
    spans=(
        Span(TASK, "a1-add-1", "a1-add-1", 1000, 9000, "additive"),
        Span(TASK, "a1-mul-1", "a1-mul-1", 9000, 20000, "multiplicative"),
        Span(SECTION, "counting", "Counting all or on", 1000, 20000),
    ),
)


@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path) -> WaveformView:
    peaks = load_peaks(write_half_loud_wav(tmp_path / "interview.wav"))
    widget = WaveformView()
    qtbot.addWidget(widget)
    widget.resize(1000, 220)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_timeline(TIMELINE)
    widget.set_peaks(peaks)
    return widget


def ms_per_px(view: WaveformView) -> float:
    start, end = view.visible_range()
    return (end - start) / (view.width() - 24)


def mark_point(view: WaveformView, tag_id: str) -> QPoint:
    t_ms = next(t.t_ms for t in TIMELINE.tags if t.id == tag_id)
    rect = view.mark_rect(tag_id)
    assert rect is not None
    return QPoint(round(view.x_for_ms(t_ms)), round(rect.center().y()))


def grab(view: WaveformView) -> QImage:
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def column(image: QImage, x: int, band) -> list[int]:
    return [image.pixel(x, y) for y in range(band.top(), band.bottom() + 1)]


def test_dragging_a_mark_100_px_emits_its_new_time(view: WaveformView, qtbot: QtBot) -> None:
    start = mark_point(view, "a")
    drop = start + QPoint(100, 0)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    for step in range(10, 101, 10):
        qtbot.mouseMove(view, start + QPoint(step, 0))
    with (
        qtbot.waitSignal(view.tag_moved, timeout=1000) as moved,
        qtbot.assertNotEmitted(view.tag_clicked),
    ):
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=drop)
    tag_id, t_ms = moved.args
    assert tag_id == "a"
    assert abs(t_ms - view.ms_for_x(drop.x())) <= ms_per_px(view)
    assert t_ms > 3000 + 90 * ms_per_px(view)


def test_a_press_and_release_without_moving_is_a_click(view: WaveformView, qtbot: QtBot) -> None:
    with (
        qtbot.waitSignal(view.tag_clicked, timeout=1000) as clicked,
        qtbot.assertNotEmitted(view.tag_moved),
        qtbot.assertNotEmitted(view.seek_requested),
    ):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=mark_point(view, "m"))
    assert clicked.args == ["m"]


def test_a_small_wobble_under_4_px_is_still_a_click(view: WaveformView, qtbot: QtBot) -> None:
    start = mark_point(view, "p")
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(2, 0))
    with qtbot.waitSignal(view.tag_clicked, timeout=1000), qtbot.assertNotEmitted(view.tag_moved):
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(3, 0))


def test_a_click_on_the_waveform_seeks_to_the_time_under_the_cursor(
    view: WaveformView, qtbot: QtBot
) -> None:
    band = view.band_rect("waveform")
    where = QPoint(round(view.x_for_ms(7000)), band.center().y())
    with (
        qtbot.waitSignal(view.seek_requested, timeout=1000) as seek,
        qtbot.assertNotEmitted(view.tag_clicked),
    ):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=where)
    assert abs(seek.args[0] - 7000) <= ms_per_px(view)


def test_zooming_in_narrows_the_view_and_keeps_the_time_under_the_cursor(
    view: WaveformView,
) -> None:
    assert view.visible_range() == (0, SECONDS * 1000)
    assert not view.scrollbar.isVisible()
    x_before = view.x_for_ms(8000)
    view.zoom(2, around_ms=8000)
    start, end = view.visible_range()
    assert end - start == pytest.approx(10000, abs=2)
    assert view.x_for_ms(8000) == pytest.approx(x_before, abs=1)
    assert view.scrollbar.isVisible()
    view.zoom(1000, around_ms=8000)
    start, end = view.visible_range()
    assert end - start == pytest.approx(5000, abs=2)  # no closer than about 5 s across
    assert start <= 8000 <= end
    view.zoom(1 / 1000)
    assert view.visible_range() == (0, SECONDS * 1000)
    assert not view.scrollbar.isVisible()


def test_zoom_clamps_at_both_ends_of_the_recording(view: WaveformView) -> None:
    view.zoom(2, around_ms=10000)
    assert view.visible_range() == (5000, 15000)
    view.zoom(1 / 1.8, around_ms=14500)  # 14.5 s stays at 95 % across: the start would be < 0
    assert view.visible_range() == (0, 18000)
    view.zoom(1.8, around_ms=9000)
    assert view.visible_range() == (4000, 14000)
    view.zoom(1 / 1.8, around_ms=4500)  # 4.5 s stays at 5 %: the end would be past the end
    assert view.visible_range() == (2000, SECONDS * 1000)


def test_ctrl_wheel_zooms_around_the_cursor_and_the_plain_wheel_scrolls(
    view: WaveformView,
) -> None:
    x = view.x_for_ms(12000)

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        point = QPointF(x, view.band_rect("waveform").center().y())
        event = QWheelEvent(
            point,
            view.mapToGlobal(point),
            QPoint(0, 0),
            QPoint(0, -120 if modifiers == Qt.KeyboardModifier.NoModifier else 240),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view, event)

    wheel(Qt.KeyboardModifier.ControlModifier)
    start, end = view.visible_range()
    assert end - start < SECONDS * 1000 * 0.7
    assert view.x_for_ms(12000) == pytest.approx(x, abs=1)
    wheel(Qt.KeyboardModifier.NoModifier)
    assert view.visible_range()[0] > start
    assert view.visible_range()[1] - view.visible_range()[0] == pytest.approx(end - start, abs=2)


def test_the_playhead_running_off_a_zoomed_view_is_followed(view: WaveformView) -> None:
    view.zoom(4, around_ms=2000)
    start, end = view.visible_range()
    view.set_position(start + 1000)
    view.set_position(end - 20)
    assert view.visible_range() == (start, end)
    view.set_position(end + 30)
    new_start, new_end = view.visible_range()
    assert new_start > start
    assert new_start < end + 30 < new_end


def test_selecting_a_tag_out_of_view_scrolls_to_it(view: WaveformView) -> None:
    view.zoom(4, around_ms=2000)
    assert view.mark_rect("p") is None
    view.select_tag("p")
    start, end = view.visible_range()
    assert start < 16500 < end
    assert view.mark_rect("p") is not None


def test_each_mark_is_drawn_in_its_domain_colour(view: WaveformView) -> None:
    image = grab(view)
    lane = view.band_rect("lane")
    for lane_tag in TIMELINE.tags[:3]:
        pixels = column(image, round(view.x_for_ms(lane_tag.t_ms)), lane)
        assert domain_colour(lane_tag.domain).rgb() in pixels, lane_tag.id
    empty = column(image, round(view.x_for_ms(8000)), lane)
    colours = {domain_colour(d).rgb() for d in ("additive", "multiplicative", "proportional")}
    assert not colours & set(empty)
    assert domain_colour("additive").rgb() != domain_colour("multiplicative").rgb()


def test_a_deleted_tag_is_drawn_hollow_with_a_tooltip_that_says_so(
    view: WaveformView, qtbot: QtBot
) -> None:
    image = grab(view)
    rect = view.mark_rect("gone")
    assert rect is not None
    inside = [
        image.pixel(x, round(rect.top()) + 3)
        for x in range(round(rect.left()) + 3, round(rect.right()) - 2)
    ]
    assert domain_colour("additive").rgb() not in inside  # not filled
    assert inside.count(QColor("#ffffff").rgb()) > len(inside) // 2
    point = mark_point(view, "gone")
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, point, view.mapToGlobal(point)))
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=1000)
    assert QToolTip.text() == "title of gone — 0:06 (deleted)"


def test_the_selected_mark_gets_a_dark_outline(view: WaveformView) -> None:
    lane = view.band_rect("lane")
    x = round(view.x_for_ms(12000))

    def darkest() -> int:
        return min(sum((p >> s) & 0xFF for s in (0, 8, 16)) for p in column(grab(view), x, lane))

    before = darkest()
    view.select_tag("m")
    assert darkest() < before - 100


def test_loud_and_silent_parts_of_the_recording_look_different(view: WaveformView) -> None:
    image = grab(view)
    band = view.band_rect("waveform")
    paper = image.pixel(round(view.x_for_ms(5000)), band.top() + 2)

    def inked(t_ms: int) -> int:
        return sum(1 for p in column(image, round(view.x_for_ms(t_ms)), band) if p != paper)

    silent, loud = inked(5000), inked(15000)
    assert silent <= 3  # the centre line only
    assert loud > band.height() * 0.6
    view.set_peaks(None)  # loading: no waveform is drawn until the peaks arrive
    image = grab(view)
    assert inked(15000) <= 3


PAINT_MANY = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from ikan_desktop.ui.widgets.waveform_view import WaveformView
from ikan_desktop.workflows.review_timeline import LaneTag, Timeline
app = QApplication([])
view = WaveformView()
view.resize(1366, 220)
view.show()
tags = tuple(
    LaneTag(f"t{n}", n * 4000, "CO", "", "strategy", "additive", 1, n % 9 == 0, True)
    for n in range(300)
)
view.set_timeline(Timeline(1_200_000, tags, ()))
for n in range(100):
    view.zoom(1.02 if n < 50 else 1 / 1.02)
    view.grab()  # paints whether or not the window is exposed yet
print("painted")
"""


def test_a_long_session_of_repaints_does_not_crash_the_app() -> None:
    """PySide6 6.12.0 takes a reference from None on every void call; the app guards against it."""
    result = subprocess.run(
        [sys.executable, "-c", PAINT_MANY], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-800:]
    assert result.stdout.strip() == "painted"
