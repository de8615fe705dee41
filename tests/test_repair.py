from __future__ import annotations

import pytest

from cchc import resources
from cchc.linking import default_catalogue_text
from normalize.catalogue import parse_catalogue
from normalize.repair import Repairer, channel_cost


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
    ],
)
def test_damaged_words_are_repaired(repairer: Repairer, damaged: str, repaired: str):
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
