"""sources.warc: WARC and ARC files the tests write with warcio, whole and cut short."""

from __future__ import annotations

import io

import pytest
from news_pages import CHILE, KENYA, VIETNAM, page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bilateral.errors import BadWarc, OversizedDocument, TruncatedWarcRecord
from bilateral.sources import RawInput, read_inputs
from bilateral.sources.warc import read_archive

PAGES = [
    ("https://ledger.example/world/kenya", "200 OK", "text/html; charset=utf-8", page("Border post opens", KENYA).encode()),
    ("https://ledger.example/report.pdf", "200 OK", "application/pdf", b"%PDF-1.5 not a page"),
    ("https://ledger.example/world/chile", "200 OK", "text/html", page("Glacier talks", CHILE).encode()),
    ("https://ledger.example/old", "404 Not Found", "text/html", b"<h1>Not found</h1>"),
    ("https://ledger.example/asia/vietnam", "200 OK", "text/html", page("Coast guard hotline", VIETNAM).encode()),
]


def write_warc(path, gz=True, pages=PAGES, truncated_header=None):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for uri, status, ctype, body in pages:
        req = w.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=StatusAndHeaders(f"GET {uri} HTTP/1.1", [], is_http_request=True))
        w.write_record(req)
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        warc_headers = [("WARC-Truncated", truncated_header)] if truncated_header and uri.endswith("chile") else None
        rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict=dict(warc_headers or []))
        w.write_record(rec)
    path.write_bytes(buf.getvalue())
    return path


def docs(items):
    return [x for x in items if isinstance(x, RawInput)]


@pytest.mark.parametrize("gz, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_html_responses_become_documents(tmp_path, gz, name):
    f = write_warc(tmp_path / name, gz=gz)
    out = list(read_archive(str(f), 1_000_000))
    assert [x.meta["url"] for x in out] == [
        "https://ledger.example/world/kenya", "https://ledger.example/world/chile", "https://ledger.example/asia/vietnam",
    ]  # requests, the PDF and the 404 are passed over
    assert all(isinstance(x, RawInput) and x.kind == "html" for x in out)
    assert out[0].origin == f"{f} record 2 (https://ledger.example/world/kenya)"
    assert b"Moyale" in out[0].data


@pytest.mark.parametrize("gz", [True, False])
def test_a_file_cut_short_gives_its_whole_records_and_one_line(tmp_path, gz):
    whole = write_warc(tmp_path / "whole.warc", gz=gz).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(whole[: int(len(whole) * 0.6)])
    out = list(read_archive(str(cut), 1_000_000))
    *good, last = out
    assert good and all(isinstance(x, RawInput) for x in good)
    assert isinstance(last, TruncatedWarcRecord)
    line = str(last)
    assert line.startswith(f"[E631] {cut}") and "cut short" in line and "\n" not in line


def test_a_record_truncated_by_the_crawler_is_named_and_the_rest_read(tmp_path):
    f = write_warc(tmp_path / "t.warc.gz", truncated_header="length")
    out = list(read_archive(str(f), 1_000_000))
    assert [type(x).__name__ for x in out] == ["RawInput", "TruncatedWarcRecord", "RawInput"]
    assert str(out[1]) == (
        f"[E631] {f} record 6 (https://ledger.example/world/chile): the crawler truncated the record (length)"
    )


def test_a_file_that_is_no_archive(tmp_path):
    f = tmp_path / "notes.warc"
    f.write_text("These are my notes, not a web archive.\n" * 5, "utf-8")
    [err] = read_archive(str(f), 1_000_000)
    assert isinstance(err, BadWarc) and str(err).startswith(f"[E630] {f}: not a WARC or ARC file")


def test_an_oversized_record(tmp_path):
    f = write_warc(tmp_path / "big.warc.gz")
    out = list(read_archive(str(f), 300))
    assert all(isinstance(x, OversizedDocument) for x in out) and len(out) == 3


def test_read_inputs_takes_archives_by_their_suffix(tmp_path):
    f = write_warc(tmp_path / "crawl.warc.gz")
    assert len(docs(read_inputs([str(f)], max_bytes=1_000_000))) == 3


def test_an_arc_file(tmp_path):
    # ARC v1: a filedesc record, then one record per capture ("URL IP date type length").
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Glacier talks", CHILE).encode()
    desc = b"1 0 The Daily Ledger\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://crawl.arc 0.0.0.0 20250204120000 text/plain %d\n" % len(desc)
    rec = b"https://ledger.example/world/chile 93.184.216.34 20250204120500 text/html %d\n" % len(body)
    f = tmp_path / "crawl.arc"
    f.write_bytes(head + desc + b"\n" + rec + body + b"\n")
    [doc] = read_archive(str(f), 1_000_000)
    assert isinstance(doc, RawInput) and doc.meta["url"] == "https://ledger.example/world/chile" and b"Patagonia" in doc.data
