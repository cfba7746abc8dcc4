"""What the review waveform draws along its time axis: the ruler, the section and task bands, and
the tag lane (one mark per tag, stacked so labels stay readable).

Kept apart from the widget so the layout rule (greedy, left to right, up to three rows; a mark
with no free room shrinks to a small unlabelled pill rather than cover its neighbours) can be
read and changed in one place. Colours are one per strategy domain, chosen to stay apart for the
common kinds of colour-blindness, and a mark always carries its label as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ikan_desktop.domain.tags import clock_text
from ikan_desktop.workflows.review_timeline import SECTION, TASK, LaneTag, Span, Timeline

ROWS = 3
ROW_HEIGHT = 17.0
ROW_PITCH = 19.0
LANE_PAD = 3.0
LANE_HEIGHT = int(LANE_PAD * 2 + ROW_PITCH * (ROWS - 1) + ROW_HEIGHT) + 1
MIN_MARK_WIDTH = 20.0
COMPACT_WIDTH = 8.0
LABEL_GAP = 3.0  # between two labelled marks in a row
LINE_SPACING = 12.0  # a line through the waveform for every mark while marks are this far apart

_DOMAIN_COLOURS = {
    "additive": "#1f6fb4",
    "multiplicative": "#d4700a",
    "proportional": "#7b3fa0",
}
_NO_DOMAIN = "#6b7280"
INK = QColor("#16202a")
PAPER = QColor("#ffffff")
LINE = QColor("#d5dbe1")
MUTED = QColor("#5b6673")
RULER_BG = QColor("#f4f6f8")
MINOR_TICK = QColor("#b9c2cc")
BAND_TEXT = QColor("#2b3642")
SECTION_FILLS = (QColor("#e3e9f0"), QColor("#eef2f6"))
_TICKS = (  # (major, minor) in seconds; majors at least 64 px apart carry a label
    (1, 0.2), (2, 0.5), (5, 1), (10, 2), (15, 5), (30, 10), (60, 10), (120, 30), (300, 60),
    (600, 120), (900, 300), (1800, 300), (3600, 600), (7200, 1800), (14400, 3600),
)  # fmt: skip


def domain_colour(domain: str | None) -> QColor:
    """The colour of a strategy domain (blue, orange, purple; grey outside any task)."""
    return QColor(_colour(domain))


def _colour(domain: str | None) -> QColor:
    """The shared colour of a domain, for painting (not to be changed)."""
    colour = _COLOURS.get(domain)
    if colour is None:
        colour = _COLOURS[domain] = QColor(_DOMAIN_COLOURS.get(domain or "", _NO_DOMAIN))
    return colour


_COLOURS: dict[str | None, QColor] = {}


def faded(colour: QColor, alpha: int) -> QColor:
    """`colour` with a new alpha (0..255)."""
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


def tint(colour: QColor, amount: float) -> QColor:
    """`colour` mixed with white: `amount` 0 gives white, 1 the colour itself."""
    return QColor(
        round(255 + (colour.red() - 255) * amount),
        round(255 + (colour.green() - 255) * amount),
        round(255 + (colour.blue() - 255) * amount),
    )


class Axis(NamedTuple):
    """The time shown from x = `left` to x = `right`: `span_ms` from `start_ms`."""

    start_ms: float
    span_ms: float
    left: float
    right: float

    def x(self, t_ms: float) -> float:
        """The x of a time."""
        return self.left + (t_ms - self.start_ms) * (self.right - self.left) / self.span_ms


def paint_ruler(painter: QPainter, rect: QRect, axis: Axis) -> None:
    """A thin ruler with m:ss labels at round times and small ticks between them."""
    painter.fillRect(rect, RULER_BG)
    painter.setPen(LINE)
    painter.drawLine(rect.bottomLeft(), rect.bottomRight())
    px_per_s = 1000 * (axis.right - axis.left) / axis.span_ms
    major, minor = next(((a, b) for a, b in _TICKS if a * px_per_s >= 64), _TICKS[-1])
    first_s, last_s = axis.start_ms / 1000, (axis.start_ms + axis.span_ms) / 1000
    bottom = rect.bottom()
    if minor * px_per_s >= 6:
        painter.setPen(MINOR_TICK)
        for n in range(int(first_s / minor), int(last_s / minor) + 1):
            x = round(axis.x(n * minor * 1000))
            painter.drawLine(x, bottom - 3, x, bottom)
    metrics = painter.fontMetrics()
    painter.setPen(MUTED)
    for n in range(int(first_s / major), int(last_s / major) + 1):
        x = round(axis.x(n * major * 1000))
        painter.drawLine(x, bottom - 7, x, bottom)
        label = clock_text(n * major * 1000)
        if x + 3 + metrics.horizontalAdvance(label) <= rect.right() - 2:
            painter.drawText(x + 3, rect.top() + metrics.ascent() + 2, label)


def span_box(span: Span, rect: QRect, axis: Axis) -> QRectF | None:
    """Where a span is drawn in its band (clipped to the view), or None when out of view."""
    left = max(axis.x(span.start_ms), axis.left)
    right = min(axis.x(span.end_ms), axis.right)
    if right - left < 1:
        return None
    return QRectF(left, rect.top() + 1, right - left - 1, rect.height() - 2)


def paint_spans(
    painter: QPainter, rect: QRect, spans: tuple[Span, ...], axis: Axis, *, sections: bool
) -> None:
    """Sections in light alternating greys, tasks tinted in their domain's colour; labels elided."""
    metrics = painter.fontMetrics()
    for index, span in enumerate(spans):
        box = span_box(span, rect, axis)
        if box is None:
            continue
        colour = _colour(span.domain)
        painter.fillRect(box, SECTION_FILLS[index % 2] if sections else tint(colour, 0.2))
        if not sections:
            painter.fillRect(QRectF(box.left(), box.top(), 2, box.height()), colour)
        room = box.width() - 10
        text = metrics.elidedText(span.label, Qt.TextElideMode.ElideRight, room)
        if room >= 24 and text != "…":
            painter.setPen(BAND_TEXT)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box.adjusted(6, 0, -4, 0), align, text)


