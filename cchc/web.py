"""The web view of ``cchc serve``: plans, tasks, coverage and the review queue, rendered on the server.

Every page is plain HTML from a Jinja2 template (``cchc/templates``) with one
style sheet (``cchc/static/style.css``); nothing needs JavaScript. Every filter
is a GET query parameter, so each view of the data is a URL that can be shared.

Routes
------
======  ===============================  =====================================================
GET     ``/``                            redirects to ``/tasks``
GET     ``/plans``                       imported plans (``?year=``)
GET     ``/plans/<sha256>``              one plan: its header, its tasks and its page images;
                                         ``?task=<id>`` selects a task and boxes it on its page
GET     ``/plans/<sha256>/page/<n>.png`` page *n* rendered from the stored file
                                         (``?task=<id>`` draws that task's box)
GET     ``/plans/by-task/<task_id>``     redirects to the plan page with that task selected
GET     ``/tasks``                       tasks of every plan: the filters of ``cchc tasks``,
                                         ``sort``, ``desc`` and ``page`` (50 rows a page)
GET     ``/coverage``                    school × catalogue-code matrix (``?year=``)
GET     ``/review``                      the review queue, with forms to confirm or change links
POST    ``/review/link``                 link a task to a catalogue code by hand
GET     ``/login``, POST ``/login``      sign in (only when the app requires a login)
POST    ``/logout``                      sign out
======  ===============================  =====================================================

Safety
------
- Document text is untrusted: templates rely on Jinja2's autoescaping and never
  mark data ``|safe``.
- Every state-changing request is a POST carrying a CSRF token (Flask-WTF's
  ``CSRFProtect``); a POST without a valid one gets 400.
- Bad query parameters get a message and status 400, never a traceback.
- Responses carry ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``,
  ``Referrer-Policy: same-origin`` and a Content-Security-Policy that allows no
  script at all and styles only from the app's own style sheet. The session
  cookie is HttpOnly and SameSite=Lax; request bodies are limited to 64 KB.
- Page images: the SHA-256 in the URL must be 64 hex digits and the page a
  number within the document; the stored file's name comes from the database,
  never from the URL. Pages are rendered in memory; nothing is cached on disk.
- With ``require_login`` every page but ``/login`` needs a signed-in user, and a
  manual link is recorded under that user's name whatever the form says.
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError, CSRFProtect
from PIL import Image, ImageDraw, ImageOps
from werkzeug.exceptions import HTTPException
from werkzeug.security import check_password_hash, generate_password_hash

from cchc.linking import ensure_catalogue, link_manually
from cchc.queries import (
    LINK_STATUSES,
    SORTS,
    PageFacts,
    TaskFilter,
    TaskPage,
    coverage,
    find_tasks,
    list_plans,
    password_hash_of,
    plan_detail,
    plan_of_task,
    review_queue,
    stored_document,
    task_box,
)
from ingest.files import open_image
from ingest.raster import image_dpi
from normalize.catalogue import AREAS
from schema.errors import PipelineError
from schema.records import Catalogue
from schema.search import MAX_QUERY
from schema.store import Store

STORE_KEY = "cchc_store"
"""Where the app keeps its :class:`Store` (``app.extensions[STORE_KEY]``)."""
ROWS_PER_PAGE = 50
MAX_BODY = 64 * 1024
"""Largest request body accepted (bytes): forms here are a few fields."""
MAX_NAME = 128
"""Longest user or reviewer name (the column is 128 characters)."""
MAX_PASSWORD = 1024
PAGE_WIDTH = 1000
"""Width (pixels) page images are rendered at."""
MAX_PAGE_HEIGHT = 4000
"""Tallest page image (pixels), whatever the page's shape."""

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
TASK_ID_RE = re.compile(r"^[0-9a-f]{12}-[1-9][0-9]{0,8}$")
"""A task's export id: the first 12 hex digits of its plan's SHA-256, a dash, its row index from 1."""
CODE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")

CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": CSP,
}

