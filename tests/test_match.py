from __future__ import annotations

import pytest

from normalize.match import Role, best_match, header_role, header_row_roles


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("STT", Role.number),
        ("TT", Role.number),
        ("Số TT", Role.number),
        ("ST", Role.number),
        ("Nhiệm vụ", Role.task),
        ("Nội dung công việc", Role.task),
        ("Nhiệm vụ, giải pháp", Role.task),
        ("Sản phẩm", Role.product),
        ("Kết quả/sản phẩm", Role.product),
        ("Kết quả đầu ra", Role.product),
        ("Sản phẩm hoàn thành", Role.product_done),
        ("Cơ quan chủ trì/Công chức thực hiện", Role.lead),
        ("Đơn vị chủ trì thực hiện", Role.lead),
        ("Có quan chủ", Role.lead),  # damaged scan header
        ("Thời gian dự kiến", Role.deadline),
        ("Thòi gian thục hiện", Role.deadline),
        ("Thời gian hoànthành", Role.deadline_done),
        ("Tiến độ", Role.deadline),
        ("Ghi chú", Role.note),
        ("Chi chú", Role.note),
        ("Đơn vị phối hợp", Role.other),
        ("Kinh phí thực hiện", Role.other),
    ],
)
def test_header_roles(header, role):
    match = header_role(header)
    assert match is not None and match.value == role.value


def test_longest_synonym_wins():
    match = best_match("Nội dung công việc", {"a": ["Nội dung"], "b": ["Nội dung công việc"]})
    assert match.value == "b"
    assert match.score == 100


def test_unknown_header_has_no_role():
    assert header_role("Chữ ký xác nhận") is None


def test_a_task_row_is_not_a_header_row():
    row = ["2", "Triển khai thực hiện hiệu quả chủ đề năm 2024", "Kế hoạch, Báo cáo kết quả thực hiện", "Ban Giám hiệu"]
    assert header_row_roles(row) is None


def test_header_row():
    matches = header_row_roles(["STT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Thời hạn", "Chữ ký"])
    assert [m.value if m else None for m in matches] == ["number", "task", "product", "lead", "deadline", None]
