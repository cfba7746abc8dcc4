"""The class overview on the demo class: stages, bands, change since last round, knowledge gaps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.domain.class_view import knowledge_holding_back
from ikan_desktop.domain.expectations import ExpectationBand
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import open_store
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.class_view import (
    UnknownClass,
    class_overview,
    overview_json,
    sorted_rows,
)

CLASS = "Room 7 (demo)"


@pytest.fixture
def store(data_dir: Path):
    store = open_store(data_dir)
    roster.seed_demo_class(store)
    yield store
    store.close()


def _row(overview, name):
    return next(r for r in overview.rows if r.student.name == name)


def test_each_child_has_stage_band_and_change_per_domain(store) -> None:
    overview = class_overview(store, CLASS)
    assert len(overview.rows) == 8
    aroha = _row(overview, "Aroha Ngata").cell("additive")
    assert (aroha.stage.stage, aroha.change, aroha.change_text) == (4, 2, "↑2")
    assert aroha.stage_name == "Advanced counting"
    assert aroha.band is ExpectationBand.ABOVE
    sione = _row(overview, "Sione Taufa").cell("additive")
    assert (sione.change, sione.change_text, sione.band) == (0, "", ExpectationBand.WELL_BELOW)
    mereana = _row(overview, "Mereana Tūhoe-Walker").cell("additive")
    assert mereana.stage.text == "early 5"


def test_knowledge_behind_the_strategy_stage_is_flagged(store) -> None:
    overview = class_overview(store, CLASS)
    ana = _row(overview, "Ana Lemalu")
    # Proportional 5 stands on basic facts (5) and fractions (4): fractions hold it back.
    assert ana.cell("proportional").knowledge_behind == ("fractions",)
    # Fractions knowledge does not hold back addition and subtraction.
    assert "fractions" not in ana.cell("additive").knowledge_behind
    assert knowledge_holding_back("additive", 5, {"basic_facts": 5}) == ()


def test_sorting_by_band_puts_children_above_expectation_first(store) -> None:
    overview = class_overview(store, CLASS)
    rows = sorted_rows(overview, by="band", domain_id="additive")
    bands = [r.cell("additive").band.order for r in rows]
    assert bands == sorted(bands, reverse=True)
    assert rows[-1].student.name == "Sione Taufa"


def test_a_child_without_rounds_and_an_unknown_class(store) -> None:
    roster.add_student(store, StudentDetails(name="Nikau Brown", class_name=CLASS, year_level=3))
    overview = class_overview(store, CLASS, today=date(2026, 11, 20))
    nikau = _row(overview, "Nikau Brown").cell("additive")
    assert nikau.stage is None and nikau.expected == "4"
    with pytest.raises(UnknownClass, match="Room 7"):
        class_overview(store, "Room 9")


def test_a_withdrawn_confirmation_no_longer_counts(store) -> None:
    overview = class_overview(store, CLASS)
    latest = _row(overview, "Aroha Ngata").cell("additive").stage
    judgement_store.withdraw_confirmation(store, session_id=latest.session_id, domain="additive")
    again = _row(class_overview(store, CLASS), "Aroha Ngata").cell("additive")
    assert again.stage.stage == 2 and again.change == 1


def test_json_names_stage_band_and_change(store) -> None:
    data = overview_json(class_overview(store, CLASS), load_framework())
    aroha = next(c for c in data["children"] if c["name"] == "Aroha Ngata")
    additive = aroha["domains"]["additive"]
    assert (additive["stage"], additive["band"], additive["change"]) == (4, "above", 2)
    assert additive["stage_name"] == "Advanced counting"
