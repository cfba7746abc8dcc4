"""Run slow work off the GUI thread and get its result (or its error) back on the GUI thread.

The work function must not touch widgets; `on_done` and `on_error` run on the GUI thread and may.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ikan_desktop.audio.signals import emit_safely


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # delivered to the GUI thread, never lost in a worker
            self._deliver(self.relay.failed, error)
        else:
            self._deliver(self.relay.done, result)

    def _deliver(self, signal: Any, value: Any) -> None:
        # RuntimeError: the window that asked has closed meanwhile, nobody waits for the answer.
        with contextlib.suppress(RuntimeError):
            emit_safely(signal, value)


_LIVE: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    parent: QObject | None = None,
) -> None:
    """Start `work()` on a worker thread; call `on_done(result)` or `on_error(exc)` afterwards."""
    relay = _Relay(parent)
    _LIVE.add(relay)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _LIVE.discard(relay)
        callback(value)
        relay.deleteLater()

    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda error: finish(on_error, error))
    QThreadPool.globalInstance().start(_Job(work, relay))