AREA_LABELS = {
    "chi_dao_dieu_hanh": "Chỉ đạo, điều hành",
    "the_che": "Cải cách thể chế",
    "tthc": "Cải cách thủ tục hành chính",
    "to_chuc_bo_may": "Cải cách tổ chức bộ máy",
    "cong_vu": "Cải cách chế độ công vụ",
    "tai_chinh_cong": "Cải cách tài chính công",
    "chinh_quyen_so": "Chính quyền số",
    "muc_tieu": "Mục tiêu, chỉ tiêu",
    "khac": "Khác",
}
LINK_STATUS_LABELS = {
    "auto": "Tự động",
    "review": "Cần rà soát",
    "unlinked": "Chưa liên kết",
    "manual": "Thủ công",
}
SORT_LABELS = {
    "school": "Trường",
    "year": "Năm",
    "deadline": "Hạn hoàn thành",
    "area": "Lĩnh vực",
    "code": "Mã danh mục",
    "file": "Tệp",
}
METHOD_LABELS = {"text": "Lớp chữ PDF", "ocr": "OCR", "mixed": "Lớp chữ + OCR", "plain": "Văn bản thuần"}
STATUS_LABELS = {"ok": "Thành công", "partial": "Một phần", "failed": "Lỗi"}


class BadParameter(ValueError):
    """A query or form value the page cannot use; the message is shown to the user (in Vietnamese)."""


# -- the application -----------------------------------------------------------------


def create_app(db: str | None, *, require_login: bool, secret_key: bytes | None = None) -> Flask:
    """The web view of the store named by ``db`` (a SQLite path or SQLAlchemy URL; ``None``: the default).

    With ``require_login`` every page but ``/login`` needs a user created with
    ``cchc user add``. Without a ``secret_key`` a random one is made, so
    sessions end when the process does.
    """
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key or os.urandom(32),
        MAX_CONTENT_LENGTH=MAX_BODY,
        MAX_FORM_MEMORY_SIZE=MAX_BODY,
        SESSION_COOKIE_NAME="cchc_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        CCHC_REQUIRE_LOGIN=require_login,
    )
    store = Store.open(db)
    ensure_catalogue(store)  # installs the bundled catalogue once, so requests only read it
    app.extensions[STORE_KEY] = store
    CSRFProtect(app)
    _setup_templates(app)
    app.before_request(_require_login)
    app.after_request(_security_headers)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(PageError, _page_error)
    _add_routes(app)
    return app


def _setup_templates(app: Flask) -> None:
    """Filters and defaults every template can use (autoescaping stays on for all of them)."""
    from jinja2 import StrictUndefined

    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.filters.update(
        area_label=lambda v: AREA_LABELS.get(v, v) if v else "",
        status_label=lambda v: LINK_STATUS_LABELS.get(v, v) if v else "",
        method_label=lambda v: METHOD_LABELS.get(v, v) if v else "",
        doc_status_label=lambda v: STATUS_LABELS.get(v, v) if v else "",
        vn_date=_vn_date,
        score=lambda v: "" if v is None else f"{v:.2f}",
    )

    @app.context_processor
    def _defaults() -> dict[str, Any]:
        return {
            "error": None,
            "active": None,
            "current_user": g.get("user"),
            "require_login": current_app.config["CCHC_REQUIRE_LOGIN"],
        }


def _add_routes(app: Flask) -> None:
    """Register every page (see the module docstring for the list)."""
    app.add_url_rule("/", "index", lambda: redirect(url_for("tasks")))
    app.add_url_rule("/plans", "plans", plans_page)
    app.add_url_rule("/plans/<sha256>", "plan", plan_page)
    app.add_url_rule("/plans/<sha256>/page/<int:page_no>.png", "page_image", page_image)
    app.add_url_rule("/plans/by-task/<task_id>", "task_in_plan", task_in_plan)
    app.add_url_rule("/tasks", "tasks", tasks_page)
    app.add_url_rule("/coverage", "coverage", coverage_page)
    app.add_url_rule("/review", "review", review_page)
    app.add_url_rule("/review/link", "review_link", review_link, methods=["POST"])
    app.add_url_rule("/login", "login", login_page, methods=["GET", "POST"])
    app.add_url_rule("/logout", "logout", logout, methods=["POST"])


def _store() -> Store:
    return current_app.extensions[STORE_KEY]


def _catalogue(store: Store) -> Catalogue:
    """The active catalogue (one query; the bundled one is installed if a database has none yet)."""
    active = store.active_catalogue()
    return active[1] if active else ensure_catalogue(store)


# -- request hooks and errors ---------------------------------------------------------


def _require_login() -> Response | None:
    """Before each request: when a login is required, send anyone not signed in to ``/login``."""
    if not current_app.config["CCHC_REQUIRE_LOGIN"]:
        return None
    user = session.get("user")
    if isinstance(user, str) and password_hash_of(_store(), user) is not None:
        g.user = user
        return None
    session.pop("user", None)  # signed in once, but the user was since removed
    if request.endpoint in ("login", "static"):
        return None
    target = request.full_path if request.method == "GET" else None
    return redirect(url_for("login", next=target.rstrip("?") if target else None))


