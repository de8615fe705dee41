"""The web view through Flask's test client: pages, filters, safety, manual links, page images, login."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cchc.cli import main
from cchc.queries import School as RosterSchool
from cchc.queries import TaskFilter, add_user, find_tasks, load_schools, review_queue
from cchc.web import STORE_KEY, PageFacts, create_app, image_dpi, render_page
from ingest.raster import image_frame_to_image
from schema.models import ManualLinkRow

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
IMPORTED = ("thcs-2024.txt", "rendered/tieuhoc-2026.pdf", "rendered/mamnon-2025.pdf")
"""Plain text (no pages), and two born-digital PDFs: 19 + 24 + 47 = 90 tasks, so two pages of 50."""
TOTAL_TASKS = 90
SCRIPT = "<script>alert(1)</script>"


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples imported once with the CLI; tests work on copies."""
    db = tmp_path_factory.mktemp("web") / "web.sqlite"
    for name in IMPORTED:
        result = CliRunner().invoke(main, ["import", str(SAMPLES / name), "--db", str(db), "--workers", "1"])
        assert result.exit_code == 0, result.output
    return db


def copy_db(built: Path, folder: Path) -> str:
    """A private copy of the built database and its file store."""
    db = folder / built.name
    shutil.copy(built, db)
    shutil.copytree(built.with_suffix(".files"), db.with_suffix(".files"))
    return str(db)


