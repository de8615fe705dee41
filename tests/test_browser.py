"""The web view in a real headless Chromium (Playwright): browse, filter, confirm a link, screenshot.

The flows run with JavaScript turned off, since every page must work without it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeug.serving import make_server

from cchc.cli import main
from cchc.web import STORE_KEY, create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TOTAL_TASKS = 19 + 24

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"{CHROMIUM} is missing: install it with scripts/ensure-system-deps.sh chromium (make test does)",
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web view of two imported samples, served on a free local port in a thread."""
    db = str(tmp_path_factory.mktemp("browser") / "browser.sqlite")
    for name in ("thcs-2024.txt", "rendered/tieuhoc-2026.pdf"):
        result = CliRunner().invoke(main, ["import", str(SAMPLES / name), "--db", db, "--workers", "1"])
        assert result.exit_code == 0, result.output
    app = create_app(db, require_login=False)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions[STORE_KEY].close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page with JavaScript off; it fails the test if the browser reports a Content-Security-Policy violation."""
    context = browser.new_context(java_script_enabled=False, locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield page
    context.close()
    assert not violations, violations


def task_rows(page):
    return page.locator("table#tasks tbody tr")


def test_tasks_page_loads(page, base_url):
    response = page.goto(f"{base_url}/tasks")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Nhiệm vụ"
    assert task_rows(page).count() == TOTAL_TASKS
    assert page.locator("#total").inner_text() == f"{TOTAL_TASKS} nhiệm vụ"
    assert page.locator("nav a[aria-current=page]").inner_text() == "Nhiệm vụ"


def test_filtering_by_search_narrows_the_rows(page, base_url):
    page.goto(f"{base_url}/tasks")
    page.get_by_label("Tìm kiếm").fill("chi so cai cach")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"/tasks\?.*search=chi\+so\+cai\+cach"))
    rows = task_rows(page)
    assert rows.count() == 1
    assert "Chỉ số cải cách" in rows.first.inner_text()
    shared = page.url  # the filter state is the URL: opening it again shows the same rows
    page.goto(f"{base_url}/tasks")
    page.goto(shared)
    assert task_rows(page).count() == 1 and page.get_by_label("Tìm kiếm").input_value() == "chi so cai cach"


def test_confirming_a_review_item_makes_a_manual_link(page, base_url):
    page.goto(f"{base_url}/review")
    item = page.locator("li.item.reason-link").first
    task_id = item.get_attribute("data-task-id")
    confirm = item.locator("form.confirm")
    confirm.get_by_label("Người rà soát").fill("Nguyễn Thị Lan")
    confirm.get_by_role("button", name=re.compile("^Xác nhận")).click()
    page.wait_for_url(f"{base_url}/review")
    assert f"Đã liên kết {task_id}" in page.locator(".flash").inner_text()
    assert page.locator(f'li.item[data-task-id="{task_id}"]').count() == 0

    page.goto(f"{base_url}/tasks")
    page.get_by_label("Trạng thái liên kết").select_option("manual")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"link_status=manual"))
    rows = task_rows(page)
    assert rows.count() == 1
    assert rows.first.get_attribute("data-task-id") == task_id
    assert rows.first.get_attribute("data-link-status") == "manual"
    assert "Thủ công" in rows.first.inner_text()


def test_plan_page_screenshot_with_the_task_highlighted(page, base_url, tmp_path):
    page.goto(f"{base_url}/tasks?search=chi+so+cai+cach")
    task_id = task_rows(page).first.get_attribute("data-task-id")
    task_rows(page).first.locator("td.task a").click()
    page.wait_for_url(re.compile(rf"/plans/[0-9a-f]{{64}}\?task={task_id}#task-{task_id}$"))
    assert page.locator(f"#task-{task_id}").get_attribute("class") == "selected"
    image = page.locator(f'img[src*="task={task_id}"]')
    assert image.count() == 1
    source = page.request.get(base_url + image.get_attribute("src"))
    assert source.status == 200 and source.headers["content-type"] == "image/png"

    image.scroll_into_view_if_needed()
    page.wait_for_load_state("load")
    shot = tmp_path / "plan.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000
