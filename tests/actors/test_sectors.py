"""Every sector lexicon entry (data/sectors.tsv) carries a sentence of our own that must code to it."""

from __future__ import annotations

import re

import pytest

from bilateral.events.tables import data_rows

ROWS = data_rows("sectors.tsv")
PUBLISHED = "2024-06-01"
PROBE = "ZZZ"  # a sector no row uses: proves that a given row, and not another, set it


def _sectors(events) -> set[str | None]:
    return {ent.sector for e in events for ent in (*e.actor, *e.recipient)}


def test_rows_are_unique_and_well_formed():
    assert ROWS
    seen = set()
    for r in ROWS:
        assert list(r) == ["word", "sector", "example"], r
        assert r["word"] == r["word"].lower() and r["word"] == " ".join(r["word"].split()), r
        assert re.fullmatch(r"[A-Z]{3}", r["sector"]), r
        assert r["example"].endswith("."), r
        assert r["word"] not in seen, f"duplicate word {r['word']!r}"
        seen.add(r["word"])
    assert PROBE not in {r["sector"] for r in ROWS}


def test_the_finder_loads_every_row(coder):
    assert coder.finder.sectors == {r["word"]: r["sector"] for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[r["word"] for r in ROWS])
def test_example_codes_an_entity_in_the_sector(row, code_text):
    events = code_text(row["example"], PUBLISHED)
    assert events, f"no event from: {row['example']}"
    got = _sectors(events)
    assert row["sector"] in got, f"no {row['sector']} actor or recipient in: {row['example']} (got {got})"


@pytest.mark.parametrize("row", ROWS, ids=[r["word"] for r in ROWS])
def test_the_sector_comes_from_this_row(row, code_text, coder, monkeypatch):
    # "air force" and "force" would both give MIL: relabel this row only and look for it.
    monkeypatch.setitem(coder.finder.sectors, row["word"], PROBE)
    got = _sectors(code_text(row["example"], PUBLISHED))
    assert PROBE in got, f"{row['word']!r} did not set the sector in: {row['example']} (got {got})"