def _security_headers(response: Response) -> Response:
    """After each request: the headers that stop sniffing, framing, referrer leaks and scripts."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _error_page(status: int, message: str) -> tuple[str, int]:
    return render_template("error.html", status=status, message=message), status


def _csrf_error(exc: CSRFError) -> tuple[str, int]:
    return _error_page(400, "Biểu mẫu thiếu mã bảo vệ (CSRF) hoặc mã đã hết hạn: hãy tải lại trang rồi gửi lại.")


_HTTP_MESSAGES = {
    404: "Không tìm thấy trang này.",
    405: "Trang này không nhận phương thức yêu cầu đó.",
    413: "Yêu cầu quá lớn.",
}


def _http_error(exc: HTTPException) -> Response | tuple[str, int]:
    if exc.code is None or exc.code < 400:
        return exc.get_response()  # redirects raised by routing
    return _error_page(exc.code, _HTTP_MESSAGES.get(exc.code, exc.name))


class PageError(Exception):
    """Stops a request with an error page: a status and a message for the user (in Vietnamese)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _page_error(exc: PageError) -> tuple[str, int]:
    return _error_page(exc.status, exc.message)


# -- parameters ----------------------------------------------------------------------


def _text(args: Mapping[str, str], name: str, limit: int = MAX_QUERY) -> str | None:
    """A free-text parameter, trimmed and cut to ``limit`` characters; empty means none."""
    value = (args.get(name) or "").strip()[:limit]
    return value or None


def _int(args: Mapping[str, str], name: str, label: str, lo: int, hi: int) -> int | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", value) or not lo <= int(value) <= hi:
        raise BadParameter(f"{label} phải là một số nguyên từ {lo} đến {hi} (đã nhận: {value[:40]!r}).")
    return int(value)


def _year(args: Mapping[str, str]) -> int | None:
    return _int(args, "year", "Năm", 1900, 2999)


def _date(args: Mapping[str, str], name: str, label: str) -> date | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"{label} phải là một ngày dạng YYYY-MM-DD (đã nhận: {value[:40]!r}).") from None


def _choice(args: Mapping[str, str], name: str, label: str, choices: Mapping[str, str] | tuple[str, ...]) -> str | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    if value not in choices:
        raise BadParameter(f"{label} không hợp lệ: {value[:40]!r}; chọn một trong: {', '.join(choices)}.")
    return value


def _code(args: Mapping[str, str]) -> str | None:
    value = (args.get("code") or "").strip()
    if value and not CODE_RE.fullmatch(value):
        raise BadParameter(f"Mã danh mục không hợp lệ: {value[:40]!r} (ví dụ: TTHC-03).")
    return value.upper() or None


def _page(args: Mapping[str, str]) -> int:
    return _int(args, "page", "Trang", 1, 10**6) or 1


def _task_id(value: str | None, *, required: bool) -> str | None:
    value = (value or "").strip()
    if not value and not required:
        return None
    if not TASK_ID_RE.fullmatch(value):
        raise BadParameter(f"Mã nhiệm vụ không hợp lệ: {value[:40]!r} (dạng 3f2a9c1b7d4e-12).")
    return value


@dataclass
class TaskQuery:
    """The state of the task page, read from its query parameters."""

    filter: TaskFilter = field(default_factory=TaskFilter)
    sort: str = "school"
    desc: bool = False
    page: int = 1


TASK_PARAMS = ("school", "year", "area", "code", "due_after", "due_before", "search", "link_status")
"""The task page's filter parameters, in the order of its form."""


def parse_task_query(args: Mapping[str, str]) -> TaskQuery:
    """The task page's state from its query parameters; :class:`BadParameter` names the first bad one."""
    filters = TaskFilter(
        school=_text(args, "school"),
        year=_year(args),
        area=_choice(args, "area", "Lĩnh vực", AREAS),
        code=_code(args),
        due_before=_date(args, "due_before", "Hạn đến"),
        due_after=_date(args, "due_after", "Hạn từ"),
        search=_text(args, "search"),
        link_status=_choice(args, "link_status", "Trạng thái liên kết", LINK_STATUSES),
    )
    sort = _choice(args, "sort", "Cột sắp xếp", tuple(SORTS)) or "school"
    desc = _choice(args, "desc", "Thứ tự (desc)", ("0", "1")) == "1"
    return TaskQuery(filters, sort, desc, _page(args))


