"""Ingest jobs: what a POST to /api/v1/ingest starts, run by one worker thread in the server.

A job is a row of `ingest_jobs`, updated after every document; each document is stored
with its events in one transaction (Store.add), so a job stopped half-way leaves whole
documents only. Inputs live in memory: a job cut short by a restart is marked failed.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import queue
import secrets
import socket
import threading
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from sqlalchemy import select, update

from ..config import Config
from ..errors import BilateralError, InputError, RefusedUrl
from ..sources.readers import RawInput, read_inputs
from ..store import Store
from ..store import schema as S

URL_KIND = "url"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def check_url(url: str, allow_private: bool, resolve: Callable = socket.getaddrinfo) -> None:
    """Refuse URLs that are not http(s), or whose host is loopback, private or link-local.

    The server fetches what it is given: without this a caller could make it read the
    machine's own services (server-side request forgery).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedUrl(url[:200], "only http:// and https:// addresses can be fetched")
    if allow_private:
        return
    try:
        infos = resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise RefusedUrl(url[:200], f"cannot resolve the host: {exc}", hint="check the address") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
            raise RefusedUrl(url[:200], f"the host resolves to a non-public address ({ip})")


@dataclass
class Item:
    """One input of a job: a raw document, a URL to fetch, or the error that replaced it."""

    label: str
    raw: RawInput | None = None
    url: str | None = None
    error: BilateralError | None = None


@dataclass
class Job:
    id: str
    kind: str
    state: str
    created_at: str
    started_at: str | None
    finished_at: str | None
    total: int
    processed: int
    stored: int
    duplicate: int
    failed: int
    events: int
    results: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Jobs:
    """Queue and run ingest jobs on one worker thread; the state lives in the store."""

    def __init__(self, store: Store, config: Config, on_change: Callable[[], None] | None = None):
        self.store = store
        self.config = config
        self.on_change = on_change or (lambda: None)
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._started = False
        self.autostart = True  # False: jobs are queued only (schemathesis fuzzes the routes, not the coder)

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                if not self._started:
                    self._interrupted()
                    self._started = True
                self._thread = threading.Thread(target=self._work, name="bilateral-ingest", daemon=True)
                self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None and thread.is_alive():
            self._queue.put(None)
            thread.join(timeout)

    def _interrupted(self) -> None:
        """Jobs left queued or running by a server that stopped: their inputs are gone."""
        j = S.ingest_jobs.c
        with self.store.engine.begin() as conn:
            conn.execute(
                update(S.ingest_jobs).where(j.state.in_(("queued", "running")))
                .values(state="failed", finished_at=_now())
            )

    # -- submitting and reading ---------------------------------------------------------

    def submit(self, kind: str, items: list[Item], published: str | None = None, token_id: str | None = None) -> Job:
        if self.autostart:
            self.start()  # first: starting marks the jobs of an earlier server as failed
        job = Job(f"j-{secrets.token_hex(8)}", kind, "queued", _now(), None, None, len(items), 0, 0, 0, 0, 0)
        with self.store.engine.begin() as conn:
            conn.execute(S.ingest_jobs.insert().values(
                id=job.id, kind=kind, state=job.state, created_at=job.created_at, total=job.total, processed=0,
                stored=0, duplicate=0, failed=0, events=0, result="[]", token_id=token_id,
            ))
        self._queue.put((job, items, published))
        return job

    def get(self, job_id: str) -> Job | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(S.ingest_jobs).where(S.ingest_jobs.c.id == job_id)).mappings().first()
        if row is None:
            return None
        return Job(
            row["id"], row["kind"], row["state"], row["created_at"], row["started_at"], row["finished_at"],
            row["total"], row["processed"], row["stored"], row["duplicate"], row["failed"], row["events"],
            json.loads(row["result"]),
        )

    def recent(self, n: int = 10) -> list[dict[str, Any]]:
        j = S.ingest_jobs.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(j.id, j.kind, j.state, j.created_at, j.stored, j.failed, j.events)
                .order_by(j.created_at.desc(), j.id).limit(n)
            ).mappings().all()
        return [dict(r) for r in rows]

    def wait(self, job_id: str, timeout: float = 120) -> Job | None:
        """Block until a job is done or failed (for tests and scripts)."""
        import time

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            job = self.get(job_id)
            if job is None or job.state in ("done", "failed"):
                return job
            time.sleep(0.05)
        return self.get(job_id)

    # -- the worker ---------------------------------------------------------------------

    def _save(self, job: Job, **values: Any) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(update(S.ingest_jobs).where(S.ingest_jobs.c.id == job.id).values(**values))

    def _work(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            job, items, published = task
            try:
                self._run(job, items, published)
            except Exception as exc:  # noqa: BLE001 (the worker must outlive one bad job)
                job.results.append({"input": "job", "outcome": "failed", "error": {"code": "E500", "message": str(exc)}})
                self._save(job, state="failed", finished_at=_now(), result=json.dumps(job.results))

    def _fetch(self, url: str) -> RawInput | BilateralError:
        """One page through the sources' Fetcher, which checks the address of every redirect too."""
        config = self.config.with_overrides(fetch_allow_private=self.config.serve_fetch_private)
        found = list(read_inputs([url], max_bytes=self.config.max_bytes, config=config))
        return found[0] if found else InputError(url, "nothing was fetched")

    def _run(self, job: Job, items: list[Item], published: str | None) -> None:
        from ..pipeline import get_coder, prepare_one
        from ..store import ingest as store_ingest

        job.state, job.started_at = "running", _now()
        self._save(job, state=job.state, started_at=job.started_at)
        coder = None
        for item in items:
            result: dict[str, Any] = {"input": item.label}
            outcome, detail = "failed", item.error
            if detail is None:
                raw: RawInput | InputError | None = item.raw
                if item.url is not None:
                    try:
                        check_url(item.url, self.config.serve_fetch_private)
                        raw = self._fetch(item.url)
                    except RefusedUrl as exc:
                        raw = None
                        detail = exc
                if raw is not None and not isinstance(raw, BilateralError):
                    prepared = prepare_one(raw, self.config, published)
                    if isinstance(prepared, BilateralError):
                        detail = prepared
                    else:
                        coder = coder or get_coder(self.config)
                        for outcome, detail in store_ingest(self.store, coder.code_many([prepared])):
                            pass
                elif isinstance(raw, BilateralError):
                    detail = raw
            if outcome in ("stored", "duplicate"):
                doc, events = detail  # type: ignore[misc]
                result.update(outcome=outcome, doc_id=doc.doc_id, title=doc.source.title, events=len(events))
                setattr(job, outcome, getattr(job, outcome) + 1)
                if outcome == "stored":
                    job.events += len(events)
                    self.on_change()
            else:
                result.update(outcome="failed", error={"code": detail.code, "message": str(detail)})
                job.failed += 1
            job.processed += 1
            job.results.append(result)
            self._save(
                job, processed=job.processed, stored=job.stored, duplicate=job.duplicate, failed=job.failed,
                events=job.events, result=json.dumps(job.results, ensure_ascii=False),
            )
        if job.stored:
            self.store.optimize()
        job.state, job.finished_at = "done", _now()
        self._save(job, state=job.state, finished_at=job.finished_at)
