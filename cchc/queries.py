"""Questions staff ask of the stored plans, answered with SQL (one module for the CLI and the web view)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import String, cast, func, or_, select, text
from sqlalchemy.orm import Session

from normalize.text import fold_key
from schema.export import TASK_KEYS, task_to_dict
from schema.models import DocumentRow, PageRow, PlanRow, SchoolRow, TaskRow, UserRow
from schema.search import fts_phrase
from schema.store import Store, row_to_task


@dataclass(frozen=True)
class ReviewItem:
    """A task that needs a person: a link to confirm, or a repair too unsure to make."""

    id: str
    """The task's export id (what `cchc link` takes)."""
    file: str
    organization: str | None
    number: str | None
    task: str | None
    reason: str
    """``link`` or ``repair``."""
    detail: str
    """The proposed code and score, or the proposed repairs."""
    code: str | None
    score: float | None
    area: str | None


def review_queue(store: Store, limit: int | None = None) -> list[ReviewItem]:
    """Tasks whose link is for review or whose text has repairs not made, in import order."""
    stmt = (
        select(TaskRow, DocumentRow.name, PlanRow.organization)
        .join(PlanRow, TaskRow.plan_id == PlanRow.id)
        .join(DocumentRow, PlanRow.document_id == DocumentRow.id)
        .where(or_(TaskRow.link_status == "review", cast(TaskRow.repairs, String).contains('"applied": false')))
        .order_by(DocumentRow.id, TaskRow.ordinal)
    )
    if limit:
        stmt = stmt.limit(limit)
    items = []
    with store.sessions() as session:
        for task, name, org in session.execute(stmt):
            if task.link_status == "review":
                items.append(
                    ReviewItem(
                        task.export_id,
                        name,
                        org,
                        task.number,
                        task.task,
                        "link",
                        f"{task.catalogue_code} ({task.catalogue_score:.2f})",
                        task.catalogue_code,
                        task.catalogue_score,
                        task.area,
                    )
                )
            pending = [r for r in task.repairs or () if not r.get("applied", True)]
            if pending:
                detail = "; ".join(f"{r['field']}: {r['from']} → {r['to']} ({r['score']:.2f})" for r in pending)
                items.append(
                    ReviewItem(
                        task.export_id, name, org, task.number, task.task, "repair", detail, None, None, task.area
                    )
                )
    return items


# -- tasks across plans ---------------------------------------------------------------

LINK_STATUSES = ("auto", "review", "unlinked", "manual")
SORTS = {
    "school": (PlanRow.organization, TaskRow.ordinal),
    "year": (PlanRow.year, PlanRow.organization, TaskRow.ordinal),
    "deadline": (TaskRow.deadline, PlanRow.organization, TaskRow.ordinal),
    "area": (TaskRow.area, PlanRow.organization, TaskRow.ordinal),
    "code": (TaskRow.catalogue_code, PlanRow.organization, TaskRow.ordinal),
    "file": (DocumentRow.name, TaskRow.ordinal),
}
"""What tasks can be sorted by (a fixed list: no column name comes from a request)."""
ROW_KEYS = ("file", "organization", "year", *TASK_KEYS)
"""Keys of a task row in ``cchc tasks`` output: the plan's file, school and year, then the export's task keys."""


@dataclass(frozen=True)
class TaskFilter:
    """The filters of ``cchc tasks`` and of the web view's task page; ``None`` means any."""

    school: str | None = None
    year: int | None = None
    area: str | None = None
    code: str | None = None
    due_before: date | None = None
    due_after: date | None = None
    search: str | None = None
    link_status: str | None = None


@dataclass(frozen=True)
class TaskPage:
    """One page of matching task rows, and how many rows match in all."""

    rows: list[dict[str, Any]]
    total: int


def _school_plan_ids(session: Session, school: str) -> list[int]:
    """Plans whose school name contains ``school``, ignoring case and tone marks."""
    key = fold_key(school)
    return [pid for pid, org in session.execute(select(PlanRow.id, PlanRow.organization)) if key in fold_key(org or "")]


