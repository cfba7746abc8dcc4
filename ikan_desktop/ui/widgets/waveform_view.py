"""The review screen's waveform with its tag lane: the recording, its tasks and every tag on one clock.

The waveform image and the mark layout are kept until the view range changes, so a moving
playhead costs almost nothing. Times are on the recording's clock in milliseconds, like the
database, so what the teacher drags here is what gets stored.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from ikan_desktop.audio.peaks import Peaks
from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.tags import clock_text
from ikan_desktop.ui.widgets.mark_drag import MarkDrag
from ikan_desktop.ui.widgets.tag_lane import (
    LINE,
    LINE_SPACING,
    MUTED,
    Axis,
    LabelWidths,
    Mark,
    domain_colour,
    layout_marks,
    mark_at,
    mark_font,
    paint_lane,
    paint_ruler,
    paint_spans,
    paint_time_flag,
    span_tooltip,
)
from ikan_desktop.ui.widgets.time_window import TimeWindow
from ikan_desktop.ui.widgets.waveform_image import (
    WaveformImage,
    band_rects,
    paint_playhead,
    paint_waveform_band,
)
from ikan_desktop.workflows.review_timeline import SECTION, TASK, LaneTag, Timeline

__all__ = ["WaveformView", "domain_colour"]


PAD_X = 12  # room at both ends so a mark at 0:00 or at the end is not cut in half
WHEEL_ZOOM = 1.25
LOADING = "Loading the waveform…"

BACKGROUND = QColor("#ffffff")


class WaveformView(QWidget):
    """Ruler, section and task bands, waveform and tag lane of one recording, zoomable."""

    tag_clicked = Signal(str)
    tag_moved = Signal(str, int)
    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline = Timeline(0, (), ())
        self._tags: dict[str, LaneTag] = {}
        self._peaks: Peaks | None = None
        self._message = ""
        self._position = 0
        self._selected: str | None = None
        self._window = TimeWindow()
        self._drag: MarkDrag | None = None
        self._wave = WaveformImage()
        self._marks_key: tuple | None = None
        self._marks: list[Mark] = []
        self._text_font = QFont(self.font())
        self._text_font.setPointSizeF(9)
        self._mark_font = mark_font(self.font())
        self._widths = LabelWidths(self._mark_font)
        self._order: tuple[LaneTag, ...] = ()
        self._times = np.zeros(0)
        self.scrollbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.scrollbar.hide()
        self.scrollbar.valueChanged.connect(self._scrolled)
        self.setMouseTracking(True)
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Recording and tags")

    # ----- what is shown ---------------------------------------------------------------------
    def set_timeline(self, timeline: Timeline) -> None:
        """Show these tags and spans (and duration); the view range stays where it is."""
        self._timeline = timeline
        self._tags = {tag.id: tag for tag in timeline.tags}
        self._order = tuple(sorted(timeline.tags, key=lambda t: t.t_ms))
        self._times = np.array([t.t_ms for t in self._order], dtype=np.float64)
        if self._drag is not None and self._drag.mark.tag.id not in self._tags:
            self._drag = None
        self._marks_key = None
        self._set_range(self._window.start)

    def set_peaks(self, peaks: Peaks | None) -> None:
        """Draw these peaks; None draws "Loading the waveform…" (or the text of `set_message`)."""
        self._peaks = peaks
        self._wave.forget(peaks)
        self._set_range(self._window.start)

    @property
    def peaks(self) -> Peaks | None:
        """The peaks drawn now (None while they are loading, or without a recording)."""
        return self._peaks

    def set_message(self, text: str) -> None:
        """The text shown where the waveform would be while there are no peaks."""
        self._message = text
        self.update()

    def set_position(self, t_ms: int) -> None:
        """Move the playhead; a zoomed view follows it when it runs past the right edge."""
        before, self._position = self._position, t_ms
        self._window.duration = self._duration()
        if self._drag is None and self._window.follow(before, t_ms):  # never mid-drag
            self._set_range(self._window.start)
            return
        for t in (before, t_ms):  # only the strips under the old and the new playhead
            self.update(QRect(round(self.x_for_ms(t)) - 7, 0, 15, self.height()))

    def select_tag(self, tag_id: str | None) -> None:
        """Highlight this tag's mark (None: none); a zoomed view scrolls to show it."""
        self._selected = tag_id
        tag = self._tags.get(tag_id or "")
        self._window.duration = self._duration()
        if tag is not None and self._window.reveal(tag.t_ms):
            self._set_range(self._window.start)
            return
        self.update()

    # ----- the view range --------------------------------------------------------------------
    def zoom(self, factor: float, around_ms: int | None = None) -> None:
        """Zoom in (`factor` > 1) or out around a time (the middle by default), keeping it in place."""
        self._window.duration = self._duration()
        self._window.zoom(factor, around_ms)
        self._set_range(self._window.start)

    def visible_range(self) -> tuple[int, int]:
        """The (start_ms, end_ms) shown now."""
        return round(self._window.start), round(self._window.end)

    def x_for_ms(self, t_ms: float) -> float:
        """The x of a time in the current view."""
        return self._axis().x(t_ms)

    def ms_for_x(self, x: float) -> int:
        """The time under an x in the current view."""
        start, width = self._window.start, self._window.width
        return round(start + (x - PAD_X) * width / self._content_width())

    def band_rect(self, name: str) -> QRect:
        """Where a band is drawn: "ruler", "sections", "tasks", "waveform" or "lane"."""
        return self._bands()[name]

    def mark_rect(self, tag_id: str) -> QRectF | None:
        """Where a tag's mark is drawn now, or None when it is out of view."""
        return next((m.rect for m in self._layout() if m.tag.id == tag_id), None)

    def sizeHint(self) -> QSize:
        return QSize(960, 220)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, 190)

    def _duration(self) -> float:
        audio = self._peaks.duration_ms if self._peaks is not None else 0
        return float(max(self._timeline.duration_ms, audio, 1))

    def _visible_span(self) -> float:
        return self._window.width

    def _content_width(self) -> float:
        return max(1.0, self.width() - 2.0 * PAD_X)

    def _axis(self) -> Axis:
        return Axis(self._window.start, self._window.width, PAD_X, PAD_X + self._content_width())

    def _set_range(self, start: float) -> None:
        window = self._window
        window.duration = duration = self._duration()
        window.move_to(start)
        span, zoomed = window.width, window.span is not None
        bar = self.scrollbar
        bar.blockSignals(True)
        bar.setRange(0, round(duration - span))
        bar.setPageStep(max(1, round(span)))
        bar.setSingleStep(max(1, round(span / 20)))
        bar.setValue(round(window.start))
        bar.blockSignals(False)
        if bar.isVisible() != zoomed:
            bar.setVisible(zoomed)
            self._place_scrollbar()
        self.update()

    def _scrolled(self, value: int) -> None:
        self._set_range(float(value))

    def _place_scrollbar(self) -> None:
        height = self.scrollbar.sizeHint().height()
        self.scrollbar.setGeometry(1, self.height() - height - 1, self.width() - 2, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_scrollbar()
        super().resizeEvent(event)

    def _bands(self) -> dict[str, QRect]:
        zoomed = self._window.span is not None
        bar = self.scrollbar.sizeHint().height() if zoomed else 0
        return band_rects(self.width(), self.height() - bar)

    # ----- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        bands = self._bands()
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        painter.setFont(self._text_font)
        axis = self._axis()
        paint_ruler(painter, bands["ruler"], axis)
        spans = self._timeline.spans_of
        paint_spans(painter, bands["sections"], spans(SECTION), axis, sections=True)
        paint_spans(painter, bands["tasks"], spans(TASK), axis, sections=False)
        self._paint_waveform(painter, bands["waveform"])
        # a moving playhead repaints two thin strips: draw only the marks that touch them
        strips = [(r.left() - 1, r.right() + 1) for r in event.region()]
        if sum(right - left for left, right in strips) > self.width() // 2:
            strips = []
        self._paint_lane(painter, bands["lane"], bands["waveform"].top(), strips)
        self._paint_playhead(painter, bands)
        painter.setPen(LINE)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def _paint_waveform(self, painter: QPainter, rect: QRect) -> None:
        text = self._message or LOADING
        if self._peaks is not None and self._message == "":
            text = "This recording has no sound in it."
        image = self._wave.image_for(
            self._peaks,
            self._window,
            self._content_width(),
            rect.height(),
            self.devicePixelRatioF(),
        )
        paint_waveform_band(painter, rect, image, text, PAD_X, self.width())

    def _layout(self) -> list[Mark]:
        lane = self._bands()["lane"]
        start, width = self._window.start, self._window.width
        key = (id(self._timeline), start, width, self.width(), lane.top())
        if key != self._marks_key:
            scale = self._content_width() / width
            xs = (PAD_X + (self._times - start) * scale).tolist()
            self._marks = layout_marks(
                self._order,
                xs,
                top=lane.top(),
                left=PAD_X,
                right=self.width() - PAD_X,
                widths=self._widths,
            )
            self._marks_key = key
        return self._marks

    def _paint_lane(
        self, painter: QPainter, rect: QRect, wave_top: int, strips: list[tuple[int, int]]
    ) -> None:
        painter.setPen(LINE)
        painter.drawLine(rect.topLeft(), rect.topRight())
        if not self._timeline.tags:
            painter.setPen(MUTED)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "No tags yet")
            return
        marks = self._layout()
        dense = len(marks) * LINE_SPACING > self._content_width()
        if strips:
            marks = [
                m
                for m in marks
                if m.tag.id == self._selected
                or any(m.rect.right() >= a and m.rect.left() <= b for a, b in strips)
            ]
        dragged = self._drag.shown() if self._drag is not None else None
        painter.setFont(self._mark_font)
        paint_lane(
            painter,
            marks,
            wave_top=wave_top,
            selected=self._selected,
            widths=self._widths,
            dense=dense,
            dragged=dragged,
        )
        painter.setFont(self._text_font)
        if dragged is not None:
            paint_time_flag(painter, dragged[1], self.ms_for_x(dragged[1]), self._bands()["ruler"])

    def _paint_playhead(self, painter: QPainter, bands: dict[str, QRect]) -> None:
        paint_playhead(painter, self.x_for_ms(self._position), bands, PAD_X, self.width())

    # ----- mouse -----------------------------------------------------------------------------
    def _mark_at(self, pos: QPointF) -> Mark | None:
        return mark_at(self._layout(), pos, self._selected, self._widths)

    def _clamped_ms(self, x: float) -> int:
        return min(max(self.ms_for_x(x), 0), round(self._duration()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        mark = self._mark_at(pos)
        if mark is not None:
            self._selected = mark.tag.id
            self._drag = MarkDrag(mark, pos.x(), pos.x(), PAD_X, self.width() - PAD_X)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.update()
        elif pos.y() <= self._bands()["lane"].bottom():
            emit_safely(self.seek_requested, self._clamped_ms(pos.x()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        drag = self._drag
        if drag is None:
            over = self._mark_at(pos) is not None
            shape = Qt.CursorShape.OpenHandCursor if over else Qt.CursorShape.ArrowCursor
            self.setCursor(shape)
            return
        if drag.move(pos.x()):
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.update()
        x = event.position().x()
        if drag.moved_enough(x):
            drag.move(x)
            emit_safely(self.tag_moved, drag.mark.tag.id, self._clamped_ms(drag.mark_x))
        else:
            emit_safely(self.tag_clicked, drag.mark.tag.id)

    def leaveEvent(self, event: QEvent) -> None:
        if self._drag is None:
            self.unsetCursor()
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        steps = (delta.y() or delta.x()) / 120
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and steps:
            self.zoom(WHEEL_ZOOM**steps, self.ms_for_x(event.position().x()))
        elif self._window.span is not None and steps:
            self._window.scroll(steps)
            self._set_range(self._window.start)
        else:
            event.ignore()
            return
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_at(self, pos: QPointF) -> str:
        mark = self._mark_at(pos)
        if mark is not None:
            tag = mark.tag
            return f"{tag.title} — {clock_text(tag.t_ms)}" + (" (deleted)" if tag.deleted else "")
        return span_tooltip(self._timeline, self._bands(), self._axis(), pos)
