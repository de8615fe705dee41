"""Repair of OCR-damaged Vietnamese: "Chi số" → "Chỉ số", "Kê hoạch" → "Kế hoạch".

For each syllable the candidates are the known syllables with the same letters
up to tone marks, vowel hats and đ/d (plus a few OCR letter confusions when the
syllable is unknown). A line is decoded as a whole: every candidate pays a
channel cost for what OCR would have had to do to turn it into what was read
(reading a hook as an acute accent is cheap, as the commonest Tesseract error
on this genre; changing a hat costs more), and the sequence is scored by the
bigram model of :mod:`normalize.lexicon`. A change is made only when the best
reading beats keeping the word by a margin; a weaker change is flagged for
review instead. Numbers, codes, known acronyms, Latin words and personal names
are never changed, except that a name's tone mark is put in its traditional
place; an unknown acronym misread from a known one is mended, and punctuation
that specks made is dropped first (:mod:`normalize.punctuation`).
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from normalize.dates import mend_cited_dates, mend_date_line, mend_years
from normalize.lexicon import (
    ACRONYM,
    BOUNDARY,
    CITY_KIND,
    CORPUS_WEIGHT,
    MAX_UNIT_WORDS,
    NUMBER,
    OTHER,
    PAUSE_MARKS,
    SMOOTHING,
    UNIT_KINDS,
    Lexicon,
    goes_on_after,
    lm_token,
)
from normalize.punctuation import (
    DASHES,
    JUNK_MARKS,
    dash_beside,
    mend_citation_stop,
    mend_ellipsis,
    mend_number_word,
    mend_punctuation,
)
from normalize.text import fold
from normalize.tones import place_tone, stray_mark_readings
from normalize.vietnamese import is_syllable, split_tone
from schema.records import Change as RecordChange
from schema.records import Plan, Task

DEFAULT_THRESHOLD = 0.6
"""Confidence (0–1) a change needs to be made; below it the word is flagged for review."""
MAX_CANDIDATES = 8
OPTION_CACHE_SIZE = 200_000
"""Words whose readings are remembered (a plan has a few thousand distinct words)."""
TRANSITION_CACHE_SIZE = 200_000
"""Pairs of neighbouring words whose transition scores are remembered."""
LETTER_CONFUSION_COST = 3.0
CHANGE_COST = 2.0
"""Extra cost (nats) of replacing a word that is a known syllable: OCR mostly reads right."""
INVALID_THRESHOLD = 0.2
"""A word that is no valid syllable is replaced by the best reading at this lower confidence."""
MAX_KINDS_FOR_KNOWN = 2
"""A known word is only replaced by a form that differs in at most this many kinds of mark ("quận" → "quản")."""
CONTEXT_WORDS = 3
"""Words of the neighbouring lines that ``repair_lines`` gives as context."""
ONCE_SEEN_COST = 1.0
"""Channel cost (nats) up to which words the corpus shows side by side only once may ask for a change.

The commonest misreadings ("nhằm giám" for "nhằm giảm") may rest on one sighting; a dearer one needs more.
"""
PHRASE_DOMINANCE = 4.0
"""A known word is replaced only where its replacement is this much more common beside its neighbours."""
CLASS_EVIDENCE = 0.25
"""A number or acronym beside a word ("trường 1", "ngày 12") is weaker evidence than a word."""
MIN_MENDED_ACRONYM = 4
"""Letters an unknown acronym needs before it is mended to a known one ("GCHC" → "CCHC")."""
MIN_SHORTENED_USES = 20
"""Times the corpus must write an acronym before an unknown one a letter short is taken for it ("MHS" → "CMHS")."""
MIN_LENGTHENED_ACRONYM = 6
"""Letters a known acronym needs before an unknown one a letter longer is taken for it, misread."""
MIN_CODE_CITATIONS = 5
"""Times the corpus cites a document code's kind before a code read one letter from it is mended to it."""
MIN_LATIN_EDITED = 5
"""Letters a foreign word needs before a reading one letter away from it, of any kind, is mended to it."""
RARE_WORD = 3e-5
"""A known word rarer than this ("dơ", "nhần") is no more protected than a misspelling: only the decoder decides."""
SPLIT_MIN_P = 1e-6
"""A run-together word is split only into syllables at least this common."""
MARK_DOMINANCE = 10
"""A mark between two words is a speck where the corpus writes the words together this many times more often."""
MIN_EDITED_LENGTH = 3
"""Shortest non-word given readings a letter or two away: two letters are as often an abbreviation ("Tp.")."""
MAX_EDITED_LENGTH = 8
"""Longest non-word given readings a letter or two away (no syllable has more than seven letters)."""
EDITED = "edit"
"""Internal reason of a reading a letter or two away from a non-word; audited as "letters"."""
MIN_SENTENCE_ENDS = 2
"""Times the corpus must end a sentence with a word before a word that never does may not replace it."""
MIN_LISTED = 2
"""Times the corpus must write two words with a comma between for the pair to count ("thu, chi")."""
OPEN_WORD_ENDS = 0.01
"""At most this share of a word's uses end a sentence, and it is a word no sentence ends with ("các", "với")."""
CONVENTION_SHARE = 0.7
"""Share of a column's cells that must end alike (with a full stop, or with a word) to show the plan's habit."""
FULL_STOP_SHARE = 0.9
CAPITAL_SHARE = 0.9
"""Share of a column's cells that start with a capital before a fax's cell that starts small is given one."""
"""Share of a column's cells ending with a full stop above which one ending in a word lost its full stop."""
NUMBER_WORD_SHARE = 0.15
"""Share of a word's uses the corpus writes before a number ("tháng 10", "tỷ lệ 95%") for a mark between it
and a number to be a speck."""
OPENER_SHARE = 0.02
"""Most a word may start sentences, against its uses inside one, for a capital read on it inside a sentence to be
OCR's: a cell of an interleaved scan may start inside a line ("chủ Thời gian"), but not with "và" or "cho"."""
MAX_SETTLE_PASSES = 3
"""Passes over a text's readings that put back words no phrase asks to replace (:meth:`Repairer._settle`)."""
RUNNER_UP_MARGIN = 2.0
"""Nats behind the decoder's reading of a known word that another reading may lie and still be taken, where the
phrase around asks for it and not for the decoder's (:meth:`Repairer._runner_up`)."""
LOST_HOOK_MARGIN = 2.0
"""Nats by which the decoder may prefer a word read with an acute accent over its hooked twin that its phrase asks
for (:meth:`Repairer._lost_hook`)."""
LOST_HOOK_SCORE = 0.6
"""Confidence given to such a change: the decoder alone would not make it."""
_HOOK_MISREAD: dict[str | None, str | None] = {"sac": "hoi", "hoi": None, None: "hoi"}
"""The tone OCR read → the tone printed, for the hook's three common misreadings (a hook as an acute, a hook added,
a hook lost: "Chi số" for "Chỉ số")."""
MIN_SMALL_INSIDE = 20
"""Times the corpus must write a word small inside a sentence, and never with a capital, for a capital read
there to be OCR's ("nạn Cho học sinh")."""
MIN_COLON_WORDS = 2
"""Colons the corpus writes after a word before one read after it on a coarse scan is taken as printed."""
LOW_RESOLUTION_DPI = 200
"""Pages scanned under this are coarse: their semicolons read as colons."""
READING_COST = 1.0
"""Nats added to a reading OCR weighed (:attr:`Word.readings`) that the word's own candidates lack: the
recogniser's choices find misread letters ("hoạc" for "hoạt") no confusion table lists."""
MIN_READING_COST = 0.5
"""Nats a reading OCR weighed costs at least: where the recogniser all but tied ("chí" and "chỉ" within 0.02 nats on
a 200-dpi page), the context decides as it would without the reading."""
FINE_KNOWN_READING_COST = 1.0
"""Nats a known word's readings cost more on a page of 200 dpi or more, where OCR seldom reads one known word for
another: "Bí thư Đoàn trường" stays though "trưởng" was weighed."""
MIN_TWICE_EDITED = 3
"""Letters a non-word needs before readings two letters away from it are tried ("tly" → "ủy")."""

# Channel costs (nats) of OCR turning the printed tone (first) into the read one (second).
_TONE_COST = {
    ("hoi", "sac"): 0.6,  # a hook read as an acute accent: "Tổ" → "Tố"
    ("sac", "hoi"): 1.0,
    ("hoi", None): 0.9,  # a hook lost: "Chỉ" → "Chi"
    (None, "hoi"): 1.0,
    ("sac", None): 1.1,  # "Kế" → "Kê"
    ("nga", "hoi"): 1.2,
    ("hoi", "nga"): 1.2,
    ("nga", "sac"): 1.4,
    ("nga", None): 1.3,
    ("huyen", None): 1.3,
    ("nang", None): 1.4,
    (None, "nga"): 1.6,
    (None, "sac"): 1.6,
    (None, "huyen"): 1.8,
    (None, "nang"): 1.8,
}
DEFAULT_TONE_COST = 1.8
_GLYPH_CONFUSIONS = {
    ("ằ", "ã"): 1.0,  # "hằng tuần" read "hãng tuần"
    ("ắ", "ầ"): 1.0,  # "gắn với" read "gần với"
    ("ằ", "ả"): 1.0,  # "bằng hình thức" read "bảng hình thức"
    ("ắ", "ả"): 1.0,  # "khắc phục" read "khảc phục"
}
"""Channel costs (nats) of OCR reading a printed vowel (first) as another with both its hat and tone changed: the
breve and its tone run together into one mark at scan resolution, so these are far likelier than two misreadings."""
HAT_COST = 1.3
"""A vowel's hat or horn lost or changed: "Thành phố" → "Thành phô", "tồn" → "tôn"."""
D_BAR_COST = 1.6

