"""The printed profile, read back from the real PDF the way a parent (or pdftotext) sees it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from ikan_desktop.reports.profile import profile_file_name, render_profile, render_profiles
from ikan_desktop.reports.profile_data import NoConfirmedJudgement, ProfileData

Text = Callable[[bytes], str]
Info = Callable[[bytes], dict[str, str]]
Make = Callable[..., ProfileData]


def test_the_page_names_the_child_their_steps_and_what_comes_next(
    make_profile: Make, pdf_text: Text, pdf_info: Info
) -> None:
    pdf = render_profile(make_profile())
    text = pdf_text(pdf)
    assert pdf_info(pdf)["Pages"] == "1"
    assert "Mereana Tūhoe-Walker" in text
    assert "Where Mere is now" in text
    # Where the child is, in parents' words, with the expectation in words.
    assert "Breaking numbers into parts (just starting)" in text
    assert "Counting everything, in their head" in text
    assert "Ahead of what we expect for time at school" in text
    assert "A little behind what we expect for time at school" in text
    # What comes next, and the ideas for home.
    assert "Next: Choosing smart ways to add and subtract" in text
    assert "Play make-ten snap with a pack of cards." in text
    assert "Splits a number to make a ten first, for example 8 + 5 as 8 + 2 + 3." in text
    assert "A note from Whaea Ānahera" in text
    assert "Interview on 12 March 2026 (form B)" in text
    assert "Printed 14 March 2026" in text


def test_the_gap_between_problem_solving_and_quick_knowledge_is_one_plain_sentence(
    make_profile: Make, pdf_text: Text
) -> None:
    text = pdf_text(render_profile(make_profile()))
    assert (
        "Mere's problem solving (step 5) is ahead of what Mere knows quickly in number facts "
        "known by heart." in text
    )
    no_gap = make_profile(knowledge=())
    assert "has not been checked yet" in pdf_text(render_profile(no_gap))
    assert no_gap.knowledge_gap == ""


def test_stage_abbreviations_appear_only_in_the_footer_key(
    make_profile: Make, pdf_text: Text
) -> None:
    text = pdf_text(render_profile(make_profile()))
    body, _, footer = text.partition("The steps as teachers name them")
    assert footer, "the footer key is missing"
    for jargon in ("Advanced counting", "(AC)", "Early additive", "(EA)", "part-whole"):
        assert jargon not in body
        assert jargon in footer


def test_macrons_survive_into_the_pdf_text(make_profile: Make, pdf_text: Text) -> None:
    data = make_profile(
        student_name="Hūhana Kereama",
        preferred_name="Hana",
        teacher="Whaea Mārama",
        teacher_comment="Ā ē ī ō ū: Hana's whānau came to the hui. Tēnā koutou!",
    )
    text = pdf_text(render_profile(data))
    assert "Hūhana Kereama" in text
    assert "Whaea Mārama" in text
    assert "Ā ē ī ō ū: Hana's whānau came to the hui. Tēnā koutou!" in text


def test_the_worst_case_is_still_one_whole_page(
    worst_profile: ProfileData, pdf_text: Text, pdf_info: Info
) -> None:
    for size, dimensions in (("A4", "595.276 x 841.89"), ("Letter", "612 x 792")):
        pdf = render_profile(worst_profile, page_size=size)
        info = pdf_info(pdf)
        assert info["Pages"] == "1", size
        assert info["Page size"].startswith(dimensions), info["Page size"]
        text = pdf_text(pdf)
        # Shrunk to fit, never cut off: the start and the very end are both on the page.
        assert "Wiremu Hohepa Te Rangi-Ō-Tāwhirimātea" in text
        assert "THE LAST WORDS ARE KEPT." in text
        assert "Idea 4: Talk together" in text
        assert "Printed 14 March 2026" in text


def test_ten_rounds_of_history_stay_on_one_page(
    make_profile: Make, worst_profile: ProfileData, pdf_info: Info
) -> None:
    data = make_profile(rounds=worst_profile.rounds)
    assert pdf_info(render_profile(data))["Pages"] == "1"


def test_same_data_gives_the_same_bytes(make_profile: Make) -> None:
    first = render_profile(make_profile())
    assert render_profile(make_profile()) == first
    assert render_profile(make_profile(teacher_comment="Different.")) != first


def test_a_student_with_no_confirmed_stage_gets_a_clear_error_not_an_empty_page(
    make_profile: Make,
) -> None:
    with pytest.raises(NoConfirmedJudgement) as raised:
        render_profile(make_profile(domains=()))
    assert "Mereana Tūhoe-Walker has no confirmed stage yet" in raised.value.message
    assert "confirm a stage" in raised.value.message


def test_text_that_looks_like_markup_prints_as_typed(make_profile: Make, pdf_text: Text) -> None:
    data = make_profile(teacher_comment="Loves <b>maths</b> & puzzles; 3 < 5 > 2.")
    assert "Loves <b>maths</b> & puzzles; 3 < 5 > 2." in pdf_text(render_profile(data))


def test_a_first_year_child_with_one_round_and_no_expectation(
    make_profile: Make, pdf_text: Text, pdf_info: Info
) -> None:
    first = make_profile().rounds[0]
    data = make_profile(
        rounds=(replace(first, expected=None),),
        domains=tuple(replace(d, expected=None, band=None) for d in make_profile().domains),
    )
    pdf = render_profile(data)
    text = pdf_text(pdf)
    assert pdf_info(pdf)["Pages"] == "1"
    assert "Mere's first interview on record" in text
    assert "shaded band" not in text
    assert "what we expect" not in text


def test_a_whole_class_prints_one_page_per_child(
    make_profile: Make, pdf_text: Text, pdf_info: Info
) -> None:
    names = ["Aroha Ngata", "Liam O'Connor", "Hūhana Kereama"]
    pdf = render_profiles([make_profile(student_name=n, preferred_name="") for n in names])
    assert pdf_info(pdf)["Pages"] == "3"
    text = pdf_text(pdf)
    assert [text.index(n) for n in names] == sorted(text.index(n) for n in names)


def test_unknown_page_size_is_refused(make_profile: Make) -> None:
    with pytest.raises(ValueError, match="A4, Letter"):
        render_profile(make_profile(), page_size="A5")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aroha Ngata", "Aroha Ngata - maths profile 2026-03-14.pdf"),
        ('Jo/Jo: <the> "best"?', "Jo Jo the best - maths profile 2026-03-14.pdf"),
        ("...", "student - maths profile 2026-03-14.pdf"),
    ],
)
def test_file_names_are_safe_on_every_computer(
    make_profile: Make, name: str, expected: Any
) -> None:
    assert profile_file_name(make_profile(student_name=name)) == expected


def test_two_children_with_the_same_name_get_two_files(make_profile: Make) -> None:
    taken: set[str] = set()
    first = profile_file_name(make_profile(student_name="Sam Lee"), taken=taken)
    second = profile_file_name(make_profile(student_name="Sam Lee"), taken=taken)
    assert first != second
    assert second.endswith("(2).pdf")
