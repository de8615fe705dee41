"""The units named in a lead cell, with abbreviations written out.

"Ban Giám hiệu, Tổ VP" → ("Ban Giám hiệu", "Tổ Văn phòng"); "HT, PHT" →
("Hiệu trưởng", "Phó Hiệu trưởng"). The ``lead`` text itself stays as printed.
"""

from __future__ import annotations

import re

from normalize.text import clean

ABBREVIATIONS: dict[str, str] = {
    "BGH": "Ban Giám hiệu",
    "HT": "Hiệu trưởng",
    "PHT": "Phó Hiệu trưởng",
    "VP": "Văn phòng",
    "GV": "Giáo viên",
    "NV": "Nhân viên",
    "GVCN": "Giáo viên chủ nhiệm",
    "CBQL": "Cán bộ quản lý",
    "CBGVNV": "Cán bộ, giáo viên, nhân viên",
    "CB-GV-NV": "Cán bộ, giáo viên, nhân viên",
    "CĐ": "Công đoàn",
    "CĐCS": "Công đoàn cơ sở",
    "TTND": "Ban Thanh tra nhân dân",
    "TPT": "Tổng phụ trách",
    "TPTĐ": "Tổng phụ trách Đội",
    "BĐDCMHS": "Ban đại diện cha mẹ học sinh",
    "CMHS": "Cha mẹ học sinh",
    "PHHS": "Phụ huynh học sinh",
    "TTCM": "Tổ trưởng chuyên môn",
    "TCM": "Tổ chuyên môn",
    "TT": "Tổ trưởng",
    "KT": "Kế toán",
    "YT": "Y tế",
    "BCĐ": "Ban Chỉ đạo",
    "CNTT": "Công nghệ thông tin",
    "ĐTN": "Đoàn Thanh niên",
    "CBCCVC": "Cán bộ, công chức, viên chức",
    "UBND": "Ủy ban nhân dân",
}
"""Abbreviations of units and roles in school plans. Edit here to add one."""

_SEPARATORS = re.compile(r"\s*(?:[,;+\n]|\bvà\b|\s/\s|\s-\s)\s*")
_ABBREV = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")\b")


def _expand(unit: str) -> str:
    return _ABBREV.sub(lambda m: ABBREVIATIONS[m.group(1)], unit)


def lead_units(lead: str | None) -> tuple[str, ...]:
    """The units of a lead cell, abbreviations expanded, first letters capitalised, in order.

    >>> lead_units("Ban Giám hiệu, Tổ VP.")
    ('Ban Giám hiệu', 'Tổ Văn phòng')
    >>> lead_units("Hiệu trưởng,GV-NV toàn trường")
    ('Hiệu trưởng', 'Giáo viên, nhân viên toàn trường')
    """
    if not lead:
        return ()
    out: list[str] = []
    for part in _SEPARATORS.split(lead):
        unit = clean(part.strip(" .:-–"))
        if not unit or not any(ch.isalpha() for ch in unit):
            continue
        unit = re.sub(r"\b(GV)-(NV)\b", "GV, NV", unit)
        expanded = _expand(unit)
        expanded = re.sub(r", (Nhân viên|Giáo viên)", lambda m: ", " + m.group(1).lower(), expanded)
        expanded = expanded[:1].upper() + expanded[1:]
        if expanded not in out:
            out.append(expanded)
    return tuple(out)
