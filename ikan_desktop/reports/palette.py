"""Colours and text measuring shared by the profile's drawings.

The palette is one calm blue with greys, chosen so every mark still reads when a school prints
in black and white: "now" is dark, "earlier" is mid grey, "expected" is a pale band, and the
growth lines differ by dash and marker shape as well as shade.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

INK = colors.HexColor("#1d2a33")
MUTED = colors.HexColor("#56656f")
RULE = colors.HexColor("#b9c5cc")
FAINT_RULE = colors.HexColor("#e4e9ec")
NOW = colors.HexColor("#1f5673")
EARLIER = colors.HexColor("#a9c3d2")
EXPECTED = colors.HexColor("#e3edf3")
EXPECTED_EDGE = colors.HexColor("#b7cbd8")
PAPER = colors.white
SOFT_PANEL = colors.HexColor("#f3f6f8")

# Growth lines, one per strategy domain: (colour, dash pattern, marker name).
SERIES_STYLES: tuple[tuple[colors.Color, tuple[float, ...] | None, str], ...] = (
    (colors.HexColor("#1f5673"), None, "FilledCircle"),
    (colors.HexColor("#5e8a3c"), (5, 2.5), "FilledSquare"),
    (colors.HexColor("#c4842f"), (1.5, 2), "FilledTriangle"),
    (colors.HexColor("#7a4f86"), (7, 2, 1.5, 2), "FilledDiamond"),
)


def series_style(index: int) -> tuple[colors.Color, tuple[float, ...] | None, str]:
    """The colour, dash and marker for the `index`th domain (repeats after four)."""
    return SERIES_STYLES[index % len(SERIES_STYLES)]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Split `text` into lines no wider than `width` (a word longer than that stays whole)."""
    return simpleSplit(text, font, size, width) or [""]


def fit_size(text: str, font: str, largest: float, smallest: float, width: float) -> float:
    """The largest font size between the bounds at which `text` fits on one line of `width`."""
    size = largest
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.25
    return size
