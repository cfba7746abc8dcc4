"""The in-app interview guide as simple HTML: first interview step by step, stages, abbreviations.

Stage names and abbreviations come from the framework file and the banks from the knowledge
check, so the guide follows the content it explains. The wording is original.
"""

from __future__ import annotations

from html import escape

from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.scripts import load_knowledge_check

FIRST_INTERVIEW = (
    "Add the student (<b>File ▸ Add student…</b>), or open the demo class to practise first. "
    "Tick recording consent only when the family has agreed.",
    "Check the microphone once: <b>Start interview…</b> (Ctrl+I) has a <b>Check the "
    "microphone…</b> button. Speak; the bar should move.",
    "Select the student and press <b>Ctrl+I</b>. The app suggests the next form and where to "
    "start; press <b>Enter</b> to start.",
    "Read the prompt word for word and show the card (<b>V</b> shows it large to the child; "
    "<b>V</b> again hides it).",
    "When you see how the child solved it, press the strategy's key. The keys never change "
    "meaning: print them with <b>Help ▸ Keyboard card</b>. <b>C</b>, <b>X</b> mark the answer "
    "correct or incorrect, <b>H</b> that you asked how, <b>N</b> a quick note.",
    "Press <b>→</b> for the next task. At the end of a section the app suggests whether to go "
    "on: <b>Enter</b> accepts, <b>1</b> <b>2</b> <b>3</b> continue, stop or go back.",
    "Press <b>Stop interview…</b> when you are done. Review the recording, listen to the "
    "moments you tagged, and confirm the stages: the app only ever suggests.",
)


def guide_html() -> str:
    """The whole guide as one HTML page for a text browser."""
    framework = load_framework()
    check = load_knowledge_check()
    steps = "".join(f"<li>{step}</li>" for step in FIRST_INTERVIEW)
    stages = "".join(
        f"<tr><td><b>{s.number}</b></td><td><b>{escape(s.abbreviation)}</b></td>"
        f"<td>{escape(s.name)}</td><td>{escape(s.summary)}</td></tr>"
        for s in framework.stages
    )
    banks = "".join(f"<li>{escape(b.label)}</li>" for b in check.banks)
    domains = ", ".join(escape(d.name) for d in framework.knowledge_domains)
    abbreviations = sorted({s.abbreviation for s in framework.stages if s.abbreviation})
    short = "; ".join(
        f"<b>{escape(a)}</b> = "
        + " / ".join(escape(s.name) for s in framework.stages if s.abbreviation == a)
        for a in abbreviations
    )
    return (
        "<h2>Your first interview, step by step</h2>"
        f"<ol>{steps}</ol>"
        "<h2>What the stages mean</h2>"
        "<p>A stage describes the most advanced strategy a child uses <i>reliably</i>, in one "
        "domain at a time (adding and subtracting, multiplying and dividing, proportions). A "
        "child can be at different stages in different domains.</p>"
        "<table cellpadding='4' border='0'>"
        "<tr><th>Stage</th><th>Short</th><th>Name</th><th>What you see</th></tr>"
        f"{stages}</table>"
        "<h2>The knowledge check's banks</h2>"
        "<p>Each bank holds the quick-recall knowledge a child needs to move from one stage "
        "to the next; its name joins the two stages' short names with an arrow (AC→EA: from "
        "advanced counting to early additive). <b>AP+</b> is the knowledge beyond the top "
        f"stage.</p><ul>{banks}</ul>"
        f"<p>The banks check five kinds of knowledge: {domains}.</p>"
        f"<p><b>Short names:</b> {short}.</p>"
    )
