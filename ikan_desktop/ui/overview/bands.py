"""Colours and words for the expectation bands, shared by the student list and the overview."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ikan_desktop.domain.expectations import ExpectationBand

# Pale fills that keep dark text readable; the words say the same thing for colour-blind eyes.
BAND_FILL = {
    ExpectationBand.ABOVE: QColor("#cfe2f3"),
    ExpectationBand.AT: QColor("#d5ead0"),
    ExpectationBand.BELOW: QColor("#fbe6bd"),
    ExpectationBand.WELL_BELOW: QColor("#f5cbc6"),
}
BAND_WORDS = {
    ExpectationBand.ABOVE: "above expectation",
    ExpectationBand.AT: "at expectation",
    ExpectationBand.BELOW: "below expectation",
    ExpectationBand.WELL_BELOW: "well below expectation",
}


def band_fill(band: ExpectationBand | None) -> QColor | None:
    """The cell colour for a band (None: no colour, e.g. no expectation applies)."""
    return BAND_FILL.get(band) if band is not None else None


def band_words(band: ExpectationBand | None) -> str:
    return (
        BAND_WORDS.get(band, "no expectation applies yet") if band else "no expectation applies yet"
    )
