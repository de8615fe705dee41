"""The Tesseract engine: availability, orientation (OSD) and word-level OCR as TSV.

Tesseract runs single-threaded (``OMP_THREAD_LIMIT=1``); parallelism comes from
running one page per worker process. All calls go through pytesseract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from schema.errors import MissingDependencyError

INSTALL_HINT = "install it with: sudo apt-get install tesseract-ocr tesseract-ocr-vie"


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are OCR'd. Checked when built."""

    lang: str = "vie"
    """Tesseract language; Vietnamese (``tesseract-ocr-vie``)."""
    command: str = "tesseract"
    """The Tesseract binary; ``CCHC_TESSERACT`` overrides it."""
    psm: int = 11
    """Page segmentation mode 11 (sparse text): finds the short texts of table cells
    ("1.1", "Báo cáo") that the automatic layout mode drops; words are put in
    cells by geometry afterwards, so Tesseract's reading order does not matter."""
    osd: bool = True
    """Detect pages turned by 90°/180° with Tesseract's orientation script detection."""

    def __post_init__(self) -> None:
        if not self.lang:
            raise ValueError("OCR language cannot be empty")
        if not 0 <= self.psm <= 13:
            raise ValueError(f"Tesseract page segmentation mode {self.psm} is not 0–13")

    @classmethod
    def from_env(cls) -> OcrSettings:
        """Settings with ``CCHC_TESSERACT`` and ``CCHC_OCR_LANG`` applied."""
        return cls(
            lang=os.environ.get("CCHC_OCR_LANG", "vie"),
            command=os.environ.get("CCHC_TESSERACT", "tesseract"),
        )


@dataclass(frozen=True)
class OcrWord:
    """A word as Tesseract reports it, in pixels of the image it was given."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    """0–100."""
    block: int
    line: int


@lru_cache(maxsize=8)
def check_tesseract(command: str, lang: str) -> str:
    """Return the Tesseract version, or raise :class:`MissingDependencyError` with install advice."""
    path = shutil.which(command)
    if path is None:
        raise MissingDependencyError(
            f"this file is a scan and needs Tesseract OCR, which is not installed: {INSTALL_HINT}"
        )
    try:
        langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except OSError as exc:
        raise MissingDependencyError(f"Tesseract at {path} cannot run ({exc}): {INSTALL_HINT}") from exc
    available = set((langs.stdout + langs.stderr).split())
    for needed in lang.split("+"):
        if needed not in available:
            raise MissingDependencyError(
                f"Tesseract has no '{needed}' language data: "
                f"install it with: sudo apt-get install tesseract-ocr-{needed}"
            )
    first = (version.stdout or version.stderr).splitlines()
    return first[0] if first else "tesseract"


def _pytesseract(settings: OcrSettings):  # noqa: ANN202 - module object
    import pytesseract

    check_tesseract(settings.command, settings.lang)
    pytesseract.pytesseract.tesseract_cmd = settings.command
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return pytesseract


def detect_rotation(image: np.ndarray, settings: OcrSettings) -> tuple[int, float]:
    """Degrees to turn the page clockwise to make it upright (0/90/180/270), and OSD's confidence.

    Returns ``(0, 0.0)`` when OSD cannot decide (too little text).
    """
    pytesseract = _pytesseract(settings)
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return 0, 0.0
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))


def image_to_words(image: np.ndarray, dpi: int, settings: OcrSettings) -> list[OcrWord]:
    """OCR one page image once; return its words with boxes and confidences."""
    pytesseract = _pytesseract(settings)
    config = f"--psm {settings.psm} --dpi {dpi} -c preserve_interword_spaces=0"
    data = pytesseract.image_to_data(image, lang=settings.lang, config=config, output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        words.append(
            OcrWord(
                text,
                int(data["left"][i]),
                int(data["top"][i]),
                int(data["width"][i]),
                int(data["height"][i]),
                conf,
                int(data["block_num"][i]),
                int(data["line_num"][i]),
            )
        )
    return words
