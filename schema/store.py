"""Storage: the database (any SQLAlchemy URL, SQLite by default) and the file store.

- ``--db`` (or ``CCHC_DB``, or ``./cchc.sqlite``): a bare path is SQLite, anything
  with ``://`` is an SQLAlchemy URL.
- The schema is upgraded with Alembic the first time a database is opened by a
  newer cchc.
- Each imported file is copied into a content-addressed store beside the
  database (``./cchc.files/<sha256>.<ext>`` for ``./cchc.sqlite``; ``CCHC_FILES``
  for a server URL), so provenance can be shown and plans re-processed.
- Each document is written in one transaction: a failure leaves no partial rows,
  only the document's row with its status and error.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from schema.errors import SchemaError
from schema.models import (
    CatalogueEntryRow,
    CatalogueVersionRow,
    DocumentRow,
    ManualLinkRow,
    PageRow,
    PlanRow,
    SectionRow,
    TargetRow,
    TaskRow,
)
from schema.records import (
    Catalogue,
    CatalogueEntry,
    Change,
    HeaderFacts,
    PageInfo,
    Plan,
    Section,
    SourceFile,
    Target,
    Task,
)
from schema.search import search_text

DEFAULT_DB = "cchc.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class Location:
    """Where the database and the file store are."""

    url: str
    files: Path

    @classmethod
    def resolve(cls, db: str | None) -> Location:
        """``--db``, else ``CCHC_DB``, else ``./cchc.sqlite``; a bare path means SQLite."""
        value = db or os.environ.get("CCHC_DB") or DEFAULT_DB
        if "://" in value:
            return cls(value, Path(os.environ.get("CCHC_FILES", "cchc.files")))
        path = Path(value)
        return cls(f"sqlite:///{path}", path.with_suffix(".files"))


@dataclass(frozen=True)
class StoredDocument:
    """What the database holds about an earlier import of the same bytes."""

    name: str
    status: str
    pages: int | None
    method: str | None
    rows: int


def _alembic_config():  # noqa: ANN202 - alembic.config.Config
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade_schema(engine: Engine) -> None:
    """Bring the database to the newest schema; refuse one written by a newer cchc."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = _alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    known = {rev.revision for rev in script.walk_revisions()}
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
        if current == head:
            return
        if current is not None and current not in known:
            raise SchemaError(
                f"the database was written by a newer cchc (schema {current}); upgrade cchc: pip install -U cchc"
            )
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying it; with foreign keys on, dropping
            # the old copy would cascade-delete every row that refers to it.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


SQLITE_CACHE_KIB = 65536
"""SQLite page cache per connection (64 MiB)."""
SQLITE_MMAP_BYTES = 256 << 20
"""How much of the database file SQLite may map into memory."""


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        # Queries across 100,000 tasks read the same pages again and again: keep them at hand.
        cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cur.close()


