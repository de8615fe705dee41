"""SQLAlchemy 2 models: documents, their pages, plans, sections, tasks and targets.

A *document* is one imported file, identified by the SHA-256 of its bytes; it
keeps its status even when it failed. A *plan* is what was recovered from it.
Changing these models needs a new Alembic revision in ``schema/migrations``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every table."""


class DocumentRow(Base):
    """An imported file, in import order (``id``), whatever became of it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(512))
    path: Mapped[str] = mapped_column(Text)
    ext: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    method: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    """``ok``, ``partial`` or ``failed``."""
    error: Mapped[str | None] = mapped_column(Text)
    stored_as: Mapped[str | None] = mapped_column(String(128))
    """File name of the copy in the content-addressed store."""
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    seconds: Mapped[float | None] = mapped_column(Float)

    plan: Mapped[PlanRow | None] = relationship(back_populates="document", cascade="all, delete-orphan", uselist=False)
    page_rows: Mapped[list[PageRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="PageRow.page_no"
    )


class PageRow(Base):
    """How one page of a document was read."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "page_no"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    page_no: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(8))
    dpi: Mapped[float | None] = mapped_column(Float)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    skew: Mapped[float] = mapped_column(Float, default=0.0)
    words: Mapped[int] = mapped_column(Integer, default=0)
    confidence: Mapped[float | None] = mapped_column(Float)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)

    document: Mapped[DocumentRow] = relationship(back_populates="page_rows")


class PlanRow(Base):
    """The header facts of a plan."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    organization: Mapped[str | None] = mapped_column(Text)
    parent: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    issued_date: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    doc_number: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    signer: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    repairs: Mapped[list[dict]] = mapped_column(JSON, default=list)
    """Repairs of the header facts and targets: field, before, after, score, reason, applied."""

    document: Mapped[DocumentRow] = relationship(back_populates="plan")
    sections: Mapped[list[SectionRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="SectionRow.ordinal"
    )
    tasks: Mapped[list[TaskRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="TaskRow.ordinal"
    )
    targets: Mapped[list[TargetRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="TargetRow.ordinal"
    )


class SectionRow(Base):
    """A heading row of the task table."""

    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)

    plan: Mapped[PlanRow] = relationship(back_populates="sections")


class TaskRow(Base):
    """A task row, with its raw and normalised text and where it was printed."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    ordinal: Mapped[int] = mapped_column(Integer)
    """Row index from 1 in document order."""
    export_id: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    """``<first 12 hex of sha256>-<ordinal>``, stable across re-imports."""
    number: Mapped[str | None] = mapped_column(String(32))
    section: Mapped[str | None] = mapped_column(Text)
    task: Mapped[str | None] = mapped_column(Text)
    task_raw: Mapped[str | None] = mapped_column(Text)
    product: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    deadline_text: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, str | None]] = mapped_column(JSON, default=dict)
    page: Mapped[int | None] = mapped_column(Integer)
    x0: Mapped[float | None] = mapped_column(Float)
    y0: Mapped[float | None] = mapped_column(Float)
    x1: Mapped[float | None] = mapped_column(Float)
    y1: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float | None] = mapped_column(Float)
    repairs: Mapped[list[dict]] = mapped_column(JSON, default=list)
    lead_units: Mapped[list[str]] = mapped_column(JSON, default=list)
    area: Mapped[str | None] = mapped_column(String(32), index=True)
    catalogue_code: Mapped[str | None] = mapped_column(String(32), index=True)
    catalogue_score: Mapped[float | None] = mapped_column(Float)
    link_status: Mapped[str | None] = mapped_column(String(16), index=True)
    search_text: Mapped[str | None] = mapped_column(Text)
    """Task, product, lead and note folded (no tone marks, đ → d): what ``--search`` matches.

    SQLite indexes it with the FTS5 table ``tasks_fts`` (kept by triggers); other
    databases with a plain index.
    """

    plan: Mapped[PlanRow] = relationship(back_populates="tasks")
    section_row: Mapped[SectionRow | None] = relationship()


class TargetRow(Base):
    """A "chỉ tiêu" sentence of a plan."""

    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    percent: Mapped[float | None] = mapped_column(Float)

    plan: Mapped[PlanRow] = relationship(back_populates="targets")


class CatalogueVersionRow(Base):
    """One loaded catalogue; exactly one is active."""

    __tablename__ = "catalogue_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    """Where it came from: a file name, or ``default``."""
    sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    entries: Mapped[list[CatalogueEntryRow]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="CatalogueEntryRow.ordinal"
    )


class CatalogueEntryRow(Base):
    """A canonical CCHC task of one catalogue version."""

    __tablename__ = "catalogue_entries"
    __table_args__ = (UniqueConstraint("version_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("catalogue_versions.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    area: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)

    version: Mapped[CatalogueVersionRow] = relationship(back_populates="entries")


class ManualLinkRow(Base):
    """A link set by a person; it outlives re-imports of the plan (keyed by the task's export id)."""

    __tablename__ = "manual_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    code: Mapped[str] = mapped_column(String(32))
    linked_by: Mapped[str] = mapped_column(String(128))
    linked_at: Mapped[datetime] = mapped_column(DateTime)


class SchoolRow(Base):
    """A school on the roster of those that must send a plan."""

    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(Text, index=True)
    """The name folded, for matching against a plan's organization."""


class UserRow(Base):
    """A person who may sign in to the web view (needed when it listens beyond this machine)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime)
