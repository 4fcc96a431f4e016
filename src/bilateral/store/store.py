"""The Store: documents and their events in SQLite (default) or any SQLAlchemy database.

Every document is written with all its events in one transaction: a failure leaves
nothing half-written, and a document already stored is skipped whole.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from sqlalchemy import and_, create_engine, event as sa_event, exists, func, insert, or_, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError

from ..errors import SchemaVersionError, StoreError, StoreUnreachable
from ..records import CATEGORIES, STATUSES, Document, Event
from . import schema as S


# psycopg logs a warning of its own when a connection dies under it; the store reports the
# failure itself (one line), so keep psycopg's from reaching stderr through logging's last resort.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

# Any fixed number: every process that migrates a PostgreSQL store takes this lock first.
_MIGRATION_LOCK = 7_400_104


def database_url(db: str) -> str:
    """A SQLAlchemy URL, or a path to a SQLite file. postgresql:// means psycopg 3."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    for plain in ("postgresql://", "postgres://"):
        if db.startswith(plain):
            return "postgresql+psycopg://" + db[len(plain):]
    return db


def date_bounds(date: str | None, precision: str, date_end: str | None) -> tuple[str | None, str | None]:
    """First and last day an event's date covers: '2016' → 2016-01-01..2016-12-31."""
    if not date or precision == "unknown":
        return None, None
    if precision in ("day", "publication"):
        return date, date
    if precision == "month":
        y, m = int(date[:4]), int(date[5:7])
        last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
        return f"{date}-01", last
    if precision == "year":
        return f"{date}-01-01", f"{date}-12-31"
    if precision == "decade":
        return f"{date}-01-01", f"{int(date) + 9}-12-31"
    if precision == "period":
        end = date_end or date
        start = date if len(date) == 10 else f"{date[:4]}-01-01"
        stop = end if len(end) == 10 else f"{end[:4]}-12-31"
        return start, stop
    return None, None


@dataclass(frozen=True)
class Query:
    """Filters for events; every field is optional."""

    pair: tuple[str, str] | None = None
    country: str | None = None
    category: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    limit: int | None = None
    quad: int | None = None
    context: str | None = None
    text: str | None = None  # words that must all appear in the evidence sentence (case-insensitive)
    sort: str = "date"  # one of SORTS; "-" first for descending
    after: tuple | None = None  # keyset cursor: (sort value, event id) of the last event already seen


# Sort keys: the column, and what stands for a missing value so that undated events come last
# in either direction.
SORTS: dict[str, tuple[str, str | None, bool]] = {
    "date": ("date_start", "9999-12-31", False), "-date": ("date_start", "", True),
    "published": ("published", "9999-12-31", False), "-published": ("published", "", True),
    "confidence": ("confidence", None, False), "-confidence": ("confidence", None, True),
}
MAX_SEARCH_WORDS = 8


