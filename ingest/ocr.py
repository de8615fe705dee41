"""Scanned pages: upright, deskewed, cleaned, ruled, OCR'd, words in points.

``image_to_layout`` is the scan stage: ``PageImage → PageLayout``.

- Tesseract's orientation detection (OSD) costs half an OCR pass, so it runs only
  when needed: before reading, when a cheap measure says the text runs down the
  page (turned by 90°); after reading, when the page reads badly (upside down).
  An upright page is OCR'd once.
- The page is OCR'd once in sparse-text mode. Tesseract drops a lone short
  glyph ("1", "I" in the STT column) as a stray mark; cells that hold ink but
  got no word are cut out, stacked into one small strip and read in a second,
  small call, so no cell text is lost for the price of a fraction of a page.
  On a page of 200 dpi or more, ink no word holds in a wide gap of a line or
  after its last word is read the same way ("(quý, 6 tháng": the "6" dropped).
- A low-resolution page (fax) is read from an enlarged, smoothed copy, twice:
  the second reading, smoothed more, errs on other words, and the surer of the
  two readings of each word is kept, the other given to repair to weigh.
- A comma and a semicolon Tesseract read after a word are told apart by the
  dot over the tail, or its lack.
- Specks that Tesseract reads as "." or "-" are dropped by their size.
- In sparse-text mode Tesseract drops the full stop after the last word of a
  short line ("tượng.", "Quận 1."); a dot-sized blob on the baseline right
  after a line's last word or number is given back as ".".
- Tesseract reads the one-glyph ellipsis "…" as three full stops. The glyph's
  dots stand a third of an em apart, a full stop's a quarter; on a page of 200
  dpi or more the dots are measured to tell them apart.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from ingest.lines import erase_lines, ink_to_rulings
from ingest.pdf import word_is_well_formed
from ingest.preprocess import CleanPage, clean_page, deskew, estimate_skew, rotate_quarter, text_direction
from ingest.raster import PageImage
from ingest.tables import rulings_to_grids
from ingest.tesseract import OcrSettings, OcrWord, detect_rotation, image_to_words, word_letters
from normalize.text import fold
from schema.records import PageLayout, Ruling, Word

GOOD_READING = 0.6
"""Share of well-formed words above which a page is taken as upright without OSD."""
MIN_OSD_CONFIDENCE = 1.5
SIDEWAYS = 0.5
"""Below this :func:`text_direction`, the page is turned by 90° and OSD is asked first."""
LOW_CONFIDENCE = 0.5
"""Mean word confidence under which a page gets a warning."""
SPECK_WIDTH = 0.15
"""A punctuation-only "word" narrower than this share of the text height is a speck."""
SPECK_SIZE = 0.3
"""A "word" whose box is smaller than this share of the text height in both directions is a speck."""
RESCUE_MIN_INK_HEIGHT = 0.05
"""Inches: a cell's ink must be at least this tall to be worth a second look."""
STOP_REACH = 0.45
"""Share of the text height: how far right of a line's last word a full stop is looked for."""
STOP_SIZE = (0.08, 0.3)
"""Share of the text height: the smallest and largest side of a full stop's box."""
QUOTE_SIZE = (0.1, 0.4)
"""Share of the text height: the shortest and tallest (and widest) half of a quotation mark."""
QUOTE_REACH = 1.0
"""Share of the text height: how far right of a word a dropped "”" and the mark after it are looked for."""
BELOW_BOX = 0.15
"""Share of the text height: how far under a word's box a full stop or colon's dot is looked for."""
PHANTOM_LETTER = 0.5
"""Share of the text height: a blob of ink at least this tall is a letter, not a full stop or a colon's dot."""
TAIL_HEIGHT = (0.18, 0.5)
"""Share of the text height: the shortest and tallest tail of a comma (alone or under a semicolon's dot)."""
BASELINE_INK = 0.25
"""Share of the ink of a word's fullest row that a row on or above its baseline holds (descenders hold less)."""
ENLARGE_BELOW_DPI = 200
"""Pages scanned below this resolution (fax, 150 dpi) are read from an enlarged, smoothed copy."""
ENLARGE_FACTOR = 2.0
SMOOTHING_SIGMA = 1.0
"""Pixels of the enlarged copy: the Gaussian blur that rounds off a bilevel fax's jagged edges."""
SMALL_TYPE = 8.6
"""Points: a page of 200 dpi or more whose words are less tall than this (11-pt type or smaller) is read twice."""
SMALL_TYPE_FACTOR = 1.5
"""How much a page in small type is enlarged for its second reading."""
SECOND_SIGMA = 1.4
"""A fax is read twice, from the enlarged copy smoothed with each sigma; the two err on different words."""
SECOND_MATCH = 0.6
"""Two words of the two readings whose boxes overlap this much (intersection over union) are one word."""
SECOND_SWAP = 10.0
"""Confidence points (0–100) by which the second reading of a word must be surer to be kept instead of the first."""
SECOND_COST = 1.0
"""Nats a word's other reading costs repair, on top of the log ratio of the two readings' confidences."""
ELLIPSIS_PITCH = (0.39, 0.55)
"""Share of the text height: the distance between the dots of a "…" (about 0.44; three full stops: 0.33)."""
ELLIPSIS_ADVANCE = (0.68, 1.0)
"""Share of the line's mean letter advance: the distance between the dots of a "…" (0.66–0.85 measured at 200 dpi,
the one at 0.66 also within ``ELLIPSIS_PITCH``; three typed full stops: 0.57–0.63). Letter heights vary with the
marks above them; advances less."""
MIN_ADVANCE_LETTERS = 10
"""Letters a line needs for its own mean advance; a shorter line takes the page's."""
EVEN_PITCH = 0.15
"""How far (as a share) the two distances between an ellipsis's dots may differ."""
RESCUE_PAD = 12
RESCUE_GAP = 24

