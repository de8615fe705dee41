from __future__ import annotations

from pathlib import Path

import pytest

from cchc.linking import default_catalogue_text
from normalize.catalogue import (
    AREAS,
    CatalogueError,
    catalogue_to_csv,
    link_task,
    parse_catalogue,
    section_areas,
    topic_votes,
)
from schema.records import Task


@pytest.fixture(scope="module")
def catalogue():
    return parse_catalogue(default_catalogue_text())


def _task(text: str, section: str | None = None) -> Task:
    return Task(1, None, section, text, text, None, None, None, None, None, {}, None, None, None)


def test_bundled_catalogue_is_valid(catalogue):
    assert len(catalogue.entries) >= 40
    assert {e.area for e in catalogue.entries} == set(AREAS)
    for e in catalogue.entries:
        prefix = e.code.split("-")[0]
        assert all(x.code.split("-")[0] == prefix for x in catalogue.entries if x.area == e.area)


def test_csv_round_trip(catalogue):
    assert parse_catalogue(catalogue_to_csv(catalogue)) == catalogue


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("code,area,text\nA-1,tthc,x\n", "header"),
        ("code,area,text,aliases,years\nA-1,procedures,x,,\n", "row 2: area 'procedures'"),
        ("code,area,text,aliases,years\nA-1,tthc,x,,\nA-1,tthc,y,,\n", "row 3: code A-1 appears twice"),
        ("code,area,text,aliases,years\nA-1,tthc,x,,2026-2024\n", "end before they start"),
        ("code,area,text,aliases,years\nA-1,tthc,x,,next year\n", "not like 2024"),
        ("code,area,text,aliases,years\n", "no entries"),
    ],
)
def test_bad_catalogues_name_the_row(csv, message):
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(csv)


def test_years_limit_an_entry():
    cat = parse_catalogue("code,area,text,aliases,years\nA-1,tthc,Khảo sát sự hài lòng,,2024-2025\n")
    assert link_task(_task("Khảo sát sự hài lòng của phụ huynh"), cat, 2024).code == "A-1"
    assert link_task(_task("Khảo sát sự hài lòng của phụ huynh"), cat, 2026).code is None


def test_area_is_the_topic_not_the_section(catalogue):
    section = "2. Cải cách thủ tục hành chính (TTHC)"
    fees = link_task(_task("Tăng tỷ lệ đóng tiền học phí trực tuyến không dùng tiền mặt", section), catalogue, 2024)
    office = link_task(_task("Xây dựng môi trường làm việc điện tử, sử dụng chữ ký số", section), catalogue, 2024)
    assert (fees.area, office.area) == ("tai_chinh_cong", "chinh_quyen_so")


def test_objective_rows(catalogue):
    result = link_task(_task("Nâng cao chất lượng phục vụ", "I. MỤC TIÊU (cụ thể, rõ ràng)"), catalogue, 2024)
    assert result.area == "muc_tieu"


def test_links_tolerate_ocr_damage(catalogue):
    result = link_task(_task("Khảo sát mức đô hài long của cha me hoc sinh"), catalogue, 2025)
    assert (result.code, result.area) == ("TTHC-03", "tthc")


