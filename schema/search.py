"""The folded search text of a task, and the search string it is matched with.

Search ignores case and every tone mark and folds đ to d: "chi so cai cach"
finds "Chỉ số cải cách", "day manh" finds "Đẩy mạnh". Both sides go through the
same folding, so only the storage and the query need to agree, which is why it
lives beside the models.
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"đ": "d", "Đ": "d"})
MAX_QUERY = 200
"""Characters of a search string that are used."""


def fold_words(text: str) -> str:
    """Lower case, no tone marks or hats, đ → d, punctuation dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD).lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w%]+", " ", bare).split())


def search_text(*fields: str | None) -> str:
    """The stored search text of a task from its fields."""
    return fold_words(" ".join(f for f in fields if f))


def fts_phrase(query: str) -> str | None:
    """An FTS5 phrase query for the words of ``query`` (``None`` when it has none)."""
    words = fold_words(query[:MAX_QUERY]).split()
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"' if words else None
