"""The export shape: what ``cchc export`` writes and outside scripts rely on.

JSON is exactly ``{"plans": [plan, ...]}``; every key below is always present,
``null`` when absent. CSV has one row per task with the plan's file,
organization and year, in UTF-8 with a BOM so that Excel shows Vietnamese.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from schema.records import Plan, Task

PLAN_KEYS = (
    "file",
    "path",
    "sha256",
    "organization",
    "parent",
    "place",
    "issued_date",
    "year",
    "doc_number",
    "title",
    "signer",
    "pages",
    "method",
    "status",
    "warnings",
    "targets",
    "tasks",
)
TASK_KEYS = (
    "id",
    "number",
    "section",
    "task",
    "task_raw",
    "product",
    "lead",
    "note",
    "deadline",
    "deadline_text",
    "extra",
    "page",
    "bbox",
    "confidence",
    "area",
    "catalogue_code",
    "catalogue_score",
    "link_status",
    "lead_units",
    "repairs",
)
CSV_PLAN_KEYS = ("file", "organization", "year")
_JSON_COLUMNS = ("extra", "bbox", "lead_units", "repairs")
"""Task keys that are lists or objects: JSON text in a CSV cell."""


def task_id(sha256: str, index: int) -> str:
    """Stable task id: the first 12 hex digits of the plan's SHA-256 and the row index from 1."""
    return f"{sha256[:12]}-{index}"


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def task_to_dict(task: Task, sha256: str) -> dict[str, Any]:
    """One task in the export shape."""
    return {
        "id": task_id(sha256, task.index),
        "number": task.number,
        "section": task.section,
        "task": task.task,
        "task_raw": task.task_raw,
        "product": task.product,
        "lead": task.lead,
        "note": task.note,
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "deadline_text": task.deadline_text,
        "extra": dict(task.extra),
        "page": task.page,
        "bbox": [_round(v, 1) for v in task.bbox] if task.bbox else None,
        "confidence": _round(task.confidence, 3),
        "area": task.area,
        "catalogue_code": task.catalogue_code,
        "catalogue_score": _round(task.catalogue_score, 3),
        "link_status": task.link_status,
        "lead_units": list(task.lead_units),
        "repairs": [
            {
                "field": c.field,
                "from": c.before,
                "to": c.after,
                "score": c.score,
                "reason": c.reason,
                "applied": c.applied,
            }
            for c in task.repairs
        ],
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """One plan in the export shape."""
    h = plan.header
    return {
        "file": plan.source.name,
        "path": plan.source.path,
        "sha256": plan.source.sha256,
        "organization": h.organization,
        "parent": h.parent,
        "place": h.place,
        "issued_date": h.issued_date.isoformat() if h.issued_date else None,
        "year": h.year,
        "doc_number": h.doc_number,
        "title": h.title,
        "signer": h.signer,
        "pages": plan.source.page_count,
        "method": plan.method,
        "status": plan.status,
        "warnings": list(plan.warnings),
        "targets": [{"text": t.text, "percent": t.percent} for t in plan.targets],
        "tasks": [task_to_dict(t, plan.source.sha256) for t in plan.tasks],
    }


def write_json(plans: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write ``{"plans": [...]}`` as UTF-8 JSON (Vietnamese unescaped)."""
    json.dump({"plans": list(plans)}, out, ensure_ascii=False, indent=2)
    out.write("\n")


def csv_rows(plans: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten plans to one row per task; ``extra`` and ``bbox`` become JSON text."""
    rows = []
    for plan in plans:
        for task in plan["tasks"]:
            row = {key: plan[key] for key in CSV_PLAN_KEYS}
            for key in TASK_KEYS:
                value = task[key]
                row[key] = (
                    json.dumps(value, ensure_ascii=False) if key in ("extra", "bbox") and value is not None else value
                )
            rows.append(row)
    return rows


def write_csv(plans: Sequence[dict[str, Any]], out_path_or_buffer: Any) -> None:
    """Write the task rows as CSV in UTF-8 with a BOM (Excel reads Vietnamese then)."""
    import pandas as pd

    frame = pd.DataFrame(csv_rows(plans), columns=[*CSV_PLAN_KEYS, *TASK_KEYS])
    frame.to_csv(out_path_or_buffer, index=False, encoding="utf-8-sig")