def test_area_on_held_out_wordings(catalogue, data_dir: Path):
    """Task wordings of other plans, not used to build the catalogue: the area must be right."""
    rows = [
        line.rstrip("\n").split("\t")
        for line in (data_dir / "areas.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    right = sum(link_task(_task(text, section), catalogue, 2025).area == area for section, text, area in rows)
    assert right / len(rows) >= 0.98, f"{right}/{len(rows)}"


def test_a_citation_matches_only_the_same_document(catalogue):
    """An alias that cites a decree ("Nghị định số 29/2023/NĐ-CP") is no match for a task citing another one."""
    task = _task(
        "Đánh giá, xếp loại chất lượng viên chức năm 2025 theo Nghị định số 48/2023/NĐ-CP của Chính phủ",
        "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
    )
    assert link_task(task, catalogue, 2025).area == "cong_vu"


@pytest.mark.parametrize(
    "text",
    [
        "Tổ chức diễn tập phương án phòng cháy, chữa cháy cho toàn thể viên chức và học sinh",
        "Phối hợp Công an phường bảo đảm an ninh trật tự, an toàn giao thông trước cổng trường",
        "Duy trì phong trào “Trường học xanh - sạch - đẹp”, giữ gìn cảnh quan khu vực tiếp dân",
        "Thực hiện công tác phòng, chống tham nhũng, tiêu cực; thực hành tiết kiệm, chống lãng phí",
        "Phối hợp Trạm Y tế phường tổ chức khám sức khỏe cho học sinh đầu năm học",
        "Kiểm tra an toàn vệ sinh thực phẩm tại bếp ăn bán trú, lưu mẫu thức ăn hằng ngày",
        "Chuẩn bị hồ sơ đề nghị đánh giá ngoài, công nhận đạt kiểm định chất lượng giáo dục cấp độ 2",
        "Tư vấn hướng nghiệp, phân luồng cho học sinh lớp 9; hướng dẫn đăng ký nguyện vọng tuyển sinh lớp 10",
    ],
)
def test_school_safety_is_no_reform_area(catalogue, text: str):
    """Fire drills, public order, the school's grounds and health, anti-corruption work, quality accreditation
    and career guidance are no reform area."""
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), catalogue, 2025).area == "khac"


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Thực hành tiết kiệm, chống lãng phí trong sử dụng điện, nước và văn phòng phẩm", "tai_chinh_cong"),
        ("Tuyển chọn nhân viên hợp đồng cho các vị trí còn thiếu theo quy định", "cong_vu"),
        ("Xét nâng bậc lương thường xuyên, nâng lương trước thời hạn cho viên chức", "cong_vu"),  # pay steps
        ("Hiệu trưởng ủy quyền bằng văn bản cho Phó Hiệu trưởng ký giấy xác nhận học sinh", "to_chuc_bo_may"),
        ("Tuyên truyền về CCHC, Đề án 06 trên Cổng thông tin điện tử của trường", "chi_dao_dieu_hanh"),
        ("Đăng tin, bài về CCHC trên trang thông tin điện tử của trường và nhóm Zalo các lớp", "chi_dao_dieu_hanh"),
        ("Xây dựng Quy định về quản lý hoạt động dạy thêm, học thêm trong nhà trường", "the_che"),
        ("Phát hành biên lai điện tử cho các khoản thu của học sinh", "tai_chinh_cong"),
        ("Thực hiện kê khai tài sản, thu nhập lần đầu và hằng năm theo quy định", "cong_vu"),
        ("Tuyên truyền, giáo dục an toàn giao thông cho học sinh trong các tiết chào cờ", "khac"),
        ("Kiện toàn Hội đồng trường, Hội đồng thi đua - khen thưởng của nhà trường", "to_chuc_bo_may"),
        ("Phổ biến những điểm mới của Luật Giáo dục sửa đổi đến giáo viên, nhân viên", "the_che"),
        ("Tiếp nhận, cấp phát sách giáo khoa cho học sinh đầu năm học", "khac"),
        ("Giáo viên, nhân viên ký cam kết không bạo hành trẻ, bảo đảm vệ sinh an toàn thực phẩm", "cong_vu"),
        ("Chi lương, phụ cấp cho viên chức, người lao động qua tài khoản cá nhân", "tai_chinh_cong"),
        ("Ký hợp đồng liên kết đào tạo nghề với doanh nghiệp; công khai việc phân chia nguồn thu", "tai_chinh_cong"),
        ("Ban hành Bộ quy tắc ứng xử của nhà trường năm học 2031-2032", "the_che"),  # making the rule
        ("Thực hiện nghiêm Bộ quy tắc ứng xử của nhà trường", "cong_vu"),  # keeping it: conduct
        ("Triển khai học bạ số cho học sinh khối 6", "chinh_quyen_so"),
    ],
)
def test_key_phrases_send_a_topic_to_its_area(catalogue, text: str, area: str):
    assert link_task(_task(text, "VII. NHIỆM VỤ KHÁC"), catalogue, 2025).area == area


@pytest.mark.parametrize(
    "text",
    [
        "Tiếp nhận, xử lý, phát hành văn bản đi, đến trên Hệ thống quản lý văn bản và điều hành của phường",
        "Chuyển hồ sơ chuyên môn của giáo viên (kế hoạch bài dạy, sổ điểm) sang dạng số, lưu trên phần mềm",
    ],
)
def test_document_handling_and_records_kept_digitally_are_digital_work(catalogue, text: str):
    """Handling incoming and outgoing documents is e-office work, and a file ("hồ sơ") is no procedure by itself."""
    assert link_task(_task(text, "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"), catalogue, 2025).area == "chinh_quyen_so"


