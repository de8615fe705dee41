from __future__ import annotations

from pathlib import Path

import pytest

from cchc import resources
from cchc.linking import default_catalogue_text
from cchc.repair_eval import RepairScore, score_repair
from normalize.catalogue import parse_catalogue
from normalize.lexicon import BOUNDARY, NUMBER, Lexicon
from normalize.repair import Repairer, channel_cost, mend_cell_ends, mend_cell_starts, mend_header_marks, repair_lines
from schema.records import Task


@pytest.fixture(scope="module")
def repairer() -> Repairer:
    catalogue = parse_catalogue(default_catalogue_text())
    return Repairer(resources.lexicon(tuple(e.text for e in catalogue.entries)))


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # The damage the issue names, and Tesseract's commonest error on this genre.
        ("Chi số CCHC", "Chỉ số CCHC"),
        ("Kê hoạch", "Kế hoạch"),
        ("Uy ban nhân dân Thành phô", "Ủy ban nhân dân Thành phố"),
        ("đầy mạnh chuyên đối số", "đẩy mạnh chuyển đổi số"),
        ("Hiệu trường", "Hiệu trưởng"),
        ("HIỆU TRƯỜNG", "HIỆU TRƯỞNG"),
        ("Ban Giám hiệu, Tố Văn phòng.", "Ban Giám hiệu, Tổ Văn phòng."),
        ("Kế hoạch kiếm tra nội bộ", "Kế hoạch kiểm tra nội bộ"),
        ("Chương trình tông thê CCHC", "Chương trình tổng thể CCHC"),
        ("các Tố Chồi, Tố Lá", "các Tổ Chồi, Tổ Lá"),  # a kindergarten's groups by age
    ],
)
def test_damaged_words_are_repaired(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("ỦY BAN NHÂN DÂN PHƯỜNG BÌNH QUỚỜI", "ỦY BAN NHÂN DÂN PHƯỜNG BÌNH QUỚI"),  # not "QUỚ ỜI", then "QUỚI THỜI"
        ("các tổ chuyên mônn", "các tổ chuyên môn"),
        ("Thực hiện công tác cải ăi cách hành chính", "Thực hiện công tác cải cách hành chính"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍMINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH"),
        ("II. NỘI DUNG THỰC HIỆN", "II. NỘI DUNG THỰC HIỆN"),
    ],
)
def test_letters_and_word_ends_read_twice(repairer: Repairer, damaged: str, repaired: str):
    """A letter read twice goes; a word's end read again as a word goes; of two splits, the pair the corpus writes."""
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MIÑH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH"),
        ("Người ký: Trần Văn Miñh", "Người ký: Trần Văn Minh"),
        ("Ban lañh đạo nhà trường", "Ban lãnh đạo nhà trường"),
    ],
)
def test_a_mark_on_a_consonant_is_put_back_or_dropped(repairer: Repairer, damaged: str, repaired: str):
    """A capital word with a stray mark ("MIÑH") is a word, not an acronym with a speck to drop."""
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # A heading in capitals: a word that lost its marks is no syllable as read, and no acronym either.
        ("ỦY BAN NHÂN DÂN PHƯỜNG BẢY HIEN", "ỦY BAN NHÂN DÂN PHƯỜNG BẢY HIỀN"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        # Acronyms among capitals stay.
        ("BAN CHỈ ĐẠO CCHC", "BAN CHỈ ĐẠO CCHC"),
        ("SỞ GD&ĐT TP. HCM", "SỞ GD&ĐT TP. HCM"),
        ("TRƯỜNG THCS NGUYỄN DU", "TRƯỜNG THCS NGUYỄN DU"),
        # A ward the corpus names, its marks misread: each of its words is a real word too.
        ("Phường Bảy Hiển, ngày 16 tháng 01 năm 2036", "Phường Bảy Hiền, ngày 16 tháng 01 năm 2036"),
        ("ỦY BAN NHÂN DÂN PHƯỜNG TÂN SƠN NHI", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN SƠN NHÌ"),
        # A city's name follows "thành phố": "Hồ Chị Minh" is a real word run, but no city's name.
        ("Thành phố Hồ Chị Minh, ngày 29 tháng 12 năm 2026", "Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2026"),
        ("trên địa bàn phường Tân Sơn Nhi và Quận 1", "trên địa bàn phường Tân Sơn Nhì và Quận 1"),
        # The unit's kind, in capitals before a name the corpus knows, gets its marks back too.
        ("Xà Đông Thạnh, ngày 15 tháng 01 năm 2041", "Xã Đông Thạnh, ngày 15 tháng 01 năm 2041"),
        ("ỦY BAN NHÂN DÂN PHUỜNG TÂN SƠN NHI", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN SƠN NHÌ"),
        ("Cơ Quan Bình Thạnh", "Cơ Quan Bình Thạnh"),
        # No unit: the words stay.
        ("cơ quan Bình Thạnh", "cơ quan Bình Thạnh"),
        ("xã hội hóa giáo dục", "xã hội hóa giáo dục"),
    ],
)
def test_headings_in_capitals_and_known_place_names_get_their_marks_back(
    repairer: Repairer, damaged: str, repaired: str
):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Kê hoạch CCHCnăm 2025", "Kế hoạch CCHC năm 2025"),
        ("đánh giá kếtquả", "đánh giá kết quả"),
        ("CẢI CÁCH HÀNH CHÍNHNĂM 2025", "CẢI CÁCH HÀNH CHÍNH NĂM 2025"),
        ("thôngvệCCHC", "thông về CCHC"),
        ("31/12/202531/12/2025", "31/12/2025 31/12/2025"),
        ("nâng-cao chất lượng", "nâng cao chất lượng"),
        ("quy tắc ứng-xử", "quy tắc ứng xử"),
        ("kiểm tra nội bộ-việc thực hiện", "kiểm tra nội bộ việc thực hiện"),
        ("theo Nghị định số 73/2023/NĐ-CP-ngày 19", "theo Nghị định số 73/2023/NĐ-CP ngày 19"),
        ("Quận 1.đa dạng", "Quận 1 đa dạng"),
        ("đào tạo, quy5.1 hoạch", "đào tạo, quy 5.1 hoạch"),
    ],
)
def test_run_together_words_are_split_where_certain(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    "clean",
    [
        "giảm chi phí, tiết kiệm thời gian đi lại",
        "Quận 1",
        "kể cả các đơn vị",
        "Phân công, bố trí nhân sự",
        "Nghị quyết số 131/NQ-CP ngày 06 tháng 10 năm 2022",
        "Nghị định số 29/2023/NĐ-CP",
        "CBCCVC, TTHC, PHHS, BGH",
        "Hội nghị trực tuyến Zoom, Google Meet",
        "Trần Thúy An",
        "Vũ Thị Thoan",
        "Quy chế chi tiêu nội bộ",
        "Kế hoạch; Thông báo tại các cuộc họp HDSP",
        "định kỳ hằng năm và hàng năm",  # both spellings are right
        "Đảm bảo hàng quý gửi bài viết",
        "treo pa-nô tuyên truyền, phòng chống vi-rút",  # loanwords the dictionary writes with dashes
        "tài khoản VNeID",  # a brand's small letter is no word of its own
        "Giảm tải hồ sơ sổ sách",  # "tăng, giảm tài sản", seen once, asks for no dear change
        "Văn bản cử tham gia các lớp",  # "biên bản cụ thể", seen once, is not enough to change two marks
        "theo dõi công tác",
        "MỤC TIÊU (cụ thể, rõ ràng)",
        "Thực hiện theo mục 2 của Kế hoạch này",  # a plan cites its own parts; "theo mức" is commoner
        "TRƯỜNG THCS TRƯƠNG CÔNG ĐỊNH",  # a school named after a person: "TRƯƠNG" is no misread "TRƯỜNG"
    ],
)
def test_correct_text_is_never_changed(repairer: Repairer, clean: str):
    result = repairer.repair(clean)
    assert result.text == clean
    assert result.changes == ()


def test_tone_marks_go_in_the_traditional_place(repairer: Repairer):
    result = repairer.repair("hiện đại hoá, Thuý")
    assert result.text == "hiện đại hóa, Thúy"
    assert {c.reason for c in result.changes} == {"tone placement"}


def test_every_change_is_audited(repairer: Repairer):
    result = repairer.repair("Chi số CCHC")
    (change,) = result.changes
    assert (change.before, change.after, change.reason) == ("Chi", "Chỉ", "tone")
    assert 0.6 <= change.score <= 1.0
    assert result.raw == "Chi số CCHC"


def test_unsure_changes_are_flagged_not_made():
    catalogue = parse_catalogue(default_catalogue_text())
    strict = Repairer(resources.lexicon(tuple(e.text for e in catalogue.entries)), threshold=1.0)
    result = strict.repair("Chi số CCHC")
    assert result.text == "Chi số CCHC"
    assert [(c.before, c.after) for c in result.review] == [("Chi", "Chỉ")]


def test_hook_read_as_acute_is_the_cheapest_confusion():
    hook_as_acute, _ = channel_cost("tố", "tổ")
    other_tone, _ = channel_cost("tồ", "tổ")
    hat, _ = channel_cost("to", "tô")
    assert hook_as_acute < other_tone
    assert hook_as_acute < hat


def test_whitespace_and_empty_lines_are_kept(repairer: Repairer):
    assert repairer.repair("").text == ""
    assert repairer.repair("  Chi  số ").text == "  Chỉ  số "


def test_dashes_do_not_break_the_context(repairer: Repairer):
    assert repairer.repair("bộ máy tinh - gọn - mạnh").text == "bộ máy tinh - gọn - mạnh"


def test_a_misread_letter_is_likelier_than_a_rare_word():
    """ "yới" is "với" with a misread letter, not "y" and the rare "ới" run together."""
    result = resources.repairer(()).repair("phù hợp yới số biên chế")
    assert result.text == "phù hợp với số biên chế"