def _query_link(endpoint: str, params: Mapping[str, Any]) -> Callable[..., str]:
    """A function giving this page's URL with some parameters changed (empty ones are left out)."""

    def link(**changes: Any) -> str:
        merged = {**params, **changes}
        return url_for(endpoint, **{k: v for k, v in merged.items() if v not in (None, "", 0, False)})

    return link


def _pages(total: int, page: int) -> tuple[int, int]:
    """(the page shown, how many pages) for ``total`` rows: a page past the end shows the last one."""
    count = max(1, math.ceil(total / ROWS_PER_PAGE))
    return min(page, count), count


# -- pages ---------------------------------------------------------------------------


def plans_page() -> str | tuple[str, int]:
    """Every imported plan (``?year=`` narrows to one year)."""
    try:
        year = _year(request.args)
    except BadParameter as exc:
        return render_template("plans.html", active="plans", plans=[], year="", error=str(exc)), 400
    plans = list_plans(_store(), year=year)
    return render_template("plans.html", active="plans", plans=plans, year=year or "")


def tasks_page() -> str | tuple[str, int]:
    """Tasks of every plan, filtered, sorted and paged by the query parameters."""
    store = _store()
    form = {name: (request.args.get(name) or "")[:MAX_QUERY] for name in TASK_PARAMS}
    context: dict[str, Any] = {
        "active": "tasks",
        "form": form,
        "areas": AREAS,
        "statuses": LINK_STATUSES,
        "sorts": SORT_LABELS,
        "codes": [e.code for e in _catalogue(store).entries],
    }
    try:
        query = parse_task_query(request.args)
    except BadParameter as exc:
        empty = {"rows": [], "total": 0, "page": 1, "page_count": 1, "sort": "school", "desc": False}
        return render_template("tasks.html", **context, **empty, link=_query_link("tasks", {}), error=str(exc)), 400
    result = _find_page(store, query, query.page)
    page, page_count = _pages(result.total, query.page)
    if page != query.page and result.total:  # asked past the end: show the last page
        result = _find_page(store, query, page)
    params = {k: v for k, v in form.items() if v} | {"sort": query.sort, "desc": int(query.desc), "page": page}
    if params["sort"] == "school":
        del params["sort"]
    return render_template(
        "tasks.html",
        **context,
        rows=result.rows,
        total=result.total,
        page=page,
        page_count=page_count,
        sort=query.sort,
        desc=query.desc,
        link=_query_link("tasks", params),
    )


def _find_page(store: Store, query: TaskQuery, page: int) -> TaskPage:
    """One page of the tasks matching the query."""
    offset = (page - 1) * ROWS_PER_PAGE
    return find_tasks(store, query.filter, sort=query.sort, descending=query.desc, limit=ROWS_PER_PAGE, offset=offset)


def coverage_page() -> str | tuple[str, int]:
    """Which catalogue tasks each school planned (``?year=``), what each lacks, who sent no plan."""
    store = _store()
    entries = _catalogue(store).entries
    try:
        year = _year(request.args)
    except BadParameter as exc:
        html = render_template("coverage.html", active="coverage", cov=None, entries=entries, year="", error=str(exc))
        return html, 400
    cov = coverage(store, [e.code for e in entries], year)
    return render_template("coverage.html", active="coverage", cov=cov, entries=entries, year=year or "")


def review_page(error: str | None = None, status: int = 200) -> tuple[str, int]:
    """The review queue: links to confirm or change, repairs to look at (50 items a page)."""
    store = _store()
    try:
        requested = _page(request.args)
    except BadParameter as exc:
        error, status, requested = str(exc), 400, 1
    items = review_queue(store)
    page, page_count = _pages(len(items), requested)
    entries = _catalogue(store).entries
    shown = items[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE]
    html = render_template(
        "review.html",
        active="review",
        items=shown,
        total=len(items),
        page=page,
        page_count=page_count,
        link=_query_link("review", {}),
        entries=entries,
        entry_text={e.code: e.text for e in entries},
        reviewer=g.get("user") or session.get("reviewer", ""),
        error=error,
    )
    return html, status


