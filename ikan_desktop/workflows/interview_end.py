"""The paperwork at the end of a recorded interview: the audio's length, checksum, tag times."""

from __future__ import annotations

from pathlib import Path

from ikan_desktop.audio.wavfile import file_sha256
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store


def seal_recording(
    store: Store, session_id: str, *, path: Path | None, frames: int, rate: int
) -> None:
    """Write the closed recording's length, rate and checksum; no tag may point past its end."""
    digest = file_sha256(path) if path is not None and path.exists() else ""
    if path is not None and rate:
        # The rate the microphone really delivered, which the file's header also says.
        session_store.set_audio(store, session_id, audio_path=path, rate=rate)
    session_store.seal_audio(store, session_id, frames=frames, sha256=digest)
    if rate:
        tag_store.clamp_to_audio(store, session_id, frames * 1000 // rate)
