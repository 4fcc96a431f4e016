"""The REST API under /api/v1: events, documents, pairs, countries, ingest jobs and exports.

Routes are thin: filters become a store Query, pairs and countries go to the same
`analyse_pair` / `analyse_country` as `bilateral pair` and `bilateral country`, exports
to the same registry as `bilateral events --format`.
"""

import base64
import binascii
import io
import datetime as dt
import json
import queue
import re
import threading
from typing import Annotated, Any, Callable, Iterable, Iterator, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi import Path as PathParam
from fastapi import Query as Q
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..actors import gazetteer
from ..analysis import analyse_country, analyse_pair, resolve_pair
from ..analysis.distinct import PERIODS
from ..errors import BadCursor, BadRequest, BilateralError, NotFound, UnsupportedUpload
from ..interfaces.formats import BINARY_EXPORTERS, EXPORTERS
from ..records import CATEGORIES, Event
from ..sources.readers import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, RawInput, _parse_json_doc
from ..store import Query
from ..store.store import SORTS, date_bounds, sort_value
from ..text.dates_meta import normalise_published
from .errors import ERROR_RESPONSES
from .jobs import Item
from .security import CHART_CSP

STATUS_RE = r"^(reported|future|hypothetical|negated)(,(reported|future|hypothetical|negated))*$"
DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY_RE = r"^[A-Za-z][A-Za-z .'()-]{0,63}$"
MAX_URLS = 20
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "table": "text/plain"}
UPLOAD_TYPES = {
    "text/plain", "text/markdown", "text/x-markdown", "text/html", "application/xhtml+xml", "application/json",
    "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/octet-stream", "",
}
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"BZh")

Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Sort = Literal[tuple(SORTS)]  # type: ignore[valid-type]
By = Literal[PERIODS]  # type: ignore[valid-type]


# -- models (the OpenAPI document's shapes) --------------------------------------------------


class EntityModel(BaseModel):
    code: str
    text: str
    sector: str | None = None
    name: str | None = None


class EvidenceModel(BaseModel):
    text: str
    start: int
    end: int
    trigger: str


class SourceModel(BaseModel):
    url: str | None = None
    title: str | None = None
    site: str | None = None


class EventModel(BaseModel):
    """The event record of SCHEMA.md."""

    model_config = ConfigDict(extra="allow")  # fields added to the record later pass through
    id: str
    doc_id: str
    event: str
    mode: str | None
    context: list[str]
    cameo: str
    quad_code: int
    intensity: float
    goldstein: float
    actor: list[EntityModel]
    recipient: list[EntityModel]
    symmetric: bool
    status: str
    date: str | None
    date_precision: str
    date_end: str | None
    published: str | None
    evidence: EvidenceModel
    confidence: float
    source: SourceModel


class EventsPage(BaseModel):
    ok: bool = True
    events: list[EventModel]
    count: int
    sort: str
    next_cursor: str | None


class OneEvent(BaseModel):
    ok: bool = True
    event: EventModel


class DocEvent(BaseModel):
    id: str
    event: str
    status: str
    quad_code: int
    date: str | None
    actor: list[str]
    recipient: list[str]
    symmetric: bool
    start: int
    end: int
    trigger: str


class DocumentOut(BaseModel):
    ok: bool = True
    doc_id: str
    text: str
    published: str | None
    source: SourceModel
    events: list[DocEvent]


class DocumentSummary(BaseModel):
    doc_id: str
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    ingested_at: str
    events: int


class DocumentList(BaseModel):
    ok: bool = True
    documents: list[DocumentSummary]


class JobOut(BaseModel):
    id: str
    kind: str
    state: Literal["queued", "running", "done", "failed"]
    created_at: str
    started_at: str | None
    finished_at: str | None
    total: int
    processed: int
    stored: int
    duplicate: int
    failed: int
    events: int
    results: list[dict[str, Any]]


