"""The Vietnamese syllable language model behind text repair.

Built from text the caller hands over (``cchc/resources.py`` reads the bundled
files): syllable frequencies of general Vietnamese, a dictionary of
multi-syllable words, and a corpus of administrative phrasing. It gives

- for a damaged syllable, the known syllables that differ from it only in tone
  marks, vowel hats or đ/d (they share a *folded* form);
- the log-probability of a syllable after another (a bigram model with
  Dirichlet smoothing towards the unigram).

Syllables are stored lower case, NFC, with the tone in its traditional place.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from normalize.text import fold, nfc
from normalize.tones import place_tone
from normalize.vietnamese import is_syllable

NUMBER = "<num>"
ACRONYM = "<acr>"
BOUNDARY = "<s>"
OTHER = "<unk>"
DICTIONARY_WEIGHT = 2
"""Each multi-syllable dictionary word counts as this many occurrences of its bigrams."""
CORPUS_WEIGHT = 5
"""Each bigram of the administrative corpus counts this many times."""
CORPUS_UNIGRAM_SHARE = 0.2
"""Weight of the dictionary and corpus in the unigram; the rest is general Vietnamese."""
SMOOTHING = 20.0
"""Dirichlet prior mass of the unigram in the bigram estimate."""
LOGP_CACHE_SIZE = 1_000_000
"""Bigram log-probabilities remembered once computed."""
UNIGRAM_FLOOR = 1e-8

_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,/]\d+)*|[^\w\s]", re.UNICODE)
CODE = re.compile(r"(?<![\w/])\d{1,5}(?:/\d{4})?/((?:[A-ZĐ]{1,6}|TTr)(?:-[A-ZĐ][A-ZĐa-z]{0,7})+)(?![\w-])")
"""A document code: number, year, then its kind and issuer ("29/2023/NĐ-CP", "131/NQ-CP", "06/QĐ-TTg")."""
_JOINED_ACRONYM = re.compile(r"(?<![\w/&-])[A-ZĐ]{2,}(?:[-&][A-ZĐ]{2,})+(?![\w/&-])")
_DASHED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
DASHES = frozenset("-–")
"""Dashes, counted between words too: "thu - chi" is written so."""
PAUSE_MARKS = frozenset(",;:.")
"""Marks written between two words of a sentence."""
UNIT_KINDS = frozenset({"phường", "xã", "quận", "huyện"})
"""The words a ward's, commune's or district's name follows."""
CITY_KIND = ("thành", "phố")
"""A city's name follows two words: "Thành phố Hồ Chí Minh", "thành phố Thủ Đức"."""
MAX_UNIT_WORDS = 4
"""The most words a unit's name has ("Tân Sơn Nhì", "Cần Giờ")."""
_SENTENCE_PUNCT = set('.;:!?()[]“”"')
_INSIDE_MARKS = frozenset("(,;")
"""Marks after which a sentence goes on: a word after them is written small unless it is a name."""


def lm_token(token: str) -> str:
    """The model's symbol for a token: a syllable (lower case, tone placed), or a class."""
    if token[0].isdigit():
        return NUMBER
    if not token[0].isalpha():
        return BOUNDARY if token in _SENTENCE_PUNCT else OTHER
    if len(token) >= 2 and token.isupper() and not is_syllable(token):
        return ACRONYM
    lower = token.lower()
    return place_tone(lower) if is_syllable(lower) else OTHER


def _is_name_word(word: str) -> bool:
    """A word of a place's name as printed: a capital, then small letters ("Bảy", "Hiền"; not "HỘI")."""
    return word.isalpha() and word[:1].isupper() and word[1:].islower() and is_syllable(word.lower())


def goes_on_after(word: str) -> bool:
    """True for a small word or an acronym: a sentence goes on after it in small letters."""
    return word.isalpha() and (word.islower() or lm_token(word) == ACRONYM)


def _is_syllable_symbol(symbol: str) -> bool:
    return symbol not in (NUMBER, ACRONYM, BOUNDARY, OTHER)


