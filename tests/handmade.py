"""Hand-made events and stores for the analysis and report tests: no coder involved, so
every figure they lead to can be worked out by hand in the test."""

from __future__ import annotations

from collections import defaultdict

from bilateral.records import QUADS, Document, Entity, Event, Evidence, Source

# PLOVER base intensities (data/plover.tsv), written out so the tests' sums are plain.
SCORES = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10.0, "RETREAT": 6.5,
    "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5, "PROTEST": -5.0, "SANCTION": -6.0,
    "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}
CAMEO = {"SUPPORT": "051", "CONSULT": "040", "COOPERATE": "060", "ASSAULT": "190", "AID": "070", "ACCUSE": "112"}


def ev(
    id, doc, event, sides=("PAK", "RUS"), *, to=None, status="reported", date="2016", precision="year",
    date_end=None, context=("diplomatic",), mode=None, cameo=None, intensity=None, text=None, trigger=None,
    published="2024-03-12", title=None, url=None, site=None, confidence=0.8,
):
    """An event of `doc`; mutual between `sides` unless `to` names the recipients."""
    text = text or f"{' and '.join(sides)} {event.lower()} ({id})."
    actor = tuple(Entity(c, c) for c in sides)
    recipient = tuple(Entity(c, c) for c in to) if to else actor
    return Event(
        id=id, doc_id=doc, event=event, mode=mode, context=tuple(context), cameo=cameo or CAMEO.get(event, "010"),
        quad_code=QUADS[event], intensity=SCORES[event] if intensity is None else intensity, goldstein=0.0,
        actor=actor, recipient=recipient, symmetric=to is None, status=status, date=date, date_precision=precision,
        date_end=date_end, published=published,
        evidence=Evidence(text, 0, len(text), trigger or event.lower()), confidence=confidence,
        source=Source(url, title or f"Article {doc}", site),
    )


def fill(store, events):
    """Store hand-made events, one document per doc_id."""
    by_doc = defaultdict(list)
    for e in events:
        by_doc[e.doc_id].append(e)
    for doc_id, evs in by_doc.items():
        text = " ".join(e.evidence.text for e in evs)
        store.add(Document(doc_id, text, evs[0].published, evs[0].source, f"{doc_id}.txt"), evs)
    return store
