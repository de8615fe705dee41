from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from ingest.lines import ink_to_rulings
from ingest.preprocess import clean_page, deskew, estimate_skew, rotate_quarter
from ingest.raster import pdf_page_to_image


@pytest.fixture(scope="module")
def clean_table_page(samples_dir: Path) -> np.ndarray:
    """Page 3 of the born-digital 2024 plan, rendered at 200 dpi: no noise at all."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(samples_dir / "rendered" / "thcs-2024.pdf"))
    pixels = doc[2].render(scale=200 / 72, grayscale=True).to_numpy()
    doc.close()
    return np.ascontiguousarray(pixels[..., 0] if pixels.ndim == 3 else pixels)


def _rotate(image: np.ndarray, angle: float) -> np.ndarray:
    h, w = image.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, m, (w, h), borderValue=255)


@pytest.mark.parametrize("angle", [-2.5, -1.2, 0.7, 2.0])
def test_skew_is_measured_and_undone(clean_table_page: np.ndarray, angle: float):
    skewed = _rotate(clean_table_page, angle)
    measured = estimate_skew(skewed)
    assert measured == pytest.approx(-angle, abs=0.1)
    assert estimate_skew(deskew(skewed, measured)) == pytest.approx(0.0, abs=0.1)


def test_clean_page_loses_nothing(clean_table_page: np.ndarray):
    page = clean_page(clean_table_page, 200)
    assert not page.noisy
    assert page.specks_removed == 0


def test_a_small_dash_is_no_speck():
    """In 10-pt type at 200 dpi a hyphen is 7 × 2 pixels: smaller than specks a noisy page loses, but a dash."""
    gray = np.full((1000, 1000), 255, np.uint8)
    rng = np.random.default_rng(0)
    for y, x in rng.integers(20, 980, size=(400, 2)):
        gray[y : y + 2, x : x + 2] = 0  # scanner noise: isolated specks
    gray[480:620, 480:530] = 255  # clear ground for the two blobs below
    gray[500:502, 500:507] = 0  # "khỏe - bé": the dash, alone
    gray[600:603, 500:503] = 0  # a speck of about the dash's ink
    page = clean_page(gray, 200)
    assert page.noisy
    assert page.ink[500:502, 500:507].all()
    assert not page.ink[600:603, 500:503].any()


def test_fax_page_is_despeckled(samples_dir: Path):
    image = pdf_page_to_image(str(samples_dir / "rendered" / "thcs-2024-fax150.pdf"), 3)
    page = clean_page(image.pixels, image.dpi)
    assert page.noisy and page.specks_removed > 500


def test_rulings_of_a_scanned_table(samples_dir: Path):
    image = pdf_page_to_image(str(samples_dir / "rendered" / "thcs-2024-scan200.pdf"), 3)
    level = deskew(image.pixels, estimate_skew(image.pixels))
    rulings, _ = ink_to_rulings(clean_page(level, image.dpi).ink, image.dpi)
    vertical = [r for r in rulings if not r.horizontal and r.bottom - r.top > 300]
    assert len(vertical) >= 6  # the table's six column borders run down the page


def test_rotate_quarter():
    image = np.arange(6, dtype=np.uint8).reshape(2, 3)
    assert rotate_quarter(image, 90).shape == (3, 2)
    assert (rotate_quarter(rotate_quarter(image, 90), 270) == image).all()


def test_native_resolution_of_a_scan(samples_dir: Path):
    assert pdf_page_to_image(str(samples_dir / "rendered" / "thcs-2024-fax150.pdf"), 1).dpi == 150


def test_text_direction_tells_sideways_pages(clean_table_page: np.ndarray):
    from ingest.preprocess import text_direction

    assert text_direction(clean_table_page) > 2
    assert text_direction(rotate_quarter(clean_table_page, 90)) < 0.5
    assert text_direction(rotate_quarter(clean_table_page, 180)) > 2  # upside down is found by OSD after reading
