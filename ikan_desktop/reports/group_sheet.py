"""The group sheet for the planning wall: one A4 page per strategy domain (reportlab).

Each group gets a box: its name (the transition it works on), its children, and the
framework's teaching moves for that next step. A page's content shrinks to fit rather than
spilling over, so a domain is always exactly one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

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
from ikan_desktop.reports.palette import INK, MUTED, NOW, RULE, SOFT_PANEL
from ikan_desktop.reports.profile import _RENDER_LOCK  # reportlab's caches: one render at a time


@dataclass(frozen=True, slots=True)
class GroupBox:
    """One group on the sheet."""

    title: str
    children: tuple[str, ...]
    next_steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupPage:
    """One domain's page."""

    class_name: str
    domain_name: str
    on: date
    arrangement: str  # "groups saved 1 June 2026", "suggested from confirmed stages", …
    groups: tuple[GroupBox, ...]


def render_group_pages(pages: Sequence[GroupPage]) -> bytes:
    """The PDF bytes: exactly one A4 page per domain."""
    if not pages:
        raise ValueError("no pages to print")
    with _RENDER_LOCK:
        font, bold = register_fonts()
        styles = _styles(font, bold)
        return a4_pdf(
            f"Instructional groups: {pages[0].class_name}",
            [_page(page, styles, INNER_WIDTH) for page in pages],
        )


def _page(page: GroupPage, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    when = f"{page.on:%d %B %Y}".lstrip("0")
    flow: list[Flowable] = [
        Paragraph(f"{escape(page.domain_name)}: instructional groups", styles["title"]),
        Paragraph(
            f"{escape(page.class_name)} · {when} · {escape(page.arrangement)}", styles["muted"]
        ),
        Spacer(1, 10),
    ]
    if not page.groups:
        flow.append(Paragraph("No child has a confirmed stage in this domain yet.", styles["body"]))
    for group in page.groups:
        flow.append(_box(group, styles, width))
        flow.append(Spacer(1, 8))
    return flow


def _box(group: GroupBox, styles: dict[str, ParagraphStyle], width: float) -> Table:
    names = ", ".join(escape(n) for n in group.children)
    steps = [Paragraph(f"• {escape(s)}", styles["step"]) for s in group.next_steps]
    cells: list[list[object]] = [
        [Paragraph(escape(group.title), styles["group"])],
        [Paragraph(names, styles["body"])],
    ]
    if steps:
        cells.append([Paragraph("Teaching moves for this next step", styles["label"])])
        cells.extend([[s] for s in steps])
    table = Table(cells, colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), SOFT_PANEL),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LINEBELOW", (0, 0), (0, 0), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _styles(font: str, bold: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=17, leading=21, textColor=NOW),
        "muted": ParagraphStyle("muted", fontName=font, fontSize=9.5, leading=12, textColor=MUTED),
        "group": ParagraphStyle("group", fontName=bold, fontSize=11.5, leading=14, textColor=INK),
        "body": ParagraphStyle("body", fontName=font, fontSize=10.5, leading=13.5, textColor=INK),
        "label": ParagraphStyle(
            "label", fontName=bold, fontSize=8.5, leading=11, textColor=MUTED, spaceBefore=2
        ),
        "step": ParagraphStyle(
            "step", fontName=font, fontSize=9, leading=11.5, textColor=colors.black, leftIndent=6
        ),
    }
