"""A real HTTP server on loopback for the sources tests, and a config that may fetch from it.

Routes are set per test (`web.route(...)`); every request is logged, so a test can
count what reached the server (retries, robots.txt, rate limit).
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bilateral.config import load_config


class Web:
    def __init__(self) -> None:
        self.routes: dict[str, dict] = {}
        self.hits: list[tuple[float, str, str]] = []  # (time, path, user agent)
        self.base = ""

    def route(self, path: str, body: bytes | str = b"", ctype: str = "text/html; charset=utf-8", status: int = 200, **kw) -> str:
        self.routes[path] = dict(body=body.encode("utf-8") if isinstance(body, str) else body, ctype=ctype, status=status, **kw)
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        return sum(1 for _, p, _ in self.hits if p == path)


class _Handler(BaseHTTPRequestHandler):
    web: Web

    def do_GET(self):  # noqa: N802 (http.server's name)
        web = self.server.web  # type: ignore[attr-defined]
        web.hits.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
        r = web.routes.get(self.path)
        if r is None:
            body = b"<h1>Not found</h1>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if r.get("fail_first"):  # a 500 (or 503 with Retry-After) for the first n requests, then the page
            r["fail_first"] -= 1
            self.send_response(503 if r.get("retry_after") else 500)
            if r.get("retry_after"):
                self.send_header("Retry-After", r["retry_after"])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if r.get("delay"):
            time.sleep(r["delay"])
        self.send_response(r["status"])
        if r.get("location"):
            self.send_header("Location", r["location"])
        self.send_header("Content-Type", r["ctype"])
        if r.get("stream"):  # no Content-Length: the size is known only while reading
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(r["stream"]):
                    self.wfile.write(r["body"])
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self.send_header("Content-Length", str(len(r["body"])))
        self.end_headers()
        try:
            self.wfile.write(r["body"])
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture
def web():
    """A fresh server per test: its routes and its log are the test's own."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.web = Web()  # type: ignore[attr-defined]
    httpd.web.base = f"http://127.0.0.1:{httpd.server_address[1]}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.web  # type: ignore[attr-defined]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def web_config():
    """The default config, allowed to fetch from this machine, quick to give up and not paced."""
    return load_config(env={}).with_overrides(
        fetch_allow_private=True, fetch_timeout=1.0, fetch_retries=1, fetch_backoff=0.05, fetch_host_interval=0.0,
    )
