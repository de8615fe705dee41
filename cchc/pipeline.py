"""The ingestion pipeline: the one place that knows the order of the stages.

PDF and image files::

    path_to_source → source_to_jobs
      → page_to_layout          (one job per page, in parallel: text layer, or OCR)
      → layout_to_content       (ruled tables and running text of each page)
      → contents_to_table       (the task table across pages, column roles;
                                 layouts_to_unruled_table when it has no ruling lines)
      → lines_to_header → table_to_tasks → lines_to_targets
      → layouts_to_readings     (what OCR weighed for each word, for repair)
      → repair_plan → link_plan → Plan

Plain text::

    path_to_source → text_to_document → lines_to_header → table_to_tasks → lines_to_targets
      → repair_plan → link_plan → Plan

:class:`Importer` runs the page jobs of many files on a process pool, finishes
each file in the main process in discovery order, and stores it in one
transaction.
"""

from __future__ import annotations

import os
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

from cchc import resources
from cchc.linking import default_catalogue, ensure_catalogue
from ingest.files import decode_text, discover, path_to_source, source_to_jobs
from ingest.header import lines_to_header, lines_to_targets
from ingest.ocr import image_to_layout
from ingest.pdf import pdf_page_to_layout
from ingest.plain import text_to_document
from ingest.raster import image_frame_to_image, pdf_page_to_image
from ingest.stitch import contents_to_table
from ingest.tables import layout_to_content
from ingest.tasks import table_to_tasks
from ingest.tesseract import OcrSettings
from ingest.unruled import layouts_to_unruled_table
from normalize.catalogue import link_plan
from normalize.repair import LOW_RESOLUTION_DPI, Repairer, reading_key, repair_plan
from schema.errors import ExitCode, ExtractionError, InputFileError, PipelineError
from schema.records import Catalogue, PageInfo, PageJob, PageLayout, Plan, PlanMethod, RawTable, SourceFile, TextLine
from schema.store import Store

_YEAR = __import__("re").compile(r"(?<!\d)(20\d\d)(?!\d)")


# -- stages -------------------------------------------------------------------------


def page_to_layout(job: PageJob, ocr: OcrSettings) -> PageLayout:
    """Read one page: the PDF text layer when it is usable, else OCR of the page image."""
    if job.kind == "pdf":
        layout, _check = pdf_page_to_layout(job.path, job.page_no)
        if layout is not None:
            return layout
        image = pdf_page_to_image(job.path, job.page_no)
    else:
        image = image_frame_to_image(job.path, job.page_no)
    return image_to_layout(image, ocr)


def _timed_page(job: PageJob, ocr: OcrSettings) -> tuple[PageLayout, float]:
    """:func:`page_to_layout` and the seconds it took (the worker's own time)."""
    started = time.perf_counter()
    return page_to_layout(job, ocr), time.perf_counter() - started


def _page_info(layout: PageLayout) -> PageInfo:
    conf = statistics.fmean(w.conf for w in layout.words) if layout.words else None
    return PageInfo(
        layout.page_no,
        layout.method,
        layout.dpi,
        layout.rotation,
        layout.skew,
        len(layout.words),
        conf,
        layout.warnings,
    )


def _plan_method(layouts: Sequence[PageLayout]) -> PlanMethod:
    methods = {layout.method for layout in layouts}
    return "mixed" if len(methods) > 1 else ("ocr" if methods == {"ocr"} else "text")


def _deadline_year(table: RawTable | None) -> int | None:
    """The commonest year in the table's cells, for plans whose header gives none."""
    if table is None:
        return None
    years = Counter(int(y) for row in table.rows for v in row.values if v for y in _YEAR.findall(v))
    return years.most_common(1)[0][0] if years else None


