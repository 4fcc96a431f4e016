"""The dashboard: server-rendered pages over the same helpers as the API.

Jinja2 escapes everything it prints (autoescape), so article text reaches the page as
text; the only markup around it is ours (<mark> for the evidence). The scripts are
/static/app.js, allowed by the Content-Security-Policy; the pages work without them.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..actors import gazetteer
from ..analysis.distinct import PERIODS
from ..analysis.fields import NO_FIELD
from ..errors import BadRequest, BilateralError, NotFound, Unauthorized
from ..records import CATEGORIES, STATUSES
from ..store.store import SORTS
from . import api
from .security import CSRF_COOKIE, CSRF_FIELD, SESSION_COOKIE, SESSION_SECONDS

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def split_trigger(sentence: str, trigger: str) -> list[tuple[str, bool]]:
    """The sentence in pieces, the trigger word(s) flagged, for <mark>."""
    if trigger:
        m = re.search(re.escape(trigger), sentence, re.I)
        if m:
            return [(sentence[: m.start()], False), (m.group(0), True), (sentence[m.end():], False)]
    return [(sentence, False)]


def marked_text(text: str, events: list[dict]) -> list[dict]:
    """The document text as segments, each evidence span one segment carrying its events.

    Spans that overlap are merged into one mark, so every event id still has its anchor.
    """
    spans: list[dict] = []
    for e in sorted(events, key=lambda e: (e["start"], e["end"])):
        start, end = max(0, e["start"]), min(len(text), e["end"])
        if end <= start:
            continue
        if spans and start < spans[-1]["end"]:
            spans[-1]["end"] = max(spans[-1]["end"], end)
            spans[-1]["events"].append(e)
        else:
            spans.append({"start": start, "end": end, "events": [e]})
    out, pos = [], 0
    for s in spans:
        if s["start"] > pos:
            out.append({"text": text[pos:s["start"]], "events": []})
        out.append({"text": text[s["start"]:s["end"]], "events": s["events"]})
        pos = s["end"]
    if pos < len(text):
        out.append({"text": text[pos:], "events": []})
    return out


def safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url, re.I) else None


def local_path(target: str | None) -> str:
    """Where to go after signing in: a path on this site only."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


