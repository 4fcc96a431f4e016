"""Non-state groups (data/groups.tsv): each is coded as its state, with its sector, and
each row carries a sentence of our own that must code to an event with the group as a side."""

from __future__ import annotations

import re

import pytest

from bilateral.actors.gazetteer import fold
from bilateral.events.tables import data_rows

ROWS = data_rows("groups.tsv")
PUBLISHED = "2024-06-01"
SECTORS = {"REB", "PTY", "OPP", "LAB", "GOV", "CVL"}


def _split(v: str) -> list[str]:
    return [p for p in v.split("|") if p]


def test_rows_are_well_formed():
    states = {r["code"] for r in data_rows("countries.tsv")}
    assert ROWS
    seen: set[str] = set()
    for r in ROWS:
        assert list(r) == ["name", "code", "sector", "aliases", "example"], r
        assert r["code"] in states, f"{r['name']}: {r['code']} is no state"
        assert r["sector"] in SECTORS, r
        assert r["example"].endswith("."), r
        for text in [r["name"], *_split(r["aliases"])]:
            assert text == text.strip() and not text.startswith("the "), text
            assert text not in seen, f"duplicate {text!r}"  # (case variants are matched apart)
            seen.add(text)


def test_no_group_name_names_a_state_or_organisation():
    others = set()
    for name, fields in (
        ("countries.tsv", ("name", "aliases", "demonyms", "capitals", "seats")),
        ("historical_states.tsv", ("name", "aliases", "demonyms", "capitals", "seats")),
        ("organisations.tsv", ("name", "aliases")),
    ):
        for r in data_rows(name):
            for f in fields:
                others |= {fold(t) for t in _split(r[f])}
    clashes = [t for r in ROWS for t in [r["name"], *_split(r["aliases"])] if fold(t) in others]
    assert not clashes, clashes


def test_a_group_is_no_country_for_look_ups():
    from bilateral.actors import gazetteer
    from bilateral.errors import UnknownCountry

    with pytest.raises(UnknownCountry):
        gazetteer().resolve_country("Hamas")


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_example_codes_the_group_as_its_state(row, code_text):
    names = {fold(t) for t in [row["name"], *_split(row["aliases"])]}
    events = code_text(row["example"], PUBLISHED)
    sides = [x for e in events for x in (*e.actor, *e.recipient) if fold(x.text) in names]
    assert sides, f"the group is no side in: {row['example']} ({events})"
    assert all(x.code == row["code"] for x in sides), [(x.code, x.text) for x in sides]
    if row["sector"] != "CVL":  # a people takes the sector of its head noun ("Karen fighters")
        assert all(x.sector == row["sector"] for x in sides), [(x.sector, x.text) for x in sides]
    # the other side of the example is a state of its own
    assert any(re.fullmatch(r"[A-Z]{3}", x.code) and fold(x.text) not in names for e in events for x in (*e.actor, *e.recipient))


def test_a_group_beside_a_person_name_is_part_of_it(code_text):
    # "Karen" is a people and a given name: "Karen Morris" is a person, not Myanmar
    events = code_text("Karen Morris accused Thailand of hiding the report.", PUBLISHED)
    assert all(x.code != "MMR" for e in events for x in (*e.actor, *e.recipient))


def test_a_state_demonym_before_a_group_gives_the_group_that_state(code_text):
    # "Syrian Hezbollah units" would still be Lebanon's group; the demonym names where the
    # group sits only for a group without a row of its own (as "Pakistani Taliban")
    events = code_text("Hamas gunmen attacked an Israeli patrol near the fence on Monday.", PUBLISHED)
    assert any(a.code == "PSE" and a.sector == "REB" and r.code == "ISR" for e in events for a in e.actor for r in e.recipient)
