from __future__ import annotations

from datetime import date

import pytest

from ingest.header import lines_to_header, lines_to_targets
from schema.records import TextLine


def _lines(*texts, page_width=595.0):
    """Lines laid out like a real header: (text, x0, x1) tuples or plain strings for body text."""
    out = []
    for i, item in enumerate(texts):
        if isinstance(item, tuple):
            text, x0, x1 = item
            mid = (x0 + x1) / 2
            centered = abs(mid - page_width / 2) < 0.06 * page_width and x0 > 80
            out.append(TextLine(1, text, (x0, 40 + 14 * i, x1, 52 + 14 * i), 1.0, centered))
        else:
            out.append(TextLine(1, item, (57, 40 + 14 * i, 540, 52 + 14 * i), 1.0, False))
    return out


def test_ward_header_frame():
    lines = _lines(
        ("ỦY BAN NHÂN DÂN", 80, 230),
        ("PHƯỜNG SÀI GÒN", 90, 220),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 540),
        ("TRƯỜNG MẦM NON HOA SEN", 70, 240),
        ("Số: 03/KH-MNHS", 100, 200),
        ("Phường Sài Gòn, ngày 10 tháng 02 năm 2026", 320, 540),
        ("KẾ HOẠCH", 260, 335),
        ("Cải cách hành chính năm 2026", 200, 395),
        "Căn cứ Kế hoạch số 05/KH-UBND ngày 06 tháng 01 năm 2026 của Ủy ban nhân dân phường Sài Gòn;",
        "I. CHỈ TIÊU",
        "1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.",
        "2. Mức độ hài lòng của phụ huynh đạt từ 95% trở lên;",
        "a) tính trên phiếu khảo sát.",
        "II. NHIỆM VỤ",
        ("Q. HIỆU TRƯỞNG", 350, 480),
        ("(Đã ký)", 380, 450),
        ("Lê Thị Hồng Nhung", 350, 480),
    )
    facts, warnings = lines_to_header(lines)
    assert facts.parent == "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN"
    assert facts.organization == "TRƯỜNG MẦM NON HOA SEN"
    assert facts.doc_number == "03/KH-MNHS"
    assert (facts.place, facts.issued_date, facts.year) == ("Phường Sài Gòn", date(2026, 2, 10), 2026)
    assert facts.title == "Cải cách hành chính năm 2026"
    assert facts.signer == "Lê Thị Hồng Nhung"
    assert warnings == []
    targets = lines_to_targets(lines)
    assert [t.percent for t in targets] == [100, 95, None]
    assert targets[0].text == "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%."


def test_place_that_contradicts_the_body_is_left_empty():
    lines = [TextLine(None, t) for t in ["Quân 7; hày 27 háng OI năm 2025", *["Trường ở Quận 1."] * 3]]
    facts, warnings = lines_to_header(lines)
    assert facts.place is None and facts.issued_date == date(2025, 1, 27)
    assert "Quận 1" in warnings[0]


def test_a_place_of_three_words_agrees_with_the_body_that_names_it():
    """The body's "phường Phú Thọ Hòa tổ chức" is the date line's ward, not another; "Quận 10" is not "Quận 1"."""
    body = ["Ủy ban nhân dân phường Phú Thọ Hòa tổ chức hội nghị."] * 3
    lines = [TextLine(None, "Phường Phú Thọ Hòa, ngày 22 tháng 01 năm 2026")]
    facts, warnings = lines_to_header([*lines, *(TextLine(None, t) for t in body)])
    assert (facts.place, warnings) == ("Phường Phú Thọ Hòa", [])
    tenth = [TextLine(None, t) for t in ["Quận 1, ngày 27 tháng 01 năm 2025", *["Trường ở Quận 10."] * 3]]
    assert lines_to_header(tenth)[0].place is None


def test_organization_from_the_body_when_the_header_lacks_it():
    lines = [TextLine(None, "Trường THCS Minh Đức, Quận 1 xây dựng Kế hoạch thực hiện công tác CCHC năm 2024")]
    assert lines_to_header(lines)[0].organization == "Trường THCS Minh Đức"


