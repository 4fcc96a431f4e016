"""Fixtures for the HTTP side: apps over the demo store (read only) or over a copy of it."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from bilateral.config import load_config
from bilateral.serve import Tokens, create_app
from bilateral.store import Store


@pytest.fixture(scope="session")
def read_client(demo_db):
    """An in-process client over the shared demo store; nothing in it writes."""
    with TestClient(create_app(Store(str(demo_db)), load_config(), start_jobs=False)) as client:
        yield client


@pytest.fixture
def store_copy(demo_db, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(demo_db, path)
    with Store(str(path)) as store:
        yield store


def make_client(store, **settings):
    config = load_config().with_overrides(**settings)
    return TestClient(create_app(store, config))


@pytest.fixture
def client(store_copy, coder):
    """An in-process client over a copy of the demo store, with the ingest worker running."""
    with make_client(store_copy) as c:
        yield c


@pytest.fixture
def token(store_copy):
    return Tokens(store_copy).create("tests")[1]


@pytest.fixture
def auth(token):
    return {"Authorization": f"Bearer {token}"}


def wait_job(client, job_id, timeout=120):
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = client.get(f"/api/v1/jobs/{job_id}").json()["job"]
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s: {job}")


ERROR_KEYS = {"ok", "error", "status"}


def assert_error(response, status, code):
    """The one error shape of every route, locked."""
    body = response.json()
    assert response.status_code == status, body
    assert set(body) == ERROR_KEYS, body
    assert body["ok"] is False and body["status"] == status
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code, body
    assert body["error"]["message"].startswith(f"[{code}] ") and "\n" not in body["error"]["message"]
    assert response.headers["content-type"].startswith("application/json")
    return body
