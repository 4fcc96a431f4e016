"""The REST API in-process: events with every filter, sorting and cursors; documents; pairs
as `bilateral pair` gives them; countries; exports as the CLI writes them; ingest jobs."""

from __future__ import annotations

import io
import json

from typer.testing import CliRunner

from bilateral.analysis import analyse_pair
from bilateral.interfaces.cli import app as cli
from bilateral.interfaces.formats import EXPORTERS
from bilateral.store import Query, Store

from .articles import KENYA_UGANDA, NORWAY_CHILE
from .conftest import wait_job

SCHEMA_KEYS = [
    "id", "doc_id", "event", "mode", "context", "cameo", "quad_code", "intensity", "goldstein", "actor", "recipient",
    "symmetric", "status", "date", "date_precision", "date_end", "published", "evidence", "confidence", "source",
]


def all_pages(client, url, limit=7):
    events, cursor, pages = [], None, 0
    while True:
        sep = "&" if "?" in url else "?"
        r = client.get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["count"] == len(body["events"]) <= limit
        events += body["events"]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            return events, pages


def test_health(read_client, demo_db):
    body = read_client.get("/api/v1/health").json()
    counts = Store(str(demo_db)).counts()
    assert body["ok"] and body["documents"] == counts["documents"] and body["events"] == counts["events"]
    assert body["schema_version"] >= 3 and body["private"] is False


def test_events_are_the_schema_record(read_client):
    body = read_client.get("/api/v1/events?pair=PAK-RUS&limit=5").json()
    assert body["ok"] and body["count"] == 5
    for e in body["events"]:
        assert list(e)[: len(SCHEMA_KEYS)] == SCHEMA_KEYS
        assert {"PAK", "RUS"} <= {x["code"] for x in e["actor"] + e["recipient"]}


def test_cursor_pages_walk_every_event_once(read_client, demo_db):
    store = Store(str(demo_db))
    for sort in ("date", "-date", "published", "-published", "confidence", "-confidence"):
        events, pages = all_pages(read_client, f"/api/v1/events?pair=PAK-RUS&sort={sort}")
        ids = [e["id"] for e in events]
        expected = store.events(Query(pair=("PAK", "RUS"), sort=sort))
        assert ids == [e.id for e in expected], sort
        assert len(set(ids)) == len(ids) and pages > 2
    dates = [e["date"] for e in all_pages(read_client, "/api/v1/events?pair=PAK-RUS&sort=-date")[0] if e["date"]]
    assert dates[0] >= dates[-1]


def test_filters_narrow_the_events(read_client):
    everything = read_client.get("/api/v1/events?limit=500").json()["events"]

    def ids(query):
        r = read_client.get(f"/api/v1/events?limit=500&{query}")
        assert r.status_code == 200, r.text
        return {e["id"] for e in r.json()["events"]}

    for query, keep in [
        ("category=CONSULT", lambda e: e["event"] == "CONSULT"),
        ("quad=4", lambda e: e["quad_code"] == 4),
        ("context=military", lambda e: "military" in e["context"]),
        ("status=future,hypothetical", lambda e: e["status"] in ("future", "hypothetical")),
        ("country=Pakistan", lambda e: "PAK" in {x["code"] for x in e["actor"] + e["recipient"]}),
        ("q=JOINT exercise", lambda e: "joint" in e["evidence"]["text"].lower() and "exercise" in e["evidence"]["text"].lower()),
    ]:
        want = {e["id"] for e in everything if keep(e)}
        assert want and ids(query) == want, query
        assert len(want) < len(everything)
    since = ids("pair=PAK-RUS&since=2020&until=2022-06")
    assert since and since < ids("pair=PAK-RUS")


def test_full_text_search_takes_wildcards_literally(read_client):
    assert read_client.get("/api/v1/events?q=%25").json()["events"] == []
    assert read_client.get("/api/v1/events?q=_").json()["events"] == []


