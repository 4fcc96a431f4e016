"""Sources → feeds: RSS and Atom (feedparser) and OPML lists of feeds.

A feed is read into FeedItems (link, id, title, date); each item's page is then fetched
like any URL. A feed that is not XML, or an item without a link, is one InputError in
the stream and the rest goes on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException

from ..errors import BadFeed, BadOpml, FeedItemNoLink, InputError, MissingPath
from .fetch import XML_TYPES, Fetcher


@dataclass(frozen=True)
class FeedItem:
    feed: str  # the feed's URL or path, as given
    key: str  # what identifies the item across polls: its id (guid), else its link
    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD from the item, where it has one
    site: str | None  # the feed's title

    def label(self, n: int) -> str:
        title = f" ({self.title[:60]})" if self.title else ""
        return f"{self.feed} item {n}{title}"


def load_feed_bytes(source: str, fetcher: Fetcher, max_bytes: int) -> bytes:
    """The feed's bytes from a URL or a local path."""
    if source.startswith(("http://", "https://")):
        return fetcher.fetch(source, accept=XML_TYPES, max_bytes=max_bytes).data
    path = Path(source)
    if not path.is_file():
        raise MissingPath(source, "no such feed file")
    if path.stat().st_size > max_bytes:
        raise BadFeed(source, f"the file is over the limit of {max_bytes:,} bytes")
    return path.read_bytes()


def parse_feed(source: str, data: bytes) -> tuple[list[FeedItem], str | None]:
    """Items of an RSS or Atom feed (an item without a link has link None); BadFeed if it is none."""
    # feedparser is lenient and never raises: decide here whether this is a feed at all.
    # defusedxml also refuses entity tricks (billion laughs, external entities) first.
    well_formed = True
    try:
        SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise BadFeed(source, f"unsafe XML refused ({exc.__class__.__name__})") from None
    except ParseError as exc:
        well_formed = False
        reason = f"not XML ({exc})"
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (not well_formed or not parsed.version):
        raise BadFeed(source, reason if not well_formed else "XML, but not an RSS or Atom feed")
    site = parsed.feed.get("title") or None
    items: list[FeedItem] = []
    for n, entry in enumerate(parsed.entries, start=1):
        link = _absolute(source, entry.get("link") or _enclosure_page(entry))
        title = (entry.get("title") or "").strip() or None
        # An item is known again by its id (guid), else its link, else its title.
        key = entry.get("id") or link or (f"title:{title}" if title else f"item:{n}")
        items.append(FeedItem(source, key, link, title, _published(entry), site))
    return items, site


def no_link(item: FeedItem, n: int) -> FeedItemNoLink:
    return FeedItemNoLink(item.label(n), "the item has no link to an article")


def _absolute(source: str, link: str | None) -> str | None:
    """An http(s) URL, resolved against the feed's own URL; else None (a bare guid is no link)."""
    if not link:
        return None
    link = link.strip()
    if source.startswith(("http://", "https://")) and link.startswith("/"):
        link = urljoin(source, link)
    return link if link.startswith(("http://", "https://")) else None


def _enclosure_page(entry) -> str | None:
    for ln in entry.get("links", []):
        if ln.get("rel") in (None, "alternate") and ln.get("href"):
            return ln["href"]
    return None


def _published(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
            except (AttributeError, ValueError):
                continue
    return None


def read_feed(source: str, fetcher: Fetcher, max_bytes: int) -> Iterator[FeedItem | InputError]:
    """Every item of a feed; the feed's own failure is one InputError."""
    try:
        items, _ = parse_feed(source, load_feed_bytes(source, fetcher, max_bytes))
    except InputError as exc:
        yield exc
        return
    for n, item in enumerate(items, start=1):
        yield item if item.link else no_link(item, n)


def read_opml(path: str, max_bytes: int) -> list[str]:
    """The feed URLs an OPML file lists (every outline with an xmlUrl, nested or not)."""
    p = Path(path)
    if not p.is_file():
        raise MissingPath(path, "no such OPML file")
    if p.stat().st_size > max_bytes:
        raise BadOpml(path, f"the file is over the limit of {max_bytes:,} bytes")
    try:
        root = SafeET.fromstring(p.read_bytes())
    except DefusedXmlException as exc:
        raise BadOpml(path, f"unsafe XML refused ({exc.__class__.__name__})") from None
    except ParseError as exc:
        raise BadOpml(path, f"not XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise BadOpml(path, f"the root element is <{root.tag}>, not <opml>")
    urls = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url and url.strip() and url.strip() not in urls:
            urls.append(url.strip())
    if not urls:
        raise BadOpml(path, "no outline carries a feed URL (xmlUrl)")
    return urls
