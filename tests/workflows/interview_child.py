"""Run in a subprocess: an interview that tags as fast as it can and reports each tag id."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_helpers import start_interview


def main() -> None:
    _, interview, _ = start_interview(Path(sys.argv[1]), start="counting-all-or-on")
    print(f"session {interview.session_id}", flush=True)
    number = 0
    while True:
        tag = interview.tag_key(interview.task.choices[number % 3].key)
        print(f"tag {tag.id}", flush=True)  # printed only after the row is committed
        number += 1
        if number % 4 == 0:
            interview.next_task()
            if interview.pending is not None:
                interview.decide("continue")


if __name__ == "__main__":
    main()
