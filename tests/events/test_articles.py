"""Whole articles written by the team, coded against what a careful human coder expects.

Each fixture has an .expected.json beside it: events that must come out (category,
sides, status, date) and sentences that must yield nothing `reported`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"
CASES = sorted(p.stem.removesuffix(".expected") for p in FIXTURES.glob("*.expected.json"))


def _load(name):
    text = (FIXTURES / f"{name}.txt").read_text("utf-8")
    spec = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    return text, spec


def _matches(e, want, published):
    if e.event != want["event"] or want["quote"] not in e.evidence.text:
        return False
    sides = {a.code for a in e.actor} | {r.code for r in e.recipient}
    if want["symmetric"]:
        if not (e.symmetric and set(want["actor"]) | set(want["recipient"]) <= sides):
            return False
    elif {a.code for a in e.actor} != set(want["actor"]) or {r.code for r in e.recipient} != set(want["recipient"]):
        return False
    if e.status != want["status"]:
        return False
    if want["date"] is None:
        return e.date_precision == "publication" and e.date == published
    return e.date == want["date"] and e.date_precision == want["date_precision"]


@pytest.fixture(scope="module", params=CASES)
def coded(request, code_text):
    text, spec = _load(request.param)
    return request.param, spec, code_text(text, spec["published"])


def test_expected_events_come_out(coded):
    name, spec, events = coded
    missing = [w["quote"] for w in spec["must"] if not any(_matches(e, w, spec["published"]) for e in events)]
    assert not missing, f"{name}: missing {missing}\n got: " + "\n".join(
        f"{e.event} {e.status} {[a.code for a in e.actor]}->{[r.code for r in e.recipient]} {e.date} {e.date_precision} | {e.evidence.text[:80]}"
        for e in events
    )


def test_nothing_reported_from_proposals_or_noise(coded):
    name, spec, events = coded
    bad = [(q, e.event) for q in spec["must_not_reported"] for e in events if q in e.evidence.text and e.status == "reported"]
    assert not bad, f"{name}: reported events from {bad}"


def test_evidence_offsets_point_into_the_cleaned_text(coded, code_text):
    name, spec, events = coded
    from bilateral.config import Config
    from bilateral.sources import RawInput
    from bilateral.text import prepare

    text, _ = _load(name)
    doc = prepare(RawInput("t", text, "text"), Config(), spec["published"])
    assert events
    for e in events:
        assert doc.text[e.evidence.start : e.evidence.end] == e.evidence.text
        assert e.evidence.trigger.split()[0] in e.evidence.text
        assert e.doc_id == doc.doc_id and e.published == spec["published"]


def test_repeated_paragraph_yields_its_events_once(code_text):
    text, spec = _load("anniversary_egypt_india")
    events = code_text(text, spec["published"])
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids))
    keys = [(e.event, e.evidence.text) for e in events]
    assert len(keys) == len(set(keys)), "a repeated paragraph was coded twice"
