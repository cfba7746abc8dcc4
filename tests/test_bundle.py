"""The bundle a teacher downloads, built and run as they would: from its own folder, outside the
source tree and the virtual environment.

Slow (a PyInstaller build, 1–3 minutes): `make test-dist` runs it, and CI's `make test`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tones import tone_wav

from ikan_desktop import __version__

pytestmark = [pytest.mark.slow, pytest.mark.dist]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundle() -> Iterator[Path]:
    """Build the tarball, unpack it in a teacher's folder, and give the app's executable."""
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("CI"):
            pytest.fail("CI tests the bundle: `make test` installs the dist extra when CI=true")
        pytest.skip("needs PyInstaller: `make test-dist` installs it and runs this test")
    scratch = Path(tempfile.mkdtemp(prefix="ikan-bundle-"))
    try:
        build = subprocess.run(
            ["bash", str(ROOT / "packaging" / "build-dist.sh"), scratch / "dist", scratch / "work"],
            env=dict(os.environ, PYTHON=sys.executable),
            capture_output=True,
            text=True,
            timeout=1500,
        )
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
        modules = (scratch / "work" / "ikan-desktop" / "PYZ-00.toc").read_text()
        for extra in ("'pytest'", "'hypothesis'", "'pytestqt'", "'importlinter'"):
            assert extra not in modules, f"{extra} from the test extras is in the bundle"
        (tarball,) = (scratch / "dist").glob(f"ikan-desktop-{__version__}-linux-*.tar.gz")
        shutil.rmtree(scratch / "work")
        shutil.rmtree(scratch / "dist" / "ikan-desktop")
        teacher = scratch / "Downloads"
        teacher.mkdir()
        with tarfile.open(tarball) as archive:
            archive.extractall(teacher, filter="tar")
        (folder,) = teacher.iterdir()
        yield folder / "ikan-desktop"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a teacher's session: no venv, no source tree, no offscreen Qt."""
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "QT_QPA_PLATFORM", "IKAN_DESKTOP_DATA_DIR"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p and p != venv_bin
    )
    env.update(extra)
    return env


def run(exe: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """Run the bundled app from its own folder; never a traceback, whatever happens."""
    result = subprocess.run(
        [str(exe), *args],
        cwd=exe.parent.parent,
        env=env or clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


def test_the_tarball_holds_the_app_its_menu_entry_and_its_content(bundle: Path) -> None:
    folder = bundle.parent
    for name in ("install.sh", "ikan-desktop.desktop", "ikan-desktop.png", "README.txt"):
        assert (folder / name).is_file(), name
    content = folder / "_internal" / "ikan_desktop" / "_content"
    assert (content / "resources" / "demo" / "demo-interview.wav").is_file()
    assert (content / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert sorted(p.name for p in (content / "interview_scripts").glob("*.yaml"))
    qt = folder / "_internal" / "PySide6" / "Qt"
    assert list((qt / "plugins" / "multimedia").glob("*.so"))
    assert list((qt / "lib").glob("libQt6Pdf.so*"))
    assert not list((qt / "lib").glob("libQt6WebEngine*")), "Qt modules the app never uses"
    assert not list((qt / "plugins" / "platforms").glob("libqvnc*"))
    assert run(bundle, "--version").stdout.strip() == f"ikan-desktop {__version__}"


def test_install_script_adds_the_app_to_the_menu_and_takes_it_out(
    bundle: Path, tmp_path: Path
) -> None:
    env = clean_env(XDG_DATA_HOME=str(tmp_path / "share"))
    subprocess.run(["bash", str(bundle.parent / "install.sh")], env=env, check=True)
    entry = tmp_path / "share" / "applications" / "ikan-desktop.desktop"
    assert f'Exec="{bundle}"' in entry.read_text()
    assert (
        tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "ikan-desktop.png"
    ).is_file()
    subprocess.run(["bash", str(bundle.parent / "install.sh"), "--uninstall"], env=env, check=True)
    assert not entry.exists()


def test_selftest_hears_the_virtual_microphone(bundle: Path, virtual_mic, tmp_path: Path) -> None:
    player = virtual_mic.play(tone_wav(tmp_path / "tone.wav"))
    try:
        result = run(bundle, "selftest", "--data-dir", str(tmp_path / "data"))
    finally:
        player.wait(10)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Sound came through" in result.stdout
    assert "No QtMultimedia backends found" not in result.stderr, "the multimedia plugin loads"
    assert (tmp_path / "data" / "selftest.wav").is_file()


def test_demo_then_a_one_page_profile(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(bundle, "demo", "--data-dir", str(data)).returncode == 0
    students = json.loads(run(bundle, "students", "--json", "--data-dir", str(data)).stdout)
    assert len(students) >= 5
    first = students[0]
    pdf = tmp_path / "profile.pdf"
    made = run(
        bundle, "profile", "--student", first["id"], "--out", str(pdf), "--data-dir", str(data)
    )
    assert made.returncode == 0, made.stderr
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE), info.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert first["name"].split()[0] in text


def test_the_window_opens_on_a_real_x_server(bundle: Path, tmp_path: Path) -> None:
    run(bundle, "demo", "--data-dir", str(tmp_path / "data"))
    env = clean_env(IKAN_DESKTOP_QUIT_AFTER_FIRST_FRAME="1")
    shown = run(
        Path("/usr/bin/xvfb-run"),
        "-a",
        "-s",
        "-screen 0 1366x768x24",
        str(bundle),
        "--data-dir",
        str(tmp_path / "data"),
        env=env,
    )
    assert shown.returncode == 0, shown.stderr
    assert "FIRST FRAME ikan-desktop" in shown.stdout
    log = (tmp_path / "data" / "logs" / "ikan-desktop.log").read_text()
    assert f"ikan-desktop {__version__} started" in log and "bundle" in log


def test_bad_input_gets_the_same_plain_messages_as_the_source_install(
    bundle: Path, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a teacher's file")
    refused = run(bundle, "students", "--data-dir", str(not_a_folder / "data"))
    assert refused.returncode == 2 and "cannot be written" in refused.stderr

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "ikan.sqlite").write_bytes(b"this is not a database" * 100)
    refused = run(bundle, "students", "--data-dir", str(broken))
    assert refused.returncode == 2 and "ikan-desktop students:" in refused.stderr
    assert (broken / "ikan.sqlite").read_bytes() == b"this is not a database" * 100

    # The window: the same message box as from source, answered with Enter; then the app leaves.
    press_enter_on_the_message = (
        f'"{bundle}" --data-dir "{broken}" & app=$!; '
        'timeout 60 xdotool search --sync --onlyvisible --name "^ikan-desktop$" >/dev/null; '
        "sleep 0.5; xdotool key Return; wait $app"
    )
    answered = run(
        Path("/usr/bin/xvfb-run"), "-a", "bash", "-c", press_enter_on_the_message, env=clean_env()
    )
    assert answered.returncode == 2, answered.stderr
    assert (broken / "ikan.sqlite").read_bytes() == b"this is not a database" * 100

    no_sound_server = clean_env(PULSE_SERVER=f"unix:{tmp_path}/nothing-here")
    silent = run(bundle, "selftest", "--data-dir", str(tmp_path / "d"), env=no_sound_server)
    assert silent.returncode == 2 and "microphone" in silent.stderr.lower()

    no_screen = {k: v for k, v in clean_env().items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    headless = run(bundle, "--data-dir", str(tmp_path / "d"), env=no_screen)
    assert headless.returncode == 2 and "needs a screen" in headless.stderr