def test_a_rare_word_is_not_protected_like_a_common_one(repairer: Repairer):
    """ "kiển" is so rare no plan has it: the decoder alone decides, with no phrase to ask for "kiến".

    A common word ("chi") standing alone is kept.
    """
    assert repairer.repair("kiển").text == "kiến"
    assert repairer.repair("chi").text == "chi"
    assert repairer.repair("các lớp bồi dưỡng dơ Sở tổ chức").text == "các lớp bồi dưỡng do Sở tổ chức"


def test_a_valid_looking_word_is_not_split(repairer: Repairer):
    assert repairer.repair("theo đõi công tác").text == "theo dõi công tác"


def test_lines_keep_their_count_and_blank_lines(repairer: Repairer):
    lines = ["Chi số CCHC", "", "", "Kê hoạch năm 2025", ""]
    out = [r.text for r in repair_lines(repairer, lines)]
    assert out == ["Chỉ số CCHC", "", "", "Kế hoạch năm 2025", ""]


def test_neighbouring_lines_do_not_change_a_right_word(repairer: Repairer):
    """A column header under another must not turn "Ghi chú" into "Ghi chủ" ("chủ nhiệm")."""
    out = [r.text for r in repair_lines(repairer, ["Thời gian hoàn thành", "Ghi chú", "Nhiệm vụ"])]
    assert out == ["Thời gian hoàn thành", "Ghi chú", "Nhiệm vụ"]


@pytest.mark.parametrize(
    "clean",
    [
        "đổi mới sáng tạo vì lợi ích chung của xã hội",  # not the dictionary's "vị lợi"
        "gửi, nhận văn bản qua mạng",  # not "nhân văn"
    ],
)
def test_a_neighbour_taken_by_another_word_is_no_evidence(clean: str):
    """The corpus alone: the shipped catalogue happens to hold these phrases."""
    assert resources.repairer(()).repair(clean).text == clean


def test_a_word_wrapped_at_the_line_end_is_read_with_the_next_line(repairer: Repairer):
    lines = ["Căn cứ Chỉ thị số 06/CT-UBND của Chủ tịch Uy", "ban nhân dân Thành phố"]
    out = [r.text for r in repair_lines(repairer, lines)]
    assert out == ["Căn cứ Chỉ thị số 06/CT-UBND của Chủ tịch Ủy", "ban nhân dân Thành phố"]


@pytest.mark.parametrize(
    "lines",
    [
        ["phòng học", "vở, bút, cặp sách"],  # not the dictionary's "học vô"
        ["cuối", "năm", "Thực"],
        ["Ngọc Vân", "Tổng phụ trách", "Đội"],
        ["Thị", "Yên Vy bếp ăn", "bán trú"],
    ],
)
def test_only_a_phrase_of_the_corpus_bridges_lines(lines: list[str]):
    repairer = resources.repairer(())
    assert [r.text for r in repair_lines(repairer, lines)] == lines


@pytest.mark.parametrize(
    ("lines", "repaired"),
    [
        (["PHÓ HIỆU TRƯƠNG", "MẦM NON"], ["PHÓ HIỆU TRƯỞNG", "MẦM NON"]),  # no "trường mầm non"
        (["Chi chú", "Nhiệm vụ"], ["Chi chú", "Nhiệm vụ"]),  # "Ghi chú" misread, but no "chủ nhiệm"
    ],
)
def test_a_line_that_starts_with_a_capital_does_not_go_on_from_the_one_above(lines: list[str], repaired: list[str]):
    """A capital starts a new cell or sentence: the two lines are no phrase."""
    assert [r.text for r in repair_lines(resources.repairer(()), lines)] == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("nhằm giản chi phí", "nhằm giảm chi phí"),
        ("thủ tục bành chính", "thủ tục hành chính"),
        ("làm tông tác CCHC", "làm công tác CCHC"),
        ("thực hiện đúng duy định của pháp luật", "thực hiện đúng quy định của pháp luật"),  # "q" read as "d"
        ("giao ban hằng táng", "giao ban hằng tháng"),  # a letter lost on a fax
        ("phụ huynh xà học sinh", "phụ huynh và học sinh"),
    ],
)
def test_a_known_word_misread_by_one_letter_is_mended_by_its_phrase(damaged: str, repaired: str):
    assert resources.repairer(()).repair(damaged).text == repaired


@pytest.mark.parametrize(
    "clean",
    ["thủ tục đơn giản", "chính sách bành trướng", "tông màu sáng", "Chi bộ nhà trường", "duy trì hộp thư góp ý"],
)
def test_a_known_word_in_its_own_phrase_keeps_its_letters(clean: str):
    assert resources.repairer(()).repair(clean).text == clean


def test_ward_names_are_known(repairer: Repairer):
    """The bodies schools report to: "PHƯỜNG BEN THÀNH" is Bến Thành ward."""
    assert repairer.repair("ỦY BAN NHÂN DÂN PHƯỜNG BEN THÀNH").text == "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH"


def test_a_deadline_in_the_next_column_does_not_pull_a_word(repairer: Repairer):
    """Across lines a number says little ("Hiệu trường" over "31/12/2025"); inside a text it still counts."""
    out = [r.text for r in repair_lines(repairer, ["Phó Hiệu trường", "31/12/2025"])]
    assert out == ["Phó Hiệu trưởng", "31/12/2025"]
    assert repairer.repair("ngay 19 tháng 9").text == "ngày 19 tháng 9"


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("công tác GCHC năm 2025", "công tác CCHC năm 2025"),
        ("viên chức (CBCCVO),", "viên chức (CBCCVC),"),
        ("kiểm tra các ÐĐVSNCL", "kiểm tra các ĐVSNCL"),  # a look-alike read beside its twin
    ],
)
def test_a_misread_acronym_becomes_the_known_one(damaged: str, repaired: str):
    assert resources.repairer(()).repair(damaged).text == repaired


@pytest.mark.parametrize(("damaged", "repaired"), [("công tác ŒGCHC năm", "công tác CCHC năm")])
def test_capitals_no_vietnamese_text_has_are_dropped_from_an_acronym(damaged: str, repaired: str):
    assert resources.repairer(()).repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [("HÐND quận", "HĐND quận"), ("PHÒNG GIÁO DỤC VÀ ÐÀO TẠO", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")],
)
def test_a_look_alike_capital_of_another_alphabet_becomes_the_vietnamese_one(
    repairer: Repairer, damaged: str, repaired: str
):
    """Tesseract reads "Đ" as the Icelandic "Ð" (U+00D0)."""
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize("clean", ["GDĐT và HĐND", "Tổ VP, TTHC, CCHC", "Ban GVCN", "Đại hội XIII", "Trung tâm TTHCC"])
def test_an_unknown_acronym_that_fits_no_known_one_stays(repairer: Repairer, clean: str):
    assert repairer.repair(clean).text == clean


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ('hưởng ứng “Ngày Pháp luật Việt Nam" (09/11) bằng', "hưởng ứng “Ngày Pháp luật Việt Nam” (09/11) bằng"),
        ('mô hình "Trường học hạnh phúc” và', "mô hình “Trường học hạnh phúc” và"),
        ('"Tổ chức tổng kết 10 năm thực hiện Chương trình tổng thể giai đoạn 2021” về', None),  # a speck first
    ],
)
def test_a_curly_quotation_marks_partner_read_straight_is_curled(repairer: Repairer, read: str, repaired: str | None):
    text = repairer.repair(read).text
    if repaired is None:
        assert "“" not in text and '"' not in text
    else:
        assert text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("cho đội. ngũ cán bộ", "cho đội ngũ cán bộ"),  # a speck read as a full stop
        ("thành viên BGH. tổ trưởng", "thành viên BGH, tổ trưởng"),  # a comma, after a known acronym
        ("qua website. trang Zalo", "qua website, trang Zalo"),  # or a known Latin word
        ("trong hoạt . động của nhà trường", "trong hoạt động của nhà trường"),  # a full stop standing alone
        ("“Triển khai kế hoạch", "Triển khai kế hoạch"),  # a speck read as a quotation mark
        ("Tổ chức họp trên Cổng thông tin”", "Tổ chức họp trên Cổng thông tin"),
        ("Triển khai _ các nội dung", "Triển khai các nội dung"),  # a mark no plan writes alone
        ("công tác CCHC› về", "công tác CCHC về"),  # or stuck to a word
        ("quản lý,, sử dụng tài sản", "quản lý, sử dụng tài sản"),  # a comma twice over
        ("người chịu trách nhiệm,: công khai", "người chịu trách nhiệm, công khai"),  # a colon after a comma
        ("năm học 2025 - 2026;.quy định rõ", "năm học 2025 - 2026; quy định rõ"),  # a full stop after a mark
        ("phấn đấu 90%.CB-GV-NV hoàn thành", "phấn đấu 90% CB-GV-NV hoàn thành"),
        ("theo Quyết định số 06/QĐÐ-TTg ngày", "theo Quyết định số 06/QĐ-TTg ngày"),  # the Icelandic "Ð" in a code
        ("Kế hoạch số 303/KH- UBND ngày 28", "Kế hoạch số 303/KH-UBND ngày 28"),  # a code broken at its dash
        ("Thông tư số 20/2023/TT -BGDĐT về", "Thông tư số 20/2023/TT-BGDĐT về"),
        ("Quyết định số 06/QĐ- -TTg ngày", "Quyết định số 06/QĐ-TTg ngày"),
        ("Thông tư số 09/2024/ TT-BGDĐT ngày", "Thông tư số 09/2024/TT-BGDĐT ngày"),  # or after its last slash
        ("báo cáo CCHC định kỳ. (quý, 6 tháng, năm)", "báo cáo CCHC định kỳ (quý, 6 tháng, năm)"),  # before "(quý"
    ],
)
def test_punctuation_specks_are_dropped(repairer: Repairer, damaged: str, repaired: str):
    result = repairer.repair(damaged)
    assert result.text == repaired
    assert [c.reason for c in result.changes] == ["punctuation"]


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("cải'cách hành chính", "cải cách hành chính"),  # no Vietnamese word holds an apostrophe
        ("chương trình'CCHC năm", "chương trình CCHC năm"),
        ("theo quy:dịnh của", "theo quy định của"),  # a colon inside a word
        ("Lưu:VT", "Lưu: VT"),  # a colon that lost its space stays
        ("Thời gian:hằng tháng", "Thời gian: hằng tháng"),
        ("thủ tục hành:chính", "thủ tục hành chính"),
        ("khẩu hiệu ‘An toàn’và", "khẩu hiệu ‘An toàn’ và"),  # the end of a quotation
        ("Nơi nhận:các đơn vị", "Nơi nhận: các đơn vị"),
        ("chỉ ' đạo", "chỉ đạo"),  # a lone apostrophe is a speck
        ("ngày 8:30", "ngày 8:30"),
    ],
)
def test_a_mark_between_two_words_is_a_speck(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    "clean",
    [
        "Ban hành Quy chế (TP. Hồ Chí Minh) v.v. và",
        "năm 2025. Tổ chức",
        "Đề án “Nâng cao chất lượng” năm 2025",
        'Chương trình "Trường học thân thiện"',
        "văn bản số 12/QĐ-UBND-VX ngày 5, mục 1.Tổ chức, năm 2024-2025, GV-NV",
        "hoàn thành nhiệm vụ. a) Tổ chức tại Tp. Thủ Đức, vv. và",
        "phát triển kinh tế-xã hội",  # a dash between two words of two syllables
        "tổ Văn-sử",
    ],
)
def test_real_punctuation_stays(repairer: Repairer, clean: str):
    assert repairer.repair(clean).text == clean


