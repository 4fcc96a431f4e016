"""One error shape for every API route: {"ok": false, "error": {"code", "message"}, "status"}.

Typed errors (bilateral.errors) keep their code; FastAPI's and Starlette's own errors
(404, 405, 422 validation) are given ours. Dashboard pages answer with an HTML page
carrying the same code and message.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    BadRequest,
    BilateralError,
    BodyTooLarge,
    MethodNotAllowed,
    NotFound,
    SameCountry,
    ServeError,
    Unauthorized,
    UnknownCountry,
)

log = logging.getLogger("bilateral.serve")

# Errors of the rest of bilateral, as HTTP statuses: all are the caller's input.
STATUS = {UnknownCountry: 422, SameCountry: 422}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    ok: bool = False
    error: ErrorDetail
    status: int


def status_of(exc: BilateralError) -> int:
    if isinstance(exc, ServeError):
        return exc.status
    for cls, status in STATUS.items():
        if isinstance(exc, cls):
            return status
    return 422  # a BilateralError from a query or an analysis: a bad filter or value


def body(code: str, message: str, status: int) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message}, "status": status}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, exc: BilateralError, status: int | None = None, headers: dict | None = None):
    status = status or status_of(exc)
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if is_api(request) or request.app.state.ctx is None:
        return JSONResponse(body(exc.code, str(exc), status), status_code=status, headers=headers)
    response = request.app.state.ctx.pages.error(request, exc, status)
    response.headers.update(headers)
    return response


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    @app.exception_handler(BilateralError)
    async def _bilateral(request: Request, exc: BilateralError):
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return error_response(request, BadRequest(request.url.path, _validation_message(exc)), 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        path = request.url.path
        if isinstance(exc.__cause__, BilateralError):
            # FastAPI wraps what goes wrong while it reads a body (a body over the cap).
            return error_response(request, exc.__cause__)
        if exc.status_code == 404:
            err: BilateralError = NotFound(path, "no such route or resource")
        elif exc.status_code == 405:
            err = MethodNotAllowed(path, f"method {request.method} is not allowed here")
        elif exc.status_code == 413:
            err = BodyTooLarge(path, str(exc.detail))
        elif exc.status_code == 401:
            err = Unauthorized(path, str(exc.detail))
        else:
            # 400 from FastAPI: a body it could not parse (not UTF-8, not JSON). One status for bad input: 422.
            err = BadRequest(path, str(exc.detail))
            if exc.status_code == 400:
                return error_response(request, err, 422)
        return error_response(request, err, exc.status_code, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        err = ServeError(request.url.path, "internal error (logged on the server)")
        if is_api(request):
            return JSONResponse(body(err.code, str(err), 500), status_code=500)
        return HTMLResponse("<!doctype html><title>error</title><p>[E500] internal error</p>", status_code=500)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody, "description": d}
    for s, d in (
        (401, "No token, or a bad one (E505)"),
        (404, "No such resource (E501)"),
        (413, "Request body over serve_max_body (E504)"),
        (422, "A bad parameter or body (E503, E508, E301, E302, E200)"),
    )
}
