"""Regenerate the demo interview: demo-interview.wav and demo-interview.yaml beside this file.

A short, entirely synthetic strategy interview (form A, sections 2–3) so the review screen has
a real recording and tags from the first launch. Both voices are espeak-ng: the "teacher" is
`en-gb`, the "child" is `en-us+f3` pitched up. No real child is recorded, ever.

The story: a child at about stage 4 (advanced counting) who counts on and skip counts, with
one stage-5 moment (making a ten in a3-add-2). Every domain has at least two tasks that show
a stage, so a teacher trying the demo can confirm additive, multiplicative and proportional
from evidence, and additive still says "needs more evidence" for the stage 5 it saw once.

The tag times are computed while assembling: each strategy tag sits a little after the start
of the child's explanation, as a teacher would press the key while listening. Responses
("correct", "asked how") sit on the answer and the probe.

Needs espeak-ng and sox on the PATH and numpy. The app never runs this; run it by hand:

    .venv/bin/python resources/demo/make_demo_interview.py

The WAV is 11025 Hz mono 16-bit, plenty for espeak-ng speech, and must stay at or under
2,000,000 bytes (about 90 seconds): it ships inside the app. The app reads the rate from the
file, so nothing else assumes 16 kHz.
"""

from __future__ import annotations

import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
WAV = HERE / "demo-interview.wav"
YAML = HERE / "demo-interview.yaml"
RATE = 11025
MAX_BYTES = 2_000_000
WAV_HEADER_BYTES = 44
TEACHER = ("-v", "en-gb", "-s", "175", "-p", "40")
CHILD = ("-v", "en-us+f3", "-p", "75", "-s", "160")
SOX_FORMAT = ("-r", str(RATE), "-c", "1", "-b", "16")
# sox: cut espeak-ng's silence before and after each phrase, so the gaps below are the pauses.
TRIM = ("silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse")
TURN_GAP_MS = 400  # between the teacher and the child
TASK_GAP_MS = 700  # between one task and the next
TAG_DELAY_MS = 1200  # the teacher presses the key about a second into the explanation

# (section, task, teacher's prompt, child's answer, teacher's probe or None, child's explanation,
#  strategy code). The prompts are shortened from interview_scripts/strategy-form-a.yaml.
TASKS: tuple[tuple[str, str, str, str, str | None, str, str], ...] = (
    (
        "counting-all-or-on",
        "a2-add-2",
        "Seven counters under this card, and four under this one. How many altogether?",
        "Eleven.",
        "How did you work that out?",
        "I put seven in my head and counted on. Eight, nine, ten, eleven.",
        "counts_on_back",
    ),
    (
        "counting-all-or-on",
        "a2-mul-1",
        "Four bags of apples, five apples in each bag. How many apples?",
        "Twenty.",
        "Tell me what you were thinking.",
        "Five, ten, fifteen, twenty. I counted in fives.",
        "skip_counts",
    ),
    (
        "counting-all-or-on",
        "a2-pro-1",
        "Twelve grapes. You have half and I have half. How many do you get?",
        "Six.",
        "How did you work that out?",
        "I shared them in twos. Two, four, six, eight, ten, twelve. Six twos, so I get six.",
        "skip_counts",
    ),
    (
        "early-part-whole",
        "a3-add-1",
        "Seven kids on the bus. Six more get on. How many now?",
        "Thirteen.",
        "How did you know?",
        "I put seven in my head and counted on. Eight, nine, ten, eleven, twelve, thirteen.",
        "counts_on_back",
    ),
    (
        "early-part-whole",
        "a3-add-2",
        "Thirteen muffins. The class ate five. How many are left?",
        "Eight.",
        "How did you work it out?",
        "I took three off to get to ten, then two more. Ten take away two is eight.",
        "make_ten",
    ),
    (
        "early-part-whole",
        "a3-mul-1",
        "Six tables, four chairs at each table. How many chairs?",
        "Twenty four.",
        None,
        "Four, eight, twelve, sixteen, twenty, twenty four.",
        "skip_counts",
    ),
    (
        "early-part-whole",
        "a3-pro-1",
        "A pizza costs twenty dollars. Four friends pay a quarter each. How much is that?",
        "Five dollars.",
        "How did you know?",
        "Five, ten, fifteen, twenty. That's four fives, so five dollars each.",
        "skip_counts",
    ),
)


