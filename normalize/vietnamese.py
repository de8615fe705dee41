"""The Vietnamese syllable, by rule: onset + rhyme + tone.

A syllable is valid when it splits into a known onset and a known rhyme, and its
tone is allowed on that rhyme (a rhyme closed by c, ch, p or t only takes the
sắc or nặng tone). The check is used to tell a usable PDF text layer from the
mojibake of legacy TCVN3/VNI fonts, and later to generate repair candidates.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

TONE_MARKS = {
    "\u0301": "sac",  # acute
    "\u0300": "huyen",  # grave
    "\u0309": "hoi",  # hook above
    "\u0303": "nga",  # tilde
    "\u0323": "nang",  # dot below
}

ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip

_RHYMES_TEXT = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
o oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăp oăt
oc oe oem oen oeo oet oi om on ong ooc oong op ot
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh ui um un ung uơ
uôc uôi uôm uôn uông uôt up ut uy uya uych uyên uyêt uynh uyt uyu uyn
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
"""
RHYMES = frozenset(_RHYMES_TEXT.split())
STOP_CODAS = ("c", "ch", "p", "t")


@lru_cache(maxsize=65536)
def split_tone(syllable: str) -> tuple[str, str | None]:
    """Split an NFC syllable into its toneless form (hats kept) and its tone name."""
    tone: str | None = None
    kept: list[str] = []
    for ch in unicodedata.normalize("NFD", syllable):
        name = TONE_MARKS.get(ch)
        if name is None:
            kept.append(ch)
        elif tone is None:
            tone = name
        else:
            return syllable, "many"
    return unicodedata.normalize("NFC", "".join(kept)), tone


_VOWEL_LETTERS = frozenset("aeiouy")


def mark_on_consonant(word: str) -> bool:
    """True when a tone mark sits on a consonant ("Miñh"): never Vietnamese, always OCR's doing."""
    decomposed = unicodedata.normalize("NFD", word)
    return any(
        c in TONE_MARKS and i and decomposed[i - 1].isalpha() and decomposed[i - 1].lower() not in _VOWEL_LETTERS
        for i, c in enumerate(decomposed)
    )


def _rhyme_ok(onset: str, rhyme: str, tone: str | None) -> bool:
    if rhyme not in RHYMES:
        return False
    if onset == "qu" and rhyme.startswith(("u", "ư", "o")):
        return False
    if onset == "gi" and rhyme.startswith(("i", "y")):
        return False
    return not (rhyme.endswith(STOP_CODAS) and tone not in ("sac", "nang"))


@lru_cache(maxsize=65536)
def parse_syllable(word: str) -> tuple[str, str, str | None] | None:
    """Return ``(onset, rhyme, tone)`` for a valid syllable, else ``None``.

    >>> parse_syllable("Nghiệp")
    ('ngh', 'iêp', 'nang')
    >>> parse_syllable("thùc") is None  # a stop coda with the huyền tone
    True
    """
    base, tone = split_tone(word.lower())
    if tone == "many" or not base or (tone and mark_on_consonant(word)):
        return None
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if onset == "gi" and rhyme == "":
            return ("g", "i", tone)  # "gì", "gỉ"
        if onset == "gi" and rhyme.startswith("ê"):
            rhyme = "i" + rhyme  # "giêng" = gi + iêng
            return (onset, rhyme, tone) if rhyme in RHYMES else None
        if _rhyme_ok(onset, rhyme, tone):
            return (onset, rhyme, tone)
    return None


def is_syllable(word: str) -> bool:
    """True when ``word`` (any case) is a valid Vietnamese syllable."""
    return parse_syllable(word) is not None
