"""`bilateral pair` and `bilateral country`: outputs, filters, exit codes and one-line errors,
on the demo corpus and on a store that holds only the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.interfaces.cli import app

ROOT = Path(__file__).parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "000_5ac466cb1742ad65.txt"


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def one_line(result, *words):
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


# -- the demo corpus ----------------------------------------------------------------------


def test_pair_writes_an_html_brief(runner, demo_db, tmp_path):
    out = tmp_path / "brief.html"
    result = invoke(runner, "pair", "PAK", "RUS", "--db", demo_db, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.stderr
    one_line(result, "written to", "brief.html")
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2 and 'class="claim"' in page
    assert result.stdout == ""


def test_pair_by_name_is_the_pair_by_code(runner, demo_db):
    by_code = invoke(runner, "pair", "PAK", "RUS", "--db", demo_db, "-f", "json")
    by_name = invoke(runner, "pair", "Russia", "Pakistan", "--db", demo_db, "-f", "json")
    assert by_code.exit_code == by_name.exit_code == 0
    assert json.loads(by_code.stdout) == json.loads(by_name.stdout)
    d = json.loads(by_code.stdout)
    assert d["pair"] == ["PAK", "RUS"] and d["counts"]["reported"] > 5
    # Repeated reports count once: fewer distinct events than stored reports.
    assert d["counts"]["reports"] > d["counts"]["reported"]
    for p in d["timeline"]["periods"]:
        assert p["events"] == len(p["event_ids"]) and (p["index"] is None) == (p["events"] == 0)


def test_pair_table_is_the_default(runner, demo_db):
    result = invoke(runner, "pair", "PAK", "RUS", "--db", demo_db)
    assert result.exit_code == 0, result.stderr
    for words in ("Pakistan – Russia", "Activity and index per year", "Scorecard by field", "Milestones",
                  "Ways forward", "Evidence"):
        assert words in result.stdout


def test_filters(runner, demo_db):
    d = json.loads(invoke(runner, "pair", "PAK", "RUS", "--db", demo_db, "-f", "json", "--since", "2022",
                          "--status", "reported", "--by", "quarter").stdout)
    assert d["filters"] == {"since": "2022-01-01", "until": None, "statuses": ["reported"], "by": "quarter"}
    assert d["proposals"] == [] and d["counts"]["proposals"] == 0
    assert all(p["period"] >= "2022-Q1" and "-Q" in p["period"] for p in d["timeline"]["periods"])
    d = json.loads(invoke(runner, "pair", "PAK", "RUS", "--db", demo_db, "-f", "json", "--until", "2016").stdout)
    assert all(p["period"] <= "2016" for p in d["timeline"]["periods"])


def test_markdown_and_chart_files(runner, demo_db, tmp_path):
    out, charts = tmp_path / "brief.md", tmp_path / "charts"
    result = invoke(runner, "pair", "PAK", "RUS", "--db", demo_db, "-f", "md", "-o", out, "--charts", charts)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in charts.iterdir()) == ["scorecard.png", "scorecard.svg", "timeline.png", "timeline.svg"]
    assert "](charts/timeline.svg)" in out.read_text("utf-8")


def test_country(runner, demo_db, tmp_path):
    d = json.loads(invoke(runner, "country", "Russia", "--db", demo_db, "-f", "json").stdout)
    ranked = [(p["code"], p["events"]) for p in d["partners"]]
    assert ranked[0][0] in ("UKR", "PAK") and [n for _, n in ranked] == sorted((n for _, n in ranked), reverse=True)
    out = tmp_path / "russia.html"
    result = invoke(runner, "country", "RUS", "--db", demo_db, "-f", "html", "-o", out)
    assert result.exit_code == 0, result.stderr
    page = out.read_text("utf-8")
    assert 'id="chart-network"' in page and 'id="chart-country_timeline"' in page
    assert "Partners, busiest first" in invoke(runner, "country", "RUS", "--db", demo_db).stdout


# -- clear messages -------------------------------------------------------------------------


def test_a_pair_with_no_events(runner, demo_db):
    result = invoke(runner, "pair", "PAK", "Chile", "--db", demo_db)
    assert result.exit_code == 0
    one_line(result, "no events between Pakistan (PAK) and Chile (CHL)")
    assert result.stdout == ""
    as_json = invoke(runner, "pair", "PAK", "CHL", "--db", demo_db, "-f", "json", "--since", "2020")
    assert as_json.exit_code == 0
    one_line(as_json, "no events between", "(--since 2020)")
    assert json.loads(as_json.stdout)["counts"]["records"] == 0


@pytest.mark.parametrize(
    "args, words",
    [
        (["pair", "PAK", "PAK"], ["[E302]", "Pakistan (PAK): given twice"]),
        (["pair", "Pakistan", "pak"], ["[E302]", "'Pakistan' and 'pak' are both Pakistan"]),
        (["pair", "Narnia", "RUS"], ["[E301]", "Narnia", "not a known country"]),
        (["pair", "PAK", "Atlantis"], ["[E301]", "Atlantis"]),
        (["country", "Narnia"], ["[E301]", "Narnia"]),
        (["pair", "PAK", "RUS", "--by", "week"], ["--by 'week'"]),
        (["pair", "PAK", "RUS", "--status", "maybe"], ["unknown status 'maybe'"]),
        (["pair", "PAK", "RUS", "--format", "pdf"], ["unknown format 'pdf'"]),
        (["pair", "PAK", "RUS", "--since", "2016-13"], ["--since '2016-13' is not a date"]),
        (["country", "RUS", "--until", "soon"], ["--until 'soon'"]),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(runner, demo_db, args, words):
    result = invoke(runner, *args, "--db", demo_db)
    assert result.exit_code == 2
    line = one_line(result, *words)
    assert line.startswith("error: ")
    assert result.stdout == ""


# -- the seed article -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_db(coder, tmp_path_factory):
    if not SEED.is_file():
        pytest.fail(f"the seed article is missing: {SEED} (the shared/ folder must sit beside the repository)")
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    result = CliRunner().invoke(app, ["ingest", str(SEED), "--db", str(db), "--published", "2023-05-01"])
    assert result.exit_code == 0, result.stderr
    return db


WAYS_FORWARD = [
    "can explore new areas of economic cooperation",
    "can strengthen their military cooperation",
    "can increase their diplomatic engagement",
    "can work together to promote regional cooperation",
]


def test_seed_events_in_their_own_years(runner, seed_db):
    result = invoke(runner, "pair", "PAK", "RUS", "--db", seed_db, "-f", "json")
    assert result.exit_code == 0, result.stderr
    d = json.loads(result.stdout)
    events = {e["id"]: e for e in d["events"]}
    periods = {p["period"]: p["event_ids"] for p in d["timeline"]["periods"]}
    # 1948: the establishment of relations.
    est = d["milestones"]["establishment"]
    assert est["detail"]["year"] == 1948 and est["event_ids"][0] in periods["1948"]
    assert "established diplomatic ties in 1948" in events[est["event_ids"][0]]["evidence"][0]["text"]
    # 2016: the first-ever joint exercise, a first.
    exercise = [i for i in periods["2016"] if events[i]["event"] == "COOPERATE" and events[i]["mode"] == "exercise"]
    assert exercise and "first-ever joint military exercise" in events[exercise[0]]["evidence"][0]["text"]
    assert exercise[0] in {i for f in d["milestones"]["firsts"] for i in f["event_ids"]}
    # 2023: the 75th anniversary, marked by the commemoration.
    [seventy_five] = [a for a in d["milestones"]["anniversaries"] if a["detail"]["years"] == 75]
    assert seventy_five["date"] == "2023" and seventy_five["detail"]["marked_by"]
    assert all(i in periods["2023"] for i in seventy_five["detail"]["marked_by"])
    assert [a["date"] for a in d["milestones"]["anniversaries"]] == ["1973", "1998", "2023"]


def test_seed_ways_forward_are_proposals_not_events(runner, seed_db):
    d = json.loads(invoke(runner, "pair", "PAK", "RUS", "--db", seed_db, "-f", "json").stdout)
    events = {e["id"]: e for e in d["events"]}
    proposals = {p["id"] for p in d["proposals"]}
    placed = {i for p in d["timeline"]["periods"] for i in p["event_ids"]} | set(d["timeline"]["undated"])
    for words in WAYS_FORWARD:
        ids = [i for i, e in events.items() if any(words in r["text"] for r in e["evidence"])]
        assert ids, words
        assert all(i in proposals and i not in placed for i in ids), words
    for i, e in events.items():
        assert (e["status"] in ("future", "hypothetical")) == (i in proposals)
    # Few events: the seed alone says so and gives counts, not a trend.
    assert d["few_events"] and d["trend"]["direction"] is None


def test_seed_brief_in_markdown(runner, seed_db, tmp_path):
    out = tmp_path / "seed.md"
    assert invoke(runner, "pair", "Pakistan", "Russia", "--db", seed_db, "-f", "md", "-o", out).exit_code == 0
    md = out.read_text("utf-8")
    timeline = md.split("## Activity and index per year")[1].split("\n## ")[0]
    for year in ("1948", "2016", "2023"):
        assert f"\n| {year} | " in timeline, year
    assert "Pakistan and Russia established relations in 1948" in md
    assert "2023 marked the 75th anniversary of relations established in 1948" in md
    ways = md.split("## Ways forward")[1].split("\n## ")[0]
    before = md.split("## Ways forward")[0]
    for words in WAYS_FORWARD:
        assert words in ways and words not in before, words
    assert "no trend is drawn" in md
