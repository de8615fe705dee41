"""Measuring text repair: word errors before and after, against hand-corrected lines.

A word error is a word-level Levenshtein edit over whitespace tokens after NFC.
"Fixed" counts the errors repair removed; a clean line (equal to its gold
before repair) must come out unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from cchc.evaluate import words
from normalize.repair import Repairer, repair_lines


@dataclass
class RepairScore:
    """Word errors of damaged lines before and after repair."""

    lines: int
    errors_before: int
    errors_after: int
    clean_lines: int
    clean_altered: int
    gold_words: int

    @property
    def fixed(self) -> float:
        """Share of the word errors that repair removed (net of errors it introduced)."""
        return 1 - self.errors_after / self.errors_before if self.errors_before else 1.0

    @property
    def wer_before(self) -> float:
        """Word error rate before repair."""
        return self.errors_before / self.gold_words if self.gold_words else 0.0

    @property
    def wer_after(self) -> float:
        """Word error rate after repair."""
        return self.errors_after / self.gold_words if self.gold_words else 0.0


def score_repair(repairer: Repairer, damaged: Sequence[str], gold: Sequence[str]) -> RepairScore:
    """Repair each damaged line and count word errors against its gold line."""
    if len(damaged) != len(gold):
        raise ValueError(f"{len(damaged)} damaged lines but {len(gold)} gold lines")
    before = after = clean = altered = total = 0
    for raw, good, repaired in zip(damaged, gold, repair_lines(repairer, damaged), strict=True):
        fixed = repaired.text
        gw = words(good)
        total += len(gw)
        b = Levenshtein.distance(words(raw), gw)
        before += b
        after += Levenshtein.distance(words(fixed), gw)
        if b == 0:
            clean += 1
            altered += words(fixed) != words(raw)
    return RepairScore(len(gold), before, after, clean, altered, total)
