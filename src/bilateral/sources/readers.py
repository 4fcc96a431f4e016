"""Sources → raw inputs. Walks paths, folders, JSON Lines, stdin, URLs, feeds, OPML
lists, sitemaps and web archives (WARC/ARC).

Readers never raise for a bad document: they yield the InputError in its place, so a
batch goes on past it and the caller decides what to report.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Iterable, Iterator

from ..errors import BadDate, BadJsonLine, EmptyDocument, InputError, MissingPath, OversizedDocument
from .warc import is_archive, read_archive

if TYPE_CHECKING:
    from ..config import Config
    from .fetch import Fetcher

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SOURCE_KINDS = ("path", "feed", "opml", "sitemap")


@dataclass(frozen=True)
class Spec:
    """A source named by kind: a feed, an OPML list or a sitemap (a plain string is a path or URL)."""

    kind: str
    target: str

    def __post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {self.kind!r}")


@dataclass(frozen=True)
class RawInput:
    """One document as read, before any cleaning."""

    origin: str
    data: bytes | str
    kind: str  # "text", "html" or "auto" (sniffed from the content)
    meta: dict[str, Any] = field(default_factory=dict)  # id, published, url, title, site


def read_inputs(
    paths: Iterable[str | Spec],
    *,
    max_bytes: int,
    stdin: BinaryIO | None = None,
    config: "Config | None" = None,
    fetcher: "Fetcher | None" = None,
) -> Iterator[RawInput | InputError]:
    """Yield a RawInput (or the InputError that replaces it) for every document named.

    Anything on the web is fetched with one Fetcher (made from `config` on first need).
    """
    web = _Web(config, fetcher, max_bytes)
    try:
        for p in paths:
            if isinstance(p, Spec) and p.kind != "path":
                yield from web.read(p)
                continue
            p = p.target if isinstance(p, Spec) else p
            if p == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield from _read_bytes("<stdin>", stream.read(max_bytes + 1), "auto", max_bytes)
            elif p.startswith(("http://", "https://")):
                yield web.page(p)
            elif is_archive(p):
                yield from read_archive(p, max_bytes)
            else:
                yield from _read_path(Path(p), max_bytes)
    finally:
        web.close()


class _Web:
    """Feeds, OPML, sitemaps and pages, through one Fetcher made on first need."""

    def __init__(self, config: "Config | None", fetcher: "Fetcher | None", max_bytes: int):
        self.config, self._fetcher, self._own = config, fetcher, False
        self.max_bytes = max_bytes

    @property
    def fetcher(self) -> "Fetcher":
        if self._fetcher is None:
            from ..config import load_config
            from .fetch import Fetcher

            self._fetcher, self._own = Fetcher(self.config or load_config()), True
        return self._fetcher

    def close(self) -> None:
        if self._own and self._fetcher is not None:
            self._fetcher.close()

    def page(self, url: str, meta: dict[str, Any] | None = None, origin: str | None = None) -> RawInput | InputError:
        return fetch_page(self.fetcher, url, self.max_bytes, meta, origin)

    def read(self, spec: Spec) -> Iterator[RawInput | InputError]:
        from .feeds import FeedItem, read_feed, read_opml
        from .sitemaps import read_sitemap

        if spec.kind == "opml":
            try:
                feeds = read_opml(spec.target, self.max_bytes)
            except InputError as exc:
                yield exc
                return
            for feed in feeds:
                yield from self.read(Spec("feed", feed))
        elif spec.kind == "feed":
            for item in read_feed(spec.target, self.fetcher, self.max_bytes):
                if isinstance(item, FeedItem):
                    yield self.page(item.link, item_meta(item), origin=item.link)  # type: ignore[arg-type]
                else:
                    yield item
        elif spec.kind == "sitemap":
            max_urls = self.config.fetch_max_urls if self.config else 1000
            for entry in read_sitemap(spec.target, self.fetcher, self.max_bytes, max_urls):
                if isinstance(entry, InputError):
                    yield entry
                    continue
                meta = {k: v for k, v in (("published", entry.published), ("title", entry.title)) if v}
                yield self.page(entry.url, meta)


def item_meta(item) -> dict[str, Any]:
    """What a feed item says of its article: the date and title win over the page's."""
    return {k: v for k, v in (("published", item.published), ("title", item.title)) if v}


def fetch_page(
    fetcher: "Fetcher", url: str, max_bytes: int, meta: dict[str, Any] | None = None, origin: str | None = None
) -> RawInput | InputError:
    """One web page as a RawInput, or the InputError (E1xx/E6xx) that says why not."""
    try:
        got = fetcher.fetch(url, max_bytes=max_bytes)
    except InputError as exc:
        return exc
    kind = "text" if got.content_type == "text/plain" else "html" if got.content_type else "auto"
    return RawInput(origin or url, got.data, kind, {"url": got.final_url, **(meta or {})})


def _read_path(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    if path.is_dir():
        # Skip dotfiles and anything under a hidden folder (.git, .ipynb_checkpoints, ...).
        files = sorted(
            f for f in path.rglob("*")
            if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts)
        )
        for f in files:
            if f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                yield from _read_file(f, max_bytes)
        return
    if not path.exists():
        yield MissingPath(str(path), "no such file or folder")
        return
    yield from _read_file(path, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield OversizedDocument(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield MissingPath(str(path), f"cannot read: {exc.strerror or exc}")
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "auto"
    yield from _read_bytes(str(path), data, kind, max_bytes)


def _read_bytes(origin: str, data: bytes, kind: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    if len(data) > max_bytes:
        yield OversizedDocument(origin, f"input is over the limit of {max_bytes:,} bytes")
    elif not data.strip():
        yield EmptyDocument(origin, "empty document")
    else:
        yield RawInput(origin, data, kind)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield MissingPath(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        # Stream line by line: a JSON Lines file may be far larger than memory.
        for n, raw in enumerate(fh, start=1):
            origin = f"{path}:{n}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield OversizedDocument(origin, f"line is over the limit of {max_bytes:,} bytes")
                continue
            yield _parse_json_doc(origin, raw)


def _parse_json_doc(origin: str, raw: bytes) -> RawInput | InputError:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return BadJsonLine(origin, f"not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
    if not isinstance(obj, dict):
        return BadJsonLine(origin, "a line must hold a JSON object")
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        return BadJsonLine(origin, 'the object has neither "text" nor "html"')
    body = html if html is not None else text
    if not isinstance(body, str):
        return BadJsonLine(origin, '"text"/"html" must be a string')
    meta = {k: obj[k] for k in ("id", "published", "url", "title", "site") if obj.get(k) is not None}
    for k, v in meta.items():
        if not isinstance(v, str):
            return BadJsonLine(origin, f'"{k}" must be a string')
    if "published" in meta:
        from ..text.dates_meta import normalise_published

        try:
            meta["published"] = normalise_published(meta["published"])
        except ValueError:
            return BadDate(origin, f'"published" is not a date: {meta["published"]!r}')
    if not body.strip():
        return EmptyDocument(origin, "empty document")
    name = f"{origin} ({meta['id']})" if "id" in meta else origin
    return RawInput(name, body, "html" if html is not None else "text", meta)
