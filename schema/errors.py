"""The exception hierarchy and the exit codes it maps to.

Each exception carries its exit code. Only ``cchc/cli.py`` turns exceptions
into process exit codes; library code never calls ``sys.exit``. Messages are
one line and say what to do next.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the ``cchc`` command (listed in the README)."""

    ok = 0
    """Every file was imported or was already present."""
    file_failed = 1
    """At least one file failed; the others were imported."""
    usage = 2
    """Bad command line, or a database that cannot be opened."""
    missing_dependency = 3
    """A file needed a system program that is not installed (Tesseract)."""
    interrupted = 130
    """Stopped with Ctrl-C."""


class PipelineError(Exception):
    """Base of every expected failure. The message is shown as one line."""

    exit_code = ExitCode.file_failed


class InputFileError(PipelineError):
    """The input file itself is bad: empty, truncated, encrypted, not what it claims."""


class UnsupportedFileError(InputFileError):
    """A file type cchc does not read (yet)."""


class MissingDependencyError(PipelineError):
    """A system program the file needs is missing; the message says how to install it."""

    exit_code = ExitCode.missing_dependency


class ExtractionError(PipelineError):
    """The file was read but holds nothing cchc can use (no task table)."""


class SchemaError(PipelineError):
    """The database cannot be opened, created or upgraded."""

    exit_code = ExitCode.usage


class UsageError(PipelineError):
    """A bad option value that the argument parser could not catch."""

    exit_code = ExitCode.usage
