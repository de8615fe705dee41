"""The Tesseract engine: availability, orientation (OSD) and word-level OCR.

Words come from Tesseract's TSV output, or, where the other readings of each
letter are wanted (a page's main read), from its hOCR output with the LSTM's
choices.
Tesseract runs single-threaded (``OMP_THREAD_LIMIT=1``); parallelism comes from
running one page per worker process. All calls go through pytesseract.
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, replace
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
    readings: tuple[tuple[str, float], ...] = ()
    """Other readings of the word's letters (lower case, marks and spaces dropped) that Tesseract weighed, with
    their cost in nats against its own (see :func:`letters_to_readings`); empty unless asked for."""


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


def image_to_words(image: np.ndarray, dpi: int, settings: OcrSettings, *, readings: bool = False) -> list[OcrWord]:
    """OCR one page image once; return its words with boxes and confidences.

    With ``readings``, each word also carries the other readings of its letters
    that the recogniser weighed (from hOCR with the LSTM's choices); Tesseract
    takes about a tenth longer to give them.
    """
    pytesseract = _pytesseract(settings)
    if readings:
        config = f"--psm {settings.psm} --dpi {dpi} -c preserve_interword_spaces=0 {_CHOICES}"
        hocr = pytesseract.image_to_pdf_or_hocr(image, lang=settings.lang, config=config, extension="hocr")
        return hocr_to_words(hocr.decode("utf-8"))
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


_CHOICES = "-c lstm_choice_mode=2 -c hocr_char_boxes=1"
"""hOCR options: each letter with its box and the recogniser's other choices for it."""
MAX_READINGS = 64
"""The cheapest other readings kept per word."""
MAX_CHANGED_LETTERS = 2
"""Letters an other reading may change: a fax word often has two misread ("ngẫn" for "ngắn" is one)."""
_HOCR_TAG = re.compile(
    r"<(?:span|div|p) class='(?P<kind>[a-z_]+)'(?: id='(?P<id>[^']*)')?(?: lang='[^']*')?"
    r"(?: title=(?P<q>['\"])(?P<title>.*?)(?P=q))?>(?P<data>[^<]*)"
)
_LINE_CLASSES = frozenset({"ocr_line", "ocr_caption", "ocr_textfloat", "ocr_header"})
_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_WCONF = re.compile(r"x_wconf (-?\d+(?:\.\d+)?)")
_CONFS = re.compile(r"x_confs (-?\d+(?:\.\d+)?)")


def word_letters(text: str) -> str:
    """A word's letters in lower case, NFC, as its readings are written: "Trường," → "trường"."""
    return unicodedata.normalize("NFC", "".join(c for c in text if c.isalpha())).lower()


def letters_to_readings(letters: list[tuple[str, list[tuple[str, float]]]]) -> tuple[tuple[str, float], ...]:
    """The other readings of a word from its letters' choices: ``[(letter, [(choice, confidence 0–100), …]), …]``.

    A choice costs ln(best confidence / its confidence) nats, at least 0; a
    reading changes one or two letters and costs the sum. Only word letters
    count: marks and digits around them are not part of the reading.
    """
    kept = [(c, choices) for c, choices in letters if c.isalpha()]
    word = "".join(c for c, _ in kept).lower()
    singles: list[tuple[int, str, float]] = []
    for k, (c, choices) in enumerate(kept):
        best = max((conf for _, conf in choices), default=0.0)
        for choice, conf in choices:
            if conf > 0 and choice.isalpha() and choice.lower() != c.lower():
                singles.append((k, choice.lower(), max(0.0, math.log(best / conf))))
    costs: dict[str, float] = {}

    def add(changes: tuple[tuple[int, str, float], ...]) -> None:
        letters_now = list(word)
        for k, choice, _ in changes:
            letters_now[k] = choice
        reading = unicodedata.normalize("NFC", "".join(letters_now))
        cost = sum(c for _, _, c in changes)
        if reading != word and cost < costs.get(reading, math.inf):
            costs[reading] = cost

    for i, one in enumerate(singles):
        add((one,))
        if MAX_CHANGED_LETTERS >= 2:
            for two in singles[i + 1 :]:
                if two[0] != one[0]:
                    add((one, two))
    return tuple(sorted(costs.items(), key=lambda kv: kv[1])[:MAX_READINGS])


def hocr_to_words(hocr: str) -> list[OcrWord]:
    """The words of an hOCR page with the recogniser's choices for each letter (``lstm_choice_mode=2``).

    Blocks and lines are numbered as in Tesseract's TSV: blocks over the page,
    lines within their paragraph. Words with no text or no confidence are skipped.
    """
    words: list[OcrWord] = []
    block = line = 0
    word: OcrWord | None = None  # the word being read; its letters gather in ``letters``
    letters: list[tuple[str, list[tuple[str, float]]]] = []

    def finish() -> None:
        text = unicodedata.normalize("NFC", "".join(c for c, _ in letters))
        if word is not None and text.strip() and word.conf >= 0:
            words.append(replace(word, text=text, readings=letters_to_readings(letters)))

    for m in _HOCR_TAG.finditer(hocr):
        kind, ident, title, data = m.group("kind"), m.group("id") or "", m.group("title") or "", m.group("data")
        if kind == "ocr_carea":
            block += 1
        elif kind == "ocr_par":
            line = 0
        elif kind in _LINE_CLASSES:
            line += 1
        elif kind == "ocrx_word":
            finish()
            box, conf = _BBOX.search(title), _WCONF.search(title)
            x0, y0, x1, y1 = (int(v) for v in box.groups()) if box else (0, 0, 0, 0)
            word = OcrWord("", x0, y0, x1 - x0, y1 - y0, float(conf.group(1)) if conf else -1.0, block, line)
            letters = []
        elif kind == "ocrx_cinfo" and word is not None and data.strip():
            data = html.unescape(data.strip())
            if title.startswith("x_bboxes"):
                letters.append((data, []))
            elif ident.startswith("choice_") and letters and (conf := _CONFS.search(title)):
                letters[-1][1].append((data, float(conf.group(1))))
    finish()
    return words
