"""store: migrations, atomic writes, duplicate documents, round trips and queries (hand-built events).

Every test here runs twice: on SQLite and on PostgreSQL (a fresh database per test).
"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from bilateral.errors import SchemaVersionError, StoreError
from bilateral.records import QUADS, Document, Entity, Event, Evidence, Source
from bilateral.store import Query, Store
from bilateral.store import schema as S
from bilateral.store.store import database_url, date_bounds


def ent(code, text=None, sector="GOV", name=None):
    return Entity(code, text or code, sector, name)


def make_event(
    id, doc_id="d-0000000001", event="CONSULT", actor=("PAK",), recipient=("RUS",), *, symmetric=False,
    status="reported", date="2016-09-24", precision="day", date_end=None, context=("diplomatic",),
    published="2024-03-12", evidence="Pakistan and Russia held talks in Moscow.", source=Source(),
):
    return Event(
        id=id, doc_id=doc_id, event=event, mode=None, context=tuple(context), cameo="040",
        quad_code=QUADS[event], intensity=2.5, goldstein=1.0,
        actor=tuple(ent(c) for c in actor), recipient=tuple(ent(c) for c in recipient),
        symmetric=symmetric, status=status, date=date, date_precision=precision, date_end=date_end,
        published=published, evidence=Evidence(evidence, 0, len(evidence), "held"), confidence=0.8,
        source=source,
    )


def make_doc(doc_id="d-0000000001", text="Pakistan and Russia held talks in Moscow.", origin="brief.txt"):
    return Document(doc_id, text, "2024-03-12", Source("https://news.example/1", "Talks", "News"), origin)


def sql(db, statement, **params):
    engine = create_engine(database_url(db))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return result.scalar() if result.returns_rows else None
    finally:
        engine.dispose()


def table_rows(db, table):
    return sql(db, f"SELECT COUNT(*) FROM {table}")


# -- schema and migrations ----------------------------------------------------------------


def test_migrations_create_the_latest_version(store, db):
    assert store.version() == S.LATEST
    assert store.applied() == set(S.MIGRATIONS)
    names = set(inspect(store.engine).get_table_names())
    assert {"schema_version", "documents", "events", "event_actors", "event_pairs", "event_contexts"} <= names
    assert "gdelt_events" in names
    assert {"document_stories", "event_groups", "event_group_members", "seen_items"} <= names  # migration 2
    assert table_rows(db, "schema_version") == len(S.MIGRATIONS)
    assert store.counts() == {"documents": 0, "events": 0}


def test_reopening_does_not_rerun_migrations(db, new_db, monkeypatch):
    Store(db).close()
    calls = []
    original = S.MIGRATIONS[1]
    monkeypatch.setitem(S.MIGRATIONS, 1, lambda conn: (calls.append(1), original(conn)))
    with Store(db) as again:
        assert again.version() == S.LATEST
    assert calls == []
    assert table_rows(db, "schema_version") == len(S.MIGRATIONS)
    # A new store does run it (so the spy above would have seen a run).
    Store(new_db()).close()
    assert calls == [1]


def test_a_missing_migration_below_the_latest_is_run(db, monkeypatch):
    """Branches number their migrations apart: a store made without 2 gains it when it appears."""
    original = S.MIGRATIONS[2]
    with monkeypatch.context() as m:
        m.delitem(S.MIGRATIONS, 2)
        Store(db).close()
    calls = []
    monkeypatch.setitem(S.MIGRATIONS, 2, lambda conn: (calls.append(2), original(conn)))
    with Store(db) as again:
        assert 2 in again.applied() and again.version() == S.LATEST
    assert calls == [2]
    with Store(db):
        assert calls == [2]


def test_data_survives_reopening(db):
    with Store(db) as s:
        assert s.add(make_doc(), [make_event("e-1")])
    with Store(db) as s:
        assert s.counts() == {"documents": 1, "events": 1}
        assert [e.id for e in s.events()] == ["e-1"]


def test_newer_schema_is_refused(db):
    Store(db).close()
    sql(db, "INSERT INTO schema_version (version) VALUES (:v)", v=S.LATEST + 1)
    with pytest.raises(SchemaVersionError) as info:
        Store(db)
    msg = str(info.value)
    assert isinstance(info.value, StoreError)
    assert f"schema version {S.LATEST + 1}" in msg and "\n" not in msg
    assert "upgrade bilateral" in msg


def test_sqlalchemy_url_is_accepted(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'url.db'}") as s:
        assert s.version() == S.LATEST
    assert (tmp_path / "url.db").is_file()


# -- writing --------------------------------------------------------------------------------


def test_add_then_add_again_is_a_no_op(store, db):
    doc = make_doc()
    events = [make_event("e-1"), make_event("e-2", event="AGREE", context=("economic", "energy"))]
    assert store.add(doc, events) is True
    before = {t: table_rows(db, t) for t in ("documents", "events", "event_actors", "event_pairs", "event_contexts")}
    assert before == {"documents": 1, "events": 2, "event_actors": 4, "event_pairs": 2, "event_contexts": 3}
    assert store.add(doc, events) is False
    # Even with other events, a stored document is skipped whole.
    assert store.add(doc, [make_event("e-3")]) is False
    after = {t: table_rows(db, t) for t in before}
    assert after == before
    assert store.has_document(doc.doc_id)


def test_document_round_trip(store):
    doc = make_doc(text="Pakistan and Russia held talks in Moscow.\n\nBoth sides agreed to meet again.")
    store.add(doc, [])
    assert store.document(doc.doc_id) == doc
    assert store.document("d-missing") is None
    assert store.counts() == {"documents": 1, "events": 0}


def test_events_round_trip_exactly(store):
    rich = Event(
        id="e-6f1c0a9d2b", doc_id="d-51e7c2", event="COOPERATE", mode="exercise", context=("military", "multilateral"),
        cameo="062", quad_code=2, intensity=9.5, goldstein=6.0,
        actor=(Entity("PAK", "Pakistan's army", "MIL", None), Entity("RUS", "Moscow", "GOV", "Sergei Lavrov")),
        recipient=(Entity("PAK", "Pakistan", "MIL"), Entity("RUS", "Russia", None)),
        symmetric=True, status="reported", date="1941", date_precision="period", date_end="1945",
        published="2023-05-01",
        evidence=Evidence("“Druzhba” — the drill near Tarbela — ended, officials said.", 1412, 1468, "drill ended"),
        confidence=0.86, source=Source("https://news.example/ü", "Ties “deepen”", None),
    )
    plain = make_event("e-2", doc_id="d-51e7c2", date=None, precision="unknown", context=(), published=None)
    assert store.add(make_doc("d-51e7c2"), [rich, plain])
    got = {e.id: e for e in store.events()}
    assert got["e-6f1c0a9d2b"].to_dict() == rich.to_dict()
    assert got["e-6f1c0a9d2b"] == rich
    assert got["e-2"] == plain
    assert list(got["e-2"].to_dict()) == list(plain.to_dict())


@pytest.mark.parametrize(
    "second",
    [
        pytest.param(make_event("e-1", evidence="A repeat with the same id."), id="duplicate-event-id"),
        pytest.param(make_event("e-2", doc_id="d-elsewhere"), id="event-of-another-document"),
    ],
)
def test_a_failing_event_leaves_nothing_behind(store, db, second):
    doc = make_doc()
    with pytest.raises(StoreError) as info:
        store.add(doc, [make_event("e-1"), second])
    assert doc.origin in str(info.value) and "\n" not in str(info.value).strip()
    assert not store.has_document(doc.doc_id)
    assert store.counts() == {"documents": 0, "events": 0}
    for table in ("event_actors", "event_pairs", "event_contexts"):
        assert table_rows(db, table) == 0
    # The store is still usable, and the same document can now be stored properly.
    assert store.add(doc, [make_event("e-1")]) is True
    assert store.counts() == {"documents": 1, "events": 1}


def test_event_id_stored_by_another_document_is_an_error_not_a_duplicate(store):
    assert store.add(make_doc("d-0000000001"), [make_event("e-1")])
    other = make_doc("d-0000000002", text="Russia and Pakistan held talks again.")
    with pytest.raises(StoreError):
        store.add(other, [make_event("e-1", doc_id="d-0000000002")])
    assert not store.has_document("d-0000000002")
    assert store.counts() == {"documents": 1, "events": 1}


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date, precision, end, bounds",
    [
        ("2016-09-24", "day", None, ("2016-09-24", "2016-09-24")),
        ("2024-03-12", "publication", None, ("2024-03-12", "2024-03-12")),
        ("2016-02", "month", None, ("2016-02-01", "2016-02-29")),
        ("2015-02", "month", None, ("2015-02-01", "2015-02-28")),
        ("2015-12", "month", None, ("2015-12-01", "2015-12-31")),
        ("2016", "year", None, ("2016-01-01", "2016-12-31")),
        ("1990", "decade", None, ("1990-01-01", "1999-12-31")),
        ("1947", "period", "1991", ("1947-01-01", "1991-12-31")),
        ("2022-02-24", "period", "2022-03-10", ("2022-02-24", "2022-03-10")),
        ("1962", "period", None, ("1962-01-01", "1962-12-31")),
        ("2016", "unknown", None, (None, None)),
        (None, "unknown", None, (None, None)),
        (None, "day", None, (None, None)),
    ],
)
def test_date_bounds(date, precision, end, bounds):
    assert date_bounds(date, precision, end) == bounds


# -- queries --------------------------------------------------------------------------------


@pytest.fixture
def filled(store):
    d1, d2 = "d-0000000001", "d-0000000002"
    store.add(make_doc(d1), [
        make_event("e-talks", d1, "CONSULT", ("PAK", "RUS"), ("PAK", "RUS"), symmetric=True,
                   date="2016-09-24", precision="day", context=("military",)),
        make_event("e-gas", d1, "COOPERATE", ("RUS",), ("PAK",), status="future", date="2017-03", precision="month",
                   context=("energy",)),
        make_event("e-accuse", d1, "ACCUSE", ("IND",), ("PAK",), date="2019", precision="year"),
        make_event("e-border", d1, "CONSULT", ("CHN", "IND"), ("CHN", "IND"), symmetric=True,
                   status="hypothetical", date="1990", precision="decade"),
    ])
    store.add(make_doc(d2, text="Another article."), [
        make_event("e-sanction", d2, "SANCTION", ("PAK",), ("RUS", "CHN"), status="negated", date=None,
                   precision="unknown"),
        make_event("e-coldwar", d2, "THREATEN", ("USA",), ("RUS",), date="1947", precision="period", date_end="1991"),
        make_event("e-summit", d2, "CONSULT", ("JPN",), ("KOR",), date="2024-03-12", precision="publication"),
    ])
    return store


def ids(store, **filters):
    return [e.id for e in store.events(**filters)]


def test_order_is_by_date_with_undated_last(filled):
    assert ids(filled) == ["e-coldwar", "e-border", "e-talks", "e-gas", "e-accuse", "e-summit", "e-sanction"]
    assert ids(filled, limit=2) == ["e-coldwar", "e-border"]


def test_pair_filter_is_order_insensitive(filled):
    want = ["e-talks", "e-gas", "e-sanction"]
    assert ids(filled, pair=("PAK", "RUS")) == want
    assert ids(filled, pair=("RUS", "PAK")) == want
    assert ids(filled, pair=("CHN", "PAK")) == ["e-sanction"]
    # Two recipients of one event are not a pair.
    assert ids(filled, pair=("CHN", "RUS")) == []


def test_country_filter_covers_both_sides_without_repeats(filled):
    assert ids(filled, country="IND") == ["e-border", "e-accuse"]
    assert ids(filled, country="CHN") == ["e-border", "e-sanction"]
    assert ids(filled, country="PAK") == ["e-talks", "e-gas", "e-accuse", "e-sanction"]
    assert ids(filled, country="FRA") == []


def test_category_filter(filled):
    assert ids(filled, category="CONSULT") == ["e-border", "e-talks", "e-summit"]
    assert ids(filled, category="ASSAULT") == []


def test_status_filter_takes_a_comma_list(filled):
    assert ids(filled, status="negated") == ["e-sanction"]
    assert ids(filled, status="future,negated") == ["e-gas", "e-sanction"]
    assert ids(filled, status=" hypothetical , future ") == ["e-border", "e-gas"]


@pytest.mark.parametrize(
    "since, until, want",
    [
        ("2017-01-01", None, ["e-gas", "e-accuse", "e-summit"]),
        (None, "2016-12-31", ["e-coldwar", "e-border", "e-talks"]),
        ("2016-09-24", "2016-09-24", ["e-talks"]),
        ("2016-09-25", "2017-02-28", []),
        ("2017-03-31", "2017-03-31", ["e-gas"]),  # inside the month
        ("2017-04-01", "2018-12-31", []),
        ("2019-06-15", "2019-06-15", ["e-accuse"]),  # inside the year
        ("1999-12-31", "1999-12-31", ["e-border"]),  # inside the decade, and the Cold War has ended
        ("1991-06-01", "1991-06-30", ["e-coldwar", "e-border"]),  # end of one period, inside a decade
        ("2024-03-12", None, ["e-summit"]),
    ],
)
def test_since_until(filled, since, until, want):
    assert ids(filled, since=since, until=until) == want


def test_filters_combine(filled):
    q = Query(pair=("RUS", "PAK"), status="reported,future", since="2017-01-01")
    assert [e.id for e in filled.events(q)] == ["e-gas"]
    assert ids(filled, doc_id="d-0000000002", category="CONSULT") == ["e-summit"]


def test_pairs_are_counted(filled):
    assert filled.pairs() == [
        ("PAK", "RUS", 3), ("CHN", "IND", 1), ("CHN", "PAK", 1), ("IND", "PAK", 1), ("JPN", "KOR", 1), ("RUS", "USA", 1),
    ]


@pytest.mark.parametrize("query, words", [
    (Query(category="NOPE"), "unknown category 'NOPE'"),
    (Query(category="consult"), "unknown category 'consult'"),
    (Query(status="reported,maybe"), "unknown status 'maybe'"),
])
def test_bad_query_is_a_store_error(filled, query, words):
    with pytest.raises(StoreError) as info:
        filled.events(query)
    assert words in str(info.value) and "\n" not in str(info.value)