def speak(voice: tuple[str, ...], text: str, folder: Path, name: str) -> np.ndarray:
    """Say `text` with espeak-ng and return it as mono int16 samples at `RATE`."""
    raw, converted = folder / f"{name}-raw.wav", folder / f"{name}.wav"
    subprocess.run(["espeak-ng", *voice, "-w", str(raw), text], check=True)
    # -D: no dither, so running this again gives the same bytes.
    subprocess.run(
        ["sox", "-D", str(raw), *SOX_FORMAT, str(converted), "gain", "-n", "-3", *TRIM],
        check=True,
    )
    with wave.open(str(converted), "rb") as handle:
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2")


def silence(ms: int) -> np.ndarray:
    """`ms` of digital silence: the pauses between turns are exact, so tag times are too."""
    return np.zeros(RATE * ms // 1000, dtype="<i2")


def main() -> None:
    parts: list[np.ndarray] = [silence(600)]
    tags: list[dict[str, object]] = []
    lines: list[dict[str, object]] = []

    def now_ms() -> int:
        return sum(len(p) for p in parts) * 1000 // RATE

    def say(voice: tuple[str, ...], who: str, text: str, folder: Path, name: str) -> int:
        start = now_ms()
        parts.append(speak(voice, text, folder, name))
        lines.append({"t_ms": start, "end_ms": now_ms(), "speaker": who, "text": text})
        return start

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for number, (section, task, prompt, answer, probe, explains, code) in enumerate(TASKS):
            if number:
                parts.append(silence(TASK_GAP_MS))
            say(TEACHER, "teacher", prompt, folder, f"{number}-prompt")
            parts.append(silence(TURN_GAP_MS))
            answered = say(CHILD, "child", answer, folder, f"{number}-answer")
            tags.append(_tag(answered + 300, section, task, "response", "correct"))
            if probe:
                parts.append(silence(TURN_GAP_MS))
                asked = say(TEACHER, "teacher", probe, folder, f"{number}-probe")
                tags.append(_tag(asked + 300, section, task, "response", "asked_how"))
            parts.append(silence(TURN_GAP_MS))
            explained = say(CHILD, "child", explains, folder, f"{number}-explains")
            tagged = explained + TAG_DELAY_MS
            # The key press must land while the child is still explaining, or review would
            # play the wrong stretch of audio for this strategy.
            if tagged >= now_ms():
                raise SystemExit(f"{task}: the explanation ends before its strategy tag")
            tags.append(_tag(tagged, section, task, "strategy", code))
        parts.append(silence(700))
    samples = np.concatenate(parts)
    size = WAV_HEADER_BYTES + samples.nbytes
    if size > MAX_BYTES:
        raise SystemExit(
            f"{WAV.name} would be {size} bytes ({len(samples) / RATE:.1f} s), over {MAX_BYTES}: "
            "shorten the lines or the gaps"
        )
    with wave.open(str(WAV), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(samples.tobytes())
    YAML.write_text(_yaml(len(samples), tags, lines), encoding="utf-8")
    print(f"{WAV.name}: {len(samples) / RATE:.1f} s, {WAV.stat().st_size} bytes; {len(tags)} tags")


def _tag(t_ms: int, section: str, task: str, kind: str, code: str) -> dict[str, object]:
    return {"t_ms": t_ms, "section": section, "task": task, "kind": kind, "code": code}


def _yaml(frames: int, tags: list[dict[str, object]], lines: list[dict[str, object]]) -> str:
    out = [
        "# The demo interview's tags, on the audio clock of demo-interview.wav.",
        "# Generated by make_demo_interview.py (espeak-ng voices; no real child). Do not edit by",
        "# hand: change the script and run it again.",
        "script_id: strategy-form-a",
        "form: A",
        "audio: demo-interview.wav",
        f"rate: {RATE}",
        f"frames: {frames}",
        f"duration_ms: {frames * 1000 // RATE}",
        "tags:",
    ]
    for tag in tags:
        out.append(
            f"- {{t_ms: {tag['t_ms']}, section: {tag['section']}, task: {tag['task']}, "
            f"kind: {tag['kind']}, code: {tag['code']}}}"
        )
    out.append("transcript:")
    for line in lines:
        out.append(
            f"- {{t_ms: {line['t_ms']}, end_ms: {line['end_ms']}, speaker: {line['speaker']}, "
            f'text: "{line["text"]}"}}'
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
