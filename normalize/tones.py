"""Where the tone mark sits: the traditional placement of official documents.

"hóa", "tọa", "khỏe", "Thúy", "Ủy", "quý", "hoàn", "thuyền", "người". The mark
goes on the vowel with a hat or horn (the last one: "ươ" → ơ); otherwise, in an
open rhyme of two vowels on the first ("hóa", "thúy", "mái") and of three on the
middle ("hoài"); in a closed rhyme on the last vowel before the final consonant
("hoàn", "toán").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from normalize.vietnamese import TONE_MARKS, mark_on_consonant, parse_syllable

_MARK_OF = {name: mark for mark, name in TONE_MARKS.items()}
_VOWELS = set("aăâeêioôơuưy")
_HATTED = set("ăâêôơư")


def _strip_tone(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c not in TONE_MARKS))


def stray_mark_readings(word: str) -> tuple[str, str] | None:
    """For a word whose tone mark sits on a consonant ("Miñh"), the two things OCR may have read.

    Vietnamese never puts a mark on a consonant: it is a tone that drifted off
    its vowel ("lañh" for "lãnh") or a speck ("Miñh" for "Minh"). Returns the
    word with the mark on its vowel, in the traditional place, and the word
    without it; None when no mark sits on a consonant or no vowel can take it.

    >>> stray_mark_readings("Miñh")
    ('Mĩnh', 'Minh')
    """
    if not mark_on_consonant(word):
        return None
    bare = _strip_tone(word)
    tone = next(c for c in unicodedata.normalize("NFD", word) if c in TONE_MARKS)
    decomposed = unicodedata.normalize("NFD", bare)
    vowel = next((i for i, c in enumerate(decomposed) if c.lower() in _VOWELS), None)
    if vowel is None:
        return None
    marked = unicodedata.normalize("NFC", decomposed[: vowel + 1] + tone + decomposed[vowel + 1 :])
    placed = place_tone(marked)
    return (placed, bare) if parse_syllable(placed) else None


def _mark_index(rhyme: str) -> int:
    """Index in ``rhyme`` (toneless, lower case) of the vowel that carries the tone."""
    cluster_end = 0
    while cluster_end < len(rhyme) and rhyme[cluster_end] in _VOWELS:
        cluster_end += 1
    cluster = rhyme[:cluster_end]
    hatted = [i for i, c in enumerate(cluster) if c in _HATTED]
    if hatted:
        return hatted[-1]
    if len(cluster) <= 1:
        return 0
    if cluster_end < len(rhyme):  # closed rhyme: "hoàn", "toán"
        return len(cluster) - 1
    return 0 if len(cluster) == 2 else 1  # open: "hóa", "thúy" / "hoài"


@lru_cache(maxsize=65536)
def place_tone(syllable: str) -> str:
    """Put the tone mark of a valid syllable in its traditional place, keeping case.

    >>> place_tone("hoá"), place_tone("Thuý"), place_tone("ỦY"), place_tone("quý"), place_tone("hoàn")
    ('hóa', 'Thúy', 'ỦY', 'quý', 'hoàn')
    """
    parsed = parse_syllable(syllable)
    if parsed is None or parsed[2] is None:
        return syllable
    onset, rhyme, tone = parsed
    bare = _strip_tone(syllable)
    lower = bare.lower()
    # parse_syllable reports "gi" + "iêng" for "giêng"; find the rhyme in the text itself.
    start = len(lower) - len(rhyme) if lower.endswith(rhyme) else len(onset)
    if onset == "g" and rhyme == "i":  # "gì": the i is the nucleus
        start = 1
    index = start + _mark_index(lower[start:])
    decomposed = unicodedata.normalize("NFD", bare[index]) + _MARK_OF[tone]
    return unicodedata.normalize("NFC", bare[:index] + decomposed + bare[index + 1 :])
