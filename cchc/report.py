"""What ``cchc import`` shows: a progress bar on stderr, a summary table on stdout."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cchc.pipeline import FileResult

_err = Console(stderr=True, highlight=False)


class ImportProgress:
    """A files bar on stderr (silent when stderr is not a terminal), and one line per problem."""

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("[bold]importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[pages]} pages read"),
            TimeElapsedColumn(),
            console=_err,
            disable=not _err.is_terminal,
            transient=True,
        )
        self.task = None
        self.pages = 0

    def __enter__(self) -> ImportProgress:
        self.progress.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.progress.__exit__(exc_type, exc, tb)

    def start(self, files: Sequence[Path]) -> None:
        """Set the bar's length once the files are known."""
        self.task = self.progress.add_task("import", total=len(files), pages=0)

    def page_done(self) -> None:
        """Count a page read."""
        self.pages += 1
        if self.task is not None:
            self.progress.update(self.task, pages=self.pages)

    def file_done(self, result: FileResult) -> None:
        """Advance the bar; print failures and warnings as one line each on stderr."""
        if self.task is not None:
            self.progress.advance(self.task)
        if result.status in ("failed", "unsupported"):
            _err.print(f"error: {result.path}: {result.message}", markup=False, soft_wrap=True)
        elif result.status == "partial" and result.message:
            _err.print(f"partial: {result.path}: {result.message}", markup=False, soft_wrap=True)


def print_summary(results: Sequence[FileResult]) -> None:
    """The per-file summary table on stdout: plain aligned text, never truncated."""
    header = ("file", "status", "pages", "method", "rows", "seconds")
    rows = [
        (
            r.path,
            r.status,
            "" if r.pages is None else str(r.pages),
            r.method or "",
            "" if r.rows is None else str(r.rows),
            f"{r.seconds:.1f}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [
            row[0].ljust(widths[0]),
            row[1].ljust(widths[1]),
            *(c.rjust(w) for c, w in zip(row[2:], widths[2:], strict=True)),
        ]
        sys.stdout.write("  ".join(cells).rstrip() + "\n")
