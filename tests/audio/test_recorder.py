"""The recorder with real audio through the virtual microphone: content, clock, pause, failures."""

from __future__ import annotations

import random
import time
import wave
from pathlib import Path

import numpy as np
import pytest
from audio_compare import envelope_match, read_wav, speak, tone_burst, tone_onset_s, write_wav
from ear import Ear
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.audio

MIC = "VirtualMic"


def recorder_for(qtbot: QtBot, **kwargs):
    from ikan_desktop.audio.recorder import Recorder

    recorder = Recorder(device=kwargs.pop("device", MIC), **kwargs)
    return recorder


def start(qtbot: QtBot, recorder, path: Path | None) -> None:
    with qtbot.waitSignal(recorder.started, timeout=5000):
        assert recorder.start(path)


def test_speech_played_into_the_microphone_comes_back(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    speech = speak(tmp_path / "speech.wav", "Seven and eight. I counted on from eight: fifteen.")
    recorder = recorder_for(qtbot)
    start(qtbot, recorder, tmp_path / "audio" / "interview.wav")
    virtual_mic.play_and_wait(speech)
    qtbot.wait(300)
    summary = recorder.stop()

    got, rate = read_wav(summary.path)
    ref, ref_rate = read_wav(speech)
    assert (rate, summary.rate) == (16000, 16000)
    with wave.open(str(summary.path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getnframes()) == (1, 2, summary.frames)
    assert np.sqrt(np.mean(got**2)) > 0.01
    assert envelope_match(got, rate, ref, ref_rate) > 0.7
    assert recorder.audio_ended_ms == summary.duration_ms


def test_a_tone_lands_in_the_file_where_the_clock_said_it_started(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    """The clock, read the moment a tone is heard on the speaker, points at that tone in the WAV.

    A second listener (`Ear`) notes when each tone is heard; the clock is sampled every 2 ms on
    the GUI thread, and its reading at that moment is interpolated from the samples.
    """
    rng = random.Random(7)
    recorder = recorder_for(qtbot)
    start(qtbot, recorder, tmp_path / "clock.wav")
    samples: list[tuple[float, int]] = []
    sampler = QTimer(interval=2)
    sampler.timeout.connect(lambda: samples.append((time.monotonic(), recorder.position_ms())))
    ear = Ear(virtual_mic.env)
    ear.start()
    sampler.start()
    heard: list[float] = []
    try:
        for n in range(3):
            lead_s = 0.2 + rng.uniform(0, 0.01)  # off the 10 ms grid, so chunking cannot hide
            burst = write_wav(tmp_path / f"burst{n}.wav", tone_burst(48000, lead_s=lead_s), 48000)
            qtbot.wait(200 + rng.randint(0, 9))
            player = virtual_mic.play(burst)
            qtbot.waitUntil(lambda p=player: p.poll() is not None, timeout=10000)
            qtbot.waitUntil(lambda n=n: ear.heard.qsize() + len(heard) > n, timeout=3000)
            heard.append(ear.heard.get())
        qtbot.wait(200)
    finally:
        sampler.stop()
        ear.stop()
    summary = recorder.stop()

    times, positions = zip(*samples, strict=True)
    expected = [float(np.interp(at, times, positions)) for at in heard]
    got, rate = read_wav(summary.path)
    for want_ms in expected:
        start_at = int((want_ms - 150) * rate / 1000)
        window = got[start_at : start_at + int(0.4 * rate)]
        onset = tone_onset_s(window, rate)
        assert onset is not None, f"no tone near {want_ms:.0f} ms"
        found_ms = (start_at / rate + onset) * 1000
        assert abs(found_ms - want_ms) <= 20, (found_ms, want_ms)


def test_the_clock_never_runs_backwards_nor_more_than_a_chunk_ahead_of_the_file(
    virtual_mic, qtbot: QtBot
) -> None:
    recorder = recorder_for(qtbot)
    start(qtbot, recorder, None)
    rng = random.Random(11)
    readings: list[tuple[int, int]] = []
    for _ in range(120):
        qtbot.wait(rng.randint(1, 13))
        readings.append((recorder.position_ms(), recorder.frames_written * 1000 // recorder.rate))
    recorder.stop()
    positions = [p for p, _ in readings]
    assert positions == sorted(positions)
    ahead = [p - f for p, f in readings]
    assert min(ahead) >= 0 and max(ahead) <= 50
    assert sum(1 for a in ahead if a > 0) > len(ahead) / 3  # it extrapolates within the chunk


def test_pause_freezes_the_clock_and_records_nothing_said_during_it(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    rate = 48000
    before = write_wav(tmp_path / "a.wav", tone_burst(rate, lead_s=0.05, freq=1000), rate)
    during = write_wav(tmp_path / "b.wav", tone_burst(rate, lead_s=0.05, freq=2000), rate)
    after = write_wav(tmp_path / "c.wav", tone_burst(rate, lead_s=0.05, freq=1500), rate)
    recorder = recorder_for(qtbot)
    start(qtbot, recorder, tmp_path / "paused.wav")
    virtual_mic.play_and_wait(before)
    with qtbot.waitSignal(recorder.paused) as paused:
        recorder.pause()
    frozen = recorder.position_ms()
    virtual_mic.play_and_wait(during)
    qtbot.wait(300)
    assert recorder.position_ms() == frozen == paused.args[0]
    assert recorder.has_audio
    with qtbot.waitSignal(recorder.resumed) as resumed:
        recorder.resume()
    assert resumed.args[0] == frozen
    qtbot.wait(100)
    samples: list[tuple[float, int]] = []
    sampler = QTimer(interval=2)
    sampler.timeout.connect(lambda: samples.append((time.monotonic(), recorder.position_ms())))
    ear = Ear(virtual_mic.env)
    ear.start()
    sampler.start()
    try:
        player = virtual_mic.play(after)
        qtbot.waitUntil(lambda: player.poll() is not None and not ear.heard.empty(), timeout=10000)
        qtbot.wait(200)
    finally:
        sampler.stop()
        ear.stop()
    times, positions = zip(*samples, strict=True)
    heard_at_ms = float(np.interp(ear.heard.get(), times, positions))
    summary = recorder.stop()

    got, got_rate = read_wav(summary.path)
    assert tone_onset_s(got, got_rate, freq=1000) is not None
    assert tone_onset_s(got, got_rate, freq=2000) is None  # the pause was not recorded
    onset = tone_onset_s(got, got_rate, freq=1500)
    assert onset is not None
    assert abs(onset * 1000 - heard_at_ms) <= 25  # after the pause the file goes on in step
    assert [e.kind for e in summary.events] == ["paused", "resumed", "audio_ended"]
    assert summary.events[0].at_ms == frozen


def test_a_microphone_that_does_not_exist_is_a_clear_message_not_a_crash(qtbot: QtBot) -> None:
    for choice in (b"no-such-device", "Microphone On The Moon"):
        recorder = recorder_for(qtbot, device=choice)
        with qtbot.waitSignal(recorder.failed) as failed:
            assert recorder.start(None) is False
        message = failed.args[0]
        assert "not plugged in" in message or "No microphone was found" in message
        assert "without audio" in message
        assert not recorder.has_audio
        # The interview can still run: the clock carries on without audio.
        first = recorder.position_ms()
        qtbot.wait(60)
        assert recorder.position_ms() >= first + 50
        with qtbot.waitSignal(recorder.paused):
            recorder.pause()  # and pausing still freezes it
        frozen = recorder.position_ms()
        qtbot.wait(60)
        assert recorder.position_ms() == frozen
        recorder.resume()
        qtbot.wait(60)
        assert recorder.position_ms() >= frozen + 50
        assert [e.kind for e in recorder.events] == ["audio_ended", "paused", "resumed"]


def test_a_device_that_offers_float_stereo_is_converted_to_16_bit_mono(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtMultimedia import QAudioFormat

    fmt = QAudioFormat()
    fmt.setSampleRate(48000)
    fmt.setChannelCount(2)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Float)
    speech = speak(tmp_path / "speech.wav", "Twelve take away five is seven.")
    recorder = recorder_for(qtbot, fmt=fmt)
    start(qtbot, recorder, tmp_path / "float.wav")
    virtual_mic.play_and_wait(speech)
    qtbot.wait(200)
    summary = recorder.stop()
    with wave.open(str(summary.path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (48000, 1, 2)
    got, rate = read_wav(summary.path)
    ref, ref_rate = read_wav(speech)
    assert envelope_match(got, rate, ref, ref_rate) > 0.7


def test_a_folder_that_cannot_be_created_stops_cleanly_at_the_start(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    """Root ignores permission bits, but nobody can make a folder inside a regular file."""
    blocker = tmp_path / "audio"
    blocker.write_text("not a folder")
    recorder = recorder_for(qtbot)
    with qtbot.waitSignal(recorder.failed) as failed:
        assert recorder.start(blocker / "2026" / "interview.wav") is False
    assert "could not be saved" in failed.args[0]
    assert "without audio" in failed.args[0]
    assert blocker.read_text() == "not a folder"


def test_level_rises_with_sound_and_stays_near_zero_in_silence(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    recorder = recorder_for(qtbot)
    levels: list[tuple[float, float]] = []
    recorder.level.connect(lambda rms, peak: levels.append((rms, peak)))
    start(qtbot, recorder, None)  # meter only: no file
    qtbot.wait(400)
    quiet = list(levels)
    tone = write_wav(
        tmp_path / "tone.wav", 0.5 * np.sin(np.arange(24000) / 48000 * 2e3 * np.pi), 48000
    )
    virtual_mic.play_and_wait(tone)
    recorder.stop()
    assert len(quiet) >= 5  # about 20 a second
    assert max(peak for _, peak in quiet) < 0.001
    assert max(rms for rms, _ in levels) > 0.2
    assert recorder.path is None


def test_to_mono_int16_handles_every_sample_format() -> None:
    from PySide6.QtMultimedia import QAudioFormat

    from ikan_desktop.audio.devices import to_mono_int16

    fmt = QAudioFormat.SampleFormat
    left_right = np.array([[0.5, -0.5], [0.25, 0.25], [-1.0, -1.0]])
    want = np.array([0, 8192, -32768], dtype="<i2").tobytes()
    assert to_mono_int16(left_right.astype("<f4").tobytes(), fmt.Float, 2) == want
    as_int32 = (left_right * 2**31).clip(-(2**31), 2**31 - 1).astype("<i4").tobytes()
    assert to_mono_int16(as_int32, fmt.Int32, 2) == want
    as_uint8 = (left_right * 128 + 128).astype("u1").tobytes()
    assert to_mono_int16(as_uint8, fmt.UInt8, 2) == want
    assert to_mono_int16(want, fmt.Int16, 1) == want


def test_emitting_signals_for_an_hour_does_not_use_up_references_to_true() -> None:
    """PySide6 6.12.0's emit() steals a reference to True; on Python 3.11 that aborts the app."""
    import sys

    from PySide6.QtCore import QObject, Signal

    from ikan_desktop.audio.devices import emit_safely

    class Meter(QObject):
        level = Signal(float, float)

    meter, heard = Meter(), []
    meter.level.connect(lambda rms, peak: heard.append(rms))
    before = sys.getrefcount(True)
    for _ in range(1000):  # few enough that a leak shows here instead of aborting the run
        emit_safely(meter.level, 0.1, 0.2)
    assert abs(sys.getrefcount(True) - before) <= 2
    for _ in range(20 * 3600 - 1000):  # an hour of the level meter at 20 updates a second
        emit_safely(meter.level, 0.1, 0.2)
    assert abs(sys.getrefcount(True) - before) <= 2
    assert len(heard) == 20 * 3600


def test_pause_and_stop_never_leave_the_clock_past_the_saved_audio(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    """A key pressed just before a pause is stamped ahead of the last chunk; the pause must not
    freeze the clock (and every tag pressed while paused) out there, past the file's end."""
    ahead = [0.0]
    recorder = recorder_for(qtbot, now=lambda: time.monotonic() + ahead[0])
    start(qtbot, recorder, tmp_path / "edge.wav")
    qtbot.wait(300)
    ahead[0] = 0.04  # the key arrives as long after the last chunk as the clock extrapolates
    recorder.position_ms()  # a tag stamped now
    recorder.pause()
    written = recorder.written_ms()
    assert recorder.position_ms() == written
    assert recorder.events[-1].at_ms <= written
    recorder.resume()
    qtbot.wait(200)
    summary = recorder.stop()
    assert recorder.position_ms() <= summary.duration_ms
    with wave.open(str(summary.path)) as w:
        assert w.getnframes() * 1000 // w.getframerate() == summary.duration_ms
