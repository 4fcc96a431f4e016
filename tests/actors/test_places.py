"""Provinces, regions and cities (data/places.tsv): a place is coded as its state where it is
a side of the act, never where it is only the venue. Each row carries a sentence of our own."""

from __future__ import annotations

import pytest

from bilateral.actors.gazetteer import fold
from bilateral.events.tables import data_rows

ROWS = data_rows("places.tsv")
PUBLISHED = "2024-06-01"
KINDS = {"city", "province", "region", "state", "prefecture"}


def _sides(events) -> set[str]:
    return {x.code for e in events for x in (*e.actor, *e.recipient)}


def test_rows_are_well_formed():
    states = {r["code"] for r in data_rows("countries.tsv")}
    assert ROWS
    seen: set[str] = set()
    for r in ROWS:
        assert list(r) == ["place", "code", "kind", "example"], r
        assert r["code"] in states and r["kind"] in KINDS, r
        assert r["place"] == r["place"].strip() and r["place"][0].isupper(), r
        assert r["place"] in r["example"] and r["example"].endswith("."), r
        assert r["place"] not in seen, f"duplicate {r['place']!r}"
        seen.add(r["place"])


def test_no_place_names_a_state_an_organisation_or_a_group():
    others = set()
    for name, fields in (
        ("countries.tsv", ("name", "aliases", "demonyms", "capitals", "seats")),
        ("historical_states.tsv", ("name", "aliases", "demonyms", "capitals", "seats")),
        ("organisations.tsv", ("name", "aliases")),
        ("groups.tsv", ("name", "aliases")),
    ):
        for r in data_rows(name):
            for f in fields:
                others |= {fold(t) for t in r[f].split("|") if t}
    assert not [r["place"] for r in ROWS if fold(r["place"]) in others]


def test_a_place_is_no_country_for_look_ups():
    from bilateral.actors import gazetteer
    from bilateral.errors import UnknownCountry

    with pytest.raises(UnknownCountry):
        gazetteer().resolve_country("Lahore")


@pytest.mark.parametrize("row", ROWS, ids=[r["place"] for r in ROWS])
def test_example_codes_the_place_as_its_state(row, code_text):
    events = code_text(row["example"], PUBLISHED)
    sides = [x for e in events for x in (*e.actor, *e.recipient) if x.text == row["place"]]
    assert sides, f"{row['place']} is no side in: {row['example']} ({events})"
    assert {x.code for x in sides} == {row["code"]}
    assert len(_sides(events)) == 2  # and the other side is the state the sentence names


@pytest.mark.parametrize(
    "text, sides",
    [
        ("France and Germany signed a trade agreement in Mumbai on Friday.", {"FRA", "DEU"}),
        ("Japan and South Korea held talks in Lahore on Monday.", {"JPN", "KOR"}),
        ("The Egyptian foreign minister met his Sudanese counterpart at a hotel in Jeddah.", {"EGY", "SDN"}),
    ],
)
def test_a_venue_is_no_side(text, sides, code_text):
    events = code_text(text, PUBLISHED)
    assert events and _sides(events) == sides, [(e.event, _sides([e])) for e in events]


def test_a_venue_does_not_stand_in_for_a_missing_recipient(code_text):
    # one state named and a city: the city is where, not whom (no IND recipient borrowed)
    events = code_text("Nepal's prime minister gave a speech in Kolkata on Tuesday praising the new treaty.", PUBLISHED)
    assert "IND" not in {r.code for e in events for r in e.recipient}


def test_an_unnamed_attacker_is_the_state_where_the_attack_happened(code_text):
    events = code_text("A suicide car bomb outside Kandahar killed two Canadian soldiers on Tuesday.", PUBLISHED)
    assert any(
        e.event == "ASSAULT" and [a.code for a in e.actor] == ["AFG"] and [r.code for r in e.recipient] == ["CAN"]
        for e in events
    ), [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in events]


def test_an_attack_site_is_read_in_the_attack_s_own_clause(code_text):
    # the truce was signed in Tunis; the killing did not happen there
    events = code_text("By the time Chad and Sudan signed a truce in Tunis, thousands of Chadians had been killed.", PUBLISHED)
    assert not any(e.event == "ASSAULT" and "TUN" in {a.code for a in e.actor} for e in events)


def test_a_province_owns_its_government(code_text):
    events = code_text("The government of Balochistan province accused Iran of shelling border villages.", PUBLISHED)
    assert any([a.code for a in e.actor] == ["PAK"] and [r.code for r in e.recipient] == ["IRN"] for e in events)


def test_a_place_acted_on_deep_in_the_phrase_gives_the_recipient(code_text):
    events = code_text("Japan pledged 500 million US dollars in 2006 for rebuilding Aceh.", PUBLISHED)
    e = events[0]
    assert [a.code for a in e.actor] == ["JPN"] and [r.code for r in e.recipient] == ["IDN"]


def test_money_named_by_a_demonym_is_no_side(code_text):
    # "Australian dollars" are money, not Australia acted on
    events = code_text("Japan lent two billion Australian dollars to Indonesia in 2009.", PUBLISHED)
    assert not any("AUS" in {x.code for x in (*e.actor, *e.recipient)} for e in events)
    assert any([r.code for r in e.recipient] == ["IDN"] for e in events)
