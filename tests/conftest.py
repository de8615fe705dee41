"""Shared fixtures: the samples, a fresh store, and every sample imported once per session."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from cchc.pipeline import Importer
from schema.export import plan_to_dict
from schema.store import Location, Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RENDERED = SAMPLES / "rendered"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The bundled sample plans."""
    return SAMPLES


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Small test-only inputs (bad files, unusual layouts)."""
    return DATA


def load_gold(name: str) -> dict[str, Any]:
    """The hand-checked gold plan of a sample."""
    return json.loads((SAMPLES / f"{name}.gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def out_db(tmp_path: Path) -> str:
    """A database path under tmp_path (its file store sits beside it)."""
    return str(tmp_path / "test.sqlite")


@pytest.fixture
def fresh_store(out_db: str) -> Store:
    """An empty store, closed after the test."""
    store = Store.open(out_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def sample_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every bundled sample imported once (in parallel), exported, by file name."""
    db = tmp_path_factory.mktemp("samples") / "samples.sqlite"
    store = Store(Location(f"sqlite:///{db}", db.with_suffix(".files")))
    try:
        importer = Importer(store, workers=os.cpu_count())
        results = importer.run(importer.files([SAMPLES]))
        failed = [r for r in results if r.status not in ("ok", "partial")]
        assert not failed, f"samples failed to import: {failed}"
        return {p["file"]: p for p in (plan_to_dict(plan) for plan in store.plans())}
    finally:
        store.close()
