"""Print a whole class: a PDF per child in a folder (as before) and all of them in one PDF,
so the teacher can send the class to the printer in one go."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ikan_desktop.store.database import Store, atomic_write_bytes
from ikan_desktop.workflows.profiles import (
    ClassProfiles,
    ProfileSources,
    Progress,
    combined_pdf,
    save_class_profiles,
)


@dataclass(frozen=True, slots=True)
class WholeClass:
    """The single profiles written, and the one combined PDF (None when nothing was made)."""

    batch: ClassProfiles
    combined: Path | None


def combined_file_name(class_name: str, on: date, folder: Path) -> str:
    """ "Room 7 - all profiles 2026-12-07.pdf", never the name of a file already there."""
    name = " ".join(re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", class_name).split()).strip(" .")
    stem = f"{name or 'class'} - all profiles {on.isoformat()}"
    candidate, number = f"{stem}.pdf", 2
    while (folder / candidate).exists():
        candidate, number = f"{stem} ({number}).pdf", number + 1
    return candidate


def save_whole_class(
    store: Store,
    class_name: str,
    folder: Path,
    *,
    page_size: str = "A4",
    sources: ProfileSources | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> WholeClass:
    """A PDF per child in `folder`, then every page in one more PDF beside them."""
    today = today or date.today()
    batch = save_class_profiles(
        store,
        class_name,
        folder,
        page_size=page_size,
        sources=sources,
        today=today,
        progress=progress,
        cancel=cancel,
    )
    if batch.cancelled or not batch.profiles:
        return WholeClass(batch, None)
    pdf = combined_pdf(batch, class_name, page_size=page_size, cancel=cancel)
    if pdf is None:
        return WholeClass(batch, None)  # the single files are whole; only the combined is missing
    target = Path(folder) / combined_file_name(class_name, today, Path(folder))
    atomic_write_bytes(target, pdf)
    return WholeClass(batch, target)