def test_one_event_and_a_document_with_its_spans(read_client):
    e = read_client.get("/api/v1/events?pair=PAK-RUS&limit=1").json()["events"][0]
    assert read_client.get(f"/api/v1/events/{e['id']}").json()["event"] == e
    doc = read_client.get(f"/api/v1/documents/{e['doc_id']}").json()
    assert doc["ok"] and doc["events"]
    for ev in doc["events"]:
        span = doc["text"][ev["start"]:ev["end"]]
        assert span and ev["trigger"].split()[0].lower() in span.lower()
    assert e["id"] in {ev["id"] for ev in doc["events"]}
    listed = read_client.get("/api/v1/documents?limit=5").json()["documents"]
    assert len(listed) == 5 and all(d["events"] >= 0 for d in listed)


def test_pair_routes_give_the_cli_figures(read_client, demo_db):
    result = CliRunner().invoke(cli, ["pair", "PAK", "RUS", "--db", str(demo_db), "--format", "json", "--since", "2015"])
    assert result.exit_code == 0, result.stderr
    from_cli = json.loads(result.stdout)
    full = read_client.get("/api/v1/pairs/Pakistan/RUS/analysis?since=2015").json()
    assert full.pop("ok") is True
    assert full == from_cli
    summary = read_client.get("/api/v1/pairs/RUS/PAK?since=2015").json()
    for key in ("pair", "counts", "index", "trend", "filters", "as_of"):
        assert summary[key] == from_cli[key], key
    series = read_client.get("/api/v1/pairs/PAK/RUS/series?since=2015").json()
    assert series["timeline"] == from_cli["timeline"]
    assert read_client.get("/api/v1/pairs/PAK/RUS/scorecard?since=2015").json()["scorecard"] == from_cli["scorecard"]
    milestones = read_client.get("/api/v1/pairs/PAK/RUS/milestones?since=2015").json()
    assert milestones["milestones"] == from_cli["milestones"]
    proposals = read_client.get("/api/v1/pairs/PAK/RUS/proposals?since=2015").json()
    assert proposals["proposals"] == from_cli["proposals"] and proposals["proposals"]
    cited = {e["id"] for e in proposals["events"]}
    assert {p["id"] for p in proposals["proposals"]} <= cited


def test_pair_by_quarter_and_status(read_client, demo_db):
    body = read_client.get("/api/v1/pairs/PAK/RUS/series?by=quarter&status=reported").json()
    direct = analyse_pair(Store(str(demo_db)), "PAK", "RUS", by="quarter", statuses="reported")
    assert body["timeline"] == direct.timeline.to_dict()
    assert all("-Q" in p["period"] for p in body["timeline"]["periods"])


def test_pairs_and_countries(read_client):
    pairs = read_client.get("/api/v1/pairs").json()["pairs"]
    assert pairs[0]["events"] >= pairs[-1]["events"]
    assert any(p["pair"] == ["PAK", "RUS"] for p in pairs)
    countries = read_client.get("/api/v1/countries").json()["countries"]
    assert {"PAK", "RUS"} <= {c["code"] for c in countries}
    pak = read_client.get("/api/v1/countries/PAK").json()
    assert pak["country"] == "PAK" and "events" not in pak
    partners = read_client.get("/api/v1/countries/Pakistan/partners").json()["partners"]
    assert partners[0]["code"] == "RUS" and partners == pak["partners"]


def test_charts_are_svg(read_client):
    r = read_client.get("/api/v1/pairs/PAK/RUS/charts/timeline.svg")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.startswith("<svg") and "<script" not in r.text
    assert "script-src" not in r.headers["content-security-policy"]
    assert read_client.get("/api/v1/pairs/PAK/RUS/charts/scorecard.svg").status_code == 200


def test_exports_are_the_cli_formats(read_client, demo_db):
    store = Store(str(demo_db))
    events = store.events(Query(pair=("PAK", "RUS"), category="CONSULT"))
    for fmt in ("csv", "jsonl", "table"):
        r = read_client.get(f"/api/v1/exports/{fmt}?pair=PAK-RUS&category=CONSULT")
        assert r.status_code == 200
        assert "attachment" in r.headers["content-disposition"]
        if fmt != "table":
            out = io.StringIO()
            EXPORTERS[fmt](events, out)
            assert r.text == out.getvalue()
    assert len(read_client.get("/api/v1/exports/jsonl?pair=PAK-RUS&category=CONSULT").text.splitlines()) == len(events)


