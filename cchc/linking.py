"""The catalogue in a store: the bundled default, loading a new version, re-linking, manual links."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cchc.resources import DATA
from normalize.catalogue import CatalogueError, link_plan, parse_catalogue
from schema.errors import InputFileError, UsageError
from schema.records import Catalogue
from schema.store import Store

DEFAULT_NAME = "default"


def default_catalogue_text() -> str:
    """The catalogue shipped with cchc (``normalize/data/catalogue.csv``)."""
    return (DATA / "catalogue.csv").read_bytes().decode("utf-8-sig")


def default_catalogue() -> Catalogue:
    """The catalogue shipped with cchc, parsed."""
    return parse_catalogue(default_catalogue_text())


def ensure_catalogue(store: Store) -> Catalogue:
    """The store's active catalogue; the bundled one is installed the first time, and old tasks linked."""
    active = store.active_catalogue()
    if active is None:
        text = default_catalogue_text()
        catalogue = parse_catalogue(text)
        store.install_catalogue(catalogue, name=DEFAULT_NAME, sha256=hashlib.sha256(text.encode()).hexdigest())
    else:
        catalogue = active[1]
    manual = store.manual_links()
    for plan in store.unlinked_plans():  # written by a cchc from before the catalogue
        store.update_links(link_plan(plan, catalogue, manual))
    return catalogue


def read_catalogue_file(path: Path) -> tuple[Catalogue, str]:
    """Parse a catalogue CSV file; errors name the file, the row and the fix."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read the catalogue ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8; in Excel save it as 'CSV UTF-8 (Comma delimited)'") from exc
    try:
        return parse_catalogue(text), hashlib.sha256(raw).hexdigest()
    except CatalogueError as exc:
        raise InputFileError(f"{path}: {exc}") from exc


def load_catalogue(store: Store, path: Path) -> tuple[Catalogue, int]:
    """Install a catalogue version from a file and re-link every stored task; manual links are kept."""
    catalogue, digest = read_catalogue_file(path)
    store.install_catalogue(catalogue, name=path.name, sha256=digest)
    manual = store.manual_links()
    plans = store.plans()
    for plan in plans:
        store.update_links(link_plan(plan, catalogue, manual))
    return catalogue, sum(len(p.tasks) for p in plans)


def link_manually(store: Store, task_id: str, code: str, by: str) -> str:
    """Link a task to a catalogue code by hand; return the code's area."""
    catalogue = ensure_catalogue(store)
    entry = catalogue.get(code)
    if entry is None:
        raise UsageError(f"no catalogue code {code}: see 'cchc catalogue list'")
    if not by.strip():
        raise UsageError("--by cannot be empty: say who made the link")
    store.set_manual_link(task_id, code, entry.area, by.strip())
    return entry.area