def test_a_quotation_mark_of_a_wrapped_line_stays(repairer: Repairer):
    out = [r.text for r in repair_lines(repairer, ["Đề án “Nâng cao chất", "lượng giáo dục”"])]
    assert out == ["Đề án “Nâng cao chất", "lượng giáo dục”"]


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Xây dựng Quy chế chỉ tiêu nội bộ", "Xây dựng Quy chế chi tiêu nội bộ"),
        ("Đạt chỉ tiêu đề ra", "Đạt chỉ tiêu đề ra"),
    ],
)
def test_each_side_of_a_word_weighs_on_its_own(repairer: Repairer, damaged: str, repaired: str):
    """ "chi tiêu" and "chỉ tiêu" are both right: the word before decides."""
    assert repairer.repair(damaged).text == repaired


def test_a_comma_ends_the_context(repairer: Repairer):
    """Across a comma, "bộ, chỉ" is no phrase: "chỉ tiết" is read as "chi tiết"."""
    assert repairer.repair("triển khai đồng bộ, chỉ tiết và có hiệu quả").text == (
        "triển khai đồng bộ, chi tiết và có hiệu quả"
    )


@pytest.fixture(scope="module")
def seed_score(samples_dir: Path, data_dir: Path) -> RepairScore:
    """``cchc repair`` on the 2025 seed, with a model that has never seen its text.

    The shipped catalogue holds canonical tasks taken from both seed plans, so
    the measurement uses the corpus alone (no catalogue texts): neither the
    damaged nor the corrected seed is in it.
    """
    damaged = (samples_dir / "mamnon-2025.txt").read_text(encoding="utf-8").splitlines()
    gold = (data_dir / "repair" / "mamnon-2025.gold.txt").read_text(encoding="utf-8").splitlines()
    return score_repair(resources.repairer(()), damaged, gold)


def test_the_2025_seed_word_errors_fixed(seed_score: RepairScore):
    """Real OCR damage: measured 91.0% of word errors fixed (the issue asks 90%; see BENCHMARKS.md)."""
    assert seed_score.errors_before > 200  # the seed really is damaged
    assert seed_score.fixed >= 0.9, (seed_score.errors_before, seed_score.errors_after)


def test_the_2025_seed_clean_lines_unaltered(seed_score: RepairScore):
    assert seed_score.clean_altered == 0


def test_held_out_correct_text_is_left_alone(data_dir: Path):
    """200 correct lines of the genre, written apart from the corpus, full of words that look misread."""
    lines = (data_dir / "repair" / "clean-heldout.txt").read_text(encoding="utf-8").splitlines()
    score = score_repair(resources.repairer(()), lines, lines)
    assert score.lines == 200 and score.clean_lines == 200
    assert score.clean_altered == 0


# Standard wording every plan of the genre prints: its title, the reform areas of the national
# programme (Nghị quyết 76/NQ-CP) as headings, and the names of the programme's measures.
STANDARD_PHRASES = (
    "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025",
    "hồ sơ công việc trên môi trường điện tử",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
)


def test_the_seed_is_not_in_the_corpus(samples_dir: Path, data_dir: Path):
    """The 2025 text reaches the corpus only where the 2024 plan or the genre's standard wording has it."""
    corpus = "\n".join(resources.corpus_texts())
    shared = " ".join((samples_dir / "thcs-2024.txt").read_text(encoding="utf-8").split()) + "\n".join(STANDARD_PHRASES)
    for path in (samples_dir / "mamnon-2025.txt", data_dir / "repair" / "mamnon-2025.gold.txt"):
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
        assert not [line for line in lines if len(line) > 30 and line in corpus and line not in shared]


def test_the_cells_of_a_corpus_table_row_make_no_phrase():
    """A tab parts the cells of a row ("Nhiệm vụ<TAB>Sản phẩm"): "vụ sản" is no pair; each cell's words are."""
    lexicon = Lexicon.build([("vụ", 1.0), ("sản", 1.0)], [], ["Nhiệm vụ\tSản phẩm"])
    assert ("vụ", "sản") not in lexicon.bigrams
    assert ("nhiệm", "vụ") in lexicon.attested and ("sản", "phẩm") in lexicon.attested


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("công tác CC HC năm 2025", "công tác CCHC năm 2025"),  # an acronym broken at a space
        ("đến toàn thể CB- GV-NV và", "đến toàn thể CB-GV-NV và"),  # or after its dash
        ("Toàn thể CB-GV«NV tham gia", "Toàn thể CB-GV-NV tham gia"),  # or a dash read as a speck
        ("của UB ND quận.", "của UBND quận."),
        ("(UB ND quận)", "(UBND quận)"),
        ("KT. HIỆU TRƯỞNG", "KT. HIỆU TRƯỞNG"),  # words stay apart
        ("Nguyễn T T Hà", "Nguyễn T T Hà"),  # single capitals are initials
        ("đội ngũ C BCCVC", "đội ngũ CBCCVC"),
        ("CCHC TTHC", "CCHC TTHC"),  # two known acronyms stay apart
    ],
)
def test_the_pieces_of_a_broken_acronym_are_joined(damaged: str, repaired: str):
    assert resources.repairer(()).repair(damaged).text == repaired


def test_a_phrase_seen_once_may_change_one_mark():
    """ "nhằm giảm" is in the corpus once: enough for the commonest confusion, a hook read as an acute."""
    assert resources.repairer(()).repair("các cuộc họp nhằm giám").text == "các cuộc họp nhằm giảm"


def test_hang_and_hang_are_one_word_only_before_a_period():
    """ "hàng năm" and "hằng năm" are both right; "hằng hóa" and "ngân hằng" are misreadings."""
    repairer = resources.repairer(())
    assert repairer.repair("thanh toán hằng hóa").text == "thanh toán hàng hóa"
    assert repairer.repair("định kỳ hằng năm và hàng năm").text == "định kỳ hằng năm và hàng năm"


def test_a_one_letter_word_run_into_an_acronym_is_split():
    assert resources.repairer(()).repair("nộp hồ sơ ởUBND").text == "nộp hồ sơ ở UBND"


def test_a_damaged_date_line_is_mended_and_audited():
    result = resources.repairer(()).repair("Quân 7; hày 27 háng OI năm 2025KT, HIỆU TRƯỜNG")
    assert result.text.endswith("; ngày 27 tháng 01 năm 2025 KT, HIỆU TRƯỞNG")
    dated = [(c.before, c.after) for c in result.changes if c.reason == "date"]
    assert dated == [("hày", "ngày"), ("háng OI", "tháng 01"), ("2025KT,", "2025 KT,")]


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("công nghệ Zoom, Googlc Mcet... thay cho", "công nghệ Zoom, Google Meet... thay cho"),
        ("đăng trên wcbsite của trường", "đăng trên website của trường"),
        ("họp qua Zoom, Google Meet, Microsoft Teams", "họp qua Zoom, Google Meet, Microsoft Teams"),
        ("phần mềm Moodle", "phần mềm Moodle"),  # a foreign word the corpus does not know stays
    ],
)
def test_a_misread_foreign_word_becomes_the_known_one(damaged: str, repaired: str):
    assert resources.repairer(()).repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("của từng cơ quan, đơn vị vị phù hợp với", "của từng cơ quan, đơn vị phù hợp với"),  # a word read twice
        ("các các đơn vị", "các đơn vị"),
        ("ngày ngày tập thể dục", "ngày ngày tập thể dục"),  # a word Vietnamese doubles stays
        ("CCHC CCHC", "CCHC CCHC"),  # only words: acronyms and numbers stay
        ("năm 2025 2025", "năm 2025 2025"),
    ],
)
def test_a_word_read_twice_is_read_once(damaged: str, repaired: str):
    assert resources.repairer(()).repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("kết quả thực hiện là c sở xem xét", "kết quả thực hiện là cơ sở xem xét"),  # a marked vowel lost
        ("theo điểm b khoản 2", "theo điểm b khoản 2"),  # a lone letter that names a point stays
        ("phụ lục c kèm theo", "phụ lục c kèm theo"),
        ("công tác CCHC v về BCĐ", "công tác CCHC v về BCĐ"),  # a speck, not "vỗ về"
    ],
)
def test_a_lost_vowel_after_a_lone_consonant_is_given_back(damaged: str, repaired: str):
    assert resources.repairer(()).repair(damaged).text == repaired