def _task_conditions(session: Session, f: TaskFilter) -> list[Any]:
    where: list[Any] = []
    if f.school:
        where.append(TaskRow.plan_id.in_(_school_plan_ids(session, f.school)))
    if f.year is not None:
        where.append(PlanRow.year == f.year)
    if f.area:
        where.append(TaskRow.area == f.area)
    if f.code:
        where.append(TaskRow.catalogue_code == f.code.strip().upper())
    if f.link_status:
        where.append(TaskRow.link_status == f.link_status)
    if f.due_before is not None or f.due_after is not None:
        where.append(TaskRow.deadline.is_not(None))
    if f.due_before is not None:
        where.append(TaskRow.deadline <= f.due_before)
    if f.due_after is not None:
        where.append(TaskRow.deadline >= f.due_after)
    if f.search:
        phrase = fts_phrase(f.search)
        if phrase is not None:
            if session.get_bind().dialect.name == "sqlite":
                matches = text("SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH :phrase").bindparams(phrase=phrase)
                where.append(TaskRow.id.in_(matches))
            else:
                words = phrase.strip('"').replace('""', '"')
                where.append(TaskRow.search_text.contains(words, autoescape=True))
    return where


def find_tasks(
    store: Store,
    f: TaskFilter,
    *,
    sort: str = "school",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> TaskPage:
    """Tasks of every stored plan that pass the filter, as export rows with their plan's file, school and year."""
    if sort not in SORTS:
        raise ValueError(f"cannot sort by {sort!r}: use one of {', '.join(SORTS)}")
    first, *rest = SORTS[sort]
    # Rows with no value of the sort key (no deadline, no code) come last either way.
    order = [first.is_(None), first.desc() if descending else first.asc(), *(c.asc() for c in rest)]
    with store.sessions() as session:
        where = _task_conditions(session, f)
        base = select(TaskRow.id).join(PlanRow, TaskRow.plan_id == PlanRow.id).where(*where)
        total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
        joined = (
            select(TaskRow, DocumentRow.name, DocumentRow.sha256, PlanRow.organization, PlanRow.year)
            .join(PlanRow, TaskRow.plan_id == PlanRow.id)
            .join(DocumentRow, PlanRow.document_id == DocumentRow.id)
        )
        if limit is None:
            found = list(session.execute(joined.where(*where).order_by(*order, TaskRow.id).offset(offset)))
        else:
            # A page: sort and cut the narrow rows first, then load the page's full rows
            # (sorting thousands of wide rows, JSON columns and all, costs more than both).
            page = (
                select(TaskRow.id)
                .join(PlanRow, TaskRow.plan_id == PlanRow.id)
                .join(DocumentRow, PlanRow.document_id == DocumentRow.id)
                .where(*where)
                .order_by(*order, TaskRow.id)
                .offset(offset)
                .limit(limit)
            )
            ids = list(session.scalars(page))
            by_id = {row[0].id: row for row in session.execute(joined.where(TaskRow.id.in_(ids)))}
            found = [by_id[i] for i in ids]
        rows = [
            {"file": name, "organization": org, "year": year, **task_to_dict(row_to_task(task), sha)}
            for task, name, sha, org, year in found
        ]
    return TaskPage(rows, total)


# -- plans --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanSummary:
    """One imported document as ``cchc plans`` lists it."""

    sha256: str
    file: str
    organization: str | None
    year: int | None
    pages: int | None
    method: str | None
    rows: int
    status: str
    warnings: list[str]
    imported_at: str


def list_plans(store: Store, year: int | None = None, sha256: str | None = None) -> list[PlanSummary]:
    """Every imported document (failed ones too), in import order; or the one with this SHA-256."""
    counts = select(TaskRow.plan_id, func.count(TaskRow.id).label("n")).group_by(TaskRow.plan_id).subquery("counts")
    stmt = (
        select(DocumentRow, PlanRow.organization, PlanRow.year, PlanRow.warnings, counts.c.n)
        .outerjoin(PlanRow, PlanRow.document_id == DocumentRow.id)
        .outerjoin(counts, counts.c.plan_id == PlanRow.id)
        .order_by(DocumentRow.id)
    )
    if year is not None:
        stmt = stmt.where(PlanRow.year == year)
    if sha256 is not None:
        stmt = stmt.where(DocumentRow.sha256 == sha256)
    with store.sessions() as session:
        return [
            PlanSummary(
                doc.sha256,
                doc.name,
                org,
                plan_year,
                doc.pages,
                doc.method,
                n or 0,
                doc.status,
                list(warnings or ([doc.error] if doc.error else [])),
                doc.imported_at.isoformat(timespec="seconds"),
            )
            for doc, org, plan_year, warnings, n in session.execute(stmt)
        ]


@dataclass(frozen=True)
class PlanDetail:
    """One plan for its web page: its summary, pages and tasks (with boxes)."""

    summary: PlanSummary
    page_count: int | None
    stored_as: str | None
    tasks: list[dict[str, Any]]


def plan_detail(store: Store, sha256: str) -> PlanDetail | None:
    """A plan by the SHA-256 of its file, or ``None``."""
    with store.sessions() as session:
        doc = session.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha256))
        if doc is None:
            return None
        stored_as, pages = doc.stored_as, doc.pages
    summary = next(iter(list_plans(store, sha256=sha256)), None)
    tasks = _plan_tasks(store, sha256)
    return PlanDetail(summary, pages, stored_as, tasks) if summary else None


