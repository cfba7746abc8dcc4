"""Search text folded the way a teacher types: no macrons or other accents, any case."""

from __future__ import annotations

import unicodedata


def fold_for_search(text: str) -> str:
    """ "Tūhoe" → "tuhoe", so typing without macrons (or capitals) still finds the name."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
