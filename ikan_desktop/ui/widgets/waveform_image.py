"""Where the view's bands sit, the waveform's pixels drawn from peaks with numpy, the playhead.

A 45-minute recording has 270,000 peak buckets, so each column of pixels reduces its buckets
with numpy (`reduceat`) and the columns become one opaque image; nothing loops over buckets in
Python. The image is kept until the view range or the size changes, so a moving playhead costs
almost nothing.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from ikan_desktop.audio.peaks import Peaks
from ikan_desktop.ui.widgets.tag_lane import LANE_HEIGHT, LINE, MUTED
from ikan_desktop.ui.widgets.time_window import TimeWindow

RULER_H, SECTION_H, TASK_H, GAP = 20, 17, 19, 2

WAVE_BG = QColor("#fafbfc")
WAVE_INK = 0xFF4F6275  # ARGB: the waveform's body (mean peaks), its outline (min/max),
WAVE_HALO = 0xFFA9B6C3  # its band and the band's centre line
WAVE_PAPER = 0xFFFAFBFC
WAVE_LINE = 0xFFD5DBE1
PLAYHEAD = QColor("#d62728")


def waveform_pixels(
    peaks: Peaks, start_ms: float, span_ms: float, cols: int, rows: int, gain: float
) -> np.ndarray:
    """ARGB pixels (rows × cols) of the waveform from `start_ms` over `span_ms`, one per column.

    Each column reduces its buckets with `reduceat`: the extremes draw a light outline, the mean
    peaks a dark body, so a whole-recording view still shows where the talk is and where the
    pauses are (the extremes alone are loud in nearly every column of a 45-minute view).
    """
    count = len(peaks.maxima)
    bucket_ms = peaks.frames_per_bucket * 1000 / peaks.rate
    edges = start_ms + np.arange(cols + 1) * (span_ms / cols)
    stop = int(min(count, max(1, np.ceil(edges[-1] / bucket_ms))))
    first = np.minimum(np.floor(edges[:-1] / bucket_ms).astype(np.int64), stop - 1)
    sizes = np.maximum(np.diff(np.append(first, stop)), 1)
    minima, maxima = peaks.minima[:stop], peaks.maxima[:stop]
    half = (rows - 1) / 2
    ys = np.arange(rows)[:, None]
    audible = edges[:-1] < count * bucket_ms
    pixels = np.full((rows, cols), WAVE_PAPER, dtype=np.uint32)
    pixels[round(half)] = WAVE_LINE
    envelopes = (
        (np.minimum.reduceat(minima, first), np.maximum.reduceat(maxima, first), WAVE_HALO),
        (np.add.reduceat(minima, first) / sizes, np.add.reduceat(maxima, first) / sizes, WAVE_INK),
    )
    for low, high, colour in envelopes:
        top = np.floor(half - np.clip(high * gain, -1, 1) * half)
        bottom = np.maximum(np.ceil(half - np.clip(low * gain, -1, 1) * half), top)
        pixels[(ys >= top) & (ys <= bottom) & audible] = colour
    return pixels


class WaveformImage:
    """The last waveform image drawn, reused while nothing it depends on has changed."""

    def __init__(self) -> None:
        self.gain = 1.0
        self._key: tuple | None = None
        self._image: QImage | None = None
        self._pixels: np.ndarray | None = None  # the image's memory

    def forget(self, peaks: Peaks | None) -> None:
        """New peaks: scale them so the speech fills the band (a single click must not win)."""
        self._key = None
        if peaks is not None and len(peaks.maxima):
            loudest = np.maximum(np.abs(peaks.minima), np.abs(peaks.maxima))
            rank = int((len(loudest) - 1) * 0.999)
            self.gain = 0.92 / max(float(np.partition(loudest, rank)[rank]), 0.05)

    def image_for(
        self, peaks: Peaks | None, window: TimeWindow, width: float, height: int, ratio: float
    ) -> QImage | None:
        """The image for a band of `width` × `height` (logical pixels) showing `window`."""
        if peaks is None or not len(peaks.maxima) or not peaks.rate:
            return None
        cols, rows = max(1, round(width * ratio)), max(2, round(height * ratio))
        return self.image(peaks, window.start, window.width, cols, rows, ratio)

    def image(
        self, peaks: Peaks, start_ms: float, span_ms: float, cols: int, rows: int, ratio: float
    ) -> QImage:
        """The waveform from `start_ms` over `span_ms` as an image of `cols` × `rows` pixels."""
        key = (id(peaks), start_ms, span_ms, cols, rows, self.gain)
        if key == self._key and self._image is not None:
            return self._image
        pixels = waveform_pixels(peaks, start_ms, span_ms, cols, rows, self.gain)
        self._pixels = pixels  # opaque: Qt copies it instead of blending it
        image = QImage(pixels.data, cols, rows, cols * 4, QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(ratio)
        self._key, self._image = key, image
        return image


def paint_playhead(
    painter: QPainter, x: float, bands: dict[str, QRect], pad_x: float, width: float
) -> None:
    """The red playhead line with its small triangle on the ruler."""
    if not pad_x - 1 <= x <= width - pad_x + 1:
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(PLAYHEAD, 1.5))
    top = bands["ruler"].top() + 6
    painter.drawLine(QPointF(x, top), QPointF(x, bands["lane"].bottom()))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PLAYHEAD)
    head = QPolygonF([QPointF(x - 5, top - 5), QPointF(x + 5, top - 5), QPointF(x, top + 2)])
    painter.drawPolygon(head)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def paint_waveform_band(
    painter: QPainter, rect: QRect, image: QImage | None, text: str, pad_x: int, width: int
) -> None:
    """The waveform image, or (while there is none) a short line of text in its place."""
    painter.fillRect(rect, WAVE_BG)
    painter.setPen(LINE)
    middle = rect.top() + rect.height() // 2
    painter.drawLine(pad_x, middle, width - pad_x, middle)
    if image is not None:
        painter.drawImage(QPointF(pad_x, rect.top()), image)
        return
    box = QRectF(rect).adjusted(pad_x, 0, -pad_x, 0)
    painter.setPen(MUTED)
    painter.fillRect(
        painter.fontMetrics().boundingRect(box.toRect(), Qt.AlignmentFlag.AlignCenter, text)
        .adjusted(-8, -2, 8, 2),
        WAVE_BG,
    )  # fmt: skip
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


def band_rects(width: int, height: int) -> dict[str, QRect]:
    """The ruler, section and task bands from the top, the tag lane at the bottom, the waveform
    in between, for a view of this size (less any scroll bar)."""
    inner, bottom = width - 2, height - 1
    bands, y = {}, 1
    for name, band_height in (("ruler", RULER_H), ("sections", SECTION_H), ("tasks", TASK_H)):
        bands[name] = QRect(1, y, inner, band_height)
        y += band_height
    lane_top = bottom - LANE_HEIGHT
    bands["waveform"] = QRect(1, y + GAP, inner, max(8, lane_top - y - GAP))
    bands["lane"] = QRect(1, lane_top, inner, LANE_HEIGHT)
    return bands
