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
