"""Every trigger lexicon entry carries a sentence of our own that must code to it."""

from __future__ import annotations

import pytest

from bilateral.events.tables import cameo_table, data_rows, triggers
from bilateral.records import CATEGORIES

ROWS = data_rows("triggers.tsv")


def test_lexicon_columns_and_values():
    cameo = cameo_table()
    seen = set()
    for r in ROWS:
        assert r["pos"] in ("verb", "noun", "adj"), r
        assert r["category"] in CATEGORIES, r
        assert r["cameo"] in cameo, f"{r['lemma']}: CAMEO {r['cameo']} not in cameo.tsv"
        assert r["lemma"] == r["lemma"].lower() and r["lemma"].strip() == r["lemma"]
        assert r["example"].endswith("."), r
        key = (r["pos"], r["lemma"], r["particle"], r["objects"])
        assert key not in seen, f"duplicate entry {key}"
        seen.add(key)


def test_every_category_has_triggers():
    cats = {t.category for entries in triggers().values() for t in entries}
    assert cats == set(CATEGORIES)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['pos']}:{r['lemma']}:{r['objects'][:15]}" for r in ROWS])
def test_example_codes_to_its_entry(row, code_text, coder):
    events = code_text(row["example"], "2024-06-01")
    hits = [e for e in events if e.event == row["category"]]
    assert hits, f"no {row['category']} from: {row['example']} (got {[e.event for e in events]})"
    # The event must come from this entry's word, not from another trigger in the sentence.
    doc = coder.nlp(row["example"])
    lemmas = set()
    for e in hits:
        first = e.evidence.trigger.split()[0]
        for tok in doc:
            if tok.text == first:
                lemmas |= {tok.lemma_.lower(), tok.lower_, coder.inflections.get(tok.lower_, "")}
    assert row["lemma"] in lemmas, f"{row['example']}: fired by {[e.evidence.trigger for e in hits]}"
    assert all(e.actor for e in hits)
