from __future__ import annotations

import unicodedata

from normalize.text import clean, fold, fold_key, join_lines, strip_markup


def test_fold_removes_tones_hats_and_d_bar():
    assert fold("Chỉ số CẢI CÁCH Đẩy mạnh") == "chi so cai cach day manh"
    assert fold("Ủy ban nhân dân Thành phố") == "uy ban nhan dan thanh pho"


def test_fold_accepts_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Nghiệp vụ")
    assert fold(decomposed) == "nghiep vu"


def test_fold_keeps_length_of_nfc_text():
    text = "Quận 1, ngày 30 tháng 01 năm 2024"
    assert len(fold(text)) == len(text)


def test_fold_key_drops_punctuation():
    assert fold_key("Cơ quan chủ trì/Công chức thực hiện") == "co quan chu tri cong chuc thuc hien"


def test_clean_is_nfc_and_collapses_spaces():
    raw = unicodedata.normalize("NFD", "  Kế   hoạch\u00a0 số ")
    out = clean(raw)
    assert out == "Kế hoạch số"
    assert unicodedata.is_normalized("NFC", out)
    assert clean("   ") is None


def test_join_lines_keeps_bullet_breaks_only():
    lines = ["Xây dựng môi trường", "làm việc điện tử:", "- 100% văn bản", "điện tử;", "+ chữ ký số"]
    assert join_lines(lines) == "Xây dựng môi trường làm việc điện tử:\n- 100% văn bản điện tử;\n+ chữ ký số"


def test_join_lines_goes_on_a_range_the_line_broke():
    """ "năm học 2024 - 2025" wrapped before its dash is no bullet."""
    assert join_lines(["Tuyển sinh lớp 1 năm học 2024", "- 2025 theo hình thức trực tuyến"]) == (
        "Tuyển sinh lớp 1 năm học 2024 - 2025 theo hình thức trực tuyến"
    )


def test_join_lines_of_nothing_is_none():
    assert join_lines([]) is None
    assert join_lines(["", "  "]) is None


def test_strip_markup():
    assert strip_markup("<b>MỤC TIÊU</b> **II**") == "MỤC TIÊU II"


def test_join_lines_goes_on_a_phrase_broken_at_its_dash():
    assert join_lines(["Hội đồng thi đua", "- khen thưởng và các hội đồng khác"]) == (
        "Hội đồng thi đua - khen thưởng và các hội đồng khác"
    )
    assert join_lines(["Gồm các nội dung:", "- xây dựng kế hoạch;"]) == "Gồm các nội dung:\n- xây dựng kế hoạch;"


def test_join_lines_goes_on_inside_a_quotation():
    """A dash before a capital starts an item, except inside a quotation the line above opened."""
    assert join_lines(["khuôn viên “Xanh - Sạch", "- Đẹp - An toàn”; bố trí"]) == (
        "khuôn viên “Xanh - Sạch - Đẹp - An toàn”; bố trí"
    )
    assert join_lines(["“Trường học hạnh phúc”", "- Tổ chức"]) == "“Trường học hạnh phúc”\n- Tổ chức"
