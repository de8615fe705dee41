from __future__ import annotations

from datetime import date

import pytest

from normalize.dates import (
    mend_cited_dates,
    mend_date_line,
    mend_years,
    parse_date_line,
    parse_deadline,
    reads_as_deadline,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12/2024", date(2024, 12, 31)),
        ("30/4/2024", date(2024, 4, 30)),
        ("Trước 20/3/2025", date(2025, 3, 20)),
        ("ngày 20 tháng 3 năm 2025", date(2025, 3, 20)),
        ("Tháng 9/2025", date(2025, 9, 30)),
        ("tháng 02 năm 2024", date(2024, 2, 29)),
        ("Quý III/2025", date(2025, 9, 30)),
        ("Quý 1 năm 2025", date(2025, 3, 31)),
        ("Năm 2025", date(2025, 12, 31)),
        ("Cuối năm", date(2025, 12, 31)),
        ("Cả năm", date(2025, 12, 31)),
        ("6 tháng đầu năm", date(2025, 6, 30)),
        ("Tháng 9", date(2025, 9, 30)),
        ("15/10", date(2025, 10, 15)),
        ("Tháng 9/2024 - Tháng 5/2025", date(2025, 5, 31)),
        ("Tháng 4 - Tháng 5/2026", date(2026, 5, 31)),
        ("Từ tháng 9 đến tháng 12/2025", date(2025, 12, 31)),
        ("31/12/202531/12/2025", date(2025, 12, 31)),
        ("21/02/202531/12/2025", date(2025, 2, 21)),
        ("3112/2024", date(2024, 12, 31)),
        ("3O/O4/2O25", date(2025, 4, 30)),
        ("Tháng 102027", date(2027, 10, 31)),  # the slash lost
        ("Tháng 9 - Tháng 10.2027", date(2027, 10, 31)),
        ("Quy 1⁄2027", date(2027, 3, 31)),  # a fraction slash
        ("Quý I1/2025", date(2025, 6, 30)),  # a Roman quarter read with ones
        ("Quý 1112025", date(2025, 9, 30)),
        ("Trước ngày 151172025", date(2025, 11, 15)),  # one slash lost, the other read "7"
        ("Quý H/2025", date(2025, 6, 30)),  # two ones run into an "H"
        ("Quý JH/2025", date(2025, 9, 30)),
        ("Quý IX/2025", date(2025, 12, 31)),  # a "V" read as an "X"
        ("Quy-t/2025", date(2025, 3, 31)),
        ("Tháng 11 Tháng 12/2025", date(2025, 12, 31)),  # a range that lost its dash: the last month's end
        ("Tháng 3/2025 và Tháng 10/2025", date(2025, 10, 31)),  # two months: the later
        ("Quý II, Quý IV/2025", date(2025, 12, 31)),
    ],
)
def test_deadlines(text, expected):
    result = parse_deadline(text, 2025)
    assert result.date == expected
    assert result.warning is None


@pytest.mark.parametrize(
    "text", ["Thường xuyên", "Hằng tháng", "Hàng quý", "Hằng năm", "Năm học 2024-2025", "", None, "Theo kế hoạch"]
)
def test_open_deadlines_are_null(text):
    assert parse_deadline(text, 2025).date is None


def test_a_word_that_starts_like_a_quarter_is_none():
    assert parse_deadline("Quy hoạch", 2025).date is None
    assert parse_deadline("Quy định", 2025).date is None


def test_impossible_date_is_null_with_warning():
    result = parse_deadline("31/4/2025", 2025)
    assert result.date is None
    assert "31/4/2025" in result.warning


def test_no_year_and_no_plan_year_is_null():
    assert parse_deadline("Tháng 9", None).date is None


def test_date_line():
    line = parse_date_line("Quận 1, ngày 30 tháng 01 năm 2024")
    assert (line.place, line.date, line.year) == ("Quận 1", date(2024, 1, 30), 2024)


def test_damaged_date_line():
    line = parse_date_line("Quân 7; hày 27 háng OI năm 2025KT, HIỆU TRƯỜNG")
    assert (line.place, line.date) == ("Quân 7", date(2025, 1, 27))


