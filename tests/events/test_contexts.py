"""Every context lexicon entry (data/contexts.tsv) carries a sentence of our own that must code to it."""

from __future__ import annotations

import re

import pytest

from bilateral.events.tables import data_rows

ROWS = data_rows("contexts.tsv")
PUBLISHED = "2024-06-01"
PROBE = "__probe__"  # a context no row uses: proves that a given row, and not another, set it


def _contexts(events) -> set[str]:
    return {c for e in events for c in e.context}


def test_rows_are_unique_and_well_formed():
    assert ROWS
    seen = set()
    for r in ROWS:
        assert list(r) == ["word", "context", "example"], r
        assert r["word"] == r["word"].lower().strip() and " " not in r["word"], r
        assert re.fullmatch(r"[a-z_]+", r["context"]), r
        assert r["example"].endswith("."), r
        assert r["word"] not in seen, f"duplicate word {r['word']!r}"
        seen.add(r["word"])
    assert PROBE not in {r["context"] for r in ROWS}


def test_the_coder_loads_every_row(coder):
    assert coder.contexts == {r["word"]: r["context"] for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[r["word"] for r in ROWS])
def test_example_codes_an_event_in_the_context(row, code_text):
    events = code_text(row["example"], PUBLISHED)
    assert events, f"no event from: {row['example']}"
    assert all(e.actor for e in events)
    got = _contexts(events)
    assert row["context"] in got, f"no {row['context']} context from: {row['example']} (got {got})"


@pytest.mark.parametrize("row", ROWS, ids=[r["word"] for r in ROWS])
def test_the_context_comes_from_this_row(row, code_text, coder, monkeypatch):
    # Another word, the trigger's own context or the 'diplomatic' default could give the
    # same context: relabel this row only and look for it.
    monkeypatch.setitem(coder.contexts, row["word"], PROBE)
    got = _contexts(code_text(row["example"], PUBLISHED))
    assert PROBE in got, f"{row['word']!r} did not set a context in: {row['example']} (got {got})"