class JobResponse(BaseModel):
    ok: bool = True
    job: JobOut


class IngestBody(BaseModel):
    """Exactly one of text, html, jsonl or urls."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, min_length=1, description="A plain-text article.")
    html: str | None = Field(None, min_length=1, description="A web page.")
    jsonl: str | None = Field(None, min_length=1, description='JSON Lines: {"text"|"html", "published", "url", "title"} a line.')
    urls: list[Annotated[str, Field(max_length=2000)]] | None = Field(None, min_length=1, max_length=MAX_URLS)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="For documents that carry no date.")
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000, description="Where the pasted text or page came from.")


class Analysis(BaseModel):
    model_config = ConfigDict(extra="allow")
    ok: bool = True


class Health(BaseModel):
    ok: bool = True
    version: str
    schema_version: int
    documents: int
    events: int
    private: bool


# -- shared by the API and the pages ---------------------------------------------------------


def resolve(value: str) -> str:
    return gazetteer().resolve_country(value)


def parse_pair(value: str) -> tuple[str, str]:
    parts = [p for p in re.split(r"[-,/]", value) if p.strip()]
    if len(parts) != 2:
        raise BadRequest("pair", f"{value[:80]!r}: give two countries as AAA-BBB, e.g. PAK-RUS")
    return resolve_pair(parts[0], parts[1])


def bound(value: str | None, name: str, first: bool) -> str | None:
    """'2016' → '2016-01-01' (since) or '2016-12-31' (until)."""
    if not value:
        return None
    value = value.strip()
    if not re.fullmatch(DATE_RE, value):
        raise BadRequest(name, f"{value[:40]!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    try:
        lo, hi = date_bounds(value, precision, None)
        dt.date.fromisoformat(lo)  # type: ignore[arg-type]
        dt.date.fromisoformat(hi)  # type: ignore[arg-type]
    except ValueError:
        raise BadRequest(name, f"{value!r} is not a date") from None
    return lo if first else hi


def encode_cursor(sort: str, e: Event) -> str:
    raw = json.dumps([sort, sort_value(e, sort), e.id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, value, last = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadCursor("cursor", "not a cursor this server gave") from None
    if made_for != sort or not isinstance(last, str) or not isinstance(value, (str, int, float)):
        raise BadCursor("cursor", f"a cursor for sort {made_for!r}, not {sort!r}" if made_for != sort else "malformed cursor")
    return value, last


class EventFilters:
    """The events filters as query parameters, shared by /events, /exports and the events page."""

    def __init__(
        self,
        pair: Annotated[str | None, Q(max_length=140, description="Two countries, e.g. PAK-RUS or Pakistan-Russia.")] = None,
        country: Annotated[str | None, Q(max_length=64, description="A country on either side (code or name).")] = None,
        category: Annotated[Category | None, Q(description="A PLOVER category.")] = None,
        quad: Annotated[int | None, Q(ge=1, le=4, description="1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict.")] = None,
        context: Annotated[str | None, Q(pattern=r"^[a-z_]{2,32}$", description="A context, e.g. military.")] = None,
        status: Annotated[str | None, Q(pattern=STATUS_RE, description="Statuses, comma-separated.")] = None,
        since: Annotated[str | None, Q(pattern=DATE_RE, description="Events on or after (YYYY[-MM[-DD]]).")] = None,
        until: Annotated[str | None, Q(pattern=DATE_RE, description="Events on or before (YYYY[-MM[-DD]]).")] = None,
        q: Annotated[str | None, Q(max_length=200, description="Words that must all be in the evidence sentence.")] = None,
        doc_id: Annotated[str | None, Q(max_length=32, pattern=r"^[A-Za-z0-9_-]+$")] = None,
        sort: Annotated[Sort, Q(description="date, published or confidence; '-' first for descending.")] = "date",
    ):
        self.pair, self.country, self.category, self.quad, self.context = pair, country, category, quad, context
        self.status, self.since, self.until, self.q, self.doc_id, self.sort = status, since, until, q, doc_id, sort

    def query(self, limit: int | None = None, cursor: str | None = None) -> Query:
        text = " ".join(self.q.split()) if self.q else None
        return Query(
            pair=parse_pair(self.pair) if self.pair else None,
            country=resolve(self.country) if self.country else None,
            category=self.category, quad=self.quad, context=self.context, status=self.status,
            since=bound(self.since, "since", True), until=bound(self.until, "until", False),
            text=text or None, doc_id=self.doc_id, sort=self.sort, limit=limit,
            after=decode_cursor(cursor, self.sort) if cursor else None,
        )

    def params(self) -> dict[str, Any]:
        keys = ("pair", "country", "category", "quad", "context", "status", "since", "until", "q", "doc_id")
        out = {k: getattr(self, k) for k in keys if getattr(self, k) not in (None, "")}
        if self.sort != "date":
            out["sort"] = self.sort
        return out


def events_page(ctx, filters: EventFilters, limit: int, cursor: str | None) -> dict[str, Any]:
    events = ctx.store.events(filters.query(limit + 1, cursor))
    more = len(events) > limit
    events = events[:limit]
    return {
        "ok": True, "events": [e.to_dict() for e in events], "count": len(events), "sort": filters.sort,
        "next_cursor": encode_cursor(filters.sort, events[-1]) if more and events else None,
    }


class PairFilters:
    def __init__(
        self,
        since: Annotated[str | None, Q(pattern=DATE_RE)] = None,
        until: Annotated[str | None, Q(pattern=DATE_RE)] = None,
        status: Annotated[str | None, Q(pattern=STATUS_RE)] = None,
        by: Annotated[By, Q(description="Periods of the series.")] = "year",
    ):
        self.since, self.until, self.status, self.by = since, until, status, by

    def key(self) -> tuple:
        return (bound(self.since, "since", True), bound(self.until, "until", False), self.status, self.by)


def pair_analysis(ctx, a: str, b: str, f: PairFilters):
    ca, cb = sorted(resolve_pair(a, b))
    key = ("pair", ca, cb, *f.key())
    since, until, status, by = key[3:]
    return ctx.cache.get(key, lambda: analyse_pair(
        ctx.store, ca, cb, since=since, until=until, statuses=status, by=by, config=ctx.config,
    ))


def country_analysis(ctx, code: str, f: PairFilters):
    c = resolve(code)
    key = ("country", c, *f.key())
    since, until, status, by = key[2:]
    return ctx.cache.get(key, lambda: analyse_country(
        ctx.store, c, since=since, until=until, statuses=status, by=by, config=ctx.config,
    ))


def chart_svg(ctx, kind: str, name: str, analysis, key: tuple) -> str:
    from ..reports.charts import CHARTS

    made = ctx.cache.get(("chart", kind, name, *key), lambda: CHARTS[name](analysis))
    if made is None:
        raise NotFound(name, "no chart: there are no events to draw")
    return made.svg


def pair_summary(a) -> dict[str, Any]:
    """The head of the pair's JSON (`bilateral pair --format json`), without the long lists."""
    return {
        "ok": True, "pair": [a.a, a.b], "labels": a.labels, "filters": a.filters.to_dict(), "as_of": a.as_of,
        "counts": a.counts, "few_events": a.few, "min_events_for_trend": a.min_events, "index": a.index,
        "trend": a.trend.to_dict(),
    }


