"""Page images at their native resolution: PDF pages through PDFium, image frames through Pillow."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from ingest.files import MAX_IMAGE_PIXELS, open_image
from schema.errors import InputFileError

DEFAULT_DPI = 300
"""For vector pages with an unusable text layer, and images without a resolution."""
MIN_DPI, MAX_DPI = 100, 600
A4_WIDTH_INCHES = 8.27


@dataclass(frozen=True)
class PageImage:
    """A grayscale page image and its resolution."""

    pixels: np.ndarray
    """uint8, height × width, 0 = black."""
    dpi: int
    page_no: int


def _clamp_dpi(dpi: float) -> int:
    return int(round(min(MAX_DPI, max(MIN_DPI, dpi))))


def image_dpi(img: Image.Image) -> int:
    """The resolution an image frame is read at: its recorded dpi, else A4 across its shorter side."""
    recorded = img.info.get("dpi")
    if recorded and float(recorded[0]) > 1:
        return _clamp_dpi(float(recorded[0]))
    return _clamp_dpi(min(img.size) / A4_WIDTH_INCHES)


def pdf_page_to_image(path: str, page_no: int) -> PageImage:
    """Rasterise a PDF page at the resolution of the scan it holds (its largest image)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(path)
    try:
        page = doc[page_no - 1]
        width_pt, height_pt = page.get_size()
        native = None
        best_area = 0.0
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            area = (right - left) * (top - bottom)
            px_w, px_h = obj.get_px_size()
            if area > best_area and right > left and top > bottom:
                best_area = area
                native = max(px_w / ((right - left) / 72), px_h / ((top - bottom) / 72))
        dpi = _clamp_dpi(native) if native else DEFAULT_DPI
        if width_pt * height_pt * (dpi / 72) ** 2 > MAX_IMAGE_PIXELS:
            raise InputFileError(f"page {page_no} is too large to rasterise safely; split or shrink the PDF")
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        pixels = bitmap.to_numpy()
        if pixels.ndim == 3:
            pixels = pixels[..., 0]
        return PageImage(np.ascontiguousarray(pixels, dtype=np.uint8), dpi, page_no)
    finally:
        doc.close()


def image_frame_to_image(path: str, page_no: int) -> PageImage:
    """One frame of an image file (multi-page TIFF frames count from 1), as grayscale."""
    with open_image(Path(path)) as img:
        try:
            img.seek(page_no - 1)
        except EOFError as exc:
            raise InputFileError(f"image has no page {page_no}") from exc
        dpi = image_dpi(img)
        frame = ImageOps.exif_transpose(img) or img
        gray = frame.convert("L")
        try:
            pixels = np.asarray(gray, dtype=np.uint8)
        except (OSError, Image.DecompressionBombError) as exc:
            raise InputFileError(f"damaged image ({exc}): export or scan it again") from exc
        return PageImage(np.ascontiguousarray(pixels), dpi, page_no)
