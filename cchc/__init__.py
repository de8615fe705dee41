"""cchc: schools' administrative-reform (CCHC) plans in, structured rows out.

The stages live in ``ingest`` (reading files, layout, tables), ``normalize``
(text, dates, matching) and ``schema`` (records, storage, export); this package
composes them: the pipeline order, the CLI.
"""
