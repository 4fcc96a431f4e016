"""Store.add_many: one transaction for a batch, yet each document whole or not at all."""

from __future__ import annotations

from bilateral.errors import StoreError
from bilateral.sources import RawInput
from bilateral.store import Store, ingest
from bilateral.text import prepare

TEXTS = [
    "Kenya and Uganda signed a trade agreement in Nairobi on Monday, officials said.",
    "Chile accused Peru of violating the fishing accord off the coast this week.",
    "Japan and South Korea held talks on trade in Tokyo on Friday, the ministry said.",
]


def coded(coder):
    config = coder.config.with_overrides(min_chars=0)
    docs = [prepare(RawInput(f"t{i}", t, "text"), config, "2024-03-01") for i, t in enumerate(TEXTS)]
    return [(d, coder.code(d)) for d in docs]


def test_a_batch_is_stored_and_a_repeat_is_a_duplicate(coder, tmp_path):
    items = coded(coder)
    with Store(str(tmp_path / "s.db")) as store:
        assert store.add_many(items) == [True, True, True]
        assert store.add_many(items[:2]) == [False, False]
        assert store.counts() == {"documents": 3, "events": sum(len(e) for _, e in items)}


def test_a_bad_document_does_not_poison_its_batch(coder, tmp_path):
    items = coded(coder)
    doc, events = items[1]
    assert events
    items[1] = (doc, [*events, events[0]])  # the same event id twice: the insert fails
    with Store(str(tmp_path / "s.db")) as store:
        out = store.add_many(items)
        assert out[0] is True and out[2] is True
        assert isinstance(out[1], StoreError) and doc.origin in str(out[1])
        assert not store.has_document(doc.doc_id)  # nothing of it was written
        assert store.events(doc_id=doc.doc_id) == []
        assert store.counts()["documents"] == 2
        # its neighbours' stories were kept; the bad one is not in the story index
        assert store.story_of(items[0][0].doc_id) and store.story_of(doc.doc_id) is None


def test_ingest_reports_each_document_in_order(coder, tmp_path):
    items = coded(coder)
    bad = (items[1][0], [*items[1][1], items[1][1][0]])
    with Store(str(tmp_path / "s.db")) as store:
        got = [o for o, _ in ingest(store, [items[0], bad, items[2]], batch_size=2)]
    assert got == ["stored", "failed", "stored"]
