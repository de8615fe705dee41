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

from normalize.vietnamese import TONE_MARKS, parse_syllable

_MARK_OF = {name: mark for mark, name in TONE_MARKS.items()}
_VOWELS = set("aăâeêioôơuưy")
_HATTED = set("ăâêôơư")


def _strip_tone(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c not in TONE_MARKS))


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
