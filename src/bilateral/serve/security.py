"""Who may do what, and the headers every answer carries.

- Writes need a token: `Authorization: Bearer <token>` from scripts, or the dashboard's
  sign-in cookie (HttpOnly, SameSite=Strict) plus a CSRF token from the page.
- Reads are open unless `serve_private` is set; then they need the same.
- Bodies over `serve_max_body` are refused before they are read whole (413, E504).
- Every answer carries a strict Content-Security-Policy: scripts and styles come only from
  this server's /static, so a <script> in an article's text can never run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from fastapi import Request

from ..errors import BodyTooLarge, CsrfFailed, Unauthorized
from .errors import body as error_body

SESSION_COOKIE = "bilateral_session"
CSRF_COOKIE = "bilateral_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
SESSION_SECONDS = 12 * 3600

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Charts are standalone SVG documents drawn by matplotlib, whose shapes carry style
# attributes: they may style themselves, and nothing else.
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class GuardMiddleware:
    """Pure ASGI: caps the request body and adds the security headers to every response."""

    def __init__(self, app, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                too_big = True
            if too_big:
                return await self._refuse(path, send)

        seen = 0
        max_body = self.max_body

        async def capped_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_body:
                    raise BodyTooLarge(path, f"the request body is over {max_body:,} bytes")
            return message

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                for k, v in HEADERS:
                    if k not in names:
                        headers.append((k, v))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                if path.startswith("/api/") and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, capped_receive, send_with_headers)

    async def _refuse(self, path: str, send) -> None:
        err = BodyTooLarge(path, f"the request body is over {self.max_body:,} bytes")
        payload = json.dumps(error_body(err.code, str(err), 413)).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                   (b"connection", b"close"), *HEADERS, (b"content-security-policy", CSP.encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


@dataclass
class Principal:
    token_id: str
    via: str  # "bearer" or "session"


class Guard:
    """Tokens, sessions and CSRF for one app; the signing key lives only in this process."""

    def __init__(self, tokens, private: bool, key: bytes | None = None):
        self.tokens = tokens
        self.private = private
        self.key = key or secrets.token_bytes(32)

    # -- signing ---------------------------------------------------------------------

    def _sign(self, text: str) -> str:
        return hmac.new(self.key, text.encode(), hashlib.sha256).hexdigest()

    def session_value(self, token_id: str) -> str:
        expires = int(time.time()) + SESSION_SECONDS
        return f"{token_id}.{expires}.{self._sign(f'session:{token_id}.{expires}')}"

    def session(self, request: Request) -> str | None:
        """The token id of a valid sign-in cookie whose token is still active."""
        value = request.cookies.get(SESSION_COOKIE)
        if not value or value.count(".") != 2:
            return None
        token_id, expires, mac = value.split(".")
        if not hmac.compare_digest(mac, self._sign(f"session:{token_id}.{expires}")):
            return None
        if not expires.isdigit() or int(expires) < time.time():
            return None
        return token_id if self.tokens.active(token_id) else None

    def csrf_cookie(self, request: Request) -> str:
        """The browser's CSRF cookie value, or a new one (the caller sets it)."""
        value = request.cookies.get(CSRF_COOKIE, "")
        return value if len(value) == 43 else secrets.token_urlsafe(32)

    def csrf_token(self, cookie: str) -> str:
        return self._sign(f"csrf:{cookie}")

    def check_csrf(self, request: Request, sent: str | None) -> None:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not cookie or not sent or not hmac.compare_digest(sent, self.csrf_token(cookie)):
            raise CsrfFailed(request.url.path, "missing or wrong CSRF token")

    # -- who is asking ---------------------------------------------------------------

    def principal(self, request: Request) -> Principal | None:
        header = request.headers.get("authorization")
        if header is not None:
            scheme, _, secret = header.partition(" ")
            token_id = self.tokens.check(secret.strip()) if scheme.lower() == "bearer" else None
            if token_id is None:
                raise Unauthorized(request.url.path, "the token is not valid (unknown, revoked or malformed)")
            return Principal(token_id, "bearer")
        token_id = self.session(request)
        return Principal(token_id, "session") if token_id else None

    def reader(self, request: Request) -> Principal | None:
        who = self.principal(request)
        if who is None and self.private:
            raise Unauthorized(request.url.path, "this server's reads need a token (serve_private)")
        return who

    def writer(self, request: Request, csrf: str | None = None) -> Principal:
        """A token holder; a cookie sign-in must also show the page's CSRF token."""
        who = self.principal(request)
        if who is None:
            raise Unauthorized(request.url.path, "writing needs a token")
        if who.via == "session":
            self.check_csrf(request, csrf if csrf is not None else request.headers.get(CSRF_HEADER))
        return who
