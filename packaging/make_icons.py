"""Makes the app icon's PNG, ICO and ICNS files from resources/icons/ikan-desktop.svg.

Run after changing the SVG (`.venv/bin/python packaging/make_icons.py`) and commit the results:
they are assets the build uses as they are. Needs PySide6 (QtSvg, to draw the SVG) and Pillow (to
write ICO and ICNS).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn at `size` pixels square, with a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    """Write every size beside the SVG."""
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "ikan-desktop.svg"))
    if not renderer.isValid():
        print("The SVG could not be read.", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        render(renderer, size).save(str(ICONS / f"ikan-desktop-{size}.png"))
    big = render(renderer, 1024)
    big.save(str(ICONS / "ikan-desktop-1024.png"))
    master = Image.open(ICONS / "ikan-desktop-1024.png").convert("RGBA")
    master.save(ICONS / "ikan-desktop.ico", sizes=[(s, s) for s in ICO_SIZES])
    master.save(ICONS / "ikan-desktop.icns")
    (ICONS / "ikan-desktop-1024.png").unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
