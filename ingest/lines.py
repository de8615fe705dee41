"""Ruling lines of a scanned table, found with OpenCV morphology.

An opening with a long thin kernel keeps only strokes longer than any letter:
the table's rulings. A closing across the stroke first fills the pin-holes of
fax-quality scans; breaks along a line are joined later (:mod:`ingest.tables`).
Each connected stroke becomes one :class:`Ruling` in points.
"""

from __future__ import annotations

import cv2
import numpy as np

from schema.records import Ruling

MIN_LINE_INCHES = 0.3
"""Strokes shorter than this are letters or dashes, not rulings."""


def _strokes(ink: np.ndarray, horizontal: bool, dpi: int) -> tuple[list[tuple[int, int, int, int]], np.ndarray]:
    length = max(15, int(MIN_LINE_INCHES * dpi))
    # Fill pin-holes across the stroke (fax drop-outs) without joining letters along it.
    close_k = (1, 3) if horizontal else (3, 1)
    open_k = (length, 1) if horizontal else (1, length)
    bridged = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, close_k))
    mask = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, open_k))
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    boxes = [tuple(int(v) for v in stats[i, :4]) for i in range(1, n)]
    return boxes, mask


def ink_to_rulings(ink: np.ndarray, dpi: int) -> tuple[list[Ruling], np.ndarray]:
    """Find horizontal and vertical rulings; return them in points and the mask of their pixels."""
    scale = 72.0 / dpi
    rulings: list[Ruling] = []
    h_boxes, h_mask = _strokes(ink, True, dpi)
    v_boxes, v_mask = _strokes(ink, False, dpi)
    for x, y, w, h in h_boxes:
        yc = (y + h / 2) * scale
        rulings.append(Ruling(x * scale, yc, (x + w) * scale, yc))
    for x, y, w, h in v_boxes:
        xc = (x + w / 2) * scale
        rulings.append(Ruling(xc, y * scale, xc, (y + h) * scale))
    return rulings, cv2.bitwise_or(h_mask, v_mask)


def erase_lines(ocr_image: np.ndarray, line_mask: np.ndarray) -> np.ndarray:
    """White out ruling pixels so Tesseract does not read them as "|" or "_"."""
    grown = cv2.dilate(line_mask, np.ones((3, 3), np.uint8))
    out = ocr_image.copy()
    out[grown > 0] = 255
    return out