def test_fax_date_line_with_a_slashed_zero_and_a_speck_in_front():
    line = parse_date_line(": Quận 1, ngày 3Ø tháng 01 ñăm 2024")
    assert (line.place, line.date) == ("Quận 1", date(2024, 1, 30))


@pytest.mark.parametrize(
    ("read", "place", "day"),
    [
        ("Huyện Nhà Bè, ngày 16 tháng ĐI năm 2024", "Huyện Nhà Bè", date(2024, 1, 16)),  # "Đ" for a zero
        ("Quận 3, ngày †7thóng Ø1 năm 2025", "Quận 3", date(2025, 1, 17)),  # "†" for a one, run into "tháng"
        ("Quận Bình Tân, ngày 22 thúng 01 năm 2024", "Quận Bình Tân", date(2024, 1, 22)),
        ("Xã Nhà Bè, ngày 18 tháng ĐÌ nãmt 2027", "Xã Nhà Bè", date(2027, 1, 18)),  # a letter stuck to "năm"
        ("Phường Bảy Hiền, ngày 16 tháng 01.năm 2036", "Phường Bảy Hiền", date(2036, 1, 16)),  # a speck before "năm"
        ("Phường Tân Sơn Nhì, ngày 16 tháng 01 hăm 2037", "Phường Tân Sơn Nhì", date(2037, 1, 16)),  # "h" for "n"
        ("Hưng Long, ngày D8 tháng 01-năm 2040", "Hưng Long", date(2040, 1, 8)),  # a fax's dash before "năm"
        ("Tân Nhựt,ngày 08 tháng:01 năm 2027", "Tân Nhựt", date(2027, 1, 8)),  # a comma run into "ngày", a colon
        ("Phường Cầu Kiệu, ngày 18 tháng @1 năm.2027", "Phường Cầu Kiệu", date(2027, 1, 18)),  # "@" for a zero
        ("Xã Hưng Long, ngùy 26 tháng 12 năm 2030", "Xã Hưng Long", date(2030, 12, 26)),  # "à" read "ù"
        ("Phường Chánh Hưng, ngày 09 tháng Ø} năm 29", "Phường Chánh Hưng", date(2029, 1, 9)),  # "20" lost
    ],
)
def test_a_fax_date_line_is_read_through_its_damage(read: str, place: str, day: date):
    line = parse_date_line(read)
    assert (line.place, line.date) == (place, day)


def test_date_line_with_blank_day():
    line = parse_date_line("Phường Sài Gòn, ngày      tháng 3 năm 2025")
    assert (line.place, line.date, line.year) == ("Phường Sài Gòn", None, 2025)


def test_date_line_whose_day_reads_as_no_number_keeps_place_and_year():
    line = parse_date_line('Phường An Lạc, ngày "T3 tháng ổ1 năm 2027.')
    assert (line.place, line.date, line.year) == ("Phường An Lạc", None, 2027)


@pytest.mark.parametrize(
    ("read", "year"), [("23026", 2026), ("20726", 2026), ("31026", None), ("3027", 2027), ("1975", 1975)]
)
def test_a_speck_read_as_a_digit_in_the_year(read: str, year: int | None):
    line = parse_date_line(f"Quận 3, ngày 12 tháng 01 năm {read}")
    assert (line and line.year) == year


def test_a_citation_is_not_a_date_line():
    assert parse_date_line("ngày 03 tháng 6 năm 2023 của Chính phủ quy định về tinh giản biên chế.") is None