def test_an_audited_change_names_only_the_words_that_changed():
    from normalize.repair import _changed_words

    assert _changed_words("a hày 27 b", "a ngày 27 b") == [("hày", "ngày")]
    assert _changed_words("x y", "z x y") == [("", "z")]  # a word put in front
    assert _changed_words("ngày 0? tháng 4 và ngày 3! tháng 5", "ngày 07 tháng 4 và ngày 31 tháng 5") == [
        ("0?", "07"),
        ("3!", "31"),
    ]


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("nhằm hạn, chế thấp nhất", "nhằm hạn chế thấp nhất"),  # a comma inside a word
        ("Báo cáo quý, 6 tháng, năm", "Báo cáo quý, 6 tháng, năm"),  # a pair the corpus hardly writes
        ("báo cáo (quý, 6 tháng, 9 tháng, năm)", "báo cáo (quý, 6 tháng, 9 tháng, năm)"),  # "6 tháng" has its number
        ("nâng cao hiệu: quả công tác", "nâng cao hiệu quả công tác"),  # a colon inside a word
        ("giai đoạn, 2022-2030", "giai đoạn 2022-2030"),  # a word the corpus writes before its number
        ("quy mô 42 lớp, 1.560 học sinh", "quy mô 42 lớp, 1.560 học sinh"),  # a count in thousands: a new item
        ("của Quận 8 năm, 2025.", "của Quận 8 năm 2025."),
        ("Phân công, bố trí cán bộ", "Phân công, bố trí cán bộ"),  # each side belongs to another word
        ("ban hành quyết, định phân công", "ban hành quyết định phân công"),  # "hành" is held by "ban"
        ("cải tiến lề lối làm việc, làm căn cứ", "cải tiến lề lối làm việc, làm căn cứ"),  # "việc" ends "làm việc"
        ("số lượng người làm: việc, cơ cấu", "số lượng người làm việc, cơ cấu"),  # "làm việc" outweighs "người làm"
        ("xây dựng các nội dung, kế hoạch", "xây dựng các nội dung, kế hoạch"),
        ("Số: 45/KH-THCS", "Số: 45/KH-THCS"),  # the corpus writes this colon
        ("trách nhiệm chính; công khai bảng phân công", "trách nhiệm chính; công khai bảng phân công"),  # no speck
        ("các sở, ban, ngành", "các sở, ban, ngành"),
    ],
)
def test_a_pause_mark_inside_a_word_is_a_speck(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("tổ chức triển khaf thực hiện", "tổ chức triển khai thực hiện"),  # a letter no word has
        ("thực hiện thieo quy định", "thực hiện theo quy định"),  # a letter too many
        ("trong tháäg 12", "trong tháng 12"),
        ("thời pian thực hiện", "thời gian thực hiện"),
        ("về wệc chỉ đạo", "về việc chỉ đạo"),  # two letters, where no mark alone mends it
        ("trong đội irgũ cán bộ", "trong đội ngũ cán bộ"),
        ("các group zalo của lớp", "các group zalo của lớp"),  # a Latin word in any case
        ("bồsung thêm tiêu chí", "bổ sung thêm tiêu chí"),  # a run-together still splits
        ("họp trực tuyến qua Zoom và Google Meet", "họp trực tuyến qua Zoom và Google Meet"),  # Latin words stay
        ("gửi file qua email", "gửi file qua email"),
        ("đăng trên fanpage của trường", "đăng trên fanpage của trường"),
    ],
)
def test_a_non_word_a_letter_or_two_from_a_phrase_is_mended(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


def test_a_mended_non_word_is_audited_as_letters(repairer: Repairer):
    changes = repairer.repair("tổ chức triển khaf thực hiện").changes
    assert [(c.before, c.after, c.reason) for c in changes] == [("khaf", "khai", "letters")]


def test_digits_read_as_letters_in_a_cited_date_are_put_back(repairer: Repairer):
    out = repairer.repair("Kế hoạch số 3815/KH-UBND ngày t8 tháng: L0 năm 2022 của Ủy ban")
    assert out.text == "Kế hoạch số 3815/KH-UBND ngày 18 tháng 10 năm 2022 của Ủy ban"
    assert [c.reason for c in out.changes] == ["date"]


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("trên địa bàn Quận ì giai đoạn", "trên địa bàn Quận 1 giai đoạn"),
        ("BCĐ CCHC Quận I.", "BCĐ CCHC Quận 1."),
        ("báo cáo quý I năm 2025", "báo cáo quý I năm 2025"),  # the corpus writes "quý I"
        ("trong học kỳ I", "trong học kỳ I"),
        ("điểm l khoản 2", "điểm l khoản 2"),
    ],
)
def test_a_one_read_as_a_letter_after_a_counting_word_is_put_back(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("công tác CCH€ năm 2025", "công tác CCHC năm 2025"),  # a sign no acronym has
        ("Chủ tịch UỖND Thành phố", "Chủ tịch UBND Thành phố"),
        ("Chỉ số CCHƒ.", "Chỉ số CCHC."),
        ("Chỉ số CCHC (PAR Tndex)", "Chỉ số CCHC (PAR Index)"),  # a foreign word one letter away
        ("(PAR ndex)", "(PAR Index)"),
        ("Cử CBGVNYV tham gia", "Cử CBGVNV tham gia"),  # a letter read into a long acronym
        ("trình Sở GDK&ĐT thẩm định", "trình Sở GD&ĐT thẩm định"),  # or into one written with "&"
        ("gửi Sở GD&LĐT qua", "gửi Sở GD&ĐT qua"),
        ("gửi Sở GD&DT.", "gửi Sở GD&ĐT."),  # a bar lost
        ("gửi PGD&ĐT và SGD&ĐT", "gửi PGD&ĐT và SGD&ĐT"),  # their letters make known acronyms
        ("tài khoản VNe1D của", "tài khoản VNeID của"),  # a digit or sign read for a letter
        ("nhóm ZaÌo của lớp", "nhóm Zalo của lớp"),
        ("khảo sát (Google Form$) và", "khảo sát (Google Forms) và"),  # an "s" read as "$"
        ("ý kiến CMH$ về", "ý kiến CMHS về"),
        ("mức phí 100$ mỗi", "mức phí 100$ mỗi"),
        ("công tác quản 1ý hồ sơ", "công tác quản lý hồ sơ"),
        ("năm 2024 có 10 lớp, Quận 10", "năm 2024 có 10 lớp, Quận 10"),
        ("Trung tâm TTHCC", "Trung tâm TTHCC"),
        ("vận động CMHHS tham gia", "vận động CMHS tham gia"),  # a letter read twice inside an acronym
        ("Đại hội XIII", "Đại hội XIII"),  # a Roman number is no acronym read twice
        ("đề xuất Sở GD&:ĐT tuyển dụng", "đề xuất Sở GD&ĐT tuyển dụng"),  # a speck beside its "&"
        ("báo cáo Sở GDDT và", "báo cáo Sở GDĐT và"),  # a "Đ" that lost its bar
        ("lấy ý kiến của MHS về", "lấy ý kiến của CMHS về"),  # a letter lost from a common acronym
        ("công tác CHC năm 2025", "công tác CCHC năm 2025"),
        ("theo THC năm 2025", "theo THC năm 2025"),  # "TTHC" or "THCS": no one reading
        ("theo Kế hoạch số 215/KH-SGDDT ngày", "theo Kế hoạch số 215/KH-SGDĐT ngày"),  # in a code's issuer too
        ("theo Nghị định số 118/2025/NB-CP ngày", "theo Nghị định số 118/2025/NĐ-CP ngày"),  # a code's kind
        ("Nghị định số 111/2022/ND-CP,", "Nghị định số 111/2022/NĐ-CP,"),
        ("Kế hoạch số 12/KH-THPTTT", "Kế hoạch số 12/KH-THPTTT"),  # a school's own code stays
        ("Hội đồng TĐKT và HĐND", "Hội đồng TĐKT và HĐND"),  # sound acronyms stay
        ("NHÀ TRƯỜNG", "NHÀ TRƯỜNG"),
    ],
)
def test_a_damaged_acronym_or_foreign_word_becomes_the_known_one(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


def test_a_word_a_mark_could_mend_is_not_read_two_letters_away(repairer: Repairer):
    """ "cầp" is "cấp" or "cập" with another tone, so "là" (two letters away) is no reading of it."""
    assert repairer.repair("nhất là cầp lãnh đạo").text.split()[2] in ("cầp", "cấp", "cập")


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("hệ thống CCHC của T hành phố theo", "hệ thống CCHC của Thành phố theo"),  # a capital parted from its word
        ("không quá 05 ngày l ảm việc kể từ", "không quá 05 ngày làm việc kể từ"),  # a small letter too
        ("phần mềm quản Ì ý trường học", "phần mềm quản lý trường học"),  # an "l" read as "Ì"
        ("qua Hệ thống quản Ìý văn bản", "qua Hệ thống quản lý văn bản"),
        ("ít nhất 01 Iần/quý", "ít nhất 01 lần/quý"),  # a capital I for an "l", in a rate too
        ("In ấn tài liệu", "In ấn tài liệu"),  # "in" is a word
        ("Ít nhất 01 lần/học kỳ", "Ít nhất 01 lần/học kỳ"),
        ("cô Nguyễn T Hạnh", "cô Nguyễn T Hạnh"),  # initials stay
        ("Phụ lục A kèm theo", "Phụ lục A kèm theo"),
        ("giải pháp nầng.caó chất lượng", "giải pháp nâng cao chất lượng"),  # words joined by a dot
        ("trơng.đôi ngũ cán bộ", "trong đội ngũ cán bộ"),
        ("truy cập zalo.me hoặc", "truy cập zalo.me hoặc"),  # a web address stays
        ("lãy.ý kiến của CMHS", "lấy ý kiến của CMHS"),
        ("thông báo của.CMTE;", "thông báo của CMTE;"),  # a word and an acronym
        ("qua nhóm Zalo.OA của trường", "qua nhóm Zalo OA của trường"),
        ("phối hợp gìữa-nhà trường", "phối hợp giữa nhà trường"),  # a dash beside a damaged word
        ("trên cơ sở-cho-phù hợp", "trên cơ sở cho phù hợp"),
        ("hát ka-ra-ô-kê", "hát ka-ra-ô-kê"),  # a loanword keeps its dashes
        ("phát triển kinh tế-xã hội", "phát triển kinh tế-xã hội"),
    ],
)
def test_a_word_ocr_parted_or_joined_is_mended(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Rà soát. sắp xếp bộ máy", "Rà soát, sắp xếp bộ máy"),
        ("kiểm tra, giám sát. đánh giá kết quả", "kiểm tra, giám sát, đánh giá kết quả"),
        ("tuyên truyền. phổ biến pháp luật", "tuyên truyền, phổ biến pháp luật"),
        ("công tác bồi. dưỡng giáo viên", "công tác bồi dưỡng giáo viên"),  # a speck inside a word
        ("không để xảy ra dạy. thêm", "không để xảy ra dạy thêm"),  # or inside a phrase of the corpus
        ("với CB-GV-NV (ít nhất 01. lần/năm) và", "với CB-GV-NV (ít nhất 01 lần/năm) và"),  # a count and its unit
        ("đạt 100. các", "đạt 100, các"),  # a count the corpus does not write before the word
        ("10. rà soát hồ sơ", "10. rà soát hồ sơ"),  # a list's number, after no word
        ("các nhiệm vụ. a) Tổ chức", "các nhiệm vụ. a) Tổ chức"),  # a list goes on
        ("Hiệu trưởng và các. Phó Hiệu trưởng", "Hiệu trưởng và các Phó Hiệu trưởng"),  # no sentence ends
        ("quy chế làm việc của trường theo. Thông tư số 01", "quy chế làm việc của trường theo Thông tư số 01"),
        ("danh sách kèm theo. Thông tư số 01", "danh sách kèm theo. Thông tư số 01"),  # "kèm theo." ends one
        ("trao đổi với. Ban đại diện CMHS", "trao đổi với Ban đại diện CMHS"),  # with these
        ("tiêu cực cho. 100% CB-GV-NV", "tiêu cực cho 100% CB-GV-NV"),
        ("Thực hiện nghiêm túc. Quy chế dân chủ", "Thực hiện nghiêm túc. Quy chế dân chủ"),  # a sentence ends
        ("thực hiện đúng quy định. Các tổ", "thực hiện đúng quy định. Các tổ"),
        ("hoàn thành thường xuyên..", "hoàn thành thường xuyên."),  # a full stop twice: one is a speck
        ("các hoạt động khác...", "các hoạt động khác..."),
    ],
)
def test_a_full_stop_inside_a_sentence_is_a_misread_comma_or_a_speck(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("tổng hợp, phân - tích và đánh giá", "tổng hợp, phân tích và đánh giá"),
        ("kết quả và sản - phẩm cụ thể", "kết quả và sản phẩm cụ thể"),
        ("vào điểm và tổng -hợp đầy đủ", "vào điểm và tổng hợp đầy đủ"),
        ("với người có nghĩa- vụ kê khai", "với người có nghĩa vụ kê khai"),
        ("bồi dưỡng các mô-đun theo", "bồi dưỡng các mô-đun theo"),  # a loanword the corpus writes with its dash
        ("bộ máy tinh - gọn - mạnh", "bộ máy tinh - gọn - mạnh"),  # a run of items
        ("công tác thi đua - khen thưởng", "công tác thi đua - khen thưởng"),
        ("các khoản thu - chi ngoài ngân sách", "các khoản thu - chi ngoài ngân sách"),  # written apart as often
        ("năm học 2025 - 2026", "năm học 2025 - 2026"),
    ],
)
def test_a_dash_between_the_syllables_of_one_word_is_a_speck(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("đăng tải tren.Cơ sở dữ liệu", "đăng tải trên. Cơ sở dữ liệu"),  # a sentence may end there
        ("thu thập,-số liệu", "thu thập, số liệu"),
        ("nâng cao Chi»số CCHC", "nâng cao Chỉ số CCHC"),
        ('văn bản điện tử,"công khai', "văn bản điện tử, công khai"),  # the comma stays, a lone quote goes
        ("ký ngày.30/12/2024 của", "ký ngày 30/12/2024 của"),  # the full stop is judged as any other
        ("Cử.CB-GV-NV tham gia", "Cử CB-GV-NV tham gia"),  # an acronym the corpus writes with dashes
        ("Tp.Thủ Đức", "Tp.Thủ Đức"),  # an abbreviation, an address, a loanword stay
        ("taphuan.csdl.edu.vn", "taphuan.csdl.edu.vn"),
        ("các mô-đun", "các mô-đun"),
        ("Lưu:VT", "Lưu: VT"),
    ],
)
def test_words_joined_by_a_speck_are_parted(repairer: Repairer, damaged: str, repaired: str):
    assert repairer.repair(damaged).text == repaired


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("lớp học 2 buối/ngày, đề xuất", "lớp học 2 buổi/ngày, đề xuất"),  # words a slash joins are read apart
        ("GV/NV và đ/c Hiệu trưởng", "GV/NV và đ/c Hiệu trưởng"),
        ("lấy ý kiến CB-GV- NV trước khi", "lấy ý kiến CB-GV-NV trước khi"),  # an acronym parted at its dash
        ("lấy ý kiến CB-GV -NV trước khi", "lấy ý kiến CB-GV-NV trước khi"),
        ("lấy ý kiến C B- GV-NV về", "lấy ý kiến CB-GV-NV về"),  # an acronym the corpus writes with dashes
        ("lấy ý kiến CB GV-NV, về", "lấy ý kiến CB-GV-NV, về"),
        ("Phòng GD& ĐT quận", "Phòng GD&ĐT quận"),
        ("pháp luật cho CB: GV-NV và học sinh", "pháp luật cho CB-GV-NV và học sinh"),  # specks among its letters
        ("Hiệu trưởng với CB-GV.NV (tối thiểu", "Hiệu trưởng với CB-GV-NV (tối thiểu"),
        ("trên website để CB-( GV-NV, CMHS biết", "trên website để CB-GV-NV, CMHS biết"),
        ("UBND TP và CB, GV", "UBND TP và CB, GV"),
        ("đánh giá CBGVNV cuối năm", "đánh giá CBGVNV cuối năm"),  # the corpus writes it without dashes too
        ("Tập huấn CBG VNV sử dụng học bạ số", "Tập huấn CBGVNV sử dụng học bạ số"),  # parted, and no dash read
        ("năm học 2026- 2027", "năm học 2026 - 2027"),  # a range with a space on one side of its dash
        ("năm học 2026-2027", "năm học 2026-2027"),
        ("năm học 2033 2034 theo", "năm học 2033 - 2034 theo"),  # two years side by side lost their dash
        ("giai đoạn 2021 2030", "giai đoạn 2021 - 2030"),
        ("so với năm 2024 2020", "so với năm 2024 2020"),  # no range runs backwards
    ],
)
def test_slashes_and_dashes_ocr_spaced_or_joined(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("rà soát Kế hoạch sẽ 148/KH-UBND ngày", "rà soát Kế hoạch số 148/KH-UBND ngày"),
        ("theo Quyết định SỐ 60/2021/QĐ-UBND", "theo Quyết định số 60/2021/QĐ-UBND"),
        ("Nghị định sổ59/2023/NĐ-CP", "Nghị định số 59/2023/NĐ-CP"),
        ("Kế hoạch số 12/KH-THCS", "Kế hoạch số 12/KH-THCS"),
        ("theo Luật số 2 năm", "theo Luật số 2 năm"),
        ("theo Nghị định số 1 15/2020/NĐ-CP", "theo Nghị định số 115/2020/NĐ-CP"),  # a number parted
        ("Kế hoạch số 1 12/KH-SGDĐT ngày", "Kế hoạch số 112/KH-SGDĐT ngày"),
        ("có số 2 3/4 học sinh", "có số 2 3/4 học sinh"),
    ],
)
def test_the_word_before_a_cited_document_number_is_so(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


def test_a_lone_apostrophe_stuck_to_a_word_is_a_speck(repairer: Repairer):
    assert repairer.repair("kiểm tra đột' xuất ít nhất").text == "kiểm tra đột xuất ít nhất"
    assert repairer.repair("kiểm tra đột' xuất", whole=False).text == "kiểm tra đột' xuất"  # one line of a cell


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("công khai các khoản thu, chỉ dưới dạng điện tử", "công khai các khoản thu, chi dưới dạng điện tử"),
        ("Thu, chỉ các khoản", "Thu, chi các khoản"),
        ("nhận văn bản điện tử, ứng dụng chữ ký số", "nhận văn bản điện tử, ứng dụng chữ ký số"),
        ("Phấn đấu 100%, chỉ tiêu", "Phấn đấu 100%, chỉ tiêu"),
        ("theo quy định, chỉ đạo các tổ", "theo quy định, chỉ đạo các tổ"),
    ],
)
def test_a_list_the_corpus_writes_is_context_across_its_comma(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


def test_a_neighbour_held_by_its_own_word_is_free_for_the_word_before(repairer: Repairer):
    """In "tổng số học sinh", "học" goes with "sinh": the dictionary's "số học" leaves "số" to "tổng"."""
    assert repairer.repair("đạt tối thiểu 30% tống số học sinh").text == "đạt tối thiểu 30% tổng số học sinh"


def test_a_dictionary_pair_the_corpus_never_writes_makes_only_a_cheap_change(repairer: Repairer):
    """The dictionary's "có nuôi" is no reason to change "cô" (hat and tone): "cô nuôi dạy trẻ" is a job."""
    assert repairer.repair("bố trí cô nuôi dạy trẻ theo định mức").text == "bố trí cô nuôi dạy trẻ theo định mức"


def test_a_word_that_ends_sentences_is_not_replaced_by_one_that_never_does(repairer: Repairer):
    """ "quản" is always followed by "lý" in the corpus; "quận" ends sentences."""
    assert repairer.repair("để dự xét cấp quận.").text == "để dự xét cấp quận."
    assert repairer.repair("phân cấp quận lý tài sản").text == "phân cấp quản lý tài sản"


def test_a_neighbour_that_belongs_to_a_corpus_phrase_is_no_evidence(repairer: Repairer):
    """In "hằng tháng đế kiểm điểm", "tháng" goes with "hằng": the dictionary's "tháng đẻ" says nothing."""
    assert "đẻ" not in repairer.repair("giao ban BGH hằng tháng đế kiểm điểm tiến độ").text


@pytest.mark.parametrize(
    "clean",
    [
        "các cấp ban hành, chỉ đạo.",  # "ban hành" vetoes "cấp bản (sao)"
        "Bà Phạm Thị Mỹ Duyên, Hiệu trưởng - Trưởng ban;",  # a dash before a capital starts a new item
        "hoàn thành tại Tp. Thủ Đức",  # two letters are as often an abbreviation
    ],
)
def test_a_right_word_is_not_pulled_across_a_word_or_an_item(repairer: Repairer, clean: str):
    assert repairer.repair(clean).text == clean


def _row(text: str, confidence: float = 0.9) -> Task:
    return Task(1, None, None, text, text, None, None, None, None, None, {}, None, None, confidence)


_STOPPED = ["Rà soát quy chế.", "Kiện toàn tổ.", "Công khai TTHC.", "Thu học phí."]
_BARE = [t.rstrip(".") for t in _STOPPED]
_MIXED = [_STOPPED[0], _BARE[1], _STOPPED[2], _BARE[3]]


@pytest.mark.parametrize(
    ("others", "read", "mended"),
    [
        (_STOPPED, "trả kết quả đúng hẹn,", "trả kết quả đúng hẹn."),
        (_STOPPED, "cập nhật dữ liệu -", "cập nhật dữ liệu."),
        (_STOPPED, "ban hành, chỉ đạo.,", "ban hành, chỉ đạo."),
        (_BARE, "trả kết quả đúng hẹn,", "trả kết quả đúng hẹn"),
        (_MIXED, "trả kết quả đúng hẹn,", "trả kết quả đúng hẹn,"),
        (_STOPPED, "Lưu: VT", "Lưu: VT"),
        (_STOPPED, "-", "-"),  # a dash alone says "nothing"
    ],
)
def test_a_cell_ends_the_way_the_plan_ends_its_column(others: list[str], read: str, mended: str):
    """A comma or dash ending a cell is the column's full stop misread, or a speck; a mixed column stays."""
    out = mend_cell_ends([_row(t) for t in others] + [_row(read)])
    assert [t.task for t in out] == [*others, mended]
    assert [c.reason for c in out[-1].repairs] == (["punctuation"] if mended != read else [])


def test_cell_ends_of_a_text_layer_stay():
    out = mend_cell_ends([_row("Kiện toàn tổ.", 1.0)] * 4 + [_row("Thu học phí,", 1.0)])
    assert out[-1].task == "Thu học phí,"


def test_a_cell_of_a_column_that_ends_with_full_stops_gets_back_the_one_it_lost():
    stopped = [f"Thực hiện nhiệm vụ {n}." for n in range(1, 19)]
    out = mend_cell_ends([_row(t) for t in [*stopped, "theo Quyết định ngày 06/01/2022", "(nếu có)"]])
    assert [t.task for t in out[-2:]] == ["theo Quyết định ngày 06/01/2022.", "(nếu có)"]
    closed = mend_cell_ends([_row(t) for t in [*stopped, "đạt dưới 85%", "(Thông tư số 20/2018/TT-BGDĐT)"]])
    assert [t.task for t in closed[-2:]] == ["đạt dưới 85%.", "(Thông tư số 20/2018/TT-BGDĐT)"]
    bracket = mend_cell_ends([_row(t) for t in [*stopped, "Rà soát (quý, năm)"]])
    assert bracket[-1].task == "Rà soát (quý, năm)."
    fewer = mend_cell_ends([_row(t) for t in [*stopped[:7], "Rà soát", "theo Quyết định ngày 06/01/2022"]])
    assert fewer[-1].task == "theo Quyết định ngày 06/01/2022"  # 7 of 9: no habit strong enough


def test_a_full_stop_after_a_word_is_a_speck_in_a_column_that_ends_with_none():
    bare = [f"Thực hiện nhiệm vụ {n}" for n in range(1, 19)]
    out = mend_cell_ends([_row(t) for t in [*bare, "nộp thêm giấy tờ ngoài quy định.", "các hồ sơ khác v.v."]])
    assert [t.task for t in out[-2:]] == ["nộp thêm giấy tờ ngoài quy định", "các hồ sơ khác v.v."]
    fewer = mend_cell_ends([_row(t) for t in [*bare[:7], "Rà soát.", "ngoài quy định."]])
    assert fewer[-1].task == "ngoài quy định."  # 7 of 9: no habit strong enough


@pytest.mark.parametrize(
    ("read", "coarse"),
    [
        ("của Chính phủ: lập hồ sơ điện tử", "của Chính phủ; lập hồ sơ điện tử"),  # a semicolon read as a colon
        ("trong hoạt động: của nhà trường", "trong hoạt động của nhà trường"),  # a speck inside a phrase
        ("cơ cấu tổ chức gồm: các tổ chuyên môn", "cơ cấu tổ chức gồm: các tổ chuyên môn"),  # a colon the corpus writes
        ("Thời gian: 8:30", "Thời gian: 8:30"),
        ("phòng và an ninh): đề xuất", "phòng và an ninh); đề xuất"),  # after a bracket, before a small word
        ("tài liệu): 100% giáo viên", "tài liệu); 100% giáo viên"),
        ("Hội đồng (gồm): Ban Giám hiệu", "Hội đồng (gồm): Ban Giám hiệu"),
    ],
)
def test_a_colon_on_a_coarse_scan_is_what_the_words_around_it_say(repairer: Repairer, read: str, coarse: str):
    """Under 200 dpi Tesseract reads most semicolons as colons; on a finer scan a colon is taken as printed."""
    assert repairer.repair(read, coarse=True).text == coarse
    assert repairer.repair(read).text == read


@pytest.mark.parametrize(
    ("name", "read", "mended"),
    [
        ("organization", "TRƯỜNG MẦM NON.HƯƠNG SEN", "TRƯỜNG MẦM NON HƯƠNG SEN"),
        ("organization", "TRƯỜNG THCS LÊ.VĂN LƯƠNG", "TRƯỜNG THCS LÊ VĂN LƯƠNG"),
        ("parent", "ỦŸ BAN NHÂN DÂN PHƯỜNG TÂN, HƯNG", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN HƯNG"),
        ("parent", "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ-HỒ CHÍ MINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH"),
        ("organization", "TRƯỜNG THCS-THPT NGUYỄN KHUYẾN", "TRƯỜNG THCS-THPT NGUYỄN KHUYẾN"),  # acronyms keep it
        (
            "organization",
            "TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN BÌNH TRƯNG",  # a dash set apart joins two names
            "TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN BÌNH TRƯNG",
        ),
        ("parent", "PHÒNG GD&ĐT QUẬN 1", "PHÒNG GD&ĐT QUẬN 1"),
        (
            "title",
            ". Thực hiện công tác cải cách hành chính năm 2025",
            "Thực hiện công tác cải cách hành chính năm 2025",
        ),
        ("title", "Cải cách: hành chính năm 2024,", "Cải cách hành chính năm 2024"),
        ("signer", "Nguyễn Văn A.", "Nguyễn Văn A."),  # other facts are left to repair
    ],
)
def test_a_header_fact_loses_the_specks_a_scan_put_in_it(name: str, read: str, mended: str):
    assert mend_header_marks(name, read)[0] == mended


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("tập thoát nạn Cho học sinh", "tập thoát nạn cho học sinh"),  # OCR's capital on a small word
        ("lòng của CMHS Và người dân", "lòng của CMHS và người dân"),  # after an acronym too
        ("Tổ Mẫu giáo Lớn, Tổ Văn phòng", "Tổ Mẫu giáo Lớn, Tổ Văn phòng"),  # a name's last word
        ("gửi về Sở năm 2022", "gửi về Sở năm 2022"),  # the corpus writes "Sở" inside sentences
        ("chủ ở cơ Sở năm 2022", "chủ ở cơ sở năm 2022"),  # but not as the end of "cơ sở"
        ("cụ thể Hóa thành nhiệm vụ", "cụ thể hóa thành nhiệm vụ"),
        ("báo cáo Ủy bạn nhân dân", "báo cáo Ủy ban nhân dân"),  # "Ủy" starts "Ủy ban"
        ("kể cả sáng thứ Bảy", "kể cả sáng thứ Bảy"),  # the corpus writes the day with its capital
        ("được cấp Và SỬ dụng hộp thư", "được cấp và sử dụng hộp thư"),  # a syllable in capitals before its word
        ("KẾ HOẠCH SỬ dụng", "KẾ HOẠCH SỬ dụng"),  # not in a heading
        ("tiếp nhận hồ SƠ trực tuyến", "tiếp nhận hồ sơ trực tuyến"),  # a common word in capitals
        ("trao đổi công VIỆC.", "trao đổi công việc."),
        ("trí tuệ nhân tạo (AI) trong", "trí tuệ nhân tạo (AI) trong"),  # an acronym stays
        ("hệ thống mạng LAN, website", "hệ thống mạng LAN, website"),
        ("Cơ quan chủ Thời gian dự", "Cơ quan chủ Thời gian dự"),  # a word that opens cells
        ("Và hằng năm", "Và hằng năm"),  # a sentence's first word
        ("nâng cao Chí sẽ CCHC", "nâng cao Chí sẽ CCHC"),  # the capital of a damaged name ("Chỉ số")
    ],
)
def test_a_capital_ocr_put_on_a_small_word_inside_a_sentence_goes(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


def test_on_a_coarse_scan_a_word_that_often_opens_a_sentence_loses_a_capital_inside_one(repairer: Repairer):
    """A fax puts many capitals inside sentences; there even a common opener ("Ít", "Các") is lowered."""
    read = "Đăng ký và triển khai Ít nhất 02 sáng kiến"
    assert repairer.repair(read).text == read  # at 200 dpi, a cell may start inside an interleaved line
    assert repairer.repair(read, coarse=True).text == "Đăng ký và triển khai ít nhất 02 sáng kiến"


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("định kỳ {quý, 6 tháng, năm} gửi", "định kỳ (quý, 6 tháng, năm) gửi"),  # braces for brackets
        ("xử lý nghiêm các trường hợp vi phạm. .", "xử lý nghiêm các trường hợp vi phạm."),  # a lone speck
        ("viên Tin học, Ø1 nhân viên", "viên Tin học, 01 nhân viên"),  # a slashed O among digits
        ("hành của Sở GD&(ÐT; 100% văn", "hành của Sở GD&ĐT; 100% văn"),  # a mark inside an acronym
        ("tử công vụ (@hcm.edu. vn) trong", "tử công vụ (@hcm.edu.vn) trong"),  # a domain parted at a dot
        ("miền @hcm. edu. vn trong", "miền @hcm.edu.vn trong"),
        ("gồm 02 giáo viên, 01 nhân viên", "gồm 02 giáo viên, 01 nhân viên"),  # a comma before a count stays
        ("ngày 15 tháng: 10 năm 2024", "ngày 15 tháng 10 năm 2024"),  # a speck before a month's number goes
    ],
)
def test_marks_ocr_misread_or_added(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("vấn đề được-giái quyết kịp thời", "vấn đề được giải quyết kịp thời"),  # one word damaged
        ("tổ chức hop-Hội đồng sư phạm", "tổ chức họp Hội đồng sư phạm"),
        ("tổ Văn-sử", "tổ Văn-sử"),  # known words keep their dash
        ("theo Nghị định số-59/2023/NĐ-CP ngày", "theo Nghị định số 59/2023/NĐ-CP ngày"),  # a word before a number
        ("ban hành ngày-05/3/2020.", "ban hành ngày 05/3/2020."),
        ("Phòng Văn hóa-Xã hội", "Phòng Văn hóa-Xã hội"),  # a dash between two words of two syllables stays
        ("phát triển kinh tế-xã hội", "phát triển kinh tế-xã hội"),
        ("hoàn thành các mô-đun", "hoàn thành các mô-đun"),  # a loanword's dash stays
        ("năm học 2024-2025", "năm học 2024-2025"),
    ],
)
def test_words_a_speck_dashed_together_are_parted(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("cho CB-GV-NV và, học sinh", "cho CB-GV-NV và học sinh"),  # no mark follows "và"
        ("ngày làm việc theo, Nghị định số", "ngày làm việc theo Nghị định số"),  # "kèm theo." is another word's end
        ("Thực hiện các, nhiệm vụ", "Thực hiện các nhiệm vụ"),
        ("các văn bản của; Sở GD&ĐT", "các văn bản của Sở GD&ĐT"),
        ("lĩnh vực cải cách, đưa kết quả", "lĩnh vực cải cách, đưa kết quả"),  # "cải cách" ends a word
        ("học sinh, giáo viên và nhân viên", "học sinh, giáo viên và nhân viên"),
    ],
)
def test_a_comma_after_a_word_that_leads_on_is_a_speck(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("cho phù hợp vớt Luật Thực hiện dân chủ", "cho phù hợp với Luật Thực hiện dân chủ"),  # a final "i" read "t"
        ("quy chế, nột quy của trường", "quy chế, nội quy của trường"),
        ("họp Hột đồng sư phạm", "họp Hội đồng sư phạm"),
        ("Rà soái hạ tầng công nghệ thông tin", "Rà soát hạ tầng công nghệ thông tin"),  # and the reverse
        ("hỗ trợ tôi đa cho học sinh", "hỗ trợ tối đa cho học sinh"),
        ("đạt kết quả tốt", "đạt kết quả tốt"),  # a word its phrase holds keeps its "t"
        ("phát triển hoạt động", "phát triển hoạt động"),
        ("đăng nhập tài khoản VNeD của", "đăng nhập tài khoản VNeD của"),  # a brand, misread, is no Vietnamese word
        ("ngày 03/01/2030 của LJy ban nhân dân", "ngày 03/01/2030 của Ủy ban nhân dân"),
    ],
)
def test_letters_a_coarse_scan_confuses(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read, coarse=True).text == repaired