def tokens(text: str) -> list[str]:
    """Split text into words, numbers and punctuation for the model."""
    return _TOKEN.findall(nfc(text))


@dataclass
class Lexicon:
    """Syllable unigram and bigram statistics, and the folded-form index of known syllables."""

    unigram: dict[str, float] = field(default_factory=dict)
    """Probability of each syllable."""
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)
    left: Counter[str] = field(default_factory=Counter)
    """How often each symbol starts a counted bigram."""
    by_fold: dict[str, list[str]] = field(default_factory=dict)
    latin: set[str] = field(default_factory=set)
    """Words of other languages the corpus writes ("Zoom", "Google", "Meet", "email"), as written."""
    dashed: set[str] = field(default_factory=set)
    """Words the dictionary writes with dashes, lower case ("pa-nô", "vi-rút", "ka-ra-ô-kê")."""
    words: set[str] = field(default_factory=set)
    """Multi-syllable words and phrases, as "syllable syllable" strings (for splitting run-togethers)."""
    compounds: set[tuple[str, str]] = field(default_factory=set)
    """Neighbouring syllables of the dictionary's words: pairs that belong together as one word."""
    attested: set[tuple[str, str]] = field(default_factory=set)
    """Neighbouring syllables seen in the administrative corpus."""
    acronyms: Counter[str] = field(default_factory=Counter)
    """Acronyms of the administrative corpus ("CCHC", "CBCCVC") and how often each occurs."""
    joined_acronyms: dict[str, str] = field(default_factory=dict)
    """Acronyms the corpus writes joined by "-" or "&" ("CB-GV-NV", "GD&ĐT"), by their letters alone."""
    plain: Counter[tuple[str, str]] = field(default_factory=Counter)
    """How often the corpus writes two symbols side by side; a symbol before ``BOUNDARY``: how often it ends a
    sentence or line."""
    marked: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    """How often the corpus writes two symbols with one mark or dash between them: ("số", ":", "<num>")."""
    apart: Counter[tuple[str, str]] = field(default_factory=Counter)
    """How often the corpus writes two symbols with any mark or dash between them ("thu, chi", "thu - chi")."""
    slashed: Counter[tuple[str, str]] = field(default_factory=Counter)
    """How often the corpus writes two syllables joined by a slash ("lần/năm", "giáo viên/lớp")."""
    before_mark: Counter[tuple[str, str]] = field(default_factory=Counter)
    """How often the corpus writes a symbol before a mark and another symbol: ("gồm", ":")."""
    ends_in_word: Counter[str] = field(default_factory=Counter)
    """How often the corpus ends a sentence with a syllable as the last of a dictionary word ("kèm theo.")."""
    goes_on: Counter[str] = field(default_factory=Counter)
    """How often the corpus writes a symbol before another."""
    small_inside: Counter[str] = field(default_factory=Counter)
    """How often the corpus writes a syllable in small letters inside a sentence, after a small word or "(,;"."""
    capital_inside: Counter[str] = field(default_factory=Counter)
    """How often the corpus writes a syllable with a capital in those places ("Sở" in "cơ quan Sở GD&ĐT")."""
    small_after: Counter[tuple[str, str]] = field(default_factory=Counter)
    """How often the corpus writes a syllable small after a small word ("cơ sở")."""
    capital_after: Counter[tuple[str, str]] = field(default_factory=Counter)
    """How often the corpus writes a syllable with a capital after a small word ("của Thành phố")."""
    units: dict[str, str | None] = field(default_factory=dict)
    """The wards, communes and districts the corpus names after "phường", "xã", "quận" or "huyện", by their
    folded names ("bay hien" → "Bảy Hiền"); None where two names fold alike."""
    code_kinds: Counter[str] = field(default_factory=Counter)
    """The kinds and issuers of the document codes the corpus cites ("NĐ-CP" in "29/2023/NĐ-CP")."""
    after_pair: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """The syllables the corpus writes after each pair of syllables ("giảm tài" → {"sản"})."""
    before_pair: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """The syllables the corpus writes before each pair of syllables."""
    _logp: dict[tuple[str, str], float] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        frequencies: Iterable[tuple[str, float]],
        dictionary: Iterable[str],
        corpus: Iterable[str],
    ) -> Lexicon:
        """Build the model from (syllable, frequency) pairs, dictionary entries and corpus texts."""
        lex = cls()
        counts: Counter[str] = Counter()
        freq: dict[str, float] = {}
        for word, f in frequencies:
            symbol = lm_token(word)
            if symbol not in (NUMBER, ACRONYM, BOUNDARY, OTHER):
                freq[symbol] = freq.get(symbol, 0.0) + f
        for entry in dictionary:
            if "-" in entry and " " not in entry:
                lex.dashed.add(nfc(entry).lower())
            syllables = [lm_token(t) for t in entry.split()]
            if not all(map(_is_syllable_symbol, syllables)):
                continue
            counts.update(syllables)
            if len(syllables) > 1:
                lex.words.add(" ".join(syllables))
                for a, b in zip(syllables, syllables[1:], strict=False):
                    lex.compounds.add((a, b))
                    lex.bigrams[(a, b)] += DICTIONARY_WEIGHT
                    lex.left[a] += DICTIONARY_WEIGHT
        joined: Counter[str] = Counter()
        for text in corpus:
            lex.code_kinds.update(m.group(1) for m in CODE.finditer(text))
            for line in re.split(r"[\n\t]", text):  # a tab parts the cells of a table row
                joined.update(_JOINED_ACRONYM.findall(line))
                lex.dashed.update(  # a loanword the corpus writes with its dash: "mô-đun"
                    w for w in _DASHED.findall(line) if w.islower() and all(map(is_syllable, w.split("-")))
                )
                words = tokens(line)
                symbols = [BOUNDARY, *(lm_token(t) for t in words), BOUNDARY]
                lex.acronyms.update(t for t, s in zip(words, symbols[1:], strict=False) if s == ACRONYM)
                lex.latin.update(
                    t for t, s in zip(words, symbols[1:], strict=False) if s == OTHER and t.isascii() and len(t) > 2
                )
                counts.update(s for s in symbols if s not in (BOUNDARY, OTHER))
                lex._count_case_inside(words, symbols[1:-1])
                lex._add_units(words)
                for k in range(1, len(words) - 1):
                    if words[k] == "/" and _is_syllable_symbol(symbols[k]) and _is_syllable_symbol(symbols[k + 2]):
                        lex.slashed[symbols[k], symbols[k + 2]] += 1
                    if words[k] in PAUSE_MARKS or words[k] in DASHES:
                        before, after = symbols[k], symbols[k + 2]
                        lex.marked[(before, words[k], after)] += 1
                        lex.apart[(before, after)] += 1
                        lex.before_mark[(before, words[k])] += 1
                for a, b, c in zip(symbols, symbols[1:], symbols[2:], strict=False):
                    if c == BOUNDARY and (a, b) in lex.compounds:
                        lex.ends_in_word[b] += 1
                    if all(_is_syllable_symbol(x) for x in (a, b, c)):
                        lex.after_pair.setdefault((a, b), set()).add(c)
                        lex.before_pair.setdefault((b, c), set()).add(a)
                for a, b in zip(symbols, symbols[1:], strict=False):
                    if OTHER in (a, b):
                        continue
                    lex.bigrams[(a, b)] += CORPUS_WEIGHT
                    lex.plain[(a, b)] += 1
                    if b != BOUNDARY:
                        lex.goes_on[a] += 1
                    lex.left[a] += CORPUS_WEIGHT
                    if a not in (NUMBER, ACRONYM, BOUNDARY) and b not in (NUMBER, ACRONYM, BOUNDARY):
                        lex.words.add(f"{a} {b}")
                        lex.attested.add((a, b))
        total_counts = sum(counts.values()) or 1
        total_freq = sum(freq.values()) or 1.0
        vocabulary = set(freq) | {s for s in counts if s not in (NUMBER, ACRONYM, BOUNDARY, OTHER)}
        for s in vocabulary:
            lex.unigram[s] = (1 - CORPUS_UNIGRAM_SHARE) * freq.get(
                s, 0.0
            ) / total_freq + CORPUS_UNIGRAM_SHARE * counts.get(s, 0) / total_counts
        for s in (NUMBER, ACRONYM, BOUNDARY):
            lex.unigram[s] = 0.01
        for s in vocabulary:
            lex.by_fold.setdefault(fold(s), []).append(s)
        for form, _ in joined.most_common():  # the commonest form of each: "CB-GV-NV" over "CB&GV&NV"
            lex.joined_acronyms.setdefault(re.sub(r"[-&]", "", form), form)
        return lex

    def _add_units(self, words: list[str]) -> None:
        """Add the units the words name: the words in title case after a unit's kind ("phường", "thành phố")."""
        for k, word in enumerate(words):
            if word.lower() not in UNIT_KINDS and (k == 0 or (words[k - 1].lower(), word.lower()) != CITY_KIND):
                continue
            name = list(itertools.takewhile(_is_name_word, words[k + 1 : k + 1 + MAX_UNIT_WORDS]))
            if name:
                key, printed = fold(" ".join(name)), " ".join(name)
                self.units[key] = printed if self.units.get(key, printed) == printed else None

    def _count_case_inside(self, words: list[str], symbols: list[str]) -> None:
        """Count the syllables written small or with a capital inside a sentence."""
        for prev, word, before, symbol in zip(words, words[1:], symbols, symbols[1:], strict=False):
            if not _is_syllable_symbol(symbol) or not (prev in _INSIDE_MARKS or goes_on_after(prev)):
                continue
            if word.islower():
                self.small_inside[symbol] += 1
                self.small_after[before, symbol] += prev.islower()
            elif word[:1].isupper():
                self.capital_inside[symbol] += 1
                self.capital_after[before, symbol] += prev.islower()

    def known(self, syllable: str) -> bool:
        """True for a syllable the model has seen."""
        return syllable in self.unigram

    def p_unigram(self, symbol: str) -> float:
        """Unigram probability, floored for unseen symbols."""
        return self.unigram.get(symbol, UNIGRAM_FLOOR)

    def logp(self, prev: str, cur: str) -> float:
        """Log P(cur | prev), the bigram smoothed towards the unigram (see :meth:`logp_row`); memoised."""
        if cur == BOUNDARY:
            return 0.0
        key = (prev, cur)
        cached = self._logp.get(key)
        if cached is not None:
            return cached
        value = self.logp_row(prev, (cur,))[0]
        if len(self._logp) < LOGP_CACHE_SIZE:
            self._logp[key] = value
        return value

    def logp_row(self, prev: str, following: tuple[str, ...]) -> list[float]:
        """Log P(b | prev) for each b of ``following``, the bigram smoothed towards the unigram.

        The decoder reads a whole row of its lattice at once. A boundary only
        resets the context: a phrase list says nothing about which words start
        sentences.
        """
        unigram = self.unigram
        if prev == BOUNDARY:
            return [0.0 if b == BOUNDARY else math.log(unigram.get(b, UNIGRAM_FLOOR)) for b in following]
        bigrams = self.bigrams
        seen = self.left.get(prev, 0) + SMOOTHING
        return [
            0.0
            if b == BOUNDARY
            else math.log((bigrams.get((prev, b), 0) + SMOOTHING * unigram.get(b, UNIGRAM_FLOOR)) / seen)
            for b in following
        ]

    def variants(self, syllable: str) -> list[str]:
        """Known syllables with the same letters up to tone marks, hats and đ/d."""
        return self.by_fold.get(fold(syllable), [])
