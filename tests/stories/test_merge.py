"""stories.merge: the rules of "same event", on hand-made reports (docs/stories.md).

Each case is two reports from two articles; the sentences are the team's own, in the
style of wire copy and its rewrites.
"""

from __future__ import annotations

import pytest
from handmade import ev

from bilateral.records import Entity
from bilateral.stories.merge import MergeRules, cluster, same_event, similarity

RULES = MergeRules(window_days=1, similarity=0.6)


def report(id, doc, event="ASSAULT", sides=("ISR",), to=("IRN",), **kw):
    e = ev(id, doc, event, sides, to=to, **kw)
    names = {"ISR": "Israel", "IRN": "Iran", "IND": "India", "PAK": "Pakistan", "CHN": "China", "SAU": "Saudi Arabia"}
    from dataclasses import replace

    return replace(
        e,
        actor=tuple(Entity(a.code, names.get(a.code, a.code)) for a in e.actor),
        recipient=tuple(Entity(r.code, names.get(r.code, r.code)) for r in e.recipient),
    )


STRIKE = "Israel struck an air defence site near Isfahan in Iran early on Friday, officials said."
STRIKE_REWRITE = "Israel struck an air defence site near the Iranian city of Isfahan early on Friday, two officials said."
STRIKE_TEHRAN = "Israeli jets hit a drone factory on the outskirts of Tehran on Saturday night."

# -- true merges -------------------------------------------------------------------------------

MERGES = {
    "wire copy, same day": (
        dict(date="2024-04-19", precision="day", text=STRIKE),
        dict(date="2024-04-19", precision="day", text=STRIKE_REWRITE),
    ),
    "same day, other words (the own day decides)": (
        dict(date="2024-04-19", precision="day", text=STRIKE),
        dict(date="2024-04-19", precision="day", text="Explosions were heard near Isfahan after an Israeli attack, Iran said."),
    ),
    "a day apart across time zones, alike words": (
        dict(date="2024-04-19", precision="day", text=STRIKE),
        dict(date="2024-04-18", precision="day", text=STRIKE_REWRITE),
    ),
    "publication-dated rewrite a day later": (
        dict(date="2024-04-19", precision="publication", text=STRIKE),
        dict(date="2024-04-20", precision="publication", text=STRIKE_REWRITE),
    ),
    "same year, any words": (
        dict(date="2016", precision="year", text="Israel carried out strikes on Iranian targets in 2016."),
        dict(date="2016", precision="year", text="In 2016 Israeli raids hit sites linked to Iran."),
    ),
    "undated, the same sentence": (
        dict(date=None, precision="unknown", text=STRIKE),
        dict(date=None, precision="unknown", text="  " + STRIKE.replace(" ", "  ") + " "),
    ),
}


@pytest.mark.parametrize("first, second", list(MERGES.values()), ids=list(MERGES))
def test_true_merges(first, second):
    a, b = report("a1", "doc-a", **first), report("b1", "doc-b", **second)
    assert same_event(a, b, RULES) and same_event(b, a, RULES)
    assert [len(c) for c in cluster([a, b], RULES)] == [2]


# -- near-misses that must stay apart -------------------------------------------------------------

