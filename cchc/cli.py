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
    from schema.export import plan_to_dict, write_csv, write_json
    from schema.store import Store

    store = Store.open(db)
    try:
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
