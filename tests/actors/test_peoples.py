"""Peoples named by a demonym ("ethnic Hungarians", "the Serbs of Kosovo") and "anti-X"
modifiers: whose side they are on."""

from __future__ import annotations

PUBLISHED = "2024-06-01"


def _acts(events):
    return [(e.event, sorted(a.code for a in e.actor), sorted(r.code for r in e.recipient)) for e in events]


def test_an_ethnic_people_protesting_in_a_state_is_that_state(code_text):
    events = code_text("Several hundred ethnic Hungarians demonstrated in Slovakia on Sunday.", PUBLISHED)
    assert ("PROTEST", ["SVK"], []) in _acts(events), _acts(events)


def test_a_people_of_a_state_is_that_state(code_text):
    events = code_text("The Hungarians of eastern Slovakia asked for more schools in their language.", PUBLISHED)
    assert any(a == ["SVK"] for _, a, _ in _acts(events)), _acts(events)
    assert not any("HUN" in a + r for _, a, r in _acts(events))


def test_an_ethnic_people_in_a_state_is_that_state(code_text):
    events = code_text("Ethnic Russians in Estonia accused the government of closing their schools.", PUBLISHED)
    assert any(a == ["EST"] for _, a, _ in _acts(events)), _acts(events)


def test_an_ethnic_people_with_no_state_named_stands_for_itself(code_text):
    # nothing names where they live: the people is kept rather than the event lost
    events = code_text("Ethnic Uzbeks accused Kyrgyzstan of burning their homes.", PUBLISHED)
    assert ("ACCUSE", ["UZB"], ["KGZ"]) in _acts(events), _acts(events)
    assert all(a.sector == "CVL" for e in events for a in e.actor)


def test_an_anti_x_figure_is_not_x(code_text):
    events = code_text("An anti-Iran cleric was shot dead in a market in Baghdad on Friday.", PUBLISHED)
    assert not any("IRN" in a + r for _, a, r in _acts(events)), _acts(events)


def test_anti_x_protests_keep_x_as_their_target(code_text):
    events = code_text("Vietnamese workers staged anti-China protests outside the embassy in Hanoi.", PUBLISHED)
    assert any(e == "PROTEST" and "CHN" in a + r for e, a, r in _acts(events)), _acts(events)
