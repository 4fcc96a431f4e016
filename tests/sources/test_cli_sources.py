"""`bilateral ingest` from feeds, OPML, sitemaps, URLs and web archives; `bilateral watch`.

Every bad input is one line on stderr naming the source and the reason; the batch goes
on; the exit code says whether anything was skipped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from news_pages import CHILE, FRENCH, KENYA, KENYA_COPY, VIETNAM, page, rss
from test_warc import write_warc
from typer.testing import CliRunner

from bilateral.interfaces.cli import app
from bilateral.store import Store

WEB_ENV = {"BILATERAL_FETCH_ALLOW_PRIVATE": "true", "BILATERAL_FETCH_HOST_INTERVAL": "0", "BILATERAL_FETCH_RETRIES": "0",
           "BILATERAL_FETCH_TIMEOUT": "1"}


@pytest.fixture
def runner(coder):  # the shared coder: the CLI's get_coder reuses it
    return CliRunner()


def invoke(runner, *args, env=WEB_ENV):
    return runner.invoke(app, [str(a) for a in args], env=env)


def skipped(result):
    return [ln for ln in result.stderr.splitlines() if ln.startswith("skipped ")]


def serve_desk(web):
    """A feed of five items: two articles, a PDF, a redirect loop and an item without a link."""
    web.route("/world/kenya.html", page("Kenya and Ethiopia open a border post", KENYA))
    web.route("/world/chile.html", page("Chile and Argentina talk glaciers", CHILE))
    web.route("/files/budget.pdf", b"%PDF-1.7", "application/pdf")
    web.route("/loop/a", status=302, location="/loop/b")
    web.route("/loop/b", status=302, location="/loop/a")
    items = [
        {"title": "Border post opens", "link": web.url("/world/kenya.html"), "guid": "k1", "date": "Sat, 15 Mar 2025 07:30:00 GMT"},
        {"title": "Glacier talks", "link": web.url("/world/chile.html"), "guid": "c1", "date": "Tue, 04 Feb 2025 10:00:00 GMT"},
        {"title": "The budget in full", "link": web.url("/files/budget.pdf"), "guid": "p1"},
        {"title": "Moved story", "link": web.url("/loop/a"), "guid": "l1"},
        {"title": "Live updates", "guid": "n1"},
    ]
    return web.route("/desk.rss", rss("The Daily Ledger", items), "application/rss+xml")


def test_ingest_a_feed_every_bad_item_one_line_and_the_batch_goes_on(web, runner, tmp_path):
    feed = serve_desk(web)
    db = tmp_path / "news.db"
    result = invoke(runner, "ingest", "--feed", feed, "--db", db)
    assert result.exit_code == 1, result.stderr
    lines = skipped(result)
    assert lines == [
        f"skipped [E605] {web.url('/files/budget.pdf')}: is a PDF, not a web page (give a web page or plain text)",
        f"skipped [E603] {web.url('/loop/a')}: redirect loop: {web.url('/loop/a')} -> {web.url('/loop/b')} -> {web.url('/loop/a')}",
        f"skipped [E611] {feed} item 5 (Live updates): the item has no link to an article",
    ]
    with Store(str(db)) as s:
        assert s.counts()["documents"] == 2
        kenya = [e for e in s.events() if {a.code for a in e.actor} == {"KEN", "ETH"}]
        assert kenya and kenya[0].published == "2025-03-15"  # the feed's date
        assert kenya[0].source.url == web.url("/world/kenya.html")


def test_a_feed_that_is_not_xml_and_a_private_address(web, runner, tmp_path):
    bad = web.route("/bad.rss", "<html><p>Feeds have moved", "text/html")
    page_url = web.route("/world/vietnam.html", page("Hotline", VIETNAM))
    env = dict(WEB_ENV, BILATERAL_FETCH_ALLOW_PRIVATE="false")
    result = invoke(runner, "ingest", "--feed", bad, page_url, "--db", tmp_path / "n.db", env=env)
    assert result.exit_code == 1
    first, second = skipped(result)
    assert first.startswith(f"skipped [E602] {page_url}: resolves to 127.0.0.1, a loopback address (set fetch_allow_private")
    assert second.startswith(f"skipped [E602] {bad}: ")
    result = invoke(runner, "ingest", "--feed", bad, page_url, "--db", tmp_path / "n.db")
    assert result.exit_code == 1
    [line] = skipped(result)
    assert line.startswith(f"skipped [E610] {bad}: not XML (") and line.endswith("(give the URL or path of an RSS or Atom feed)")


def test_ingest_urls_archives_opml_and_sitemaps_together(web, runner, tmp_path):
    from test_sitemaps import urlset

    feed = web.route("/asia.rss", rss("Asia", [{"title": "Hotline", "link": web.url("/asia/vn.html"), "guid": "v"}]), "application/rss+xml")
    web.route("/asia/vn.html", page("Hotline", VIETNAM))
    opml = tmp_path / "desk.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="Asia" xmlUrl="{feed}"/></body></opml>', "utf-8")
    web.route("/copy/kenya.html", page("Border post", KENYA_COPY))
    sitemap = web.route("/sitemap.xml", urlset(web.url("/copy/kenya.html"), news=True), "application/xml")
    warc = write_warc(tmp_path / "crawl.warc.gz")
    french = web.route("/fr/maroc.html", page("Rabat et Nouakchott", FRENCH))
    db = tmp_path / "all.db"
    result = invoke(runner, "ingest", warc, french, "--opml", opml, "--sitemap", sitemap, "--db", db)
    assert result.exit_code == 1, result.stderr
    assert skipped(result) == [f"skipped [E106] {french}: text is in another language (fr), not English (only English is coded)"]
    with Store(str(db)) as s:
        assert s.counts()["documents"] == 5  # three from the archive, one from the feed, one from the sitemap
        # The sitemap's copy of the Kenya report is the archive's story, told again.
        docs = {d for d in s.stories().values() for d in d}
        assert len(s.stories()) == 1 and len(docs) == 2
        [merged] = [e for e in s.events(merged=True) if e.event == "SUPPORT" and {a.code for a in e.actor} == {"KEN", "ETH"}]
        assert merged.num_articles == 2 and merged.num_mentions == 2 and merged.num_sources == 2
    assert "once reports of one event are merged" in result.stderr


def test_ingest_needs_something(runner, tmp_path):
    result = invoke(runner, "ingest", "--db", tmp_path / "x.db")
    assert result.exit_code == 2 and "nothing to ingest" in result.stderr


# -- watch ------------------------------------------------------------------------------------


def round_lines(result):
    return [ln for ln in result.stderr.splitlines() if ln.startswith("round ")]


def test_watch_ingests_only_new_items_and_remembers_them_across_restarts(web, runner, tmp_path):
    feed = serve_desk(web)
    db = tmp_path / "watch.db"
    result = invoke(runner, "watch", "--feed", feed, "--db", db, "--rounds", "2", "--interval", "0")
    assert result.exit_code == 1  # the PDF, the loop and the item without a link were named
    assert round_lines(result) == [
        "round 1: 5 items seen, 5 new, 2 coded, 3 failed",
        "round 2: 5 items seen, 0 new, 0 coded, 0 failed",
    ]
    assert len(skipped(result)) == 3
    # A new item appears; a restart remembers the old ones.
    web.route("/asia/vn.html", page("Hotline", VIETNAM))
    old = web.routes["/desk.rss"]["body"].decode()
    extra = f"<item><title>Hotline</title><link>{web.url('/asia/vn.html')}</link><guid>v1</guid></item>"
    web.route("/desk.rss", old.replace("</channel>", extra + "</channel>"), "application/rss+xml")
    result = invoke(runner, "watch", "--feed", feed, "--db", db, "--rounds", "1", "--interval", "0")
    assert result.exit_code == 0, result.stderr
    assert round_lines(result) == ["round 1: 6 items seen, 1 new, 1 coded, 0 failed"]
    with Store(str(db)) as s:
        assert s.counts()["documents"] == 3


def test_watch_backs_off_from_a_failing_feed_and_goes_on_with_the_others(web, runner, tmp_path):
    good = web.route("/asia.rss", rss("Asia", [{"title": "Hotline", "link": web.url("/asia/vn.html"), "guid": "v"}]), "application/rss+xml")
    web.route("/asia/vn.html", page("Hotline", VIETNAM))
    web.route("/down.rss", "", fail_first=1000)
    result = invoke(runner, "watch", "--feed", web.url("/down.rss"), "--feed", good, "--db", tmp_path / "w.db",
                    "--rounds", "5", "--interval", "0")
    assert result.exit_code == 1
    assert round_lines(result) == [
        "round 1: 1 items seen, 1 new, 1 coded, 1 failed",
        "round 2: 1 items seen, 0 new, 0 coded, 0 failed; backing off 1 feed(s)",
        "round 3: 1 items seen, 0 new, 0 coded, 1 failed",
        "round 4: 1 items seen, 0 new, 0 coded, 0 failed; backing off 1 feed(s)",
        "round 5: 1 items seen, 0 new, 0 coded, 0 failed; backing off 1 feed(s)",
    ]
    assert web.count("/down.rss") == 2  # rounds 1 and 3; then 2 rounds off
    assert sum("[E600]" in ln and "HTTP 500" in ln for ln in skipped(result)) == 2


def test_watch_needs_feeds_and_reads_them_from_the_config(web, runner, tmp_path):
    result = invoke(runner, "watch", "--db", tmp_path / "w.db", "--rounds", "1")
    assert result.exit_code == 2 and "[E640] watch: no feeds to watch" in result.stderr
    feed = web.route("/asia.rss", rss("Asia", []), "application/rss+xml")
    cfg = tmp_path / "bilateral.toml"
    cfg.write_text(f'[watch]\nfeeds = ["{feed}"]\ninterval = 0\n', "utf-8")
    result = invoke(runner, "watch", "--db", tmp_path / "w.db", "--rounds", "1", env=dict(WEB_ENV, BILATERAL_CONFIG=str(cfg)))
    assert result.exit_code == 0, result.stderr
    assert round_lines(result) == ["round 1: 0 items seen, 0 new, 0 coded, 0 failed"]


def test_watch_stops_cleanly_on_sigterm(web, tmp_path):
    feed = web.route("/asia.rss", rss("Asia", [{"title": "Hotline", "link": web.url("/asia/vn.html"), "guid": "v"}]), "application/rss+xml")
    web.route("/asia/vn.html", page("Hotline", VIETNAM))
    env = dict(os.environ, **WEB_ENV)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bilateral.interfaces.cli", "watch", "--feed", feed, "--db", str(tmp_path / "sig.db"), "--interval", "300"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 120
        for line in proc.stderr:  # type: ignore[union-attr]
            lines.append(line.rstrip())
            if line.startswith("round 1:") or time.monotonic() > deadline:
                break
        assert lines[-1] == "round 1: 1 items seen, 1 new, 1 coded, 0 failed", lines
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=30)  # the 300-second wait ends at once
        rest = proc.stderr.read().splitlines()  # type: ignore[union-attr]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rc == 0
    assert rest == ["SIGTERM: stopped after the item in hand", "stopped after 1 round(s); 0 failure(s) in all"]
    with Store(str(tmp_path / "sig.db")) as s:
        assert s.counts()["documents"] == 1