def review_link() -> Response | tuple[str, int]:
    """POST: link a task to a catalogue code by hand, then back to the queue with a message."""
    store = _store()
    try:
        task_id = _task_id(request.form.get("task_id"), required=True)
        code = _code(request.form)
        if code is None:
            raise BadParameter("Hãy chọn một mã danh mục.")
        reviewer = _reviewer(request.form.get("reviewer"))
        area = link_manually(store, task_id, code, reviewer)
    except (BadParameter, PipelineError) as exc:
        return review_page(error=f"Không liên kết được: {exc}", status=400)
    if not current_app.config["CCHC_REQUIRE_LOGIN"]:
        session["reviewer"] = reviewer
    flash(f"Đã liên kết {task_id} → {code} ({AREA_LABELS.get(area, area)}), người rà soát: {reviewer}.")
    return redirect(url_for("review"), code=303)


def _reviewer(value: str | None) -> str:
    """Who made a manual link: the signed-in user when there is a login, else the form's name."""
    if current_app.config["CCHC_REQUIRE_LOGIN"]:
        return g.user
    name = " ".join((value or "").split())
    if not name:
        raise BadParameter("Hãy nhập tên người rà soát.")
    if len(name) > MAX_NAME:
        raise BadParameter(f"Tên người rà soát dài quá {MAX_NAME} ký tự.")
    return name


# -- one plan and its pages -------------------------------------------------------------


def _stored_file(store: Store, stored_as: str | None) -> Path | None:
    """The stored copy of a document, if it is still in the file store (the name comes from the database)."""
    if not stored_as or Path(stored_as).name != stored_as or stored_as.startswith("."):
        return None
    path = store.stored_path(stored_as)
    return path if path.is_file() else None


def task_in_plan(task_id: str) -> Response:
    """Redirect to the plan page of a task, with the task selected."""
    if not TASK_ID_RE.fullmatch(task_id):
        abort(404)
    sha256 = plan_of_task(_store(), task_id)
    if sha256 is None:
        raise PageError(404, f"Không có nhiệm vụ {task_id}.")
    return redirect(url_for("plan", sha256=sha256, task=task_id, _anchor=f"task-{task_id}"))


def plan_page(sha256: str) -> str | tuple[str, int]:
    """One plan: header, tasks (``?task=<id>`` selects one) and page images."""
    if not SHA256_RE.fullmatch(sha256):
        abort(404)
    store = _store()
    try:
        selected = _task_id(request.args.get("task"), required=False)
    except BadParameter as exc:
        raise PageError(400, str(exc)) from None
    detail = plan_detail(store, sha256)
    if detail is None:
        raise PageError(404, "Không có kế hoạch nào với mã SHA-256 này.")
    selected_task = next((t for t in detail.tasks if t["id"] == selected), None)
    has_file = _stored_file(store, detail.stored_as) is not None
    page_count = detail.page_count if has_file and detail.stored_as and not detail.stored_as.endswith(".txt") else None
    return render_template(
        "plan.html",
        active="plans",
        detail=detail,
        plan=detail.summary,
        selected=selected_task,
        has_file=has_file,
        page_count=page_count or 0,
    )


_PDFIUM_LOCK = threading.Lock()
"""PDFium is not thread-safe; the server answers requests on several threads."""


def page_image(sha256: str, page_no: int) -> Response:
    """Page ``page_no`` of a stored document as PNG, upright, about 1000 px wide; ``?task=`` boxes a task."""
    if not SHA256_RE.fullmatch(sha256):
        abort(404)
    store = _store()
    doc = stored_document(store, sha256)
    if doc is None or not doc.pages or not 1 <= page_no <= doc.pages:
        abort(404)
    path = _stored_file(store, doc.stored_as)
    if path is None or doc.ext == "txt":
        abort(404)
    try:
        task_id = _task_id(request.args.get("task"), required=False)
    except BadParameter as exc:
        raise PageError(400, str(exc)) from None
    facts = doc.page_facts.get(page_no, PageFacts())
    try:
        image, px_per_pt = render_page(path, doc.ext, page_no, facts)
    except (OSError, ValueError, EOFError, PipelineError, Image.DecompressionBombError) as exc:
        current_app.logger.warning("cannot render page %s of %s: %s", page_no, sha256, exc)
        raise PageError(500, "Không dựng được ảnh trang này từ tệp đã lưu.") from exc
    box = task_box(store, sha256, task_id) if task_id else None
    if box is not None and box[0] == page_no:
        image = draw_box(image, box[1], px_per_pt)
    out = io.BytesIO()
    image.save(out, "PNG")
    return Response(out.getvalue(), mimetype="image/png", headers={"Cache-Control": "private, max-age=300"})


# -- rendering pages -------------------------------------------------------------------


