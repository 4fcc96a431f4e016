"""The store's tables and its migrations.

Migrations are registered functions, numbered; each runs in its own transaction and
records its number in `schema_version`, so a store is always at one known version.
"""

from __future__ import annotations

from typing import Callable

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

documents = Table(
    "documents",
    metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("origin", Text),
    Column("url", Text),
    Column("title", Text),
    Column("site", Text),
    Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    Column("event", String(16), nullable=False),
    Column("mode", String(32)),
    Column("cameo", String(8), nullable=False),
    Column("quad_code", Integer, nullable=False),
    Column("intensity", Float, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("symmetric", Boolean, nullable=False),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(16), nullable=False),
    Column("date_end", String(10)),
    # first and last day the event's date covers, for range queries at any precision
    Column("date_start", String(10)),
    Column("date_stop", String(10)),
    Column("published", String(10)),
    Column("evidence_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("record", Text, nullable=False),  # the full SCHEMA.md record as JSON
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(10), nullable=False),  # actor | recipient
    Column("code", String(16), nullable=False),
    Column("text", Text),
    Column("sector", String(8)),
    Column("name", Text),
)

event_pairs = Table(
    "event_pairs",
    metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("a", String(16), nullable=False),  # a < b
    Column("b", String(16), nullable=False),
)

event_contexts = Table(
    "event_contexts",
    metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("context", String(32), nullable=False),
)

# -- migration 2 (issue 6): stories, merged events, what `watch` has seen -------------------

document_stories = Table(
    "document_stories",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(32), nullable=False),  # near-duplicates share it (docs/stories.md)
    Column("signature", LargeBinary),  # the MinHash values, to match documents stored later
)

event_groups = Table(
    "event_groups",
    metadata,
    # The one event several reports tell; named after its first report's event id.
    Column("group_id", String(32), primary_key=True),
    Column("num_articles", Integer, nullable=False),  # documents reporting it (GDELT NumArticles)
    Column("num_sources", Integer, nullable=False),  # distinct sites among them (NumSources)
    Column("num_mentions", Integer, nullable=False),  # records merged into it (NumMentions)
)

event_group_members = Table(
    "event_group_members",
    metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", String(32), nullable=False),
)

seen_items = Table(
    "seen_items",
    metadata,
    Column("feed", Text, nullable=False),
    Column("item", Text, nullable=False),  # the item's id (guid), else its link
    Column("seen_at", String(32), nullable=False),
    Column("outcome", String(16), nullable=False),  # stored, duplicate, failed, no-link
    Column("doc_id", String(32)),
    PrimaryKeyConstraint("feed", "item"),
)

INDEXES_V2 = [
    Index("ix_stories_story", document_stories.c.story_id),
    Index("ix_group_members_group", event_group_members.c.group_id),
]

INDEXES = [
    Index("ix_events_doc", events.c.doc_id),
    Index("ix_events_event", events.c.event),
    Index("ix_events_date", events.c.date_start),
    Index("ix_events_status", events.c.status),
    Index("ix_documents_published", documents.c.published),
    Index("ix_actors_code", event_actors.c.code, event_actors.c.role),
    Index("ix_actors_event", event_actors.c.event_id),
    Index("ix_pairs_ab", event_pairs.c.a, event_pairs.c.b),
    Index("ix_pairs_event", event_pairs.c.event_id),
    Index("ix_contexts", event_contexts.c.context),
    Index("ix_contexts_event", event_contexts.c.event_id),
]

# GDELT 2.0 events read by `bilateral import-gdelt`: a table of their own, never mixed with ours.
gdelt_events = Table(
    "gdelt_events",
    metadata,
    Column("global_event_id", BigInteger, primary_key=True),
    Column("day", String(10), nullable=False),  # SQLDATE as YYYY-MM-DD
    Column("actor1_code", String(32)),
    Column("actor1_name", Text),
    Column("actor1_country", String(3)),
    Column("actor2_code", String(32)),
    Column("actor2_name", Text),
    Column("actor2_country", String(3)),
    Column("is_root_event", Boolean, nullable=False),
    Column("event_code", String(4), nullable=False),
    Column("event_base_code", String(4), nullable=False),
    Column("event_root_code", String(2), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("num_mentions", Integer, nullable=False),
    Column("num_sources", Integer, nullable=False),
    Column("num_articles", Integer, nullable=False),
    Column("avg_tone", Float),
    Column("action_geo_country", String(2)),  # FIPS 10-4, as GDELT gives it
    Column("date_added", String(14)),
    Column("source_url", Text),
    Column("imported_from", Text),
)

GDELT_INDEXES = [
    Index("ix_gdelt_actors", gdelt_events.c.actor1_country, gdelt_events.c.actor2_country),
    Index("ix_gdelt_day", gdelt_events.c.day),
]

Migration = Callable[[Connection], None]
MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS[version] = fn
        return fn

    return register


@migration(1)
def _create_v1(conn: Connection) -> None:
    """Documents, events, their actors, pairs and contexts, with their indexes."""
    for table in (documents, events, event_actors, event_pairs, event_contexts):
        table.create(conn, checkfirst=True)
    for index in INDEXES:
        index.create(conn, checkfirst=True)


@migration(2)
def _create_v2(conn: Connection) -> None:
    """Stories, merged events and seen feed items; a v1 store's documents and events are
    grouped as they would have been on ingest."""
    for table in (document_stories, event_groups, event_group_members, seen_items):
        table.create(conn, checkfirst=True)
    for index in INDEXES_V2:
        index.create(conn, checkfirst=True)
    from .groups import backfill

    backfill(conn)
@migration(4)
def _create_gdelt(conn: Connection) -> None:
    """GDELT 2.0 events imported for comparison (issue 7)."""
    gdelt_events.create(conn, checkfirst=True)
    for index in GDELT_INDEXES:
        index.create(conn, checkfirst=True)


LATEST = max(MIGRATIONS)
