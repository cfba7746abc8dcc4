"""A profile PDF shown in the app (QtPdf), with Print and Save as PDF.

The dialog shows exactly the PDF that will be printed or saved: the bytes are rendered once,
off the GUI thread, and handed in. Printing paints each page onto the printer at up to
300 dpi, so it works on any printer driver, with no PDF viewer installed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.store.database import atomic_write_bytes
from ikan_desktop.ui.screen_fit import fit_to_screen

PRINT_DPI = 300


class PrintFailed(Exception):
    """The printer could not be started (a message for teachers)."""


class WholePageView(QPdfView):
    """Shows the whole first page, zoomed to fit, at any display scaling.

    Qt's own fit-in-view mode leaves the page blank on some desktops scaled to a fraction
    (125 %), so the zoom that fits is worked out here and set as a plain zoom factor.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.Custom)

    def fit_page(self) -> None:
        """Zoom so that the first page fits the view."""
        document = self.document()
        page = document.pagePointSize(0) if document is not None else QSizeF()
        screen = self.screen()
        if page.isEmpty() or screen is None:
            return
        per_point = screen.logicalDotsPerInch() / 72.0  # as the view sizes its pages
        margins = self.documentMargins()
        width = self.viewport().width() - margins.left() - margins.right()
        height = self.viewport().height() - margins.top() - margins.bottom()
        factor = max(0.1, min(width / page.width(), height / page.height()) / per_point)
        if abs(factor - self.zoomFactor()) > 0.01:  # a scroll bar coming or going: no loop
            self.setZoomFactor(factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_page()


class ProfilePreviewDialog(QDialog):
    """One or more profile pages, as they will print, with Print… and Save as PDF…."""

    saved = Signal(Path)  # where the PDF was written (for the audit log)

    def __init__(
        self,
        pdf: bytes,
        *,
        title: str,
        file_name: str,
        note: str = "",
        save_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profilePreview")
        self.setWindowTitle(title)
        self.pdf = pdf
        self.file_name = file_name
        self.save_folder = save_folder or Path.home()
        # The document reads from this buffer for as long as it is shown: keep it alive here.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = WholePageView(self)  # the whole page, as printed
        self.view.setDocument(self.document)
        self.view.fit_page()

        self.print_button = QPushButton("Print…")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_profile)
        self.save_button = QPushButton("Save as PDF…")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_as)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 940)

    def is_ready(self) -> bool:
        """Whether the document has loaded and has pages to show."""
        return self.document.status() == QPdfDocument.Status.Ready and self.document.pageCount() > 0

    def save_to(self, target: Path) -> Path:
        """Write the PDF whole, through a temporary file (an existing file is replaced, never half-written)."""
        target = Path(target)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        atomic_write_bytes(target, self.pdf)
        self.save_folder = target.parent
        emit_safely(self.saved, target)
        return target

    def save_as(self) -> Path | None:
        """Ask where to save, then save; None when the teacher cancels."""
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save profile as PDF", str(self.save_folder / self.file_name), "PDF files (*.pdf)"
        )
        if not chosen:
            return None
        try:
            return self.save_to(Path(chosen))
        except OSError as error:
            QMessageBox.warning(
                self,
                "The profile was not saved",
                f"Could not write {chosen} ({error.strerror or error}). Nothing was overwritten. "
                "Choose another folder, such as Documents, and try again.",
            )
            return None

    def print_profile(self) -> bool:
        """Choose a printer and print every page; False when cancelled or the printer fails."""
        printer = printer_for(self.document)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print profile")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            print_pdf(self.document, printer)
        except PrintFailed as error:
            QMessageBox.warning(self, "The profile was not printed", str(error))
            return False
        return True


def printer_for(document: QPdfDocument) -> QPrinter:
    """A high-resolution printer set to the PDF's own paper size (A4 or Letter), portrait."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if document.pageCount() > 0:
        size = document.pagePointSize(0)
        printer.setPageSize(
            QPageSize(
                QSizeF(size.width(), size.height()),
                QPageSize.Unit.Point,
                "",
                QPageSize.SizeMatchPolicy.FuzzyMatch,
            )
        )
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    # The PDF carries its own margins; print the whole sheet so nothing is scaled twice.
    printer.setFullPage(True)
    return printer


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of `document` onto `printer`; returns how many pages were printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(
            "The printer could not be started. Check that it is switched on and connected, "
            "or save the profile as a PDF and print it from there."
        )
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        sheet = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            scale = min(sheet.width() / points.width(), sheet.height() / points.height())
            width, height = points.width() * scale, points.height() * scale
            target = QRectF(
                sheet.left() + (sheet.width() - width) / 2,
                sheet.top() + (sheet.height() - height) / 2,
                width,
                height,
            )
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()