def _plan_tasks(store: Store, sha256: str) -> list[dict[str, Any]]:
    with store.sessions() as session:
        stmt = (
            select(TaskRow)
            .join(PlanRow, TaskRow.plan_id == PlanRow.id)
            .join(DocumentRow, PlanRow.document_id == DocumentRow.id)
            .where(DocumentRow.sha256 == sha256)
            .order_by(TaskRow.ordinal)
        )
        return [task_to_dict(row_to_task(t), sha256) for t in session.scalars(stmt)]


def find_document(store: Store, ref: str) -> tuple[str, str, str | None] | None:
    """A stored document by its SHA-256 (or a unique prefix of 8+ hex digits), file name or path.

    Returns (sha256, file name, stored file name).
    """
    ref = ref.strip()
    with store.sessions() as session:
        if len(ref) >= 8 and all(c in "0123456789abcdef" for c in ref.lower()):
            docs = session.scalars(select(DocumentRow).where(DocumentRow.sha256.startswith(ref.lower()))).all()
        else:
            docs = session.scalars(
                select(DocumentRow).where(or_(DocumentRow.name == ref, DocumentRow.path == ref))
            ).all()
        if len(docs) > 1:
            raise LookupError(f"{ref!r} names {len(docs)} documents; give the SHA-256 instead")
        return (docs[0].sha256, docs[0].name, docs[0].stored_as) if docs else None


def remove_document(store: Store, sha256: str) -> int:
    """Delete a document, its plan and its rows in one transaction; return how many task rows went."""
    with store.sessions.begin() as session:
        doc = session.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha256))
        if doc is None:
            return 0
        rows = session.scalar(select(func.count(TaskRow.id)).join(PlanRow).where(PlanRow.document_id == doc.id)) or 0
        session.delete(doc)
    return rows


# -- a plan's pages, for the web view ---------------------------------------------------


@dataclass(frozen=True)
class PageFacts:
    """How the pipeline read one page: what the page image must be turned by to match the boxes."""

    rotation: int = 0
    """Degrees the page was turned clockwise before OCR (0, 90, 180, 270)."""
    skew: float = 0.0
    """Degrees of skew corrected after that (counter-clockwise, as OpenCV measures)."""
    dpi: float | None = None
    """Resolution the page was OCR'd at."""


@dataclass(frozen=True)
class StoredDocument:
    """What the page-image route needs of a document, from the database."""

    stored_as: str | None
    ext: str
    pages: int | None
    page_facts: dict[int, PageFacts]


def stored_document(store: Store, sha256: str) -> StoredDocument | None:
    """The stored file's name, type, page count and per-page facts of a document."""
    with store.sessions() as session:
        doc = session.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha256))
        if doc is None:
            return None
        facts = {
            p.page_no: PageFacts(p.rotation or 0, p.skew or 0.0, p.dpi)
            for p in session.scalars(select(PageRow).where(PageRow.document_id == doc.id))
        }
        return StoredDocument(doc.stored_as, doc.ext, doc.pages, facts)


def task_box(store: Store, sha256: str, task_id: str) -> tuple[int, tuple[float, float, float, float]] | None:
    """A task's page and box, when the task belongs to this document and has a box."""
    stmt = (
        select(TaskRow.page, TaskRow.x0, TaskRow.y0, TaskRow.x1, TaskRow.y1)
        .join(PlanRow, TaskRow.plan_id == PlanRow.id)
        .join(DocumentRow, PlanRow.document_id == DocumentRow.id)
        .where(TaskRow.export_id == task_id, DocumentRow.sha256 == sha256)
    )
    with store.sessions() as session:
        row = session.execute(stmt).first()
    if row is None or row.page is None or None in (row.x0, row.y0, row.x1, row.y1):
        return None
    return row.page, (row.x0, row.y0, row.x1, row.y1)