@pytest.mark.parametrize(
    ("damaged", "mended"),
    [
        ("Quận 7; hày 27 háng OI năm 2025KT, HIỆU TRƯỞNG", "Quận 7; ngày 27 tháng 01 năm 2025 KT, HIỆU TRƯỞNG"),
        ("Phường Sài Gòn, ngay 12 thang 1 nam 2026", "Phường Sài Gòn, ngày 12 tháng 1 năm 2026"),
        ("Phường Bảy Hiền, ngày 16 tháng 01.năm 2036", "Phường Bảy Hiền, ngày 16 tháng 01 năm 2036"),
        ("Tân Nhựt,ngày 08 tháng:01 năm 2027", "Tân Nhựt, ngày 08 tháng 01 năm 2027"),
        ("Xã Hưng Long, ngùy 26 tháng 12 năm 2030", "Xã Hưng Long, ngày 26 tháng 12 năm 2030"),
        ("Quận 1, ngày 30 tháng 01 năm 2024", "Quận 1, ngày 30 tháng 01 năm 2024"),
        ("Quận 1, ngày ... tháng ... năm 2024", "Quận 1, ngày ... tháng ... năm 2024"),  # a blank date stays blank
        ("Quận 3, ngày 31 tháng 4 năm 2025", "Quận 3, ngày 31 tháng 4 năm 2025"),  # no such day: left as read
        ("Tổ chức họp 2 lần trong năm 2025", "Tổ chức họp 2 lần trong năm 2025"),
    ],
)
def test_a_date_line_is_written_as_the_format_has_it(damaged: str, mended: str):
    assert mend_date_line(damaged) == mended


@pytest.mark.parametrize(
    ("damaged", "mended"),
    [
        (
            "Quyết định số 1191/QĐ-UBND ngày 0? tháng 4 năm 2021 của",
            "Quyết định số 1191/QĐ-UBND ngày 07 tháng 4 năm 2021 của",
        ),
        ("Chỉ thị số 27/CT-TTg ngày 27? tháng 10 năm 2023", "Chỉ thị số 27/CT-TTg ngày 27 tháng 10 năm 2023"),
        ("ngày (0 tháng a năm 2022", "ngày 10 tháng 8 năm 2022"),
        ("ngày (0 tháng ä năm 2022", "ngày 10 tháng 8 năm 2022"),  # a mark on a letter read for a digit
        ("Ngày 19 tháng G năm 2024", "Ngày 19 tháng 6 năm 2024"),
        ("ngậy. 19 thang G năm 2024", "ngày 19 tháng 6 năm 2024"),  # its words spelt right
        ("ngày 17 tháng 6 năm 201i:", "ngày 17 tháng 6 năm 2011:"),
        ("ngày 06 tháng 0 năm 2022", "ngày 06 tháng 0 năm 2022"),  # no such month: left as read
        ("ngày 31 tháng 4 năm 2025", "ngày 31 tháng 4 năm 2025"),
        ("trong ngày làm việc tháng 9 năm 2022", "trong ngày làm việc tháng 9 năm 2022"),
    ],
)
def test_a_cited_date_gets_back_digits_read_as_letters(damaged: str, mended: str):
    assert mend_cited_dates(damaged) == mended


@pytest.mark.parametrize(
    ("damaged", "mended"),
    [
        ("giai đoạn 2921 - 2025", "giai đoạn 2021 - 2025"),  # a year one digit away from one year
        ("Kế hoạch năm 3024", "Kế hoạch năm 2024"),
        ("3024-2025", "2024-2025"),
        ("năm 1975", "năm 1975"),  # a year, if an old one
        ("năm 2082", "năm 2082"),
        ("số 3024/KH-UBND", "số 3024/KH-UBND"),  # no year's place
        ("tiếp nhận 3024 hồ sơ", "tiếp nhận 3024 hồ sơ"),
    ],
)
def test_a_misread_year_is_put_back_in_a_years_place(damaged: str, mended: str):
    assert mend_years(damaged) == mended


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("Quý II/2026", True),
        ("Trước 30/6", True),
        ("Thường xuyên", True),
        ("Cả năm", True),
        ("Từ tháng 9/2032", True),  # a start: a deadline cell, though it gives no date
        ("Phó Hiệu trưởng, Thư ký Hội đồng", False),
        ("Tổ Văn phòng, nhân viên CNTT", False),
        ("", False),
    ],
)
def test_a_cell_reads_as_a_deadline_or_not(text: str, reads: bool):
    assert reads_as_deadline(text) is reads


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Quy 172030", date(2030, 3, 31)),  # a slash read as "7"
        ("15712 2030", date(2030, 12, 15)),
        ("Tháng 72030", date(2030, 7, 31)),  # July, its slash lost
        ("Năm 2017", date(2017, 12, 31)),
    ],
)
def test_a_slash_a_fax_read_as_seven_is_put_back(text: str, deadline: date):
    assert parse_deadline(text, 2030).date == deadline


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Tháng 3, 9/2029", date(2029, 9, 30)),
        ("Tháng 3 và 9/2029", date(2029, 9, 30)),
        ("Tháng 9-10/2029", date(2029, 10, 31)),  # months, not the 9th of October
        ("T9-T10/2029", date(2029, 10, 31)),
        ("Tháng 12/2029, 01/2030", date(2030, 1, 31)),
    ],
)
def test_months_listed_under_one_year_are_due_at_the_last(text: str, due: date):
    assert parse_deadline(text, 2029).date == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Cuối năm học (tháng 5/2030)", date(2030, 5, 31)),
        ("Học kỳ I (trước 15/01/2031)", date(2031, 1, 15)),
        ("Tháng 5/2031 (cuối năm học 2030-2031)", date(2031, 5, 31)),
        ("Cuối học kỳ I (tháng 12/2030)", date(2030, 12, 31)),
    ],
)
def test_a_school_term_with_a_dated_month_is_due_then(text: str, due: date):
    assert parse_deadline(text, 2030).date == due


