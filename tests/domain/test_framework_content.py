"""The shipped framework's wording: complete, concrete, and readable by parents."""

from __future__ import annotations

import re

import pytest

from ikan_desktop.domain.framework import Framework, default_framework_path, load_framework

# Words a parent should not meet without explanation on a one-page profile.
JARGON = ("part-whole", "partition", "imaging", "imag", "additive", "multiplicative",
          "proportional", "strategy", "denominator", "numerator", "compensat", "subitis")  # fmt: skip


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework()


def test_every_teacher_descriptor_gives_an_example_with_numbers(framework: Framework) -> None:
    for number in framework.stage_numbers:
        for domain in framework.strategy_domain_ids:
            text = framework.stage(number).teacher_descriptor(domain)
            assert re.search(r"\d", text), (number, domain)


def test_parent_descriptors_are_short_and_free_of_jargon(framework: Framework) -> None:
    for number in framework.stage_numbers:
        stage = framework.stage(number)
        for domain in framework.strategy_domain_ids:
            text = stage.parent_descriptor(domain)
            assert len(text.split()) <= 35, (number, domain, text)
            assert not any(word in text.lower() for word in JARGON), (number, domain, text)
        assert not any(word in stage.parent_name.lower() for word in JARGON)


def test_parent_descriptors_differ_between_stages(framework: Framework) -> None:
    for domain in framework.strategy_domain_ids:
        texts = [framework.stage(n).parent_descriptor(domain) for n in framework.stage_numbers]
        assert len(set(texts)) == len(texts)


def test_knowledge_items_for_every_stage_and_knowledge_domain(framework: Framework) -> None:
    for number in framework.stage_numbers:
        for domain in framework.knowledge_domain_ids:
            items = framework.knowledge_items(domain, number)
            assert 1 <= len(items) <= 5, (number, domain)
            assert all(len(item.text) <= 120 for item in items)


def test_knowledge_grows_stage_by_stage(framework: Framework) -> None:
    def texts(domain: str, stage: int) -> str:
        return " ".join(item.text for item in framework.knowledge_items(domain, stage))

    assert "20" in texts("number_identification", 2)
    assert "100" in texts("number_identification", 4)
    assert "1000" in texts("number_identification", 5)
    assert "doubles" in texts("basic_facts", 4).lower()
    assert "10 × 10" in texts("basic_facts", 6)
    assert "three places" in texts("number_sequence", 7)


def test_next_steps_for_every_transition_in_every_domain(framework: Framework) -> None:
    for domain in framework.strategy_domain_ids:
        for stage in range(framework.top_stage):
            steps = framework.next_steps(domain, stage)
            assert steps is not None, (domain, stage)
            assert steps.to_stage == stage + 1
            assert 2 <= len(steps.teacher) <= 4, (domain, stage)
            assert 1 <= len(steps.parent) <= 3, (domain, stage)
            for text in steps.parent:
                assert not any(word in text.lower() for word in JARGON), (domain, stage, text)


def test_the_file_says_where_it_comes_from() -> None:
    text = default_framework_path().read_text(encoding="utf-8")
    header = text.split("\nid:")[0]
    assert "our own wording" in header and "Crown-copyright" in header
    assert "expectation_files" in header  # how to add a mapping
    assert text.index("\nid: nz-number-framework") < text.index("\nstages:")
    assert 'version: "2026.1"' in text
