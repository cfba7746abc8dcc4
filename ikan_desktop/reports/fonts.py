"""The bundled DejaVu Sans faces, registered with reportlab so macrons (ā ē ī ō ū) print.

reportlab's built-in fonts cover Latin-1 only, which has no macrons; a child's name such as
Hūhana would print with holes. DejaVu Sans ships in `resources/fonts/` with its licence.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ikan_desktop.domain.content import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_LOCK = threading.Lock()
_registered = False


class FontMissing(Exception):
    """The bundled font file is not where the app expects it (a broken install)."""


def font_file(face: str) -> Path:
    """Where the bundled TTF for `face` lives."""
    return resource_path("fonts", _FILES[face])


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces once (thread-safe); returns their names."""
    global _registered
    with _LOCK:
        if not _registered:
            for face in (REGULAR, BOLD):
                path = font_file(face)
                if not path.is_file():
                    raise FontMissing(
                        f"The font file {path} is missing, so profiles cannot be printed. "
                        "Reinstalling ikan-desktop will put it back."
                    )
                pdfmetrics.registerFont(TTFont(face, str(path)))
            # <b> inside a Paragraph picks the bold face; there are no italic faces bundled.
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _registered = True
    return REGULAR, BOLD
