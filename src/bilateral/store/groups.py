"""Store ← stories: each stored document's story, and each stored event's group (the one
event its reports tell), kept as documents arrive. The rules are stories.merge's.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Sequence

from sqlalchemy import Connection, and_, delete, exists, insert, select, text

from ..records import Document, Event
from ..stories.merge import COARSE, MergeRules, cluster, direction, same_event, site_key
from ..stories.near import StoryIndex, from_bytes, to_bytes
from . import schema as S


GROUPS_LOCK = 0x62696C6174  # "bilat": the advisory lock of group maintenance on PostgreSQL


def load_index(conn: Connection, threshold: float, shingle: int, permutations: int) -> StoryIndex:
    index = StoryIndex(threshold, shingle, permutations)
    rows = conn.execute(select(S.document_stories.c.doc_id, S.document_stories.c.story_id, S.document_stories.c.signature))
    for doc_id, story_id, sig in rows:
        if sig is None:
            continue
        try:
            index.add(doc_id, story_id, from_bytes(sig, permutations))
        except ValueError:
            continue  # made with another number of permutations: it cannot be compared
    return index


def add_story(conn: Connection, index: StoryIndex, doc: Document) -> tuple[str, object]:
    """Write the document's story (found among stored documents, or its own); the signature
    is added to the in-memory index by the caller once the transaction has committed."""
    from ..stories.near import signature

    sig = signature(doc.text, index.shingle, index.permutations)
    found = index.match(sig)
    story = found[0] if found else "s-" + doc.doc_id.removeprefix("d-")
    conn.execute(insert(S.document_stories).values(doc_id=doc.doc_id, story_id=story, signature=to_bytes(sig)))
    return story, sig


def _window(e: Event, rules: MergeRules) -> tuple[str, str] | None:
    try:
        d = dt.date.fromisoformat(e.date or "")
    except ValueError:
        return None
    w = dt.timedelta(days=rules.window_days)
    return (d - w).isoformat(), (d + w).isoformat()


def _candidate_query(kind: str):
    """The statement that finds candidate groups, built once per kind of date
    ("coarse": the same date; "window": a date within the window; "any": no date test).
    Building a SQLAlchemy statement costs more than running it; the parameters are bound."""
    from sqlalchemy import bindparam

    ev, m, p = S.events.c, S.event_group_members.c, S.event_pairs.c
    cond = [
        # The pair first, in a join: the planner then starts from the pair's index (a correlated
        # EXISTS had it walk every event of the category and, for each, the pair's events).
        p.a == bindparam("a"), p.b == bindparam("b"),
        ev.event == bindparam("event"), ev.status == bindparam("status"), ev.date_precision == bindparam("precision"),
        ev.doc_id != bindparam("doc_id"),
    ]
    if kind == "coarse":
        cond.append(ev.date == bindparam("date"))
    elif kind == "window":
        cond.append(ev.date.between(bindparam("lo"), bindparam("hi")))
    joined = S.event_pairs.join(S.events, ev.id == p.event_id).join(S.event_group_members, m.event_id == ev.id)
    return select(m.group_id).select_from(joined).where(*cond).distinct()


_QUERIES: dict[str, object] = {}


def _candidates(conn: Connection, e: Event, rules: MergeRules) -> dict[str, list[tuple[Event, str]]]:
    """Stored reports that may tell the same event: group_id → [(event, its doc_id)]."""
    pairs = sorted(e.pairs())
    if not pairs:
        return {}
    a, b = pairs[0]
    ev, m = S.events.c, S.event_group_members.c
    params = dict(event=e.event, status=e.status, precision=e.date_precision, doc_id=e.doc_id, a=a, b=b)
    if e.date_precision in COARSE:
        kind = "coarse"
        params["date"] = e.date
    elif e.date_precision in ("day", "publication"):
        kind = "window"
        span = _window(e, rules)
        if span is None:
            return {}
        params["lo"], params["hi"] = span
    else:
        kind = "any"
    if kind not in _QUERIES:
        _QUERIES[kind] = _candidate_query(kind)
    groups = [g for (g,) in conn.execute(_QUERIES[kind], params)]
    out: dict[str, list[tuple[Event, str]]] = {}
    for i in range(0, len(groups), 500):
        chunk = groups[i : i + 500]
        rows = conn.execute(select(m.group_id, ev.record, ev.doc_id).join(S.events, m.event_id == ev.id).where(m.group_id.in_(chunk)))
        for g, record, doc_id in rows:
            out.setdefault(g, []).append((Event.from_dict(json.loads(record)), doc_id))
    return out


def add_events(conn: Connection, events: Sequence[Event], rules: MergeRules) -> set[str]:
    """Put each new event of one document into a stored group, or a new one; return the groups touched."""
    if conn.dialect.name == "postgresql":
        # Writers in several processes: one at a time picks groups and counts them, so two
        # reports of one event arriving together cannot both start a group, nor both write
        # its counts. The lock ends with the transaction; the next writer then sees its rows.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": GROUPS_LOCK})
    touched: set[str] = set()
    taken: set[str] = set()  # groups this document already joined: two of its records never share one
    new_members: list[dict] = []
    for e in events:
        target = None
        groups = _candidates(conn, e, rules)
        fits = []
        for g, members in groups.items():
            if g in taken:
                continue
            seed = next((x for x, _ in members if x.id == g), members[0][0])
            if same_event(seed, e, rules):
                fits.append((direction(seed) != direction(e), g))
        if fits:
            target = min(fits)[1]
        group = target or e.id
        # (written below, all at once: the candidates of this document's next events exclude
        # its own reports anyway)
        new_members.append(dict(event_id=e.id, group_id=group))
        taken.add(group)
        touched.add(group)
    if new_members:
        conn.execute(insert(S.event_group_members), new_members)
    refresh_counts(conn, touched)
    return touched


def refresh_counts(conn: Connection, groups: set[str]) -> None:
    if not groups:
        return
    m, ev, d = S.event_group_members.c, S.events.c, S.documents.c
    counts: dict[str, list] = {g: [set(), set(), 0] for g in groups}
    ids = sorted(groups)
    for i in range(0, len(ids), 500):
        stmt = (
            select(m.group_id, ev.doc_id, d.site, d.url)
            .join(S.events, m.event_id == ev.id)
            .join(S.documents, d.doc_id == ev.doc_id)
            .where(m.group_id.in_(ids[i : i + 500]))
        )
        for g, doc_id, site, url in conn.execute(stmt):
            c = counts[g]
            c[0].add(doc_id)
            c[1].add(site_key(site, url, doc_id))
            c[2] += 1
    conn.execute(delete(S.event_groups).where(S.event_groups.c.group_id.in_(ids)))
    rows = [dict(group_id=g, num_articles=len(a), num_sources=len(s), num_mentions=n) for g, (a, s, n) in counts.items() if n]
    if rows:
        conn.execute(insert(S.event_groups), rows)


def backfill(conn: Connection, rules: MergeRules | None = None, threshold: float = 0.8, shingle: int = 5, permutations: int = 128) -> None:
    """Stories and groups for a store written before migration 2, in publication order."""
    index = StoryIndex(threshold, shingle, permutations)
    docs = conn.execute(select(S.documents.c.doc_id, S.documents.c.text).order_by(S.documents.c.published, S.documents.c.doc_id))
    rows = []
    for doc_id, text in docs:
        story, sig = index.assign(doc_id, text)
        rows.append(dict(doc_id=doc_id, story_id=story, signature=to_bytes(sig)))
    if rows:
        conn.execute(insert(S.document_stories), rows)
    events = [Event.from_dict(json.loads(r)) for (r,) in conn.execute(select(S.events.c.record))]
    members = [dict(event_id=e.id, group_id=c[0].id) for c in cluster(events, rules or MergeRules()) for e in c]
    if members:
        conn.execute(insert(S.event_group_members), members)
        refresh_counts(conn, {m["group_id"] for m in members})
