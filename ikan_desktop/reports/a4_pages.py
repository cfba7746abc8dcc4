"""Reports of whole A4 pages: each page's content shrunk, if it must, to fit its one page."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, SimpleDocTemplate

MARGIN = 36.0
INNER_WIDTH = A4[0] - 2 * MARGIN
INNER_HEIGHT = A4[1] - 2 * MARGIN - 4  # a hair under the frame, so a full page never spills


def a4_pdf(title: str, pages: Sequence[list[Flowable]]) -> bytes:
    """The PDF bytes, one A4 page for each entry of `pages` (called holding the render lock)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="ikan-desktop",
        creator="ikan-desktop",
        invariant=1,
    )
    story: list[Flowable] = []
    for index, page in enumerate(pages):
        if index:
            story.append(PageBreak())
        story.append(KeepInFrame(INNER_WIDTH, INNER_HEIGHT, page, mode="shrink"))
    doc.build(story)
    return buffer.getvalue()
