"""One JSON error shape for every API route and every failure: locked here, code by code."""

from __future__ import annotations

import pytest

from bilateral.serve.tokens import Tokens

from .conftest import assert_error, make_client


@pytest.mark.parametrize("url, status, code", [
    ("/api/v1/no-such-route", 404, "E501"),
    ("/api/v1/events/e-0000000000", 404, "E501"),
    ("/api/v1/documents/d-0000000000", 404, "E501"),
    ("/api/v1/jobs/j-0000000000", 404, "E501"),
    ("/api/v1/events?quad=7", 422, "E503"),
    ("/api/v1/events?category=DANCE", 422, "E503"),
    ("/api/v1/events?status=maybe", 422, "E503"),
    ("/api/v1/events?since=yesterday", 422, "E503"),
    ("/api/v1/events?since=2016-13", 422, "E503"),
    ("/api/v1/events?until=2023-02-30", 422, "E503"),
    ("/api/v1/events?sort=colour", 422, "E503"),
    ("/api/v1/events?limit=0", 422, "E503"),
    ("/api/v1/events?limit=100000", 422, "E503"),
    ("/api/v1/events?pair=PAK", 422, "E503"),
    ("/api/v1/events?pair=PAK-ATLANTIS", 422, "E301"),
    ("/api/v1/events?pair=PAK-Pakistan", 422, "E302"),
    ("/api/v1/events?country=Narnia", 422, "E301"),
    ("/api/v1/events?q=" + "+".join(["word"] * 9), 422, "E200"),
    ("/api/v1/events?cursor=not-a-cursor", 422, "E508"),
    ("/api/v1/pairs/PAK/Atlantis", 422, "E301"),
    ("/api/v1/pairs/PAK/PAK", 422, "E302"),
    ("/api/v1/pairs/PAK/RUS?by=week", 422, "E503"),
    ("/api/v1/pairs/PAK/RUS/charts/pie.svg", 422, "E503"),
    ("/api/v1/countries/Narnia", 422, "E301"),
    ("/api/v1/exports/xlsx", 422, "E503"),
])
def test_bad_reads(read_client, url, status, code):
    assert_error(read_client.get(url), status, code)


def test_a_cursor_for_another_sort_is_refused(read_client):
    cursor = read_client.get("/api/v1/events?limit=2&sort=-date").json()["next_cursor"]
    assert cursor
    body = assert_error(read_client.get(f"/api/v1/events?limit=2&cursor={cursor}"), 422, "E508")
    assert "'-date'" in body["error"]["message"]


def test_method_not_allowed(read_client):
    assert_error(read_client.delete("/api/v1/events"), 405, "E502")
    assert_error(read_client.post("/api/v1/health"), 405, "E502")


def test_an_unknown_pair_country_is_the_cli_error(read_client):
    body = assert_error(read_client.get("/api/v1/pairs/Atlantis/RUS"), 422, "E301")
    assert "Atlantis" in body["error"]["message"]


def test_writes_need_a_good_token(client, store_copy):
    assert_error(client.post("/api/v1/ingest", json={"text": "x"}), 401, "E505")
    bad = {"Authorization": "Bearer blt_not-a-real-token"}
    r = client.post("/api/v1/ingest", json={"text": "x"}, headers=bad)
    assert_error(r, 401, "E505")
    assert r.headers["www-authenticate"] == "Bearer"
    assert_error(client.post("/api/v1/ingest", json={"text": "x"}, headers={"Authorization": "Basic abc"}), 401, "E505")
    # A bad token is refused on reads too: it is never silently ignored.
    assert_error(client.get("/api/v1/health", headers=bad), 401, "E505")
    tokens = Tokens(store_copy)
    info, secret = tokens.create("soon revoked")
    tokens.revoke(info.id)
    assert_error(client.post("/api/v1/ingest", json={"text": "x"}, headers={"Authorization": f"Bearer {secret}"}), 401, "E505")


@pytest.mark.parametrize("body, code", [
    ({}, "E503"),
    ({"text": "a", "html": "<p>b</p>"}, "E503"),
    ({"text": ""}, "E503"),
    ({"urls": []}, "E503"),
    ({"urls": ["https://example.org/"] * 21}, "E503"),
    ({"text": "Pakistan and Russia met.", "published": "2024-02-30"}, "E503"),
    ({"text": "Pakistan and Russia met.", "published": "last week"}, "E503"),
    ({"text": "Pakistan and Russia met.", "colour": "red"}, "E503"),
    ({"jsonl": "\n\n"}, "E503"),
])
def test_bad_ingest_bodies(client, auth, body, code):
    assert_error(client.post("/api/v1/ingest", json=body, headers=auth), 422, code)


def test_not_json_at_all(client, auth):
    r = client.post("/api/v1/ingest", content=b"{oops", headers={**auth, "content-type": "application/json"})
    assert_error(r, 422, "E503")


def test_oversized_bodies_are_refused(store_copy):
    token = Tokens(store_copy).create("t")[1]
    auth = {"Authorization": f"Bearer {token}"}
    with make_client(store_copy, serve_max_body=2_000) as small:
        big = {"text": "Pakistan and Russia held talks. " * 200}
        assert_error(small.post("/api/v1/ingest", json=big, headers=auth), 413, "E504")
        # Without a Content-Length (chunked), the cap holds while the body streams in.
        def chunks():
            for _ in range(10):
                yield b"x" * 500
        r = small.post("/api/v1/ingest", content=chunks(), headers={**auth, "content-type": "application/json"})
        assert_error(r, 413, "E504")
        files = {"file": ("big.txt", b"Pakistan and Russia held talks. " * 200, "text/plain")}
        assert_error(small.post("/api/v1/ingest/upload", files=files, headers=auth), 413, "E504")


@pytest.mark.parametrize("name, ctype, data, code, status", [
    ("photo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "E507", 415),
    ("report.pdf", "application/pdf", b"%PDF-1.7 ...", "E507", 415),
    ("article.txt", "image/jpeg", b"Pakistan and Russia held talks in Moscow.", "E507", 415),
    ("article.txt", "text/plain", b"%PDF-1.7 pretending", "E507", 415),
    ("article", "text/plain", b"Pakistan and Russia held talks in Moscow.", "E507", 415),
    ("empty.txt", "text/plain", b"   \n", "E503", 422),
])
def test_bad_uploads(client, auth, name, ctype, data, code, status):
    r = client.post("/api/v1/ingest/upload", files={"file": (name, data, ctype)}, headers=auth)
    assert_error(r, status, code)


def test_an_upload_without_a_file(client, auth):
    assert_error(client.post("/api/v1/ingest/upload", data={"published": "2024-01-01"}, headers=auth), 422, "E503")


def test_the_shape_of_an_internal_error(store_copy):
    from fastapi.testclient import TestClient

    from bilateral.config import load_config
    from bilateral.serve import create_app

    app = create_app(store_copy, load_config(), start_jobs=False)

    def broken():
        raise RuntimeError("boom")

    app.state.ctx.store.counts = broken
    with TestClient(app, raise_server_exceptions=False) as c:
        body = assert_error(c.get("/api/v1/health"), 500, "E500")
        assert "boom" not in body["error"]["message"]
