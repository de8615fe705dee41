"""The folded search text of a task, and the search string it is matched with.

Search ignores case and every tone mark and folds đ to d: "chi so cai cach"
finds "Chỉ số cải cách", "day manh" finds "Đẩy mạnh". Both sides go through the
same folding (:func:`normalize.text.fold_key`, the one every match in cchc
uses), so the stored text and the query always agree.
"""

from __future__ import annotations

from normalize.text import fold_key

MAX_QUERY = 200
"""Characters of a search string that are used."""


def search_text(*fields: str | None) -> str:
    """The stored search text of a task from its fields."""
    return fold_key(" ".join(f for f in fields if f))


def fts_phrase(query: str) -> str | None:
    """An FTS5 phrase query for the words of ``query`` (``None`` when it has none)."""
    words = fold_key(query[:MAX_QUERY]).split()
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"' if words else None