def test_a_coordination_regulation_is_an_internal_rule(catalogue):
    """A "quy chế phối hợp" is a rule the school adopts (institutions), whatever section prints it."""
    text = "Ban hành Quy chế phối hợp với Ban đại diện CMHS trong quản lý học sinh bán trú"
    assert link_task(_task(text, "IV. CẢI CÁCH TỔ CHỨC BỘ MÁY"), catalogue, 2025).area == "the_che"


def test_a_marked_key_phrase_needs_its_marks(catalogue):
    """ "nhiệm vụ khắc phục" (remedial tasks) folds like "nhiệm vụ khác" (other tasks) but is none."""
    text = "Lồng ghép nội dung CCHC vào cuộc họp Hội đồng sư phạm: giao nhiệm vụ khắc phục cho từng bộ phận"
    assert "khac" not in topic_votes(text)
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), catalogue, 2025).area == "chi_dao_dieu_hanh"
    assert topic_votes("Thực hiện các NHIỆM VỤ KHÁC do cấp trên giao")["khac"] > 0


def test_a_channel_is_not_the_topic(catalogue):
    """The portal a task is published on ("trên Trang thông tin điện tử") does not make it digital work."""
    text = "Đẩy mạnh tuyên truyền về CCHC trên Trang thông tin điện tử, trang mạng xã hội và nhóm Zalo của các lớp"
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO"), catalogue, 2025).area == "chi_dao_dieu_hanh"
    # Nor does a catalogue entry matched on the channel's words alone.
    text = "Đăng tải tin, bài về hoạt động cải cách hành chính của nhà trường trên Trang thông tin điện tử và Fanpage"
    assert link_task(_task(text, "VIII. CÔNG TÁC KIỂM TRA, THÔNG TIN"), catalogue, 2025).area == "chi_dao_dieu_hanh"
    # "hiệu quả" and "thông qua" (adopt) open no channel.
    assert topic_votes("Sử dụng hiệu quả phần mềm quản lý")["chinh_quyen_so"] > 1
    assert topic_votes("Thông qua quy chế chi tiêu nội bộ")["tai_chinh_cong"] >= 4


def test_a_bracketed_aside_does_not_make_the_link(catalogue):
    """A long aside lists examples; the task is what stands outside it. A short one is a name."""
    text = "Phân định thẩm quyền, ủy quyền ký văn bản cho Phó Hiệu trưởng (phụ trách chuyên môn; cơ sở vật chất)"
    result = link_task(_task(text, "Cải cách tổ chức bộ máy"), catalogue, 2025)
    assert result.area == "to_chuc_bo_may"
    assert not (result.code or "").startswith("TCC"), result
    named = link_task(
        _task("Tự đánh giá, chấm điểm Chỉ số cải cách hành chính (PAR Index) của trường"), catalogue, 2024
    )
    assert (named.code, named.score) == ("CDDH-06", 1.0)
    # Nor do its words vote: the departments listed are the organisation's, not training or finance.
    text = (
        "Rà soát, kiện toàn các phòng chuyên môn (Phòng Hành chính – Tổng hợp; Phòng Đào tạo và Quản lý học viên; "
        "Phòng Hướng nghiệp, Liên kết đào tạo)"
    )
    assert link_task(_task(text, "CẢI CÁCH TỔ CHỨC BỘ MÁY"), catalogue, 2035).area == "to_chuc_bo_may"


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("Hoàn thành các nhiệm vụ cải cách hành chính khác do Ủy ban nhân dân phường giao", "VIII. NHIỆM VỤ KHÁC"),
        ("Thực hiện nhiệm vụ CCHC đột xuất do cấp trên chỉ đạo", "VIII. NHIỆM VỤ KHÁC"),
        # Whatever section they sit under: they name no reform of their own.
        ("Thực hiện các nhiệm vụ cải cách hành chính khác do Ủy ban nhân dân phường giao", "I. CÔNG TÁC CHỈ ĐẠO"),
        ("Hoàn thành các công việc cải cách hành chính đột xuất được Sở Giáo dục và Đào tạo phân công", "I. CHỈ ĐẠO"),
    ],
)
def test_tasks_assigned_from_above_are_no_reform_area(catalogue, text: str, section: str):
    assert link_task(_task(text, section), catalogue, 2025).area == "khac"


