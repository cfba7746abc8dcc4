"""Class progress on the demo class: rounds by term, spreads by band, movement, report and CSV."""

from __future__ import annotations

import csv
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.domain.class_progress import Round, round_of
from ikan_desktop.store import open_store
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.class_progress import class_progress, save_class_report

CLASS = "Room 7 (demo)"


@pytest.fixture
def store(data_dir: Path):
    store = open_store(data_dir)
    roster.seed_demo_class(store, today=date(2026, 11, 30))
    yield store
    store.close()


def test_terms_group_interviews_into_rounds() -> None:
    assert round_of(date(2026, 3, 2)) == Round(2026, 1)
    assert round_of(date(2026, 11, 2)).label == "2026 T4"
    assert round_of(date(2027, 1, 20)) == Round(2026, 4)


def test_each_round_counts_children_by_stage_and_band(store) -> None:
    progress = class_progress(store, CLASS, today=date(2026, 11, 30))
    additive = progress.domains[0]
    latest = additive.spreads[-1]
    assert latest.children == 8
    assert sum(latest.bands.values()) == 8
    assert latest.stages[6] == 3  # Ana, Jack, Priya
    aroha = next(m for m in additive.movements if m.name == "Aroha Ngata")
    assert [s for s in aroha.stages if s is not None] == [1, 2, 4]
    assert aroha.gained == 3


def test_report_is_at_most_two_pages_and_csv_has_the_same_figures(store, tmp_path: Path) -> None:
    pdf, table = tmp_path / "report.pdf", tmp_path / "report.csv"
    progress = save_class_report(store, CLASS, pdf, csv_target=table)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert 1 <= pages <= 2
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Class progress: Room 7 (demo)" in text and "Hūhana Kereama" in text
    rows = list(csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()))
    last = progress.rounds[-1].label
    at_six = [
        r
        for r in rows
        if r["domain"] == "Addition & subtraction"
        and r["round"] == last
        and r["what"] == "children at stage"
        and r["name"] == "6"
    ]
    assert at_six[0]["value"] == "3"
    assert any(r["what"] == "child's stage" and r["name"] == "Aroha Ngata" for r in rows)


def test_the_band_bars_stay_in_their_column(store, tmp_path: Path) -> None:
    """Rendered as a teacher sees it: no bar colour reaches the 'Well below' figures."""
    import re

    from PIL import Image

    pdf = tmp_path / "report.pdf"
    save_class_report(store, CLASS, pdf)
    # At 72 dpi a pixel is a PDF point, so the words' boxes and the picture line up.
    subprocess.run(
        ["pdftoppm", "-r", "72", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (float(x0), float(y0), float(x1), float(y1), word)
        for x0, y0, x1, y1, word in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', boxes
        )
    ]
    headers = {y0 for _, y0, _, _, word in words if word == "Round"}  # each domain's table
    column_left = min(x0 for x0, y0, _, _, word in words if word == "Well" and y0 in headers)
    rounds = [
        (y0, y1) for x0, y0, _, y1, word in words if re.fullmatch(r"20\d\d", word) and x0 < 60
    ]
    assert rounds
    bar_colours = {(0xC9, 0x77, 0x6C), (0xE3, 0xB6, 0x5C), (0x7F, 0xAE, 0x6F), (0x5D, 0x8F, 0xBF)}
    for y0, y1 in rounds:
        y = int((y0 + y1) / 2)
        for x in range(int(column_left) - 2, int(column_left) + 40):
            assert page.getpixel((x, y)) not in bar_colours, (x, y)
