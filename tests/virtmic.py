"""A private PulseAudio daemon that gives the test run a real virtual microphone.

A null sink ("virtmic_sink") whose monitor is remapped into a source ("virtmic"). Anything played
into the sink is what the microphone hears. Two keep-alive readers hold the sink and the source in
low-latency mode; without them the first second or so of each new recording arrives late.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SINK, SOURCE = "virtmic_sink", "virtmic"
DESCRIPTION = "VirtualMic"
TOOLS = ("pulseaudio", "pactl", "paplay", "parec")


def available() -> bool:
    """True when the PulseAudio tools the virtual microphone needs are installed."""
    return all(shutil.which(tool) for tool in TOOLS)


class VirtualMic:
    """Start with `start()`, play WAVs into it with `play()`, always `stop()` (also at exit)."""

    def __init__(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="virtmic-")
        os.chmod(self.dir, 0o700)
        self.env = dict(
            os.environ, XDG_RUNTIME_DIR=self.dir, PULSE_SERVER=f"unix:{self.dir}/pulse/native"
        )
        self.procs: list[subprocess.Popen[bytes]] = []
        atexit.register(self.stop)

    def start(self) -> VirtualMic:
        self.procs.append(
            subprocess.Popen(
                [
                    "pulseaudio",
                    "--daemonize=no",
                    "--exit-idle-time=-1",
                    "--disallow-exit",
                    "-n",
                    "--use-pid-file=no",
                    "--log-target=stderr",
                    "--log-level=error",
                    "--load=module-native-protocol-unix",
                    f"--load=module-null-sink sink_name={SINK} "
                    "sink_properties=device.description=VirtualMicSink",
                    f"--load=module-remap-source master={SINK}.monitor source_name={SOURCE} "
                    f"source_properties=device.description={DESCRIPTION}",
                ],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        for _ in range(200):
            if self._pactl("info").returncode == 0:
                break
            time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError("pulseaudio did not start")
        self._pactl("set-default-source", SOURCE)
        for device in (f"{SINK}.monitor", SOURCE):
            self.procs.append(
                subprocess.Popen(
                    ["parec", "-d", device, "--latency-msec=10", "--raw"],
                    env=self.env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        self._warm_up()
        os.environ.update(XDG_RUNTIME_DIR=self.dir, PULSE_SERVER=self.env["PULSE_SERVER"])
        return self

    def _warm_up(self) -> None:
        """Open short recordings until a fresh stream gets data at once (the first is slow)."""
        for _ in range(20):
            started = time.monotonic()
            probe = subprocess.Popen(
                ["parec", "-d", SOURCE, "--latency-msec=10", "--raw"],
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert probe.stdout is not None
            probe.stdout.read(64)
            elapsed = time.monotonic() - started
            probe.kill()
            probe.wait()
            if elapsed < 0.15:
                return

    def _pactl(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True)

    def play(self, wav: Path | str) -> subprocess.Popen[bytes]:
        """Start playing a WAV into the microphone; poll() the result until it ends."""
        return subprocess.Popen(
            ["paplay", "--latency-msec=100", "-d", SINK, str(wav)],
            env=self.env,
            stderr=subprocess.PIPE,
        )

    def play_and_wait(self, wav: Path | str, timeout: float = 30) -> None:
        """Play a WAV into the microphone and block until it has finished."""
        player = self.play(wav)
        player.wait(timeout)
        if player.returncode != 0:
            raise RuntimeError(f"paplay failed: {player.stderr.read() if player.stderr else ''}")

    def stop(self) -> None:
        procs, self.procs = self.procs, []
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
