"""Run in a subprocess: an interview that tags as fast as it can and reports each tag id.

With --writer the tags are committed on the writer thread, as in the app, and each id is
reported by the thread once its row is committed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_helpers import start_interview


def is_tag_id(key: str) -> bool:
    return len(key) == 36 and key.count("-") == 4


def main() -> None:
    store, interview, _ = start_interview(Path(sys.argv[1]), start="counting-all-or-on")
    writer = None
    if "--writer" in sys.argv:
        from ikan_desktop.workflows.interview_writer import InterviewWriter

        writer = interview.writer = InterviewWriter(store.path)
        # Only tags (keys that are ids) are reported, once committed; not pauses or decisions.
        writer.listeners.append(
            lambda key: print(f"tag {key}", flush=True) if is_tag_id(key) else None
        )
    print(f"session {interview.session_id}", flush=True)
    number = 0
    while True:
        tag = interview.tag_key(interview.task.choices[number % 3].key)
        if writer is None:
            print(f"tag {tag.id}", flush=True)  # printed only after the row is committed
        number += 1
        if number % 4 == 0:
            interview.next_task()
            if interview.pending is not None:
                interview.decide("continue")
        if interview.finished:  # the last section is done: say so and wait for the kill
            print("finished", flush=True)
            time.sleep(600)


if __name__ == "__main__":
    main()
