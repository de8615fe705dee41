from __future__ import annotations

import pytest

from normalize.tones import place_tone, stray_mark_readings


@pytest.mark.parametrize(
    ("word", "placed"),
    [
        ("hoá", "hóa"),
        ("toạ", "tọa"),
        ("Thuý", "Thúy"),
        ("uỷ", "ủy"),
        ("ỦY", "ỦY"),
        ("quý", "quý"),
        ("khoẻ", "khỏe"),
        ("hoàn", "hoàn"),
        ("thuyền", "thuyền"),
        ("người", "người"),
        ("hoài", "hoài"),
        ("giữa", "giữa"),
        ("gì", "gì"),
        ("HOÁ", "HÓA"),
        ("Nguyễn", "Nguyễn"),
    ],
)
def test_traditional_tone_placement(word, placed):
    assert place_tone(word) == placed


def test_words_that_are_not_syllables_are_left_alone():
    assert place_tone("CCHC") == "CCHC"
    assert place_tone("Zoom") == "Zoom"


@pytest.mark.parametrize(
    ("word", "readings"), [("Miñh", ("Mĩnh", "Minh")), ("LAÑH", ("LÃNH", "LANH")), ("lãnh", None), ("hóa", None)]
)
def test_a_mark_on_a_consonant_is_drifted_or_a_speck(word: str, readings: tuple[str, str] | None):
    assert stray_mark_readings(word) == readings
