"""The stage ladders: one ladder of steps 0–8 per strategy domain, side by side.

Each row is a step, named once on the left in parents' words; each column is a domain, with
step 0 at the bottom. The child's step now is a dark rung, the steps already climbed are grey,
the next step is a dashed rung, and the pale band behind the rungs is where we expect a child
to be for their time at school.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from ikan_desktop.reports.palette import (
    EARLIER,
    EXPECTED,
    EXPECTED_EDGE,
    FAINT_RULE,
    INK,
    MUTED,
    NOW,
    PAPER,
    RULE,
    fit_size,
    wrap,
)
from ikan_desktop.reports.profile_data import DomainNow, StageKeyEntry

ROW_HEIGHT = 15.5
LABEL_SIZE = 8.5
HEADER_SIZE = 9.0
NUMBER_GAP = 15.0


@dataclass(frozen=True, slots=True)
class LadderLayout:
    """Column widths shared by the ladder drawing and the text printed under it."""

    width: float
    label_width: float
    column_width: float
    columns: int

    def column_left(self, index: int) -> float:
        """The x where domain column `index` starts."""
        return self.label_width + index * self.column_width


def ladder_layout(
    width: float, stage_key: Sequence[StageKeyEntry], columns: int, *, font: str
) -> LadderLayout:
    """Share `width` between the step names and one column per domain."""
    widest = max(stringWidth(entry.parent_name, font, LABEL_SIZE) for entry in stage_key)
    label_width = min(NUMBER_GAP + widest + 10, width * 0.46)
    label_width = max(label_width, width - columns * 150)  # columns never wider than they need
    column_width = (width - label_width) / max(columns, 1)
    return LadderLayout(width, label_width, column_width, max(columns, 1))


def ladder_drawing(
    domains: Sequence[DomainNow],
    stage_key: Sequence[StageKeyEntry],
    layout: LadderLayout,
    *,
    font: str,
    bold: str,
) -> Drawing:
    """The ladders for every strategy domain, with the domain names as column headings."""
    header_lines = [wrap(d.name, bold, HEADER_SIZE, layout.column_width - 8) for d in domains]
    header_height = max(len(lines) for lines in header_lines) * (HEADER_SIZE + 1.5) + 6
    steps = sorted((entry for entry in stage_key), key=lambda entry: entry.number)
    body_height = len(steps) * ROW_HEIGHT
    drawing = Drawing(layout.width, body_height + header_height)
    row_y = {
        entry.number: index * ROW_HEIGHT for index, entry in enumerate(steps)
    }  # 0 at the bottom

    for entry in steps:
        y = row_y[entry.number]
        drawing.add(Line(0, y, layout.width, y, strokeColor=FAINT_RULE, strokeWidth=0.5))
        drawing.add(
            String(
                NUMBER_GAP - 5,
                y + 5,
                str(entry.number),
                fontName=bold,
                fontSize=LABEL_SIZE,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
        room = layout.label_width - NUMBER_GAP - 6
        size = fit_size(entry.parent_name, font, LABEL_SIZE, 6.5, room)
        drawing.add(
            String(
                NUMBER_GAP, y + 5, entry.parent_name, fontName=font, fontSize=size, fillColor=INK
            )
        )

    for index, (domain, lines) in enumerate(zip(domains, header_lines, strict=True)):
        left = layout.column_left(index)
        _column(drawing, domain, steps, row_y, left, layout.column_width, font=bold)
        top = body_height + header_height - HEADER_SIZE - 2
        for number, line in enumerate(lines):
            drawing.add(
                String(
                    left + layout.column_width / 2,
                    top - number * (HEADER_SIZE + 1.5),
                    line,
                    fontName=bold,
                    fontSize=HEADER_SIZE,
                    fillColor=INK,
                    textAnchor="middle",
                )
            )
    return drawing


def _column(
    drawing: Drawing,
    domain: DomainNow,
    steps: Sequence[StageKeyEntry],
    row_y: dict[int, float],
    left: float,
    width: float,
    *,
    font: str,
) -> None:
    centre = left + width / 2
    rung_width = min(width - 18, 84.0)
    rung_left = centre - rung_width / 2
    rung_height = ROW_HEIGHT - 5
    numbers = [entry.number for entry in steps]

    if domain.expected is not None:
        low, high = domain.expected
        shown = [n for n in numbers if low <= n <= high]
        if shown:
            bottom = row_y[min(shown)]
            top = row_y[max(shown)] + ROW_HEIGHT
            drawing.add(
                Rect(
                    left + 4,
                    bottom + 0.5,
                    width - 8,
                    top - bottom - 1,
                    rx=4,
                    ry=4,
                    fillColor=EXPECTED,
                    strokeColor=EXPECTED_EDGE,
                    strokeWidth=0.6,
                )
            )

    rail_top = max(row_y.values()) + ROW_HEIGHT - 1
    for x in (rung_left + 3, rung_left + rung_width - 3):
        drawing.add(Line(x, 1, x, rail_top, strokeColor=RULE, strokeWidth=1.4))

    for number in numbers:
        y = row_y[number] + 2.5
        if number == domain.stage:
            drawing.add(_rung(rung_left, y, rung_width, rung_height, fill=NOW, stroke=NOW))
            label = "now: just starting" if domain.early else "now"
            size = fit_size(label, font, 8, 6, rung_width - 6)
            drawing.add(_label(centre, y, label, font, size, PAPER))
        elif number == domain.stage + 1:
            rung = _rung(rung_left, y, rung_width, rung_height, fill=PAPER, stroke=NOW)
            rung.strokeDashArray = (2.5, 1.8)
            rung.strokeWidth = 1.1
            drawing.add(rung)
            drawing.add(_label(centre, y, "next", font, 7.5, NOW))
        elif number < domain.stage:
            drawing.add(_rung(rung_left, y, rung_width, rung_height, fill=EARLIER, stroke=EARLIER))
        else:
            drawing.add(_rung(rung_left, y, rung_width, rung_height, fill=PAPER, stroke=RULE))


def _rung(x: float, y: float, width: float, height: float, *, fill: object, stroke: object) -> Rect:
    return Rect(
        x, y, width, height, rx=3, ry=3, fillColor=fill, strokeColor=stroke, strokeWidth=0.8
    )


def _label(centre: float, y: float, text: str, font: str, size: float, colour: object) -> String:
    return String(
        centre, y + 3.2, text, fontName=font, fontSize=size, fillColor=colour, textAnchor="middle"
    )


def legend_drawing(width: float, *, called: str, font: str) -> Drawing:
    """The key to the ladder marks: now, next, earlier interviews, expected for time at school."""
    items = (
        ("now", f"where {called} is now"),
        ("next", "the next step"),
        ("climbed", "steps already climbed"),
        ("expected", "expected for time at school"),
    )
    size = 7.5
    swatch = 22.0
    line_height = size + 2
    rows: list[tuple[str, list[str]]] = [
        (kind, wrap(text, font, size, width - swatch - 6)) for kind, text in items
    ]
    height = sum(len(lines) * line_height + 3 for _, lines in rows)
    drawing = Drawing(width, height)
    y = height
    for kind, lines in rows:
        y -= line_height
        if kind == "expected":
            drawing.add(
                Rect(0, y - 1, swatch, 9, rx=2, ry=2, fillColor=EXPECTED, strokeColor=EXPECTED_EDGE)
            )
        elif kind == "next":
            rung = _rung(0, y - 1, swatch, 9, fill=PAPER, stroke=NOW)
            rung.strokeDashArray = (2.5, 1.8)
            drawing.add(rung)
        else:
            fill = NOW if kind == "now" else EARLIER
            drawing.add(_rung(0, y - 1, swatch, 9, fill=fill, stroke=fill))
        for number, line in enumerate(lines):
            drawing.add(
                String(
                    swatch + 6,
                    y + 0.5 - number * line_height,
                    line,
                    fontName=font,
                    fontSize=size,
                    fillColor=INK,
                )
            )
        y -= (len(lines) - 1) * line_height + 3
    return drawing