# Letters OCR reads for others (read, printed), as counted on the rendered samples' scans:
# "b" for "h" ("bành" for "hành"), "t" and "g" for "c", "n" and "m" for each other; on faxes
# also "d" for "q" ("duy định"), "x" and "t" for "v", and the "r" or "h" of "tr", "th" lost.
# A word the lexicon does not know may have one of them, with its marks mended too; a known word may have
# one with no mark changed.
_CONFUSIONS = (
    ("h", "n"),
    ("n", "h"),
    ("c", "e"),
    ("e", "c"),
    ("l", "i"),
    ("i", "l"),
    ("rn", "m"),
    ("m", "rn"),
    ("u", "n"),
    ("y", "v"),
    ("v", "y"),
    ("b", "h"),
    ("h", "b"),
    ("b", "r"),
    ("l", "h"),
    ("t", "c"),
    ("g", "c"),
    ("m", "n"),
    ("n", "m"),
    ("u", "o"),
    ("d", "q"),
    ("x", "v"),
    ("t", "v"),
    ("t", "tr"),
    ("t", "th"),
    ("r", "tr"),
)
_COUNT = re.compile(r"\d{1,3}")
"""A count before a rate ("02 lần/năm")."""
_GROUPED_COUNT = re.compile(r"\d{1,3}(?:\.\d{3})+")
"""A count in thousands, its digits grouped by dots ("1.560")."""
_SPECK_STOP = re.compile(r"(?<![\w.])[^\W\d_]{2,}\.$")
"""A full stop right after a word of two letters or more, not after an abbreviation ("v.v.", "Tp.HCM.")."""
_LOST_SLASHES = frozenset(["", ",", ":", "."])
"""What OCR leaves of a slash between words: nothing (a space), or a mark."""
_LOST_ONSETS = ("l", "t", "tr", "th", "n", "c", "ch", "nh", "m")
_LOST_ENDS = ("i",)
"""Letters a coarse scan loses at a short word's edge ("quản ý" for "quản lý", "heo" for "theo", "tạ" for "tại")."""
MAX_CLIPPED_LENGTH = 3
MAX_CLIPPED_P = 5e-3
"""A word commoner than this ("và", "của", "theo") is taken for no clipped form of another."""
_FINAL_CONFUSIONS = (("t", "i"), ("i", "t"))
"""Letters OCR confuses at a word's end only: a final "i" reads as "t" ("vớt" for "với", "nột") and back ("soái")."""
_SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lương đinh trịnh mai cao lâm"
    " tạ đoàn trương hà châu tô quách kiều thái văn lưu từ la".split()
)
_SCHOOL_KINDS = frozenset({"thcs", "thpt", "th", "mn", "học", "non", "thcs-thpt"})
"""The last word of a school's kind ("TRƯỜNG THCS", "TIỂU HỌC", "MẦM NON"): a school's name follows it."""
_PUNCT_SPLIT = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)
_DATE_RUN = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})(?=\d{1,2}/)")
_SENTENCE_END = set('.,;:!?)]”"')
"""Punctuation after which the context starts afresh (the corpus counts no pair across a comma either)."""
_ROUND_LETTERS = str.maketrans("GOQEĐ", "CCCCD")
"""Capitals OCR mistakes for one another in a damaged acronym ("GCHC", "CBCCVO"), and a "Đ" that lost its bar
("GDDT")."""
_LOOKALIKE_CAPITALS = str.maketrans({"Ð": "Đ", "Ø": "O"})
"""Capitals of other alphabets that OCR reads for Vietnamese ones: the Icelandic eth is "Đ"."""
_VIETNAMESE_CAPITALS = frozenset(
    unicodedata.normalize("NFC", "ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂĐÊÔƠƯ")
    + "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)
"""The capitals of Vietnamese writing: any other capital in an acronym ("ŒGCHC") is a speck."""
_COLON_AFTER_BRACKET = re.compile(r"\):(?=\s+[^\W\d_A-ZĐ]|\s+\d)")
"""A colon after a closing bracket, before a small word or a number: on a coarse scan, the semicolon it was
("(… CNTT): đưa nội dung"); no text opens a list right after a bracket."""
_DAMAGED_CODE = re.compile(r"^(\(?)(\d{1,5}(?:/\d{4})?/)([A-ZĐÐa-z]{1,6}(?:-[A-ZĐÐa-z]{1,8})+)(\W*)$")
_ACRONYM_SPAN = re.compile(r"([(\[“\"]?)([A-ZĐ][A-ZĐ&-]*[A-ZĐ])([^\w&-]*)")
"""Words of capitals, dashes and "&" run together, with an opening mark before and marks after."""
_DAY_NUMBERS = frozenset(("hai", "ba", "tư", "năm", "sáu", "bảy"))
"""After "thứ", with a capital, these name the days of the week ("thứ Hai")."""
_GLUED_RATE = re.compile(r"(\W*)([^\W\d_]+)(ư|/)([^\W\d_]+)(\W*)")
"""A rate's two words with what joins them as read: "đợưnăm" ("t/" read as "ư"), "tiế/năm"."""
_SLASHED = re.compile(r"(\W*)([^\W\d_]+)/([^\W\d_]+)(\W*)")
_SPECK_JOIN = re.compile(
    r"([^\W\d_]+)([.,;:“”\"»«<>'’‘`~]|[-.,;:“”\"»«<>'’‘`~]{2})"
    r"([A-ZĐ]{2,}(?:[-&][A-ZĐ]{2,})+|[^\W\d_]+|\d[\d/]*(?:[A-ZĐ]{1,6}(?:-[A-ZĐa-z]{1,10})+)?)"
)
"""A word, a mark or two, and a word, number or document code, with no space ("số.90/2020/NĐ-CP"); a dash alone
may join words ("kinh tế-xã hội", "Văn hóa-Xã hội")."""
_LIST_MARK = re.compile(r"^[a-zđ][).]")
_BRACKET_FOR_I = re.compile(r"^(\()([A-ZĐ]+)\](\).*)$")
"""An acronym in brackets whose last "I" OCR read as "]" ("(A])" for "(AI)")."""
_ACRONYM_THEN_WORD = re.compile(r"^([A-ZĐ]{2,}(?:[-&][A-ZĐ]{2,})+)([^\W\d_A-ZĐ][^\W\d_]*)$")
"""A dashed or "&" acronym run into the small word after it ("GD&ĐTthấm")."""
_DASHED_ACRONYM = re.compile(r"[A-ZĐ]{2,}(?:-[A-ZĐ]{2,})+")
_SPECKS_IN_ACRONYM = re.compile(r"(?<=[A-ZĐ&-])[:.(,;'’«»•·*~_]+(?=[A-ZĐ&-])")
"""Marks OCR read among the letters of an acronym: "CB-GV.NV", "CB:GV-NV"."""
_CLASSES = frozenset({NUMBER, ACRONYM})
_UNIT_KINDS = frozenset(fold(kind) for kind in UNIT_KINDS)
"""The words a unit's name follows, folded ("phuong", "xa", "quan", "huyen")."""
_CITY_KIND = tuple(fold(word) for word in CITY_KIND)
"""The two words a city's name follows, folded ("thanh", "pho")."""
_SPELLING_VARIANTS = frozenset({frozenset({"hàng", "hằng"})})
_PERIODS = frozenset({"năm", "ngày", "tháng", "quý", "tuần", "kỳ", "giờ"})
"""Before a period, words written either way ("hàng năm", "hằng năm"): neither is a misreading of the other."""
_FULL_STOPS = frozenset(".;")
"""Marks that end a sentence or a clause: the corpus counts the words before them."""
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_ONE_LOOKALIKES = frozenset("IÌlìíỉ|")
_L_LOOKALIKES = frozenset("ÌÍÏĨỈìíïĩỉ|")
"""Signs OCR reads for an "l" that begins a word: no syllable begins with an "i" and then a consonant,
so where an "l" in its place makes a syllable ("Ìý", "Ïy"), it was one."""
_L_OR_ONE = _L_LOOKALIKES | {"1"}
"""The same, and a "1" ("quản 1ý")."""
_AS_CAPITAL_I = str.maketrans({"1": "I", "|": "I", "0": "O", "Ì": "I", "Í": "I", "l": "I"})
_AS_SMALL_L = str.maketrans({"1": "l", "|": "l", "0": "o", "Ì": "l", "Í": "l", "ì": "l", "í": "l", "I": "l"})
_LETTER_LOOKALIKES = frozenset("1|0ÌÍìí")
"""Digits and signs OCR reads for "I", "l" or "O" in a foreign word or acronym ("VNe1D", "ZaÌo")."""
_ACRONYM_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
_ACRONYM_JOINERS = frozenset("-/&.")
_PLAIN_PUNCTUATION = ".,;:()[]\"'“”‘’!?-–"
_OPENING_QUOTES = frozenset("‘'")
_LABEL_WORDS = 2
"""A colon after a text's first word or two ends a label ("Số:", "Nơi nhận:"): it is never a speck."""
_SPECK_PAUSES = PAUSE_MARKS - {";"}
"""Marks between two words that may be specks; a semicolon is too heavy for one ("trách nhiệm chính; công khai")."""
_SPECK_MARKS = frozenset(":'’`")
"""Marks that stand between two words only as specks: Vietnamese writes no "a:b" nor "a'b"."""
_OPENING = set('([“"')
_COMMA = -2
"""In :meth:`Repairer._context_prefers`, a side whose neighbour lies across a comma."""


@dataclass(frozen=True)
class Change:
    """One repair: what was read, what it became, how sure, and why."""

    before: str
    after: str
    score: float
    """Confidence 0–1."""
    reason: str
    """``tone``, ``hat``, ``đ/d``, ``letters``, ``split``, ``join``, ``repeat``, ``punctuation``, ``date`` or
    ``tone placement``."""


@dataclass(frozen=True)
class Repaired:
    """A repaired text with its audit trail."""

    raw: str
    text: str
    changes: tuple[Change, ...]
    """Changes made."""
    review: tuple[Change, ...]
    """Changes proposed below the threshold, not made: the text needs a human look."""


def reading_key(word: str) -> str:
    """How a word is looked up among the readings OCR weighed: its letters and digits, NFC, in lower case."""
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFC", word)).lower()


def _variants(word: str) -> set[str]:
    """The other spellings of ``word`` ("hàng" for "hằng"), none for most words."""
    return {w for pair in _SPELLING_VARIANTS if word in pair for w in pair} - {word}


def _hook_misread(read: str, printed: str) -> bool:
    """True when ``printed`` is ``read`` with one of the hook's common misreadings undone ("chi" → "chỉ")."""
    base, tone = split_tone(read)
    return tone in _HOOK_MISREAD and split_tone(printed) == (base, _HOOK_MISREAD[tone])


def _one_letter_confused(word: str) -> Iterator[str]:
    """``word`` with one of the letters OCR confuses (``_CONFUSIONS``) put back, in each place it could be."""
    for a, b in _CONFUSIONS:
        start = word.find(a)
        while start != -1:
            yield word[:start] + b + word[start + len(a) :]
            start = word.find(a, start + 1)
    for a, b in _FINAL_CONFUSIONS:
        if word.endswith(a):
            yield word[: -len(a)] + b


def _word_pairs(tokens: list[str]) -> Iterator[tuple[int, int]]:
    """Indexes of each two neighbouring words of ``tokens`` (words and the whitespace between)."""
    words = [i for i, t in enumerate(tokens) if t and not t.isspace()]
    return zip(words, words[1:], strict=False)


def _merge(tokens: list[str], a: int, b: int, text: str) -> None:
    """Put ``text`` in place of the words at ``a`` and ``b`` and all between them."""
    tokens[a] = text
    for k in range(a + 1, b + 1):
        tokens[k] = ""


def _neighbour(words: list[str], i: int) -> str:
    """The model form of the word at ``i`` as read ("" outside the line)."""
    if not 0 <= i < len(words):
        return ""
    core = _PUNCT_SPLIT.match(words[i]).group(2)
    return place_tone(core.lower()) if core else ""


def _case_like(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _letters(syllable: str) -> str:
    """The syllable without its tone mark (hats kept)."""
    return split_tone(syllable)[0]


def _tone_cost(read_tone: str | None, printed_tone: str | None) -> float:
    """Cost (nats) of OCR reading the printed tone as ``read_tone`` (0 when they are the same)."""
    return 0.0 if read_tone == printed_tone else _TONE_COST.get((printed_tone, read_tone), DEFAULT_TONE_COST)


@lru_cache(maxsize=65536)
def channel_cost(read: str, candidate: str) -> tuple[float, str]:
    """Cost (nats) of OCR reading ``candidate`` as ``read`` (both lower case), and the kind of change."""
    if read == candidate:
        return 0.0, ""
    if len(read) == len(candidate):
        differ = [(c, r) for c, r in zip(candidate, read, strict=True) if c != r]
        if len(differ) == 1 and differ[0] in _GLYPH_CONFUSIONS:
            return _GLYPH_CONFUSIONS[differ[0]], "tone+hat"
    read_base, read_tone = split_tone(read)
    cand_base, cand_tone = split_tone(candidate)
    cost, kinds = 0.0, []
    if read_tone != cand_tone:
        cost += _tone_cost(read_tone, cand_tone)
        kinds.append("tone")
    if read_base != cand_base:
        if len(read_base) != len(cand_base):
            return cost + LETTER_CONFUSION_COST, "letters"
        for a, b in zip(read_base, cand_base, strict=True):
            if a == b:
                continue
            if {a, b} == {"d", "đ"}:
                cost += D_BAR_COST
                kinds.append("đ/d")
            elif unicodedata.normalize("NFD", a)[0] == unicodedata.normalize("NFD", b)[0]:
                cost += HAT_COST
                kinds.append("hat")
            else:
                cost += LETTER_CONFUSION_COST
                kinds.append("letters")
    return cost, "+".join(dict.fromkeys(kinds))


@dataclass
class _Slot:
    """One word of the line as the decoder sees it."""

    prefix: str
    core: str
    suffix: str
    candidates: list[tuple[str, float, str]]
    """(model symbol, channel cost, reason); a fixed word has one candidate of cost 0."""
    fixed: bool
    ends_sentence: bool


class Repairer:
    """Repairs lines of OCR'd Vietnamese with a :class:`Lexicon`."""

    def __init__(self, lexicon: Lexicon, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"repair threshold {threshold} is not between 0 and 1")
        self.lexicon = lexicon
        self.threshold = threshold
        self._option_cache: dict[str, tuple[str, list[tuple[str, float, str]]]] = {}
        self._acronym_folds: dict[str, set[str]] | None = None
        self._shortened: dict[str, set[str]] | None = None
        self._rates: tuple[set[str], set[str]] | None = None
        self._short_syllables: dict[str, list[str]] | None = None
        self._folds: list[str] | None = None
        self._latin = {w.lower() for w in lexicon.latin}
        self._transition_cache: dict[tuple[tuple[str, ...], tuple[str, ...], bool, bool, bool], list[list[float]]] = {}

    # -- splitting run-togethers ---------------------------------------------------
    def _split_word(self, word: str) -> list[str] | None:
        """Split "CCHCnăm", "kếtquả", "CHÍNHNĂM", "năm2024" when exactly one split is certain."""
        if is_syllable(word) and self.lexicon.known(place_tone(word.lower())):
            return None
        # Case and digit boundaries: "CCHCnăm", "thôngvệCCHC", "năm2024" (not "QH15", "I1").
        pieces = self._case_pieces(word)
        if len(pieces) > 1:
            out = []
            for piece in pieces:
                out.extend(self._split_word(piece) or [piece])
            digits_next_to_words = all(
                not (a.isdigit() or b.isdigit()) or (self._syllable_piece(a) or self._syllable_piece(b))
                for a, b in zip(out, out[1:], strict=False)
            )
            # A Latin small letter between capitals belongs to a name ("VNeID"); "ởUBND" still splits.
            one_letter = any(len(p) == 1 and p.isascii() and p.islower() for p in out)
            if digits_next_to_words and not one_letter and all(self._plausible(p) for p in out):
                return out
        # One case throughout: the single split into two known syllables (never a Latin
        # word, nor a well-formed syllable: "đõi" is "dõi" misread, not "đõ i").
        if word.isascii() or is_syllable(word) or self._letter_read_twice(word):
            return None
        lower = word.lower()
        splits = [[word[:i], word[i:]] for i in range(1, len(word)) if self._both_known(lower[:i], lower[i:])]
        if len(splits) > 1:  # "CHÍMINH": "chí minh" is a pair the corpus writes, "chím inh" is not
            splits = [p for p in splits if (place_tone(p[0].lower()), place_tone(p[1].lower())) in self.lexicon.bigrams]
        if len(splits) != 1:
            return None
        # A misread letter is likelier than a rare word: "yới" is "với", not "y ới".
        weakest = min(self.lexicon.p_unigram(place_tone(p.lower())) for p in splits[0])
        if any(
            self.lexicon.p_unigram(sym) > weakest
            for sym, cost, _ in self._options(lower)[1]
            if cost < 2 * LETTER_CONFUSION_COST  # a reading two letters away is no likelier than a split
        ):
            return None
        return splits[0]

    def _both_known(self, a: str, b: str) -> bool:
        """Both pieces are syllables, each common, or common once its marks are mended ("bỗ" in "bỗsung")."""
        return all(
            is_syllable(piece)
            and max(map(self.lexicon.p_unigram, [place_tone(piece), *self.lexicon.variants(piece)])) >= SPLIT_MIN_P
            for piece in (a, b)
        )

    def _case_pieces(self, word: str) -> list[str]:
        """Cut a word where its case or script changes: "CCHCnăm" → "CCHC", "năm"; "ThànhPhố" → "Thành", "Phố"."""
        runs: list[list[str]] = []
        for ch in word:
            kind = "digit" if ch.isdigit() else "upper" if ch.isupper() else "lower"
            if runs and runs[-1][0] == kind:
                runs[-1][1] += ch
            else:
                runs.append([kind, ch])
        pieces: list[str] = []
        i = 0
        while i < len(runs):
            kind, text = runs[i]
            if kind == "upper" and i + 1 < len(runs) and runs[i + 1][0] == "lower":
                lower = runs[i + 1][1]
                if len(text) == 1:
                    pieces.append(text + lower)
                else:
                    acronym = [text, lower]
                    titled = [text[:-1], text[-1] + lower]
                    pieces.extend(acronym if all(self._plausible(p) for p in acronym) else titled)
                i += 2
                continue
            pieces.append(text)
            i += 1
        return pieces

    def _syllable_piece(self, piece: str) -> bool:
        """A word of two letters or more that is a known syllable ("năm" in "năm2024")."""
        return len(piece) >= 2 and not piece.isdigit() and self.lexicon.known(place_tone(piece.lower()))

    def _plausible(self, piece: str) -> bool:
        return piece.isdigit() or (piece.isupper() and len(piece) > 1) or self.lexicon.known(place_tone(piece.lower()))

    def _known_pair(self, a: str, b: str) -> bool:
        if not (is_syllable(a) and is_syllable(b)):
            return False
        a, b = place_tone(a), place_tone(b)
        return self.lexicon.known(a) and self.lexicon.known(b) and f"{a} {b}" in self.lexicon.words

    def _presplit(self, text: str) -> tuple[str, list[Change]]:
        changes = []
        text = _DATE_RUN.sub(r"\1 ", text)
        out = []
        tokens = self._join_acronym_pieces(self._join_joined_acronyms(re.split(r"(\s+)", text), changes), changes)
        tokens = self._drop_ghost_pieces(self._drop_repeats(tokens, changes), changes)
        tokens = self._restore_lost_vowels(tokens, changes)
        tokens = self._join_split_letters(tokens, changes)
        tokens = self._restore_lost_ones(tokens, changes)
        quoted = False  # a quotation has opened: an apostrophe may close it
        for i, token in enumerate(tokens):
            if not token or token.isspace():
                out.append(token)
                continue
            code = self._mend_code(token)
            if code:
                changes.append(Change(token, code, 1.0, "letters"))
                out.append(code)
                continue
            body = token.strip(_PLAIN_PUNCTUATION)
            mended = self._mend_bracketed_i(token)
            if mended:
                changes.append(Change(token, mended, 1.0, "letters"))
                out.append(mended)
                continue
            mended = self._mend_damaged_acronym(body) or self._mend_ampersand(body) or self._mend_dashed_acronym(body)
            if mended:
                changes.append(Change(body, mended, 1.0, "letters"))
                out.append(token.replace(body, mended, 1))
                continue
            m = _PUNCT_SPLIT.match(token)
            prefix, core, suffix = m.group(1), m.group(2), m.group(3)
            head, slash, tail = core.partition("/")  # "01 Iần/quý": the first word of a rate too
            rest = head[1:]
            lookalike = head[:1] in _L_OR_ONE or (head[:1] == "I" and not is_syllable("i" + rest.lower()))
            if lookalike and rest.isalpha() and rest.islower() and is_syllable("l" + rest):
                changes.append(Change(head, "l" + rest, 1.0, "letters"))  # "quản Ìý" is "quản lý"
                core = "l" + rest + slash + tail
                token = prefix + core + suffix
            if suffix[:1] == "$" and core.isascii() and core.isalpha():
                with_s = core + ("S" if core.isupper() else "s")  # "Google Form$", "CMH$": an "s" read as "$"
                if with_s in self.lexicon.latin or with_s in self.lexicon.acronyms:
                    changes.append(Change(core + "$", with_s, 1.0, "letters"))
                    core, suffix = with_s, suffix[1:]
                    token = prefix + core + suffix
            acronym = self._mend_lookalikes(core) or self._mend_acronym(core) or self._mend_latin(core)
            if acronym:
                changes.append(Change(core, acronym, 1.0, "letters"))
                out.append(prefix + acronym + suffix)
                continue
            if core.isalnum():
                parts = self._split_word(core)
            else:  # the words around it tell a dash inside a phrase from one between two words
                before = _neighbour(tokens, i - 2) if not prefix else ""
                after = _neighbour(tokens, i + 2) if not suffix else ""
                parts = (
                    self._split_joined(core, before, after, quoted=quoted)
                    or self._split_at_speck(core)
                    or self._split_acronym_word(core)
                )
                if parts:  # a part may be two words run together as well: "quatài.khoản"
                    parts = [q for p in parts for q in (self._split_word(p) if p.isalpha() else None) or [p]]
            quoted = quoted or prefix[-1:] in _OPENING_QUOTES
            if parts:
                changes.append(Change(core, " ".join(parts), 1.0, "split"))
                out.append(prefix + " ".join(parts) + suffix)
            else:
                out.append(token)
        # after the split, which parts "lần,năm" at its speck
        return "".join(self._restore_lost_slashes(re.split(r"(\s+)", "".join(out)), changes)), changes

    def _restore_lost_vowels(self, tokens: list[str], changes: list[Change]) -> list[str]:
        """Give back the marked vowel OCR lost after a lone consonant: "là c sở xem xét" → "cơ sở".

        Only where exactly one syllable of that consonant and one vowel makes,
        with the word after it, a dictionary word the corpus uses (a speck read
        as "v" before "về" is neither "vỗ về" nor "vụ về").
        """
        for a, b in _word_pairs(tokens):
            letter, following = tokens[a], _PUNCT_SPLIT.match(tokens[b]).group(2)
            if len(letter) != 1 or letter not in _CONSONANTS or not following.isalpha():
                continue
            if self._short_syllables is None:
                short: dict[str, list[str]] = {}
                for syllable in self.lexicon.unigram:
                    if len(syllable) == 2 and syllable[0] in _CONSONANTS and is_syllable(syllable):
                        short.setdefault(syllable[0], []).append(syllable)
                self._short_syllables = short
            after = place_tone(following.lower())
            fits = [
                s
                for s in self._short_syllables.get(letter, [])
                if (s, after) in self.lexicon.attested and (s, after) in self.lexicon.compounds
            ]
            if len(fits) == 1:
                changes.append(Change(letter, fits[0], 1.0, "letters"))
                tokens[a] = fits[0]
        return tokens

    def _restore_lost_ones(self, tokens: list[str], changes: list[Change]) -> list[str]:
        """A "1" read as a letter after a word the corpus writes before its number: "Quận ì" → "Quận 1".

        Only a lone letter shaped like a "1", and only after a word written with
        a number ``MARK_DOMINANCE`` times as often as with that letter ("quý I",
        "học kỳ I" stay).
        """
        plain = self.lexicon.plain
        for a, b in _word_pairs(tokens):
            word, m = _PUNCT_SPLIT.match(tokens[a]), _PUNCT_SPLIT.match(tokens[b])
            if word.group(3) or m.group(1) or m.group(2) not in _ONE_LOOKALIKES or not word.group(2).isalpha():
                continue
            before = place_tone(word.group(2).lower())
            if plain.get((before, NUMBER), 0) >= MARK_DOMINANCE * (plain.get((before, lm_token(m.group(2))), 0) + 1):
                changes.append(Change(m.group(2), "1", 1.0, "letters"))
                tokens[b] = "1" + m.group(3)
        return tokens

    def _restore_lost_slashes(self, tokens: list[str], changes: list[Change]) -> list[str]:
        """The slash of a rate, read as a space or a mark: "02 lần năm", "01 lần, quý" → "lần/năm", "lần/quý".

        Only after a number (a bracket may open before it), and only between two words the corpus never
        writes side by side that make a rate (:meth:`_rate`).
        """
        for count, word in _word_pairs(tokens):
            if _COUNT.fullmatch(tokens[count].lstrip("(")):
                self._mend_glued_rate(tokens, word, changes)
        pairs = list(_word_pairs(tokens))
        for n, (a, b) in enumerate(pairs):
            if n == 0 or not _COUNT.fullmatch(tokens[pairs[n - 1][0]].lstrip("(")):
                continue
            first, second = _PUNCT_SPLIT.match(tokens[a]), _PUNCT_SPLIT.match(tokens[b])
            if first.group(1) or second.group(1) or first.group(3) not in _LOST_SLASHES:
                continue
            pair = (place_tone(first.group(2).lower()), place_tone(second.group(2).lower()))
            if self._rate(*pair) and not self.lexicon.plain.get(pair):
                joined = f"{first.group(2)}/{tokens[b]}"
                changes.append(Change(f"{tokens[a]} {tokens[b]}", joined, 1.0, "punctuation"))
                _merge(tokens, a, b, joined)
        return tokens

    def _mend_glued_rate(self, tokens: list[str], i: int, changes: list[Change]) -> None:
        """A rate after a count whose "t/" or "/" was read as "ư", or whose final letter was lost before the slash.

        "02 đợưnăm" → "đợt/năm", "02 lượtưnăm" → "lượt/năm", "120 tiế/năm" → "tiết/năm": only where the word
        as read is no syllable, and exactly one mended form is a rate (:meth:`_rate`); failing that, one
        with the period's marks mended too ("02 đợưnãm").
        """
        m = _GLUED_RATE.fullmatch(tokens[i])
        if not m:
            return
        prefix, unit, joint, period, suffix = m.groups()
        lower = unit.lower()
        if is_syllable(lower + joint if joint == "ư" else lower):
            return
        finals = ("t", "") if joint == "ư" else ("t", "c", "n", "m", "p")  # "t/" or the slash alone read as "ư"
        read = place_tone(period.lower())
        fits = [(f, read) for f in finals if self._rate(place_tone(lower + f), read)]
        if not fits:  # the period's marks misread too: "02 đợưnãm"
            periods = [v for v in self.lexicon.variants(read) if v != read]
            fits = [(f, v) for f in finals for v in periods if self._rate(place_tone(lower + f), v)]
        if len(fits) == 1:
            final, now = fits[0]
            mended = f"{unit}{final}/{period if now == read else _case_like(period, now)}"
            changes.append(Change(f"{unit}{joint}{period}", mended, 1.0, "letters"))
            tokens[i] = prefix + mended + suffix

    def _rate(self, count: str, period: str) -> bool:
        """True for two words of a rate, as the corpus writes them ("lần/năm").

        Joined by a slash, or each beside one: the first before a slash
        ``MIN_LISTED`` times, the second after one ("lần/quý": "lần/tháng",
        "bài/quý").
        """
        slashed = self.lexicon.slashed
        if slashed[count, period]:
            return True
        if self._rates is None:
            before: Counter[str] = Counter()
            for (a, _), n in slashed.items():
                before[a] += n
            self._rates = ({a for a, n in before.items() if n >= MIN_LISTED}, {b for _, b in slashed})
        return count in self._rates[0] and period in self._rates[1]

    def _join_split_letters(self, tokens: list[str], changes: list[Change]) -> list[str]:
        """Join a letter OCR parted from its word: "của T hành phố" → "Thành phố", "ngày l ảm việc" → "lảm".

        Only a lone letter (or a sign shaped like an "l": "quản Ì ý" → "lý"),
        before a small-letter word it makes a syllable with,
        and only where that syllable, or one that differs from it in marks,
        makes a phrase of the corpus with the word after it, and the word as
        read does not (initials, "Nguyễn T Hạnh", stay). The marks are mended
        later, in context ("lảm" → "làm").
        """
        attested = self.lexicon.attested
        pairs = list(_word_pairs(tokens))
        for n, (a, b) in enumerate(pairs):
            read, m = tokens[a], _PUNCT_SPLIT.match(tokens[b])
            rest = m.group(2)
            if len(read) != 1 or m.group(1) or not (rest.isalpha() and rest.islower()):
                continue
            after = _neighbour(tokens, pairs[n + 1][1]) if n + 1 < len(pairs) and not m.group(3) else ""
            if (place_tone(rest), after) in attested:
                continue
            letters = [read] if read.isalpha() else []
            letters += ["l"] if read in _ONE_LOOKALIKES and read != "l" else []  # "quản Ì ý" is "quản lý"
            for letter in letters:
                joined = place_tone((letter + rest).lower())
                readings = {joined, *self.lexicon.variants(joined)} if is_syllable(joined) else set()
                if any((r, after) in attested for r in readings):
                    changes.append(Change(f"{read} {rest}", letter + rest, 1.0, "join"))
                    _merge(tokens, a, b, letter + tokens[b])
                    break
        return tokens

    def _drop_repeats(self, tokens: list[str], changes: list[Change]) -> list[str]:
        """Drop a word OCR read twice ("đơn vị vị phù hợp"); a word Vietnamese doubles ("từ từ") stays."""
        for a, b in _word_pairs(tokens):
            word = tokens[a]
            if not (word.isalpha() and _PUNCT_SPLIT.match(tokens[b]).group(2) == word):
                continue
            symbol = place_tone(word.lower())
            if is_syllable(word) and (symbol, symbol) not in self.lexicon.bigrams:
                changes.append(Change(f"{word} {word}", word, 1.0, "repeat"))
                tokens[a:b] = [""] * (b - a)  # the first and the space after it
        return tokens

    def _drop_ghost_pieces(self, tokens: list[str], changes: list[Change]) -> list[str]:
        """Drop the end or start of a word OCR read again as a word of its own ("cải ăi cách", "thi th đua").

        The piece is no syllable, and its letters are the last or first ones of the word before.
        """
        for a, b in _word_pairs(tokens):
            ghost = tokens[b]
            before = _PUNCT_SPLIT.match(tokens[a])
            if not (ghost.isalpha() and ghost.islower() and len(ghost) >= 2) or before.group(3):
                continue
            word = before.group(2)
            if is_syllable(ghost) or len(word) <= len(ghost) or not is_syllable(word):
                continue
            folded, piece = fold(word), fold(ghost)
            if not (folded.endswith(piece) or folded.startswith(piece)):
                continue
            changes.append(Change(f"{word} {ghost}", word, 1.0, "repeat"))
            tokens[a + 1 : b + 1] = [""] * (b - a)  # the space before it and the ghost
        return tokens

    def _letter_read_twice(self, word: str) -> bool:
        """True when leaving out one of two neighbouring letters that fold alike leaves a known syllable.

        "QUỚỜI" is "QUỚI" with its vowel read twice, for the decoder to mend, not "QUỚ ỜI" to split.
        """
        return any(
            is_syllable(left) and self.lexicon.known(place_tone(left.lower()))
            for i in range(len(word) - 1)
            if fold(word[i]) == fold(word[i + 1])
            for left in (word[:i] + word[i + 1 :], word[: i + 1] + word[i + 2 :])
        )

    def _join_joined_acronyms(self, tokens: list[str], changes: list[Change]) -> list[str]:
        """Put together an acronym the corpus writes with dashes, OCR parted at spaces ("C B- GV-NV", "CB GV-NV").

        Two or three neighbouring words of capitals, dashes and "&" whose
        letters are those of such an acronym become it (without its dashes
        where none was read and the corpus writes it so too: "CBG VNV" →
        "CBGVNV"), as does one word, or
        two or three, where specks stand among its letters ("CB-GV.NV", "CB:
        GV-NV", "CB-( GV-NV", "CB-GV«NV").
        """
        words = [i for i, t in enumerate(tokens) if t and not t.isspace()]
        n = 0
        while n < len(words):
            for k in (3, 2, 1):
                span = words[n : n + k]
                if len(span) < k or not all(any(c.isupper() for c in tokens[i]) for i in span):
                    continue
                read = "".join(tokens[i] for i in span)
                cleaned = _SPECKS_IN_ACRONYM.sub("", read)
                if k == 1 and cleaned == read:
                    continue
                m = _ACRONYM_SPAN.fullmatch(cleaned)
                letters = m and re.sub(r"[-&]", "", m.group(2))
                form = m and self.lexicon.joined_acronyms.get(letters)
                if form and letters in self.lexicon.acronyms and not re.search(r"[-&]", cleaned):
                    form = letters  # no dash was read: "CBG VNV" is "CBGVNV", which the corpus writes too
                if not form or (k == 1 and m.group(1) + form + m.group(3) == read):
                    continue
                was = " ".join(tokens[i] for i in span)
                _merge(tokens, span[0], span[-1], m.group(1) + form + m.group(3))
                changes.append(Change(was, tokens[span[0]], 1.0, "join"))
                n += k - 1
                break
            n += 1
        return tokens

    def _join_acronym_pieces(self, tokens: list[str], changes: list[Change]) -> list[str]:
        """Join an acronym OCR broke at a space ("CC HC" → "CCHC", "(UB ND)" → "(UBND)", "CB-GV- NV").

        Both pieces are capitals ("C BCCVC"; not initials, "Nguyễn T T Hà"),
        neither of them a known acronym nor a word, and together they make a
        known acronym.
        """
        for a, b in _word_pairs(tokens):
            left, right = _PUNCT_SPLIT.match(tokens[a]), _PUNCT_SPLIT.match(tokens[b])
            pieces = (left.group(2), right.group(2))
            last, first = pieces[0].split("-")[-1], pieces[1].split("-")[0]
            dashed = (left.group(3), right.group(1)) in (("-", ""), ("", "-"))
            if dashed and {last, first} <= self.lexicon.acronyms.keys():
                changes.append(Change(f"{tokens[a]} {tokens[b]}", tokens[a] + tokens[b], 1.0, "join"))
                _merge(tokens, a, b, tokens[a] + tokens[b])  # "CB- GV-NV", "CB-GV -NV": a dash parts no name
                continue
            if left.group(3) or right.group(1) or not all(p.isalpha() and p.isupper() for p in pieces):
                continue
            if min(map(len, pieces)) < 2 and max(map(len, pieces)) < 3:
                continue  # initials: "Nguyễn T T Hà"
            joined = "".join(pieces)
            if joined in self.lexicon.acronyms and not any(
                p in self.lexicon.acronyms or is_syllable(p) for p in pieces
            ):
                changes.append(Change(" ".join(pieces), joined, 1.0, "join"))
                _merge(tokens, a, b, left.group(1) + joined + right.group(3))
        return tokens

    def _mend_acronym(self, core: str) -> str | None:
        """The corpus acronym an unknown one was misread from ("GCHC", "CBCCVO"), when exactly one fits.

        Only round letters OCR confuses are swapped (C, G, O, Q, E), only in
        acronyms of four letters or more, and a known acronym is never changed.
        A letter OCR read into a long acronym goes ("CBGVNYV" → "CBGVNV") when
        the acronym without it is a known one of ``MIN_LENGTHENED_ACRONYM``
        letters or more ("TTHCC" is no "TTHC" with a letter too many); in a
        shorter one, only a letter read twice inside it ("CMHHS" → "CMHS").
        A look-alike capital of another alphabet becomes the Vietnamese one
        ("HÐND" → "HĐND"), and is dropped where it was read beside its Vietnamese
        twin ("ÐĐVSNCL" → "ĐVSNCL"; "XIII" stays). Any other capital no
        Vietnamese text has ("ŒGCHC") is a speck and goes.
        """
        if not core.isupper() or not core.isalpha() or stray_mark_readings(core):
            return None  # a word with a mark on a consonant ("MIÑH") is a word to decode, not an acronym
        letters = []
        for i, c in enumerate(core):
            twin = c.translate(_LOOKALIKE_CAPITALS)
            if twin != c and twin in (core[i - 1 : i] + core[i + 1 : i + 2]):
                continue  # "ÐĐ": the look-alike and its twin are one letter read twice
            if twin in _VIETNAMESE_CAPITALS:
                letters.append(twin)
        mended = "".join(letters)
        if len(mended) < 2:
            return None
        known = self.lexicon.acronyms
        if len(mended) >= MIN_MENDED_ACRONYM and mended not in known and not is_syllable(mended):
            if self._acronym_folds is None:
                folds: dict[str, set[str]] = {}
                for acronym in known:
                    folds.setdefault(acronym.translate(_ROUND_LETTERS), set()).add(acronym)
                self._acronym_folds = folds
            matches = self._acronym_folds.get(mended.translate(_ROUND_LETTERS), set())
            if not matches:
                # Any letter too many in a long acronym; a letter read twice inside a shorter one ("CMHHS").
                long = len(mended) > MIN_LENGTHENED_ACRONYM
                roman = not mended.strip("IVXLCDM")  # "XIII" is a number, its letters not read twice
                shorter = {
                    mended[:i] + mended[i + 1 :]
                    for i in range(len(mended))
                    if long or (not roman and 0 < i < len(mended) - 2 and mended[i] == mended[i + 1])
                }
                matches = shorter & known.keys()
            if len(matches) == 1:
                mended = next(iter(matches))
        if len(mended) >= MIN_MENDED_ACRONYM - 1 and mended not in known and not is_syllable(mended):
            common = self._shortened_acronyms().get(mended, set())
            if len(common) == 1:  # a letter lost from a common one: "MHS", "CHC"
                mended = next(iter(common))
        return mended if mended != core else None

    def _shortened_acronyms(self) -> dict[str, set[str]]:
        """Common acronyms by each of their forms a letter short ("CMHS" under "MHS", "CHS", "CMS", "CMH").

        Common: the corpus writes them ``MIN_SHORTENED_USES`` times or more. Built once.
        """
        if self._shortened is None:
            self._shortened = {}
            for acronym, n in self.lexicon.acronyms.items():
                if n >= MIN_SHORTENED_USES and len(acronym) >= MIN_MENDED_ACRONYM:
                    for i in range(len(acronym)):
                        self._shortened.setdefault(acronym[:i] + acronym[i + 1 :], set()).add(acronym)
        return self._shortened

    def _mend_code(self, token: str) -> str | None:
        """A document code whose kind and issuer OCR misread by one letter: "118/2025/NB-CP" → "NĐ-CP".

        A part of it that is a damaged acronym is mended as one ("KH-SGDDT" → "KH-SGDĐT").

        Only a kind the corpus never cites, with one letter changed from a kind
        it cites at least ``MIN_CODE_CITATIONS`` times (the national ones; a
        school's own code, "KH-THCSMĐ", is cited too rarely to be one) and
        ``PHRASE_DOMINANCE`` times as often as any other that close ("ND-CP" is
        "NĐ-CP", cited far more than "NQ-CP").
        """
        m = _DAMAGED_CODE.match(token)
        if not m or m.group(3) in self.lexicon.code_kinds:
            return None
        read = m.group(3)
        parts = [part if "Ð" in part else self._mend_acronym(part) or part for part in read.split("-")]
        if "-".join(parts) != read:  # an issuer's "Đ" read without its bar: "KH-SGDDT"
            return m.group(1) + m.group(2) + "-".join(parts) + m.group(4)
        close = sorted(
            (
                (n, kind)
                for kind, n in self.lexicon.code_kinds.items()
                if len(kind) == len(read) and Levenshtein.distance(kind, read) == 1
            ),
            reverse=True,
        )
        if not close or close[0][0] < MIN_CODE_CITATIONS:
            return None
        if len(close) > 1 and close[0][0] < PHRASE_DOMINANCE * close[1][0]:
            return None
        return m.group(1) + m.group(2) + close[0][1] + m.group(4)

    def _mend_damaged_acronym(self, body: str) -> str | None:
        """The one known acronym a damaged one is a letter away from: "CCH€", "@CHC", "UỖND" → "CCHC", "UBND".

        Damaged means it holds a sign no acronym has (a symbol, a small letter,
        a toned capital); the acronyms tried have ``MIN_MENDED_ACRONYM`` letters.
        """
        if len(body) < MIN_MENDED_ACRONYM - 1 or sum(c in _ACRONYM_LETTERS for c in body) < 2:
            return None
        damage = [c for c in body if c not in _ACRONYM_LETTERS]
        if not damage or any(c in _ACRONYM_JOINERS or c in JUNK_MARKS or c.isdigit() for c in damage):
            return None  # "GV-NV", "PGD&ĐT" and "QH15" are sound; "CCHC›" loses its speck elsewhere
        if body[0].isalpha() and not body[0].isupper():
            return None
        if body.isalpha() and (body.istitle() or is_syllable(body)):
            return None  # a word, however damaged
        fits = [
            a
            for a in self.lexicon.acronyms
            if len(a) >= MIN_MENDED_ACRONYM and abs(len(a) - len(body)) <= 1 and Levenshtein.distance(a, body) == 1
        ]
        return fits[0] if len(fits) == 1 else None

    @staticmethod
    def _mend_bracketed_i(token: str) -> str | None:
        """Capitals in brackets whose last "I" OCR read as "]": "(A])" → "(AI)"; no text closes a bracket twice."""
        m = _BRACKET_FOR_I.match(token)
        return m.group(1) + m.group(2) + "I" + m.group(3) if m else None

    def _mend_dashed_acronym(self, body: str) -> str | None:
        """The one acronym the corpus writes with dashes that a dashed one was misread from by its round letters.

        "GB-GV-NV" → "CB-GV-NV": a form the corpus never writes, whose dashes
        stand where the known one's do, and whose letters differ only by the
        round capitals OCR confuses (C, G, O, Q, E); or, in a long one, by a
        letter too many ("CB-GV-NYV").
        """
        forms = set(self.lexicon.joined_acronyms.values())
        if not _DASHED_ACRONYM.fullmatch(body) or body in self.lexicon.acronyms or body in forms:
            return None
        folded = body.translate(_ROUND_LETTERS)
        fits = [form for form in forms if form.translate(_ROUND_LETTERS) == folded]
        if not fits and len(body.replace("-", "")) > MIN_LENGTHENED_ACRONYM:  # a letter read into it: "CB-GV-NYV"
            shorter = {body[:i] + body[i + 1 :] for i in range(len(body)) if body[i] != "-"}
            fits = sorted(shorter & forms)
        return fits[0] if len(fits) == 1 else None

    def _mend_ampersand(self, body: str) -> str | None:
        """The known "&" acronym ``body`` is one extra letter or one lost bar (D → Đ) away from: "GDK&ĐT" → "GD&ĐT".

        Not where its letters make a known acronym ("PGD&ĐT" is "PGDĐT").
        """
        letters = body.replace("&", "", 1)
        if body.count("&") != 1 or not letters.isalpha() or not letters.isupper() or letters in self.lexicon.acronyms:
            return None
        joined = self.lexicon.joined_acronyms  # by their letters alone: "GDĐT" → "GD&ĐT"
        if joined.get(letters) == body:
            return None
        near = {letters[:i] + letters[i + 1 :] for i in range(len(letters))}
        near |= {letters[:i] + "Đ" + letters[i + 1 :] for i, c in enumerate(letters) if c == "D"}
        fits = {joined[n] for n in near if "&" in joined.get(n, "")}
        return fits.pop() if len(fits) == 1 else None

    def _mend_lookalikes(self, core: str) -> str | None:
        """A foreign word or acronym of the corpus with a digit or sign read for a letter ("VNe1D", "ZaÌo")."""
        if (
            len(core) < 3
            or not any(c in _LETTER_LOOKALIKES for c in core)
            or not any(c.isalpha() and c not in _LETTER_LOOKALIKES for c in core)  # a number ("100")
            or is_syllable(core.lower())
        ):
            return None
        for table in (_AS_CAPITAL_I, _AS_SMALL_L):
            mended = core.translate(table)
            if mended.isalpha() and (mended in self.lexicon.latin or mended in self.lexicon.acronyms):
                return mended
        return None

    def _brand_misread(self, core: str) -> bool:
        """True for a misread brand in its mixed case, a letter from a foreign word the corpus knows ("VNeD").

        It is no Vietnamese word to repair, though it may be a letter from more
        than one ("VNeID", "vnEdu"), so no reading of it is sure.
        """
        if not core.isascii() or core.isupper() or sum(map(str.isupper, core)) < 2:
            return False
        lower = core.lower()
        return any(Levenshtein.distance(w, lower) <= 1 for w in self._latin if len(w) >= MIN_LATIN_EDITED - 1)

    def _mend_latin(self, core: str) -> str | None:
        """The corpus's foreign word an unknown one was misread from ("Googlc Mcet", "PAR Tndex").

        One letter OCR confuses (``_CONFUSIONS``) in a word of three letters or
        more; or any one letter, added, lost or changed, in a word of four or
        more ("ndex", "ìndex") whose reading has five. Only where exactly one
        known word fits; a Latin word the corpus knows, or one no confusion
        explains, is left as it is.
        """
        latin = self.lexicon.latin
        if len(core) < 3 or not core.isalpha() or core.lower() in self._latin or is_syllable(core):
            return None
        fits = {altered for altered in _one_letter_confused(core) if altered in latin} if core.isascii() else set()
        if not fits and len(core) >= MIN_LATIN_EDITED - 1:
            lower = core.lower()
            fits = {w for w in latin if len(w) >= MIN_LATIN_EDITED and Levenshtein.distance(w.lower(), lower) == 1}
        return fits.pop() if len(fits) == 1 else None

    def _split_joined(self, core: str, before: str = "", after: str = "", *, quoted: bool = False) -> list[str] | None:
        """Words OCR joined through a speck: "nâng-cao", "năm-2024", "Quận.1" (not "GV-NV", "Q.1").

        A comma stays ("quý,6" → "quý, 6"), as does a colon that lost its space
        ("Lưu:VT" → "Lưu: VT") and, in ``quoted`` text, a closing quotation mark;
        a dash or dot between words, an apostrophe, or a colon inside a damaged
        word ("quy:dịnh") was a speck. A loanword keeps its dash ("pa-nô").
        """
        m = re.fullmatch(r"(\d+|[^\W\d_]*\d[\w/-]*[\dA-ZĐ])[-.]([^\W\d_]{2,})", core)
        if m and m.group(2).islower() and self.lexicon.known(place_tone(m.group(2))):
            return [m.group(1), m.group(2)]  # a number or code joined to a word: "1.đa", "73/2023/NĐ-CP-ngày"
        m = re.fullmatch(r"([^\W\d_]{2,})-(\d[\d/.]*(?:/[A-ZĐ][\w-]*)?)", core)
        if m and not m.group(1).isupper() and self._before_numbers(place_tone(m.group(1).lower())):
            return [m.group(1), m.group(2)]  # a word that leads into a number, dashed to it: "số-59/2023/NĐ-CP"
        m = re.fullmatch(r"([^\W\d_]{2,})(\d+(?:\.\d+)+)", core)
        if m and m.group(1).islower() and self.lexicon.known(place_tone(m.group(1))):
            return [m.group(1), m.group(2)]  # a word joined to a section number: "quy5.1"
        pieces = core.split("-")
        if len(pieces) > 2 and all(p.isalpha() and p.islower() for p in pieces) and not core.isascii():
            return None if core in self.lexicon.dashed else pieces  # "sở-cho-phù"; "ka-ra-ô-kê" is a loanword
        m = re.fullmatch(r"([^\W\d_]+)([-.·,:'’`])([^\W\d_]+|\d+)", core)
        if not m:
            return None
        a, sep, b = m.group(1), m.group(2), m.group(3)
        lower_pair = a.islower() and b.islower() and not (a + b).isascii()
        loanword = sep == "-" and f"{a}-{b}".lower() in self.lexicon.dashed  # "pa-nô", "vi-rút", "mô-đun"
        if sep in ".·" and lower_pair and all(len(p) > 1 or not p.isascii() for p in (a, b)):
            return [a, b]  # Vietnamese words, however damaged, are not joined by a dot ("nầng.caó", "lãy.ý")
        if sep in ".·" and (a.islower() and is_syllable(a) or a.lower() in self._latin) and b.isupper() and len(b) > 1:
            return [a, b]  # nor a word and an acronym ("của.CMTE", "Zalo.OA")
        if sep == "-" and lower_pair and not (is_syllable(a) and is_syllable(b)) and not loanword:
            return [a, b]  # nor, where one is damaged, by a dash ("gìữa-nhà", "với-pbần")
        if sep == "-" and not loanword and self._dashed_pair_damaged(a, b):
            return [a, b]
        if sep in _SPECK_MARKS:  # no Vietnamese word holds one: "cải'cách", "trình'CCHC", "quy:dịnh"
            first = place_tone(a.lower())
            if not (is_syllable(a) and self.lexicon.known(first) and (b.isupper() and len(b) > 1 or is_syllable(b))):
                return None
            if sep in "'’" and quoted:
                return [a + sep, b]  # the end of a quotation: "‘An toàn’và"
            if sep == ":":  # a colon inside a word ("hành:chính", "quy:dịnh") goes; one that lost its space stays
                right = place_tone(b.lower())
                readings = [right] if self.lexicon.known(right) else self.lexicon.variants(right)
                inside = any((first, v) in self.lexicon.compounds for v in readings)
                return [a, b] if inside else [a + ":", b]
            return [a, b]
        if sep == ",":
            a_known = self.lexicon.known(place_tone(a.lower()))
            return [a + ",", b] if a_known and (b.isdigit() or self.lexicon.known(place_tone(b.lower()))) else None
        first = place_tone(a.lower())
        readings = [first, *self.lexicon.variants(first)] if is_syllable(a) else []
        if not any(map(self.lexicon.known, readings)) or (a.isupper() and len(a) > 1):
            return None  # a word, or one its marks mended make ("gản-kết", "nám.2020")
        if b.isdigit():
            return [a, b] if any(self.lexicon.bigrams.get((r, NUMBER), 0) for r in readings) else None
        if b.isupper():
            return None
        if loanword:
            return None
        if b.islower() and is_syllable(b) and self.lexicon.known(place_tone(b)):
            if sep != "-" or (a.islower() and not self._joins_two_words(before, first, place_tone(b), after)):
                return [a, b]  # words are not written joined by a dot, nor by a dash inside a phrase
        return [a, b] if self._known_pair(a.lower(), b.lower()) else None

    def _before_numbers(self, word: str) -> bool:
        """True for a word the corpus often writes before a number ("số", "ngày", "tháng")."""
        lex = self.lexicon
        return lex.plain.get((word, NUMBER), 0) >= max(1.0, NUMBER_WORD_SHARE * lex.goes_on[word])

    def _dashed_pair_damaged(self, a: str, b: str) -> bool:
        """True for two Vietnamese words a dash joins that no text joins so ("được-giái", "hop-Hội").

        A dash joins known words: of two syllables ("kinh tế-xã hội", "Văn
        hóa-Xã hội"), subjects ("tổ Văn-sử") and a loanword's syllables
        ("mô-đun", which the caller keeps); a pair where either is damaged is two
        words a speck joined.
        """
        words = []
        for w in (a, b):
            lower = w.lower()
            if (w.isupper() and len(w) > 1) or not (is_syllable(lower) or self.lexicon.variants(lower)):
                return False  # an acronym or no Vietnamese word
            words.append(self.lexicon.known(place_tone(lower)) and is_syllable(lower))
        return not all(words)

    def _part_slashed(self, pieces: list[str]) -> list[str]:
        """Two Vietnamese words joined by a slash ("buổi/ngày", "lớp/nhóm") become two pieces, for decoding.

        An empty piece stands for the space they lack, so joining the pieces gives back the text.
        """
        out: list[str] = []
        for piece in pieces:
            m = _SLASHED.fullmatch(piece)
            if m and self._vietnamese_word(m.group(2)) and self._vietnamese_word(m.group(3)):
                out += [m.group(1) + m.group(2) + "/", "", m.group(3) + m.group(4)]
            else:
                out.append(piece)
        return out

    def _split_at_speck(self, core: str) -> list[str] | None:
        """A Vietnamese word and the next one joined by specks ("tren.Cơ", "về“phòng", "ngày.30/12/2024").

        Clean text never joins a Vietnamese word to the next without a space
        (codes, acronyms, addresses and loanwords are no such word). A comma,
        semicolon, colon or full stop stays on the first word, for the speck
        rules to judge, as does a quotation mark that closes there; one that
        opens stays on the second word; any other mark goes.
        """
        m = _SPECK_JOIN.fullmatch(core)
        if not m:
            return None
        a, marks, b = m.group(1), m.group(2), m.group(3)
        joined = b in self.lexicon.joined_acronyms.values()  # "Cử.CB-GV-NV"
        if not self._vietnamese_word(a) or not (b[0].isdigit() or joined or self._vietnamese_word(b)):
            return None
        if f"{a}-{b}".lower() in self.lexicon.dashed:
            return None
        if joined:  # no acronym starts a sentence without a space before it: "Cử.CB-GV-NV" ("hiệu,GV-NV" is typed)
            return [a, b] if marks in ".·" else None
        ends, opens = "", ""
        for k, c in enumerate(marks):
            if c in PAUSE_MARKS or c == "”" or c == '"' and k == 0:
                ends += c  # "phố\".gần": the quotation closes on the word before
            elif c in '“"':
                opens += c
        return [a + ends, opens + b]

    def _split_acronym_word(self, core: str) -> list[str] | None:
        """A dashed or "&" acronym the corpus writes, run into the small word after it: "GD&ĐTthấm" → "GD&ĐT thấm"."""
        m = _ACRONYM_THEN_WORD.fullmatch(core)
        if not m or m.group(1) not in self.lexicon.joined_acronyms.values() or not is_syllable(m.group(2)):
            return None
        return [m.group(1), m.group(2)]

    def _vietnamese_word(self, word: str) -> bool:
        """A word of Vietnamese letters, not an acronym: a syllable with a mark, or one the lexicon knows with some."""
        lower = word.lower()
        return (
            not (word.isupper() and len(word) > 1)
            and is_syllable(lower)
            and (not word.isascii() or self.lexicon.known(place_tone(lower)) or bool(self.lexicon.variants(lower)))
        )

    def _damaged_in_capitals(self, core: str, words: list[str], i: int) -> bool:
        """True for a word in capitals that is no acronym but a syllable that lost its marks, among capital syllables.

        In a heading set in capitals ("ỦY BAN NHÂN DÂN PHƯỜNG BẢY HIEN"), a
        word that is no syllable as read but one once marked ("HIỀN"), that
        the corpus never writes as an acronym, beside a word in capitals that
        is a syllable, is a damaged word, not an acronym.
        """
        if core in self.lexicon.acronyms or not (self.lexicon.variants(core.lower()) or self._letter_read_twice(core)):
            return False
        for k in (i - 1, i + 1):
            if 0 <= k < len(words):
                near = _PUNCT_SPLIT.match(words[k]).group(2)
                if len(near) > 1 and near.isupper() and near.isalpha() and is_syllable(near.lower()):
                    return True
        return False

    def _joins_two_words(self, before: str, a: str, b: str, after: str) -> bool:
        """True for a dash between two words of two syllables each: "kinh tế-xã hội" keeps its dash."""
        compounds = self.lexicon.compounds
        return (before, a) in compounds and (b, after) in compounds

    # -- decoding -----------------------------------------------------------------
    def _slots(
        self, words: list[str], readings: Mapping[str, Sequence[tuple[str, float]]], *, coarse: bool = False
    ) -> list[_Slot]:
        slots = []
        name_run = 0
        for i, token in enumerate(words):
            m = _PUNCT_SPLIT.match(token)
            prefix, core, suffix = m.group(1), m.group(2), m.group(3)
            ends = any(c in _SENTENCE_END for c in suffix)
            if slots and any(c in _OPENING for c in prefix):
                slots[-1] = replace(slots[-1], ends_sentence=True)  # "(cụ thể": a bracket starts afresh
            lower = core.lower()
            title = core[:1].isupper() and core[1:].islower()
            if title and lower in _SURNAMES and i + 1 < len(words) and words[i + 1][:1].isupper():
                name_run = 4
            elif core.isupper() and lower in _SURNAMES and _neighbour(words, i - 1) in _SCHOOL_KINDS:
                name_run, title = 1, True  # a school named after a person, in capitals: "TRƯỜNG THCS TRƯƠNG CÔNG ĐỊNH"
            elif not title:
                name_run = 0
            symbol = lm_token(core) if core else OTHER
            if symbol == ACRONYM and self._damaged_in_capitals(core, words, i):
                symbol = OTHER
            repairable = (
                core
                and core.isalpha()
                and symbol not in (ACRONYM, NUMBER, BOUNDARY)
                and not name_run
                and not (core.isascii() and not is_syllable(core) and lower in self._latin)  # Latin words stay
                and not self._brand_misread(core)
            )
            if not repairable:
                candidates = [(symbol if core else BOUNDARY, 0.0, "")]
                if not core:
                    ends = True
                slots.append(_Slot(prefix, core, suffix, candidates, True, ends))
                name_run = max(0, name_run - 1)
                continue
            candidates = self._candidates(lower, _neighbour(words, i - 1), _neighbour(words, i + 1))
            weighed = readings.get(reading_key(core)) if readings else None
            if weighed:
                candidates = self._weigh_readings(lower, candidates, weighed, coarse=coarse)
            if candidates:
                slots.append(_Slot(prefix, core, suffix, candidates, False, ends))
            else:  # no reading at all: leave it as read
                slots.append(_Slot(prefix, core, suffix, [(OTHER, 0.0, "")], True, ends))
        return slots

    def _weigh_readings(
        self,
        lower: str,
        candidates: list[tuple[str, float, str]],
        weighed: Sequence[tuple[str, float]],
        *,
        coarse: bool,
    ) -> list[tuple[str, float, str]]:
        """The candidates, with what OCR weighed for the word.

        A reading it weighed costs no more than OCR's own doubt about it, a known
        word's too; a known word it weighed that no rule offered is added at that
        cost plus ``READING_COST``. On a fine scan (not ``coarse``) a known word's
        readings cost ``FINE_KNOWN_READING_COST`` more.
        """
        read = place_tone(lower)
        costs: dict[str, float] = {}
        for reading, doubt in weighed:
            cost = max(doubt, MIN_READING_COST)
            placed = place_tone(reading)
            if placed != read and cost < costs.get(placed, math.inf):
                costs[placed] = cost
        if not coarse and self.lexicon.known(read):
            costs = {sym: cost + FINE_KNOWN_READING_COST for sym, cost in costs.items()}
        out = [(sym, min(cost, costs.get(sym, cost)), reason) for sym, cost, reason in candidates]
        offered = {sym for sym, _, _ in out}
        out += [
            (sym, cost + READING_COST, channel_cost(read, sym)[1])
            for sym, cost in costs.items()
            if sym not in offered and self.lexicon.known(sym)
        ]
        return out

    def _candidates(self, lower: str, before: str = "", after: str = "") -> list[tuple[str, float, str]]:
        """The readings worth decoding: cheapest first, and always those that make a phrase with a neighbour."""
        read, options = self._options(lower)
        bigrams = self.lexicon.bigrams
        phrases = [o for o in options if (before, o[0]) in bigrams or (o[0], after) in bigrams]
        keep = phrases + [o for o in options if o not in phrases]
        keep = keep[:MAX_CANDIDATES]
        if not any(sym == read for sym, _, _ in keep):
            keep += [o for o in options if o[0] == read]
        return keep

    def _options(self, lower: str) -> tuple[str, list[tuple[str, float, str]]]:
        """Every reading of a word with its channel cost, cheapest (with the unigram) first; memoised."""
        cached = self._option_cache.get(lower)
        if cached is not None:
            return cached
        read = place_tone(lower)
        options: dict[str, tuple[float, str]] = {}
        # OCR reads most words right: replacing a word that is itself a known
        # syllable costs more than mending one that cannot be right.
        known = self.lexicon.known(read)
        base = CHANGE_COST if known else 0.0
        if is_syllable(read):
            options[read] = (0.0, "")
        for cand in self.lexicon.variants(read):
            cost, reason = channel_cost(read, cand)
            if known and reason.count("+") >= MAX_KINDS_FOR_KNOWN:
                continue  # OCR damages one or two marks of a word, not three
            options.setdefault(cand, (base + cost, reason))
        altered_forms = list(_one_letter_confused(read))
        if len(read) <= MAX_CLIPPED_LENGTH and self.lexicon.p_unigram(read) < MAX_CLIPPED_P:
            # A short word may be a longer one that lost a letter at its edge: "tạ" for "tại".
            altered_forms += [onset + read for onset in _LOST_ONSETS] + [read + end for end in _LOST_ENDS]
        for altered in altered_forms:
            for cand in self.lexicon.variants(altered):
                cost, reason = channel_cost(altered, cand)
                if not (known and reason):  # a known word: the letter alone, no mark besides
                    options.setdefault(cand, (base + cost + LETTER_CONFUSION_COST, "letters"))
        if not is_syllable(read) and MIN_EDITED_LENGTH <= len(read) <= MAX_EDITED_LENGTH:
            for cand, edits in self._edits_away(read, twice=not options):
                options.setdefault(cand, (edits * LETTER_CONFUSION_COST + self._mark_cost(read, cand), EDITED))
        ranked = sorted(options.items(), key=lambda kv: kv[1][0] - math.log(self.lexicon.p_unigram(kv[0])))
        result = (read, [(sym, cost, reason) for sym, (cost, reason) in ranked])
        if len(self._option_cache) < OPTION_CACHE_SIZE:
            self._option_cache[lower] = result
        return result

    def _edits_away(self, read: str, *, twice: bool) -> Iterator[tuple[str, int]]:
        """Known syllables a letter or two away from a word that is none ("khaf", "thieo", "tly"), and how far.

        Letters are compared folded; a letter no Vietnamese word has ("ä", "ø",
        "f") is just a letter that differs. Two letters only when ``twice`` (no
        reading differs from it in marks alone: "cầp" is "cấp", not "là") and
        for a word of ``MIN_TWICE_EDITED`` letters or more.
        """
        if self._folds is None:
            self._folds = list(self.lexicon.by_fold)
        folded = fold(read)
        most = 2 if twice and len(folded) >= MIN_TWICE_EDITED else 1
        for key, edits, _ in process.extract(
            folded, self._folds, scorer=Levenshtein.distance, score_cutoff=most, limit=None
        ):
            if edits:
                yield from ((cand, edits) for cand in self.lexicon.by_fold[key])

    @staticmethod
    def _mark_cost(read: str, candidate: str) -> float:
        """The channel cost of the marks alone: the tone, and each hat or bar the reading lacks."""
        cost = _tone_cost(split_tone(read)[1], split_tone(candidate)[1])
        read_letters = _letters(read)
        for ch in _letters(candidate):
            if not ch.isascii() and ch not in read_letters:
                cost += D_BAR_COST if ch == "đ" else HAT_COST
        return cost

    def _transitions(self, prev: _Slot, nxt: _Slot, across: bool) -> list[list[float]]:
        """Log P(b | a) for every candidate a of ``prev`` (rows) and b of ``nxt`` (columns); memoised.

        ``across`` is a pair that joins the text to a line around it.
        """
        left = tuple(a for a, _, _ in prev.candidates)
        right = tuple(b for b, _, _ in nxt.candidates)
        comma = prev.suffix == ","
        key = (left, right, prev.ends_sentence, across, comma)
        cached = self._transition_cache.get(key)
        if cached is not None:
            return cached
        logp = self.lexicon.logp
        if prev.ends_sentence and comma:  # a list goes on after a comma: "các khoản thu, chi"
            matrix = [self._after_comma(a, right) for a in left]
        elif prev.ends_sentence:  # the context starts afresh after a full stop or a bracket
            ends = [logp(a, BOUNDARY) for a in left]
            starts = [logp(BOUNDARY, b) for b in right]
            matrix = [[e + st for st in starts] for e in ends]
        else:
            matrix = [self._row_between(a, right, across) for a in left]
        if len(self._transition_cache) < TRANSITION_CACHE_SIZE:
            self._transition_cache[key] = matrix
        return matrix

    def _after_comma(self, a: str, right: tuple[str, ...]) -> list[float]:
        """Log P(b | a and a comma) for each reading b of the next word.

        Each b is as likely as at a sentence's start, except that one the
        corpus lists after ``a`` is raised over the others ("thu, chi" over
        "thu, chỉ"). The raise only tells the readings of the next word
        apart: a list says what follows a word, not what the word before a
        comma was ("chi đao, điều hành" is no "chỉ đạo" for it).
        """
        lex = self.lexicon
        fresh = [math.log(lex.p_unigram(b)) for b in right]
        raised = []
        for b, f in zip(right, fresh, strict=True):
            listed = CORPUS_WEIGHT * self._listed((a, ",", b))
            lifted = math.log(listed / (CORPUS_WEIGHT * lex.before_mark[a, ","] + SMOOTHING)) if listed else f
            raised.append(max(0.0, lifted - f))
        top = max(raised)
        return [f + r - top for f, r in zip(fresh, raised, strict=True)]

    def _listed(self, triple: tuple[str, str, str]) -> int:
        """Times the corpus writes two words with a mark between, if at least ``MIN_LISTED``: once is chance."""
        n = self.lexicon.marked.get(triple, 0)
        return n if n >= MIN_LISTED else 0

    def _row_between(self, a: str, right: tuple[str, ...], across: bool) -> list[float]:
        """Log P(b | a) for each b of ``right``; across lines, a number or acronym is weak evidence for a word.

        "Hiệu trường" above a deadline "31/12/2025" of the next column is no
        "trường 1": that transition keeps ``CLASS_EVIDENCE`` of its pull.
        """
        row = self.lexicon.logp_row(a, right)
        if across and (a in _CLASSES or not _CLASSES.isdisjoint(right)):
            for k, b in enumerate(right):
                if a in _CLASSES or b in _CLASSES:
                    base = math.log(self.lexicon.p_unigram(b))
                    row[k] = base + CLASS_EVIDENCE * (row[k] - base)
        return row

    def _decode(self, slots: list[_Slot], own: list[bool]) -> tuple[list[int], list[list[float]]]:
        """Best candidate index per slot, and each candidate's best total score with it fixed.

        Forward and backward max-sum passes over the candidate lattice; each pair
        of neighbouring slots' transition scores is computed once and used by both.
        """
        logp = self.lexicon.logp
        n = len(slots)
        costs = [[c for _, c, _ in slot.candidates] for slot in slots]
        trans = [self._transitions(slots[i], slots[i + 1], not (own[i] and own[i + 1])) for i in range(n - 1)]
        fwd = [[logp(BOUNDARY, sym) - cost for sym, cost, _ in slots[0].candidates]]
        add, sub = operator.add, operator.sub
        for i in range(1, n):
            prev, columns = fwd[-1], zip(*trans[i - 1], strict=True)
            fwd.append([max(map(add, prev, column)) - cost for column, cost in zip(columns, costs[i], strict=True)])
        bwd: list[list[float]] = [[]] * n
        bwd[-1] = [logp(sym, BOUNDARY) for sym, _, _ in slots[-1].candidates]
        for i in range(n - 2, -1, -1):
            after = [c - b for c, b in zip(costs[i + 1], bwd[i + 1], strict=True)]
            bwd[i] = [max(map(sub, row, after)) for row in trans[i]]
        totals = [[f + b for f, b in zip(fwd[i], bwd[i], strict=True)] for i in range(n)]
        best = [max(range(len(t)), key=t.__getitem__) for t in totals]
        return best, totals

    # -- the public entry -----------------------------------------------------------
    def repair(
        self,
        text: str | None,
        before: str = "",
        after: str = "",
        *,
        whole: bool = True,
        coarse: bool = False,
        readings: Mapping[str, Sequence[tuple[str, float]]] | None = None,
    ) -> Repaired:
        """Repair one text (a cell, a header fact, a line); whitespace between kept words is kept.

        ``before`` and ``after`` are the text around it (the end of the line above,
        the start of the line below): they inform the choice but are not repaired.
        ``whole`` says the text is complete (a cell), not one line of a longer
        text, so a quotation mark with no partner in it is a speck. ``coarse``
        says it was read from a page under 200 dpi, where a semicolon reads as
        a colon (:meth:`_coarse_colon`). ``readings`` are the other readings OCR
        weighed for its words, by :func:`reading_key` (:meth:`_weigh_readings`).
        """
        if not text:
            return Repaired(text or "", text or "", (), ())
        raw = unicodedata.normalize("NFC", text)
        work, changes = self._presplit(raw)
        ellipsis = mend_ellipsis(work)
        changes += [Change(was, now, 1.0, "punctuation") for was, now in _changed_words(work, ellipsis)]
        work, marks = mend_punctuation(ellipsis, whole=whole)
        mended = [Change(was, now, 1.0, "punctuation") for was, now in marks]
        fixes: list[tuple[Callable[[str], str], str]] = [
            (lambda t: mend_years(mend_cited_dates(mend_date_line(t))), "date"),
            (mend_number_word, "citation"),
        ]
        if coarse:
            fixes.append((lambda t: _COLON_AFTER_BRACKET.sub(");", t), "punctuation"))
        fixes.append((lambda t: mend_citation_stop(t, coarse=coarse), "punctuation"))
        for fix, reason in fixes:
            fixed = fix(work)
            if fixed != work:
                mended += [Change(was, now, 1.0, reason) for was, now in _changed_words(work, fixed)]
                work = fixed
        changes += mended
        left = re.split(r"(\s+)", self._presplit(unicodedata.normalize("NFC", before))[0]) + [" "] if before else []
        right = [" "] + re.split(r"(\s+)", self._presplit(unicodedata.normalize("NFC", after))[0]) if after else []
        pieces = left + self._part_slashed(re.split(r"(\s+)", work)) + right
        owned = range(len(left), len(pieces) - len(right))
        # Dashes between words ("tinh - gọn - mạnh") are skipped, so the words keep their context;
        # before a capital, a dash starts a new item.
        word_idx = [i for i, p in enumerate(pieces) if p and not p.isspace() and p not in DASHES]
        if not any(i in owned for i in word_idx):
            return Repaired(raw, work, tuple(changes), ())
        slots = self._slots([pieces[i] for i in word_idx], readings or {}, coarse=coarse)
        for n, (a, b) in enumerate(zip(word_idx, word_idx[1:], strict=False)):
            if slots[n + 1].core[:1].isupper() and any(p in DASHES for p in pieces[a + 1 : b]):
                slots[n] = replace(slots[n], ends_sentence=True)  # "Hiệu trưởng - Trưởng ban": a new item
        own = [j in owned for j in word_idx]
        specks = self._pause_specks(slots, own, coarse=coarse)
        best, totals = self._decode(slots, own)
        for s_index, mark in specks:
            decoded = [
                slots[k].candidates[best[k]][0] if 0 <= k < len(slots) else BOUNDARY
                for k in range(s_index - 1, s_index + 3)
            ]
            if s_index == 0 or slots[s_index - 1].ends_sentence:
                decoded[0] = BOUNDARY
            if slots[s_index + 1].ends_sentence:
                decoded[3] = BOUNDARY
            # one word further on each side: the word that may hold a neighbour ("ban hành quyết")
            far_left = (
                slots[s_index - 2].candidates[best[s_index - 2]][0]
                if s_index >= 2 and decoded[0] != BOUNDARY and not slots[s_index - 2].ends_sentence
                else BOUNDARY
            )
            far_right = (
                slots[s_index + 3].candidates[best[s_index + 3]][0]
                if s_index + 3 < len(slots) and decoded[3] != BOUNDARY and not slots[s_index + 2].ends_sentence
                else BOUNDARY
            )
            slot, i = slots[s_index], word_idx[s_index]
            if mark == "." and self._mid_sentence_stop(replace(slot, suffix=mark), slots[s_index + 1]):
                kept = "" if self._stop_is_speck(decoded[1], decoded[2]) else ","
            elif mark == "." and self._open_word(decoded[1], decoded[0]):
                kept = ""  # "các. Phó Hiệu trưởng": no sentence ends with "các"
            elif mark in ",;" and self._leads_on(decoded[0], decoded[1]):
                kept = ""  # "CB-GV-NV và, học sinh": no mark follows "và"
            elif mark == ":" and coarse:
                kept = mark if s_index < _LABEL_WORDS else self._coarse_colon(decoded[1], decoded[2])
            elif self._pause_is_speck(
                decoded[1],
                decoded[2],
                mark,
                decoded[0],
                decoded[3],
                label=s_index < _LABEL_WORDS,
                far=(far_left, far_right),
            ):
                kept = ""
            else:
                slots[s_index] = replace(slot, suffix=mark)
                continue
            if kept != mark:
                changes.append(Change(slot.core + mark, slot.core + kept, 1.0, "punctuation"))
            pieces[i] = slot.prefix + slot.core + kept
            slots[s_index] = replace(slot, suffix=kept, ends_sentence=bool(kept))
        self._drop_dashes_in_words(pieces, word_idx, slots, best, own, changes)
        best = self._settle(slots, best, totals, own)
        review: list[Change] = []

        def keep_as_read(i: int, slot: _Slot, placed: str) -> None:
            """Keep the word as read, its tone in the traditional place (``placed``)."""
            if placed != slot.core:
                changes.append(Change(slot.core, placed, 1.0, "tone placement"))
                pieces[i] = slot.prefix + placed + slot.suffix

        for s_index, (i, slot) in enumerate(zip(word_idx, slots, strict=True)):
            if i not in owned:
                continue
            if slot.fixed:
                keep_as_read(i, slot, self._place_name_tone(slot))
                continue
            choice = best[s_index]
            sym, _, reason = slot.candidates[choice]
            read = place_tone(slot.core.lower())
            keep = next((k for k, (c, _, _) in enumerate(slot.candidates) if c == read), None)
            hook = self._lost_hook(slots, best, totals[s_index], s_index, own) if sym == read else None
            if hook is not None:
                change = Change(slot.core, _case_like(slot.core, hook), LOST_HOOK_SCORE, "tone")
                if LOST_HOOK_SCORE >= self.threshold:
                    changes.append(change)
                    pieces[i] = slot.prefix + change.after + slot.suffix
                else:
                    review.append(change)
                continue
            if sym == read:
                keep_as_read(i, slot, _case_like(slot.core, read))
                continue
            protected = self.lexicon.p_unigram(read) >= RARE_WORD
            if protected and not self._context_prefers(slots, best, s_index, sym, read, own):
                # A real word is replaced only where a known phrase asks for it ("đến Cống Dịch vụ" asks for
                # "cổng", not for "công", which the decoder chose); its tone still goes in place.
                runner_up = self._runner_up(slots, best, totals[s_index], s_index, read, own)
                if runner_up is None:
                    keep_as_read(i, slot, _case_like(slot.core, read))
                    continue
                choice = runner_up
                sym, _, reason = slot.candidates[choice]
            if (reason == EDITED or slot.core.isascii() and not is_syllable(read)) and not self._in_phrase(
                slots, best, s_index, own
            ):
                continue  # a non-word far from any reading, or a Latin word, changes only into a phrase
            scores = totals[s_index]
            if keep is not None:  # spelling variants are one word: their odds add up ("hằng ngày", "hàng ngày")
                twins = (_variants(sym) | {sym}) - {read}
                odds = [sc for (c, _, _), sc in zip(slot.candidates, scores, strict=True) if c in twins]
                top = max(odds)
                margin = top + math.log(sum(math.exp(o - top) for o in odds)) - scores[keep]
            else:
                others = sorted(scores, reverse=True)
                margin = others[0] - others[1] if len(others) > 1 else 5.0
            confidence = round(1.0 - math.exp(-max(0.0, margin)), 3)
            if protected and keep is not None and _hook_misread(read, sym):
                confidence = max(confidence, LOST_HOOK_SCORE)  # as for a hook the decoder kept: its phrase asked
            after = _case_like(slot.core, sym)
            change = Change(slot.core, after, confidence, "letters" if reason == EDITED else reason or "tone")
            if confidence >= (self.threshold if keep is not None else INVALID_THRESHOLD):
                changes.append(change)
                pieces[i] = slot.prefix + after + slot.suffix
            else:
                review.append(change)
                keep_as_read(i, slot, _case_like(slot.core, read) if is_syllable(read) else slot.core)
        self._lower_stray_capitals(pieces, word_idx, slots, own, changes, coarse=coarse)
        repaired = self._mend_unit_names("".join(pieces[owned.start : owned.stop]), changes)
        return Repaired(raw, repaired, tuple(changes), tuple(review))

    def _mend_unit_names(self, text: str, changes: list[Change]) -> str:
        """A ward's, commune's or district's name the corpus knows, its marks misread: "Phường Bảy Hiển" → "Hiền".

        After "phường", "xã", "quận", "huyện" or "thành phố" (marks aside: "PHƯƠNG"), the
        longest run of up to ``MAX_UNIT_WORDS`` capitalised words that folds to
        the name of one known unit takes that name's marks, in the case it was
        read in. The word before it is left to the decoder: "cơ quan" is no "quận".
        """
        tokens = re.split(r"(\s+)", text)
        words = [k for k, t in enumerate(tokens) if t and not t.isspace()]
        for n, k in enumerate(words):
            kind = _PUNCT_SPLIT.match(tokens[k])
            city = n > 0 and (fold(tokens[words[n - 1]]), fold(kind.group(2))) == _CITY_KIND
            if kind.group(3) or (fold(kind.group(2)) not in _UNIT_KINDS and not city):
                continue
            for size in range(min(MAX_UNIT_WORDS, len(words) - n - 1), 0, -1):
                run = [_PUNCT_SPLIT.match(tokens[j]) for j in words[n + 1 : n + 1 + size]]
                cores = [m.group(2) for m in run]
                if any(m.group(1) for m in run) or any(m.group(3) for m in run[:-1]):
                    continue
                if not all(c.isalpha() and c[:1].isupper() for c in cores):
                    continue
                name = self.lexicon.units.get(fold(" ".join(cores)))
                if name is None:
                    continue
                mended = list(zip(words[n + 1 : n + 1 + size], run, name.lower().split(), strict=True))
                if not city and self._names_a_unit(kind.group(2), tokens[words[n - 1]] if n else ""):
                    kind_now = next(k for k in UNIT_KINDS if fold(k) == fold(kind.group(2)))
                    mended.append((k, kind, kind_now))  # "Xà Đông Thạnh" is a commune's
                for j, m, now in mended:
                    core = m.group(2)
                    if core.lower() != now:
                        after = _case_like(core, now)
                        changes.append(Change(core, after, 1.0, channel_cost(core.lower(), now)[1] or "tone"))
                        tokens[j] = m.group(1) + after + m.group(3)
                break
        return "".join(tokens)

    def _names_a_unit(self, kind: str, before: str) -> bool:
        """True for a unit's kind in capitals ("Xà", "PHUỜNG") that makes no word with the one before ("Cơ Quan")."""
        if not kind[:1].isupper():
            return False
        before = _PUNCT_SPLIT.match(before).group(2).lower() if before else ""
        return not any((before, k) in self.lexicon.compounds for k in UNIT_KINDS | {kind.lower()})

    def _settle(self, slots: list[_Slot], best: list[int], totals: list[list[float]], own: list[bool]) -> list[int]:
        """The decoder's readings, with each real word that no phrase asks to replace put back as read.

        A phrase is judged by the neighbours' final readings, so this repeats
        until none moves: in "về thu chí, bán trú" only the decoder's "chỉ"
        asked for "thủ"; once "chí" is back, "thu" stays, and the next pass
        finds "thu chi". After ``MAX_SETTLE_PASSES`` passes the readings stand as the last pass left them.
        """
        decoded, best = best, list(best)
        for _ in range(MAX_SETTLE_PASSES):
            moved = False
            for s, slot in enumerate(slots):
                read = place_tone(slot.core.lower())
                if slot.fixed or not own[s] or slot.candidates[decoded[s]][0] == read:
                    continue
                keep = next((k for k, (c, _, _) in enumerate(slot.candidates) if c == read), None)
                if keep is None or self.lexicon.p_unigram(read) < RARE_WORD:
                    continue
                was, best[s] = best[s], decoded[s]
                if not self._context_prefers(slots, best, s, slot.candidates[best[s]][0], read, own):
                    runner_up = self._runner_up(slots, best, totals[s], s, read, own)
                    best[s] = keep if runner_up is None else runner_up
                moved |= best[s] != was
            if not moved:
                break
        return best

    def _runner_up(
        self, slots: list[_Slot], best: list[int], scores: list[float], i: int, read: str, own: list[bool]
    ) -> int | None:
        """Where the decoder's reading of a known word finds no phrase to ask for it, the next reading that does.

        Only readings within ``RUNNER_UP_MARGIN`` of the decoder's and ahead of
        the word as read, best first. A spelling variant of the decoder's
        reading scores as it does: "hàng ngày" and "hằng ngày" are one phrase
        ("thông báo hãng ngày" → "hằng ngày", the corpus's spelling).
        """
        top = scores[best[i]]
        chosen = slots[i].candidates[best[i]][0]
        twins = _variants(chosen)
        score = [top if c in twins else sc for (c, _, _), sc in zip(slots[i].candidates, scores, strict=True)]
        ranked = sorted(range(len(score)), key=lambda k: -score[k])
        kept = next((score[k] for k in ranked if slots[i].candidates[k][0] == read), float("-inf"))
        for k in ranked:
            cand = slots[i].candidates[k][0]
            if k == best[i] or cand == read:
                continue
            if top - score[k] > RUNNER_UP_MARGIN or score[k] <= kept:
                return None
            if self._context_prefers(slots, best, i, cand, read, own):
                return k
        return None

    def _lost_hook(
        self, slots: list[_Slot], best: list[int], scores: list[float], i: int, own: list[bool]
    ) -> str | None:
        """The hooked word OCR misread (an acute, a hook added or lost), kept by the decoder but asked for by a phrase.

        ("dục, số theo dõi" → "sổ theo dõi".) A hook is read as an acute accent
        on about one hooked word in five of a scan,
        the commonest misreading by far; a hook read where none was printed is
        given back the same way ("quán triệt tỉnh thần" → "tinh thần"), and so
        is a hook lost ("thành phần Chi số" → "Chỉ số"), unless the corpus
        prints the word between its neighbours as read. After a comma the decoder weighs the
        word alone, where the commoner word wins ("số" over "sổ"); the phrase
        after it then decides, within ``LOST_HOOK_MARGIN`` of the kept reading.
        """
        slot = slots[i]
        read = slot.candidates[best[i]][0]
        base, tone = split_tone(read)
        if tone not in _HOOK_MISREAD or (tone is None and self._printed_as_read(slots, best, i)):
            return None
        for k, (cand, _, reason) in enumerate(slot.candidates):
            if reason != "tone" or split_tone(cand) != (base, _HOOK_MISREAD[tone]):
                continue
            if scores[best[i]] - scores[k] <= LOST_HOOK_MARGIN and self._context_prefers(
                slots, best, i, cand, read, own
            ):
                return cand
        return None

    def _printed_as_read(self, slots: list[_Slot], best: list[int], i: int) -> bool:
        """True when the corpus writes word ``i`` between its neighbours just as they were read."""
        if not 0 < i < len(slots) - 1 or slots[i - 1].ends_sentence or slots[i].ends_sentence:
            return False
        before, word, after = (slots[j].candidates[best[j]][0] for j in (i - 1, i, i + 1))
        return self._trigram_seen(before, word, after, left=True)  # "before word after" in a row

    def _lower_stray_capitals(
        self,
        pieces: list[str],
        word_idx: list[int],
        slots: list[_Slot],
        own: list[bool],
        changes: list[Change],
        *,
        coarse: bool = False,
    ) -> None:
        """Write small a capital OCR put inside a sentence on a word the corpus always writes small.

        Tesseract reads a small letter under a tall mark as a capital ("lòng của
        CMHS Và người dân", "nạn Cho học sinh"). Only a word after a small word
        with nothing between, or right after "(", is judged; a capital word
        before another, or after a name it may end ("Tổ Mẫu giáo Lớn"), any
        word the corpus writes with a capital inside a sentence ("Sở GD&ĐT"),
        and any word that often opens one, keep theirs: the cells of an
        interleaved scan start inside its lines ("chủ Thời gian"). On a
        ``coarse`` scan, whose capitals inside sentences are many, an opener
        is lowered too ("triển khai Ít nhất").

        A word that ends a dictionary word with the small word before it is
        judged even so ("cơ Sở vật chất", "cụ thể Hóa"), where the corpus
        writes that pair small more often than with a capital ("của Thành
        phố" keeps its capital) and the word small more often than not, and
        unless it starts another word with the one after it ("tổ Mẫu giáo")
        or names a day ("thứ Hai"). A syllable in capitals that starts a word
        with the small one after it ("Và SỬ dụng") is written small first, as
        is one between small words, not in brackets, that the corpus writes
        small and hardly ever with a capital ("hồ SƠ trực tuyến", "công VIỆC.";
        "(AI)", "mạng LAN" stay).
        """
        lex = self.lexicon
        lowered_at: set[int] = set()
        for s in range(len(slots) - 1, 0, -1):
            slot, prev = slots[s], slots[s - 1]
            core = slot.core
            if not (own[s] and own[s - 1]) or prev.suffix or len(core) < 2:
                continue
            i = word_idx[s]
            start = len(slot.prefix)
            now = pieces[i][start : start + len(core)]  # as repaired: "Jiệu" is "Liệu" by now
            symbol = place_tone(now.lower())
            following = self._repaired(pieces, word_idx, s + 1)
            in_name = s >= 2 and not slots[s - 2].ends_sentence and slots[s - 2].core[:1].isupper()
            after_word = not (prev.ends_sentence or slot.prefix or in_name) and goes_on_after(prev.core)
            if core.isupper() and not slot.suffix and (symbol, following) in lex.compounds:
                if prev.ends_sentence or prev.core.isupper() or core in lex.acronyms or not slots[s + 1].core.islower():
                    continue  # a heading in capitals, or a sentence's first word
            elif core.isupper():  # "hồ SƠ trực tuyến", "công VIỆC.": between small words, a common word
                last = s + 1 == len(slots)
                if not (
                    after_word
                    and prev.core.islower()
                    and (last or (slot.suffix[:1] != ")" and slots[s + 1].core[:1].islower()))
                    and slot.prefix[-1:] != "("
                    and core not in lex.acronyms
                    and lex.small_inside[symbol] >= MIN_SMALL_INSIDE
                    and lex.capital_inside[symbol] <= OPENER_SHARE * lex.small_inside[symbol]
                ):
                    continue
            elif not (slot.prefix == "(" or after_word) or not (core[0].isupper() and core[1:].islower()):
                continue
            elif s + 1 < len(slots) and s + 1 not in lowered_at and slots[s + 1].core[:1].isupper() and not slot.suffix:
                continue
            before = self._repaired(pieces, word_idx, s - 1)
            small = lex.small_inside[symbol]
            joins = (
                (before, symbol) in lex.compounds
                and lex.small_after[before, symbol] > lex.capital_after[before, symbol]
                and (symbol, following) not in lex.compounds
                and small > lex.capital_inside[symbol]
                and not (before == "thứ" and symbol in _DAY_NUMBERS)
            )
            opens = lex.plain[BOUNDARY, symbol]
            if not core.isupper() and not joins:
                opener = opens > OPENER_SHARE * small and not coarse
                if lex.capital_inside[symbol] or small < MIN_SMALL_INSIDE or opener:
                    continue
                if any(lex.capital_inside[v] > OPENER_SHARE * small for v in lex.variants(symbol)):
                    continue  # the capital may be a damaged name's: "Chí sẽ CCHC" for "Chỉ số"
            lowered = now.lower() if core.isupper() else now[0].lower() + now[1:]
            changes.append(Change(now, lowered, 1.0, "case"))
            pieces[i] = pieces[i][:start] + lowered + pieces[i][start + len(core) :]
            lowered_at.add(s)

    @staticmethod
    def _repaired(pieces: list[str], word_idx: list[int], s: int) -> str:
        """The model's symbol for the ``s``-th word as repaired so far (``BOUNDARY`` past the end)."""
        if not 0 <= s < len(word_idx):
            return BOUNDARY
        return place_tone(_PUNCT_SPLIT.match(pieces[word_idx[s]]).group(2).lower())

    def _drop_dashes_in_words(
        self,
        pieces: list[str],
        word_idx: list[int],
        slots: list[_Slot],
        best: list[int],
        own: list[bool],
        changes: list[Change],
    ) -> None:
        """Drop a dash read between the two syllables of one word ("phân - tích", "tổng -hợp", "nghĩa- vụ").

        The word must be one of the dictionary the corpus writes side by side
        more often than with a mark or dash between ("thu - chi", "thu, chi"
        stay), not a loanword written with its dash ("mô-đun"), and not two
        words that each belong to another word around them.
        """
        lex = self.lexicon
        for n in range(len(slots) - 1):
            slot, nxt = slots[n], slots[n + 1]
            i, j = word_idx[n], word_idx[n + 1]
            between = [p for p in pieces[i + 1 : j] if p and not p.isspace()]
            attached = slot.suffix in DASHES and not nxt.prefix or nxt.prefix in DASHES and not slot.suffix
            if not (own[n] and own[n + 1]) or not (
                attached
                and not between
                or len(between) == 1
                and between[0] in DASHES
                and not slot.suffix
                and not nxt.prefix
            ):
                continue
            if not (slot.core.isalpha() and nxt.core.isalpha() and nxt.core[:1].islower()):
                continue
            if dash_beside(pieces, i, -1) or dash_beside(pieces, j, 1):
                continue  # a run of items: "tinh - gọn - mạnh"
            a, b = slots[n].candidates[best[n]][0], slots[n + 1].candidates[best[n + 1]][0]
            before = slots[n - 1].candidates[best[n - 1]][0] if n > 0 and not slots[n - 1].ends_sentence else ""
            after = slots[n + 2].candidates[best[n + 2]][0] if n + 2 < len(slots) and not nxt.ends_sentence else ""
            if (
                (a, b) not in lex.compounds
                or lex.plain.get((a, b), 0) <= lex.apart[a, b]
                or f"{a}-{b}" in lex.dashed
                or ((before, a) in lex.compounds and (b, after) in lex.compounds)
            ):
                continue
            was = "".join(pieces[i : j + 1])
            pieces[i] = pieces[i].removesuffix(slot.suffix) if attached and slot.suffix else pieces[i]
            pieces[j] = pieces[j].removeprefix(nxt.prefix) if attached and nxt.prefix else pieces[j]
            space = pieces[i + 1]
            for k in range(i + 1, j):
                pieces[k] = ""
            pieces[i + 1] = space if space.isspace() else " "
            changes.append(Change(was, "".join(pieces[i : j + 1]), 1.0, "punctuation"))
            slots[n] = replace(slot, suffix="") if attached and slot.suffix else slot
            slots[n + 1] = replace(nxt, prefix="") if attached and nxt.prefix else nxt

    def _in_phrase(self, slots: list[_Slot], best: list[int], i: int, own: list[bool]) -> bool:
        """True when the word decoded at ``i`` makes a phrase of the corpus with a decoded neighbour in the text."""
        word = slots[i].candidates[best[i]][0]
        attested = self.lexicon.attested
        if i > 0 and own[i - 1] and not slots[i - 1].ends_sentence:
            if (slots[i - 1].candidates[best[i - 1]][0], word) in attested:
                return True
        if i + 1 < len(slots) and own[i + 1] and not slots[i].ends_sentence:
            if (word, slots[i + 1].candidates[best[i + 1]][0]) in attested:
                return True
        return False

    def _pause_specks(self, slots: list[_Slot], own: list[bool], *, coarse: bool = False) -> list[tuple[int, str]]:
        """Marks between two words that may be specks, taken out of the slots for decoding.

        A speck read as a comma, colon or full stop breaks a word in
        two ("hạn, chế", "hiệu: quả") or a date ("tháng: 10"). The mark is taken
        out when some reading of the two words would make it one; once decoded,
        :meth:`_pause_is_speck` decides, and a mark that stays goes back.
        """
        specks = []
        for i in range(len(slots) - 1):
            slot, nxt = slots[i], slots[i + 1]
            mark = slot.suffix
            if not (own[i] and own[i + 1]) or mark not in PAUSE_MARKS or nxt.prefix:
                continue
            if _GROUPED_COUNT.fullmatch(nxt.core):
                continue  # "quy mô 42 lớp, 1.560 học sinh": a count in thousands starts an item of its own
            counted = i > 0 and not slots[i - 1].ends_sentence  # "ít nhất 01. lần"; not a list's "10. rà soát"
            if not slot.core.isalpha() and not (mark == "." and counted and _COUNT.fullmatch(slot.core)):
                continue
            prev = place_tone(slots[i - 1].core.lower()) if i and not slots[i - 1].ends_sentence else BOUNDARY
            leads_on = mark in ",;" and self._leads_on(prev, place_tone(slot.core.lower()))
            if mark not in _SPECK_PAUSES and not leads_on:
                continue
            before = BOUNDARY if i == 0 or slots[i - 1].ends_sentence else OTHER  # decoded later
            if (
                leads_on
                or self._mid_sentence_stop(slot, nxt)
                or self._stop_after_open_word(slot, nxt, prev)
                or (coarse and mark == ":" and nxt.core[:1].isalpha())
                or any(
                    self._pause_is_speck(a, b, mark, before, label=i < _LABEL_WORDS)
                    for a, _, _ in slot.candidates
                    for b, _, _ in nxt.candidates
                )
            ):
                slots[i] = replace(slot, suffix="", ends_sentence=False)
                specks.append((i, mark))
        return specks

    def _mid_sentence_stop(self, slot: _Slot, nxt: _Slot) -> bool:
        """A full stop after a word and before a lower-case word ("đội. ngũ", "nhiệm vụ. thời hạn", "BGH. tổ").

        A sentence starts with a capital, so the mark is a speck or a misread
        comma; :meth:`_stop_is_speck` tells which. The word is Vietnamese, or
        an acronym or Latin word the corpus knows ("BGH", "email"), or a count
        of two or three digits ("01. lần/năm"); other
        abbreviations ("Tp.", "vv.") are no words, and a list goes on after its
        mark ("nhiệm vụ. a) Tổ chức").
        """
        core = slot.core
        known = core in self.lexicon.acronyms or core in self.lexicon.latin or core.lower() in self.lexicon.latin
        known |= bool(_COUNT.fullmatch(core)) and not slot.prefix  # "ít nhất 01. lần/năm", after a word
        return (
            slot.suffix == "."
            and len(core) >= 2
            and (known or not core.isupper() and (is_syllable(core.lower()) or not core.isascii()))
            and nxt.core[:1].isalpha()
            and nxt.core[:1].islower()
            and not _LIST_MARK.match(nxt.core + nxt.suffix)
        )

    def _stop_after_open_word(self, slot: _Slot, nxt: _Slot, before: str) -> bool:
        """A full stop after a word no sentence ends with, before a capital or a number ("các. Phó Hiệu trưởng")."""
        return (
            slot.suffix == "."
            and not nxt.prefix
            and (nxt.core[:1].isupper() or nxt.core[:1].isdigit())
            and self._open_word(place_tone(slot.core.lower()), before)
        )

    def _leads_on(self, before: str, word: str) -> bool:
        """True when a comma or semicolon after ``word`` is a speck: no mark follows "và", "các", "của".

        The corpus writes such a word often, and a mark or a sentence's end
        after it at most ``OPEN_WORD_ENDS`` of the time. Not where it ends a
        word with the one ``before`` it: the corpus writes "cải cách" before
        "hành chính", but "cải cách, đưa" is right. As for :meth:`_open_word`,
        the sentences it ends as the last syllable of a dictionary word do not
        count ("kèm theo." says nothing of "việc theo, Nghị định").
        """
        lex = self.lexicon
        if (before, word) in lex.compounds:
            return False
        ends = lex.plain[word, BOUNDARY] - lex.ends_in_word[word]
        return self._rarely_followed(word, ends + sum(lex.before_mark[word, m] for m in PAUSE_MARKS))

    def _open_word(self, word: str, before: str) -> bool:
        """True when the corpus writes ``word`` often and at most ``OPEN_WORD_ENDS`` of the time at a sentence's end.

        Such a word leads into what follows ("các", "với", "cho", "vào"): a
        full stop after it is a speck. Where it does not end a dictionary word
        with the one ``before`` it, the sentences it ends as the last syllable
        of one do not count: "kèm theo." ends a sentence, "trường theo." none.
        """
        lex = self.lexicon
        ends = lex.plain[word, BOUNDARY]
        if (before, word) not in lex.compounds:
            ends -= lex.ends_in_word[word]
        return self._rarely_followed(word, ends)

    def _rarely_followed(self, word: str, stops: int) -> bool:
        """True when ``stops`` (ends, or marks, after ``word``) are at most ``OPEN_WORD_ENDS`` of its uses."""
        return (stops + 1) / (self.lexicon.goes_on[word] + stops + 2) <= OPEN_WORD_ENDS

    def _stop_is_speck(self, a: str, b: str) -> bool:
        """True when a full stop read inside a sentence between ``a`` and ``b`` is a speck, not a comma.

        It is a speck where the two words belong together (one dictionary word,
        or a pair of the corpus) and the corpus writes them side by side at least
        as often as with a comma between ("bồi. dưỡng", "dạy. thêm"); otherwise it
        is the comma the sentence had ("kế toán. thư viện"). After a count it is a
        speck where the corpus writes the count before the word ``MARK_DOMINANCE``
        times as often as with a comma ("01. lần/năm").
        """
        lex = self.lexicon
        if a == NUMBER:  # "01. lần/năm": a count goes on to what it counts
            return lex.plain.get((a, b), 0) >= MARK_DOMINANCE * (lex.marked.get((a, ",", b), 0) + 1)
        if (a, b) not in lex.compounds and (a, b) not in lex.attested:
            return False
        return lex.plain.get((a, b), 0) >= lex.marked.get((a, ",", b), 0)

    def _trigram_seen(self, far: str, near: str, word: str, left: bool) -> bool:
        """True when the corpus writes ``far``, ``near`` and ``word`` in a row ("cổng thông tin").

        ``near`` neighbours ``word``; ``far`` lies beyond it, on the left or on the right.
        """
        if left:
            return word in self.lexicon.after_pair.get((far, near), ())
        return word in self.lexicon.before_pair.get((near, far), ())

    def _takes_neighbour(self, beyond: str, near: str, left: bool, n: int, further: str) -> bool:
        """True when ``beyond`` makes another word with ``near`` ("lợi ích"), at least as common as ``n``.

        ``beyond`` lies past ``near`` (on the left when ``left``), and
        ``further`` past ``beyond``. A word held by its own other neighbour
        takes nothing: in "tổng số học sinh", "học" goes with "sinh", so the
        dictionary's "số học" leaves "số" to "tổng".
        """
        lex = self.lexicon
        rival = (beyond, near) if left else (near, beyond)
        strength = lex.bigrams.get(rival, 0)
        if not (rival in lex.compounds or rival in lex.attested) or strength < n:
            return False
        own = (further, beyond) if left else (beyond, further)
        return not (own in lex.compounds and lex.bigrams.get(own, 0) > strength)

    def _only_in_another_word(
        self, pair: tuple[str, str], left: bool, slots: list[_Slot], best: list[int], i: int
    ) -> bool:
        """True when the corpus writes ``pair`` only where the word at ``i`` makes another word beyond it.

        "giảm tài" is written only in "giảm tài sản": where the word after
        "tài" is not "sản", the pair is no evidence for it.
        """
        word, j = (pair[1], i + 1) if left else (pair[0], i - 1)
        if not 0 <= j < len(slots) or slots[min(i, j)].ends_sentence:
            return False
        seen = (self.lexicon.after_pair if left else self.lexicon.before_pair).get(pair, set())
        beyond = slots[j].candidates[best[j]][0]
        others = [(word, c) if left else (c, word) for c in seen if c != beyond]
        return bool(seen) and beyond not in seen and all(o in self.lexicon.compounds for o in others)

    def _coarse_colon(self, a: str, b: str) -> str:
        """What a colon read between two words of a coarse scan was: ":", a speck (""), or ";".

        Under 200 dpi Tesseract reads most semicolons as colons. A colon stays
        after a word the corpus writes one after ("gồm:", "sau:"); where the two
        words go together, as one dictionary word or a pair of the corpus, it
        was a speck; elsewhere it was a semicolon ("Chính phủ: lập hồ sơ").
        """
        lex = self.lexicon
        if lex.before_mark[a, ":"] >= MIN_COLON_WORDS:
            return ":"
        if (a, b) in lex.compounds or lex.plain.get((a, b), 0):
            return ""
        return ";"

    def _pause_is_speck(
        self,
        a: str,
        b: str,
        mark: str,
        before: str = BOUNDARY,
        after: str = BOUNDARY,
        *,
        label: bool = False,
        far: tuple[str, str] = (BOUNDARY, BOUNDARY),
    ) -> bool:
        """True when ``a`` and ``b`` make one word, which the corpus writes far more often than with ``mark``.

        One word: two syllables of a dictionary word ("hạn chế"), unless each
        belongs to another word around it ("Phân công, bố trí"; not where that
        word's other syllable is itself held by the word beyond, ``far``: in
        "ban hành quyết, định phân công", "hành" goes with "ban"), or ``a`` ends
        a word the corpus writes more often than ``a b`` ("làm việc, làm căn
        cứ", not "người làm: việc"), or a word and
        its number ("tháng 10"; not in a list of like items, "6 tháng, 9 tháng").
        Far more often: ``MARK_DOMINANCE`` times, so a pair the corpus hardly
        uses proves nothing ("6 tháng, năm"). A colon in a ``label`` ("Số:
        45/KH-THCS") is no speck.
        """
        lex = self.lexicon
        if mark == ":" and label:
            return False  # a label's colon: "Số: 45/KH-THCS", "Thời gian: hằng tháng"
        if b == NUMBER:
            if a in _CLASSES or a == BOUNDARY or after == a:
                return False  # "6 tháng, 9 tháng": a list of like items
            if not self._before_numbers(a):
                return False  # "02 giáo viên, 01 nhân viên": "viên" is seldom written before a number
        elif (
            (a, b) not in lex.compounds
            or self._held(before, a, far[0])
            and ((b, after) in lex.compounds and (after, far[1]) not in lex.compounds or self._stronger(before, a, b))
        ):
            return False
        return lex.plain.get((a, b), 0) >= MARK_DOMINANCE * (lex.marked.get((a, mark, b), 0) + 1)

    def _held(self, left: str, right: str, beyond: str) -> bool:
        """True when ``left right`` is a dictionary word and ``left`` is not taken by the word ``beyond`` it."""
        compounds = self.lexicon.compounds
        return (left, right) in compounds and (beyond, left) not in compounds

    def _stronger(self, before: str, a: str, b: str) -> bool:
        """True when the corpus writes ``before a`` more often than ``a b``: ``a`` ends the word before it."""
        plain = self.lexicon.plain
        return plain.get((before, a), 0) > plain.get((a, b), 0)

    def _context_prefers(
        self, slots: list[_Slot], best: list[int], i: int, chosen: str, read: str, own: list[bool]
    ) -> bool:
        """True when ``chosen`` forms known phrases with its neighbours (as decoded) far more often than ``read``.

        Both "hàng năm" and "hằng năm" are right: before a period neither is turned into the other.
        The neighbours in the text itself count first. The words of the lines
        around it may be another column ("Ghi chú" over "Nhiệm vụ" is no "chủ
        nhiệm"), so they count only for a word that makes no phrase where it
        stands ("của Chủ tịch Uy" / "ban nhân dân"). A neighbour that forms a
        dictionary word with its other neighbour belongs to that word, not to a
        rival word the corpus never shows: in "vì lợi ích", "lợi" goes with
        "ích", so the dictionary's "vị lợi" says nothing (while "cổng thông tin"
        and "cơ quan chủ trì", both phrases of the corpus, still count).
        Each side weighs on its own: in "Quy chế chỉ tiêu", "chi tiêu" and "chỉ
        tiêu" are both phrases, so the left side ("chế chi") decides. At the end
        of a sentence, a word the corpus ends sentences with is not replaced by
        one it never ends a sentence with ("cấp quận." is no "cấp quản.").
        """
        following = slots[i + 1].candidates[best[i + 1]][0] if i + 1 < len(slots) else ""
        if frozenset({chosen, read}) in _SPELLING_VARIANTS and following in _PERIODS:
            return False  # "hàng quý" and "hằng quý" are both right; "ngân hằng" is not
        sides: list[tuple[int, int]] = []  # (neighbour, the word beyond it, or _COMMA across a comma)
        if i > 0 and not slots[i - 1].ends_sentence:
            sides.append((i - 1, i - 2 if i > 1 and not slots[i - 2].ends_sentence else -1))
        elif i > 0 and slots[i - 1].suffix == ",":
            sides.append((i - 1, _COMMA))  # "các khoản thu, chi": a list goes on (a word before one ends it)
        if i + 1 < len(slots) and not slots[i].ends_sentence:
            beyond = i + 2 if i + 2 < len(slots) and not slots[i + 1].ends_sentence else -1
            sides.append((i + 1, beyond))

        def decoded(j: int) -> str:
            return slots[j].candidates[best[j]][0]

        compounds = self.lexicon.compounds
        dear = channel_cost(read, chosen)[0] > ONCE_SEEN_COST

        def held_by(k: int, j: int) -> str:
            """The word beyond ``k``, away from ``j``, as decoded (a boundary at a sentence's edge)."""
            m = k + (k - j)
            if not 0 <= m < len(slots) or slots[min(k, m)].ends_sentence:
                return BOUNDARY
            return decoded(m)

        def support(word: str, neighbours: list[tuple[int, int]]) -> float:
            total = 0.0
            for j, k in neighbours:
                if k == _COMMA:  # the word before the comma lists this one ("thu, chi")
                    total += CORPUS_WEIGHT * self._listed((decoded(j), ",", word))
                    continue
                pair = (decoded(j), word) if j < i else (word, decoded(j))
                n = self.lexicon.bigrams.get(pair, 0)
                if decoded(j) in (NUMBER, ACRONYM):
                    n *= CLASS_EVIDENCE
                attested = pair in self.lexicon.attested
                if not n or (not own[j] and not attested):
                    continue  # across lines, only a phrase of the corpus bridges: "Uy" / "ban nhân dân"
                if (pair not in compounds or not attested) and n <= CORPUS_WEIGHT and dear:
                    continue  # words seen side by side once ("biên bản | cụ thể"), or only in the dictionary
                    # ("bố trí cô | nuôi" is no "có nuôi"), make only a cheap change
                if pair not in compounds and self._only_in_another_word(pair, j < i, slots, best, i):
                    continue  # "giảm tài" is written only in "giảm tài sản": no evidence for "giảm tài | hồ sơ"
                if (
                    k >= 0
                    and pair in compounds
                    and not self._trigram_seen(decoded(k), decoded(j), word, k < j)
                    and self._takes_neighbour(decoded(k), decoded(j), k < j, n, held_by(k, j))
                ):
                    continue  # the neighbour is the first or last syllable of another word
                total += n
            return total

        ends = self.lexicon.plain
        if slots[i].suffix[:1] in _FULL_STOPS and not ends.get((chosen, BOUNDARY)):
            if ends.get((read, BOUNDARY), 0) >= MIN_SENTENCE_ENDS:
                return False  # "xét cấp quận." is no "cấp quản": the corpus ends no sentence with "quản"
        inside = [(j, k) for j, k in sides if own[j]]
        neighbours = inside if support(read, inside) else sides
        if not support(chosen, neighbours):
            return False
        ratio = 1.0
        for side in neighbours:  # each side's evidence on its own: "Quy chế chi | tiêu" vs "chỉ tiêu"
            side_ratio = (support(chosen, [side]) + 0.5) / (support(read, [side]) + 0.5)
            j = side[0]
            if (
                side_ratio * PHRASE_DOMINANCE <= 1
                and side[1] != _COMMA
                and ((decoded(j), read) if j < i else (read, decoded(j))) in compounds
            ):
                return False  # the word as read makes a dictionary word there: "cấp ban | hành" is no "cấp bản"
            ratio *= side_ratio
        return ratio >= PHRASE_DOMINANCE

    def _place_name_tone(self, slot: _Slot) -> str:
        """A name's tone in its traditional place; a mark on a consonant goes where the commoner syllable has it."""
        core = slot.core
        stray = stray_mark_readings(core) if core.isalpha() else None
        if stray:
            return max(stray, key=lambda w: self.lexicon.p_unigram(w.lower()))  # "Miñh": Minh, not Mĩnh
        if core and core.isalpha() and is_syllable(core):
            return place_tone(core)
        return core


def repair_lines(repairer: Repairer, lines: Iterable[str]) -> Iterator[Repaired]:
    """Repair a stream of lines, one result per line, as ``cchc repair`` does.

    OCR wraps lines inside phrases ("của Chủ tịch Uy" / "ban nhân dân"), often
    with blank lines between them, so each line is decided with the last words
    of the nearest text line above and the first words of the nearest one below
    as context, where the later line goes on from the earlier: a line that
    starts with a capital begins a new cell or sentence ("Ghi chú" over "Nhiệm
    vụ" is no "chủ nhiệm"). Blank lines come out as they went in.
    """
    previous = ""
    current: str | None = None
    blanks: list[str] = []
    for line in lines:
        if not line.strip():
            blanks.append(line)
            continue
        if current is not None:
            yield repairer.repair(current, _joined_tail(previous, current), _joined_head(line), whole=False)
            previous = current
        yield from (repairer.repair(b) for b in blanks)
        blanks = []
        current = line
    if current is not None:
        yield repairer.repair(current, _joined_tail(previous, current), "", whole=False)
    yield from (repairer.repair(b) for b in blanks)


def _changed_words(before: str, after: str) -> list[tuple[str, str]]:
    """Each run of words of ``before`` that differs from ``after``, and what it became."""
    a, b = before.split(), after.split()
    runs = SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return [(" ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in runs if op != "equal"]


def _continues(line: str) -> bool:
    """A line that goes on from the one above: it starts with a lower-case word ("ban nhân dân")."""
    first = line.lstrip()[:1]
    return first.isalpha() and first.islower()


def _joined_tail(previous: str, line: str) -> str:
    """The last words of ``previous`` when ``line`` goes on from it; a capital starts a new cell or sentence."""
    return " ".join(previous.split()[-CONTEXT_WORDS:]) if _continues(line) else ""


def _joined_head(line: str) -> str:
    """The first words of ``line`` when it goes on from the line above."""
    return " ".join(line.split()[:CONTEXT_WORDS]) if _continues(line) else ""


_CELL_FIELDS = ("task", "product", "lead")
"""Columns whose cells a plan ends all alike (a note or a deadline is too short to show a habit)."""
_STRAY_ENDS = frozenset(",:-–—")
"""Marks no cell ends with: at the end of a cell they are a misread full stop or a speck."""
_NAME_FIELDS = frozenset({"organization", "parent"})
_MARK_IN_NAME = re.compile(r"(?<=[^\W\d_])(\s*[.,:;·-]+\s*)(?=([^\W\d_]+))")
"""Marks after a word and before the next (group 2)."""
_SPACED_DASHES = frozenset((" - ", " – "))
_NAME_LOOKALIKES = str.maketrans({"Ÿ": "Y", "Ð": "Đ"})
_COLON_IN_TITLE = re.compile(r"(?<=[^\W\d_])\s*:\s*(?=[^\W\d_])")
_TITLE_EDGE_MARKS = ".,;:-–—·'`"
_TASK_FIELDS = ("task", "product", "lead", "note", "section")
_HEADER_FIELDS = ("organization", "parent", "place", "title", "signer")


def _repair_field(
    repairer: Repairer,
    name: str,
    text: str | None,
    cache: dict[tuple[str, bool], Repaired],
    coarse: bool = False,
    readings: Mapping[str, Sequence[tuple[str, float]]] | None = None,
) -> tuple[str | None, list[RecordChange]]:
    if not text:
        return text, []
    if (text, coarse) not in cache:
        cache[text, coarse] = repairer.repair(text, coarse=coarse, readings=readings)
    fixed = cache[text, coarse]
    notes = [RecordChange(name, c.before, c.after, c.score, c.reason) for c in fixed.changes]
    notes += [RecordChange(name, c.before, c.after, c.score, c.reason, applied=False) for c in fixed.review]
    return fixed.text, notes


def mend_header_marks(name: str, text: str | None) -> tuple[str | None, list[Change]]:
    """Drop the specks a scan puts in a header fact, where the fact has no punctuation.

    A body's name, printed in capitals, has no mark between its words
    ("TRƯỜNG MẦM NON.HƯƠNG SEN", "PHƯỜNG. BÌNH TÂY", "THÀNH PHỐ-HỒ CHÍ MINH");
    a dash between acronyms stays ("THCS-THPT"), and so does one set apart by
    spaces, which joins two names ("NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN"); a
    capital of another alphabet is the Vietnamese one ("ỦŸ BAN"). A title
    neither starts nor ends with a mark (". Thực hiện …", "… năm 2028,"), nor
    has a colon between its words ("Cải cách: hành chính").
    """
    if not text:
        return text, []
    if name in _NAME_FIELDS:

        def speck(m: re.Match[str]) -> str:
            if m.group(1) in _SPACED_DASHES:
                return m.group(1)  # a dash set apart joins two names: "GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN"
            before = re.findall(r"[^\W\d_]+$", m.string[: m.start()])
            words_apart = before and _capital_syllable(before[0]) and _capital_syllable(m.group(2))
            return " " if words_apart else m.group(1)

        mended = _MARK_IN_NAME.sub(speck, text.translate(_NAME_LOOKALIKES))
    elif name == "title":
        mended = _COLON_IN_TITLE.sub(" ", text.strip(_TITLE_EDGE_MARKS + " "))
    else:
        return text, []
    if mended == text:
        return text, []
    return mended, [Change(text, mended, 1.0, "punctuation")]


def _capital_syllable(word: str) -> bool:
    return word.isupper() and is_syllable(word.lower())


def _lost_its_stop(text: str) -> bool:
    """True for a cell that ends its sentence with no full stop.

    It ends in a letter or digit, or in a bracket, quotation mark or percent
    sign that closes inside the sentence ("(nếu có)", a bracket alone, is none).
    """
    body = text.strip()
    return body[-1].isalnum() or body[-1] in ")%”" and not body.startswith(("(", "“"))


def _cell_end(text: str | None) -> str | None:
    """How a cell ends: "." for a full stop, "" for a word, the mark for a stray mark, None for other ends."""
    last = (text or "").rstrip()[-1:]
    if not last:
        return None
    if last.isalnum() or last in ')”"%':
        return ""
    return last if last == "." or last in _STRAY_ENDS else None


def mend_cell_ends(tasks: list[Task]) -> list[Task]:
    """End each column's cells the way the plan ends the others: "kịp thời," → "kịp thời.".

    A school ends the cells of a column all alike, with a full stop or with
    none. Where at least ``CONVENTION_SHARE`` of a column's cells that end with
    a full stop or a word agree, a cell ending in a mark no cell ends with (a
    comma, colon or dash: a misread full stop, or a speck) is given the
    column's ending; where ``FULL_STOP_SHARE`` of them end with a full stop, a
    cell ending in a letter, a digit, a closing bracket or quotation mark or a
    percent sign lost its full stop to the scan and gets it back, and where
    as many end with none, a full stop after a word is a speck and goes.
    Columns of mixed habit are left as read.
    """
    out = list(tasks)
    for name in _CELL_FIELDS:
        ends = [_cell_end(getattr(t, name)) for t in tasks]
        counted = [e for e in ends if e in (".", "")]
        if not counted:
            continue
        stops = counted.count(".") / len(counted)
        ending = "." if stops >= CONVENTION_SHARE else "" if stops <= 1 - CONVENTION_SHARE else None
        if ending is None:
            continue
        for k, (task, end) in enumerate(zip(tasks, ends, strict=True)):
            text = getattr(out[k], name)
            if task.confidence == 1.0 or not text or not any(c.isalnum() for c in text):
                continue  # a cell of a dash alone ("-": nothing) stays
            if end in _STRAY_ENDS:
                mended = text.rstrip().rstrip("".join(_STRAY_ENDS)).rstrip()
                if _cell_end(mended) == "":
                    mended += ending  # "chỉ đạo.," keeps its one full stop
            elif end == "" and stops >= FULL_STOP_SHARE and _lost_its_stop(text):
                mended = text.rstrip() + "."
            elif end == "." and 1 - stops >= FULL_STOP_SHARE and _SPECK_STOP.search(text.rstrip()):
                mended = text.rstrip()[:-1]  # "ngoài quy định." in a plan that ends no cell with a full stop
            else:
                continue
            note = RecordChange(name, text.split()[-1], mended.split()[-1], 1.0, "punctuation")
            out[k] = replace(out[k], **{name: mended}, repairs=(*out[k].repairs, note))
    return out


def _cell_start(text: str | None) -> int | None:
    """Where a cell's first letter is, when the cell starts with a letter."""
    stripped = (text or "").lstrip()
    if not stripped[:1].isalpha():
        return None
    return len(text or "") - len(stripped)


def mend_cell_starts(tasks: list[Task], coarse_pages: set[int]) -> list[Task]:
    """Start a fax's cells the way the plan starts the others in their column: "thực hiện" → "Thực hiện".

    On a page under ``LOW_RESOLUTION_DPI`` OCR reads a small capital as its
    small letter ("K", "T", "X"). Where ``CAPITAL_SHARE`` of a column's cells
    that start with a letter start with a capital, such a cell starting small
    is given its capital. A finer scan reads capitals right: its cells stay.
    """
    out = list(tasks)
    for name in _CELL_FIELDS:
        starts = [_cell_start(getattr(t, name)) for t in tasks]
        firsts = [getattr(t, name)[i] for t, i in zip(tasks, starts, strict=True) if i is not None]
        if not firsts or sum(c.isupper() for c in firsts) < CAPITAL_SHARE * len(firsts):
            continue
        for k, (task, i) in enumerate(zip(tasks, starts, strict=True)):
            text = getattr(out[k], name)
            if i is None or task.confidence == 1.0 or task.page not in coarse_pages or not text[i].islower():
                continue
            if not text[i:].split()[0][1:2].isalpha():
                continue  # a lone letter ("n bạn"): a fragment, not the cell's first word
            mended = text[:i] + text[i].upper() + text[i + 1 :]
            note = RecordChange(name, text.split()[0], mended.split()[0], 1.0, "case")
            out[k] = replace(out[k], **{name: mended}, repairs=(*out[k].repairs, note))
    return out


def repair_plan(plan: Plan, repairer: Repairer) -> Plan:
    """Repair every OCR'd text of a plan: cells, sections, header facts, targets.

    Text-layer rows (confidence 1.0) are printed text and stay as they are;
    ``task_raw`` keeps the text as read. The cells of a page scanned under
    ``LOW_RESOLUTION_DPI`` are repaired as coarse (a fax's colons).
    """
    if plan.method == "text":
        return plan
    cache: dict[tuple[str, bool], Repaired] = {}

    def field(name: str, text: str | None, coarse: bool = False) -> tuple[str | None, list[RecordChange]]:
        return _repair_field(repairer, name, text, cache, coarse, plan.readings)

    coarse_pages = {p.page_no for p in plan.pages if p.dpi is not None and p.dpi < LOW_RESOLUTION_DPI}
    tasks = []
    for task in plan.tasks:
        if task.confidence == 1.0:
            tasks.append(task)
            continue
        coarse = task.page in coarse_pages
        values: dict[str, str | None] = {}
        notes: list[RecordChange] = []
        for name in _TASK_FIELDS:
            values[name], found = field(name, getattr(task, name), coarse)
            notes.extend(found)
        extra = {}
        for key, value in task.extra.items():
            extra[key], found = field(f"extra:{key}", value, coarse)
            notes.extend(found)
        tasks.append(replace(task, **values, extra=extra, repairs=tuple(notes)))
    tasks = mend_cell_starts(mend_cell_ends(tasks), coarse_pages)
    header_values: dict[str, str | None] = {}
    plan_notes: list[RecordChange] = []
    for name in _HEADER_FIELDS:
        value, marks = mend_header_marks(name, getattr(plan.header, name))
        plan_notes.extend(RecordChange(name, c.before, c.after, c.score, c.reason) for c in marks)
        header_values[name], found = field(name, value)
        plan_notes.extend(found)
    targets = []
    for n, target in enumerate(plan.targets, 1):
        text, found = field(f"target:{n}", target.text)
        plan_notes.extend(found)
        targets.append(replace(target, text=text or target.text))
    sections = tuple(
        replace(
            s,
            text=field("section", s.text)[0] or s.text,
            title=field("section", s.title)[0] or s.title,
        )
        for s in plan.sections
    )
    return replace(
        plan,
        header=replace(plan.header, **header_values),
        tasks=tuple(tasks),
        targets=tuple(targets),
        sections=sections,
        repairs=tuple(plan_notes),
    )
