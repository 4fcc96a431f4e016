"""analysis.pair: the pair analysis on small hand-made stores whose answers are worked out here."""

from __future__ import annotations

import json

import pytest
from handmade import ev, fill

from bilateral.analysis import analyse_pair, resolve_pair
from bilateral.config import Config
from bilateral.errors import BilateralError, SameCountry, UnknownCountry
from bilateral.store import Store

CONFIG = Config(min_events_trend=4, trend_threshold=1.0, anniversary_step=25, max_swings=3, max_most_cited=5)


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "pair.db")) as s:
        yield s


@pytest.fixture
def small(store):
    """Three documents on Pakistan–Russia, one on India–Pakistan.

    reported, distinct: 2015 CONSULT +2.5 · 2016 ASSAULT −9 (told by all three documents)
    · 2016 COOPERATE +9.5 (military) · 2017 SUPPORT +5 · 2018 AID +10 (economic)
    proposals: a hypothetical COOPERATE (military), a future CONSULT; negated: a SANCTION.
    """
    return fill(store, [
        ev("talks", "doc-1", "CONSULT", date="2015"),
        ev("clash-1", "doc-1", "ASSAULT", date="2016", context=()),
        ev("drill", "doc-1", "COOPERATE", date="2016", context=("military",), mode="exercise",
           text="In 2016 Pakistan and Russia held their first-ever joint exercise.", trigger="held"),
        ev("idea", "doc-1", "COOPERATE", status="hypothetical", date="2016-05-01", precision="publication",
           context=("military",), published="2016-05-01", text="Pakistan and Russia could hold more drills."),
        ev("clash-2", "doc-2", "ASSAULT", date="2016", context=(), published="2016-06-01"),
        ev("praise", "doc-2", "SUPPORT", date="2017", published="2016-06-01"),
        ev("visit", "doc-2", "CONSULT", ("RUS",), to=("PAK",), status="future", date="2019", published="2016-06-01"),
        ev("clash-3", "doc-3", "ASSAULT", date="2016", context=(), published="2019-01-01"),
        ev("aid", "doc-3", "AID", ("RUS",), to=("PAK",), date="2018", context=("economic",), published="2019-01-01"),
        ev("no", "doc-3", "SANCTION", ("RUS",), to=("PAK",), status="negated", date="2018", published="2019-01-01"),
        ev("other", "doc-4", "ACCUSE", ("IND",), to=("PAK",), date="2016"),
    ])


def test_index_counts_each_event_once_and_only_reported_ones(small):
    a = analyse_pair(small, "PAK", "RUS", config=CONFIG)
    assert a.counts["reported"] == 5 and a.counts["reports"] == 7  # the clash told three times
    assert a.counts["proposals"] == 2 and a.counts["negated"] == 1
    assert a.counts["documents"] == 3 and a.counts["records"] == 10
    # (2.5 − 9 + 9.5 + 5 + 10) / 5 = 3.6
    assert a.index == 3.6
    periods = {p.label: p for p in a.timeline.periods}
    assert list(periods) == ["2015", "2016", "2017", "2018"]
    assert periods["2016"].index == 0.25 and periods["2016"].events == 2 and periods["2016"].reports == 4  # (−9 + 9.5) / 2
    assert periods["2015"].index == 2.5 and periods["2018"].index == 10.0
    # Proposals and negated events are in no period.
    placed = {i for p in a.timeline.periods for i in p.event_ids}
    assert not placed & {"idea", "visit", "no"}


def test_trend_and_its_counts(small):
    a = analyse_pair(small, "PAK", "RUS", config=CONFIG)
    # dated, in order: 2015 +2.5 · 2016 −9, +9.5 · 2017 +5 · 2018 +10 → halves of 2 and 3
    t = a.trend
    assert (t.n_earlier, t.n_later) == (2, 3)
    assert t.earlier == -3.25 and t.later == 8.17 and t.direction == "rising"
    assert not a.few


