"""sources.feeds: RSS, Atom and OPML, read from a server on loopback and from files."""

from __future__ import annotations

import pytest
from news_pages import atom, rss

from bilateral.errors import BadFeed, BadOpml, FeedItemNoLink, MissingPath
from bilateral.sources import RawInput, Spec, read_inputs
from bilateral.sources.feeds import FeedItem, parse_feed, read_feed, read_opml
from bilateral.sources.fetch import Fetcher

RSS_ITEMS = [
    {"title": "Kenya and Ethiopia open border post", "link": "/world/kenya.html", "guid": "ledger-101", "date": "Sat, 15 Mar 2025 07:30:00 GMT"},
    {"title": "Chile and Argentina talk glaciers", "link": "/world/chile.html", "guid": "ledger-102", "date": "Tue, 04 Feb 2025 10:00:00 GMT"},
    {"title": "Live: reactions from the region", "guid": "ledger-103", "summary": "Updates as they come"},
]


@pytest.fixture
def fetcher(web_config):
    with Fetcher(web_config) as f:
        yield f


def _rss(web):
    items = [dict(i, link=web.url(i["link"])) if i.get("link") else i for i in RSS_ITEMS]
    return web.route("/world.rss", rss("The Daily Ledger: World", items), "application/rss+xml")


def test_rss_items_carry_link_key_title_and_date(web, fetcher):
    url = _rss(web)
    items = list(read_feed(url, fetcher, 1_000_000))
    a, b, c = items
    assert isinstance(a, FeedItem) and a.link == web.url("/world/kenya.html") and a.key == "ledger-101"
    assert a.title == "Kenya and Ethiopia open border post" and a.published == "2025-03-15"
    assert b.published == "2025-02-04"
    # The item without a link: one clear line naming the feed, the item and the reason.
    assert isinstance(c, FeedItemNoLink)
    assert str(c) == f"[E611] {url} item 3 (Live: reactions from the region): the item has no link to an article"


def test_atom_feed(web, fetcher):
    url = web.route("/asia.atom", atom("Asia desk", [
        {"title": "Hotline for coast guards", "link": web.url("/asia/vn.html"), "id": "tag:ledger,2025:7", "updated": "2025-01-21T06:00:00Z"},
    ]), "application/atom+xml")
    [item] = read_feed(url, fetcher, 1_000_000)
    assert item.link == web.url("/asia/vn.html") and item.key == "tag:ledger,2025:7" and item.published == "2025-01-21"


def test_a_feed_that_is_not_xml_is_one_clear_line(web, fetcher):
    url = web.route("/broken.rss", "<html><body><p>Our feeds have moved.</p>", "text/html")
    [err] = read_feed(url, fetcher, 1_000_000)
    assert isinstance(err, BadFeed)
    assert str(err).startswith(f"[E610] {url}: not XML (")
    assert "\n" not in str(err)


def test_xml_that_is_not_a_feed(web, fetcher):
    url = web.route("/data.xml", "<?xml version='1.0'?><catalogue><book>Atlas</book></catalogue>", "application/xml")
    [err] = read_feed(url, fetcher, 1_000_000)
    assert isinstance(err, BadFeed) and "XML, but not an RSS or Atom feed" in str(err)


def test_entity_expansion_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>'
    with pytest.raises(BadFeed, match="unsafe XML refused"):
        parse_feed("bomb.rss", bomb)


def test_a_feed_file_and_a_missing_one(tmp_path, fetcher):
    f = tmp_path / "saved.rss"
    f.write_text(rss("Saved", [{"title": "One", "link": "http://news.example/one", "guid": "1"}]), "utf-8")
    [item] = read_feed(str(f), fetcher, 1_000_000)
    assert item.link == "http://news.example/one"
    [err] = read_feed(str(tmp_path / "nope.rss"), fetcher, 1_000_000)
    assert isinstance(err, MissingPath)


def test_feed_items_become_raw_inputs_and_the_batch_goes_on(web, web_config):
    from news_pages import CHILE, KENYA, page

    web.route("/world/kenya.html", page("Border post opens", KENYA))
    web.route("/world/chile.html", b"%PDF-1.5", "application/pdf")
    url = _rss(web)
    out = list(read_inputs([Spec("feed", url)], max_bytes=1_000_000, config=web_config))
    assert [type(x).__name__ for x in out] == ["RawInput", "WrongContentType", "FeedItemNoLink"]
    raw = out[0]
    assert isinstance(raw, RawInput) and raw.origin == web.url("/world/kenya.html")
    assert raw.meta == {"url": web.url("/world/kenya.html"), "published": "2025-03-15", "title": "Kenya and Ethiopia open border post"}
    assert str(out[1]).startswith(f"[E605] {web.url('/world/chile.html')}: is a PDF, not a web page")
    assert CHILE  # the PDF stands where Chile's article would be


# -- OPML -----------------------------------------------------------------------------------


OPML = """<?xml version="1.0"?><opml version="2.0"><head><title>Desk</title></head><body>
<outline text="World"><outline text="Ledger" type="rss" xmlUrl="{a}"/><outline text="Asia" type="rss" xmlUrl="{b}"/></outline>
<outline text="Ledger again" type="rss" xmlUrl="{a}"/></body></opml>"""


def test_opml_lists_its_feeds_once_each(tmp_path):
    f = tmp_path / "desk.opml"
    f.write_text(OPML.format(a="http://news.example/world.rss", b="http://news.example/asia.atom"), "utf-8")
    assert read_opml(str(f), 100_000) == ["http://news.example/world.rss", "http://news.example/asia.atom"]


@pytest.mark.parametrize(
    "content, words",
    [
        ("<opml><body><outline", "not XML"),
        ("<rss version='2.0'><channel/></rss>", "the root element is <rss>, not <opml>"),
        ("<opml version='2.0'><body><outline text='empty'/></body></opml>", "no outline carries a feed URL"),
    ],
)
def test_bad_opml(tmp_path, content, words):
    f = tmp_path / "bad.opml"
    f.write_text(content, "utf-8")
    with pytest.raises(BadOpml, match=words) as exc:
        read_opml(str(f), 100_000)
    assert str(exc.value).startswith(f"[E612] {f}: ")


def test_opml_source_reads_every_feed_and_goes_on_past_a_bad_one(web, web_config, tmp_path):
    from news_pages import KENYA, page

    web.route("/world/kenya.html", page("Border post opens", KENYA))
    good = web.route("/one.rss", rss("One", [{"title": "Kenya", "link": web.url("/world/kenya.html"), "guid": "k"}]), "application/rss+xml")
    bad = web.route("/two.rss", "not a feed at all", "text/plain")
    f = tmp_path / "desk.opml"
    f.write_text(OPML.format(a=bad, b=good), "utf-8")
    out = list(read_inputs([Spec("opml", str(f))], max_bytes=1_000_000, config=web_config))
    assert [type(x).__name__ for x in out] == ["BadFeed", "RawInput"]
    assert out[0].doc == bad
