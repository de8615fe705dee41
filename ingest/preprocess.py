"""Scan clean-up before OCR: deskew, binarise, despeckle, adapting to each page.

A clean page is only binarised: filtering it harder erases tone marks (the dot
of "ạ", the hook of "ở"). A noisy page (fax, dusty glass) also loses the specks
that stand alone, while a speck close to a letter is kept, because that is
where tone marks sit.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MAX_SKEW = 3.0
"""Degrees; larger skews are not corrected (they are rotations, found by OSD)."""
SKEW_WIDTH = 800
"""Pixels: skew is measured on a copy scaled to this width."""
DIRECTION_SIZE = 1000
"""Pixels: the text direction is measured on a copy scaled to this size."""
NOISE_SPECKS_PER_MPX = 300
"""Isolated specks per megapixel above which a page counts as noisy."""
TINY_SPECK = 4.5
"""Pixels at 200 dpi: no printed mark is this small (the dot of "ạ" in 10-pt type is about 6)."""
SMALL_SPECK = 16
"""Pixels at 200 dpi: a speck this small is removed on a noisy page when no letter is near it."""
DASH_SHAPE = 3
"""A small blob this many times wider than tall is a dash, not a speck: in 10-pt type a hyphen is 7 × 2 pixels."""
DASH_WIDTH = 5
"""Pixels at 200 dpi: the narrowest blob kept as a dash."""


@dataclass(frozen=True)
class CleanPage:
    """A page ready for OCR and line finding."""

    ocr: np.ndarray
    """uint8 image handed to Tesseract (white background)."""
    ink: np.ndarray
    """uint8 mask, 255 where there is ink; used to find ruling lines."""
    noisy: bool
    specks_removed: int


def rotate_quarter(image: np.ndarray, degrees: int) -> np.ndarray:
    """Turn an image clockwise by 0, 90, 180 or 270 degrees."""
    turns = {0: None, 90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    code = turns[degrees % 360]
    return image if code is None else cv2.rotate(image, code)


def _ink_mask(gray: np.ndarray) -> np.ndarray:
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def text_direction(gray: np.ndarray) -> float:
    """How much more the page's text runs across than down (≫ 1 upright or upside down, ≪ 1 sideways).

    Ruling lines are removed, letters are smeared into words along each
    direction in turn, and the ink of the blobs elongated that way is compared.
    It costs a few milliseconds, against a second of OCR.
    """
    scale = DIRECTION_SIZE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = _ink_mask(small)
    rulings = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (60, 1))),
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 60))),
    )
    text = cv2.subtract(ink, rulings)
    elongated = []
    for kernel in ((9, 1), (1, 9)):
        blobs = cv2.morphologyEx(text, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        _, _, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
        w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
        along = (w > 3 * h) if kernel[0] > 1 else (h > 3 * w)
        elongated.append(float(area[along & (area > 30)].sum()))
    return elongated[0] / (elongated[1] + 1.0)


def estimate_skew(gray: np.ndarray) -> float:
    """Skew angle in degrees (positive = counter-clockwise) by projection profiles.

    Text lines and table rulings give the sharpest horizontal profile when the
    page is level; the angle that maximises the profile's variance is taken,
    first in 0.25° steps, then in 0.025° steps.
    """
    scale = min(1.0, SKEW_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = _ink_mask(small)
    h, w = ink.shape
    center = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.var(profile))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=score)
    fine = max(np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, 0.025), key=score)
    return float(round(fine, 3))


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by ``angle`` degrees (as measured by :func:`estimate_skew`) on a white background."""
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _specks(ink: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks of (tiny specks anywhere, small specks with no letter near them)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    areas = stats[:, cv2.CC_STAT_AREA]
    tiny_area = max(2, round(TINY_SPECK * (dpi / 200) ** 2))
    speck_area = max(4, round(SMALL_SPECK * (dpi / 200) ** 2))
    tiny = np.zeros(n, dtype=bool)
    small = np.zeros(n, dtype=bool)
    tiny[1:] = areas[1:] <= tiny_area
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    dash = (widths >= DASH_SHAPE * heights) & (widths >= DASH_WIDTH * dpi / 200)
    small[1:] = (areas[1:] <= speck_area) & ~dash
    small_mask = small[labels]
    big = ink.copy()
    big[small_mask] = 0
    reach = max(3, int(dpi / 25))  # about 1 mm: where a tone mark sits from its letter
    near_letters = cv2.dilate(big, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1)))
    return tiny[labels], small_mask & (near_letters == 0)


def clean_page(gray: np.ndarray, dpi: int) -> CleanPage:
    """Binarise; drop specks smaller than any printed mark; on a noisy page, drop stray specks too.

    On a clean page there is nothing that small, so nothing is removed and every
    tone mark survives.
    """
    ink = _ink_mask(gray)
    tiny, isolated = _specks(ink, dpi)
    n_isolated = int(cv2.connectedComponents(isolated.astype(np.uint8))[0] - 1)
    noisy = n_isolated / (gray.size / 1e6) > NOISE_SPECKS_PER_MPX
    remove = tiny | isolated if noisy else tiny
    removed = int(cv2.connectedComponents(remove.astype(np.uint8))[0] - 1)
    if removed:
        ink = ink.copy()
        ink[remove] = 0
    return CleanPage(255 - ink, ink, noisy, removed)