@pytest.fixture(scope="module")
def shared_app(built_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """One app for the tests that only read (opening a store costs a few tenths of a second)."""
    app = create_app(copy_db(built_db, tmp_path_factory.mktemp("shared")), require_login=False, secret_key=b"t")
    yield app
    app.extensions[STORE_KEY].close()


@pytest.fixture
def client(shared_app):
    """A client of the shared, read-only app (tests using it must not change the database)."""
    return shared_app.test_client()


@pytest.fixture
def store(shared_app):
    return shared_app.extensions[STORE_KEY]


@pytest.fixture
def db(built_db: Path, tmp_path: Path) -> str:
    """A private copy of the database, for tests that change it."""
    return copy_db(built_db, tmp_path)


@pytest.fixture
def own_app(db: str):
    """An app on a private database; CSRF protection stays on (as in production)."""
    app = create_app(db, require_login=False, secret_key=b"test secret")
    yield app
    app.extensions[STORE_KEY].close()


@pytest.fixture
def own_client(own_app):
    return own_app.test_client()


@pytest.fixture
def own_store(own_app):
    return own_app.extensions[STORE_KEY]


def text_of(response) -> str:
    return response.get_data(as_text=True)


def csrf_token(client, url: str = "/review") -> str:
    page = text_of(client.get(url))
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no CSRF token"
    return match.group(1)


def row_ids(page: str) -> list[str]:
    return re.findall(r'<tr id="row-([0-9a-f]{12}-\d+)"', page)


def plan_sha(store, file: str) -> str:
    from cchc.queries import list_plans

    return next(p.sha256 for p in list_plans(store) if p.file == file)


def first_link_item(store):
    return next(i for i in review_queue(store) if i.reason == "link")


# -- pages ------------------------------------------------------------------------------


def test_root_redirects_to_tasks(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/tasks")


@pytest.mark.parametrize(
    ("url", "labels"),
    [
        ("/plans", ["Kế hoạch", "Trường", "Năm", "tieuhoc-2026.pdf", "TRƯỜNG TIỂU HỌC HÒA BÌNH"]),
        ("/tasks", ["Nhiệm vụ", "Trường", "Năm", "Lĩnh vực", "Mã danh mục", "Hạn hoàn thành", "Tìm kiếm"]),
        ("/coverage", ["Bao phủ", "CDDH-01", "Trường chưa gửi kế hoạch"]),
        ("/review", ["Hàng chờ rà soát", "Xác nhận", "Đổi liên kết", "Người rà soát"]),
    ],
)
def test_pages_show_vietnamese_labels(client, url, labels):
    response = client.get(url)
    assert response.status_code == 200
    page = text_of(response)
    assert '<html lang="vi">' in page
    for label in labels:
        assert label in page, label


def test_every_response_has_the_security_headers(client):
    for url in ("/tasks", "/tasks?year=abc", "/nowhere", "/static/style.css"):
        headers = client.get(url).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp


def test_pages_use_no_script_and_no_inline_style(client, store):
    sha = plan_sha(store, "tieuhoc-2026.pdf")
    for url in ("/tasks", "/plans", "/coverage", "/review", f"/plans/{sha}"):
        page = text_of(client.get(url))
        assert "<script" not in page and "style=" not in page and "<style" not in page, url


def test_session_cookie_is_httponly_and_samesite(client):
    client.get("/review")  # the CSRF token goes into the session
    cookie = client.get_cookie("cchc_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


# -- the task page: filters, sorting, paging ----------------------------------------------


def test_tasks_are_paged_fifty_at_a_time(client):
    first = text_of(client.get("/tasks"))
    assert f"{TOTAL_TASKS} nhiệm vụ" in first and "trang 1/2" in first
    assert len(row_ids(first)) == 50 and 'rel="next"' in first
    second = text_of(client.get("/tasks?page=2"))
    assert "trang 2/2" in second and len(row_ids(second)) == TOTAL_TASKS - 50
    assert not set(row_ids(first)) & set(row_ids(second))
    past_the_end = text_of(client.get("/tasks?page=9"))
    assert "trang 2/2" in past_the_end


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("chi so cai cach", "Chỉ số cải cách"),
        ("CHỈ SỐ cải cách", "Chỉ số cải cách"),
        ("day manh", "Đẩy mạnh"),
    ],
)
def test_search_ignores_case_and_tone_marks(client, query, wanted):
    page = text_of(client.get("/tasks", query_string={"search": query}))
    ids = row_ids(page)
    assert 0 < len(ids) < TOTAL_TASKS
    assert wanted.lower() in page.lower()
    assert f'value="{html.escape(query, quote=True)}"' in page  # the form keeps the filter


def test_filters_narrow_the_rows(client, store):
    def ids(**params) -> set[str]:
        response = client.get("/tasks", query_string=params)
        assert response.status_code == 200
        return set(row_ids(text_of(response)))

    everything = ids() | ids(page=2)
    assert len(everything) == TOTAL_TASKS
    tieuhoc = plan_sha(store, "tieuhoc-2026.pdf")[:12]
    assert {i.split("-")[0] for i in ids(year=2026)} == {tieuhoc}
    assert {i.split("-")[0] for i in ids(school="tieu hoc hoa binh")} == {tieuhoc}
    review = ids(link_status="review")
    assert review == {i.id for i in review_queue(store) if i.reason == "link"}
    by_code = ids(code="cddh-01")  # codes are matched in upper case
    assert by_code and by_code < everything
    by_area = ids(area="tthc")
    assert by_area and by_area < everything
    due = ids(due_after="2026-01-01", due_before="2026-06-30")
    expected = find_tasks(store, TaskFilter(due_after=date(2026, 1, 1), due_before=date(2026, 6, 30)))
    assert due == {r["id"] for r in expected.rows} and 0 < len(due) < TOTAL_TASKS


def test_sorting_by_deadline_both_ways(client):
    def deadlines(desc: int) -> list[str]:
        page = text_of(client.get("/tasks", query_string={"sort": "deadline", "desc": desc, "year": 2026}))
        return re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', page)

    ascending, descending = deadlines(0), deadlines(1)
    assert ascending == sorted(ascending) and len(ascending) > 5
    assert descending == sorted(descending, reverse=True)


def test_sort_links_keep_the_filters_and_toggle_the_order(client):
    page = text_of(client.get("/tasks?search=ke+hoach&sort=year"))
    links = dict(re.findall(r'<a href="(/tasks\?[^"]*)">([^<]+)</a>', page))
    year_link = html.unescape(next(href for href, label in links.items() if label.startswith("Năm")))
    assert "search=ke+hoach" in year_link and "sort=year" in year_link and "desc=1" in year_link
    school_link = html.unescape(next(href for href, label in links.items() if label.startswith("Trường")))
    assert "desc" not in school_link and "search=ke+hoach" in school_link


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "Năm"),
        ({"year": "20245"}, "Năm"),
        ({"due_before": "2024-13-01"}, "Hạn đến"),
        ({"due_after": "yesterday"}, "Hạn từ"),
        ({"sort": "organization; DROP TABLE tasks"}, "Cột sắp xếp"),
        ({"desc": "yes"}, "Thứ tự"),
        ({"area": "nowhere"}, "Lĩnh vực"),
        ({"link_status": "maybe"}, "Trạng thái liên kết"),
        ({"code": "A B'--"}, "Mã danh mục"),
        ({"page": "0"}, "Trang"),
        ({"page": "-1"}, "Trang"),
    ],
)
def test_bad_parameters_get_a_message_and_400(client, params, message):
    response = client.get("/tasks", query_string=params)
    assert response.status_code == 400
    page = text_of(response)
    assert 'class="error"' in page and message in page
    assert "Traceback" not in page and not row_ids(page)


