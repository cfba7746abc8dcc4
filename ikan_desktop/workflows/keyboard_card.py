"""What the keyboard card lists: every strategy code's fixed key, by family, and the shared keys."""

from __future__ import annotations

from ikan_desktop.domain.strategy_codes import (
    COUNTING,
    JUST_KNEW,
    KNOWN_FACT,
    NO_STAGE,
    PART_WHOLE,
    StrategyCodes,
)
from ikan_desktop.workflows.interview_keys import COMMON_KEYS, DECISION_KEYS, strategy_keys

FAMILY_TITLES = {
    COUNTING: "Counting strategies",
    PART_WHOLE: "Part-whole strategies",
    KNOWN_FACT: "Known facts",
    NO_STAGE: "No strategy",
}
TITLE = "ikan-desktop · interview keys"
NOTE = (
    "Every key means the same thing on every task and every form. A task's screen shows only "
    "the strategies its scoring guide lists, with the stage each shows on that task; a "
    "strategy's key does nothing on a task that cannot show it. Review adds tags with the "
    "same keys."
)


def keyboard_groups(codes: StrategyCodes) -> list[tuple[str, list[tuple[str, str]]]]:
    """The card's groups, in the order a teacher meets them."""
    keys = strategy_keys(codes)
    groups = []
    for family, title in FAMILY_TITLES.items():
        rows = [
            (keys[c.id], c.label)
            for c in codes.in_family(family)
            if c.id in keys and c.id != JUST_KNEW
        ]
        if family == KNOWN_FACT:
            rows.insert(0, ("J", "Just knew (then ask how)"))
        if rows:
            groups.append((title, sorted(rows, key=lambda r: r[1].lower())))
    groups.append(("Every task", [(k.key, k.label) for k in COMMON_KEYS if k.key != "J"]))
    groups.append(("End of a section", [(k.key, k.label) for k in DECISION_KEYS]))
    return groups


def keyboard_card_pdf(codes: StrategyCodes) -> bytes:
    """The one-page keyboard card as PDF bytes (reportlab is imported here, on first use)."""
    from ikan_desktop.reports.keyboard_card import render_keyboard_card

    return render_keyboard_card(TITLE, NOTE, keyboard_groups(codes))