def document_to_plan(
    source: SourceFile,
    method: PlanMethod,
    lines: Sequence[TextLine],
    table: RawTable | None,
    *,
    pages: Sequence[PageInfo] = (),
    warnings: Sequence[str] = (),
    scattered_labels: int = 0,
) -> Plan:
    """Header facts, tasks and targets of one document."""
    cells = [v for row in table.rows for v in row.values if v] if table else []
    header, header_warnings = lines_to_header(lines, fallback_year=_deadline_year(table), body=cells)
    notes = [*warnings, *header_warnings]
    status = "ok"
    sections, tasks = [], []
    if table is None:
        if scattered_labels < 2:
            raise ExtractionError(
                "no task table found (is this a CCHC plan?): cchc reads plans whose tasks are in a table "
                "with columns such as STT | Nhiệm vụ | Sản phẩm | Cơ quan chủ trì | Thời gian"
            )
        status = "partial"
        notes.append(
            "the task table's columns are interleaved in this text, so its rows were not imported; "
            "import the original PDF or scan to get them"
        )
    else:
        sections, tasks, task_warnings = table_to_tasks(table, header.year)
        notes.extend([*table.warnings, *task_warnings])
        if not tasks:
            status = "partial"
            notes.append("the task table was found but no task rows could be read")
    return Plan(
        source=source,
        method=method,
        status=status,
        header=header,
        targets=tuple(lines_to_targets(lines)),
        sections=tuple(sections),
        tasks=tuple(tasks),
        pages=tuple(pages),
        warnings=tuple(notes),
    )


def layouts_to_plan(source: SourceFile, layouts: Sequence[PageLayout]) -> Plan:
    """Finish a PDF or image document from its pages."""
    layouts = sorted(layouts, key=lambda layout: layout.page_no)
    contents = [layout_to_content(layout) for layout in layouts]
    lines = [line for content in contents for line in content.lines]
    warnings = [w for layout in layouts for w in layout.warnings]
    plan = document_to_plan(
        source,
        _plan_method(layouts),
        lines,
        contents_to_table(contents) or layouts_to_unruled_table(layouts),
        pages=[_page_info(layout) for layout in layouts],
        warnings=warnings,
    )
    return replace(plan, readings=layouts_to_readings(layouts))


def layouts_to_readings(layouts: Sequence[PageLayout]) -> dict[str, tuple[tuple[str, float], ...]]:
    """The other readings OCR weighed for each word, by its letters in lower case.

    Cells reach repair as text, so a word's readings gather every place it was
    read. On a fine scan OCR seldom errs, so they are those weighed wherever
    the word was read, at the highest cost: "trường" read forty times with
    "trưởng" weighed once is no evidence for "trưởng". A fax misreads one word
    many ways, so there they are those weighed anywhere, at the lowest cost.
    """
    fine: dict[str, dict[str, float]] = {}
    coarse: dict[str, dict[str, float]] = {}
    for layout in layouts:
        for word in layout.words:
            key = reading_key(word.text)
            mine = dict(word.readings)
            if layout.dpi is not None and layout.dpi < LOW_RESOLUTION_DPI:
                seen = coarse.setdefault(key, {})
                for reading, cost in mine.items():
                    seen[reading] = min(cost, seen.get(reading, cost))
            elif key not in fine:
                fine[key] = mine
            elif fine[key]:
                fine[key] = {r: max(cost, mine[r]) for r, cost in fine[key].items() if r in mine}
    shared = {key: {**fine.get(key, {}), **coarse.get(key, {})} for key in fine.keys() | coarse.keys()}
    return {key: tuple(sorted(readings.items(), key=lambda kv: kv[1])) for key, readings in shared.items() if readings}


def text_to_plan(source: SourceFile, text: str) -> Plan:
    """Finish a plain-text document."""
    doc = text_to_document(text)
    return document_to_plan(
        source, "plain", doc.lines, doc.table, warnings=doc.warnings, scattered_labels=doc.scattered_labels
    )


