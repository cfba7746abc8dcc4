"""The one-page progression profile for a parent conference (reportlab; no Qt, no database).

`render_profile(data)` returns the PDF bytes of exactly one page, whatever the data: the main
content sits in a `KeepInFrame(mode="shrink")`, so a long name, ten rounds of history or a long
comment makes the type a little smaller instead of spilling onto a second page. Output is
reproducible (reportlab's invariant mode): the same data gives the same bytes. No audio, and no
stage abbreviations outside the footer key: the page is written for a parent who has never
heard of the Number Framework.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Sequence

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepInFrame,
    PageBreak,
    PageTemplate,
)

from ikan_desktop.reports.fonts import register_fonts
from ikan_desktop.reports.profile_data import NoConfirmedJudgement, ProfileData
from ikan_desktop.reports.profile_sections import (
    profile_body,
    profile_footer,
    profile_styles,
)

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 34.0
FOOTER_HEIGHT = 50.0
FOOTER_GAP = 8.0
MIN_SCALE = 0.3
FIT_STEPS = 4


def render_profile(data: ProfileData, *, page_size: str = "A4") -> bytes:
    """One student's profile as the bytes of a one-page PDF ("A4" or "Letter")."""
    return render_profiles([data], page_size=page_size, title=_title(data))


class RenderStopped(Exception):
    """`should_stop` asked a multi-profile render to stop; nothing was produced."""


# reportlab keeps module-level caches (fonts, paragraph fragments) that are not safe to use
# from two threads at once: a preview rendering in the background while a class prints in
# another worker crashed the process. One render at a time.
_RENDER_LOCK = threading.Lock()


def render_profiles(
    profiles: Sequence[ProfileData],
    *,
    page_size: str = "A4",
    title: str = "",
    progress: Callable[[int, int, str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> bytes:
    """Several profiles in one PDF, one page each (for printing a whole class in one go).

    `progress(done, total, name)` is called before each page is laid out; `should_stop()` is
    asked at the same moment and raises RenderStopped when it says yes.
    """
    with _RENDER_LOCK:
        return _render_profiles(profiles, page_size, title, progress, should_stop)


def _render_profiles(
    profiles: Sequence[ProfileData],
    page_size: str,
    title: str,
    progress: Callable[[int, int, str], None] | None,
    should_stop: Callable[[], bool] | None,
) -> bytes:
    if not profiles:
        raise ValueError("no profiles to print")
    for data in profiles:
        if not data.domains:
            raise NoConfirmedJudgement(data.student_name)
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    font, bold = register_fonts()
    styles = profile_styles(font, bold)
    width, height = PAGE_SIZES[page_size]
    inner_width = width - 2 * MARGIN
    main_height = height - 2 * MARGIN - FOOTER_HEIGHT - FOOTER_GAP
    main = Frame(
        MARGIN, MARGIN + FOOTER_HEIGHT + FOOTER_GAP, inner_width, main_height, 0, 0, 0, 0, id="main"
    )
    footer = Frame(MARGIN, MARGIN, inner_width, FOOTER_HEIGHT, 0, 0, 0, 0, id="footer")
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title or "Maths progress profiles",
        author="ikan-desktop",
        creator="ikan-desktop",
        invariant=1,
    )
    doc.addPageTemplates([PageTemplate(id="profile", frames=[main, footer])])
    story: list[Flowable] = []
    for index, data in enumerate(profiles):
        if should_stop is not None and should_stop():
            raise RenderStopped()
        if progress is not None:
            progress(index, len(profiles), data.student_name)
        if index:
            story.append(PageBreak())
        body = _fitted_body(data, styles, inner_width, main_height, font=font, bold=bold)
        # fakeWidth=False: let KeepInFrame see the true width of the body laid out wide.
        story.append(KeepInFrame(inner_width, main_height, body, mode="shrink", fakeWidth=False))
        story.append(FrameBreak())
        story.append(
            KeepInFrame(inner_width, FOOTER_HEIGHT, profile_footer(data, styles), mode="shrink")
        )
    doc.build(story)
    return buffer.getvalue()


def _fitted_body(
    data: ProfileData,
    styles: dict[str, ParagraphStyle],
    width: float,
    height: float,
    *,
    font: str,
    bold: str,
) -> list[Flowable]:
    """The page body laid out wide enough that, scaled to fit the frame, it fills its width.

    Laying out at width / scale and letting KeepInFrame scale by the same factor keeps the
    columns edge to edge; KeepInFrame stays as the final guard, so the page count is always one.
    """

    def laid_out(scale: float) -> tuple[list[Flowable], bool, float]:
        body = profile_body(data, styles, width / scale, font=font, bold=bold)
        needed = _height(body, width / scale)
        return body, needed <= height / scale, needed

    body, fits, needed = laid_out(1.0)
    if fits:
        return body
    # Laid out wider, the body wraps into fewer lines, so the plain height ratio is a scale that
    # (almost always) fits; bisect between it and 1 for the largest scale that still fits.
    fitting = max(MIN_SCALE, height / needed)
    best, fits, _ = laid_out(fitting)
    if not fits:
        fitting = MIN_SCALE
        best = laid_out(MIN_SCALE)[0]
    too_big = 1.0
    for _ in range(FIT_STEPS):
        scale = (fitting + too_big) / 2
        body, fits, _ = laid_out(scale)
        if fits:
            fitting, best = scale, body
        else:
            too_big = scale
    return best


def _height(flowables: Sequence[Flowable], width: float) -> float:
    """Stacked height as a frame lays it out (space between flowables merged, not added)."""
    total = previous_after = 0.0
    for index, flowable in enumerate(flowables):
        _, height = flowable.wrap(width, 1e6)
        if index:
            total += previous_after + max(flowable.getSpaceBefore() - previous_after, 0)
        total += height
        previous_after = flowable.getSpaceAfter()
    return total


def profile_file_name(data: ProfileData, *, taken: set[str] | None = None) -> str:
    """ "Mereana Tūhoe-Walker - maths profile 2026-03-14.pdf", safe on every file system."""
    name = " ".join(re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", data.student_name).split())
    name = name.strip(" .") or "student"
    stem = f"{name} - maths profile {data.printed_on.isoformat()}"
    candidate, number = f"{stem}.pdf", 2
    while taken is not None and candidate.lower() in taken:
        candidate, number = f"{stem} ({number}).pdf", number + 1
    if taken is not None:
        taken.add(candidate.lower())
    return candidate


def _title(data: ProfileData) -> str:
    return f"Maths progress profile: {data.student_name}"
