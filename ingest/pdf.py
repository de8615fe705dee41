"""Born-digital PDF pages: words and ruling lines from the text layer (pdfplumber).

A page's text layer is used only when it is *usable*: most of its words are
well-formed Unicode Vietnamese or ASCII. Legacy TCVN3/VNI fonts ("Thùc hiÖn",
"Thöïc hieän") and broken ToUnicode maps ("(cid:12)") fail the test and the page
is OCR'd instead, as is a page whose text runs sideways (OCR turns it upright).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalize.text import nfc
from normalize.vietnamese import is_syllable
from schema.records import PageLayout, Ruling, Word

MIN_RULING_LENGTH = 8.0
"""Points; shorter edges are glyph parts or decoration, not table rulings."""
WORD_X_TOLERANCE = 1.5
"""Points; smaller than pdfplumber's default so cells a few points apart stay apart."""
USABLE_SHARE = 0.75
"""Share of well-formed words a text layer needs to be used."""
SCAN_IMAGE_SHARE = 0.5
"""A page mostly covered by an image with few words is a scan with a stamp, not text."""
MIN_WORDS_OVER_IMAGE = 40

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_VIET_LETTERS = re.compile(r"^[a-zA-ZÀ-ỹđĐ]+$")


@dataclass(frozen=True)
class TextLayerCheck:
    """The verdict on a page's text layer."""

    usable: bool
    share: float
    """Share of well-formed words, 0–1."""
    reason: str


def word_is_well_formed(word: str) -> bool | None:
    """True/False for a word that counts, ``None`` for punctuation and numbers."""
    if "(cid:" in word or any(0xE000 <= ord(ch) <= 0xF8FF or ord(ch) < 32 or ch == "\ufffd" for ch in word):
        return False  # a broken ToUnicode map
    core = _EDGE.sub("", nfc(word))
    if not core or any(ch.isdigit() for ch in core):
        return None
    parts = [p for p in re.split(r"[-/.,;:()]+", core) if p]
    for part in parts:
        if not _VIET_LETTERS.match(part):
            return False
        if not (is_syllable(part) or (part.isupper() and part.isascii() and len(part) <= 10)):
            return False
    return True


def check_text_layer(words: list[str], image_share: float) -> TextLayerCheck:
    """Decide whether a page's text layer can be used instead of OCR."""
    verdicts = [v for v in (word_is_well_formed(w) for w in words) if v is not None]
    if not verdicts:
        return TextLayerCheck(False, 0.0, "no text layer")
    share = sum(verdicts) / len(verdicts)
    if image_share >= SCAN_IMAGE_SHARE and len(words) < MIN_WORDS_OVER_IMAGE:
        return TextLayerCheck(False, share, "scanned page with a few text-layer words")
    if share < USABLE_SHARE:
        return TextLayerCheck(False, share, f"text layer unreadable ({share:.0%} well-formed words)")
    return TextLayerCheck(True, share, "text layer")


def pdf_page_to_layout(path: str, page_no: int) -> tuple[PageLayout | None, TextLayerCheck]:
    """Read page ``page_no`` (from 1) of a PDF through its text layer.

    Returns ``(None, check)`` when the text layer is not usable, so the caller
    OCRs the page.
    """
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_no - 1]
        page_area = float(page.width * page.height) or 1.0
        image_area = sum(
            max(0.0, float(im["x1"] - im["x0"])) * max(0.0, float(im["bottom"] - im["top"])) for im in page.images
        )
        deduped = page.dedupe_chars()
        raw_words = deduped.extract_words(
            x_tolerance=WORD_X_TOLERANCE, y_tolerance=3, keep_blank_chars=False, extra_attrs=["upright"]
        )
        check = check_text_layer([w["text"] for w in raw_words], image_area / page_area)
        sideways = sum(not w["upright"] for w in raw_words)
        if check.usable and sideways > len(raw_words) / 2:
            check = TextLayerCheck(False, check.share, "text runs sideways on the page")
        if not check.usable:
            return None, check
        width, height = float(page.width), float(page.height)  # pdfplumber gives the displayed (/Rotate'd) frame
        words = tuple(
            Word(nfc(w["text"]), (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])), 1.0)
            for w in raw_words
        )
        rulings = tuple(_edges_to_rulings(page.edges))
        layout = PageLayout(
            page_no=page_no,
            width=width,
            height=height,
            method="text",
            words=words,
            rulings=rulings,
        )
        return layout, check


def _edges_to_rulings(edges: list[dict]) -> list[Ruling]:
    out: list[Ruling] = []
    for e in edges:
        x0, x1, top, bottom = float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"])
        if e.get("orientation") == "h" and x1 - x0 >= MIN_RULING_LENGTH:
            out.append(Ruling(x0, top, x1, top))
        elif e.get("orientation") == "v" and bottom - top >= MIN_RULING_LENGTH:
            out.append(Ruling(x0, top, x0, bottom))
    return out