_LEADING_NOISE = re.compile(r"^[.,:;'`_~^¸˙·]+(?=\w)")
_PUNCT_ONLY = re.compile(r"^\W+$")
_THREE_DOTS = re.compile(r"(?<![.:])[.:]{3}(?![.:])")


def reading_quality(words: list[OcrWord]) -> float:
    """Share of recognised words that are well-formed Vietnamese or ASCII (0–1)."""
    verdicts = [v for v in (word_is_well_formed(w.text) for w in words) if v is not None]
    return sum(verdicts) / len(verdicts) if len(verdicts) >= 5 else 0.0


def drop_specks(words: list[OcrWord], letters: list[OcrWord] | None = None) -> list[OcrWord]:
    """Remove specks read as punctuation, and specks stuck to the front of a word.

    Sizes are measured against the words' letter height, or against
    ``letters`` (the page's words) when given: a rescued cell may hold no
    letter at all, only specks.
    """
    if not words:
        return words
    heights = [w.height for w in (words if letters is None else letters) if not _PUNCT_ONLY.match(w.text)]
    if not heights:
        return []  # nothing but marks, with no letter to measure them by
    height = statistics.median(heights)
    out = []
    for w in words:
        if max(w.width, w.height) < SPECK_SIZE * height:
            continue  # far smaller than a letter, whatever Tesseract read it as
        if _PUNCT_ONLY.match(w.text):
            if w.width < SPECK_WIDTH * height or (w.conf < 50 and w.width < 2 * SPECK_WIDTH * height):
                continue
        text = _LEADING_NOISE.sub("", w.text)
        out.append(replace(w, text=text) if text != w.text else w)
    return out


def _cells_missing_text(
    page: CleanPage, rulings: list[Ruling], words: list[OcrWord], dpi: int
) -> list[tuple[int, int, int, int]]:
    """Pixel boxes of table cells that hold letter-sized ink but received no word."""
    scale = dpi / 72.0
    centers = [(w.left + w.width / 2, w.top + w.height / 2) for w in words]
    min_height = RESCUE_MIN_INK_HEIGHT * dpi
    boxes = []
    for grid in rulings_to_grids(rulings, 0):
        for cell in grid.cells:
            x0, y0, x1, y1 = (int(round(v * scale)) for v in cell.bbox)
            if any(x0 <= cx <= x1 and y0 <= cy <= y1 for cx, cy in centers):
                continue
            inner = page.ink[y0 + 4 : y1 - 3, x0 + 4 : x1 - 3]
            if inner.size == 0:
                continue
            rows = np.flatnonzero(inner.max(axis=1))
            cols = np.flatnonzero(inner.max(axis=0))
            if rows.size == 0 or rows[-1] - rows[0] < min_height:
                continue
            boxes.append((x0 + 4 + cols[0], y0 + 4 + rows[0], x0 + 4 + cols[-1] + 1, y0 + 4 + rows[-1] + 1))
    return boxes


def _rescue(
    image: np.ndarray, boxes: list[tuple[int, int, int, int]], dpi: int, settings: OcrSettings
) -> list[OcrWord]:
    """Read the given boxes in one call by stacking them into a strip."""
    if not boxes:
        return []
    width = max(x1 - x0 for x0, _, x1, _ in boxes) + 2 * RESCUE_PAD
    height = sum(y1 - y0 + RESCUE_GAP for _, y0, _, y1 in boxes) + RESCUE_GAP
    strip = np.full((height, width), 255, dtype=np.uint8)
    offsets = []
    y = RESCUE_GAP
    for x0, y0, x1, y1 in boxes:
        strip[y : y + (y1 - y0), RESCUE_PAD : RESCUE_PAD + (x1 - x0)] = image[y0:y1, x0:x1]
        offsets.append((y, y + (y1 - y0), x0 - RESCUE_PAD, y0 - y))
        y += (y1 - y0) + RESCUE_GAP
    found = image_to_words(strip, dpi, replace(settings, psm=6))
    out = []
    for w in found:
        cy = w.top + w.height / 2
        for top, bottom, dx, dy in offsets:
            if top - RESCUE_GAP / 2 <= cy <= bottom + RESCUE_GAP / 2:
                out.append(replace(w, left=w.left + dx, top=w.top + dy))
                break
    return out


def _read(gray: np.ndarray, dpi: int, settings: OcrSettings) -> tuple:
    angle = estimate_skew(gray)
    level = deskew(gray, angle)
    page = clean_page(level, dpi)
    rulings, line_mask = ink_to_rulings(page.ink, dpi)
    image = erase_lines(page.ocr, line_mask)
    words = drop_specks(read_words(image, dpi, settings))
    if dpi >= ENLARGE_BELOW_DPI:
        words = drop_phantom_marks(words, image)
    words = settle_pause_marks(restore_marks(words, image), image)
    words = recount_roman_numerals(words, image)
    if dpi >= ENLARGE_BELOW_DPI:
        words = read_ellipses(words, image)
        words = words + read_dropped(words, image, rulings, dpi, settings)
    return level, angle, page, rulings, image, words


DROPPED_GAP = 0.8
"""A gap between two words of a line wider than this many text heights may hold a token Tesseract dropped."""
DROPPED_CLEAR = 0.2
"""Ink this close to a word (in text heights) is that word's own: a mark, not a dropped token."""
DROPPED_REACH = 4.0
"""How far right of a line's last word (in text heights) a dropped token is looked for, short of a ruling."""
_KEPT_MARKS = frozenset("-–—+&%")


