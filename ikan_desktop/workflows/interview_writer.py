"""An interview's rows written on a thread of their own: each committed at once, in order.

Every tag is its own committed transaction with `synchronous=FULL`, which on a busy laptop
(a virus scan, a cloud sync writing beside us) can wait on the disk for a second. On the GUI
thread that wait froze the screen and held every later key. Here the GUI thread hands the write
over and carries on; the thread commits it, normally within milliseconds, and says so to its
listeners (the moment a tag is durable). A kill can only lose what has not been committed yet,
which is what was pressed in the last few milliseconds (or during a disk stall).

The thread has its own connection to the database (WAL: the GUI thread's reads never wait for
it). Jobs run in the order they were handed over, so a pause's clamp follows the tags it fixes.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ikan_desktop.store.database import Store
from ikan_desktop.store.lean_import import plain_database

Write = Callable[[Store], None]
BUSY_RETRIES = 20


class InterviewWriter:
    """Hand writes over with `submit`; `wait` until all are committed; `close` at the end."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(db_path)
        self.listeners: list[Callable[[str], None]] = []  # called on the thread, with the key
        self.problem: str = ""
        self._waiting: set[str] = set()  # keys handed over and not yet committed (or failed)
        self._waiting_lock = threading.Lock()
        self._jobs: queue.Queue[tuple[str, Write] | None] = queue.Queue()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="interview-writer", daemon=True)
        self._thread.start()
        self._ready.wait()

    def submit(self, key: str, write: Write) -> None:
        """Commit `write(store)` on the writer thread; listeners hear `key` once it is on disk."""
        with self._waiting_lock:
            self._waiting.add(key)
        self._jobs.put((key, write))

    def waiting(self) -> frozenset[str]:
        """The keys handed over but not on disk yet: what a kill right now could lose."""
        with self._waiting_lock:
            return frozenset(self._waiting)

    def wait(self) -> None:
        """Block until everything handed over so far is committed (at the interview's end)."""
        self._jobs.join()

    def close(self) -> None:
        """Commit what is waiting and stop the thread."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as error:
            self._ready.set()
            self._refuse_everything(error)
            return
        store = Store(db=plain_database(conn), path=self.path)
        self._ready.set()
        try:
            while True:
                job = self._jobs.get()
                try:
                    if job is None:
                        return
                    self._commit(store, *job)
                finally:
                    self._jobs.task_done()
        finally:
            conn.close()

    def _refuse_everything(self, error: Exception) -> None:
        """The database cannot be opened: say so for every job, so no one waits forever."""
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                self._failed(job[0], error)
            finally:
                self._jobs.task_done()

    def _commit(self, store: Store, key: str, write: Write) -> None:
        try:
            self._commit_once(store, key, write)
        finally:
            with self._waiting_lock:
                self._waiting.discard(key)

    def _commit_once(self, store: Store, key: str, write: Write) -> None:
        for attempt in range(BUSY_RETRIES):
            try:
                write(store)
                break
            except sqlite3.OperationalError as error:  # busy or locked: another writer's turn
                if attempt == BUSY_RETRIES - 1:
                    self._failed(key, error)
                    return
                time.sleep(0.05)
            except Exception as error:  # the thread must live on, or `wait` would never end
                self._failed(key, error)
                return
        for listener in list(self.listeners):
            try:
                listener(key)
            except Exception:  # a listener's problem must not stop the writing
                logging.getLogger(__name__).exception("listener")

    def _failed(self, key: str, error: Exception) -> None:
        logging.getLogger(__name__).error("could not save %s: %s", key, error)
        self.problem = (
            "An observation could not be saved to the database "
            f"({error}). Everything before it is safe. Stop the interview and check the disk."
        )
