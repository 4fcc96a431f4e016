"""analysis.distinct: one event once across documents, periods, the index, trends, swings."""

from __future__ import annotations

import pytest
from handmade import ev

from bilateral.analysis.distinct import (
    build_timeline,
    cooperation_index,
    distinct_events,
    period_bounds,
    period_label,
    swings,
    trend,
)

PAIR = ("PAK", "RUS")


def ids(items):
    return [d.id for d in items]


# -- one event once -------------------------------------------------------------------------


def test_the_same_dated_event_from_three_documents_is_one_event_with_three_reports():
    events = [
        ev("a1", "doc-a", "COOPERATE", date="2016", published="2016-10-01", confidence=0.7),
        ev("b1", "doc-b", "COOPERATE", date="2016", published="2016-09-30", confidence=0.9),
        ev("c1", "doc-c", "COOPERATE", date="2016", published="2017-01-05", confidence=0.8),
    ]
    [d] = distinct_events(events, PAIR)
    assert d.n_reports == 3
    assert d.id == "b1"  # the most confident report stands for the event
    assert [r.id for r in d.reports] == ["b1", "a1", "c1"]  # earliest published first
    assert d.start == "2016-01-01" and d.stop == "2016-12-31"


@pytest.mark.parametrize(
    "second, merged",
    [
        pytest.param(dict(), True, id="same-everything"),
        pytest.param(dict(sides=("RUS", "PAK")), True, id="pair-is-unordered"),
        pytest.param(dict(status="hypothetical"), False, id="other-status"),
        pytest.param(dict(event="AGREE"), False, id="other-category"),
        pytest.param(dict(date="2017"), False, id="other-date"),
        pytest.param(dict(date="2016-05", precision="month"), False, id="other-precision"),
        pytest.param(dict(text="Another sentence about it."), True, id="own-date-ignores-the-words"),
    ],
)
def test_what_makes_two_reports_one_event(second, merged):
    first = ev("a1", "doc-a", "CONSULT", date="2016", text="Pakistan and Russia held talks in 2016.")
    kw = dict(date="2016", text="Pakistan and Russia held talks in 2016.") | second
    other = ev("b1", "doc-b", kw.pop("event", "CONSULT"), **kw)
    assert len(distinct_events([first, other], PAIR)) == (1 if merged else 2)


@pytest.mark.parametrize("precision", ["publication", "unknown"])
def test_events_without_an_own_date_merge_only_on_the_same_sentence(precision):
    date = "2024-03-12" if precision == "publication" else None
    same = "Russia has emerged as a supplier of arms to Pakistan."
    a = ev("a1", "doc-a", "COOPERATE", date=date, precision=precision, text=same)
    b = ev("b1", "doc-b", "COOPERATE", date=date, precision=precision, text="  Russia has emerged as a supplier of\narms to Pakistan. ")
    c = ev("c1", "doc-c", "COOPERATE", date=date, precision=precision, text="Russia sold arms to Pakistan.")
    out = distinct_events([a, b, c], PAIR)
    assert sorted(d.n_reports for d in out) == [1, 2]


def test_two_events_of_one_document_never_merge_and_repeats_follow_their_direction():
    # One sentence, two visits: the coder kept them apart, and so does the analysis.
    s = "Leaders of Pakistan have visited Russia and leaders of Russia have visited Pakistan."
    kw = dict(date=None, precision="unknown", text=s, mode="visit")
    one = [ev("a1", "doc-a", "CONSULT", ("PAK",), to=("RUS",), **kw), ev("a2", "doc-a", "CONSULT", ("RUS",), to=("PAK",), **kw)]
    assert len(distinct_events(one, PAIR)) == 2
    # A second document repeats the sentence: two events, each told twice, matched by direction.
    two = one + [ev("b2", "doc-b", "CONSULT", ("RUS",), to=("PAK",), **kw), ev("b1", "doc-b", "CONSULT", ("PAK",), to=("RUS",), **kw)]
    out = distinct_events(two, PAIR)
    assert len(out) == 2 and all(d.n_reports == 2 for d in out)
    for d in out:
        assert len({(r.actor[0].code, r.recipient[0].code) for r in d.reports}) == 1


def test_order_is_by_own_date_with_undated_last():
    events = [
        ev("x", "d1", "CONSULT", date=None, precision="unknown"),
        ev("y", "d1", "CONSULT", date="2016-09-23", precision="day", text="Talks on 23 September."),
        ev("z", "d1", "SUPPORT", date="1948"),
    ]
    assert ids(distinct_events(events, PAIR)) == ["z", "y", "x"]


# -- the index ------------------------------------------------------------------------------


def test_the_index_is_the_mean_intensity_of_distinct_events():
    events = [
        ev("c", "d1", "CONSULT"),  # +2.5
        ev("s", "d1", "ASSAULT", date="2016-02", precision="month"),  # −9
        ev("k", "d1", "COOPERATE", date="2016-03", precision="month"),  # +9.5
    ]
    assert cooperation_index(distinct_events(events, PAIR)) == 1.0  # (2.5 − 9 + 9.5) / 3
    assert cooperation_index([]) is None


def test_a_burst_of_reports_is_not_a_burst_of_friendship():
    # One summit told by ten documents and one clash told once: two events, not eleven.
    summit = [ev(f"s{i}", f"doc-{i}", "COOPERATE", date="2020") for i in range(10)]
    clash = [ev("x", "doc-x", "ASSAULT", date="2020")]
    distinct = distinct_events(summit + clash, PAIR)
    assert len(distinct) == 2
    assert cooperation_index(distinct) == 0.25  # (9.5 − 9) / 2, where the eleven records would give +7.82