def paint_time_flag(painter: QPainter, x: float, t_ms: int, ruler: QRect) -> None:
    """The time of a mark being dragged, in a dark flag on the ruler above it."""
    text = clock_text(t_ms)
    width = painter.fontMetrics().horizontalAdvance(text) + 10
    box = QRectF(x - width / 2, ruler.top() + 1, width, ruler.height() - 2)
    box.moveLeft(min(max(box.left(), ruler.left() + 1), ruler.right() - 1 - width))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawRoundedRect(box, 4, 4)
    painter.setPen(PAPER)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class Mark(NamedTuple):
    """Where one tag is drawn: its time's x, its pill, its row, whether its label fits.

    A named tuple, not a frozen dataclass: a layout makes hundreds of these per view range.
    """

    tag: LaneTag
    x: float
    rect: QRectF
    row: int
    labelled: bool


def mark_font(base: QFont) -> QFont:
    """The font of mark labels: the widget's font at 9 pt, semi-bold."""
    font = QFont(base)
    font.setPointSizeF(9)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def layout_marks(
    tags: Sequence[LaneTag],
    xs: Sequence[float],
    *,
    top: float,
    left: float,
    right: float,
    widths: LabelWidths,
) -> list[Mark]:
    """Marks for the tags (in time order, at `xs`) that lie between `left` and `right`, stacked."""
    marks: list[Mark] = []
    ends = [float("-inf")] * ROWS
    low, high = left - 8, right + 8
    rows = range(ROWS)
    for tag, x in zip(tags, xs, strict=True):  # inlined: this runs for every tag in view
        if x < left - 0.5 or x > right + 0.5:
            continue
        width = widths(tag.label)
        start = x - width / 2
        labelled = True
        for row in rows:
            if ends[row] <= start - LABEL_GAP:
                break
        else:
            labelled, width, start = False, COMPACT_WIDTH, x - COMPACT_WIDTH / 2
            for row in rows:
                if ends[row] <= start - 1:
                    break
            else:
                row = ends.index(min(ends))
        start = min(max(start, low), high - width)
        ends[row] = max(ends[row], start + width)
        rect = QRectF(start, top + LANE_PAD + row * ROW_PITCH, width, ROW_HEIGHT)
        marks.append(Mark(tag, x, rect, row, labelled))
    return marks


class LabelWidths:
    """How wide a labelled mark is, per label (measured once)."""

    def __init__(self, font: QFont) -> None:
        self.metrics = QFontMetricsF(font)
        self._known: dict[str, float] = {}

    def __call__(self, label: str) -> float:
        width = self._known.get(label)
        if width is None:
            width = max(MIN_MARK_WIDTH, self.metrics.horizontalAdvance(label) + 10)
            self._known[label] = width
        return width


def draw_tag_lines(
    painter: QPainter, marks: list[Mark], top: float, skip: str | None = None, dense: bool = False
) -> None:
    """Thin lines from each mark up through the waveform to `top`, batched by colour.

    When `dense` (more marks than the waveform can show lines for), only labelled marks get one,
    so hundreds of tags in a whole-recording view do not paint over the waveform.

    Opaque, light tints on whole pixels without antialiasing: crisp, and Qt's raster engine
    blends translucent or antialiased lines pixel by pixel (~15-30 ms for 600 tags, not 1 ms).
    """
    groups: dict[tuple[str | None, bool], list[QLineF]] = {}
    for mark in marks:
        if mark.tag.id != skip and (mark.labelled or not dense):
            x = round(mark.x)
            line = QLineF(x, top, x, mark.rect.top() - 1)
            groups.setdefault((mark.tag.domain, mark.tag.deleted), []).append(line)
    hints = painter.renderHints()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for (domain, deleted), lines in groups.items():
        pen = QPen(tint(_colour(domain), 0.35 if deleted else 0.65), 0)
        if deleted:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLines(lines)
    painter.setRenderHints(hints)


