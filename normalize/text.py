"""Text helpers shared by every stage: NFC, spacing, accent folding, cell joining.

Stored and compared text is always NFC. :func:`fold` (lower case, no tone marks,
no vowel hats, đ → d) exists only for matching and searching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MARKUP = re.compile(r"</?(?:b|i|u|strong|em|span|br)\b[^>]*>|\*\*|__", re.IGNORECASE)
BULLETS = ("- ", "+ ", "• ", "•", "– ", "* ")
"""Line starts that keep their line break inside a cell."""


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C."""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str | None:
    """NFC, collapse runs of spaces to one, strip. Empty text becomes ``None``."""
    if text is None:
        return None
    out = _SPACES.sub(" ", nfc(text)).strip()
    return out or None


def strip_markup(text: str) -> str:
    """Remove the light markup that text exports carry (``<b>``, ``**``)."""
    return _MARKUP.sub("", text)


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch and base.isascii():
            table[code] = base
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Fold ``text`` for matching: NFC, lower case, no tone marks or hats, đ → d.

    >>> fold("Chỉ số CẢI CÁCH Đẩy mạnh")
    'chi so cai cach day manh'
    """
    return nfc(text).translate(_FOLD).lower()


def fold_key(text: str) -> str:
    """:func:`fold` with punctuation dropped and spaces collapsed, for fuzzy keys."""
    return " ".join(re.sub(r"[^\w%]+", " ", fold(text)).split())


def is_bullet_line(line: str) -> bool:
    """True when ``line`` starts with a list bullet ("- ", "+ ", "•")."""
    return line.lstrip().startswith(BULLETS)


def join_lines(lines: Iterable[str]) -> str | None:
    """Join the printed lines of one cell.

    Lines are joined with one space, except that a line starting with a bullet
    keeps its line break. A dash before a small letter or a number, after a
    line that ends with a word or number, goes on a phrase or range the line
    broke ("Hội đồng thi đua" / "- khen thưởng", "năm học 2024" / "- 2025"): a
    list item starts after a colon, semicolon or full stop, or with a capital
    (though not inside a quotation: "“Xanh - Sạch" / "- Đẹp - An toàn”").
    The result is NFC with spaces collapsed.

    >>> join_lines(["Kế hoạch:", "- bước 1", "và 2"])
    'Kế hoạch:\\n- bước 1 và 2'
    >>> join_lines(["năm học 2024", "- 2025"])
    'năm học 2024 - 2025'
    """
    out: list[str] = []
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        after_dash = line.lstrip("-– ")[:1]
        goes_on = (
            bool(out)
            and out[-1][-1:].isalnum()
            and line[:1] in "-–"
            and (after_dash.islower() or after_dash.isdigit() or out[-1].count("“") > out[-1].count("”"))
        )
        if out and (goes_on or not is_bullet_line(line)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out) or None