def plan_of_task(store: Store, task_id: str) -> str | None:
    """The SHA-256 of the document a task comes from."""
    stmt = (
        select(DocumentRow.sha256)
        .join(PlanRow, PlanRow.document_id == DocumentRow.id)
        .join(TaskRow, TaskRow.plan_id == PlanRow.id)
        .where(TaskRow.export_id == task_id)
    )
    with store.sessions() as session:
        return session.scalar(stmt)


# -- the roster and coverage ----------------------------------------------------------


@dataclass(frozen=True)
class School:
    """A school that must send a plan."""

    code: str
    name: str
    type: str | None = None


def load_schools(store: Store, schools: list[School]) -> tuple[int, int]:
    """Add or update roster schools by code; return (added, updated)."""
    added = updated = 0
    with store.sessions.begin() as session:
        existing = {s.code: s for s in session.scalars(select(SchoolRow))}
        for school in schools:
            row = existing.get(school.code)
            if row is None:
                session.add(
                    SchoolRow(code=school.code, name=school.name, type=school.type, name_key=fold_key(school.name))
                )
                added += 1
            else:
                row.name, row.type, row.name_key = school.name, school.type, fold_key(school.name)
                updated += 1
    return added, updated


def roster(store: Store) -> list[School]:
    """The roster, by name."""
    with store.sessions() as session:
        return [School(s.code, s.name, s.type) for s in session.scalars(select(SchoolRow).order_by(SchoolRow.name))]


def _same_school(roster_key: str, organization_key: str) -> bool:
    return bool(roster_key) and (roster_key == organization_key or roster_key in organization_key)


@dataclass(frozen=True)
class Coverage:
    """Which catalogue tasks each school planned."""

    year: int | None
    codes: list[str]
    """The catalogue codes, in catalogue order."""
    schools: list[str]
    """Schools with a plan, by name."""
    counts: dict[str, dict[str, int]]
    """School → code → how many of its tasks are linked to that code."""
    lacking: dict[str, list[str]]
    """School → the catalogue codes it has no task for."""
    without_plan: list[School]
    """Roster schools with no plan (for the year, when one is given)."""


def coverage(store: Store, catalogue_codes: list[str], year: int | None = None) -> Coverage:
    """The school × catalogue-code matrix, what each school lacks, and the roster schools with no plan."""
    stmt = (
        select(PlanRow.organization, DocumentRow.name, TaskRow.catalogue_code, func.count(TaskRow.id))
        .join(DocumentRow, PlanRow.document_id == DocumentRow.id)
        .outerjoin(TaskRow, TaskRow.plan_id == PlanRow.id)
        .group_by(PlanRow.id, PlanRow.organization, DocumentRow.name, TaskRow.catalogue_code)
    )
    if year is not None:
        stmt = stmt.where(PlanRow.year == year)
    counts: dict[str, dict[str, int]] = {}
    with store.sessions() as session:
        for org, file, code, n in session.execute(stmt):
            school = counts.setdefault(org or file, {})
            if code:
                school[code] = school.get(code, 0) + n
    schools = sorted(counts, key=fold_key)
    lacking = {s: [c for c in catalogue_codes if c not in counts[s]] for s in schools}
    keys = [fold_key(s) for s in schools]
    without = [r for r in roster(store) if not any(_same_school(fold_key(r.name), k) for k in keys)]
    return Coverage(year, list(catalogue_codes), schools, counts, lacking, without)


# -- people -------------------------------------------------------------------------


def add_user(store: Store, name: str, password_hash: str) -> bool:
    """Create a web user, or set a new password for an existing one; True when created."""
    with store.sessions.begin() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name))
        if row is None:
            session.add(
                UserRow(name=name, password_hash=password_hash, created_at=datetime.now(UTC).replace(tzinfo=None))
            )
            return True
        row.password_hash = password_hash
        return False


def password_hash_of(store: Store, name: str) -> str | None:
    """The stored password hash of a web user, or ``None``."""
    with store.sessions() as session:
        return session.scalar(select(UserRow.password_hash).where(UserRow.name == name))


def has_users(store: Store) -> bool:
    """True when at least one web user exists."""
    with store.sessions() as session:
        return session.scalar(select(func.count(UserRow.id))) > 0
