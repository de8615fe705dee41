"""The ``cchc`` command: a thin layer over the pipeline and the store.

Data goes to stdout; progress, warnings and errors go to stderr. Every expected
failure is one line; exit codes are listed in :class:`schema.errors.ExitCode`.
"""

from __future__ import annotations

import functools
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
    → "Chỉ số", "Kê hoạch" → "Kế hoạch"), run-together words are split where the
    split is certain, and tone marks are put in their traditional place. Numbers,
    codes, acronyms, Latin words and names are left alone.

    \b
    Example:
      cchc repair < ocr.txt > repaired.txt
      cchc repair --audit < ocr.txt 2> changes.tsv
    """
    from cchc import resources
    from cchc.linking import default_catalogue_text
    from normalize.catalogue import parse_catalogue
    from normalize.repair import DEFAULT_THRESHOLD, Repairer, repair_lines

    catalogue = parse_catalogue(default_catalogue_text())
    lexicon = resources.lexicon(tuple(e.text for e in catalogue.entries))
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