def test_few_events_give_counts_not_a_trend(small):
    a = analyse_pair(small, "PAK", "RUS", config=Config(min_events_trend=6))
    assert a.few and a.trend.direction is None and a.trend.events == 5
    assert a.milestones.swings == []  # no swings read from too few events
    d = a.to_dict()
    assert d["few_events"] is True and d["min_events_for_trend"] == 6


def test_scorecard_levels_by_field(small):
    a = analyse_pair(small, "PAK", "RUS", config=CONFIG)
    card = {f.key: f for f in a.scorecard}
    assert list(card)[:6] == ["economy", "energy", "security", "diplomacy", "people", "forums"]
    # security: the clash (category fallback, no context) and the drill (military) → (−9 + 9.5) / 2
    assert card["security"].events == 2 and card["security"].level == 0.25
    assert card["security"].strongest == "clash-2"  # told three times
    assert card["security"].proposals == ["idea"]
    # diplomacy: the talks and the praise → (2.5 + 5) / 2
    assert card["diplomacy"].level == 3.75 and card["diplomacy"].cooperative == 2
    assert card["economy"].level == 10.0 and card["economy"].strongest == "aid"
    assert card["energy"].events == 0 and card["energy"].level is None
    assert "none" not in card  # every reported event found a field


def test_milestones_firsts_and_most_cited(small):
    a = analyse_pair(small, "PAK", "RUS", config=CONFIG)
    m = a.milestones
    assert [f.event_ids for f in m.firsts] == [["drill"]]
    assert [(c.event_ids, c.detail["reports"]) for c in m.most_cited] == [(["clash-2"], 3)]
    assert m.establishment is None and m.anniversaries == []
    assert [(s.before, s.after, s.change) for s in m.swings] == [("2017", "2018", 5.0), ("2016", "2017", 4.75), ("2015", "2016", -2.25)]


def test_firsts_are_close_to_the_trigger(store):
    fill(store, [
        ev("near", "d1", "CONSULT", date="2016", text="Pakistan and Russia held their first talks in 2016.", trigger="held"),
        ev("far", "d1", "AGREE", date="2017", trigger="agreed",
           text="Pakistan and Russia agreed in 2017 to a deal on a pipeline that had been proposed first by the late minister."),
        ev("at", "d1", "SUPPORT", date="2018", text="At first Russia praised Pakistan in 2018.", trigger="praised"),
    ])
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    assert [f.event_ids[0] for f in a.milestones.firsts] == ["near"]


ESTABLISHED = "Pakistan and Russia established diplomatic relations in 1948."


def test_establishment_and_round_anniversaries(store):
    fill(store, [
        ev("est", "d1", "SUPPORT", date="1948", cameo="054", text=ESTABLISHED, trigger="established", published="2023-05-01"),
        ev("mark", "d1", "SUPPORT", date="2023-05-01", precision="day", published="2023-05-01",
           text="Pakistan and Russia marked the 75th anniversary of their relations today."),
        ev("fifty", "d2", "SUPPORT", date="1998", published="2023-05-01", text="In 1998 Russia praised Pakistan."),
    ])
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    m = a.milestones
    assert m.establishment.event_ids == ["est"] and m.establishment.detail["year"] == 1948
    assert [(x.date, x.detail["years"], x.detail["marked_by"]) for x in m.anniversaries] == [
        ("1973", 25, []), ("1998", 50, []), ("2023", 75, ["mark"]),
    ]
    assert m.anniversaries[-1].event_ids == ["est", "mark"]
    # The establishment is a milestone of its own, not also a "first".
    assert m.firsts == []
    # From 2000 on only the 75th falls in the window; the establishment is still cited.
    later = analyse_pair(store, "PAK", "RUS", since="2000-01-01", config=CONFIG)
    assert [x.date for x in later.milestones.anniversaries] == ["2023"]
    assert "est" in later.events and later.counts["reported"] == 1
    # Up to 2000: the 25th and 50th.
    earlier = analyse_pair(store, "PAK", "RUS", until="2000-12-31", config=CONFIG)
    assert [x.date for x in earlier.milestones.anniversaries] == ["1973", "1998"]


