"""A state named in a retrospective passage stands for the state that held its capital then
(data/successions.tsv); news of the day keeps the name it uses."""

from __future__ import annotations

import pytest

from bilateral.events.tables import data_rows

ROWS = data_rows("successions.tsv")
LATER = "2020-06-01"


def _codes(events) -> set[str]:
    return {x.code for e in events for x in (*e.actor, *e.recipient)}


def test_rows_are_well_formed():
    states = {r["code"] for r in data_rows("countries.tsv")}
    former = {r["code"] for r in data_rows("historical_states.tsv")}
    for r in ROWS:
        assert list(r) == ["state", "then", "start", "end", "example"], r
        assert r["state"] in states and r["then"] in former, r
        assert r["start"].isdigit() and r["end"].isdigit() and r["start"] < r["end"], r


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['state']}-{r['then']}" for r in ROWS])
def test_example_codes_the_state_of_then(row, code_text):
    codes = _codes(code_text(row["example"], LATER))
    assert row["then"] in codes and row["state"] not in codes, (row["example"], codes)


def test_news_of_the_day_keeps_the_name_it_uses(code_text):
    # the same sentence in a paper of 1995 is about Serbia as it calls it
    codes = _codes(code_text("Belgrade and Sarajevo restored diplomatic relations on Monday.", "1995-06-01"))
    assert "SRB" in codes and "YUG" not in codes


def test_an_undated_act_keeps_the_name(code_text):
    codes = _codes(code_text("Belgrade and Sarajevo have restored diplomatic relations.", LATER))
    assert "SRB" in codes and "YUG" not in codes


def test_after_the_succession_the_state_is_itself(code_text):
    codes = _codes(code_text("Belgrade and Sarajevo signed a transport agreement in 2012.", LATER))
    assert "SRB" in codes and not codes & {"YUG", "SCG"}


SUCCESSORS = data_rows("successors.tsv")


def test_successor_rows_are_well_formed():
    states = {r["code"] for r in data_rows("countries.tsv")}
    former = {r["code"] for r in data_rows("historical_states.tsv")}
    for r in SUCCESSORS:
        assert list(r) == ["former", "successor", "example"], r
        assert r["former"] in former and r["successor"] in states, r


@pytest.mark.parametrize("row", SUCCESSORS, ids=[f"{r['former']}-{r['successor']}" for r in SUCCESSORS])
def test_a_former_state_read_back_after_it_ended_is_its_successor(row, code_text):
    events = code_text(row["example"], LATER)
    later = [e for e in events if any(x.text.lower() == "the two countries" for x in e.actor)]
    assert later, [(e.event, e.date) for e in events]
    codes = _codes(later)
    assert row["successor"] in codes and row["former"] not in codes, (row["example"], codes)
    # the act while it existed keeps its name
    assert row["former"] in _codes([e for e in events if e not in later])


def test_a_former_state_named_outright_keeps_its_name(code_text):
    codes = _codes(code_text("Zaire expelled the Belgian ambassador.", LATER))
    assert "ZAR" in codes and "COD" not in codes
