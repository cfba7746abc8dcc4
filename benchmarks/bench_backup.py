"""Backup throughput beside a plain `cp` of the same files, its memory, and merging two schools.

The backup set is a class of 30 with 90 recorded interviews: about 1.5 GB of WAV in the full
run, 90 MB with --quick. `cp` and the backup alternate on the same disk, each followed by an
fsync of what it wrote (the backup fsyncs its file before renaming it into place), and the
medians are compared. Memory is the peak resident size of `ikan-desktop backup` in its own
process, beside the same process doing nothing but start (`--version`): flat means the
difference does not grow with the data. The merge is two backups of 1,000 students each, made
from the same roll (so every student of the second is matched, not added).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.common import Result, median
from benchmarks.large_school import make_school
from ikan_desktop.store import open_store
from ikan_desktop.store.settings import set_setting
from ikan_desktop.workflows import auto_backup
from ikan_desktop.workflows.backup import make_backup
from ikan_desktop.workflows.merge import merge_backup

INTERVIEWS = 90
RATE = 16000


def _wav(path: Path, size: int, noise: bytes) -> None:
    frames = size // 2
    header = b"RIFF" + struct.pack("<I", 36 + frames * 2) + b"WAVEfmt "
    header += struct.pack("<IHHIIHH", 16, 1, 1, RATE, RATE * 2, 2, 16)
    header += b"data" + struct.pack("<I", frames * 2)
    with open(path, "wb") as out:
        out.write(header)
        left = frames * 2
        while left:
            piece = noise[: min(left, len(noise))]
            out.write(piece)
            left -= len(piece)


def make_class(folder: Path, *, wav_bytes: int) -> int:
    """A class of 30 with 90 finished, recorded interviews; the total size of the WAVs."""
    noise = os.urandom(1 << 20)
    with open_store(folder) as store:
        conn = store.db.conn
        conn.execute("BEGIN")
        students = [str(uuid.uuid4()) for _ in range(30)]
        for n, sid in enumerate(students):
            conn.execute(
                "INSERT INTO students (id, name, external_id, recording_consent, created_at, "
                "updated_at) VALUES (?, ?, ?, 1, '2026-02-01', '2026-02-01')",
                [sid, f"Child {n:02d}", f"E{n:04d}"],
            )
        for n in range(INTERVIEWS):
            session_id = str(uuid.uuid4())
            relative = f"audio/2026-03/{session_id}.wav"
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            _wav(folder / relative, wav_bytes, noise)
            conn.execute(
                "INSERT INTO sessions (id, student_id, kind, script_id, script_version, form, "
                "started_at, ended_at, state, audio_path, audio_rate, audio_frames) VALUES "
                "(?, ?, 'strategy', 'strategy-form-a', '1', 'A', '2026-03-02T09:00:00+00:00', "
                "'2026-03-02T09:15:00+00:00', 'finished', ?, ?, ?)",
                [session_id, students[n % 30], relative, RATE, wav_bytes // 2],
            )
        conn.execute("COMMIT")
    return sum(p.stat().st_size for p in (folder / "audio").rglob("*.wav"))


def _cp(source: Path, target: Path) -> float:
    target.mkdir()
    begin = time.perf_counter()
    subprocess.run(
        ["cp", "-r", str(source / "audio"), str(source / "ikan.sqlite"), str(target)], check=True
    )
    written = [str(p) for p in target.rglob("*") if p.is_file()]
    subprocess.run(["sync", *written], check=True)
    return time.perf_counter() - begin


def _backup(source: Path, target: Path, passphrase: str | None = None) -> float:
    begin = time.perf_counter()
    make_backup(source, target, passphrase=passphrase)
    return time.perf_counter() - begin


def _peak_rss_mb(args: list[str]) -> float:
    process = subprocess.Popen(
        [sys.executable, "-m", "ikan_desktop", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_maxrss / 1024


def _closing_ms(data: Path, stick: Path) -> float:
    stick.mkdir()
    with open_store(data) as store:
        set_setting(store, auto_backup.FOLDER_KEY, str(stick))
    begin = time.perf_counter()
    process = auto_backup.start_automatic_backup(data)
    waited = (time.perf_counter() - begin) * 1000
    assert process is not None and process.wait(timeout=600) == 0
    assert len(list(stick.glob("*.ikanbackup"))) == 1
    return waited


def backup_figures(quick: bool) -> list[Result]:
    wav_bytes = 1_000_000 if quick else 16_700_000
    rounds = 3 if quick else 2
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        root = Path(tmp)
        total = make_class(root / "class", wav_bytes=wav_bytes)
        cp_times, backup_times, sealed_times = [], [], []
        for n in range(rounds):
            cp_times.append(_cp(root / "class", root / f"cp{n}"))
            shutil.rmtree(root / f"cp{n}")
            backup_times.append(_backup(root / "class", root / f"b{n}.ikanbackup"))
            (root / f"b{n}.ikanbackup").unlink()
            sealed_times.append(_backup(root / "class", root / f"e{n}.ikanbackup", "bench"))
            (root / f"e{n}.ikanbackup").unlink()
        closing_ms = _closing_ms(root / "class", root / "auto")
        floor = _peak_rss_mb(["--version"])
        out = root / "mem.ikanbackup"
        peak = _peak_rss_mb(["backup", "--out", str(out), "--data-dir", str(root / "class")])
    cp_s, backup_s, sealed_s = median(cp_times), median(backup_times), median(sealed_times)
    size = f"{total / 1e9:.2f} GB" if total > 1e9 else f"{total / 1e6:.0f} MB"
    return [
        Result(
            f"backup of 90 recordings ({size}) ÷ cp of the same files",
            backup_s / cp_s,
            "×",
            target=2.0,
            detail=f"backup {backup_s:.2f} s ({total / backup_s / 1e6:.0f} MB/s), "
            f"cp + sync {cp_s:.2f} s ({total / cp_s / 1e6:.0f} MB/s), median of {rounds}",
        ),
        Result(
            f"encrypted backup ({size}) ÷ cp",
            sealed_s / cp_s,
            "×",
            detail=f"encrypted {sealed_s:.2f} s ({total / sealed_s / 1e6:.0f} MB/s)",
        ),
        Result(
            "closing the app: starting the automatic backup (it runs in its own process)",
            closing_ms,
            "ms",
            target=50.0,
            detail="the time the window waits; the backup itself finishes after it has gone",
        ),
        Result(
            f"backup process peak memory above its own start-up ({size})",
            peak - floor,
            "MB",
            target=32.0,
            detail=f"peak {peak:.0f} MB; `ikan-desktop --version` alone {floor:.0f} MB",
        ),
    ]


def merge_figures(quick: bool) -> list[Result]:
    sessions = 2000 if quick else 10000
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as tmp:
        root = Path(tmp)
        backups = []
        for name in ("anna", "ben"):
            make_school(root / name, students=1000, sessions=sessions, tags_per_session=10)
            backups.append(make_backup(root / name, root / f"{name}.ikanbackup").path)
        with open_store(root / "school") as store:
            begin, cpu = time.perf_counter(), time.process_time()
            for path in backups:
                merge_backup(store, path)
            first, cpu = time.perf_counter() - begin, time.process_time() - cpu
            begin = time.perf_counter()
            again = [merge_backup(store, path) for path in backups]
            second = time.perf_counter() - begin
            students = store.db.execute("SELECT count(*) FROM students").fetchone()[0]
    assert students == 1000 and all(r.counts.sessions_added == 0 for r in again)
    return [
        Result(
            f"merge two 1,000-student backups ({sessions:,} interviews, "
            f"{sessions * 10:,} tags each)",
            first,
            "s",
            target=5.0,
            detail=f"CPU {cpu:.2f} s (load average {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} cores); the same two again (nothing to add): {second:.2f} s",
        )
    ]


def run(quick: bool) -> list[Result]:
    return backup_figures(quick) + merge_figures(quick)
