"""The office's queries on a synthetic database of 2,000 plans × 50 tasks (part of ``make bench``).

The plans are made from the bundled born-digital samples: their tasks, links
and areas, under 2,000 invented school names, years 2024–2026 and spread
deadlines. Each query runs repeatedly; the report gives the 95th percentile.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc.linking import ensure_catalogue  # noqa: E402
from cchc.pipeline import run_pipeline  # noqa: E402
from cchc.queries import TaskFilter, coverage, find_tasks  # noqa: E402
from schema.store import Location, Store  # noqa: E402

PLANS = 2000
TASKS_PER_PLAN = 50
RUNS = 40
KINDS = ("Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường THPT")
NAMES = (
    "Hòa Bình Minh Đức Sen Hồng Bến Thành Tân Định Đa Kao Nguyễn Du Lê Lợi Trần Phú Võ Thị Sáu Hoa Mai "
    "Sơn Ca Họa Mi Phú Mỹ Bình Tây An Phú Thảo Điền Cầu Kho Cô Giang Nguyễn Thái Bình Phạm Ngũ Lão"
).split()
SAMPLES = ("samples/thcs-2024.txt", "samples/rendered/tieuhoc-2026.pdf", "samples/rendered/mamnon-2025.pdf")


def _synthetic_plans(seed: int = 7) -> list:
    rng = random.Random(seed)
    sources = [run_pipeline(ROOT / s) for s in SAMPLES]
    pool = [t for plan in sources for t in plan.tasks]
    plans = []
    for i in range(PLANS):
        base = sources[i % len(sources)]
        year = 2024 + i % 3
        name = f"{rng.choice(KINDS)} {rng.choice(NAMES)} {rng.choice(NAMES)} {i:04d}"
        sha = hashlib.sha256(f"synthetic-{i}".encode()).hexdigest()
        tasks = []
        for n, task in enumerate(rng.sample(pool, TASKS_PER_PLAN), 1):
            deadline = date(year, 1, 1) + timedelta(days=rng.randrange(365)) if rng.random() < 0.85 else None
            tasks.append(replace(task, index=n, deadline=deadline))
        plans.append(
            replace(
                base,
                source=replace(base.source, sha256=sha, name=f"{sha[:8]}.pdf", path=f"{sha[:8]}.pdf"),
                header=replace(base.header, organization=name, year=year),
                tasks=tuple(tasks),
            )
        )
    return plans


def _p95(func: Callable[[], object], runs: int = RUNS) -> float:
    func()  # warm the caches once, as a running server would be
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.quantiles(times, n=20)[-1] * 1000


def run() -> list[str]:
    """Build the database, time the queries, and return the report's lines."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "office.sqlite"
        store = Store(Location(f"sqlite:///{db}", Path(tmp) / "files"))
        started = time.perf_counter()
        for plan in _synthetic_plans():
            store.save_plan(plan, stored_as=None, seconds=0.0)
        store.refresh_statistics()  # as `cchc import` does after a batch
        built = time.perf_counter() - started
        codes = [e.code for e in ensure_catalogue(store).entries]
        filtered = TaskFilter(year=2025, area="tthc", due_before=date(2025, 6, 30))
        rows = find_tasks(store, filtered, limit=50)
        figures = [
            (
                f"a filtered task query (year, area, due before; {rows.total} rows, first page of 50)",
                _p95(lambda: find_tasks(store, filtered, limit=50)),
                100,
            ),
            (
                'an accent-insensitive search ("chi so cai cach", first page of 50)',
                _p95(lambda: find_tasks(store, TaskFilter(search="chi so cai cach"), limit=50)),
                100,
            ),
            ("the coverage matrix (one year)", _p95(lambda: coverage(store, codes, 2025), runs=10), 1000),
        ]
        try:
            from cchc.web import create_app
        except ImportError:
            create_app = None
        if create_app is not None:
            app = create_app(f"sqlite:///{db}", require_login=False)
            client = app.test_client()
            url = "/tasks?year=2025&area=tthc&due_before=2025-06-30"

            def page() -> None:
                response = client.get(url)
                assert response.status_code == 200

            figures.append(("the tasks page, served (filtered, 50 rows)", _p95(page), 300))
        store.close()
    lines = [
        "## Queries",
        "",
        f"A synthetic database of {PLANS:,} plans × {TASKS_PER_PLAN} tasks ({PLANS * TASKS_PER_PLAN:,} rows, SQLite), "
        f"built in {built:.0f} s through the normal storage path. 95th percentile of {RUNS} runs (10 for coverage), "
        "after one warm-up run.",
        "",
        "| what | p95 | target |",
        "|---|---|---|",
        *(f"| {what} | {ms:.0f} ms | under {target} ms |" for what, ms, target in figures),
        "",
    ]
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