@pytest.mark.parametrize(
    ("text", "area"),
    [
        (
            "Lồng ghép kiểm tra việc thực hiện nhiệm vụ cải cách hành chính vào kế hoạch kiểm tra nội bộ; kiểm tra "
            "việc niêm yết, tiếp nhận và giải quyết hồ sơ tại bộ phận văn phòng",
            "chi_dao_dieu_hanh",
        ),
        (
            "Khai thác kho học liệu số và hệ thống học tập trực tuyến của ngành; xây dựng ngân hàng câu hỏi",
            "chinh_quyen_so",
        ),
    ],
)
def test_the_first_clause_states_the_topic(catalogue, text: str, area: str):
    """Key phrases after the first ";" weigh half: the later clauses add to the topic the first one states."""
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), catalogue, 2025).area == area


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Kiểm tra việc quản lý, sử dụng tài sản công của nhà trường", "tai_chinh_cong"),
        ("Tuyên truyền, phổ biến pháp luật về giáo dục cho cán bộ, giáo viên", "the_che"),
        ("Kiểm tra việc thực hiện Kế hoạch cải cách hành chính năm 2026 tại các tổ", "chi_dao_dieu_hanh"),
        ("Báo cáo kết quả thực hiện công tác cải cách hành chính quý I", "chi_dao_dieu_hanh"),
    ],
)
def test_inspecting_reporting_or_telling_about_a_topic_is_that_topic(catalogue, text: str, area: str):
    """Inspecting, reporting or telling ("Kiểm tra", "Báo cáo", "Tuyên truyền") takes its object's topic."""
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), catalogue, 2026).area == area


@pytest.mark.parametrize(
    "text",
    [
        "Phấn đấu 100% hồ sơ tuyển sinh đầu cấp được tiếp nhận và giải quyết đúng hạn",
        "Chỉ tiêu: 100% hồ sơ học sinh được cập nhật đầy đủ trên cơ sở dữ liệu ngành",
    ],
)
def test_a_task_striving_for_a_figure_is_an_objective(catalogue, text: str):
    assert link_task(_task(text, "3. Cải cách thủ tục hành chính"), catalogue, 2026).area == "muc_tieu"


def test_a_list_of_channels_runs_on_after_a_comma(catalogue):
    text = "Tuyên truyền kết quả cải cách hành chính trên bảng tin, trang thông tin điện tử và nhóm Zalo của các lớp"
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), catalogue, 2026).area == "chi_dao_dieu_hanh"


def test_entries_that_match_alike_are_told_apart_by_the_topic(catalogue):
    text = "Tuyển dụng viên chức còn thiếu theo vị trí việc làm được phê duyệt"
    assert link_task(_task(text), catalogue, 2026).area == "cong_vu"


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Đề nghị cấp chứng thư số cá nhân cho giáo viên chủ nhiệm, kế toán, văn thư", "chinh_quyen_so"),
        ("Cập nhật dữ liệu học sinh, đội ngũ, cơ sở vật chất lên CSDL ngành và phần mềm quản lý", "chinh_quyen_so"),
        ("Cử kế toán, văn thư tham dự các lớp tập huấn nghiệp vụ cải cách hành chính do phường tổ chức", "cong_vu"),
        ("Tập huấn nghiệp vụ CCHC cho nhân viên văn phòng", "cong_vu"),
        ("Nâng cao chất lượng giảng dạy, bồi dưỡng học sinh giỏi", "khac"),
    ],
)
def test_certificates_data_and_courses(catalogue, text: str, area: str):
    """Digital certificates and the data a school keeps are digital work; sending staff on courses is training,
    coaching gifted pupils is not."""
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), catalogue, 2034).area == area


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Kiểm tra sổ sách chuyên môn, dự giờ giáo viên theo kế hoạch kiểm tra nội bộ", "cong_vu"),
        ("Báo cáo số lượng giáo viên, nhân viên còn thiếu so với định mức về phường", "to_chuc_bo_may"),
    ],
)
def test_teachers_records_are_civil_service_and_staff_numbers_organisation(catalogue, text: str, area: str):
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), catalogue, 2029).area == area


