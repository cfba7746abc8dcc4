"""Profile records to render, and helpers that read a PDF back the way a person would see it."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ikan_desktop.reports.profile_data import (
    DomainNow,
    KnowledgeNow,
    NextStep,
    ProfileData,
    RoundStages,
    StageKeyEntry,
)

STEPS = (
    ("Getting ready to count", "Emergent", "E"),
    ("Counting objects", "One-to-one counting", "1-1"),
    ("Counting everything, using objects", "Counting from one on materials", "CA"),
    ("Counting everything, in their head", "Counting from one by imaging", "CA"),
    ("Counting on and back", "Advanced counting", "AC"),
    ("Breaking numbers into parts", "Early additive part-whole", "EA"),
    ("Choosing smart ways to add and subtract", "Advanced additive part-whole", "AA"),
    ("Choosing smart ways to multiply and divide", "Advanced multiplicative part-whole", "AM"),
    ("Reasoning with fractions, decimals and ratios", "Advanced proportional part-whole", "AP"),
)
KEY = tuple(StageKeyEntry(n, parent, name, abbr) for n, (parent, name, abbr) in enumerate(STEPS))
DOMAINS = (
    ("additive", "Adding and taking away"),
    ("multiplicative", "Times and sharing into groups"),
    ("proportional", "Fractions, percentages and ratios"),
)


def domain(index: int, stage: int, *, early: bool = False, band: str | None = "at") -> DomainNow:
    domain_id, name = DOMAINS[index]
    return DomainNow(
        domain_id=domain_id,
        name=name,
        stage=stage,
        stage_name=STEPS[stage][0],
        early=early,
        description=f"Description of step {stage} in {name.lower()}.",
        expected=(4, 4),
        band=band,
    )


def sample_profile(**changes: Any) -> ProfileData:
    """A typical Year 3 child: three rounds, knowledge checked, strengths, steps and a comment."""
    data = ProfileData(
        student_name="Mereana Tūhoe-Walker",
        preferred_name="Mere",
        class_name="Room 7",
        teacher="Whaea Ānahera",
        school="Harbourview School",
        assessed_on=date(2026, 3, 12),
        printed_on=date(2026, 3, 14),
        form="B",
        domains=(domain(0, 5, early=True, band="above"), domain(1, 4), domain(2, 3, band="below")),
        rounds=(
            RoundStages(date(2025, 5, 1), (("additive", 3), ("multiplicative", 3)), (2, 3)),
            RoundStages(date(2025, 9, 1), (("additive", 4), ("multiplicative", 3)), (4, 4)),
            RoundStages(
                date(2026, 3, 12),
                (("additive", 5), ("multiplicative", 4), ("proportional", 3)),
                (4, 4),
            ),
        ),
        stage_key=KEY,
        knowledge=(
            KnowledgeNow("number_identification", "Reading and writing numbers", 5),
            KnowledgeNow("basic_facts", "Number facts known by heart", 3),
            KnowledgeNow("fractions", "Fractions, decimals and percentages", None),
        ),
        strengths=(
            "Starts from the bigger number and counts on instead of starting again from one.",
            "Splits a number to make a ten first, for example 8 + 5 as 8 + 2 + 3.",
        ),
        next_steps=(
            NextStep(
                "additive",
                "Adding and taking away",
                "Choosing smart ways to add and subtract",
                ("Play make-ten snap with a pack of cards.",),
            ),
            NextStep(
                "multiplicative",
                "Times and sharing into groups",
                "Breaking numbers into parts",
                ("Count in twos, fives and tens on the walk to school.",),
            ),
        ),
        teacher_comment="Mere loves explaining her thinking. Ka pai tō mahi!",
        framework_name="New Zealand Number Framework 2026.1",
    )
    return replace(data, **changes)


def worst_case_profile() -> ProfileData:
    """Everything as long as a real class could make it: the page must still be one page."""
    long_name = "Wiremu Hohepa Te Rangi-Ō-Tāwhirimātea Pārāone-Ngāwhika Kereama-Whakaarōhia"
    rounds = tuple(
        RoundStages(
            date(2021 + i // 2, 3 + 6 * (i % 2), 10),
            tuple((d, min(8, i // 2 + k)) for k, (d, _) in enumerate(DOMAINS)),
            (min(7, i // 2 + 2), min(7, i // 2 + 3)),
        )
        for i in range(10)
    )
    idea = (
        "Talk together about how they solved a problem, and try a second, quicker way; "
        "ask them to teach you the way they learned at school this week, with real objects."
    )
    return sample_profile(
        student_name=long_name,
        preferred_name="Wiremu-Tāwhirimātea",
        class_name="Room 12 — Te Whānau o Tūmatauenga, senior bilingual unit (Years 5–8)",
        teacher="Whaea Mārama Ngāwhika-Pārāone and Matua Hēmi Te Ōhākī",
        school="Te Kura Kaupapa Māori o Ngā Maunga Whakahī ki Ōtautahi",
        form="D",
        domains=(domain(0, 8, band="above"), domain(1, 0, band="well_below"), domain(2, 7)),
        rounds=rounds,
        knowledge=tuple(
            KnowledgeNow(f"k{i}", f"Knowledge area number {i} with a long parent name", i % 9)
            for i in range(8)
        ),
        strengths=tuple(f"Strength {i}: {idea}" for i in range(8)),
        next_steps=tuple(
            NextStep(d, name, STEPS[7][0], tuple(f"Idea {i}: {idea}" for i in range(5)))
            for d, name in DOMAINS
        ),
        teacher_comment=("A long comment from the teacher. " * 60) + "THE LAST WORDS ARE KEPT.",
    )


@pytest.fixture
def pdf_text(tmp_path: Path) -> Callable[[bytes], str]:
    """The text a person could copy out of the PDF (pdftotext), whitespace collapsed."""

    def read(pdf: bytes) -> str:
        path = tmp_path / "read.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        )
        return " ".join(out.stdout.split())

    return read


@pytest.fixture
def pdf_info(tmp_path: Path) -> Callable[[bytes], dict[str, str]]:
    """pdfinfo's fields (Pages, Page size, …) for a PDF."""

    def read(pdf: bytes) -> dict[str, str]:
        path = tmp_path / "info.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
        fields = (line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)
        return {key.strip(): value.strip() for key, value in fields}

    return read


@pytest.fixture
def make_profile() -> Callable[..., ProfileData]:
    """`make_profile(**changes)`: the typical profile with some fields changed."""
    return sample_profile


@pytest.fixture
def worst_profile() -> ProfileData:
    """The longest, fullest profile a class could produce."""
    return worst_case_profile()