# -- periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, stop, by, label",
    [
        ("2016-09-23", "2016-09-23", "year", "2016"),
        ("2016-09-23", "2016-09-23", "quarter", "2016-Q3"),
        ("2016-09-23", "2016-09-23", "month", "2016-09"),
        ("2016-01-01", "2016-12-31", "year", "2016"),
        ("2016-01-01", "2016-12-31", "quarter", None),  # a year is coarser than a quarter
        ("2016-10-01", "2016-12-31", "quarter", "2016-Q4"),
        ("1990-01-01", "1999-12-31", "year", None),  # a decade
        (None, None, "year", None),
    ],
)
def test_period_label(start, stop, by, label):
    assert period_label(start, stop, by) == label


@pytest.mark.parametrize(
    "label, by, bounds",
    [
        ("2016", "year", ("2016-01-01", "2016-12-31")),
        ("2016-Q1", "quarter", ("2016-01-01", "2016-03-31")),
        ("2016-Q4", "quarter", ("2016-10-01", "2016-12-31")),
        ("2016-02", "month", ("2016-02-01", "2016-02-29")),
        ("2015-12", "month", ("2015-12-01", "2015-12-31")),
    ],
)
def test_period_bounds(label, by, bounds):
    assert period_bounds(label, by) == bounds


def test_timeline_places_events_by_their_own_date():
    events = [
        ev("est", "d1", "SUPPORT", date="1948"),
        ev("ex", "d1", "COOPERATE", date="2016", context=("military",)),
        ev("talk", "d1", "CONSULT", date="2016-09-23", precision="day", text="Talks on 23 September 2016."),
        ev("pub", "d1", "SUPPORT", date="2023-05-01", precision="publication", text="Letters were exchanged."),
        ev("cold", "d1", "ACCUSE", date="1947", precision="period", date_end="1991"),
        ev("none", "d1", "CONSULT", date=None, precision="unknown", text="Leaders have visited."),
    ]
    tl = build_timeline(distinct_events(events, PAIR), "year")
    assert [(p.label, p.event_ids) for p in tl.periods] == [
        ("1948", ["est"]), ("2016", ["ex", "talk"]), ("2023", ["pub"]),
    ]
    p2016 = tl.periods[1]
    assert p2016.events == 2 and p2016.index == 6.0  # (9.5 + 2.5) / 2
    assert p2016.quads == {"1": 1, "2": 1, "3": 0, "4": 0}
    assert tl.periods[2].publication_dated == 1
    assert tl.coarse == ["cold"] and tl.undated == ["none"]
    by_month = build_timeline(distinct_events(events, PAIR), "month")
    assert [p.label for p in by_month.periods] == ["2016-09", "2023-05"]
    assert set(by_month.coarse) == {"est", "ex", "cold"}


# -- trends and swings -----------------------------------------------------------------------


def test_trend_compares_the_later_half_with_the_earlier_half():
    cats = ["COOPERATE", "COOPERATE", "CONSULT", "ACCUSE", "ASSAULT"]  # 9.5, 9.5, 2.5, −3, −9
    events = [ev(f"e{i}", "d1", c, date=str(2010 + i)) for i, c in enumerate(cats)]
    t = trend(distinct_events(events, PAIR), min_events=4, threshold=1.0)
    # earlier = first 2 (9.5, 9.5) → 9.5; later = last 3 (2.5, −3, −9) → −3.17
    assert (t.n_earlier, t.n_later) == (2, 3)
    assert t.earlier == 9.5 and t.later == -3.17 and t.change == -12.67
    assert t.direction == "falling"
    assert t.earlier_span == ("2010-01-01", "2011-12-31") and t.later_span == ("2012-01-01", "2014-12-31")
    assert t.earlier_ids == ["e0", "e1"]


def test_trend_needs_enough_events_and_says_how_many_it_had():
    events = [ev(f"e{i}", "d1", "CONSULT", date=str(2010 + i)) for i in range(3)]
    events.append(ev("undated", "d1", "ASSAULT", date=None, precision="unknown"))
    t = trend(distinct_events(events, PAIR), min_events=4, threshold=1.0)
    assert not t.enough and t.direction is None and t.events == 3  # the undated event has no place in time
    steady = trend(distinct_events(events[:3], PAIR), min_events=2, threshold=1.0)
    assert steady.direction == "steady" and steady.change == 0.0


def test_swings_are_the_largest_changes_between_periods_with_events():
    events = [
        ev("a", "d1", "COOPERATE", date="2010"),  # 2010: +9.5
        ev("b", "d1", "ASSAULT", date="2012"),  # 2012: −9
        ev("c", "d1", "CONSULT", date="2013"),  # 2013: +2.5
        ev("d", "d1", "CONSULT", date="2014"),  # 2014: +2.5 (no change: not a swing)
    ]
    tl = build_timeline(distinct_events(events, PAIR), "year")
    out = swings(tl, limit=5)
    assert [(s.before, s.after, s.change) for s in out] == [("2010", "2012", -18.5), ("2012", "2013", 11.5)]
    assert out[0].event_ids == ["a", "b"] and (out[0].n_before, out[0].n_after) == (1, 1)
    assert len(swings(tl, limit=1)) == 1