def test_an_acronym_beside_a_word_is_weak_evidence_for_changing_it(repairer: Repairer):
    """The corpus writes "CMHS đối với" twice, which is no reason to read "TPT Đội" as "TPT Đối"."""
    assert repairer.repair("Giáo viên TPT Đội và").text == "Giáo viên TPT Đội và"
    assert repairer.repair("CMHS đôi với").text == "CMHS đối với"


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("tổ chức ít nhất 02 lần năm để", "tổ chức ít nhất 02 lần/năm để"),  # a rate's slash read as a space
        ("Ban đại diện CMHS ít nhất 01 lần,năm.", "Ban đại diện CMHS ít nhất 01 lần/năm."),  # or as a comma
        ("ít nhất 01 lần, quý.", "ít nhất 01 lần/quý."),  # "lần" and "quý" each stand by a slash in the corpus
        ("tổ chức 02 lần trong năm", "tổ chức 02 lần trong năm"),
        ("(tối thiểu 02 lần năm) để", "(tối thiểu 02 lần/năm) để"),  # after a bracket too
        ("tối thiểu 02 đợưnăm, tập trung", "tối thiểu 02 đợt/năm, tập trung"),  # "t/" read as "ư"
        ("ít nhất 02 đợưnãm; tổng hợp", "ít nhất 02 đợt/năm; tổng hợp"),  # and the period's tone misread too
        ("(tối thiểu 02 lượtưnăm); phát động", "(tối thiểu 02 lượt/năm); phát động"),  # the slash alone read as "ư"
        ("tối thiểu 120 tiế/năm học", "tối thiểu 120 tiết/năm học"),  # a final letter lost before the slash
        ("tuyển thêm 02 người làm", "tuyển thêm 02 người làm"),  # "ngư" is a syllable: nothing is glued
        ("nhà trường năm 2025 đã", "nhà trường năm 2025 đã"),
    ],
)
def test_the_slash_of_a_rate_is_given_back(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("kế hoạch giáo dục, số theo dõi trẻ", "kế hoạch giáo dục, sổ theo dõi trẻ"),  # a hook read as an acute
        ("ghi đầu bài, số theo dõi", "ghi đầu bài, sổ theo dõi"),
        ("tham gia đầy đủ, số lượng", "tham gia đầy đủ, số lượng"),  # "số lượng" is the phrase
        ("nhà trường tăng số theo quy định", "nhà trường tăng số theo quy định"),  # "sổ theo" only in "sổ theo dõi"
        ("quán triệt tỉnh thần Nghị quyết", "quán triệt tinh thần Nghị quyết"),  # a hook read where none was
        ("tiêu chí thành phần Chi số cải cách hành chính", "tiêu chí thành phần Chỉ số cải cách hành chính"),  # lost
        ("tạo sự chuyên biến mạnh mẽ", "tạo sự chuyên biến mạnh mẽ"),  # printed so in the corpus: no damage
        ("Sở Nội vụ tỉnh Đồng Nai", "Sở Nội vụ tỉnh Đồng Nai"),
    ],
)
def test_a_hook_misread_is_given_back_where_its_phrase_asks(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired
    assert Repairer(repairer.lexicon, threshold=0.9).repair(read).text == read  # below a stricter threshold


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("phong trào thi đua gần với CCHC;", "phong trào thi đua gắn với CCHC;"),  # a breve and its tone run together
        ("giao ban BGH hãng tuần và", "giao ban BGH hằng tuần và"),
        ("thu bảng hình thức chuyển khoản", "thu bằng hình thức chuyển khoản"),
        ("theo dõi việc khảc phục sau kiểm tra", "theo dõi việc khắc phục sau kiểm tra"),
        ("cập nhật bảng tin của trường", "cập nhật bảng tin của trường"),  # words in their own phrase stay
        ("nhà ở gần trường", "nhà ở gần trường"),
    ],
)
def test_a_vowel_whose_breve_and_tone_ran_together(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("công tác quản ý hồ sơ", "công tác quản lý hồ sơ"),  # a short word that lost its first letter
        ("Bà soát hệ thống văn bản", "Rà soát hệ thống văn bản"),  # an "R" read as a "B"
        ("Bà Nguyễn Thị Hoa", "Bà Nguyễn Thị Hoa"),
        ("thực hiện heo quy định", "thực hiện theo quy định"),
        ("niêm yết tạ bảng tin", "niêm yết tại bảng tin"),  # or its last
        ("trong đó ý kiến của", "trong đó ý kiến của"),
        ("ý thức trách nhiệm", "ý thức trách nhiệm"),
    ],
)
def test_a_short_word_that_lost_a_letter_at_its_edge(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read, coarse=True).text == repaired


