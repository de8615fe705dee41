from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from ingest.ocr import (
    drop_phantom_marks,
    drop_specks,
    image_to_layout,
    read_dropped,
    read_ellipses,
    recount_roman_numerals,
    restore_full_stops,
    restore_marks,
    restore_pause_marks,
    second_opinion,
    settle_pause_marks,
)
from ingest.raster import PageImage, image_frame_to_image, pdf_page_to_image
from ingest.tesseract import OcrSettings, OcrWord, check_tesseract, image_to_words, letters_to_readings
from schema.errors import MissingDependencyError


def test_turned_page_is_made_upright(samples_dir: Path):
    image = image_frame_to_image(str(samples_dir / "rendered" / "thcs-2024-rot90.tif"), 2)
    assert image.pixels.shape[1] > image.pixels.shape[0]  # stored sideways
    layout = image_to_layout(image, OcrSettings())
    assert layout.rotation in (90, 270)
    assert layout.height > layout.width
    assert "CHỈ TIÊU" in " ".join(w.text for w in layout.words).upper() or len(layout.words) > 80


def test_lone_numbers_in_the_stt_column_are_read(samples_dir: Path):
    image = pdf_page_to_image(str(samples_dir / "rendered" / "thcs-2024-scan200.pdf"), 3)
    layout = image_to_layout(image, OcrSettings())
    stt = {w.text for w in layout.words if w.bbox[2] < 100 and w.bbox[1] > 120}
    assert {"1", "2"} <= stt


def test_words_are_in_points_with_confidences(samples_dir: Path):
    image = pdf_page_to_image(str(samples_dir / "rendered" / "thcs-2024-scan200.pdf"), 1)
    layout = image_to_layout(image, OcrSettings())
    assert layout.method == "ocr" and layout.dpi == 200
    assert abs(layout.width - 595) < 3 and abs(layout.height - 842) < 3
    assert all(0 <= w.conf <= 1 for w in layout.words)
    assert all(0 <= w.bbox[0] < w.bbox[2] <= layout.width + 1 for w in layout.words)


def test_specks_are_dropped_and_real_dashes_kept():
    words = [
        OcrWord("Khảo", 0, 0, 60, 30, 95, 1, 1),
        OcrWord("-", 70, 14, 10, 3, 93, 1, 1),  # a real dash
        OcrWord("-", 200, 40, 2, 2, 92, 1, 1),  # a speck
        OcrWord(".thực", 300, 0, 60, 30, 80, 1, 1),
    ]
    assert [w.text for w in drop_specks(words)] == ["Khảo", "-", "thực"]


def test_marks_alone_are_measured_against_the_pages_letters():
    """A rescued cell may hold only marks: the page's letters tell a dash from a speck."""
    page = [OcrWord("Khảo", 0, 0, 60, 30, 95, 1, 1)]
    rescued = [OcrWord("-", 70, 14, 10, 3, 93, 1, 1), OcrWord(".", 200, 40, 2, 2, 92, 1, 1)]
    assert [w.text for w in drop_specks(rescued, letters=page)] == ["-"]
    assert drop_specks(rescued) == []  # no letter to measure by


def test_missing_tesseract_is_reported_with_install_advice():
    with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr"):
        check_tesseract("/nonexistent/tesseract", "vie")


def test_missing_language_is_reported():
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-xyz"):
        check_tesseract("tesseract", "xyz")


def _line_with_a_dot(dot_at: int | None, next_word: bool = False):
    import cv2
    import numpy as np

    image = np.full((60, 400), 255, np.uint8)
    image[10:40, 20:100] = 0  # the last word's letters, baseline at y=40
    words = [OcrWord("tượng", 20, 10, 80, 30, 95.0, 1, 1)]
    if dot_at is not None:
        cv2.circle(image, (dot_at, 37), 3, 0, -1)
    if next_word:
        image[10:40, 130:200] = 0
        words.append(OcrWord("theo", 130, 10, 70, 30, 95.0, 1, 2))
    return words, image


