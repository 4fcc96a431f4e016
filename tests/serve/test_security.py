"""Security: escaped article text, CSP and headers, CSRF on cookie sign-in, private reads,
tokens stored as hashes, refused URLs."""

from __future__ import annotations

import re
import sqlite3

import pytest

from bilateral.errors import RefusedUrl
from bilateral.serve.jobs import check_url
from bilateral.serve.security import CSRF_COOKIE, SESSION_COOKIE
from bilateral.serve.tokens import Tokens

from .articles import SCRIPTED
from .conftest import assert_error, make_client, wait_job


def csrf_of(page_html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page_html).group(1)


def sign_in(client, secret):
    page = client.get("/login")
    r = client.post("/login", data={"token": secret, "csrf": csrf_of(page.text), "next": "/ingest"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ingest"
    assert SESSION_COOKIE in client.cookies
    return csrf_of(client.get("/ingest").text)


def test_security_headers_on_pages_api_and_errors(read_client):
    for url in ("/", "/pair?a=PAK&b=RUS", "/api/v1/events?limit=1", "/api/v1/nothing", "/nothing", "/static/app.js"):
        h = read_client.get(url).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp, url
        assert "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_and_no_cdn(read_client):
    for url in ("/", "/pair?a=PAK&b=RUS", "/events", "/ingest", "/login"):
        html = read_client.get(url).text
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts == ['<script src="/static/app.js" defer>'], url
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), url
        assert not re.search(r"<[^>]+\son[a-z]+=", html), url  # no inline event handlers


def test_an_article_with_a_script_is_shown_as_text(client, auth):
    job = wait_job(client, client.post("/api/v1/ingest", json={"text": SCRIPTED, "published": "2025-05-02"}, headers=auth).json()["job"]["id"])
    assert job["stored"] == 1, job
    doc_id = job["results"][0]["doc_id"]
    api_text = client.get(f"/api/v1/documents/{doc_id}").json()["text"]
    assert "<script>" in api_text  # the API gives the text as it is, as JSON
    html = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;document.title=" in html
    assert "<script>document" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=" in html
    listed = client.get(f"/events?pair=CHL-PER").text
    assert "<script>document" not in listed


def test_cookie_sign_in_needs_csrf_for_writes(client, token):
    csrf = sign_in(client, token)
    # The session cookie alone does not write: the page's CSRF token is required.
    assert_error(client.post("/api/v1/ingest", json={"text": SCRIPTED}), 403, "E506")
    assert_error(client.post("/api/v1/ingest", json={"text": SCRIPTED}, headers={"x-csrf-token": "0" * 64}), 403, "E506")
    r = client.post("/ingest", data={"kind": "text", "text": SCRIPTED}, follow_redirects=False)
    assert r.status_code == 403 and "E506" in r.text
    r = client.post("/ingest", data={"kind": "text", "text": SCRIPTED, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/j-")
    r = client.post("/api/v1/ingest", json={"text": SCRIPTED}, headers={"x-csrf-token": csrf})
    assert r.status_code == 202


def test_the_csrf_token_is_tied_to_the_browser(client, token):
    csrf = sign_in(client, token)
    # Another browser's CSRF cookie (as a forged form would come with): the token does not match it.
    client.cookies.set(CSRF_COOKIE, "A" * 43)
    r = client.post("/ingest", data={"kind": "text", "text": SCRIPTED, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 403 and "E506" in r.text


def test_cookies_are_httponly_and_strict(client, token):
    page = client.get("/login")
    cookie = page.headers["set-cookie"]
    assert CSRF_COOKIE in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    r = client.post("/login", data={"token": token, "csrf": csrf_of(page.text)}, follow_redirects=False)
    session = r.headers["set-cookie"]
    assert "HttpOnly" in session and "SameSite=strict" in session and token not in session


def test_login_refuses_bad_tokens_and_foreign_redirects(client, token):
    page = client.get("/login")
    r = client.post("/login", data={"token": "blt_wrong", "csrf": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 401 and SESSION_COOKIE not in client.cookies
    r = client.post("/login", data={"token": token, "csrf": csrf_of(page.text), "next": "//evil.example/x"},
                    follow_redirects=False)
    assert r.headers["location"] == "/"


def test_a_revoked_token_ends_its_sessions(client, token, store_copy):
    sign_in(client, token)
    tokens = Tokens(store_copy)
    tokens.revoke(tokens.list()[0].id)
    assert "Sign in" in client.get("/ingest").text


def test_private_server_closes_reads(store_copy):
    secret = Tokens(store_copy).create("reader")[1]
    with make_client(store_copy, serve_private=True) as c:
        assert_error(c.get("/api/v1/events"), 401, "E505")
        assert_error(c.get("/api/v1/pairs/PAK/RUS"), 401, "E505")
        r = c.get("/pair?a=PAK&b=RUS", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        assert c.get("/api/v1/events?limit=1", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
        sign_in(c, secret)
        assert c.get("/pair?a=PAK&b=RUS").status_code == 200


def test_tokens_are_stored_as_hashes_only(store_copy):
    info, secret = Tokens(store_copy).create("script")
    path = store_copy.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        dump = "\n".join(conn.iterdump())
    assert secret not in dump and secret[4:] not in dump
    assert info.id in dump


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/api/v1/health", "http://localhost/", "http://10.0.0.8/", "http://[::1]/",
    "http://169.254.169.254/latest/meta-data", "file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)",
])
def test_urls_to_the_server_itself_are_refused(url):
    with pytest.raises(RefusedUrl):
        check_url(url, allow_private=False)


def test_a_refused_url_is_a_failed_result(client, auth):
    r = client.post("/api/v1/ingest", json={"urls": ["http://127.0.0.1:9/secret", "file:///etc/passwd"]}, headers=auth)
    job = wait_job(client, r.json()["job"]["id"])
    assert job["failed"] == 2 and {x["error"]["code"] for x in job["results"]} == {"E509"}


def test_an_upload_name_never_becomes_a_path(client, auth):
    files = {"file": ("../../../../tmp/evil.txt", SCRIPTED.encode(), "text/plain")}
    job = wait_job(client, client.post("/api/v1/ingest/upload", files=files, headers=auth).json()["job"]["id"])
    assert job["stored"] == 1
    # Only the last part of the name is kept, as a label: the bytes stay in memory.
    assert job["results"][0]["input"] == "evil.txt"
