from __future__ import annotations

import pytest

from normalize.vietnamese import is_syllable, parse_syllable


@pytest.mark.parametrize(
    "word",
    ["Nghiệp", "quý", "giữa", "gì", "Thúy", "hóa", "khuyến", "người", "Đức", "ĐẨY", "oách", "xuyên", "giêng"],
)
def test_valid_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize(
    "word",
    [
        "thùc",  # a stop coda takes only the sắc or nặng tone
        "hiÖn",  # TCVN3 mojibake
        "Thöïc",  # VNI mojibake
        "coâng",
        "quu",
        "CCHC",
        "xyz",
        "tiếệ",
    ],
)
def test_invalid_syllables(word):
    assert not is_syllable(word)


def test_parse_gives_onset_rhyme_tone():
    assert parse_syllable("chuyển") == ("ch", "uyên", "hoi")
    assert parse_syllable("an") == ("", "an", None)


def test_a_mark_on_a_consonant_makes_no_syllable():
    assert not is_syllable("Miñh") and not is_syllable("lañh")
    assert is_syllable("Minh") and is_syllable("lãnh")
