"""Questions staff ask of the stored plans, answered with SQL (one module for the CLI and the web view)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, cast, or_, select

from schema.models import DocumentRow, PlanRow, TaskRow
from schema.store import Store


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
