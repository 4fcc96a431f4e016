"""schemathesis against the served OpenAPI document: generated requests to every route,
every response checked against the document (status, content type, schema, no 5xx).

The app runs over a copy of the demo store with a valid token, so writes are tried too;
the ingest worker is not started (jobs are queued only): the routes are under test here,
the coder in test_api.py.
"""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bilateral.config import load_config
from bilateral.serve import Tokens, create_app
from bilateral.store import Store


@pytest.fixture(scope="module")
def served(demo_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copy(demo_db, path)
    store = Store(str(path))
    app = create_app(store, load_config().with_overrides(serve_max_body=200_000), start_jobs=False)
    token = Tokens(store).create("schemathesis")[1]
    return app, token


@pytest.fixture(scope="module")
def api_schema(served):
    app, _ = served
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


@pytest.fixture(scope="module")
def auth(served):
    return {"Authorization": f"Bearer {served[1]}"}


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case, auth):
    # Every check but one: "schema-valid data is accepted" cannot hold where validity is
    # knowledge the document cannot carry (a known country "A", a real date "2023-02-30");
    # those answers are 422 with E301/E302/E503, which the other checks hold to the document.
    case.call_and_validate(headers=auth, excluded_checks=[positive_data_acceptance])


def test_the_document_is_served_and_lists_every_route(read_client):
    doc = read_client.get("/api/v1/openapi.json").json()
    paths = set(doc["paths"])
    for p in ("/api/v1/events", "/api/v1/documents/{doc_id}", "/api/v1/pairs/{a}/{b}", "/api/v1/pairs/{a}/{b}/series",
              "/api/v1/pairs/{a}/{b}/scorecard", "/api/v1/pairs/{a}/{b}/milestones", "/api/v1/pairs/{a}/{b}/proposals",
              "/api/v1/countries", "/api/v1/countries/{code}/partners", "/api/v1/ingest", "/api/v1/jobs/{job_id}",
              "/api/v1/exports/{format}"):
        assert p in paths, p
    assert not any(not p.startswith("/api/v1/") for p in paths)  # the dashboard is not part of the API
    assert read_client.get("/docs").status_code == 404  # no Swagger UI: it would load from a CDN
