"""Exporting an interview to plain files: WAV, Audacity labels, tags CSV; and clips."""

from __future__ import annotations

import csv
import io
import wave
from pathlib import Path

import pytest
from review_helpers import RATE, recorded_interview, write_tone

from ikan_desktop.exchange.clips import clip_window, export_clip
from ikan_desktop.exchange.labels import read_audacity_labels
from ikan_desktop.store import open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.workflows import review_edits as edits
from ikan_desktop.workflows.review_export import clip_around_tag, export_session

EXPORT_TAGS = (
    (1200, "a2-add-2", "counts_on_back", 4, ""),
    (9876, "a2-mul-1", "skip_counts", 4, ""),
    (28500, "a3-add-2", "make_ten", 5, "said 'ten' first"),
)


def interview(store: Store, *, seconds: float = 30.0, audio: bool = True) -> str:
    return recorded_interview(
        store,
        name="Mereana Tūhoe-Walker",
        seconds=seconds,
        audio=audio,
        tags=EXPORT_TAGS,
        correct_at_ms=None,
        assessor="",
        section_id="x",
    )


@pytest.fixture
def store(data_dir: Path) -> Store:
    opened = open_store(data_dir)
    yield opened
    opened.close()


def test_export_folder_has_the_recording_labels_and_csv(store: Store, tmp_path: Path) -> None:
    session_id = interview(store)
    tags = tag_store.tags_for_session(store, session_id)
    edits.delete_tag(store, tags[1].id)
    result = export_session(store, session_id, tmp_path / "out")
    assert result.has_audio and result.folder.parent == tmp_path / "out"
    assert "Mereana Tūhoe-Walker" in result.folder.name
    wav = next(result.folder.glob("*.wav"))
    with wave.open(str(wav), "rb") as handle:
        assert (handle.getnframes(), handle.getframerate()) == (30 * RATE, RATE)
    source = session_store.audio_path_of(store, session_store.get_session(store, session_id))
    assert wav.read_bytes() == source.read_bytes()

    labels = read_audacity_labels(next(result.folder.glob("*-labels.txt")))
    live = tag_store.tags_for_session(store, session_id)
    assert [lab.start_s for lab in labels] == [t.t_ms / 1000 for t in live]
    assert [lab.start_s for lab in labels] == [lab.end_s for lab in labels]
    assert labels[0].text == "7 and 4: Counted on / back (stage 4)"  # task a2-add-2
    assert labels[1].text == "13 − 5: Made a ten (stage 5) — said 'ten' first"

    rows = list(csv.DictReader(io.StringIO(next(result.folder.glob("*-tags.csv")).read_text())))
    assert len(rows) == 3  # the deleted tag too, marked
    assert [r["deleted"] for r in rows] == ["no", "yes", "no"]
    assert rows[1]["time_s"] == "9.876"
    assert not list(result.folder.glob(".*"))  # no temporary files left behind


def test_a_second_export_never_overwrites(store: Store, tmp_path: Path) -> None:
    session_id = interview(store, seconds=5)
    first = export_session(store, session_id, tmp_path)
    marker = first.folder / "teacher-notes.txt"
    marker.write_text("mine")
    second = export_session(store, session_id, tmp_path)
    assert second.folder != first.folder and second.folder.name.endswith("(2)")
    assert marker.read_text() == "mine"
    assert len(list(second.folder.iterdir())) == 3


def test_an_interview_without_audio_exports_labels_and_tags_only(
    store: Store, tmp_path: Path
) -> None:
    result = export_session(store, interview(store, audio=False), tmp_path)
    assert not result.has_audio and "no recording" in result.message
    assert sorted(p.suffix for p in result.folder.iterdir()) == [".csv", ".txt"]
    # Tags without audio have no place on an audio clock, so the label file is empty.
    assert read_audacity_labels(next(result.folder.glob("*.txt"))) == []


def test_a_clip_is_ten_seconds_around_the_tag(store: Store, tmp_path: Path) -> None:
    session_id = interview(store)
    tags = tag_store.tags_for_session(store, session_id)
    middle = clip_around_tag(store, tags[1].id, tmp_path)
    with wave.open(str(middle.path), "rb") as handle:
        assert abs(handle.getnframes() / handle.getframerate() - 10.0) < 0.01
    assert (middle.start_ms, middle.end_ms) == (4876, 14876)
    near_end = clip_around_tag(store, tags[2].id, tmp_path)
    assert (near_end.start_ms, near_end.end_ms) == (23500, 30000)
    with wave.open(str(near_end.path), "rb") as handle:
        assert abs(handle.getnframes() / RATE - 6.5) < 0.01
    again = clip_around_tag(store, tags[1].id, tmp_path)
    assert again.path != middle.path and middle.path.exists()


def test_clip_window_is_clamped_to_the_recording(tmp_path: Path) -> None:
    assert clip_window(1200, 30000, before_ms=5000, after_ms=5000) == (0, 6200)
    assert clip_window(40000, 30000, before_ms=5000, after_ms=5000) == (30000, 30000)
    wav = tmp_path / "short.wav"
    write_tone(wav, 3)
    clip = export_clip(wav, 1500, tmp_path / "clip.wav", before_ms=1000, after_ms=500)
    with wave.open(str(clip.path), "rb") as handle:
        assert handle.getnframes() == RATE * 3 // 2
