from __future__ import annotations

from normalize.units import percent_in


def test_percentages():
    assert percent_in("đạt 99% trở lên") == 99
    assert percent_in("98,5% văn bản đi, đến") == 98.5
    assert percent_in("Tăng tỷ lệ so với năm 2023 lên 95%.") == 95
    assert percent_in("bảo đảm 100% thủ tục và 100% hồ sơ") == 100
    assert percent_in("không có số liệu") is None
    assert percent_in("tăng 150% so với") is None
