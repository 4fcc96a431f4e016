"""store on PostgreSQL: concurrent writers, a connection dropped mid-document, an unreachable server.

The dropped connection is real: the test asks the server (pg_terminate_backend, from a
second connection) to end the store's backend while it is inside a document's transaction.
"""

from __future__ import annotations

import multiprocessing

import pytest
from pg import Terminator
from sqlalchemy import text

from bilateral.errors import StoreUnreachable
from bilateral.records import QUADS, Document, Entity, Event, Evidence, Source
from bilateral.store import Store


def doc_and_events(i: int) -> tuple[Document, list[Event]]:
    doc_id = f"d-{i:010d}"
    body = f"Kenya and Tanzania signed border accord number {i} in Arusha."
    events = [
        Event(
            id=f"e-{i:06d}-{k}", doc_id=doc_id, event="SUPPORT", mode=None, context=("diplomatic",), cameo="057",
            quad_code=QUADS["SUPPORT"], intensity=5.0, goldstein=6.5,
            actor=(Entity("KEN", "Kenya"), Entity("TZA", "Tanzania")),
            recipient=(Entity("KEN", "Kenya"), Entity("TZA", "Tanzania")),
            symmetric=True, status="reported", date="2024-05-02", date_precision="day", date_end=None,
            published="2024-05-03", evidence=Evidence(body, 0, len(body), "signed"), confidence=0.9,
        )
        for k in range(2)
    ]
    return Document(doc_id, body, "2024-05-03", Source(), f"accord-{i}.txt"), events


def _writer(url: str, ids: list[int], queue) -> None:
    with Store(url) as store:
        stored = sum(store.add(*doc_and_events(i)) for i in ids)
    queue.put(stored)


def test_concurrent_writers_lose_nothing_and_duplicate_nothing(pg_url):
    """Three processes open one new store at once and write overlapping documents."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    shares = [list(range(0, 30)), list(range(10, 40)), list(range(20, 50))]
    procs = [ctx.Process(target=_writer, args=(pg_url, ids, queue)) for ids in shares]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    stored = [queue.get(timeout=5) for _ in procs]
    assert sum(stored) == 50  # each of the 50 documents stored by exactly one writer
    with Store(pg_url) as store:
        assert store.counts() == {"documents": 50, "events": 100}
        assert store.version() == max(store.applied())
        engine = store.engine
        with engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM schema_version")).scalar() == len(store.applied())
            assert conn.execute(text("SELECT COUNT(*) FROM event_actors")).scalar() == 100 * 4


def test_a_connection_dropped_mid_document_is_retried_once(pg_url):
    with Store(pg_url) as store, Terminator(pg_url, "d-0000000002", times=1) as t:
        assert [store.add(*doc_and_events(i)) for i in range(4)] == [True] * 4
        assert t.killed == 1
        assert store.counts() == {"documents": 4, "events": 8}


def test_a_connection_that_keeps_dropping_stops_the_run_and_a_rerun_resumes(pg_url):
    with Store(pg_url) as store:
        with Terminator(pg_url, "d-0000000002", times=2) as t:
            outcomes = []
            with pytest.raises(StoreUnreachable) as info:
                for i in range(5):
                    outcomes.append(store.add(*doc_and_events(i)))
        assert t.killed == 2 and outcomes == [True, True]
        msg = str(info.value)
        assert msg.startswith("[E700]") and "\n" not in msg and "dropped twice while storing accord-2.txt" in msg
        # No half-written document: the one in flight left no row in any table.
        assert not store.has_document("d-0000000002")
        assert store.counts() == {"documents": 2, "events": 4}
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM event_actors")).scalar() == 4 * 4
        # The re-run resumes: what was stored is skipped, the rest goes in.
        assert [store.add(*doc_and_events(i)) for i in range(5)] == [False, False, True, True, True]
        assert store.counts() == {"documents": 5, "events": 10}


@pytest.mark.parametrize("url", [
    "postgresql://postgres@127.0.0.1:1/nothing",
    "postgresql://nobody@127.0.0.1:5432/bilateral_no_such_database",
])
def test_an_unreachable_database_is_one_line(url):
    with pytest.raises(StoreUnreachable) as info:
        Store(url)
    msg = str(info.value)
    assert msg.startswith("[E700] postgresql+psycopg://") and "\n" not in msg
    assert "check the --db URL" in msg
