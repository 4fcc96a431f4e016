"""reports.charts: the timeline, scorecard and network as valid SVG and PNG, offline and stable."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from handmade import ev, fill
from PIL import Image

from bilateral.analysis import analyse_country, analyse_pair
from bilateral.config import Config
from bilateral.reports.charts import CHARTS, country_charts, pair_charts

CONFIG = Config(min_events_trend=3)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def store(tmp_path):
    from bilateral.store import Store

    with Store(str(tmp_path / "charts.db")) as s:
        fill(s, [
            ev("a", "d1", "COOPERATE", date="2014", context=("military",)),
            ev("b", "d1", "CONSULT", date="2016-09-23", precision="day", text="Talks on 23 September."),
            ev("c", "d2", "ACCUSE", ("IND",), to=("PAK",), date="2019"),
            ev("d", "d2", "ASSAULT", ("IND",), to=("PAK",), date="2020", context=()),
            ev("e", "d3", "SUPPORT", date="2022", context=("economic",)),
        ])
        yield s


def _check(chart):
    root = ET.fromstring(chart.svg)  # well-formed, one <svg> element, no prolog
    assert root.tag == f"{SVG}svg" and chart.svg.startswith("<svg ")
    assert float(root.get("width").removesuffix("pt")) > 100 and float(root.get("height").removesuffix("pt")) > 100
    assert "http://" not in chart.svg.replace("http://www.w3.org/", "")  # nothing to fetch
    image = Image.open(io.BytesIO(chart.png))
    image.load()
    assert image.format == "PNG" and image.width > 300 and image.height > 150
    return root


def _texts(root):
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_pair_charts(store):
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    charts = {c.name: c for c in pair_charts(a)}
    assert set(charts) == {"timeline", "scorecard"}
    timeline = _texts(_check(charts["timeline"]))
    assert "Pakistan – Russia" in timeline and "index (right axis)" in timeline
    card = _texts(_check(charts["scorecard"]))
    for label in ("economy and trade", "military and security", "regional and multilateral forums"):
        assert label in card
    assert "no reported events" in card  # energy


def test_few_events_draw_counts_without_an_index(store):
    a = analyse_pair(store, "PAK", "RUS", config=Config(min_events_trend=10))
    text = _texts(_check(CHARTS["timeline"](a)))
    assert "too few for an index trend" in text and "index (right axis)" not in text


def test_country_charts(store):
    c = analyse_country(store, "PAK", config=CONFIG)
    charts = {x.name: x for x in country_charts(c)}
    assert set(charts) == {"network", "country_timeline"}
    net = _texts(_check(charts["network"]))
    assert "Pakistan" in net and "Russia" in net and "India" in net


def test_charts_are_stable_and_written_as_files(store, tmp_path):
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    first, again = pair_charts(a), pair_charts(a)
    assert [c.svg for c in first] == [c.svg for c in again]
    written = first[0].write(tmp_path / "out", prefix="pak-rus-")
    assert [p.name for p in written] == ["pak-rus-timeline.svg", "pak-rus-timeline.png"]
    assert all(p.stat().st_size > 1000 for p in written)


def test_no_chart_for_nothing(store):
    empty = analyse_pair(store, "PAK", "CHL", config=CONFIG)
    assert CHARTS["timeline"](empty) is None
    assert CHARTS["network"](analyse_country(store, "CHL", config=CONFIG)) is None