def sort_value(e: Event, sort: str):
    """The value an event has under a sort key, as the store orders it (for cursors)."""
    column, missing, _ = SORTS[sort]
    if column == "confidence":
        return e.confidence
    value = date_bounds(e.date, e.date_precision, e.date_end)[0] if column == "date_start" else e.published
    return value if value is not None else missing


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Store:
    """Open a store on a database URL or SQLite path; it is migrated on opening."""

    def __init__(self, db: str | None = None, *, migrate: bool = True, config=None):
        db = db or os.environ.get("BILATERAL_DB") or "bilateral.db"
        from ..stories.merge import MergeRules

        self.rules = MergeRules.from_config(config) if config is not None else MergeRules()
        self._story_params = (
            (config.stories_threshold, config.stories_shingle, config.stories_permutations) if config is not None else (0.8, 5, 128)
        )
        self._stories = None  # the LSH index of stored documents, loaded on first need
        self.url = database_url(db)
        try:
            if self.url.startswith("sqlite:///") and self.url != "sqlite:///:memory:":
                Path(self.url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
            # pre_ping: a pooled connection the server dropped is replaced, not handed out.
            self.engine: Engine = create_engine(self.url, future=True, pool_pre_ping=True)
        except (SQLAlchemyError, ValueError, OSError) as exc:
            raise StoreError(db, f"cannot open the store: {exc}") from exc
        except ImportError as exc:
            raise StoreError(db, f"no database driver for this URL: {exc}", hint="postgresql:// needs psycopg") from exc
        self.label = self.engine.url.render_as_string(hide_password=True)
        if self.engine.dialect.name == "sqlite":
            sa_event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _unreachable(self, exc: Exception) -> StoreError:
        reason = _one_line(exc)
        if self.dialect == "sqlite":
            return StoreError(self.label, f"cannot read the store: {reason}")
        return StoreUnreachable(self.label, f"cannot reach the database: {reason}")

    def applied(self) -> set[int]:
        """The migration numbers this store has run."""
        try:
            with self.engine.begin() as conn:
                if self.dialect == "postgresql":
                    # Processes opening a new store at once would race to create the table.
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
                S.schema_version.create(conn, checkfirst=True)
                return set(conn.execute(select(S.schema_version.c.version)).scalars())
        except OperationalError as exc:
            raise self._unreachable(exc) from exc

    def version(self) -> int:
        return max(self.applied(), default=0)

    def migrate(self) -> int:
        """Run every registered migration this store lacks, lowest first.

        Gaps are filled: a store at {1, 4} gains 2 and 3 when a bilateral that has them
        opens it, so branches that number their migrations apart merge in any order.
        On PostgreSQL an advisory lock serialises processes opening a new store at once.
        """
        if self.version() > S.LATEST:
            raise SchemaVersionError(
                self.label,
                f"store is at schema version {self.version()}, newer than this bilateral ({S.LATEST})",
                hint="upgrade bilateral",
            )
        for version in sorted(set(S.MIGRATIONS) - self.applied()):
            try:
                with self.engine.begin() as conn:
                    if self.dialect == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
                        done = conn.execute(select(exists().where(S.schema_version.c.version == version))).scalar()
                        if done:  # another process ran it while we waited for the lock
                            continue
                    S.MIGRATIONS[version](conn)
                    conn.execute(insert(S.schema_version).values(version=version))
            except OperationalError as exc:
                raise self._unreachable(exc) from exc
        return S.LATEST

    # -- writing ---------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.execute(select(exists().where(S.documents.c.doc_id == doc_id))).scalar())

    def add(self, doc: Document, events: Sequence[Event], *, tries: int = 2) -> bool:
        """Store a document and its events atomically. False if it was already stored.

        The document row goes in with INSERT … ON CONFLICT DO NOTHING, so writers racing on
        the same document (its id is a content hash) store it once: the loser sees no row
        inserted and skips it. A connection the server drops mid-document rolls the whole
        document back; it is tried once more on a fresh connection, then StoreUnreachable.
        """
        for attempt in range(1, tries + 1):
            try:
                return self._add(doc, events)
            except DBAPIError as exc:
                if not exc.connection_invalidated and not isinstance(exc, OperationalError):
                    raise
                if self.dialect == "sqlite":
                    raise self._unreachable(exc) from exc
                if attempt == tries:
                    raise StoreUnreachable(
                        self.label, f"the connection dropped twice while storing {doc.origin}: {_one_line(exc)}",
                        hint="nothing of that document was written",
                    ) from exc
        raise AssertionError("unreachable")

    def _add(self, doc: Document, events: Sequence[Event]) -> bool:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        row = dict(
            doc_id=doc.doc_id, origin=doc.origin, url=doc.source.url, title=doc.source.title,
            site=doc.source.site, published=doc.published, text=doc.text, ingested_at=now,
        )
        try:
            with self.engine.begin() as conn:
                # RETURNING, not rowcount: psycopg reports -1 for an INSERT … ON CONFLICT.
                stmt = _insert_ignore(self.dialect, S.documents, ["doc_id"]).values(**row)
                if conn.execute(stmt.returning(S.documents.c.doc_id)).first() is None:
                    return False
                if events:
                    self._insert_events(conn, events)
                from .groups import add_events, add_story, load_index

                if self._stories is None:
                    self._stories = load_index(conn, *self._story_params)
                story, sig = add_story(conn, self._stories, doc)
                if events:
                    add_events(conn, events, self.rules)
            self._stories.add(doc.doc_id, story, sig)  # only once the document is really stored
        except IntegrityError as exc:
            # Another writer stored the same document first: the store already has it.
            if self.has_document(doc.doc_id):
                return False
            # Otherwise an event broke a constraint (a repeated id, a wrong doc_id): nothing was written.
            raise StoreError(doc.origin, f"could not store the document: {_one_line(exc)}") from exc
        except OperationalError:
            raise  # a dropped connection: add() decides
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise
            raise StoreError(doc.origin, f"could not store the document: {_one_line(exc)}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(doc.origin, f"could not store the document: {_one_line(exc)}") from exc
        return True

    def add_many(self, items: Sequence[tuple[Document, Sequence[Event]]]) -> list[bool | StoreError]:
        """Store several documents in one transaction (far fewer commits than `add` each).

        Each outcome is True (stored), False (already stored) or the StoreError of a document
        that could not be stored. All or nothing still holds per document: if anything in the
        batch fails, the batch is rolled back whole and its documents are stored again one
        transaction each, so a bad document leaves nothing behind and the others are kept.
        """
        if len(items) <= 1:
            return self._one_by_one(items)
        from .groups import add_events, add_story, load_index

        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        outcomes: list[bool | StoreError] = []
        added: list[str] = []
        current: int | None = None
        try:
            with self.engine.begin() as conn:
                if self._stories is None:
                    self._stories = load_index(conn, *self._story_params)
                for current, (doc, events) in enumerate(items):
                    row = dict(
                        doc_id=doc.doc_id, origin=doc.origin, url=doc.source.url, title=doc.source.title,
                        site=doc.source.site, published=doc.published, text=doc.text, ingested_at=now,
                    )
                    stmt = _insert_ignore(self.dialect, S.documents, ["doc_id"]).values(**row)
                    if conn.execute(stmt.returning(S.documents.c.doc_id)).first() is None:
                        outcomes.append(False)
                        continue
                    if events:
                        self._insert_events(conn, events)
                    story, sig = add_story(conn, self._stories, doc)
                    # Later documents of the batch must see this one (a near-copy joins its story);
                    # taken out again below if the batch is rolled back.
                    self._stories.add(doc.doc_id, story, sig)
                    added.append(doc.doc_id)
                    if events:
                        add_events(conn, events, self.rules)
                    outcomes.append(True)
        except SQLAlchemyError as exc:
            for doc_id in added:
                self._stories.remove(doc_id)
            # A dropped connection counts as the first try of the document it hit: that one
            # is tried once more, as `add` would, and its neighbours as usual.
            dropped = isinstance(exc, DBAPIError) and (exc.connection_invalidated or isinstance(exc, OperationalError))
            hit = current if dropped and self.dialect != "sqlite" else None
            return self._one_by_one(items, hit)  # one by one: find the bad one, keep the rest
        return outcomes

    def _one_by_one(self, items, hit: int | None = None) -> list[bool | StoreError]:
        """Each document in its own transaction. A StoreUnreachable ends the list: the
        documents after it are not tried (the caller reports those before it, then stops)."""
        out: list[bool | StoreError] = []
        for i, (doc, events) in enumerate(items):
            try:
                out.append(self.add(doc, events, tries=1 if i == hit else 2))
            except StoreUnreachable as exc:
                out.append(exc)
                break
            except StoreError as exc:
                out.append(exc)
        return out

    def _insert_events(self, conn, events: Sequence[Event]) -> None:
        rows, actors, pairs, contexts = [], [], [], []
        for e in events:
            start, stop = date_bounds(e.date, e.date_precision, e.date_end)
            rows.append(
                dict(
                    id=e.id, doc_id=e.doc_id, event=e.event, mode=e.mode, cameo=e.cameo, quad_code=e.quad_code,
                    intensity=e.intensity, goldstein=e.goldstein, symmetric=e.symmetric, status=e.status,
                    date=e.date, date_precision=e.date_precision, date_end=e.date_end, date_start=start,
                    date_stop=stop, published=e.published, evidence_text=e.evidence.text,
                    evidence_start=e.evidence.start, evidence_end=e.evidence.end, trigger=e.evidence.trigger,
                    confidence=e.confidence, record=json.dumps(e.to_dict(), ensure_ascii=False),
                )
            )
            for role, ents in (("actor", e.actor), ("recipient", e.recipient)):
                for ent in ents:
                    actors.append(dict(event_id=e.id, role=role, code=ent.code, text=ent.text, sector=ent.sector, name=ent.name))
            for a, b in sorted(e.pairs()):
                pairs.append(dict(event_id=e.id, a=a, b=b))
            for c in e.context:
                contexts.append(dict(event_id=e.id, context=c))
        conn.execute(insert(S.events), rows)
        if actors:
            conn.execute(insert(S.event_actors), actors)
        if pairs:
            conn.execute(insert(S.event_pairs), pairs)
        if contexts:
            conn.execute(insert(S.event_contexts), contexts)

    def ingest(self, paths: Iterable[str], published: str | None = None, config=None) -> dict[str, int]:
        """Read, code and store documents; return counts of stored, duplicate and failed."""
        from ..config import load_config
        from ..pipeline import run

        totals = {"stored": 0, "duplicate": 0, "failed": 0}
        config = config or load_config()
        for outcome, _ in ingest(self, run(paths, config, published), batch_size=config.store_batch):
            totals[outcome] += 1
        return totals

    # -- reading ---------------------------------------------------------------

    def events(self, query: Query | None = None, **filters) -> list[Event]:
        return list(self.iter_events(query, **filters))

    def iter_events(self, query: Query | None = None, *, merged: bool = False, **filters) -> Iterator[Event]:
        """Events matching the query, by their own date; with `merged`, one per group
        (the event several reports tell, docs/stories.md) carrying its counts and every report."""
        q = query or Query(**filters)
        if merged:
            yield from self._iter_merged(q)
            return
        cond = self._conditions(q)
        if q.sort == "date" and q.after is None:
            order = [S.events.c.date_start.is_(None), S.events.c.date_start, S.events.c.id]
        else:
            key, order, after = self._sort(q)
            if after is not None:
                cond.append(after)
        stmt = select(S.events.c.record).where(*cond).order_by(*order)
        if q.limit:
            stmt = stmt.limit(q.limit)
        with self.engine.connect() as conn:
            for (record,) in conn.execute(stmt):
                yield Event.from_dict(json.loads(record))

    def _sort(self, q: Query):
        """The sort expression, the ORDER BY and the keyset condition for `q.after`."""
        if q.sort not in SORTS:
            raise StoreError("query", f"unknown sort {q.sort!r}", hint="one of " + ", ".join(SORTS))
        column, missing, desc = SORTS[q.sort]
        col = S.events.c[column]
        key = col if missing is None else func.coalesce(col, missing)
        ident = S.events.c.id
        order = [key.desc(), ident.desc()] if desc else [key, ident]
        after = None
        if q.after is not None:
            value, last = q.after
            if desc:
                after = or_(key < value, and_(key == value, ident < last))
            else:
                after = or_(key > value, and_(key == value, ident > last))
        return key, order, after

    def _iter_merged(self, q: Query) -> Iterator[Event]:
        from dataclasses import replace

        from ..records import Report

        e, m, g = S.events.c, S.event_group_members.c, S.event_groups.c
        stmt = (
            select(m.group_id, func.min(e.date_start).label("start"))
            .join(S.events, m.event_id == e.id)
            .where(*self._conditions(q))
            .group_by(m.group_id)
            .order_by(func.min(e.date_start).is_(None), func.min(e.date_start), m.group_id)
        )
        if q.limit:
            stmt = stmt.limit(q.limit)
        with self.engine.connect() as conn:
            groups = [gid for gid, _ in conn.execute(stmt)]
            for i in range(0, len(groups), 200):
                chunk = groups[i : i + 200]
                counts = {
                    r.group_id: r for r in conn.execute(select(S.event_groups).where(g.group_id.in_(chunk)))
                }
                members: dict[str, list[Event]] = {}
                rows = conn.execute(select(m.group_id, e.record).join(S.events, m.event_id == e.id).where(m.group_id.in_(chunk)))
                for gid, record in rows:
                    members.setdefault(gid, []).append(Event.from_dict(json.loads(record)))
                for gid in chunk:
                    reports = sorted(members.get(gid, []), key=lambda r: (r.published or "9999", r.doc_id, r.id))
                    if not reports:
                        continue
                    rep = min(reports, key=lambda r: (-r.confidence, r.published or "9999", r.id))
                    c = counts.get(gid)
                    yield replace(
                        rep,
                        group_id=gid,
                        num_articles=c.num_articles if c else len({r.doc_id for r in reports}),
                        num_sources=c.num_sources if c else len({r.doc_id for r in reports}),
                        num_mentions=c.num_mentions if c else len(reports),
                        mentions=tuple(
                            Report(r.id, r.doc_id, r.evidence, r.source, r.published, r.date, r.date_precision) for r in reports
                        ),
                    )

    def group_of(self, event_id: str) -> dict | None:
        """The group of a stored event: its id and GDELT-style counts (None if it has none)."""
        m, g = S.event_group_members.c, S.event_groups.c
        stmt = select(S.event_groups).join(S.event_group_members, m.group_id == g.group_id).where(m.event_id == event_id)
        with self.engine.connect() as conn:
            row = conn.execute(stmt).mappings().first()
        return dict(row) if row else None

    def story_of(self, doc_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(S.document_stories.c.story_id).where(S.document_stories.c.doc_id == doc_id)
            ).scalar()

    def stories(self) -> dict[str, list[str]]:
        """story_id → its documents' ids, for stories of more than one document."""
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for doc_id, story in conn.execute(
                select(S.document_stories.c.doc_id, S.document_stories.c.story_id).order_by(S.document_stories.c.doc_id)
            ):
                out.setdefault(story, []).append(doc_id)
        return {k: v for k, v in out.items() if len(v) > 1}

    # -- what `watch` has seen ------------------------------------------------------------

    def seen(self, feed: str, items: Iterable[str]) -> set[str]:
        """Which of these item keys of a feed are already recorded."""
        keys = list(items)
        found: set[str] = set()
        c = S.seen_items.c
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                found.update(
                    k for (k,) in conn.execute(select(c.item).where(c.feed == feed, c.item.in_(keys[i : i + 500])))
                )
        return found

    def mark_seen(self, feed: str, item: str, outcome: str, doc_id: str | None = None) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(S.seen_items).values(feed=feed, item=item, seen_at=now, outcome=outcome, doc_id=doc_id))
        except IntegrityError:
            pass  # already recorded (another watcher): seen is seen

    def _conditions(self, q: Query) -> list:
        e = S.events.c
        cond = []
        # IN (subquery) rather than a correlated EXISTS: the planner can then start from the
        # pair's or the country's index instead of walking every event in date order.
        if q.pair:
            a, b = sorted(q.pair)
            p = S.event_pairs.c
            cond.append(e.id.in_(select(p.event_id).where(p.a == a, p.b == b)))
        if q.country:
            x = S.event_actors.c
            cond.append(e.id.in_(select(x.event_id).where(x.code == q.country)))

        # IN (uncorrelated subquery), not a correlated EXISTS: SQLite ran the EXISTS once per
        # event over the (a, b) index, 50x slower than PostgreSQL on 8,000 events.
        if q.pair:
            a, b = sorted(q.pair)
            p = S.event_pairs.c
            cond.append(e.id.in_(select(p.event_id).where(and_(p.a == a, p.b == b))))
        if q.country:
            cond.append(e.id.in_(select(S.event_actors.c.event_id).where(S.event_actors.c.code == q.country)))
        if q.category:
            if q.category not in CATEGORIES:
                raise StoreError("query", f"unknown category {q.category!r}", hint="one of " + ", ".join(CATEGORIES))
            cond.append(e.event == q.category)
        if q.status:
            statuses = [s.strip() for s in q.status.split(",")]
            bad = [s for s in statuses if s not in STATUSES]
            if bad:
                raise StoreError("query", f"unknown status {bad[0]!r}", hint="one of " + ", ".join(STATUSES))
            cond.append(e.status.in_(statuses))
        if q.since:
            cond.append(e.date_stop >= q.since)
        if q.until:
            cond.append(e.date_start <= q.until)
        if q.doc_id:
            cond.append(e.doc_id == q.doc_id)
        if q.quad is not None:
            if q.quad not in (1, 2, 3, 4):
                raise StoreError("query", f"unknown quad class {q.quad!r}", hint="one of 1, 2, 3, 4")
            cond.append(e.quad_code == q.quad)
        if q.context:
            c = S.event_contexts.c
            cond.append(exists().where(and_(c.event_id == e.id, c.context == q.context)))
        if q.text:
            words = q.text.split()
            if len(words) > MAX_SEARCH_WORDS:
                raise StoreError("query", f"{len(words)} search words, more than {MAX_SEARCH_WORDS}")
            for w in words:
                cond.append(e.evidence_text.ilike(f"%{_like_escape(w)}%", escape="\\"))
        return cond

    def event(self, event_id: str) -> Event | None:
        with self.engine.connect() as conn:
            record = conn.execute(select(S.events.c.record).where(S.events.c.id == event_id)).scalar()
        return Event.from_dict(json.loads(record)) if record is not None else None

    def document(self, doc_id: str) -> Document | None:
        from ..records import Source

        with self.engine.connect() as conn:
            row = conn.execute(select(S.documents).where(S.documents.c.doc_id == doc_id)).mappings().first()
        if row is None:
            return None
        return Document(row["doc_id"], row["text"], row["published"], Source(row["url"], row["title"], row["site"]), row["origin"])

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "documents": conn.execute(select(func.count()).select_from(S.documents)).scalar() or 0,
                "events": conn.execute(select(func.count()).select_from(S.events)).scalar() or 0,
            }

    def optimize(self) -> None:
        """Refresh the query planner's statistics (SQLite; PostgreSQL's autovacuum does its own).

        Without them SQLite drives a pair query from the status index and reads most of the
        events; with them it starts from the pair (measured: 160 ms → 2 ms on 100,000 events).
        A sampled ANALYZE takes a fraction of a second on that store.
        """
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")
            conn.commit()

    def checkpoint(self) -> None:
        """SQLite: copy the write-ahead log into the database file (without waiting for
        readers). Batched writes fill the log more slowly than one commit a document did, so
        SQLite's own checkpoints come later; after an ingest the file alone holds it all
        (a copy of the .db file, without its -wal, is complete)."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    def stamp(self) -> tuple[int, str | None]:
        """Changes whenever a document is stored: (documents, the latest ingest time)."""
        d = S.documents.c
        with self.engine.connect() as conn:
            n, last = conn.execute(select(func.count(), func.max(d.ingested_at)).select_from(S.documents)).one()
        return int(n or 0), last

    def countries(self) -> list[tuple[str, int]]:
        """Every actor code in the store with its number of events, most events first."""
        a = S.event_actors.c
        n = func.count(func.distinct(a.event_id))
        stmt = select(a.code, n).group_by(a.code).order_by(n.desc(), a.code)
        with self.engine.connect() as conn:
            return [(code, count) for code, count in conn.execute(stmt)]

    def recent_documents(self, limit: int = 20) -> list[dict]:
        """The latest stored documents (no text): id, title, site, url, published, ingested_at, events."""
        d, e = S.documents.c, S.events.c
        n = select(func.count()).where(e.doc_id == d.doc_id).scalar_subquery()
        stmt = (
            select(d.doc_id, d.title, d.site, d.url, d.published, d.ingested_at, n.label("events"))
            .order_by(d.ingested_at.desc(), d.doc_id).limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    def merged_count(self) -> int:
        """Events once merged across articles (groups), as against `counts()["events"]`, the reports."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(S.event_groups)).scalar() or 0

    def pairs(self) -> list[tuple[str, str, int]]:
        """Every pair in the store with its event count, most events first."""
        p = S.event_pairs.c
        stmt = select(p.a, p.b, func.count(func.distinct(p.event_id))).group_by(p.a, p.b).order_by(
            func.count(func.distinct(p.event_id)).desc(), p.a, p.b
        )
        with self.engine.connect() as conn:
            return [(a, b, n) for a, b, n in conn.execute(stmt)]


