"""sources.sitemaps: urlsets, indexes, news sitemaps and gzip, from a server on loopback."""

from __future__ import annotations

import gzip

import pytest

from bilateral.errors import BadSitemap
from bilateral.sources import Spec, read_inputs
from bilateral.sources.fetch import Fetcher
from bilateral.sources.sitemaps import SitemapEntry, read_sitemap

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def urlset(*urls: str, news: bool = False) -> str:
    body = ""
    for u in urls:
        extra = (
            "<news:news><news:publication><news:name>The Daily Ledger</news:name><news:language>en</news:language>"
            "</news:publication><news:publication_date>2025-03-15T07:30:00+00:00</news:publication_date>"
            "<news:title>Kenya and Ethiopia open border post</news:title></news:news>"
            if news else "<lastmod>2025-02-04</lastmod>"
        )
        body += f"<url><loc>{u}</loc>{extra}</url>"
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS} {NEWS}>{body}</urlset>'


@pytest.fixture
def fetcher(web_config):
    with Fetcher(web_config) as f:
        yield f


def entries(url, fetcher, max_urls=100):
    return list(read_sitemap(url, fetcher, 1_000_000, max_urls))


def test_a_urlset_gives_its_pages_with_lastmod(web, fetcher):
    url = web.route("/sitemap.xml", urlset(web.url("/a.html"), web.url("/b.html")), "application/xml")
    out = entries(url, fetcher)
    assert out == [SitemapEntry(url, web.url("/a.html"), "2025-02-04", None), SitemapEntry(url, web.url("/b.html"), "2025-02-04", None)]


def test_a_news_sitemap_gives_date_and_title(web, fetcher):
    url = web.route("/news-sitemap.xml", urlset(web.url("/kenya.html"), news=True), "text/xml")
    [e] = entries(url, fetcher)
    assert e.published == "2025-03-15" and e.title == "Kenya and Ethiopia open border post"


def test_an_index_is_followed_to_its_sitemaps_gzipped_or_not(web, fetcher):
    one = web.route("/s1.xml", urlset(web.url("/1.html")), "application/xml")
    two = web.route("/s2.xml.gz", gzip.compress(urlset(web.url("/2.html"), web.url("/3.html")).encode()), "application/gzip")
    index = web.route(
        "/index.xml",
        f'<?xml version="1.0"?><sitemapindex {NS}><sitemap><loc>{one}</loc></sitemap><sitemap><loc>{two}</loc></sitemap></sitemapindex>',
        "application/xml",
    )
    assert [e.url for e in entries(index, fetcher)] == [web.url(f"/{i}.html") for i in (1, 2, 3)]
    assert [e.url for e in entries(index, fetcher, max_urls=2)] == [web.url("/1.html"), web.url("/2.html")]


def test_an_index_that_names_itself_is_read_once(web, fetcher):
    url = web.url("/self.xml")
    web.route("/self.xml", f'<?xml version="1.0"?><sitemapindex {NS}><sitemap><loc>{url}</loc></sitemap></sitemapindex>', "text/xml")
    assert entries(url, fetcher) == [] and web.count("/self.xml") == 1


@pytest.mark.parametrize(
    "body, ctype, words",
    [
        ("<html><body>Sitemap</body>", "text/html", "not XML"),
        ("<?xml version='1.0'?><rss version='2.0'/>", "application/xml", "the root element is <rss>"),
        (b"\x1f\x8b\x08\x00broken", "application/gzip", "broken gzip"),
    ],
)
def test_bad_sitemaps_are_one_line_each(web, fetcher, body, ctype, words):
    url = web.route("/bad.xml", body, ctype)
    [err] = entries(url, fetcher)
    assert isinstance(err, BadSitemap) and str(err).startswith(f"[E620] {url}: ") and words in str(err)


def test_a_sitemap_source_fetches_its_pages_and_a_missing_one_is_named(web, web_config):
    from news_pages import KENYA, page

    web.route("/kenya.html", page("Border post", KENYA))
    url = web.route("/news-sitemap.xml", urlset(web.url("/kenya.html"), web.url("/gone.html"), news=True), "text/xml")
    ok, missing = read_inputs([Spec("sitemap", url)], max_bytes=1_000_000, config=web_config)
    assert ok.meta["published"] == "2025-03-15" and ok.meta["title"] == "Kenya and Ethiopia open border post"
    assert str(missing).startswith(f"[E600] {web.url('/gone.html')}: HTTP 404")