class Store:
    """The database and the file store of one cchc installation."""

    def __init__(self, location: Location) -> None:
        self.location = location
        try:
            if location.url.startswith("sqlite:///"):
                db_path = Path(location.url.removeprefix("sqlite:///"))
                if db_path.parent and not db_path.parent.exists():
                    raise SchemaError(f"cannot create the database {db_path}: folder {db_path.parent} does not exist")
            self.engine = create_engine(location.url)
            if self.engine.dialect.name == "sqlite":
                _sqlite_pragmas(self.engine)
            upgrade_schema(self.engine)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise SchemaError(f"cannot use database URL {location.url!r}: {exc}") from exc
        except ModuleNotFoundError as exc:
            raise SchemaError(f"the database driver is not installed ({exc.name}): pip install {exc.name}") from exc
        except OperationalError as exc:
            raise SchemaError(f"cannot open the database {location.url}: {exc.orig}") from exc
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, db: str | None) -> Store:
        """Open (creating or upgrading) the store named by ``--db`` / ``CCHC_DB``."""
        return cls(Location.resolve(db))

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    def refresh_statistics(self) -> None:
        """Let SQLite's query planner know the tables' shapes (``ANALYZE``), after a batch of imports.

        Without statistics SQLite picks the first index that fits a filter; with
        them, "year 2025, area tthc, due before June" starts from the plans of
        the year instead of every task of the area.
        """
        if self.engine.dialect.name == "sqlite":
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")

    # -- the file store --------------------------------------------------------
    def keep_file(self, source: SourceFile, path: Path) -> str:
        """Copy the file into the content-addressed store; return its stored name."""
        name = f"{source.sha256}.{source.ext}"
        target = self.location.files / name
        if target.exists():
            return name
        self.location.files.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.location.files, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out, path.open("rb") as src:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
            Path(tmp).replace(target)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return name

    def stored_path(self, stored_as: str) -> Path:
        """Where a stored file lives."""
        return self.location.files / stored_as

    # -- documents ---------------------------------------------------------------
    def find(self, sha256: str) -> StoredDocument | None:
        """The document with these bytes, if it was imported before."""
        with self.sessions() as session:
            doc = session.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha256))
            if doc is None:
                return None
            rows = session.scalar(select(func.count(TaskRow.id)).join(PlanRow).where(PlanRow.document_id == doc.id))
            return StoredDocument(doc.name, doc.status, doc.pages, doc.method, rows or 0)

    def save_plan(self, plan: Plan, *, stored_as: str | None, seconds: float) -> None:
        """Store a plan and its document in one transaction, replacing an earlier import."""
        try:
            with self.sessions.begin() as session:
                doc = _document(session, plan.source)
                doc.pages, doc.method, doc.status, doc.error = plan.source.page_count, plan.method, plan.status, None
                doc.stored_as, doc.seconds, doc.imported_at = stored_as, seconds, _now()
                doc.plan = None
                doc.page_rows = []
                session.flush()
                doc.page_rows = [
                    PageRow(
                        page_no=p.page_no,
                        method=p.method,
                        dpi=p.dpi,
                        rotation=p.rotation,
                        skew=p.skew,
                        words=p.words,
                        confidence=p.confidence,
                        warnings=list(p.warnings),
                    )
                    for p in plan.pages
                ]
                doc.plan = _plan_row(plan)
        except SQLAlchemyError as exc:
            raise SchemaError(f"cannot write to the database: {exc}") from exc

    def save_failure(self, source: SourceFile, error: str, *, stored_as: str | None = None) -> None:
        """Record a failed document (no plan rows), replacing whatever was stored for it."""
        with self.sessions.begin() as session:
            doc = _document(session, source)
            doc.status, doc.error, doc.method, doc.pages = "failed", error, None, source.page_count
            doc.stored_as, doc.imported_at, doc.seconds = stored_as, _now(), None
            doc.plan = None
            doc.page_rows = []

    def plans(self, sha256s: Collection[str] | None = None) -> list[Plan]:
        """Every stored plan (or those of these files), in import order, as pipeline records."""
        if sha256s is not None and not sha256s:
            return []
        with self.sessions() as session:
            stmt = select(DocumentRow).join(PlanRow).order_by(DocumentRow.id)
            if sha256s is not None:
                stmt = stmt.where(DocumentRow.sha256.in_(list(sha256s)))
            docs = session.scalars(
                stmt.options(
                    selectinload(DocumentRow.plan).selectinload(PlanRow.tasks),
                    selectinload(DocumentRow.plan).selectinload(PlanRow.targets),
                    selectinload(DocumentRow.plan).selectinload(PlanRow.sections),
                    selectinload(DocumentRow.page_rows),
                )
            ).all()
            return [row_to_plan(doc) for doc in docs]

    # -- the catalogue and links -----------------------------------------------------
    def active_catalogue(self) -> tuple[int, Catalogue] | None:
        """The active catalogue version's id and entries, if one was installed."""
        with self.sessions() as session:
            version = session.scalar(
                select(CatalogueVersionRow)
                .where(CatalogueVersionRow.active.is_(True))
                .options(selectinload(CatalogueVersionRow.entries))
            )
            if version is None:
                return None
            entries = tuple(
                CatalogueEntry(
                    e.code,
                    e.area,
                    e.text,
                    tuple(e.aliases or ()),
                    (e.year_from, e.year_to) if e.year_from is not None else None,
                )
                for e in version.entries
            )
            return version.id, Catalogue(entries)

    def install_catalogue(self, catalogue: Catalogue, *, name: str, sha256: str) -> int:
        """Store a catalogue version and make it the active one; return its id."""
        with self.sessions.begin() as session:
            for version in session.scalars(select(CatalogueVersionRow).where(CatalogueVersionRow.active.is_(True))):
                version.active = False
            version = CatalogueVersionRow(name=name, sha256=sha256, loaded_at=_now(), active=True)
            version.entries = [
                CatalogueEntryRow(
                    ordinal=i,
                    code=e.code,
                    area=e.area,
                    text=e.text,
                    aliases=list(e.aliases),
                    year_from=e.years[0] if e.years else None,
                    year_to=e.years[1] if e.years else None,
                )
                for i, e in enumerate(catalogue.entries, 1)
            ]
            session.add(version)
            session.flush()
            return version.id

    def manual_links(self) -> dict[str, str]:
        """Task id → catalogue code, for every link set by a person."""
        with self.sessions() as session:
            return {row.task_id: row.code for row in session.scalars(select(ManualLinkRow))}

    def set_manual_link(self, task_id: str, code: str, area: str, by: str) -> None:
        """Record a person's link and apply it to the task, in one transaction."""
        with self.sessions.begin() as session:
            task = session.scalar(select(TaskRow).where(TaskRow.export_id == task_id))
            if task is None:
                raise SchemaError(f"no task {task_id}: task ids are the 'id' of 'cchc export' (e.g. 3f2a9c1b7d4e-12)")
            row = session.scalar(select(ManualLinkRow).where(ManualLinkRow.task_id == task_id))
            if row is None:
                row = ManualLinkRow(task_id=task_id)
                session.add(row)
            row.code, row.linked_by, row.linked_at = code, by, _now()
            task.catalogue_code, task.catalogue_score, task.area, task.link_status = code, 1.0, area, "manual"

    def update_links(self, plan: Plan) -> None:
        """Write the link fields of a plan's tasks (after re-linking), in one transaction."""
        by_index = {t.index: t for t in plan.tasks}
        with self.sessions.begin() as session:
            doc = session.scalar(select(DocumentRow).where(DocumentRow.sha256 == plan.source.sha256))
            if doc is None or doc.plan is None:
                return
            for row in doc.plan.tasks:
                t = by_index.get(row.ordinal)
                if t is None:
                    continue
                row.area, row.catalogue_code, row.catalogue_score = t.area, t.catalogue_code, t.catalogue_score
                row.link_status, row.lead_units = t.link_status, list(t.lead_units)

    def unlinked_plans(self) -> list[Plan]:
        """Plans with tasks never linked (written before the catalogue existed)."""
        with self.sessions() as session:
            shas = session.scalars(
                select(DocumentRow.sha256).join(PlanRow).join(TaskRow).where(TaskRow.link_status.is_(None)).distinct()
            ).all()
        return self.plans(shas)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _document(session: Session, source: SourceFile) -> DocumentRow:
    doc = session.scalar(select(DocumentRow).where(DocumentRow.sha256 == source.sha256))
    if doc is None:
        doc = DocumentRow(sha256=source.sha256, imported_at=_now(), status="failed")
        session.add(doc)
    doc.name, doc.path, doc.ext, doc.size = source.name, source.path, source.ext, source.size
    return doc