def render_page(path: Path, ext: str, page_no: int, facts: PageFacts) -> tuple[Image.Image, float]:
    """The upright page, as the pipeline saw it, about :data:`PAGE_WIDTH` px wide, and its pixels per point."""
    if ext == "pdf":
        return _render_pdf_page(path, page_no, facts)
    return _render_image_frame(path, page_no, facts)


def _render_pdf_page(path: Path, page_no: int, facts: PageFacts) -> tuple[Image.Image, float]:
    import pypdfium2 as pdfium

    sideways = facts.rotation % 180 == 90
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page_no <= len(pdf):
                raise ValueError(f"no page {page_no}")
            page = pdf[page_no - 1]
            width, height = page.get_size()
            if sideways:
                width, height = height, width
            scale = min(PAGE_WIDTH / width, MAX_PAGE_HEIGHT / height)
            image = page.render(scale=scale).to_pil()
        finally:
            pdf.close()
    return upright(image.convert("RGB"), facts), scale


def _render_image_frame(path: Path, page_no: int, facts: PageFacts) -> tuple[Image.Image, float]:
    with open_image(path) as img:
        img.seek(page_no - 1)
        dpi = facts.dpi or image_dpi(img)
        frame = (ImageOps.exif_transpose(img) or img).convert("RGB")
    frame = _turn(frame, facts.rotation)
    factor = min(PAGE_WIDTH / frame.width, MAX_PAGE_HEIGHT / frame.height)
    size = (max(1, round(frame.width * factor)), max(1, round(frame.height * factor)))
    frame = frame.resize(size, Image.Resampling.LANCZOS)
    return _deskew(frame, facts.skew), dpi / 72 * factor


_CLOCKWISE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
"""Pillow's ROTATE_n turn counter-clockwise; ``ingest.preprocess.rotate_quarter`` turns clockwise."""


def _turn(image: Image.Image, rotation: int) -> Image.Image:
    transpose = _CLOCKWISE.get(rotation % 360)
    return image.transpose(transpose) if transpose is not None else image


def _deskew(image: Image.Image, skew: float) -> Image.Image:
    # ingest.preprocess.deskew turns by `skew` degrees about the centre, counter-clockwise, on white: so does Pillow.
    if abs(skew) < 0.05:
        return image
    return image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor="white")


def upright(image: Image.Image, facts: PageFacts) -> Image.Image:
    """Turn a rendered page the way the pipeline did before reading it: a quarter turn, then the deskew."""
    return _deskew(_turn(image, facts.rotation), facts.skew)


def draw_box(image: Image.Image, bbox: tuple[float, float, float, float], px_per_pt: float) -> Image.Image:
    """The page with a task's box (points, from the top-left) outlined and tinted."""
    x0, y0, x1, y1 = (v * px_per_pt for v in bbox)
    pad = 3
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle(
        (x0 - pad, y0 - pad, x1 + pad, y1 + pad), fill=(255, 210, 0, 70), outline=(200, 20, 20, 255), width=4
    )
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


# -- signing in --------------------------------------------------------------------------


def _safe_next(value: str | None) -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return url_for("tasks")
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else url_for("tasks")


def login_page() -> Response | str | tuple[str, int]:
    """GET: the sign-in form; POST: check the name and password, then go where the user was headed."""
    if not current_app.config["CCHC_REQUIRE_LOGIN"]:
        return redirect(url_for("tasks"))
    target = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("login.html", next=target, name="")
    name = " ".join((request.form.get("name") or "").split())[:MAX_NAME]
    password = (request.form.get("password") or "")[:MAX_PASSWORD]
    stored = password_hash_of(_store(), name) if name else None
    # Check a dummy hash for unknown names too, so timing does not tell which names exist.
    ok = check_password_hash(stored or _dummy_hash(), password)
    if not (stored and ok):
        return render_template("login.html", next=target, name=name, error="Sai tên đăng nhập hoặc mật khẩu."), 401
    session.clear()
    session["user"] = name
    return redirect(target, code=303)


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password, checked when the name is unknown."""
    return generate_password_hash(os.urandom(16).hex())


def logout() -> Response:
    """POST: sign out (forget the session)."""
    session.clear()
    target = "login" if current_app.config["CCHC_REQUIRE_LOGIN"] else "tasks"
    return redirect(url_for(target), code=303)


# -- template helpers ----------------------------------------------------------------------


def _vn_date(value: str | None) -> str:
    """An ISO date as Vietnamese write it (dd/mm/yyyy)."""
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""
    except ValueError:
        return value or ""