@dataclass(frozen=True)
class Knowledge:
    """What the last stages need: the repair model, the catalogue, the links people made."""

    repairer: Repairer
    catalogue: Catalogue
    manual: Mapping[str, str] = field(default_factory=dict)
    """Task id → catalogue code."""

    @classmethod
    def bundled(cls) -> Knowledge:
        """The bundled catalogue and repair model, for use without a database."""
        catalogue = default_catalogue()
        return cls(resources.repairer_for(catalogue), catalogue)

    @classmethod
    def of_store(cls, store: Store) -> Knowledge:
        """The store's active catalogue and manual links."""
        catalogue = ensure_catalogue(store)
        return cls(resources.repairer_for(catalogue), catalogue, store.manual_links())


def plan_to_final(plan: Plan, knowledge: Knowledge) -> Plan:
    """The last stages: repair the OCR'd text, then link each task to the catalogue."""
    return link_plan(repair_plan(plan, knowledge.repairer), knowledge.catalogue, knowledge.manual)


def run_pipeline(path: Path, ocr: OcrSettings | None = None, knowledge: Knowledge | None = None) -> Plan:
    """Run every stage on one file in this process (no database): for tests and scripts."""
    ocr = ocr or OcrSettings.from_env()
    knowledge = knowledge or Knowledge.bundled()
    source = path_to_source(path)
    if source.kind == "txt":
        return plan_to_final(text_to_plan(source, decode_text(path.read_bytes())), knowledge)
    layouts = [page_to_layout(job, ocr) for job in source_to_jobs(source, str(path))]
    return plan_to_final(layouts_to_plan(source, layouts), knowledge)


# -- batch import -------------------------------------------------------------------


@dataclass
class FileResult:
    """What became of one file in a batch."""

    path: str
    status: str
    """``ok``, ``partial``, ``duplicate``, ``failed`` or ``unsupported``."""
    pages: int | None = None
    method: str | None = None
    rows: int | None = None
    seconds: float = 0.0
    message: str | None = None
    exit_code: ExitCode = ExitCode.ok


@dataclass
class _Pending:
    index: int
    path: Path
    source: SourceFile
    stored_as: str | None
    started: float
    layouts: dict[int, PageLayout] = field(default_factory=dict)
    error: PipelineError | None = None
    remaining: int = 0
    busy: float = 0.0
    """Seconds spent on this file's pages and on finishing it (not time spent queued)."""


def _init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _failure(path: Path, exc: BaseException, started: float) -> FileResult:
    if isinstance(exc, PipelineError):
        status = "unsupported" if type(exc).__name__ == "UnsupportedFileError" else "failed"
        return FileResult(
            str(path), status, seconds=time.perf_counter() - started, message=str(exc), exit_code=exc.exit_code
        )
    return FileResult(
        str(path),
        "failed",
        seconds=time.perf_counter() - started,
        message=f"internal error ({type(exc).__name__}: {exc}); please report it with this file",
        exit_code=ExitCode.file_failed,
    )