def test_title_on_the_same_line():
    facts, _ = lines_to_header([TextLine(None, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025")])
    assert facts.title == "CẢI CÁCH HÀNH CHÍNH NĂM 2025" and facts.year == 2025


def test_signer_under_a_title_that_lost_its_first_letters():
    """A fax read "ỆU TRƯỞNG" for "HIỆU TRƯỞNG"."""
    lines = _lines("I. NHIỆM VỤ", ("ỆU TRƯỞNG", 350, 480), ("Trần Thúy An", 360, 470))
    assert lines_to_header(lines)[0].signer == "Trần Thúy An"


def test_a_title_whose_heading_lost_its_vowel():
    """A 200-dpi scan read "K HOẠCH" for "KẾ HOẠCH"."""
    lines = _lines(
        ("TRƯỜNG THPT NGUYỄN HUY TƯỞNG", 60, 240),
        ("K HOẠCH", 262, 333),
        ("Thực hiện công tác cải cách hành chính năm 2032", 160, 435),
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;",
    )
    assert lines_to_header(lines)[0].title == "Thực hiện công tác cải cách hành chính năm 2032"


@pytest.mark.parametrize(
    ("title", "name"), [("HIỆU ' TRƯỞNG", "Lâm Thị Thu Hương."), ("HIỆU TRƯỞNG `", "Trần Thị Ngọc Hân:")]
)
def test_signer_under_a_title_and_over_a_name_a_fax_strewed_specks_over(title: str, name: str):
    lines = _lines("I. NHIỆM VỤ", (title, 361, 456), "- Công đoàn, Đoàn trường;", (name, 350, 468))
    assert lines_to_header(lines)[0].signer == name.rstrip(".:")


@pytest.mark.parametrize("heading", ["KẾ. HOẠCH", "KÈ, HOẠCH", "KÈE HOẠCH", "H KẾ HOẠCH"])
def test_a_title_under_a_heading_with_a_speck_a_doubled_vowel_or_a_stray_letter(heading: str):
    """As faxes and 200-dpi scans of 10-pt plans read "KẾ HOẠCH"."""
    lines = _lines(
        ("TRƯỜNG MẦM NON HƯƠNG SEN", 60, 240),
        (heading, 262, 333),
        ("Cải cách hành chính năm 2041", 200, 395),
        "Căn cứ Kế hoạch số 07/KH-UBND ngày 08 tháng 01 năm 2041 của Ủy ban nhân dân xã Đông Thạnh;",
    )
    assert lines_to_header(lines)[0].title == "Cải cách hành chính năm 2041"


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("Số: 08/KH:MNHS", "08/KH-MNHS"),
        ("Số:.06/KH-THÁPT", "06/KH-THAPT"),
        ("Số: 09/KH-TTGDĐT", "09/KH-TTGDĐT"),
        ("Số: 08/KH- MNBS -", "08/KH-MNBS"),
        ("Số: 09/KHxTHCSHHT", "09/KH-THCSHHT"),
    ],
)
def test_a_document_numbers_dash_read_as_a_colon_and_marks_read_over_its_capitals(printed: str, number: str):
    lines = _lines(
        ("ỦY BAN NHÂN DÂN XÃ HƯNG LONG", 60, 240),
        ("TRƯỜNG TIỂU HỌC AN PHÚ TÂY", 60, 240),
        (printed, 100, 200),
        ("KẾ HOẠCH", 262, 333),
        ("Cải cách hành chính năm 2040", 200, 395),
        "Căn cứ Kế hoạch số 214/KH-UBND ngày 26 tháng 12 năm 2039 của Ủy ban nhân dân xã;",
    )
    assert lines_to_header(lines)[0].doc_number == number


def test_header_facts_mended_from_a_fax():
    """A lost slash in the number, "thông" read for "tháng", a title with a speck and a small first letter."""
    lines = _lines(
        ("ỦY BAN NHÂN DÂN", 80, 230),
        ("PHƯỜNG BẾN THÀNH", 90, 220),
        ("TRƯỜNG TIỂU HỌC HÒA BÌNH", 70, 240),
        ("Số: 15KH-THHB", 100, 200),
        ("Phường Bến Thành, ngày 12 thông 01 năm 2026", 320, 540),
        ("KẾ HOẠCH", 260, 335),
        ("cải CÁCH HÀNH CHÍNH NĂM 2026.", 200, 395),
        "I. MỤC TIÊU",
    )
    facts, _ = lines_to_header(lines)
    assert facts.doc_number == "15/KH-THHB"
    assert facts.issued_date == date(2026, 1, 12)
    assert facts.title == "CẢI CÁCH HÀNH CHÍNH NĂM 2026"


def test_header_lines_a_fax_ran_together():
    """The motto read into the ward's second line, and the number line's "Số:" misread, so it ran on from
    the school's name."""
    lines = _lines(
        ("ỦY BAN NHÂN DÂN", 80, 230),
        ("PHƯỜNG PHÚ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM THỌ HÒA", 60, 500),
        ("TRƯỜNG THPT HÒA THẠNH", 70, 240),
        ("Sñ: 28/KH-THPTHT", 100, 200),
        ("KẾ HOẠCH", 260, 335),
        ("Cải cách hành chính năm 2026", 200, 395),
    )
    facts, _ = lines_to_header(lines)
    assert facts.parent == "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THỌ HÒA"
    assert (facts.organization, facts.doc_number) == ("TRƯỜNG THPT HÒA THẠNH", "28/KH-THPTHT")


def test_a_plan_issued_in_december_is_for_the_year_its_table_names():
    """The fax lost the title; the date line says 2026, the deadlines 2027."""
    lines = [TextLine(None, "Phường Bảy Hiền, ngày 18 tháng 12 năm 2026")]
    assert lines_to_header(lines, fallback_year=2027)[0].year == 2027
    assert lines_to_header(lines, fallback_year=2020)[0].year == 2026


def test_a_title_year_misread_by_one_digit_is_read_as_the_year_it_was():
    lines = _lines(("KẾ HOẠCH", 260, 335), ("Thực hiện công tác cải cách hành chính năm 1024", 150, 445))
    assert lines_to_header(lines)[0].year == 2024


def test_the_header_frame_is_read_from_the_first_pages_width():
    """A landscape table page after a portrait first page: the date line, right of the first page's middle,
    is no line of the school's name, however wide the later page is."""
    lines = _lines(
        ("ỦY BAN NHÂN DÂN PHƯỜNG", 69, 234),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 284, 534),
        ("PHÚ THỌ HÒA", 112, 192),
        ("TRƯỜNG MẦM NON HOA", 78, 226),
        ("Phường Phú Thọ Hòa, ngày 08 tháng 01 năm 2029", 283, 531),
        ("THỦY TIÊN", 118, 185),
        ("Số: 04/KH-MNHTT", 103, 204),
        ("KẾ HOẠCH", 260, 333),
        ("Thực hiện công tác cải cách hành chính năm 2029", 160, 435),
    )
    wide = TextLine(2, "STT Nội dung công việc Thời gian hoàn thành", (40, 60, 800, 72), 1.0, False)
    facts, _ = lines_to_header([*lines, wide])
    assert facts.organization == "TRƯỜNG MẦM NON HOA THỦY TIÊN"
    assert facts.parent == "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THỌ HÒA"


