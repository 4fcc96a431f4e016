"""The team's annotated corpus keeps the coverage its guidelines promise (docs/annotation.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bilateral.evaluation import read_gold
from bilateral.evaluation.score import _quote_span
from bilateral.records import CATEGORIES, QUADS, STATUSES

GOLD = Path(__file__).parents[2] / "gold" / "articles"


@pytest.fixture(scope="module")
def corpus():
    return {split: read_gold(GOLD / split) for split in ("dev", "test")}


def test_size_and_split(corpus):
    docs = corpus["dev"] + corpus["test"]
    events = [e for d in docs for e in d.events]
    assert len(docs) >= 60 and len(events) >= 300
    assert len(corpus["test"]) >= 20
    assert not {d.id for d in corpus["dev"]} & {d.id for d in corpus["test"]}
    assert sum(d.is_html for d in docs) >= 10  # boilerplate-laden web pages


def test_coverage(corpus):
    events = [e for split in corpus.values() for d in split for e in d.events]
    cats = Counter(e.event for e in events)
    assert set(cats) == set(CATEGORIES), f"missing categories: {set(CATEGORIES) - set(cats)}"
    conflict = sum(n for c, n in cats.items() if QUADS[c] >= 3)
    assert conflict / len(events) >= 0.25
    statuses = Counter(e.status for e in events)
    assert set(statuses) == set(STATUSES) and statuses["hypothetical"] >= 20 and statuses["negated"] >= 10
    precisions = Counter(e.date_precision for e in events)
    assert {"day", "month", "year", "decade", "period", "publication", "unknown"} <= set(precisions)
    pairs = {frozenset(e.actor | e.recipient) for e in events if len(e.actor | e.recipient) == 2}
    assert len(pairs) >= 30


def test_every_quote_is_in_its_article(corpus):
    from bilateral.config import Config
    from bilateral.evaluation.score import _prepare

    cfg = Config(min_chars=1, language_min_chars=10**9)
    for split in corpus.values():
        for d in split:
            text = _prepare(d, cfg).text
            for e in d.events:
                assert _quote_span(text, e.quote), f"{d.id}: quote not in the cleaned text: {e.quote!r}"