class Importer:
    """Import files into a :class:`Store`, in parallel, one transaction per document."""

    def __init__(
        self,
        store: Store,
        *,
        workers: int | None = None,
        force: bool = False,
        ocr: OcrSettings | None = None,
        on_result: Callable[[FileResult], None] | None = None,
        on_page: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.force = force
        self.ocr = ocr or OcrSettings.from_env()
        self.on_result = on_result or (lambda _r: None)
        self.on_page = on_page or (lambda: None)
        self.knowledge = Knowledge.of_store(store)

    def files(self, paths: Iterable[Path]) -> list[Path]:
        """The files a batch will look at, in order."""
        return discover(paths)

    def run(self, files: Sequence[Path]) -> list[FileResult]:
        """Import ``files``; results come back in the same order."""
        os.environ["OMP_THREAD_LIMIT"] = "1"
        if self.workers == 1:
            return [self._one_inline(i, path) for i, path in enumerate(files)]
        results: dict[int, FileResult] = {}
        with ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker) as pool:
            pending: dict[int, _Pending] = {}
            futures: dict[Future[tuple[PageLayout, float]], tuple[int, int]] = {}
            queue = list(enumerate(files))
            next_out = 0
            window = self.workers * 2
            while queue or futures or pending:
                while queue and len(pending) < window:
                    index, path = queue.pop(0)
                    item = self._start(index, path, results)
                    if item is None:
                        continue
                    pending[index] = item
                    if item.source.kind == "txt":
                        continue
                    for job in source_to_jobs(item.source, str(path)):
                        futures[pool.submit(_timed_page, job, self.ocr)] = (index, job.page_no)
                        item.remaining += 1
                for index in [i for i, p in pending.items() if p.remaining == 0]:
                    results[index] = self._finish(pending.pop(index))
                next_out = self._flush(results, next_out)
                if not futures:
                    continue
                done, _ = wait(futures, return_when=FIRST_COMPLETED)
                for future in done:
                    index, page_no = futures.pop(future)
                    item = pending[index]
                    item.remaining -= 1
                    self.on_page()
                    exc = future.exception()
                    if exc is not None:
                        if item.error is None:
                            item.error = (
                                exc
                                if isinstance(exc, PipelineError)
                                else InputFileError(f"page {page_no} could not be read ({type(exc).__name__}: {exc})")
                            )
                    else:
                        item.layouts[page_no], seconds = future.result()
                        item.busy += seconds
            self._flush(results, next_out)
        return [results[i] for i in range(len(files))]

    def _flush(self, results: dict[int, FileResult], next_out: int) -> int:
        while next_out in results:
            self.on_result(results[next_out])
            next_out += 1
        return next_out

    def _start(self, index: int, path: Path, results: dict[int, FileResult]) -> _Pending | None:
        """Check a file and decide whether it needs work; record early outcomes in ``results``."""
        started = time.perf_counter()
        try:
            source = path_to_source(path)
        except PipelineError as exc:
            results[index] = _failure(path, exc, started)
            return None
        existing = self.store.find(source.sha256)
        if existing is not None and existing.status in ("ok", "partial") and not self.force:
            results[index] = FileResult(
                str(path),
                "duplicate",
                existing.pages,
                existing.method,
                existing.rows,
                time.perf_counter() - started,
                f"already imported as {existing.name}",
            )
            return None
        stored_as = self.store.keep_file(source, path)
        item = _Pending(index, path, source, stored_as, started)
        item.busy = time.perf_counter() - started
        return item

    def _finish(self, item: _Pending) -> FileResult:
        started = time.perf_counter()
        try:
            if item.error is not None:
                raise item.error
            if item.source.kind == "txt":
                plan = text_to_plan(item.source, decode_text(item.path.read_bytes()))
            else:
                plan = layouts_to_plan(item.source, list(item.layouts.values()))
            plan = plan_to_final(plan, self.knowledge)
            seconds = item.busy + time.perf_counter() - started
            self.store.save_plan(plan, stored_as=item.stored_as, seconds=seconds)
        except Exception as exc:  # noqa: BLE001 - one bad file never stops a batch
            result = _failure(item.path, exc, item.started)
            self.store.save_failure(item.source, result.message or "", stored_as=item.stored_as)
            result.pages = item.source.page_count
            return result
        return FileResult(
            str(item.path),
            plan.status,
            item.source.page_count,
            plan.method,
            len(plan.tasks),
            seconds,
            "; ".join(plan.warnings) or None,
        )

    def _one_inline(self, index: int, path: Path) -> FileResult:
        results: dict[int, FileResult] = {}
        item = self._start(index, path, results)
        if item is None:
            result = results[index]
        else:
            if item.source.kind != "txt":
                for job in source_to_jobs(item.source, str(path)):
                    try:
                        item.layouts[job.page_no], seconds = _timed_page(job, self.ocr)
                        item.busy += seconds
                    except Exception as exc:  # noqa: BLE001 - reported as the file's failure
                        item.error = (
                            exc
                            if isinstance(exc, PipelineError)
                            else InputFileError(f"page {job.page_no} could not be read ({type(exc).__name__}: {exc})")
                        )
                        break
                    finally:
                        self.on_page()
            result = self._finish(item)
        self.on_result(result)
        return result