def cited(a, ids: Iterable[str]) -> list[dict[str, Any]]:
    seen = list(dict.fromkeys(ids))
    return [a.events[i].to_dict() for i in seen if i in a.events]


def document_view(ctx, doc_id: str) -> dict[str, Any]:
    doc = ctx.store.document(doc_id)
    if doc is None:
        raise NotFound(doc_id, "no such document")
    events = ctx.store.events(Query(doc_id=doc_id))
    return {
        "ok": True, "doc_id": doc.doc_id, "text": doc.text, "published": doc.published,
        "source": {"url": doc.source.url, "title": doc.source.title, "site": doc.source.site},
        "events": [
            {
                "id": e.id, "event": e.event, "status": e.status, "quad_code": e.quad_code, "date": e.date,
                "actor": [x.code for x in e.actor], "recipient": [x.code for x in e.recipient],
                "symmetric": e.symmetric, "start": e.evidence.start, "end": e.evidence.end, "trigger": e.evidence.trigger,
            }
            for e in sorted(events, key=lambda e: (e.evidence.start, e.id))
        ],
    }


def body_items(body: IngestBody) -> tuple[str, list[Item]]:
    given = [k for k in ("text", "html", "jsonl", "urls") if getattr(body, k) is not None]
    if len(given) != 1:
        raise BadRequest("ingest", "give exactly one of text, html, jsonl or urls" + (f" (got {', '.join(given)})" if given else ""))
    kind = given[0]
    meta = {k: v for k, v in (("title", body.title), ("url", body.url)) if v}
    if kind in ("text", "html"):
        return kind, [Item(f"pasted {kind}", raw=RawInput(f"api:{kind}", getattr(body, kind), kind, meta))]
    if kind == "jsonl":
        return kind, jsonl_items("api:jsonl", body.jsonl.encode("utf-8"))  # type: ignore[union-attr]
    return kind, [Item(u, url=u.strip()) for u in body.urls]  # type: ignore[union-attr]