def test_the_reading_its_phrase_asks_for_when_the_decoders_has_none(repairer: Repairer):
    """The decoder prefers "công", which no phrase here asks for; "Cổng Dịch vụ công" is the phrase."""
    read = "mã QR dẫn đến Cống Dịch vụ công quốc gia"
    assert repairer.repair(read).text == "mã QR dẫn đến Cổng Dịch vụ công quốc gia"


def test_a_spelling_variant_of_the_decoders_reading_shares_its_odds(repairer: Repairer):
    """The decoder prefers "hàng", which no phrase here asks for; "hằng ngày" is the corpus's spelling of it."""
    assert repairer.repair("thông báo hãng ngày cho CMHS").text == "thông báo hằng ngày cho CMHS"


def test_a_word_asked_for_only_by_a_reading_that_is_put_back_stays_as_read(repairer: Repairer):
    """The decoder reads "về thủ chỉ": only its "chỉ" asks for "thủ", and no phrase asks for "chỉ".

    With "chí" back, "thu" stays, and the next pass finds "thu chi", the phrase.
    """
    repaired = repairer.repair("lần/học kỳ về thu chí, bán trú")
    assert repaired.text == "lần/học kỳ về thu chi, bán trú"
    assert [(c.before, c.after) for c in repaired.changes] == [("chí", "chi")]


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("bản sao (giấy tờ. .) tại", "bản sao (giấy tờ…) tại"),  # the "…" of an open list, read as specks
        ("(kỹ năng, ,) bằng", "(kỹ năng…) bằng"),
        ("(tăng cường `) và", "(tăng cường…) và"),
        ("(tài sản, .), kiểm kê", "(tài sản…), kiểm kê"),
        ("(Zoom, Google Meet...) thay cho", "(Zoom, Google Meet...) thay cho"),  # typed full stops stay
        ("(xem Phụ lục 1.) và", "(xem Phụ lục 1.) và"),
        ("kết thúc. ) và", "kết thúc. ) và"),  # no bracket opened
    ],
)
def test_an_ellipsis_read_as_specks_before_a_bracket_is_given_back(repairer: Repairer, read: str, repaired: str):
    assert repairer.repair(read).text == repaired


