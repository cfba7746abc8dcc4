"""The sections of the profile page, each a few flowables laid out at a given width.

`profile.py` stacks them and makes sure they fit on one page; this module decides what each
section says and how it looks.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from ikan_desktop.reports.charts import growth_drawing, knowledge_bar
from ikan_desktop.reports.ladder import ladder_drawing, ladder_layout, legend_drawing
from ikan_desktop.reports.palette import INK, MUTED, NOW, RULE, SOFT_PANEL
from ikan_desktop.reports.profile_data import ProfileData

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """ "14 March 2026", the same on every computer whatever its language settings."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def profile_styles(font: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=10, leading=13.2, textColor=INK)
    return {
        "body": base,
        "name": ParagraphStyle("name", base, fontName=bold, fontSize=21, leading=25),
        "kicker": ParagraphStyle("kicker", base, fontSize=10.5, leading=13, textColor=NOW),
        "meta": ParagraphStyle(
            "meta", base, fontSize=8.5, leading=11, textColor=MUTED, alignment=2
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=bold, fontSize=12.5, leading=15, textColor=NOW, spaceAfter=3
        ),
        "intro": ParagraphStyle("intro", base, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.6),
        "cell_muted": ParagraphStyle("cell_muted", base, fontSize=8, leading=10, textColor=MUTED),
        "bullet": ParagraphStyle(
            "bullet", base, leftIndent=12, bulletIndent=1, spaceAfter=1.5, bulletFontName=font
        ),
        "step_domain": ParagraphStyle("step_domain", base, fontName=bold, fontSize=9.5, leading=12),
        "key": ParagraphStyle("key", base, fontSize=6.8, leading=8.4, textColor=MUTED),
    }


def profile_body(
    data: ProfileData, styles: dict[str, ParagraphStyle], width: float, *, font: str, bold: str
) -> list[Flowable]:
    called = escape(data.called)
    parts: list[Flowable] = [*_header(data, styles, width)]
    parts += _where_now(data, styles, width, font=font, bold=bold)
    parts.append(Spacer(1, 8))
    parts.append(_growth_and_knowledge(data, styles, width, font=font))
    parts.append(Spacer(1, 6))
    strengths = data.strengths or tuple(d.description for d in data.domains if d.description)
    if strengths:
        parts.append(Paragraph(f"What {called} does well", styles["h2"]))
        parts += [Paragraph(escape(s), styles["bullet"], bulletText="•") for s in strengths]
        parts.append(Spacer(1, 5))
    if data.next_steps:
        parts.append(Paragraph("Next steps", styles["h2"]))
        parts.append(_next_steps(data, styles, width))
        parts.append(Spacer(1, 5))
    if data.teacher_comment.strip():
        parts.append(_comment(data, styles, width))
    return parts


def _header(data: ProfileData, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    place = [x for x in (data.class_name, data.teacher, data.school) if x.strip()]
    when = f"Interview on {long_date(data.assessed_on)}"
    if data.form.strip():
        when += f" (form {escape(data.form.strip())})"
    meta = "<br/>".join([*(escape(x) for x in place), when])
    left = [
        Paragraph(escape(data.student_name), styles["name"]),
        Paragraph("Maths progress profile", styles["kicker"]),
    ]
    table = Table([[left, Paragraph(meta, styles["meta"])]], colWidths=[width * 0.62, width * 0.38])
    table.setStyle(_plain_table(valign="BOTTOM"))
    return [table, HRFlowable(width="100%", thickness=1, color=RULE, spaceBefore=6, spaceAfter=7)]


def _where_now(
    data: ProfileData, styles: dict[str, ParagraphStyle], width: float, *, font: str, bold: str
) -> list[Flowable]:
    called = escape(data.called)
    layout = ladder_layout(width, data.stage_key, len(data.domains), font=font)
    cells: list[object] = [legend_drawing(layout.label_width - 12, called=data.called, font=font)]
    for domain in data.domains:
        name = escape(domain.stage_name) + (" (just starting)" if domain.early else "")
        text = f"<b>{name}</b>"
        cell = [Paragraph(text, styles["cell"])]
        if domain.band_text:
            cell.append(Paragraph(escape(domain.band_text), styles["cell_muted"]))
        cells.append(cell)
    under = Table(
        [cells], colWidths=[layout.label_width] + [layout.column_width] * len(data.domains)
    )
    under.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LEFTPADDING", (1, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Paragraph(f"Where {called} is now", styles["h2"]),
        Paragraph(
            "Children climb these steps as their thinking about numbers grows. "
            "Each ladder is one area of maths.",
            styles["intro"],
        ),
        Spacer(1, 3),
        ladder_drawing(data.domains, data.stage_key, layout, font=font, bold=bold),
        under,
    ]