@pytest.mark.parametrize(
    "text", ["Cuối năm học", "Học kỳ II năm học 2030-2031", "Học kỳ I", "Thường xuyên, báo cáo trước 15/12/2030"]
)
def test_a_school_term_or_recurring_task_naming_no_month_stays_open(text: str):
    assert parse_deadline(text, 2030).date is None


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Quý II, III/2031", date(2031, 9, 30)),
        ("Quý II - III/2031", date(2031, 9, 30)),  # spanned: the end is no bare year
        ("Quý II và III/2031", date(2031, 9, 30)),
        ("Quý III, IV năm 2031", date(2031, 12, 31)),
        ("Quý IV/2030 - Quý I/2031", date(2031, 3, 31)),
    ],
)
def test_quarters_listed_under_one_year_are_due_at_the_last(text: str, due: date):
    assert parse_deadline(text, 2031).date == due


def test_a_fax_date_line_with_a_dash_after_the_month_word_is_read():
    line = parse_date_line("Phường Chánh Hưng, ngày 14 tháng-01 năm 2030")
    assert (line.place, line.date) == ("Phường Chánh Hưng", date(2030, 1, 14))


def test_two_digits_in_a_date_lines_year_outside_the_years_plans_cite_are_no_year():
    assert parse_date_line("Quận 1, ngày 09 tháng 01 năm 75") is None


def test_a_ranges_end_with_its_year_misread_by_a_digit_is_mended():
    assert parse_deadline("Từ tháng 1 đến tháng 12/2831", 2031).date == date(2031, 12, 31)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Tháng 5. 11/2029", date(2029, 11, 30)),  # a comma read as a full stop
        ("Tháng 3 4/2031", date(2031, 4, 30)),  # the dash lost
        ("Tháng 6« 7/2030", date(2030, 7, 31)),
        ("Tháng. 10-11/2031", date(2031, 11, 30)),
        ("Tháng.6 năm 2029", date(2029, 6, 30)),
    ],
)
def test_months_of_a_fax_read_through_a_lost_or_misread_mark(text: str, due: date):
    assert parse_deadline(text, 2030).date == due


@pytest.mark.parametrize("text", ["Từ tháng 9/2032", "Bắt đầu từ 01/9/2032", "Kể từ tháng 9/2032"])
def test_a_start_alone_is_no_deadline(text: str):
    assert parse_deadline(text, 2032).date is None


@pytest.mark.parametrize(
    ("text", "due"),
    [("Từ tháng 1 đến tháng 12/2032", date(2032, 12, 31)), ("Từ tháng 7-9/2032", date(2032, 9, 30))],
)
def test_a_span_from_a_start_is_due_at_its_end(text: str, due: date):
    assert parse_deadline(text, 2032).date == due