@pytest.mark.parametrize("url", ["/plans?year=x", "/coverage?year=1.5", "/review?page=abc"])
def test_bad_parameters_on_other_pages(client, url):
    response = client.get(url)
    assert response.status_code == 400 and 'class="error"' in text_of(response)


def test_a_long_search_is_cut_not_refused(client):
    response = client.get("/tasks", query_string={"search": "day manh " + "x" * 5000})
    assert response.status_code == 200


# -- untrusted text ------------------------------------------------------------------------


def test_document_text_is_escaped_everywhere(own_client, own_store, db):
    item = first_link_item(own_store)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE tasks SET task = ?, lead = ? WHERE export_id = ?", (SCRIPT, SCRIPT, item.id))
        conn.execute("UPDATE plans SET organization = ?", ('"><img src=x onerror=alert(1)>',))
    sha = plan_sha(own_store, item.file)
    for url in ("/tasks?link_status=review", "/review", f"/plans/{sha}?task={item.id}", "/plans", "/coverage"):
        page = text_of(own_client.get(url))
        assert SCRIPT not in page and "<img src=x" not in page, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text_of(own_client.get("/review"))


# -- manual links and CSRF ---------------------------------------------------------------------


def test_post_without_a_csrf_token_is_refused(own_client, own_store):
    item = first_link_item(own_store)
    form = {"task_id": item.id, "code": item.code, "reviewer": "Lan"}
    for data in (form, {**form, "csrf_token": "forged"}):
        response = own_client.post("/review/link", data=data)
        assert response.status_code == 400
        assert "CSRF" in text_of(response)
    assert find_tasks(own_store, TaskFilter(link_status="manual")).total == 0
    assert own_client.post("/logout").status_code == 400


def test_confirming_a_link_makes_it_manual(own_client, own_store, db):
    item = first_link_item(own_store)
    token = csrf_token(own_client)
    response = own_client.post(
        "/review/link", data={"csrf_token": token, "task_id": item.id, "code": item.code, "reviewer": "Nguyễn Thị Lan"}
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/review")
    queue = text_of(own_client.get("/review"))
    assert f"Đã liên kết {item.id} → {item.code}" in queue
    assert f'data-task-id="{item.id}"' not in queue  # no longer waiting
    assert 'value="Nguyễn Thị Lan"' in queue  # the reviewer's name is remembered

    manual = text_of(own_client.get("/tasks?link_status=manual"))
    assert row_ids(manual) == [item.id] and 'data-link-status="manual"' in manual

    exported = CliRunner().invoke(main, ["export", "--db", db, "--format", "json"])
    tasks = {t["id"]: t for p in json.loads(exported.stdout)["plans"] for t in p["tasks"]}
    assert tasks[item.id]["link_status"] == "manual" and tasks[item.id]["catalogue_code"] == item.code


def test_changing_a_link_to_another_code(own_client, own_store):
    item = first_link_item(own_store)
    response = own_client.post(
        "/review/link",
        data={"csrf_token": csrf_token(own_client), "task_id": item.id, "code": "TTHC-01", "reviewer": "Lan"},
    )
    assert response.status_code == 303
    (row,) = find_tasks(own_store, TaskFilter(link_status="manual")).rows
    assert (row["id"], row["catalogue_code"], row["area"]) == (item.id, "TTHC-01", "tthc")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "NOPE-99"}, "NOPE-99"),
        ({"code": ""}, "mã danh mục"),
        ({"task_id": "000000000000-1"}, "000000000000-1"),
        ({"task_id": "../../etc/passwd"}, "Mã nhiệm vụ không hợp lệ"),
        ({"reviewer": "   "}, "tên người rà soát"),
        ({"reviewer": "x" * 129}, "128"),
    ],
)
def test_bad_link_requests_get_a_message_and_400(own_client, own_store, change, message):
    item = first_link_item(own_store)
    data = {"csrf_token": csrf_token(own_client), "task_id": item.id, "code": item.code, "reviewer": "Lan", **change}
    response = own_client.post("/review/link", data=data)
    assert response.status_code == 400
    assert message in text_of(response) and "Traceback" not in text_of(response)
    assert find_tasks(own_store, TaskFilter(link_status="manual")).total == 0