def _dropped_box(
    image: np.ndarray, words: list[OcrWord], x0: int, x1: int, y0: int, y1: int, height: float
) -> tuple[int, int, int, int] | None:
    """The box of the ink no word holds, standing clear of both ends of a gap of a line, or None."""
    clear = int(DROPPED_CLEAR * height)
    if x1 - x0 <= 2 * clear:
        return None
    blobs = [
        b
        for b in _ink_blobs(image, x0 + clear, y0, x1 - clear, y1)
        if max(b[2], b[3]) >= SPECK_SIZE * height and b[1] > y0 and b[1] + b[3] < y1 and not _held(b, words)
    ]
    if not blobs or any(b[0] <= x0 + clear or b[0] + b[2] >= x1 - clear for b in blobs):
        return None
    left, top = min(b[0] for b in blobs), min(b[1] for b in blobs)
    right, bottom = max(b[0] + b[2] for b in blobs), max(b[1] + b[3] for b in blobs)
    return left, top, right, bottom


def _held(b: Blob, words: list[OcrWord]) -> bool:
    """True when a word's box covers the middle of blob ``b``."""
    cx, cy = b[0] + b[2] / 2, b[1] + b[3] / 2
    return any(w.left <= cx <= w.left + w.width and w.top <= cy <= w.top + w.height for w in words)


def read_dropped(
    words: list[OcrWord], image: np.ndarray, rulings: list[Ruling], dpi: int, settings: OcrSettings
) -> list[OcrWord]:
    """Read again the ink Tesseract dropped inside a line or at its end: "(quý, 6 tháng", "bé khỏe - bé ngoan".

    In sparse-text mode Tesseract drops a lone short token between words, a
    digit or a dash, as a stray mark. A gap of a line wider than a space, or
    the stretch after a line's last word up to the next ruling or word, that
    holds ink clear of the words on either side is cut out and read in one
    small call, as empty cells are (:func:`_rescue`). Only what reads as a
    word, a number or a dash is kept.
    """
    height = _text_height(words)
    if height is None:
        return []
    scale = dpi / 72.0
    walls = [(r.x0 * scale, r.top * scale, r.bottom * scale) for r in rulings if not r.horizontal]
    boxes = []
    for a in words:
        x0 = a.left + a.width
        middle = a.top + a.height / 2
        after = [o for o in words if o.left > x0 - 2 and o.top < middle < o.top + o.height and o is not a]
        b = min(after, key=lambda o: o.left, default=None)
        y0 = a.top - int(0.3 * height)
        y1 = a.top + a.height + int(0.3 * height)
        if b is not None and b.left - x0 < DROPPED_GAP * height:
            continue
        stops = [x for x, top, bottom in walls if x > x0 and top <= middle <= bottom]
        x1 = int(min(stops + [x0 + DROPPED_REACH * height] + ([b.left] if b is not None else [])))
        box = _dropped_box(image, words, x0, x1, y0, y1, height)
        if box is not None and box not in boxes:  # two words may face one gap
            boxes.append(box)
    found = drop_specks(_rescue(image, boxes, dpi, settings), letters=words)
    return [w for w in found if any(c.isalnum() for c in w.text) or w.text in _KEPT_MARKS]


def read_words(image: np.ndarray, dpi: int, settings: OcrSettings) -> list[OcrWord]:
    """OCR a cleaned page image; boxes are in its pixels.

    The words carry the other readings Tesseract weighed for their letters,
    for repair to weigh in turn. A low-resolution page (a 150-dpi fax) is read
    from a copy enlarged twice and smoothed: Tesseract reads its small, jagged
    glyphs better so (on the fax samples, words right +1 to +1.5 points,
    deadlines right +9 to +19, for about 1.4× the time of such a page). It is
    read twice, smoothed twice as much the second time, and the two readings
    are weighed word by word (:func:`second_opinion`): they err on different
    words (on seven faxes, words right +0.2 to +1.2 points, for twice the OCR).
    A page of 200 dpi or more set in small type (words under ``SMALL_TYPE``
    points tall, 11-pt type or smaller) is read a second time from a copy
    enlarged ``SMALL_TYPE_FACTOR`` times, and the two readings are weighed the
    same way (on nine such plans, 1–2 more task texts exact on three, none fewer).
    """
    if dpi >= ENLARGE_BELOW_DPI:
        first = image_to_words(image, dpi, settings, readings=True)
        height = _text_height(first)
        if height is None or height * 72 / dpi >= SMALL_TYPE:
            return first
        return second_opinion(first, _read_enlarged(image, dpi, settings, SMALL_TYPE_FACTOR))
    first, second = (_read_enlarged(image, dpi, settings, ENLARGE_FACTOR, s) for s in (SMOOTHING_SIGMA, SECOND_SIGMA))
    return second_opinion(first, second)


def _read_enlarged(
    image: np.ndarray, dpi: int, settings: OcrSettings, factor: float, sigma: float | None = None
) -> list[OcrWord]:
    """OCR a copy of the page enlarged ``factor`` times, smoothed with ``sigma``; boxes are in the page's pixels."""
    large = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    if sigma is not None:
        large = cv2.GaussianBlur(large, (0, 0), sigma)
    return [
        replace(
            w,
            left=round(w.left / factor),
            top=round(w.top / factor),
            width=max(1, round(w.width / factor)),
            height=max(1, round(w.height / factor)),
        )
        for w in image_to_words(large, round(dpi * factor), settings, readings=True)
    ]