@pytest.mark.parametrize(
    ("read", "coarse", "repaired"),
    [
        ("theo Nghị định số 48/2023/NĐ-CP. kết hợp", False, "theo Nghị định số 48/2023/NĐ-CP; kết hợp"),
        ("ngày 09/6/2025. của Chính phủ", False, "ngày 09/6/2025 của Chính phủ"),  # the citation goes on
        ("Nghị định số 85/2023/NĐ-CP: thực hiện", True, "Nghị định số 85/2023/NĐ-CP; thực hiện"),  # a coarse scan
        ("Nghị định số 85/2023/NĐ-CP: thực hiện", False, "Nghị định số 85/2023/NĐ-CP: thực hiện"),
        ("Nghị định số 48/2023/NĐ-CP. Kết hợp", False, "Nghị định số 48/2023/NĐ-CP. Kết hợp"),  # a sentence ends
        ("Nghị định số 48/2023/NĐ-CP. Ủy ban", False, "Nghị định số 48/2023/NĐ-CP. Ủy ban"),
    ],
)
def test_a_mark_read_after_a_citation_before_a_small_word(repairer: Repairer, read: str, coarse: bool, repaired: str):
    assert repairer.repair(read, coarse=coarse).text == repaired


def test_a_reading_ocr_weighed_mends_a_letter_no_rule_reaches(repairer: Repairer):
    """A fax's "hoạc": rules reach only "hoặc"; Tesseract had "t" close behind "c"."""
    text = "Tổ chức các hoạc động tuyên truyền"
    assert repairer.repair(text).text == "Tổ chức các hoặc động tuyên truyền"
    weighed = {"hoạc": (("hoạt", 0.3),)}
    assert repairer.repair(text, readings=weighed).text == "Tổ chức các hoạt động tuyên truyền"


