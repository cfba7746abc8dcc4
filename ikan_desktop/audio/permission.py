"""The microphone permission (macOS asks the user once; elsewhere it is simply granted)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QMicrophonePermission, QObject, Qt


def with_microphone_permission(
    context: QObject, *, granted: Callable[[], None], refused: Callable[[], None]
) -> None:
    """Call `granted()` once the system allows the microphone, `refused()` if it does not."""
    app = QCoreApplication.instance()
    if app is None:
        granted()
        return
    permission = QMicrophonePermission()
    status = app.checkPermission(permission)
    if status == Qt.PermissionStatus.Granted:
        granted()
    elif status == Qt.PermissionStatus.Denied:
        refused()
    else:

        def answered(answer: QMicrophonePermission) -> None:
            (granted if answer.status() == Qt.PermissionStatus.Granted else refused)()

        app.requestPermission(permission, context, answered)