def second_opinion(words: list[OcrWord], others: list[OcrWord]) -> list[OcrWord]:
    """Weigh a second reading of a page against the first, word by word.

    Where one word of the second reading boxes the same ink as a word of the
    first (their boxes overlap by ``SECOND_MATCH`` or more) and reads other
    letters, the more confident of the two is kept, the first unless the
    second is ``SECOND_SWAP`` points surer, and the other becomes one of its
    readings for repair to weigh, at ``SECOND_COST`` nats plus the log ratio of
    their confidences.
    """
    if not words or not others:
        return words
    boxes = np.array([(o.left, o.top, o.left + o.width, o.top + o.height) for o in others], dtype=float)
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    out = []
    for w in words:
        x0, y0, x1, y1 = w.left, w.top, w.left + w.width, w.top + w.height
        inter = np.clip(np.minimum(boxes[:, 2], x1) - np.maximum(boxes[:, 0], x0), 0, None) * np.clip(
            np.minimum(boxes[:, 3], y1) - np.maximum(boxes[:, 1], y0), 0, None
        )
        overlap = inter / (areas + w.width * w.height - inter)
        match = np.flatnonzero(overlap >= SECOND_MATCH)
        if len(match) == 1:
            w = _weigh_other(w, others[int(match[0])])
        out.append(w)
    return out


def _weigh_other(w: OcrWord, other: OcrWord) -> OcrWord:
    """The surer of two readings of one word, with the other among its readings (see :func:`second_opinion`)."""
    mine, theirs = _alnum(w.text), _alnum(other.text)
    if not theirs or theirs == mine:
        return w  # the same word, or marks alone: marks are judged on the page
    kept, lost = (other, w) if other.conf - w.conf >= SECOND_SWAP else (w, other)
    lost_letters = word_letters(lost.text)
    if not lost_letters or lost_letters == word_letters(kept.text):
        return kept  # they differ in digits: no reading for repair
    cost = SECOND_COST + max(0.0, math.log(max(kept.conf, 1.0) / max(lost.conf, 1.0)))
    readings = dict(kept.readings)
    readings[lost_letters] = min(cost, readings.get(lost_letters, cost))
    return replace(kept, readings=tuple(sorted(readings.items(), key=lambda rc: rc[1])))


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum()).lower()


Blob = tuple[int, int, int, int]
"""A blob of ink: left, top, width, height in page pixels."""


def _text_height(words: list[OcrWord]) -> float | None:
    """The median height of the words that end in a letter or digit: the page's text height."""
    letters = [w.height for w in words if w.text[-1:].isalnum()]
    return statistics.median(letters) if letters else None


def _lefts_after(w: OcrWord, words: list[OcrWord], x0: int, y0: int, y1: int, height: float) -> list[int]:
    """The left edges of the words that start within two text heights right of ``x0``, rows ``y0``–``y1``."""
    return [
        o.left
        for o in words
        if o is not w and x0 - 2 < o.left < x0 + 2 * height and o.top < y1 and o.top + o.height > y0
    ]


def _dot_sized(b: Blob, height: float) -> bool:
    """A blob whose sides are both within ``STOP_SIZE`` of the text height."""
    lo, hi = STOP_SIZE[0] * height, STOP_SIZE[1] * height
    return lo <= b[2] <= hi and lo <= b[3] <= hi


def _is_dot(b: Blob, height: float) -> bool:
    """A full stop's or colon's dot: dot-sized and roughly square."""
    return _dot_sized(b, height) and 0.5 <= b[2] / b[3] <= 2.0


def _on_base(b: Blob, base: int, height: float) -> bool:
    """True for a blob that stands on the baseline row ``base``."""
    return abs(b[1] + b[3] - base) <= 0.12 * height


def drop_phantom_marks(words: list[OcrWord], image: np.ndarray) -> list[OcrWord]:
    """Take off the "." or ":" Tesseract read after a word where the page has none.

    The leg of an "R" and the last stroke of an "m" end on the baseline, and
    Tesseract reads a full stop into them ("mã QR. tra cứu"); a lone speck
    beside a word reads as a colon ("mã QR: qua"). Right of the word's last
    letter (ink as tall as ``PHANTOM_LETTER`` of the text height), up to the
    next word or ``STOP_REACH`` of the text height, a full stop is not on the
    page where no ink is, and a colon where one dot at most is, off the
    baseline. Commas are not taken off: a comma's tail often touches the "g"
    before it. Used on pages of 200 dpi or more: on a fax a comma runs into the
    letter before it and reads as a full stop ("Hiệu trưởng. văn phòng").
    """
    height = _text_height(words)
    if height is None:
        return words
    out = []
    for w in words:
        if (
            len(w.text) >= 2
            and w.text[-1] in ".:"
            and w.text[-2].isalpha()
            and _mark_not_inked(w, words, image, height)
        ):
            w = replace(w, text=w.text[:-1])
        out.append(w)
    return out


def _mark_not_inked(w: OcrWord, words: list[OcrWord], image: np.ndarray, height: float) -> bool:
    """True when the "." or ":" word ``w`` ends in is not on the page (see :func:`drop_phantom_marks`)."""
    x0, x1 = max(0, w.left), w.left + w.width
    y0, y1 = max(0, w.top), w.top + w.height
    edge = min([x1 + int(STOP_REACH * height) + 2] + [left - 1 for left in _lefts_after(w, words, x1, y0, y1, height)])
    y1 += int(BELOW_BOX * height)
    blobs = _ink_blobs(image, x0, y0, max(x0, edge), y1)
    letters = [b for b in blobs if b[3] >= PHANTOM_LETTER * height]
    if not letters:
        return False
    end = max(b[0] + b[2] for b in letters)
    after = [b for b in blobs if b[0] >= end]
    if w.text[-1] == ".":
        return not after
    base = _baseline(w, image)
    return base is not None and (not after or len(after) == 1 and not _on_base(after[0], base, height))