def _plan_row(plan: Plan) -> PlanRow:
    h = plan.header
    row = PlanRow(
        organization=h.organization,
        parent=h.parent,
        place=h.place,
        issued_date=h.issued_date,
        year=h.year,
        doc_number=h.doc_number,
        title=h.title,
        signer=h.signer,
        warnings=list(plan.warnings),
        repairs=[_change_dict(c) for c in plan.repairs],
    )
    sections = {}
    for i, s in enumerate(plan.sections, 1):
        section = SectionRow(ordinal=i, number=s.number, title=s.title, text=s.text, page=s.page)
        row.sections.append(section)
        sections.setdefault(s.text, section)
    for t in plan.tasks:
        box = t.bbox or (None, None, None, None)
        task = TaskRow(
            ordinal=t.index,
            export_id=f"{plan.source.sha256[:12]}-{t.index}",
            number=t.number,
            section=t.section,
            task=t.task,
            task_raw=t.task_raw,
            product=t.product,
            lead=t.lead,
            note=t.note,
            deadline=t.deadline,
            deadline_text=t.deadline_text,
            extra=dict(t.extra),
            page=t.page,
            x0=box[0],
            y0=box[1],
            x1=box[2],
            y1=box[3],
            confidence=t.confidence,
            repairs=[_change_dict(c) for c in t.repairs],
            lead_units=list(t.lead_units),
            area=t.area,
            catalogue_code=t.catalogue_code,
            catalogue_score=t.catalogue_score,
            link_status=t.link_status,
            search_text=search_text(t.task, t.product, t.lead, t.note),
        )
        task.section_row = sections.get(t.section) if t.section else None
        row.tasks.append(task)
    for i, target in enumerate(plan.targets, 1):
        row.targets.append(TargetRow(ordinal=i, text=target.text, percent=target.percent))
    return row


