"""The store's tests run on both backends: every test that takes `db` or `new_db` runs on
SQLite and on PostgreSQL (a fresh database per test, see tests/pg.py)."""

from __future__ import annotations

import pytest

from bilateral.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request, tmp_path):
    """new_db() → the location of a new, empty store on this test's backend."""
    made = []

    def _new():
        if request.param == "sqlite":
            made.append(str(tmp_path / "sub" / f"store{len(made)}.db"))
        else:
            made.append(request.getfixturevalue("pg_databases").create())
        return made[-1]

    yield _new
    if request.param == "postgresql":
        for url in made:
            request.getfixturevalue("pg_databases").drop(url)


@pytest.fixture
def db(new_db):
    return new_db()


@pytest.fixture
def store(db):
    with Store(db) as s:
        yield s