def test_a_dropped_full_stop_is_given_back():
    words, image = _line_with_a_dot(104)
    assert [w.text for w in restore_full_stops(words, image)] == ["tượng."]


def test_no_full_stop_without_a_dot_or_inside_a_line():
    words, image = _line_with_a_dot(None)
    assert [w.text for w in restore_full_stops(words, image)] == ["tượng"]
    words, image = _line_with_a_dot(104, next_word=True)  # a speck between two words is no full stop
    assert [w.text for w in restore_full_stops(words, image)] == ["tượng", "theo"]
    words, image = _line_with_a_dot(130)  # too far away to belong to the word
    assert [w.text for w in restore_full_stops(words, image)] == ["tượng"]


def _word_with_a_mark(mark: str | None, *, next_word: bool = False, speck: bool = False):
    """A 30-pixel-high word standing on y=40 (its box a little deeper), then ``mark`` drawn 4 pixels after it."""
    import cv2
    import numpy as np

    image = np.full((70, 400), 255, np.uint8)
    image[10:40, 20:100] = 0
    words = [OcrWord("phủ", 20, 10, 80, 32, 95.0, 1, 1)]
    x = 106
    if mark in (";", ":"):
        cv2.circle(image, (x, 26), 2, 0, -1)  # a dot at the letters' middle
    if mark in (";", ","):
        image[36:47, x - 1 : x + 2] = 0  # a tail from the baseline down
    if mark == ":":
        cv2.circle(image, (x, 38), 2, 0, -1)
    if speck:
        image[12:14, x + 4 : x + 6] = 0  # more ink: no mark alone
    if next_word:
        image[10:40, 130:200] = 0
        words.append(OcrWord("đánh", 130, 10, 70, 30, 95.0, 1, 1))
    return words, image


@pytest.mark.parametrize("mark", [",", ";", ":"])
def test_a_dropped_pause_mark_after_a_word_that_a_gap_follows_is_given_back(mark: str):
    words, image = _word_with_a_mark(mark)
    assert [w.text for w in restore_pause_marks(words, image)] == ["phủ" + mark]


def test_a_dropped_closing_quotation_mark_is_given_back_with_the_mark_after_it():
    """ "… an toàn”." at a cell's line end: the "”" stands high, the full stop on the baseline after it."""
    for after in (None, "."):
        words, image = _word_with_a_mark(None)
        image[12:18, 104:107] = 0  # the quotation mark's two strokes, at the letters' top
        image[12:18, 109:112] = 0
        if after:
            image[36:40, 116:120] = 0
        assert [w.text for w in restore_pause_marks(words, image)] == ["phủ”" + (after or "")]


def test_no_pause_mark_without_its_shape_alone_or_before_a_close_word():
    words, image = _word_with_a_mark(None)
    assert [w.text for w in restore_pause_marks(words, image)] == ["phủ"]
    words, image = _word_with_a_mark(";", speck=True)
    assert [w.text for w in restore_pause_marks(words, image)] == ["phủ"]
    words, image = _word_with_a_mark(":", next_word=True)  # before a close word, only a comma or semicolon
    assert [w.text for w in restore_pause_marks(words, image)] == ["phủ", "đánh"]


@pytest.mark.parametrize("mark", [",", ";", ":"])
def test_a_comma_at_a_lines_end_is_no_full_stop_when_all_marks_are_given_back(mark: str):
    """The word's box cuts a comma's tail off: alone, its head would read as a full stop."""
    words, image = _word_with_a_mark(mark)
    assert [w.text for w in restore_marks(words, image)] == ["phủ" + mark]


@pytest.mark.parametrize("mark", [",", ";"])
def test_a_dropped_comma_or_semicolon_in_the_gap_before_the_next_word_is_given_back(mark: str):
    words, image = _word_with_a_mark(mark, next_word=True)
    assert [w.text for w in restore_pause_marks(words, image)] == ["phủ" + mark, "đánh"]


