"""interfaces.formats: the PLOVER and GDELT 2.0 shapes of our record, and the merge counts they carry."""

from __future__ import annotations

import dataclasses
import io

from bilateral.interfaces.formats import EXPORTERS, cameo_quad, gdelt_rows, plover_record
from bilateral.records import QUADS, Entity, Event, Evidence, Source
from bilateral.store.gdelt import gdelt_columns, parse_row

TEXT = "Ghana and Togo signed a customs accord in Lomé on 3 May 2023, officials said."


def event(**kw) -> Event:
    base = dict(
        id="e-0a1b2c3d4e", doc_id="d-5f6a7b", event="SUPPORT", mode=None, context=("economic",), cameo="057",
        quad_code=QUADS["SUPPORT"], intensity=5.0, goldstein=6.5,
        actor=(Entity("GHA", "Ghana"), Entity("TGO", "Togo")), recipient=(Entity("GHA", "Ghana"), Entity("TGO", "Togo")),
        symmetric=True, status="reported", date="2023-05-03", date_precision="day", date_end=None,
        published="2023-05-04", evidence=Evidence(TEXT, 120, 120 + len(TEXT), "signed"), confidence=0.82,
        source=Source("https://news.example.gh/accord", "Customs accord", "News Example"),
    )
    base.update(kw)
    return Event(**base)


def test_plover_record_uses_plover_field_names():
    r = plover_record(event(mode="visit", actor=(Entity("GHA", "Accra", "GOV", "John Mahama"),),
                            recipient=(Entity("TGO", "Togo"),), symmetric=False))
    assert r["id"] == "e-0a1b2c3d4e" and r["date"] == "2023-05-03" and "enddate" not in r
    assert r["source"] == [{"code": "GHA", "actor_text": "Accra", "sector": "GOV", "identifier_text": "John Mahama"}]
    assert r["recipient"] == [{"code": "TGO", "actor_text": "Togo", "sector": "GOV"}]
    assert r["event"] == ["SUPPORT"] and r["mode"] == ["visit"] and r["context"] == ["economic"]
    assert r["quad_code"] == 1 and r["event_scale"] == 5.0 and r["event_text"] == ["signed"]
    assert r["text"] == TEXT and r["text_info"] == {"start": 120, "end": 120 + len(TEXT)}
    assert r["cite_info"]["url"] == "https://news.example.gh/accord" and r["cite_info"]["language"] == "en"
    assert r["status"] == "reported" and r["date_precision"] == "day"


def test_plover_dates_cover_the_events_span():
    assert (plover_record(event(date="2016", date_precision="year"))["date"],
            plover_record(event(date="2016", date_precision="year"))["enddate"]) == ("2016-01-01", "2016-12-31")
    undated = plover_record(event(date=None, date_precision="unknown"))
    assert undated["date"] == "2023-05-04" and "enddate" not in undated  # the publication date, as PLOVER needs one


def test_gdelt_rows_have_the_61_columns_and_read_back():
    rows = gdelt_rows(event())
    assert len(rows) == 1  # a mutual event between two countries is one row, not two
    row = rows[0]
    assert list(row) == list(gdelt_columns())
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20230503", "202305", "2023")
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor2CountryCode"]) == ("GHAGOV", "GHA", "TGO")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == ("057", "057", "05", "1")
    assert row["GoldsteinScale"] == "6.5" and row["SOURCEURL"] == "https://news.example.gh/accord"
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("1", "1", "1")
    back = parse_row([row[c] for c in gdelt_columns()], "export")
    assert back["day"] == "2023-05-03" and back["goldstein"] == 6.5 and back["event_code"] == "057"


def test_gdelt_rows_per_pair_of_sides():
    three = event(actor=(Entity("EGY", "Egypt"),), recipient=(Entity("ISR", "Israel"), Entity("QAT", "Qatar")),
                  symmetric=False, cameo="043")
    rows = gdelt_rows(three)
    assert [(r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in rows] == [("EGY", "ISR"), ("EGY", "QAT")]
    assert len({r["GLOBALEVENTID"] for r in rows}) == 2
    lone = gdelt_rows(event(actor=(Entity("NATO", "NATO", "GOV"),), recipient=(), symmetric=False))
    assert len(lone) == 1 and lone[0]["Actor2Code"] == "" and lone[0]["Actor1KnownGroupCode"] == "NATO"
    assert lone[0]["Actor1CountryCode"] == ""


def test_gdelt_quad_class_follows_the_cameo_root():
    assert [cameo_quad(c) for c in ("010", "057", "061", "087", "090", "1384", "141", "190", "204")] == [1, 1, 2, 2, 3, 3, 4, 4, 4]


def test_merge_counts_are_read_when_the_event_has_them():
    merged = dataclasses.replace(event(), num_articles=7, num_sources=4, num_mentions=11)
    row = gdelt_rows(merged)[0]
    assert (row["NumArticles"], row["NumSources"], row["NumMentions"]) == ("7", "4", "11")


def test_merge_counts_default_to_one_for_a_lone_report():
    row = gdelt_rows(event())[0]
    assert (row["NumArticles"], row["NumSources"], row["NumMentions"]) == ("1", "1", "1")


def test_exporters_are_registered_and_count_events():
    for name in ("csv", "jsonl", "plover", "gdelt"):
        assert name in EXPORTERS
    out = io.StringIO()
    assert EXPORTERS["gdelt"]([event(), event(id="e-2")], out) == 2
    assert all(len(line.split("\t")) == 61 for line in out.getvalue().splitlines())