MISSES = {
    "a day apart, other words": (
        dict(date="2024-04-19", precision="day", text=STRIKE),
        dict(date="2024-04-20", precision="day", text=STRIKE_TEHRAN),
    ),
    "alike words, three days apart": (
        dict(date="2024-04-19", precision="day", text=STRIKE),
        dict(date="2024-04-22", precision="day", text=STRIKE_REWRITE),
    ),
    "publication-dated, alike words, a week apart": (
        dict(date="2024-04-19", precision="publication", text=STRIKE),
        dict(date="2024-04-26", precision="publication", text=STRIKE_REWRITE),
    ),
    "publication-dated, same day, other words": (
        dict(date="2024-04-19", precision="publication", text=STRIKE),
        dict(date="2024-04-19", precision="publication", text=STRIKE_TEHRAN),
    ),
    "other status: it did not happen": (
        dict(date="2024-04-19", precision="day", text=STRIKE),
        dict(date="2024-04-19", precision="day", status="negated", text="Israel did not strike Isfahan on Friday, its army said."),
    ),
    "other category": (
        dict(date="2024-04-19", precision="day", text=STRIKE),
        dict(date="2024-04-19", precision="day", event="THREATEN", text="Israel threatened to strike Isfahan on Friday."),
    ),
    "other pair": (
        dict(date="2024-04-19", precision="day", text=STRIKE),
        dict(date="2024-04-19", precision="day", sides=("IND",), to=("PAK",), text="India struck a site in Pakistan early on Friday."),
    ),
    "other precision": (
        dict(date="2024-04", precision="month", text="Israel struck Iran in April 2024."),
        dict(date="2024-04-19", precision="day", text=STRIKE),
    ),
    "other year": (
        dict(date="2016", precision="year", text="Israel struck Iranian targets in 2016."),
        dict(date="2017", precision="year", text="Israel struck Iranian targets in 2017."),
    ),
    "undated, other sentences": (
        dict(date=None, precision="unknown", text=STRIKE),
        dict(date=None, precision="unknown", text=STRIKE_TEHRAN),
    ),
}


@pytest.mark.parametrize("first, second", list(MISSES.values()), ids=list(MISSES))
def test_near_misses_stay_apart(first, second):
    a, b = report("a1", "doc-a", **first), report("b1", "doc-b", **second)
    assert not same_event(a, b, RULES) and not same_event(b, a, RULES)
    assert [len(c) for c in cluster([a, b], RULES)] == [1, 1]


def test_two_reports_of_one_document_never_merge():
    a = report("a1", "doc-a", date="2024-04-19", precision="day", text=STRIKE)
    b = report("a2", "doc-a", date="2024-04-19", precision="day", text=STRIKE_REWRITE)
    assert not same_event(a, b, RULES)


def test_similarity_leaves_out_the_sides_and_the_function_words():
    a = report("a1", "doc-a", date=None, precision="unknown", text="Israel struck Iran.")
    b = report("b1", "doc-b", date=None, precision="unknown", text="On Friday, Israel struck Iran, officials said.")
    assert similarity(a, b) == 1.0  # only "struck" is left on both sides
    c = report("c1", "doc-c", date=None, precision="unknown", text=STRIKE_TEHRAN)
    assert similarity(a, c) == 0.0


def test_the_window_and_threshold_are_settings():
    a = report("a1", "doc-a", date="2024-04-19", precision="day", text=STRIKE)
    b = report("b1", "doc-b", date="2024-04-22", precision="day", text=STRIKE_REWRITE)
    assert not same_event(a, b, MergeRules(window_days=1))
    assert same_event(a, b, MergeRules(window_days=3))
    c = report("c1", "doc-c", date="2024-04-19", precision="publication", text=STRIKE)
    d = report("d1", "doc-d", date="2024-04-19", precision="publication", text=STRIKE_REWRITE)
    s = similarity(c, d)
    assert same_event(c, d, MergeRules(similarity=s)) and not same_event(c, d, MergeRules(similarity=s + 0.01))


def test_a_wire_story_told_by_five_outlets_is_one_event_and_a_second_strike_stays_apart():
    outlets = [report(f"w{i}", f"doc-{i}", date="2024-04-19", precision="day", text=STRIKE, published=f"2024-04-{19 + i % 2}")
               for i in range(5)]
    second = report("x", "doc-x", date="2024-04-21", precision="day", text=STRIKE_TEHRAN)
    groups = cluster(outlets + [second], RULES)
    assert sorted(len(g) for g in groups) == [1, 5]
    big = max(groups, key=len)
    assert big[0].published == "2024-04-19"  # the seed is the earliest report