def draw_mark(
    painter: QPainter,
    tag: LaneTag,
    rect: QRectF,
    *,
    labelled: bool,
    selected: bool = False,
    ghost: bool = False,
) -> None:
    """One mark: filled in its domain colour, hollow with a strike when deleted, ringed if selected."""
    colour = _colour(tag.domain)
    if ghost:
        pen = QPen(faded(colour, 150), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(faded(colour, 40))
    elif tag.deleted:
        painter.setPen(QPen(faded(colour, 170), 1))
        painter.setBrush(PAPER)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
    radius = min(5.0, rect.height() / 2, rect.width() / 2)
    inner = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    painter.drawRoundedRect(inner, radius, radius)
    if labelled and not ghost:
        painter.setPen(faded(colour, 190) if tag.deleted else PAPER)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tag.label)
    if tag.deleted and not ghost:
        painter.setPen(QPen(faded(colour, 190), 1.2))
        middle = rect.center().y()
        painter.drawLine(QPointF(rect.left() + 3, middle), QPointF(rect.right() - 3, middle))
    if selected:
        painter.setPen(QPen(INK, 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), radius + 1, radius + 1)


def draw_marks(painter: QPainter, marks: Iterable[Mark], skip: str | None = None) -> None:
    """Many marks in time order; live ones share pen and brush while their domain repeats.

    A whole-recording view draws hundreds of marks in every paint, so the common case (a live
    mark) costs one or two Qt calls instead of the six of `draw_mark`.
    """
    domain: object = _UNSET
    centre = Qt.AlignmentFlag.AlignCenter
    for mark in marks:
        tag = mark.tag
        if tag.id == skip:
            continue
        if tag.deleted:
            draw_mark(painter, tag, mark.rect, labelled=mark.labelled)
            domain = _UNSET
            continue
        if tag.domain != domain:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_colour(tag.domain))
            domain = tag.domain
        radius = 5.0 if mark.labelled else COMPACT_WIDTH / 2
        painter.drawRoundedRect(mark.rect, radius, radius)
        if mark.labelled:
            painter.setPen(PAPER)
            painter.drawText(mark.rect, centre, tag.label)
            painter.setPen(Qt.PenStyle.NoPen)


_UNSET = object()


def paint_lane(
    painter: QPainter,
    marks: list[Mark],
    *,
    wave_top: float,
    selected: str | None,
    widths: LabelWidths,
    dense: bool,
    dragged: tuple[Mark, float] | None = None,
) -> None:
    """Lines and marks; the selected (or dragged, at its new x over its ghost) mark on top."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw_tag_lines(painter, marks, wave_top, skip=selected, dense=dense)
    draw_marks(painter, marks, skip=selected)
    on_top = dragged or next(((m, m.x) for m in marks if m.tag.id == selected), None)
    if on_top is not None:
        mark, x = on_top
        if dragged is not None:
            draw_mark(painter, mark.tag, mark.rect, labelled=False, ghost=True)
        painter.setPen(QPen(INK, 2))
        painter.drawLine(QPointF(x, wave_top), QPointF(x, mark.rect.top()))
        rect = QRectF(
            x - widths(mark.tag.label) / 2, mark.rect.top(), widths(mark.tag.label), ROW_HEIGHT
        )
        draw_mark(painter, mark.tag, rect, labelled=True, selected=True)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def full_rect(mark: Mark, x: float, widths: LabelWidths) -> QRectF:
    """The mark's pill with its label, at `x`: how the selected or dragged mark is drawn."""
    if mark.labelled and x == mark.x:
        return mark.rect
    width = widths(mark.tag.label)
    return QRectF(x - width / 2, mark.rect.top(), width, ROW_HEIGHT)


def mark_at(
    marks: list[Mark], pos: QPointF, selected: str | None, widths: LabelWidths
) -> Mark | None:
    """The mark under `pos` (with 2 px to spare): the selected one first, then the top-most."""
    chosen = [m for m in marks if m.tag.id == selected]
    for mark in chosen + marks[::-1]:
        rect = full_rect(mark, mark.x, widths) if mark.tag.id == selected else mark.rect
        if rect.adjusted(-2, -2, 2, 2).contains(pos):
            return mark
    return None


def span_tooltip(timeline: Timeline, bands: dict[str, QRect], axis: Axis, pos: QPointF) -> str:
    """'a3-add-1 (0:30–0:43)' for the section or task span under `pos`, else ''."""
    for name, kind in (("sections", SECTION), ("tasks", TASK)):
        if bands[name].contains(pos.toPoint()):
            for span in timeline.spans_of(kind):
                box = span_box(span, bands[name], axis)
                if box is not None and box.contains(pos):
                    return f"{span.label} ({clock_text(span.start_ms)}–{clock_text(span.end_ms)})"
    return ""
