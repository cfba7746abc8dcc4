"""Whatever a class throws at it, the profile is exactly one page (checked with pdfinfo)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikan_desktop.reports.profile import render_profile
from ikan_desktop.reports.profile_data import (
    BANDS,
    DomainNow,
    KnowledgeNow,
    NextStep,
    ProfileData,
    RoundStages,
    StageKeyEntry,
)

LETTERS = "abcdefghijklmnopqrstuvwxyz ĀāĒēĪīŌōŪū'-&<> ,."
words = st.text(alphabet=LETTERS, min_size=1, max_size=60)
long_text = st.text(alphabet=LETTERS, min_size=0, max_size=2500)
stages = st.integers(min_value=0, max_value=8)
KEY = tuple(StageKeyEntry(n, f"Step {n} in plain words", f"Stage {n}", f"S{n}") for n in range(9))


@st.composite
def profiles(draw: st.DrawFn) -> ProfileData:
    domain_ids = ("additive", "multiplicative", "proportional")[: draw(st.integers(1, 3))]
    domains = tuple(
        DomainNow(
            domain_id=d,
            name=draw(words),
            stage=draw(stages),
            stage_name=draw(words),
            early=draw(st.booleans()),
            description=draw(words),
            expected=draw(st.none() | st.tuples(stages, stages).map(lambda t: tuple(sorted(t)))),
            band=draw(st.none() | st.sampled_from(BANDS)),
        )
        for d in domain_ids
    )
    first = date(2020, 2, 1)
    rounds = tuple(
        RoundStages(
            first + timedelta(days=120 * i),
            tuple((d, draw(st.none() | stages)) for d in domain_ids),
            draw(st.none() | st.just((3, 4))),
        )
        for i in range(draw(st.integers(1, 12)))
    )
    return ProfileData(
        student_name=draw(words) + "x",
        preferred_name=draw(st.just("") | words),
        class_name=draw(words),
        teacher=draw(st.just("") | words),
        school=draw(words),
        assessed_on=rounds[-1].on,
        printed_on=rounds[-1].on,
        form=draw(st.sampled_from(["", "A", "D"])),
        domains=domains,
        rounds=rounds,
        stage_key=KEY,
        knowledge=tuple(
            KnowledgeNow(f"k{i}", draw(words), draw(st.none() | stages))
            for i in range(draw(st.integers(0, 8)))
        ),
        strengths=tuple(draw(st.lists(words, max_size=10))),
        next_steps=tuple(
            NextStep(
                d, draw(words), draw(st.just("") | words), tuple(draw(st.lists(words, max_size=6)))
            )
            for d in domain_ids
        ),
        teacher_comment=draw(long_text),
        framework_name=draw(words),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=profiles(), size=st.sampled_from(["A4", "Letter"]))
def test_any_profile_is_exactly_one_page(
    data: ProfileData, size: str, pdf_info: Callable[[bytes], dict[str, str]]
) -> None:
    assert pdf_info(render_profile(data, page_size=size))["Pages"] == "1"


def test_a_name_with_no_spaces_at_all_still_fits_on_one_page(
    make_profile: Callable[..., ProfileData], pdf_info: Callable[[bytes], dict[str, str]]
) -> None:
    data = make_profile(student_name="Ō" * 120, teacher_comment="x" * 3000)
    assert pdf_info(render_profile(data))["Pages"] == "1"
