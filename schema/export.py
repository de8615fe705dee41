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


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row for a spreadsheet: lists and objects (``extra``, ``bbox``, ``lead_units``, ``repairs``) as JSON text."""
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
        for key, value in row.items()
    }


def csv_rows(plans: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten plans to one row per task, with the plan's file, organization and year first."""
    return [
        flat_row({**{key: plan[key] for key in CSV_PLAN_KEYS}, **{key: task[key] for key in TASK_KEYS}})
        for plan in plans
        for task in plan["tasks"]
    ]


def write_csv(plans: Sequence[dict[str, Any]], out_path_or_buffer: Any) -> None:
    """Write the task rows as CSV in UTF-8 with a BOM (Excel reads Vietnamese then)."""
    write_table_csv(csv_rows(plans), [*CSV_PLAN_KEYS, *TASK_KEYS], out_path_or_buffer)


def write_table_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], out_path_or_buffer: Any) -> None:
    """Rows as CSV in UTF-8 with a BOM; lists and objects as JSON text."""
    import pandas as pd

    frame = pd.DataFrame([flat_row(r) for r in rows], columns=list(columns))
    frame.to_csv(out_path_or_buffer, index=False, encoding="utf-8-sig")


XLSX_MAX_WIDTH = 60
"""Characters: the widest an XLSX column is made (longer text wraps)."""


def write_xlsx(sheets: dict[str, tuple[Sequence[dict[str, Any]], Sequence[str]]], path: Any) -> None:
    """Write sheets of rows to an XLSX file: a bold header row, frozen panes, columns sized to their text."""
    import pandas as pd
    from openpyxl.styles import Alignment, Font

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, (rows, columns) in sheets.items():
            frame = pd.DataFrame([flat_row(r) for r in rows], columns=list(columns))
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "B2" if len(columns) > 1 else "A2"
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for i, column in enumerate(columns, 1):
                longest = max([len(str(column)), *(len(str(r.get(column) or "")) for r in rows[:500])])
                width = min(XLSX_MAX_WIDTH, max(8, longest + 2))
                letter = sheet.cell(row=1, column=i).column_letter
                sheet.column_dimensions[letter].width = width
                if longest > XLSX_MAX_WIDTH:
                    for cell in sheet[letter][1:]:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