def _growth_and_knowledge(
    data: ProfileData, styles: dict[str, ParagraphStyle], width: float, *, font: str
) -> Table:
    called = escape(data.called)
    left_width = width * 0.54
    right_width = width - left_width
    if len(data.rounds) > 1:
        caption = f"{called}'s step at each interview."
    else:
        caption = f"{called}'s first interview on record; the chart grows with each one."
    if any(r.expected for r in data.rounds):
        caption += " The shaded band is where we expect children to be at that time."
    growth = [
        Paragraph("Growth over time", styles["h2"]),
        Paragraph(caption, styles["intro"]),
        Spacer(1, 2),
        growth_drawing(
            data.rounds,
            data.domains,
            width=left_width - 12,
            plot_height=108,
            top_stage=data.top_stage,
            font=font,
        ),
    ]
    knowledge: list[Flowable] = [Paragraph("Number knowledge", styles["h2"])]
    if data.knowledge:
        knowledge.append(
            Paragraph(
                f"What {called} knows quickly, without working it out, on the same steps:",
                styles["intro"],
            )
        )
        bar_width = min(96.0, right_width * 0.45)
        rows = [
            [
                Paragraph(escape(item.name), styles["cell"]),
                knowledge_bar(item.stage, data.top_stage, font=font, width=bar_width),
            ]
            for item in data.knowledge
        ]
        table = Table(rows, colWidths=[right_width - bar_width - 8, bar_width + 8])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ]
            )
        )
        knowledge.append(table)
        if data.knowledge_gap:
            knowledge += [Spacer(1, 4), Paragraph(escape(data.knowledge_gap), styles["cell"])]
    else:
        knowledge.append(
            Paragraph(f"{called}'s number knowledge has not been checked yet.", styles["intro"])
        )
    table = Table([[growth, knowledge]], colWidths=[left_width, right_width])
    table.setStyle(_plain_table(valign="TOP"))
    return table


def _next_steps(data: ProfileData, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows = []
    for step in data.next_steps:
        if step.next_stage_name:
            lead = f"Next: <b>{escape(step.next_stage_name)}</b>."
        else:
            lead = "Next: using these ways of thinking with bigger and harder numbers."
        if step.ideas:
            lead += ' <font color="#56656f" size="8.5">To try at home:</font>'
        cell: list[Flowable] = [Paragraph(lead, styles["body"])]
        cell += [Paragraph(escape(i), styles["bullet"], bulletText="•") for i in step.ideas]
        rows.append([Paragraph(escape(step.domain_name), styles["step_domain"]), cell])
    table = Table(rows, colWidths=[width * 0.24, width * 0.76])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
            ]
        )
    )
    return table


def _comment(data: ProfileData, styles: dict[str, ParagraphStyle], width: float) -> Table:
    who = escape(data.teacher.strip()) or "the teacher"
    paragraphs = [Paragraph(f"A note from {who}", styles["step_domain"])]
    for line in data.teacher_comment.strip().splitlines():
        if line.strip():
            paragraphs.append(Paragraph(escape(line.strip()), styles["body"]))
    table = Table([[paragraphs]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SOFT_PANEL),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table


def profile_footer(data: ProfileData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    key = " · ".join(
        f"<b>{entry.number}</b> {escape(entry.name)} ({escape(entry.abbreviation)})"
        for entry in sorted(data.stage_key, key=lambda e: e.number)
    )
    source = escape(data.framework_name) if data.framework_name else "the Number Framework"
    return [
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=0, spaceAfter=3),
        Paragraph(f"The steps as teachers name them ({source}): {key}.", styles["key"]),
        Paragraph(
            f"Printed {long_date(data.printed_on)}. This page shows how {escape(data.called)} "
            "was thinking on the day of the interview; please talk with us about anything on it.",
            styles["key"],
        ),
    ]


def _plain_table(*, valign: str) -> TableStyle:
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), valign),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
