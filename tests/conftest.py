"""Fixtures shared across the test folders. Keep this file small."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def coder():
    """The spaCy-based Coder for the default configuration, loaded once per session.

    `bilateral.pipeline.get_coder` caches one Coder per Config, so the CLI, the pipeline
    and `bilateral.code` all reuse this instance once the fixture has run.
    """
    from bilateral.config import load_config
    from bilateral.pipeline import get_coder

    return get_coder(load_config())


@pytest.fixture(scope="session")
def code_text(coder):
    """code_text(text, published) → the events of one plain-text document (nothing stored).

    Single sentences are shorter than the config's min_chars, so that check is off here.
    """
    from bilateral.sources import RawInput
    from bilateral.text import prepare

    config = coder.config.with_overrides(min_chars=0)

    def _code(text: str, published: str | None = None):
        return coder.code(prepare(RawInput("t", text, "text"), config, published))

    return _code


@pytest.fixture(scope="session")
def demo_db(coder, tmp_path_factory):  # the shared coder: the CLI's get_coder reuses it
    """A store built by `bilateral demo` from the bundled samples, once per session. Read only:
    tests that write copy it first."""
    from typer.testing import CliRunner

    from bilateral.interfaces.cli import app

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def pg_databases():
    """The PostgreSQL server of this test session (see tests/pg.py)."""
    from pg import Databases, server_url

    dbs = Databases(server_url())
    yield dbs
    dbs.engine.dispose()


@pytest.fixture
def pg_url(pg_databases):
    """A fresh, empty PostgreSQL database for one test; dropped after it."""
    url = pg_databases.create()
    yield url
    pg_databases.drop(url)


@pytest.fixture(scope="session")
def dask_client():
    """A Dask LocalCluster of 2 worker processes for the session, and a client on it.

    Shared so each worker loads the spaCy model once for all the tests that use it; the
    CLI tests reach it as a remote scheduler (`--dask tcp://…`).
    """
    from bilateral.scale.cluster import connect

    with connect("local", n_workers=2) as client:
        yield client
