from __future__ import annotations

from normalize.leads import lead_units


def test_abbreviations_are_written_out():
    assert lead_units("Ban Giám hiệu, Tổ VP.") == ("Ban Giám hiệu", "Tổ Văn phòng")
    assert lead_units("BGH") == ("Ban Giám hiệu",)
    assert lead_units("HT, PHT") == ("Hiệu trưởng", "Phó Hiệu trưởng")


def test_units_are_split_and_capitalised():
    assert lead_units("Hiệu trưởng, BGH, văn phòng") == ("Hiệu trưởng", "Ban Giám hiệu", "Văn phòng")
    assert lead_units("Phó Hiệu trưởng và Tổ trưởng chuyên môn") == ("Phó Hiệu trưởng", "Tổ trưởng chuyên môn")
    assert lead_units("Hiệu trưởng,GV-NV toàn trường") == ("Hiệu trưởng", "Giáo viên, nhân viên toàn trường")


def test_empty_lead():
    assert lead_units(None) == ()
    assert lead_units(" - ") == ()
