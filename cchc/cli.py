"""The ``cchc`` command: a thin layer over the pipeline and the store.

Data goes to stdout; progress, warnings and errors go to stderr. Every expected
failure is one line; exit codes are listed in :class:`schema.errors.ExitCode`.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from schema.errors import ExitCode, PipelineError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _stderr(message: str) -> None:
    click.echo(message, err=True)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn exceptions into one line on stderr and the matching exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PipelineError as exc:
            _stderr(f"cchc: error: {exc}")
            sys.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            _stderr("cchc: interrupted")
            sys.exit(int(ExitCode.interrupted))
        except BrokenPipeError:
            # The reader of stdout went away (`cchc export | head`): not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(int(ExitCode.ok))
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as exc:  # noqa: BLE001 - the last resort: a bug, not bad input
            if os.environ.get("CCHC_DEBUG"):
                traceback.print_exc()
            _stderr(f"cchc: internal error ({type(exc).__name__}: {exc}); set CCHC_DEBUG=1 for details and report it")
            sys.exit(int(ExitCode.file_failed))

    return wrapper


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """The shared ``--db`` option."""
    return click.option(
        "--db",
        metavar="FILE_OR_URL",
        default=None,
        help="Database: a file path (SQLite) or an SQLAlchemy URL. Default: $CCHC_DB, else ./cchc.sqlite.",
    )(func)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="cchc", prog_name="cchc")
def main() -> None:
    """Turn schools' administrative-reform (CCHC) plans into structured, queryable data.

    \b
    Quick start:
      cchc import plans/            import every plan under plans/
      cchc export --format csv --out tasks.csv
    """


@main.command("import", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel worker processes for files and pages. Default: the number of cores.",
)
@click.option("--force", is_flag=True, help="Re-process files already imported (after an upgrade, say).")
@handle_errors
def import_command(paths: tuple[Path, ...], db: str | None, workers: int | None, force: bool) -> None:
    """Import plans: PDF, PNG, JPEG, TIFF (multi-page too) or plain text.

    PATHS are files or folders; folders are searched recursively. Word and Excel
    files are reported as not supported yet. Re-importing the same bytes is a
    no-op reported as "duplicate". A progress bar goes to stderr and a summary
    table (file, status, pages, method, rows, seconds) to stdout.

    \b
    Exit codes: 0 every file imported or already present; 1 a file failed
    (the others are still imported); 2 usage error; 3 a file needs a missing
    system program (Tesseract for scans).

    \b
    Example:
      cchc import samples/ --db cchc.sqlite --workers 4
    """
    from cchc.pipeline import Importer
    from cchc.report import ImportProgress, print_summary
    from schema.store import Store

    store = Store.open(db)
    try:
        with ImportProgress() as progress:
            importer = Importer(
                store, workers=workers, force=force, on_result=progress.file_done, on_page=progress.page_done
            )
            files = importer.files(paths)
            if not files:
                _stderr("cchc: no plans found (looked for .pdf .png .jpg .jpeg .tif .tiff .txt)")
                sys.exit(int(ExitCode.usage))
            progress.start(files)
            results = importer.run(files)
        if any(r.status in ("ok", "partial") for r in results):
            store.refresh_statistics()
    finally:
        store.close()
    print_summary(results)
    codes = {r.exit_code for r in results}
    if ExitCode.missing_dependency in codes:
        sys.exit(int(ExitCode.missing_dependency))
    if any(r.status in ("failed", "unsupported") for r in results):
        sys.exit(int(ExitCode.file_failed))


@main.command("export", context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), required=True, help="Output format.")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write here instead of stdout."
)
@handle_errors
def export_command(db: str | None, fmt: str, out: Path | None) -> None:
    """Export every stored plan.

    JSON is {"plans": [...]} with plans in import order and tasks in document
    order; every key is always present. CSV has one row per task with the plan's
    file, organization and year, in UTF-8 with a BOM for Excel.

    \b
    Example:
      cchc export --format json | jq '.plans[].organization'
      cchc export --format csv --out tasks.csv
    """
    from cchc.linking import ensure_catalogue
    from schema.export import plan_to_dict, write_csv, write_json
    from schema.store import Store

    store = Store.open(db)
    try:
        ensure_catalogue(store)  # a database from before the catalogue gets its links on first use
        plans = [plan_to_dict(p) for p in store.plans()]
    finally:
        store.close()
    if fmt == "json":
        if out is None:
            write_json(plans, sys.stdout)
        else:
            with out.open("w", encoding="utf-8") as fh:
                write_json(plans, fh)
    else:
        if out is None:
            sys.stdout.flush()
            write_csv(plans, sys.stdout.buffer)
        else:
            write_csv(plans, out)
    if out is not None:
        _stderr(f"cchc: wrote {sum(len(p['tasks']) for p in plans)} tasks of {len(plans)} plans to {out}")


@main.command("repair", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Confidence a change needs (0–1); weaker ones are only reported. Default: 0.6.",
)
@click.option("--audit", is_flag=True, help="Also write each change to stderr: line, from, to, score, reason.")
@handle_errors
def repair_command(threshold: float | None, audit: bool) -> None:
    """Repair OCR'd Vietnamese text: stdin to stdout, exactly one output line per input line.

    Tone marks and vowel hats damaged by OCR are mended from context ("Chi số"
    → "Chỉ số", "Kê hoạch" → "Kế hoạch"), as are misread letters and acronyms
    ("bành chính", "GCHC", "CCH€"), words that are none ("triển khaf"), and
    digits read as letters in cited dates ("ngày t8 tháng: L0"); run-together
    words are split where the split is certain, specks read as punctuation are
    dropped ("hạn, chế", "phân - tích", "tren.Cơ"), a full stop inside a sentence becomes the comma it
    was ("kế toán. thư viện"), a capital OCR put on a small word inside a
    sentence goes ("nạn Cho học sinh"), and tone marks are put in their
    traditional place.
    Numbers, codes, known acronyms, Latin words and names are left alone. A line
    is read with the end of the line above when it goes on from it (it starts
    with a small letter), since OCR wraps phrases.

    \b
    Example:
      cchc repair < ocr.txt > repaired.txt
      cchc repair --audit < ocr.txt 2> changes.tsv
    """
    from cchc import resources
    from cchc.linking import default_catalogue
    from normalize.repair import DEFAULT_THRESHOLD, Repairer, repair_lines

    lexicon = resources.lexicon_for(default_catalogue())
    repairer = Repairer(lexicon, DEFAULT_THRESHOLD if threshold is None else threshold)
    stdin = click.open_file("-", "r", encoding="utf-8", errors="replace")
    out = click.open_file("-", "w", encoding="utf-8")
    lines = (line.rstrip("\r\n") for line in stdin)
    for n, fixed in enumerate(repair_lines(repairer, lines), 1):
        out.write(fixed.text + "\n")
        if audit:
            for c in fixed.changes:
                _stderr(f"{n}\t{c.before}\t{c.after}\t{c.score:.3f}\t{c.reason}\tmade")
            for c in fixed.review:
                _stderr(f"{n}\t{c.before}\t{c.after}\t{c.score:.3f}\t{c.reason}\tfor review")
    out.flush()


@main.group("catalogue", context_settings=CONTEXT_SETTINGS)
def catalogue_group() -> None:
    """The canonical task catalogue: list it, export it, load a new version."""


@catalogue_group.command("list", context_settings=CONTEXT_SETTINGS)
@db_option
@handle_errors
def catalogue_list(db: str | None) -> None:
    """List the active catalogue: code, area, canonical text.

    \b
    Example:
      cchc catalogue list | grep tthc
    """
    from cchc.linking import ensure_catalogue
    from schema.store import Store

    store = Store.open(db)
    try:
        catalogue = ensure_catalogue(store)
    finally:
        store.close()
    width = max(len(e.code) for e in catalogue.entries)
    for e in catalogue.entries:
        click.echo(f"{e.code.ljust(width)}  {e.area.ljust(17)}  {e.text}")


@catalogue_group.command("export", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@handle_errors
def catalogue_export(file: Path, db: str | None) -> None:
    """Write the active catalogue to FILE as CSV (UTF-8 with BOM, for Excel).

    \b
    Example:
      cchc catalogue export catalogue.csv
    """
    from cchc.linking import ensure_catalogue
    from normalize.catalogue import catalogue_to_csv
    from schema.store import Store

    store = Store.open(db)
    try:
        catalogue = ensure_catalogue(store)
    finally:
        store.close()
    file.write_text(catalogue_to_csv(catalogue), encoding="utf-8-sig", newline="")
    _stderr(f"cchc: wrote {len(catalogue.entries)} catalogue entries to {file}")


@catalogue_group.command("load", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@handle_errors
def catalogue_load(file: Path, db: str | None) -> None:
    """Install FILE as the new catalogue version and re-link every stored task.

    The file has the columns code, area, text, aliases (separated by "|") and
    years (e.g. 2024-2026, blank for any year). Links made by hand are kept.

    \b
    Example:
      cchc catalogue export catalogue.csv   # edit it in Excel, then:
      cchc catalogue load catalogue.csv
    """
    from cchc.linking import ensure_catalogue, load_catalogue
    from schema.store import Store

    store = Store.open(db)
    try:
        ensure_catalogue(store)
        catalogue, relinked = load_catalogue(store, file)
    finally:
        store.close()
    _stderr(f"cchc: loaded {len(catalogue.entries)} entries from {file}; re-linked {relinked} tasks")


@main.command("review", context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handle_errors
def review_command(db: str | None, fmt: str) -> None:
    """List the review queue: links to confirm and repairs too unsure to make.

    Confirm or change a link with 'cchc link TASK_ID CODE'.

    \b
    Example:
      cchc review
      cchc link 3f2a9c1b7d4e-12 TTHC-03 --by "Nguyễn Văn A"
    """
    import dataclasses
    import json

    from cchc.linking import ensure_catalogue
    from cchc.queries import review_queue
    from schema.store import Store

    store = Store.open(db)
    try:
        ensure_catalogue(store)
        items = review_queue(store)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps([dataclasses.asdict(i) for i in items], ensure_ascii=False, indent=2))
        return
    for i in items:
        task = (i.task or "").replace("\n", " ")
        click.echo(f"{i.id}\t{i.reason}\t{i.detail}\t{i.file}\t{i.number or ''}\t{task[:80]}")
    _stderr(f"cchc: {len(items)} items to review")


@main.command("link", context_settings=CONTEXT_SETTINGS)
@click.argument("task_id")
@click.argument("code")
@db_option
@click.option("--by", "by", default=None, help="Who makes the link. Default: the login name.")
@handle_errors
def link_command(task_id: str, code: str, db: str | None, by: str | None) -> None:
    """Link task TASK_ID (its export id) to catalogue CODE by hand.

    The link is recorded with who made it and when, and survives re-importing
    the plan with --force.

    \b
    Example:
      cchc link 3f2a9c1b7d4e-12 TTHC-03 --by "Nguyễn Văn A"
    """
    import getpass

    from cchc.linking import link_manually
    from schema.store import Store

    who = by if by is not None else (os.environ.get("CCHC_USER") or getpass.getuser())
    store = Store.open(db)
    try:
        area = link_manually(store, task_id, code, who)
    finally:
        store.close()
    _stderr(f"cchc: {task_id} linked to {code} ({area}) by {who}")


# -- the office's questions -------------------------------------------------------------

FORMATS = ["table", "csv", "json", "xlsx"]


def _out_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write here instead of stdout (required for xlsx).",
    )(func)


def _emit(
    fmt: str,
    out: Path | None,
    sheets: dict[str, tuple[list[dict[str, Any]], list[str]]],
    data: Any,
    table: Callable[[], str],
) -> None:
    """Write a result in the chosen format: to ``out``, else stdout."""
    from schema.export import write_table_csv, write_xlsx

    if fmt == "xlsx":
        if out is None:
            raise click.UsageError("--format xlsx needs --out FILE.xlsx")
        write_xlsx(sheets, out)
    elif fmt == "csv":
        rows, columns = next(iter(sheets.values()))
        if out is None:
            stdout = click.get_binary_stream("stdout")
            write_table_csv(rows, columns, stdout)
            stdout.flush()
        else:
            write_table_csv(rows, columns, out)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n" if fmt == "json" else table()
        if out is None:
            click.echo(text, nl=False)
        else:
            out.write_text(text, encoding="utf-8")
    if out is not None:
        _stderr(f"cchc: wrote {out}")


def _text_table(rows: list[dict[str, Any]], columns: list[str], widths: dict[str, int] | None = None) -> str:
    """A plain, aligned text table (cells cut to their width)."""
    widths = widths or {}

    def cell(value: Any, column: str) -> str:
        text = "" if value is None else str(value)
        text = " ".join(text.split())
        limit = widths.get(column, 40)
        return text if len(text) <= limit else text[: limit - 1] + "…"

    cells = [[cell(r.get(c), c) for c in columns] for r in rows]
    sizes = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(sizes[i]) for i, c in enumerate(columns)).rstrip()]
    lines += ["  ".join(v.ljust(sizes[i]) for i, v in enumerate(row)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


@main.command("plans", context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--year", type=int, default=None, help="Only plans of this year.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_out_option
@handle_errors
def plans_command(db: str | None, year: int | None, fmt: str, out: Path | None) -> None:
    """List the imported plans: school, year, pages, method, rows, status, warnings.

    \b
    Example:
      cchc plans --year 2025
    """
    from dataclasses import asdict

    from cchc.queries import list_plans
    from schema.store import Store

    store = Store.open(db)
    try:
        plans = [asdict(p) for p in list_plans(store, year)]
    finally:
        store.close()
    columns = ["file", "organization", "year", "pages", "method", "rows", "status", "warnings", "sha256", "imported_at"]
    shown = ["file", "organization", "year", "pages", "method", "rows", "status", "warnings"]
    _emit(
        fmt,
        out,
        {"Kế hoạch": (plans, columns)},
        plans,
        lambda: _text_table(
            [{**p, "warnings": "; ".join(p["warnings"])} for p in plans], shown, {"organization": 36, "warnings": 50}
        ),
    )


def _parse_date(value: str | None, name: str) -> Any:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD", param_hint=name) from None


@main.command("tasks", context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--school", default=None, help="School name contains this (case and tone marks ignored).")
@click.option("--year", type=int, default=None, help="Plan year.")
@click.option("--area", default=None, help="Reform area, e.g. tthc, chinh_quyen_so.")
@click.option("--code", default=None, help="Catalogue code, e.g. TTHC-03.")
@click.option("--due-before", default=None, metavar="YYYY-MM-DD", help="Deadline on or before (rows without one go).")
@click.option("--due-after", default=None, metavar="YYYY-MM-DD", help="Deadline on or after (rows without one go).")
@click.option(
    "--search", default=None, help='Words in the task, product or lead; "chi so cai cach" finds "Chỉ số cải cách".'
)
@click.option("--link-status", type=click.Choice(["auto", "review", "unlinked", "manual"]), default=None)
@click.option("--sort", type=click.Choice(["school", "year", "deadline", "area", "code", "file"]), default="school")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_out_option
@handle_errors
def tasks_command(
    db: str | None,
    school: str | None,
    year: int | None,
    area: str | None,
    code: str | None,
    due_before: str | None,
    due_after: str | None,
    search: str | None,
    link_status: str | None,
    sort: str,
    fmt: str,
    out: Path | None,
) -> None:
    """Tasks of every imported plan, filtered.

    --format json is a list of task objects: the export's task keys plus file,
    organization and year. CSV is UTF-8 with a BOM; XLSX needs --out.

    \b
    Examples:
      cchc tasks --area tthc --year 2025
      cchc tasks --due-before 2025-06-30 --format xlsx --out due.xlsx
      cchc tasks --search "khao sat muc do hai long"
    """
    from cchc.linking import ensure_catalogue
    from cchc.queries import ROW_KEYS, TaskFilter, find_tasks
    from normalize.catalogue import AREAS
    from schema.store import Store

    if area is not None and area not in AREAS:
        raise click.BadParameter(f"{area!r} is not an area: use one of {', '.join(AREAS)}", param_hint="--area")
    filters = TaskFilter(
        school=school,
        year=year,
        area=area,
        code=code,
        due_before=_parse_date(due_before, "--due-before"),
        due_after=_parse_date(due_after, "--due-after"),
        search=search,
        link_status=link_status,
    )
    store = Store.open(db)
    try:
        ensure_catalogue(store)  # a database from before the catalogue gets its links on first use
        rows = find_tasks(store, filters, sort=sort).rows
    finally:
        store.close()
    _emit(
        fmt,
        out,
        {"Nhiệm vụ": (rows, list(ROW_KEYS))},
        rows,
        lambda: _text_table(
            rows,
            ["id", "organization", "number", "task", "deadline", "area", "catalogue_code", "link_status"],
            {"organization": 28, "task": 60},
        ),
    )
    _stderr(f"cchc: {len(rows)} tasks")


@main.group("schools", context_settings=CONTEXT_SETTINGS)
def schools_group() -> None:
    """The roster of schools that must send a plan."""


@schools_group.command("load", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@handle_errors
def schools_load(file: Path, db: str | None) -> None:
    """Load the roster from a CSV file with the columns name, code and type.

    Schools are keyed by code: loading again updates names and types.

    \b
    Example:
      cchc schools load roster.csv
    """
    from cchc.queries import load_schools
    from schema.errors import InputFileError
    from schema.store import Store

    schools = _read_roster(file)
    if not schools:
        raise InputFileError(f"{file}: no schools found (expected the columns name, code, type)")
    store = Store.open(db)
    try:
        added, updated = load_schools(store, schools)
    finally:
        store.close()
    _stderr(f"cchc: roster from {file}: {added} added, {updated} updated")


MAX_ROSTER_BYTES = 5 << 20


def _read_roster(file: Path) -> list[Any]:
    import csv
    import io
    import unicodedata

    from cchc.queries import School
    from schema.errors import InputFileError

    if file.stat().st_size > MAX_ROSTER_BYTES:
        raise InputFileError(f"{file}: larger than {MAX_ROSTER_BYTES >> 20} MB; is this the roster?")
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(f"{file}: not UTF-8 text; save it as CSV UTF-8 in Excel") from None
    reader = csv.DictReader(io.StringIO(text))
    fields = {(f or "").strip().lower(): f for f in reader.fieldnames or ()}
    missing = [c for c in ("name", "code") if c not in fields]
    if missing:
        raise InputFileError(f"{file}: missing column {', '.join(missing)} (expected the columns name, code, type)")
    schools, seen = [], set()
    for n, row in enumerate(reader, 2):
        name = (row.get(fields["name"]) or "").strip()
        code = (row.get(fields["code"]) or "").strip()
        kind = (row.get(fields["type"]) or "").strip() if "type" in fields else ""
        if not name and not code:
            continue
        if not name or not code:
            raise InputFileError(f"{file}: row {n}: a school needs both a name and a code")
        if code in seen:
            raise InputFileError(f"{file}: row {n}: code {code!r} appears twice")
        seen.add(code)
        schools.append(School(code, unicodedata.normalize("NFC", name), kind or None))
    return schools


@main.command("coverage", context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--year", type=int, default=None, help="Only plans of this year.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_out_option
@handle_errors
def coverage_command(db: str | None, year: int | None, fmt: str, out: Path | None) -> None:
    """Which catalogue tasks each school planned, what each lacks, and who sent no plan.

    The matrix has one row per school with a plan and one column per catalogue
    code (how many of the school's tasks are linked to it). Roster schools (see
    'cchc schools load') with no plan are listed too.

    \b
    Example:
      cchc coverage --year 2025 --format xlsx --out coverage.xlsx
    """
    from dataclasses import asdict

    from cchc.linking import ensure_catalogue
    from cchc.queries import coverage
    from schema.store import Store

    store = Store.open(db)
    try:
        codes = [e.code for e in ensure_catalogue(store).entries]
        cov = coverage(store, codes, year)
    finally:
        store.close()
    matrix = [{"school": s, **{c: cov.counts[s].get(c, 0) for c in codes}} for s in cov.schools]
    lacking = [{"school": s, "lacking": " ".join(cov.lacking[s])} for s in cov.schools]
    missing = [asdict(s) for s in cov.without_plan]
    data = {
        "year": year,
        "codes": codes,
        "matrix": {s: cov.counts[s] for s in cov.schools},
        "lacking": cov.lacking,
        "without_plan": missing,
    }

    def table() -> str:
        lines = []
        for s in cov.schools:
            have = sum(1 for c in codes if cov.counts[s].get(c))
            lines.append(f"{s}: {have}/{len(codes)} catalogue tasks; lacks {' '.join(cov.lacking[s]) or '-'}")
        lines.append("")
        lines.append(f"roster schools without a plan: {len(missing)}")
        lines += [f"  {s['code']}  {s['name']}" for s in missing]
        return "\n".join(lines) + "\n"

    _emit(
        fmt,
        out,
        {
            "Bao phủ": (matrix, ["school", *codes]),
            "Còn thiếu": (lacking, ["school", "lacking"]),
            "Chưa nộp": (missing, ["code", "name", "type"]),
        },
        data,
        table,
    )


@main.command("remove", context_settings=CONTEXT_SETTINGS)
@click.argument("ref", metavar="SHA256|FILE")
@db_option
@click.option("--purge", is_flag=True, help="Also delete the stored copy of the file.")
@handle_errors
def remove_command(ref: str, db: str | None, purge: bool) -> None:
    """Delete a plan and its rows; its stored file is kept unless --purge.

    REF is the file's SHA-256 (or its first 8+ hex digits), its file name or
    the path it was imported from. Manual links are kept, for a re-import.

    \b
    Example:
      cchc remove thcs-2024.txt
    """
    from cchc.queries import find_document, remove_document
    from schema.errors import UsageError
    from schema.store import Store

    store = Store.open(db)
    try:
        try:
            found = find_document(store, ref)
        except LookupError as exc:
            raise UsageError(str(exc)) from None
        if found is None:
            raise UsageError(f"no imported plan matches {ref!r}; see 'cchc plans'")
        sha256, name, stored_as = found
        rows = remove_document(store, sha256)
        if purge and stored_as:
            store.stored_path(stored_as).unlink(missing_ok=True)
    finally:
        store.close()
    kept = "" if purge or not stored_as else f"; its file is kept as {stored_as}"
    _stderr(f"cchc: removed {name} ({sha256[:12]}) and {rows} task rows{kept}")


@main.group("user", context_settings=CONTEXT_SETTINGS)
def user_group() -> None:
    """People who may sign in to the web view."""


@user_group.command("add", context_settings=CONTEXT_SETTINGS)
@click.argument("name")
@db_option
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin (for scripts).")
@handle_errors
def user_add(name: str, db: str | None, password_stdin: bool) -> None:
    """Create user NAME (or set a new password); the password is stored hashed.

    \b
    Example:
      cchc user add lan
    """
    from werkzeug.security import generate_password_hash

    from cchc.queries import add_user
    from schema.store import Store

    name = name.strip()
    if not name or len(name) > 128:
        raise click.BadParameter("a user name is 1 to 128 characters", param_hint="NAME")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    if len(password) < 8:
        raise click.BadParameter("use a password of at least 8 characters", param_hint="password")
    store = Store.open(db)
    try:
        created = add_user(store, name, generate_password_hash(password))
    finally:
        store.close()
    _stderr(f"cchc: user {name} {'created' if created else 'updated'}")


@main.command("serve", context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@handle_errors
def serve_command(db: str | None, host: str, port: int) -> None:
    """Serve the web view: plans, tasks, coverage, the review queue.

    On 127.0.0.1 (the default) nobody signs in. On any other address every
    page needs a user created with 'cchc user add NAME'.

    \b
    Example:
      cchc serve --port 8000        # then open http://127.0.0.1:8000
    """
    import ipaddress

    from cchc.queries import has_users
    from schema.errors import UsageError
    from schema.store import Store

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        store = Store.open(db)
        try:
            if not has_users(store):
                raise UsageError(f"serving on {host} needs a login: create a user first with 'cchc user add NAME'")
        finally:
            store.close()
    import waitress

    from cchc.web import create_app

    app = create_app(db, require_login=not loopback)
    _stderr(f"cchc: serving on http://{host}:{port}/ (Ctrl+C to stop)")
    waitress.serve(app, host=host, port=port, threads=8, _quiet=True)
