"""store.groups: stories and merged events kept as documents arrive; migration 2's backfill."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert

from bilateral.errors import StoreError
from bilateral.records import Document, Source
from bilateral.store import Store
from bilateral.store import schema as S
from test_store import make_event

TALKS = "Pakistan and Russia held talks in Moscow on energy supplies on 24 September 2016."
TALKS_REWRITE = "Russia and Pakistan held talks in Moscow about energy supplies, the foreign ministry said."
LONG = (
    "Pakistan and Russia held talks in Moscow on energy supplies on 24 September 2016. The delegations discussed a "
    "gas pipeline from Karachi to Lahore and the sale of helicopters, and agreed to meet again in Islamabad next spring. "
    "Officials described the atmosphere as warm and businesslike. The Russian side offered to train Pakistani engineers "
    "at its power plants, while Pakistan asked for longer terms of payment on fuel deliveries. Analysts in both capitals "
    "said the visit reflected a slow warming of ties that began after the end of the Cold War, although trade between "
    "the two remains small. A further round of talks on a free trade agreement is planned for the first half of next year, "
    "according to a communique released after the meeting."
)


def doc(n, text, site, url=None, published="2016-09-25"):
    return Document(f"d-{n:010d}", text, published, Source(url or f"https://{site}/{n}", f"Talks {n}", site), f"{n}.html")


def add(store, n, text, site, evidence=TALKS, **kw):
    d = doc(n, text, site)
    e = make_event(f"e-{n}", d.doc_id, evidence=evidence, source=d.source, **kw)
    assert store.add(d, [e])
    return e


# `store` and `db` come from tests/store/conftest.py: each test runs on SQLite and on PostgreSQL.


def test_three_articles_of_one_event_are_one_merged_event_with_gdelt_counts(store):
    add(store, 1, LONG, "ledger.example")
    add(store, 2, LONG + " Markets were calm.", "gazette.example", evidence=TALKS_REWRITE)
    add(store, 3, LONG.replace("warm", "cordial"), "ledger.example")  # the same site again
    add(store, 4, "An unrelated text about talks.", "wire.example", date="2016-10-30")  # another day: apart
    assert store.counts()["events"] == 4 and store.merged_count() == 2
    merged = store.events(merged=True)
    assert [m.num_mentions for m in merged] == [3, 1]
    big = merged[0]
    assert (big.group_id, big.num_articles, big.num_sources, big.num_mentions) == ("e-1", 3, 2, 3)
    assert [m.event_id for m in big.mentions] == ["e-1", "e-2", "e-3"]  # every report's evidence kept
    assert big.mentions[1].evidence.text == TALKS_REWRITE
    d = big.to_dict()
    assert d["num_articles"] == 3 and d["num_sources"] == 2 and d["num_mentions"] == 3 and len(d["mentions"]) == 3
    assert store.group_of("e-2") == {"group_id": "e-1", "num_articles": 3, "num_sources": 2, "num_mentions": 3}
    # Unmerged, the records stay as SCHEMA.md has them.
    assert "num_articles" not in store.events()[0].to_dict()


def test_near_duplicate_documents_share_a_story(store):
    add(store, 1, LONG, "ledger.example")
    add(store, 2, "ISLAMABAD (Wire) - " + LONG.replace("warm", "cordial"), "gazette.example")
    add(store, 3, "Egypt and Sudan began a joint air force exercise near Merowe on Sunday, the second such drill this year. "
                  "Pilots from both countries flew training sorties over the Nile valley.", "wire.example",
        event="COOPERATE", actor=("EGY",), recipient=("SDN",))
    assert store.story_of("d-0000000001") == store.story_of("d-0000000002") == "s-0000000001"
    assert store.story_of("d-0000000003") == "s-0000000003"
    assert store.stories() == {"s-0000000001": ["d-0000000001", "d-0000000002"]}


def test_the_story_index_is_rebuilt_from_the_store_on_reopening(db):
    with Store(db) as s:
        add(s, 1, LONG, "ledger.example")
    with Store(db) as s:
        add(s, 2, LONG + " Markets were calm.", "gazette.example")
        assert s.story_of("d-0000000002") == "s-0000000001"
        assert s.group_of("e-2")["num_articles"] == 2


def test_a_failed_document_leaves_no_story_and_no_group(store):
    add(store, 1, LONG, "ledger.example")
    d = doc(2, LONG + " More.", "gazette.example")
    bad = [make_event("e-2", d.doc_id), make_event("e-2", d.doc_id)]  # a repeated id breaks the transaction
    with pytest.raises(StoreError):
        store.add(d, bad)
    assert store.story_of(d.doc_id) is None and store.group_of("e-2") is None
    assert store.group_of("e-1")["num_mentions"] == 1
    # The index was not touched either: the next copy still joins story 1, not the failed one.
    add(store, 3, LONG + " More.", "wire.example")
    assert store.story_of("d-0000000003") == "s-0000000001"


def test_migration_2_groups_a_store_written_before_it(db, monkeypatch):
    v1 = {1: S.MIGRATIONS[1]}
    monkeypatch.setattr(S, "MIGRATIONS", v1)
    monkeypatch.setattr(S, "LATEST", 1)
    with Store(db) as old:
        assert old.version() == 1
        with old.engine.begin() as conn:
            for n, text, ev in ((1, LONG, TALKS), (2, LONG + " Calm.", TALKS_REWRITE)):
                d = doc(n, text, f"site{n}.example")
                conn.execute(insert(S.documents).values(doc_id=d.doc_id, origin=d.origin, url=d.source.url, title=d.source.title,
                                                        site=d.source.site, published=d.published, text=d.text, ingested_at="x"))
                old._insert_events(conn, [make_event(f"e-{n}", d.doc_id, evidence=ev, source=d.source)])
    monkeypatch.undo()
    with Store(db) as new:
        assert new.version() == S.LATEST >= 2
        assert new.group_of("e-2") == {"group_id": "e-1", "num_articles": 2, "num_sources": 2, "num_mentions": 2}
        assert new.story_of("d-0000000002") == "s-0000000001"


def test_events_merged_through_the_cli(store):
    from typer.testing import CliRunner

    from bilateral.interfaces.cli import app

    add(store, 1, LONG, "ledger.example")
    add(store, 2, LONG + " Calm.", "gazette.example", evidence=TALKS_REWRITE)
    url = str(store.url)
    out = CliRunner().invoke(app, ["events", "--db", url, "--merged", "--format", "jsonl"])
    assert out.exit_code == 0, out.stderr
    [rec] = [json.loads(ln) for ln in out.stdout.splitlines()]
    assert (rec["num_articles"], rec["num_sources"], rec["num_mentions"]) == (2, 2, 2)
    assert [m["evidence"]["text"] for m in rec["mentions"]] == [TALKS, TALKS_REWRITE]
    csv_out = CliRunner().invoke(app, ["events", "--db", url, "--merged", "--format", "csv"])
    header, row = csv_out.stdout.splitlines()
    assert header.endswith(",group_id,num_articles,num_sources,num_mentions") and row.endswith(",e-1,2,2,2")