class Pages:
    def __init__(self, ctx):
        self.ctx = ctx
        self.env = Environment(
            loader=PackageLoader("bilateral.serve", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True, lstrip_blocks=True,
        )
        self.env.globals.update(
            version=__version__, split_trigger=split_trigger, safe_url=safe_url, quad_names=QUAD_NAMES,
            categories=CATEGORIES, statuses=STATUSES, periods=PERIODS, sorts=list(SORTS), no_field=NO_FIELD,
        )
        self.env.filters["signed"] = lambda x: "—" if x is None else f"{x:+.1f}"

    def render(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        guard = self.ctx.guard
        cookie = guard.csrf_cookie(request)
        who = getattr(request.state, "who", None)
        if who is None:
            try:
                who = guard.principal(request)
            except BilateralError:
                who = None
        html = self.env.get_template(template).render(
            request=request, csrf=guard.csrf_token(cookie), who=who, private=self.ctx.config.serve_private,
            path=request.url.path, **values,
        )
        response = HTMLResponse(html, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != cookie:
            response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return response

    def error(self, request: Request, exc: BilateralError, status: int) -> HTMLResponse:
        if status == 401 and request.method == "GET":
            # A closed server: the sign-in page, then back here.
            return RedirectResponse("/login?" + urlencode({"next": request.url.path}), status_code=303)  # type: ignore[return-value]
        return self.render(request, "error.html", status, title=f"Error {status}", error=exc, code=status)


def router(ctx) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    pages: Pages = ctx.pages if ctx.pages else Pages(ctx)
    ctx.pages = pages
    gaz = gazetteer()

    def read(request: Request) -> None:
        request.state.who = ctx.guard.reader(request)

    def country_options() -> list[tuple[str, str]]:
        return ctx.cache.get(("options",), lambda: [
            (c, gaz.label(c)) for c, _ in ctx.store.countries() if gaz.kinds.get(c, "state") != "organisation"
        ])

    @r.get("/", response_class=HTMLResponse)
    def home(request: Request):
        read(request)
        pairs = [(a, b, n, gaz.label(a), gaz.label(b)) for a, b, n in ctx.store.pairs()[:40]]
        return pages.render(
            request, "home.html", title="Overview", counts=ctx.store.counts(), pairs=pairs,
            documents=ctx.store.recent_documents(10),
        )

    @r.get("/pair", response_class=HTMLResponse)
    def pair(request: Request, a: str = "", b: str = "", since: str = "", until: str = "", status: str = "",
             by: str = "year"):
        read(request)
        form = {"a": a, "b": b, "since": since, "until": until, "status": status, "by": by}
        values: dict[str, Any] = dict(title="Pair explorer", form=form, options=country_options(), analysis=None)
        if a and b:
            try:
                if by not in PERIODS:
                    raise BadRequest("by", f"unknown period {by!r}")
                if status and not re.fullmatch(api.STATUS_RE, status):
                    raise BadRequest("status", f"unknown status {status!r}")
                f = api.PairFilters(since or None, until or None, status or None, by)  # type: ignore[arg-type]
                an = api.pair_analysis(ctx, a, b, f)
            except BilateralError as exc:
                return pages.render(request, "pair.html", 422, error=exc, **values)
            query = urlencode({k: v for k, v in (("since", since), ("until", until), ("status", status), ("by", by)) if v})
            values.update(
                analysis=an, title=f"{an.label(an.a)} – {an.label(an.b)}", query=query,
                chart_base=f"/api/v1/pairs/{an.a}/{an.b}/charts",
                scorecard=[s for s in an.scorecard if s.key != NO_FIELD or s.events],
            )
        return pages.render(request, "pair.html", **values)

    @r.get("/events", response_class=HTMLResponse)
    def events(request: Request):
        read(request)
        p = request.query_params
        form = {k: p.get(k, "") for k in ("pair", "country", "category", "quad", "context", "status", "since",
                                           "until", "q", "sort", "limit")}
        values: dict[str, Any] = dict(title="Events", form=form, page=None, options=country_options())
        try:
            quad = int(form["quad"]) if form["quad"] else None
            limit = int(form["limit"]) if form["limit"] else ctx.config.serve_page_size
            if not 1 <= limit <= ctx.config.serve_max_page:
                raise BadRequest("limit", f"give 1 to {ctx.config.serve_max_page}")
            for key, pattern in (("status", api.STATUS_RE), ("since", api.DATE_RE), ("until", api.DATE_RE),
                                 ("context", r"^[a-z_]{2,32}$")):
                if form[key] and not re.fullmatch(pattern, form[key]):
                    raise BadRequest(key, f"{form[key][:40]!r} is not valid here")
            if form["category"] and form["category"] not in CATEGORIES:
                raise BadRequest("category", f"unknown category {form['category']!r}")
            if form["sort"] and form["sort"] not in SORTS:
                raise BadRequest("sort", f"unknown sort {form['sort']!r}")
            if quad is not None and quad not in QUAD_NAMES:
                raise BadRequest("quad", "give 1, 2, 3 or 4")
            filters = api.EventFilters(
                form["pair"] or None, form["country"] or None, form["category"] or None, quad, form["context"] or None,
                form["status"] or None, form["since"] or None, form["until"] or None, form["q"] or None, None,
                form["sort"] or "date",
            )
            page = api.events_page(ctx, filters, limit, p.get("cursor") or None)
        except (ValueError, BilateralError) as exc:
            error = exc if isinstance(exc, BilateralError) else BadRequest("filters", "quad and limit are numbers")
            return pages.render(request, "events.html", 422, error=error, **values)
        params = filters.params()
        if form["limit"]:
            params["limit"] = limit
        values.update(
            page=page, export_query=urlencode(filters.params()),
            next_url=f"/events?{urlencode({**params, 'cursor': page['next_cursor']})}" if page["next_cursor"] else None,
            first_url=f"/events?{urlencode(params)}" if p.get("cursor") else None,
        )
        return pages.render(request, "events.html", **values)

    @r.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str):
        read(request)
        if len(doc_id) > 40:
            raise NotFound(doc_id[:40], "no such document")
        doc = api.document_view(ctx, doc_id)
        return pages.render(
            request, "document.html", title=doc["source"]["title"] or doc["doc_id"], doc=doc,
            segments=marked_text(doc["text"], doc["events"]),
        )

    @r.get("/ingest", response_class=HTMLResponse)
    def ingest_page(request: Request):
        read(request)
        return pages.render(request, "ingest.html", title="Ingest", max_body=ctx.config.serve_max_body,
                            jobs=ctx.jobs.recent())

    @r.post("/ingest")
    async def ingest(request: Request):
        form = await request.form()
        who = ctx.guard.writer(request, str(form.get(CSRF_FIELD, "")))
        kind = str(form.get("kind", ""))
        published = api._published(str(form.get("published", "")).strip() or None)
        if kind == "upload":
            upload = form.get("file")
            if upload is None or isinstance(upload, str) or not upload.filename:
                raise BadRequest("file", "choose a file to upload")
            data = await upload.read(ctx.config.serve_max_body + 1)
            kind, items = api.upload_items(upload.filename, upload.content_type or "", data)
        elif kind in ("text", "html", "url"):
            value = str(form.get("text" if kind != "url" else "url", "")).strip()
            if not value:
                raise BadRequest(kind, "nothing to ingest: the field is empty")
            body = api.IngestBody(
                text=value if kind == "text" else None, html=value if kind == "html" else None,
                urls=[value] if kind == "url" else None, title=str(form.get("title", "")).strip()[:500] or None,
            )
            kind, items = api.body_items(body)
        else:
            raise BadRequest("kind", "unknown kind of input")
        job = ctx.jobs.submit(kind, items, published, who.token_id)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @r.get("/jobs/{job_id}", response_class=HTMLResponse)
    def job(request: Request, job_id: str):
        read(request)
        found = ctx.jobs.get(job_id[:40])
        if found is None:
            raise NotFound(job_id[:40], "no such job")
        return pages.render(request, "job.html", title="Ingest job", job=found)

    @r.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/"):
        return pages.render(request, "login.html", title="Sign in", next=local_path(next))

    @r.post("/login")
    async def login(request: Request):
        form = await request.form()
        ctx.guard.check_csrf(request, str(form.get(CSRF_FIELD, "")))
        token_id = ctx.tokens.check(str(form.get("token", "")).strip())
        target = local_path(str(form.get("next", "/")))
        if token_id is None:
            return pages.render(request, "login.html", 401, title="Sign in", next=target,
                                error=Unauthorized("sign-in", "that token is not valid"))
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SESSION_COOKIE, ctx.guard.session_value(token_id), max_age=SESSION_SECONDS, httponly=True,
            samesite="strict", secure=request.url.scheme == "https",
        )
        return response

    @r.post("/logout")
    async def logout(request: Request):
        form = await request.form()
        ctx.guard.check_csrf(request, str(form.get(CSRF_FIELD, "")))
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    @r.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    return r
