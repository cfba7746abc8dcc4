"""The headless commands, run as real processes the way scripts and support staff run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ikan_desktop.store.location import DB_NAME


def ikan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ikan_desktop", *args],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=60,
    )


def test_demo_then_students_json(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    seeded = ikan("demo", "--data-dir", str(folder))
    assert seeded.returncode == 0, seeded.stderr
    listed = ikan("students", "--json", "--data-dir", str(folder))
    assert listed.returncode == 0, listed.stderr
    students = json.loads(listed.stdout)
    assert len(students) == 8
    assert {"Aroha Ngata", "Hūhana Kereama"} <= {s["name"] for s in students}
    assert all(len(s["id"]) == 36 for s in students)
    assert any(not s["recording_consent"] for s in students)
    # Seeding twice does not duplicate the class.
    assert ikan("demo", "--data-dir", str(folder)).returncode == 0
    assert len(json.loads(ikan("students", "--json", "--data-dir", str(folder)).stdout)) == 8


def test_environment_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    env = dict(os.environ, IKAN_DESKTOP_DATA_DIR=str(tmp_path / "from-env"))
    assert ikan("demo", env=env).returncode == 0
    assert (tmp_path / "from-env" / DB_NAME).exists()


def test_bad_database_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / DB_NAME).write_text("this is a spreadsheet, not a database")
    result = ikan("students", "--json", "--data-dir", str(folder))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "not an SQLite database" in lines[0]
    assert "Traceback" not in result.stderr
    assert (folder / DB_NAME).read_text() == "this is a spreadsheet, not a database"


def test_no_display_names_xvfb_run_instead_of_aborting(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    result = ikan("--data-dir", str(tmp_path), env=env)
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Aborted" not in result.stderr


def test_validate_script_accepts_the_shipped_forms_and_names_problems(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parent.parent / "interview_scripts"
    forms = sorted(str(p) for p in shipped.glob("*.yaml"))
    assert len(forms) == 5
    good = ikan("validate-script", *forms)
    assert good.returncode == 0, good.stderr
    broken = tmp_path / "form-x.yaml"
    text = (shipped / "strategy-form-a.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("counts_one_to_one: 1", "counts_sideways: 1", 1))
    bad = ikan("validate-script", str(broken))
    assert bad.returncode == 2
    assert "counts_sideways" in bad.stderr and str(broken) in bad.stderr
    assert "Traceback" not in bad.stderr
    half = tmp_path / "half.yaml"
    half.write_text(text[: len(text) // 3] + "\n  - [unclosed")
    cut = ikan("validate-script", str(half))
    assert cut.returncode == 2 and "Traceback" not in cut.stderr


def test_overview_json_for_a_class(tmp_path: Path) -> None:
    folder = str(tmp_path / "school")
    assert ikan("demo", "--data-dir", folder).returncode == 0
    done = ikan("overview", "--class", "Room 7 (demo)", "--json", "--data-dir", folder)
    assert done.returncode == 0, done.stderr
    children = json.loads(done.stdout)["children"]
    sione = next(c for c in children if c["name"] == "Sione Taufa")
    assert sione["domains"]["additive"]["band"] == "well_below"
    unknown = ikan("overview", "--class", "Room 9", "--json", "--data-dir", folder)
    assert unknown.returncode == 2 and "Room 7 (demo)" in unknown.stderr


def test_groups_json_for_a_class(tmp_path: Path) -> None:
    folder = str(tmp_path / "school")
    assert ikan("demo", "--data-dir", folder).returncode == 0
    done = ikan("groups", "--class", "Room 7 (demo)", "--json", "--data-dir", folder)
    assert done.returncode == 0, done.stderr
    additive = json.loads(done.stdout)["domains"][0]
    first = additive["suggested"][0]
    assert first["title"].endswith("addition & subtraction: 1 child")
    assert first["children"][0]["name"] == "Liam O'Connor"


def test_class_report_writes_a_pdf_and_never_replaces_one(tmp_path: Path) -> None:
    folder = str(tmp_path / "school")
    assert ikan("demo", "--data-dir", folder).returncode == 0
    out = tmp_path / "report.pdf"
    done = ikan("class-report", "--class", "Room 7 (demo)", "--out", str(out), "--data-dir", folder)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    again = ikan(
        "class-report", "--class", "Room 7 (demo)", "--out", str(out), "--data-dir", folder
    )
    assert again.returncode == 2 and "not replaced" in again.stderr
