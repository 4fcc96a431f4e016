"""The dashboard pages in-process: evidence marked in place, filters, errors as pages."""

from __future__ import annotations

from bilateral.serve.web import local_path, marked_text, split_trigger


def test_marked_text_keeps_every_event_anchor():
    text = "Alpha met Beta. Gamma struck Delta. End."
    events = [
        {"id": "e1", "start": 0, "end": 15}, {"id": "e2", "start": 16, "end": 35},
        {"id": "e3", "start": 20, "end": 40},  # overlaps e2: one mark for both
        {"id": "e4", "start": 50, "end": 60},  # past the end: clipped away
    ]
    segs = marked_text(text, events)
    assert "".join(s["text"] for s in segs) == text
    marked = [[e["id"] for e in s["events"]] for s in segs if s["events"]]
    assert marked == [["e1"], ["e2", "e3"]]


def test_split_trigger_and_local_paths():
    assert split_trigger("Russia STRUCK a post.", "struck") == [("Russia ", False), ("STRUCK", True), (" a post.", False)]
    assert split_trigger("No trigger here.", "absent") == [("No trigger here.", False)]
    assert local_path("/ingest") == "/ingest"
    for bad in ("//evil.example", "https://evil.example/", "\\\\evil", None, ""):
        assert local_path(bad) == "/"


def test_pages_render(read_client):
    home = read_client.get("/")
    assert home.status_code == 200 and "/pair?a=PAK&amp;b=RUS" in home.text
    pair = read_client.get("/pair?a=PAK&b=RUS&by=quarter")
    assert pair.status_code == 200
    for anchor in ('id="timeline-table"', 'id="scorecard-table"', 'id="proposals-table"', 'id="milestones"', 'class="evidence"'):
        assert anchor in pair.text, anchor
    assert "-Q" in pair.text and "/charts/timeline.svg?by=quarter" in pair.text
    assert read_client.get("/pair").status_code == 200


def test_bad_filters_are_shown_on_the_page(read_client):
    for url, code in (("/events?since=soon", "E503"), ("/events?pair=PAK-Atlantis", "E301"), ("/events?quad=x", "E503"),
                      ("/pair?a=PAK&b=PAK", "E302"), ("/pair?a=PAK&b=RUS&by=week", "E503"), ("/events?cursor=zz", "E508")):
        r = read_client.get(url)
        assert r.status_code == 422 and code in r.text and 'role="alert"' in r.text, url


def test_events_page_pages_with_cursors(read_client):
    first = read_client.get("/events?pair=PAK-RUS&limit=5")
    assert first.text.count("<tr class=\"quad-") == 5
    assert 'rel="next"' in first.text
    assert "/api/v1/exports/csv?pair=PAK-RUS" in first.text


def test_unknown_pages_and_documents_are_html_errors(read_client):
    for url in ("/nothing", "/documents/d-0000000000", "/jobs/j-none"):
        r = read_client.get(url)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html") and "E501" in r.text
