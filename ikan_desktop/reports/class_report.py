"""The class report for a syndicate or school lead: at most two A4 pages (reportlab).

Page one: per strategy domain, each round's children by band against the expectation (a bar
per round, the counts beside it) and the median stage. Page two: each child's stages round by
round in every domain, with the stages gained. Each page shrinks to fit, never spills over.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ikan_desktop.reports.a4_pages import INNER_WIDTH, a4_pdf
from ikan_desktop.reports.fonts import register_fonts
from ikan_desktop.reports.palette import FAINT_RULE, INK, MUTED, NOW, RULE, SOFT_PANEL
from ikan_desktop.reports.profile import _RENDER_LOCK  # reportlab's caches: one render at a time

BAR_COLUMN = 164.0  # the "By band" column of each domain's table
CELL_PADDING = 6.0  # reportlab's own left and right padding in a table cell
BANDS = ("well_below", "below", "at", "above")
BAND_NAMES = {"well_below": "Well below", "below": "Below", "at": "At", "above": "Above"}
BAND_COLOURS = {
    "well_below": colors.HexColor("#c9776c"),
    "below": colors.HexColor("#e3b65c"),
    "at": colors.HexColor("#7fae6f"),
    "above": colors.HexColor("#5d8fbf"),
}


def render_class_report(progress: Any, *, stage_names: dict[int, str]) -> bytes:
    """The PDF bytes of a ClassProgress (duck-typed: reports do not import workflows)."""
    with _RENDER_LOCK:
        font, bold = register_fonts()
        styles = _styles(font, bold)
        pages = [_first_page(progress, styles, INNER_WIDTH)]
        if progress.rounds:
            pages.append(_second_page(progress, styles, INNER_WIDTH))
        return a4_pdf(f"Class progress: {progress.class_name}", pages)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _first_page(progress: Any, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    children = len(progress.domains[0].movements) if progress.domains else 0
    flow: list[Flowable] = [
        Paragraph(f"Class progress: {escape(progress.class_name)}", styles["title"]),
        Paragraph(
            f"{_count(children, 'child', 'children')} · "
            f"{_count(len(progress.rounds), 'round', 'rounds')} · "
            f"printed {progress.on.day} {progress.on:%B %Y}",
            styles["muted"],
        ),
        Spacer(1, 6),
        Paragraph(
            "Each bar is one round (school term): the children assessed in it, by how their "
            "confirmed stage compares with the expectation for their time at school.",
            styles["body"],
        ),
        Spacer(1, 6),
    ]
    if not progress.rounds:
        flow.append(Paragraph("No stage has been confirmed for this class yet.", styles["body"]))
        return flow
    for domain in progress.domains:
        flow.append(Paragraph(escape(domain.name), styles["heading"]))
        rows: list[list[Any]] = [["Round", "Children", "By band", *BAND_NAMES.values(), "Median"]]
        for one in domain.spreads:
            median = one.median_stage
            rows.append(
                [
                    one.round.label,
                    str(one.children),
                    _bar(one.bands, one.children),
                    *(str(one.bands.get(b, 0)) for b in BANDS),
                    "" if median is None else f"{median:g}",
                ]
            )
        table = Table(rows, colWidths=[55, 50, BAR_COLUMN, 60, 46, 40, 48, 50], hAlign="LEFT")
        table.setStyle(_table_style(styles))
        flow += [table, Spacer(1, 8)]
    flow.append(_legend(styles))
    return flow


def _second_page(progress: Any, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    flow: list[Flowable] = [
        Paragraph("Each child's movement", styles["title"]),
        Paragraph(
            "Stages round by round ("
            + ", ".join(r.label for r in progress.rounds)
            + "); “·” not assessed that round; the number after the arrow is the stages gained.",
            styles["muted"],
        ),
        Spacer(1, 8),
    ]
    header = ["Child", *(d.name for d in progress.domains)]
    rows: list[list[Any]] = [[Paragraph(escape(h), styles["cellbold"]) for h in header]]
    for index, child in enumerate(progress.domains[0].movements):
        cells = [Paragraph(escape(child.name), styles["cell"])]
        for domain in progress.domains:
            moved = domain.movements[index]
            path = " ".join("·" if s is None else str(s) for s in moved.stages)
            gained = moved.gained
            tail = f"  ↑{gained}" if gained and gained > 0 else f"  ↓{-gained}" if gained else ""
            cells.append(Paragraph(escape(path + tail), styles["cell"]))
        rows.append(cells)
    first = 150.0
    rest = (width - first) / max(1, len(progress.domains))
    table = Table(rows, colWidths=[first, *([rest] * len(progress.domains))], repeatRows=1)
    table.setStyle(_table_style(styles))
    flow.append(table)
    return flow


def _bar(bands: dict[str, int], total: int) -> Drawing:
    width, height = BAR_COLUMN - 2 * CELL_PADDING, 10.0  # within its cell, clear of the figures
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=SOFT_PANEL, strokeColor=None))
    x = 0.0
    for band in BANDS:
        count = bands.get(band, 0)
        if not count or not total:
            continue
        part = width * count / total
        drawing.add(Rect(x, 0, part, height, fillColor=BAND_COLOURS[band], strokeColor=None))
        x += part
    return drawing


def _legend(styles: dict[str, ParagraphStyle]) -> Table:
    cells: list[Any] = []
    for band in BANDS:
        swatch = Drawing(10, 8)
        swatch.add(Rect(0, 0, 10, 8, fillColor=BAND_COLOURS[band], strokeColor=None))
        cells += [swatch, Paragraph(f"{BAND_NAMES[band]} expectation", styles["muted"])]
    legend = Table([cells], colWidths=[14, 112] * len(BANDS), hAlign="LEFT")
    legend.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return legend


def _table_style(styles: dict[str, ParagraphStyle]) -> TableStyle:
    font, bold = styles["cell"].fontName, styles["cellbold"].fontName
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), font, 8.5),
            ("FONT", (0, 0), (-1, 0), bold, 8.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("BACKGROUND", (0, 0), (-1, 0), SOFT_PANEL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, FAINT_RULE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
    )


def _styles(font: str, bold: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, textColor=NOW),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=11.5, leading=15, textColor=INK, spaceBefore=4
        ),
        "muted": ParagraphStyle("muted", fontName=font, fontSize=8.5, leading=11, textColor=MUTED),
        "body": ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, textColor=INK),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5, textColor=INK),
        "cellbold": ParagraphStyle(
            "cellbold", fontName=bold, fontSize=8.5, leading=10.5, textColor=INK
        ),
    }


__all__ = ["render_class_report"]