def test_a_parent_body_a_fax_strewed_specks_over_is_found():
    lines = _lines(
        ("“ỦY BẠN: NHÂN DÂN", 80, 230),
        ("PHƯỜNG: BẢY HIỀN", 90, 220),
        ("TRƯỜNG THCS TRƯƠNG CÔNG ĐỊNH", 70, 240),
        ("Phường Bảy Hiền, ngày 16 tháng 01.năm 2036", 320, 540),
        ("KẾ HOẠCH", 260, 335),
        ("Thực hiện công tác cải cách hành chính năm 2036", 200, 395),
    )
    facts, _ = lines_to_header(lines)
    assert facts.parent is not None and facts.parent.endswith("BẢY HIỀN")
    assert (facts.place, facts.issued_date) == ("Phường Bảy Hiền", date(2036, 1, 16))
    lines[0] = _lines(("UY BẠN NHÂN DAN:PHƯƠNG", 80, 230))[0]  # a speck between two words
    facts, _ = lines_to_header(lines)
    assert facts.parent is not None and facts.parent.startswith("UY BẠN NHÂN DAN")


def test_a_fax_header_with_the_number_run_into_the_schools_name_and_specks_after_the_names():
    """The number's line read as the school name's second line, its "Số:" misread; a speck after the parent body;
    "TRƯỜNG" (school) read as "TRƯỞNG" (head)."""
    lines = _lines(
        ("ỦY BAN NHÂN DÂN XÃ HIỆP PHƯỚC.", 60, 240),
        ("TRƯỞNG MẪU GIÁO SƠN CA", 60, 240),
        ("S36:'08/KH:MGSC", 100, 200),
        ("Hiệp Phước, ngày 14 tháng 01 năm 2043", 320, 540),
        ("KẾ HOẠCH", 262, 333),
        ("Cải cách hành chính năm 2043", 200, 395),
        "Căn cứ Điều lệ Trường mầm non;",
    )
    facts, _ = lines_to_header(lines)
    assert facts.organization == "TRƯỜNG MẪU GIÁO SƠN CA"
    assert facts.parent == "ỦY BAN NHÂN DÂN XÃ HIỆP PHƯỚC"
    assert facts.doc_number == "08/KH-MGSC"