def _one_line(exc: Exception) -> str:
    """The driver's message on one line (PostgreSQL adds DETAIL: lines)."""
    text_ = str(getattr(exc, "orig", None) or exc).strip()
    return " ".join(line.strip() for line in text_.splitlines() if line.strip()) or type(exc).__name__


def _insert_ignore(dialect: str, table, keys: list[str]):
    """INSERT that skips a row whose key is already there (both dialects say ON CONFLICT DO NOTHING)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=keys)
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=keys)
    return insert(table)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL syncs at checkpoints, not at every commit: a crash of the machine may
    # lose the last commits, never corrupt the store or half-write a document.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def ingest(store: Store, results: Iterable, batch_size: int = 1) -> Iterator[tuple[str, object]]:
    """Store pipeline results; yield ("stored"|"duplicate"|"failed", item) for each, in order.

    Documents are written `batch_size` to a transaction (`Store.add_many`; `bilateral ingest`
    uses the config's `store_batch`), each still whole or not at all. Outcomes come once
    their batch is written, so a document reported stored is stored; with the default of
    one, each comes as soon as its document is.
    """
    from ..errors import BilateralError

    batch: list = []
    for item in results:
        if isinstance(item, BilateralError):
            yield from _store_batch(store, batch)
            batch = []
            yield "failed", item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _store_batch(store, batch)
            batch = []
    yield from _store_batch(store, batch)
    store.checkpoint()


def _store_batch(store: Store, batch: list) -> Iterator[tuple[str, object]]:
    for item, outcome in zip(batch, store.add_many(batch) if batch else []):
        if isinstance(outcome, StoreUnreachable):
            raise outcome  # every document after this one would fail too: stop the run
        if isinstance(outcome, StoreError):
            yield "failed", outcome
        else:
            yield ("stored" if outcome else "duplicate"), item