@pytest.mark.parametrize(
    ("section", "area"),
    [
        ("V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "cong_vu"),
        ("VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN SỐ", "chinh_quyen_so"),
    ],
)
def test_skills_training_follows_the_schools_filing(catalogue, section: str, area: str):
    """Training staff in digital skills is their training under civil service, the tools' rollout under digital
    government."""
    text = "Bồi dưỡng kỹ năng ứng dụng công nghệ thông tin, chuyển đổi số cho giáo viên, nhân viên"
    assert link_task(_task(text, section), catalogue, 2031).area == area


@pytest.mark.parametrize(
    ("text", "section", "area"),
    [
        (
            "Đề xuất Ủy ban nhân dân phường tuyển dụng 03 giáo viên còn thiếu so với vị trí việc làm được phê duyệt",
            "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
            "cong_vu",
        ),
        (
            "Bãi bỏ các văn bản nội bộ không còn phù hợp; công khai danh mục trên cổng thông tin điện tử của trường",
            "II. CẢI CÁCH THỂ CHẾ",
            "the_che",
        ),
        (
            "Xây dựng phương án bố trí nhân sự dôi dư (kế toán, thủ quỹ, văn thư) của hai trường cũ; giải quyết chế độ",
            "IV. CẢI CÁCH TỔ CHỨC BỘ MÁY",
            "to_chuc_bo_may",
        ),
        (
            "Phối hợp Công an xã Xuân Thới Sơn tuyên truyền pháp luật về trật tự an toàn giao thông cho học sinh",
            "II. CẢI CÁCH THỂ CHẾ",
            "the_che",
        ),
    ],
)
def test_recruiting_repealing_surplus_staff_and_teaching_the_law(catalogue, text: str, section: str, area: str):
    """Recruiting teachers is recruitment, whatever job scheme it cites; repealing internal documents is an internal
    rule; surplus staff are organisation; teaching the law, on whatever subject, is legal dissemination."""
    assert link_task(_task(text, section), catalogue, 2037).area == area


@pytest.mark.parametrize(
    ("text", "section", "area"),
    [
        ("Sử dụng hộp thư công vụ @hcm.edu.vn trong trao đổi công việc", "VII. CHÍNH QUYỀN SỐ", "chinh_quyen_so"),
        ("Bảo đảm an toàn thông tin; kiểm tra định kỳ máy tính, mạng nội bộ", "VII. CHÍNH QUYỀN SỐ", "chinh_quyen_so"),
        (
            "Tiếp nhận, xử lý, luân chuyển văn bản đi, đến trên phần mềm quản lý văn bản và điều hành VNPT iOffice",
            "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            "chinh_quyen_so",
        ),
        ("Xét tuyển VC theo chỉ tiêu được giao, công khai, đúng quy trình", "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "cong_vu"),
        (
            "Tiếp nhận, quản lý và sử dụng nguồn tài trợ của các hội đồng hương cho quỹ khuyến học",
            "VI. CẢI CÁCH TÀI CHÍNH CÔNG",
            "tai_chinh_cong",
        ),
        (
            "Phối hợp Ủy ban nhân dân phường nơi học sinh cư trú hướng dẫn gia đình thực hiện thủ tục xác định mức độ "
            "khuyết tật, cấp Giấy xác nhận khuyết tật để học sinh được hưởng chế độ, chính sách theo quy định",
            "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            "tthc",
        ),
    ],
)
def test_mail_security_documents_selection_sponsorship_and_procedures(catalogue, text: str, section: str, area: str):
    """Official e-mail ("hộp thư công vụ") and information security are digital work, routing documents is e-office
    work (not staff rotation), selecting staff ("Xét tuyển VC") is recruitment, sponsorship is public finance and
    guiding families through a procedure is a procedure."""
    assert link_task(_task(text, section), catalogue, 2038).area == area


@pytest.mark.parametrize(
    ("text", "section", "area"),
    [
        (
            "Tham mưu Ủy ban nhân dân phường tuyển dụng bổ sung giáo viên Tin học, giáo viên Mỹ thuật và 01 nhân viên "
            "thư viện còn thiếu so với đề án vị trí việc làm",
            "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
            "cong_vu",
        ),
        (
            "Tập huấn cho tổ trưởng chuyên môn, tổ văn phòng về kỹ năng soạn thảo, trình bày văn bản hành chính và lập "
            "hồ sơ công việc theo quy định về công tác văn thư",
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH VÀ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH",
            "cong_vu",
        ),
        (
            "Tập huấn cho giáo viên, nhân viên sử dụng phần mềm quản lý trẻ và phần mềm dinh dưỡng",
            "VII. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ",
            "chinh_quyen_so",
        ),
        (
            "Xây dựng, ban hành bộ quy trình nội bộ của trường: quy trình tiếp nhận, xử lý văn bản đến – đi; quy trình "
            "quản lý hồ sơ học sinh; quy trình tiếp nhận, xử lý sự cố cơ sở vật chất",
            "II. CẢI CÁCH THỂ CHẾ",
            "the_che",
        ),
        (
            "Cập nhật đầy đủ, chính xác, kịp thời dữ liệu học sinh, đội ngũ, cơ sở vật chất trên CSDL ngành giáo dục "
            "và phần mềm SMAS",
            "VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
            "chinh_quyen_so",
        ),
        (
            "Phối hợp với Trung tâm Phục vụ hành chính công xã Hiệp Phước trong việc xác nhận hồ sơ hỗ trợ chi phí "
            "học tập, miễn giảm học phí cho trẻ thuộc diện chính sách trên hệ thống VNPT iGate.",
            "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            "tthc",
        ),
        (
            "Phối hợp Ban điều hành các khu phố, chủ nhà trọ vận động trẻ 6 tuổi là con em công nhân ra lớp, không để "
            "trẻ trong độ tuổi bỏ học; hoàn thành hồ sơ phổ cập giáo dục tiểu học năm 2039",
            "VIII. CÔNG TÁC THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH",
            "khac",
        ),
    ],
)
def test_yardsticks_training_internal_procedures_data_and_enrolment_drives(
    catalogue, text: str, section: str, area: str
):
    """A yardstick ("so với đề án vị trí việc làm") is not the topic; training is civil service unless it is
    teaching a digital tool; a school's own procedures are internal rules; data kept on the sector's database is
    digital work; confirming applications with the public-service centre is a procedure; getting children into
    school ("phổ cập", "bỏ học") is school life."""
    assert link_task(_task(text, section), catalogue, 2039).area == area


@pytest.mark.parametrize(
    ("text", "section", "area"),
    [
        (
            "Ban hành Quy chế nội bộ về tổ chức thi, chấm thi và cấp chứng chỉ ứng dụng công nghệ thông tin tại "
            "Trung tâm theo Thông tư của Bộ Giáo dục và Đào tạo",
            "II. CẢI CÁCH THỂ CHẾ",
            "the_che",
        ),
        (
            "Giáo viên, nhân viên giữ thái độ niềm nở, hòa nhã khi đón, trả trẻ và khi hướng dẫn phụ huynh làm hồ sơ; "
            "không gây phiền hà, sách nhiễu.",
            "3. Xây dựng nền hành chính phục vụ",
            "cong_vu",
        ),
        (
            "Thực hiện thăng hạng chức danh nghề nghiệp giáo viên trung học phổ thông theo chỉ tiêu được Sở phân bổ; "
            "xét tuyển, ký hợp đồng làm việc đúng quy trình",
            "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
            "cong_vu",
        ),
        (
            "Thí điểm trợ lý ảo trả lời tự động các câu hỏi thường gặp của cha mẹ học sinh về tuyển sinh, học phí, "
            "lịch học trên Zalo OA của trường.",
            "VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN SỐ",
            "chinh_quyen_so",
        ),
        (
            "Tổ chức tuyển sinh lớp 10 giáo dục thường xuyên năm học 2032-2033 theo hình thức trực tuyến kết hợp trực "
            "tiếp; hướng dẫn người học nộp hồ sơ qua cổng tuyển sinh, không yêu cầu nộp bản sao giấy tờ đã có trong Cơ "
            "sở dữ liệu quốc gia về dân cư",
            "III/ CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            "tthc",
        ),
    ],
)
def test_regulations_manners_promotion_assistants_and_a_light_verb(catalogue, text: str, section: str, area: str):
    """An internal regulation is an institution; staff manners ("thái độ niềm nở") and promotion ("thăng hạng chức
    danh") are civil service; a virtual assistant is digital work; "Tổ chức" is a light verb, so "Tổ chức tuyển
    sinh" opens with enrolment."""
    assert link_task(_task(text, section), catalogue, 2040).area == area


@pytest.mark.parametrize(
    ("section", "areas"),
    [
        ("III. CẢI CÁCH TTHC", ("tthc",)),
        ("6. Quản lý tài chính, tài sản công", ("tai_chinh_cong",)),
        ("VIII. CÔNG TÁC KIỂM TRA, GIÁM SÁT", ("chi_dao_dieu_hanh",)),
        ("IX. CÔNG TÁC THI ĐUA, KHEN THƯỞNG", ("chi_dao_dieu_hanh",)),
        ("VIII. CÔNG TÁC THÔNG TIN, TUYÊN TRUYỀN", ("chi_dao_dieu_hanh",)),
        ("8. Nhiệm vụ do Ủy ban nhân dân xã giao", ("khac",)),
        ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", ("chi_dao_dieu_hanh",)),
        ("V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", ("cong_vu",)),
        ("3. Tổ chức bộ máy và công vụ", ("to_chuc_bo_may", "cong_vu")),
        ("Xây dựng nền hành chính phục vụ", ()),
    ],
)
def test_section_headings_name_their_areas(section: str, areas: tuple[str, ...]):
    """Headings name their area in many ways: an acronym, a newer programme's wording, a section of their own for
    inspection, rewards or communication (all direction of the reform); a heading that joins two sections names
    both."""
    assert section_areas(section) == areas


def test_a_joined_heading_supports_both_its_areas(catalogue):
    """Under "Tổ chức bộ máy và công vụ" staff training is still civil service and staffing still organisation."""
    section = "3. Tổ chức bộ máy và công vụ"
    training = "Bồi dưỡng kỹ năng ứng dụng công nghệ thông tin, chuyển đổi số cho giáo viên, nhân viên"
    assert link_task(_task(training, section), catalogue, 2042).area == "cong_vu"


@pytest.mark.parametrize(
    ("text", "section", "area"),
    [
        (
            "Cập nhật đầy đủ, đúng hạn dữ liệu trẻ, viên chức, cơ sở vật chất lên CSDL ngành; đối chiếu mã định danh "
            "cá nhân của trẻ với dữ liệu dân cư.",
            "VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
            "chinh_quyen_so",
        ),
        (
            "Hiệu trưởng ủy quyền cho PHT ký giấy giới thiệu, giấy xác nhận học sinh và một số văn bản thường xuyên; "
            "quy định rõ trong Quy chế làm việc",
            "IV. CẢI CÁCH TỔ CHỨC BỘ MÁY",
            "to_chuc_bo_may",
        ),
        (
            "Thực hiện công tác PCGD - XMC trên địa bàn phường: điều tra, cập nhật số liệu vào phần mềm PCGD, hoàn "
            "thành hồ sơ trước 30/11",
            "VIII. CÔNG TÁC KIỂM TRA, TUYÊN TRUYỀN VÀ NHIỆM VỤ KHÁC",
            "khac",
        ),
        (
            "Sử dụng văn phòng điện tử để luân chuyển đề nghị nghỉ phép, đề nghị thanh toán công tác phí của giáo "
            "viên thay cho hồ sơ giấy.",
            "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            "chinh_quyen_so",
        ),
        (
            "Trích lập, sử dụng các quỹ; chi trả thu nhập tăng thêm cho viên chức, người lao động gắn với kết quả "
            "đánh giá, xếp loại hàng quý.",
            "VI. CẢI CÁCH TÀI CHÍNH CÔNG",
            "tai_chinh_cong",
        ),
    ],
)
def test_data_delegation_universal_education_e_office_and_funds(catalogue, text: str, section: str, area: str):
    """What data are kept ("dữ liệu trẻ, …, cơ sở vật chất") is not the topic; delegating signature ("ủy quyền cho")
    is organisation; universal education ("PCGD - XMC") is school life; the e-office ("văn phòng điện tử") is digital
    work; funds and extra income ("trích lập", "thu nhập tăng thêm") are public finance."""
    assert link_task(_task(text, section), catalogue, 2042).area == area


@pytest.mark.parametrize(
    ("text", "section", "area"),
    [
        (
            "Cử cô văn thư, cô kế toán và 2 tổ trưởng đi tập huấn CCHC, chuyển đổi số do phường mở.",
            "1. Chỉ đạo, điều hành",
            "cong_vu",
        ),
        (
            "Ban hành quyết định phân công, ủy quyền trong Ban Giám hiệu về ký văn bản, quản lý tài chính và giải "
            "quyết hồ sơ thủ tục hành chính khi Hiệu trưởng vắng.",
            "IV. TỔ CHỨC BỘ MÁY VÀ ĐỘI NGŨ VIÊN CHỨC",
            "to_chuc_bo_may",
        ),
        (
            "Ban hành Quy định về giờ đón, trả trẻ và giao nhận trẻ qua người đưa đón được ủy quyền (có phiếu ủy "
            "quyền)",
            "II. CẢI CÁCH THỂ CHẾ",
            "the_che",
        ),
        (
            "Tổ chức Hội thi giáo viên dạy giỏi cấp trường, chọn giáo viên tiêu biểu tham dự hội thi cấp xã; lấy kết "
            "quả hội thi làm căn cứ bồi dưỡng đội ngũ cốt cán.",
            "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
            "cong_vu",
        ),
    ],
)
def test_courses_delegation_and_contests(catalogue, text: str, section: str, area: str):
    """Sending staff on a course is training, whatever it teaches; delegating is organisation, whatever is delegated,
    but an authorised person is no delegation; only a contest on the reform ("Hội thi tìm hiểu") is direction."""
    assert link_task(_task(text, section), catalogue, 2043).area == area


def test_a_legal_basis_is_not_the_topic(catalogue):
    """A task opening "Căn cứ …," or "Theo …," names its basis; the task is what follows the comma. "Theo dõi"
    (monitor) is a verb."""
    text = "Căn cứ Kế hoạch cải cách hành chính năm 2044 của Ủy ban nhân dân phường, thực hiện kiểm kê tài sản công"
    assert link_task(_task(text, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), catalogue, 2044).area == "tai_chinh_cong"
    text = "Theo Kế hoạch chuyển đổi số của Sở, cử giáo viên tham gia lớp bồi dưỡng kỹ năng số do Sở tổ chức"
    assert link_task(_task(text, "VII. CHUYỂN ĐỔI SỐ"), catalogue, 2044).area == "cong_vu"
    text = "Theo dõi tình hình thi hành pháp luật tại đơn vị, báo cáo kết quả"
    assert link_task(_task(text, "II. CẢI CÁCH THỂ CHẾ"), catalogue, 2044).area == "the_che"


@pytest.mark.parametrize(
    ("text", "section", "area"),
    [
        (
            "Nâng cao chất lượng giáo dục toàn diện; tỷ lệ học sinh lớp 9 trúng tuyển vào lớp 10 công lập tăng so với "
            "năm học trước.",
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
            "khac",
        ),
        (
            "Chuyển đổi vị trí công tác đối với viên chức làm kế toán, thủ quỹ theo quy định về phòng, chống tham "
            "nhũng.",
            "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
            "cong_vu",
        ),
        (
            "Tổ chức cho giáo viên tham gia bồi dưỡng thường xuyên, bồi dưỡng năng lực số và kỹ năng ứng dụng trí tuệ "
            "nhân tạo trong dạy học trên hệ thống học tập trực tuyến của ngành",
            "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
            "cong_vu",
        ),
        (
            "Duy trì các lớp học cộng đồng buổi tối cho người dân trong phường (tiếng Anh giao tiếp, kỹ năng sống, phổ "
            "biến kiến thức nông nghiệp đô thị), tổ chức tổng kết vào tháng 12 năm 2044.",
            "VIII. NHIỆM VỤ KHÁC",
            "khac",
        ),
    ],
)
def test_quality_rotation_staff_courses_and_community_classes(catalogue, text: str, section: str, area: str):
    """The quality of education and community classes are school life; rotating staff posts ("chuyển đổi vị trí
    công tác") is civil service, as is having teachers take part in courses ("Tổ chức cho giáo viên tham gia bồi
    dưỡng …")."""
    assert link_task(_task(text, section), catalogue, 2044).area == area


def test_building_works_are_public_finance(catalogue):
    """Overseeing the school's new building ("giám sát thi công công trình") is public investment, so public finance,
    though it sends a representative ("cử đại diện") to the oversight board."""
    text = (
        "Phối hợp Ban Quản lý dự án đầu tư xây dựng khu vực giám sát thi công công trình xây dựng mới khối 8 phòng "
        "học; cử đại diện tham gia Ban giám sát đầu tư của cộng đồng và nghiệm thu các hạng mục"
    )
    assert link_task(_task(text, "VI. CẢI CÁCH TÀI CHÍNH CÔNG"), catalogue, 2045).area == "tai_chinh_cong"


@pytest.mark.parametrize(
    ("text", "section", "area"),
    [
        (
            "Chi trả tiền dạy thêm giờ cho giáo viên phải dạy vượt định mức do thiếu biên chế, đúng chế độ và kịp thời "
            "theo học kỳ.",
            "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
            "tai_chinh_cong",
        ),
        ("Cập nhật tủ sách pháp luật điện tử trên thư viện số của trường.", "II. CẢI CÁCH THỂ CHẾ", "the_che"),
    ],
)
def test_paying_overtime_and_the_law_bookshelf(catalogue, text: str, section: str, area: str):
    """Paying staff ("Chi trả tiền dạy thêm giờ") is public finance; the school's law bookshelf ("tủ sách pháp luật"),
    on paper or on screen, is legal dissemination."""
    assert link_task(_task(text, section), catalogue, 2046).area == area
