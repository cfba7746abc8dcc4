"""Small drawings for the profile: growth over time, and how far knowledge reaches on the ladder.

Both use the ladder's steps (0 at the bottom) so a parent reads them against the same scale.
Growth lines differ by dash and marker shape as well as shade, so they survive greyscale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.pdfbase.pdfmetrics import stringWidth

from ikan_desktop.reports.palette import (
    EXPECTED,
    EXPECTED_EDGE,
    FAINT_RULE,
    INK,
    MUTED,
    NOW,
    PAPER,
    RULE,
    series_style,
    wrap,
)
from ikan_desktop.reports.profile_data import DomainNow, RoundStages

AXIS_SIZE = 7.5
LEGEND_SIZE = 8.0
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def growth_drawing(
    rounds: Sequence[RoundStages],
    domains: Sequence[DomainNow],
    *,
    width: float,
    plot_height: float,
    top_stage: int,
    font: str,
) -> Drawing:
    """Step per domain at every interview so far, with the expected band shaded behind."""
    legend_width = min(112.0, width * 0.36)
    bottom = AXIS_SIZE + 8
    left, right = 16.0, width - legend_width - 10
    height = bottom + plot_height + 4
    drawing = Drawing(width, height)

    def y_of(stage: float) -> float:
        return bottom + (stage + 0.5) * plot_height / (top_stage + 1)

    xs = _x_positions(len(rounds), left + 14, right - 14)
    half = (xs[1] - xs[0]) / 2 if len(xs) > 1 else (right - left) / 2
    for index, (x, one_round) in enumerate(zip(xs, rounds, strict=True)):
        if one_round.expected is None:
            continue
        low, high = one_round.expected
        band_left = max(left, x - half) if index else left
        band_right = min(right, x + half) if index < len(xs) - 1 else right
        drawing.add(
            Rect(
                band_left,
                y_of(low - 0.42),
                band_right - band_left,
                y_of(high + 0.42) - y_of(low - 0.42),
                fillColor=EXPECTED,
                strokeColor=None,
            )
        )
    _axes(drawing, xs, rounds, left, right, bottom, plot_height, top_stage, y_of, font)

    offsets = [(i - (len(domains) - 1) / 2) * 3.2 for i in range(len(domains))]
    for index, domain in enumerate(domains):
        colour, dash, marker_name = series_style(index)
        points = [
            (x + offsets[index], y_of(stage))
            for x, one_round in zip(xs, rounds, strict=True)
            if (stage := one_round.stage_for(domain.domain_id)) is not None
        ]
        if len(points) > 1:
            flat = [value for point in points for value in point]
            drawing.add(PolyLine(flat, strokeColor=colour, strokeWidth=1.6, strokeDashArray=dash))
        for x, y in points:
            drawing.add(_marker(marker_name, x, y, colour))

    legend_left = width - legend_width
    y = height - LEGEND_SIZE - 2
    for index, domain in enumerate(domains):
        colour, dash, marker_name = series_style(index)
        drawing.add(
            Line(
                legend_left,
                y + 3,
                legend_left + 22,
                y + 3,
                strokeColor=colour,
                strokeWidth=1.6,
                strokeDashArray=dash,
            )
        )
        drawing.add(_marker(marker_name, legend_left + 11, y + 3, colour))
        for line in wrap(domain.name, font, LEGEND_SIZE, legend_width - 28):
            drawing.add(
                String(
                    legend_left + 28, y, line, fontName=font, fontSize=LEGEND_SIZE, fillColor=INK
                )
            )
            y -= LEGEND_SIZE + 2
        y -= 5
    return drawing


def _axes(
    drawing: Drawing,
    xs: Sequence[float],
    rounds: Sequence[RoundStages],
    left: float,
    right: float,
    bottom: float,
    plot_height: float,
    top_stage: int,
    y_of: Callable[[float], float],
    font: str,
) -> None:
    for stage in range(top_stage + 1):
        y = y_of(stage)
        drawing.add(Line(left, y, right, y, strokeColor=FAINT_RULE, strokeWidth=0.6))
        drawing.add(
            String(
                left - 5,
                y - 2.6,
                str(stage),
                fontName=font,
                fontSize=AXIS_SIZE,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    drawing.add(Line(left, bottom, left, bottom + plot_height, strokeColor=RULE, strokeWidth=0.8))
    drawing.add(Line(left, bottom, right, bottom, strokeColor=RULE, strokeWidth=0.8))
    every = _label_every(xs, _date_label(rounds[0]) if rounds else "", font)
    for index, (x, one_round) in enumerate(zip(xs, rounds, strict=True)):
        if index % every and index != len(xs) - 1:
            continue
        if index != len(xs) - 1 and len(xs) - 1 - index < every:
            continue  # keep the latest label clear of the one before it
        drawing.add(
            String(
                x,
                bottom - AXIS_SIZE - 3,
                _date_label(one_round),
                fontName=font,
                fontSize=AXIS_SIZE,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )


def knowledge_bar(stage: int | None, top_stage: int, *, font: str, width: float = 100) -> Drawing:
    """A row of cells 0…top, filled up to the knowledge step (or "not checked yet")."""
    height = 11.0
    drawing = Drawing(width, height)
    if stage is None:
        drawing.add(String(0, 2.5, "not checked yet", fontName=font, fontSize=7.5, fillColor=MUTED))
        return drawing
    number_room = 14.0
    cell = (width - number_room) / (top_stage + 1)
    for n in range(top_stage + 1):
        filled = n <= stage
        drawing.add(
            Rect(
                n * cell + 0.6,
                1,
                cell - 1.2,
                height - 2,
                fillColor=NOW if filled else PAPER,
                strokeColor=NOW if filled else RULE,
                strokeWidth=0.6,
            )
        )
    drawing.add(
        String(width, 2.5, str(stage), fontName=font, fontSize=8, fillColor=INK, textAnchor="end")
    )
    return drawing


def band_swatch(width: float = 22, height: float = 9) -> Drawing:
    """A small sample of the expected band, for a caption."""
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=EXPECTED, strokeColor=EXPECTED_EDGE))
    return drawing


def _marker(name: str, x: float, y: float, colour: object) -> object:
    marker = makeMarker(name)
    marker.x, marker.y = x, y
    marker.size = 6.5
    marker.fillColor = colour
    marker.strokeColor = PAPER
    marker.strokeWidth = 0.6
    return marker


def _x_positions(count: int, left: float, right: float) -> list[float]:
    if count <= 1:
        return [(left + right) / 2] * count
    step = (right - left) / (count - 1)
    return [left + i * step for i in range(count)]


def _date_label(one_round: RoundStages) -> str:
    return f"{MONTHS[one_round.on.month - 1]} {one_round.on.year}"


def _label_every(xs: Sequence[float], sample: str, font: str) -> int:
    if len(xs) < 2:
        return 1
    need = stringWidth(sample, font, AXIS_SIZE) + 6
    step = xs[1] - xs[0]
    every = 1
    while step * every < need:
        every += 1
    return every
