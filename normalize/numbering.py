"""Row numbers (STT) misread by OCR, mended from the sequence they sit in.

A table's numbers run in order: I, II, III for sections, 1.1, 1.2 … for tasks.
OCR drops the dot of "2.1" ("21"), reads "II" as "H" or "I1", and "24" as
"23". A number that breaks the sequence is replaced by the one the sequence
expects, but only when the two differ by OCR's usual damage (a lost dot, one
character, I/1/l/H confusions). A number that fits, or that is too far from
what is expected, is left as read. A row with no number between a number and
the one two after it ("30", …, "32") is given the one between.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
_ROMAN_OCR = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I", "Í": "I", "Ì": "I", "Ị": "I", "Ỉ": "I"})
_ARABIC = re.compile(r"^\d{1,3}(?:\.\d{1,3})*$")


def _as_roman(text: str) -> str | None:
    """Read ``text`` as a Roman numeral through OCR's confusions ("H" → "II", "I1" → "II")."""
    candidate = text.upper().rstrip(".").translate(_ROMAN_OCR).replace("H", "II").replace("U", "II")
    return candidate if re.fullmatch(r"[IVX]+", candidate) else None


def _arabic_next(previous: Sequence[str]) -> list[str]:
    """Numbers that may follow the arabic numbers seen so far: a sibling, a child, an uncle."""
    if not previous:
        return ["1"]
    parts = previous[-1].split(".")
    out = [".".join(parts + ["1"])]
    for depth in range(len(parts), 0, -1):
        head = parts[: depth - 1]
        out.append(".".join([*head, str(int(parts[depth - 1]) + 1)]))
    return out


def repair_numbers(numbers: Sequence[str | None], *, ocr: Sequence[bool]) -> list[str | None]:
    """Mend OCR-damaged row numbers from their sequence; numbers of text-layer rows are kept."""
    out: list[str | None] = []
    romans: list[str] = []
    arabics: list[str] = []
    for pos, (number, from_ocr) in enumerate(zip(numbers, ocr, strict=True)):
        if not number:
            lost = _lost_between(arabics, numbers[pos + 1 :]) if from_ocr else None
            if lost:  # "30", (none), "32": the scan lost "31"
                arabics.append(lost)
            out.append(lost or number)
            continue
        fixed = number.rstrip(".")
        if from_ocr:
            following = next((n for n in numbers[pos + 1 :] if n), None)
            fixed = _mend(fixed, romans, arabics, following.rstrip(".") if following else None)
        if fixed in ROMANS:
            romans.append(fixed)
            arabics.clear()  # numbering restarts under each Roman heading
        elif _ARABIC.match(fixed):
            arabics.append(fixed)
        out.append(fixed if fixed != number.rstrip(".") else number)
    return out


def _lost_between(arabics: Sequence[str], rest: Sequence[str | None]) -> str | None:
    """The number of a row that has none, between a number and the one two after it ("30", …, "32")."""
    following = next((n.rstrip(".") for n in rest if n), None)
    if not arabics or following is None or not _ARABIC.match(following):
        return None
    parts = arabics[-1].split(".")
    sibling = ".".join([*parts[:-1], str(int(parts[-1]) + 1)])
    after = ".".join([*parts[:-1], str(int(parts[-1]) + 2)])
    return sibling if following == after else None


def _fits(number: str, expected: Sequence[str]) -> str | None:
    """The expected number ``number`` is, allowing for a lost dot ("21" for "2.1")."""
    if number in expected:
        return number
    return next((c for c in expected if c.replace(".", "") == number.replace(".", "")), None)


def _mend(number: str, romans: list[str], arabics: list[str], following: str | None) -> str:
    if _ARABIC.match(number):
        expected = _arabic_next(arabics)
        if (fit := _fits(number, expected)) is not None:
            return fit
        close = [c for c in expected if Levenshtein.distance(c.replace(".", ""), number.replace(".", "")) == 1]
        if len(close) > 1:
            close = [c for c in close if c.count(".") == number.count(".")]  # a sibling rather than a child
        if len(close) == 1:
            # One digit misread ("1.8" for "1.6", "23" twice): mend it only when the
            # next number follows the mended one, so a really missing row is not papered over.
            if following is None or not _ARABIC.match(following) or _fits(following, _arabic_next([close[0]])):
                return close[0]
        return number
    roman = _as_roman(number)
    if roman is None:
        return number
    expected = _next_roman(romans)
    clean_roman = re.fullmatch(r"[IVX]+", number.rstrip(".")) is not None
    if clean_roman and number.rstrip(".") in ROMANS and not _not_after(number.rstrip("."), romans):
        return number.rstrip(".")  # a well-formed numeral in order (a skipped one included) is kept
    if Levenshtein.distance(roman, expected) <= 1:
        return expected
    return roman if roman in ROMANS else number


def _not_after(roman: str, romans: Sequence[str]) -> bool:
    """True when ``roman`` does not come after the last numeral seen (a repeat or a step back)."""
    return bool(romans) and romans[-1] in ROMANS and ROMANS.index(roman) <= ROMANS.index(romans[-1])


def _next_roman(romans: Sequence[str]) -> str:
    if not romans:
        return ROMANS[0]
    index = ROMANS.index(romans[-1]) if romans[-1] in ROMANS else -1
    return ROMANS[min(index + 1, len(ROMANS) - 1)]
