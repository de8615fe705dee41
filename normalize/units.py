"""Units printed in plan text: percentages."""

from __future__ import annotations

import re

_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*%")


def percent_in(text: str) -> float | int | None:
    """The first percentage 0–100 printed in ``text``: "đạt 99% trở lên" → 99.

    Vietnamese writes decimals with a comma ("99,5%" → 99.5).

    >>> percent_in("Tỷ lệ giải quyết hồ sơ đúng hạn đạt tỷ lệ 100%.")
    100
    >>> percent_in("không có số liệu") is None
    True
    """
    for m in _PERCENT.finditer(text):
        value = float(m.group(1).replace(",", "."))
        if 0 <= value <= 100:
            return int(value) if value.is_integer() else value
    return None
