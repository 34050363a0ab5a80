"""Printing, as the main window's File menu offers it: print and print preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox

from ui.export_run import drawn_chart
from ui.render import ChartRenderer, ExportError, ExportOptions

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class PrintCommands:
    """Prints the chart laid out as on screen: same layout, same collapsed teams."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def print_to(self, printer: QPrinter) -> bool:
        """Paint the chart's pages on the printer; False (after telling the user) if it fails."""
        options = ExportOptions(
            layout=self.window.viewing.layout_engine(),
            collapsed=frozenset(self.window.scene.collapsed),
        )
        try:
            ChartRenderer(drawn_chart(self.window.document), options).paint_pages(
                printer, keep_device_layout=True
            )
        except ExportError as error:
            QMessageBox.critical(self.window, "Cannot print", f"{printer.docName()}: {error}")
            return False
        return True

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        options = ExportOptions(
            layout=self.window.viewing.layout_engine(),
            collapsed=frozenset(self.window.scene.collapsed),
        )
        renderer = ChartRenderer(drawn_chart(self.window.document), options)
        printer.setPageLayout(renderer.page_layout())
        printer.setDocName(self.window.document.chart.name)
        return printer

    def print_chart(self) -> None:
        printer = self._printer()
        if QPrintDialog(printer, self.window).exec():
            self.print_to(printer)

    def preview_print(self) -> None:
        # The dialog does not own the printer: it must outlive the dialog here.
        printer = self._printer()
        preview = QPrintPreviewDialog(printer, self.window)
        preview.paintRequested.connect(self.print_to)
        preview.exec()
