"""The keyboard card: the interview's whole key map on one printed page to keep beside the laptop.

Plain data in (groups of key + meaning), PDF bytes out; the workflow decides what the keys are.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ikan_desktop.reports.fonts import register_fonts
from ikan_desktop.reports.profile import _RENDER_LOCK

KeyGroup = tuple[str, Sequence[tuple[str, str]]]
MARGIN = 28.0


def render_keyboard_card(title: str, note: str, groups: Sequence[KeyGroup]) -> bytes:
    """One landscape A4 page: the groups in three columns, each key in a large cap."""
    with _RENDER_LOCK:  # reportlab's caches: one render at a time, as for every report
        return _card(title, note, groups)


def _card(title: str, note: str, groups: Sequence[KeyGroup]) -> bytes:
    regular, bold = register_fonts()
    heading = ParagraphStyle("h", fontName=bold, fontSize=12.5, leading=15, spaceAfter=4)
    cell = ParagraphStyle("c", fontName=regular, fontSize=11, leading=13)
    cap = ParagraphStyle("k", fontName=bold, fontSize=14, leading=16, alignment=1)
    columns: list[list] = [[], [], []]
    sizes = [0, 0, 0]
    for name, keys in groups:
        rows = [[Paragraph(_escape(k), cap), Paragraph(_escape(m), cell)] for k, m in keys]
        table = Table(rows, colWidths=[38, 200])
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (0, -1), 0.8, colors.HexColor("#555555")),
                    ("INNERGRID", (0, 0), (0, -1), 0.5, colors.HexColor("#999999")),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f3f3")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        target = sizes.index(min(sizes))
        columns[target] += [Paragraph(_escape(name), heading), table, Spacer(1, 8)]
        sizes[target] += len(keys) + 2
    width, height = landscape(A4)
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN - 48
    body = Table(
        [[KeepInFrame(inner_w / 3 - 6, inner_h, c, mode="shrink") for c in columns]],
        colWidths=[inner_w / 3] * 3,
    )
    body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    title_style = ParagraphStyle("t", fontName=bold, fontSize=18, leading=22)
    note_style = ParagraphStyle("n", fontName=regular, fontSize=10, leading=12.5)
    story = [
        Paragraph(_escape(title), title_style),
        Paragraph(_escape(note), note_style),
        Spacer(1, 6),
        KeepInFrame(inner_w, inner_h, [body], mode="shrink"),
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        invariant=True,
    )
    doc.build(story)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
