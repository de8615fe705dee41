"""Bundled data, read once per process and handed to the pure stages of ``normalize``."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import cache
from importlib import resources

from normalize.lexicon import Lexicon
from normalize.repair import Repairer
from schema.records import Catalogue

DATA = resources.files("normalize") / "data"


def _lines(name: str) -> Iterator[str]:
    raw = (DATA / name).read_bytes()
    text = gzip.decompress(raw).decode("utf-8") if name.endswith(".gz") else raw.decode("utf-8-sig")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line


def _frequencies() -> Iterator[tuple[str, float]]:
    for line in _lines("vi_syllable_freq.tsv.gz"):
        word, freq = line.split("\t")
        yield word, float(freq)


def corpus_texts() -> list[str]:
    """The administrative corpus: a clean plan and common phrasing of the genre."""
    return [
        "\n".join(_lines(f"corpus/{entry.name}"))
        for entry in sorted((DATA / "corpus").iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".txt")
    ]


@cache
def lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The repair language model; ``extra`` texts (the catalogue) join the corpus."""
    return Lexicon.build(_frequencies(), _lines("viet74k.txt.gz"), [*corpus_texts(), *extra])


@cache
def repairer(extra: tuple[str, ...] = ()) -> Repairer:
    """A :class:`Repairer` over :func:`lexicon`."""
    return Repairer(lexicon(extra))


def lexicon_for(catalogue: Catalogue) -> Lexicon:
    """The repair model with a catalogue's canonical texts in its corpus."""
    return lexicon(tuple(e.text for e in catalogue.entries))


def repairer_for(catalogue: Catalogue) -> Repairer:
    """A :class:`Repairer` over :func:`lexicon_for` ``catalogue``."""
    return repairer(tuple(e.text for e in catalogue.entries))
