"""Ingest jobs: the worker, jobs cut short by a restart, and the URL check."""

from __future__ import annotations

import socket

import pytest

from bilateral.config import load_config
from bilateral.errors import RefusedUrl
from bilateral.serve.jobs import Item, Jobs, check_url
from bilateral.sources.readers import RawInput

from .articles import NORWAY_CHILE


def test_a_job_stores_whole_documents_and_reports_each_input(store_copy, coder):
    jobs = Jobs(store_copy, load_config())
    try:
        job = jobs.submit("text", [
            Item("good", raw=RawInput("t:good", NORWAY_CHILE, "text")),
            Item("empty", raw=RawInput("t:empty", "   ", "text")),
        ], published="2025-03-04")
        done = jobs.wait(job.id)
    finally:
        jobs.stop()
    assert done.state == "done" and (done.stored, done.failed, done.processed) == (1, 1, 2)
    assert [r["outcome"] for r in done.results] == ["stored", "failed"]
    assert done.results[1]["error"]["code"] == "E102"
    assert jobs.recent(1)[0]["id"] == job.id


def test_jobs_left_running_by_a_stopped_server_are_marked_failed(store_copy):
    jobs = Jobs(store_copy, load_config())
    jobs.autostart = False
    job = jobs.submit("text", [Item("x", raw=RawInput("t", "text", "text"))])
    assert jobs.get(job.id).state == "queued"
    again = Jobs(store_copy, load_config())  # a new server on the same store
    again.start()
    again.stop()
    assert again.get(job.id).state == "failed"


def fake_dns(address):
    return lambda host, port, type=0: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]


def test_the_url_check_looks_at_where_the_name_points():
    check_url("https://news.example/a", False, resolve=fake_dns("93.184.216.34"))
    with pytest.raises(RefusedUrl) as info:
        check_url("https://innocent.example/a", False, resolve=fake_dns("192.168.1.10"))
    assert "192.168.1.10" in str(info.value)
    check_url("http://127.0.0.1:8000/", True)  # serve_fetch_private = true allows it


def test_an_unresolvable_host_is_refused():
    def fail(host, port, type=0):
        raise socket.gaierror("no such host")

    with pytest.raises(RefusedUrl):
        check_url("https://no-such-host.invalid/", False, resolve=fail)