def test_exports_merged_and_parquet(read_client, demo_db, tmp_path):
    import pyarrow.parquet as pq

    store = Store(str(demo_db))
    merged = list(store.iter_events(Query(pair=("PAK", "RUS")), merged=True))
    r = read_client.get("/api/v1/exports/jsonl?pair=PAK-RUS&merged=true")
    assert r.status_code == 200
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert len(rows) == len(merged) and all("num_articles" in row and row["num_articles"] >= 1 for row in rows)
    r = read_client.get("/api/v1/exports/parquet?pair=PAK-RUS")
    assert r.status_code == 200 and r.headers["content-type"] == "application/vnd.apache.parquet"
    (tmp_path / "e.parquet").write_bytes(r.content)
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == len(store.events(Query(pair=("PAK", "RUS"))))
    bad = read_client.get("/api/v1/exports/parquet?pair=PAK-RUS&merged=true")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E503" and "merged" in bad.json()["error"]["message"]


def test_ingest_text_then_the_events_are_served(client, auth, store_copy):
    before = store_copy.counts()
    r = client.post("/api/v1/ingest", json={"text": NORWAY_CHILE, "published": "2025-03-04", "title": "Salmon pact"},
                    headers=auth)
    assert r.status_code == 202, r.text
    job = r.json()["job"]
    assert r.headers["location"] == f"/api/v1/jobs/{job['id']}"
    done = wait_job(client, job["id"])
    assert done["state"] == "done" and done["stored"] == 1 and done["events"] > 0
    doc_id = done["results"][0]["doc_id"]
    events = client.get(f"/api/v1/events?pair=NOR-CHL&limit=50").json()["events"]
    assert events and {e["doc_id"] for e in events} == {doc_id}
    assert store_copy.counts()["documents"] == before["documents"] + 1
    # The same text again is a duplicate, not a second document.
    again = wait_job(client, client.post("/api/v1/ingest", json={"text": NORWAY_CHILE}, headers=auth).json()["job"]["id"])
    assert again["duplicate"] == 1 and again["stored"] == 0
    assert store_copy.counts()["documents"] == before["documents"] + 1


def test_ingest_jsonl_goes_on_past_a_bad_line(client, auth, store_copy):
    lines = "\n".join([
        json.dumps({"text": KENYA_UGANDA, "published": "2025-06-09", "title": "Railway"}),
        "{not json",
        json.dumps({"text": NORWAY_CHILE, "published": "2025-03-04"}),
    ])
    job = wait_job(client, client.post("/api/v1/ingest", json={"jsonl": lines}, headers=auth).json()["job"]["id"])
    assert (job["stored"], job["failed"], job["total"]) == (2, 1, 3)
    bad = [r for r in job["results"] if r["outcome"] == "failed"]
    assert bad[0]["error"]["code"] == "E108" and "line 2" in bad[0]["input"]
    # Every stored document is whole: its events all point at it.
    for r in job["results"]:
        if r.get("doc_id"):
            evs = store_copy.events(Query(doc_id=r["doc_id"]))
            assert len(evs) == r["events"]


def test_upload_a_file(client, auth):
    files = {"file": ("kenya-uganda.txt", KENYA_UGANDA.encode(), "text/plain")}
    r = client.post("/api/v1/ingest/upload", files=files, data={"published": "2025-06-09"}, headers=auth)
    assert r.status_code == 202, r.text
    job = wait_job(client, r.json()["job"]["id"])
    assert job["stored"] == 1 and job["kind"] == "upload"
    doc = client.get(f"/api/v1/documents/{job['results'][0]['doc_id']}").json()
    assert doc["published"] == "2025-06-09" and "railway" in doc["text"]


def test_a_bad_document_in_a_job_is_a_result_not_a_crash(client, auth):
    job = wait_job(client, client.post("/api/v1/ingest", json={"text": "Short."}, headers=auth).json()["job"]["id"])
    assert job["state"] == "done" and job["failed"] == 1
    assert job["results"][0]["error"]["code"].startswith("E10")