def _word_read_with(read: str, *, dot: int = 0, tail_width: int = 3):
    """Word "phủ" read with ``read`` after it, over ink that ends in a comma's tail ``tail_width`` wide 6 pixels on,
    with a dot ``dot`` pixels wide over it at the letters' middle (a semicolon) when ``dot``."""
    import numpy as np

    image = np.full((70, 400), 255, np.uint8)
    image[10:40, 20:100] = 0  # letters standing on y=40
    image[36:47, 106 : 106 + tail_width] = 0
    if dot:
        image[24 : 24 + dot, 107 + (tail_width - dot) // 2 : 107 + (tail_width - dot) // 2 + dot] = 0
    image[10:40, 200:260] = 0
    words = [OcrWord("phủ" + read, 20, 10, 90, 32, 95.0, 1, 1), OcrWord("đánh", 200, 10, 60, 32, 95.0, 1, 1)]
    return [w.text for w in settle_pause_marks(words, image)][:1]


def test_a_semicolon_read_as_a_comma_and_a_comma_read_as_a_semicolon_are_told_apart_by_the_dot():
    """ "09/2024/TT-BGDĐT; niêm yết" read with a comma in 10-pt type: the page shows the dot over the tail."""
    assert _word_read_with(",", dot=4) == ["phủ;"]
    assert _word_read_with(";") == ["phủ,"]
    assert _word_read_with(";", dot=4) == ["phủ;"]
    assert _word_read_with(",") == ["phủ,"]


def test_a_speck_over_a_comma_is_no_semicolons_dot():
    assert _word_read_with(",", dot=3, tail_width=5) == ["phủ,"]  # narrower than the comma's head
    assert _word_read_with(",", dot=4, tail_width=5) == ["phủ;"]


def _read_with_marks(text: str, dots: list[int], *, inside: bool = False):
    """Word ``text`` as Tesseract read it, over ink that ends in a letter and then the dots drawn at rows ``dots``.

    The dots stand 6 pixels after the letters: right of the word's box, or in it when ``inside``.
    """
    import cv2
    import numpy as np

    image = np.full((70, 400), 255, np.uint8)
    image[10:40, 20:100] = 0  # letters standing on y=40
    for y in dots:
        cv2.circle(image, (106, y), 2, 0, -1)
    image[10:40, 140:200] = 0
    width = 90 if inside else 80
    words = [OcrWord(text, 20, 10, width, 32, 95.0, 1, 1), OcrWord("đánh", 140, 10, 60, 30, 95.0, 1, 1)]
    return [w.text for w in drop_phantom_marks(words, image)]


def test_a_full_stop_or_colon_tesseract_read_where_the_page_has_none_is_taken_off():
    """The leg of an "R" read as a full stop ("mã QR. tra cứu"), a lone speck as a colon ("mã QR: qua")."""
    assert _read_with_marks("QR.", []) == ["QR", "đánh"]
    assert _read_with_marks("QR:", []) == ["QR", "đánh"]
    assert _read_with_marks("viên:", [26]) == ["viên", "đánh"]  # one speck off the baseline
    assert _read_with_marks("viên:", [26], inside=True) == ["viên", "đánh"]


def test_a_full_stop_or_colon_on_the_page_stays():
    assert _read_with_marks("QR.", [38]) == ["QR.", "đánh"]
    assert _read_with_marks("QR.", [38], inside=True) == ["QR.", "đánh"]
    assert _read_with_marks("viên:", [26, 38]) == ["viên:", "đánh"]
    assert _read_with_marks("viên:", [38]) == ["viên:", "đánh"]  # a dot on the baseline: the colon's lower one
    assert _read_with_marks("viên,", []) == ["viên,", "đánh"]  # a comma's tail often touches the letter
    assert _read_with_marks("1.", []) == ["1.", "đánh"]  # a number's mark is not checked


def _number_line_with_a_dot(words_before: int):
    import cv2
    import numpy as np

    image = np.full((60, 400), 255, np.uint8)
    words = []
    for n in range(words_before):
        image[10:40, 20 + 60 * n : 70 + 60 * n] = 0
        words.append(OcrWord("Quận", 20 + 60 * n, 10, 50, 30, 95.0, 1, 1))
    x = 20 + 60 * words_before
    image[12:40, x : x + 16] = 0  # the digit "1", baseline at y=40
    words.append(OcrWord("1", x, 12, 16, 28, 95.0, 1, 1))
    cv2.circle(image, (x + 20, 37), 3, 0, -1)
    return words, image


def test_a_full_stop_after_a_number_ending_a_sentence_is_given_back():
    words, image = _number_line_with_a_dot(2)
    assert [w.text for w in restore_full_stops(words, image)][-1] == "1."
    words, image = _number_line_with_a_dot(0)  # a lone number (an STT cell) gets no full stop
    assert [w.text for w in restore_full_stops(words, image)] == ["1"]


def _word_with_three_dots(pitch: float, text: str = "học...)", *, dot_below: bool = False):
    """A 30-pixel-high word whose box ends in three dots ``pitch`` letter heights apart, then a bracket."""
    import cv2
    import numpy as np

    image = np.full((60, 400), 255, np.uint8)
    image[10:40, 20:80] = 0  # the letters, baseline at y=40
    if dot_below:
        cv2.circle(image, (70, 44), 2, 0, -1)  # the dot under "ọ"
    x = 86.0
    for _ in range(3):
        cv2.circle(image, (round(x), 37), 2, 0, -1)
        x += pitch * 30
    image[8:46, round(x) : round(x) + 4] = 0  # ")"
    words = [OcrWord(text, 20, 8, round(x) + 4 - 20, 38, 90.0, 1, 1), OcrWord("sống", 200, 10, 60, 30, 95.0, 1, 1)]
    image[10:40, 200:260] = 0
    return words, image


def test_three_dots_as_far_apart_as_an_ellipsis_glyph_are_read_as_one():
    words, image = _word_with_three_dots(0.44)
    assert [w.text for w in read_ellipses(words, image)] == ["học…)", "sống"]
    words, image = _word_with_three_dots(0.44, "tờ:..)")  # the lower dot of a colon is one of them
    assert read_ellipses(words, image)[0].text == "tờ…)"
    words, image = _word_with_three_dots(0.44, dot_below=True)  # a letter's dot beside them is no fourth
    assert read_ellipses(words, image)[0].text == "học…)"
    words, image = _word_with_three_dots(0.375)  # under the letters' height, but 0.75 of their advance (15 px)
    assert read_ellipses(words, image)[0].text == "học…)"


def test_three_typed_full_stops_stay():
    words, image = _word_with_three_dots(0.33)  # a full stop's width apart: "Google Meet..."
    assert read_ellipses(words, image)[0].text == "học...)"  # 0.66 of the letters' advance
    words, image = _word_with_three_dots(0.3)  # 0.6 of the letters' advance
    assert read_ellipses(words, image)[0].text == "học...)"
    words, image = _word_with_three_dots(0.33, dot_below=True)
    assert read_ellipses(words, image)[0].text == "học...)"
    words, image = _word_with_three_dots(0.8)  # dots of something else
    assert read_ellipses(words, image)[0].text == "học...)"
    words, image = _word_with_three_dots(0.44, "học....)")  # not a run of three
    assert read_ellipses(words, image)[0].text == "học....)"


def test_a_fax_page_is_read_enlarged_with_boxes_on_the_page(samples_dir: Path):
    """A 150-dpi fax page is OCR'd from an enlarged copy; its boxes land where the 200-dpi scan's do."""
    fax = image_to_layout(pdf_page_to_image(str(samples_dir / "rendered" / "thcs-2024-fax150.pdf"), 1), OcrSettings())
    scan = image_to_layout(pdf_page_to_image(str(samples_dir / "rendered" / "thcs-2024-scan200.pdf"), 1), OcrSettings())
    assert fax.dpi == 150 and abs(fax.width - 595) < 3
    once = {}
    for layout in (fax, scan):
        texts = [w.text for w in layout.words]
        once[layout.dpi] = {w.text: w.bbox for w in layout.words if len(w.text) > 3 and texts.count(w.text) == 1}
    shared = once[150].keys() & once[200].keys()
    assert len(shared) > 30
    offsets = sorted(abs(once[150][t][1] - once[200][t][1]) + abs(once[150][t][0] - once[200][t][0]) for t in shared)
    assert offsets[len(offsets) // 2] < 3  # points


def test_a_fax_pages_words_carry_the_other_readings_ocr_weighed(samples_dir: Path):
    fax = image_to_layout(pdf_page_to_image(str(samples_dir / "rendered" / "mamnon-2025-fax150.pdf"), 2), OcrSettings())
    weighed = [w for w in fax.words if w.readings]
    assert len(weighed) > len(fax.words) / 4
    for w in weighed:
        costs = [cost for _, cost in w.readings]
        assert costs == sorted(costs) and costs[0] >= 0
        assert all(r.isalpha() and r == r.lower() and r != w.text.lower() for r, _ in w.readings)


def test_hocr_with_the_recognisers_choices_gives_the_words_tsv_gives(samples_dir: Path):
    """A page's main read is hOCR, not TSV: the same words, boxes, confidences, blocks and lines."""
    image = pdf_page_to_image(str(samples_dir / "rendered" / "thcs-2024-scan200.pdf"), 2).pixels[:900]
    plain = image_to_words(image, 200, OcrSettings())
    weighed = image_to_words(image, 200, OcrSettings(), readings=True)
    assert len(plain) > 50
    key = lambda w: (w.text, w.left, w.top, w.width, w.height, round(w.conf), w.block, w.line)  # noqa: E731
    assert [key(w) for w in weighed] == [key(w) for w in plain]
    assert any(w.readings for w in weighed) and not any(w.readings for w in plain)


def test_other_readings_change_one_or_two_letters_at_the_recognisers_doubt():
    """ "ngẫn" read with "ắ" close behind "ẫ" is "ngắn" at ln(87/72) nats; marks around the word are no part of it."""
    letters = [
        ("n", [("n", 95.0)]),
        ("g", [("g", 93.0), ("q", 9.0)]),
        ("ẫ", [("ẫ", 87.0), ("ắ", 72.0), ("ã", 0.0)]),
        ("n", [("n", 94.0)]),
        (",", [(",", 80.0), (".", 40.0)]),
    ]
    readings = dict(letters_to_readings(letters))
    assert readings["ngắn"] == pytest.approx(math.log(87 / 72))
    assert readings["nqắn"] == pytest.approx(math.log(87 / 72) + math.log(93 / 9))
    assert "ngãn" not in readings and "ngẫn" not in readings  # no weight, and the word itself
    assert all(r.isalpha() for r in readings)


def test_an_ellipsis_glyph_and_typed_full_stops_are_told_apart_on_a_200_dpi_page():
    """Set in Liberation Serif (Times metrics) at 12 pt, as the rendered samples are."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", round(12 * 200 / 72))
    image = Image.new("L", (1600, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 60), "Cấp bản sao các loại giấy tờ…) tại bộ phận một cửa của nhà trường.", font=font, fill=0)
    draw.text((60, 160), "Họp trực tuyến qua Zoom, Google Meet...) thay cho họp trực tiếp.", font=font, fill=0)
    words = [w.text for w in image_to_layout(PageImage(np.array(image), 200, 1), OcrSettings()).words]
    assert "tờ…)" in words
    assert "Meet...)" in words


def _set_line(text: str, size: float = 10.0):
    """``text`` set in Liberation Serif at ``size`` pt on a 200-dpi strip, and the words Tesseract reads in it."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    serif = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
    font = ImageFont.truetype(serif, round(size * 200 / 72))
    image = Image.new("L", (1400, 120), 255)
    ImageDraw.Draw(image).text((40, 40), text, font=font, fill=0)
    pixels = np.array(image)
    return image_to_words(pixels, 200, OcrSettings(), readings=True), pixels


def test_a_lone_token_tesseract_dropped_inside_a_line_or_at_its_end_is_read_again():
    """In 10-pt type Tesseract may drop the lone "6" of "(quý, 6 tháng, năm)" as a stray mark."""
    for text, token in (("định kỳ (quý, 6 tháng, năm) và đột xuất", "6"), ("Báo cáo định kỳ (quý, 6", "6")):
        words, image = _set_line(text)
        kept = [w for w in words if w.text != token]  # as Tesseract drops it
        again = read_dropped(kept, image, [], 200, OcrSettings())
        assert [w.text for w in again] == [token]
        quy = next(w for w in kept if w.text == "(quý,")
        assert again[0].left > quy.left + quy.width  # in the gap, boxed on the page


def test_nothing_is_read_again_where_every_ink_has_its_word():
    words, image = _set_line("định kỳ (quý, 6 tháng, năm) và đột xuất")
    assert read_dropped(words, image, [], 200, OcrSettings()) == []
    words, image = _set_line("định kỳ theo quý")
    image[40:44, 700:703] = 0  # a speck after the line
    assert read_dropped(words, image, [], 200, OcrSettings()) == []


def _word(text: str, conf: float, left: int = 100, readings: tuple = ()) -> OcrWord:
    return OcrWord(text, left, 50, 60, 30, conf, 1, 1, readings)


def test_the_surer_of_two_readings_of_a_fax_word_is_kept_and_the_other_weighed():
    """A fax read twice, smoothed less and more: "cát cách" and "cải cách"."""
    import math

    [kept] = second_opinion([_word("cát", 60.0)], [_word("cải", 80.0)])
    assert kept.text == "cải"  # ten points surer or more: the second reading
    assert dict(kept.readings)["cát"] == pytest.approx(1.0 + math.log(80 / 60))
    [kept] = second_opinion([_word("cát", 60.0, readings=(("cáu", 0.4),))], [_word("cải", 65.0)])
    assert kept.text == "cát"  # not sure enough: the first, with the second among its readings
    assert kept.readings == (("cáu", 0.4), ("cải", 1.0))


def test_a_second_reading_of_other_ink_or_of_the_same_letters_changes_nothing():
    first = [_word("cát", 60.0), _word("năm", 90.0, left=300)]
    assert second_opinion(first, [_word("cải", 95.0, left=135)]) == first  # boxes half apart: other ink
    assert second_opinion(first, [_word("cát,", 95.0), _word("năm.", 99.0, left=300)]) == first  # marks alone
    [kept, _] = second_opinion(first, [_word("cát", 60.0), _word("2046", 99.0, left=300)])
    assert kept.text == "cát"


def _last_read_as(words: list[OcrWord], read: str) -> list[OcrWord]:
    """``words`` with the last one read as ``read``, as Tesseract misreads it on scans."""
    return [*words[:-1], replace(words[-1], text=read)]


@pytest.mark.parametrize(
    ("line", "read", "counted"),
    [
        ("Thời hạn: Quý III/2031", "II/2031", "III/2031"),  # a stroke lost
        ("Thời hạn: Quý II/2031", "1/2031", "II/2031"),
        ("Thời hạn: Quý I/2031", "2031", "I/2031"),  # the numeral and its slash lost
        ("Thời hạn: Quý III/2031", "III/2031", "III/2031"),  # read right: kept
        ("Thời hạn: Quý 1/2031", "1/2031", "1/2031"),  # an Arabic one is a stroke too: kept as printed
        ("Cuối học kỳ II", "H", "II"),  # two strokes run into an "H"
    ],
)
def test_the_strokes_of_a_quarters_roman_numeral_are_counted_on_the_page(line: str, read: str, counted: str):
    words, image = _set_line(line, 11.0)
    recounted = recount_roman_numerals(_last_read_as(words, read), image)
    assert [w.text for w in recounted] == [*(w.text for w in words[:-1]), counted]


@pytest.mark.parametrize("line", ["Thời hạn: Quý IV/2031", "Thời hạn: Quý 2/2031", "Tuân thủ quy định"])
def test_a_numeral_with_other_letters_an_arabic_quarter_or_a_word_is_left_as_read(line: str):
    words, image = _set_line(line, 11.0)
    assert recount_roman_numerals(words, image) == words
