"""analysis.country: partners ranked by volume and index, the network, shifts over time."""

from __future__ import annotations

import json

import pytest
from handmade import ev, fill

from bilateral.analysis import analyse_country
from bilateral.config import Config
from bilateral.store import Store

CONFIG = Config(min_events_trend=4, max_network_partners=3)


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "country.db")) as s:
        fill(s, [
            # Pakistan–Russia: three events (+2.5, +9.5, +5), one told twice
            ev("r1", "d1", "CONSULT", ("PAK", "RUS"), date="2015"),
            ev("r2", "d1", "COOPERATE", ("PAK", "RUS"), date="2016", context=("military",)),
            ev("r2b", "d2", "COOPERATE", ("PAK", "RUS"), date="2016", context=("military",)),
            ev("r3", "d2", "SUPPORT", ("PAK", "RUS"), date="2017"),
            # India → Pakistan: two hostile events (−3, −9)
            ev("i1", "d3", "ACCUSE", ("IND",), to=("PAK",), date="2016"),
            ev("i2", "d3", "ASSAULT", ("IND",), to=("PAK",), date="2019", context=()),
            # Pakistan → China and Russia in one event (+10): one event, in two partners' rows
            ev("c1", "d4", "AID", ("PAK",), to=("CHN", "RUS"), date="2019", context=("economic",)),
            # a proposal with Iran only
            ev("p1", "d4", "CONSULT", ("PAK", "IRN"), status="hypothetical", date="2019-01-01", precision="publication"),
            # between partners: India and China (not Pakistan's), China and Russia
            ev("x1", "d5", "ACCUSE", ("IND",), to=("CHN",), date="2018"),
            ev("x2", "d5", "CONSULT", ("CHN", "RUS"), date="2018"),
        ])
        yield s


def test_partners_ranked_by_volume_then_index(store):
    c = analyse_country(store, "PAK", config=CONFIG)
    rows = [(p.code, p.events, p.reports, p.index) for p in c.partners]
    assert rows == [
        ("RUS", 4, 5, 6.75),  # (2.5 + 9.5 + 5 + 10) / 4
        ("IND", 2, 2, -6.0),  # (−3 − 9) / 2
        ("CHN", 1, 1, 10.0),
        ("IRN", 0, 0, None),  # a proposal only
    ]
    iran = c.partners[-1]
    assert iran.proposals == 1 and iran.first is None
    rus = c.partners[0]
    assert (rus.first, rus.last) == ("2015-01-01", "2019-12-31") and rus.cooperative == 4
    assert rus.trend.direction == "rising"  # earlier (2.5, 9.5) → 6.0; later (5, 10) → 7.5


def test_totals_count_an_event_with_two_partners_once(store):
    c = analyse_country(store, "PAK", config=CONFIG)
    assert c.counts["reported"] == 6  # r1, r2, r3, i1, i2, c1
    assert c.counts["partners"] == 4 and c.counts["proposals"] == 1
    # (2.5 + 9.5 + 5 − 3 − 9 + 10) / 6 = 2.5
    assert c.index == 2.5
    assert [(p.label, p.events, p.index) for p in c.timeline.periods] == [
        ("2015", 1, 2.5), ("2016", 2, 3.25), ("2017", 1, 5.0), ("2019", 2, 0.5),
    ]
    assert [(s.before, s.after) for s in c.swings][:1] == [("2017", "2019")]  # −4.5, the largest


def test_network_edges_to_partners_and_among_them(store):
    c = analyse_country(store, "PAK", config=CONFIG)
    edges = {(e.a, e.b): (e.events, e.index) for e in c.network}
    assert edges == {
        ("PAK", "RUS"): (4, 6.75), ("PAK", "IND"): (2, -6.0), ("PAK", "CHN"): (1, 10.0),
        ("CHN", "IND"): (1, -3.0), ("CHN", "RUS"): (1, 2.5),
    }
    few = analyse_country(store, "PAK", config=Config(max_network_partners=1))
    assert [(e.a, e.b) for e in few.network] == [("PAK", "RUS")]


def test_filters_and_an_empty_country(store):
    c = analyse_country(store, "PAK", since="2019-01-01", statuses="reported", config=CONFIG)
    assert [(p.code, p.events) for p in c.partners] == [("CHN", 1), ("RUS", 1), ("IND", 1)]
    assert c.few and c.swings == [] and c.trend.direction is None
    empty = analyse_country(store, "CHL", config=CONFIG)
    assert empty.empty and empty.partners == [] and empty.network == []
    assert json.loads(json.dumps(empty.to_dict()))["partners"] == []


def test_to_dict_is_json(store):
    d = json.loads(json.dumps(analyse_country(store, "PAK", config=CONFIG).to_dict()))
    assert d["country"] == "PAK" and d["labels"]["RUS"] == "Russia"
    known = {e["id"] for e in d["events"]}
    assert {i for p in d["partners"] for i in p["event_ids"]} <= known