def test_a_fax_header_with_a_dash_after_the_school_and_a_damaged_date_line():
    lines = _lines(
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 70, 250),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 540),
        ("THÀNH PHỐ HỒ CHÍ MINH", 75, 245),
        ("Độc lập - Tự do - Hạnh phúc", 340, 500),
        ("TRƯỜNG THPT BÌNH PHÚ -", 90, 230),
        ("Số: 31/KH-THPTBP", 100, 200),
        ("Thành phố Hồ Chí Minh, rqày 28 tháng 12 năm 23025", 300, 540),
        ("KẾ HOẠCH", 260, 335),
        ("Cải cách hành chính năm 2026", 200, 395),
    )
    facts, _ = lines_to_header(lines)
    assert facts.organization == "TRƯỜNG THPT BÌNH PHÚ"
    assert (facts.place, facts.issued_date, facts.year) == ("Thành phố Hồ Chí Minh", date(2025, 12, 28), 2026)


def test_a_centre_whose_long_name_pushes_its_number_below_the_title():
    lines = _lines(
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 70, 250),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 540),
        ("THÀNH PHỐ HỒ CHÍ MINH", 75, 245),
        ("Độc lập - Tự do - Hạnh phúc", 340, 500),
        ("TRUNG TÂM GIÁO DỤC NGHỀ", 80, 240),
        ("Thành phố Hồ Chí Minh, ngày 16 tháng 01 năm 2029", 300, 540),
        ("NGHIỆP - GIÁO DỤC THƯỜNG", 80, 240),
        ("XUYÊN QUẬN 3", 110, 210),
        ("KẾ HOẠCH", 260, 335),
        ("Số: 11/KH-GDNN", 100, 200),
        ("Cải cách hành chính năm 2029", 200, 395),
    )
    facts, _ = lines_to_header(lines)
    assert facts.parent == "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH"
    assert facts.organization == "TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN QUẬN 3"
    assert (facts.doc_number, facts.title) == ("11/KH-GDNN", "Cải cách hành chính năm 2029")


@pytest.mark.parametrize(
    ("date_line", "deadline_year", "year"),
    [
        ("Phường Bình Lợi Trung, ngày 14 tháng 01 năm m2029", 2029, 2029),  # the title's "2023" is a misread 2029
        ("Phường Bình Lợi Trung, ngày 14 tháng 01 năm 2023", 2024, 2023),  # the title and the date line agree
    ],
)
def test_a_title_year_misread_by_one_digit_is_outvoted(date_line: str, deadline_year: int, year: int):
    lines = _lines(
        ("9Y-BÀN NHÂN DÂN PHƯỜNG", 80, 230),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 540),
        ("BÌNH LỢI TRUNG", 90, 220),
        ("TRƯỜNG TIỂU HỌC BÌNH LỢI TRUNG", 70, 240),
        (date_line, 300, 540),
        ("KẾ HOẠCH", 260, 335),
        ("Triển khai công tác cải cách hành chính năm 2023", 150, 445),
    )
    facts, _ = lines_to_header(lines, fallback_year=deadline_year)
    assert facts.year == year and facts.title == f"Triển khai công tác cải cách hành chính năm {year}"
    assert facts.parent == "9Y-BÀN NHÂN DÂN PHƯỜNG BÌNH LỢI TRUNG"  # found; repair mends its words later


def test_a_speck_read_as_a_line_does_not_cut_the_parents_name():
    """A fax's "," read as a line of its own between "ỦY BAN NHÂN DÂN PHƯỜNG" and "TÂN MỸ"."""
    lines = _lines(
        ("ỦY BAN NHÂN DÂN PHƯỜNG", 70, 240),
        (",", 150, 153),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 540),
        ("TÂN MỸ", 120, 180),
        ("TRƯỜNG MẦM NON SAO MAI", 70, 240),
        ("Số: 08/KH-MNSM", 100, 200),
        ("KẾ HOẠCH", 260, 335),
    )
    facts, _ = lines_to_header(lines)
    assert (facts.parent, facts.organization) == ("ỦY BAN NHÂN DÂN PHƯỜNG TÂN MỸ", "TRƯỜNG MẦM NON SAO MAI")
