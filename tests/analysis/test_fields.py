"""data/fields.tsv: the six fields of the scorecard and the rules that reach them.

Every rule row carries a sentence of our own that must code to an event that lands in
the row's field through that row.
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest
from handmade import ev

from bilateral.analysis.fields import build_fields, field_rows, fields
from bilateral.records import CATEGORIES

ROWS = field_rows()
RULES = [r for r in ROWS if r["kind"] != "field"]
PROBE = "__probe__"
PUBLISHED = "2024-06-01"


def _data(name):
    text = resources.files("bilateral.data").joinpath(name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_six_fields_of_the_seed_in_order():
    assert fields().labels == {
        "economy": "economy and trade",
        "energy": "energy",
        "security": "military and security",
        "diplomacy": "diplomacy and high-level contact",
        "people": "people-to-people (culture, education, tourism)",
        "forums": "regional and multilateral forums",
    }


def test_rows_are_well_formed():
    assert list(ROWS[0]) == ["kind", "value", "field", "example"]
    keys = [r["value"] for r in ROWS if r["kind"] == "field"]
    assert len(keys) == len(set(keys)) == 6
    contexts = {r["context"] for r in _data("contexts.tsv")} | {"multilateral"}
    contexts |= {c for r in _data("triggers.tsv") for c in r["context"].split("|") if c}
    modes = {r["mode"] for r in _data("triggers.tsv") if r["mode"]} | {r["mode"] for r in _data("plover.tsv") if r["mode"]}
    seen = set()
    for r in ROWS:
        assert r["kind"] in ("field", "context", "mode", "category"), r
        if r["kind"] == "field":
            assert not r["example"] and r["field"], r
            continue
        assert r["field"] in keys, r
        assert r["example"].endswith("."), r
        known = {"context": contexts, "mode": modes, "category": set(CATEGORIES)}[r["kind"]]
        assert r["value"] in known, f"{r['kind']} {r['value']!r} is not produced by the coder"
        assert (r["kind"], r["value"], r["field"]) not in seen, r
        seen.add((r["kind"], r["value"], r["field"]))


def test_context_and_mode_rules_add_up_and_category_is_a_fallback():
    f = fields()
    assert f.of(ev("a", "d", "AGREE", context=("economic", "energy"))) == ("economy", "energy")
    assert f.of(ev("b", "d", "CONSULT", context=("diplomatic",), mode="multilateral")) == ("diplomacy", "forums")
    assert f.of(ev("c", "d", "ASSAULT", context=())) == ("security",)
    assert f.of(ev("d", "d", "ASSAULT", context=("economic",))) == ("economy",)  # a context rule wins
    assert f.of(ev("e", "d", "COOPERATE", context=())) == ()  # no rule: counted as "no field"


@pytest.mark.parametrize("row", RULES, ids=[f"{r['kind']}-{r['value']}-{r['field']}" for r in RULES])
def test_example_reaches_the_field_through_this_row(row, code_text):
    events = code_text(row["example"], PUBLISHED)
    assert events, f"no event from: {row['example']}"
    assert all(e.actor and e.status == "reported" for e in events), row["example"]
    assert any(row["field"] in fields().of(e) for e in events), f"{row['example']} is not in {row['field']}"
    # Relabel this row only: the probe field must appear, so this row (not another) put it there.
    relabelled = [dict(r, field=PROBE) if r is row else r for r in ROWS]
    relabelled.append({"kind": "field", "value": PROBE, "field": PROBE, "example": ""})
    probe = build_fields(relabelled)
    assert any(PROBE in probe.of(e) for e in events), f"{row} did not place: {row['example']}"
