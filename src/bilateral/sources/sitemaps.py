"""Sources → sitemaps: urlsets, sitemap indexes and Google News sitemaps, gzipped or not.

The XML is parsed with defusedxml (sitemaps come from strangers). An index is followed
to its sitemaps, one level deep at a time, up to `fetch_max_urls` page URLs in all.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from typing import Iterator
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import BadSitemap, InputError
from ..text.dates_meta import normalise_published
from .fetch import XML_TYPES, Fetcher

MAX_DEPTH = 3  # an index of indexes of sitemaps, and no deeper


@dataclass(frozen=True)
class SitemapEntry:
    sitemap: str
    url: str
    published: str | None  # news:publication_date, else lastmod (YYYY-MM-DD)
    title: str | None  # news:title


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _gunzip(source: str, data: bytes, max_bytes: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise BadSitemap(source, f"broken gzip ({exc})") from None
    if len(out) > max_bytes:
        raise BadSitemap(source, f"unpacks to over {max_bytes:,} bytes")
    return out


def parse_sitemap(source: str, data: bytes) -> tuple[str, list]:
    """("urlset", [SitemapEntry]) or ("sitemapindex", [child sitemap URLs])."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise BadSitemap(source, f"unsafe XML refused ({exc.__class__.__name__})") from None
    except ParseError as exc:
        raise BadSitemap(source, f"not XML ({exc})") from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        locs = [(_text(sm, "loc")) for sm in root if _local(sm.tag) == "sitemap"]
        return kind, [u for u in locs if u]
    if kind != "urlset":
        raise BadSitemap(source, f"the root element is <{kind}>, not <urlset> or <sitemapindex>")
    entries = []
    for url in root:
        if _local(url.tag) != "url":
            continue
        loc = _text(url, "loc")
        if not loc:
            continue
        news_date = news_title = None
        for child in url.iter():
            name = _local(child.tag)
            if name == "publication_date" and child.text:
                news_date = child.text.strip()
            elif name == "title" and child.text:
                news_title = child.text.strip()
        entries.append(SitemapEntry(source, loc, _date(news_date or _text(url, "lastmod")), news_title))
    return kind, entries


def _text(el, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_published(value[:10])
    except ValueError:
        return None


def read_sitemap(source: str, fetcher: Fetcher, max_bytes: int, max_urls: int) -> Iterator[SitemapEntry | InputError]:
    """Page entries of a sitemap or sitemap index; each sitemap that fails is one InputError."""
    queue: list[tuple[str, int]] = [(source, 0)]
    seen: set[str] = set()
    given = 0
    while queue and given < max_urls:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            data = _gunzip(url, fetcher.fetch(url, accept=XML_TYPES, max_bytes=max_bytes).data, max_bytes)
            kind, items = parse_sitemap(url, data)
        except InputError as exc:
            yield exc
            continue
        if kind == "sitemapindex":
            if depth + 1 >= MAX_DEPTH:
                yield BadSitemap(url, f"sitemap indexes nested deeper than {MAX_DEPTH} levels")
                continue
            queue.extend((u, depth + 1) for u in items)
            continue
        for entry in items:
            if given >= max_urls:
                break
            given += 1
            yield entry