def test_a_reading_ocr_weighed_does_not_overrule_the_context(repairer: Repairer):
    """ "công" with "cổng" close behind stays in "công tác"; the reading is evidence, not a verdict."""
    text = "Báo cáo kết quả thực hiện công tác cải cách"
    assert repairer.repair(text, readings={"công": (("cổng", 0.0),)}).text == text


def test_a_fax_plans_readings_are_gathered_by_word(samples_dir: Path):
    """The pipeline hands repair what OCR weighed on a fax page, and nothing for a text-layer page."""
    from cchc.pipeline import layouts_to_plan, page_to_layout
    from ingest.files import path_to_source, source_to_jobs
    from ingest.tesseract import OcrSettings

    def plan_of_page(name: str, page_no: int):
        path = samples_dir / "rendered" / name
        source = path_to_source(path)
        job = next(j for j in source_to_jobs(source, str(path)) if j.page_no == page_no)
        return layouts_to_plan(source, [page_to_layout(job, OcrSettings())])

    fax = plan_of_page("tieuhoc-2026-fax150.pdf", 1)
    assert len(fax.readings) > 100
    assert all(key == key.lower() and readings for key, readings in fax.readings.items())
    assert plan_of_page("tieuhoc-2026.pdf", 1).readings == {}


def test_a_near_tie_in_ocr_is_left_to_the_context(repairer: Repairer):
    """A 200-dpi "chí" with "chỉ" 0.02 nats behind: "các tiêu chí, tiêu chí thành phần" keeps its words and comma."""
    text = "chấm điểm các tiêu chí, tiêu chí thành phần của Chỉ số cải cách hành chính"
    assert repairer.repair(text, readings={"chí": (("chỉ", 0.016),)}).text == text


def test_a_words_readings_gather_as_its_pages_resolution_asks():
    """A fine scan keeps a reading only where every place the word was read weighed it; a fax, any place."""
    from cchc.pipeline import layouts_to_readings
    from schema.records import PageLayout, Word

    def page(dpi: int, *words: Word) -> PageLayout:
        return PageLayout(1, 595, 842, "ocr", words, (), dpi=dpi)

    box = (0, 0, 10, 10)
    twice = Word("trường", box, 0.9, (("trưởng", 0.9), ("trướng", 2.0)))
    once = Word("trường,", box, 0.9, (("trưởng", 1.4),))
    plain = Word("Trường", box, 0.9)
    assert layouts_to_readings([page(200, twice, once)]) == {"trường": (("trưởng", 1.4),)}
    assert layouts_to_readings([page(200, twice, once, plain)]) == {}
    assert layouts_to_readings([page(150, twice, once, plain)]) == {"trường": (("trưởng", 0.9), ("trướng", 2.0))}


def test_a_word_after_a_slash_is_no_code_kind(repairer: Repairer):
    assert repairer.repair("ký ngày 15/3/2024/ Kế hoạch").text == "ký ngày 15/3/2024/ Kế hoạch"


def test_a_fax_cell_starting_small_is_given_the_capital_its_column_starts_with():
    """A fax reads a small capital as its small letter; a finer scan and a mixed column stay as read."""
    from dataclasses import replace

    capital = [f"Thực hiện nhiệm vụ {n}" for n in range(1, 19)]
    rows = [replace(_row(t), page=1) for t in [*capital, "thực hiện chế độ báo cáo", "(nếu có)"]]
    out = mend_cell_starts(rows, {1})
    assert [t.task for t in out[-2:]] == ["Thực hiện chế độ báo cáo", "(nếu có)"]
    assert [c.reason for c in out[-2].repairs] == ["case"]
    assert mend_cell_starts(rows, set())[-2].task == "thực hiện chế độ báo cáo"  # a 200-dpi page
    mixed = [replace(_row(t), page=1) for t in [*capital[:8], "các tổ chuyên môn", "thực hiện chế độ báo cáo"]]
    assert mend_cell_starts(mixed, {1})[-1].task == "thực hiện chế độ báo cáo"  # 8 of 10: no habit strong enough


def test_a_lone_letter_starting_a_fax_cell_is_a_fragment_and_stays():
    from dataclasses import replace

    rows = [replace(_row(t), page=1) for t in [*(f"Kế hoạch {n}" for n in range(1, 19)), "n bạn triển khai"]]
    assert mend_cell_starts(rows, {1})[-1].task == "n bạn triển khai"


def test_a_full_stop_before_a_bracket_that_opens_a_sentence_stays(repairer: Repairer):
    text = "hoàn thành năm 2024. (Kèm theo danh sách)"
    assert repairer.repair(text).text == text


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("xác thực thông tin quatài.khoản định danh", "xác thực thông tin qua tài khoản định danh"),
        ("phổ biến đến toàn thể GB-GV-NV trong trường", "phổ biến đến toàn thể CB-GV-NV trong trường"),
        ("các CB-CC-VC và GV-NV", "các CB-CC-VC và GV-NV"),  # no round letter apart from a known form
        ("theo Nghị định số.90/2020/NĐ-CP ngày", "theo Nghị định số 90/2020/NĐ-CP ngày"),  # a code after a speck
        ("ứng dụng trí tuệ nhân tạo (A]) trong", "ứng dụng trí tuệ nhân tạo (AI) trong"),  # "]" read for "I"
        ("như khoản [2]) nêu trên", "như khoản [2]) nêu trên"),
        ("toàn thể CB-GV-NYV tham gia", "toàn thể CB-GV-NV tham gia"),  # a letter read into a long acronym
        ("Nghị định 85⁄2023/NĐ-CP, ngày", "Nghị định 85/2023/NĐ-CP, ngày"),  # a fraction slash
        ("Sở GD&ĐTthấm định", "Sở GD&ĐT thẩm định"),  # an acronym run into the next word
        ("Ngày Pháp luật (09/1 1) hằng năm", "Ngày Pháp luật (09/11) hằng năm"),  # a month parted at a space
        ("trước ngày 15/1 2;", "trước ngày 15/12;"),
        ("tổ chức 9/1 2 lần", "tổ chức 9/1 2 lần"),  # no mark after it: a count, not a month
        ("thư điện tử công vụ (@hcm edu.vn) của", "thư điện tử công vụ (@hcm.edu.vn) của"),  # a dot read as a space
        ("qua email abc@hcm edu.vn và", "qua email abc@hcm.edu.vn và"),
    ],
)
def test_words_codes_acronyms_dates_and_domains_ocr_ran_together_or_parted(
    repairer: Repairer, damaged: str, repaired: str
):
    assert repairer.repair(damaged).text == repaired


def test_a_row_of_the_lattice_is_the_models_probabilities(repairer: Repairer):
    """The decoder reads a row of bigram scores at once: the same numbers as one at a time."""
    lex = repairer.lexicon
    following = ("số", "sổ", "sở", "xyzq", NUMBER, BOUNDARY)
    for prev in ("chỉ", "chi", "hồ", "xyzq", NUMBER, BOUNDARY):
        assert lex.logp_row(prev, following) == [lex.logp(prev, b) for b in following]
