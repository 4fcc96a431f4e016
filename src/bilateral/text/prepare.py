"""Raw input → Document: decode, extract web pages, clean, check the language, give an id."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

from charset_normalizer import from_bytes

from ..config import Config
from ..errors import (
    BadDate,
    BinaryDocument,
    EmptyDocument,
    NoArticleText,
    NotEnglish,
    UndetectableEncoding,
)
from ..records import Document, Source
from ..sources.readers import RawInput
from .clean import clean_text
from .dates_meta import normalise_published

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"BZh")
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<\?xml)", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def decode(origin: str, data: bytes) -> str:
    """Bytes → str, refusing binaries and text whose encoding cannot be told."""
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise BinaryDocument(origin, "binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    # A guess with much "chaos" is noise decoded as text: refuse it rather than code it.
    if best is None or best.chaos > 0.2:
        raise UndetectableEncoding(origin, "cannot tell the text encoding")
    return str(best)


def doc_id_for(text: str) -> str:
    """Stable id from the normalised content: the same article always gets the same id."""
    return "d-" + hashlib.sha256(_SPACE.sub(" ", text).strip().lower().encode()).hexdigest()[:10]


def _extract_html(origin: str, html: str, url: str | None) -> tuple[str, dict]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        # htmldate's extensive search takes a footer's "(c) 2023" for the date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        raise NoArticleText(origin, "no article text found in the web page")
    d = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = d.get("text") or ""
    # trafilatura puts one paragraph per line; make each its own block for cleaning.
    text = re.sub(r"\n+", "\n\n", text)
    meta = {"title": d.get("title"), "published": d.get("date"), "url": d.get("url"), "site": d.get("sitename") or d.get("hostname")}
    return text, {k: v for k, v in meta.items() if v}


def _has_prose(text: str) -> bool:
    """True when some line is a sentence (five words or more, closing punctuation)."""
    return any(len(ln.split()) >= 5 and _SENTENCE_END.search(ln.rstrip()) for ln in text.split("\n"))


def _looks_like_title(line: str) -> bool:
    return 0 < len(line) <= 150 and not line.rstrip().endswith((".", "?", "!", ":", ";", ","))


def prepare(raw: RawInput, config: Config, published: str | None = None) -> Document:
    """Clean one raw input into a Document, or raise the InputError that says why not.

    `published` is the date for documents that carry none (the CLI's --published).
    """
    text = decode(raw.origin, raw.data) if isinstance(raw.data, bytes) else raw.data
    kind = raw.kind
    if kind == "auto":
        kind = "html" if _HTML_SNIFF.match(text.encode("utf-8", "ignore")[:512]) else "text"
    meta = dict(raw.meta)
    if kind == "html":
        body, html_meta = _extract_html(raw.origin, text, meta.get("url"))
        for k, v in html_meta.items():
            meta.setdefault(k, v)
    else:
        body = text
    if not body.strip():
        raise EmptyDocument(raw.origin, "empty document")
    cleaned = clean_text(body)
    if len(cleaned) < config.min_chars:
        raise NoArticleText(raw.origin, f"only {len(cleaned)} characters of article text after cleaning")
    if kind == "html" and not _has_prose(cleaned):
        # The extractor's fallbacks return a page's menus and footer links when it has no article.
        raise NoArticleText(raw.origin, "no article text found in the web page, only menus, links or headings")
    if len(cleaned) >= config.language_min_chars:
        lang = detect_language(cleaned)
        if lang != "en":
            raise NotEnglish(raw.origin, f"text is in another language ({lang}), not English")
    pub = meta.get("published") or published
    if pub:
        try:
            pub = normalise_published(pub)
        except ValueError:
            raise BadDate(raw.origin, f"publication date is not a date: {pub!r}") from None
    title = meta.get("title")
    if not title and "\n" in cleaned:
        # a line standing apart at the top, with more text below, is the headline; a one-
        # or two-word section label above it ("World") is not
        lines = [ln.strip() for ln in cleaned.split("\n") if ln.strip()][:3]
        heads = [ln for ln in lines[:-1] if _looks_like_title(ln) and len(ln.split()) >= 3]
        title = heads[0] if heads else None
    url = meta.get("url")
    site = meta.get("site") or (urlparse(url).hostname if url else None)
    return Document(
        doc_id=doc_id_for(cleaned),
        text=cleaned,
        published=pub,
        source=Source(url=url, title=title, site=site),
        origin=raw.origin,
    )


def detect_language(text: str) -> str:
    import py3langid

    return py3langid.classify(text[:3000])[0]