def _ink_blobs(image: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> list[Blob]:
    """The blobs of ink of two pixels or more in the page's rows ``y0``–``y1``, columns ``x0``–``x1``, left to right."""
    window = image[max(0, y0) : max(y0, y1), max(0, x0) : max(x0, x1)] < 128
    if not window.any():
        return []
    n, _, stats, _ = cv2.connectedComponentsWithStats(window.astype(np.uint8), connectivity=8)
    return sorted(
        (max(0, x0) + int(stats[k][0]), max(0, y0) + int(stats[k][1]), int(stats[k][2]), int(stats[k][3]))
        for k in range(1, n)
        if stats[k][4] >= 2
    )


def restore_marks(words: list[OcrWord], image: np.ndarray) -> list[OcrWord]:
    """Give back the marks Tesseract dropped after words: pauses and quotation marks first, then full stops.

    In that order, since a comma's head alone, cut off by the word's box, would read as a full stop.
    """
    return restore_full_stops(restore_pause_marks(words, image), image)


def restore_full_stops(words: list[OcrWord], image: np.ndarray) -> list[OcrWord]:
    """Give back the "." Tesseract dropped after the last word or number of a line.

    A full stop is a lone, roughly square blob of ink no taller than a third of
    the text height, sitting on the baseline just right of the word, with no
    other ink or word between.
    """
    height = _text_height(words)
    if height is None:
        return words
    lo, hi = STOP_SIZE[0] * height, STOP_SIZE[1] * height
    reach = int(STOP_REACH * height) + 2
    lines: dict[tuple[int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault((w.block, w.line), []).append(w)
    ends = {id(max(group, key=lambda w: w.left + w.width)) for group in lines.values()}
    out = []
    for w in words:
        # A number ends a sentence too ("... Quận 1."), but not alone (an STT cell), nor a date.
        ends_text = w.text[-1:].isalpha() or (w.text.isdigit() and len(lines[(w.block, w.line)]) >= 3)
        if id(w) in ends and ends_text and w.height <= 1.6 * height:
            x0, x1 = w.left + w.width, w.left + w.width + reach
            y0, y1 = w.top, w.top + w.height
            window = image[max(0, y0) : y1, max(0, x0) : x1] < 128
            line_goes_on = bool(_lefts_after(w, words, x0, y0, y1, height))
            if window.any() and not line_goes_on:
                n, _, stats, _ = cv2.connectedComponentsWithStats(window.astype(np.uint8), connectivity=8)
                blobs = [stats[k] for k in range(1, n)]
                if len(blobs) == 1:
                    bx, by, bw, bh, _ = blobs[0]
                    on_baseline = by + bh >= 0.55 * window.shape[0] and by >= 0.45 * window.shape[0]
                    if lo <= bw <= hi and lo <= bh <= hi and 0.5 <= bw / bh <= 2.0 and on_baseline and bx > 0:
                        w = replace(w, text=w.text + ".")
        out.append(w)
    return out


def _baseline(word: OcrWord, image: np.ndarray) -> int | None:
    """The row of the page on which the word's letters stand: the lowest one with a quarter of the ink of the fullest.

    Descenders ("p", "g", a bracket's foot) are thin strokes, so the rows
    they alone reach hold far less ink.
    """
    window = image[max(0, word.top) : word.top + word.height, max(0, word.left) : word.left + word.width] < 128
    rows = window.sum(axis=1)
    if not rows.any():
        return None
    full = np.flatnonzero(rows >= BASELINE_INK * rows.max())
    return max(0, word.top) + int(full[-1])


def _pause_mark(blobs: list[Blob], base: int, height: float) -> str | None:
    """The mark the blobs right of a word make, or None for any other ink.

    A comma is a tail from the baseline down; a semicolon, a dot over such a
    tail; a colon, a dot over a dot on the baseline. Blobs are (left, top,
    width, height) in page pixels; ``base`` is the word's baseline row.
    """

    def tail(b: Blob) -> bool:
        return (
            TAIL_HEIGHT[0] * height <= b[3] <= TAIL_HEIGHT[1] * height
            and b[3] >= 1.4 * b[2]
            and b[1] >= base - 0.3 * height
            and b[1] + b[3] >= base + 0.1 * height
        )

    if len(blobs) == 1:
        return "," if tail(blobs[0]) else None
    if len(blobs) != 2:
        return None
    upper, lower = sorted(blobs, key=lambda b: b[1])
    middle = upper[1] + upper[3] / 2
    if not (
        _is_dot(upper, height)
        and upper[1] + upper[3] < lower[1]
        and base - 0.75 * height <= middle <= base - 0.2 * height
    ):
        return None
    if abs(upper[0] + upper[2] / 2 - (lower[0] + lower[2] / 2)) > 0.2 * height:
        return None
    if tail(lower):
        return ";"
    return ":" if _is_dot(lower, height) and _on_base(lower, base, height) else None


def _closing_quote(blobs: list[Blob], base: int, height: float) -> bool:
    """True for two blobs side by side high above the baseline: a closing quotation mark "”"."""
    if len(blobs) < 2:
        return False
    a, b = blobs[:2]

    def high(c: Blob) -> bool:
        return (
            QUOTE_SIZE[0] * height <= c[3] <= QUOTE_SIZE[1] * height
            and c[2] <= QUOTE_SIZE[1] * height
            and c[1] + c[3] <= base - 0.4 * height
        )

    return high(a) and high(b) and abs(a[1] - b[1]) <= 0.12 * height and b[0] - (a[0] + a[2]) <= 0.3 * height


def restore_pause_marks(words: list[OcrWord], image: np.ndarray) -> list[OcrWord]:
    """Give back the closing quotation mark and the ",", ";", ":" Tesseract dropped after a word a gap follows.

    At the end of a table cell's line ("… của Chính phủ;" before the next
    column), Tesseract often boxes the word without the marks after it and
    drops them. They are the only ink just right of the word: a "”" high up
    (:func:`_closing_quote`), then, within ``STOP_REACH`` of the text height,
    a comma's tail from the baseline down, a dot over such a tail, or two dots
    (see :func:`_pause_mark`), or after a "”" a full stop. Where a word
    follows close by, only a comma or semicolon standing alone in the gap
    before it is given back.
    """
    height = _text_height(words)
    if height is None:
        return words
    out = []
    for w in words:
        if (w.text[-1:].isalnum() or w.text[-1:] in ")”") and w.height <= 1.6 * height:
            marks = _marks_after(w, words, image, height)
            if marks:
                w = replace(w, text=w.text + marks)
        out.append(w)
    return out


SEMICOLON_DOT = 0.7
"""A semicolon's dot is at least this share of its tail's width (the comma's head) each way; specks are smaller."""
SETTLE_REACH = (0.6, 0.4)
"""Text heights left and right of a word's box's right edge where the comma or semicolon it ends with is sought."""


def settle_pause_marks(words: list[OcrWord], image: np.ndarray) -> list[OcrWord]:
    """Tell the comma and the semicolon Tesseract read after a word apart by the page: "TT-BGDĐT," for ";".

    In small type Tesseract often reads a semicolon as a comma, and now and
    then the other way round. The ink right of the word's last letter is
    looked at: a semicolon has a dot over its tail (see :func:`_pause_mark`).
    Where that ink is neither mark alone, the word is left as read.
    """
    height = _text_height(words)
    if height is None:
        return words
    out = []
    for w in words:
        read = w.text[-1:]
        if read in (",", ";") and len(w.text) > 1 and (w.text[-2].isalnum() or w.text[-2] in ')”"'):
            seen = _mark_at_end(w, words, image, height)
            if seen in (",", ";") and seen != read:
                w = replace(w, text=w.text[:-1] + seen)
        out.append(w)
    return out


def _mark_at_end(w: OcrWord, words: list[OcrWord], image: np.ndarray, height: float) -> str | None:
    """The pause mark the ink after the last letter of word ``w`` makes, or None."""
    base = _baseline(w, image)
    if base is None:
        return None
    right = w.left + w.width
    x0, x1 = right - int(SETTLE_REACH[0] * height), right + int(SETTLE_REACH[1] * height)
    y0, y1 = w.top - int(0.2 * height), base + int(TAIL_HEIGHT[1] * height) + 1
    after = _lefts_after(w, words, right, y0, y1, height)
    if after:
        x1 = min(x1, min(after) - 1)
    blobs = _ink_blobs(image, x0, y0, x1, y1)
    letters = [b for b in blobs if b[3] > TAIL_HEIGHT[1] * height]
    if not letters:
        return None
    edge = max(b[0] + b[2] for b in letters)
    rest = [b for b in blobs if b[0] >= edge]
    if any(b[0] + b[2] >= x1 or b[1] <= max(0, y0) or b[1] + b[3] >= y1 for b in rest):
        return None  # cut off by the window: more than a mark
    mark = _pause_mark(rest, base, height)
    if mark == ";":
        dot, tail = sorted(rest, key=lambda b: b[1])
        if min(dot[2], dot[3]) < SEMICOLON_DOT * tail[2]:
            return None  # a speck over a comma: a semicolon's dot is as wide as the comma's head
    return mark


def _marks_after(w: OcrWord, words: list[OcrWord], image: np.ndarray, height: float) -> str:
    """The marks the ink just right of word ``w`` makes (see :func:`restore_pause_marks`), "" for none."""
    x0, x1 = w.left + w.width, w.left + w.width + int(QUOTE_REACH * height) + 2
    y0, deepest = w.top, w.top + w.height + int(TAIL_HEIGHT[1] * height)
    if not (image[max(0, y0) : deepest, max(0, x0) : x1] < 128).any():
        return ""  # no ink at all: spare the baseline
    base = _baseline(w, image)
    if base is None:
        return ""
    y1 = base + int(TAIL_HEIGHT[1] * height)  # no lower than a comma's tail reaches
    after = _lefts_after(w, words, x0, y0, y1, height)
    inside = bool(after)  # a word follows close by: only a comma or semicolon, in the gap before it
    if inside:
        x1 = min(after) - 1
    blobs = _ink_blobs(image, x0, y0, x1, y1)
    if not blobs:
        return ""
    quote = "”" if not inside and w.text[-1:] != "”" and _closing_quote(blobs, base, height) else ""
    start = max(b[0] + b[2] for b in blobs[:2]) if quote else x0
    reach = int(STOP_REACH * height) + 2
    edge = min(start + reach, x1)
    rest = [b for b in blobs[2 if quote else 0 :] if b[0] < start + reach]  # ink beyond is not the word's
    if any(b[0] + b[2] >= edge or b[0] == x0 or b[1] <= max(0, y0) or b[1] + b[3] >= y1 for b in rest):
        return ""  # ink cut off by the window goes on beyond it: not a mark
    if quote and not rest:
        return quote
    if quote and len(rest) == 1 and _dot_sized(rest[0], height):
        return quote + "." if _on_base(rest[0], base, height) else ""
    mark = _pause_mark(rest, base, height)
    if mark is None or (inside and mark not in (",", ";")):
        return ""
    return quote + mark


def _dots(word: OcrWord, image: np.ndarray, height: float) -> list[float]:
    """The x of the middle of each dot-sized blob in the lower half of the word's box, left to right."""
    window = image[max(0, word.top) : word.top + word.height, max(0, word.left) : word.left + word.width] < 128
    if not window.any():
        return []
    n, _, stats, centres = cv2.connectedComponentsWithStats(window.astype(np.uint8), connectivity=8)
    lo, hi = STOP_SIZE[0] * height, STOP_SIZE[1] * height
    return sorted(
        float(centres[k][0])
        for k in range(1, n)
        if lo <= stats[k][2] <= hi
        and lo <= stats[k][3] <= hi
        and 0.4 <= stats[k][2] / stats[k][3] <= 2.5
        and stats[k][1] >= 0.4 * window.shape[0]
    )


def _ellipsis_dots(xs: Sequence[float], height: float, advance: float) -> bool:
    """True for three dots spaced evenly, within the range of an ellipsis's dots.

    That is ``ELLIPSIS_PITCH`` of the letters' ``height`` or ``ELLIPSIS_ADVANCE`` of their mean ``advance``.
    """
    a, b = xs[1] - xs[0], xs[2] - xs[1]
    if abs(a - b) > EVEN_PITCH * max(a, b):
        return False
    return all(ELLIPSIS_PITCH[0] * height <= d <= ELLIPSIS_PITCH[1] * height for d in (a, b)) or (
        advance > 0 and all(ELLIPSIS_ADVANCE[0] * advance <= d <= ELLIPSIS_ADVANCE[1] * advance for d in (a, b))
    )


def _mean_advance(words: Sequence[OcrWord]) -> float:
    """The mean width of a letter over the words of letters alone (0 when there are none)."""
    letters = [w for w in words if w.text.isalpha()]
    count = sum(len(w.text) for w in letters)
    return sum(w.width for w in letters) / count if count else 0.0


STEM_WIDTH = 0.3
"""A Roman numeral's stem is at most this many token heights wide in the middle band of its line."""
STEM_INK = 0.9
"""…and inked through this share of the band's rows; a slash or a digit's curve is not."""
STEM_SLANT = 0.1
"""…and stands upright: its ink shifts less than this many token heights between the band's top and bottom."""
SPECK_INK = 0.35
"""Ink through less of the band than this, where a numeral's strokes start, is a speck the cleaning left."""
NUMERAL_REACH = 1.5
"""A numeral read after "Quý" or "kỳ" starts within this many of their heights of the word."""
_PERIOD_WORDS = frozenset({"quy", "ky"})
"""Words a Roman numeral follows, folded: "Quý II/2031" (a quarter), "Học kỳ II" (a school term)."""
_NUMERAL_READ = re.compile(r"([Il1|!\[\]H]{0,4})([/.\-]?)((?:19|20)\d\d)?(\W*)")
"""A quarter or term as OCR reads it: strokes ("II", "1l", "H" for two run together, none when dropped), a
separator, a year, punctuation."""


def _stems(image: np.ndarray, x0: int, x1: int, y0: int, y1: int) -> int:
    """The upright strokes ("I") from ``x0`` rightwards in a token's box, up to the first other ink."""
    height = y1 - y0
    band = image[y0 + round(0.3 * height) : y0 + round(0.7 * height) + 1, max(x0, 0) : x1] < 128
    if band.shape[0] < 3 or band.shape[1] == 0:
        return 0
    inked = band.any(axis=0)
    stems, x = 0, 0
    while x < band.shape[1]:
        if not inked[x]:
            x += 1
            continue
        end = x
        while end < band.shape[1] and inked[end]:
            end += 1
        run = band[:, x:end]
        ink = run.mean(axis=0).max()
        if ink < SPECK_INK:
            x = end  # a speck the cleaning left
            continue
        top, bottom = np.flatnonzero(run[0]), np.flatnonzero(run[-1])
        slant = abs(top.mean() - bottom.mean()) if len(top) and len(bottom) else height
        upright = end - x <= STEM_WIDTH * height and ink >= STEM_INK and slant < STEM_SLANT * height
        if not upright:
            break
        stems, x = stems + 1, end
    return stems


def recount_roman_numerals(words: list[OcrWord], image: np.ndarray) -> list[OcrWord]:
    """Count the strokes of a quarter's or term's Roman numeral on the page, where OCR lost or merged some.

    Tesseract drops a stroke of "III" or all of "I" in a deadline cell ("Quý
    II/2031" for "Quý III/2031", "Quý 2031" for "Quý I/2031", "Học kỳ H").
    After a word that folds to "quy" or "ky", a token read as strokes and a
    year has its upright strokes counted in the middle band of its line, from
    the word's end to the first other ink (the slash, a digit). A count of up
    to three replaces a reading of fewer strokes, or of as many read as other
    letters ("H", "l", "|"); a count under the reading's is two strokes run
    together, and the reading stays. An Arabic "1" read as printed stays. A
    numeral that starts the next line of the cell ("Quý" / "II/2031") is
    counted from its own box's left.
    """
    out = list(words)
    for i, word in enumerate(out):
        if "".join(filter(str.isalpha, fold(word.text))) not in _PERIOD_WORDS:  # "Quý", "(Quý", "Quý-"
            continue
        found = _numeral_after(out, i)
        if found is None:
            continue
        k, read = found
        token = out[k]
        beside = token.top < word.top + word.height / 2  # on the word's line, else starting the next
        start = word.left + word.width + 1 if beside else token.left
        stems = _stems(image, start, token.left + token.width, token.top, token.top + token.height)
        strokes, separator, year, rest = read.groups()
        read_count = len(strokes) + strokes.count("H")
        # Strokes are lost, not made up: a count under the reading's is two strokes run together.
        if stems <= 3 and (stems > read_count or (stems == read_count and strokes.strip("I1"))):
            if not strokes and year and not separator:
                separator = "/"  # "Quý 2031": the numeral and its slash were lost together
            text = "I" * stems + separator + (year or "") + rest
            left = min(token.left, start)
            out[k] = replace(token, text=text, left=left, width=token.left + token.width - left, readings=())
    return out


def _numeral_after(words: list[OcrWord], i: int) -> tuple[int, re.Match[str]] | None:
    """The index of the token read as a numeral after the word at ``i``, and its reading; None when there is none.

    The token is the next word on its line, or, when the word ends a line of its cell ("Quý" / "II/2031"),
    the nearest one starting the line under it.
    """
    word = words[i]
    token = words[i + 1] if i + 1 < len(words) else None
    if (
        token
        and token.left - (word.left + word.width) <= NUMERAL_REACH * word.height
        and token.top < word.top + word.height / 2
    ):
        read = _NUMERAL_READ.fullmatch(token.text)
        return (i + 1, read) if read and (read.group(1) or read.group(3)) else None
    below = [
        (k, read)
        for k, t in enumerate(words)
        if word.top + word.height / 2 < t.top < word.top + NUMERAL_REACH * 2 * word.height
        and word.left - word.width < t.left < word.left + word.width
        and (read := _NUMERAL_READ.fullmatch(t.text))
        and read.group(1)
    ]
    return min(below, key=lambda found: words[found[0]].top, default=None)


def read_ellipses(words: list[OcrWord], image: np.ndarray) -> list[OcrWord]:
    """Read three dots as the ellipsis "…" where they stand as far apart as its glyph's.

    Only a word read with one run of three dots (or a colon among them, "tờ:..)")
    is judged, and it must hold just one run of three dot-sized blobs spaced
    evenly, within ``ELLIPSIS_PITCH`` of the height of its line's letters or
    ``ELLIPSIS_ADVANCE`` of their mean advance (a heading or a table's smaller
    type has its own); other blobs may stand beside them, such as the dot
    under "ọ" in "học...)". The dots of three typed full stops ("Google
    Meet...") stand closer and stay as read.
    """
    lines: dict[tuple[int, int], list[int]] = {}
    line_words: dict[tuple[int, int], list[OcrWord]] = {}
    for w in words:
        line_words.setdefault((w.block, w.line), []).append(w)
        if w.text[-1:].isalnum():
            lines.setdefault((w.block, w.line), []).append(w.height)
    page_height = _text_height(words)
    if page_height is None:
        return words
    page_advance = _mean_advance(words)
    out = []
    for w in words:
        if len(_THREE_DOTS.findall(w.text)) == 1:
            key = (w.block, w.line)
            line = lines.get(key, [])
            height = statistics.median(line) if len(line) >= 2 else page_height  # the type of its own line
            own = line_words[key]
            lettered = sum(len(x.text) for x in own if x.text.isalpha()) >= MIN_ADVANCE_LETTERS
            advance = _mean_advance(own) if lettered else page_advance
            xs = _dots(w, image, height)
            if sum(_ellipsis_dots(xs[i : i + 3], height, advance) for i in range(len(xs) - 2)) == 1:
                w = replace(w, text=_THREE_DOTS.sub("…", w.text))
        out.append(w)
    return out


def image_to_layout(image: PageImage, settings: OcrSettings) -> PageLayout:
    """OCR a page image into words and rulings on the upright page, in points."""
    gray, dpi = image.pixels, image.dpi
    rotation = 0
    if settings.osd and text_direction(gray) < SIDEWAYS:
        # Text runs down the page: ask OSD which way to turn it before reading.
        turn, confidence = detect_rotation(gray, settings)
        if turn in (90, 270) and confidence >= MIN_OSD_CONFIDENCE:
            gray, rotation = rotate_quarter(gray, turn), turn
    level, angle, page, rulings, ocr_image, words = _read(gray, dpi, settings)
    quality = reading_quality(words)
    if settings.osd and quality < GOOD_READING:
        # Reads badly: perhaps upside down.
        turn, confidence = detect_rotation(gray, settings)
        if turn and confidence >= MIN_OSD_CONFIDENCE:
            candidate = _read(rotate_quarter(gray, turn), dpi, settings)
            if reading_quality(candidate[5]) > quality:
                rotation = (rotation + turn) % 360
                level, angle, page, rulings, ocr_image, words = candidate
    missing = _cells_missing_text(page, rulings, words, dpi)
    words = words + drop_specks(_rescue(ocr_image, missing, dpi, settings), letters=words)
    scale = 72.0 / dpi
    out_words = tuple(
        Word(
            w.text,
            (w.left * scale, w.top * scale, (w.left + w.width) * scale, (w.top + w.height) * scale),
            w.conf / 100,
            w.readings,
        )
        for w in words
        if w.text
    )
    warnings: list[str] = []
    if page.noisy:
        warnings.append(f"page {image.page_no}: noisy scan, {page.specks_removed} specks removed")
    mean_conf = statistics.fmean(w.conf for w in out_words) if out_words else 0.0
    if mean_conf < LOW_CONFIDENCE:
        warnings.append(f"page {image.page_no}: low OCR confidence ({mean_conf:.0%}); check this page by hand")
    height, width = level.shape
    return PageLayout(
        page_no=image.page_no,
        width=width * scale,
        height=height * scale,
        method="ocr",
        words=out_words,
        rulings=tuple(rulings),
        dpi=dpi,
        rotation=rotation,
        skew=angle,
        warnings=tuple(warnings),
    )