def test_large_request_bodies_are_refused(client):
    response = client.post("/review/link", data={"reviewer": "x" * 100_000})
    assert response.status_code == 413


# -- plans and page images -----------------------------------------------------------------------


def test_task_link_opens_its_plan_with_the_task_selected(client, store):
    item = first_link_item(store)
    response = client.get(f"/plans/by-task/{item.id}")
    sha = plan_sha(store, item.file)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/plans/{sha}?task={item.id}#task-{item.id}"
    page = text_of(client.get(f"/plans/{sha}?task={item.id}"))
    assert re.search(rf'<tr id="task-{item.id}" class="selected"', page)
    assert client.get("/plans/by-task/000000000000-1").status_code == 404
    assert client.get("/plans/by-task/not-a-task").status_code == 404


def test_pdf_plan_shows_its_pages_and_boxes_the_selected_task(client, store):
    sha = plan_sha(store, "tieuhoc-2026.pdf")
    task = next(r for r in find_tasks(store, TaskFilter(year=2026)).rows if r["page"] == 2)
    page = text_of(client.get(f"/plans/{sha}", query_string={"task": task["id"]}))
    images = re.findall(r'<img src="([^"]+)"', page)
    assert [html.unescape(i) for i in images] == [
        f"/plans/{sha}/page/1.png",
        f"/plans/{sha}/page/2.png?task={task['id']}",
        f"/plans/{sha}/page/3.png",
    ]

    plain = client.get(f"/plans/{sha}/page/2.png")
    boxed = client.get(f"/plans/{sha}/page/2.png", query_string={"task": task["id"]})
    for response in (plain, boxed):
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert response.data.startswith(b"\x89PNG\r\n\x1a\n")
    before, after = (Image.open(io.BytesIO(r.data)).convert("RGB") for r in (plain, boxed))
    assert before.width == 1000
    changed = ImageChops.difference(before, after).getbbox()
    scale = 1000 / 595.28  # A4 in points
    x0, y0, x1, y1 = (v * scale for v in task["bbox"])
    assert changed is not None
    assert abs(changed[0] - x0) < 10 and abs(changed[1] - y0) < 10
    assert abs(changed[2] - x1) < 10 and abs(changed[3] - y1) < 10


def test_text_plan_says_it_has_no_pages(client, store):
    sha = plan_sha(store, "thcs-2024.txt")
    page = text_of(client.get(f"/plans/{sha}"))
    assert "văn bản thuần" in page and "<img" not in page
    assert client.get(f"/plans/{sha}/page/1.png").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/plans/{sha}/page/0.png",
        "/plans/{sha}/page/4.png",
        "/plans/{sha}/page/-1.png",
        "/plans/{sha}/page/x.png",
        "/plans/" + "0" * 64 + "/page/1.png",
        "/plans/{upper}/page/1.png",
        "/plans/{short}/page/1.png",
        "/plans/..%2F..%2F..%2Fetc%2Fpasswd/page/1.png",
        "/plans/" + "g" * 64 + "/page/1.png",
        "/plans/" + "0" * 64,
        "/plans/not-a-sha",
    ],
)
def test_bad_page_urls_are_404(client, store, path):
    sha = plan_sha(store, "tieuhoc-2026.pdf")
    url = path.format(sha=sha, upper=sha.upper(), short=sha[:12])
    response = client.get(url)
    assert response.status_code == 404
    assert "Traceback" not in text_of(response)


def test_a_missing_stored_file_is_404_not_500(own_client, own_store, db):
    sha = plan_sha(own_store, "tieuhoc-2026.pdf")
    (Path(db).with_suffix(".files") / f"{sha}.pdf").unlink()
    assert own_client.get(f"/plans/{sha}/page/1.png").status_code == 404
    assert "Tệp gốc không còn" in text_of(own_client.get(f"/plans/{sha}"))