def test_an_establishment_needs_cameo_054_and_the_words(store):
    fill(store, [
        ev("praise", "d1", "SUPPORT", date="1950", text="Pakistan and Russia praised their relations in 1950."),
        ev("recog", "d1", "SUPPORT", date="1949", cameo="054", text="Russia recognised Pakistan in 1949."),
    ])
    assert analyse_pair(store, "PAK", "RUS", config=CONFIG).milestones.establishment is None


def test_proposals_and_whether_they_were_carried_out(store):
    fill(store, [
        ev("idea", "d1", "COOPERATE", status="hypothetical", date="2016-05-01", precision="publication",
           context=("military",), published="2016-05-01", text="Pakistan and Russia could hold joint drills."),
        ev("same-doc", "d1", "COOPERATE", date="2016-05-01", precision="publication", context=("military",),
           published="2016-05-01", text="Russia sells arms to Pakistan."),
        ev("before", "d2", "COOPERATE", date="2015", context=("military",)),
        ev("elsewhere", "d3", "COOPERATE", date="2018", context=("economic",)),
        ev("done", "d4", "COOPERATE", date="2017", context=("military",)),
        ev("plan", "d4", "CONSULT", status="future", date="2019", published="2017-06-01"),
    ])
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    props = {p.id: p for p in a.proposals}
    assert props["idea"].carried_out == ["done"] and props["idea"].proposed == "2016-05-01"
    assert props["plan"].carried_out == [] and props["plan"].status == "future"
    # Left out with --status reported; the carried-out event stays an ordinary event.
    only = analyse_pair(store, "PAK", "RUS", statuses="reported", config=CONFIG)
    assert only.proposals == [] and only.counts["proposals"] == 0 and only.counts["reported"] == 4


def test_a_pair_with_no_events(store):
    fill(store, [ev("x", "d1", "CONSULT", ("IND", "CHN"))])
    a = analyse_pair(store, "PAK", "CHL", config=CONFIG)
    assert a.empty and a.counts["reported"] == 0 and a.index is None and a.timeline.periods == []
    d = json.loads(json.dumps(a.to_dict()))
    assert d["pair"] == ["CHL", "PAK"] and d["events"] == [] and d["proposals"] == []


def test_to_dict_is_json_and_cites_only_known_events(small):
    d = json.loads(json.dumps(analyse_pair(small, "RUS", "PAK", config=CONFIG).to_dict()))
    assert d["pair"] == ["PAK", "RUS"] and d["labels"] == {"PAK": "Pakistan", "RUS": "Russia"}
    known = {e["id"] for e in d["events"]}
    cited = {i for p in d["timeline"]["periods"] for i in p["event_ids"]}
    cited |= {i for f in d["scorecard"] for i in f["event_ids"] + f["proposals"]}
    cited |= {p["id"] for p in d["proposals"]} | {i for p in d["proposals"] for i in p["carried_out"]}
    cited |= {i for k in ("firsts", "anniversaries", "most_cited") for m in d["milestones"][k] for i in m["event_ids"]}
    assert cited <= known
    clash = next(e for e in d["events"] if e["id"] == "clash-2")
    assert clash["reports"] == 3 and len(clash["evidence"]) == 3
    assert set(clash["evidence"][0]) >= {"text", "title", "site", "url", "published"}


@pytest.mark.parametrize(
    "a, b, error, words",
    [
        ("PAK", "PAK", SameCountry, "given twice"),
        ("Pakistan", "pak", SameCountry, "'Pakistan' and 'pak' are both Pakistan"),
        ("Narnia", "RUS", UnknownCountry, "Narnia"),
    ],
)
def test_resolve_pair_errors(a, b, error, words):
    with pytest.raises(error) as info:
        resolve_pair(a, b)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_resolve_pair_by_name_and_code():
    assert resolve_pair("Pakistan", "rus") == ("PAK", "RUS")


def test_bad_options_are_errors(small):
    with pytest.raises(BilateralError, match="unknown period 'week'"):
        analyse_pair(small, "PAK", "RUS", by="week")
    with pytest.raises(BilateralError, match="unknown status 'maybe'"):
        analyse_pair(small, "PAK", "RUS", statuses="reported,maybe")