def row_to_plan(doc: DocumentRow) -> Plan:
    """Turn a stored document and its plan back into a :class:`Plan` record."""
    p = doc.plan
    assert p is not None
    source = SourceFile(doc.path, doc.name, doc.sha256, _kind(doc.ext), doc.ext, doc.size, doc.pages)
    header = HeaderFacts(
        organization=p.organization,
        parent=p.parent,
        place=p.place,
        issued_date=p.issued_date,
        year=p.year,
        doc_number=p.doc_number,
        title=p.title,
        signer=p.signer,
    )
    tasks = tuple(row_to_task(t) for t in p.tasks)
    percent = [(t.text, t.percent) for t in p.targets]
    return Plan(
        source=source,
        method=doc.method or "plain",
        status="partial" if doc.status == "partial" else "ok",
        header=header,
        targets=tuple(Target(text, int(v) if v is not None and float(v).is_integer() else v) for text, v in percent),
        sections=tuple(Section(s.number, s.title, s.text, s.page) for s in p.sections),
        tasks=tasks,
        pages=tuple(
            PageInfo(r.page_no, r.method, r.dpi, r.rotation, r.skew, r.words, r.confidence, tuple(r.warnings or ()))
            for r in doc.page_rows
        ),
        warnings=tuple(p.warnings or ()),
        repairs=tuple(_change(c) for c in p.repairs or ()),
    )


def row_to_task(t: TaskRow) -> Task:
    """Turn a stored task row back into a :class:`Task` record."""
    return Task(
        index=t.ordinal,
        number=t.number,
        section=t.section,
        task=t.task,
        task_raw=t.task_raw,
        product=t.product,
        lead=t.lead,
        note=t.note,
        deadline=t.deadline,
        deadline_text=t.deadline_text,
        extra=dict(t.extra or {}),
        page=t.page,
        bbox=(t.x0, t.y0, t.x1, t.y1) if t.x0 is not None else None,
        confidence=t.confidence,
        repairs=tuple(_change(c) for c in t.repairs or ()),
        lead_units=tuple(t.lead_units or ()),
        area=t.area,
        catalogue_code=t.catalogue_code,
        catalogue_score=t.catalogue_score,
        link_status=t.link_status,
    )


def _change_dict(change: Change) -> dict:
    return {
        "field": change.field,
        "from": change.before,
        "to": change.after,
        "score": change.score,
        "reason": change.reason,
        "applied": change.applied,
    }


def _change(data: dict) -> Change:
    return Change(data["field"], data["from"], data["to"], data["score"], data["reason"], data.get("applied", True))


def _kind(ext: str):  # noqa: ANN202 - FileKind
    from schema.records import SUPPORTED_EXTENSIONS

    return SUPPORTED_EXTENSIONS.get(ext, "pdf")