def test_sideways_scan_is_turned_upright_like_the_pipeline():
    tiff = SAMPLES / "rendered" / "thcs-2024-rot90.tif"
    as_stored, _ = render_page(tiff, "tif", 2, PageFacts())
    upright, px_per_pt = render_page(tiff, "tif", 2, PageFacts(rotation=90, dpi=200))
    assert as_stored.width > as_stored.height  # the scanned page lies on its side
    assert upright.width == 1000 and upright.height > upright.width
    assert px_per_pt == pytest.approx(200 / 72 * 1000 / upright_source_width(tiff, 2), rel=0.01)


def upright_source_width(path: Path, page_no: int) -> int:
    with Image.open(path) as img:
        img.seek(page_no - 1)
        return min(img.size)


def test_image_dpi_matches_the_pipeline():
    for name in ("thcs-2024-page.png", "thcs-2024-rot90.tif"):
        path = SAMPLES / "rendered" / name
        with Image.open(path) as img:
            assert image_dpi(img) == image_frame_to_image(str(path), 1).dpi


# -- coverage --------------------------------------------------------------------------------


def test_coverage_matrix_lacking_codes_and_schools_without_plan(own_client, own_store):
    roster = [RosterSchool("TH01", "Trường Tiểu học Hòa Bình", "Tiểu học"), RosterSchool("X9", "Trường Vắng Mặt")]
    load_schools(own_store, roster)
    page = text_of(own_client.get("/coverage"))
    assert "TRƯỜNG TIỂU HỌC HÒA BÌNH" in matrix_of(page) and "Trường THCS Minh Đức" in matrix_of(page)
    assert "Mã danh mục còn thiếu" in page
    without = page.split('id="without-plan"')[1]
    assert "Trường Vắng Mặt" in without and "Hòa Bình" not in without
    only_2024 = matrix_of(text_of(own_client.get("/coverage?year=2024")))
    assert "Trường THCS Minh Đức" in only_2024 and "TRƯỜNG TIỂU HỌC HÒA BÌNH" not in only_2024


def matrix_of(page: str) -> str:
    """The school × code table of the coverage page."""
    return page.split('id="coverage"')[1].split("</table>")[0]


# -- signing in ------------------------------------------------------------------------------------


@pytest.fixture
def login_app(db: str):
    app = create_app(db, require_login=True, secret_key=b"test secret")
    store = app.extensions[STORE_KEY]
    add_user(store, "lan", generate_password_hash("correct horse battery"))
    yield app
    store.close()


def sign_in(client, name: str, password: str, next_url: str = "/tasks"):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"csrf_token": token, "name": name, "password": password, "next": next_url})


def test_without_login_every_page_redirects_to_login(login_app):
    client = login_app.test_client()
    for url in ("/tasks", "/plans", "/coverage", "/review", "/plans/by-task/000000000000-1"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    assert client.get("/tasks?year=2024").headers["Location"] == "/login?next=/tasks?year%3D2024"
    login = client.get("/login")
    assert login.status_code == 200 and "Đăng nhập" in text_of(login)
    assert client.get("/static/style.css").status_code == 200


def test_wrong_password_or_unknown_user_is_refused(login_app):
    client = login_app.test_client()
    for name, password in (("lan", "wrong password"), ("nobody", "correct horse battery"), ("", "")):
        response = sign_in(client, name, password)
        assert response.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu" in text_of(response)
    assert client.get("/tasks").status_code == 302


def test_login_then_link_as_that_user_then_logout(login_app):
    client = login_app.test_client()
    store = login_app.extensions[STORE_KEY]
    response = sign_in(client, "lan", "correct horse battery", next_url="/review")
    assert response.status_code == 303 and response.headers["Location"] == "/review"
    review = text_of(client.get("/review"))
    assert "lan" in review and re.search(r'name="reviewer" value="lan" readonly', review)

    item = first_link_item(store)
    token = csrf_token(client)
    data = {"csrf_token": token, "task_id": item.id, "code": item.code, "reviewer": "someone else"}
    assert client.post("/review/link", data=data).status_code == 303
    with store.sessions() as session:
        assert session.scalar(select(ManualLinkRow.linked_by).where(ManualLinkRow.task_id == item.id)) == "lan"

    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/tasks").status_code == 302


def test_login_never_redirects_off_site(login_app):
    client = login_app.test_client()
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = sign_in(client, "lan", "correct horse battery", next_url=target)
        assert response.status_code == 303 and response.headers["Location"] == "/tasks", target


def test_login_page_is_not_needed_without_login(client):
    assert client.get("/login").headers["Location"].endswith("/tasks")