def jsonl_items(origin: str, data: bytes) -> list[Item]:
    items = []
    for n, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        parsed = _parse_json_doc(f"{origin}:{n}", line)
        label = f"line {n}"
        items.append(Item(label, error=parsed) if isinstance(parsed, BilateralError) else Item(label, raw=parsed))
    if not items:
        raise BadRequest(origin, "no documents in the JSON Lines")
    return items


def upload_items(name: str, content_type: str, data: bytes) -> tuple[str, list[Item]]:
    """An uploaded file, checked by suffix, declared type and content; nothing touches the disk."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:80] or "upload"
    suffix = "." + safe.rsplit(".", 1)[-1].lower() if "." in safe else ""
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
        raise UnsupportedUpload(safe, f"file type {suffix or '(none)'!r} is not accepted")
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype not in UPLOAD_TYPES and not ctype.startswith("text/"):
        raise UnsupportedUpload(safe, f"content type {ctype!r} is not text")
    if data[:8].startswith(BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise UnsupportedUpload(safe, "the file is binary, not text")
    if not data.strip():
        raise BadRequest(safe, "the file is empty")
    origin = f"upload:{safe}"
    if suffix in JSONL_SUFFIXES:
        return "upload", jsonl_items(origin, data)
    kind = "html" if suffix in HTML_SUFFIXES else "text"
    return "upload", [Item(safe, raw=RawInput(origin, data, kind, {}))]


def stream_export(fn, events: Callable[[], Iterator[Event]]) -> Iterator[str]:
    """Run a registered exporter (it writes to a file) on a thread, yielding what it writes.

    The events are read on that thread too: a database connection stays on one thread.
    """
    chunks: queue.Queue = queue.Queue(maxsize=64)
    stop = threading.Event()
    DONE = object()

    class Writer:
        def __init__(self):
            self.buffer: list[str] = []
            self.size = 0

        def write(self, s: str) -> int:
            self.buffer.append(s)
            self.size += len(s)
            if self.size > 64_000:
                self.flush()
            return len(s)

        def flush(self) -> None:
            if self.buffer:
                put("".join(self.buffer))
                self.buffer, self.size = [], 0

        def isatty(self) -> bool:
            return False

    def put(item) -> None:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise RuntimeError("export abandoned")

    def work():
        out = Writer()
        try:
            fn(events(), out)
            out.flush()
        except Exception:  # noqa: BLE001 (the client went away, or the store failed: end the stream)
            pass
        finally:
            try:
                put(DONE)
            except RuntimeError:
                pass

    threading.Thread(target=work, name="bilateral-export", daemon=True).start()
    try:
        while True:
            item = chunks.get()
            if item is DONE:
                return
            yield item
    finally:
        stop.set()


# -- the routes --------------------------------------------------------------------------------


def router(ctx) -> APIRouter:
    config = ctx.config

    def read_access(request: Request) -> None:
        request.state.who = ctx.guard.reader(request)

    r = APIRouter(dependencies=[Depends(read_access)], responses=ERROR_RESPONSES)
    Limit = Annotated[int, Q(ge=1, le=config.serve_max_page, description=f"Events per page (at most {config.serve_max_page}).")]
    Cursor = Annotated[str | None, Q(max_length=400, description="next_cursor of the previous page.")]
    Country = Annotated[str, PathParam(pattern=COUNTRY_RE, description="ISO 3166 alpha-3 code or name.")]

    @r.get("/health", response_model=Health, tags=["meta"])
    def health() -> dict[str, Any]:
        """The server's version, the store's schema version and its size."""
        counts = ctx.store.counts()
        return {"ok": True, "version": __version__, "schema_version": ctx.store.version(), **counts,
                "private": config.serve_private}

    @r.get("/events", response_model=EventsPage, tags=["events"])
    def list_events(filters: Annotated[EventFilters, Depends()], limit: Limit = config.serve_page_size,
                    cursor: Cursor = None) -> dict[str, Any]:
        """Events matching every filter given, one page at a time (cursor pagination)."""
        return events_page(ctx, filters, limit, cursor)

    @r.get("/events/{event_id}", response_model=OneEvent, tags=["events"])
    def one_event(event_id: Annotated[str, PathParam(max_length=40)]) -> dict[str, Any]:
        found = ctx.store.event(event_id)
        if found is None:
            raise NotFound(event_id, "no such event")
        return {"ok": True, "event": found.to_dict()}

    @r.get("/documents", response_model=DocumentList, tags=["documents"])
    def documents(limit: Annotated[int, Q(ge=1, le=100)] = 20) -> dict[str, Any]:
        """The latest stored documents, newest first."""
        return {"ok": True, "documents": ctx.store.recent_documents(limit)}

    @r.get("/documents/{doc_id}", response_model=DocumentOut, tags=["documents"])
    def document(doc_id: Annotated[str, PathParam(max_length=40)]) -> dict[str, Any]:
        """The cleaned text, and its events with the character span of their evidence."""
        return document_view(ctx, doc_id)

    @r.get("/pairs", tags=["pairs"])
    def pairs(limit: Annotated[int, Q(ge=1, le=1000)] = 100) -> dict[str, Any]:
        """Every pair in the store with its number of events, busiest first."""
        gaz = gazetteer()
        return {"ok": True, "pairs": [
            {"pair": [a, b], "labels": {a: gaz.label(a), b: gaz.label(b)}, "events": n}
            for a, b, n in ctx.store.pairs()[:limit]
        ]}

    @r.get("/pairs/{a}/{b}", response_model=Analysis, tags=["pairs"])
    def pair(a: Country, b: Country, f: Annotated[PairFilters, Depends()]) -> dict[str, Any]:
        """The pair's summary: counts, index and trend (as `bilateral pair --format json`)."""
        # Straight to JSON: the hot route of the dashboard skips the response model's second pass.
        return JSONResponse(pair_summary(pair_analysis(ctx, a, b, f)))  # type: ignore[return-value]

    @r.get("/pairs/{a}/{b}/analysis", response_model=Analysis, tags=["pairs"])
    def pair_full(a: Country, b: Country, f: Annotated[PairFilters, Depends()]) -> dict[str, Any]:
        """Everything `bilateral pair A B --format json` prints."""
        return {"ok": True, **pair_analysis(ctx, a, b, f).to_dict()}

    @r.get("/pairs/{a}/{b}/series", response_model=Analysis, tags=["pairs"])
    def pair_series(a: Country, b: Country, f: Annotated[PairFilters, Depends()]) -> dict[str, Any]:
        """Distinct reported events and the index per period."""
        an = pair_analysis(ctx, a, b, f)
        return {"ok": True, "pair": [an.a, an.b], "timeline": an.timeline.to_dict()}

    @r.get("/pairs/{a}/{b}/scorecard", response_model=Analysis, tags=["pairs"])
    def pair_scorecard(a: Country, b: Country, f: Annotated[PairFilters, Depends()]) -> dict[str, Any]:
        an = pair_analysis(ctx, a, b, f)
        return {"ok": True, "pair": [an.a, an.b], "scorecard": [s.to_dict() for s in an.scorecard],
                "events": cited(an, (s.strongest for s in an.scorecard if s.strongest))}

    @r.get("/pairs/{a}/{b}/milestones", response_model=Analysis, tags=["pairs"])
    def pair_milestones(a: Country, b: Country, f: Annotated[PairFilters, Depends()]) -> dict[str, Any]:
        an = pair_analysis(ctx, a, b, f)
        m = an.milestones
        ids = [i for x in (*m.firsts, *([m.establishment] if m.establishment else []), *m.anniversaries, *m.most_cited)
               for i in x.event_ids]
        return {"ok": True, "pair": [an.a, an.b], "milestones": m.to_dict(), "events": cited(an, ids)}

    @r.get("/pairs/{a}/{b}/proposals", response_model=Analysis, tags=["pairs"])
    def pair_proposals(a: Country, b: Country, f: Annotated[PairFilters, Depends()]) -> dict[str, Any]:
        """Proposed and planned events, each beside the later reported events that carried it out."""
        an = pair_analysis(ctx, a, b, f)
        ids = [i for p in an.proposals for i in (p.id, *p.carried_out)]
        return {"ok": True, "pair": [an.a, an.b], "proposals": [p.to_dict() for p in an.proposals],
                "events": cited(an, ids)}

    svg = {"content": {"image/svg+xml": {"schema": {"type": "string"}}}, "description": "An SVG chart."}

    @r.get("/pairs/{a}/{b}/charts/{name}.svg", tags=["pairs"], response_class=Response, responses={200: svg})
    def pair_chart(a: Country, b: Country, name: Literal["timeline", "scorecard"],
                   f: Annotated[PairFilters, Depends()]) -> Response:
        """The timeline (with the index) or the scorecard, as SVG."""
        an = pair_analysis(ctx, a, b, f)
        body = chart_svg(ctx, "pair", name, an, (an.a, an.b, *f.key()))
        return Response(body, media_type="image/svg+xml", headers={"content-security-policy": CHART_CSP})

    @r.get("/countries", tags=["countries"])
    def countries(limit: Annotated[int, Q(ge=1, le=1000)] = 300) -> dict[str, Any]:
        """Every country and organisation in the store with its number of events."""
        gaz = gazetteer()
        return {"ok": True, "countries": [
            {"code": c, "label": gaz.label(c), "kind": gaz.kinds.get(c, "state"), "events": n}
            for c, n in ctx.store.countries()[:limit]
        ]}

    @r.get("/countries/{code}", response_model=Analysis, tags=["countries"])
    def country(code: Country, f: Annotated[PairFilters, Depends()]) -> dict[str, Any]:
        """A country's counts, index, trend, partners, swings and network (as `bilateral country`)."""
        c = country_analysis(ctx, code, f)
        d = c.to_dict()
        d.pop("events")
        return {"ok": True, **d}

    @r.get("/countries/{code}/partners", response_model=Analysis, tags=["countries"])
    def partners(code: Country, f: Annotated[PairFilters, Depends()]) -> dict[str, Any]:
        c = country_analysis(ctx, code, f)
        return {"ok": True, "country": c.country, "partners": [p.to_dict() for p in c.partners]}

    @r.post("/ingest", status_code=202, response_model=JobResponse, tags=["ingest"])
    def ingest(request: Request, body: IngestBody) -> JSONResponse:
        """Code and store pasted text, a web page, JSON Lines or URLs; poll the job it returns."""
        who = ctx.guard.writer(request)
        kind, items = body_items(body)
        job = ctx.jobs.submit(kind, items, _published(body.published), who.token_id)
        return _accepted(job)

    @r.post("/ingest/upload", status_code=202, response_model=JobResponse, tags=["ingest"],
            responses={415: ERROR_RESPONSES[422] | {"description": "Not a text, HTML or JSON Lines file (E507)"}})
    async def ingest_upload(
        request: Request,
        file: Annotated[UploadFile, File(description=".txt, .md, .html or .jsonl")],
        published: Annotated[str | None, Form(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    ) -> JSONResponse:
        """Upload one file (multipart/form-data); poll the job it returns."""
        who = ctx.guard.writer(request)
        data = await file.read(config.serve_max_body + 1)
        kind, items = upload_items(file.filename or "upload", file.content_type or "", data)
        job = ctx.jobs.submit(kind, items, _published(published), who.token_id)
        return _accepted(job)

    @r.get("/jobs/{job_id}", response_model=JobResponse, tags=["ingest"])
    def job(job_id: Annotated[str, PathParam(max_length=40)]) -> dict[str, Any]:
        """An ingest job: its state, counts, and one result per input (document id or error)."""
        found = ctx.jobs.get(job_id)
        if found is None:
            raise NotFound(job_id, "no such job")
        return {"ok": True, "job": found.to_dict()}

    export_formats = Literal[tuple(EXPORTERS) + tuple(BINARY_EXPORTERS)]  # type: ignore[valid-type]
    text = {"content": {m: {"schema": {"type": "string"}} for m in {*MEDIA.values(), "text/plain"}}
            | {"application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}},
            "description": "The events in that format."}

    @r.get("/exports/{format}", tags=["exports"], response_class=Response, responses={200: text})
    def export(
        format: export_formats,  # type: ignore[valid-type]
        filters: Annotated[EventFilters, Depends()],
        merged: Annotated[bool, Q(description="One row per event however many articles report it, with its counts "
                                               "(not with parquet).")] = False,
    ) -> Response:
        """The events matching the filters in one of the CLI's formats (at most serve_max_export)."""
        query = filters.query(config.serve_max_export)  # a bad filter fails here, before the 200 is sent
        ext = {"table": "txt"}.get(format, format)
        headers = {"content-disposition": f'attachment; filename="events.{ext}"'}
        if format in BINARY_EXPORTERS:
            if merged:
                raise BadRequest("merged", "merged is not available with parquet: use csv, jsonl, plover or gdelt")
            buffer = io.BytesIO()  # a Parquet file is written whole (its footer comes last); capped by serve_max_export
            BINARY_EXPORTERS[format](ctx.store.iter_events(query), buffer)
            return Response(buffer.getvalue(), media_type="application/vnd.apache.parquet", headers=headers)
        fn = EXPORTERS[format]
        return StreamingResponse(
            stream_export(fn, lambda: ctx.store.iter_events(query, merged=merged)),
            media_type=MEDIA.get(format, "text/plain"), headers=headers,
        )

    return r


def _published(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_published(value)
    except ValueError:
        raise BadRequest("published", f"{value!r} is not a date: use YYYY-MM-DD") from None


def _accepted(job) -> JSONResponse:
    return JSONResponse(
        {"ok": True, "job": job.to_dict()}, status_code=202, headers={"location": f"/api/v1/jobs/{job.id}"},
    )
